"""Regression guard on the real corpus: the development set and the frozen held-out set must not drop more than
2 points below the committed baselines (reports/baseline/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate.answers import evaluate_answers

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "reports" / "baseline"
GUARDED = ("keyword_pass_strict", "first_sentence_pass", "gold_hit@5", "abstain_precision", "abstain_recall")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("questions", "baseline"), [("questions.jsonl", "answers-summary.json"), ("heldout.jsonl", "heldout-summary.json")]
)
def test_question_sets_do_not_regress_against_the_committed_baselines(corpus_assistant, questions, baseline):
    summary, _ = evaluate_answers(corpus_assistant, ROOT / "eval" / questions)
    committed = json.loads((BASELINE / baseline).read_text(encoding="utf-8"))
    for key in GUARDED:
        assert summary[key] >= committed[key] - 0.02, (key, summary[key], committed[key])
    assert summary["citation_validity"] == 1.0
    assert summary["redundant_answers"] <= committed["redundant_answers"] + 0.02
