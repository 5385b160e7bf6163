"""Claim-level verification of generated answers: every sentence must cite passages that hold its details.

A sentence is supported only if the passages it cites (together: a sentence may merge two of them) contain its
numbers and dates (also written out), the states, legal references and proper names it mentions, enough of its
content concepts (lemmas, compound parts, weighted by rarity), with the same negation as the passage sentence
that supports it. Semantic similarity is one signal, not the decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.answer.claims import ClaimDetails, details, noun_supported
from assistant.answer.vectors import SentenceVectors
from assistant.ingest.chunking import split_sentences
from assistant.language.analysis import raw_tokens
from assistant.models import AnswerSentence, Hit

_MARKS = re.compile(r"((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)")
_MARK_BEFORE_STOP = re.compile(r"\s*((?:\[\d+(?:\s*,\s*\d+)*\])+)\s*([.!?])")
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
# docs/retrieval-experiments.md, section 7 (calibrated on eval/faithfulness.jsonl)
COVERAGE_THRESHOLD = 0.6
SIMILARITY_FLOOR = 0.3
# A noun this rare in the corpus (IDF) must stand in the cited passage: an added list item, institution or body.
NOUN_WEIGHT_FLOOR = 4.0


@dataclass
class Support:
    supported: bool
    problems: list[str] = field(default_factory=list)  # English, for logs and the evaluation report
    coverage: float = 0.0
    similarity: float = 0.0


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
    return sum(t in _GERMAN for t in tokens) >= sum(t in _ENGLISH for t in tokens)


_CLAUSE_BREAK = re.compile(r";|:\s|,\s+(?=(?:und|aber|während|wobei|sodass|doch|jedoch|denn)\b)")


def claim_clauses(sentence: str) -> list[str]:
    """A generated sentence often merges two statements ("…, und das hessische KGG …"): check each."""
    return [part.strip() for part in _CLAUSE_BREAK.split(sentence) if part.strip()]


def _name_found(name: str, source_text: str) -> bool:
    """Inflected names count ("Geretsrieder" for "Geretsried"): compare a stem of the name."""
    return name[: max(5, len(name) - 2)].lower() in source_text


class CitationVerifier:
    def __init__(
        self,
        vectors: SentenceVectors,
        coverage_threshold: float = COVERAGE_THRESHOLD,
        similarity_floor: float = SIMILARITY_FLOOR,
    ) -> None:
        self.vectors = vectors
        self.coverage_threshold = coverage_threshold
        self.similarity_floor = similarity_floor

    def verify(self, text: str, hits: list[Hit], weight: Callable[[str], float] | None = None) -> Verdict:
        return Verdict(
            [self.verify_sentence(sentence, numbers, hits, weight) for sentence, numbers in split_cited(text)]
        )

    def verify_sentence(
        self, sentence: str, numbers: list[int], hits: list[Hit], weight: Callable[[str], float] | None = None
    ) -> AnswerSentence:
        verified = bool(numbers) and all(1 <= n <= len(hits) for n in numbers)
        if verified:
            verified = self.check(sentence, [hits[n - 1] for n in dict.fromkeys(numbers)], weight).supported
        return AnswerSentence(text=sentence, citations=numbers, verified=verified)

    def check(self, sentence: str, cited: list[Hit], weight: Callable[[str], float] | None = None) -> Support:
        """Does the union of the cited passages hold every checkable detail of the sentence?

        Without corpus weights every concept weighs the same and every noun must stand in the source.
        """
        noun_weight = weight or (lambda concept: NOUN_WEIGHT_FLOOR)
        weight = weight or (lambda concept: 1.0)
        claim = details(sentence)
        source_text = "\n".join(f"{hit.section}\n{hit.text}" for hit in cited)
        source = details(source_text)
        problems = self._missing_details(claim, source, source_text.lower())
        total = sum(weight(c) for c in claim.concepts)
        coverage = sum(weight(c) for c in claim.concepts & source.concepts) / total if total else 1.0
        if coverage < self.coverage_threshold:
            problems.append(f"content coverage {coverage:.2f}")
        stray = sorted(
            n for n in claim.nouns if noun_weight(n) >= NOUN_WEIGHT_FLOOR and not noun_supported(n, source.concepts)
        )
        if stray:
            problems.append(f"nouns not in source: {stray}")
        source_sentences = [s for hit in cited for s in (hit.sentences or split_sentences(hit.text))]
        similarity = 0.0
        if source_sentences:
            vectors = self.vectors.get([sentence, *source_sentences])
            similarities = np.array([float(vectors[0] @ v) for v in vectors[1:]])
            similarity = float(similarities.max())
            if not self._polarity_agrees(claim, source_sentences, similarities):
                problems.append("negation differs from the supporting sentence")
        if similarity < self.similarity_floor:
            problems.append(f"similarity {similarity:.2f}")
        return Support(not problems, problems, coverage, similarity)

    @staticmethod
    def _polarity_agrees(claim: ClaimDetails, source_sentences: list[str], similarities: np.ndarray) -> bool:
        """Each clause of the claim must have the polarity of the source sentence that states its content best:
        "ist nicht rechtsfähig" is not supported by "ist rechtsfähig", even if the passage negates something else
        in another sentence."""
        sources = [details(s) for s in source_sentences]
        for clause in claim_clauses(claim.text):
            asked = details(clause)
            if len(asked.concepts) < 2:
                continue
            overlap = np.array([len(asked.concepts & s.concepts) / len(asked.concepts) for s in sources])
            if overlap.max() < 0.6:
                continue  # no sentence states this clause; content coverage and similarity judge it
            # The sentences that state the clause about as well as the best one; one of the same polarity suffices.
            stating = np.flatnonzero(overlap >= max(0.6, overlap.max() - 0.15))
            if all(sources[i].negated != asked.negated for i in stating):
                return False
        return True

    @staticmethod
    def _missing_details(claim: ClaimDetails, source: ClaimDetails, source_text: str) -> list[str]:
        problems = []
        if missing := claim.numbers - source.numbers:
            problems.append(f"numbers not in source: {sorted(missing)}")
        if missing := claim.dates - source.dates:
            problems.append(f"dates not in source: {sorted(missing)}")
        if missing := claim.states - source.states:
            problems.append(f"states not in source: {sorted(missing)}")
        if missing := claim.legal - source.legal:
            problems.append(f"legal references not in source: {sorted(missing)}")
        if missing := {name for name in claim.names if not _name_found(name, source_text)}:
            problems.append(f"names not in source: {sorted(missing)}")
        return problems
