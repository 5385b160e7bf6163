"""Versioned index: build a complete new version, then switch the manifest; readers follow the manifest.

Layout per embedding model (prefix ``ikz-<model>``):
- Chroma collection ``<prefix>-manifest``: its metadata names the current version.
- Chroma collection ``<prefix>-<version>``: the vectors, snippets and metadata of one version.
- ``<index_dir>/keyword/<prefix>-<version>/``: the BM25 index of that version (rebuilt from Chroma if absent)
  and the vectors of its sentences and headings (``assistant.store.sentences``).
"""

from __future__ import annotations

import json
import logging
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import chromadb
from chromadb.errors import NotFoundError
from filelock import FileLock, Timeout
from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from assistant.config import Settings
from assistant.embeddings import make_embeddings, model_slug
from assistant.ingest import CorpusFile, LoadError, chunk_document, load_file, scan_corpus
from assistant.ingest.chunking import decode_units
from assistant.models import Chunk
from assistant.store.chroma import make_client
from assistant.store.keyword import KeywordIndex
from assistant.store.sentences import build_sentence_vectors, load_sentence_vectors, save_sentence_vectors

log = logging.getLogger(__name__)

PIPELINE_VERSION = "17"  # bump when loading, chunking or keyword analysis changes: the next ingest rebuilds all
_BATCH = 256


class IndexBusy(RuntimeError):
    """Another ingest holds the lock; the message is German."""


class IndexMissing(RuntimeError):
    """No index has been built yet; the message is German."""


@dataclass
class IngestReport:
    version: str
    changed: bool
    files_total: int = 0
    indexed_files: list[str] = field(default_factory=list)
    unchanged_files: int = 0
    removed_files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    embedded_chunks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"Dateien im Korpus: {self.files_total}; neu eingelesen: {len(self.indexed_files)}, "
            f"unverändert: {self.unchanged_files}, entfernt: {len(self.removed_files)}, "
            f"übersprungen: {len(self.skipped)}.",
            f"Abschnitte im Index: {self.chunks} (neu eingebettet: {self.embedded_chunks}); "
            f"Dauer: {self.seconds:.1f} s." + ("" if self.changed else " Der Index war bereits aktuell."),
        ]
        lines += [f"Übersprungen: {path} – {reason}" for path, reason in self.skipped]
        return "\n".join(lines)


def collection_prefix(settings: Settings) -> str:
    return f"ikz-{model_slug(settings.embedding)}"


def _fingerprint(settings: Settings) -> str:
    return (
        f"p{PIPELINE_VERSION}-c{settings.chunk_size}-o{settings.chunk_overlap_sentences}-{settings.embedding}"
        f"-k{settings.bm25_k1}-b{settings.bm25_b}"
    )


def keyword_dir(settings: Settings, collection_name: str) -> Path:
    return settings.index_dir / "keyword" / collection_name


def read_manifest(client: chromadb.ClientAPI, settings: Settings) -> dict | None:
    try:
        collection = client.get_collection(f"{collection_prefix(settings)}-manifest")
    except (NotFoundError, ValueError):
        return None
    metadata = collection.metadata or {}
    return metadata if metadata.get("current") else None


def chunk_metadata(chunk: Chunk) -> dict:
    metadata = {key: value for key, value in chunk.metadata.items() if value is not None}
    metadata.update(source=chunk.source, title=chunk.title, section=chunk.section)
    if chunk.page is not None:
        metadata["page"] = chunk.page
    return metadata


def index_text(document: str, metadata: dict) -> str:
    return f"{metadata.get('section') or metadata.get('title', '')}\n{document}"


def keyword_index_from(settings: Settings, data: dict) -> KeywordIndex:
    """BM25 over the records of one Chroma collection (``collection.get`` with documents and metadatas)."""
    texts = [index_text(doc, meta) for doc, meta in zip(data["documents"], data["metadatas"], strict=True)]
    return KeywordIndex.build(data["ids"], texts, settings.bm25_k1, settings.bm25_b)


# Chroma's HNSW defaults (search_ef 10, insertion on every core) made the graph, and so the passages found, differ
# from one build of the same corpus to the next. One insertion thread and a wide search make a build reproducible
# and the search as good as exact at this corpus size (about 1,400 passages).
HNSW_SETTINGS = {
    "hnsw:space": "cosine",
    "hnsw:construction_ef": 200,
    "hnsw:search_ef": 200,
    "hnsw:M": 32,
    "hnsw:num_threads": 1,
}


