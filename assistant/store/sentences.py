"""Vectors of every passage sentence and heading, built at ingest: a question then embeds only itself.

Stored next to the BM25 index of a version (``sentences.json`` and ``sentence-vectors.npy``). An ingest reuses
the vectors of the previous version for unchanged text. Without the files (older index, evaluation data sets)
the answer side embeds sentences on first use instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.models import Chunk

_TEXTS = "sentences.json"
_VECTORS = "sentence-vectors.npy"


def passage_texts(chunks: Iterable[Chunk]) -> list[str]:
    """Everything the answer side compares with a question: each unit of each passage and each heading."""
    texts: set[str] = set()
    for chunk in chunks:
        texts.add(chunk.heading)
        texts.update(unit.text for unit in chunk.units)
    return sorted(text for text in texts if text.strip())


def unit_vectors(embeddings: Embeddings, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-9)


def build_sentence_vectors(
    chunks: Iterable[Chunk], embeddings: Embeddings, known: Mapping[str, np.ndarray]
) -> dict[str, np.ndarray]:
    texts = passage_texts(chunks)
    missing = [text for text in texts if text not in known]
    fresh = dict(zip(missing, unit_vectors(embeddings, missing), strict=True))
    return {text: known[text] if text in known else fresh[text] for text in texts}


def save_sentence_vectors(directory: Path, vectors: Mapping[str, np.ndarray]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    texts = list(vectors)
    matrix = np.stack([vectors[text] for text in texts]) if texts else np.zeros((0, 0), dtype=np.float32)
    np.save(directory / _VECTORS, matrix.astype(np.float32))
    (directory / _TEXTS).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def load_sentence_vectors(directory: Path) -> dict[str, np.ndarray]:
    """The stored vectors of one version, or an empty map when there are none (or they are unreadable)."""
    try:
        texts = json.loads((directory / _TEXTS).read_text(encoding="utf-8"))
        matrix = np.load(directory / _VECTORS)
    except (OSError, ValueError):
        return {}
    if len(texts) != len(matrix):
        return {}
    return dict(zip(texts, matrix, strict=True))
