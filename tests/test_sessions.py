"""The in-memory conversations behind /api/export: bounded in time, turns per session and total size."""

from __future__ import annotations

import time

from assistant.export import Turn
from assistant.models import Answer
from assistant.web.sessions import ConversationStore


def turn(n: int) -> Turn:
    return Turn(question=f"Frage {n}", answer=Answer(question=f"Frage {n}", answer="Antwort."))


def test_conversations_expire_and_stay_bounded():
    store = ConversationStore(ttl_seconds=0.2, max_sessions=3, max_turns=2, max_total_turns=5)
    for n in range(3):
        store.append("a", turn(n))
    assert [t.question for t in store.get("a")] == ["Frage 1", "Frage 2"], "only the last turns of a session"
    for session in ("b", "c", "d"):
        store.append(session, turn(0))
    assert store.get("a") == [], "the longest unused session makes room"
    store.append("d", turn(1))
    store.append("c", turn(1))
    assert sum(len(store.get(s)) for s in "bcd") <= 5
    time.sleep(0.25)
    assert store.get("d") == [], "forgotten after the time limit"
    store.append("e", turn(0))
    store.clear("e")
    assert store.get("e") == []
