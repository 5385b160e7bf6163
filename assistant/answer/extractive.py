"""Extractive composer: the answer is a contiguous span of the best passage, verbatim, every sentence cited.

1. Every sentence of the top passages is scored against the question (meaning, shared concepts, the kind of
   answer asked for, definitions, the state asked about).
2. The lead passage is the one whose best sentence, heading and retrieval rank answer the question best; a
   passage about another state than the one asked never leads.
3. The span starts at the best sentence (or at the section start when the heading is the question), brings
   the predecessor of a back-reference and what an announcing sentence announces, and runs on while the next
   sentences stay on the question (1–4 sentences; announced lists and tables whole).
4. Another passage adds sentences only for question content the span does not cover, never a repetition, and
   at most one more document unless the question compares or lists across states or forms.
5. Yes/no questions open with "Ja", "Nein" or "Das hängt davon ab", where the first sentence supports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from assistant.answer.render import citation_for
from assistant.answer.spans import (
    announced_count,
    announced_span,
    contrasts_back,
    enumerates_inline,
    is_pointer,
    needs_predecessor,
)
from assistant.answer.vectors import SentenceVectors, normalized, question_vectors, without_state_of
from assistant.answer.vectors import heading_similarity as heading_similarity_of
from assistant.config import HEADING_IS_QUESTION
from assistant.language.analysis import SECONDARY_PREPOSITIONS, STOPWORDS, compound_parts, concepts, lemma
from assistant.language.legal_references import reference_fit
from assistant.language.states import asked_in, detect_states, without_state
from assistant.language.verbs import modality, opens_with_verb_first_condition, separable_base
from assistant.models import AnswerSentence, Citation, Hit, Unit
from assistant.question.answer_type import (
    AnswerType,
    answer_type_matches,
    asks_actual,
    asks_for_duration,
    asks_for_items,
    expected_answer_types,
    figure_units,
    limit_units,
    names_existent,
    names_kind,
    states_as_fact,
    tells_duration,
)
from assistant.question.comparison import distinctive_concepts, subject_queries
from assistant.question.query import topic_words
from assistant.question.rewrite import FORM_PATTERNS
from assistant.question.understanding import (
    COMPARING,
    QuestionAnalysis,
    QuestionForm,
    last_clause,
    predicate_of,
    understand,
)

_MIN_WORDS = 4
# How much each feature of a span counts when choosing the span that answers (see _span_features). What the whole
# span covers counts, what its first sentence covers counts more: the answer comes first.
SPAN_WEIGHTS = {
    "first": 0.45,
    "coverage": 0.15,
    "opened": 0.1,
    "retrieval": 0.15,  # the passage's retrieval score relative to the best
    "heading": 0.3,  # how far its heading's similarity to the question exceeds 0.5
    "state": 0.1,  # the passage is about the state asked for
    "heading_kind": 0.1,  # its heading names the asked kind (0.1 and 0.15 alike on the development set)
    "focus": 0.1,
    "asked_kind": 0.05,  # 0.05 and 0.1 alike on the development set
    "enumeration": 0.2,
    "figure_missing": -0.1,
    "counted_figure_missing": -0.2,
    "novelty": 0.2,  # flat from 0.15 to 0.25 on the development set
    "details": 0.1,  # the first sentence holds the years and figures the question names ("im Dezember 2024")
    "hinge": 0.1,  # it holds what a focus particle marks in a yes/no question ("nur für einzelne Bereiche")
    "aspect": 0.2,  # it holds what a comparison compares ("… bei der Mindestgröße"); 0.2 and 0.4 alike
    # a yes/no question is answered by a sentence that opens with Ja/Nein (see _opens_polar); 0.1 and 0.2 alike on
    # the development sets, 0.2 opened two more answers with it
    "polar": 0.2,
    "limit": 0.25,  # above "polar": a general "Nicht zwingend: …" does not decide the situation described
}
_COPULA = r"(ist|sind|bezeichnet|bezeichnen|meint|bedeutet|heißt|nennt man)"
# Nouns that relate a thing to another after the copula instead of saying what it is ("ist Teil der …").
_RELATION = re.compile(r"\s+(?:nicht\s+)?(?:Teil|Bestandteil|Ausdruck|Folge|Grundlage|Voraussetzung|Aufgabe)\b")
_YES_NO = re.compile(r"(Ja|Nein)\b")
# The answer to a yes/no question that opens a sentence ("Nicht zwingend: Eine vertragliche Zusammenarbeit ist …
# ausgenommen, wenn …"); in the answer to another question the rest of the sentence stands alone.
_ANSWER_PHRASE = re.compile(
    r"^(?:Ja|Nein|Nicht zwingend|Nicht unbedingt|Grundsätzlich (?:ja|nein|nicht)|In der Regel (?:ja|nein|nicht))"
    r"\s*[,:]\s+(?=\S)"
)
_ALREADY_ANSWERS = re.compile(r"^(Ja|Nein|Nicht zwingend|Grundsätzlich (ja|nein)|In der Regel|Nur|Doch)\b")
_CONDITIONAL = re.compile(
    r"\b(wenn|sofern|soweit|falls|nur|grundsätzlich|in der regel|regelmäßig|abhängig|hängt .{1,60} ab|unter "
    r"(bestimmten |diesen )?(voraussetzungen|bedingungen)|ausnahmsweise|je nach|im einzelfall)\b",
    re.I,
)
# A negation followed, in a later clause, by a concession or correction ("nicht …, stehen aber …", "nicht …,
# sondern …"); "nicht aber für …" right after the negation is the negation itself.
_CONCESSIVE = re.compile(r"[,;]\s*(?:\w+\s+){0,3}?(?:aber|sondern|jedoch|dennoch|trotzdem)\b")
_NEGATION = re.compile(r"\b(nicht|kein\w*|nie|niemals|weder)\b", re.I)
# A sentence that says what suffices ("In Bayern genügt eine Anzeige, wenn …") answers "Reicht …?" itself.
_SAYS_ENOUGH = re.compile(r"\b(?:genüg\w*|reicht|reichen|ausreich\w*)\b", re.I)
# Words that deny by their meaning (lexical negation): "schließt die Aktiengesellschaft als Form aus", "unzulässig".
# The particle "aus" ends its clause; "schließen sich aus Kostengründen zusammen" has the preposition.
_DENYING = re.compile(
    r"\b(?:ausgeschlossen|ausschließen|unzulässig\w*|verboten\w*|untersagt\w*|unmöglich\w*)\b"
    r"|\bschließ\w*\b[^,;.]{0,80}?\baus\b(?=\s*(?:[,;:.]|und\b|oder\b|$))",
    re.I,
)
_FACT_TYPES = frozenset(
    {AnswerType.DATE, AnswerType.UNTIL, AnswerType.SINCE, AnswerType.NUMBER, AnswerType.NAME, AnswerType.AGENT}
)
# Connectives that set two things against each other in one sentence.
_CONTRASTS = re.compile(
    r"\b(während|wohingegen|dagegen|hingegen|demgegenüber|gegenüber|anders als|im (?:Unterschied|Gegensatz) zu\w*"
    r"|jedoch|aber)\b"
)
# USE cosine above which a chosen sentence says enough of what a back-referring sentence's predecessor says.
CONTEXT_GIVEN = 0.6
# A rule is stated for one state or set against another one or two; more states named make a list of them.
_STATES_OF_ONE_RULE = 3


@dataclass
class Candidate:
    hit_rank: int
    index: int
    unit: Unit
    vector: np.ndarray
    concepts: frozenset[str]
    relevance: float = 0.0  # meaning and shared concepts only
    score: float = 0.0  # relevance plus the kind of answer asked for
    off_target: bool = False  # about another state, or cites another provision, than the question asks for


@dataclass
class Composition:
    sentences: list[AnswerSentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    preface: str | None = None
    lead_rank: int | None = None  # which hit leads the answer

    def __bool__(self) -> bool:
        return bool(self.sentences)


def state_of(hit: Hit) -> set[str]:
    """The states a passage is about: its document's state, else the states its heading and text name."""
    if not hit.nationwide:
        return {hit.metadata["bundesland"]}
    return set(detect_states(f"{hit.section}\n{hit.text}"))


def _speaks_for(hit: Hit, candidate: Candidate, states: set[str]) -> bool:
    """The sentence states a rule of one of the states: it names one, or stands in that state's own document."""
    return bool(states & (set(detect_states(candidate.unit.text)) | {hit.metadata.get("bundesland", "")}))


