"""The one Python API that the CLI, the web app and the evaluation scripts call: ``Assistant``."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from collections.abc import Generator as GeneratorOf
from dataclasses import replace
from datetime import date

from assistant.answer.evidence import Evidence, EvidenceAssessor, concept_weights, missing_details
from assistant.answer.extractive import ExtractiveComposer
from assistant.answer.llm import Generator, LLMUnavailable
from assistant.answer.messages import (
    ABSTAIN,
    EXTRACTIVE_NOTICE,
    LLM_NOTICE,
    LLM_PARTIAL_NOTICE,
    LLM_REJECTED_NOTICE,
    LLM_UNAVAILABLE_NOTICE,
    NO_COVERAGE,
    SUGGESTIONS,
    UNKNOWN_NAME,
)
from assistant.answer.render import citation_for, marks, render, render_pieces
from assistant.answer.spans import enumerates_inline
from assistant.answer.suggestions import suggestions_for
from assistant.answer.vectors import SentenceVectors
from assistant.answer.verify import CitationVerifier, looks_german, split_cited
from assistant.config import Settings, get_settings
from assistant.embeddings import make_embeddings
from assistant.language.abbreviations import short_forms
from assistant.language.analysis import names_place, place_names
from assistant.language.states import asked_in, detect_states
from assistant.models import Answer, AnswerSentence, Filters, HistoryTurn, Hit, Unit
from assistant.question.answer_type import (
    AnswerType,
    amount_of,
    answer_type_matches,
    asked_rate,
    asked_role,
    asks_actual,
    asks_coming_date,
    asks_for_date,
    asks_for_duration,
    asks_least_content,
    asks_price,
    gives_money,
    gives_rate,
    mentions_number,
    names_kind,
    names_quantity,
    names_year_from,
    states_as_fact,
    states_minimum,
    tells_duration,
)
from assistant.question.comparison import subject_queries
from assistant.question.rewrite import is_follow_up, rewrite_rule_based
from assistant.question.understanding import QuestionAnalysis, QuestionForm, last_clause, understand
from assistant.retrieve import HybridRetriever, RetrievalResult
from assistant.store.index import IndexBuilder, IngestReport, read_manifest
from assistant.store.reader import IndexReader

log = logging.getLogger(__name__)
MIN_VERIFIED_SHARE = 0.5
# A state chosen in the filter brings at most this many of its own passages into the answer's first passages.
STATE_PASSAGES = 2


class InvalidQuestion(ValueError):
    """The question cannot be processed; the message is German."""


def validate_question(question: str, max_chars: int) -> str:
    if not isinstance(question, str):
        raise InvalidQuestion("Die Frage muss ein Text sein.")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in question):
        raise InvalidQuestion("Die Frage enthält unzulässige Steuerzeichen.")
    cleaned = " ".join(question.split())
    if not cleaned:
        raise InvalidQuestion("Bitte geben Sie eine Frage ein.")
    if len(cleaned) > max_chars:
        raise InvalidQuestion(f"Die Frage ist zu lang (höchstens {max_chars} Zeichen).")
    return cleaned


class Assistant:
    def __init__(self, settings: Settings | None = None, reader: IndexReader | None = None) -> None:
        self.settings = settings or get_settings()
        self.embeddings = make_embeddings(self.settings.embedding)
        self.reader = reader or IndexReader(self.settings, self.embeddings)
        self.retriever = HybridRetriever(self.settings, self.reader)
        vectors = SentenceVectors(self.embeddings, known=self.reader.sentence_vectors)
        self.composer = ExtractiveComposer(vectors, self.settings.max_answer_sentences, self.settings.answer_passages)
        self.assessor = EvidenceAssessor(vectors, self.settings.answer_threshold, self.settings.abstain_threshold)
        self.verifier = CitationVerifier(vectors)
        self.generator = Generator(self.settings) if self.settings.llm else None

    # --- index ---------------------------------------------------------------------------------
    def index_exists(self) -> bool:
        return read_manifest(self.reader.client, self.settings) is not None

    def ingest(self, rebuild: bool = False, progress: bool = True, wait_seconds: float = 0) -> IngestReport:
        builder = IndexBuilder(self.settings, self.reader.client, self.embeddings)
        report = builder.ingest(rebuild=rebuild, progress=progress, wait_seconds=wait_seconds)
        self.reader.invalidate()
        return report

    def ensure_index(self, progress: bool = True) -> IngestReport | None:
        """Build the index if there is none yet; an existing index is left as it is."""
        if self.index_exists():
            return None
        return self.ingest(progress=progress, wait_seconds=600)

    # --- questions -----------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        query = validate_question(query, self.settings.max_question_chars)
        return self.retriever.retrieve(query, k=k, filters=filters).hits

    def standalone_question(self, question: str, history: list[HistoryTurn] | None) -> str:
        history = (history or [])[-self.settings.history_turns :]
        if not history or not is_follow_up(question):
            return question
        if self.generator is not None:
            try:
                return self.generator.rewrite(question, history)
            except LLMUnavailable:
                log.warning("LLM rewrite failed; using the rule-based rewrite")
        return rewrite_rule_based(question, history)

    def _add_state_passages(self, question: str, filters: Filters, result: RetrievalResult) -> None:
        """A state chosen in the filter of a question that names none: the state's own passages on the question
        (searched as if it named the state: "Welche Rechtsformen gibt es?" with Hessen chosen asks "… in Hessen?")
        join the passages the answer is composed from, and lead where they answer; the nationwide ones stay in
        place for the general rule where the state has none of its own."""
        state, hits = filters.bundesland, result.hits
        scoped = asked_in(self.retriever.read(question), state)
        own = [
            hit
            for hit in self.retriever.retrieve(scoped, k=self.settings.answer_passages, filters=filters).hits
            if hit.metadata.get("bundesland") == state and all(hit.chunk_id != known.chunk_id for known in hits)
        ][:STATE_PASSAGES]
        first = self.settings.answer_passages
        # ranked after the passages they join (a score from the search with the state named is not comparable)
        floor = min((hit.score for hit in hits[:first]), default=0.0)
        own = [hit.model_copy(update={"score": min(hit.score, floor)}) for hit in own]
        result.hits = [*hits[:first], *own, *hits[first:]]
        result.added = len(own)

    def understand(self, question: str) -> QuestionAnalysis:
        """The question's form and concepts; concepts the corpus never uses are corrected to close ones (typos)."""
        snapshot = self.reader.snapshot()
        analysis = understand(self.retriever.read(question, snapshot))
        correct = snapshot.correct_concept
        parts = tuple(replace(part, concepts=frozenset(map(correct, part.concepts))) for part in analysis.parts)
        return replace(analysis, concepts=frozenset(map(correct, analysis.concepts)), parts=parts)

    def concept_weight(self, question: QuestionAnalysis) -> Callable[[str], float]:
        """Weights of the question's concepts (rare ones count most; unknown compounds count through their parts)."""
        snapshot = self.reader.snapshot()
        weights = concept_weights(
            question.concepts,
            snapshot.concept_weight,
            snapshot.knows_concept,
            question.own_words,
            question.context_only,
        )
        return lambda concept: weights[concept] if concept in weights else snapshot.concept_weight(concept)

    def evidence(self, question: QuestionAnalysis, result: RetrievalResult) -> Evidence:
        """How well the hits cover the question, and whether to answer, suggest sections or refuse."""
        snapshot = self.reader.snapshot()
        knows = lambda concept: snapshot.knows_concept(snapshot.correct_concept(concept))  # noqa: E731
        return self.assessor.assess(question, result.query_vector, result.hits, snapshot.concept_weight, knows)

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        for event, payload in self.ask_stream(question, history=history, filters=filters):
            if event == "done":
                return payload  # type: ignore[return-value]
        raise RuntimeError("ask_stream ended without an answer")  # pragma: no cover

    def ask_stream(
        self, question: str, history: list[HistoryTurn] | None = None, filters: Filters | None = None
    ) -> Iterator[tuple[str, object]]:
        """Events for streaming clients: ("answer", Markdown piece)…, ("reset", {}), ("citations", list),
        ("done", Answer).

        Only verified text is ever sent. An LLM answer streams each sentence as soon as the model has finished it
        and it passed the citation check; if the answer then falls back (too little verified, server failure),
        a "reset" event tells the client to discard what it showed, and the fallback answer follows.
        Validation and retrieval errors are raised before the first event.
        """
        started = time.perf_counter()
        question = validate_question(question, self.settings.max_question_chars)
        standalone = self.standalone_question(question, history)
        analysis = self.understand(standalone)
        passages = max(self.settings.top_k, self.settings.answer_passages)
        result = self.retriever.retrieve(standalone, k=passages, filters=filters)
        if filters and filters.bundesland and not analysis.states:
            self._add_state_passages(standalone, filters, result)
        if analysis.across_subjects:
            result.hits = self._with_subject_passages(analysis, result.hits, passages, filters)
        retrieved = time.perf_counter()
        evidence = self.evidence(analysis, result)
        states = analysis.states or ((filters.bundesland,) if filters and filters.bundesland else ())
        if evidence.confidence == "high" and self.generator is not None:
            answer = yield from self._generate_stream(analysis, result, states)
        else:
            if evidence.confidence == "high":
                answer = self._extract(analysis, result, states)
            elif evidence.confidence == "medium":
                answer = self._suggest(analysis, result)
            else:
                answer = refusal(standalone)
            for piece in render_pieces(answer.sentences, answer.preface) or [answer.answer]:
                yield "answer", piece
        answer.question = question
        answer.topic = result.hits[0].title if result.hits else None
        if standalone != question:
            answer.standalone_question = standalone
        done = time.perf_counter()
        answer.timings_ms = {
            "retrieve": round((retrieved - started) * 1000, 2),
            "compose": round((done - retrieved) * 1000, 2),
            "total": round((done - started) * 1000, 2),
        }
        yield "citations", [citation.model_dump() for citation in answer.citations]
        yield "done", answer

    def _with_subject_passages(
        self, question: QuestionAnalysis, hits: list[Hit], k: int, filters: Filters | None
    ) -> list[Hit]:
        """A comparison needs passages about each subject, not only about the one retrieval prefers: per state
        (filtered), or per named subject (the subject with what is compared, within the user's filters)."""
        if len(question.states) > 1:
            searches = [(question.text, Filters(bundesland=state)) for state in question.states]
        elif len(question.subjects) > 1:
            searches = [(query, filters) for query in subject_queries(question.text, question.subjects)]
        else:
            return hits
        merged = list(hits)
        for query, scope in searches:
            extra = self.retriever.retrieve(query, k=k, filters=scope).hits
            merged += [hit for hit in extra if all(hit.chunk_id != known.chunk_id for known in merged)]
        return merged

    def _extract(
        self,
        question: QuestionAnalysis,
        result: RetrievalResult,
        states: tuple[str, ...] = (),
        notice: str = EXTRACTIVE_NOTICE,
    ) -> Answer:
        composition = self.composer.compose(
            question, result.query_vector, result.hits, self.concept_weight(question), states, result.added
        )
        if not composition or not delivers_asked_fact(question, composition.sentences, result.hits):
            return self._suggest(question, result)
        named = self.reader.snapshot().names_place
        if not about_named_places(question, result.hits[composition.lead_rank], named):
            return self._suggest(question, result)
        return Answer(
            question=question.text,
            answer=render(composition.sentences, composition.preface),
            citations=composition.citations,
            sentences=composition.sentences,
            preface=composition.preface,
            engine="extractive",
            notice=notice,
        )

    def _suggest(self, question: QuestionAnalysis, result: RetrievalResult) -> Answer:
        """Middling evidence: no composed answer, but the sections that might help."""
        suggestions = suggestions_for(self.composer.vectors, question, result.query_vector, result.hits)
        if not suggestions:
            return refusal(question.text)
        missing = missing_details(question, result.hits) if question.quoted else ()
        snapshot = self.reader.snapshot()
        unknown = [name for name in question.quoted if name in missing] + [
            short
            for short in short_forms(last_clause(question.text))
            if not snapshot.knows_concept(short.lower()) and not detect_states(short)
        ]
        return Answer(
            question=question.text,
            answer=" ".join([*(UNKNOWN_NAME.format(name=name) for name in unknown), SUGGESTIONS]),
            abstained=True,
            confidence="medium",
            suggestions=suggestions,
        )

    def _generate_stream(
        self, question: QuestionAnalysis, result: RetrievalResult, states: tuple[str, ...]
    ) -> GeneratorOf[tuple[str, object], None, Answer]:
        """Stream verified sentences of the LLM answer as they complete; return the final answer object.

        Any failure or weak support falls back to the extractive answer (after a "reset" if text was shown).
        """
        assert self.generator is not None
        hits = result.hits
        weight = self.reader.snapshot().concept_weight
        checked: list[AnswerSentence] = []
        renumber: dict[int, int] = {}
        text = ""

        def fallback(notice: str) -> Iterator[tuple[str, object]]:
            if any(s.verified for s in checked):
                yield "reset", {}
            answer = self._extract(question, result, states, notice)
            for piece in render_pieces(answer.sentences, answer.preface) or [answer.answer]:
                yield "answer", piece
            return answer

        def emit(sentences: list[tuple[str, list[int]]]) -> Iterator[tuple[str, object]]:
            for sentence, numbers in sentences:
                verdict = self.verifier.verify_sentence(sentence, numbers, hits, weight)
                checked.append(verdict)
                if verdict.verified:
                    for number in numbers:
                        renumber.setdefault(number, len(renumber) + 1)
                    verdict.citations = [renumber[n] for n in dict.fromkeys(numbers)]
                    shown = sum(1 for s in checked if s.verified)
                    yield "answer", ("" if shown == 1 else " ") + f"{verdict.text} {marks(verdict.citations)}"

        try:
            for piece in self.generator.stream(question.text, hits):
                text += piece
                parts = split_cited(text)
                complete = complete_sentences(parts)
                yield from emit(complete[len(checked) :])
        except LLMUnavailable as error:
            log.warning("LLM unavailable (%s); extractive fallback", error)
            return (yield from fallback(LLM_UNAVAILABLE_NOTICE))
        yield from emit(split_cited(text)[len(checked) :])
        if NO_COVERAGE in text and not any(s.verified for s in checked):
            answer = refusal(question.text)
            answer.engine = "llm"
            yield "answer", answer.answer
            return answer
        verified = [s for s in checked if s.verified]
        if not looks_german(text) or not verified or len(verified) / len(checked) < MIN_VERIFIED_SHARE:
            return (yield from fallback(LLM_REJECTED_NOTICE))
        return Answer(
            question=question.text,
            answer=render(verified),
            citations=[citation_for(hits[old - 1], new) for old, new in renumber.items()],
            sentences=checked,
            engine="llm",
            notice=LLM_NOTICE if len(verified) == len(checked) else LLM_PARTIAL_NOTICE,
        )


