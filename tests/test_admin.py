"""Admin upload and delete: token, type and size limits, safe names, background re-index."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from assistant.web.api import create_app

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def admin(assistant, settings):
    admin_settings = settings.model_copy(update={"admin_token": SecretStr(TOKEN), "max_file_mb": 0.01})
    assistant.settings = admin_settings
    return TestClient(create_app(admin_settings, assistant, with_ui=False))


def wait_idle(client: TestClient) -> dict:
    for _ in range(300):
        status = client.get("/api/admin/status", headers=AUTH).json()
        if status["state"] != "running":
            return status
        time.sleep(0.1)
    raise AssertionError("re-index did not finish")


def test_admin_requires_the_bearer_token(admin):
    assert admin.get("/api/admin/status").status_code == 401
    assert admin.get("/api/admin/status", headers={"Authorization": "Bearer falsch"}).status_code == 401
    files = {"file": ("a.md", b"# A\n\nText.", "text/markdown")}
    assert admin.post("/api/admin/documents", files=files).status_code == 401


def test_upload_is_indexed_in_the_background_and_delete_removes_it(admin, settings):
    text = (
        "# Gemeinsamer Winterdienst\n\n## Wie?\n"
        "Die Gemeinden Nordhausen und Südheim räumen die Kreisstraßen gemeinsam.\n"
    )
    response = admin.post(
        "/api/admin/documents", files={"file": ("winterdienst.md", text.encode(), "text/markdown")}, headers=AUTH
    )
    assert response.status_code == 200 and response.json()["path"] == "uploads/winterdienst.md"
    assert "Dateien im Korpus" in wait_idle(admin)["summary"]
    hits = admin.get("/api/search", params={"q": "Nordhausen Südheim Winterdienst", "k": 1}).json()["hits"]
    assert hits[0]["source"] == "uploads/winterdienst.md"

    assert admin.delete("/api/admin/documents/winterdienst.md", headers=AUTH).status_code == 200
    wait_idle(admin)
    hits = admin.get("/api/search", params={"q": "Nordhausen Südheim Winterdienst", "k": 3}).json()["hits"]
    assert all(h["source"] != "uploads/winterdienst.md" for h in hits)


def test_wrong_type_and_oversized_files_are_rejected_in_german(admin):
    exe = admin.post(
        "/api/admin/documents", files={"file": ("tool.exe", b"MZ", "application/octet-stream")}, headers=AUTH
    )
    assert exe.status_code == 415 and "Dateityp" in exe.json()["detail"]
    big = admin.post("/api/admin/documents", files={"file": ("gross.txt", b"x" * 20_000, "text/plain")}, headers=AUTH)
    assert big.status_code == 413 and "größer" in big.json()["detail"]


def test_path_traversal_names_stay_inside_the_upload_folder(admin, settings):
    response = admin.post(
        "/api/admin/documents", files={"file": ("../../etc/passwd.txt", b"harmlos", "text/plain")}, headers=AUTH
    )
    assert response.status_code == 200
    assert response.json()["path"] == "uploads/passwd.txt"
    assert (settings.corpus_dir / "uploads" / "passwd.txt").is_file()
    assert not (settings.corpus_dir.parent / "etc").exists()
    wait_idle(admin)
    assert admin.delete("/api/admin/documents/..%2F..%2Fhessen.md", headers=AUTH).status_code == 404
    assert (settings.corpus_dir / "hessen.md").is_file()
