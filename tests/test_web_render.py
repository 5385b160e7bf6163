"""The chat UI's answer HTML: safe Markdown subset, sources per answer, no internal paths."""

from __future__ import annotations

from assistant.models import Answer, AnswerSentence, Citation, Suggestion
from assistant.web.render import ChatTurn, conversation_html, highlighted, markdown_html, turn_html


def hostile_answer() -> Answer:
    return Answer(
        question="?",
        answer=(
            'Text <img src=x onerror="alert(1)"> [1] und [7]\n\n- Punkt <script>alert(2)</script> [1]\n\n'
            "| Spalte | Wert |\n|---|---|\n| a | <b>b</b> |"
        ),
        citations=[
            Citation(
                n=1,
                chunk_id="c",
                title='Titel "mit" <i>Markup</i>',
                section="Titel > Abschnitt",
                source_url="javascript:alert(3)",
                stand="2026-11",
                source="geheim/intern.md",
                snippet="<script>alert(4)</script>\nPunkt <script>alert(2)</script>",
            )
        ],
        sentences=[AnswerSentence(text="Punkt <script>alert(2)</script>", citations=[1], kind="item")],
        notice="Hinweis <u>x</u>",
    )


def test_markup_from_answers_and_documents_is_escaped_everywhere():
    html = turn_html(ChatTurn(message_id="m1", question="<b>Frage</b>", answer=hostile_answer()))
    for raw in ("<img", "<script", "<b>", "<i>", "<u>", "javascript:"):
        assert raw not in html, raw
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "intern.md" not in html and "geheim/" not in html


def test_lists_and_tables_render_and_only_listed_citations_become_links():
    html = markdown_html(hostile_answer().answer, "m3", known={1})
    assert html.count("<ul><li>") == 1 and "<table>" in html and '<th scope="col">Spalte</th>' in html
    assert 'href="#m3-q1"' in html and "[7]" in html and 'href="#m3-q7"' not in html


def test_sources_sit_under_their_answer_numbered_once_with_the_cited_sentence_marked():
    html = turn_html(ChatTurn(message_id="m2", question="Frage", answer=hostile_answer()))
    answer_end, sources_start = html.index("</div>", html.index('class="ikz-answer"')), html.index("ikz-sources")
    assert answer_end < sources_start
    assert '<li id="m2-q1"><details><summary><span class="ikz-n">[1]</span> Titel' in html
    assert "<mark>Punkt &lt;script&gt;alert(2)&lt;/script&gt;</mark>" in html
    assert "Stand: November 2026" in html


def test_highlight_matches_across_line_breaks():
    passage = "Erster Satz steht hier.\nDer zweite Satz\nläuft über zwei Zeilen."
    marked = highlighted(passage, ["Der zweite Satz läuft über zwei Zeilen."])
    assert marked.endswith("<mark>Der zweite Satz\nläuft über zwei Zeilen.</mark>")


def test_suggestion_answers_show_the_sections_that_might_help():
    answer = Answer(
        question="?",
        answer="Eine sichere Antwort finde ich dazu nicht. Diese Stellen könnten weiterhelfen:",
        abstained=True,
        confidence="medium",
        suggestions=[
            Suggestion(title="Förderung", section="Förderung > Hessen", snippet="Programm X.", source="f/h.md")
        ],
    )
    html = turn_html(ChatTurn(message_id="m1", question="Frage", answer=answer))
    assert "Mögliche Quellen" in html and "Förderung – Hessen" in html and "f/h.md" not in html


def test_the_file_note_button_appears_once_an_answer_is_there():
    pending = ChatTurn(message_id="m1", question="Frage", streamed="Erster Satz. [1]")
    assert "data-ikz-export" not in conversation_html([pending], "s")
    assert 'aria-busy="true"' in conversation_html([pending], "s")
    done = ChatTurn(message_id="m1", question="Frage", answer=hostile_answer())
    assert "Als Vermerk herunterladen" in conversation_html([done], "s")
