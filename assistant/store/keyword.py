"""BM25 keyword index (bm25s) over German-analysed text, persisted beside the vector store."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import bm25s
import numpy as np

from assistant.language.analysis import analyze


class KeywordIndex:
    def __init__(self, ids: list[str], retriever: bm25s.BM25 | None) -> None:
        self.ids = ids
        self.positions = {chunk_id: position for position, chunk_id in enumerate(ids)}
        self._retriever = retriever

    @classmethod
    def build(cls, ids: list[str], texts: list[str], k1: float = 1.2, b: float = 0.75) -> KeywordIndex:
        if not ids:
            return cls([], None)
        retriever = bm25s.BM25(k1=k1, b=b)
        retriever.index([analyze(text) for text in texts], show_progress=False)
        return cls(list(ids), retriever)

    def save(self, directory: Path) -> None:
        """Write to a private folder, then rename: several workers may save the same version at once."""
        partial = directory.with_name(f"{directory.name}.partial-{uuid.uuid4().hex[:8]}")
        partial.mkdir(parents=True)
        if self._retriever is not None:
            self._retriever.save(str(partial))
        (partial / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        try:
            partial.rename(directory)
        except OSError:  # another worker renamed its identical copy first
            shutil.rmtree(partial, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(directory)) if ids else None
        return cls(ids, retriever)

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every indexed chunk for the analysed query terms (aligned with ``ids``)."""
        if self._retriever is None or not terms:
            return np.zeros(len(self.ids), dtype=np.float32)
        return self._retriever.get_scores(terms)
