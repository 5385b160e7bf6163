"""German keyword analysis shared by the BM25 index, query understanding and sentence scoring."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN
from compound_split import char_split

_TOKEN = re.compile(r"§|\w+", re.UNICODE)
# Question words and filler that carry no topic; law abbreviations are never stopwords.
_FILLER_WORDS = """
wie was wer wem wen wessen wo wann warum welche welcher welches welchen gibt gilt kann können koennen muss müssen
darf dürfen soll sollen bitte eigentlich genau denn mal eig man wir uns unsere unser ihr gerne bzw z
b heißt heisst bedeutet versteht verstehen meint gemeint darunter überhaupt gerade klappt rein dazu
kurz erklären erklärt sagen gibts
"""
_EXTRA_STOPWORDS = set(_FILLER_WORDS.split())
STOPWORDS = frozenset(STOPWORDS_GERMAN) | _EXTRA_STOPWORDS
_MIN_COMPOUND_LENGTH = 10
_MIN_SPLIT_SCORE = 0.3


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    return _stemmer().stemWord(token)


@lru_cache(maxsize=200_000)
def compound_parts(token: str) -> tuple[str, ...]:
    """Split a German compound into its parts (Abwasserzweckverband -> abwasser, zweck, verband)."""
    if len(token) < _MIN_COMPOUND_LENGTH or not token.isalpha():
        return ()
    candidates = char_split.split_compound(token)
    if not candidates:
        return ()
    score, head, tail = candidates[0]
    if score < _MIN_SPLIT_SCORE:
        return ()
    parts: list[str] = []
    for part in (head.lower(), tail.lower()):
        parts.extend(compound_parts(part) or (part,))
    return tuple(part for part in parts if len(part) >= 3)


def analyze(text: str, compounds: bool = True) -> list[str]:
    """Lower-case, drop stopwords, Snowball-stem; add the stems of compound parts beside the compound."""
    terms: list[str] = []
    for token in raw_tokens(text):
        if token in STOPWORDS or (len(token) == 1 and token != "§"):
            continue
        terms.append(stem(token))
        if compounds:
            terms.extend(stem(part) for part in compound_parts(token) if part not in STOPWORDS)
    return terms


def content_terms(text: str) -> set[str]:
    """The set of analysed terms, without compound parts: used for overlap and coverage measures."""
    return set(analyze(text, compounds=False))
