"""Regression guard: the project question set must not drop more than 2 points below the committed baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Assistant
from assistant.evaluate.answers import evaluate_answers

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "reports" / "baseline" / "answers-summary.json"


@pytest.mark.slow
def test_question_set_does_not_regress_against_the_committed_baseline(tmp_path):
    settings = Settings(
        _env_file=None,
        corpus_dir=ROOT / "corpus",
        index_dir=tmp_path / "index",
        feedback_db=tmp_path / "feedback.sqlite3",
    )
    assistant = Assistant(settings)
    assistant.ingest(progress=False)
    summary, _ = evaluate_answers(assistant, ROOT / "eval" / "questions.jsonl")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert summary["keyword_pass_strict"] >= baseline["keyword_pass_strict"] - 0.02, summary
    assert summary["gold_hit@5"] >= baseline["gold_hit@5"] - 0.02, summary
    assert summary["citation_validity"] == 1.0
