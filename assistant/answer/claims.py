"""The checkable details of a claim: numbers and dates, states, legal references, names, content concepts, negation.

A generated sentence is supported only if its details stand in the passages it cites. Similarity of meaning
cannot see one wrong detail in an otherwise supported sentence ("Für Thüringen …" where the source speaks of
Saxony, "fünf" where it says four); these checks can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma

from assistant.language.analysis import STOPWORDS, compound_parts, concepts, lemma
from assistant.language.states import STATE_PATTERNS, detect_states

# Cardinal number words (German); "ein/eine" is left out, it is mostly the article.
NUMBER_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100,
    "tausend": 1000, "beiden": 2, "beide": 2, "doppelt": 2, "hälfte": 0.5, "drittel": 1 / 3, "viertel": 0.25,
}  # fmt: skip
MONTHS = {
    "januar": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)\b")
_WRITTEN_DATE = re.compile(rf"\b(\d{{1,2}})\.\s?({'|'.join(MONTHS)})\s+((?:19|20)\d\d)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,])\d+(?:,\d+)?(?![\d])")
_WORD = re.compile(r"[\wäöüÄÖÜß]+")
_PARAGRAPH = re.compile(r"(§§?|Art\.?|Artikel)\s*(\d+[a-z]?)", re.I)
_SUBDIVISION = re.compile(r"\b(Abs\.?|Absatz|Nr\.?|Nummer|Satz|S\.|lit\.?|Buchst\.?)\s*(\d+|[a-z])\b")
# Law and institution abbreviations: two or more capitals in one word (UStG, KommZG, GWB, SächsKomZG, ISOE).
_ABBREVIATION = re.compile(r"\b[A-ZÄÖÜ][\wÄÖÜäöüß-]*[A-ZÄÖÜ][\wÄÖÜäöüß-]*\b")
_NEGATION = re.compile(r"\b(nicht|kein\w*|nie|niemals|weder|ohne)\b", re.I)


@dataclass(frozen=True)
class ClaimDetails:
    text: str = ""
    numbers: frozenset[float] = frozenset()
    dates: frozenset[tuple[int, int, int]] = frozenset()
    states: frozenset[str] = frozenset()
    legal: frozenset[str] = frozenset()  # "§108", "abs6", "GWB"
    names: frozenset[str] = frozenset()  # proper names: words no German dictionary knows (places, persons)
    nouns: frozenset[str] = frozenset()  # lemmas of the nouns (capitalised words inside the sentence)
    concepts: frozenset[str] = field(default_factory=frozenset)
    negated: bool = False


def _to_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def dates_in(text: str) -> set[tuple[int, int, int]]:
    found = {(int(y), int(m), int(d)) for d, m, y in _NUMERIC_DATE.findall(text)}
    found |= {(int(y), MONTHS[m.lower()], int(d)) for d, m, y in _WRITTEN_DATE.findall(text)}
    return found


def numbers_in(text: str) -> set[float]:
    """Every number of a text, in digits or written out ("fünf" = 5); dates count with their parts."""
    plain = _WRITTEN_DATE.sub(lambda m: f"{m.group(1)}.{MONTHS[m.group(2).lower()]}.{m.group(3)}", text)
    found = {_to_number(n) for n in _NUMBER.findall(plain)}
    for year_month_day in dates_in(text):
        found |= {float(part) for part in year_month_day}
    found |= {float(NUMBER_WORDS[w.lower()]) for w in _WORD.findall(text) if w.lower() in NUMBER_WORDS}
    return found


def legal_references(text: str) -> set[str]:
    refs = {f"§{number.lower()}" for _, number in _PARAGRAPH.findall(text)}
    refs |= {f"{kind.rstrip('.').lower()[:3]}{value.lower()}" for kind, value in _SUBDIVISION.findall(text)}
    refs |= set(_ABBREVIATION.findall(text))
    return refs


@lru_cache(maxsize=50_000)
def is_proper_name(word: str) -> bool:
    """A capitalised word that no German dictionary lists (Geretsried, Wolfratshausen, Deffner)."""
    if not word[:1].isupper() or len(word) < 4 or word.isupper():
        return False
    return not simplemma.is_known(word, lang="de") and not simplemma.is_known(word.lower(), lang="de")


def names_in(text: str) -> set[str]:
    words = _WORD.findall(text)
    return {w for i, w in enumerate(words) if i > 0 and is_proper_name(w) and not detect_states(w)}


def nouns_in(text: str) -> set[str]:
    """Lemmas of the capitalised words after the first: in German, the nouns and names a claim is about. The
    address "Sie" and other function words are no nouns; states are checked on their own."""
    for _, pattern in STATE_PATTERNS:
        text = pattern.sub(" ", text)
    words = _WORD.findall(text)
    return {
        lemma(w)
        for i, w in enumerate(words)
        if i > 0 and w[:1].isupper() and not w.isupper() and len(w) > 2 and w.lower() not in STOPWORDS
    }


def noun_supported(noun: str, source_concepts: frozenset[str]) -> bool:
    """An inflected or derived form ("Geflüchteter" – "Geflüchteten") or a compound whose parts the source uses
    ("Finanzierungsquelle" where the source speaks of "Finanzierung") is no new claim; a new thing is."""
    if noun in source_concepts:
        return True
    stem_length = max(6, len(noun) - 3)
    if any(c[:stem_length] == noun[:stem_length] for c in source_concepts if len(c) >= stem_length):
        return True
    parts = [lemma(part.capitalize()) for part in compound_parts(noun)]
    return bool(parts) and any(part in source_concepts for part in parts if len(part) >= 5)


@lru_cache(maxsize=20_000)
def details(text: str) -> ClaimDetails:
    return ClaimDetails(
        text=text,
        numbers=frozenset(numbers_in(text)),
        dates=frozenset(dates_in(text)),
        states=frozenset(detect_states(text)),
        legal=frozenset(legal_references(text)),
        names=frozenset(names_in(text)),
        nouns=frozenset(nouns_in(text)),
        concepts=concepts(text),
        negated=bool(_NEGATION.search(text)),
    )
