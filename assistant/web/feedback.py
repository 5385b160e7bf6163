"""The usage store in one SQLite file: ratings, one row per answered question, and (opt-in) question texts.

Several workers share the file (WAL). Question texts can be personal data: they are written only when
IKZ_LOG_QUESTIONS=true, deleted after IKZ_QUESTION_RETENTION_DAYS, and erased on request; deleted rows are
overwritten (secure_delete) and the write-ahead log is truncated, so no copy stays in the file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from assistant.models import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    session_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT
);
CREATE TABLE IF NOT EXISTS asks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    channel TEXT NOT NULL,
    session_id TEXT,
    message_id TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'refused', 'suggestions')),
    engine TEXT NOT NULL,
    topic TEXT,
    documents TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS asks_created ON asks (created);
CREATE INDEX IF NOT EXISTS asks_message ON asks (session_id, message_id);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created);
CREATE TABLE IF NOT EXISTS questions (
    ask_id INTEGER PRIMARY KEY,
    created REAL NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_created ON questions (created);
"""
DAY = 86_400


def outcome(answer: Answer) -> str:
    if answer.suggestions:
        return "suggestions"
    return "refused" if answer.abstained else "answered"


class FeedbackStore:
    def __init__(self, path: Path, retention_days: int = 30) -> None:
        self.path = path
        self.retention_days = retention_days
        self._local = threading.local()
        self._purged_at = 0.0
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)
        self.purge_expired()

    def _connect(self) -> sqlite3.Connection:
        """One connection per thread, kept open: answering must not wait for opening the file."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=10)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, no fsync per answer
            connection.execute("PRAGMA secure_delete=ON")
            self._local.connection = connection
        return connection

    # --- writes --------------------------------------------------------------------------------
    def add(self, session_id: str, message_id: str, rating: str, comment: str | None) -> int:
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO feedback (created, session_id, message_id, rating, comment) VALUES (?, ?, ?, ?, ?)",
                (time.time(), session_id, message_id, rating, comment or None),
            )
            return int(cursor.lastrowid)

    def record_ask(
        self,
        channel: str,
        answer: Answer,
        session_id: str | None = None,
        message_id: str | None = None,
        question: str | None = None,
        created: float | None = None,
    ) -> int:
        """One row per answer; the question text only if given (the caller decides by IKZ_LOG_QUESTIONS)."""
        created = time.time() if created is None else created
        documents = list(dict.fromkeys((c.source, c.title) for c in answer.citations if c.source))
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO asks (created, channel, session_id, message_id, outcome, engine, topic, documents) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    created,
                    channel,
                    session_id,
                    message_id,
                    outcome(answer),
                    answer.engine,
                    answer.topic,
                    json.dumps(documents, ensure_ascii=False),
                ),
            )
            ask_id = int(cursor.lastrowid)
            if question is not None:
                connection.execute(
                    "INSERT INTO questions (ask_id, created, text) VALUES (?, ?, ?)", (ask_id, created, question)
                )
        if time.monotonic() - self._purged_at > 60:
            self.purge_expired()
        return ask_id

    def purge_expired(self, now: float | None = None) -> int:
        """Delete question texts and comments older than the retention period; returns how many were removed."""
        cutoff = (time.time() if now is None else now) - self.retention_days * DAY
        self._purged_at = time.monotonic()
        with self._connect() as connection:
            removed = connection.execute("DELETE FROM questions WHERE created < ?", (cutoff,)).rowcount
            removed += connection.execute(
                "UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND created < ?", (cutoff,)
            ).rowcount
        if removed:
            self._truncate_log()
        return removed

    def delete_texts(self) -> dict[str, int]:
        """Erase every stored question text and comment at once (data protection request)."""
        with self._connect() as connection:
            questions = connection.execute("DELETE FROM questions").rowcount
            comments = connection.execute("UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL").rowcount
        self._truncate_log()
        return {"questions": questions, "comments": comments}

    def _truncate_log(self) -> None:
        self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- reads ---------------------------------------------------------------------------------
    def all(self) -> list[dict]:
        return [dict(row) for row in self._connect().execute("SELECT * FROM feedback ORDER BY id")]

    def query(self, sql: str, parameters: tuple = ()) -> list[sqlite3.Row]:
        return list(self._connect().execute(sql, parameters))
