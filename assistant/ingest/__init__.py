"""Ingestion stage: corpus files -> sections -> chunks."""

from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import LoadError, ParsedDocument, Section, load_file
from assistant.ingest.scan import CorpusFile, scan_corpus

__all__ = [
    "CorpusFile",
    "LoadError",
    "ParsedDocument",
    "Section",
    "chunk_document",
    "load_file",
    "scan_corpus",
]
