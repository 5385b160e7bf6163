"""Query understanding for retrieval: named states, topic words, abbreviation expansion for keyword search."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.config import ASKS_WITHOUT_STATE
from assistant.language.analysis import STOPWORDS, analyze, concepts, lemma
from assistant.language.states import detect_states, without_state
from assistant.language.verbs import QUESTION_WORDS, ablaut_noun, opens_with_finite_verb


@dataclass
class QueryAnalysis:
    text: str
    states: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # analysed keyword terms including expansions


def topic_words(text: str) -> list[str]:
    """Capitalised words and abbreviations: in German the nouns and names that carry a question's topic. A hyphenated
    compound stays one word ("Steuer-ID", "IKZ-Förderung")."""
    words = re.findall(r"\w+(?:-\w+)*", text)
    return [word for word in words if word[0].isupper() and len(word) > 1 and word.lower() not in STOPWORDS]


def as_question(text: str) -> str:
    """A question typed without its question mark gets one: the sentence encoder is trained on question-to-question
    similarity, and "wie gründe ich einen Zweckverband" is much closer to the heading "Wie gründen wir einen
    Zweckverband?" with the mark than without it."""
    stripped = text.rstrip()
    words = re.findall(r"\w+", stripped)
    if not words or stripped[-1] in "?.!":
        return text
    if words[0].lower() in QUESTION_WORDS or (len(words) > 2 and opens_with_finite_verb(words[0])):
        return stripped + "?"
    if asks_how_to(stripped):
        return f"Wie können wir {' '.join(stripped.split())}?"
    return text


# An infinitive: lower case and the lemmatiser's own lemma ("gründen", "ändern", "wechseln"; "kommunalen" is not).
_INFINITIVE = re.compile(r"[a-zäöüß]{3,}(?:en|ern|eln)")


def asks_how_to(keywords: str) -> bool:
    """Keywords that end in an infinitive ask how to do it: "Zweckverband gründen", "Satzung eines Zweckverbands
    ändern" ask what "Wie können wir …?" asks, in the words officials use. The nouns must be capitalised, so that
    the lower-case last word is a verb and not a noun typed in lower case ("kommunales unternehmen")."""
    words = keywords.split()
    last = words[-1] if words else ""
    return (
        2 <= len(words) <= 6
        and bool(_INFINITIVE.fullmatch(last))
        and last not in STOPWORDS
        and lemma(last) == last
        and any(word[:1].isupper() for word in words[:-1])
    )


def expand(text: str, abbreviations: Mapping[str, str]) -> str:
    """Add the long form of every abbreviation the corpus defines, and the abbreviation of every long form."""
    lower = text.lower()
    extra = [abbreviations[word] for word in re.findall(r"[\w-]+", lower) if word in abbreviations]
    extra += [short for short, long_form in abbreviations.items() if long_form.lower() in lower]
    return " ".join([text, *extra])


def analyze_query(text: str, abbreviations: Mapping[str, str] | None = None) -> QueryAnalysis:
    expanded = expand(text, abbreviations or {})
    # "austreten" finds "Austritt": the keyword side searches the verb's ablaut noun too
    nouns = [noun for word in re.findall(r"\b[a-zäöüß]+\b", text) if (noun := ablaut_noun(lemma(word)))]
    return QueryAnalysis(text=text, states=list(detect_states(text)), terms=analyze(" ".join([expanded, *nouns])))


@dataclass(frozen=True)
class WithoutState:
    """A question that names one state, asked without it ("Wie gründen wir einen Zweckverband?" for "Wie gründen wir
    in Hessen einen Zweckverband?"): the question a nationwide section's heading asks for every state."""

    vector: np.ndarray  # unit length
    nouns: tuple[frozenset[str], ...]  # the concepts of each noun it names

    @classmethod
    def of(cls, question: str, embed: Callable[[str], Sequence[float]]) -> WithoutState | None:
        general = without_state(question)
        if not general or general == question:
            return None
        vector = np.asarray(embed(general), dtype=np.float32)
        vector /= np.linalg.norm(vector) or 1.0
        return cls(vector, tuple(concepts(word, with_parts=False) for word in topic_words(general)))

    def asked_by(self, heading: str, heading_vector: np.ndarray) -> float:
        """The heading's similarity to this question when it asks it: a question (not a topic) that names every noun
        of it and is close in meaning (``ASKS_WITHOUT_STATE``); otherwise 0. The nouns guard against questions of the
        same shape about another thing, which USE puts as close ("Welche privatrechtlichen Rechtsformen kommen für
        eine Kooperation in Frage?" – "Wie wird eine privatrechtliche Kooperation gegründet?": 0.81)."""
        if not heading.rstrip().endswith("?"):
            return 0.0
        named = concepts(heading)
        if not all(noun & named for noun in self.nouns):
            return 0.0
        similarity = float(heading_vector @ self.vector)
        return similarity if similarity >= ASKS_WITHOUT_STATE else 0.0
