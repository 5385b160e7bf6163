"""„Mit Quellen kopieren“ and „Als Vermerk herunterladen“: text and DOCX from real answers of the fixture corpus."""

from __future__ import annotations

import io
import re

import docx
import pytest
from fastapi.testclient import TestClient

from assistant.export import Turn, conversation_docx, copy_text
from assistant.export.blocks import parse_blocks
from assistant.export.text import plain_answer, section_label, stand_label
from assistant.models import Answer, AnswerSentence, Citation, Suggestion
from assistant.web.api import DOCX_TYPE, create_app
from tests.test_cli import run_ikz

QUESTIONS = [
    "Welche Organe hat ein Zweckverband?",
    "Welches Gesetz gilt in Hessen für die Zusammenarbeit der Kommunen?",
    "Wie werden die Kosten des gemeinsamen Bauhofs verteilt?",
    "Wie wird das Wetter übermorgen in Lissabon?",
]


def crafted_answer() -> Answer:
    """An answer with every block kind the composer may produce, and citations with and without section paths."""
    return Answer(
        question="Welche Formen gibt es?",
        answer=(
            "Es gibt zwei Formen: [1]\n\n- Zweckverband mit eigener Satzung [1]\n- Zweckvereinbarung [2]\n\n"
            "| Form | Rechtsfähig |\n|---|---|\n| Zweckverband | ja |\n| Zweckvereinbarung | nein |\n\n[1][2]"
        ),
        citations=[
            Citation(
                n=1,
                chunk_id="a",
                title="Zweckverband",
                section="Zweckverband > Gründung > Satzung",
                source_url="https://example.org/zv",
                source_domain="example.org",
                stand="2026-11",
                source="rechtsformen/zweckverband.md",
                snippet="Der Zweckverband hat eine eigene Satzung.",
            ),
            Citation(n=2, chunk_id="b", title="Vergleich", page=3, source="vergleich.pdf", snippet="Tabelle."),
        ],
        sentences=[AnswerSentence(text="Zweckverband mit eigener Satzung", citations=[1], kind="item")],
    )


def test_copy_text_has_the_answer_with_footnotes_then_a_numbered_source_list():
    text = copy_text(crafted_answer())
    assert text == (
        "Es gibt zwei Formen: [1]\n\n- Zweckverband mit eigener Satzung [1]\n- Zweckvereinbarung [2]\n\n"
        "Form | Rechtsfähig\nZweckverband | ja\nZweckvereinbarung | nein\n\n[1][2]\n\n"
        "Quellen:\n"
        "[1] Zweckverband – Gründung › Satzung. Stand: November 2026. https://example.org/zv\n"
        "[2] Vergleich, S. 3."
    )
    assert "rechtsformen/" not in text and ".pdf" not in text, "internal corpus paths stay internal"


def test_suggestion_answers_list_the_sections_that_might_help():
    answer = Answer(
        question="?",
        answer="Eine sichere Antwort finde ich dazu nicht. Diese Stellen könnten weiterhelfen:",
        abstained=True,
        confidence="medium",
        suggestions=[Suggestion(title="Förderung Hessen", section="Förderung Hessen > Programme", snippet="…")],
    )
    assert copy_text(answer).endswith("Mögliche Quellen:\n[1] Förderung Hessen – Programme.")


def test_answer_markdown_is_read_as_paragraphs_lists_and_tables_only():
    blocks = parse_blocks(crafted_answer().answer)
    assert [b.kind for b in blocks] == ["paragraph", "list", "table", "paragraph"]
    assert blocks[2].rows == [["Form", "Rechtsfähig"], ["Zweckverband", "ja"], ["Zweckvereinbarung", "nein"]]
    assert plain_answer("<b>fett</b> [1]") == "<b>fett</b> [1]", "markup in answers is text, not formatting"


@pytest.mark.parametrize(
    ("stand", "label"), [("2026-11", "November 2026"), ("2026-03-05", "5. März 2026"), ("Herbst 2025", "Herbst 2025")]
)
def test_stand_reads_as_a_german_date(stand, label):
    assert stand_label(stand) == label


def test_section_label_drops_the_repeated_title():
    assert section_label("Zweckverband", "Zweckverband > Organe") == "Organe"
    assert section_label("Glossar", "Abkürzungen") == "Abkürzungen"


def docx_text(data: bytes) -> tuple[docx.document.Document, list[str]]:
    document = docx.Document(io.BytesIO(data))
    return document, [paragraph.text for paragraph in document.paragraphs]


