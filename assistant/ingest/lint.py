"""Corpus lint: what a Markdown document in ``corpus/`` must satisfy before officials read it in answers.

Errors (the document is not fit to ship):
- incomplete front matter;
- sentences about the research instead of the subject ("in dieser Wissensbasis", "nicht belegt", …);
- a blocked source (pirated or mirrored copies of books and documents, spam mirrors, geocaching);
- a ``##`` section without its own sources, or a section source that is not one of the document's ``source_urls``.

Warnings (an editor should look):
- a sentence that states as current something whose end date has passed ("läuft bis 2025");
- a legal document whose ``stand`` is older than twelve months.

Section sources are an HTML comment directly under the heading: ``<!-- quellen: https://a.de/x https://b.de/y -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import yaml

from assistant.ingest.chunking import split_sentences
from assistant.language.states import STATES

SECTION_SOURCES = re.compile(r"<!--\s*quellen:\s*(.*?)\s*-->", re.I | re.S)

TYPES = frozenset(
    {"leitfaden", "rechtsform", "land", "steuer-vergabe", "handlungsfeld", "fallstudie", "foerderung", "faq"}
    | {"glossar", "artikel", "dokument"}
)
FIELDS = frozenset(
    {"wasser-abwasser", "abfall", "bauhof", "standesamt", "it-digitalisierung", "personal-kasse-vollstreckung"}
    | {"ordnung-kfz", "feuerwehr", "gewerbegebiete-planung", "schulen", "baeder", "gesundheit-pflege"}
    | {"klimaschutz-energie", "tourismus-regionalentwicklung", "wohnen-leerstand", "nahmobilitaet-nahversorgung"}
    | {"verwaltung", "alle"}
)
FORMS = frozenset(
    {"arbeitsgemeinschaft", "zweckvereinbarung", "zweckverband", "kommunalunternehmen", "verwaltungsgemeinschaft"}
    | {"gemeindeverwaltungsverband", "amt", "verbandsgemeinde", "samtgemeinde", "mitverwaltung", "privatrechtlich"}
    | {"alle"}
)
LEGAL_TYPES = frozenset({"land", "rechtsform", "steuer-vergabe"})

# Sentences about the research itself mean nothing to an official (../shared/research/korrekturen-2026-12.md).
RESEARCH_VOCABULARY = re.compile(
    r"wissensbasis|faktennotiz|rechercheunterlage|recherchenotiz|\bnicht (sicher |eindeutig |näher )?belegt"
    r"|\bnicht (näher )?dokumentiert|ausgewertete\w* (quellen|unterlagen|texte)|\bim index\b|\bkorpus\b"
    r"|verfügbaren? artikeltext|\bin den (vorliegenden )?quellen (nicht|kein)|lässt sich .{0,40}nicht überprüfen",
    re.I,
)

# Pirated or mirrored copies of books and documents, Wikipedia spam mirrors, geocaching: never a source.
BLOCKED_DOMAINS = frozenset(
    {"hotlib.net", "newlib.net", "knigalit.ru", "litres.pl", "litres.ru", "docslib.org", "expydoc.com"}
    | {"readkong.com", "yumpu.com", "docplayer.org", "docplayer.net", "vdokument.com", "pdfdokument.com"}
    | {"9dok.net", "studylibde.com", "scribd.com", "unterlagen.site", "hmongwiki.de", "wiki.li", "dewiki.de"}
    | {"wikide.org", "xcv.wiki", "buch-findr.de", "e-bookshelf.de", "geocaching.com"}
)
# Spam mirrors hide behind generated host names ("211980.o389qniy.asia"): digits inside a letter run, or hex ids.
_CRYPTIC_LABEL = re.compile(r"^(?=.*[a-z])[a-z]*\d{2,}[a-z]+\w*$|^[0-9a-f]{16,}$|^\d{5,}$")

_END_MARKERS = re.compile(
    r"\b(läuft|laufen|gilt|gelten|endet|enden|ist befristet|sind befristet|können bis|kann bis|frist|antragsfrist)\b",
    re.I,
)
_PAST_TENSE = re.compile(
    r"\b(lief|liefen|galt|galten|endete|endeten|war|waren|wurde|wurden|hatte|hatten|durfte|durften|konnte|konnten"
    r"|musste|mussten|verlängerte|verschob)\b",
    re.I,
)
# An end date: "bis 31.12.2025", "bis zum 30.06.2025", "bis Ende 2025", "bis 2025".
_END_DATE = re.compile(
    r"\bbis (?:zum |spätestens |einschließlich )?"
    r"(?:(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b|(?:Ende |Mitte )?((?:19|20)\d\d)\b)"
)


@dataclass
class Finding:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class LintReport:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    documents: int = 0
    sections: int = 0
    sections_with_sources: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        share = self.sections_with_sources / self.sections if self.sections else 1.0
        return (
            f"{self.documents} Dokumente, {self.sections} Abschnitte ({share:.0%} mit eigener Quelle): "
            f"{len(self.errors)} Fehler, {len(self.warnings)} Hinweise."
        )


def domain(url: str) -> str:
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def is_blocked(url: str) -> bool:
    host = domain(url)
    if not host:
        return True
    if any(host == blocked or host.endswith("." + blocked) for blocked in BLOCKED_DOMAINS):
        return True
    labels = host.split(".")
    return labels[-1] == "asia" or any(_CRYPTIC_LABEL.match(label) for label in labels[:-1])


def section_sources(text: str) -> list[str]:
    """URLs named in the section's ``<!-- quellen: … -->`` comment (empty list if there is none)."""
    match = SECTION_SOURCES.search(text)
    return match.group(1).split() if match else []


