"""Sentence embeddings for composing and checking answers, cached per process."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.models import Hit
from assistant.question.query import WithoutState
from assistant.question.understanding import heading_question

_CACHE_SIZE = 50_000


class SentenceVectors:
    """Corpus sentences come precomputed from the index (``known``); anything else is embedded once per process."""

    def __init__(self, embeddings: Embeddings, known: Callable[[], Mapping[str, np.ndarray]] = dict) -> None:
        self._embeddings = embeddings
        self._known = known
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, sentences: list[str]) -> list[np.ndarray]:
        known = self._known()
        missing = [s for s in dict.fromkeys(sentences) if s not in known and s not in self._cache]
        if missing:
            for sentence, vector in zip(missing, self._embeddings.embed_documents(missing), strict=True):
                self._cache[sentence] = normalized(vector)
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return [known[s] if s in known else self._cache[s] for s in sentences]


def normalized(vector) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / (np.linalg.norm(array) or 1.0)


def question_vectors(vectors: SentenceVectors, question: str, query: np.ndarray) -> list[np.ndarray]:
    """The question's vector and that of the question a heading would ask (``heading_question``)."""
    asked = heading_question(question)
    return [query, vectors.get([asked])[0]] if asked else [query]


def without_state_of(vectors: SentenceVectors, question: str) -> WithoutState | None:
    return WithoutState.of(question, lambda text: vectors.get([text])[0])


def heading_similarity(
    hit: Hit,
    heading: np.ndarray,
    queries: list[np.ndarray],
    general: WithoutState | None,
    in_state: np.ndarray | None = None,
) -> float:
    """How closely the hit's heading asks the question (``queries``: ``question_vectors``). A nationwide section's
    heading may ask it without the state (``WithoutState``); a state's own heading asks it with the state named, and
    for a state chosen in the filter that is the question asked in that state (``in_state``)."""
    similarity = max(float(heading @ query) for query in queries)
    if general is not None and hit.nationwide:
        similarity = max(similarity, general.asked_by(hit.heading, heading))
    if in_state is not None and not hit.nationwide:
        similarity = max(similarity, float(heading @ in_state))
    return similarity
