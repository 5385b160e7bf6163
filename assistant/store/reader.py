"""Read side of the index: follows the manifest, so a finished ingest becomes visible without restart."""

from __future__ import annotations

import bisect
import difflib
import logging
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import chromadb
import numpy as np
import simplemma
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.language.abbreviations import find_abbreviations
from assistant.language.analysis import (
    STOPWORDS,
    analyze,
    compound_parts,
    concepts,
    lemma,
    place_forms,
    umlaut_variants,
    with_umlauts,
)
from assistant.language.states import STATES, detect_states
from assistant.language.verbs import BEFORE_NOUN, QUESTION_WORDS
from assistant.models import Chunk
from assistant.store.chroma import StoreUnavailable, make_client
from assistant.store.index import (
    IndexMissing,
    chunk_from_record,
    collection_prefix,
    keyword_dir,
    keyword_index_from,
    read_manifest,
)
from assistant.store.keyword import KeywordIndex
from assistant.store.sentences import load_sentence_vectors, unit_vectors

log = logging.getLogger(__name__)


_LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"
_SURFACE_WORD = re.compile(r"[^\W\d_]+")
# A slip is corrected only to a word the corpus uses repeatedly: a rare corpus word one letter away from a name
# in the question ("Anhalt" – "Anhalts" is fine, a place name next to a surname is not) is no evidence of a typo.
_COMMON_IN_CORPUS = 3
# A word inside a sentence: after a word, a comma or a closing bracket or quote, not after a sentence end or a colon.
_INSIDE_SENTENCE_WORD = re.compile(r"(?<=[\w,;)“\"] )([^\W\d_]+)")
# The finite verb of a German question follows its question word and precedes its subject pronoun.
_QUESTION_ADVERBS = QUESTION_WORDS - BEFORE_NOUN
_PERSONAL_PRONOUNS = frozenset({"ich", "du", "er", "sie", "es", "man", "wir", "ihr"})
# Share of its occurrences inside sentences in which the corpus capitalises a word that makes it a noun or name.
_NOUN_SHARE = 0.9


_UMLAUT = re.compile(r"[äöüÄÖÜß]")
# How much more often the corpus must use the spelling with umlauts: "gründe" 22 times, "grunde" never, so "wie
# grunde ich …" is "wie gründe ich …"; "wurde" (217) stays "wurde", though the corpus also has "würde" (4).
_UMLAUT_PREFERENCE = 10


def _meant_with_umlauts(word: str, frequency: Mapping[str, int], lemma_frequency: Mapping[str, int]) -> str | None:
    """The spelling with umlauts a word typed without them stands for, when the corpus clearly prefers it; a word
    neither the corpus nor German knows also when the corpus often uses other forms of the same verb or noun
    ("grundet": "gründet" twice, but "gründen", "gegründet", "gründe" over 80 times)."""
    floor = max(_COMMON_IN_CORPUS, _UMLAUT_PREFERENCE * frequency.get(word, 0))
    variants = umlaut_variants(word)
    candidates = [variant for variant in variants if frequency.get(variant, 0) >= floor]
    if candidates:
        return max(candidates, key=lambda variant: (frequency[variant], variant))
    if word in frequency or simplemma.is_known(word, lang="de"):
        return None
    known = [variant for variant in variants if simplemma.is_known(variant, lang="de")]
    by_lemma = {variant: lemma_frequency.get(lemma(variant), 0) for variant in known}
    common = [variant for variant, count in by_lemma.items() if count >= _UMLAUT_PREFERENCE]
    return max(common, key=lambda variant: (by_lemma[variant], variant)) if common else None


# Spoken German shortens the directional prefixes her-/hin- ("runterladen", "rausfinden", "reinschreiben"); the
# corpus writes them out ("herunterladen").
_SPOKEN_PREFIXES = {
    "runter": ("herunter", "hinunter"),
    "rauf": ("herauf", "hinauf"),
    "raus": ("heraus", "hinaus"),
    "rein": ("herein", "hinein"),
    "rüber": ("herüber", "hinüber"),
    "ran": ("heran",),
    "rum": ("herum",),
}


def _written_prefix(word: str, frequency: Mapping[str, int]) -> str | None:
    """The written form of a word the corpus never uses with a spoken prefix, when the corpus uses that form."""
    if word in frequency:
        return None
    for spoken, written in _SPOKEN_PREFIXES.items():
        rest = word.removeprefix(spoken)
        if rest != word and len(rest) >= 3:
            known = [prefix + rest for prefix in written if frequency.get(prefix + rest, 0)]
            if known:
                return max(known, key=lambda form: frequency[form])
    return None


