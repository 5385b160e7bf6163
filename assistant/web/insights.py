"""Insights for portal editors: what was asked, what could not be answered, which sources carry the answers.

Counts come from the usage store (assistant/web/feedback.py) that the API, the chat UI and the widget write to.
Question texts appear only with IKZ_LOG_QUESTIONS=true.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from datetime import date, datetime, time, timedelta

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field, computed_field

from assistant.config import Settings
from assistant.web.feedback import FeedbackStore

MAX_DAYS = 366
TOP = 10
NO_TOPIC = "(kein passender Abschnitt)"
ROOT_FOLDER = "(Hauptordner)"
_LATEST_RATINGS = "SELECT * FROM feedback WHERE id IN (SELECT max(id) FROM feedback GROUP BY session_id, message_id)"


class Counts(BaseModel):
    questions: int = 0
    refusals: int = Field(0, description="Ohne belastbare Antwort: Ablehnungen und Hinweis-Antworten")
    suggestions: int = Field(0, description="Davon Hinweis-Antworten („Diese Stellen könnten weiterhelfen“)")
    thumbs_up: int = 0
    thumbs_down: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def refusal_rate(self) -> float | None:
        return round(self.refusals / self.questions, 4) if self.questions else None


class Day(Counts):
    day: str


class CitedDocument(BaseModel):
    source: str
    title: str
    answers: int


class CitedFolder(BaseModel):
    folder: str
    answers: int


class RefusedTopic(BaseModel):
    topic: str
    refusals: int


class ProblemQuestion(BaseModel):
    asked: str
    channel: str
    question: str | None
    outcome: str
    rating: str | None = None
    comment: str | None = None


class Insights(BaseModel):
    since: str
    until: str
    days: int
    totals: Counts
    per_day: list[Day]
    documents: list[CitedDocument]
    folders: list[CitedFolder]
    refused_topics: list[RefusedTopic]
    questions_logged: bool
    retention_days: int
    questions: list[ProblemQuestion] = Field(
        default_factory=list, description="Abgelehnte und negativ bewertete Fragen (nur mit IKZ_LOG_QUESTIONS=true)"
    )


def compute_insights(store: FeedbackStore, days: int, log_questions: bool, today: date | None = None) -> Insights:
    store.purge_expired()
    today = today or date.today()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, time.min).timestamp()
    per_day = {
        (first + timedelta(days=i)).isoformat(): Day(day=(first + timedelta(days=i)).isoformat()) for i in range(days)
    }
    asks = store.query(
        "SELECT date(created, 'unixepoch', 'localtime') AS day, outcome, topic, documents FROM asks WHERE created >= ?",
        (since,),
    )
    documents: Counter = Counter()
    topics: Counter = Counter()
    for row in asks:
        day = per_day.get(row["day"])
        if day is None:  # dated after today (clock set back): outside the window
            continue
        day.questions += 1
        if row["outcome"] != "answered":
            day.refusals += 1
            topics[row["topic"] or NO_TOPIC] += 1
        if row["outcome"] == "suggestions":
            day.suggestions += 1
        documents.update(tuple(pair) for pair in json.loads(row["documents"]))
    ratings = store.query(
        f"SELECT date(created, 'unixepoch', 'localtime') AS day, rating FROM ({_LATEST_RATINGS}) WHERE created >= ?",
        (since,),
    )
    for row in ratings:
        day = per_day.get(row["day"])
        if day is not None:
            setattr(day, f"thumbs_{row['rating']}", getattr(day, f"thumbs_{row['rating']}") + 1)
    totals = Counts(**{field: sum(getattr(d, field) for d in per_day.values()) for field in Counts.model_fields})
    folders: Counter = Counter()
    for (source, _title), count in documents.items():
        folders[source.split("/", 1)[0] if "/" in source else ROOT_FOLDER] += count
    return Insights(
        since=first.isoformat(),
        until=today.isoformat(),
        days=days,
        totals=totals,
        per_day=list(per_day.values()),
        documents=[CitedDocument(source=s, title=t, answers=n) for (s, t), n in documents.most_common(TOP)],
        folders=[CitedFolder(folder=f, answers=n) for f, n in folders.most_common(TOP)],
        refused_topics=[RefusedTopic(topic=t, refusals=n) for t, n in topics.most_common(TOP)],
        questions_logged=log_questions,
        retention_days=store.retention_days,
        questions=_problem_questions(store, since) if log_questions else [],
    )


def _problem_questions(store: FeedbackStore, since: float) -> list[ProblemQuestion]:
    rows = store.query(
        "SELECT datetime(a.created, 'unixepoch', 'localtime') AS asked, a.channel, a.outcome, q.text, f.rating, "
        f"f.comment FROM asks a LEFT JOIN questions q ON q.ask_id = a.id LEFT JOIN ({_LATEST_RATINGS}) f "
        "ON f.session_id = a.session_id AND f.message_id = a.message_id "
        "WHERE a.created >= ? AND (a.outcome != 'answered' OR f.rating = 'down') "
        "AND (q.text IS NOT NULL OR f.comment IS NOT NULL) ORDER BY a.created DESC LIMIT 200",
        (since,),
    )
    return [
        ProblemQuestion(
            asked=row["asked"],
            channel=row["channel"],
            question=row["text"],
            outcome=row["outcome"],
            rating=row["rating"],
            comment=row["comment"],
        )
        for row in rows
    ]


# --- views ---------------------------------------------------------------------------------------
CSV_COLUMNS = {
    "day": "Tag",
    "questions": "Fragen",
    "refusals": "Ohne Antwort",
    "suggestions": "davon Hinweis-Antworten",
    "thumbs_up": "Daumen hoch",
    "thumbs_down": "Daumen runter",
    "refusal_rate": "Quote ohne Antwort (%)",
}


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}".replace(".", ",")


def insights_csv(insights: Insights) -> str:
    """One row per day and a sum row; semicolons and decimal commas, as German spreadsheet programs expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_COLUMNS.values())
    for row in [*insights.per_day, Day(day="Summe", **insights.totals.model_dump(exclude={"refusal_rate"}))]:
        writer.writerow(
            [
                row.day,
                row.questions,
                row.refusals,
                row.suggestions,
                row.thumbs_up,
                row.thumbs_down,
                _percent(row.refusal_rate),
            ]
        )
    return buffer.getvalue()


