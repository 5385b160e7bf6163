"""Query understanding: named states, IKZ synonyms and abbreviations for keyword expansion."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.language.analysis import STOPWORDS, analyze, stem
from assistant.language.states import detect_states

# Glossary of IKZ synonyms and abbreviations: a query term on the left adds the terms on the right.
SYNONYMS: dict[str, str] = {
    "ikz": "interkommunale Zusammenarbeit Kooperation",
    "interkommunal": "IKZ Zusammenarbeit",
    "kooperation": "Zusammenarbeit",
    "zusammenarbeit": "Kooperation",
    "zweckvereinbarung": "öffentlich-rechtliche Vereinbarung",
    "vereinbarung": "Zweckvereinbarung",
    "gku": "gemeinsames Kommunalunternehmen Anstalt",
    "kommunalunternehmen": "gemeinsame Anstalt gKU",
    "anstalt": "Kommunalunternehmen AöR",
    "aör": "Anstalt des öffentlichen Rechts Kommunalunternehmen",
    "aoer": "Anstalt des öffentlichen Rechts Kommunalunternehmen",
    "zv": "Zweckverband",
    "gvv": "Gemeindeverwaltungsverband",
    "vg": "Verwaltungsgemeinschaft",
    "vgem": "Verwaltungsgemeinschaft",
    "kgg": "Gesetz über kommunale Gemeinschaftsarbeit",
    "gkg": "Gesetz über kommunale Gemeinschaftsarbeit",
    "kommzg": "Gesetz über die kommunale Zusammenarbeit",
    "mwst": "Umsatzsteuer § 2b UStG",
    "mehrwertsteuer": "Umsatzsteuer § 2b UStG",
    "steuer": "Umsatzsteuer",
    "steuerpflichtig": "Umsatzsteuer",
    "ausschreibung": "Vergaberecht Vergabe § 108 GWB",
    "ausschreiben": "Vergaberecht Vergabe § 108 GWB",
    "vergabefrei": "Vergaberecht § 108 GWB",
    "geld": "Förderung Zuschuss",
    "zuschuss": "Förderung",
    "zuschüsse": "Förderung",
    "fördergeld": "Förderung",
    "fördermittel": "Förderung",
    "förderprogramm": "Förderung",
    "bauhof": "Baubetriebshof",
    "baubetriebshof": "Bauhof",
    "kläranlage": "Abwasser",
    "müll": "Abfall",
    "rechtsform": "Rechtsformen Organisationsform",
    "leitfaden": "Leitfaden 2019 ISOE Difu",
    # Everyday words for what the corpus names in administrative terms.
    "heiraten": "Trauung Trauzimmer Eheschließung",
    "hochzeit": "Trauung Trauzimmer Eheschließung",
    "ärztezentrum": "Medizinisches Versorgungszentrum MVZ",
    "ärztehaus": "Medizinisches Versorgungszentrum MVZ",
    "arztpraxis": "ärztliche Versorgung Versorgungszentrum",
    "schwimmbad": "Bäder Hallenbad Freibad",
    "hallenbad": "Bäder Schwimmhalle",
    "freibad": "Bäder",
    "dichtmachen": "schließen Schließung",
    "dicht": "schließen Schließung",
    "kaufen": "Anschaffung Beschaffung",
    "anschaffen": "Anschaffung Beschaffung",
    "kehrmaschine": "Großgerät Spezialgerät",
    "maschine": "Großgerät Spezialgerät",
    "kita": "Kindertagesstätte Kinderbetreuung",
    "sparen": "Einsparung Einsparungen",
    "teurer": "Kosten steigen",
}


@dataclass
class QueryAnalysis:
    text: str
    states: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # analysed keyword terms including expansions


def topic_words(text: str) -> list[str]:
    """Capitalised words and abbreviations: in German the nouns and names that carry a question's topic."""
    words = re.findall(r"\w+", text)
    return [word for word in words if word[0].isupper() and len(word) > 1 and word.lower() not in STOPWORDS]


@lru_cache(maxsize=1)
def synonym_terms() -> dict[str, set[str]]:
    """The glossary keyed by analysed term: stem of the word -> analysed terms of its synonyms."""
    return {stem(word): set(analyze(alternatives, compounds=False)) for word, alternatives in SYNONYMS.items()}


def expand(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    extra = [SYNONYMS[word] for word in words if word in SYNONYMS]
    return " ".join([text, *extra])


def analyze_query(text: str) -> QueryAnalysis:
    return QueryAnalysis(text=text, states=detect_states(text), terms=analyze(expand(text)))
