"""Take the README screenshots (chat UI, widget on the demo page) with the browser-test helpers.

Usage: python scripts/screenshots.py   (uses the bundled corpus and the index in IKZ_INDEX_DIR)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.api import create_app  # noqa: E402
from assistant.config import get_settings  # noqa: E402
from assistant.engine import Assistant  # noqa: E402
from tests.browser import browser, running_app  # noqa: E402

QUESTION = "Welche Rechtsform passt für einen gemeinsamen Bauhof?"
WIDGET_QUESTION = "Gibt es in Hessen Förderung für interkommunale Zusammenarbeit?"


def main() -> None:
    settings = get_settings().model_copy(update={"rate_limit_per_minute": 0})
    assistant = Assistant(settings)
    assistant.ingest(progress=False)
    with running_app(create_app(settings, assistant)) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 860})
        page.goto(base + "/")
        page.get_by_label("Ihre Frage").fill(QUESTION)
        page.get_by_role("button", name="Fragen", exact=True).click()
        page.locator("a[href='#quelle-1']").first.wait_for(timeout=30_000)
        page.locator("a[href='#quelle-1']").first.click()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / "screenshot-chat.png"))

        page = chromium.new_page(viewport={"width": 1100, "height": 800})
        page.goto(base + "/widget-demo")
        page.get_by_role("button", name="Fragen zur IKZ").click()
        page.get_by_label("Ihre Frage").fill(WIDGET_QUESTION)
        page.keyboard.press("Enter")
        page.get_by_role("list", name="Quellen").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ROOT / "docs" / "screenshot-widget.png"))


if __name__ == "__main__":
    main()
