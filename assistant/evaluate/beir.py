"""`ikz eval retrieval`: index a BEIR-style directory into a temporary index and score the product's retrieval."""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.embeddings import make_embeddings
from assistant.evaluate.metrics import summarize
from assistant.ingest.chunking import _pack, text_units
from assistant.models import Chunk
from assistant.retrieve import HybridRetriever
from assistant.store.index import IndexBuilder
from assistant.store.reader import IndexReader


@dataclass
class BeirData:
    docs: dict[str, str]
    queries: dict[str, str]
    qrels: dict[str, set[str]]


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_beir(directory: Path) -> BeirData:
    """Reads docs.jsonl (doc_id, text), queries.jsonl (query_id, query_text), qrels.jsonl (query_id, doc_id)."""
    docs = {row["doc_id"]: row["text"] for row in _read_jsonl(directory / "docs.jsonl")}
    queries = {row["query_id"]: row["query_text"] for row in _read_jsonl(directory / "queries.jsonl")}
    qrels: dict[str, set[str]] = {}
    for row in _read_jsonl(directory / "qrels.jsonl"):
        if int(row.get("relevance", 1)) > 0:
            qrels.setdefault(row["query_id"], set()).add(row["doc_id"])
    return BeirData(docs, queries, qrels)


def doc_chunks(doc_id: str, text: str, max_chars: int) -> list[Chunk]:
    """One chunk per document unless it is longer than max_chars; then sentence-packed chunks."""
    title = text.split("\n", 1)[0].strip()
    packs = (
        [text]
        if len(text) <= max_chars
        else ["\n".join(u.text for u in p) for p in _pack(text_units(text), max_chars, 1)]
    )
    chunks = []
    for number, body in enumerate(packs):
        chunk_id = hashlib.sha256(f"{doc_id}\n{number}\n{body}".encode()).hexdigest()[:24]
        metadata = {"type": "dokument", "bundesland": "alle", "handlungsfeld": "alle", "rechtsform": "alle"}
        chunks.append(Chunk(chunk_id=chunk_id, text=body, source=doc_id, title=title, metadata=metadata))
    return chunks


def rank_documents(retriever: HybridRetriever, query: str, mode: str, depth: int) -> list[str]:
    ranking: list[str] = []
    for hit in retriever.retrieve(query, k=depth, mode=mode).hits:
        if hit.source not in ranking:
            ranking.append(hit.source)
    return ranking


def evaluate_retrieval(
    directory: Path, settings: Settings, mode: str = "hybrid", max_chars: int | None = None, progress: bool = False
) -> dict:
    started = time.perf_counter()
    data = load_beir(directory)
    with tempfile.TemporaryDirectory(prefix="ikz-eval-") as tmp:
        eval_settings = settings.model_copy(
            update={"index_dir": Path(tmp), "chroma_host": None, "candidates_k": max(settings.candidates_k, 50)}
        )
        embeddings = make_embeddings(eval_settings.embedding)
        chunks = [c for doc_id, text in data.docs.items() for c in doc_chunks(doc_id, text, max_chars or 10**9)]
        IndexBuilder(eval_settings, embeddings=embeddings).build_from_chunks(chunks, progress=progress)
        retriever = HybridRetriever(eval_settings, IndexReader(eval_settings, embeddings))
        rankings = {
            query_id: rank_documents(retriever, data.queries[query_id], mode, depth=30)
            for query_id in data.qrels
            if query_id in data.queries
        }
    result = summarize(rankings, data.qrels)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