def complete_sentences(parts: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    """The sentences of a growing text that are finished: a later sentence with words has begun after them, and
    they end with their citation.

    "… gegründet. [1" is not finished: its citation may still be arriving. An uncited piece may be a sentence cut
    at an abbreviation whose continuation has not arrived ("(BStBl. I S." …): it waits until a cited sentence
    follows, so that the split of the growing text stays the split of the final one.
    """
    real = [index for index, (sentence, _) in enumerate(parts) if re.search(r"[^\W\d_]{2}", sentence)]
    complete = parts[: real[-1]] if real else []
    while complete and not complete[-1][1]:
        complete = complete[:-1]
    return complete


def about_named_places(question: QuestionAnalysis, lead: Hit, named_in_corpus: Callable[[str], bool]) -> bool:
    """A fact asked about a named place or organisation ("Wie viele Hektar umfasst der Gewerbepark Zollernalb?") is
    answered only from a passage about it: a figure of another case study (Röttenbach's 20 Hektar) is no answer. Names
    in the context a long question gives first tell the situation, not what is asked; a word no passage names is a
    typing slip or unknown (the evidence score's matter), not a place to look for."""
    if question.form is not QuestionForm.FACT or question.parts:
        return True
    passage = f"{lead.title} {lead.section} {lead.text}"
    names = [name for name in place_names(last_clause(question.text)) if named_in_corpus(name)]
    return all(names_place(passage, name) for name in names)


def delivers_asked_fact(question: QuestionAnalysis, sentences: list[AnswerSentence], passages: list[Hit]) -> bool:
    """ "Wie viele …?", "Seit wann …?": an answer without any number or date does not answer; better point to
    sections. ("Wann ist eine Gemeinde verpflichtet?" asks for a condition, so plain "wann" is not checked, and a
    yes/no question like "Kostet der Antrag Gebühren?" needs no figure.)

    When the passages speak of the thing whose amount is asked but the answer gives no figure for it, the corpus
    lacks that figure ("Wie viele Mitglieder hat die Verbandsversammlung …?" answered with "45 Prozent"). When
    they never name it, the question may use another word for it ("Punkte" for "Kriterien"): any figure counts.
    """
    texts = [s.text for s in sentences]
    clause = last_clause(question.text)
    if asks_coming_date(clause) and not any(names_year_from(t, date.today().year) for t in texts):
        return False  # "Wann beginnt die nächste Antragsrunde?" is not answered by a decree of 2023
    if question.form is QuestionForm.YESNO:
        return True
    role = asked_role(question.text) if not question.parts else None
    if role and not any(names_kind(text, role) for text in texts):
        return False  # "Wer ist Bürgermeister von …?" is not answered by sentences that never name a Bürgermeister
    if asks_least_content(clause) and not any(
        s.kind == "item" or enumerates_inline(Unit(text=s.text)) or states_minimum(s.text) for s in sentences
    ):
        return False  # "Was muss … mindestens regeln?" is answered by a list or a stated minimum, not by any sentence
    if asks_for_duration(clause):  # a span of time or the date it ends, not any figure
        return any(tells_duration(text) for text in texts)
    if AnswerType.NUMBER in question.answer_types and not any(mentions_number(text) for text in texts):
        return False
    if AnswerType.NUMBER in question.answer_types and asks_actual(clause):
        figure = gives_money if asks_price(clause) else mentions_number
        if not any(figure(text) and states_as_fact(text) for text in texts):
            return False  # "Was hat die Sanierung am Ende tatsächlich gekostet?" – "… auf 14,4 Millionen geschätzt"
    if asks_price(clause) and not any(gives_money(text) for text in texts):
        return False  # "Was kostet der Eintritt …?" is not answered by "rund 80 Bäder im Jahr"
    rate = asked_rate(clause) if AnswerType.NUMBER in question.answer_types else None
    if rate and not any(gives_rate(text, rate) for text in texts):
        return False  # "Wie viel Miete … pro Stunde?" is not answered by yearly shares of the running costs
    asked = question.quantity
    named = asked is not None and any(names_quantity(asked, hit.text) for hit in passages)
    if named and not any(amount_of(asked, text) for text in texts):
        return False
    if question.answer_types & {AnswerType.UNTIL, AnswerType.SINCE} or asks_for_date(question.text):
        return any(answer_type_matches(text, {AnswerType.DATE}) for text in texts)
    return True


def refusal(question: str) -> Answer:
    return Answer(question=question, answer=ABSTAIN, abstained=True, confidence="none")
