"""HTTP API on the real engine (embedded Chroma, bundled model)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from assistant.web.api import create_app
from assistant.web.feedback import FeedbackStore


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


@pytest.mark.parametrize(("path", "asset"), [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")])
def test_api_docs_load_their_assets_from_this_server(client, path, asset):
    page = client.get(path)
    assert page.status_code == 200
    assert f"/static-offline-docs/{asset}" in page.text
    assert not re.search(r"(src|href)=\"https?://", page.text), "no CDN: works offline and under the CSP"
    script = client.get(f"/static-offline-docs/{asset}")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.parametrize(
    "request_args",
    [
        ("post", "/api/ask", {"json": {"question": "Zweckverband", "filters": {"bundesland": "Atlantis"}}}),
        ("get", "/api/search", {"params": {"q": "Zweckverband", "bundesland": "Atlantis"}}),
    ],
)
def test_unknown_bundesland_gets_422_with_the_valid_states(client, request_args):
    method, path, kwargs = request_args
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == 422
    body = response.json()
    assert "Atlantis" in body["detail"] and "Hessen" in body["detail"] and "Thüringen" in body["detail"]
    assert len(body["valid_values"]) == 16


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


def test_the_refusal_of_a_foreign_origin_is_readable_by_the_widget(assistant, settings):
    """CORS headers on the 403 (and a passing preflight), so the browser shows the script the German reason."""
    client = TestClient(create_app(settings, assistant, with_ui=False))
    origin = {"Origin": "https://fremdes-portal.example"}
    asking = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    preflight = client.options("/api/ask", headers={**origin, **asking})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "https://fremdes-portal.example"
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    refused = client.post("/api/ask", json={"question": "Zweckverband"}, headers=origin)
    assert refused.status_code == 403
    assert refused.headers["access-control-allow-origin"] == "https://fremdes-portal.example"
    assert "access-control-allow-credentials" not in refused.headers
    assert refused.json() == {
        "detail": "Dieses Portal ist für den IKZ-Assistenten nicht freigeschaltet.",
        "code": "origin_not_allowed",
    }


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


def sample(name: str, **labels: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_index_size_metric_is_right_from_start_up(assistant, settings):
    with TestClient(create_app(settings, assistant, with_ui=False)) as client:
        body = client.get("/metrics").text  # nothing else was called before
    chunks = len(assistant.reader.snapshot().chunks)
    assert f"ikz_index_chunks {float(chunks)}" in body and chunks > 0


def test_asks_refusals_and_suggestions_are_counted_per_channel(client):
    before = {
        (name, channel): sample(name, channel=channel)
        for name in ("ikz_asks_total", "ikz_abstentions_total", "ikz_suggestions_total")
        for channel in ("api", "widget")
    }
    answered = client.post("/api/ask", json={"question": "Welche Organe hat ein Zweckverband?"}).json()
    weather = "Wie wird das Wetter übermorgen in Lissabon?"
    refused = client.post("/api/ask", json={"question": weather, "channel": "widget", "stream": True})
    assert not answered["abstained"] and "event: done" in refused.text
    done = json.loads(re.findall(r"event: done\r?\ndata: (.*)", refused.text)[0])
    assert done["abstained"]
    assert sample("ikz_asks_total", channel="api") == before["ikz_asks_total", "api"] + 1
    assert sample("ikz_asks_total", channel="widget") == before["ikz_asks_total", "widget"] + 1
    assert sample("ikz_abstentions_total", channel="api") == before["ikz_abstentions_total", "api"]
    assert sample("ikz_abstentions_total", channel="widget") == before["ikz_abstentions_total", "widget"] + 1
    assert sample("ikz_suggestions_total", channel="widget") == before["ikz_suggestions_total", "widget"] + bool(
        done["suggestions"]
    )
    assert 'ikz_asks_total{channel="ui"}' in client.get("/metrics").text, "every channel exists from the start"


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


def test_sse_sends_each_verified_sentence_as_soon_as_it_is_ready(settings):
    """A slow model: the first sentence reaches the client long before the answer is complete."""
    import time

    import httpx

    from assistant.engine import Assistant
    from assistant.evaluate.llm_server import ScriptedLLMServer
    from assistant.evaluate.server import running_app

    organe = "Die Organe des Zweckverbands sind die Verbandsversammlung und der Verbandsvorsitzende."
    haushalt = "Die Verbandsversammlung beschließt die Verbandssatzung und den Haushalt des Zweckverbands."
    llm = ScriptedLLMServer()
    llm.piece_delay_s = 0.1
    llm.reply = lambda prompt, user: f"{organe} [1] {haushalt} [1]"
    try:
        instance = Assistant(
            settings.model_copy(update={"llm": "openai:test", "llm_base_url": llm.base_url + "/v1", "llm_retries": 0})
        )
        instance.ingest(progress=False)
        arrivals = []
        with running_app(create_app(instance.settings, instance, with_ui=False)) as base:
            body = {"question": "Welche Organe hat ein Zweckverband?", "stream": True}
            with httpx.stream("POST", base + "/api/ask", json=body, timeout=60) as response:
                for line in response.iter_lines():
                    if line.startswith("event: "):
                        arrivals.append((line[7:], time.monotonic()))
    finally:
        llm.close()
    names = [name for name, _ in arrivals]
    assert names == ["answer", "answer", "citations", "done"]
    assert arrivals[-1][1] - arrivals[0][1] > 0.5, "the first sentence was sent while the model was still writing"
