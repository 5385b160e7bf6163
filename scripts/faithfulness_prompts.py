"""Draft rows for eval/faithfulness.jsonl: dev questions the assistant answers with an LLM, with their exact prompt.

The rule that picks the questions does not look at answers: every n-th answerable row of eval/questions.jsonl
(no follow-ups) whose evidence is high enough for the LLM path, until --count rows; error types are assigned in
turn. People then write the faithful answer and the copy with one planted error for each row.

Usage: python scripts/faithfulness_prompts.py --count 90 --out .briefs/faithfulness-draft.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.evaluate.faithfulness import ERROR_TYPES, current_prompt
from assistant.question.understanding import understand


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=90)
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    assistant = Assistant(get_settings())
    assistant.ensure_index(progress=False)
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    candidates = [row for row in rows if not row["abstain"] and not row.get("history")]
    drafts = []
    for row in candidates[:: args.every]:
        analysis = understand(row["question"])
        result = assistant.retriever.retrieve(row["question"], k=max(assistant.settings.top_k, 5))
        if assistant.evidence(analysis, result).confidence != "high":
            continue
        drafts.append(
            {
                "id": f"f{len(drafts) + 1:03d}",
                "question_id": row["id"],
                "question": row["question"],
                "prompt": current_prompt(assistant, row["question"]),
                "error_type": ERROR_TYPES[len(drafts) % len(ERROR_TYPES)],
            }
        )
        if len(drafts) == args.count:
            break
    args.out.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in drafts) + "\n", encoding="utf-8")
    print(f"{len(drafts)} Entwürfe in {args.out}")


if __name__ == "__main__":
    main()
