"""The Gradio UI and the portal widget in a real browser (Debian chromium, Playwright)."""

from __future__ import annotations

import shutil

import pytest

from assistant.api import create_app
from tests.browser import browser, free_port, portal_page, running_app, static_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium fehlt (make test installiert es)"),
]
QUESTION = "Welche Organe hat ein Zweckverband?"


@pytest.fixture
def servers(assistant, settings, tmp_path):
    portal_port, foreign_port, api_port = free_port(), free_port(), free_port()
    portal_origin = f"http://127.0.0.1:{portal_port}"
    app_settings = settings.model_copy(update={"allowed_origins": [portal_origin], "rate_limit_per_minute": 0})
    app = create_app(app_settings, assistant)
    with running_app(app, api_port) as api:
        for name in ("portal", "foreign"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "index.html").write_text(portal_page(api), encoding="utf-8")
        with (
            static_site(tmp_path / "portal", portal_port) as portal,
            static_site(tmp_path / "foreign", foreign_port) as foreign,
        ):
            yield {"api": api, "portal": portal, "foreign": foreign}


def ask_widget(page, question: str) -> None:
    page.get_by_role("button", name="Fragen zur IKZ").click()
    page.get_by_label("Ihre Frage").fill(question)
    page.keyboard.press("Enter")


def test_gradio_ui_answers_and_a_citation_opens_its_passage(servers):
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(servers["api"] + "/")
        page.get_by_label("Ihre Frage").wait_for(timeout=30_000)
        page.get_by_label("Ihre Frage").fill(QUESTION)
        page.get_by_role("button", name="Fragen", exact=True).click()
        page.get_by_text("Verbandsversammlung").first.wait_for(timeout=30_000)
        page.locator("a[href='#quelle-1']").first.click()
        details = page.locator("#quelle-1 details")
        details.locator("mark").first.wait_for(state="visible")
        assert details.get_attribute("open") is not None
        assert "Zweckverband" in details.inner_text()
        marked = page.locator("#quelle-1 mark").first.inner_text()
        assert page.get_by_text(marked, exact=False).count() >= 2, "the highlighted sentence is the answer's sentence"
        assert page.get_by_text("ohne Sprachmodell").count() >= 1


def test_widget_on_an_allowed_portal_answers_with_source_links(servers):
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(servers["portal"] + "/index.html")
        ask_widget(page, QUESTION)
        log = page.get_by_role("log")
        log.get_by_text("Verbandsversammlung").first.wait_for(timeout=30_000)
        link = page.get_by_role("list", name="Quellen").get_by_role("link").first
        assert link.get_attribute("href").startswith("https://example.org/")
        assert link.get_attribute("rel") == "noopener noreferrer"


def test_widget_on_a_portal_not_on_the_allowlist_is_refused(servers):
    with browser() as chromium:
        page = chromium.new_page()
        statuses = []
        page.on("response", lambda response: statuses.append(response.status) if "/api/ask" in response.url else None)
        page.goto(servers["foreign"] + "/index.html")
        ask_widget(page, QUESTION)
        page.get_by_role("log").get_by_text("nicht").first.wait_for(timeout=30_000)
        assert page.get_by_role("log").get_by_text("Verbandsversammlung").count() == 0
        assert statuses in ([], [403])


def test_html_in_questions_is_shown_as_text_and_never_executed(servers):
    payload = "<img src=x onerror=alert(1)> <script>alert(2)</script> Zweckverband"
    with browser() as chromium:
        page = chromium.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(servers["portal"] + "/index.html")
        ask_widget(page, payload)
        log = page.get_by_role("log")
        log.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)

        page.goto(servers["api"] + "/")
        page.get_by_label("Ihre Frage").wait_for(timeout=30_000)
        page.get_by_label("Ihre Frage").fill(payload)
        page.get_by_role("button", name="Fragen", exact=True).click()
        page.wait_for_timeout(4000)
        assert dialogs == []
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_widget_works_with_the_keyboard_only(servers):
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(servers["portal"] + "/index.html")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.hasAttribute('data-ikz-widget')"):
                break
        assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "launcher"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.shadowRoot.activeElement.id") == "ikz-input"
        page.keyboard.type(QUESTION)
        page.keyboard.press("Enter")
        page.get_by_role("log").get_by_text("Verbandsversammlung").first.wait_for(timeout=30_000)
        page.keyboard.press("Escape")
        assert page.get_by_role("dialog").is_hidden()
        assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "launcher"


def test_chat_ui_works_at_mobile_width_and_thumbs_are_stored(servers, settings):
    from assistant.feedback import FeedbackStore

    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 375, "height": 740})
        page.goto(servers["api"] + "/")
        page.get_by_label("Ihre Frage").fill(QUESTION)
        page.get_by_role("button", name="Fragen", exact=True).click()
        page.get_by_text("Verbandsversammlung").first.wait_for(timeout=30_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
        page.get_by_role("button", name="Like").last.click()
        page.wait_for_timeout(1500)
    assert [row["rating"] for row in FeedbackStore(settings.feedback_db).all()] == ["up"]
