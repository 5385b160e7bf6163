"""Answer text from cited sentences: prose with [n] after each sentence, lists as Markdown lists, tables as tables."""

from __future__ import annotations

from urllib.parse import urlsplit

from assistant.answer.attribution import source_url_for
from assistant.models import AnswerSentence, Citation, Hit, Suggestion


def marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def render(sentences: list[AnswerSentence], preface: str | None = None) -> str:
    """Markdown: prose sentences run on, each list item and table row on its own line, blocks set apart."""
    return "".join(render_pieces(sentences, preface))


def render_pieces(sentences: list[AnswerSentence], preface: str | None = None) -> list[str]:
    """The answer in the pieces a stream sends: one per prose sentence, one per list or table; joined = render()."""
    pieces: list[str] = [preface] if preface else []
    previous_kind: str | None = "block" if preface else None
    index = 0
    while index < len(sentences):
        sentence = sentences[index]
        if sentence.kind == "sentence":
            lead = f"{sentence.lead} " if sentence.lead else ""
            text = f"{lead}{sentence.text} {marks(sentence.citations)}".strip()
            separator = "" if previous_kind is None else (" " if previous_kind == "sentence" else "\n\n")
            pieces.append(separator + text)
            previous_kind = "sentence"
            index += 1
            continue
        end = index
        while end < len(sentences) and sentences[end].kind == sentence.kind and sentences[end].block == sentence.block:
            end += 1
        pieces.append(("" if previous_kind is None else "\n\n") + _render_block(sentences[index:end]))
        previous_kind = "block"
        index = end
    return pieces


def _render_block(block: list[AnswerSentence]) -> str:
    if block[0].kind == "item":
        return "\n".join(f"- {s.text} {marks(s.citations)}".rstrip() for s in block)
    rows = [s.text.strip() for s in block]
    header_cells = rows[0].strip("|").count("|") + 1
    rule = "|" + "|".join(["---"] * header_cells) + "|"
    cited = marks(sorted({n for s in block for n in s.citations}))
    return "\n".join([rows[0], rule, *rows[1:]]) + (f"\n\n{cited}" if cited else "")


def domain(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def source_url(hit: Hit, cited: str = "") -> str | None:
    """The section's source that the cited text comes from (``source_url_for``), else its first."""
    urls = (hit.metadata.get("source_urls") or "").split()
    return source_url_for(urls, cited) if urls else hit.source_url


def citation_for(hit: Hit, n: int, cited: str = "") -> Citation:
    """The citation of a passage; ``cited``: the text the answer takes from it, which picks the source link."""
    url = source_url(hit, cited)
    return Citation(
        n=n,
        chunk_id=hit.chunk_id,
        title=hit.title,
        section=hit.section,
        page=hit.page,
        source_url=url,
        source_domain=domain(url),
        stand=hit.metadata.get("stand"),
        source=hit.source,
        snippet=hit.text,
    )


def suggestion_for(hit: Hit, snippet: str) -> Suggestion:
    url = source_url(hit, snippet)
    return Suggestion(
        title=hit.title,
        section=hit.section,
        snippet=snippet,
        source_url=url,
        source_domain=domain(url),
        stand=hit.metadata.get("stand"),
        source=hit.source,
    )
