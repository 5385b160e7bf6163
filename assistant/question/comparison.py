"""The subjects a comparison question compares: general rules of German comparison syntax.

"Was ist der Unterschied zwischen X und Y?", "Wie unterscheiden sich X und Y bei …?", "Was unterscheidet X von Y?",
"X oder Y – worin liegt der Unterschied?", "X und Y – was unterscheidet die beiden …?". Each subject is answered
from passages about it; what is compared (the aspect: "bei Rechtsform und Trägerschaft") stays in every
sub-question.
"""

from __future__ import annotations

import re

from assistant.language.analysis import ARTICLES, STOPWORDS, concepts
from assistant.language.verbs import FINITE_VERBS, QUESTION_WORDS, opens_with_finite_verb

# Adverbs of respect name the aspect of a comparison ("… worin unterscheiden sich die beiden rechtlich?"): the
# relational adjectives of German used adverbially for the respect in which things differ.
_RESPECT = (
    r"rechtlich|finanziell|organisatorisch|steuerlich|personell|wirtschaftlich|politisch|technisch|inhaltlich"
    r"|zeitlich|räumlich|praktisch|formal|strukturell|institutionell"
)
# Where a subject phrase ends: the aspect ("bei der Förderhöhe", "in ihrer Rechtsform", "darin, ob …", an adverb of
# respect), a clause boundary or the question mark.
# "in Sachsen" belongs to a subject, "in ihrer Rechtsform" is the aspect.
_END = (
    rf"(?=\s+(?:bei|beim|hinsichtlich|bezüglich|darin|was|wenn|mit blick auf|{_RESPECT}|sowohl"
    r"|(?:in|im) (?:ihr\w*|sein\w*|der|dem|den|puncto|bezug|hinblick))\b|\s*[?:;–]|\s+-\s|\.\s+(?=[A-ZÄÖÜ])|$)"
)
_PATTERNS = [
    re.compile(rf"\bzwischen\s+(?P<a>.+?)\s+und\s+(?P<b>.+?){_END}", re.I),
    re.compile(rf"\bunterscheide[nt]\s+sich\s+(?P<a>.+?)\s+(?:und|von)\s+(?P<b>.+?){_END}", re.I),
    re.compile(rf"\bunterscheidet\s+(?P<a>.+?)\s+von\s+(?P<b>.+?){_END}", re.I),
    re.compile(rf"\b(?P<a>[^?,:;–]+?)\s+im\s+(?:vergleich|gegensatz)\s+zu[mr]?\s+(?P<b>.+?){_END}", re.I),
]
# "X oder Y – …", "X und Y: …": the subjects stand before a dash or colon, the question follows.
_FRONT = re.compile(r"^(?P<front>[^?:–]+?)\s*(?:[:–]|\s-\s)\s*(?P<rest>.+)$")
_COMPARES = re.compile(r"\b(unterschied\w*|unterscheid\w*|vergleich\w*|gegenüber|besser|lieber)\b", re.I)
_ARTICLES = rf"(?:{'|'.join(ARTICLES)})"
_LEADING = re.compile(
    rf"^(?:(?:wir\s+schwanken|wir\s+überlegen)\s+zwischen\s+|(?:{_ARTICLES}|beiden|zwei|in|im|bei|beim)\s+)+",
    re.I,
)


def comparison_subjects(question: str) -> tuple[str, ...]:
    """The compared subjects, in the order the question names them; () when it names fewer than two."""
    front = _FRONT.match(question.strip())
    if front and _COMPARES.search(front.group("rest")):
        text = front.group("front")
        for separator in (r"\s+oder\s+", r"\s+sowie\s+", r"\s+und\s+"):
            parts = re.split(separator, text, flags=re.I)
            if len(parts) >= 2:
                subjects = _clean(parts)
                if len(subjects) >= 2:
                    return subjects
    for pattern in _PATTERNS:
        match = pattern.search(question)
        if match:
            subjects = _clean([*re.split(r",\s*", match.group("a")), match.group("b")])
            if len(subjects) >= 2:
                return subjects
    return ()


def _clean(parts: list[str]) -> tuple[str, ...]:
    cleaned = [_LEADING.sub("", _before_verb(_after_question_verb(part)).strip(" ,.")).strip() for part in parts]
    # A subject must name something: "den beiden" or "diesen" alone names nothing.
    return tuple(part for part in cleaned if concepts(part) - STOPWORDS)


def _after_question_verb(phrase: str) -> str:
    """A subject phrase that opens the question starts after its question word and finite verb: "Was kostet ein
    Zweckverband im Vergleich zu …"."""
    words = phrase.split()
    if not words or words[0].lower() not in QUESTION_WORDS:
        return phrase
    verb = next((i for i, word in enumerate(words[1:4], start=1) if opens_with_finite_verb(word)), None)
    return " ".join(words[verb + 1 :]) if verb is not None else phrase


def _before_verb(phrase: str) -> str:
    """A subject phrase ends before the clause's finite verb: "der Landkreis Günzburg haben beide …"."""
    words = phrase.split()
    for index, word in enumerate(words[1:], start=1):
        if word in FINITE_VERBS:
            return " ".join(words[:index])
    return phrase


def distinctive_concepts(subjects: tuple[str, ...]) -> list[frozenset[str]]:
    """For each subject, the concepts no other subject shares ("Bayern" of "Verwaltungsgemeinschaft in Bayern"
    against "Verwaltungsgemeinschaft in Sachsen")."""
    found = [concepts(subject) for subject in subjects]
    return [
        frozenset(own - frozenset().union(*(other for j, other in enumerate(found) if j != i)))
        for i, own in enumerate(found)
    ]


def subject_queries(question: str, subjects: tuple[str, ...]) -> list[str]:
    """One search query per subject: the subject and what is compared, without the other subjects."""
    aspect = question
    for subject in subjects:
        aspect = re.sub(rf"(?:\b{_ARTICLES}\s+)?{re.escape(subject)}", " ", aspect)
    aspect = _DANGLING.sub(" ", f" {aspect} ")
    aspect = re.sub(r"\s+([?.!])", r"\1", " ".join(aspect.split())).lstrip(":–- ")
    return [f"{subject}: {aspect}" for subject in subjects]


# What the removed subjects leave behind: "und –", "von der", "zwischen … und".
_DANGLING = re.compile(
    r"(?<=\s)(?:zwischen|und|oder|sowie|von|im (?:vergleich|gegensatz) zu[mr]?)"
    rf"(?:\s+(?:{_ARTICLES}|und|oder|sowie|von))*(?=\s+[\W]|\s*$)",
    re.I,
)
