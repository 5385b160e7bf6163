"""Calibrate the citation-support threshold of the LLM answer verifier on the project's question set.

Positives: answer sentences with the passage they were taken from (supported by construction).
Negatives: the same sentences against a top passage of a different question (not supported).
Usage: python scripts/calibrate_verifier.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from assistant.answer.verify import CitationVerifier
from assistant.config import get_settings
from assistant.engine import Assistant


def main() -> None:
    assistant = Assistant(get_settings())
    assistant.ensure_index(progress=False)
    verifier = CitationVerifier(assistant.composer.vectors)
    rows = [json.loads(line) for line in Path("eval/questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    pairs = []
    for row in rows:
        if row["abstain"]:
            continue
        answer = assistant.ask(row["question"])
        hits = {c.n: c for c in answer.citations}
        for sentence in answer.sentences:
            pairs.append((sentence.text, hits[sentence.citations[0]].chunk_id))
    chunks = assistant.reader.snapshot().chunks
    hits_by_id = {cid: assistant.retriever._hit(chunks[cid], 0.0, {}, {}) for _, cid in pairs}
    random.seed(7)
    ids = list(hits_by_id)
    positives = [verifier.support_score(hits_by_id[cid], s) for s, cid in pairs]
    negatives = []
    for sentence, cid in pairs:
        other = random.choice([i for i in ids if chunks[i].source != chunks[cid].source])
        negatives.append(verifier.support_score(hits_by_id[other], sentence))
    pos, neg = np.array(positives), np.array(negatives)
    print(f"pairs: {len(pos)} supported, {len(neg)} unsupported")
    print("| threshold | supported kept | unsupported caught | accuracy |")
    print("|---|---|---|---|")
    for threshold in np.arange(0.40, 0.76, 0.05):
        kept, caught = (pos >= threshold).mean(), (neg < threshold).mean()
        print(f"| {threshold:.2f} | {kept:.3f} | {caught:.3f} | {(kept + caught) / 2:.3f} |")


if __name__ == "__main__":
    main()