def _stand_date(stand: str) -> date | None:
    parts = [int(part) for part in re.findall(r"\d+", stand)]
    if not parts:
        return None
    year, month, day = (parts + [1, 1])[:3]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def lint_document(path: Path, corpus_dir: Path, today: date | None = None) -> LintReport:
    today = today or date.today()
    relpath = str(path.relative_to(corpus_dir))
    report = LintReport(documents=1)
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        report.errors.append(Finding(relpath, f"Datei nicht lesbar: {str(error).splitlines()[0]}"))
        return report
    meta = post.metadata
    _check_front_matter(relpath, meta, report, today)
    urls = [str(url) for url in meta.get("source_urls") or []]
    for url in urls:
        if is_blocked(url):
            report.errors.append(Finding(relpath, f"gesperrte Quelle in source_urls: {url}"))
    offset = len(path.read_text(encoding="utf-8").splitlines()) - len(post.content.splitlines())
    _check_sections(relpath, post.content, set(urls), offset, report)
    _check_text(relpath, post.content, offset, report, today)
    return report


def _check_front_matter(relpath: str, meta: dict, report: LintReport, today: date) -> None:
    def error(message: str) -> None:
        report.errors.append(Finding(relpath, message))

    if not str(meta.get("title", "")).strip():
        error("Kopf: title fehlt")
    urls = meta.get("source_urls")
    if not isinstance(urls, list) or not urls or not all(str(u).startswith("http") for u in urls):
        error("Kopf: source_urls muss eine Liste von http(s)-Adressen sein")
    if meta.get("type") not in TYPES:
        error(f"Kopf: type „{meta.get('type')}“ ist unbekannt")
    if meta.get("bundesland") not in {*STATES, "bund", "alle"}:
        error(f"Kopf: bundesland „{meta.get('bundesland')}“ ist unbekannt")
    if meta.get("handlungsfeld") not in FIELDS:
        error(f"Kopf: handlungsfeld „{meta.get('handlungsfeld')}“ ist unbekannt")
    if meta.get("rechtsform") not in FORMS:
        error(f"Kopf: rechtsform „{meta.get('rechtsform')}“ ist unbekannt")
    stand = str(meta.get("stand", ""))
    stand_date = _stand_date(stand) if re.match(r"^\d{4}(-\d{2})?(-\d{2})?$", stand) else None
    if stand_date is None:
        error("Kopf: stand fehlt oder hat nicht die Form JJJJ-MM")
    elif meta.get("type") in LEGAL_TYPES and (today - stand_date).days > 365:
        report.warnings.append(Finding(relpath, f"Rechtsdokument mit Stand {stand}: älter als zwölf Monate, prüfen"))


def _check_sections(relpath: str, content: str, urls: set[str], offset: int, report: LintReport) -> None:
    lines = content.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start + 1 : end])
        report.sections += 1
        named = section_sources(body)
        heading = lines[start][3:].strip()
        if not named:
            report.errors.append(
                Finding(relpath, f"Abschnitt „{heading}“ nennt keine eigene Quelle", offset + start + 1)
            )
            continue
        report.sections_with_sources += 1
        for url in named:
            if url not in urls:
                report.errors.append(
                    Finding(relpath, f"Abschnitt „{heading}“: Quelle {url} fehlt in source_urls", offset + start + 1)
                )
            if is_blocked(url):
                report.errors.append(Finding(relpath, f"Abschnitt „{heading}“: gesperrte Quelle {url}"))


def _check_text(relpath: str, content: str, offset: int, report: LintReport, today: date) -> None:
    for number, line in enumerate(content.splitlines(), start=offset + 1):
        text = SECTION_SOURCES.sub("", line).strip()
        if not text:
            continue
        for url in re.findall(r"https?://\S+", text):
            if is_blocked(url):
                report.errors.append(Finding(relpath, f"gesperrte Quelle im Text: {url}", number))
        for sentence in split_sentences(text.lstrip("#").strip()):
            match = RESEARCH_VOCABULARY.search(sentence)
            if match:
                report.errors.append(
                    Finding(
                        relpath,
                        f"Satz über die Recherche statt über die Sache („{match.group(0)}“): {sentence}",
                        number,
                    )
                )
            if _states_past_end_as_current(sentence, today):
                report.warnings.append(
                    Finding(relpath, f"Enddatum liegt in der Vergangenheit, Satz klingt aktuell: {sentence}", number)
                )


def _states_past_end_as_current(sentence: str, today: date) -> bool:
    if not _END_MARKERS.search(sentence) or _PAST_TENSE.search(sentence):
        return False
    for day, month, year, bare_year in _END_DATE.findall(sentence):
        if bare_year:
            end = date(int(bare_year), 12, 31)
        else:
            try:
                end = date(int(year), int(month), int(day))
            except ValueError:
                continue
        if end < today:
            return True
    return False


def lint_corpus(corpus_dir: Path, today: date | None = None) -> LintReport:
    total = LintReport()
    for path in sorted(corpus_dir.rglob("*.md")):
        report = lint_document(path, corpus_dir, today)
        total.errors += report.errors
        total.warnings += report.warnings
        total.documents += report.documents
        total.sections += report.sections
        total.sections_with_sources += report.sections_with_sources
    return total
