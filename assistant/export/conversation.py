"""A conversation to export: the questions asked and the answers given, in order."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.models import Answer


class Turn(BaseModel):
    question: str = Field(..., max_length=10_000, description="Die gestellte Frage.")
    answer: Answer = Field(..., description="Das Antwortobjekt, wie /api/ask es geliefert hat.")
