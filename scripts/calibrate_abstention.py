"""Calibrate the abstention threshold on the project's question set.

Prints, per candidate threshold, abstention precision/recall and how many answerable questions would be
refused. Usage: python scripts/calibrate_abstention.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.answer.evidence import evidence_score
from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.rewrite import rewrite_rule_based


def main() -> None:
    assistant = Assistant(get_settings())
    assistant.ensure_index(progress=False)
    rows = [json.loads(line) for line in Path("eval/questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    scores, expected = [], []
    for row in rows:
        question = rewrite_rule_based(row["question"], None)
        hits = assistant.search(question, k=5)
        scores.append(evidence_score(question, hits) if hits else 0.0)
        expected.append(bool(row["abstain"]))
    scores_arr, expected_arr = np.array(scores), np.array(expected)
    print("| threshold | abstain precision | abstain recall | answerable refused |")
    print("|---|---|---|---|")
    for threshold in np.arange(0.30, 0.71, 0.02):
        refused = scores_arr < threshold
        precision = (refused & expected_arr).sum() / max(refused.sum(), 1)
        recall = (refused & expected_arr).sum() / max(expected_arr.sum(), 1)
        print(f"| {threshold:.2f} | {precision:.3f} | {recall:.3f} | {(refused & ~expected_arr).sum()} |")
    print("\nLowest-scoring answerable questions:")
    for score, row in sorted(zip(scores, rows, strict=True), key=lambda p: p[0])[:15]:
        if not row["abstain"]:
            print(f"  {score:.3f}  {row['question']}")
    print("Highest-scoring questions that must be refused:")
    for score, row in sorted(zip(scores, rows, strict=True), key=lambda p: -p[0])[:40]:
        if row["abstain"]:
            print(f"  {score:.3f}  {row['question']}")


if __name__ == "__main__":
    main()
