"""Concurrent HTTP load against /api/ask, bounded in time and request count, loopback only."""

from __future__ import annotations

import ipaddress
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpx

from assistant.evaluate.metrics import percentile


@dataclass
class LoadResult:
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": round(self.requests / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": round(percentile(self.latencies_ms, 50), 1),
            "p95_ms": round(percentile(self.latencies_ms, 95), 1),
            "p99_ms": round(percentile(self.latencies_ms, 99), 1),
            "status": self.status_counts,
        }


def require_loopback(base_url: str) -> None:
    host = urlparse(base_url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"Lasttests laufen nur gegen Loopback-Adressen, nicht gegen „{host}“.")


def run_load(
    base_url: str,
    questions: list[str],
    clients: int,
    duration_s: float,
    max_requests: int = 100_000,
    path: str = "/api/ask",
) -> LoadResult:
    require_loopback(base_url)
    result = LoadResult(clients=clients, seconds=0.0)
    lock = threading.Lock()
    deadline = time.perf_counter() + duration_s
    counter = iter(range(max_requests))

    def client_loop(offset: int) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as http:
            position = offset
            while time.perf_counter() < deadline:
                with lock:
                    if next(counter, None) is None:
                        return
                question = questions[position % len(questions)]
                position += 1
                started = time.perf_counter()
                try:
                    status = str(http.post(path, json={"question": question}).status_code)
                except httpx.HTTPError as error:
                    status = type(error).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    result.requests += 1
                    result.latencies_ms.append(elapsed)
                    result.status_counts[status] = result.status_counts.get(status, 0) + 1
                    if status != "200":
                        result.errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(i * 7,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
