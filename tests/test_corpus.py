"""Corpus lint: front matter, sources, coverage, no empty or near-duplicate documents, a valid question set."""

from __future__ import annotations

import json
import re
from datetime import date
from itertools import combinations
from pathlib import Path

import frontmatter
import pytest

from assistant.evaluate.answers import keywords_match
from assistant.ingest.lint import is_blocked, lint_corpus, lint_document
from assistant.language.states import STATES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
QUESTION_SETS = [ROOT / "eval" / "questions.jsonl", ROOT / "eval" / "heldout.jsonl"]
QUESTIONS = QUESTION_SETS[0]
DOCS = sorted(CORPUS.rglob("*.md"))


def load(path: Path) -> frontmatter.Post:
    return frontmatter.loads(path.read_text(encoding="utf-8"))


def test_corpus_has_at_least_120_documents():
    assert len(DOCS) >= 120


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_document_passes_the_corpus_lint(path):
    """Front matter, a source for every section, no blocked source, no sentence about the research."""
    report = lint_document(path, CORPUS)
    assert report.ok, "\n".join(str(finding) for finding in report.errors)
    assert len(load(path).content.split()) >= 40, "document is (nearly) empty"


def test_the_whole_corpus_meets_the_source_targets():
    report = lint_corpus(CORPUS)
    assert report.sections and report.sections_with_sources == report.sections
    assert not [e for e in report.errors if "gesperrte" in e.message]
    assert not [e for e in report.errors if "Recherche" in e.message]


def test_the_lint_finds_research_notes_blocked_sources_missing_section_sources_and_stale_dates(tmp_path):
    document = tmp_path / "probe.md"
    document.write_text(
        "---\ntitle: Probe\nsource_urls:\n  - https://hotlib.net/buch/1\n  - https://www.difu.de/a\ntype: land\n"
        'bundesland: Hessen\nhandlungsfeld: alle\nrechtsform: alle\nstand: "2024-01"\n---\n# Probe\n\n'
        "## Mit Quelle\n<!-- quellen: https://www.difu.de/a https://example.org/fehlt -->\n"
        "Die Förderung läuft bis 31.12.2025. In dieser Wissensbasis ist das nicht belegt.\n\n"
        "## Ohne Quelle\nEin Satz ohne eigene Quelle.\n",
        encoding="utf-8",
    )
    report = lint_document(document, tmp_path, today=date(2026, 12, 5))
    messages = " | ".join(finding.message for finding in report.errors)
    assert "gesperrte Quelle in source_urls: https://hotlib.net/buch/1" in messages
    assert "Recherche" in messages
    assert "„Ohne Quelle“ nennt keine eigene Quelle" in messages
    assert "https://example.org/fehlt fehlt in source_urls" in messages
    warnings = " | ".join(finding.message for finding in report.warnings)
    assert "Enddatum" in warnings and "älter als zwölf Monate" in warnings


@pytest.mark.parametrize(
    ("url", "blocked"),
    [
        ("https://hotlib.net/htrd/1/p2", True),
        ("https://de.readkong.com/page/x", True),
        ("https://211980.o389qniy.asia/drik_blatt.pl?nr=1", True),
        ("http://uo.f1f37a1bf7b548e2bdb62f666ac0ec20.bodycote-enr.zeta-sw.com/x", True),
        ("https://www.geocaching.com/geocache/GC1", True),
        ("https://www.gesetze-bayern.de/Content/Document/BayKommZG", False),
        ("https://www.kommune21.de/meldung", False),
        ("https://difu.de/nachrichten/x", False),
    ],
)
def test_blocked_domains(url, blocked):
    assert is_blocked(url) is blocked


def test_every_state_has_its_document():
    states = {load(p).metadata["bundesland"] for p in (CORPUS / "laender").glob("*.md")}
    assert states >= set(STATES)


def test_faq_has_at_least_60_questions():
    questions = sum(
        len(re.findall(r"^## .+\?\s*$", p.read_text(encoding="utf-8"), re.M)) for p in (CORPUS / "faq").glob("*.md")
    )
    assert questions >= 60


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 5]) for i in range(max(len(words) - 4, 1))}


def test_no_near_duplicate_documents():
    shingles = {p: _shingles(load(p).content) for p in DOCS}
    duplicates = [
        (a.name, b.name)
        for a, b in combinations(DOCS, 2)
        if len(shingles[a] & shingles[b]) / max(1, min(len(shingles[a]), len(shingles[b]))) > 0.6
    ]
    assert not duplicates


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_question_set_is_valid_and_gold_documents_exist(path):
    rows = _rows(path)
    answerable = [r for r in rows if not r["abstain"]]
    assert len(answerable) >= 150 and len(rows) - len(answerable) >= 40
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert set(row) >= {"id", "question", "keywords", "gold_docs", "abstain"}
        assert all(isinstance(group, list) and group for group in row["keywords"])
        for gold in row["gold_docs"]:
            assert (CORPUS / gold).is_file(), f"{row['id']}: {gold} fehlt"
        if not row["abstain"]:
            assert row["gold_docs"] and row["keywords"]
            text = " ".join((CORPUS / gold).read_text(encoding="utf-8") for gold in row["gold_docs"])
            assert keywords_match(text, row["keywords"]), f"{row['id']}: keywords not in gold documents"


def test_every_corpus_folder_is_covered_by_the_question_set():
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold_folders = {Path(gold).parts[0] for row in rows for gold in row["gold_docs"] if "/" in gold}
    corpus_folders = {path.name for path in CORPUS.iterdir() if path.is_dir()}
    assert corpus_folders <= gold_folders, corpus_folders - gold_folders


def test_the_held_out_set_has_every_style_and_hard_negatives():
    rows = _rows(QUESTION_SETS[1])
    styles = {row["style"] for row in rows if not row["abstain"]}
    assert styles >= {"colloquial", "keywords", "typo", "long", "comparison", "list", "yesno"}
    negatives = [row for row in rows if row["abstain"]]
    assert sum(row["negative"] == "hard" for row in negatives) >= len(negatives) / 2


def test_paraphrases_reword_dev_questions_with_their_keywords():
    originals = {row["id"]: row for row in _rows(QUESTIONS)}
    rows = _rows(ROOT / "eval" / "paraphrases.jsonl")
    assert len({row["original_id"] for row in rows}) >= 60
    assert {row["style"] for row in rows} == {"colloquial", "keywords", "typo"}
    for row in rows:
        original = originals[row["original_id"]]
        assert row["keywords"] == original["keywords"] and row["question"] != original["question"]


def test_questions_do_not_copy_corpus_headings():
    def normalized(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    headings = {
        normalized(line.lstrip("#"))
        for path in CORPUS.rglob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    rows = [row for path in QUESTION_SETS for row in _rows(path)]
    copied = [row["id"] for row in rows if normalized(row["question"]) in headings]
    assert not copied
