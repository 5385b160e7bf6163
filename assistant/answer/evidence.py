"""How well retrieved passages cover a question: drives abstention and sentence choice."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.analysis import analyze, content_terms
from assistant.models import Hit
from assistant.query import synonym_terms


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
