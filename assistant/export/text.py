"""„Mit Quellen kopieren“: an answer as plain text with footnote numbers and a numbered source list.

The chat UI and the widget produce exactly this text (the widget has a JavaScript twin, checked by the browser tests).
"""

from __future__ import annotations

import re

from assistant.export.blocks import parse_blocks
from assistant.models import Answer, Citation, Suggestion

SOURCES_HEADING = "Quellen:"
SUGGESTIONS_HEADING = "Mögliche Quellen:"
MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip


def stand_label(stand: str) -> str:
    """ "2026-11" -> "November 2026", "2026-11-05" -> "5. November 2026"; other forms stay as written."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", stand.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return stand.strip()
    month = f"{MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
    return f"{int(match.group(3))}. {month}" if match.group(3) else month


def section_label(title: str, section: str) -> str:
    """ "Zweckverband" + "Zweckverband > Organe" -> "Organe"; the title is shown once."""
    parts = [part.strip() for part in section.split(">") if part.strip()]
    if parts and parts[0] == title.strip():
        parts = parts[1:]
    return " › ".join(parts)


def source_label(item: Citation | Suggestion) -> str:
    """ "Titel – Abschnitt, S. 3" (no internal file path)."""
    label = item.title
    section = section_label(item.title, item.section)
    if section:
        label += f" – {section}"
    page = getattr(item, "page", None)
    if page:
        label += f", S. {page}"
    return label


def source_line(item: Citation | Suggestion, number: int) -> str:
    label = source_label(item)
    parts = [f"[{number}] {label}" + ("" if label.endswith((".", "?", "!")) else ".")]
    if item.stand:
        parts.append(f"Stand: {stand_label(item.stand)}.")
    if item.source_url and re.match(r"https?://", item.source_url, re.IGNORECASE):
        parts.append(item.source_url)
    return " ".join(parts)


def plain_answer(text: str) -> str:
    """The answer Markdown as plain text: lists keep their dashes, table cells are separated by " | "."""
    out = []
    for block in parse_blocks(text):
        if block.kind == "paragraph":
            out.append(" ".join(block.lines))
        elif block.kind == "list":
            out.append("\n".join(f"- {line}" for line in block.lines))
        else:
            out.append("\n".join(" | ".join(row) for row in block.rows))
    return "\n\n".join(out)


def copy_text(answer: Answer) -> str:
    lines = [plain_answer(answer.answer)]
    if answer.citations:
        lines += ["", SOURCES_HEADING, *(source_line(c, c.n) for c in answer.citations)]
    elif answer.suggestions:
        lines += ["", SUGGESTIONS_HEADING, *(source_line(s, i) for i, s in enumerate(answer.suggestions, 1))]
    return "\n".join(lines)
