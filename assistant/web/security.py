"""Protection middleware: security headers and CSP, origin allowlist, per-client rate limit, request metrics."""

from __future__ import annotations

import logging
import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from assistant.config import Settings
from assistant.logs import request_record
from assistant.web.metrics import observe_request

access_log = logging.getLogger("ikz.access")

ORIGIN_REFUSED = "Dieses Portal ist für den IKZ-Assistenten nicht freigeschaltet."
ORIGIN_REFUSED_CODE = "origin_not_allowed"
_API_CSP = "default-src 'none'; frame-ancestors {ancestors}"
# Gradio's front end needs inline styles/scripts and websockets to its own origin; /docs and /redoc load their
# assets from this server (fastapi-offline), ReDoc starts a worker from a blob: URL.
_UI_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; "
    "frame-ancestors {ancestors}"
)
_CORS_METHODS = "GET, POST"
_CORS_HEADERS = "Content-Type, Accept"


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
            response: Response = _refuse_origin(request, origin)
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
        observe_request(path, response.status_code, time.perf_counter() - started)
        return response


def _refuse_origin(request: Request, origin: str) -> Response:
    """A refusal the widget can read: CORS headers (no credentials), so the browser shows the script the reason.

    The preflight passes, so that the actual request reaches this refusal instead of failing as a network error.
    """
    cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    if request.method == "OPTIONS" and request.headers.get("access-control-request-method"):
        return Response(
            status_code=204,
            headers={
                **cors,
                "Access-Control-Allow-Methods": _CORS_METHODS,
                "Access-Control-Allow-Headers": _CORS_HEADERS,
                "Access-Control-Max-Age": "600",
            },
        )
    return JSONResponse({"detail": ORIGIN_REFUSED, "code": ORIGIN_REFUSED_CODE}, status_code=403, headers=cors)


def _same_origin(request: Request, origin: str) -> bool:
    return origin.rstrip("/") == f"{request.url.scheme}://{request.headers.get('host', '')}"


def _client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"
