"""FastAPI app: /api/ask (JSON or SSE), /api/search, /api/health, /api/feedback, /api/export, admin and insights,
/metrics, the widget, offline API docs and the Gradio UI."""

from __future__ import annotations

import itertools
import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi_offline import FastAPIOffline
from pydantic import ValidationError
from sse_starlette.sse import EventSourceResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.config import Settings, get_settings
from assistant.engine import Assistant, InvalidQuestion
from assistant.export import Turn, conversation_docx, copy_text, filename
from assistant.language.states import STATES
from assistant.models import Answer, Filters
from assistant.store.chroma import StoreUnavailable
from assistant.store.index import IndexMissing
from assistant.web.admin import Reindexer, admin_auth, admin_router
from assistant.web.api_models import (
    AskRequest,
    ExportRequest,
    FeedbackRequest,
    FeedbackResponse,
    HealthResponse,
    SearchResponse,
)
from assistant.web.feedback import FeedbackStore
from assistant.web.insights import insights_router
from assistant.web.metrics import exposition, track_index_size
from assistant.web.recorder import AskRecorder
from assistant.web.security import install_security
from assistant.web.sessions import ConversationStore

log = logging.getLogger(__name__)
WIDGET_DIR = Path(__file__).parent / "widget"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

UNAVAILABLE = "Der Suchindex ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut."
NO_CONVERSATION = "Zu dieser Sitzung liegt kein Gespräch vor (der Server hält Gespräche nur begrenzt im Speicher)."


class AssistantHolder:
    """Creates the Assistant on first use, so the app starts even while the store is missing."""

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

    def index_chunks(self) -> int | None:
        """Chunks of the current index version, or None while there is no assistant or no index."""
        if self._assistant is None:
            return None
        try:
            return len(self._assistant.reader.snapshot().chunks)
        except Exception:  # store away or no index yet: the gauge keeps its last value
            return None


def create_app(settings: Settings | None = None, assistant: Assistant | None = None, with_ui: bool = True) -> FastAPI:
    settings = settings or get_settings()
    holder = AssistantHolder(settings, assistant)
    store = FeedbackStore(settings.feedback_db, settings.question_retention_days)
    sessions = ConversationStore(ttl_seconds=settings.session_minutes * 60)
    recorder = AskRecorder(settings, store, sessions)
    track_index_size(holder.index_chunks)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        _warm_up(holder)
        yield

    app = FastAPIOffline(
        title="IKZ-Assistent API",
        description="Fragen zur interkommunalen Zusammenarbeit mit belegten Antworten.",
        version="0.1.0",
        lifespan=lifespan,
        favicon_url="/static-offline-docs/favicon.png",
    )
    app.state.holder = holder
    app.state.recorder = recorder
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Accept"],
        expose_headers=["Content-Disposition"],  # the widget names the downloaded file note
    )
    install_security(app, settings)
    _install_error_handlers(app)
    require_admin = admin_auth(settings)
    app.state.reindexer = Reindexer(lambda: holder.get().ingest(progress=False, wait_seconds=60))
    app.include_router(admin_router(settings, app.state.reindexer, require_admin))
    app.include_router(insights_router(settings, store, require_admin))

    @app.post(
        "/api/ask",
        response_model=Answer,
        responses={200: {"content": {"text/event-stream": {}}}},
        tags=["Fragen"],
        summary="Frage stellen (JSON oder SSE)",
    )
    def ask(body: AskRequest, request: Request):
        wants_stream = body.stream or "text/event-stream" in request.headers.get("accept", "")

        def record(answer: Answer) -> None:
            recorder.record(body.channel, answer.question, answer, body.session_id, body.message_id)

        if wants_stream:
            events = holder.get().ask_stream(body.question, history=body.history, filters=body.filters)
            first = next(events)  # validation and retrieval errors surface here, before the stream starts
            return EventSourceResponse(_sse(first, events, record), ping=15)
        answer = holder.get().ask(body.question, history=body.history, filters=body.filters)
        record(answer)
        return answer

    @app.get("/api/search", response_model=SearchResponse, tags=["Fragen"], summary="Passagen suchen")
    def search(
        q: Annotated[str, Query(description="Suchanfrage")],
        k: Annotated[int, Query(ge=1, le=50)] = 5,
        bundesland: str | None = None,
        type: str | None = None,
        handlungsfeld: str | None = None,
    ) -> SearchResponse:
        filters = Filters(bundesland=bundesland, type=type, handlungsfeld=handlungsfeld)
        return SearchResponse(query=q, hits=holder.get().search(q, k=k, filters=filters))

    @app.get("/api/health", response_model=HealthResponse, tags=["Betrieb"], summary="Indexstatus")
    def health() -> JSONResponse:
        report = _health(holder)
        return JSONResponse(report.model_dump(), status_code=200 if report.status == "ok" else 503)

    @app.post(
        "/api/feedback", response_model=FeedbackResponse, tags=["Rückmeldung und Vermerk"], summary="Antwort bewerten"
    )
    def post_feedback(body: FeedbackRequest) -> FeedbackResponse:
        row = store.add(body.session_id, body.message_id, body.rating, body.comment)
        return FeedbackResponse(id=row)

    @app.post(
        "/api/export",
        response_class=Response,
        responses={200: {"content": {DOCX_TYPE: {}, "text/plain": {}}, "description": "Vermerk (DOCX) oder Text"}},
        tags=["Rückmeldung und Vermerk"],
        summary="Gespräch als Vermerk exportieren",
    )
    def export(body: ExportRequest) -> Response:
        """Das Gespräch als DOCX-Vermerk („Als Vermerk herunterladen“) oder als Text mit Quellen."""
        if body.conversation:
            turns = body.conversation
        elif body.session_id:
            turns = sessions.get(body.session_id)
            if not turns:
                return JSONResponse({"detail": NO_CONVERSATION}, status_code=404)
        else:
            return JSONResponse({"detail": "Bitte das Gespräch oder eine session_id angeben."}, status_code=422)
        if body.format == "text":
            return PlainTextResponse(conversation_text(turns))
        created = datetime.now().astimezone()
        return Response(
            conversation_docx(turns, created),
            media_type=DOCX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{filename(created)}"'},
        )

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        body, media_type = exposition()
        return Response(body, media_type=media_type)

    @app.get("/widget.js", include_in_schema=False)
    def widget_script() -> FileResponse:
        return FileResponse(WIDGET_DIR / "widget.js", media_type="text/javascript; charset=utf-8")

    @app.get("/widget-demo", include_in_schema=False, response_class=HTMLResponse)
    def widget_demo() -> HTMLResponse:
        return HTMLResponse((WIDGET_DIR / "demo.html").read_text(encoding="utf-8"))

    if with_ui:
        from assistant.web.ui import mount_ui

        mount_ui(app, holder.get, settings, recorder)
    return app


