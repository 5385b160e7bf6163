"""Gradio chat UI (German), mounted by the API app at /.

The conversation is one HTML block built in assistant/web/render.py: each answer with its own sources, copy and
rating actions. Gradio supplies the page, the inputs and the streaming; the page script in ui_assets.py handles
citation links, copying, ratings and the file note download.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import gradio as gr
from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.routing import Mount

from assistant.config import Settings
from assistant.engine import Assistant, InvalidQuestion
from assistant.language.states import STATES
from assistant.models import Answer, Filters, HistoryTurn
from assistant.store.chroma import StoreUnavailable
from assistant.store.index import IndexMissing
from assistant.web.recorder import AskRecorder
from assistant.web.render import ChatTurn, announcement, conversation_html, e
from assistant.web.ui_assets import CSS, FORCE_GERMAN, HEAD

EXAMPLES = [
    "Welche Rechtsform passt für einen gemeinsamen Bauhof?",
    "Fällt bei einer Zweckvereinbarung Umsatzsteuer an?",
    "Was ist der Unterschied zwischen mandatierender und delegierender Zweckvereinbarung?",
    "Gibt es in Hessen Förderung für interkommunale Zusammenarbeit?",
]
ALL_STATES = "Alle Bundesländer"
TOPICS = {
    "Alle Themen": None,
    "Rechtsformen": "rechtsform",
    "Landesrecht": "land",
    "Steuer und Vergabe": "steuer-vergabe",
    "Förderung": "foerderung",
    "Handlungsfelder": "handlungsfeld",
    "Praxisbeispiele": "fallstudie",
    "Leitfaden 2019": "leitfaden",
    "Häufige Fragen": "faq",
}
UNAVAILABLE = "Der Suchindex ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut."
EMPTY = "Bitte geben Sie eine Frage ein."


def _live(text: str) -> str:
    """The live region that reads each finished answer to screen-reader users."""
    return f'<div class="ikz-sr" role="status" aria-live="polite">{e(text)}</div>'


def _history(turns: list[ChatTurn], limit: int) -> list[HistoryTurn]:
    history: list[HistoryTurn] = []
    for turn in turns:
        if turn.answer is not None:
            history += [
                HistoryTurn(role="user", content=turn.question),
                HistoryTurn(role="assistant", content=turn.answer.answer),
            ]
    return history[-limit:] if limit else []


def build_ui(get_assistant: Callable[[], Assistant], settings: Settings, recorder: AskRecorder) -> gr.Blocks:
    def respond(message: str, turns: list[ChatTurn], session: str, state: str, topic: str) -> Iterator[tuple]:
        turns = list(turns or [])
        if not (message or "").strip():
            yield gr.update(), gr.update(), _live(EMPTY), turns
            return
        history = _history(turns, settings.history_turns)
        filters = Filters(bundesland=None if state == ALL_STATES else state, type=TOPICS.get(topic))
        turn = ChatTurn(message_id=f"m{len(turns) + 1}", question=" ".join(message.split()))
        turns.append(turn)
        yield conversation_html(turns, session), "", _live(""), turns
        try:
            for event, payload in get_assistant().ask_stream(message, history=history, filters=filters):
                if event == "answer":
                    turn.streamed += str(payload)
                elif event == "reset":  # the engine fell back to another answer: discard what was shown
                    turn.streamed = ""
                elif event == "done":
                    answer: Answer = payload  # type: ignore[assignment]
                    turn.answer = answer
                    recorder.record("ui", answer.question, answer, session, turn.message_id)
                else:
                    continue
                yield conversation_html(turns, session), "", _live(announcement(turn)), turns
        except InvalidQuestion as error:
            turn.error = str(error)
        except (StoreUnavailable, IndexMissing):
            turn.error = UNAVAILABLE
        if turn.error:
            yield conversation_html(turns, session), "", _live(turn.error), turns

    def restart(session: str) -> tuple:
        recorder.sessions.clear(session)
        fresh = uuid.uuid4().hex
        return conversation_html([], fresh), "", _live("Neue Unterhaltung begonnen."), [], fresh

    with gr.Blocks(title="IKZ-Assistent", fill_width=False) as blocks:
        session = gr.State(lambda: uuid.uuid4().hex)
        turns = gr.State([])
        gr.HTML(
            '<header class="ikz-header"><h1>IKZ-Assistent</h1><p>Fragen zur interkommunalen Zusammenarbeit – jede '
            "Aussage mit Quelle. Orientierungshilfe, keine Rechtsberatung.</p></header>",
            js_on_load=None,
        )
        with gr.Row(elem_classes="ikz-filters"):
            state = gr.Dropdown([ALL_STATES, *STATES], value=ALL_STATES, label="Bundesland", min_width=200)
            topic = gr.Dropdown(list(TOPICS), value="Alle Themen", label="Thema", min_width=200)
        conversation = gr.HTML(conversation_html([], ""), js_on_load=None, elem_id="ikz-chat")
        live = gr.HTML(_live(""), js_on_load=None, elem_id="ikz-live")
        question = gr.Textbox(
            label="Ihre Frage",
            placeholder="z. B. Welche Rechtsform passt für einen gemeinsamen Bauhof?",
            max_lines=4,
            elem_id="ikz-question",
        )
        with gr.Row(elem_classes="ikz-buttons"):
            send = gr.Button("Fragen", variant="primary", elem_id="ikz-send")
            clear = gr.Button("Neue Unterhaltung", variant="secondary")
        gr.Examples(EXAMPLES, inputs=question, label="Beispielfragen")
        inputs = [question, turns, session, state, topic]
        outputs = [conversation, question, live, turns]
        send.click(respond, inputs, outputs, concurrency_limit=16, show_progress="hidden")
        question.submit(respond, inputs, outputs, concurrency_limit=16, show_progress="hidden")
        clear.click(restart, [session], [conversation, question, live, turns, session], show_progress="hidden")
        blocks.load(lambda s: conversation_html([], s), [session], [conversation], show_progress="hidden")
    return blocks


def mount_ui(app: FastAPI, get_assistant: Callable[[], Assistant], settings: Settings, recorder: AskRecorder) -> None:
    blocks = build_ui(get_assistant, settings, recorder)
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        head=HEAD,
        css=CSS,
        # System fonts: the default theme would load its font from Google (offline servers, and no visitor data
        # leaves for a third party).
        theme=gr.themes.Default(
            primary_hue="blue",
            font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
            font_mono=["ui-monospace", "Consolas", "monospace"],
        ),
        show_error=False,
        footer_links=[],  # no "Use via API", "Built with Gradio", settings: English and not for officials
        run_history=False,  # would keep the questions in the browser's storage
        pwa=False,
    )
    for route in app.routes:
        if isinstance(route, Mount) and route.path == "":
            route.app = GermanPage(route.app)


class GermanPage:
    """Serves Gradio's page as German: lang="de", and Gradio's own labels from its German translation.

    Gradio picks its language from the browser; the page is German whatever the browser's language is.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope.get("path", "/") not in ("/", ""):
            await self.app(scope, receive, send)
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(raw=list(start["headers"]))
            if headers.get("content-type", "").startswith("text/html"):
                body = germanise(body)
                headers["content-length"] = str(len(body))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


def germanise(page: bytes) -> bytes:
    text = page.decode("utf-8")
    text = text.replace('lang="en"', 'lang="de"', 1)
    text = text.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />' + FORCE_GERMAN, 1)
    return text.encode("utf-8")
