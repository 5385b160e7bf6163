"""`ikz eval answers`: run ``ask`` on the project's question set and score answers, citations and abstention."""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from assistant.engine import Assistant
from assistant.evaluate.metrics import percentile
from assistant.models import Answer, Filters, HistoryTurn

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
    confidence: str = "high"
    first_sentence_pass: bool = False
    redundant: bool = False
    sentences: int = 0
    sources: int = 0
    gold_top: bool | None = None  # a gold document is the top hit
    style: str | None = None
    negative: str | None = None  # "hard" or "ordinary" for questions to refuse
    original_id: str | None = None
    lead: str | None = None  # how the answer opens: "ja", "nein", "abhängig" or None
    expected_lead: str | None = None  # for yes/no questions whose answer the corpus decides


# How an answer to a yes/no question opens: the composer's lead word, or a source sentence that opens with the answer.
_LEADS = (
    ("ja", re.compile(r"^(?:Ja|Grundsätzlich ja)\b")),
    ("nein", re.compile(r"^(?:Nein|Grundsätzlich nein)\b")),
    ("abhängig", re.compile(r"^(?:Das hängt davon ab|Nicht zwingend)\b")),
)


def answer_lead(first_sentence: str) -> str | None:
    return next((lead for lead, pattern in _LEADS if pattern.match(first_sentence)), None)


# Two sentences of one answer this close in meaning (USE cosine) say the same thing twice.
REDUNDANT_COSINE = 0.7


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


def _quoted(sentence: str, snippet: str) -> bool:
    """The sentence stands verbatim in the snippet; the composer may capitalise its first letter after leaving out
    a yes/no answer phrase ("Ja, die Gemeinde …" → "Die Gemeinde …"), nothing else."""
    sentence = sentence.strip()
    return sentence in snippet or sentence[:1].lower() + sentence[1:] in snippet


def citations_valid(answer: Answer) -> bool:
    """Every cited sentence stands verbatim in a passage it cites, and every [n] in the text is a listed source."""
    snippets = {c.n: c.snippet for c in answer.citations}
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    if not numbers <= set(snippets):
        return False
    if not answer.sentences:  # an answer object built by hand: read the sentences off the text
        return all(
            any(_quoted(sentence, snippets[int(n)]) for n in re.findall(r"\d+", marks))
            for sentence, marks in _CITED.findall(answer.answer)
        )
    for sentence in answer.sentences:
        if not sentence.verified:
            continue
        if not sentence.citations or not all(n in snippets for n in sentence.citations):
            return False
        if not any(_quoted(sentence.text, snippets[n]) for n in sentence.citations):
            return False
    return True


def load_questions(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_question(assistant: Assistant, item: dict) -> QuestionResult:
    started = time.perf_counter()
    history = [HistoryTurn(role="user", content=turn) for turn in item.get("history") or []]
    filters = Filters(bundesland=item["bundesland"]) if item.get("bundesland") else None  # as a portal's filter sets it
    answer = assistant.ask(item["question"], history=history, filters=filters)
    latency = (time.perf_counter() - started) * 1000
    gold = set(item.get("gold_docs") or [])
    top_sources: list[str] = []
    gold_hit = gold_top = None
    if gold:
        hits = assistant.search(answer.standalone_question or item["question"], k=5, filters=filters)
        top_sources = [hit.source for hit in hits]
        gold_hit = bool(gold & set(top_sources))
        gold_top = bool(top_sources) and top_sources[0] in gold
    groups = item.get("keywords") or []
    lenient_text = answer.answer + "\n" + "\n".join(c.snippet for c in answer.citations)
    answered = not answer.abstained
    shown = [s for s in answer.sentences if s.verified]
    first = f"{shown[0].lead or ''} {shown[0].text}" if shown else ""
    return QuestionResult(
        id=str(item["id"]),
        question=item["question"],
        abstain_expected=bool(item.get("abstain")),
        abstained=answer.abstained,
        keyword_strict=answered and keywords_match(answer.answer, groups),
        keyword_lenient=answered and keywords_match(lenient_text, groups),
        citations_valid=citations_valid(answer),
        gold_hit5=gold_hit,
        latency_ms=latency,
        answer=answer.answer,
        top_sources=top_sources,
        confidence=answer.confidence,
        first_sentence_pass=answered and bool(groups) and keywords_match(first, groups),
        redundant=answered and repeats_itself(assistant, [s.text for s in shown]),
        sentences=len(shown) if answered else 0,
        sources=len({c.source for c in answer.citations}) if answered else 0,
        gold_top=gold_top,
        style=item.get("style"),
        negative=item.get("negative") or (("ordinary") if item.get("abstain") else None),
        original_id=item.get("original_id"),
        lead=answer_lead(first.strip()) if answered else None,
        expected_lead=item.get("expected_lead"),
    )


def repeats_itself(assistant: Assistant, sentences: list[str]) -> bool:
    if len(sentences) < 2:
        return False
    vectors = np.array(assistant.composer.vectors.get(sentences))
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0.0)
    return bool(similarity.max() >= REDUNDANT_COSINE)


def ratio(part: list, whole: list) -> float:
    return round(len(part) / len(whole), 4) if whole else 1.0


