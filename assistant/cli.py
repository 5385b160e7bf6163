"""`ikz` command: a thin shell over ``Assistant`` (ingest, ask, search, serve, eval, bench)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError

from assistant.config import get_settings
from assistant.models import Answer, Filters, Hit

app = typer.Typer(
    help="IKZ-Assistent: Fragen zur interkommunalen Zusammenarbeit mit belegten Antworten.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Qualität messen: Retrieval auf BEIR-Daten, Antworten auf dem Fragenkatalog.")
app.add_typer(eval_app, name="eval")

JsonFlag = Annotated[bool, typer.Option("--json", help="Ausgabe als JSON (nur das JSON auf stdout).")]
StateOption = Annotated[
    str | None, typer.Option("--bundesland", help="Nur Quellen zu diesem Bundesland (und allgemeine).")
]


def _setup_logging() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)


def _fail(message: str) -> None:
    typer.secho(f"Fehler: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _assistant():
    from assistant.engine import Assistant

    return Assistant(get_settings())


@app.command()
def ingest(
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Korpusordner (Standard: IKZ_CORPUS_DIR).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Alles neu einbetten statt nur Änderungen.")] = False,
    wait: Annotated[float, typer.Option("--wait", help="Sekunden warten, falls eine andere Indizierung läuft.")] = 0,
) -> None:
    """Dokumente aus dem Korpus einlesen und den Suchindex aufbauen oder aktualisieren."""
    _setup_logging()
    from assistant.store.index import IndexBusy

    settings = get_settings()
    if corpus is not None:
        settings = settings.model_copy(update={"corpus_dir": corpus})
    from assistant.engine import Assistant

    try:
        report = Assistant(settings).ingest(rebuild=rebuild, wait_seconds=wait)
    except (IndexBusy, FileNotFoundError) as error:
        _fail(str(error))
    typer.echo(report.summary())


@app.command()
def lint(
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Korpusordner (Standard: IKZ_CORPUS_DIR).")] = None,
    warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="Hinweise mit ausgeben.")] = True,
) -> None:
    """Korpus prüfen: Kopfzeilen, Quelle je Abschnitt, gesperrte Quellen, Recherche-Vermerke, veraltete Angaben."""
    from assistant.ingest.lint import lint_corpus

    directory = corpus or get_settings().corpus_dir
    if not directory.is_dir():
        _fail(f"Der Korpusordner „{directory}“ existiert nicht.")
    report = lint_corpus(directory)
    for finding in report.errors:
        typer.echo(f"FEHLER  {finding}")
    if warnings:
        for finding in report.warnings:
            typer.echo(f"HINWEIS {finding}")
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(code=1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Die Frage auf Deutsch.")],
    json_output: JsonFlag = False,
    bundesland: StateOption = None,
    docx_file: Annotated[
        Path | None, typer.Option("--docx", help="Frage und Antwort zusätzlich als DOCX-Vermerk speichern.")
    ] = None,
) -> None:
    """Eine Frage stellen; die Antwort nennt ihre Quellen. Baut den Index bei Bedarf zuerst auf."""
    _setup_logging()
    from assistant.engine import InvalidQuestion

    assistant = _assistant()
    assistant.ensure_index(progress=not json_output)
    try:
        answer = assistant.ask(question, filters=_filters(bundesland))
    except InvalidQuestion as error:
        _fail(str(error))
    if docx_file is not None:
        _write_docx(docx_file, answer)
    if json_output:
        typer.echo(answer.model_dump_json())
        return
    typer.echo(format_answer(answer))


def _write_docx(path: Path, answer: Answer) -> None:
    from assistant.export import Turn, conversation_docx

    try:
        path.write_bytes(conversation_docx([Turn(question=answer.question, answer=answer)]))
    except OSError as error:
        _fail(f"Der Vermerk konnte nicht gespeichert werden ({error.strerror}): {path}")
    typer.echo(f"Vermerk gespeichert: {path}", err=True)


def format_answer(answer: Answer) -> str:
    """The answer with footnotes and a numbered source list (title, section, Stand, link): the same text as
    "Mit Quellen kopieren" in the chat, never an internal file path."""
    from assistant.export import copy_text

    text = copy_text(answer)
    return f"{text}\n\nHinweis: {answer.notice}" if answer.notice else text


def _filters(bundesland: str | None) -> Filters:
    try:
        return Filters(bundesland=bundesland)
    except ValidationError as error:
        _fail(error.errors()[0]["msg"].removeprefix("Value error, "))
        raise  # unreachable: _fail exits


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Suchanfrage.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=100, help="Anzahl Treffer.")] = 5,
    json_output: JsonFlag = False,
    bundesland: StateOption = None,
) -> None:
    """Passagen suchen (hybride Suche), ohne eine Antwort zu formulieren."""
    _setup_logging()
    from assistant.engine import InvalidQuestion

    assistant = _assistant()
    assistant.ensure_index(progress=not json_output)
    try:
        hits = assistant.search(query, k=k, filters=_filters(bundesland))
    except InvalidQuestion as error:
        _fail(str(error))
    if json_output:
        typer.echo(TypeAdapter(list[Hit]).dump_json(hits).decode())
        return
    for rank, hit in enumerate(hits, 1):
        typer.echo(f"{rank}. [{hit.score:.4f}] {hit.section} ({hit.source})")
        typer.echo(f"   {hit.text[:200].replace(chr(10), ' ')}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Adresse (Standard: IKZ_HOST).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (Standard: IKZ_PORT).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Anzahl Worker-Prozesse.")] = 1,
) -> None:
    """Web-Oberfläche, HTTP-API und Widget starten (aktualisiert vorher den Index aus dem Korpus)."""
    _setup_logging()
    import uvicorn

    from assistant.logs import configure_json_logging

    settings = get_settings()
    report = _assistant().ingest(wait_seconds=600)
    typer.echo(report.summary(), err=True)
    configure_json_logging()
    typer.echo(f"IKZ-Assistent läuft auf http://{host or settings.host}:{port or settings.port}", err=True)
    uvicorn.run(
        "assistant.web.api:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level="warning",
    )


@eval_app.command("retrieval")
def eval_retrieval(
    beir: Annotated[
        Path, typer.Option("--beir", exists=True, file_okay=False, help="BEIR-Ordner (docs/queries/qrels.jsonl).")
    ],
    retriever: Annotated[str, typer.Option("--retriever", help="hybrid, dense oder bm25.")] = "hybrid",
    max_chars: Annotated[int | None, typer.Option("--max-chars", help="Längere Dokumente werden geteilt.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Retrieval-Qualität (MRR@10, nDCG@10, Recall@1/5/10) auf einem BEIR-Datensatz messen."""
    _setup_logging()
    if retriever not in ("hybrid", "dense", "bm25"):
        _fail("--retriever muss hybrid, dense oder bm25 sein.")
    from assistant.evaluate.beir import evaluate_retrieval

    result = evaluate_retrieval(beir, get_settings(), mode=retriever, max_chars=max_chars, progress=not json_output)
    if json_output:
        typer.echo(json.dumps(result))
        return
    typer.echo(f"Retriever: {retriever}; Anfragen: {result['n_queries']}; Dauer: {result['seconds']} s")
    for key in ("mrr@10", "ndcg@10", "recall@1", "recall@5", "recall@10"):
        typer.echo(f"{key:>10}: {result[key]:.4f}")


