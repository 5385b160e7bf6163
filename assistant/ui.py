"""Gradio chat UI (German), mounted by the API app at /."""

from __future__ import annotations

import html
from collections.abc import Callable

import gradio as gr

from assistant.config import Settings
from assistant.engine import Assistant, InvalidQuestion
from assistant.models import Answer, Filters, HistoryTurn
from assistant.query import STATES

EXAMPLES = [
    "Welche Rechtsform passt für einen gemeinsamen Bauhof?",
    "Fällt bei einer Zweckvereinbarung Umsatzsteuer an?",
    "Was ist der Unterschied zwischen mandatierender und delegierender Zweckvereinbarung?",
    "Gibt es in Hessen Förderung für interkommunale Zusammenarbeit?",
]
ALL = "Alle Bundesländer"


def sources_html(answer: Answer) -> str:
    if not answer.citations:
        return ""
    items = []
    for c in answer.citations:
        page = f", S. {c.page}" if c.page else ""
        link = (
            f' – <a href="{html.escape(c.source_url)}" target="_blank" rel="noopener noreferrer">Quelle öffnen</a>'
            if c.source_url
            else ""
        )
        items.append(
            f'<li id="quelle-{c.n}"><details><summary>[{c.n}] {html.escape(c.section or c.title)}{page}</summary>'
            f"<p>{html.escape(c.snippet)}</p><p><small>{html.escape(c.source)}</small>{link}</p></details></li>"
        )
    return "<ol class='ikz-quellen' aria-label='Quellen'>" + "".join(items) + "</ol>"


def build_ui(get_assistant: Callable[[], Assistant], settings: Settings) -> gr.Blocks:
    def respond(message: str, chat: list[dict], state: str):
        chat = list(chat or [])
        history = [
            HistoryTurn(role=m["role"], content=html.unescape(str(m["content"])))
            for m in chat[-settings.history_turns :]
        ]
        filters = Filters(bundesland=None if state in (None, ALL) else state)
        try:
            answer = get_assistant().ask(message, history=history, filters=filters)
            text, sources = answer.answer, sources_html(answer)
            note = answer.notice or ""
        except InvalidQuestion as error:
            text, sources, note = str(error), "", ""
        # Shown as text: the chatbot renders Markdown/HTML, user input and corpus text must not become markup.
        chat += [{"role": "user", "content": html.escape(message)}, {"role": "assistant", "content": html.escape(text)}]
        return chat, "", sources, note

    with gr.Blocks(title="IKZ-Assistent") as blocks:
        gr.Markdown("# IKZ-Assistent\nFragen zur interkommunalen Zusammenarbeit – Antworten mit Quellen.")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Unterhaltung", height=420)
                question = gr.Textbox(label="Ihre Frage", placeholder="z. B. Welche Rechtsform passt für einen gemeinsamen Bauhof?")
                with gr.Row():
                    send = gr.Button("Fragen", variant="primary")
                    clear = gr.Button("Neue Unterhaltung")
                gr.Examples(EXAMPLES, inputs=question, label="Beispielfragen")
            with gr.Column(scale=2):
                state = gr.Dropdown([ALL, *STATES], value=ALL, label="Bundesland")
                note = gr.Markdown()
                sources = gr.HTML(label="Quellen")
        send.click(respond, [question, chatbot, state], [chatbot, question, sources, note])
        question.submit(respond, [question, chatbot, state], [chatbot, question, sources, note])
        clear.click(lambda: ([], "", "", ""), None, [chatbot, question, sources, note])
    return blocks
