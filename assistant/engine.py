"""The one Python API that the CLI, the web app and the evaluation scripts call: ``Assistant``."""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterator

from assistant.answer.evidence import evidence_score, mentions_known_topic
from assistant.answer.extractive import ExtractiveComposer, SentenceVectors, citation_for, render
from assistant.answer.llm import Generator, LLMUnavailable
from assistant.answer.messages import (
    ABSTAIN,
    EXTRACTIVE_NOTICE,
    LLM_NOTICE,
    LLM_PARTIAL_NOTICE,
    LLM_REJECTED_NOTICE,
    LLM_UNAVAILABLE_NOTICE,
    NO_COVERAGE,
)
from assistant.answer.verify import CitationVerifier, looks_german
from assistant.config import Settings, get_settings
from assistant.embeddings import make_embeddings
from assistant.models import Answer, Filters, HistoryTurn, Hit
from assistant.question.rewrite import is_follow_up, rewrite_rule_based
from assistant.retrieve import HybridRetriever, RetrievalResult
from assistant.store.index import IndexBuilder, IngestReport, read_manifest
from assistant.store.reader import IndexReader

log = logging.getLogger(__name__)
MIN_VERIFIED_SHARE = 0.5


class InvalidQuestion(ValueError):
    """The question cannot be processed; the message is German."""


def validate_question(question: str, max_chars: int) -> str:
    if not isinstance(question, str):
        raise InvalidQuestion("Die Frage muss ein Text sein.")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in question):
        raise InvalidQuestion("Die Frage enthält unzulässige Steuerzeichen.")
    cleaned = " ".join(question.split())
    if not cleaned:
        raise InvalidQuestion("Bitte geben Sie eine Frage ein.")
    if len(cleaned) > max_chars:
        raise InvalidQuestion(f"Die Frage ist zu lang (höchstens {max_chars} Zeichen).")
    return cleaned