def turns_of(document: docx.document.Document) -> list[list[str]]:
    """Paragraph texts grouped by question (each starts at a "Frage n" heading)."""
    groups: list[list[str]] = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1" and paragraph.text.startswith("Frage "):
            groups.append([])
        elif groups:
            groups[-1].append(paragraph.text)
    return groups


def test_file_note_holds_every_question_and_every_citation_resolves_to_a_listed_source(assistant):
    turns = [Turn(question=q, answer=assistant.ask(q)) for q in QUESTIONS]
    assert any(t.answer.citations for t in turns) and any(t.answer.abstained for t in turns)
    document, paragraphs = docx_text(conversation_docx(turns))
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "Vermerk: Auskunft des IKZ-Assistenten"
    assert re.match(r"Erstellt am \d{1,2}\. \w+ \d{4}, \d\d:\d\d Uhr", paragraphs[1])
    assert "Orientierungshilfe, keine Rechtsberatung" in text
    for question in QUESTIONS:
        assert question in paragraphs, "every question, umlauts intact"
    for turn, group in zip(turns, turns_of(document), strict=True):
        split = group.index("Quellen") if "Quellen" in group else len(group)
        cited = {int(n) for line in group[:split] for n in re.findall(r"\[(\d+)\]", line)}
        listed = {int(m.group(1)) for line in group[split:] if (m := re.match(r"\[(\d+)\] ", line))}
        assert cited <= listed, f"citations {cited - listed} have no listed source"
        assert bool(cited) == bool(turn.answer.citations)
        assert any(line.startswith("Antwortverfahren: extraktiv") for line in group)
        for citation in turn.answer.citations:
            assert citation.source not in "\n".join(group), "no internal corpus paths in the file note"
    assert "ü" in text and "ß" in text


def test_file_note_survives_control_characters_from_a_client_supplied_conversation():
    answer = crafted_answer()
    answer.answer = "Text mit \x07Steuerzeichen \x1b[31m und Umlauten äöüß [1]"
    _, paragraphs = docx_text(conversation_docx([Turn(question="Frage\x00 mit Nullbyte?", answer=answer)]))
    assert "Frage mit Nullbyte?" in paragraphs
    assert any("Steuerzeichen [31m und Umlauten äöüß [1]" in p for p in paragraphs)


@pytest.fixture
def client(assistant, settings):
    return TestClient(create_app(settings, assistant, with_ui=False))


def test_export_api_turns_a_posted_conversation_into_a_docx(client):
    first = client.post("/api/ask", json={"question": QUESTIONS[0]}).json()
    response = client.post("/api/export", json={"conversation": [{"question": QUESTIONS[0], "answer": first}]})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    disposition = response.headers["content-disposition"]
    assert re.match(r'attachment; filename="IKZ-Vermerk-\d{4}-\d\d-\d\d\.docx"', disposition)
    _, paragraphs = docx_text(response.content)
    assert QUESTIONS[0] in paragraphs


def test_export_api_finds_the_conversation_of_a_session_in_memory(client, settings):
    for question in QUESTIONS[:2]:
        client.post("/api/ask", json={"question": question, "session_id": "sitzung-1"})
    response = client.post("/api/export", json={"session_id": "sitzung-1"})
    _, paragraphs = docx_text(response.content)
    assert QUESTIONS[0] in paragraphs and QUESTIONS[1] in paragraphs
    text = client.post("/api/export", json={"session_id": "sitzung-1", "format": "text"}).text
    assert text.startswith(f"Frage: {QUESTIONS[0]}\n\n") and "\nQuellen:\n[1] " in text
    unknown = client.post("/api/export", json={"session_id": "gibt-es-nicht"})
    assert unknown.status_code == 404 and "Gespräch" in unknown.json()["detail"]
    assert client.post("/api/export", json={}).status_code == 422
    stored = settings.feedback_db.read_bytes() + settings.feedback_db.with_name("feedback.sqlite3-wal").read_bytes()
    assert QUESTIONS[1].encode() not in stored, "the session's conversation is held in memory only"


def test_cli_ask_writes_the_file_note(assistant, settings, tmp_path):
    target = tmp_path / "vermerk.docx"
    result = run_ikz(settings, "ask", QUESTIONS[1], "--docx", str(target))
    assert result.returncode == 0, result.stderr
    assert "Vermerk gespeichert" in result.stderr and "[1]" in result.stdout
    _, paragraphs = docx_text(target.read_bytes())
    assert QUESTIONS[1] in paragraphs and any(p.startswith("[1] ") for p in paragraphs)
