"""Prometheus metrics: HTTP requests and latency, questions and refusals per channel, index size."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

from assistant.models import Answer

CHANNELS = ("api", "ui", "widget")

REQUESTS = Counter("ikz_requests_total", "HTTP requests", ["path", "status"])
LATENCY = Histogram("ikz_request_seconds", "HTTP request latency", ["path"])
ASKS = Counter("ikz_asks_total", "Questions answered (any outcome)", ["channel"])
ABSTENTIONS = Counter(
    "ikz_abstentions_total", "Questions without a composed answer (refusals and suggestion answers)", ["channel"]
)
SUGGESTIONS = Counter("ikz_suggestions_total", "Answers that only suggest sections that might help", ["channel"])
INDEX_CHUNKS = Gauge("ikz_index_chunks", "Chunks in the current index version")
_PATHS = ("/api/ask", "/api/search", "/api/health", "/api/feedback", "/api/export", "/api/admin", "/admin")

for _channel in CHANNELS:  # every series exists from start-up, at 0
    ASKS.labels(_channel)
    ABSTENTIONS.labels(_channel)
    SUGGESTIONS.labels(_channel)


def metric_path(path: str) -> str:
    return next((p for p in _PATHS if path.startswith(p)), "other")


def observe_request(path: str, status: int, seconds: float) -> None:
    metric = metric_path(path)
    REQUESTS.labels(metric, str(status)).inc()
    LATENCY.labels(metric).observe(seconds)


def count_answer(channel: str, answer: Answer) -> None:
    ASKS.labels(channel).inc()
    if answer.abstained:
        ABSTENTIONS.labels(channel).inc()
    if answer.suggestions:
        SUGGESTIONS.labels(channel).inc()


def track_index_size(chunks: Callable[[], int | None]) -> None:
    """The gauge asks at scrape time, so it is right from start-up and after every re-index."""
    last = {"value": 0}

    def current() -> float:
        value = chunks()
        if value is not None:
            last["value"] = value
        return float(last["value"])

    INDEX_CHUNKS.set_function(current)


def exposition() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
