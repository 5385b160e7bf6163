"""The answer text as blocks: paragraphs, lists and tables, with citation marks [n] split out.

Answers use a small Markdown subset (assistant/answer/render.py): prose sentences each followed by [n], lists as
"- item [n]" lines, small tables as Markdown tables, blocks separated by blank lines. Every view (HTML in the chat UI,
plain text for copying, DOCX) reads the same blocks; no view ever interprets other Markdown or HTML in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CITATION = re.compile(r"\[(\d{1,3})\]")
_ITEM = re.compile(r"^\s*[-*+]\s+")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


@dataclass
class Block:
    kind: str  # "paragraph" | "list" | "table"
    lines: list[str] = field(default_factory=list)  # paragraph: one line each; list: items; table: raw rows

    @property
    def rows(self) -> list[list[str]]:
        """Table cells, header row first (the Markdown rule line is dropped)."""
        return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in self.lines]


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]  # "\n" only: the widget splits the same way
        current: Block | None = None
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("|"):
                if _RULE.match(stripped):
                    continue
                kind, content = "table", stripped
            elif _ITEM.match(line):
                kind, content = "list", _ITEM.sub("", line).strip()
            else:
                kind, content = "paragraph", stripped
            if current is None or current.kind != kind:
                current = Block(kind)
                blocks.append(current)
            current.lines.append(content)
    return blocks


def segments(text: str) -> list[str | int]:
    """Text pieces and citation numbers in order: "A. [1] B. [2]" -> ["A. ", 1, " B. ", 2]."""
    result: list[str | int] = []
    position = 0
    for match in _CITATION.finditer(text):
        if match.start() > position:
            result.append(text[position : match.start()])
        result.append(int(match.group(1)))
        position = match.end()
    if position < len(text):
        result.append(text[position:])
    return result


def cited_numbers(text: str) -> list[int]:
    return list(dict.fromkeys(int(n) for n in _CITATION.findall(text)))
