"""Insights for editors: counts from the usage store, question texts only on request, retention, deletion, auth."""

from __future__ import annotations

import csv
import io
import time
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from assistant.web.api import create_app
from assistant.web.feedback import DAY, FeedbackStore
from assistant.web.insights import compute_insights, insights_csv
from tests.test_cli import run_ikz

TOKEN = "redaktion-geheim-42"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ANSWERABLE = [
    "Welche Organe hat ein Zweckverband?",
    "Was beschließt die Verbandsversammlung?",
    "Welches Gesetz gilt in Hessen für die Zusammenarbeit der Kommunen?",
    "Wie werden die Kosten des gemeinsamen Bauhofs verteilt?",
    "Was teilt ein gemeinsamer Bauhof?",
    "Wer übernimmt die Beurkundungen bei einem gemeinsamen Standesamt?",
    "Warum betreiben Gemeinden gemeinsame Wertstoffhöfe?",
]
UNANSWERABLE = [
    "Wie wird das Wetter übermorgen in Lissabon?",
    "Welche Aktien soll ich kaufen?",
    "Wer gewann die Fußball-Weltmeisterschaft 1954?",
]


def marker(i: int) -> str:
    """A word no answer contains: lets the test find question texts in the database file."""
    return f"Kennwort{i:02d}x"


def database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def make_client(assistant, settings, **overrides) -> TestClient:
    app_settings = settings.model_copy(update={"admin_token": SecretStr(TOKEN), **overrides})
    return TestClient(create_app(app_settings, assistant, with_ui=False))


def ask_thirty(client: TestClient) -> dict:
    """30 questions from the API and the widget channel, some rated; returns what the insights must report."""
    expected = Counter()
    documents: Counter = Counter()
    topics: Counter = Counter()
    for i in range(30):
        pool = ANSWERABLE if i % 3 else UNANSWERABLE
        question = f"{pool[i % len(pool)]} {marker(i)}"
        body = {"question": question, "session_id": "s-insights", "message_id": f"m{i}"}
        if i % 4 == 0:
            body["channel"] = "widget"
        answer = client.post("/api/ask", json=body).json()
        expected["questions"] += 1
        expected["refusals"] += answer["abstained"]
        expected["suggestions"] += bool(answer["suggestions"])
        if answer["abstained"]:
            topics[answer["topic"] or "(kein passender Abschnitt)"] += 1
        documents.update({(c["source"], c["title"]) for c in answer["citations"]})
        if i % 5 == 0:
            rating = "down" if answer["abstained"] or i % 10 == 0 else "up"
            comment = f"Kommentar {marker(i)}" if rating == "down" else None
            client.post(
                "/api/feedback",
                json={"session_id": "s-insights", "message_id": f"m{i}", "rating": rating, "comment": comment},
            )
            expected[f"thumbs_{rating}"] += 1
    assert 0 < expected["refusals"] < 30, "the mix has answered and refused questions"
    return {"totals": expected, "documents": documents, "topics": topics}


def test_thirty_questions_are_counted_exactly_in_json_and_csv(assistant, settings, monkeypatch):
    monkeypatch.setenv("IKZ_FEEDBACK_DB", str(settings.feedback_db))  # for the ikz command below
    client = make_client(assistant, settings)
    expected = ask_thirty(client)
    report = client.get("/api/admin/insights", headers=AUTH).json()
    totals = report["totals"]
    for field in ("questions", "refusals", "suggestions", "thumbs_up", "thumbs_down"):
        assert totals[field] == expected["totals"][field], field
    assert totals["refusal_rate"] == round(expected["totals"]["refusals"] / 30, 4)
    today = report["per_day"][-1]
    assert today["questions"] == 30 and sum(d["questions"] for d in report["per_day"]) == 30
    top = {(d["source"], d["title"]): d["answers"] for d in report["documents"]}
    assert top == dict(expected["documents"].most_common(10))
    assert {t["topic"]: t["refusals"] for t in report["refused_topics"]} == dict(expected["topics"])
    assert report["questions_logged"] is False and report["questions"] == []

    rows = list(csv.reader(io.StringIO(run_ikz_insights(settings, "--days", "7").read_text()), delimiter=";"))
    assert rows[0][:6] == ["Tag", "Fragen", "Ohne Antwort", "davon Hinweis-Antworten", "Daumen hoch", "Daumen runter"]
    assert rows[-1][0] == "Summe" and len(rows) == 1 + 7 + 1
    summed = dict(zip(rows[0], rows[-1], strict=True))
    assert int(summed["Fragen"]) == totals["questions"] and int(summed["Ohne Antwort"]) == totals["refusals"]
    assert int(summed["davon Hinweis-Antworten"]) == totals["suggestions"]
    assert (int(summed["Daumen hoch"]), int(summed["Daumen runter"])) == (totals["thumbs_up"], totals["thumbs_down"])
    assert sum(int(row[1]) for row in rows[1:-1]) == 30


