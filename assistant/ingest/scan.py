"""Find corpus files and fingerprint them; unreadable entries are reported, never fatal."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = {".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm"}


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    relpath: str
    sha256: str
    size: int


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan_corpus(corpus_dir: Path, max_file_mb: float) -> tuple[list[CorpusFile], list[tuple[str, str]]]:
    """Return the indexable files and a list of (relative path, German reason) for skipped ones."""
    files: list[CorpusFile] = []
    skipped: list[tuple[str, str]] = []
    root = corpus_dir.resolve()
    # followlinks=False: symlinked directories (and so symlink loops) are never descended into.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            relpath = path.relative_to(root).as_posix()
            reason = _unusable_reason(path, root, max_file_mb)
            if reason:
                skipped.append((relpath, reason))
                continue
            files.append(CorpusFile(path, relpath, file_sha256(path), path.stat().st_size))
    return files, skipped


def _unusable_reason(path: Path, root: Path, max_file_mb: float) -> str | None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"Dateityp „{path.suffix or 'ohne Endung'}“ wird nicht unterstützt"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "Symbolischer Link ist defekt oder bildet eine Schleife"
        if not target.is_relative_to(root):
            return "Symbolischer Link zeigt aus dem Korpusordner heraus"
    try:
        size = path.stat().st_size
    except OSError as error:
        return f"Datei nicht lesbar ({error.strerror})"
    if size == 0:
        return "Datei ist leer (0 Byte)"
    if size > max_file_mb * 1024 * 1024:
        return f"Datei ist größer als {max_file_mb:g} MB"
    return None
