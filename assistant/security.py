"""Security and protection middleware: headers and CSP, origin allowlist, per-client rate limit, metrics."""

from __future__ import annotations

import logging
import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

from assistant.config import Settings
from assistant.logs import request_record

access_log = logging.getLogger("ikz.access")

REQUESTS = Counter("ikz_requests_total", "HTTP requests", ["path", "status"])
ABSTENTIONS = Counter("ikz_abstentions_total", "Questions the assistant declined to answer")
INDEX_CHUNKS = Gauge("ikz_index_chunks", "Chunks in the current index version")
LATENCY = Histogram("ikz_request_seconds", "HTTP request latency", ["path"])
_API_CSP = "default-src 'none'; frame-ancestors {ancestors}"
# Gradio's front end needs inline styles/scripts and websockets to its own origin.
_UI_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
    "frame-ancestors {ancestors}"
)
_METRIC_PATHS = ("/api/ask", "/api/search", "/api/health", "/api/feedback", "/api/admin")


def _metric_path(path: str) -> str:
    return next((p for p in _METRIC_PATHS if path.startswith(p)), "other")


def install_security(app: FastAPI, settings: Settings) -> None:
    ancestors = " ".join(["'self'", *settings.allowed_origins])
    allowed = set(settings.allowed_origins)
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = parse(f"{settings.rate_limit_per_minute}/minute") if settings.rate_limit_per_minute > 0 else None

    @app.middleware("http")
    async def protect(request: Request, call_next) -> Response:
        started = time.perf_counter()
        path = request.url.path
        origin = request.headers.get("origin")
        if path.startswith("/api/") and origin and not _same_origin(request, origin) and origin not in allowed:
            response: Response = JSONResponse(
                {"detail": "Diese Website ist nicht für den IKZ-Assistenten freigeschaltet."}, status_code=403
            )
        elif rate is not None and path.startswith("/api/") and not limiter.hit(rate, _client_key(request)):
            reset, _ = limiter.get_window_stats(rate, _client_key(request))
            retry_after = max(1, int(reset - time.time()))
            response = JSONResponse(
                {"detail": "Zu viele Anfragen. Bitte warten Sie einen Moment."},
                status_code=429,
                headers={"Retry-After": str(retry_after)},
            )
        else:
            response = await call_next(request)
        template = _API_CSP if path.startswith("/api/") or path == "/metrics" else _UI_CSP
        response.headers.setdefault("Content-Security-Policy", template.format(ancestors=ancestors))
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        access_log.info("request", extra=request_record(request.method, path, response.status_code, started, None))
        metric = _metric_path(path)
        REQUESTS.labels(metric, str(response.status_code)).inc()
        LATENCY.labels(metric).observe(time.perf_counter() - started)
        return response

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def _same_origin(request: Request, origin: str) -> bool:
    return origin.rstrip("/") == f"{request.url.scheme}://{request.headers.get('host', '')}"


def _client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"
