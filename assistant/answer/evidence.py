"""How well retrieved passages cover a question: drives abstention and sentence choice."""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import lru_cache

import numpy as np

from assistant.language.analysis import analyze, content_terms, stem
from assistant.language.states import detect_states
from assistant.models import Hit
from assistant.question.query import synonym_terms, topic_words


def term_coverage(
    question_terms: set[str],
    text: str,
    idf: Callable[[str], float] | None = None,
    synonyms: dict[str, set[str]] | None = None,
) -> float:
    """Share of the question's information found in the text: IDF-weighted, compound parts count.

    Weighting matters: "Wie viele Kalorien hat eine Thüringer Bratwurst?" shares "Thüringen" with the
    corpus, but the informative terms ("Kalorien", "Bratwurst") occur nowhere.
    """
    if not question_terms:
        return 0.0
    weight = idf or (lambda term: 1.0)
    found = set(analyze(text))
    alternatives = synonyms or {}
    total = sum(weight(term) for term in question_terms)
    covered = sum(weight(t) for t in question_terms if t in found or alternatives.get(t, set()) & found)
    return covered / total if total else 0.0


def evidence_score(
    question: str,
    hits: list[Hit],
    idf: Callable[[str], float] | None = None,
    correct: Callable[[str], str] | None = None,
    top_n: int = 3,
) -> float:
    """0..1: best combination of term coverage and dense similarity among the top hits.

    Question terms are typo-corrected against the corpus vocabulary; a term also counts as covered when one
    of its glossary synonyms occurs ("ausschreiben" is covered by "Vergabe").
    """
    fix = correct or (lambda term: term)
    terms = {fix(term) for term in content_terms(question)}
    glossary = synonym_terms()
    synonyms = {term: glossary.get(term, set()) for term in terms}
    best = 0.0
    for hit in hits[:top_n]:
        coverage = term_coverage(terms, f"{hit.section}\n{hit.text}", idf, synonyms)
        similarity = hit.dense_score if hit.dense_score is not None else 0.0
        best = max(best, 0.6 * coverage + 0.4 * float(np.clip(similarity, 0.0, 1.0)))
    return best


def mentions_known_topic(question: str, vocabulary: Container[str], correct: Callable[[str], str]) -> bool:
    """False when every topic word of the question (its nouns and names) is unknown to the corpus.

    "Wie beantrage ich Wohngeld?" shares "beantragen" with the corpus, which lifts its coverage score, but
    its only topic, "Wohngeld", occurs nowhere: no passage can answer it. A word counts as known when the
    corpus uses it (or a close spelling, or a glossary synonym), when it names a state, or when it contains
    a glossary term ("Abwasserzweckverband"). Questions typed in lower case have no topic words and are
    left to the evidence score.
    """
    words = topic_words(question)
    if not words:
        return True
    glossary = synonym_terms()
    for word in words:
        term = stem(word.lower())
        if any(candidate in vocabulary for candidate in (term, correct(term), *glossary.get(term, ()))):
            return True
        if detect_states(word) or any(anchor in term for anchor in _glossary_anchors()):
            return True
    return False


_MIN_ANCHOR_LENGTH = 6  # shorter glossary stems ("steu", "geld") occur inside unrelated compounds


@lru_cache(maxsize=1)
def _glossary_anchors() -> frozenset[str]:
    terms = set(synonym_terms())
    for alternatives in synonym_terms().values():
        terms |= alternatives
    return frozenset(term for term in terms if len(term) >= _MIN_ANCHOR_LENGTH)
