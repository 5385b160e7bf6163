"""The 16 German states: names, common abbreviations and adjectives, state law abbreviations."""

from __future__ import annotations

import re
from functools import lru_cache

STATES = [
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
]

# Longer names first, so "Niedersachsen" and "Sachsen-Anhalt" are not read as "Sachsen". A region named by a
# compass point ("Nordhessen", "mittelhessisch", "Ostsachsen") or a Bavarian Regierungsbezirk ("Niederbayern")
# lies in its state.
_REGION = r"(?:nord|süd|sued|ost|west|mittel)"
_STATE_PATTERNS: list[tuple[str, str]] = [
    ("Baden-Württemberg", r"baden[- ]?württemberg\w*|baden[- ]?wuerttemberg\w*|\bbw\b|\bgkz\b"),
    ("Mecklenburg-Vorpommern", r"mecklenburg[- ]?vorpommer\w*|mecklenburg\w*|\bm-?v\b|meck-?pomm|kv m-?v"),
    ("Nordrhein-Westfalen", r"nordrhein[- ]?westf\w*|\bnrw\b|gkg nrw"),
    ("Rheinland-Pfalz", r"rheinland[- ]?pf\w*|\brlp\b|\bkomzg\b"),
    ("Schleswig-Holstein", r"schleswig[- ]?holstein\w*|\bsh\b"),
    ("Sachsen-Anhalt", r"sachsen[- ]?anhalt\w*|\blsa\b|gkg-lsa"),
    ("Niedersachsen", r"niedersachsen|niedersächsisch\w*|niedersaechsisch\w*|\bnkomzg\b"),
    ("Sachsen", rf"\b{_REGION}?sachsen\b|\b{_REGION}?sächsisch\w*|\b{_REGION}?saechsisch\w*|sächskomzg"),
    ("Bayern", rf"\b(?:{_REGION}|ober|nieder)?bayer(?:n\b|isch\w*)|\bbay\.|\bkommzg\b|\bvgemo\b"),
    ("Berlin", r"\bberlin\w*"),
    ("Brandenburg", r"\bbrandenburg\w*|\bgkgbbg\b"),
    ("Bremen", r"\bbremen\b|\bbremisch\w*"),
    ("Hamburg", r"\bhamburg\w*"),
    ("Hessen", rf"\b{_REGION}?hess(?:en\b|isch\w*)|\bkgg\b"),
    ("Saarland", r"\bsaarland\w*|\bsaarländisch\w*"),
    ("Thüringen", r"thüring\w*|thuering\w*|thürkgg"),
]
STATE_PATTERNS = [(state, re.compile(pattern, re.IGNORECASE)) for state, pattern in _STATE_PATTERNS]


@lru_cache(maxsize=50_000)
def detect_states(text: str) -> tuple[str, ...]:
    """The states a text names, in the order it names them (a comparison answers them in that order)."""
    remaining = text
    found: list[tuple[int, str]] = []
    for state, pattern in STATE_PATTERNS:
        match = pattern.search(remaining)
        if match:
            found.append((match.start(), state))
            remaining = pattern.sub(lambda m: " " * len(m.group()), remaining)  # keeps the positions of the rest
    return tuple(state for _, state in sorted(found))


# A law's abbreviation names its state ("KGG") but also the law; it stays when the state is taken out of a text.
_LAW_ABBREVIATION = re.compile(r"(?:zg|kgg|gkz|gkg\S*|vgemo|kv m-?v)$|^bay\.$", re.IGNORECASE)
_STATE_PHRASE = re.compile(
    r"(?:\b(?:in|im|aus|für)\s+(?:dem\s+|der\s+)?)?(?P<state>" + "|".join(p for _, p in _STATE_PATTERNS) + ")",
    re.IGNORECASE,
)


def without_state(text: str) -> str | None:
    """The question without the one state it names ("Wie gründen wir in Hessen einen Zweckverband?" – "Wie gründen
    wir einen Zweckverband?"): what it asks about, whichever state it asks for. None when it names no state, or
    several (a comparison of states asks nothing without them)."""
    if len(detect_states(text)) != 1:
        return None

    def drop(match: re.Match[str]) -> str:
        return match.group(0) if _LAW_ABBREVIATION.search(match.group("state")) else ""

    text = re.sub(r"\s{2,}", " ", _STATE_PHRASE.sub(drop, text))
    return re.sub(r"\s+(?=[?.!,;:])", "", text).strip()


def asked_in(question: str, state: str) -> str:
    """The question asked for a state ("Welche Rechtsformen gibt es?" – "Welche Rechtsformen gibt es in Hessen?")."""
    stripped = question.rstrip()
    mark = stripped[-1] if stripped[-1:] in ("?", ".", "!") else ""
    preposition = "im" if state == "Saarland" else "in"
    return f"{stripped.removesuffix(mark).rstrip()} {preposition} {state}{mark}"