def _cased_like(typed: str, corrected: str) -> str:
    """The corrected (lower-case) word with the capital letter the user typed."""
    return corrected[0].upper() + corrected[1:] if typed[0].isupper() else corrected


def one_edit_away(word: str) -> set[str]:
    """Every string one typing slip away: a letter dropped, doubled or added, replaced, or two letters swapped
    ("antrga" – "antrag", "anhlat" – "anhalt")."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deleted = {left + right[1:] for left, right in splits if right}
    swapped = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaced = {left + letter + right[1:] for left, right in splits if right for letter in _LETTERS}
    inserted = {left + letter + right for left, right in splits for letter in _LETTERS}
    return deleted | swapped | replaced | inserted


def correctable_by_initial(terms: Iterable[str]) -> dict[str, list[str]]:
    """The terms ``closest_term`` may correct to, grouped by their first letter (a typo rarely hits it)."""
    groups: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= 5 and term.isalpha():
            groups.setdefault(term[0], []).append(term)
    return groups


def closest_term(term: str, frequency: Mapping[str, int], by_initial: dict[str, list[str]]) -> str:
    """The corpus term (stem or lemma) a term the corpus never uses was meant to be: a close match with the same
    initial (difflib), else the term itself. Slips in whole words are corrected before, in ``spell_corrected``."""
    if term in frequency or len(term) < 5 or not term.isalpha():
        return term
    matches = difflib.get_close_matches(term, by_initial.get(term[0], []), n=1, cutoff=0.85)
    if not matches:
        return term
    # A compound of words the corpus uses is a word of its own, not a slip ("fördergeld" is no "förderregel"),
    # unless one is the other with an ending ("körperschaftsteuer" – "körperschaftsteuerlich", "wochenende" –
    # "wochenend").
    same_word = matches[0].startswith(term) or term.startswith(matches[0])
    return matches[0] if same_word or not _joins_known_words(term, frequency) else term


def _joins_known_words(term: str, frequency: Mapping[str, int]) -> bool:
    """The term is a compound of words the corpus uses (Förder|geld)."""
    parts = compound_parts(term)
    return bool(parts) and all(
        part in frequency or lemma(part.capitalize()) in frequency or lemma(part) in frequency for part in parts
    )


@dataclass
class Snapshot:
    version: str
    vectorstore: Chroma
    collection: chromadb.Collection  # the same collection, queried directly where only ids and distances count
    keyword: KeywordIndex
    chunks: dict[str, Chunk]
    heading_vectors: dict[str, np.ndarray] = field(default_factory=dict)  # chunk id -> unit vector of its heading
    sentence_vectors: dict[str, np.ndarray] = field(default_factory=dict)  # text -> unit vector, built at ingest

    @property
    def documents(self) -> int:
        return len({chunk.source for chunk in self.chunks.values()})

    @cached_property
    def _document_frequency(self) -> Counter:
        frequency: Counter = Counter()
        for chunk in self.chunks.values():
            frequency.update(set(analyze(chunk.index_text)))
        return frequency

    @cached_property
    def _vocabulary_by_initial(self) -> dict[str, list[str]]:
        return correctable_by_initial(self._document_frequency)

    @property
    def vocabulary(self) -> Container[str]:
        """Every analysed term of the corpus, compound parts included."""
        return self._document_frequency

    @cached_property
    def _word_frequency(self) -> Counter:
        frequency: Counter = Counter()
        for chunk in self.chunks.values():
            frequency.update(word.lower() for word in _SURFACE_WORD.findall(chunk.index_text))
        return frequency

    @cached_property
    def _lemma_frequency(self) -> Counter:
        frequency: Counter = Counter()
        for word, count in self._word_frequency.items():
            frequency[lemma(word)] += count
        return frequency

    @cached_property
    def _noun_spelling(self) -> dict[str, str]:
        """Words the corpus writes capitalised inside a sentence (nouns and names), by their lower-case form."""
        capitalised: Counter = Counter()
        inside: Counter = Counter()
        for chunk in self.chunks.values():
            for match in _INSIDE_SENTENCE_WORD.finditer(chunk.text):
                word = match.group(1)
                inside[word.lower()] += 1
                capitalised[word] += word[0].isupper()
        spelling = {}
        for word, count in capitalised.items():
            lower = word.lower()
            # a single letter is an abbreviation ("S. 12"), not a noun: the "s" of "Gibt's" stays lower case
            if count >= _NOUN_SHARE * inside[lower] and inside[lower] >= 2 and len(word) > 1:
                spelling[lower] = word
        return spelling

    def truecased(self, text: str) -> str:
        """A question typed in lower case, written as the corpus writes it: nouns and names capitalised ("wie
        gründe ich einen zweckverband" – "Wie gründe ich einen Zweckverband"). The sentence encoder reads German
        nouns by their capital letter: lower-case nouns lose much of the question's meaning."""
        spelling = self._noun_spelling

        def case(match: re.Match) -> str:
            word = match.group(0)
            if not word.islower() or word not in spelling:
                return word
            before = re.findall(r"\w+", text[: match.start()].lower())[-1:]
            after = re.findall(r"\w+", text[match.end() :].lower())[:1]
            if before and before[0] in _QUESTION_ADVERBS or after and after[0] in _PERSONAL_PRONOUNS:
                return word  # the finite verb: "wie gründe ich", "gründen wir"
            return spelling[word]

        cased = _SURFACE_WORD.sub(case, text)
        return cased[:1].upper() + cased[1:]

    def spell_corrected(self, text: str) -> str:
        """The question with each typing slip corrected to the corpus word it was meant to be ("Sachsen-Anhlat",
        "Antrga", "Kooperatoinen"). Only words that neither the corpus nor a German dictionary knows are touched,
        and only when one slip away from a corpus word; "Foerderung" (umlaut written out) counts as known. Nouns
        typed in lower case are capitalised (``truecased``)."""
        frequency = self._word_frequency
        # Who types one umlaut does not drop the others: only a question without any is read for dropped ones.
        without_umlauts = not _UMLAUT.search(text)

        def fix(match: re.Match) -> str:
            word = match.group(0)
            lower = word.lower()
            if without_umlauts and len(lower) >= 3 and lower not in STOPWORDS:  # "halt" is a particle, not "hält"
                meant = _meant_with_umlauts(lower, frequency, self._lemma_frequency)
                if meant:
                    return _cased_like(word, meant)
            written = _written_prefix(lower, frequency)
            if written:
                return _cased_like(word, written)
            if len(lower) < 5 or lower in frequency:
                return word
            restored = with_umlauts(word)
            if restored.lower() in frequency:
                return restored  # written without umlauts: "Gebuehren" is the corpus word "Gebühren", "jPoeR" "jPöR"
            if simplemma.is_known(word, lang="de") or simplemma.is_known(lower, lang="de"):
                return word
            near = [candidate for candidate in one_edit_away(lower) if frequency.get(candidate, 0) >= _COMMON_IN_CORPUS]
            if not near:
                return word
            best = max(near, key=lambda candidate: (frequency[candidate], candidate))
            return _cased_like(word, best)

        return self.truecased(_SURFACE_WORD.sub(fix, text))

    def correct(self, term: str) -> str:
        """Map a term the corpus never uses to a close corpus term (typos: "zweckverbnad" -> "zweckverband")."""
        return closest_term(term, self._document_frequency, self._vocabulary_by_initial)

    @cached_property
    def states_mentioned(self) -> dict[str, frozenset[str]]:
        """States each chunk is about: its metadata state plus states named in its text."""
        result = {}
        for chunk_id, chunk in self.chunks.items():
            states = set(detect_states(chunk.index_text))
            if chunk.metadata.get("bundesland") in STATES:
                states.add(chunk.metadata["bundesland"])
            result[chunk_id] = frozenset(states)
        return result

    @cached_property
    def section_chunks(self) -> dict[tuple[str, str], list[str]]:
        """Chunk ids of each section in reading order (long sections are split into parts)."""
        sections: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for chunk_id, chunk in self.chunks.items():
            part = int(chunk.metadata.get("section_part", "0"))
            sections.setdefault((chunk.source, chunk.section), []).append((part, chunk_id))
        return {key: [chunk_id for _, chunk_id in sorted(parts)] for key, parts in sections.items()}

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Abbreviations the corpus defines ("gemeinsames Kommunalunternehmen (gKU)"), for query expansion."""
        return find_abbreviations(chunk.text for chunk in self.chunks.values())

    @cached_property
    def _concept_frequency(self) -> Counter:
        frequency: Counter = Counter()
        for chunk in self.chunks.values():
            frequency.update(concepts(chunk.index_text))
        return frequency

    def concept_weight(self, concept: str) -> float:
        """Inverse document frequency of a concept (lemma) over the chunks; unknown concepts weigh most."""
        return math.log((len(self.chunks) + 1) / (self._concept_frequency.get(concept, 0) + 0.5))

    def knows_concept(self, concept: str) -> bool:
        return concept in self._concept_frequency

    @cached_property
    def _words(self) -> list[str]:
        """Every word of the corpus as written, sorted: the words that start with a given prefix are neighbours."""
        return sorted({word for chunk in self.chunks.values() for word in re.findall(r"\w+", chunk.index_text)})

    def names_place(self, name: str) -> bool:
        """Some passage names the place (``place_forms``; "Zollernalb" in "Zollernalbkreis")."""
        words = self._words
        for form in place_forms(name):
            position = bisect.bisect_left(words, form)
            if position < len(words) and words[position].startswith(form):
                return True
        return False

    @cached_property
    def _concepts_by_initial(self) -> dict[str, list[str]]:
        return correctable_by_initial(self._concept_frequency)

    def correct_concept(self, concept: str) -> str:
        """A concept the corpus never uses, mapped to a close corpus concept (typos: "zweckverbnad")."""
        return closest_term(concept, self._concept_frequency, self._concepts_by_initial)

    def idf(self, term: str) -> float:
        """Inverse document frequency over the chunks; terms the corpus never uses weigh most."""
        return math.log((len(self.chunks) + 1) / (self._document_frequency.get(term, 0) + 0.5))


class IndexReader:
    """Holds the current index version in memory and re-checks the manifest at most every few seconds."""

    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings,
        client: chromadb.ClientAPI | None = None,
        recheck_seconds: float = 2.0,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self._client = client
        self._recheck_seconds = recheck_seconds
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    @property
    def client(self) -> chromadb.ClientAPI:
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    def snapshot(self) -> Snapshot:
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked_at < self._recheck_seconds:
            return self._snapshot
        with self._lock:
            if self._snapshot is None or now - self._checked_at >= self._recheck_seconds:
                self._refresh()
                self._checked_at = time.monotonic()
        assert self._snapshot is not None
        return self._snapshot

    def invalidate(self) -> None:
        self._checked_at = 0.0

    def reset(self) -> None:
        """Forget client and snapshot (store went away); the next call reconnects."""
        self._client = None
        self._snapshot = None
        self._checked_at = 0.0

    def _refresh(self) -> None:
        try:
            manifest = read_manifest(self.client, self.settings)
        except StoreUnavailable:
            self._client = None
            raise
        except Exception as error:  # connection errors of the HTTP client
            self._client = None
            raise StoreUnavailable("Der Suchindex (Chroma) ist gerade nicht erreichbar.") from error
        if manifest is None:
            raise IndexMissing("Es gibt noch keinen Suchindex. Bitte zuerst „ikz ingest“ ausführen.")
        if self._snapshot is not None and self._snapshot.version == manifest["current"]:
            return
        self._snapshot = self._load(manifest["current"])
        log.info("index version %s loaded (%d chunks)", self._snapshot.version, len(self._snapshot.chunks))

    def _load(self, version: str) -> Snapshot:
        name = f"{collection_prefix(self.settings)}-{version}"
        collection = self.client.get_collection(name)
        data = collection.get(include=["metadatas", "documents"])
        chunks = {
            chunk_id: chunk_from_record(chunk_id, document, metadata)
            for chunk_id, document, metadata in zip(data["ids"], data["documents"], data["metadatas"], strict=True)
        }
        directory = keyword_dir(self.settings, name)
        if (directory / "ids.json").exists():
            keyword = KeywordIndex.load(directory)
        else:  # another machine built this version (Chroma server mode): rebuild the keyword index locally
            keyword = keyword_index_from(self.settings, data)
            keyword.save(directory)
        vectorstore = Chroma(client=self.client, collection_name=name, embedding_function=self.embeddings)
        sentences = load_sentence_vectors(directory)
        headings = self._heading_vectors(chunks, sentences)
        return Snapshot(version, vectorstore, collection, keyword, chunks, headings, sentences)

    def sentence_vectors(self) -> dict[str, np.ndarray]:
        """The precomputed sentence vectors of the loaded version (empty before the first question)."""
        return self._snapshot.sentence_vectors if self._snapshot is not None else {}

    def _heading_vectors(self, chunks: dict[str, Chunk], known: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Section headings are phrased as the questions they answer: embed each once, for question matching."""
        headings = sorted({chunk.heading for chunk in chunks.values()})
        missing = [heading for heading in headings if heading not in known]
        by_heading = {**known, **dict(zip(missing, unit_vectors(self.embeddings, missing), strict=True))}
        return {chunk_id: by_heading[chunk.heading] for chunk_id, chunk in chunks.items()}
