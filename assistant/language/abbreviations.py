"""Abbreviations defined in the corpus itself: "Gesetz über kommunale Gemeinschaftsarbeit (KGG)".

The long form is found with the algorithm of Schwartz and Hearst (2003, "A simple algorithm for identifying
abbreviation definitions in biomedical text"): the characters of the short form are matched from right to left
inside the words before the parenthesis, the first character at the start of a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_DEFINITION = re.compile(r"((?:[\w§.-]+\s+){1,8}?)\(([A-Za-zÄÖÜäöü][\wÄÖÜäöüß-]{1,9})\)")


def long_form(words: list[str], short: str) -> str | None:
    """The shortest run of trailing words whose letters spell the short form (Schwartz–Hearst)."""
    letters = [ch.lower() for ch in short if ch.isalnum()]
    if len(letters) < 2 or not letters[0].isalpha():
        return None
    text = " ".join(words)
    lower = text.lower()
    s, position = len(letters) - 1, len(lower) - 1
    while s >= 0:
        ch = letters[s]
        while position >= 0 and (lower[position] != ch or (s == 0 and position > 0 and lower[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        s, position = s - 1, position - 1
    start = lower.rfind(" ", 0, position + 1) + 1
    candidate = text[start:].strip(" ,;:")
    return candidate if len(candidate.split()) <= len(letters) + 3 and len(candidate) > len(short) else None


def find_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Lower-case short form -> its most frequent long form in the texts."""
    seen: dict[str, Counter] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match.group(2)
            if sum(ch.isupper() for ch in short) < 2:
                continue  # "(Eder)", "(Difu)": a name in brackets, not an abbreviation
            found = long_form(match.group(1).split(), short)
            if found:
                seen.setdefault(short.lower(), Counter())[found] += 1
    return {short: forms.most_common(1)[0][0] for short, forms in seen.items()}


# A short form written with two or more capitals ("OZG", "KGSt", "GKGBbg"), as questions name laws and bodies.
_SHORT_FORM = re.compile(r"\b[A-ZÄÖÜ](?=[\wäöüß]*[A-ZÄÖÜ])[\wÄÖÜäöüß]{1,9}\b")


def short_forms(text: str) -> list[str]:
    """The abbreviations a text writes ("Müssen wir nach dem OZG 2.0 …?" – "OZG")."""
    return list(dict.fromkeys(_SHORT_FORM.findall(text)))
