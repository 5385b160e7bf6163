"""Ranking metrics for one relevant set per query (binary relevance)."""

from __future__ import annotations

import math

import numpy as np


def reciprocal_rank(ranking: list[str], relevant: set[str], cutoff: int = 10) -> float:
    for position, doc_id in enumerate(ranking[:cutoff], start=1):
        if doc_id in relevant:
            return 1.0 / position
    return 0.0


def recall_at(ranking: list[str], relevant: set[str], cutoff: int) -> float:
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:cutoff])) / len(relevant)


def ndcg_at(ranking: list[str], relevant: set[str], cutoff: int = 10) -> float:
    gains = [1.0 / math.log2(position + 1) for position, d in enumerate(ranking[:cutoff], 1) if d in relevant]
    ideal = sum(1.0 / math.log2(position + 1) for position in range(1, min(len(relevant), cutoff) + 1))
    return sum(gains) / ideal if ideal else 0.0


def summarize(rankings: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    queries = [q for q in qrels if q in rankings]
    return {
        "mrr@10": float(np.mean([reciprocal_rank(rankings[q], qrels[q]) for q in queries])),
        "ndcg@10": float(np.mean([ndcg_at(rankings[q], qrels[q]) for q in queries])),
        "recall@1": float(np.mean([recall_at(rankings[q], qrels[q], 1) for q in queries])),
        "recall@5": float(np.mean([recall_at(rankings[q], qrels[q], 5) for q in queries])),
        "recall@10": float(np.mean([recall_at(rankings[q], qrels[q], 10) for q in queries])),
        "n_queries": len(queries),
    }


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0