def run_ikz_insights(settings, *args: str) -> Path:
    target = settings.feedback_db.with_name("insights.csv")
    result = run_ikz(settings, "insights", *args, "--csv", str(target))
    assert result.returncode == 0, result.stderr
    assert "Fragen" in result.stdout and "Meistzitierte Dokumente" in result.stdout
    return target


def test_without_log_questions_no_question_text_is_stored_anywhere(assistant, settings, caplog):
    client = make_client(assistant, settings)
    with caplog.at_level("DEBUG"):
        ask_thirty(client)
    client.get("/api/admin/insights", headers=AUTH)
    stored = database_bytes(settings.feedback_db)
    assert stored, "the usage store exists"
    for i in range(30):
        assert marker(i).encode() not in stored.replace(f"Kommentar {marker(i)}".encode(), b"")
        assert marker(i) not in caplog.text
    assert FeedbackStore(settings.feedback_db).query("SELECT count(*) FROM questions")[0][0] == 0


def test_with_log_questions_editors_see_refused_and_thumbs_down_questions_with_comments(assistant, settings):
    client = make_client(assistant, settings, log_questions=True)
    ask_thirty(client)
    report = client.get("/api/admin/insights", headers=AUTH).json()
    assert report["questions_logged"] is True
    listed = report["questions"]
    assert listed and all(q["outcome"] != "answered" or q["rating"] == "down" for q in listed)
    assert any(q["comment"] and marker(0) in q["comment"] for q in listed)
    assert all(marker(0) not in (q["question"] or "") or q["rating"] == "down" for q in listed)
    page = client.get("/admin/insights", headers=AUTH)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="de">' in page.text and "<svg" in page.text and marker(0) in page.text


def test_question_texts_are_deleted_after_the_retention_period(settings):
    from assistant.models import Answer

    store = FeedbackStore(settings.feedback_db, retention_days=30)
    refused = Answer(question="?", answer="…", abstained=True, confidence="none")
    store.record_ask("api", refused, question="Alte Frage Uraltkennwort", created=time.time() - 31 * DAY)
    store.record_ask("api", refused, question="Neue Frage Frischkennwort")
    assert store.purge_expired() == 1
    texts = [row["text"] for row in store.query("SELECT text FROM questions")]
    assert texts == ["Neue Frage Frischkennwort"]
    assert b"Uraltkennwort" not in database_bytes(settings.feedback_db)
    insights = compute_insights(store, days=60, log_questions=True)
    assert insights.totals.questions == 2, "counts stay, only the texts go"


def test_delete_removes_every_question_text_and_comment_at_once(assistant, settings):
    client = make_client(assistant, settings, log_questions=True)
    ask_thirty(client)
    assert marker(1).encode() in database_bytes(settings.feedback_db)
    response = client.delete("/api/admin/questions", headers=AUTH)
    assert response.status_code == 200 and response.json()["deleted_questions"] == 30
    assert response.json()["deleted_comments"] >= 1
    stored = database_bytes(settings.feedback_db)
    assert not any(marker(i).encode() in stored for i in range(30))
    assert client.get("/api/admin/insights", headers=AUTH).json()["totals"]["questions"] == 30


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/admin/insights"), ("GET", "/admin/insights"), ("DELETE", "/api/admin/questions")]
)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer falsch"}, {"Authorization": TOKEN}])
def test_insights_and_deletion_refuse_without_the_token_and_leak_nothing(assistant, settings, method, path, headers):
    client = make_client(assistant, settings, log_questions=True)
    client.post("/api/ask", json={"question": f"Wie wird das Wetter morgen? {marker(7)}"})
    response = client.request(method, path, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Anmeldung erforderlich."}
    assert response.headers["www-authenticate"] == "Bearer"
    assert marker(7).encode() in database_bytes(settings.feedback_db), "nothing was deleted"


def test_without_an_admin_token_configured_insights_stay_closed(assistant, settings):
    client = TestClient(create_app(settings, assistant, with_ui=False))
    assert client.get("/api/admin/insights", headers={"Authorization": "Bearer "}).status_code == 401


def test_csv_uses_semicolons_and_decimal_commas(settings):
    from assistant.models import Answer

    store = FeedbackStore(settings.feedback_db)
    store.record_ask("api", Answer(question="?", answer="…", abstained=True, confidence="none"))
    for _ in range(2):
        store.record_ask("ui", Answer(question="?", answer="…"))
    text = insights_csv(compute_insights(store, days=1, log_questions=False))
    assert text.splitlines()[1].endswith(";3;1;0;0;0;33,3")
