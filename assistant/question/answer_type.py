"""What kind of answer a question asks for, and whether a sentence has that kind of content.

"Bis wann wurde die Frist verlängert?" is answered by the sentence with the date, not by the one that repeats
the question's words best; "Warum …?" by the sentence that gives a reason. These cheap patterns let the
extractive composer prefer such sentences.
"""

from __future__ import annotations

import re
from enum import Enum


class AnswerType(Enum):
    DATE = "date"
    UNTIL = "until"  # "Bis wann …?" wants the end of a period, not any date
    SINCE = "since"
    NUMBER = "number"
    REASON = "reason"
    MEMBERS = "members"
    NAME = "name"
    AGENT = "agent"  # "Wer …?": a person, body or organisation


_NUMBER_WORDS = (
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert|tausend|"
    r"erste\w*|zweite\w*|dritte\w*|vierte\w*|fünfte\w*|sechste\w*|hälfte|drittel|viertel|dutzend"
)

_MONTHS = "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"

_QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    (AnswerType.UNTIL, re.compile(r"\bbis wann\b", re.I)),
    (AnswerType.SINCE, re.compile(r"\b(seit|ab) wann\b", re.I)),
    (AnswerType.DATE, re.compile(r"\b(wann|welche[mns]? jahr\w*|zeitpunkt|stichtag|datum|zeitraum)\b", re.I)),
    (
        AnswerType.NUMBER,
        re.compile(
            r"\b(wie ?viele?\w*|wievielt\w*|wie (hoch|groß|lange|teuer|alt|weit)|höchstens|maximal|mindestens|"
            r"anzahl|betrag|summe|anteil|prozentsatz|quote|kostet|gekostet)\b",
            re.I,
        ),
    ),
    (AnswerType.REASON, re.compile(r"\b(warum|weshalb|wieso|weswegen|wozu|aus welchem grund|beweggr\w*)\b", re.I)),
    (
        AnswerType.MEMBERS,
        re.compile(
            r"\b(welche (gemeinden|kommunen|städte|orte|landkreise|kreise|partner|mitglieder|länder)\b"
            r"|wer (gehört|macht|ist beteiligt|sind die partner)|gehören zu)",
            re.I,
        ),
    ),
    (AnswerType.AGENT, re.compile(r"^\s*(und )?(wer|von wem|bei wem|durch wen|an wen)\b", re.I)),
    (AnswerType.NAME, re.compile(r"\b(wie (heißt|hieß|lautet|nennt sich)|(unter)?titel|bezeichnung)\b", re.I)),
]

_SENTENCE_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.UNTIL: re.compile(rf"\bbis (zum |ende |mitte |anfang )?(\d|{_MONTHS})", re.I),
    AnswerType.SINCE: re.compile(rf"\b(seit|ab) (dem |den |ende |mitte |anfang )?(\d|{_MONTHS})", re.I),
    AnswerType.DATE: re.compile(r"\b(1[89]|20)\d\d\b|\b\d{1,2}\.\s?\d{1,2}\.|\b\d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4}\b"),
    AnswerType.NUMBER: re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I),
    AnswerType.REASON: re.compile(
        r"\b(weil|da sie|da die|da der|deshalb|daher|darum|deswegen|grund|gründe|anlass|beweggr\w*|ziel|"
        r"um [^.]* zu|damit|wegen|aufgrund|infolge)\b",
        re.I,
    ),
    # Three or more capitalised names in a row: "Germaringen, Kaltental, Mauerstetten und …".
    AnswerType.MEMBERS: re.compile(r"([A-ZÄÖÜ][\w.()/-]*(?: [A-ZÄÖÜ(][\w.()/-]*)?, ){2,}"),
    AnswerType.NAME: re.compile(r"[„\"«»].{3,}?[“\"«»]"),
    # A role word, an agent after "von"/"durch", a quoted name, or a first name and surname mid-sentence.
    AnswerType.AGENT: re.compile(
        r"\b(Betreiber\w*|Träger\w*|Absender\w*|zuständig\w*|Ansprechpartner\w*|entscheide\w*|leitet|Leitung)\b"
        r"|\b(von|durch) (den |der |dem )?[A-ZÄÖÜ]|[„\"][^“\"]+[“\"]"
        r"|(?<=[a-zäöüß,] )[A-ZÄÖÜ][a-zäöüß]+ [A-ZÄÖÜ][a-zäöüß]+(-[A-ZÄÖÜ][a-zäöüß]+)?\b"
    ),
}


def expected_answer_types(question: str) -> set[AnswerType]:
    return {kind for kind, pattern in _QUESTION_PATTERNS if pattern.search(question)}


def answer_type_matches(sentence: str, kinds: set[AnswerType]) -> int:
    """How many of the asked-for kinds the sentence delivers ("bis 2026" is a date and an end point)."""
    return sum(1 for kind in kinds if _SENTENCE_PATTERNS[kind].search(sentence))
