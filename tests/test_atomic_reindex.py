"""Readers never see a half-built index: a killed ingest leaves the previous version serving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from assistant.engine import Assistant
from assistant.store.index import read_manifest


def test_killed_ingest_leaves_previous_index_serving_and_next_ingest_completes(assistant, settings):
    version_before = read_manifest(assistant.reader.client, settings)["current"]
    for number in range(400):
        (settings.corpus_dir / f"massen-{number:03d}.md").write_text(
            f"# Dokument {number}\n\n## Abschnitt\nDie Gemeinde {number} arbeitet beim Winterdienst mit "
            f"der Nachbargemeinde zusammen. Die Kosten werden nach Fläche geteilt.\n",
            encoding="utf-8",
        )
    env = {**os.environ, "IKZ_CORPUS_DIR": str(settings.corpus_dir), "IKZ_INDEX_DIR": str(settings.index_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", "--rebuild"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    seen = ""
    while "Dokumente einlesen" not in seen or "%|" not in seen.split("Dokumente einlesen")[-1]:
        char = process.stderr.read(1)
        if not char:
            break
        seen += char
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    assert read_manifest(assistant.reader.client, settings)["current"] == version_before
    assistant.reader.invalidate()
    answer = assistant.ask("Welche Organe hat ein Zweckverband?")
    assert not answer.abstained and "Verbandsversammlung" in answer.answer
    fresh = Assistant(settings)
    assert fresh.search("Verbandsversammlung", k=1)[0].source == "rechtsformen/zweckverband.md"

    report = fresh.ingest(progress=False)
    assert report.changed and report.version != version_before
    assert fresh.search("Winterdienst Gemeinde 123", k=1)[0].source == "massen-123.md"
    names = [c if isinstance(c, str) else c.name for c in fresh.reader.client.list_collections()]
    assert len([n for n in names if "-v" in n]) <= 2, "half-built versions are cleaned up"
