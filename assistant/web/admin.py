"""Admin API: upload and delete corpus documents (bearer token), re-index in the background."""

from __future__ import annotations

import hmac
import logging
import os
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Depends, File, Header, HTTPException, UploadFile
from pydantic import BaseModel

from assistant.config import Settings
from assistant.ingest.scan import SUPPORTED_SUFFIXES
from assistant.store.index import IndexBusy

log = logging.getLogger(__name__)
UPLOAD_DIR = "uploads"


class AdminStatus(BaseModel):
    state: str = "idle"  # idle | running | failed
    started_at: float | None = None
    finished_at: float | None = None
    summary: str | None = None
    pending: bool = False


class UploadResult(BaseModel):
    path: str
    bytes: int
    reindex: str = "gestartet"


def sanitize_filename(name: str) -> str:
    """Keep only a safe base name: no directories, no traversal, no hidden files, ASCII-ish characters."""
    base = unicodedata.normalize("NFKC", name).replace("\\", "/").split("/")[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")
    base = re.sub(r"\s+", "-", base)
    if not base or base.startswith("."):
        raise HTTPException(422, "Der Dateiname ist ungültig.")
    return base[:120]


class Reindexer:
    """One background re-index at a time; requests during a run are coalesced into one more run."""

    def __init__(self, ingest) -> None:
        self._ingest = ingest
        self.status = AdminStatus()
        self._lock = threading.Lock()

    def request(self) -> None:
        with self._lock:
            if self.status.state == "running":
                self.status.pending = True
                return
            self.status = AdminStatus(state="running", started_at=time.time())
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                report = self._ingest()
                summary, state = report.summary(), "idle"
            except IndexBusy as error:
                summary, state = str(error), "failed"
            except Exception:  # keep serving; the reason is in the log
                log.exception("background re-index failed")
                summary, state = "Die Indizierung ist fehlgeschlagen; Details stehen im Server-Log.", "failed"
            with self._lock:
                if self.status.pending:
                    self.status.pending = False
                    continue
                self.status = AdminStatus(
                    state=state, started_at=self.status.started_at, finished_at=time.time(), summary=summary
                )
                return


def admin_auth(settings: Settings) -> Callable[..., None]:
    """The Bearer-token check of every admin route; a refusal says nothing about why (no token set, wrong token)."""

    def require_token(authorization: str | None = Header(None)) -> None:
        token = settings.admin_token.get_secret_value() if settings.admin_token else ""
        scheme, _, given = (authorization or "").strip().partition(" ")
        if not token or scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "Anmeldung erforderlich.", headers={"WWW-Authenticate": "Bearer"})

    return require_token


def admin_router(settings: Settings, reindexer: Reindexer, require_token: Callable[..., None]) -> APIRouter:
    router = APIRouter(prefix="/api/admin", dependencies=[Depends(require_token)], tags=["Verwaltung"])
    limit = int(settings.max_file_mb * 1024 * 1024)

    @router.post("/documents", response_model=UploadResult, summary="Dokument hochladen")
    def upload(file: UploadFile = File(...)) -> UploadResult:
        name = sanitize_filename(file.filename or "")
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise HTTPException(415, "Dateityp nicht erlaubt. Erlaubt sind PDF, DOCX, Markdown, HTML und TXT.")
        target_dir = settings.corpus_dir / UPLOAD_DIR
        target_dir.mkdir(parents=True, exist_ok=True)
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"Die Datei ist größer als {settings.max_file_mb:g} MB.")
        with tempfile.NamedTemporaryFile(dir=target_dir, prefix=".upload-", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, target_dir / name)  # atomic: ingest never reads half a file
        reindexer.request()
        return UploadResult(path=f"{UPLOAD_DIR}/{name}", bytes=len(data))

    @router.delete("/documents/{name}", summary="Hochgeladenes Dokument entfernen")
    def delete(name: str) -> dict:
        path = settings.corpus_dir / UPLOAD_DIR / sanitize_filename(name)
        if not path.is_file():
            raise HTTPException(404, "Dokument nicht gefunden.")
        path.unlink()
        reindexer.request()
        return {"deleted": f"{UPLOAD_DIR}/{path.name}", "reindex": "gestartet"}

    @router.get("/status", response_model=AdminStatus, summary="Stand der Neuindizierung")
    def status() -> AdminStatus:
        return reindexer.status

    return router
