"""Chroma client factory: embedded PersistentClient by default, HttpClient when a server is configured."""

from __future__ import annotations

import os

import chromadb
from chromadb.config import Settings as ChromaSettings

from assistant.config import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached; the message is German."""


def make_client(settings: Settings) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.uses_chroma_server:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        except Exception as error:  # chromadb raises ValueError/ConnectionError variants on connect
            raise StoreUnavailable(
                f"Der Chroma-Server {settings.chroma_host}:{settings.chroma_port} ist nicht erreichbar."
            ) from error
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
