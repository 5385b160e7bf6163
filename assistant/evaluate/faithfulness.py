"""`ikz eval faithfulness`: do written model answers survive the citation check, and are planted errors caught?

Each row of ``eval/faithfulness.jsonl`` holds a question of the development set, the exact prompt the assistant
sends for it, a faithful answer written the way a capable open model answers (paraphrased, merged, cited
``[1][3]``) and a copy with exactly one planted error of a labelled type. Both versions are replayed through a
local OpenAI-compatible server and the real ``ask`` path.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.answer.llm import answer_messages, prompt_text
from assistant.answer.verify import split_cited
from assistant.config import Settings
from assistant.engine import Assistant
from assistant.evaluate.llm_server import ScriptedLLMServer
from assistant.question.understanding import understand

ERROR_TYPES = ("number", "entity", "negation", "unsupported", "wrong_source")


@dataclass
class RowResult:
    id: str
    error_type: str
    faithful_sentences: int = 0
    faithful_kept: int = 0
    faithful_fallback: bool = False
    caught: bool = False
    stale_prompt: bool = False
    answered_by_llm: bool = True
    dropped_faithful: list[str] = field(default_factory=list)
    missed_error: str | None = None


def _normalized(text: str) -> str:
    return " ".join(re.sub(r"\[\d+(?:\s*,\s*\d+)*\]", "", text).split()).strip()


def load_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def current_prompt(assistant: Assistant, question: str) -> str:
    """The prompt the assistant sends for this question today (retrieval as in ``ask``)."""
    standalone = understand(question).text
    passages = max(assistant.settings.top_k, assistant.settings.answer_passages)
    hits = assistant.retriever.retrieve(standalone, k=passages).hits
    return prompt_text(answer_messages(standalone, hits))


_BLOCK = re.compile(r"^\[(\d+)\] (.*?)(?=^\[\d+\] |^Frage: |\Z)", re.M | re.S)


def source_blocks(prompt: str) -> dict[int, str]:
    """The numbered source blocks of an answer prompt: number -> heading and passage text."""
    return {int(number): " ".join(block.split()) for number, block in _BLOCK.findall(prompt)}


def renumber(answer: str, written_for: str, live: str) -> str:
    """Point the citations of an answer written for one prompt at the same passages in today's prompt.

    Retrieval may order the passages differently than when the row was written; a passage that is no longer
    retrieved keeps an unused number, so the sentence citing it fails as it would for a real model.
    """
    old_blocks, new_blocks = source_blocks(written_for), source_blocks(live)
    by_text = {text: number for number, text in new_blocks.items()}
    unused = len(new_blocks) + 1
    mapping = {old: by_text.get(text, unused) for old, text in old_blocks.items()}

    def mapped(match: re.Match) -> str:
        numbers = [mapping.get(int(n), unused) for n in re.findall(r"\d+", match.group(1))]
        return "[" + ", ".join(str(n) for n in numbers) + "]"

    return re.sub(r"\[(\d+(?:\s*,\s*\d+)*)\]", mapped, answer)


def evaluate_faithfulness(settings: Settings, path: Path) -> tuple[dict, list[RowResult]]:
    rows = load_rows(path)
    server = ScriptedLLMServer()
    reply = {"text": "", "prompt": ""}
    server.reply = lambda prompt, user: renumber(reply["text"], reply["prompt"], user)
    try:
        replay = settings.model_copy(
            update={"llm": "openai:replay", "llm_base_url": server.base_url + "/v1", "llm_retries": 0}
        )
        assistant = Assistant(replay)
        assistant.ensure_index(progress=False)
        results = [_replay_row(assistant, server, reply, row) for row in rows]
    finally:
        server.close()
    return summarize(results), results


def _replay_row(assistant: Assistant, server: ScriptedLLMServer, reply: dict, row: dict) -> RowResult:
    result = RowResult(id=str(row["id"]), error_type=row["error_type"])
    faithful = [sentence for sentence, _ in split_cited(row["faithful"])]
    result.faithful_sentences = len(faithful)
    seen = len(server.requests)
    reply.update(text=row["faithful"], prompt=row["prompt"])
    answer = assistant.ask(row["question"])
    if len(server.requests) == seen:
        result.answered_by_llm = False  # the evidence was too weak to ask the model: the row cannot judge anything
        return result
    result.stale_prompt = _request_prompt(server.requests[-1]) != row["prompt"]
    if answer.engine != "llm" or answer.abstained:
        result.faithful_fallback = True
        result.dropped_faithful = faithful
    else:
        shown = {_normalized(s.text) for s in answer.sentences if s.verified}
        result.faithful_kept = sum(1 for sentence in faithful if _normalized(sentence) in shown)
        result.dropped_faithful = [sentence for sentence in faithful if _normalized(sentence) not in shown]
    reply["text"] = row["planted"]
    answer = assistant.ask(row["question"])
    error = _normalized(row["error_sentence"])
    shown = {_normalized(s.text) for s in answer.sentences if s.verified} if answer.engine == "llm" else set()
    result.caught = error not in shown
    if not result.caught:
        result.missed_error = row["error_sentence"]
    return result


def _request_prompt(request: dict) -> str:
    return "\n".join(str(message.get("content", "")) for message in request["body"].get("messages", []))


def _rates(results: list[RowResult]) -> dict:
    judged = [r for r in results if r.answered_by_llm]
    sentences = sum(r.faithful_sentences for r in judged)
    return {
        "rows": len(judged),
        "faithful_sentence_keep": round(sum(r.faithful_kept for r in judged) / sentences, 4) if sentences else 0.0,
        "faithful_fallback_rate": round(sum(r.faithful_fallback for r in judged) / len(judged), 4) if judged else 0.0,
        "catch_rate": round(sum(r.caught for r in judged) / len(judged), 4) if judged else 0.0,
    }


def summarize(results: list[RowResult]) -> dict:
    summary = _rates(results)
    summary["not_answered_by_llm"] = sum(not r.answered_by_llm for r in results)
    summary["stale_prompts"] = sum(r.stale_prompt for r in results)
    by_type: dict[str, list[RowResult]] = defaultdict(list)
    for result in results:
        by_type[result.error_type].append(result)
    summary["catch_rate_by_type"] = {kind: _rates(by_type[kind])["catch_rate"] for kind in ERROR_TYPES if by_type[kind]}
    summary["rows_by_type"] = {kind: len(by_type[kind]) for kind in ERROR_TYPES if by_type[kind]}
    return summary


def write_report(summary: dict, results: list[RowResult], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "faithfulness.json"
    path.write_text(
        json.dumps({"summary": summary, "results": [asdict(r) for r in results]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return path
