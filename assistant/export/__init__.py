"""Answers leave the assistant: plain text with sources („Mit Quellen kopieren“) and DOCX file notes („Vermerk“)."""

from assistant.export.conversation import Turn
from assistant.export.docx import conversation_docx, filename
from assistant.export.text import copy_text, source_label

__all__ = ["Turn", "conversation_docx", "copy_text", "filename", "source_label"]
