"""HTML of the chat UI's conversation: each answer with its own numbered, expandable sources and its actions.

Everything from answers and documents is escaped; the only markup is the one built here from the answer's blocks
(paragraphs, lists, tables) and citation marks. Internal corpus paths are never shown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from assistant.export.blocks import parse_blocks, segments
from assistant.export.text import copy_text, plain_answer, source_label, stand_label
from assistant.models import Answer, Citation, Suggestion

PENDING = "Einen Moment bitte …"
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class ChatTurn:
    message_id: str
    question: str
    answer: Answer | None = None  # None while the answer is being written
    streamed: str = ""  # Markdown received so far
    error: str | None = None


def inline_html(text: str, message_id: str, known: set[int]) -> str:
    """Escaped text; [n] becomes a link to source n of this answer (numbers without a source stay text)."""
    out = []
    for piece in segments(text):
        if isinstance(piece, int) and piece in known:
            out.append(
                f'<a class="ikz-cite" href="#{message_id}-q{piece}" data-ikz-cite '
                f'aria-label="Quelle {piece}">[{piece}]</a>'
            )
        else:
            out.append(e(f"[{piece}]" if isinstance(piece, int) else piece))
    return "".join(out)


def markdown_html(text: str, message_id: str, known: set[int]) -> str:
    parts = []
    for block in parse_blocks(text):
        if block.kind == "paragraph":
            parts.append(f"<p>{inline_html(' '.join(block.lines), message_id, known)}</p>")
        elif block.kind == "list":
            items = "".join(f"<li>{inline_html(line, message_id, known)}</li>" for line in block.lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            rows = block.rows
            head = "".join(f'<th scope="col">{inline_html(c, message_id, known)}</th>' for c in rows[0])
            body = "".join(
                "<tr>" + "".join(f"<td>{inline_html(c, message_id, known)}</td>" for c in row) + "</tr>"
                for row in rows[1:]
            )
            parts.append(
                f'<div class="ikz-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
            )
    return "".join(parts)


def highlighted(passage: str, sentences: list[str]) -> str:
    """The passage, escaped, with the cited sentences marked (whitespace may differ between the two)."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        words = sentence.split()
        if not words:
            continue
        match = re.search(r"\s+".join(re.escape(w) for w in words), passage)
        if match and not any(s < match.end() and match.start() < t for s, t in spans):
            spans.append(match.span())
    out, position = [], 0
    for start, end in sorted(spans):
        out.append(e(passage[position:start]))
        out.append(f"<mark>{e(passage[start:end])}</mark>")
        position = end
    out.append(e(passage[position:]))
    return "".join(out)


def _link(url: str | None, domain: str | None) -> str:
    if not url or not _SAFE_URL.match(url):
        return ""
    return (
        f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer">{e(domain or url)}'
        '<span class="ikz-sr"> (öffnet in neuem Fenster)</span></a>'
    )


def _meta(item: Citation | Suggestion) -> str:
    parts = []
    if item.stand:
        parts.append(f"Stand: {e(stand_label(item.stand))}")
    link = _link(item.source_url, item.source_domain)
    if link:
        parts.append(f"Quelle: {link}")
    return f'<p class="ikz-meta">{" · ".join(parts)}</p>' if parts else ""


def _label(item: Citation | Suggestion) -> str:
    return e(source_label(item))


def sources_html(answer: Answer, message_id: str) -> str:
    if answer.citations:
        cited: dict[int, list[str]] = {}
        for sentence in answer.sentences:
            if sentence.verified:
                for n in sentence.citations:
                    cited.setdefault(n, []).append(sentence.text)
        items = "".join(
            f'<li id="{message_id}-q{c.n}"><details><summary><span class="ikz-n">[{c.n}]</span> {_label(c)}'
            f'</summary><blockquote class="ikz-passage">{highlighted(c.snippet, cited.get(c.n, []))}'
            f"</blockquote></details>{_meta(c)}</li>"
            for c in answer.citations
        )
        return (
            f'<h3 class="ikz-sources-title" id="{message_id}-quellen">Quellen</h3>'
            f'<ol class="ikz-sources" aria-labelledby="{message_id}-quellen">{items}</ol>'
        )
    if answer.suggestions:
        items = "".join(
            f"<li><details><summary>{_label(s)}</summary>"
            f'<blockquote class="ikz-passage">{e(s.snippet)}</blockquote></details>{_meta(s)}</li>'
            for s in answer.suggestions
        )
        return (
            f'<h3 class="ikz-sources-title" id="{message_id}-quellen">Mögliche Quellen</h3>'
            f'<ul class="ikz-sources ikz-suggestions" aria-labelledby="{message_id}-quellen">{items}</ul>'
        )
    return ""


