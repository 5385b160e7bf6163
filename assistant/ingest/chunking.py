"""German-aware, heading-aware chunking with stable content-hash ids."""

from __future__ import annotations

import hashlib
import json
import re

import syntok.segmenter

from assistant.ingest.loaders import ParsedDocument
from assistant.models import Chunk

# Files without front matter (PDF, DOCX, uploads) are general documents for every state and field.
DEFAULT_METADATA = {"type": "dokument", "bundesland": "alle", "handlungsfeld": "alle", "rechtsform": "alle"}
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


# Abbreviations common in German administrative and legal text that syntok would take as sentence ends.
_ABBREVIATIONS = re.compile(
    r"\b(Bgm|Gem|gem|vgl|Vgl|Ziff|ff|Nr|Abs|Art|lit|Buchst|ca|bzw|ggf|evtl|inkl|sog|Mio|Mrd|Tsd|Dr|Prof|"
    r"Std|Jh|Kap|Bd|Aufl|Hrsg|Einw|Verf|zzgl|Tel|rd|Anm|Jan|Feb|Aug|Sept|Okt|Nov|Dez)\.(?=\s)"
    r"|\b([SA])\.(?=\s*\d)"
)
# syntok reads "2005. Eine" as an ordinal number; in this corpus a year before a capitalised word ends a sentence.
_YEAR_END = re.compile(r"(?<=\b(?:1[89]|20)\d\d\.)\s+(?=[A-ZÄÖÜ][a-zäöüß])")
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
    return _restore_spacing(flat, sentences)


def _restore_spacing(original: str, sentences: list[str]) -> list[str]:
    """syntok may normalise whitespace inside tokens; keep each sentence a verbatim substring."""
    return [s if s in original else " ".join(s.split()) for s in sentences]


def text_units(text: str) -> list[tuple[str, bool]]:
    """Split section text into units (sentences, list items, table rows); the flag marks prose sentences."""
    units: list[tuple[str, bool]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("|") for line in lines):
            units.extend((line, False) for line in lines if not _TABLE_RULE.match(line))
        elif any(_LIST_MARKER.match(line) for line in lines):
            for line in lines:
                item = _LIST_MARKER.sub("", line)
                units.extend((sentence, True) for sentence in split_sentences(item))
        else:
            units.extend((sentence, True) for sentence in split_sentences(" ".join(lines)))
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
        for units in _pack(text_units(section.text), chunk_size, overlap_sentences):
            text = "\n".join(unit for unit, _ in units)
            chunk_id = hashlib.sha256(f"{relpath}\n{section_path}\n{text}".encode()).hexdigest()[:24]
            sentences = [unit for unit, is_prose in units if is_prose]
            metadata = {**DEFAULT_METADATA, **document.metadata}
            metadata.update(file_hash=file_hash, sentences=json.dumps(sentences, ensure_ascii=False))
            chunks.append(
                Chunk(
                    chunk_id=chunk_id,
                    text=text,
                    source=relpath,
                    title=document.title,
                    section=section_path,
                    page=section.page,
                    sentences=sentences,
                    metadata=metadata,
                )
            )
    return _unique(chunks)


def _pack(units: list[tuple[str, bool]], chunk_size: int, overlap: int) -> list[list[tuple[str, bool]]]:
    """Greedily pack units into chunks of at most chunk_size characters, overlapping by whole sentences."""
    packs: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    length = 0
    for unit in units:
        if current and length + len(unit[0]) > chunk_size:
            packs.append(current)
            current = current[-overlap:] if overlap else []
            length = sum(len(text) + 1 for text, _ in current)
        current.append(unit)
        length += len(unit[0]) + 1
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
