"""Chunk size study on the project's question set: gold-document hit@5 and keyword pass per chunk size.

Usage: python scripts/chunk_study.py [--sizes 500 900 1400] > table.md
Each size builds its own temporary index from corpus/ (same embedding and analysis as the product).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.evaluate.answers import evaluate_answers

KEYS = (
    "gold_hit@5",
    "keyword_pass_strict",
    "keyword_pass_lenient",
    "abstain_precision",
    "abstain_recall",
    "latency_ms_p50",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 900, 1400])
    parser.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    args = parser.parse_args()
    print("| chunk_size | chunks | " + " | ".join(KEYS) + " |")
    print("|---" * (len(KEYS) + 2) + "|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            settings = get_settings().model_copy(
                update={"chunk_size": size, "index_dir": Path(tmp), "chroma_host": None}
            )
            assistant = Assistant(settings)
            report = assistant.ingest(progress=False)
            summary, _ = evaluate_answers(assistant, args.questions)
            print(f"| {size} | {report.chunks} | " + " | ".join(str(summary[k]) for k in KEYS) + " |")


if __name__ == "__main__":
    main()
