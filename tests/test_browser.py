"""The chat UI, the portal widget and the API docs in a real browser (Debian chromium, Playwright, axe-core).

The API runs on its own origin; portal pages are served from two more local origins, one on the allowlist and one
not. Everything is the real product: Chroma, the bundled model, the fixture corpus.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import time

import docx
import pytest
from prometheus_client import REGISTRY

from assistant.evaluate.llm_server import ScriptedLLMServer
from assistant.export import copy_text
from assistant.models import Filters
from assistant.web.api import create_app
from assistant.web.feedback import FeedbackStore
from tests.browser import axe_findings, browser, free_port, portal_page, running_app, static_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium fehlt (make test installiert es)"),
]
QUESTION = "Welche Organe hat ein Zweckverband?"
SECOND = "Welches Gesetz gilt in Hessen für die Zusammenarbeit der Kommunen?"
ORGANE = "Die Organe des Zweckverbands sind die Verbandsversammlung und der Verbandsvorsitzende."
HAUSHALT = "Die Verbandsversammlung beschließt die Verbandssatzung und den Haushalt des Zweckverbands."
INTERNAL_PATHS = re.compile(r"\b[\w-]+\.(md|pdf|docx|html|txt)\b|rechtsformen/")
ENGLISH_GRADIO = ("Use via API", "Built with Gradio", "Settings", "chatbot", "Copy", "Like", "Dislike", "Clear")


def serve(assistant, settings, tmp_path):
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


@pytest.fixture
def servers(assistant, settings, tmp_path):
    yield from serve(assistant, settings, tmp_path)


@pytest.fixture
def slow_llm_servers(settings, tmp_path):
    """The same servers with an LLM that writes slowly: two cited sentences, about 12 characters per 0.15 s."""
    from assistant.engine import Assistant

    llm = ScriptedLLMServer()
    llm.piece_delay_s = 0.15

    llm.reply = lambda prompt, user: (
        f"{ORGANE} [{_source_number(user, 'Verbandsvorsitzende')}] {HAUSHALT} [{_source_number(user, 'Haushalt')}]"
    )
    instance = Assistant(
        settings.model_copy(
            update={"llm": "openai:test", "llm_base_url": llm.base_url + "/v1", "llm_retries": 0, "llm_timeout_s": 20}
        )
    )
    instance.ingest(progress=False)
    try:
        yield from serve(instance, instance.settings, tmp_path)
    finally:
        llm.close()


WINTERDIENST_MD = """---
title: "Gemeinsamer Winterdienst"
source_urls:
  - https://example.org/winterdienst
type: handlungsfeld
bundesland: alle
handlungsfeld: bauhof
rechtsform: alle
stand: "2026-11"
---
# Gemeinsamer Winterdienst

## Welche Aufgaben übernimmt ein gemeinsamer Winterdienst?
Ein gemeinsamer Winterdienst übernimmt für die beteiligten Gemeinden vier Aufgaben:
- das Räumen der Gemeindestraßen,
- das Streuen der Gehwege an Schulen,
- die Beschaffung des Streusalzes,
- die Wartung der Räumfahrzeuge.

## Welche Fahrzeuge nutzt der gemeinsame Winterdienst?
Der gemeinsame Winterdienst nutzt Fahrzeuge nach folgender Übersicht.

