"""Citations of legal provisions in German text: "§ 2b Abs. 3 Nr. 1 UStG", "Art. 28 Abs. 2 GG", "§ 108 GWB".

German legal citation puts the provision first (§ or Art. and its number), then the paragraph (Abs.), the item
(Nr., Satz) and the law's abbreviation. Two citations of the same provision that differ in paragraph or item
speak of different rules: "§ 2b Abs. 3 Nr. 1" (tasks reserved to public bodies) is not "§ 2b Abs. 3 Nr. 2".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REFERENCE = re.compile(
    r"(?P<kind>§|Art\.|Artikel)\s*(?P<number>\d+[a-z]?)"
    r"(?:\s+(?:Abs\.|Absatz)\s*(?P<paragraph>\d+[a-z]?))?"
    r"(?:\s+(?:Satz|S\.)\s*\d+)?"
    r"(?:\s+(?:Nr\.|Nummer)\s*(?P<item>\d+[a-z]?))?"
)


@dataclass(frozen=True)
class LegalReference:
    number: str
    paragraph: str | None = None
    item: str | None = None

    def conflicts_with(self, other: LegalReference) -> bool:
        """Same provision, but another paragraph or item than this one names."""
        if self.number != other.number:
            return False
        return bool(
            (self.paragraph and other.paragraph and self.paragraph != other.paragraph)
            or (self.item and other.item and self.item != other.item)
        )

    def matches(self, other: LegalReference) -> bool:
        return (
            self.number == other.number
            and (not self.paragraph or self.paragraph == other.paragraph)
            and (not self.item or self.item == other.item)
        )


def legal_references(text: str) -> list[LegalReference]:
    return [LegalReference(m.group("number"), m.group("paragraph"), m.group("item")) for m in _REFERENCE.finditer(text)]


def reference_fit(asked: list[LegalReference], text: str) -> int:
    """+1 when the text cites a provision exactly as the question does (down to paragraph and item), -1 when it
    cites only other paragraphs or items of it, 0 otherwise. Only references with a paragraph or item count:
    "§ 2b UStG" alone names a whole provision."""
    specific = [reference for reference in asked if reference.paragraph or reference.item]
    if not specific:
        return 0
    cited = legal_references(text)
    if any(reference.matches(other) for reference in specific for other in cited):
        return 1
    if any(reference.conflicts_with(other) for reference in specific for other in cited):
        return -1
    return 0
