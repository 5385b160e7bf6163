"""Evaluation commands on small generated data: exact JSON keys, reports, metrics."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from assistant.evaluate.answers import citations_valid, keywords_match
from assistant.evaluate.bench import run_bench
from assistant.evaluate.metrics import ndcg_at, reciprocal_rank
from assistant.models import Answer, Citation

RETRIEVAL_KEYS = {"mrr@10", "ndcg@10", "recall@1", "recall@5", "recall@10", "n_queries", "seconds"}
ANSWER_KEYS = {
    "n",
    "keyword_pass_strict",
    "keyword_pass_lenient",
    "first_sentence_pass",
    "redundant_answers",
    "mean_sentences",
    "sources_per_answer",
    "suggestion_rate",
    "citation_validity",
    "gold_hit@5",
    "abstain_precision",
    "abstain_recall",
    "abstain_precision_hard",
    "abstain_recall_hard",
    "abstain_precision_ordinary",
    "abstain_recall_ordinary",
    "refused_with_gold_top",
    "answered_share",
    "latency_ms_p50",
    "latency_ms_p95",
}


def write_beir(directory):
    directory.mkdir()
    docs = {
        "d1": "Zweckverband\n\nEin Zweckverband ist eine Körperschaft des öffentlichen Rechts.",
        "d2": "Bauhof\n\nDer gemeinsame Bauhof teilt Fahrzeuge zwischen Gemeinden.",
        "d3": "Standesamt\n\nEin gemeinsames Standesamt beurkundet Geburten für mehrere Gemeinden.",
    }
    queries = {"q1": "Was ist ein Zweckverband?", "q2": "Wer teilt Fahrzeuge?", "q3": "Wo werden Geburten beurkundet?"}
    rows = lambda items, keys: "\n".join(json.dumps(dict(zip(keys, item, strict=True))) for item in items)  # noqa: E731
    (directory / "docs.jsonl").write_text(rows(docs.items(), ("doc_id", "text")), encoding="utf-8")
    (directory / "queries.jsonl").write_text(rows(queries.items(), ("query_id", "query_text")), encoding="utf-8")
    qrels = [(q, "d" + q[1], 1) for q in queries]
    (directory / "qrels.jsonl").write_text(rows(qrels, ("query_id", "doc_id", "relevance")), encoding="utf-8")


def cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env, timeout=600
    )


def test_metrics():
    assert reciprocal_rank(["a", "b"], {"b"}) == 0.5
    assert ndcg_at(["a"], {"a"}) == 1.0


def test_eval_retrieval_json_prints_exactly_the_metric_keys(tmp_path):
    write_beir(tmp_path / "beir")
    for retriever in ("hybrid", "bm25", "dense"):
        result = cli("eval", "retrieval", "--beir", str(tmp_path / "beir"), "--retriever", retriever, "--json")
        assert result.returncode == 0, result.stderr
        metrics = json.loads(result.stdout)
        assert set(metrics) == RETRIEVAL_KEYS and metrics["n_queries"] == 3
        assert metrics["mrr@10"] > 0.6


def test_eval_answers_writes_reports_and_prints_the_summary(settings, tmp_path):
    questions = tmp_path / "questions.jsonl"
    items = [
        {
            "id": "a1",
            "question": "Welche Organe hat ein Zweckverband?",
            "keywords": [["Verbandsversammlung"]],
            "gold_docs": ["rechtsformen/zweckverband.md"],
            "abstain": False,
        },
        {"id": "x1", "question": "Wie wird das Wetter morgen?", "keywords": [], "gold_docs": [], "abstain": True},
    ]
    questions.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    env = {**os.environ, "IKZ_CORPUS_DIR": str(settings.corpus_dir), "IKZ_INDEX_DIR": str(settings.index_dir)}
    reports = tmp_path / "reports"
    result = cli("eval", "answers", "--questions", str(questions), "--report-dir", str(reports), "--json", env=env)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == ANSWER_KEYS
    assert summary["keyword_pass_strict"] == 1.0 and summary["gold_hit@5"] == 1.0
    assert summary["abstain_precision"] == 1.0 and summary["abstain_recall"] == 1.0
    assert {p.name for p in reports.iterdir()} == {"answers.md", "answers.json", "answers.png"}


def test_keyword_groups_and_citation_validity():
    assert keywords_match("Die Verbandsversammlung", [["verbandsversammlung", "Versammlung"]])
    assert not keywords_match("Die Verbandsversammlung", [["Verbandsversammlung"], ["Haushalt"]])
    cite = Citation(n=1, chunk_id="c", title="t", snippet="Satz eins. Satz zwei.")
    assert citations_valid(Answer(question="q", answer="Satz eins. [1]", citations=[cite]))
    assert not citations_valid(Answer(question="q", answer="Erfunden. [1]", citations=[cite]))
    assert not citations_valid(Answer(question="q", answer="Satz eins. [2]", citations=[cite]))
    yes = Citation(n=1, chunk_id="c", title="t", snippet="Ja, die Gemeinde darf das. Satz zwei.")
    assert citations_valid(Answer(question="q", answer="Die Gemeinde darf das. [1]", citations=[yes]))
    assert not citations_valid(Answer(question="q", answer="Die Gemeinde darf das nicht. [1]", citations=[yes]))


def test_bench_measures_every_figure_with_ratios_to_the_floor(settings):
    results = run_bench(settings, http=True, throughput_seconds=0.5)
    for key in (
        "ingest_cold_s",
        "ingest_noop_s",
        "ask_in_process",
        "ask_http",
        "throughput",
        "peak_rss_mb",
        "cold_start_first_answer_s",
        "baseline_floor",
        "baseline_langchain_similarity_search",
        "baseline_bm25_only",
    ):
        assert key in results
    assert set(results["throughput"]) == {"clients_1", "clients_4", "clients_16"}
    assert results["throughput"]["clients_16"]["errors"] == 0
    assert results["ask_in_process"]["ratio_to_floor_p50"] > 0


def test_yes_no_leads_are_counted_right_wrong_or_missing_against_the_expected_lead():
    from assistant.evaluate.answers import QuestionResult, answer_lead, summarize_results

    assert answer_lead("Ja. Die Gemeinde darf das.") == "ja"
    assert answer_lead("Nein, in Sachsen nicht mehr.") == "nein"
    assert answer_lead("Das hängt davon ab: In Bayern …") == "abhängig"
    assert answer_lead("Jahrelang galt das.") is None

    def result(lead, expected):
        return QuestionResult("q", "?", False, False, True, True, True, None, 1.0, lead=lead, expected_lead=expected)

    summary = summarize_results(
        [result("ja", "ja"), result("nein", "ja"), result(None, "abhängig"), result("ja", None)]
    )
    assert summary["yes_no_leads"] == {"n": 3, "right": 0.3333, "wrong": 0.3333, "none": 0.3333}