| Fahrzeug | Anzahl | Einsatz |
|---|---|---|
| Räumfahrzeug | 3 | Straßen |
| Streuwagen | 2 | Gehwege |
"""
LIST_QUESTION = "Welche Aufgaben übernimmt ein gemeinsamer Winterdienst?"
TABLE_QUESTION = "Welche Fahrzeuge nutzt der gemeinsame Winterdienst?"


@pytest.fixture
def rich_servers(settings, tmp_path):
    """The fixture corpus plus a document with a list and a table, as the composer quotes them."""
    from assistant.engine import Assistant

    (settings.corpus_dir / "winterdienst.md").write_text(WINTERDIENST_MD, encoding="utf-8")
    instance = Assistant(settings)
    instance.ingest(progress=False)
    servers = serve(instance, settings, tmp_path)
    yield {**next(servers), "assistant": instance}
    next(servers, None)


def _source_number(user: str, needle: str) -> int:
    for number, block in re.findall(r"\[(\d+)\] (.*?)(?=\n\n\[\d+\] |\n\nFrage:)", user, re.DOTALL):
        if needle in block:
            return int(number)
    return 1


# --- chat UI -----------------------------------------------------------------------------------------------------
def ui_ask(page, question: str) -> None:
    turns = page.locator("article.ikz-turn").count()
    page.get_by_label("Ihre Frage").fill(question)
    page.get_by_role("button", name="Fragen", exact=True).click()
    page.locator("article.ikz-turn").nth(turns).locator(".ikz-actions, .ikz-error").wait_for(timeout=30_000)


def open_ui(chromium, base: str, width: int = 1280, height: int = 900):
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_label("Ihre Frage").wait_for(timeout=30_000)
    return page


def test_each_answer_has_its_own_sources_and_old_citations_open_their_own(servers):
    with browser() as chromium:
        page = open_ui(chromium, servers["api"])
        ui_ask(page, QUESTION)
        first = page.locator("article.ikz-turn").nth(0)
        first.locator("a.ikz-cite").first.click()
        source = page.locator("#m1-q1 details")
        assert source.get_attribute("open") is not None
        marked = source.locator("mark").first.inner_text()
        assert marked in first.locator(".ikz-answer").inner_text(), "the highlighted passage is the cited sentence"
        assert page.locator("#m1-q1 summary").evaluate("e => e === document.activeElement")

        ui_ask(page, SECOND)
        assert source.get_attribute("open") is not None, "an opened source stays open while the next answer arrives"
        second = page.locator("article.ikz-turn").nth(1)
        assert second.locator(".ikz-sources li").count() >= 1, "the new answer lists its own sources beneath it"
        page.locator("#m1-q1 summary").click()  # close it again
        first.locator("a.ikz-cite").first.click()
        assert page.locator("#m1-q1 details").get_attribute("open") is not None
        assert page.locator("#m2-q1 details").get_attribute("open") is None, "not the newest answer's source"
        assert "Hessen" in second.locator(".ikz-sources").inner_text()

        summary = page.locator("#m1-q1 summary").inner_text()
        assert summary.startswith("[1] Zweckverband – Organe"), "numbered once, title and section"
        assert page.locator(".ikz-sources").first.evaluate("e => getComputedStyle(e).listStyleType") == "none"
        assert "Stand: November 2026" in page.locator("#m1-q1").inner_text()
        link = page.locator("#m1-q1 .ikz-meta a")
        assert link.get_attribute("href") == "https://example.org/zweckverband"
        assert link.get_attribute("rel") == "noopener noreferrer" and "example.org" in link.inner_text()
        assert not INTERNAL_PATHS.search(page.locator("#ikz-conversation").inner_text())
        assert page.get_by_text("ohne Sprachmodell").count() >= 1


def test_copy_with_sources_and_the_file_note_download_in_the_chat_ui(servers, assistant):
    with browser() as chromium:
        page = open_ui(chromium, servers["api"])
        ui_ask(page, QUESTION)
        ui_ask(page, SECOND)
        first = page.locator("article.ikz-turn").nth(0)
        first.get_by_role("button", name="Mit Quellen kopieren").click()
        first.get_by_text("in die Zwischenablage kopiert").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == copy_text(assistant.ask(QUESTION))
        assert "\n\nQuellen:\n[1] Zweckverband – Organe des Zweckverbands. Stand: November 2026. https://" in copied

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Als Vermerk herunterladen").click()
        download = download_info.value
        assert re.fullmatch(r"IKZ-Vermerk-\d{4}-\d\d-\d\d\.docx", download.suggested_filename)
        document = docx.Document(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
        paragraphs = [p.text for p in document.paragraphs]
        assert QUESTION in paragraphs and SECOND in paragraphs
        assert any(p.startswith("[1] Zweckverband") for p in paragraphs)
        assert any("Orientierungshilfe, keine Rechtsberatung" in p for p in paragraphs)

        session = page.locator("#ikz-conversation").get_attribute("data-session")
        page.get_by_role("button", name="Neue Unterhaltung").click()
        page.locator("#ikz-conversation.ikz-empty").wait_for()
        assert page.locator("#ikz-conversation").get_attribute("data-session") != session
        gone = page.request.post(servers["api"] + "/api/export", data={"session_id": session})
        assert gone.status == 404, "a new conversation forgets the old one on the server"


def test_ratings_and_comments_from_the_ui_are_stored_and_ui_questions_are_counted(servers, settings):
    asked = REGISTRY.get_sample_value("ikz_asks_total", {"channel": "ui"}) or 0.0
    with browser() as chromium:
        page = open_ui(chromium, servers["api"])
        ui_ask(page, QUESTION)
        first = page.locator("article.ikz-turn").nth(0)
        first.get_by_role("button", name="Hilfreich", exact=True).click()
        first.get_by_text("Danke für Ihre Bewertung").wait_for()
        ui_ask(page, SECOND)
        assert first.get_by_role("button", name="Hilfreich", exact=True).get_attribute("aria-pressed") == "true"
        second = page.locator("article.ikz-turn").nth(1)
        second.get_by_role("button", name="Nicht hilfreich").click()
        second.get_by_label("Was hat gefehlt?").fill("Die Frist für die Anzeige fehlt.")
        second.get_by_role("button", name="Rückmeldung senden").click()
        second.get_by_text("Danke für Ihre Rückmeldung").wait_for()
    rows = FeedbackStore(settings.feedback_db).all()
    assert [(r["message_id"], r["rating"], r["comment"]) for r in rows] == [
        ("m1", "up", None),
        ("m2", "down", None),
        ("m2", "down", "Die Frist für die Anzeige fehlt."),
    ]
    assert len({r["session_id"] for r in rows}) == 1
    assert REGISTRY.get_sample_value("ikz_asks_total", {"channel": "ui"}) == asked + 2
    with sqlite3.connect(settings.feedback_db) as connection:
        channels = [row[0] for row in connection.execute("SELECT channel FROM asks")]
    assert channels == ["ui", "ui"]


NESTED_SCROLL = """() => [...document.querySelectorAll('body *')].filter(e => {
  const style = getComputedStyle(e);
  return /(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0;
}).map(e => e.tagName + '.' + e.className)"""


def in_viewport(locator, height: int) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_answer_and_its_sources_are_visible_together_and_the_page_scrolls_as_one(servers, width, height):
    with browser() as chromium:
        page = open_ui(chromium, servers["api"], width, height)
        ui_ask(page, QUESTION)
        page.wait_for_timeout(300)  # the new question scrolls into view
        turn = page.locator("article.ikz-turn").nth(0)
        assert in_viewport(turn.locator(".ikz-answer"), height), "answer on screen"
        assert in_viewport(turn.locator(".ikz-sources"), height), "its sources on screen at the same time"
        assert page.evaluate(NESTED_SCROLL) == [], "no scroll box inside the page"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.scrollingElement.scrollHeight") > height or width > 1000


def test_chat_ui_is_german_and_passes_axe(servers):
    with browser() as chromium:
        page = open_ui(chromium, servers["api"])
        ui_ask(page, QUESTION)
        page.locator("a.ikz-cite").first.click()
        assert page.evaluate("document.documentElement.lang") == "de"
        text = page.evaluate("document.body.innerText")
        labels = page.evaluate(
            "[...document.querySelectorAll('[aria-label], [title], [placeholder]')]"
            ".map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')]).flat()"
        )
        for english in ENGLISH_GRADIO:
            assert english not in text and not any(label and english in label for label in labels), english
        unnamed = page.evaluate(
            "[...document.querySelectorAll('button')].filter(b => b.offsetParent !== null && "
            "!(b.innerText.trim() || b.getAttribute('aria-label') || b.getAttribute('aria-labelledby')))"
            ".map(b => b.outerHTML.slice(0, 80))"
        )
        assert unnamed == []
        assert page.locator("#ikz-live [role=status]").inner_text().startswith("Antwort: Die Organe")
        assert axe_findings(page) == []


def test_chat_ui_works_with_the_keyboard_only(servers):
    with browser() as chromium:
        page = open_ui(chromium, servers["api"])
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('#ikz-question') !== null"):
                break
        assert page.evaluate("document.activeElement.closest('#ikz-question') !== null"), "Tab never reached the box"
        page.keyboard.type(QUESTION)
        # the page takes input once it is interactive: the box holds what was typed before Enter sends it
        page.wait_for_function(
            "q => document.activeElement && document.activeElement.value === q", arg=QUESTION, timeout=30_000
        )
        page.keyboard.press("Enter")
        page.locator("article.ikz-turn .ikz-actions").wait_for(timeout=30_000)
        page.locator("article.ikz-turn .ikz-answer a.ikz-cite").first.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "Mit Quellen kopieren":
                break
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "visible focus"
        page.keyboard.press("Enter")
        page.get_by_text("in die Zwischenablage kopiert").wait_for()
        assert page.evaluate("navigator.clipboard.readText()").startswith("Die Organe")


def test_the_ui_shows_the_answer_sentence_by_sentence_while_the_model_writes(slow_llm_servers):
    with browser() as chromium:
        page = open_ui(chromium, slow_llm_servers["api"])
        page.get_by_label("Ihre Frage").fill(QUESTION)
        page.get_by_role("button", name="Fragen", exact=True).click()
        busy = page.locator("article.ikz-turn .ikz-answer[aria-busy=true]")
        busy.get_by_text("Verbandsvorsitzende", exact=False).wait_for(timeout=30_000)
        shown = busy.inner_text()
        assert "Haushalt" not in shown, "the first verified sentence is shown before the second is written"
        page.locator("article.ikz-turn .ikz-actions").wait_for(timeout=30_000)
        assert "Haushalt" in page.locator("article.ikz-turn .ikz-answer").inner_text()


def test_api_docs_render_offline_under_the_servers_csp(servers):
    with browser() as chromium:
        for path in ("/docs", "/redoc"):
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            foreign, blocked = [], []
            page.on("request", lambda r, f=foreign: f.append(r.url) if not r.url.startswith(servers["api"]) else None)
            page.on("console", lambda m, b=blocked: b.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(servers["api"] + path)
            page.get_by_role("heading", name=re.compile("IKZ-Assistent API")).first.wait_for(timeout=30_000)
            page.get_by_text("Frage stellen (JSON oder SSE)").locator("visible=true").first.wait_for(timeout=30_000)
            assert [url for url in foreign if not url.startswith(("data:", "blob:"))] in ([], [REDOC_LOGO])
            assert [m for m in blocked if REDOC_LOGO not in m] == []


REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"  # ReDoc's own footer logo; the CSP blocks it, nothing loads


# --- widget ------------------------------------------------------------------------------------------------------
def widget_ask(page, question: str) -> None:
    launcher = page.get_by_role("button", name="Fragen zur IKZ")
    if launcher.get_attribute("aria-expanded") != "true":
        launcher.click()
    page.get_by_label("Ihre Frage").fill(question)
    page.keyboard.press("Enter")


def widget_answers(page):
    return page.locator("[data-ikz-widget] .msg.bot")


def widget_answered(page, question: str):
    """Ask in the widget and wait until the answer is complete (its actions appear); returns the answer."""
    index = widget_answers(page).count()
    widget_ask(page, question)
    answer = widget_answers(page).nth(index)
    answer.locator(".actions").wait_for(timeout=30_000)
    return answer


def open_portal(chromium, url: str, width: int = 1280, height: int = 900):
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    return page


def test_widget_on_an_allowed_portal_answers_with_its_own_sources_and_copies_them(servers, assistant):
    with browser() as chromium:
        page = open_portal(chromium, servers["portal"] + "/index.html")
        first = widget_answered(page, QUESTION)
        assert "Verbandsversammlung" in first.locator(".bubble").inner_text()
        sources = first.get_by_role("list", name="Quellen")
        assert sources.locator("summary").first.inner_text().startswith("[1] Zweckverband – Organe")
        link = sources.get_by_role("link").first
        assert link.get_attribute("href").startswith("https://example.org/")
        assert link.get_attribute("rel") == "noopener noreferrer"
        status = page.locator("[data-ikz-widget] [role=status][aria-live=polite]")
        status.get_by_text("Antwort:", exact=False).wait_for()
        assert "Verbandsversammlung" in status.inner_text(), "the live region announces the new answer"

        first.get_by_role("button", name="Mit Quellen kopieren").click()
        first.get_by_text("in die Zwischenablage kopiert").wait_for()
        expected = copy_text(assistant.ask(QUESTION, filters=Filters(bundesland="Hessen")))
        assert page.evaluate("navigator.clipboard.readText()") == expected, "the same text as the chat UI"

        second = widget_answered(page, SECOND)
        page.wait_for_function(
            "() => document.querySelector('[data-ikz-widget]').shadowRoot"
            ".querySelector('[role=status][aria-live=polite]').textContent.includes('Hessen')"
        )
        first.locator("a.cite").first.click()
        assert first.locator("details").first.get_attribute("open") is not None, "an old citation opens its own source"
        assert second.locator("details").first.get_attribute("open") is None
        assert not INTERNAL_PATHS.search(page.locator("[data-ikz-widget] .log").inner_text())


def test_widget_on_a_portal_not_on_the_allowlist_says_so_and_tells_the_admin(servers):
    with browser() as chromium:
        page = open_portal(chromium, servers["foreign"] + "/index.html")
        statuses, warnings, errors = [], [], []
        page.on("response", lambda r: statuses.append(r.status) if "/api/ask" in r.url else None)
        page.on("console", lambda m: (warnings if m.type == "warning" else errors).append(m.text))
        widget_ask(page, QUESTION)
        log = page.locator("[data-ikz-widget] .log")
        log.get_by_text("Dieses Portal ist für den IKZ-Assistenten nicht freigeschaltet.").wait_for(timeout=30_000)
        assert log.get_by_text("Verbandsversammlung").count() == 0
        assert 403 in statuses
        assert [w for w in warnings if "IKZ_ALLOWED_ORIGINS" in w] and len(warnings) == 1
        assert not [e for e in errors if "CORS" in e], "the browser lets the widget read the refusal"


def test_widget_works_with_the_keyboard_only(servers):
    with browser() as chromium:
        page = open_portal(chromium, servers["portal"] + "/index.html")

        def focused(expression: str):
            inner = "const a = document.activeElement.shadowRoot.activeElement;"
            return page.evaluate(f"(() => {{ {inner} {expression} }})()")

        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.hasAttribute('data-ikz-widget')"):
                break
        assert focused("return a.className") == "launcher"
        page.keyboard.press("Enter")
        assert focused("return a.id") == "ikz-input"
        page.keyboard.type(QUESTION)
        page.keyboard.press("Enter")
        widget_answers(page).nth(0).locator(".actions").wait_for(timeout=30_000)
        for _ in range(15):
            page.keyboard.press("Shift+Tab")
            if focused("return a.textContent") == "Mit Quellen kopieren":
                break
        assert focused("return a.textContent") == "Mit Quellen kopieren", "the copy action is keyboard-reachable"
        assert focused("return getComputedStyle(a).boxShadow") != "none", "visible focus ring"
        page.keyboard.press("Enter")
        page.locator("[data-ikz-widget]").get_by_text("in die Zwischenablage kopiert").wait_for()
        assert page.evaluate("navigator.clipboard.readText()").startswith("Für Hessen")
        page.keyboard.press("Escape")
        assert page.get_by_role("dialog").is_hidden()
        assert focused("return a.className") == "launcher"


def test_widget_shows_the_answer_sentence_by_sentence(slow_llm_servers):
    with browser() as chromium:
        page = open_portal(chromium, slow_llm_servers["portal"] + "/index.html")
        widget_ask(page, QUESTION)
        bubble = widget_answers(page).nth(0).locator(".bubble[aria-busy=true]")
        bubble.get_by_text("Verbandsvorsitzende", exact=False).wait_for(timeout=30_000)
        assert "Haushalt" not in bubble.inner_text()
        widget_answers(page).nth(0).locator(".actions").wait_for(timeout=30_000)
        assert "Haushalt" in widget_answers(page).nth(0).locator(".bubble").inner_text()


def sse(events: list[tuple[str, object]]) -> str:
    return "".join(f"event: {name}\r\ndata: {json.dumps(data, ensure_ascii=False)}\r\n\r\n" for name, data in events)


def test_widget_renders_lists_and_tables_and_never_markup_from_an_answer(servers):
    """A hostile or broken answer (e.g. from a compromised LLM server) must stay text."""
    answer_text = (
        "Zwei Formen: <img src=x onerror=alert(1)> [1]\n\n- Zweckverband [1]\n- [Link](javascript:alert(2)) [1]\n\n"
        "| Form | Organe |\n|---|---|\n| Zweckverband | <b>zwei</b> |\n\n[1]"
    )
    citation = {
        "n": 1, "chunk_id": "c", "title": "Zweckverband", "section": "Zweckverband > Organe",
        "source_url": "javascript:alert(3)", "source_domain": None, "stand": "2026-11", "source": "x.md",
        "snippet": "<script>alert(4)</script> Zweckverband",
    }  # fmt: skip
    done = {"question": "?", "answer": answer_text, "citations": [citation], "abstained": False, "sentences": []}
    body = sse([("answer", {"text": answer_text}), ("citations", [citation]), ("done", done)])
    with browser() as chromium:
        page = open_portal(chromium, servers["portal"] + "/index.html")
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.route(
            "**/api/ask",
            lambda route: route.fulfill(
                status=200,
                headers={"Content-Type": "text/event-stream", "Access-Control-Allow-Origin": servers["portal"]},
                body=body,
            ),
        )
        answer = widget_answered(page, QUESTION)
        bubble = answer.locator(".bubble")
        assert bubble.locator("ul > li").count() == 2 and bubble.locator("table tbody tr").count() == 1
        assert "<img src=x onerror=alert(1)>" in bubble.inner_text() and "<b>zwei</b>" in bubble.inner_text()
        answer.locator("summary").first.click()
        assert "<script>alert(4)</script>" in answer.locator("blockquote").inner_text()
        assert answer.locator("a[href^='javascript']").count() == 0
        page.wait_for_timeout(500)
        assert dialogs == []
        assert (
            page.evaluate(
                "document.querySelector('[data-ikz-widget]').shadowRoot.querySelectorAll('img, b, script').length"
            )
            == 0
        )


def test_lists_and_tables_in_answers_render_in_the_ui_and_the_widget_and_copy_alike(rich_servers):
    assistant = rich_servers["assistant"]
    with browser() as chromium:
        page = open_ui(chromium, rich_servers["api"])
        ui_ask(page, LIST_QUESTION)
        ui_ask(page, TABLE_QUESTION)
        listed, tabled = page.locator("article.ikz-turn .ikz-answer").nth(0), page.locator(".ikz-answer").nth(1)
        assert listed.locator("ul > li").count() == 4 and "Streusalzes" in listed.locator("ul").inner_text()
        assert tabled.locator("table thead th").count() == 3 and tabled.locator("table tbody tr").count() == 2

        portal = open_portal(chromium, rich_servers["portal"] + "/index.html")
        for question in (LIST_QUESTION, TABLE_QUESTION):
            answer = widget_answered(portal, question)
            answer.get_by_role("button", name="Mit Quellen kopieren").click()
            answer.get_by_text("in die Zwischenablage kopiert").wait_for()
            expected = copy_text(assistant.ask(question, filters=Filters(bundesland="Hessen")))
            assert portal.evaluate("navigator.clipboard.readText()") == expected, "widget and server format alike"
        bubbles = widget_answers(portal)
        assert bubbles.nth(0).locator(".bubble ul > li").count() == 4
        assert bubbles.nth(1).locator(".bubble table tbody tr").count() == 2


def test_html_in_questions_is_shown_as_text_and_never_executed(servers):
    payload = "<img src=x onerror=alert(1)> <script>alert(2)</script> Zweckverband"
    with browser() as chromium:
        page = open_portal(chromium, servers["portal"] + "/index.html")
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        widget_ask(page, payload)
        page.locator("[data-ikz-widget] .log").get_by_text("<img src=x onerror=alert(1)>", exact=False).first.wait_for(
            timeout=30_000
        )
        page.goto(servers["api"] + "/")
        page.get_by_label("Ihre Frage").wait_for(timeout=30_000)
        ui_ask(page, payload)
        assert "<img src=x onerror=alert(1)>" in page.locator("article.ikz-turn h2").inner_text()
        page.wait_for_timeout(500)
        assert dialogs == []
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0


@pytest.mark.parametrize(("where", "width"), [("portal", 1280), ("portal", 390), ("demo", 1280)])
def test_widget_with_an_answer_passes_axe(servers, where, width):
    with browser() as chromium:
        url = servers["portal"] + "/index.html" if where == "portal" else servers["api"] + "/widget-demo"
        page = open_portal(chromium, url, width, 844 if width < 500 else 900)
        widget_answered(page, QUESTION).locator("summary").first.click()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        panel = page.locator("[data-ikz-widget] .panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width
        assert axe_findings(page) == []


def test_widget_ratings_reach_the_usage_store(servers, settings):
    with browser() as chromium:
        page = open_portal(chromium, servers["portal"] + "/index.html")
        answer = widget_answered(page, QUESTION)
        answer.get_by_role("button", name="Nicht hilfreich").click()
        answer.get_by_label("Was hat gefehlt?").fill("Mehr zu Thüringen.")
        answer.get_by_role("button", name="Rückmeldung senden").click()
        answer.get_by_text("Danke für Ihre Rückmeldung").wait_for()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Als Vermerk herunterladen").click()
        paragraphs = [p.text for p in docx.Document(download_info.value.path()).paragraphs]
        assert QUESTION in paragraphs
    deadline = time.time() + 5
    while time.time() < deadline and len(FeedbackStore(settings.feedback_db).all()) < 2:
        time.sleep(0.1)
    rows = FeedbackStore(settings.feedback_db).all()
    assert [(r["rating"], r["comment"]) for r in rows] == [("down", None), ("down", "Mehr zu Thüringen.")]
    with sqlite3.connect(settings.feedback_db) as connection:
        asked = list(connection.execute("SELECT channel, session_id, message_id FROM asks"))
    assert asked == [("widget", rows[0]["session_id"], rows[0]["message_id"])]