def about_other_states(hit: Hit, about: set[str], wanted: set[str]) -> bool:
    """The passage (about the states ``about``, see ``state_of``) is about states other than the ones asked for. A
    nationwide section whose heading and first sentence name no state gives the general rule, even where it cites
    examples from some states ("Ja, Gemeinden können gemeinsam ein MVZ tragen. … in Rheinland-Pfalz entstand das
    erste …")."""
    if not wanted or not about or about & wanted:
        return False
    if hit.nationwide:
        opening = hit.units[0].text if hit.units else ""
        return bool(detect_states(f"{hit.section}\n{opening}"))
    return True


class ExtractiveComposer:
    def __init__(
        self,
        sentence_vectors: SentenceVectors,
        max_sentences: int = 4,
        hits_used: int = 5,
        answer_type_boost: float = 0.2,
    ) -> None:
        self.vectors = sentence_vectors
        self.max_sentences = max_sentences
        self.hits_used = hits_used
        self.answer_type_boost = answer_type_boost

    def compose(
        self,
        question: QuestionAnalysis,
        query_vector: list[float],
        hits: list[Hit],
        weight: Callable[[str], float] | None = None,
        states: tuple[str, ...] = (),
        added: int = 0,
    ) -> Composition:
        """``added``: passages that joined the retrieved ones after the first ``hits_used`` (``RetrievalResult``)."""
        plan = self._plan(question, states)
        hits = hits if len(plan) > 1 else hits[: self.hits_used + added]  # a comparison draws on passages per subject
        weight = weight or (lambda concept: 1.0)
        raw = self._candidates(hits)
        if not raw:
            return Composition()
        chosen: list[Candidate] = []
        labels: dict[tuple[int, int], str] = {}
        lead_rank = preface = None
        all_candidates = self._score(question, normalized(query_vector), raw, weight, states)
        budget = self.max_sentences if len(plan) == 1 else max(2, self.max_sentences // len(plan))
        direct = self._direct_comparison(question, plan, all_candidates, weight)
        if direct is not None:
            chosen.append(direct)
            lead_rank = direct.hit_rank
        for part, part_states, subject in plan:
            query = normalized(query_vector) if part.text == question.text else self.vectors.get([part.text])[0]
            if part is question and part_states == states:
                candidates = all_candidates
            else:
                candidates = self._score(part, query, raw, weight, part_states)
            if subject is not None:
                candidates = [c for c in candidates if subject(f"{hits[c.hit_rank].section} {c.unit.text}")]
            polar = len(plan) == 1 and question.form is QuestionForm.YESNO  # the answer opens with Ja/Nein
            rank, span, part_preface = self._best_span(
                part, query, hits, candidates, weight, part_states, budget, polar
            )
            if len(plan) == 1:
                span = _answer_first(question, span, weight)
            if subject is not None or len(part_states) < len(states):
                part_preface = None  # a comparison says nothing about a state that merely lacks its own rule
            if rank is None:
                continue
            if lead_rank is None:
                lead_rank, preface = rank, part_preface
            taken = {(c.hit_rank, c.index) for c in chosen}
            # A later part adds what it says anew; a sentence another part already said (in other words) stays out.
            earlier = list(chosen)
            added = [
                c
                for c in span
                if (c.hit_rank, c.index) not in taken and not any(_redundant(c, other) for other in earlier)
            ]
            if question.form is QuestionForm.COMPARISON and len(part_states) == 1 and len(question.states) > 1:
                # in a comparison of states, a sentence of a state's own document that leaves the state to the
                # document is labelled with it
                state = part_states[0]
                labels.update(
                    {
                        (c.hit_rank, c.index): state
                        for c in added
                        if hits[c.hit_rank].metadata.get("bundesland") == state and not detect_states(c.unit.text)
                    }
                )
            chosen += added
        if not chosen:
            return Composition()
        chosen += self._supplement(question, hits, all_candidates, chosen, weight, states)
        if preface and any(_speaks_for(hits[c.hit_rank], c, set(states)) for c in chosen):
            preface = None  # the general rule leads, and what the sources say for the state follows it
        return self._assemble(question, hits, chosen, preface, lead_rank, weight, labels, states)

    @staticmethod
    def _direct_comparison(question, plan, candidates: list[Candidate], weight) -> Candidate | None:
        """A sentence that sets every compared subject against the others on what is compared answers the comparison
        at once ("Bei der Haftung ist das Risiko bei einer GmbH auf die Stammeinlage begrenzt, während die Träger
        eines Kommunalunternehmens unbeschränkt haften."): it opens the answer, the subjects' own passages follow."""
        if question.form is not QuestionForm.COMPARISON or len(plan) < 2:
            return None
        names = [
            subject or (lambda text, wanted=set(part_states): wanted <= set(detect_states(text)))
            for _, part_states, subject in plan
        ]
        # without a named aspect, the sentence must hold what the question asks beyond the states it compares
        aspect = question.aspect or question.sought - {state.lower() for state in question.states} - COMPARING
        total = sum(weight(c) for c in aspect)
        fitting = [
            c
            for c in candidates
            if c.unit.kind == "sentence"
            and not needs_predecessor(c.unit)
            and not contrasts_back(c.unit)
            and all(named(c.unit.text) for named in names)
            and _CONTRASTS.search(c.unit.text)
            and (not total or sum(weight(x) for x in _held(aspect, c.concepts)) >= 0.5 * total)
        ]
        return max(fitting, key=lambda c: c.score, default=None)

    @staticmethod
    def _plan(question: QuestionAnalysis, states: tuple[str, ...]) -> list[tuple[QuestionAnalysis, tuple, object]]:
        plan = ExtractiveComposer._parts(question, states)
        if question.form is not QuestionForm.COMPARISON or question.aspect or len(plan) < 2:
            return plan
        # "Worin unterscheiden sich X und Y?" names no aspect: each part says first what its subject is
        return [
            (replace(part, term=_compared_term(question, part_states, subject_index)), part_states, subject)
            for subject_index, (part, part_states, subject) in enumerate(plan)
        ]

    @staticmethod
    def _parts(question: QuestionAnalysis, states: tuple[str, ...]) -> list[tuple[QuestionAnalysis, tuple, object]]:
        """What to answer, in order: a coordinated question part by part ("Was ist X, und welche Organe hat
        er?"); a comparison of states, legal forms or other named subjects subject by subject; otherwise the
        question as a whole."""
        if question.parts:
            return [(part, states, None) for part in question.parts]
        if question.form is QuestionForm.COMPARISON or question.across_subjects:
            if len(question.states) > 1:
                # each state's part asks about that state: the others it is compared with are not sought there
                named = {state: concepts(state) for state in question.states}
                return [
                    (
                        replace(
                            question,
                            given=question.given
                            | frozenset().union(*(found for other, found in named.items() if other != state)),
                        ),
                        (state,),
                        None,
                    )
                    for state in question.states
                ]
            if len(question.legal_forms) > 1:
                return [(question, states, FORM_PATTERNS[form].search) for form in question.legal_forms]
            own = distinctive_concepts(question.subjects)
            if len(question.subjects) > 1 and all(own):
                queries = subject_queries(question.text, question.subjects)
                parts = [understand(query, with_parts=False) for query in queries]
                chosen_state = tuple(state for state in states if state not in question.states)  # the filter's
                return [
                    (part, part.states or chosen_state, _mentions_any(concepts_of))
                    for part, concepts_of in zip(parts, own, strict=True)
                ]
        return [(question, states, None)]

    # --- scoring ---------------------------------------------------------------------------------
    @staticmethod
    def _candidates(hits: list[Hit]) -> list[tuple[int, int, Unit]]:
        found = []
        for rank, hit in enumerate(hits):
            for index, unit in enumerate(hit.units):
                if unit.kind == "row" or is_pointer(unit.text):
                    continue
                if unit.kind == "sentence" and len(unit.text.split()) < _MIN_WORDS:
                    continue
                found.append((rank, index, unit))
        return found

    def _score(self, question, query, raw, weight, states) -> list[Candidate]:
        if not raw:
            return []
        vectors = self.vectors.get([unit.text for _, _, unit in raw])
        asked = question.sought
        total = sum(weight(c) for c in asked) or 1.0
        wants_definition = question.form in (QuestionForm.DEFINITION, QuestionForm.COMPARISON)
        scored: list[Candidate] = []
        for (rank, index, unit), vector in zip(raw, vectors, strict=True):
            found = concepts(unit.text)
            overlap = sum(weight(c) for c in asked & found) / total
            similarity = float(np.clip(vector @ query, 0.0, 1.0))
            candidate = Candidate(rank, index, unit, vector, found)
            candidate.relevance = 0.5 * similarity + 0.5 * overlap
            # Sections answer their heading in the first sentence (docs/corpus-guide.md).
            candidate.score = candidate.relevance + (0.06 if index == 0 else 0.03 if index == 1 else 0.0)
            if question.answer_types:
                matched = answer_type_matches(unit.text, set(question.answer_types), question.quantity)
                candidate.score += self.answer_type_boost * matched
            if wants_definition and defines(unit.text, question.term):
                # in a comparison of states, a definition for many states at once does not tell them apart
                several = (
                    question.form is QuestionForm.COMPARISON and len(detect_states(unit.text)) > _STATES_OF_ONE_RULE
                )
                candidate.score += 0.0 if several else 0.15
            if question.references:
                # "Was meint § 2b Abs. 3 Nr. 1?" is not answered by a sentence about Abs. 3 Nr. 2.
                fit = reference_fit(list(question.references), unit.text)
                candidate.score += 0.1 * fit
                candidate.off_target = fit < 0
            if states:
                named = set(detect_states(unit.text))
                if named & set(states):
                    # a sentence that lists many states ("etwa in Bayern, Niedersachsen, Sachsen, …") is about none
                    candidate.score += 0.08 if len(named) <= _STATES_OF_ONE_RULE else 0.0
                elif named:
                    candidate.score -= 0.2  # a sentence about another state answers the wrong question
                    candidate.off_target = True
            scored.append(candidate)
        return scored

    def _best_span(self, question, query, hits, candidates, weight, states, budget, polar=False):
        """The span that answers best: its first sentence, what the whole span covers of the question, the passage's
        retrieval rank and heading. A passage about another state than the one asked never leads."""
        headings = self.vectors.get([hit.heading for hit in hits])
        queries = question_vectors(self.vectors, question.text, query)
        general = without_state_of(self.vectors, question.text)
        wanted = set(states)
        # a state chosen in the filter: its own headings ask the question asked in that state
        filter_state = states[0] if len(states) == 1 and not question.states else None
        in_state = self.vectors.get([asked_in(question.text, filter_state)])[0] if filter_state else None
        top_score = max(hit.score for hit in hits) or 1.0
        sought = question.sought
        fact_kinds = set(
            question.answer_types
            & (_FACT_TYPES | {AnswerType.REASON, AnswerType.MEMBERS, AnswerType.ADVICE, AnswerType.RESULT})
        )
        # The question's rarest concept names what it is specifically about ("getraut" in "Kann man im eigenen
        # Dorf getraut werden, wenn das Standesamt gemeinsam betrieben wird?").
        focus = max(sorted(sought), key=weight, default=None)  # sorted: ties break the same way every run
        asked_topic = _asked_topic(question)
        asked_modality = modality(last_clause(question.text))
        best: tuple[float, int, list[Candidate]] | None = None
        for rank, hit in enumerate(hits):
            about = state_of(hit)
            if about_other_states(hit, about, wanted):
                continue
            in_hit = [c for c in candidates if c.hit_rank == rank]
            if not in_hit:
                continue
            own = in_state if filter_state and hit.metadata.get("bundesland") == filter_state else None
            heading_similarity = heading_similarity_of(hit, headings[rank], queries, general, own)
            # a nationwide section whose heading asks the question without the state answers it for every state
            about_wanted = bool(wanted) and (
                bool(about & wanted)
                or (hit.nationwide and general is not None and general.asked_by(hit.heading, headings[rank]) > 0)
            )
            passage = {
                "retrieval": max(0.0, hit.score / top_score),
                "heading": max(0.0, heading_similarity - 0.5),
                "state": float(about_wanted),
                # "Welche Voraussetzungen …?" is answered under the heading "Voraussetzungen und Verfahren"
                "heading_kind": float(bool(question.asked_kind) and names_kind(hit.heading, question.asked_kind)),
            }
            # "Ja, …" answers a yes/no question; it does not open the answer to "Welche Organe …?".
            # A sentence about another state or another provision than the one asked for never opens the answer.
            on_target = [c for c in in_hit if not c.off_target]
            # A "Ja, …" or "Nein, …" answers its own heading; under a heading of the same shape about another thing
            # ("Können wir in Sachsen noch eine Verwaltungsgemeinschaft gründen?" for "… ein MVZ gründen?"), or one
            # that asks whether something may be where the question asks whether it must, it answers another
            # question.
            yes_no_fits = question.form is QuestionForm.YESNO and _asks_alike(question, asked_modality, hit.heading)
            heading_on_topic = _about_asked_topic(asked_topic, concepts(hit.heading))
            openers = [c for c in on_target if _may_open(c, yes_no_fits, heading_on_topic, asked_topic)]
            anchors = sorted(openers or on_target, key=lambda c: c.score, reverse=True)[:4]
            opening = None
            if heading_similarity >= HEADING_IS_QUESTION and hit.metadata.get("section_part", "0") == "0":
                # The section asks this question and its first sentence answers it (docs/corpus-guide.md), even
                # when that sentence leaves the subject to the heading.
                opening = next((c for c in in_hit if c.index == 0), None)
                if opening is not None and (
                    opening.off_target or not self._opening_fits(question, hit.heading, opening, in_hit, wanted)
                ):
                    opening = None
                anchors += [opening] if opening is not None and opening not in anchors else []
            # The opening of a section whose heading asks almost exactly this question answers about its focus,
            # whatever its words; a topic heading ("… in Bayern") or a yes/no question does not warrant that.
            opening_holds_focus = (
                opening is not None
                and question.form is not QuestionForm.YESNO
                and hit.heading.rstrip().endswith("?")
                and heading_similarity >= 0.8
            )
            for anchor in anchors:
                span = self._span(question, hit, in_hit, anchor, heading_similarity, budget)
                if span[0].off_target:
                    continue  # the anchor needs a predecessor about another state or provision to be understood
                if question.form is QuestionForm.YESNO and not _may_open(
                    span[0], yes_no_fits, heading_on_topic, asked_topic
                ):
                    continue  # … or a "Ja, …" that answers a question about another thing
                features = passage | self._span_features(
                    question,
                    span,
                    opening,
                    heading_similarity,
                    weight,
                    focus,
                    fact_kinds,
                    opening_holds_focus,
                    bool(passage["heading_kind"]),
                )
                if polar:
                    features["polar"] = float(_opens_polar(question, span[0], weight, wanted, about))
                value = span_value(features)
                if best is None or value > best[0]:
                    best = (value, rank, span)
        if best is None:
            return None, [], None
        _, rank, span = best
        preface = None
        if wanted and not state_of(hits[rank]) & wanted:
            names = " und ".join(sorted(wanted))
            preface = f"Für {names} enthalten meine Quellen dazu keine eigene Regelung. Allgemein gilt:"
        return rank, span, preface

    @staticmethod
    def _span_features(
        question, span, opening, heading_similarity, weight, focus, fact_kinds, opening_holds_focus, heading_names_kind
    ) -> dict[str, float]:
        """What makes a span answer the question, each as a number; ``SPAN_WEIGHTS`` says how much each counts."""
        sought = question.sought
        covered = frozenset().union(*(c.concepts for c in span))
        coverage = _share(sought, covered, weight)
        opened = _share(sought, span[0].concepts, weight)
        first = span[0].score
        if opening is not None and span[0] is opening:
            first = max(first, heading_similarity * 0.8)
            coverage = opened = max(coverage, heading_similarity)
        # a sentence that cannot stand without its predecessor says one thing with it ("Ein Landkreis übernimmt dabei
        # … Vor einer solchen Vereinbarung sollten die Partner …"): the opening statement is that chain
        statement = span[: _chain_end(span, 0)]
        fact_missing = bool(fact_kinds) and not any(_delivers(question, fact_kinds, c.unit.text) for c in statement)
        return {
            "first": first,
            "coverage": coverage,
            "opened": opened,
            # the first sentence holds what the question is most specifically about
            "focus": float(bool(focus) and (focus in span[0].concepts or (opening_holds_focus and span[0] is opening))),
            # "In welchem Gesetz …?": the sentence names a Gesetz
            "asked_kind": float(bool(question.asked_kind) and names_kind(span[0].unit.text, question.asked_kind)),
            # "Welche …?", "Unter welchen Voraussetzungen …?": an enumeration answers
            "enumeration": _enumeration(question, span, focus, heading_names_kind),
            # "Wie viel …?" is answered first by the sentence that holds the figure; when the question names
            # what it counts, only the figure of that thing answers.
            "figure_missing": float(fact_missing and question.quantity is None),
            "counted_figure_missing": float(fact_missing and question.quantity is not None),
            # An answer adds to the question; a sentence that restates it does not answer ("Ja, X gibt es nur in Y"
            # restates a yes/no question and answers it all the same).
            "novelty": _novelty(question, span[0]) if question.form is not QuestionForm.YESNO else 0.0,
            "details": _details_held(question, span[0].unit.text),
            "hinge": _hinge_held(question, span[0]),
            "aspect": _aspect_held(question, span[0], weight),
            # "Ein Viertel der Leistungen verkaufen wir an Private. Bleibt das vergaberechtsfrei?": a yes/no question
            # that states a figure asks whether it meets a rule; the sentence that sets the limit in that unit
            # ("weniger als 20 Prozent") decides it
            "limit": float(
                question.form is QuestionForm.YESNO
                and bool(figure_units(question.text) & limit_units(span[0].unit.text))
            ),
        }

    @staticmethod
    def _opening_fits(question, heading: str, opening: Candidate, in_hit: list[Candidate], wanted: set[str]) -> bool:
        """A section's first sentence answers its heading, not always the question asked: a "Ja, …" answers a
        yes/no heading, not "Welche Organe …?"; and when the question names a state, a nationwide section's
        sentence about that state answers it before the general rule does."""
        if question.form is not QuestionForm.YESNO and _YES_NO.match(opening.unit.text):
            return False
        if expected_answer_types(heading) != set(question.answer_types):
            return False  # "Wie hoch ist die Förderung?" under "Wie funktioniert die Förderung?" asks for more
        if wanted and not set(detect_states(opening.unit.text)) & wanted:
            return not any(set(detect_states(c.unit.text)) & wanted for c in in_hit)
        return True

    # --- the span of a passage ---------------------------------------------------------------------
    def _span(
        self,
        question: QuestionAnalysis,
        hit: Hit,
        candidates: list[Candidate],
        anchor: Candidate,
        heading_similarity: float,
        budget: int,
    ) -> list[Candidate]:
        """From the anchor on: its predecessor if it refers back, what it announces, and the next sentences while
        they stay on the question."""
        by_index = {c.index: c for c in candidates}
        units = hit.units
        start = anchor.index
        if units[start].kind == "item":
            intro = _list_intro(units, start)
            if intro is not None:
                start = intro
        while start > 0 and anchor.index - start < budget - 1:
            # an opening contrast brings the other side, unless that is about another state than the one asked
            # ("In Mecklenburg-Vorpommern wird die Satzung dagegen nur angezeigt." after a sentence on Bavaria)
            before = by_index.get(start - 1)
            contrast = start == anchor.index and contrasts_back(units[start]) and not (before and before.off_target)
            if not (needs_predecessor(units[start]) or contrast):
                break
            start -= 1
        indexes = list(range(start, anchor.index + 1))
        covered = set().union(*(concepts(units[i].text) for i in indexes))
        # A section that asks this very question answers it from its first sentence on: its sentences continue.
        opens_section = (
            anchor.index == 0
            and heading_similarity >= HEADING_IS_QUESTION
            and hit.metadata.get("section_part", "0") == "0"
        )
        fact_kinds = set(question.answer_types & _FACT_TYPES)
        # An answer to "Bis wann …?", "Wie viel …?" runs on to the sentence that gives the fact when the span so far
        # does not ("Die Übergangsregelung erlaubt … Sie beruht auf … Mit dem Jahressteuergesetz 2024 … vor dem
        # 01.01.2027"), within the sentence budget.
        fact_at = None
        if fact_kinds and not any(_delivers(question, fact_kinds, units[i].text) for i in indexes):
            room = budget - _sentence_count(units, indexes)
            ahead = range(anchor.index + 1, min(len(units), anchor.index + 1 + room))
            # the fact of another state or provision than the one asked does not count
            on_target = [i for i in ahead if i in by_index and not by_index[i].off_target]
            fact_at = next((i for i in on_target if _delivers(question, fact_kinds, units[i].text)), None)
        position = anchor.index + 1
        while position < len(units) and self._room(units, indexes, budget):
            last = indexes[-1]
            announced = announced_span(units, last)
            # what another state's or provision's sentence says was not announced for this question
            off_target = (i for i in announced if i in by_index and by_index[i].off_target)
            announced = range(announced.start, next(off_target, announced.stop))
            if len(announced):
                indexes.extend(announced)
                position = announced.stop
                continue
            unit = units[position]
            if unit.kind == "row" or is_pointer(unit.text):
                break
            candidate = by_index.get(position)
            continues = unit.kind == "item" and units[last].kind == "item" and unit.block == units[last].block
            continues = continues or (fact_at is not None and position <= fact_at)
            # a sentence about another state or provision than the one asked ends the span ("In Brandenburg
            # wählt …" in the answer to a question about Schleswig-Holstein)
            if not continues and candidate is not None and candidate.off_target:
                break
            if not continues and not opens_section:
                if candidate is None:
                    break
                gain = question.sought & candidate.concepts - covered
                # Under a heading that asks the question, the section's sentences are the answer; elsewhere
                # only sentences that stay close to the question continue it.
                floor = 0.25 if heading_similarity >= HEADING_IS_QUESTION else 0.5
                if candidate.relevance < floor * anchor.relevance and not gain:
                    break
                covered |= candidate.concepts
            indexes.append(position)
            position += 1
        rank = anchor.hit_rank
        return [by_index.get(i) or _bare(rank, hit, i) for i in indexes if not is_pointer(units[i].text)]

    @staticmethod
    def _room(units: list[Unit], indexes: list[int], budget: int) -> bool:
        return _sentence_count(units, indexes) < budget

    # --- a second source, only for what the span does not cover -------------------------------------
    def _supplement(self, question, hits, candidates, chosen, weight, states) -> list[Candidate]:
        if not chosen:
            return []
        lead_rank = chosen[0].hit_rank
        documents = {hits[lead_rank].source}
        limit = 4 if question.across_subjects else 2
        covered = set().union(*(c.concepts for c in chosen))
        total = sum(weight(c) for c in question.sought) or 1.0
        wanted = set(states)
        added: list[Candidate] = []
        best = max(c.score for c in chosen)
        fact_kinds = set(question.answer_types & _FACT_TYPES)
        # Decided once per passage, not once per candidate sentence: detecting states reads the whole passage.
        elsewhere = {rank for rank, hit in enumerate(hits) if wanted and about_other_states(hit, state_of(hit), wanted)}
        pool = sorted(
            (c for c in candidates if c.hit_rank != lead_rank and c.hit_rank not in elsewhere),
            key=lambda c: c.score,
            reverse=True,
        )
        for candidate in pool:
            if sum(1 for c in [*chosen, *added] if c.unit.kind == "sentence") >= self.max_sentences:
                break
            hit = hits[candidate.hit_rank]
            if hit.source not in documents and len(documents) >= limit:
                continue
            if candidate.score < 0.6 * best or candidate.unit.kind != "sentence" or candidate.off_target:
                continue  # nor does a sentence about another state or provision join from elsewhere
            if needs_predecessor(candidate.unit) and not self._context_given(hit, candidate, [*chosen, *added]):
                continue
            if _ALREADY_ANSWERS.match(candidate.unit.text):
                continue  # "Ja, …"/"Nein, …" answers its own section's question, not this one
            if fact_kinds and answer_type_matches(candidate.unit.text, fact_kinds, question.quantity) < 1:
                continue  # a figure question gains nothing from a sentence without a figure
            gain = sum(weight(c) for c in (question.sought & candidate.concepts) - covered) / total
            new_subject = question.across_subjects and _names_new_subject(question, candidate, [*chosen, *added])
            # Maximal marginal relevance: a close answer to the question that says something new also adds.
            novelty = 1.0 - max(_similarity(candidate, other) for other in [*chosen, *added])
            relevant = candidate.relevance >= 0.7 * max(c.relevance for c in chosen)
            if gain < 0.2 and not new_subject and not (relevant and novelty >= 0.3):
                continue
            if any(_redundant(candidate, other) for other in [*chosen, *added]):
                continue
            if any(_contained(candidate, other, weight) >= RESTATED for other in [*chosen, *added]):
                continue  # a shorter sentence whose content an answer sentence already holds restates it
            if _restates_figures(candidate, [*chosen, *added]):
                continue
            added.append(candidate)
            covered |= candidate.concepts
            documents.add(hit.source)
        return added

    def _context_given(self, hit: Hit, candidate: Candidate, chosen: list[Candidate]) -> bool:
        """A sentence that refers back ("Daneben können …") may join another source's span when that span already
        says what its predecessor says."""
        if candidate.index == 0:
            return False
        before = hit.units[candidate.index - 1]
        if before.kind != "sentence" or needs_predecessor(before):
            return False
        vector = self.vectors.get([before.text])[0]
        return any(_cosine(other.vector, vector) >= CONTEXT_GIVEN for other in chosen)

    # --- numbering, lead word, result -----------------------------------------------------------------
    def _assemble(self, question, hits, chosen, preface, lead_rank, weight, labels, states) -> Composition:
        numbers: dict[int, int] = {}
        for candidate in chosen:
            numbers.setdefault(candidate.hit_rank, len(numbers) + 1)
        yes_no = question.form is QuestionForm.YESNO
        sentences = [
            AnswerSentence(
                text=c.unit.text if yes_no else _without_answer_phrase(c.unit.text),
                citations=[numbers[c.hit_rank]],
                kind=c.unit.kind,
                block=f"{c.hit_rank}:{c.unit.block}" if c.unit.kind != "sentence" else None,
                lead=f"{labels[c.hit_rank, c.index]}:" if (c.hit_rank, c.index) in labels else None,
            )
            for c in chosen
        ]
        if yes_no and sentences and not preface:
            sentences[0].lead = yes_no_lead(question, _opening_statement(chosen), weight, states)
        cited = {rank: " ".join(c.unit.text for c in chosen if c.hit_rank == rank) for rank in numbers}
        citations = [citation_for(hits[rank], n, cited[rank]) for rank, n in numbers.items()]
        return Composition(sentences, citations, preface, lead_rank)


# Share of the question's concept weight a later sentence of a span must hold to open the answer in place of the
# span's first sentence: it must hold most of the question (development sets: the sentences that answered held 0.6
# to 0.75, the qualifications and asides that did not, 0.2 to 0.4).
ANSWERS_ALONE = 0.5


def _answer_first(question: QuestionAnalysis, span: list[Candidate], weight) -> list[Candidate]:
    """The span with its best sentence first, when a later sentence answers the question better than the one that
    opens it and stands on its own: a section's introduction ("Kernpartner der Hochwald-Kooperation sind …") follows
    the sentence that answers ("Nonnweiler ist … als assoziierte Gemeinde verbunden"). A sentence that refers back
    keeps its predecessor; an announcement keeps what it announces; a yes/no answer opens with its own lead."""
    if len(span) < 2 or question.form is QuestionForm.YESNO:
        return span
    opening = span[0]
    if opening.unit.kind != "sentence" or announced_count(opening.unit):
        return span
    best = max(span[1:], key=lambda c: c.score)
    at = span.index(best)
    if best.unit.kind != "sentence" or needs_predecessor(best.unit) or contrasts_back(best.unit):
        return span
    held = _share(question.sought, best.concepts, weight)
    if best.score <= opening.score or held <= max(_share(question.sought, opening.concepts, weight), ANSWERS_ALONE):
        return span
    # the opening gives what the question asks for and the other sentence does not: the items of "Welche
    # Rechtsformen …?", the figure of "Wie viel …?"
    if asks_for_items(question.text) and enumerates_inline(opening.unit) and not enumerates_inline(best.unit):
        return span
    facts = set(question.answer_types & _FACT_TYPES)
    if facts and _delivers(question, facts, opening.unit.text) and not _delivers(question, facts, best.unit.text):
        return span
    end = _chain_end(span, at)
    return [*span[at:end], *span[:at], *span[end:]]


def _share(asked: frozenset[str], found: frozenset[str], weight: Callable[[str], float]) -> float:
    """Share of the asked concepts' weight that ``found`` holds."""
    total = sum(weight(c) for c in asked)
    return sum(weight(c) for c in asked & found) / total if total else 0.0


def _without_answer_phrase(text: str) -> str:
    rest = _ANSWER_PHRASE.sub("", text, count=1)
    return rest[0].upper() + rest[1:] if rest != text else text


def _sentence_count(units: list[Unit], indexes: list[int]) -> int:
    """How many of the units are sentences: list items and table rows do not use up the sentence budget."""
    return sum(1 for i in indexes if units[i].kind == "sentence")


def _chain_end(span: list[Candidate], start: int) -> int:
    """Where the statement that begins at ``start`` ends: after the sentences that each need their predecessor (a
    list item or table row never does)."""
    end = start + 1
    while end < len(span) and needs_predecessor(span[end].unit):
        end += 1
    return end


def _opening_statement(chosen: list[Candidate]) -> Candidate:
    """The answer's first sentence with what it says together with the sentences after it: those that need their
    predecessor and the list they announce ("Eine Samtgemeinde erfüllt kraft Gesetzes eine Reihe von Aufgaben … Zu
    diesen gehören: … die Feuerwehr"). Its words are theirs; its text, which a yes or no must fit, stays the first."""
    end = _chain_end(chosen, 0)
    if announced_count(chosen[end - 1].unit):
        while end < len(chosen) and chosen[end].unit.kind == "item" and chosen[end].hit_rank == chosen[0].hit_rank:
            end += 1
    if end == 1:
        return chosen[0]
    return replace(chosen[0], concepts=frozenset().union(*(c.concepts for c in chosen[:end])))


def _delivers(question: QuestionAnalysis, fact_kinds: set[AnswerType], text: str) -> bool:
    """The sentence gives the kind of fact the question asks for. "Bis wann …?" asks for the end of a period: any
    other date does not answer ("Ab wann …?" may be answered by an event: "erst mit der Bekanntmachung")."""
    clause = last_clause(question.text)
    if asks_for_duration(clause):
        return tells_duration(text)  # "Wie lange …?": a span of time or its end, not "mindestens 15 %"
    if asks_actual(clause) and not states_as_fact(text):
        return False  # "Was hat das Bad am Ende gekostet?" is not answered by what it was planned to cost
    kinds = {AnswerType.UNTIL} if AnswerType.UNTIL in fact_kinds else fact_kinds
    return answer_type_matches(text, kinds, question.quantity) >= 1


def _held(asked: frozenset[str], found: frozenset[str]) -> set[str]:
    """The asked concepts a sentence holds, a compound also when it holds all its parts as words ("Bei der Haftung
    ist das Risiko …" holds "Haftungsrisiko")."""
    held = set(asked & found)
    for concept in asked - found:
        parts = {lemma(part.capitalize()) for part in compound_parts(concept)}
        if parts and parts <= found:
            held.add(concept)
    return held


def span_value(features: dict[str, float]) -> float:
    return sum(SPAN_WEIGHTS[name] * amount for name, amount in features.items())


def _enumeration(
    question: QuestionAnalysis, span: list[Candidate], focus: str | None, heading_names_kind: bool = False
) -> float:
    """How well the span enumerates what "Welche …?" asks: a list or an announced enumeration anywhere; half as
    well an enumeration in running text about what is asked, which often gives examples only ("… wie Schulen,
    Feuerwehr oder Flächennutzungsplanung") where a list gives all (the tasks of a Samtgemeinde by law). Under a
    heading that names the asked kind ("Welche Formen der Zusammenarbeit kennt das Landesrecht …?"), the section's
    first sentence enumerates what the heading promises, in full."""
    if question.form is not QuestionForm.LIST:
        return 0.0
    if any(c.unit.kind == "item" or announced_count(c.unit) for c in span):
        return 1.0
    inline = [c for c in span if enumerates_inline(c.unit)]
    if heading_names_kind and any(c.index == 0 for c in inline):
        return 1.0
    return 0.5 * any(_enumerates_asked(question, c, focus) for c in inline)


def _enumerates_asked(question: QuestionAnalysis, candidate: Candidate, focus: str | None) -> bool:
    """An enumeration in running text answers "Welche …?" when it is about what the question is specifically
    about or names the asked kind ("Schwerpunkte der Pilotförderung sind A, B und C"), not any list nearby."""
    kind = question.asked_kind
    return (bool(focus) and focus in candidate.concepts) or (bool(kind) and names_kind(candidate.unit.text, kind))


def _novelty(question: QuestionAnalysis, candidate: Candidate) -> float:
    """Share of the sentence's concepts the question does not already hold: an answer adds something, a
    sentence that restates the question ("Städte und Kreise bearbeiten Zukunftsthemen gemeinsam.") does not."""
    own = candidate.concepts
    return len(own - question.concepts) / len(own) if own else 0.0


def _compared_term(question: QuestionAnalysis, part_states: tuple[str, ...], index: int) -> str | None:
    """The thing one part of a comparison is about: its legal form, or the noun of its subject ("Samtgemeinde" of
    "Samtgemeinde in Niedersachsen"); for a part per state, the subject that names the state."""
    if len(question.legal_forms) > 1:
        return question.legal_forms[index]
    subjects = list(question.subjects)
    if len(question.states) > 1 and len(part_states) == 1:
        subjects = [subject for subject in subjects if part_states[0] in detect_states(subject)]
        if not subjects:
            return question.legal_forms[0] if len(question.legal_forms) == 1 else None
        index = 0
    if index >= len(subjects):
        return None
    nouns = [word for word in re.findall(r"[A-ZÄÖÜ][\w-]*\w", subjects[index]) if not detect_states(word)]
    return nouns[0] if nouns else None


def _mentions_any(wanted: frozenset[str]) -> Callable[[str], bool]:
    return lambda text: bool(concepts(text) & wanted)


def _list_intro(units: list[Unit], item_index: int) -> int | None:
    """The sentence that introduces the list an item belongs to, if it announces it."""
    first = item_index
    while first > 0 and units[first - 1].block == units[item_index].block:
        first -= 1
    intro = first - 1
    return intro if intro >= 0 and units[intro].kind == "sentence" and announced_count(units[intro]) else None


def _bare(rank: int, hit: Hit, index: int) -> Candidate:
    """A unit brought in for cohesion (a list item, a predecessor) that was not scored itself."""
    return Candidate(rank, index, hit.units[index], np.zeros(1, dtype=np.float32), concepts(hit.units[index].text))


def _names_new_subject(question: QuestionAnalysis, candidate: Candidate, chosen: list[Candidate]) -> bool:
    """In a comparison or list across subjects, a sentence about a named state or form not yet covered adds one."""
    subjects = [*question.states, *question.legal_forms]
    text = candidate.unit.text.lower()
    covered = " ".join(c.unit.text.lower() for c in chosen)
    return any(s.lower()[:8] in text and s.lower()[:8] not in covered for s in subjects)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of two normalised sentence vectors; 0 for vectors of different models (a changed embedding)."""
    return float(a @ b) if a.shape == b.shape else 0.0


def _similarity(candidate: Candidate, other: Candidate) -> float:
    return _cosine(candidate.vector, other.vector)


def _redundant(candidate: Candidate, other: Candidate) -> bool:
    """Paraphrases of the same fact (several documents define the same term) add nothing."""
    if _similarity(candidate, other) >= 0.7:
        return True
    a, b = candidate.concepts, other.concepts
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


RESTATED = 0.7  # share of a sentence's weighted content already said; 0.6 dropped new details too


# Negations and exclusive focus particles turn the same words into another statement ("Die Samtgemeinde gibt es nur in
# Niedersachsen." after "Die Samtgemeinde ist in Niedersachsen ein Zusammenschluss …"); they are stopwords, so the
# concepts do not show them.
_QUALIFIERS = frozenset(
    {
        "nur",
        "nicht",
        "nie",
        "niemals",
        "ausschließlich",
        "allein",
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "keines",
    }
)


def _contained(candidate: Candidate, other: Candidate, weight) -> float:
    """How much of the candidate's content (weighted by rarity) the other sentence already holds; nothing when the
    candidate adds a negation or an exclusive focus particle."""
    own, others = (set(re.findall(r"\w+", c.unit.text.lower())) & _QUALIFIERS for c in (candidate, other))
    if own - others:
        return 0.0
    total = sum(weight(c) for c in candidate.concepts)
    return sum(weight(c) for c in candidate.concepts & other.concepts) / total if total else 0.0


def _hinge_held(question: QuestionAnalysis, candidate: Candidate) -> float:
    """Share of what a focus particle marks in a yes/no question ("… nur für einzelne Bereiche …?") that the
    sentence holds."""
    wanted = question.hinge if question.form is QuestionForm.YESNO else frozenset()
    return len(wanted & candidate.concepts) / len(wanted) if wanted else 0.0


def _aspect_held(question: QuestionAnalysis, candidate: Candidate, weight) -> float:
    total = sum(weight(c) for c in question.aspect)
    return sum(weight(c) for c in _held(question.aspect, candidate.concepts)) / total if total else 0.0


def _opens_polar(
    question: QuestionAnalysis, first: Candidate, weight: Callable[[str], float], wanted: set[str], about: set[str]
) -> bool:
    """The sentence can open the answer to a yes/no question with "Ja", "Nein" or "Das hängt davon ab" (or opens
    with such an answer itself); it holds the years and figures the question names ("bis Ende 2026"); and when the
    question names a state, the sentence or its whole document is about that state: "Ja, mehrere Länder kennen eine
    Pflichtvereinbarung" does not answer for Rheinland-Pfalz before the state's own rule."""
    text = first.unit.text
    if _figures_named(question) and _details_held(question, text) < 1.0:
        return False
    if wanted and not ((about and about <= wanted) or set(detect_states(text)) & wanted):
        return False
    if _ALREADY_ANSWERS.match(text):
        return question.hinge <= first.concepts  # a "Ja, …" to the question without its point ("… auch für …?")
    return yes_no_lead(question, first, weight, wanted) is not None


def _asked_topic(question: QuestionAnalysis) -> frozenset[str]:
    """The concepts of the nouns and names the question is about (in its context too: "Die Übergangsfrist … ist
    verlängert worden – müssen wir da … beantragen?"), without the states, which are its scope."""
    words = [word for word in topic_words(question.text) if not detect_states(word)]
    return frozenset().union(*(concepts(word) for word in words))


def _about_asked_topic(topic: frozenset[str], found: frozenset[str]) -> bool:
    """Concepts of a text that speak of something the question names; a question without nouns tells nothing."""
    return not topic or bool(topic & found)


def _may_open(candidate: Candidate, yes_no_fits: bool, heading_on_topic: bool, topic: frozenset[str]) -> bool:
    """A sentence may open the answer unless it is a "Ja, …" or "Nein, …" to another question: one that is no
    yes/no question of the heading's kind, or whose heading and sentence name nothing the question names."""
    if not _YES_NO.match(candidate.unit.text):
        return True
    return yes_no_fits and (heading_on_topic or _about_asked_topic(topic, candidate.concepts))


def _asks_alike(question: QuestionAnalysis, asked: str | None, heading: str) -> bool:
    """The heading's yes/no question asks what the question asks: a "Ja" to "Dürfen Gemeinden überhaupt
    zusammenarbeiten?" is no "Ja" to "Müssen Kommunen … ausschreiben?", and one to "Können wir gezwungen werden, einem
    Zweckverband beizutreten?" none to "Können wir einem Zweckverband beitreten?", whose action the heading embeds
    under a verb the question does not use. Without a modal verb on either side, alike."""
    theirs = modality(heading)
    if not (asked is None or theirs is None or asked == theirs):
        return False
    # "Können Gemeinden ihre Standesämter zusammenlegen?" asks what "Wenn wir unsere Standesämter zusammenlegen, können
    # die Paare dann … heiraten?" takes as given
    premise = question.concepts - concepts(last_clause(question.text))
    heading_predicate = predicate_of(last_clause(heading))
    if heading_predicate and heading_predicate & premise and not heading_predicate & question.predicate:
        return False
    if not question.predicate & concepts(heading):
        return True
    # the heading asks about the question's action under a verb of its own ("gezwungen werden, … beizutreten")
    predicate = predicate_of(last_clause(heading))
    return not predicate or bool(predicate & question.concepts)


def _figures_named(question: QuestionAnalysis) -> list[str]:
    return [detail for detail in question.details if not detail.startswith("§")]


def _details_held(question: QuestionAnalysis, text: str) -> float:
    """Share of the years and figures the question names ("im Dezember 2024") that the sentence holds."""
    figures = _figures_named(question)
    if not figures:
        return 0.0
    found = set(_FIGURE.findall(text)) | _figures(text)
    return sum(detail in found for detail in figures) / len(figures)


def _restates_figures(candidate: Candidate, chosen: list[Candidate]) -> bool:
    """Another source telling the same case again: every figure, date and file number it gives is in the answer
    already, and it shares a good part of its concepts with one chosen sentence ("… 2018 … vor dem
    Oberverwaltungsgericht Rheinland-Pfalz Erfolg (10 A 11481/17)"). A year that only dates a figure the answer
    gives ("beschäftigte 2021 rund 1.600 Menschen") tells nothing new either."""
    figures = _figures(candidate.unit.text)
    if not figures:
        return False
    own = candidate.concepts
    told = frozenset().union(*(_figures(c.unit.text) for c in chosen))
    new = figures - told
    if new and not (all(_YEAR.fullmatch(f) for f in new) and any(not _YEAR.fullmatch(f) for f in figures & told)):
        return False
    return any(
        own and (len(own & c.concepts) / len(own | c.concepts) >= 0.25 or len(own & c.concepts) / len(own) >= 0.4)
        for c in chosen
    )


@lru_cache(maxsize=50_000)  # asked for every chosen sentence against every candidate of the second source
def _figures(text: str) -> frozenset[str]:
    """Numbers as written ("11481/17", "15.000"), a date also by its year ("19.01.2018" gives "2018"); provision
    numbers are left out."""
    found = set(_FIGURE.findall(_PROVISION.sub(" ", text)))
    return frozenset(found | {figure.rsplit(".", 1)[-1] for figure in found if _DATE.fullmatch(figure)})


_FIGURE = re.compile(r"\d[\d./]*\d|\d")
# Provision numbers name where a rule stands, not a fact of the case: "§ 2b Abs. 3 Nr. 2", "Art. 8".
_PROVISION = re.compile(r"(?:§§?|Art\.|Abs\.|Nr\.|Satz|lit\.)\s*\d+\w*(?:\s*(?:–|-|bis|und|,)\s*\d+\w*)*")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
_YEAR = re.compile(r"(?:19|20)\d\d")


# Share of the asked concepts' weight a sentence (or clause) must hold to answer a yes/no question by itself.
HOLDS_QUESTION = 0.6


def yes_no_lead(
    question: QuestionAnalysis,
    first: Candidate,
    weight: Callable[[str], float] | None = None,
    states: Collection[str] = (),
) -> str | None:
    """Ja, Nein or Das hängt davon ab, where the first sentence holds most of what the question asks (its rare
    concepts above all: "getraut" in "Kann man im eigenen Dorf getraut werden, …?"). ``states``: the states asked
    about, by the question or the portal's filter."""
    weight = weight or (lambda concept: 1.0)
    text = first.unit.text
    clause = last_clause(question.text)
    if _ALREADY_ANSWERS.match(text) or _NEGATION.search(clause):
        return None  # the sentence already opens with the answer; negated questions ("Doch") are left alone
    asked = _asked_concepts(clause)
    # a preposition formed from a noun ("kraft Gesetzes") is not held by a sentence that has the noun only inside a
    # compound ("Finanzkraft")
    prepositions = {word for word in re.findall(r"\w+", clause) if word in SECONDARY_PREPOSITIONS}
    holding = replace(first, concepts=first.concepts - (concepts(" ".join(prepositions)) - concepts(text, False)))
    if _share(asked, holding.concepts, weight) < HOLDS_QUESTION and not _holds_beside_state(clause, holding, weight):
        return None
    if not question.hinge <= first.concepts:
        return None  # "… nur für einzelne Bereiche …?" asks about the restriction: the sentence must speak of it
    if AnswerType.RESULT in question.answer_types and not answer_type_matches(text, {AnswerType.RESULT}):
        return None  # "Hat sich das gelohnt?" is not answered by a sentence that tells what was set up
    if question.existent and not names_existent(question.existent, first.unit.text):
        return None  # "Gibt es in Hamburg eine Förderung …?" is not answered by a sentence that names none
    if question.asks_if_enough and not _SAYS_ENOUGH.search(text):
        return None  # "Reicht X allein aus?" is answered by "verlangt beides zugleich", which says no without "nicht"
    if _names_another_kind(question, clause, text, first.concepts):
        return None  # "Braucht man einen Busführerschein?" – "… mit einem Pkw-Führerschein": neither Ja nor Nein
    if _excepts_asked(text, asked, weight):
        return "Nein."
    answering = _answering_clause(question, first, asked, weight)
    if modality(clause) == "necessity" and _requires_asked(answering, asked, weight):
        return "Ja."  # "Müssen alle Partner unterschreiben?" – "Gefördert wird nur, wenn alle … unterschrieben haben"
    if _adds_condition(question.text, answering) or (answering == text and _contrasts_cases(text)):
        return "Das hängt davon ab:"
    if _scoped_elsewhere(text, set(states) | set(question.states)):
        return "Das hängt davon ab:"  # "In Sachsen sind Zweckvereinbarungen genehmigungspflichtig" for every state
    if _share(asked, concepts(_indirect_question(text)), weight) >= HOLDS_QUESTION:
        return "Das hängt davon ab:"  # "Ob eine Zweckvereinbarung genehmigt werden muss, regelt jedes Land selbst."
    negation = _NEGATION.search(answering)
    denial = None if _DENYING.search(clause) else _DENYING.search(answering)  # "Ist … ausgeschlossen?" asks by it
    if negation and denial:
        return None  # "nicht ausgeschlossen": a double negation is no plain answer
    negation = negation or denial
    if negation and question.existent and _denies_something_else(text, question.existent):
        return None  # "… bietet keine Geldleistung an; Zuschüsse gibt es über das IKZ-Förderprogramm" is no "Nein"
    if negation and _CONCESSIVE.search(text, text.find(answering) + negation.end()):
        return None  # "… sind nicht speziell dafür gedacht, stehen aber auch Zweckverbänden offen": not a plain no
    if not negation and _ASKS_IF_STILL.search(clause) and not _SAYS_STILL.search(answering):
        return None  # "Gibt es den Verband noch?" – "Partner des Verbands waren …" says nothing about today
    return "Nein." if negation else "Ja."


# A yes/no question that asks whether something still holds (the temporal "noch" and its synonyms), and the words by
# which a sentence says that it does: a sentence about the thing that does not is no "Ja".
_ASKS_IF_STILL = re.compile(r"\b(?:noch|weiterhin|nach wie vor|bis heute)\b(?!\s+(?:ein|nicht|kein|mehr|einmal))", re.I)
_SAYS_STILL = re.compile(
    r"\b(?:noch|weiterhin|nach wie vor|bis heute|seit|seitdem|inzwischen|heute|derzeit|aktuell)\b", re.I
)


# Where one main clause of a sentence ends and the next begins: a semicolon, or a comma before a conjunction that adds
# or sets against ("…, höchstens 30.000 Euro, und kann später … ersetzen, wenn …"; "…, während die Aufhebung nur …").
# A concession ("…, aber …") qualifies the clause before it and is read with it (see _CONCESSIVE).
_MAIN_CLAUSES = re.compile(r";\s+|,\s+(?=(?:und|während|wohingegen)\s)")


def _holds_beside_state(clause: str, first: Candidate, weight: Callable[[str], float]) -> bool:
    """The sentence names the question's one state in whatever spelling ("Gibt es in Meck-Pomm …?" – "In
    Mecklenburg-Vorpommern …") and holds most of the rest of the question by its words."""
    rest = without_state(clause)
    if rest is None or not set(detect_states(clause)) <= set(detect_states(first.unit.text)):
        return False
    return _share(_asked_concepts(rest), first.concepts, weight) >= HOLDS_QUESTION


def _asked_concepts(clause: str) -> frozenset[str]:
    """What a yes/no clause asks, as concepts: an inflected form of a stopword ("Hätte", "unserer") asks nothing – the
    corpus side never holds it."""
    return frozenset(concept for concept in concepts(clause) if concept not in STOPWORDS)


def _answering_clause(
    question: QuestionAnalysis, first: Candidate, asked: frozenset[str], weight: Callable[[str], float]
) -> str:
    """The main clause of the sentence that answers the question by itself: it holds most of what the question asks,
    and every noun of the question that the sentence holds (its verb may be said otherwise: "übernimmt" for
    "fördert"). A condition, restriction or negation in another clause qualifies something else ("Thüringen übernimmt
    75 Prozent der Honorarkosten eines Gutachtens …, und kann später den Eigenanteil … ersetzen, wenn die Kooperation
    gefördert wird" says yes to "Fördert Thüringen Gutachten?"); where the sentence names part of the question only in
    another clause ("…; die Beteiligten haben dann einen Anspruch …"), the whole sentence answers."""
    text = first.unit.text
    clauses = _MAIN_CLAUSES.split(text)
    if len(clauses) < 2:
        return text
    # the nouns of the question; its capitalised first word may be its verb ("Fördert Thüringen …?")
    nouns = _asked_topic(question) - question.predicate
    held_by_sentence = {c for c in asked & nouns & first.concepts if weight(c) > 0}
    for clause in clauses:
        found = concepts(clause)
        if held_by_sentence <= found and _share(asked, found, weight) >= HOLDS_QUESTION:
            return clause
    return text


# A main clause set against the one before it ("…, während schlichte Verträge keine Genehmigung brauchen").
_CASE_CONTRAST = re.compile(r",\s+(?=(?:während|wohingegen)\s)")


def _contrasts_cases(text: str) -> bool:
    """The sentence sets two cases against each other and denies in one what it states in the other: "In Sachsen
    sind Zweckvereinbarungen genehmigungspflichtig, während schlichte Verträge keine Genehmigung brauchen" answers
    "Brauchen wir eine Genehmigung?" with neither Ja nor Nein."""
    negated = {bool(_NEGATION.search(clause)) for clause in _CASE_CONTRAST.split(text)}
    return len(negated) == 2


# A conditional clause: its conjunction up to the end of the clause.
_CONDITION_CLAUSE = re.compile(r"\b(?:wenn|sofern|soweit|falls)\b[^;:.]*", re.I)


def _requires_asked(clause: str, asked: frozenset[str], weight: Callable[[str], float]) -> bool:
    """The clause names what a "Müssen …?" question asks about as the condition of its statement ("Gefördert wird
    … nur, wenn alle Partner einen Letter of Intent unterschrieben haben"): it is a requirement, and the answer yes.
    The asked concepts the statement itself holds do not count; the rest must be most of the question and stand in
    the condition ("Eine Genehmigung ist nur nötig, wenn …" makes the asked Genehmigung depend on something else)."""
    condition = " ".join(m.group(0) for m in _CONDITION_CLAUSE.finditer(clause))
    if not condition:
        return False
    rest = asked - concepts(_CONDITION_CLAUSE.sub(" ", clause))
    return _share(asked, rest, weight) >= 0.5 and _share(rest, concepts(condition), weight) >= HOLDS_QUESTION


# A statement put first in the sentence for some states only: "In Sachsen …", "Im Saarland …", "In vielen Ländern …".
_STATE_SCOPE = re.compile(
    r"^(?:In|Im)\s+(?:(?:den meisten|vielen|einigen|manchen|mehreren|anderen)\s+(?P<some>Ländern)\b)?"
)


def _scoped_elsewhere(text: str, asked: set[str]) -> bool:
    """The sentence puts first that it states its rule for some states only ("In vielen Ländern …"), or for other
    states than the ones asked about (any state, when the question names none: "In Sachsen …"): for the asker, the
    answer depends on the state. The source does not say that it is the same everywhere."""
    scope = _STATE_SCOPE.match(text)
    if not scope:
        return False
    if scope.group("some"):
        return True
    # by its name ("In Hessen …"); an adjective ("Im hessischen Dieburg …", "Im bayerischen Landkreis …") places a case
    named = set(detect_states(" ".join(word for word in text.split()[:3] if word[:1].isupper())))
    return bool(named) and not named & asked


# An indirect yes/no question: "ob" up to the end of its clause.
_INDIRECT_QUESTION = re.compile(r"\bob\b[^,;:.]*", re.I)


def _indirect_question(text: str) -> str:
    """What the sentence leaves open: the words of its "ob"-clauses ("Ob … genehmigt werden muss, regelt jedes Land
    selbst"). A sentence that repeats the question as an open one answers it with neither Ja nor Nein."""
    return " ".join(m.group(0) for m in _INDIRECT_QUESTION.finditer(text))


def _adds_condition(question: str, clause: str) -> bool:
    """The clause makes the answer depend on a condition or restriction ("wenn …", "nur …", "in der Regel"); one the
    question itself names ("Darf … nur stundenweise …?" – "… auch nur zeitanteilig …") is what it asks about, not a
    condition the answer adds."""
    own = {m.group(0).lower() for m in _CONDITIONAL.finditer(question)}
    added = any(m.group(0).lower() not in own for m in _CONDITIONAL.finditer(clause))
    return added or opens_with_verb_first_condition(clause)


# "kein" and the noun phrase it negates, up to its noun ("keine allein richtige Rechtsform").
_NO_THING = re.compile(r"\bkein\w*\s+((?:[\w-]+\s+){0,3}?[A-ZÄÖÜ][\w-]*)")


def _denies_something_else(text: str, existent: frozenset[str]) -> bool:
    """Every negation of the sentence is a "kein" before another thing than a "Gibt es …?" question asks about: "keine
    Geldleistung" leaves the asked "Förderprogramm" standing. A "nicht" may negate the whole statement."""
    negations = [m.group(0).lower() for m in _NEGATION.finditer(text)]
    if any(not word.startswith("kein") for word in negations):
        return False
    return not any(existent & concepts(m.group(1)) for m in _NO_THING.finditer(text))


def _names_another_kind(question: QuestionAnalysis, clause: str, text: str, found: frozenset[str]) -> bool:
    """The sentence speaks of another kind of what the question asks about, not of the asked one: a compound with the
    asked one's head and another modifier ("Pkw-Führerschein" for "Busführerschein"), or the asked verb with another
    prefix ("entfallen" for "anfallen"). A "Ja" or "Nein" would answer about that other thing. ``found``: the
    sentence's concepts."""
    words = re.findall(r"\w+(?:-\w+)*", text)
    for noun in topic_words(clause):
        parts = compound_parts(noun.split("-")[-1].lower())
        if len(parts) < 2 or lemma(noun).lower() in found or re.search(rf"\b{re.escape(parts[0])}\w*-\s", text, re.I):
            continue  # the asked compound itself, also in an elliptic pair ("Grundbuch- und Gerichtsgebühren")
        tail = lemma("".join(parts[1:]).capitalize())
        if any(_another_with_ending(word, tail, lemma(noun)) for word in words if word[0].isupper()):
            return True
    for verb in question.predicate:
        base = separable_base(verb)
        if base and verb not in found and any(_another_with_ending(word, base, verb) for word in words):
            return True
    return False


def _another_with_ending(word: str, ending: str, asked: str) -> bool:
    """The word ends in the asked word's ending (head or verb base) but is another word than the asked one."""
    own, ending = lemma(word).lower(), ending.lower()
    return own != asked.lower() and len(own) > len(ending) and own.endswith(ending)


# An exceptive phrase inside a statement: "… nimmt alle Angelegenheiten wahr, ausgenommen den Erlass von Satzungen".
_EXCEPTION = re.compile(r"\b(?:ausgenommen|außer|mit Ausnahme)\s+[^,;.()]+")


def _excepts_asked(text: str, asked: frozenset[str], weight: Callable[[str], float]) -> bool:
    """The sentence names what the question asks about only in an exception: "Darf eine Verwaltungsgemeinschaft
    Satzungen erlassen?" – "Sie nimmt alle Angelegenheiten wahr, ausgenommen den Erlass von Satzungen" says no."""
    phrases = _EXCEPTION.findall(text)
    if not phrases:
        return False
    excepted = set().union(*(concepts(phrase) for phrase in phrases))
    rest = concepts(_EXCEPTION.sub(" ", text))
    return any(weight(concept) > 0 for concept in (asked & excepted) - rest)


def defines(sentence: str, term: str | None) -> bool:
    """The sentence defines the term: the term is its subject before the copula ("Ein Zweckverband ist …",
    "Die Mitverwaltung bezeichnet …") or it says "Unter … versteht man …"."""
    if not term:
        return False
    head = re.escape(term.split()[-1][: max(4, len(term.split()[-1]) - 2)])
    article = r"(?:(?:Ein|Eine|Einer|Der|Die|Das)\s+)?(?:[a-zäöüß-]+\s+){0,3}"  # only adjectives before it
    opening = re.search(rf"^{article}[„\"]?[\w-]*(?i:{head})[\w-]*[“\"]?(\s+\([^)]*\))?\s+{_COPULA}\b", sentence)
    if opening and _RELATION.match(sentence, opening.end()):
        return False  # "Die Kooperationshoheit ist Teil der Selbstverwaltungsgarantie" places it, it does not define it
    return bool(opening) or bool(re.search(rf"\bunter\b.{{0,60}}{head}.{{0,60}}\bversteht man\b", sentence, re.I))
