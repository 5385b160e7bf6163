"""Typed records that cross module boundaries: chunks, hits, citations, answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Chunk(BaseModel):
    """One retrievable passage of a corpus document."""

    chunk_id: str
    text: str
    source: str  # path relative to the corpus dir
    title: str
    section: str = ""  # heading path, e.g. "Zweckverband > Gründung"
    page: int | None = None
    sentences: list[str] = Field(default_factory=list)
    metadata: dict[str, str] = Field(default_factory=dict)  # type, bundesland, source_url, ...

    @property
    def index_text(self) -> str:
        """What is embedded and keyword-indexed: headings give short passages their context."""
        return f"{self.section or self.title}\n{self.text}"


class Hit(BaseModel):
    chunk_id: str
    text: str
    source: str
    title: str
    section: str = ""
    page: int | None = None
    source_url: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    sentences: list[str] = Field(default_factory=list)
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None


class Citation(BaseModel):
    n: int
    chunk_id: str
    title: str
    section: str = ""
    page: int | None = None
    source_url: str | None = None
    source: str = ""
    snippet: str


class AnswerSentence(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)
    verified: bool = True


class Answer(BaseModel):
    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    abstained: bool = False
    engine: Literal["extractive", "llm"] = "extractive"
    notice: str | None = None
    sentences: list[AnswerSentence] = Field(default_factory=list)
    standalone_question: str | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)


class Filters(BaseModel):
    bundesland: str | None = None
    type: str | None = None
    handlungsfeld: str | None = None

    def is_empty(self) -> bool:
        return not (self.bundesland or self.type or self.handlungsfeld)


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str
