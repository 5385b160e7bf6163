"""Citation verification of generated answers: every sentence must cite a given source that supports it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.answer.extractive import SentenceVectors
from assistant.ingest.chunking import split_sentences
from assistant.language.analysis import analyze, raw_tokens
from assistant.models import AnswerSentence, Hit

_MARKS = re.compile(r"((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)")
_MARK_BEFORE_STOP = re.compile(r"\s*((?:\[\d+(?:\s*,\s*\d+)*\])+)\s*([.!?])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NEGATIONS = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne"}
_ENGLISH = {"the", "and", "is", "are", "of", "to", "in", "for", "with", "this", "that", "can", "be", "or", "not"}
_GERMAN = {
    "der",
    "die",
    "das",
    "und",
    "ist",
    "sind",
    "ein",
    "eine",
    "für",
    "mit",
    "nicht",
    "kann",
    "werden",
    "in",
    "zu",
}
SUPPORT_THRESHOLD = 0.55  # docs/retrieval-experiments.md, section 4


@dataclass
class Verdict:
    sentences: list[AnswerSentence]

    @property
    def verified(self) -> list[AnswerSentence]:
        return [s for s in self.sentences if s.verified]

    @property
    def verified_share(self) -> float:
        return len(self.verified) / len(self.sentences) if self.sentences else 0.0


def split_cited(text: str) -> list[tuple[str, list[int]]]:
    """Split generated text into (sentence, cited numbers); markers before the full stop are moved after it."""
    normalized = _MARK_BEFORE_STOP.sub(r"\2 \1", text.strip())
    result: list[tuple[str, list[int]]] = []
    parts = _MARKS.split(normalized)
    for index in range(0, len(parts), 2):
        sentences = split_sentences(parts[index])
        marks = parts[index + 1] if index + 1 < len(parts) else ""
        numbers = [int(n) for n in re.findall(r"\d+", marks)]
        for position, sentence in enumerate(sentences):
            last = position == len(sentences) - 1
            result.append((sentence, numbers if last else []))
    return [(s, n) for s, n in result if s.strip()]


def looks_german(text: str) -> bool:
    tokens = raw_tokens(text)
    english = sum(t in _ENGLISH for t in tokens)
    german = sum(t in _GERMAN for t in tokens)
    return german >= english


class CitationVerifier:
    def __init__(self, vectors: SentenceVectors, threshold: float = SUPPORT_THRESHOLD) -> None:
        self.vectors = vectors
        self.threshold = threshold

    def verify(self, text: str, hits: list[Hit]) -> Verdict:
        sentences = []
        for sentence, numbers in split_cited(text):
            verified = bool(numbers) and all(1 <= n <= len(hits) for n in numbers)
            if verified:
                verified = any(self.supports(hits[n - 1], sentence) for n in numbers)
            sentences.append(AnswerSentence(text=sentence, citations=numbers, verified=verified))
        return Verdict(sentences)

    def supports(self, hit: Hit, sentence: str) -> bool:
        return self.support_score(hit, sentence) >= self.threshold

    def support_score(self, hit: Hit, sentence: str) -> float:
        """0..1 lexical + semantic support of the sentence by the passage; 0 for wrong numbers or negation."""
        source_sentences = hit.sentences or split_sentences(hit.text)
        if not source_sentences:
            return 0.0
        if any(number not in hit.text for number in _NUMBER.findall(sentence)):
            return 0.0  # a number the source does not contain is never supported
        terms = set(analyze(sentence))
        lexical = len(terms & set(analyze(f"{hit.section}\n{hit.text}"))) / len(terms) if terms else 0.0
        vectors = self.vectors.get([sentence, *source_sentences])
        similarities = np.array([float(vectors[0] @ v) for v in vectors[1:]])
        best = int(similarities.argmax())
        if _negated(sentence) != _negated(source_sentences[best]):
            return 0.0  # "hat keine Rechtspersönlichkeit" vs "hat eine Rechtspersönlichkeit"
        return 0.5 * lexical + 0.5 * float(similarities[best])


def _negated(text: str) -> bool:
    return any(token in _NEGATIONS for token in raw_tokens(text))
