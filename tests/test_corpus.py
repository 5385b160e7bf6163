"""Corpus lint: front matter, sources, coverage, no empty or near-duplicate documents, a valid question set."""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import frontmatter
import pytest

from assistant.evaluate.answers import keywords_match
from assistant.language.states import STATES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
QUESTIONS = ROOT / "eval" / "questions.jsonl"
TYPES = {
    "leitfaden",
    "rechtsform",
    "land",
    "steuer-vergabe",
    "handlungsfeld",
    "fallstudie",
    "foerderung",
    "faq",
    "glossar",
    "artikel",
}
FIELDS = {
    "wasser-abwasser",
    "abfall",
    "bauhof",
    "standesamt",
    "it-digitalisierung",
    "personal-kasse-vollstreckung",
    "ordnung-kfz",
    "feuerwehr",
    "gewerbegebiete-planung",
    "schulen",
    "baeder",
    "gesundheit-pflege",
    "klimaschutz-energie",
    "tourismus-regionalentwicklung",
    "wohnen-leerstand",
    "nahmobilitaet-nahversorgung",
    "verwaltung",
    "alle",
}
FORMS = {
    "arbeitsgemeinschaft",
    "zweckvereinbarung",
    "zweckverband",
    "kommunalunternehmen",
    "verwaltungsgemeinschaft",
    "gemeindeverwaltungsverband",
    "amt",
    "verbandsgemeinde",
    "samtgemeinde",
    "mitverwaltung",
    "privatrechtlich",
    "alle",
}
DOCS = sorted(CORPUS.rglob("*.md"))


def load(path: Path) -> frontmatter.Post:
    return frontmatter.loads(path.read_text(encoding="utf-8"))


def test_corpus_has_at_least_120_documents():
    assert len(DOCS) >= 120


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_front_matter_is_complete_and_valid(path):
    meta = load(path).metadata
    assert str(meta.get("title", "")).strip()
    urls = meta.get("source_urls")
    assert isinstance(urls, list) and urls and all(str(u).startswith("http") for u in urls)
    assert meta.get("type") in TYPES
    assert meta.get("bundesland") in {*STATES, "bund", "alle"}
    assert meta.get("handlungsfeld") in FIELDS
    assert meta.get("rechtsform") in FORMS
    assert re.match(r"^\d{4}(-\d{2})?(-\d{2})?$", str(meta.get("stand", "")))
    assert len(load(path).content.split()) >= 40, "document is (nearly) empty"


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


def test_question_set_is_valid_and_gold_documents_exist():
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    answerable = [r for r in rows if not r["abstain"]]
    assert len(answerable) >= 200 and len(rows) - len(answerable) >= 30
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


def test_questions_do_not_copy_corpus_headings():
    def normalized(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    headings = {
        normalized(line.lstrip("#"))
        for path in CORPUS.rglob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    copied = [row["id"] for row in rows if normalized(row["question"]) in headings]
    assert not copied
