"""The one Python API that the CLI, the web app and the evaluation scripts call: ``Assistant``."""

from __future__ import annotations

import logging
import time
import unicodedata

from assistant.answer.evidence import evidence_score
from assistant.answer.extractive import ExtractiveComposer, SentenceVectors, render
from assistant.answer.messages import ABSTAIN, EXTRACTIVE_NOTICE
from assistant.config import Settings, get_settings
from assistant.embeddings import make_embeddings
from assistant.models import Answer, Filters, Hit, HistoryTurn
from assistant.retrieve import HybridRetriever
from assistant.store.index import IndexBuilder, IngestReport, read_manifest
from assistant.store.reader import IndexReader

log = logging.getLogger(__name__)


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
        self.composer = ExtractiveComposer(SentenceVectors(self.embeddings), self.settings.max_answer_sentences)

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

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        started = time.perf_counter()
        question = validate_question(question, self.settings.max_question_chars)
        result = self.retriever.retrieve(question, filters=filters)
        retrieved = time.perf_counter()
        answer = Answer(question=question, answer=ABSTAIN, abstained=True, engine="extractive")
        if result.hits and evidence_score(question, result.hits) >= self.settings.abstain_threshold:
            sentences, citations = self.composer.compose(question, result.query_vector, result.hits)
            if sentences:
                answer = Answer(
                    question=question,
                    answer=render(sentences),
                    citations=citations,
                    sentences=sentences,
                    engine="extractive",
                    notice=EXTRACTIVE_NOTICE,
                )
        done = time.perf_counter()
        answer.timings_ms = {
            "retrieve": round((retrieved - started) * 1000, 2),
            "compose": round((done - retrieved) * 1000, 2),
            "total": round((done - started) * 1000, 2),
        }
        return answer