def refusal_chart_svg(days: list[Day], width: int = 720, height: int = 240) -> str:
    """Share of questions without an answer per day, as bars (days without questions stay empty)."""
    left, right, top, bottom = 48, 12, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(days), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="chart-title chart-desc" class="chart">',
        '<title id="chart-title">Anteil der Fragen ohne Antwort je Tag</title>',
        f'<desc id="chart-desc">{_chart_description(days)}</desc>',
    ]
    for percent in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - percent / 100)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#c9c9c9"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#333">{percent} %</text>'
        )
    label_every = max(1, len(days) // 8)
    for index, day in enumerate(days):
        x = left + index * step
        if day.refusal_rate is not None:
            bar = plot_h * day.refusal_rate
            parts.append(
                f'<rect x="{x + step * 0.15:.1f}" y="{top + plot_h - bar:.1f}" width="{step * 0.7:.1f}" '
                f'height="{max(bar, 1):.1f}" fill="#1f5f8b"><title>{day.day}: {_percent(day.refusal_rate)} % von '
                f"{day.questions} Fragen</title></rect>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
                f'fill="#333">{day.day[8:10]}.{day.day[5:7]}.</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _chart_description(days: list[Day]) -> str:
    asked = [d for d in days if d.questions]
    if not asked:
        return "Im Zeitraum wurden keine Fragen gestellt."
    worst = max(asked, key=lambda d: d.refusal_rate or 0)
    return (
        f"{len(asked)} Tage mit Fragen; höchster Anteil ohne Antwort am {worst.day}: "
        f"{_percent(worst.refusal_rate)} % von {worst.questions} Fragen."
    )


def _comment(comment: str | None) -> str:
    return f" – Kommentar: {comment}" if comment else ""


def insights_text(insights: Insights) -> str:
    """The report for the terminal (ikz insights)."""
    t = insights.totals
    rate = f"{_percent(t.refusal_rate)} %" if t.refusal_rate is not None else "–"
    lines = [
        f"Zeitraum {insights.since} bis {insights.until}: {t.questions} Fragen, {t.refusals} ohne Antwort ({rate}; "
        f"davon {t.suggestions} Hinweis-Antworten), {t.thumbs_up} hilfreich, {t.thumbs_down} nicht hilfreich."
    ]
    sections = [
        ("Themen ohne Antwort", [f"{r.refusals:>5}  {r.topic}" for r in insights.refused_topics]),
        ("Meistzitierte Dokumente", [f"{d.answers:>5}  {d.title} ({d.source})" for d in insights.documents]),
        ("Ordner", [f"{f.answers:>5}  {f.folder}" for f in insights.folders]),
        (
            "Fragen ohne Antwort oder mit negativer Bewertung",
            [f"{q.asked}  {q.question or '(nicht gespeichert)'}" + _comment(q.comment) for q in insights.questions],
        ),
    ]
    for heading, rows in sections:
        if rows:
            lines += ["", f"{heading}:", *rows]
    if not insights.questions_logged:
        lines += ["", "Fragetexte werden nicht gespeichert (IKZ_LOG_QUESTIONS ist nicht gesetzt)."]
    return "\n".join(lines)


_PAGE_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;max-width:1000px;margin:2rem auto;
padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}th,td{border:1px solid #c9c9c9;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#eef2f6}td.n{text-align:right}
.note{background:#f4f4f4;border-left:4px solid #1f5f8b;padding:.5rem .8rem}.chart{max-width:100%;height:auto}
"""


def _table(caption: str, headers: list[str], rows: list[list[object]]) -> str:
    e = html.escape
    if not rows:
        return f"<p>{e(caption)}: keine Einträge im Zeitraum.</p>"

    def cell(value: object) -> str:
        if isinstance(value, int):
            return f"<td class='n'>{value}</td>"
        return f"<td>{e('' if value is None else str(value))}</td>"

    head = "".join(f"<th scope='col'>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


OUTCOMES = {"refused": "abgelehnt", "suggestions": "Hinweis-Antwort", "answered": "beantwortet"}
RATINGS = {"up": "hilfreich", "down": "nicht hilfreich", None: ""}


def insights_html(insights: Insights) -> str:
    e = html.escape
    t = insights.totals
    if insights.questions_logged:
        rows: list[list[object]] = [
            [q.asked, q.channel, q.question or "(nicht gespeichert)", OUTCOMES[q.outcome], RATINGS[q.rating], q.comment]
            for q in insights.questions
        ]
        questions = _table(
            "Fragen ohne Antwort und negativ bewertete Fragen",
            ["Zeitpunkt", "Kanal", "Frage", "Ergebnis", "Bewertung", "Kommentar"],
            rows,
        ) + (
            f"<p>Fragetexte und Kommentare werden nach {insights.retention_days} Tagen gelöscht; "
            "<code>DELETE /api/admin/questions</code> löscht sie sofort.</p>"
        )
    else:
        questions = (
            "<p class='note'>Fragetexte werden nicht gespeichert (<code>IKZ_LOG_QUESTIONS</code> ist nicht gesetzt). "
            "Die Zahlen oben kommen ohne sie aus.</p>"
        )
    topics = _table(
        "Themen ohne Antwort",
        ["Thema", "Fragen ohne Antwort"],
        [[r.topic, r.refusals] for r in insights.refused_topics],
    )
    documents = _table(
        "Dokumente",
        ["Dokument", "Datei im Korpus", "Antworten"],
        [[d.title, d.source, d.answers] for d in insights.documents],
    )
    folders = _table("Ordner", ["Ordner", "Antworten"], [[f.folder, f.answers] for f in insights.folders])
    days = _table(
        "Je Tag",
        list(CSV_COLUMNS.values()),
        [
            [d.day, d.questions, d.refusals, d.suggestions, d.thumbs_up, d.thumbs_down, _percent(d.refusal_rate)]
            for d in insights.per_day
            if d.questions or d.thumbs_up or d.thumbs_down
        ],
    )
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>IKZ-Assistent – Auswertung für Redaktionen</title><style>{_PAGE_CSS}</style></head>
<body><main>
<h1>Auswertung für Redaktionen</h1>
<p>Zeitraum: {e(insights.since)} bis {e(insights.until)} ({insights.days} Tage).
{t.questions} Fragen, davon {t.refusals} ohne belastbare Antwort ({t.suggestions} mit Hinweisen auf mögliche Stellen);
{t.thumbs_up} positive und {t.thumbs_down} negative Bewertungen.</p>
<h2>Anteil der Fragen ohne Antwort</h2>
{refusal_chart_svg(insights.per_day)}
<h2>Themen mit den meisten Fragen ohne Antwort</h2>
<p>Thema ist der Titel des Dokuments, das der Frage am nächsten kam: Dort fehlt vermutlich ein Abschnitt.</p>
{topics}
<h2>Meistzitierte Dokumente und Ordner</h2>
{documents}
{folders}
<h2>Fragen</h2>
{questions}
<h2>Je Tag</h2>
{days}
</main></body></html>"""


def insights_router(settings: Settings, store: FeedbackStore, require_admin) -> APIRouter:
    router = APIRouter(dependencies=[Depends(require_admin)], tags=["Auswertung"])
    Days = Query(30, ge=1, le=MAX_DAYS, description="Zeitraum in Tagen bis heute")

    @router.get("/api/admin/insights", response_model=Insights, summary="Auswertung (JSON)")
    def insights_json(days: int = Days) -> Insights:
        return compute_insights(store, days, settings.log_questions)

    @router.get("/admin/insights", response_class=HTMLResponse, summary="Auswertung (HTML-Seite)")
    def insights_page(days: int = Days) -> HTMLResponse:
        return HTMLResponse(insights_html(compute_insights(store, days, settings.log_questions)))

    @router.delete("/api/admin/questions", summary="Gespeicherte Fragetexte und Kommentare löschen")
    def delete_questions() -> dict:
        deleted = store.delete_texts()
        return {"deleted_questions": deleted["questions"], "deleted_comments": deleted["comments"]}

    return router
