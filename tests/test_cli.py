from __future__ import annotations

import json
import os
import subprocess
import sys

from pydantic import TypeAdapter

from assistant.models import Answer, Hit


def run_ikz(settings, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "IKZ_CORPUS_DIR": str(settings.corpus_dir),
        "IKZ_INDEX_DIR": str(settings.index_dir),
        "IKZ_EMBEDDING": settings.embedding,
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_ask_json_builds_the_index_and_validates_against_the_answer_model(settings):
    result = run_ikz(settings, "ask", "Welche Organe hat ein Zweckverband?", "--json")
    assert result.returncode == 0, result.stderr
    answer = Answer.model_validate_json(result.stdout)
    assert not answer.abstained and answer.citations
    assert json.loads(result.stdout)["citations"][0]["n"] == 1


def test_search_json_prints_hits_only(assistant, settings):
    result = run_ikz(settings, "search", "Verbandsversammlung", "-k", "2", "--json")
    assert result.returncode == 0, result.stderr
    hits = TypeAdapter(list[Hit]).validate_json(result.stdout)
    assert len(hits) == 2 and hits[0].source == "rechtsformen/zweckverband.md"


def test_ingest_prints_a_german_summary_naming_skipped_files(settings):
    result = run_ikz(settings, "ingest")
    assert result.returncode == 0, result.stderr
    assert "Übersprungen: leer.md – Datei ist leer" in result.stdout


def test_empty_question_fails_with_german_message(assistant, settings):
    result = run_ikz(settings, "ask", "  ")
    assert result.returncode == 1
    assert "Bitte geben Sie eine Frage ein" in result.stderr


def test_help_texts_are_german():
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "--help"], capture_output=True, text=True)
    assert "Frage" in result.stdout and "ingest" in result.stdout
