"""Chunking study on the project's question set: gold-document hit@5, keyword pass and refusals per setting.

Usage: python scripts/chunk_study.py [--sizes 500 900 1400] [--overlaps 1] [--expand-sections] > table.md
Each setting builds its own temporary index from corpus/ (same embedding and analysis as the product).
--expand-sections adds rows for parent-document expansion: retrieve the small chunks, then answer from the
whole section each hit belongs to.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.evaluate.answers import evaluate_answers
from assistant.models import Hit
from assistant.retrieve import RetrievalResult

KEYS = (
    "gold_hit@5",
    "keyword_pass_strict",
    "keyword_pass_lenient",
    "abstain_precision",
    "abstain_recall",
    "latency_ms_p50",
)


def expand_to_sections(assistant: Assistant) -> None:
    """Replace each retrieved chunk by its whole section (all chunks with the same source and heading)."""
    retrieve = assistant.retriever.retrieve

    def retrieve_sections(*args, **kwargs) -> RetrievalResult:
        result = retrieve(*args, **kwargs)
        chunks = assistant.reader.snapshot().chunks.values()
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for hit in result.hits:
            key = (hit.source, hit.section)
            if key in seen:
                continue
            seen.add(key)
            siblings = [c for c in chunks if (c.source, c.section) == key]
            units = list({u.text: u for c in siblings for u in c.units}.values())
            sentences = [u.text for u in units if u.kind != "row"]
            hits.append(hit.model_copy(update={"units": units, "sentences": sentences, "text": " ".join(sentences)}))
        return RetrievalResult(hits, result.query, result.query_vector)

    assistant.retriever.retrieve = retrieve_sections


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 900, 1400])
    parser.add_argument("--overlaps", type=int, nargs="+", default=[1], help="overlap in sentences")
    parser.add_argument("--expand-sections", action="store_true")
    parser.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    args = parser.parse_args()
    print("| chunk_size | overlap | answers from | chunks | " + " | ".join(KEYS) + " |")
    print("|---" * (len(KEYS) + 4) + "|")
    for size in args.sizes:
        for overlap in args.overlaps:
            with tempfile.TemporaryDirectory() as tmp:
                settings = get_settings().model_copy(
                    update={
                        "chunk_size": size,
                        "chunk_overlap_sentences": overlap,
                        "index_dir": Path(tmp),
                        "chroma_host": None,
                    }
                )
                assistant = Assistant(settings)
                report = assistant.ingest(progress=False)
                variants = ["chunk", "section"] if args.expand_sections else ["chunk"]
                for variant in variants:
                    if variant == "section":
                        expand_to_sections(assistant)
                    summary, _ = evaluate_answers(assistant, args.questions)
                    cells = " | ".join(str(summary[k]) for k in KEYS)
                    print(f"| {size} | {overlap} | {variant} | {report.chunks} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