class IndexBuilder:
    """Builds a new index version from the corpus, re-embedding only files whose content changed."""

    def __init__(
        self,
        settings: Settings,
        client: chromadb.ClientAPI | None = None,
        embeddings: Embeddings | None = None,
    ) -> None:
        self.settings = settings
        self.client = client or make_client(settings)
        self._embeddings = embeddings
        self.prefix = collection_prefix(settings)

    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            self._embeddings = make_embeddings(self.settings.embedding)
        return self._embeddings

    def ingest(
        self,
        corpus_dir: Path | None = None,
        rebuild: bool = False,
        wait_seconds: float = 0,
        progress: bool = True,
    ) -> IngestReport:
        self.settings.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.settings.index_dir / f"{self.prefix}.ingest.lock"))
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout as error:
            raise IndexBusy(
                "Eine andere Indizierung läuft gerade. Bitte warten Sie, bis sie abgeschlossen ist, "
                "und starten Sie den Vorgang dann erneut."
            ) from error
        try:
            return self._ingest_locked(corpus_dir or self.settings.corpus_dir, rebuild, progress)
        finally:
            lock.release()

    def _ingest_locked(self, corpus_dir: Path, rebuild: bool, progress: bool) -> IngestReport:
        started = time.perf_counter()
        if not corpus_dir.is_dir():
            raise FileNotFoundError(f"Der Korpusordner „{corpus_dir}“ existiert nicht.")
        files, skipped = scan_corpus(corpus_dir, self.settings.max_file_mb)
        manifest = read_manifest(self.client, self.settings)
        reuse = manifest is not None and not rebuild and manifest.get("fingerprint") == _fingerprint(self.settings)
        old_records = self._records_by_source(manifest["current"]) if reuse else {}
        old_hashes = {source: records[0][2].get("file_hash") for source, records in old_records.items()}
        known_broken = json.loads(manifest.get("skipped", "{}")) if reuse else {}
        broken_again = [f for f in files if known_broken.get(f.relpath, [None])[0] == f.sha256]
        skipped += [(f.relpath, known_broken[f.relpath][1]) for f in broken_again]
        files = [f for f in files if f not in broken_again]
        current_sources = {corpus_file.relpath for corpus_file in files}
        changed_files = [f for f in files if old_hashes.get(f.relpath) != f.sha256]
        removed = sorted(set(old_records) - current_sources)
        report = IngestReport(
            version=manifest["current"] if manifest else "",
            changed=True,
            files_total=len(files) + len(skipped),
            unchanged_files=len(files) - len(changed_files),
            removed_files=removed,
            skipped=list(skipped),
        )
        if reuse and not changed_files and not removed and self._keyword_ready(manifest["current"]):
            report.changed = False
            report.chunks = sum(len(records) for records in old_records.values())
            report.seconds = time.perf_counter() - started
            return report

        version, name, collection = self._create_version()
        for source in sorted(current_sources - {f.relpath for f in changed_files}):
            self._add_records(collection, old_records[source])
        new_chunks = self._load_and_chunk(changed_files, report, progress)
        self._embed_and_add(collection, new_chunks, progress)
        report.embedded_chunks = len(new_chunks)
        report.indexed_files = sorted({chunk.source for chunk in new_chunks})
        report.chunks = collection.count()
        self._build_local_indexes(collection, name, previous=manifest["current"] if reuse else None)
        hashes = {f.relpath: f.sha256 for f in files}
        broken = {path: [hashes[path], reason] for path, reason in report.skipped if path in hashes}
        broken.update({f.relpath: known_broken[f.relpath] for f in broken_again})
        self._switch(version, broken)
        report.version = version
        self._drop_stale_versions(keep={version, manifest["current"] if manifest else version})
        report.seconds = time.perf_counter() - started
        log.info("ingest finished: version=%s chunks=%d embedded=%d", version, report.chunks, len(new_chunks))
        return report

    def build_from_chunks(self, chunks: list[Chunk], progress: bool = False) -> str:
        """Index ready-made chunks as a new version (evaluation data sets); returns the version."""
        version, name, collection = self._create_version()
        self._embed_and_add(collection, chunks, progress)
        self._build_keyword_index(collection, name)
        self._switch(version, {})
        return version

    def _create_version(self) -> tuple[str, str, chromadb.Collection]:
        version = time.strftime("v%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:6]
        name = f"{self.prefix}-{version}"
        return version, name, self.client.create_collection(name, metadata=HNSW_SETTINGS)

    def _records_by_source(self, version: str) -> dict[str, list[tuple[str, list[float], dict, str]]]:
        collection = self.client.get_collection(f"{self.prefix}-{version}")
        data = collection.get(include=["embeddings", "metadatas", "documents"])
        grouped: dict[str, list[tuple[str, list[float], dict, str]]] = {}
        for chunk_id, vector, metadata, document in zip(
            data["ids"], data["embeddings"], data["metadatas"], data["documents"], strict=True
        ):
            grouped.setdefault(metadata["source"], []).append((chunk_id, list(vector), metadata, document))
        return grouped

    def _add_records(self, collection, records: list[tuple[str, list[float], dict, str]]) -> None:
        for start in range(0, len(records), _BATCH):
            batch = records[start : start + _BATCH]
            collection.add(
                ids=[r[0] for r in batch],
                embeddings=[r[1] for r in batch],
                metadatas=[r[2] for r in batch],
                documents=[r[3] for r in batch],
            )

    def _load_and_chunk(self, files: list[CorpusFile], report: IngestReport, progress: bool) -> list[Chunk]:
        chunks: list[Chunk] = []
        for corpus_file in tqdm(files, desc="Dokumente einlesen", unit="Datei", disable=not progress or not files):
            try:
                document = load_file(corpus_file.path)
            except LoadError as error:
                report.skipped.append((corpus_file.relpath, str(error)))
                log.warning("skipped %s: %s", corpus_file.relpath, error)
                continue
            chunks.extend(
                chunk_document(
                    document,
                    corpus_file.relpath,
                    corpus_file.sha256,
                    self.settings.chunk_size,
                    self.settings.chunk_overlap_sentences,
                )
            )
        return chunks

    def _embed_and_add(self, collection, chunks: list[Chunk], progress: bool) -> None:
        batches = range(0, len(chunks), _BATCH // 4)
        for start in tqdm(batches, desc="Abschnitte einbetten", unit="Stapel", disable=not progress or not chunks):
            batch = chunks[start : start + _BATCH // 4]
            vectors = self.embeddings.embed_documents([chunk.index_text for chunk in batch])
            collection.add(
                ids=[chunk.chunk_id for chunk in batch],
                embeddings=vectors,
                metadatas=[chunk_metadata(chunk) for chunk in batch],
                documents=[chunk.text for chunk in batch],
            )

    def _build_keyword_index(self, collection, name: str) -> dict:
        data = collection.get(include=["metadatas", "documents"])
        keyword_index_from(self.settings, data).save(keyword_dir(self.settings, name))
        return data

    def _build_local_indexes(self, collection, name: str, previous: str | None) -> None:
        """BM25 and sentence vectors; sentences unchanged since the previous version keep their vectors."""
        data = self._build_keyword_index(collection, name)
        records = zip(data["ids"], data["documents"], data["metadatas"], strict=True)
        chunks = [chunk_from_record(*record) for record in records]
        known = load_sentence_vectors(keyword_dir(self.settings, f"{self.prefix}-{previous}")) if previous else {}
        vectors = build_sentence_vectors(chunks, self.embeddings, known)
        save_sentence_vectors(keyword_dir(self.settings, name), vectors)

    def _keyword_ready(self, version: str) -> bool:
        return (keyword_dir(self.settings, f"{self.prefix}-{version}") / "ids.json").exists()

    def _switch(self, version: str, broken: dict[str, list[str]]) -> None:
        metadata = {
            "current": version,
            "fingerprint": _fingerprint(self.settings),
            "switched_at": time.time(),
            "skipped": json.dumps(broken, ensure_ascii=False),
        }
        manifest = self.client.get_or_create_collection(f"{self.prefix}-manifest", metadata=metadata)
        manifest.modify(metadata=metadata)

    def _drop_stale_versions(self, keep: set[str]) -> None:
        """Delete versions other than the current and the previous one (readers may still use it)."""
        keep_names = {f"{self.prefix}-{v}" for v in keep} | {f"{self.prefix}-manifest"}
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if name.startswith(self.prefix + "-v") and name not in keep_names:
                self.client.delete_collection(name)
        keyword_root = self.settings.index_dir / "keyword"
        if keyword_root.is_dir():
            for directory in keyword_root.iterdir():
                if directory.name.startswith(self.prefix + "-v") and directory.name not in keep_names:
                    shutil.rmtree(directory, ignore_errors=True)


def chunk_from_record(chunk_id: str, document: str, metadata: dict) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        text=document,
        source=metadata.get("source", ""),
        title=metadata.get("title", ""),
        section=metadata.get("section", ""),
        page=metadata.get("page"),
        units=decode_units(metadata.get("units")),
        metadata={k: str(v) for k, v in metadata.items() if k not in {"units", "page"}},
    )
