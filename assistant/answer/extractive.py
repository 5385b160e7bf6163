"""Extractive composer: answers with verbatim sentences from the top hits, each followed by its citation."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.language.analysis import analyze, content_terms
from assistant.language.states import detect_states
from assistant.models import AnswerSentence, Citation, Hit
from assistant.question.answer_type import answer_type_matches, expected_answer_types

_MIN_WORDS = 4
# Navigation sentences ("Ausführlich: Dokument …") point elsewhere and state no fact.
_POINTER = re.compile(r"^(Ausführlich|Mehr dazu|Details|Siehe|Weitere Informationen)\b")
# "Was ist ein Zweckverband?" (or "Mitverwaltung – was ist das?") is best answered by "Ein Zweckverband ist …".
_DEFINITION_QUESTION = re.compile(
    r"^\s*(was (ist|sind|bedeutet|heißt|meint)|was versteht man unter|definition)\b"
    r"|\bwas (ist|sind|bedeutet|heißt) (denn )?(das|damit gemeint)\W*$",
    re.I,
)
_DEFINITION_SENTENCE = re.compile(r"\b(ist|sind) (ein|eine|der|die|das)\b|\bbezeichnet\b|\bversteht man\b")
_CACHE_SIZE = 50_000


@dataclass
class Candidate:
    hit_rank: int
    position: int
    text: str
    score: float = 0.0
    vector: np.ndarray | None = None
    terms: frozenset[str] = frozenset()


class SentenceVectors:
    """Embeds sentences once per process: the corpus is static between ingests, questions repeat."""

    def __init__(self, embeddings: Embeddings) -> None:
        self._embeddings = embeddings
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, sentences: list[str]) -> list[np.ndarray]:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            for sentence, vector in zip(missing, self._embeddings.embed_documents(missing), strict=True):
                array = np.asarray(vector, dtype=np.float32)
                self._cache[sentence] = array / (np.linalg.norm(array) or 1.0)
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return [self._cache[s] for s in sentences]


class ExtractiveComposer:
    def __init__(
        self,
        sentence_vectors: SentenceVectors,
        max_sentences: int = 4,
        hits_used: int = 5,
        answer_type_boost: float = 0.2,
    ) -> None:
        self.vectors = sentence_vectors
        self.max_sentences = max_sentences
        self.hits_used = hits_used
        self.answer_type_boost = answer_type_boost

    def compose(
        self, question: str, query_vector: list[float], hits: list[Hit]
    ) -> tuple[list[AnswerSentence], list[Citation]]:
        candidates = self._candidates(hits[: self.hits_used])
        if not candidates:
            return [], []
        self._score(question, query_vector, candidates)
        chosen = self._select(candidates)
        # Readable order: the passage holding the best sentence first, each passage's sentences in text order.
        best_of_hit: dict[int, float] = {}
        for c in chosen:
            best_of_hit[c.hit_rank] = max(best_of_hit.get(c.hit_rank, 0.0), c.score)
        chosen.sort(key=lambda c: (-best_of_hit[c.hit_rank], c.hit_rank, c.position))
        numbers: dict[int, int] = {}
        for candidate in chosen:
            numbers.setdefault(candidate.hit_rank, len(numbers) + 1)
        sentences = [AnswerSentence(text=c.text, citations=[numbers[c.hit_rank]]) for c in chosen]
        citations = [citation_for(hits[rank], n) for rank, n in numbers.items()]
        return sentences, citations

    @staticmethod
    def _candidates(hits: list[Hit]) -> list[Candidate]:
        result = []
        for rank, hit in enumerate(hits):
            for position, sentence in enumerate(hit.sentences):
                if len(sentence.split()) >= _MIN_WORDS and not sentence.endswith(":") and not _POINTER.match(sentence):
                    result.append(Candidate(rank, position, sentence))
        return result

    def _score(self, question: str, query_vector: list[float], candidates: list[Candidate]) -> None:
        query = np.asarray(query_vector, dtype=np.float32)
        query /= np.linalg.norm(query) or 1.0
        terms = content_terms(question)
        wants_definition = asks_for_definition(question)
        asked_states = set(detect_states(question))
        answer_types = expected_answer_types(question)
        vectors = self.vectors.get([c.text for c in candidates])
        for candidate, vector in zip(candidates, vectors, strict=True):
            candidate.vector = vector
            similarity = float(np.clip(vector @ query, 0.0, 1.0))
            candidate.terms = frozenset(analyze(candidate.text))
            overlap = len(terms & candidate.terms) / len(terms) if terms else 0.0
            rank_prior = 1.0 / (1 + candidate.hit_rank)
            opener = 1.0 if candidate.position == 0 else 0.0
            candidate.score = 0.45 * similarity + 0.35 * overlap + 0.12 * rank_prior + 0.08 * opener
            if wants_definition and _DEFINITION_SENTENCE.search(candidate.text):
                candidate.score += 0.1
            if answer_types:
                candidate.score += self.answer_type_boost * answer_type_matches(candidate.text, answer_types)
            if asked_states:
                named = set(detect_states(candidate.text))
                if named & asked_states:
                    candidate.score += 0.08
                elif named:
                    candidate.score -= 0.15  # a sentence about another state answers the wrong question

    def _select(self, candidates: list[Candidate]) -> list[Candidate]:
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        best = ranked[0].score
        chosen: list[Candidate] = [ranked[0]]
        for candidate in ranked[1:]:
            if len(chosen) >= self.max_sentences or candidate.score < 0.6 * best:
                break
            if all(not _redundant(candidate, other) for other in chosen):
                chosen.append(candidate)
        return chosen


def asks_for_definition(question: str) -> bool:
    return bool(_DEFINITION_QUESTION.search(question))


def _redundant(candidate: Candidate, other: Candidate) -> bool:
    """Paraphrases of the same fact (several documents define the same term) add nothing."""
    if float(candidate.vector @ other.vector) >= 0.85:
        return True
    a, b = candidate.terms, other.terms
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def citation_for(hit: Hit, n: int) -> Citation:
    return Citation(
        n=n,
        chunk_id=hit.chunk_id,
        title=hit.title,
        section=hit.section,
        page=hit.page,
        source_url=hit.source_url,
        source=hit.source,
        snippet=hit.text,
    )


def render(sentences: list[AnswerSentence]) -> str:
    return " ".join(f"{s.text} " + "".join(f"[{n}]" for n in s.citations) for s in sentences).strip()
