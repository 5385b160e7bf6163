"""Helpers for browser tests and screenshots: a real uvicorn server and Debian's chromium via Playwright."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from assistant.evaluate.server import free_port, running_app

__all__ = ["axe_findings", "browser", "free_port", "portal_page", "running_app", "static_site"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@contextmanager
def static_site(directory: Path, port: int):
    """A second origin (another port) serving a portal page that embeds the widget."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def portal_page(api_base: str, state: str = "Hessen") -> str:
    """A municipal portal of its own (own origin) that embeds the widget with one script tag."""
    return (
        "<!doctype html><html lang='de'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>Gemeindeportal</title>"
        "<link rel='icon' href='data:,'></head>"
        "<body><main><h1>Gemeindeportal Musterstadt</h1><p>Willkommen auf dem Portal der Gemeinde.</p></main>"
        f"<script src='{api_base}/widget.js' data-title='Fragen zur IKZ' data-bundesland='{state}' defer></script>"
        "</body></html>"
    )


def axe_findings(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core (WCAG 2.1 A/AA and best practices) on the page as it is now, shadow DOM included."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} – "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in result.response["violations"]
        if violation["impact"] in impacts
    ]


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