def _actions(answer: Answer, message_id: str) -> str:
    return (
        '<div class="ikz-actions">'
        f'<button type="button" class="ikz-action" data-ikz-copy="{e(copy_text(answer))}">Mit Quellen kopieren</button>'
        '<button type="button" class="ikz-action ikz-rate" data-ikz-rate="up" aria-pressed="false">Hilfreich</button>'
        '<button type="button" class="ikz-action ikz-rate" data-ikz-rate="down" aria-pressed="false">'
        "Nicht hilfreich</button>"
        '<span class="ikz-status" role="status"></span>'
        "</div>"
        f'<form class="ikz-comment" hidden><label for="{message_id}-kommentar">Was hat gefehlt? (freiwillig, '
        "ohne persönliche Daten)</label>"
        f'<textarea id="{message_id}-kommentar" maxlength="2000" rows="2"></textarea>'
        '<button type="submit" class="ikz-action">Rückmeldung senden</button></form>'
    )


def turn_html(turn: ChatTurn) -> str:
    mid = turn.message_id
    question = f'<h2 class="ikz-question" id="{mid}-frage"><span class="ikz-sr">Frage: </span>{e(turn.question)}</h2>'
    if turn.error:
        body = f'<div class="ikz-answer ikz-error"><p>{e(turn.error)}</p></div>'
    elif turn.answer is None:
        text = markdown_html(turn.streamed, mid, set()) if turn.streamed else f"<p>{PENDING}</p>"
        body = f'<div class="ikz-answer" aria-busy="true">{text}</div>'
    else:
        answer = turn.answer
        known = {c.n for c in answer.citations}
        notice = f'<p class="ikz-notice">{e(answer.notice)}</p>' if answer.notice else ""
        body = (
            f'<div class="ikz-answer">{markdown_html(answer.answer, mid, known)}</div>'
            f"{sources_html(answer, mid)}{notice}{_actions(answer, mid)}"
        )
    return f'<article class="ikz-turn" data-message="{mid}" aria-labelledby="{mid}-frage">{question}{body}</article>'


def conversation_html(turns: list[ChatTurn], session_id: str) -> str:
    if not turns:
        return (
            f'<section id="ikz-conversation" class="ikz-empty" data-session="{e(session_id)}" '
            'aria-label="Unterhaltung"><p>Stellen Sie eine Frage zur interkommunalen Zusammenarbeit. Jede Aussage '
            "der Antwort nennt ihre Quelle.</p></section>"
        )
    done = any(turn.answer is not None for turn in turns)
    export = (
        '<div class="ikz-export"><button type="button" class="ikz-action" data-ikz-export>'
        'Als Vermerk herunterladen</button><span class="ikz-status" role="status"></span></div>'
        if done
        else ""
    )
    return (
        f'<section id="ikz-conversation" data-session="{e(session_id)}" aria-label="Unterhaltung">'
        + "".join(turn_html(turn) for turn in turns)
        + export
        + "</section>"
    )


def announcement(turn: ChatTurn) -> str:
    """What the live region reads out when an answer is complete."""
    if turn.error:
        return turn.error
    if turn.answer is None:
        return ""
    sources = len(turn.answer.citations)
    tail = f" {sources} Quelle{'n' if sources != 1 else ''} unter der Antwort." if sources else ""
    text = re.sub(r"\s*\[\d+\]", "", plain_answer(turn.answer.answer))
    return f"Antwort: {text}{tail}"
