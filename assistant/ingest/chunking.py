"""German-aware, heading-aware chunking with stable content-hash ids."""

from __future__ import annotations

import hashlib
import json
import re

import syntok.segmenter

from assistant.ingest.loaders import ParsedDocument
from assistant.models import Chunk, Unit

# Files without front matter (PDF, DOCX, uploads) are general documents for every state and field.
DEFAULT_METADATA = {"type": "dokument", "bundesland": "alle", "handlungsfeld": "alle", "rechtsform": "alle"}
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


# Abbreviations common in German administrative and legal text that syntok would take as sentence ends, with the
# abbreviated parts of place and personal names ("Hann. Münden", "Frhr.").
_ABBREVIATIONS = re.compile(
    r"\b(Bgm|Gem|gem|vgl|Vgl|Ziff|ff|Nr|Abs|Art|lit|Buchst|ca|bzw|ggf|evtl|inkl|sog|Mio|Mrd|Tsd|Dr|Prof|"
    r"Std|Jh|Kap|Bd|Aufl|Hrsg|Einw|Verf|zzgl|Tel|rd|Anm|Jan|Feb|Aug|Sept|Okt|Nov|Dez|"
    r"Hann|Frhr|Fa|Str|Lkr|Gde)\.(?=\s)"
    r"|\b([SA])\.(?=\s*\d)"
)
# syntok reads "2005. Eine" as an ordinal number; in this corpus a year before a capitalised word ends a sentence.
_YEAR_END = re.compile(r"(?<=\b(?:1[89]|20)\d\d\.)\s+(?=[A-ZÄÖÜ][a-zäöüß])")
# syntok keeps "… nach § 68 GemO. Nach § 2b …" together: a law's abbreviation that ends in a capital letter ("GemO",
# "UStG", "KV M-V") and a capitalised word after it end a sentence ("e.V.", "z.B." have a dot before the capital).
_ABBREVIATION_END = re.compile(r"(?<=[\w-][A-ZÄÖÜ]\.)\s+(?=[A-ZÄÖÜ][a-zäöüß])")
# Ordinal numbers: "zum 1. Januar", "der 5. Kooperationsbericht" are not sentence ends.
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_ORDINAL = re.compile(
    rf"\b\d{{1,2}}\.(?=\s+(?:{_MONTHS})\b)"
    r"|\b(?:zum|vom|den|dem|der|die|das|des|zur|am|im|ihren|seinen|ihrem|seinem|einem|eines|jeden) \d{1,2}\.(?=\s)",
    re.IGNORECASE,
)
_MASK = "\u2024"  # one-dot leader: looks like a period, is not a sentence end for syntok


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into German sentences (syntok plus a list of administrative abbreviations)."""
    flat = " ".join(paragraph.split())
    if not flat:
        return []
    masked = _ABBREVIATIONS.sub(lambda match: match.group(0)[:-1] + _MASK, flat)
    masked = _ORDINAL.sub(lambda match: match.group(0)[:-1] + _MASK, masked)
    sentences = []
    for paragraph_tokens in syntok.segmenter.analyze(masked):
        for sentence in paragraph_tokens:
            text = "".join(token.spacing + token.value for token in sentence).strip()
            if text:
                sentences.append(text.replace(_MASK, "."))
    sentences = [part for sentence in sentences for part in _YEAR_END.split(sentence)]
    sentences = [part for sentence in sentences for part in _ABBREVIATION_END.split(sentence)]
    return _restore_spacing(flat, _join_semicolons(sentences))


def _join_semicolons(sentences: list[str]) -> list[str]:
    """A semicolon does not end a German sentence: what follows it belongs to the same sentence."""
    joined: list[str] = []
    for sentence in sentences:
        if joined and joined[-1].endswith(";"):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def _restore_spacing(original: str, sentences: list[str]) -> list[str]:
    """syntok may normalise whitespace inside tokens; keep each sentence a verbatim substring."""
    return [s if s in original else " ".join(s.split()) for s in sentences]


def text_units(text: str) -> list[Unit]:
    """Split section text into units: prose sentences, list items (by sentence) and table rows, with their blocks.

    Lines decide the block: consecutive list lines form a list (an indented line without a marker continues
    the item above), consecutive lines starting with "|" form a table, everything else is prose.
    """
    blocks: list[tuple[str, list[str]]] = []  # (kind, pieces): prose lines, list items or table rows
    for raw in text.splitlines():
        line = raw.strip()
        kind = blocks[-1][0] if blocks else None
        if not line:
            if kind == "sentence":
                blocks.append(("gap", []))
            continue
        if line.startswith("|"):
            if _TABLE_RULE.match(line):
                continue
            if kind != "row":
                blocks.append(("row", []))
            blocks[-1][1].append(line)
        elif _LIST_MARKER.match(line):
            if kind != "item":
                blocks.append(("item", []))
            blocks[-1][1].append(_LIST_MARKER.sub("", line))
        elif kind == "item" and raw[:1].isspace():
            blocks[-1][1][-1] += " " + line
        else:
            if kind != "sentence":
                blocks.append(("sentence", []))
            blocks[-1][1].append(line)
    units: list[Unit] = []
    for block, (kind, pieces) in enumerate(b for b in blocks if b[0] != "gap" and b[1]):
        if kind == "sentence":
            units.extend(Unit(text=s, block=block) for s in split_sentences(" ".join(pieces)))
        elif kind == "item":
            for item, piece in enumerate(pieces):
                units.extend(Unit(text=s, kind="item", block=block, item=item) for s in split_sentences(piece))
        else:
            units.extend(Unit(text=row, kind="row", block=block, item=item) for item, row in enumerate(pieces))
    return units


def chunk_document(
    document: ParsedDocument,
    relpath: str,
    file_hash: str,
    chunk_size: int,
    overlap_sentences: int = 1,
) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in document.sections:
        path = [document.title, *section.path]
        section_path = " > ".join(part for part in path if part)
        for part, units in enumerate(_pack(text_units(section.text), chunk_size, overlap_sentences)):
            text = "\n".join(unit.text for unit in units)
            chunk_id = hashlib.sha256(f"{relpath}\n{section_path}\n{text}".encode()).hexdigest()[:24]
            metadata = {**DEFAULT_METADATA, **document.metadata}
            if section.source_urls:  # the section's own sources outrank the document's first URL
                metadata.update(source_url=section.source_urls[0], source_urls=" ".join(section.source_urls))
            # part 0 starts its section: its first sentence answers the section heading (docs/corpus-guide.md)
            metadata.update(file_hash=file_hash, units=encode_units(units), section_part=str(part))
            chunks.append(
                Chunk(
                    chunk_id=chunk_id,
                    text=text,
                    source=relpath,
                    title=document.title,
                    section=section_path,
                    page=section.page,
                    units=units,
                    metadata=metadata,
                )
            )
    return _unique(chunks)


_KIND_CODES = {"sentence": "s", "item": "i", "row": "r"}
_CODE_KINDS = {code: kind for kind, code in _KIND_CODES.items()}


def encode_units(units: list[Unit]) -> str:
    """Compact JSON for Chroma metadata: [[kind, block, item, text], …]."""
    return json.dumps([[_KIND_CODES[u.kind], u.block, u.item, u.text] for u in units], ensure_ascii=False)


def decode_units(encoded: str | None) -> list[Unit]:
    return [
        Unit(text=text, kind=_CODE_KINDS[code], block=block, item=item)
        for code, block, item, text in json.loads(encoded or "[]")
    ]


def _pack(units: list[Unit], chunk_size: int, overlap: int) -> list[list[Unit]]:
    """Greedily pack units into chunks of at most chunk_size characters, overlapping by whole sentences."""
    packs: list[list[Unit]] = []
    current: list[Unit] = []
    length = 0
    for unit in units:
        if current and length + len(unit.text) > chunk_size:
            packs.append(current)
            current = current[-overlap:] if overlap else []
            length = sum(len(u.text) + 1 for u in current)
        current.append(unit)
        length += len(unit.text) + 1
    if current and (not packs or current != packs[-1][-len(current) :]):
        packs.append(current)
    return packs


def _unique(chunks: list[Chunk]) -> list[Chunk]:
    seen: set[str] = set()
    result = []
    for chunk in chunks:
        if chunk.chunk_id not in seen:
            seen.add(chunk.chunk_id)
            result.append(chunk)
    return result
