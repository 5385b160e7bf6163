"""Conversations for the file note, held in memory only (never written to disk), bounded in size and time."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from assistant.export.conversation import Turn

MAX_SESSIONS = 2_000
MAX_TURNS = 50
MAX_TOTAL_TURNS = 10_000  # answers with passages are a few kB: this caps the memory at some tens of MB


class ConversationStore:
    def __init__(
        self,
        ttl_seconds: float,
        max_sessions: int = MAX_SESSIONS,
        max_turns: int = MAX_TURNS,
        max_total_turns: int = MAX_TOTAL_TURNS,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_sessions = max_sessions
        self.max_turns = max_turns
        self.max_total_turns = max_total_turns
        self._total = 0
        self._sessions: OrderedDict[str, tuple[float, list[Turn]]] = OrderedDict()
        self._lock = threading.Lock()

    def append(self, session_id: str, turn: Turn) -> None:
        with self._lock:
            self._expire()
            _, turns = self._sessions.pop(session_id, (0.0, []))
            self._total -= len(turns)
            turns = [*turns, turn][-self.max_turns :]
            self._sessions[session_id] = (time.monotonic(), turns)
            self._total += len(turns)
            while len(self._sessions) > self.max_sessions or self._total > self.max_total_turns:
                _, (_, dropped) = self._sessions.popitem(last=False)  # the longest unused session goes first
                self._total -= len(dropped)

    def get(self, session_id: str) -> list[Turn]:
        with self._lock:
            self._expire()
            entry = self._sessions.get(session_id)
            return list(entry[1]) if entry else []

    def clear(self, session_id: str) -> None:
        with self._lock:
            _, dropped = self._sessions.pop(session_id, (0.0, []))
            self._total -= len(dropped)

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.ttl_seconds
        while self._sessions:
            session_id, (used, turns) = next(iter(self._sessions.items()))
            if used >= cutoff:
                break
            del self._sessions[session_id]
            self._total -= len(turns)
