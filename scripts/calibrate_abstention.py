"""Calibrate the answer/suggest/refuse thresholds on the development sets (never on eval/heldout.jsonl or the
held-out paraphrase set eval/paraphrases.jsonl).

For each candidate HIGH threshold: refusal precision and recall on eval/questions.jsonl (a suggestions answer
counts as a refusal), answerable questions refused, and the share of the development paraphrase set
(eval/dev-paraphrases.jsonl) that would be answered.
Usage: python scripts/calibrate_abstention.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.models import HistoryTurn

SETS = {"dev": Path("eval/questions.jsonl"), "paraphrases": Path("eval/dev-paraphrases.jsonl")}


def evidence_rows(assistant: Assistant, path: Path) -> list[tuple[bool, float, bool, bool]]:
    """(should refuse, evidence score, details missing, topic known) per question."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        history = [HistoryTurn(role="user", content=turn) for turn in row.get("history") or []]
        standalone = assistant.standalone_question(row["question"], history)
        analysis = assistant.understand(standalone)
        result = assistant.retriever.retrieve(standalone, k=max(assistant.settings.top_k, 5))
        evidence = assistant.evidence(analysis, result)
        rows.append((bool(row.get("abstain")), evidence.score, bool(evidence.missing_details), evidence.known_topic))
    return rows


def main() -> None:
    assistant = Assistant(get_settings())
    assistant.ensure_index(progress=False)
    dev = evidence_rows(assistant, SETS["dev"])
    paraphrases = evidence_rows(assistant, SETS["paraphrases"])
    print("| HIGH | refusal precision | refusal recall | answerable refused | paraphrases answered |")
    print("|---|---|---|---|---|")
    for high in np.arange(0.28, 0.47, 0.02):
        refused = [(should, score < high or missing or not known) for should, score, missing, known in dev]
        true_refusals = sum(1 for should, ref in refused if should and ref)
        wrong = sum(1 for should, ref in refused if not should and ref)
        negatives = sum(1 for should, _ in refused if should)
        precision = true_refusals / max(1, true_refusals + wrong)
        answered = np.mean([not (score < high or missing or not known) for _, score, missing, known in paraphrases])
        print(f"| {high:.2f} | {precision:.3f} | {true_refusals / negatives:.3f} | {wrong} | {answered:.3f} |")


if __name__ == "__main__":
    main()