@eval_app.command("answers")
def eval_answers(
    questions: Annotated[Path, typer.Option("--questions", exists=True, dir_okay=False, help="JSONL-Fragenkatalog.")],
    report_dir: Annotated[Path, typer.Option("--report-dir", help="Ordner für Bericht und Grafiken.")] = Path(
        "reports"
    ),
    json_output: JsonFlag = False,
) -> None:
    """Antwortqualität messen: Stichwörter, Zitate, Gold-Dokumente, Ablehnungen, Latenz."""
    _setup_logging()
    from assistant.evaluate.answers import evaluate_answers, write_report

    assistant = _assistant()
    assistant.ensure_index(progress=not json_output)
    summary, results = evaluate_answers(assistant, questions)
    _print_summary(summary, json_output, write_report(summary, results, report_dir))


def _print_summary(summary: dict, json_output: bool, reports: list[Path] | None = None) -> None:
    """A measurement's summary: exactly the JSON with --json, else one aligned line per figure and the reports."""
    if json_output:
        typer.echo(json.dumps(summary))
        return
    width = max(map(len, summary), default=0)
    for key, value in summary.items():
        typer.echo(f"{key:>{width}}: {value}")
    if reports:
        typer.echo("Bericht: " + ", ".join(str(path) for path in reports))


