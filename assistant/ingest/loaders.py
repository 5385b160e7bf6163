"""One loader per file format. Each turns a file into a title, metadata and heading-aware sections."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from bs4 import BeautifulSoup
from langchain_text_splitters import MarkdownHeaderTextSplitter

METADATA_FIELDS = ("type", "bundesland", "handlungsfeld", "rechtsform", "stand")


class LoadError(Exception):
    """A file cannot be used; the message is German and says why."""


@dataclass
class Section:
    path: list[str]  # heading path without the document title
    text: str
    page: int | None = None
    source_urls: list[str] = field(default_factory=list)  # the section's own sources, best first


@dataclass
class ParsedDocument:
    title: str
    metadata: dict[str, str]
    sections: list[Section] = field(default_factory=list)


def load_file(path: Path) -> ParsedDocument:
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(f"Dateityp „{path.suffix}“ wird nicht unterstützt")
    document = loader(path)
    if not any(section.text.strip() for section in document.sections):
        raise LoadError("Datei enthält keinen lesbaren Text")
    return document


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise LoadError("Datei enthält Binärdaten statt Text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(
            f"Datei ist nicht UTF-8-kodiert (ungültiges Byte an Position {error.start}); bitte als UTF-8 speichern"
        ) from error


_EMPHASIS = re.compile(r"(\*\*|__|`)")
_SECTION_SOURCES = re.compile(r"<!--\s*quellen:\s*(.*?)\s*-->", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]


def load_markdown(path: Path) -> ParsedDocument:
    text = _read_text(path)
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        raise LoadError(f"YAML-Kopf (Front Matter) ist fehlerhaft: {str(error).splitlines()[0]}") from error
    splitter = MarkdownHeaderTextSplitter(headers_to_split_on=_HEADERS, strip_headers=True)
    sections = []
    first_heading = None
    inherited: dict[str, list[str]] = {}  # a ### section without its own sources uses those of its ## section
    for part in splitter.split_text(post.content):
        headings = [part.metadata[key] for _, key in _HEADERS if key in part.metadata]
        if first_heading is None and "h1" in part.metadata:
            first_heading = part.metadata["h1"]
        if headings and "h1" in part.metadata:
            headings = headings[1:]  # the H1 is the document title
        named = _SECTION_SOURCES.search(part.page_content)
        h2 = part.metadata.get("h2", "")
        if named:
            sources = named.group(1).split()
            inherited.setdefault(h2, sources)
        else:
            sources = inherited.get(h2, [])
        text = _COMMENT.sub("", part.page_content)
        sections.append(Section(headings, _EMPHASIS.sub("", text), source_urls=sources))
    title = str(post.metadata.get("title") or first_heading or _title_from_name(path))
    return ParsedDocument(title, _front_matter_metadata(post.metadata), sections)


def _front_matter_metadata(meta: dict) -> dict[str, str]:
    urls = meta.get("source_urls") or []
    if isinstance(urls, str):
        urls = [urls]
    result = {key: str(meta[key]) for key in METADATA_FIELDS if meta.get(key) is not None}
    if urls:
        result["source_url"] = str(urls[0])
        result["source_urls"] = " ".join(str(url) for url in urls)
    return result


def load_text(path: Path) -> ParsedDocument:
    text = _read_text(path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines and len(lines[0]) <= 120 else _title_from_name(path)
    return ParsedDocument(title, {}, [Section([], text)])


def load_pdf(path: Path) -> ParsedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("PDF ist passwortgeschützt")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata or {}).get("/Title")
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, zipfile.BadZipFile) as error:
        raise LoadError(f"PDF ist beschädigt oder nicht lesbar ({type(error).__name__})") from error
    except Exception as error:  # pypdf raises many internal types on broken files
        raise LoadError(f"PDF ist beschädigt oder nicht lesbar ({type(error).__name__})") from error
    sections = [Section([f"Seite {number}"], text, page=number) for number, text in enumerate(pages, 1)]
    title = str(info_title) if info_title else _title_from_name(path)
    return ParsedDocument(title, {}, sections)


def load_docx(path: Path) -> ParsedDocument:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx surfaces zip, xml and key errors for broken files
        raise LoadError(f"DOCX-Datei ist beschädigt oder nicht lesbar ({type(error).__name__})") from error
    title = document.core_properties.title or ""
    sections: list[Section] = [Section([], "")]
    headings: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
        level = _heading_level(style)
        if text and level is not None:
            if level == 0 or (level == 1 and not title):
                title = title or text
                continue
            headings = headings[: level - 2] + [text]
            sections.append(Section(list(headings), ""))
        elif text:
            sections[-1].text += text + "\n\n"
    return ParsedDocument(title or _title_from_name(path), {}, [s for s in sections if s.text.strip()])


def _heading_level(style: str) -> int | None:
    if style == "Title":
        return 0
    match = re.match(r"(Heading|Überschrift)\s*(\d)", style)
    return int(match.group(2)) if match else None


_BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "td", "th", "pre", "blockquote"]


def load_html(path: Path) -> ParsedDocument:
    soup = BeautifulSoup(_read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    sections: list[Section] = [Section([], "")]
    headings: list[str] = []
    for element in soup.find_all(_BLOCKS):
        if element.find_parent(_BLOCKS[4:]) is not None:
            continue  # nested block: its text is part of the parent block
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        if element.name in ("h1", "h2", "h3", "h4"):
            level = int(element.name[1])
            if level == 1:
                title = title or text
                continue
            headings = headings[: level - 2] + [text]
            sections.append(Section(list(headings), ""))
        else:
            sections[-1].text += text + "\n\n"
    return ParsedDocument(title or _title_from_name(path), {}, [s for s in sections if s.text.strip()])


def _title_from_name(path: Path) -> str:
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


_LOADERS: dict[str, Callable[[Path], ParsedDocument]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}
