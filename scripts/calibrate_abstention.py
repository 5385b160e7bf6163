"""Calibrate the abstention threshold on the project's question set.

Prints, per candidate threshold, abstention precision/recall and how many answerable questions would be
refused, then the hardest cases on both sides. Usage: python scripts/calibrate_abstention.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.models import HistoryTurn


def main() -> None:
    assistant = Assistant(get_settings())
    assistant.ensure_index(progress=False)
    rows = [
        json.loads(line)
        for line in Path(os.environ.get("IKZ_QUESTIONS", "eval/questions.jsonl"))
        .read_text(encoding="utf-8")
        .splitlines()
        if line
    ]
    scored = []
    for row in rows:
        history = [HistoryTurn(role="user", content=turn) for turn in row.get("history") or []]
        question = assistant.standalone_question(row["question"], history)
        scored.append((assistant.evidence(question, assistant.search(question)), bool(row["abstain"]), question))
    scores = np.array([s for s, _, _ in scored])
    expected = np.array([e for _, e, _ in scored])
    print("| threshold | abstain precision | abstain recall | answerable refused |")
    print("|---|---|---|---|")
    for threshold in np.arange(0.26, 0.465, 0.01):
        refused = scores < threshold
        precision = (refused & expected).sum() / max(refused.sum(), 1)
        recall = (refused & expected).sum() / max(expected.sum(), 1)
        print(f"| {threshold:.2f} | {precision:.3f} | {recall:.3f} | {(refused & ~expected).sum()} |")
    print("\nLowest-scoring answerable questions:")
    for score, _, question in sorted(s for s in scored if not s[1])[:12]:
        print(f"  {score:.3f}  {question}")
    print("Highest-scoring questions that must be refused:")
    for score, _, question in sorted((s for s in scored if s[1]), reverse=True)[:12]:
        print(f"  {score:.3f}  {question}")


if __name__ == "__main__":
    main()
