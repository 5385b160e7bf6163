"""What a question asks: its form (yes/no, definition, list, comparison, procedure, reason, fact), the kind of
answer it expects, the states and legal forms it names, and the details a passage must hold to answer it.

Everything here is a general rule of German question syntax; nothing is keyed to particular questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache

from assistant.ingest.chunking import split_sentences
from assistant.language.analysis import (
    ARTICLES,
    PREPOSITIONS,
    STOPWORDS,
    WITHOUT_UMLAUTS,
    agent_noun,
    concepts,
    lemma,
)
from assistant.language.legal_references import LegalReference, legal_references
from assistant.language.states import STATES, detect_states
from assistant.language.verbs import (
    QUESTION_WORDS,
    ablaut_noun,
    asked_predicate,
    opens_with_finite_verb,
    separable_base,
)
from assistant.question.answer_type import (
    ADVISING,
    AnswerType,
    AskedQuantity,
    asked_kind,
    asked_quantity,
    asks_for_items,
    expected_answer_types,
)
from assistant.question.comparison import comparison_subjects
from assistant.question.rewrite import detect_forms


class QuestionForm(Enum):
    YESNO = "yesno"
    DEFINITION = "definition"
    COMPARISON = "comparison"
    LIST = "list"
    PROCEDURE = "procedure"
    REASON = "reason"
    FACT = "fact"  # when, how many, who, what is it called …
    OPEN = "open"


_CLAUSE_OPENERS = re.compile(r"^(und|aber|also|oder|denn|ok|okay|frage)\b[,:]?\s*", re.I)
_YESNO_PHRASES = re.compile(r"^(stimmt es|ist es (richtig|korrekt|zulässig|möglich|erlaubt)|trifft es zu)\b", re.I)
_DEFINITION = re.compile(
    r"^\s*(was (ist|sind|bedeutet|bedeuten|heißt|meint)|was versteht man unter|definition|erklär\w*)\b"
    r"|\bwas (ist|sind|bedeutet|heißt)( (denn|da|damit|das|darunter|eigentlich|genau|gemeint))*\W*$"
    r"|\bwofür steht\b|\bwas heißt .{1,40} ausgeschrieben|\bwas bedeutet die abkürzung\b",
    re.I,
)
_COMPARISON = re.compile(r"\b(unterschied\w*|unterscheid\w*|vergleich\w*|versus|vs\.?|im gegensatz|gegenüber)\b", re.I)
# "Welche Rechtsformen gibt es …", "Welche Voraussetzungen müssen …", "Was sind die Schritte …", "Nenne …".
_LIST = re.compile(
    r"\bwelchen?\s+\w+(en|er|e|n|s)\b(?=.*\b(gibt es|sind|gelten|müssen|können|stehen|kommen|kennt|kennen|hat|haben"
    r"|braucht|brauchen|nennt|fördert|gehören|zählen)\b)"
    r"|^\s*(was sind die|nenne|nennen sie|liste|aufzählung)\b|\bwelche\s+\w+\s+gibt es\b"
    r"|\b(unter|mit) welchen (voraussetzungen|bedingungen)\b",
    re.I,
)
_PROCEDURE = re.compile(
    r"\bwie\s+(gründe\w*|geht|gehen|läuft|laufen|funktioniert|beantrag\w*|komm\w*|schließ\w*|bild\w*|richte\w*"
    r"|löse\w*|werde\w*|wird|kann man|können wir|muss man|müssen wir|macht man|machen wir|organisier\w*)\b"
    r"|\b(was (ist|muss|müssen) .{0,40}(zu tun|beachten|beachtet))\b|\b(schritte|ablauf|vorgehen|verfahren)\b",
    re.I,
)
_REASON = re.compile(r"\b(warum|weshalb|wieso|weswegen|wozu|aus welchem grund)\b", re.I)
_FACT_TYPES = {
    AnswerType.DATE,
    AnswerType.UNTIL,
    AnswerType.SINCE,
    AnswerType.NUMBER,
    AnswerType.NAME,
    AnswerType.AGENT,
    AnswerType.MEMBERS,
}
# Kinds of answer that a long question's context names without asking for them.
_ASKED_IN_CLAUSE = {AnswerType.ADVICE, AnswerType.RESULT}
# The words that ask for a comparison, not for what is compared.
COMPARING = frozenset({"unterscheiden", "unterschied", "vergleich", "vergleichen", "gegenüber"})
_ALL_STATES = re.compile(r"\b(in den|alle\w*|je|pro|jede\w*) (bundes)?länder\w*\b|\bbundesweit\b", re.I)
# Details a passage must contain to answer the question: years, dates, amounts, paragraph numbers.
_DETAIL = re.compile(r"§\s*\d+\w*|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b(19|20)\d\d\b|\b\d+(?:[.,]\d+)?\b")


# A name the question quotes ("„Starke Heimat Hessen“", 'Zukunftsräume Niedersachsen'): a programme, law, project or
# title, which a passage that answers must name. A single quote opens only after a space ("Gibt's" is no quote).
_QUOTED = re.compile(r"[„“\"»]([^„“”\"»«]{3,80})[“”\"«]|(?:(?<=\s)|^)['‚‘]([^'‚‘’]{3,80})['’‘](?!\w)")


def quoted_names(question: str) -> tuple[str, ...]:
    names = (match.group(1) or match.group(2) for match in _QUOTED.finditer(question))
    return tuple(name.strip() for name in names if any(c.isupper() for c in name))


def question_details(question: str) -> tuple[str, ...]:
    """The details an answer must hold: paragraphs wherever the question cites them, figures and dates only in the
    clause that asks ("Wir sind eine Gemeinde mit 3.000 Einwohnern. Können wir …?" tells its size, it does not ask
    about it)."""
    asked = last_clause(question)
    found = [m.group(0) for m in _DETAIL.finditer(question) if m.group(0).startswith("§")]
    found += [m.group(0) for m in _DETAIL.finditer(asked) if not m.group(0).startswith("§")]
    return tuple(dict.fromkeys(detail.replace(" ", "") for detail in found))


@dataclass(frozen=True)
class QuestionAnalysis:
    text: str
    form: QuestionForm
    answer_types: frozenset[AnswerType] = frozenset()
    states: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    concepts: frozenset[str] = field(default_factory=frozenset)
    parts: tuple[QuestionAnalysis, ...] = ()  # coordinated questions: "Was ist X, und welche Organe hat er?"
    term: str | None = None  # what a definition question asks about: "Zweckverband" in "Was ist ein Zweckverband?"
    quantity: AskedQuantity | None = None  # what a "Wie viele …?" question counts
    references: tuple[LegalReference, ...] = ()  # provisions it cites: "§ 2b Abs. 3 Nr. 1 UStG"
    subjects: tuple[str, ...] = ()  # what a comparison compares: "Stadtreinigung Hamburg", "Remondis"
    given: frozenset[str] = field(default_factory=frozenset)  # what it excludes: "außer Gemeinden und Landkreisen"
    asked_kind: str | None = None  # the noun of a "welch-" question: "gesetz" in "In welchem Gesetz …?"
    quoted: tuple[str, ...] = ()  # the names it quotes: "Starke Heimat Hessen"

    @cached_property
    def sought(self) -> frozenset[str]:
        """The concepts an answer must hold: those the question excludes ("außer im Köllertal") are known already."""
        return self.concepts - self.given

    @cached_property
    def context_only(self) -> frozenset[str]:
        """The concepts that stand only in the context a long question gives before it asks ("Mal angenommen, wir
        wollen da nicht mitmachen: Kann man uns … zwingen, …?")."""
        asked = asked_clause(self.text)
        if not asked or self.form is QuestionForm.COMPARISON:  # "X oder Y – worin …?" names its subjects first
            return frozenset()
        if refers_back(asked):  # "… der Schulverband Eiderstedt … Woran ist er gescheitert?"
            return frozenset()
        # the state a question is about stays its scope wherever it is named ("Ich bin Ortsbürgermeister in …")
        return self.concepts - concepts(asked) - {state.lower() for state in self.states}

    @cached_property
    def aspect(self) -> frozenset[str]:
        """What a comparison compares its subjects on, named by the nouns of the asked clause ("Wie unterscheiden
        sich … bei der Mindestgröße eines Amtes?"); "worin liegt der Unterschied?" names nothing beyond them."""
        if self.form is not QuestionForm.COMPARISON:
            return frozenset()
        own = set().union(*(concepts(subject) for subject in self.subjects)) | {s.lower() for s in self.states}
        nouns = " ".join(re.findall(r"(?<!^)\b[A-ZÄÖÜ][\w-]*", last_clause(self.text)))
        return self.sought & concepts(nouns) - own - COMPARING

    @cached_property
    def hinge(self) -> frozenset[str]:
        """What a focus particle marks as the point of the question ("Kann man den Widerruf nur für einzelne Bereiche
        erklären?", "Gilt das auch für Zweckverbände?"): the concepts of the phrase after it."""
        clause = last_clause(self.text)
        if _SUBORDINATE_OPENING.match(clause.rsplit(",", 1)[-1]):
            return frozenset()  # "…, damit die Frist auch für unsere Gemeinde gilt?": the purpose, not the point asked
        focus = _FOCUS.search(clause)
        return concepts(focus.group("phrase")) if focus else frozenset()

    @cached_property
    def predicate(self) -> frozenset[str]:
        """What a yes/no question asks of its subject, by the verb or predicative word that names it ("Fördert Bremen
        die Zusammenarbeit?" – fördern); empty when its verbs name nothing of their own ("Gibt es …?")."""
        if self.form is not QuestionForm.YESNO:
            return frozenset()
        return predicate_of(last_clause(self.text))

    @cached_property
    def existent(self) -> frozenset[str]:
        """What a "Gibt es …?" question asks to exist, by the concepts of its object ("Gibt es in Hamburg eine
        Förderung …?" – fördern): "es gibt" names nothing of its own, its object carries the question."""
        if self.form is not QuestionForm.YESNO:
            return frozenset()
        return frozenset().union(*(concepts(noun) for noun in existential_objects(last_clause(self.text))))

    @cached_property
    def asks_if_enough(self) -> bool:
        """ "allein" after its focus ("Reicht der Erhalt der Infrastruktur allein aus?"), or a question that opens with
        "reichen" or "genügen" ("Reicht es, die Vereinbarung bloß anzuzeigen?"): the question asks whether one thing
        suffices, and the answer says what else is needed – a sentence that only names the thing does not say yes."""
        clause = last_clause(self.text)
        return bool(_POSTPOSED_FOCUS.search(clause) or _SUFFICES.match(clause))

    @cached_property
    def phrasing(self) -> frozenset[str]:
        """The concepts of the words it writes in lower case only: German capitalises nouns and names, so these are
        its verbs, adjectives and adverbs. A question typed all in lower case shows nothing of the kind; the state
        it names stays its scope however it is written ("bayerischen")."""
        words = re.findall(r"[\w-]+", self.text)
        if not any(word[0].isupper() for word in words[1:]):
            return frozenset()
        capitalised = " ".join(word for word in words if not word[0].islower())  # also "2b", "§"
        return self.concepts - concepts(capitalised) - {state.lower() for state in self.states}

    @cached_property
    def own_words(self) -> frozenset[str]:
        """The concepts that stand as words of their own, not only as parts of a compound."""
        return concepts(self.text, with_parts=False)

    @property
    def across_subjects(self) -> bool:
        """Comparisons, and lists across states or legal forms, may draw on more than two documents."""
        if self.form is QuestionForm.COMPARISON:
            return True
        several = len(self.states) > 1 or len(self.legal_forms) > 1 or bool(_ALL_STATES.search(self.text))
        return self.form is QuestionForm.LIST and several


# Within a sentence: a dash or a colon; after a period that syntok reads as an abbreviation ("… steht dauernd
# VGemO. Wofür steht das?"), a capitalised question word.
_CLAUSE_BREAK = re.compile(
    r"\s+[–-]\s+|:\s+|(?<=\.)\s+(?=(?:" + "|".join(sorted(w.capitalize() for w in QUESTION_WORDS)) + r")\b)"
)


# A focus particle and the phrase after it, up to the verb that may end the clause.
_FOCUS = re.compile(r"\b(?:nur|auch|sogar|ausschließlich|allein)\s+(?P<phrase>[^?,;]+?)(?:\s+[a-zäöüß]\w*)?\s*\?$")
_POSTPOSED_FOCUS = re.compile(r"\b(?:allein|alleine)\s+(?:\w+\s*)?\?$")
_SUFFICES = re.compile(r"\s*(?:Reicht|Reichen|Genügt|Genügen)\b")


# Pronouns and pronominal adverbs by which an asked clause refers to what its context named.
_REFERS_BACK = re.compile(
    r"\b(?:er|ihn|ihm|dies|diese[rsnm]?|dort|dabei|dafür|dazu|davon|damit|darauf|daran|darüber|daraus)\b", re.I
)


# Spoken German uses the article as a pronoun for a thing just named ("… in einer Verwaltungsgemeinschaft – darf die
# eigentlich Satzungen erlassen?", "kann der dann …"): an article followed by a function word stands alone. Neuter
# "das" is left out: it mostly points to the whole situation ("Ist das zulässig?"), whose words count half.
_SPOKEN_POINTER = re.compile(r"\b(?:der|die|den|dem)\s+(?P<next>[a-zäöüß]+)\b")


def refers_back(clause: str) -> bool:
    """The clause refers to what the question's context named ("Woran ist er gescheitert?", "Wer hat dazu …?",
    "… – darf die eigentlich Satzungen erlassen?")."""
    if _REFERS_BACK.search(clause):
        return True
    return any(match.group("next") in STOPWORDS for match in _SPOKEN_POINTER.finditer(clause))


@lru_cache(maxsize=4096)  # asked for many times per question (form, details, quantity, asked clause …)
def last_clause(question: str) -> str:
    """The clause that carries the question: long questions give context first, then ask."""
    # sentences as the corpus is split ("§ 2b Abs. 3 Nr. 2", "P.I.A." end no sentence), then dashes and colons
    pieces = [p for sentence in split_sentences(question.strip()) for p in _CLAUSE_BREAK.split(sentence)]
    parts = [p for p in pieces if p.strip()]
    asked = [p for p in parts if p.rstrip().endswith("?")]
    clause = (asked or parts or [question])[-1].strip()
    return _CLAUSE_OPENERS.sub("", main_clause(clause))


def asking_sentences(question: str) -> list[str]:
    """The sentences of a question that ask (end with a question mark); all of them when none does."""
    sentences = [sentence for sentence in split_sentences(question.strip()) if sentence.strip()]
    return [sentence for sentence in sentences if sentence.rstrip().endswith("?")] or sentences or [question]


def asked_clause(question: str) -> str | None:
    """The clause that asks, when a long question gives context first ("Wir sind amtsangehörig – woher bekommt so ein
    Amt sein Geld?"); None when the question is all question. Headings are questions: the asked clause alone may
    match the one that answers better than the whole question does."""
    asked = last_clause(question)
    return asked if asked != question.strip() and len(asked.split()) >= 3 else None


_EXISTENTIAL = re.compile(r"^(?:gibt|gab|gäbe)\s+es\b(?P<rest>[^,?]*)", re.I)


def existential_objects(clause: str) -> tuple[str, ...]:
    """The noun a "Gibt es …?" clause asks about: the first noun after "es" outside a prepositional phrase ("Gibt es
    zum Leitfaden LebensWert auch einen Film?" – "Film"); German writes nouns capitalised. "Beispiel" asks for an
    instance of what its "für" names, and either names it ("Gibt es ein Beispiel für eine gemeinsame Vergabestelle?" –
    "Beispiel", "Vergabestelle"); without a "für" the instance is described in a clause, and no noun tells it."""
    match = _EXISTENTIAL.match(clause.strip())
    if not match:
        return ()
    found: list[str] = []
    in_phrase = after_noun = instance = False
    for word in re.findall(r"[\w-]+", match.group("rest")):
        if instance and word.lower() == "für":
            instance = False
        elif word.lower() in PREPOSITIONS:
            in_phrase, after_noun = True, False
        elif word[0].isupper():
            if not in_phrase:
                found.append(word)
                if lemma(word) != "beispiel":
                    return tuple(found)
                instance = True
            after_noun = True  # the phrase's noun, and a name after it ("zum Leitfaden LebensWert")
            if detect_states(word):
                in_phrase = after_noun = False  # a state's name is a whole phrase ("in Berlin Förderprogramme")
        elif after_noun and not instance:
            in_phrase = after_noun = False  # a lower-case word after the phrase's noun ends it ("… auch einen Film")
    return () if instance else tuple(found)  # "ein Beispiel, wo …" names the instance in a clause


def predicate_of(clause: str) -> frozenset[str]:
    """The concept of what a yes/no clause asks of its subject (``asked_predicate``), a particle verb also without its
    particle, which a statement sets apart ("anfallen", "fallen"), and as its ablaut noun ("beitreten", "Beitritt");
    empty for a function word ("Geht das?")."""
    word = asked_predicate(clause)
    if not word or word.lower() in STOPWORDS:
        return frozenset()
    verb = lemma(word)
    return frozenset({verb, separable_base(verb), ablaut_noun(verb)}) - {None}


# A polite request put as a question ("Können Sie mir die Praxisbeispiele nennen?", "Könnten Sie mir erklären, wie
# …?") asks for what it names, not for a yes or no: a modal verb addressed to the reader, with a verb of saying,
# showing or listing at the end of the clause, or followed by an embedded w-question. "…, ob …" stays a yes/no question.
_REQUEST = re.compile(r"^(?:können|könnten|kannst|könntest|würden|würdest)\s+(?:sie|du)\b", re.I)
_TELLING = re.compile(
    r"\b(?:nennen|sagen|erklären|erläutern|zeigen|auflisten|aufzählen|beschreiben|zusammenfassen|schildern|mitteilen"
    r"|empfehlen)\W*$"
    r"|,\s*(?:wie|was|wer|wen|wem|wo|wann|warum|weshalb|wieso|wozu|woher|wohin|welche\w*|inwiefern|inwieweit)\b",
    re.I,
)


def is_request(question: str) -> bool:
    return bool(_REQUEST.match(question)) and bool(_TELLING.search(question))


def is_yes_no(question: str) -> bool:
    clause = last_clause(question)
    words = re.findall(r"\w+", clause.lower())
    if len(words) < 2 or is_request(clause):
        return False
    return opens_with_finite_verb(words[0]) or bool(_YESNO_PHRASES.match(clause))


# Subordinating conjunctions that open an adverbial clause (condition, time, cause, concession).
_SUBORDINATE_OPENING = re.compile(
    r"^\s*(?:wenn|falls|sofern|soweit|sobald|solange|nachdem|bevor|weil|da|obwohl|damit|dass|sodass|ob)\b", re.I
)


def main_clause(clause: str) -> str:
    """The clause without a subordinate clause put first: "Wenn wir fusionieren, können wir dann … erhalten?" asks
    like "Wenn wir fusionieren – können wir dann … erhalten?"; the main clause opens with its finite verb or question
    word after the comma."""
    if not _SUBORDINATE_OPENING.match(clause):
        return clause
    for comma in re.finditer(r",\s*", clause):
        rest = clause[comma.end() :]
        first = re.match(r"\w+", rest)
        if first and (opens_with_finite_verb(first.group(0).lower()) or first.group(0).lower() in QUESTION_WORDS):
            return rest
    return clause


def question_form(question: str, answer_types: frozenset[AnswerType]) -> QuestionForm:
    if _COMPARISON.search(question):
        return QuestionForm.COMPARISON
    if _DEFINITION.search(question):
        return QuestionForm.DEFINITION
    if is_yes_no(question):
        return QuestionForm.YESNO
    if _LIST.search(question) or asks_for_items(last_clause(question)):
        return QuestionForm.LIST
    if answer_types & _FACT_TYPES:
        return QuestionForm.FACT
    if _REASON.search(question):
        return QuestionForm.REASON
    if _PROCEDURE.search(question):
        return QuestionForm.PROCEDURE
    return QuestionForm.OPEN


# Two questions in one: a second W-question after "und" or after a question mark.
_COORDINATED = re.compile(
    r"\?\s+(?=\S)|,?\s+und\s+(?=(wie|was|wer|wo|wann|warum|welche\w*|ob|wozu|wofür|seit wann|bis wann)\b)", re.I
)


def split_coordinated(question: str) -> list[str]:
    parts, start = [], 0
    for match in _COORDINATED.finditer(question):
        parts.append(question[start : match.start()] + ("?" if match.group(0).startswith("?") else ""))
        start = match.end()
    parts.append(question[start:])
    return [p.strip() for p in parts if len(p.split()) >= 2]


_TERM = re.compile(
    r"^\s*(?:was (?:ist|sind|bedeutet|bedeuten|heißt|meint)|was versteht man unter|definition|erklär\w*"
    r"|wofür steht(?: eigentlich)?(?: die abkürzung)?)\s+"
    r"(?:(?:ein|eine|einer|einem|der|die|das|den|dem|des|unter)\s+)?(?P<term>[^?,;.]+)"
    r"|^\s*(?P<front>[^?,;–-]+?)\s*[,–-]+\s*was (?:ist|sind|bedeutet|heißt)"
    r"|^\s*(?:was heißt|was bedeutet)\s+(?P<short>\S+)\s+ausgeschrieben",
    re.I,
)


def definition_term(question: str) -> str | None:
    clause = last_clause(question)
    match = _TERM.search(clause) or _TERM.search(question)
    term = (match.group("term") or match.group("front") or match.group("short") or "").strip() if match else ""
    if not term or all(word in STOPWORDS for word in re.findall(r"\w+", term.lower())):
        # "In einem Schreiben steht dauernd VGemO. Wofür steht das?": the term is the last name in the context.
        context = question[: len(question) - len(clause)] if question.endswith(clause) else question
        # A name has a capital letter somewhere ("VGemO", "jPöR", "gKU"); "Ich" and other stopwords are none.
        words = re.findall(r"[\wÄÖÜäöüß-]+", context)
        names = [w for w in words if any(ch.isupper() for ch in w) and w.lower() not in STOPWORDS]
        # the state is where it is asked about ("Mitverwaltung in Brandenburg – was ist das?"), not what
        term = ([name for name in names if name not in STATES] or names or [""])[-1]
    term = re.sub(r"\s+(eigentlich|genau|denn|überhaupt|im Sinne .*|bei .*|in .*)$", "", term, flags=re.I)
    return term or None


def heading_question(question: str) -> str | None:
    """The question as a section heading would ask it, when that differs from the whole question: the asked clause
    of a long question; for "Mitverwaltung in Brandenburg – was ist das?", whose asked clause only points back,
    "Was ist Mitverwaltung?"."""
    asked = asked_clause(question)
    pointer = asked and all(word in STOPWORDS for word in re.findall(r"\w+", asked.lower()))
    if pointer and _TERM.search(asked):
        term = definition_term(question)
        return f"Was ist {term}?" if term else asked
    return asked


# "die beiden Modelle", "beide sächsischen Verwaltungsformen": the noun after "beide" names the class of the
# compared subjects, an anaphor for them, not what they are compared on.
_BOTH = re.compile(r"\b(?P<both>beide[nmrs]?)\s+(?:[a-zäöüß]\w*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]*)")


def compared_class(question: str) -> frozenset[str]:
    match = _BOTH.search(question)
    return concepts(f"{match.group('both')} {match.group('noun')}") if match else frozenset()


_EXCEPTIVE = re.compile(r"\b(?:außer|ausser|abgesehen von)\s+(?P<rest>[^?,;:]+)", re.I)
# Articles and prepositions inside a noun phrase ("außer im Köllertal", "außer den Landkreisen").
_PHRASE_GLUE = frozenset([*ARTICLES, "im", "in", "am", "an", "bei", "beim", "vom", "von", "zum", "zur"])


def excepted_words(question: str) -> str:
    """What an exceptive phrase names ("Wer darf außer Gemeinden und Landkreisen Mitglied werden?"): the nouns
    after "außer" or "abgesehen von", joined by "und", "oder" or commas; the phrase ends at the first word that
    continues the clause ("Mitglied", "noch")."""
    given: list[str] = []
    for match in _EXCEPTIVE.finditer(question):
        expect_noun = True
        for word in match.group("rest").split():
            if word.lower() in _PHRASE_GLUE or (expect_noun and word[:1].islower() and word.lower() not in STOPWORDS):
                continue  # articles, prepositions and adjectives before the noun
            if expect_noun and word[:1].isupper():
                given.append(word)
                expect_noun = False
            elif word.lower() in ("und", "oder", "sowie"):
                expect_noun = True
            else:
                break
    return " ".join(given)


def agent_nouns(question: str, answer_types: frozenset[AnswerType]) -> frozenset[str]:
    """A "Wer …?" question asks for the agent of its verb, and the answer often names it by the agent noun: "Wer
    betreibt die Plattform?" – "Betreiber der Plattform ist …"."""
    if AnswerType.AGENT not in answer_types:
        return frozenset()
    found = set()
    for word in re.findall(r"\w+", last_clause(question))[1:]:
        if word[0].isupper() or word.lower() in STOPWORDS:
            continue
        verb = lemma(word)
        # the verb's own stem opens the form: "gehört" is a form of "gehören", not of "hören"
        stem = verb[:-2].translate(WITHOUT_UMLAUTS)
        if verb.endswith("en") and word.lower().translate(WITHOUT_UMLAUTS).startswith(stem):
            found.add(agent_noun(verb))
    return frozenset(found - {None})


def understand(question: str, with_parts: bool = True) -> QuestionAnalysis:
    # "Das Hallenbad bezahlen mehrere Gemeinden – wer kümmert sich um den Betrieb?": the asked clause has its own
    # question word, which patterns anchored at the start of the question would miss.
    asked = expected_answer_types(last_clause(question))
    # advice and results are asked for by the asked clause only: "Wir wollen prüfen lassen, ob sich eine gemeinsame
    # Verwaltung lohnt. … Müssen wir das Geld dann zurückzahlen?" asks for no result
    # a figure is asked for by a sentence that asks: "Im Rat wurde vorgeschlagen, gegen die Höhe der Umlage zu
    # klagen. Gibt es dazu schon eine Entscheidung?" asks for none
    figure = expected_answer_types(" ".join(asking_sentences(question))) & {AnswerType.NUMBER}
    context_only = _ASKED_IN_CLAUSE - asked | {AnswerType.NUMBER} - figure
    answer_types = frozenset(expected_answer_types(question) - context_only | asked)
    pieces = split_coordinated(question) if with_parts else []
    form = question_form(question, answer_types)
    excepted = excepted_words(question)
    return QuestionAnalysis(
        text=question,
        form=form,
        answer_types=answer_types,
        states=tuple(state for state in detect_states(question) if state not in detect_states(excepted)),
        legal_forms=tuple(detect_forms(question)),
        details=question_details(question),
        # the words that ask for advice ask for a kind of answer, they name no topic
        concepts=frozenset(concepts(question)) - (ADVISING if AnswerType.ADVICE in answer_types else frozenset())
        | agent_nouns(question, answer_types),
        parts=tuple(understand(piece, with_parts=False) for piece in pieces) if len(pieces) > 1 else (),
        term=definition_term(question),
        quantity=asked_quantity(last_clause(question)),
        references=tuple(legal_references(question)),
        subjects=comparison_subjects(question) if form is QuestionForm.COMPARISON else (),
        given=(concepts(excepted) if excepted else frozenset())
        | (compared_class(question) if form is QuestionForm.COMPARISON else frozenset()),
        asked_kind=asked_kind(question),
        quoted=quoted_names(question),
    )
