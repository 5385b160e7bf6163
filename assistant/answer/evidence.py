"""Answerability: how well the retrieved passages cover a question, and what the assistant does about it.

Three outcomes: a confident answer (``high``); "these sections might help" when the evidence is middling
(``medium``); a refusal when nothing relevant exists (``none``). The signals are general:
- concept coverage: the share of the question's concepts (lemmas, weighted by how rare they are in the corpus)
  that a passage holds, in its heading or text;
- meaning: the dense similarity of question and passage, and of question and section heading (the headings
  are questions, and USE is trained for question-to-question similarity) when the heading shares a concept with
  the question;
- details: years, dates, amounts and paragraph numbers the question names must stand in the passage;
- the asked thing: what a "welch-" question asks for must be a thing the corpus speaks of;
- topic: a question whose every topic word is unknown to the corpus cannot be answered from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.answer.extractive import defines
from assistant.answer.vectors import (
    SentenceVectors,
    heading_similarity,
    normalized,
    question_vectors,
    without_state_of,
)
from assistant.language.analysis import compound_parts, concepts, lemma
from assistant.language.states import detect_states
from assistant.models import Confidence, Hit
from assistant.question.answer_type import AnswerType, asked_noun, figure_concepts, mentions_number
from assistant.question.query import topic_words
from assistant.question.understanding import QuestionAnalysis, QuestionForm, asked_clause, last_clause, refers_back

# Defaults of IKZ_ANSWER_THRESHOLD and IKZ_ABSTAIN_THRESHOLD, calibrated on the development sets
# (scripts/calibrate_abstention.py; docs/retrieval-experiments.md, section 6).
HIGH = 0.34
MEDIUM = 0.26
_DETAIL_DIGITS = re.compile(r"\d+")
_LETTERED_PARAGRAPH = re.compile(r"§\s*(\d+[a-z])\b", re.I)


@dataclass
class Evidence:
    score: float = 0.0
    coverage: float = 0.0
    similarity: float = 0.0
    heading: float = 0.0
    missing_details: tuple[str, ...] = ()
    unknown_asked: str | None = None  # what a "welch-" question asks for, a thing the corpus never names
    known_topic: bool = True
    best_rank: int = 0
    high: float = HIGH  # at or above: a composed answer
    medium: float = MEDIUM  # at or above: the sections that might help; below: a refusal

    @property
    def confidence(self) -> Confidence:
        if not self.known_topic or self.score < self.medium:
            return "none"
        if self.missing_details or self.unknown_asked or self.score < self.high:
            return "medium"
        return "high"


def concept_weights(
    asked: frozenset[str],
    weight: Callable[[str], float],
    knows: Callable[[str], bool],
    own_words: frozenset[str] = frozenset(),
    context_only: frozenset[str] = frozenset(),
    phrasing: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """How much each question concept counts. ``concepts`` adds the parts of a compound beside it. A compound the
    corpus uses ("Rechtsform") shares its weight with its head ("Form"), so a passage with the compound gets full
    credit and one with only the head ("Formen der Zusammenarbeit") half; the modifier ("Recht") adds nothing,
    unless the question also uses it as a word of its own (``own_words``: "amtsangehörig – … so ein Amt"). A
    compound the corpus never uses ("Abwasserzweckverband") counts through its parts alone. The words that only
    phrase the question (``phrasing``) count half."""
    # A word the corpus never uses gets no more weight than a rare one it does use: everyday words of a long
    # question ("Unser Steuerberater redet ständig von …") must not outweigh its subject.
    known = [weight(concept) for concept in asked if knows(concept)]
    cap = max(known, default=UNKNOWN_WEIGHT_CAP)
    weights = {concept: weight(concept) if knows(concept) else min(weight(concept), cap) for concept in asked}
    for concept in phrasing & weights.keys():
        weights[concept] *= PHRASING_DAMPING
    for concept in sorted(asked):  # a fixed order: a part may be a compound of its own
        parts = [lemma(part.capitalize()) for part in compound_parts(concept)]
        if not parts or not set(parts) & asked:
            continue
        if knows(concept):
            whole = weight(concept)
            for part in set(parts[:-1]) & asked - {concept} - own_words:
                weights[part] = 0.0
            weights[concept] = whole / 2
            if parts[-1] in asked and parts[-1] != concept:
                weights[parts[-1]] = whole / 2
        elif any(knows(part) for part in parts):
            weights[concept] = 0.0
    for concept in context_only & weights.keys():
        weights[concept] *= CONTEXT_DAMPING  # the asked clause says what the question is about
    return weights


UNKNOWN_WEIGHT_CAP = 4.0
CONTEXT_DAMPING = 0.5  # what the context alone names counts half
# Whether to answer depends on the question's nouns and names more than on the verbs and adverbs that phrase it
# ("… hineingezwungen werden, obwohl unser Gemeinderat das ablehnt?"): a colloquial verb the corpus never uses must
# not outweigh the subject it asks about. Only the evidence score reads this; the composer weighs all words alike
# (damping there too chose worse first sentences on the development sets).
PHRASING_DAMPING = 0.5
DEFINITION_FOUND = 0.1  # IDF of a concept in about 2 % of the passages


# A passage answers a long question (three sentences of situation, then the question) without holding every word
# of it: coverage is measured against the weight of the question's most informative concepts only.
COVERAGE_CONCEPTS = 8


def coverage(weights: dict[str, float], text: str, figures: frozenset[str] = frozenset()) -> float:
    """Share of the question's concept weight that the text holds (of its COVERAGE_CONCEPTS heaviest concepts).
    ``figures``: the concepts that name the figure a "Wie viel …?" question asks for, held by a text with a figure."""
    total = sum(sorted(weights.values(), reverse=True)[:COVERAGE_CONCEPTS])
    if not total:
        return 0.0
    found = concepts(text) | (figures if figures and mentions_number(text) else frozenset())
    return min(1.0, sum(value for concept, value in weights.items() if concept in found) / total)


def missing_details(question: QuestionAnalysis, hits: list[Hit]) -> tuple[str, ...]:
    """Numbers, years and paragraphs of the question that none of the passages holds, and the names it quotes that
    none of them names (a programme "„Starke Heimat Hessen“" the sources do not know)."""
    texts = " ".join(f"{hit.title} {hit.section} {hit.text}" for hit in hits)
    present = set(_DETAIL_DIGITS.findall(texts))
    # a paragraph with a letter is a provision of its own: "§ 2c" is not "§ 2b", though both hold a 2
    lettered = {m.group(1).lower() for m in _LETTERED_PARAGRAPH.finditer(texts)}
    missing = [
        d
        for d in question.details
        if not set(_DETAIL_DIGITS.findall(d)) <= present
        or ((m := _LETTERED_PARAGRAPH.match(d)) is not None and m.group(1).lower() not in lettered)
    ]
    if question.quoted:
        written = _as_written(texts)
        missing += [name for name in question.quoted if _as_written(name) not in written]
    return tuple(missing)


def _as_written(text: str) -> str:
    """Case, hyphens and line breaks aside ("Zukunftsräume-Niedersachsen", "zukunftsräume niedersachsen")."""
    return " ".join(re.sub(r"[-–]", " ", text.lower()).split())


def mentions_known_topic(question: str, knows: Callable[[str], bool]) -> bool:
    """False when every topic word of the question (its nouns and names) is unknown to the corpus.

    "Wie beantrage ich Wohngeld?" shares "beantragen" with the corpus, but its only topic, "Wohngeld", occurs
    nowhere: no passage can answer it. A word counts as known when the corpus uses it or one of its compound
    parts ("Abwasserzweckverband": "Zweckverband"), or when it names a state. Questions typed in lower case
    have no topic words and are left to the evidence score.
    """
    # a long question asks about what its asked clause names ("Wir wollen ein Sommerfest im Dorf machen – was müssen
    # wir da beim Ausschank beachten?"), unless that clause refers back to its context ("Wer hat dazu …?")
    asked = asked_clause(question)
    words = (topic_words(asked) if asked and not refers_back(asked) else []) or topic_words(question)
    if not words:
        return True
    return any(known_word(word, knows) for word in words)


def known_word(word: str, knows: Callable[[str], bool]) -> bool:
    """The corpus speaks of what the word names: it uses the word or a compound it is a kind of, or the word
    names a state."""
    if detect_states(word) or knows(lemma(word)) or lemma(word) in _WRITTEN_AS_SYMBOL:
        return True
    if "-" in word:  # the head of a hyphenated compound is its last part: "Steuer-ID" is no kind of "Steuer"
        head = word.rsplit("-", 1)[-1]
        return len(head) >= 3 and knows(lemma(head))
    # a compound names a known topic when the corpus knows all its parts, or when it is a kind of a compound
    # term the corpus knows ("Abwasserzweckverband": "Zweckverband"); a simple generic head does not make one
    # ("Hundesteuer" is a kind of Steuer the corpus never speaks of)
    parts = compound_parts(word.lower())
    if parts and len(parts[-1]) >= 6 and all(knows(lemma(part.capitalize())) for part in parts):
        return True
    return len(parts) >= 3 and knows(lemma("".join(parts[1:]).capitalize()))


# German nouns that texts write as a symbol: "In welchem Paragrafen …?" is answered by "§ 2b".
_WRITTEN_AS_SYMBOL = frozenset({"paragraf", "paragraph"})


def unknown_asked_noun(question: QuestionAnalysis, knows: Callable[[str], bool]) -> str | None:
    """The thing a "welch-" question asks for, when the corpus never speaks of such a thing: "Welche
    Kündigungsfrist gilt …?" cannot be answered from passages that name no Kündigungsfrist, however well they
    cover the rest of the question. Only a compound counts, a special kind of something the corpus knows (a
    Frist): an unknown simple word may be another word for what the corpus says ("Quorum"). A question of
    several parts may be answered in its other parts."""
    if question.parts:
        return None
    noun = asked_noun(last_clause(question.text))
    if not noun or known_word(noun, knows):
        return None
    head = noun.split("-")[-1]
    parts = compound_parts(head.lower())
    return noun if parts and knows(lemma(parts[-1].capitalize())) else None


def combine(covered: float, similarity: float, heading: float) -> float:
    """One evidence score: the question's concepts must be in the passage and its meaning must match the passage
    (a sentence of it, or its heading). Either alone is not enough: "Wie spät ist es?" shares "spät" with a
    sentence about something else; a close paraphrase without the decisive term answers a neighbouring question.
    """
    meaning = max(similarity, heading)
    return 0.5 * min(covered, meaning) + 0.25 * covered + 0.25 * meaning


class EvidenceAssessor:
    def __init__(self, vectors: SentenceVectors, high: float = HIGH, medium: float = MEDIUM) -> None:
        self.vectors = vectors
        self.high = high
        self.medium = medium

    def assess(
        self,
        question: QuestionAnalysis,
        query_vector: list[float],
        hits: list[Hit],
        weight: Callable[[str], float],
        knows: Callable[[str], bool],
        top_n: int = 3,
    ) -> Evidence:
        if not hits:
            return Evidence(known_topic=False, high=self.high, medium=self.medium)
        if not mentions_known_topic(question.text, knows):
            return Evidence(known_topic=False, high=self.high, medium=self.medium)
        query = normalized(query_vector)
        weights = concept_weights(
            question.concepts, weight, knows, question.own_words, question.context_only, question.phrasing
        )
        top = hits[:top_n]
        figures = figure_concepts(question.concepts) if AnswerType.NUMBER in question.answer_types else frozenset()
        headings = self.vectors.get([hit.heading for hit in top])
        queries = question_vectors(self.vectors, question.text, query)
        general = without_state_of(self.vectors, question.text)
        best = Evidence(high=self.high, medium=self.medium)
        for rank, (hit, heading_vector) in enumerate(zip(top, headings, strict=True)):
            covered = coverage(weights, f"{hit.section}\n{hit.text}", figures)
            sentences = hit.sentences or [hit.text]
            similarity = max(float(v @ query) for v in self.vectors.get(sentences))
            heading = float(np.clip(heading_similarity(hit, heading_vector, queries, general), 0.0, 1.0))
            if not question.concepts & concepts(hit.section or hit.title):
                # two questions of the same shape are close in USE without sharing a topic ("Wie spät ist es
                # gerade?" – "Wie ist die Pilotförderung entstanden?"): a heading counts only with a shared concept
                heading = min(heading, similarity)
            score = combine(covered, similarity, heading)
            if score > best.score:
                best = Evidence(score, covered, similarity, heading, best_rank=rank, high=self.high, medium=self.medium)
        best.missing_details = missing_details(question, top)
        best.unknown_asked = unknown_asked_noun(question, knows)
        defined = any(defines(sentence, question.term) for hit in top for sentence in hit.sentences)
        if question.form is QuestionForm.DEFINITION and defined:
            # A sentence that defines the very term asked about answers a definition question, however it is phrased.
            best.score += DEFINITION_FOUND

        return best
