"""Every answered question, from any channel (API, chat UI, widget), is counted the same way in one place."""

from __future__ import annotations

import logging
import sqlite3

from assistant.config import Settings
from assistant.export.conversation import Turn
from assistant.models import Answer
from assistant.web.feedback import FeedbackStore
from assistant.web.metrics import count_answer
from assistant.web.sessions import ConversationStore

log = logging.getLogger("assistant.web")


class AskRecorder:
    def __init__(self, settings: Settings, store: FeedbackStore, sessions: ConversationStore) -> None:
        self.settings = settings
        self.store = store
        self.sessions = sessions

    def record(
        self,
        channel: str,
        question: str,
        answer: Answer,
        session_id: str | None = None,
        message_id: str | None = None,
    ) -> None:
        """Metrics, the usage store and the in-memory conversation; the question text only with IKZ_LOG_QUESTIONS."""
        count_answer(channel, answer)
        text = question if self.settings.log_questions else None
        try:
            self.store.record_ask(channel, answer, session_id, message_id, text)
        except sqlite3.Error:  # statistics must never cost the user the answer
            log.exception("could not record the answer in the usage store")
        if session_id:
            self.sessions.append(session_id, Turn(question=question, answer=answer))
        extra: dict = {"channel": channel, "abstained": answer.abstained, "confidence": answer.confidence}
        if text is not None:
            extra["question"] = text
        log.info("answered", extra=extra)
