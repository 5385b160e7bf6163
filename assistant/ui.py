"""Gradio chat UI (German), mounted by the API app at /."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable, Iterator

import gradio as gr

from assistant.config import Settings
from assistant.engine import Assistant, InvalidQuestion
from assistant.feedback import FeedbackStore
from assistant.language.states import STATES
from assistant.models import Answer, Filters, HistoryTurn
from assistant.store.chroma import StoreUnavailable

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
# Clicking a citation [n] in an answer opens passage n in the side panel.
HEAD = """
<script>
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[href^='#quelle-']");
  if (!link) return;
  event.preventDefault();
  var target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) return;
  document.querySelectorAll(".ikz-quellen details").forEach(function (d) { d.open = false; });
  var details = target.querySelector("details");
  if (details) { details.open = true; details.querySelector("summary").focus(); }
  target.scrollIntoView({behavior: "smooth", block: "center"});
});
</script>
"""
CSS = """
.ikz-quellen mark { background: #fff3b0; color: inherit; }
.ikz-quellen li { margin-bottom: .5rem; }
@media (max-width: 640px) { .ikz-side { min-width: 100% !important; } }
"""


def _linked(text: str) -> str:
    """Escape answer text for the chatbot and turn [n] into links to the source panel."""
    return re.sub(r"\[(\d+)\]", r'<a href="#quelle-\1">[\1]</a>', html.escape(text))


def sources_html(answer: Answer) -> str:
    if not answer.citations:
        return ""
    cited: dict[int, list[str]] = {}
    for sentence in answer.sentences:
        if sentence.verified:
            for n in sentence.citations:
                cited.setdefault(n, []).append(sentence.text)
    items = []
    for c in answer.citations:
        snippet = html.escape(c.snippet)
        for sentence in cited.get(c.n, []):
            escaped = html.escape(sentence)
            snippet = snippet.replace(escaped, f"<mark>{escaped}</mark>", 1)
        page = f", S. {c.page}" if c.page else ""
        link = (
            f' · <a href="{html.escape(c.source_url)}" target="_blank" rel="noopener noreferrer">Originalquelle</a>'
            if c.source_url
            else ""
        )
        items.append(
            f'<li id="quelle-{c.n}"><details><summary>[{c.n}] {html.escape(c.title)}</summary>'
            f"<p><small>{html.escape(c.section)}{page}</small></p><p>{snippet}</p>"
            f"<p><small>{html.escape(c.source)}</small>{link}</p></details></li>"
        )
    return "<h3>Quellen</h3><ol class='ikz-quellen' aria-label='Quellen'>" + "".join(items) + "</ol>"


def build_ui(get_assistant: Callable[[], Assistant], settings: Settings) -> gr.Blocks:
    feedback = FeedbackStore(settings.feedback_db)

    def respond(message: str, chat: list[dict], state: str, topic: str, session: str) -> Iterator[tuple]:
        chat = list(chat or [])
        history = [
            HistoryTurn(role=m["role"], content=html.unescape(re.sub(r"<[^>]+>", "", str(m["content"]))))
            for m in chat[-settings.history_turns :]
        ]
        filters = Filters(bundesland=None if state == ALL_STATES else state, type=TOPICS.get(topic))
        # Shown as text: the chatbot renders Markdown/HTML, user input must not become markup.
        chat.append({"role": "user", "content": html.escape(message)})
        chat.append({"role": "assistant", "content": "…"})
        yield chat, "", gr.update(), gr.update()
        try:
            text = ""
            for event, payload in get_assistant().ask_stream(message, history=history, filters=filters):
                if event == "answer":
                    text += str(payload)
                    chat[-1] = {"role": "assistant", "content": _linked(text)}
                    yield chat, "", gr.update(), gr.update()
                elif event == "done":
                    answer: Answer = payload  # type: ignore[assignment]
                    chat[-1] = {"role": "assistant", "content": _linked(answer.answer)}
                    yield chat, "", sources_html(answer), answer.notice or ""
        except InvalidQuestion as error:
            chat[-1] = {"role": "assistant", "content": html.escape(str(error))}
            yield chat, "", "", ""
        except StoreUnavailable:
            chat[-1] = {
                "role": "assistant",
                "content": "Der Suchindex ist gerade nicht erreichbar. Bitte später erneut versuchen.",
            }
            yield chat, "", "", ""

    def rate(data: gr.LikeData, session: str) -> None:
        feedback.add(session, f"antwort-{data.index}", "up" if data.liked else "down", None)

    with gr.Blocks(title="IKZ-Assistent", fill_width=True) as blocks:
        session = gr.State(lambda: uuid.uuid4().hex)
        gr.Markdown("# IKZ-Assistent\nFragen zur interkommunalen Zusammenarbeit – jede Aussage mit Quelle.")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(label="Unterhaltung", height=460, feedback_options=("Like", "Dislike"))
                question = gr.Textbox(
                    label="Ihre Frage",
                    placeholder="z. B. Welche Rechtsform passt für einen gemeinsamen Bauhof?",
                    max_lines=4,
                )
                with gr.Row():
                    send = gr.Button("Fragen", variant="primary")
                    clear = gr.Button("Neue Unterhaltung")
                gr.Examples(EXAMPLES, inputs=question, label="Beispielfragen")
            with gr.Column(scale=2, min_width=280, elem_classes="ikz-side"):
                with gr.Row():
                    state = gr.Dropdown([ALL_STATES, *STATES], value=ALL_STATES, label="Bundesland")
                    topic = gr.Dropdown(list(TOPICS), value="Alle Themen", label="Thema")
                note = gr.Markdown()
                sources = gr.HTML()
        inputs = [question, chatbot, state, topic, session]
        outputs = [chatbot, question, sources, note]
        send.click(respond, inputs, outputs)
        question.submit(respond, inputs, outputs)
        chatbot.like(rate, [session], None)
        clear.click(lambda: ([], "", "", ""), None, outputs)
    return blocks
