"""`ikz bench`: ingest, latency, throughput, memory and cold start on this machine, against three baselines."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate.load import run_load
from assistant.evaluate.metrics import percentile
from assistant.language.analysis import analyze

QUESTIONS_FILE = Path("eval/questions.jsonl")
FALLBACK_QUESTIONS = [
    "Welche Rechtsform passt für einen gemeinsamen Bauhof?",
    "Fällt bei einer Zweckvereinbarung Umsatzsteuer an?",
    "Was ist ein Zweckverband?",
    "Welche Förderung gibt es in Hessen für interkommunale Zusammenarbeit?",
    "Was regelt § 108 GWB?",
]


def bench_questions(limit: int = 50) -> list[str]:
    if QUESTIONS_FILE.exists():
        rows = [json.loads(line) for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
        questions = [row["question"] for row in rows if not row.get("abstain")]
        if questions:
            return questions[:limit]
    return FALLBACK_QUESTIONS


def latency_stats(function: Callable[[str], object], questions: list[str], rounds: int = 2) -> dict:
    function(questions[0])  # warm-up
    samples = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            function(question)
            samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "n": len(samples),
    }


def _with_ratio(stats: dict, floor_p50: float) -> dict:
    return {**stats, "ratio_to_floor_p50": round(stats["p50_ms"] / floor_p50, 2) if floor_p50 else None}


def run_bench(settings: Settings, http: bool = True, throughput_seconds: float = 10.0) -> dict:
    from assistant.engine import Assistant
    from assistant.store.index import collection_prefix

    results: dict = {"corpus_dir": str(settings.corpus_dir), "embedding": settings.embedding}
    with tempfile.TemporaryDirectory(prefix="ikz-bench-") as tmp:
        bench_settings = settings.model_copy(
            update={
                "index_dir": Path(tmp) / "index",
                "feedback_db": Path(tmp) / "feedback.sqlite3",
                "chroma_host": None,
                "rate_limit_per_minute": 0,
            }
        )
        assistant = Assistant(bench_settings)
        started = time.perf_counter()
        report = assistant.ingest(progress=False)
        results["ingest_cold_s"] = round(time.perf_counter() - started, 2)
        results["documents"] = report.files_total - len(report.skipped)
        results["chunks"] = report.chunks
        started = time.perf_counter()
        assistant.ingest(progress=False)
        results["ingest_noop_s"] = round(time.perf_counter() - started, 2)

        questions = bench_questions()
        snapshot = assistant.reader.snapshot()
        collection = assistant.reader.client.get_collection(f"{collection_prefix(bench_settings)}-{snapshot.version}")
        embeddings = assistant.embeddings

        def floor(question: str) -> object:
            return collection.query(query_embeddings=[embeddings.embed_query(question)], n_results=5)

        def langchain_plain(question: str) -> str:
            return "\n\n".join(d.page_content for d in snapshot.vectorstore.similarity_search(question, k=5))

        def bm25_only(question: str) -> list:
            scores = snapshot.keyword.scores(analyze(question))
            return sorted(range(len(scores)), key=lambda i: -scores[i])[:5]

        floor_stats = latency_stats(floor, questions)
        results["baseline_floor"] = floor_stats
        results["baseline_langchain_similarity_search"] = _with_ratio(
            latency_stats(langchain_plain, questions), floor_stats["p50_ms"]
        )
        results["baseline_bm25_only"] = _with_ratio(latency_stats(bm25_only, questions), floor_stats["p50_ms"])
        results["search_hybrid"] = _with_ratio(
            latency_stats(lambda q: assistant.search(q), questions), floor_stats["p50_ms"]
        )
        results["ask_in_process"] = _with_ratio(
            latency_stats(lambda q: assistant.ask(q), questions), floor_stats["p50_ms"]
        )

        if http:
            results.update(_http_bench(bench_settings, assistant, questions, floor_stats["p50_ms"], throughput_seconds))
        results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        results["cold_start_first_answer_s"] = _cold_start(bench_settings, questions[0])
    return results


def _http_bench(settings: Settings, assistant, questions: list[str], floor_p50: float, seconds: float) -> dict:
    import httpx

    from assistant.evaluate.server import running_app
    from assistant.web.api import create_app

    app = create_app(settings, assistant, with_ui=False)
    with running_app(app) as base:
        with httpx.Client(base_url=base, timeout=60) as client:
            stats = latency_stats(lambda q: client.post("/api/ask", json={"question": q}).raise_for_status(), questions)
        throughput = {f"clients_{n}": run_load(base, questions, n, seconds).summary() for n in (1, 4, 16)}
    return {"ask_http": _with_ratio(stats, floor_p50), "throughput": throughput}


def _cold_start(settings: Settings, question: str) -> float:
    env = {
        **os.environ,
        "IKZ_INDEX_DIR": str(settings.index_dir),
        "IKZ_CORPUS_DIR": str(settings.corpus_dir),
        "IKZ_EMBEDDING": settings.embedding,
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", question, "--json"],
        env=env,
        capture_output=True,
        check=True,
        timeout=600,
    )
    return round(time.perf_counter() - started, 2)
