"""Typed request and response models of the HTTP API (shared with the CLI and the evaluation scripts)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.export.conversation import Turn
from assistant.models import Answer, Filters, HistoryTurn, Hit

__all__ = [
    "Answer",
    "AskRequest",
    "ExportRequest",
    "FeedbackRequest",
    "FeedbackResponse",
    "HealthResponse",
    "Hit",
    "SearchResponse",
    "Turn",
]


class AskRequest(BaseModel):
    question: str = Field(..., description="Die Frage auf Deutsch (höchstens 2.000 Zeichen).")
    history: list[HistoryTurn] | None = Field(None, max_length=50, description="Frühere Beiträge des Gesprächs.")
    filters: Filters | None = None
    session_id: str | None = Field(
        None, max_length=100, description="Gesprächs-ID; der Server hält das Gespräch für /api/export im Speicher."
    )
    message_id: str | None = Field(
        None, max_length=100, description="ID dieser Antwort; Bewertungen (/api/feedback) verweisen darauf."
    )
    channel: Literal["api", "widget"] = Field("api", description="Herkunft der Frage (für Metriken und Auswertung).")
    stream: bool = Field(False, description="Antwort als Server-Sent Events streamen.")


class SearchResponse(BaseModel):
    query: str
    hits: list[Hit]


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded", "unavailable"]
    index_version: str | None = None
    documents: int = 0
    chunks: int = 0
    embedding_model: str
    answer_engine: str
    chroma: Literal["embedded", "server"]
    message: str | None = None


class FeedbackRequest(BaseModel):
    session_id: str = Field(..., min_length=1, max_length=100)
    message_id: str = Field(..., min_length=1, max_length=100)
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=2000)


class FeedbackResponse(BaseModel):
    id: int
    stored: bool = True


class ExportRequest(BaseModel):
    conversation: list[Turn] | None = Field(
        None, max_length=50, description="Fragen und Antworten in der Reihenfolge des Gesprächs."
    )
    session_id: str | None = Field(
        None, max_length=100, description="Statt des Gesprächs: die session_id, mit der gefragt wurde."
    )
    format: Literal["docx", "text"] = Field("docx", description="DOCX-Vermerk oder Text „Mit Quellen kopieren“.")
