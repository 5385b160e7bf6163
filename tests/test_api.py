"""HTTP API on the real engine (embedded Chroma, bundled model)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.feedback import FeedbackStore


@pytest.fixture
def client(assistant, settings):
    return TestClient(create_app(settings, assistant, with_ui=False))


def test_ask_returns_the_same_answer_model_as_the_cli(client):
    body = client.post("/api/ask", json={"question": "Welche Organe hat ein Zweckverband?"}).json()
    assert set(body) >= {"answer", "citations", "abstained", "timings_ms", "engine"}
    assert body["citations"][0]["n"] == 1 and not body["abstained"]


def test_ask_streams_server_sent_events_in_order(client):
    response = client.post(
        "/api/ask", json={"question": "Welche Organe hat ein Zweckverband?"}, headers={"Accept": "text/event-stream"}
    )
    assert response.headers["content-type"].startswith("text/event-stream")
    events = re.findall(r"event: (\w+)", response.text)
    assert events[0] == "answer" and events[-2:] == ["citations", "done"]


def test_search_health_and_openapi(client):
    hits = client.get("/api/search", params={"q": "Verbandsversammlung", "k": 2}).json()["hits"]
    assert len(hits) == 2
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["chunks"] > 0 and health["answer_engine"] == "extractive"
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_feedback_is_persisted_in_sqlite(client, settings):
    response = client.post(
        "/api/feedback", json={"session_id": "s1", "message_id": "m1", "rating": "down", "comment": "ungenau"}
    )
    assert response.status_code == 200
    rows = FeedbackStore(settings.feedback_db).all()
    assert rows[-1]["rating"] == "down" and rows[-1]["comment"] == "ungenau"
    assert (
        client.post("/api/feedback", json={"session_id": "s1", "message_id": "m1", "rating": "meh"}).status_code == 422
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"question": ""},
        {"question": "   \n\t "},
        {"question": "x" * 2001},
        {"question": "Zweck\x00verband"},
        {"question": 42},
        {"question": ["Liste"]},
        {},
        {"question": "ok", "filters": "Hessen"},
    ],
)
def test_bad_questions_get_422_with_a_german_message(client, payload):
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert re.search(r"Frage|Anfrage|Steuerzeichen", response.json()["detail"])


def test_invalid_utf8_body_gets_422(client):
    response = client.post(
        "/api/ask", content=b'{"question": "\xff\xfe"}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


def test_security_headers_and_no_internal_details(client):
    response = client.get("/api/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors" in response.headers["content-security-policy"]
    text = client.post("/api/ask", json={"question": "x" * 5000}).text
    assert "Traceback" not in text and "/work" not in text


def test_foreign_origin_is_refused_and_allowed_origin_gets_cors(assistant, settings):
    allowed = settings.model_copy(update={"allowed_origins": ["https://portal.example"]})
    client = TestClient(create_app(allowed, assistant, with_ui=False))
    refused = client.post("/api/ask", json={"question": "Zweckverband"}, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    ok = client.post("/api/ask", json={"question": "Zweckverband Organe"}, headers={"Origin": "https://portal.example"})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://portal.example"
    assert "https://portal.example" in ok.headers["content-security-policy"]


def test_rate_limit_answers_429_with_retry_after(assistant, settings):
    limited = settings.model_copy(update={"rate_limit_per_minute": 3})
    client = TestClient(create_app(limited, assistant, with_ui=False))
    codes = [client.get("/api/health").status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    response = client.get("/api/health")
    assert int(response.headers["retry-after"]) >= 1


def test_metrics_are_exposed_in_prometheus_format(client):
    client.get("/api/health")
    body = client.get("/metrics").text
    assert "ikz_requests_total" in body and "ikz_request_seconds_bucket" in body
    assert "ikz_abstentions_total" in body and "ikz_index_chunks" in body


def test_question_text_is_not_logged_by_default(client, caplog):
    secret = "Geheimfrage-Zweckverband-4711"
    with caplog.at_level("DEBUG"):
        client.post("/api/ask", json={"question": secret})
    assert secret not in caplog.text
    json.dumps(caplog.text)


def test_question_text_is_logged_only_when_enabled(assistant, settings, caplog):
    client = TestClient(create_app(settings.model_copy(update={"log_questions": True}), assistant, with_ui=False))
    with caplog.at_level("INFO"):
        client.post("/api/ask", json={"question": "Protokollierte Frage zum Zweckverband"})
    assert any(getattr(r, "question", "") == "Protokollierte Frage zum Zweckverband" for r in caplog.records)


def test_json_log_lines_are_structured():
    import logging

    from assistant.logs import JsonFormatter

    record = logging.makeLogRecord(
        {"msg": "request", "name": "ikz.access", "levelname": "INFO", "status": 200, "path": "/api/ask"}
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "request" and line["status"] == 200 and line["path"] == "/api/ask"


def test_secrets_come_only_from_the_environment_and_never_leak(assistant, settings, monkeypatch):
    from assistant.config import Settings

    monkeypatch.setenv("IKZ_ADMIN_TOKEN", "s3cret-admin")
    monkeypatch.setenv("IKZ_LLM_API_KEY", "s3cret-llm")
    loaded = Settings(_env_file=None)
    assert loaded.admin_token.get_secret_value() == "s3cret-admin"
    assert "s3cret" not in repr(loaded) and "s3cret" not in loaded.model_dump_json()
    client = TestClient(
        create_app(loaded.model_copy(update={"index_dir": settings.index_dir}), assistant, with_ui=False)
    )
    for response in (client.get("/api/health"), client.get("/openapi.json"), client.get("/metrics")):
        assert "s3cret" not in response.text
