"""FastAPI app: /api/ask (JSON or SSE), /api/search, /api/health, /api/feedback, /metrics, widget, Gradio UI."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from sse_starlette.sse import EventSourceResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.admin import Reindexer, admin_router
from assistant.api_models import AskRequest, FeedbackRequest, FeedbackResponse, HealthResponse, SearchResponse
from assistant.config import Settings, get_settings
from assistant.engine import Assistant, InvalidQuestion
from assistant.feedback import FeedbackStore
from assistant.models import Answer, Filters
from assistant.security import ABSTENTIONS, INDEX_CHUNKS, install_security
from assistant.store.chroma import StoreUnavailable
from assistant.store.index import IndexMissing

log = logging.getLogger(__name__)
WIDGET_DIR = Path(__file__).parent / "widget"

UNAVAILABLE = "Der Suchindex ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut."


class AssistantHolder:
    """Creates the Assistant on first use, so the app starts fast and survives a missing store."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self._assistant = assistant
        self._lock = threading.Lock()

    def get(self) -> Assistant:
        if self._assistant is None:
            with self._lock:
                if self._assistant is None:
                    self._assistant = Assistant(self.settings)
        return self._assistant


def create_app(settings: Settings | None = None, assistant: Assistant | None = None, with_ui: bool = True) -> FastAPI:
    settings = settings or get_settings()
    holder = AssistantHolder(settings, assistant)
    feedback = FeedbackStore(settings.feedback_db)
    app = FastAPI(
        title="IKZ-Assistent API",
        description="Fragen zur interkommunalen Zusammenarbeit mit belegten Antworten.",
        version="0.1.0",
    )
    app.state.holder = holder
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Accept"],
    )
    install_security(app, settings)
    _install_error_handlers(app)
    app.state.reindexer = Reindexer(lambda: holder.get().ingest(progress=False, wait_seconds=60))
    app.include_router(admin_router(settings, app.state.reindexer))

    @app.post("/api/ask", response_model=Answer, responses={200: {"content": {"text/event-stream": {}}}})
    def ask(body: AskRequest, request: Request):
        wants_stream = body.stream or "text/event-stream" in request.headers.get("accept", "")
        if wants_stream:
            events = holder.get().ask_stream(body.question, history=body.history, filters=body.filters)
            first = next(events)  # validation and retrieval errors surface here, before the stream starts
            _log_question(settings, body.question)
            return EventSourceResponse(_sse(first, events), ping=15)
        answer = holder.get().ask(body.question, history=body.history, filters=body.filters)
        _log_question(settings, body.question, answer)
        return answer

    @app.get("/api/search", response_model=SearchResponse)
    def search(
        q: Annotated[str, Query(description="Suchanfrage")],
        k: Annotated[int, Query(ge=1, le=50)] = 5,
        bundesland: str | None = None,
        type: str | None = None,
        handlungsfeld: str | None = None,
    ) -> SearchResponse:
        filters = Filters(bundesland=bundesland, type=type, handlungsfeld=handlungsfeld)
        return SearchResponse(query=q, hits=holder.get().search(q, k=k, filters=filters))

    @app.get("/api/health", response_model=HealthResponse)
    def health() -> JSONResponse:
        report = _health(holder)
        return JSONResponse(report.model_dump(), status_code=200 if report.status == "ok" else 503)

    @app.post("/api/feedback", response_model=FeedbackResponse)
    def post_feedback(body: FeedbackRequest) -> FeedbackResponse:
        row = feedback.add(body.session_id, body.message_id, body.rating, body.comment)
        return FeedbackResponse(id=row)

    @app.get("/widget.js", include_in_schema=False)
    def widget_script() -> FileResponse:
        return FileResponse(WIDGET_DIR / "widget.js", media_type="text/javascript; charset=utf-8")

    @app.get("/widget-demo", include_in_schema=False, response_class=HTMLResponse)
    def widget_demo() -> HTMLResponse:
        return HTMLResponse((WIDGET_DIR / "demo.html").read_text(encoding="utf-8"))

    if with_ui:
        import gradio as gr

        from assistant.ui import CSS, HEAD, build_ui

        gr.mount_gradio_app(app, build_ui(holder.get, settings), path="/", head=HEAD, css=CSS, show_error=False)
    return app


def _log_question(settings: Settings, question: str, answer: Answer | None = None) -> None:
    """Question texts can be personal data: logged only when IKZ_LOG_QUESTIONS=true."""
    extra: dict = {"abstained": answer.abstained if answer else None}
    if answer is not None and answer.abstained:
        ABSTENTIONS.inc()
    if settings.log_questions:
        extra["question"] = question
    log.info("answered", extra=extra)


def _sse(first: tuple[str, object], rest: Iterator[tuple[str, object]]) -> Iterator[dict]:
    for event, payload in (first, *rest):
        if event == "answer":
            data = json.dumps({"text": payload}, ensure_ascii=False)
        elif event == "done":
            data = payload.model_dump_json()  # type: ignore[union-attr]
        else:
            data = json.dumps(payload, ensure_ascii=False)
        yield {"event": event, "data": data}


def _health(holder: AssistantHolder) -> HealthResponse:
    settings = holder.settings
    common = {
        "embedding_model": settings.embedding,
        "answer_engine": f"llm ({settings.llm})" if settings.llm else "extractive",
        "chroma": "server" if settings.uses_chroma_server else "embedded",
    }
    try:
        snapshot = holder.get().reader.snapshot()
    except StoreUnavailable as error:
        return HealthResponse(status="unavailable", message=str(error), **common)
    except IndexMissing as error:
        return HealthResponse(status="degraded", message=str(error), **common)
    INDEX_CHUNKS.set(len(snapshot.chunks))
    return HealthResponse(
        status="ok",
        index_version=snapshot.version,
        documents=snapshot.documents,
        chunks=len(snapshot.chunks),
        **common,
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) or "Anfrage" for e in error.errors()})
        return JSONResponse(
            {"detail": f"Die Anfrage ist ungültig (Feld: {', '.join(fields)}). Bitte Eingaben prüfen."},
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 400:  # body not decodable (invalid UTF-8 or JSON)
            return JSONResponse({"detail": "Der Anfragetext ist kein gültiges JSON in UTF-8."}, status_code=422)
        detail = (
            error.detail if isinstance(error.detail, str) and error.status_code in (401, 404, 413, 415, 422) else None
        )
        detail = detail or {404: "Nicht gefunden.", 405: "Methode nicht erlaubt."}.get(
            error.status_code, "Anfrage abgelehnt."
        )
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(InvalidQuestion)
    async def invalid_question(request: Request, error: InvalidQuestion) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, error: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"detail": UNAVAILABLE}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(IndexMissing)
    async def index_missing(request: Request, error: IndexMissing) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"detail": "Interner Fehler. Bitte versuchen Sie es später erneut."}, status_code=500)