def _refusal_quality(results: list[QuestionResult], negatives: list[QuestionResult]) -> tuple[float, float]:
    """Precision and recall of refusals when only these negatives (and every answerable question) count."""
    answerable = [r for r in results if not r.abstain_expected]
    refused = [r for r in negatives if r.abstained] + [r for r in answerable if r.abstained]
    return ratio([r for r in refused if r.abstain_expected], refused), ratio(
        [r for r in negatives if r.abstained], negatives
    )


def summarize_results(results: list[QuestionResult]) -> dict:
    answerable = [r for r in results if not r.abstain_expected]
    answered = [r for r in answerable if not r.abstained]
    abstained = [r for r in results if r.abstained]
    should_abstain = [r for r in results if r.abstain_expected]
    gold = [r for r in answerable if r.gold_hit5 is not None]
    latencies = [r.latency_ms for r in results]
    all_answered = [r for r in results if not r.abstained]
    hard = [r for r in should_abstain if r.negative == "hard"]
    ordinary = [r for r in should_abstain if r.negative != "hard"]
    hard_precision, hard_recall = _refusal_quality(results, hard)
    ordinary_precision, ordinary_recall = _refusal_quality(results, ordinary)
    summary = {
        "n": len(results),
        "keyword_pass_strict": ratio([r for r in answerable if r.keyword_strict], answerable),
        "keyword_pass_lenient": ratio([r for r in answerable if r.keyword_lenient], answerable),
        "first_sentence_pass": ratio([r for r in answerable if r.first_sentence_pass], answerable),
        "redundant_answers": ratio([r for r in all_answered if r.redundant], all_answered),
        "mean_sentences": round(float(np.mean([r.sentences for r in all_answered])), 2) if all_answered else 0.0,
        "sources_per_answer": round(float(np.mean([r.sources for r in all_answered])), 2) if all_answered else 0.0,
        "suggestion_rate": ratio([r for r in results if r.confidence == "medium"], results),
        "citation_validity": ratio([r for r in results if r.citations_valid], results),
        "gold_hit@5": ratio([r for r in gold if r.gold_hit5], gold),
        "abstain_precision": ratio([r for r in abstained if r.abstain_expected], abstained),
        "abstain_recall": ratio([r for r in should_abstain if r.abstained], should_abstain),
        "abstain_precision_hard": hard_precision,
        "abstain_recall_hard": hard_recall,
        "abstain_precision_ordinary": ordinary_precision,
        "abstain_recall_ordinary": ordinary_recall,
        "refused_with_gold_top": len([r for r in answerable if r.abstained and r.gold_top]),
        "answered_share": ratio(answered, answerable),
        "latency_ms_p50": round(percentile(latencies, 50), 2),
        "latency_ms_p95": round(percentile(latencies, 95), 2),
    }
    decided = [r for r in answerable if r.expected_lead]
    if decided:
        summary["yes_no_leads"] = {
            "n": len(decided),
            "right": ratio([r for r in decided if r.lead == r.expected_lead], decided),
            "wrong": ratio([r for r in decided if r.lead and r.lead != r.expected_lead], decided),
            "none": ratio([r for r in decided if not r.lead], decided),
        }
    styles = sorted({r.style for r in answerable if r.style})
    if styles:
        summary["keyword_pass_by_style"] = {
            style: ratio(
                [r for r in answerable if r.style == style and r.keyword_strict],
                [r for r in answerable if r.style == style],
            )
            for style in styles
        }
    return summary


def evaluate_answers(assistant: Assistant, questions_path: Path) -> tuple[dict, list[QuestionResult]]:
    assistant.ask("Warm-up: Was ist ein Zweckverband?")  # load models and index before timing
    results = [evaluate_question(assistant, item) for item in load_questions(questions_path)]
    return summarize_results(results), results


def evaluate_paraphrases(assistant: Assistant, paraphrases_path: Path, questions_path: Path) -> dict:
    """Keyword pass of the original wording next to each rewording of the same questions."""
    rewordings = load_questions(paraphrases_path)
    originals = {str(row["id"]): row for row in load_questions(questions_path)}
    wanted = {str(row["original_id"]) for row in rewordings}
    missing = wanted - set(originals)
    if missing:
        raise ValueError(f"Originalfragen fehlen im Fragenkatalog: {', '.join(sorted(missing))}")
    assistant.ask("Warm-up: Was ist ein Zweckverband?")
    by_style: dict[str, list[QuestionResult]] = {
        "original": [evaluate_question(assistant, originals[i]) for i in sorted(wanted)]
    }
    for row in rewordings:
        by_style.setdefault(str(row["style"]), []).append(evaluate_question(assistant, row))
    summary: dict = {"n_questions": len(wanted)}
    for style, results in by_style.items():
        summary[style] = {
            "keyword_pass_strict": ratio([r for r in results if r.keyword_strict], results),
            "answered": ratio([r for r in results if not r.abstained], results),
            "first_sentence_pass": ratio([r for r in results if r.first_sentence_pass], results),
        }
    original = summary["original"]["keyword_pass_strict"]
    summary["max_gap"] = round(max(original - summary[s]["keyword_pass_strict"] for s in by_style), 4)
    return summary


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
    lines += [f"| {key} | {value} |" for key, value in summary.items() if not isinstance(value, dict)]
    for key, value in summary.items():
        if isinstance(value, dict):
            lines += ["", f"**{key}:** " + ", ".join(f"{k} {v}" for k, v in value.items())]
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