@eval_app.command("paraphrases")
def eval_paraphrases(
    paraphrases: Annotated[
        Path, typer.Option("--paraphrases", exists=True, dir_okay=False, help="JSONL mit Umformulierungen.")
    ] = Path("eval/paraphrases.jsonl"),
    questions: Annotated[
        Path, typer.Option("--questions", exists=True, dir_okay=False, help="Fragenkatalog mit den Originalen.")
    ] = Path("eval/questions.jsonl"),
    json_output: JsonFlag = False,
) -> None:
    """Robustheit: Stichwort-Treffer der Originalfrage neben jeder Umformulierung (umgangssprachlich, Stichworte,
    Tippfehler)."""
    _setup_logging()
    from assistant.evaluate.answers import evaluate_paraphrases

    assistant = _assistant()
    assistant.ensure_index(progress=not json_output)
    try:
        summary = evaluate_paraphrases(assistant, paraphrases, questions)
    except ValueError as error:
        _fail(str(error))
    _print_summary(summary, json_output)


@eval_app.command("faithfulness")
def eval_faithfulness(
    rows: Annotated[
        Path, typer.Option("--set", exists=True, dir_okay=False, help="JSONL mit treuen und fehlerhaften Antworten.")
    ] = Path("eval/faithfulness.jsonl"),
    report_dir: Annotated[Path, typer.Option("--report-dir", help="Ordner für den Bericht.")] = Path("reports"),
    json_output: JsonFlag = False,
) -> None:
    """Zitatprüfung messen: geschriebene Modellantworten über einen lokalen OpenAI-kompatiblen Server und den
    echten Antwortweg abspielen; treue Sätze behalten, eingebaute Fehler erkennen (je Fehlerart)."""
    _setup_logging()
    from assistant.evaluate.faithfulness import evaluate_faithfulness, write_report

    summary, results = evaluate_faithfulness(get_settings(), rows)
    _print_summary(summary, json_output, [write_report(summary, results, report_dir)])


@app.command()
def insights(
    days: Annotated[int, typer.Option("--days", min=1, max=366, help="Zeitraum in Tagen bis heute.")] = 30,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Tageswerte als CSV-Datei speichern.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Auswertung für Redaktionen: Fragen, Ablehnungen, Bewertungen je Tag, meistzitierte Dokumente, Lücken."""
    from assistant.web.feedback import FeedbackStore
    from assistant.web.insights import compute_insights, insights_csv, insights_text

    settings = get_settings()
    if not settings.feedback_db.exists():
        _fail(f"Noch keine Auswertungsdaten in {settings.feedback_db}: Der Server legt sie mit der ersten Frage an.")
    report = compute_insights(
        FeedbackStore(settings.feedback_db, settings.question_retention_days), days, settings.log_questions
    )
    if csv_file is not None:
        csv_file.write_text(insights_csv(report), encoding="utf-8")
        typer.echo(f"CSV gespeichert: {csv_file}", err=True)
    typer.echo(report.model_dump_json() if json_output else insights_text(report))


@app.command()
def bench(
    json_output: JsonFlag = False,
    seconds: Annotated[float, typer.Option("--seconds", help="Dauer je Durchsatzmessung.")] = 10.0,
    no_http: Annotated[bool, typer.Option("--no-http", help="HTTP-Messungen auslassen.")] = False,
) -> None:
    """Leistung messen: Indizierung, Latenz (p50/p95/p99), Durchsatz, Speicher, Kaltstart – mit Baselines."""
    _setup_logging()
    from assistant.evaluate.bench import run_bench

    results = run_bench(get_settings(), http=not no_http, throughput_seconds=seconds)
    if json_output:
        typer.echo(json.dumps(results))
        return
    typer.echo(json.dumps(results, indent=2, ensure_ascii=False))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
