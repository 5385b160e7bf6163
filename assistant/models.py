"""Typed records that cross module boundaries: chunks, hits, citations, answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from assistant.language.states import STATES


class Unit(BaseModel):
    """One sentence of a passage, with the block it belongs to: answers keep lists as lists, tables as tables."""

    text: str
    kind: Literal["sentence", "item", "row"] = "sentence"
    block: int = 0  # paragraph, list or table within the passage
    item: int = 0  # list item or table row within the block (the sentences of one item share it)


def heading_of(section: str, title: str) -> str:
    """The heading a passage stands under: its section's own heading, or the document title."""
    parts = section.split(" > ")
    return parts[-1] if len(parts) > 1 else title


def sentences_of(units: list[Unit]) -> list[str]:
    """The prose of a passage: sentences and list items; table rows are not sentences."""
    return [unit.text for unit in units if unit.kind != "row"]


# The scopes (front matter `bundesland`) of a document that holds for every state; a filter for a state keeps them.
GENERAL_SCOPES = ("alle", "bund")


def _nationwide(metadata: dict[str, str]) -> bool:
    return metadata.get("bundesland", "") in ("", *GENERAL_SCOPES)


class Chunk(BaseModel):
    """One retrievable passage of a corpus document."""

    chunk_id: str
    text: str
    source: str  # path relative to the corpus dir
    title: str
    section: str = ""  # heading path, e.g. "Zweckverband > Gründung"
    page: int | None = None
    units: list[Unit] = Field(default_factory=list)
    metadata: dict[str, str] = Field(default_factory=dict)  # type, bundesland, stand, source_url(s), ...

    @property
    def sentences(self) -> list[str]:
        return sentences_of(self.units)

    @property
    def heading(self) -> str:
        return heading_of(self.section, self.title)

    @property
    def nationwide(self) -> bool:
        return _nationwide(self.metadata)

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
    units: list[Unit] = Field(default_factory=list, exclude=True)
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None

    @property
    def heading(self) -> str:
        return heading_of(self.section, self.title)

    @property
    def nationwide(self) -> bool:
        return _nationwide(self.metadata)


class Citation(BaseModel):
    n: int
    chunk_id: str
    title: str
    section: str = ""
    page: int | None = None
    source_url: str | None = None  # the cited section's source of the cited text (answer/attribution.py)
    source_domain: str | None = None
    stand: str | None = None  # date of the facts in the cited document
    source: str = ""  # corpus path, for the API and the evaluation; never shown to users
    snippet: str


class AnswerSentence(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)
    verified: bool = True
    kind: Literal["sentence", "item", "row"] = "sentence"
    block: str | None = None  # sentences of one list or one table share it
    # "Ja." / "Nein." / "Das hängt davon ab:" before the sentence that supports it; in a comparison of states, the
    # state a sentence speaks of when the sentence itself leaves it to its document ("Mecklenburg-Vorpommern:")
    lead: str | None = None


class Suggestion(BaseModel):
    """A section that might help when the evidence is too weak for a composed answer."""

    title: str
    section: str = ""
    snippet: str
    source_url: str | None = None
    source_domain: str | None = None
    stand: str | None = None
    source: str = ""


Confidence = Literal["high", "medium", "none"]


class Answer(BaseModel):
    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    abstained: bool = False
    confidence: Confidence = "high"
    suggestions: list[Suggestion] = Field(default_factory=list)
    engine: Literal["extractive", "llm"] = "extractive"
    notice: str | None = None
    preface: str | None = None  # e.g. that the asked state has no rule of its own, before the general rule
    sentences: list[AnswerSentence] = Field(default_factory=list)
    standalone_question: str | None = None
    topic: str | None = None  # title of the best retrieved passage, for the editors' insights; never shown
    timings_ms: dict[str, float] = Field(default_factory=dict)


class Filters(BaseModel):
    bundesland: str | None = Field(None, description="Eines der 16 Länder, z. B. „Hessen“.")
    type: str | None = None
    handlungsfeld: str | None = None

    @field_validator("bundesland")
    @classmethod
    def known_state(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        match = next((state for state in STATES if state.lower() == value.strip().lower()), None)
        if match is None:
            raise ValueError(f"Unbekanntes Bundesland „{value}“. Gültig sind: {', '.join(STATES)}.")
        return match

    def is_empty(self) -> bool:
        return not (self.bundesland or self.type or self.handlungsfeld)


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str
