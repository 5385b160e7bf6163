"""Against a real Chroma server (`chroma run` from the chromadb package) on loopback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.engine import Assistant
from assistant.evaluate.server import free_port
from assistant.web.api import create_app

pytestmark = pytest.mark.server
CHROMA = Path(sys.executable).with_name("chroma")


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("chroma server did not start")


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    server = {"port": port, "path": tmp_path / "chroma-data", "process": start_chroma(tmp_path / "chroma-data", port)}
    yield server
    server["process"].terminate()  # the test may have restarted it: stop the current process
    server["process"].wait(timeout=30)


def test_ingest_and_ask_against_a_chroma_server(settings, chroma_server):
    server_settings = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": chroma_server["port"]})
    instance = Assistant(server_settings)
    report = instance.ingest(progress=False)
    assert report.chunks > 0
    answer = instance.ask("Welche Organe hat ein Zweckverband?")
    assert not answer.abstained and "Verbandsversammlung" in answer.answer
    # A second app (another worker or machine) without the local keyword index shares the same server.
    other = Assistant(server_settings.model_copy(update={"index_dir": settings.index_dir.parent / "other"}))
    assert other.search("Verbandsversammlung", k=1)[0].source == "rechtsformen/zweckverband.md"


def test_unreachable_server_gives_503_and_recovers_without_restart(settings, chroma_server):
    server_settings = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": chroma_server["port"]})
    instance = Assistant(server_settings)
    instance.ingest(progress=False)
    client = TestClient(create_app(server_settings, instance, with_ui=False))
    assert client.post("/api/ask", json={"question": "Organe Zweckverband"}).status_code == 200

    chroma_server["process"].terminate()
    chroma_server["process"].wait(timeout=30)
    instance.reader.invalidate()
    down = client.post("/api/ask", json={"question": "Organe Zweckverband"})
    assert down.status_code == 503 and "nicht erreichbar" in down.json()["detail"]
    health = client.get("/api/health")
    assert health.status_code == 503 and health.json()["status"] == "unavailable"

    chroma_server["process"] = start_chroma(chroma_server["path"], chroma_server["port"])
    instance.reader.invalidate()
    assert client.post("/api/ask", json={"question": "Organe Zweckverband"}).status_code == 200
    assert client.get("/api/health").json()["status"] == "ok"


def test_several_uvicorn_workers_share_one_chroma_server(settings, chroma_server):
    import os

    server_settings = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": chroma_server["port"]})
    Assistant(server_settings).ingest(progress=False)
    port = free_port()
    env = {
        **os.environ,
        "IKZ_CORPUS_DIR": str(settings.corpus_dir),
        "IKZ_INDEX_DIR": str(settings.index_dir.parent / "worker-index"),
        "IKZ_CHROMA_HOST": "127.0.0.1",
        "IKZ_CHROMA_PORT": str(chroma_server["port"]),
        "IKZ_FEEDBACK_DB": str(settings.feedback_db),
        "IKZ_RATE_LIMIT_PER_MINUTE": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        with httpx.Client(base_url=base, timeout=60) as client:
            answers = [
                client.post("/api/ask", json={"question": "Welche Organe hat ein Zweckverband?"}) for _ in range(12)
            ]
        assert all(a.status_code == 200 for a in answers)
        assert all("Verbandsversammlung" in a.json()["answer"] for a in answers)
    finally:
        process.terminate()
        process.wait(timeout=30)
