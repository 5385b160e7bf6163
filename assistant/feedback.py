"""Feedback store: thumbs up/down per answer, in SQLite (one file, safe for several workers)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    session_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT
)
"""


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(self, session_id: str, message_id: str, rating: str, comment: str | None) -> int:
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO feedback (created, session_id, message_id, rating, comment) VALUES (?, ?, ?, ?, ?)",
                (time.time(), session_id, message_id, rating, comment),
            )
            return int(cursor.lastrowid)

    def all(self) -> list[dict]:
        with self._connect() as connection:
            connection.row_factory = sqlite3.Row
            return [dict(row) for row in connection.execute("SELECT * FROM feedback ORDER BY id")]