def conversation_text(turns: list[Turn]) -> str:
    return "\n\n".join(f"Frage: {turn.question}\n\n{copy_text(turn.answer)}" for turn in turns) + "\n"


def _warm_up(holder: AssistantHolder) -> None:
    """Load the model and the index before the first request, so metrics and the first answer are ready."""
    try:
        holder.get().reader.snapshot()
    except Exception as error:  # the server still starts: health says what is missing
        log.warning("index not ready at start-up: %s", error)


def _sse(
    first: tuple[str, object], rest: Iterator[tuple[str, object]], on_done: Callable[[Answer], None]
) -> Iterator[dict]:
    for event, payload in itertools.chain((first,), rest):  # lazily: each event leaves as soon as it exists
        if event == "answer":
            data = json.dumps({"text": payload}, ensure_ascii=False)
        elif event == "done":
            on_done(payload)  # type: ignore[arg-type]
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
    return HealthResponse(
        status="ok",
        index_version=snapshot.version,
        documents=snapshot.documents,
        chunks=len(snapshot.chunks),
        **common,
    )


def _validation_detail(errors: list[dict]) -> dict:
    """German message: a validator's own message (e.g. unknown Bundesland with the valid ones), else the fields."""
    for error in errors:
        if error.get("type") == "value_error" and error.get("ctx", {}).get("error"):
            detail: dict = {"detail": str(error["ctx"]["error"])}
            if error.get("loc", ())[-1:] == ("bundesland",):
                detail["valid_values"] = list(STATES)
            return detail
    fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) or "Anfrage" for e in errors})
    return {"detail": f"Die Anfrage ist ungültig (Feld: {', '.join(fields)}). Bitte Eingaben prüfen."}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(_validation_detail(list(error.errors())), status_code=422)

    @app.exception_handler(ValidationError)
    async def invalid_value(request: Request, error: ValidationError) -> JSONResponse:
        # e.g. Filters built from query parameters: loc has no "body"/"query" prefix
        errors = [{**e, "loc": ("query", *e.get("loc", ()))} for e in error.errors()]
        return JSONResponse(_validation_detail(errors), status_code=422)

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
