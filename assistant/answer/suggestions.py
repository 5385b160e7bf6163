"""Suggestions for middling evidence: the three best sections that share a word with the question, each with its most
relevant sentence; none of them, a refusal."""

from __future__ import annotations

import numpy as np

from assistant.answer.render import suggestion_for
from assistant.answer.spans import is_pointer
from assistant.answer.vectors import SentenceVectors, normalized
from assistant.language.analysis import concepts
from assistant.models import Hit, Suggestion
from assistant.question.understanding import QuestionAnalysis

MAX_SUGGESTIONS = 3


def suggestions_for(
    vectors: SentenceVectors, question: QuestionAnalysis, query_vector: list[float], hits: list[Hit]
) -> list[Suggestion]:
    query = normalized(query_vector)
    result: list[Suggestion] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.section in seen:
            continue
        sentences = [s for s in hit.sentences if not is_pointer(s)] or [hit.text[:300]]
        similarities = np.array([float(v @ query) for v in vectors.get(sentences)])
        snippet = sentences[int(similarities.argmax())]
        if question.concepts and not question.concepts & concepts(f"{hit.section}\n{snippet}"):
            continue  # a section that shares no word with the question does not help ("Wie spät ist es gerade?")
        result.append(suggestion_for(hit, snippet))
        seen.add(hit.section)
        if len(result) == MAX_SUGGESTIONS:
            break
    return result
