"""Typed request and response models of the HTTP API (shared with the CLI and the evaluation scripts)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.models import Answer, Filters, HistoryTurn, Hit

__all__ = ["Answer", "AskRequest", "FeedbackRequest", "FeedbackResponse", "HealthResponse", "Hit", "SearchResponse"]


class AskRequest(BaseModel):
    question: str = Field(..., description="Die Frage auf Deutsch (höchstens 2.000 Zeichen).")
    history: list[HistoryTurn] | None = Field(None, max_length=50, description="Frühere Beiträge des Gesprächs.")
    filters: Filters | None = None
    session_id: str | None = Field(None, max_length=100)
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
