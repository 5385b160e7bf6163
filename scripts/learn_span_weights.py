"""Learn how much each feature of an answer span counts (SPAN_WEIGHTS in assistant/answer/extractive.py).

Learning to rank on the development set only (eval/questions.jsonl; never on eval/heldout.jsonl): for every
answerable question, every span the composer weighs is recorded with its features; a span is a good opening when
its first sentence already holds the question's keyword groups. A logistic regression on pairs (good minus bad
span of the same question, RankNet-style) gives the weights. Two-fold cross-validation on the development set
shows whether the learned weights choose better first sentences on questions they were not learned from.

Usage: python scripts/learn_span_weights.py [--folds]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import assistant.answer.extractive as extractive
from assistant.config import get_settings
from assistant.engine import Assistant
from assistant.evaluate.answers import evaluate_question, keywords_match

DEV = Path("eval/questions.jsonl")
MAX_PAIRS = 40  # per question, so that questions with many spans do not dominate


def load_dev() -> list[dict]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if not row.get("abstain") and row.get("keywords") and not row.get("history")]


def record_spans(assistant: Assistant, rows: list[dict]) -> dict[str, list[tuple[bool, dict[str, float]]]]:
    """Per question: (first sentence holds the keywords, features) of every span weighed."""
    recorded: dict[str, list[tuple[bool, dict[str, float]]]] = defaultdict(list)
    features_of = extractive.ExtractiveComposer._span_features
    current: dict = {}

    def remembering(question, span, *args):
        current["first"] = span[0].unit.text
        return features_of(question, span, *args)

    def recording(features):
        recorded[current["id"]].append((keywords_match(current["first"], current["groups"]), dict(features)))
        return value_of(features)

    value_of = extractive.span_value
    extractive.ExtractiveComposer._span_features = staticmethod(remembering)
    extractive.span_value = recording
    try:
        for row in rows:
            current.update(id=row["id"], groups=row["keywords"])
            assistant.ask(row["question"])
    finally:
        extractive.ExtractiveComposer._span_features = staticmethod(features_of)
        extractive.span_value = value_of
    return recorded


def learn(recorded, ids, names: list[str], c: float = 1.0) -> dict[str, float]:
    rng = random.Random(0)
    differences = []
    for question_id in ids:
        spans = recorded.get(question_id, [])
        good = [f for label, f in spans if label]
        bad = [f for label, f in spans if not label]
        pairs = [(g, b) for g in good for b in bad]
        for g, b in rng.sample(pairs, min(MAX_PAIRS, len(pairs))):
            differences.append([g.get(n, 0.0) - b.get(n, 0.0) for n in names])
    x = np.array(differences)
    model = LogisticRegression(fit_intercept=False, C=c, max_iter=1000)
    model.fit(np.vstack([x, -x]), np.r_[np.ones(len(x)), np.zeros(len(x))])
    weights = model.coef_[0]
    scale = extractive.SPAN_WEIGHTS["first"] / weights[names.index("first")]  # same scale as the hand weights
    return {name: round(float(w * scale), 3) for name, w in zip(names, weights, strict=True)}


def first_sentence_rate(assistant: Assistant, rows: list[dict], weights: dict[str, float]) -> tuple[float, float]:
    saved = dict(extractive.SPAN_WEIGHTS)
    extractive.SPAN_WEIGHTS.update(weights)
    try:
        results = [evaluate_question(assistant, row) for row in rows]
    finally:
        extractive.SPAN_WEIGHTS.update(saved)
    return (
        float(np.mean([r.first_sentence_pass for r in results])),
        float(np.mean([r.keyword_strict for r in results])),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", action="store_true", help="two-fold cross-validation on the development set")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    assistant = Assistant(get_settings())
    assistant.ensure_index(progress=False)
    rows = load_dev()
    recorded = record_spans(assistant, rows)
    names = list(extractive.SPAN_WEIGHTS)
    if args.folds:
        for fold in (0, 1):
            train = [row["id"] for i, row in enumerate(rows) if i % 2 != fold]
            test = [row for i, row in enumerate(rows) if i % 2 == fold]
            weights = learn(recorded, train, names, args.c)
            before = first_sentence_rate(assistant, test, {})
            after = first_sentence_rate(assistant, test, weights)
            print(
                f"fold {fold}: first sentence {before[0]:.3f} -> {after[0]:.3f}, "
                f"strict {before[1]:.3f} -> {after[1]:.3f}"
            )
            print("  ", weights)
    print(json.dumps(learn(recorded, [row["id"] for row in rows], names, args.c), indent=2))


if __name__ == "__main__":
    main()