class Assistant:
    def __init__(self, settings: Settings | None = None, reader: IndexReader | None = None) -> None:
        self.settings = settings or get_settings()
        self.embeddings = make_embeddings(self.settings.embedding)
        self.reader = reader or IndexReader(self.settings, self.embeddings)
        self.retriever = HybridRetriever(self.settings, self.reader)
        vectors = SentenceVectors(self.embeddings)
        self.composer = ExtractiveComposer(vectors, self.settings.max_answer_sentences, self.settings.answer_passages)
        self.verifier = CitationVerifier(vectors)
        self.generator = Generator(self.settings) if self.settings.llm else None

    # --- index ---------------------------------------------------------------------------------
    def index_exists(self) -> bool:
        return read_manifest(self.reader.client, self.settings) is not None

    def ingest(self, rebuild: bool = False, progress: bool = True, wait_seconds: float = 0) -> IngestReport:
        builder = IndexBuilder(self.settings, self.reader.client, self.embeddings)
        report = builder.ingest(rebuild=rebuild, progress=progress, wait_seconds=wait_seconds)
        self.reader.invalidate()
        return report

    def ensure_index(self, progress: bool = True) -> IngestReport | None:
        """Build the index if there is none yet; an existing index is left as it is."""
        if self.index_exists():
            return None
        return self.ingest(progress=progress, wait_seconds=600)

    # --- questions -----------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        query = validate_question(query, self.settings.max_question_chars)
        return self.retriever.retrieve(query, k=k, filters=filters).hits

    def standalone_question(self, question: str, history: list[HistoryTurn] | None) -> str:
        history = (history or [])[-self.settings.history_turns :]
        if not history or not is_follow_up(question):
            return question
        if self.generator is not None:
            try:
                return self.generator.rewrite(question, history)
            except LLMUnavailable:
                log.warning("LLM rewrite failed; using the rule-based rewrite")
        return rewrite_rule_based(question, history)

    def evidence(self, question: str, hits: list[Hit]) -> float:
        """How well the hits cover the question (0..1); below IKZ_ABSTAIN_THRESHOLD the assistant abstains."""
        snapshot = self.reader.snapshot()
        if not hits or not mentions_known_topic(question, snapshot.vocabulary, snapshot.correct):
            return 0.0
        return evidence_score(question, hits, snapshot.idf, snapshot.correct)

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        started = time.perf_counter()
        question = validate_question(question, self.settings.max_question_chars)
        standalone = self.standalone_question(question, history)
        passages = max(self.settings.top_k, self.settings.answer_passages)
        result = self.retriever.retrieve(standalone, k=passages, filters=filters)
        retrieved = time.perf_counter()
        answer = Answer(question=question, answer=ABSTAIN, abstained=True, engine="extractive")
        if self.evidence(standalone, result.hits) >= self.settings.abstain_threshold:
            answer = self._generate(standalone, result) if self.generator else self._extract(standalone, result)
            answer.question = question
        if standalone != question:
            answer.standalone_question = standalone
        done = time.perf_counter()
        answer.timings_ms = {
            "retrieve": round((retrieved - started) * 1000, 2),
            "compose": round((done - retrieved) * 1000, 2),
            "total": round((done - started) * 1000, 2),
        }
        return answer

    def _extract(self, question: str, result: RetrievalResult, notice: str = EXTRACTIVE_NOTICE) -> Answer:
        sentences, citations = self.composer.compose(question, result.query_vector, result.hits)
        if not sentences:
            return Answer(question=question, answer=ABSTAIN, abstained=True)
        return Answer(
            question=question,
            answer=render(sentences),
            citations=citations,
            sentences=sentences,
            engine="extractive",
            notice=notice,
        )

    def _generate(self, question: str, result: RetrievalResult) -> Answer:
        """LLM answer with verified citations; any failure or weak support falls back to the extractive answer."""
        assert self.generator is not None
        try:
            text = "".join(self.generator.stream(question, result.hits))
        except LLMUnavailable as error:
            log.warning("LLM unavailable (%s); extractive fallback", error)
            return self._extract(question, result, LLM_UNAVAILABLE_NOTICE)
        if NO_COVERAGE in text:
            return Answer(question=question, answer=ABSTAIN, abstained=True, engine="llm")
        if not looks_german(text):
            return self._extract(question, result, LLM_REJECTED_NOTICE)
        verdict = self.verifier.verify(text, result.hits)
        if not verdict.verified or verdict.verified_share < MIN_VERIFIED_SHARE:
            return self._extract(question, result, LLM_REJECTED_NOTICE)
        kept = verdict.verified
        numbers = sorted({n for sentence in kept for n in sentence.citations})
        renumber = {old: new for new, old in enumerate(numbers, start=1)}
        for sentence in verdict.sentences:
            sentence.citations = (
                [renumber[n] for n in sentence.citations if n in renumber] if sentence.verified else sentence.citations
            )
        notice = LLM_NOTICE if verdict.verified_share == 1 else LLM_PARTIAL_NOTICE
        return Answer(
            question=question,
            answer=render(kept),
            citations=[citation_for(result.hits[old - 1], renumber[old]) for old in numbers],
            sentences=verdict.sentences,
            engine="llm",
            notice=notice,
        )

    def ask_stream(
        self, question: str, history: list[HistoryTurn] | None = None, filters: Filters | None = None
    ) -> Iterator[tuple[str, object]]:
        """Events for streaming clients: ("answer", text piece)…, ("citations", list), ("done", Answer).

        Only verified text is ever sent: pieces are whole sentences of the final answer.
        """
        answer = self.ask(question, history=history, filters=filters)
        pieces = [f"{s.text} " + "".join(f"[{n}]" for n in s.citations) + " " for s in answer.sentences if s.verified]
        for piece in pieces or [answer.answer]:
            yield "answer", piece
        yield "citations", [citation.model_dump() for citation in answer.citations]
        yield "done", answer
