"""Read side of the index: follows the manifest, so a finished ingest becomes visible without restart."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import chromadb
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.models import Chunk
from assistant.store.chroma import StoreUnavailable, make_client
from assistant.store.index import (
    IndexMissing,
    chunk_from_record,
    collection_prefix,
    index_text,
    keyword_dir,
    read_manifest,
)
from assistant.store.keyword import KeywordIndex

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    version: str
    vectorstore: Chroma
    keyword: KeywordIndex
    chunks: dict[str, Chunk]

    @property
    def documents(self) -> int:
        return len({chunk.source for chunk in self.chunks.values()})


class IndexReader:
    """Holds the current index version in memory and re-checks the manifest at most every few seconds."""

    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings,
        client: chromadb.ClientAPI | None = None,
        recheck_seconds: float = 2.0,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self._client = client
        self._recheck_seconds = recheck_seconds
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    @property
    def client(self) -> chromadb.ClientAPI:
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    def snapshot(self) -> Snapshot:
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked_at < self._recheck_seconds:
            return self._snapshot
        with self._lock:
            if self._snapshot is None or now - self._checked_at >= self._recheck_seconds:
                self._refresh()
                self._checked_at = time.monotonic()
        assert self._snapshot is not None
        return self._snapshot

    def invalidate(self) -> None:
        self._checked_at = 0.0

    def reset(self) -> None:
        """Forget client and snapshot (store went away); the next call reconnects."""
        self._client = None
        self._snapshot = None
        self._checked_at = 0.0

    def _refresh(self) -> None:
        try:
            manifest = read_manifest(self.client, self.settings)
        except StoreUnavailable:
            self._client = None
            raise
        except Exception as error:  # connection errors of the HTTP client
            self._client = None
            raise StoreUnavailable("Der Suchindex (Chroma) ist gerade nicht erreichbar.") from error
        if manifest is None:
            raise IndexMissing("Es gibt noch keinen Suchindex. Bitte zuerst „ikz ingest“ ausführen.")
        if self._snapshot is not None and self._snapshot.version == manifest["current"]:
            return
        self._snapshot = self._load(manifest["current"])
        log.info("index version %s loaded (%d chunks)", self._snapshot.version, len(self._snapshot.chunks))

    def _load(self, version: str) -> Snapshot:
        name = f"{collection_prefix(self.settings)}-{version}"
        collection = self.client.get_collection(name)
        data = collection.get(include=["metadatas", "documents"])
        chunks = {
            chunk_id: chunk_from_record(chunk_id, document, metadata)
            for chunk_id, document, metadata in zip(data["ids"], data["documents"], data["metadatas"], strict=True)
        }
        directory = keyword_dir(self.settings, name)
        if (directory / "ids.json").exists():
            keyword = KeywordIndex.load(directory)
        else:  # another machine built this version (Chroma server mode): rebuild the keyword index locally
            texts = [index_text(d, m) for d, m in zip(data["documents"], data["metadatas"], strict=True)]
            keyword = KeywordIndex.build(data["ids"], texts, self.settings.bm25_k1, self.settings.bm25_b)
            keyword.save(directory)
        vectorstore = Chroma(client=self.client, collection_name=name, embedding_function=self.embeddings)
        return Snapshot(version, vectorstore, keyword, chunks)
