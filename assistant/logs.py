"""Structured (JSON lines) logging for the server; question text only when IKZ_LOG_QUESTIONS is set."""

from __future__ import annotations

import json
import logging
import sys
import time

_STANDARD = set(vars(logging.makeLogRecord({})))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_json_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def request_record(method: str, path: str, status: int, started: float, question: str | None) -> dict:
    record = {"method": method, "path": path, "status": status, "ms": round((time.perf_counter() - started) * 1000, 1)}
    if question is not None:
        record["question"] = question
    return record
