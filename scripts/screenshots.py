"""Take the README screenshots with the browser-test helpers: desktop chat with sources under an answer, the chat
on a phone (390 px), the widget on a portal page of its own origin, and the API docs.

Usage: python scripts/screenshots.py   (uses the bundled corpus and the index in IKZ_INDEX_DIR)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import get_settings  # noqa: E402
from assistant.engine import Assistant  # noqa: E402
from assistant.web.api import create_app  # noqa: E402
from tests.browser import browser, free_port, portal_page, running_app, static_site  # noqa: E402

QUESTION = "Welche Rechtsform passt für einen gemeinsamen Bauhof?"
MOBILE_QUESTION = "Fällt bei einer Zweckvereinbarung Umsatzsteuer an?"
WIDGET_QUESTION = "Gibt es in Hessen Förderung für interkommunale Zusammenarbeit?"
DOCS = ROOT / "docs"


def ask_ui(page, question: str) -> None:
    page.get_by_label("Ihre Frage").fill(question)
    page.get_by_role("button", name="Fragen", exact=True).click()
    page.locator("article.ikz-turn .ikz-actions, article.ikz-turn .ikz-error").first.wait_for(timeout=60_000)


def main() -> None:
    portal_port = free_port()
    settings = get_settings().model_copy(
        update={"rate_limit_per_minute": 0, "allowed_origins": [f"http://127.0.0.1:{portal_port}"]}
    )
    with tempfile.TemporaryDirectory(prefix="ikz-shots-") as tmp:
        settings = settings.model_copy(update={"feedback_db": Path(tmp) / "feedback.sqlite3"})
        assistant = Assistant(settings)
        assistant.ingest(progress=False)
        with running_app(create_app(settings, assistant)) as base, browser() as chromium:
            (Path(tmp) / "portal").mkdir()
            (Path(tmp) / "portal" / "index.html").write_text(portal_page(base), encoding="utf-8")

            page = chromium.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/")
            ask_ui(page, QUESTION)
            citation = page.locator("article.ikz-turn a.ikz-cite").first
            if citation.count():
                citation.click()
            page.locator("article.ikz-turn").first.scroll_into_view_if_needed()
            page.evaluate("window.scrollTo(0, document.querySelector('article.ikz-turn').offsetTop - 16)")
            page.wait_for_timeout(500)
            page.screenshot(path=str(DOCS / "screenshot-chat.png"))

            page = chromium.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            page.goto(base + "/")
            ask_ui(page, MOBILE_QUESTION)
            page.wait_for_timeout(500)  # the question scrolls to the top; show the end of the answer and its sources
            page.evaluate("document.querySelector('article.ikz-turn .ikz-actions').scrollIntoView({block: 'end'})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(DOCS / "screenshot-mobile.png"))

            with static_site(Path(tmp) / "portal", portal_port) as portal:
                page = chromium.new_page(viewport={"width": 1100, "height": 800})
                page.goto(portal + "/index.html")
                page.get_by_role("button", name="Fragen zur IKZ").click()
                page.get_by_label("Ihre Frage").fill(WIDGET_QUESTION)
                page.keyboard.press("Enter")
                page.locator("[data-ikz-widget] .msg.bot .actions").first.wait_for(timeout=60_000)
                page.locator("[data-ikz-widget] .msg.bot .actions").first.scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                page.screenshot(path=str(DOCS / "screenshot-widget.png"))

            page = chromium.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/docs")
            page.get_by_text("Frage stellen (JSON oder SSE)").first.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(DOCS / "screenshot-docs.png"))


if __name__ == "__main__":
    main()
