"""How well retrieved passages cover a question: drives abstention and sentence choice."""

from __future__ import annotations

import numpy as np

from assistant.analysis import analyze, content_terms
from assistant.models import Hit


def term_coverage(question_terms: set[str], text: str) -> float:
    """Share of the question's content terms found in the text (compound parts count)."""
    if not question_terms:
        return 0.0
    return len(question_terms & set(analyze(text))) / len(question_terms)


def evidence_score(question: str, hits: list[Hit], top_n: int = 3) -> float:
    """0..1: best combination of term coverage and dense similarity among the top hits."""
    terms = content_terms(question)
    best = 0.0
    for hit in hits[:top_n]:
        coverage = term_coverage(terms, f"{hit.section}\n{hit.text}")
        similarity = hit.dense_score if hit.dense_score is not None else 0.0
        best = max(best, 0.6 * coverage + 0.4 * float(np.clip(similarity, 0.0, 1.0)))
    return best
