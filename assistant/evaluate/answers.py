"""`ikz eval answers`: run ``ask`` on the project's question set and score answers, citations and abstention."""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.engine import Assistant
from assistant.evaluate.metrics import percentile
from assistant.models import Answer, HistoryTurn

_CITED = re.compile(r"(.+?)\s*((?:\[\d+\])+)")


@dataclass
class QuestionResult:
    id: str
    question: str
    abstain_expected: bool
    abstained: bool
    keyword_strict: bool
    keyword_lenient: bool
    citations_valid: bool
    gold_hit5: bool | None
    latency_ms: float
    answer: str = ""
    top_sources: list[str] = field(default_factory=list)


# Written variants of the same fact: "85 %" answers a question whose key term is "85 Prozent".
_EQUIVALENT_SPELLINGS = [
    (re.compile(r"\s*%"), " prozent"),
    (re.compile(r"\bmio\.", re.I), "millionen"),
    (re.compile(r"\bmrd\.", re.I), "milliarden"),
    (re.compile(r"\s*€"), " euro"),
    (re.compile(r"\s+"), " "),
]


def normalize_spelling(text: str) -> str:
    for pattern, replacement in _EQUIVALENT_SPELLINGS:
        text = pattern.sub(replacement, text)
    return text.lower()


def keywords_match(text: str, groups: list[list[str]]) -> bool:
    """Every alternative-group must be matched by one of its terms (case-insensitive, unit spellings unified)."""
    normalized = normalize_spelling(text)
    return all(any(normalize_spelling(term) in normalized for term in group) for group in groups)


def citations_valid(answer: Answer) -> bool:
    """Every [n] refers to a returned citation whose snippet contains the sentence before the marker."""
    snippets = {c.n: c.snippet for c in answer.citations}
    for sentence, marks in _CITED.findall(answer.answer):
        numbers = [int(n) for n in re.findall(r"\d+", marks)]
        if not all(n in snippets for n in numbers):
            return False
        if not any(sentence.strip() in snippets[n] for n in numbers):
            return False
    return True


def load_questions(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_question(assistant: Assistant, item: dict) -> QuestionResult:
    started = time.perf_counter()
    history = [HistoryTurn(role="user", content=turn) for turn in item.get("history") or []]
    answer = assistant.ask(item["question"], history=history)
    latency = (time.perf_counter() - started) * 1000
    gold = set(item.get("gold_docs") or [])
    top_sources: list[str] = []
    gold_hit = None
    if gold:
        hits = assistant.search(answer.standalone_question or item["question"], k=5)
        top_sources = [hit.source for hit in hits]
        gold_hit = bool(gold & set(top_sources))
    groups = item.get("keywords") or []
    lenient_text = answer.answer + "\n" + "\n".join(c.snippet for c in answer.citations)
    expected_abstain = bool(item.get("abstain"))
    return QuestionResult(
        id=str(item["id"]),
        question=item["question"],
        abstain_expected=expected_abstain,
        abstained=answer.abstained,
        keyword_strict=not answer.abstained and keywords_match(answer.answer, groups),
        keyword_lenient=not answer.abstained and keywords_match(lenient_text, groups),
        citations_valid=citations_valid(answer),
        gold_hit5=gold_hit,
        latency_ms=latency,
        answer=answer.answer,
        top_sources=top_sources,
    )


def ratio(part: list, whole: list) -> float:
    return round(len(part) / len(whole), 4) if whole else 1.0


def summarize_results(results: list[QuestionResult]) -> dict:
    answerable = [r for r in results if not r.abstain_expected]
    abstained = [r for r in results if r.abstained]
    should_abstain = [r for r in results if r.abstain_expected]
    gold = [r for r in answerable if r.gold_hit5 is not None]
    latencies = [r.latency_ms for r in results]
    return {
        "n": len(results),
        "keyword_pass_strict": ratio([r for r in answerable if r.keyword_strict], answerable),
        "keyword_pass_lenient": ratio([r for r in answerable if r.keyword_lenient], answerable),
        "citation_validity": ratio([r for r in results if r.citations_valid], results),
        "gold_hit@5": ratio([r for r in gold if r.gold_hit5], gold),
        "abstain_precision": ratio([r for r in abstained if r.abstain_expected], abstained),
        "abstain_recall": ratio([r for r in should_abstain if r.abstained], should_abstain),
        "latency_ms_p50": round(percentile(latencies, 50), 2),
        "latency_ms_p95": round(percentile(latencies, 95), 2),
    }


def evaluate_answers(assistant: Assistant, questions_path: Path) -> tuple[dict, list[QuestionResult]]:
    assistant.ask("Warm-up: Was ist ein Zweckverband?")  # load models and index before timing
    results = [evaluate_question(assistant, item) for item in load_questions(questions_path)]
    return summarize_results(results), results


def write_report(summary: dict, results: list[QuestionResult], directory: Path) -> list[Path]:
    """Markdown and JSON report plus PNG plots (matplotlib) under ``directory``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / "answers.json"
    json_path.write_text(
        json.dumps({"summary": summary, "results": [asdict(r) for r in results]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    failures = [
        r for r in results if (r.abstained != r.abstain_expected) or (not r.abstain_expected and not r.keyword_strict)
    ]
    lines = ["# Antwortqualität auf dem Fragenkatalog", "", "| Kennzahl | Wert |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in summary.items()]
    lines += ["", f"## Auffällige Fragen ({len(failures)})", ""]
    for r in failures[:100]:
        state = "lehnte ab" if r.abstained else "antwortete"
        lines.append(f"- `{r.id}` {r.question} — {state}; Top-Quellen: {', '.join(r.top_sources[:3])}")
    md_path = directory / "answers.md"
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    figure, axes = plt.subplots(1, 2, figsize=(10, 4))
    keys = [
        "keyword_pass_strict",
        "keyword_pass_lenient",
        "citation_validity",
        "gold_hit@5",
        "abstain_precision",
        "abstain_recall",
    ]
    axes[0].barh(keys, [summary[k] for k in keys], color="#1f5f8b")
    axes[0].set_xlim(0, 1)
    axes[0].set_title("Qualität")
    axes[1].hist([r.latency_ms for r in results], bins=30, color="#4c956c")
    axes[1].set_title("Latenz ask (ms)")
    figure.tight_layout()
    png_path = directory / "answers.png"
    figure.savefig(png_path, dpi=100)
    plt.close(figure)
    return [md_path, json_path, png_path]
