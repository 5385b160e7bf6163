"""„Als Vermerk herunterladen“: a conversation as a DOCX file note (python-docx)."""

from __future__ import annotations

import io
import re
from datetime import datetime

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from assistant.export.blocks import parse_blocks
from assistant.export.conversation import Turn
from assistant.export.text import MONTHS, SOURCES_HEADING, SUGGESTIONS_HEADING, source_label, stand_label
from assistant.models import Answer, Citation, Suggestion

TITLE = "Vermerk: Auskunft des IKZ-Assistenten"
NOTICE = (
    "Orientierungshilfe, keine Rechtsberatung. Die Antworten geben Aussagen der genannten Quellen wieder; "
    "maßgeblich sind die Quellen selbst und das geltende Landesrecht. In Zweifelsfällen hilft die Kommunalaufsicht."
)
ENGINES = {
    "extractive": "extraktiv, ohne Sprachmodell (die Sätze stehen wörtlich in den Quellen)",
    "llm": "Sprachmodell, jeder Satz gegen seine Quelle geprüft",
}
# XML 1.0 forbids most control characters; text from a client-supplied conversation may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def german_date(moment: datetime) -> str:
    return f"{moment.day}. {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M} Uhr"


def filename(moment: datetime) -> str:
    return f"IKZ-Vermerk-{moment:%Y-%m-%d}.docx"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def conversation_docx(turns: list[Turn], created: datetime | None = None) -> bytes:
    created = created or datetime.now().astimezone()
    document = docx.Document()
    _set_german(document)
    document.core_properties.title = TITLE
    document.core_properties.author = "IKZ-Assistent"
    document.core_properties.language = "de-DE"
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"Erstellt am {german_date(created)}")
    notice = document.add_paragraph()
    notice.add_run("Hinweis: ").bold = True
    notice.add_run(NOTICE)
    for number, turn in enumerate(turns, 1):
        _add_turn(document, number, turn)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_turn(document, number: int, turn: Turn) -> None:
    answer = turn.answer
    document.add_heading(f"Frage {number}", level=1)
    question = document.add_paragraph()
    question.add_run(_clean(turn.question)).bold = True
    document.add_heading("Antwort", level=2)
    _add_answer_text(document, answer)
    if answer.citations:
        _add_sources(document, SOURCES_HEADING, [(c.n, c) for c in answer.citations])
    elif answer.suggestions:
        _add_sources(document, SUGGESTIONS_HEADING, list(enumerate(answer.suggestions, 1)))
    meta = document.add_paragraph()
    meta.add_run(f"Antwortverfahren: {ENGINES.get(answer.engine, answer.engine)}.").italic = True
    if answer.notice:
        meta.add_run(f" {_clean(answer.notice)}").italic = True


def _add_answer_text(document, answer: Answer) -> None:
    for block in parse_blocks(_clean(answer.answer)):
        if block.kind == "paragraph":
            document.add_paragraph(" ".join(block.lines))
        elif block.kind == "list":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        else:
            rows = block.rows
            width = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True


def _add_sources(document, heading: str, items: list[tuple[int, Citation | Suggestion]]) -> None:
    document.add_heading(heading.rstrip(":"), level=3)
    for number, item in items:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"[{number}] ").bold = True
        paragraph.add_run(_clean(source_label(item)) + ".")
        if item.stand:
            paragraph.add_run(f" Stand: {_clean(stand_label(item.stand))}.")
        if item.source_url and re.match(r"https?://", item.source_url):
            paragraph.add_run(" ")
            _add_hyperlink(paragraph, _clean(item.source_url))


def _add_hyperlink(paragraph, url: str) -> None:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0B4F8A")
    properties.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _set_german(document) -> None:
    """Word's spelling check and hyphenation follow the language of the Normal style."""
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.font.color.rgb = RGBColor(0x1B, 0x1B, 0x1B)
    properties = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "de-DE")
    properties.append(language)
