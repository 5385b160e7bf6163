"""Which of a section's sources a cited sentence comes from: a section lists several (``<!-- quellen: … -->``, best
first), and an official who follows the link must find the statement there.

The sources are told apart by what their addresses name: laws ("gesetze.co/TH/ThürKGG/38"), courts and case numbers
("vg-stuttgart/12-k-5177-14"), places and states ("ssg-sachsen.de", "allendorf-eder.de"). A sentence names the same
things in its distinctive words: numbers of three or more digits (years, paragraphs, case numbers), abbreviations
and words with capitals or digits inside ("ThürKGG", "GKGBbg"), names the dictionary does not know ("Eschwege"), and
the states it speaks of. Everyday words ("Zusammenarbeit") stand in many addresses and tell nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

import simplemma

from assistant.language.states import detect_states

# Addresses spell umlauts out or percent-encode them.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[a-z]{3,}|\d{3,}")
_WORD = re.compile(r"[\wäöüßÄÖÜ]+")
# A token this long matches a longer word it begins ("feuerwehr" – "Feuerwehrkooperation", "verbandsgemeinde" –
# "Verbandsgemeinden").
_PREFIX_MATCH = 5


def source_url_for(urls: list[str], cited: str) -> str | None:
    """The source whose address names the most of what the cited text names; the first (best) source when none
    names more than it does."""
    if not urls:
        return None
    if len(urls) == 1 or not cited:
        return urls[0]
    names = distinctive_tokens(cited)
    scores = [_named(_url_tokens(url), names) for url in urls]
    best = max(range(len(urls)), key=lambda i: (scores[i], -i))
    return urls[best] if scores[best] > scores[0] else urls[0]


def distinctive_tokens(text: str) -> frozenset[str]:
    found: set[str] = set()
    for word in _WORD.findall(text):
        if word.isdigit():
            found.update(_TOKEN.findall(word))
        elif any(c.isupper() or c.isdigit() for c in word[1:]):
            found.update(_TOKEN.findall(word.lower().translate(_SPELLED_OUT)))
        elif word[0].isupper() and not simplemma.is_known(word, lang="de"):
            found.add(word.lower().translate(_SPELLED_OUT))
    for state in detect_states(text):
        found.update(_TOKEN.findall(state.lower().translate(_SPELLED_OUT)))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _url_tokens(url: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(unquote(unquote(url)).lower().translate(_SPELLED_OUT)))


def _named(url_tokens: frozenset[str], names: frozenset[str]) -> int:
    return sum(1 for token in url_tokens if token in names or any(_begins(token, name) for name in names))


def _begins(token: str, name: str) -> bool:
    shorter, longer = sorted((token, name), key=len)
    return len(shorter) >= _PREFIX_MATCH and longer.startswith(shorter)
