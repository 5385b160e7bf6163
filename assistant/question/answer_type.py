"""What kind of answer a question asks for, and whether a sentence has that kind of content.

"Bis wann wurde die Frist verlängert?" is answered by the sentence with the date, not by the one that repeats
the question's words best; "Warum …?" by the sentence that gives a reason. These cheap patterns let the
extractive composer prefer such sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import simplemma

from assistant.language.analysis import WITHOUT_UMLAUTS, compound_parts, concepts, lemma
from assistant.language.states import detect_states


class AnswerType(Enum):
    DATE = "date"
    UNTIL = "until"  # "Bis wann …?" wants the end of a period, not any date
    SINCE = "since"
    NUMBER = "number"
    REASON = "reason"
    MEMBERS = "members"
    NAME = "name"
    AGENT = "agent"  # "Wer …?": a person, body or organisation
    ADVICE = "advice"  # "Worauf sollten wir achten?": a recommendation or a lesson learnt
    RESULT = "result"  # "Hat sich das gelohnt?", "Was hat es gebracht?": what a cooperation achieved or saved


_NUMBER_WORDS = (
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert|tausend|"
    r"erste\w*|zweite\w*|dritte\w*|vierte\w*|fünfte\w*|sechste\w*|hälfte|drittel|viertel|dutzend"
)

_MONTHS = "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"

_QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    (AnswerType.UNTIL, re.compile(r"\bbis wann\b", re.I)),
    (AnswerType.SINCE, re.compile(r"\b(seit|ab) wann\b", re.I)),
    (AnswerType.DATE, re.compile(r"\b(wann|welche[mns]? jahr\w*|zeitpunkt|stichtag|datum|zeitraum)\b", re.I)),
    (
        AnswerType.NUMBER,
        re.compile(
            r"\b(wie ?viele?\w*|wievielt\w*|wie (hoch|groß|lange|teuer|alt|weit)|höchstens|maximal|mindestens|"
            r"anzahl|betrag|summe|anteil|prozentsatz|quote|kostet|gekostet|"
            r"(ab|bis) welche[rmn]? (?!(jahr|datum|zeitpunkt|tag|monat|stichtag|termin)\w*))\b",  # a threshold
            re.I,
        ),
    ),
    (AnswerType.REASON, re.compile(r"\b(warum|weshalb|wieso|weswegen|wozu|aus welchem grund|beweggr\w*)\b", re.I)),
    (
        AnswerType.MEMBERS,
        re.compile(
            r"\b(welche (gemeinden|kommunen|städte|orte|landkreise|kreise|partner|mitglieder|länder)\b"
            r"|wer (gehört|macht|ist beteiligt|sind die partner)|gehören zu)",
            re.I,
        ),
    ),
    (AnswerType.AGENT, re.compile(r"^\s*(und )?(wer|von wem|bei wem|durch wen|an wen)\b", re.I)),
    (AnswerType.NAME, re.compile(r"\b(wie (heißt|hieß|lautet|nennt sich)|(unter)?titel|bezeichnung)\b", re.I)),
    # the verbs of heeding and advising and their nouns, and the subjunctive of sollen: "Worauf sollten wir achten?",
    # "Was ist zu beachten?", "Was empfehlen Sie?", "Gibt es Tipps …?", "Was sollten wir verlangen?"
    (
        AnswerType.ADVICE,
        re.compile(
            r"\b(worauf\b.*\b(achten|aufpassen|ankommen)|worauf kommt es|(be)?achten|beachtet|berücksichtigen|bedenken"
            r"|empfehl\w*|empfiehlt|ratsam|raten|rät|ratschl\w*|tipps?"
            # the subjunctive of sollen asks what is advisable: "Was sollten wir verlangen?", "was wir … tun sollten"
            r"|sollten (wir|man|ich)|sollte (man|ich)|(wir|man|ich)\b[^,.;?!]{0,60}\bsollten?)\b",
            re.I,
        ),
    ),
    # what came of it: "Hat sich das gelohnt?", "Was hat es gebracht?", "Bringt das was?", "Was wurde gespart?"
    (
        AnswerType.RESULT,
        re.compile(
            r"\b(gelohnt|lohnt|lohnen|rentiert|gebracht|(bringt|bringen|brachte)\b[^?]*\b(was|etwas|viel)"
            r"|Ergebnisse?|Erfolg|Bilanz|gespart|eingespart|Einsparung(en)?)\b",
            re.I,
        ),
    ),
]

# The words that ask for advice name no topic ("Worauf sollten wir bei einem Bäderzweckverband achten?" is about the
# Bäderzweckverband): the verbs of heeding and advising and their nouns, as the lemmatiser reads them.
_ADVISING_WORDS = "achten beachten aufpassen berücksichtigen bedenken empfehlen Empfehlung raten Rat Tipp Tipps"
ADVISING = frozenset(lemma(word) for word in _ADVISING_WORDS.split())

_NAME = r"[A-ZÄÖÜ][\w.()/-]*(?: [A-ZÄÖÜ(][\w.()/-]*)?"  # "Bad Nauheim", "Allendorf (Eder)"

_SENTENCE_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    # "bis 31.12.2026", "vor dem 01.01.2027 ausgeführt", "spätestens zum 30.06.": the end of a period
    AnswerType.UNTIL: re.compile(
        rf"\b(?:bis|vor dem|spätestens(?: am| zum| bis)?) (zum |ende |mitte |anfang )?(\d|{_MONTHS})", re.I
    ),
    AnswerType.SINCE: re.compile(rf"\b(seit|ab) (dem |den |ende |mitte |anfang )?(\d|{_MONTHS})", re.I),
    AnswerType.DATE: re.compile(r"\b(1[89]|20)\d\d\b|\b\d{1,2}\.\s?\d{1,2}\.|\b\d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4}\b"),
    AnswerType.NUMBER: re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I),  # narrowed by count_like() below
    AnswerType.REASON: re.compile(
        r"\b(weil|da sie|da die|da der|deshalb|daher|darum|deswegen|weshalb|weswegen|grund|gründe|anlass|beweggr\w*|"
        r"ziel|um [^.]* zu|damit|wegen|aufgrund|infolge)\b",
        re.I,
    ),
    # Three or more capitalised names in a row: "Germaringen, Kaltental, Mauerstetten und …", "Püttlingen,
    # Heusweiler und Riegelsberg".
    AnswerType.MEMBERS: re.compile(rf"({_NAME}, ){{2,}}|{_NAME}, {_NAME} (und|sowie) [A-ZÄÖÜ]"),
    AnswerType.NAME: re.compile(r"[„\"«»].{3,}?[“\"«»]"),
    # a result: a saving, a cost that fell or rose, what was achieved or failed ("sparte etwa 5.000 Euro im Jahr",
    # "25 bis 50 Prozent günstiger", "war auch unter dem Zweckverband defizitär")
    AnswerType.RESULT: re.compile(
        r"\b((ge|ein)?spar(t|te|ten|en)|gespart|Einsparung\w*|günstiger|billiger|gesunken|gesenkt|senkt\w*|sank"
        r"|Mehrkosten|defizitär|Defizit\w*|Ergebnis\w*|erreicht\w*|gelungen|erfolgreich|Erfolg\w*|entlastet\w*"
        r"|Entlastung|verbessert\w*|scheiterte|gescheitert)\b",
        re.I,
    ),
    # advice: "sollten Gemeinden … verlangen" (the subjunctive of advice to a general subject; "sollte ein
    # Zweckverband … übernehmen" tells what was planned), "empfiehlt", "ratsam",
    # "kommt es darauf an", "hat sich bewährt"; a lesson: "Die Erfahrungen zeigen"
    AnswerType.ADVICE: re.compile(
        r"\bsollten?\s+(?:die\s+)?(?:beteiligten\s+)?(?:Gemeinden|Kommunen|Städte|Partner|Beteiligten|man|sie)\b"
        r"|\b(?:man|Gemeinden|Kommunen|Partner) sollten?\b"
        r"|\b(empfiehlt|empfehlen|empfohlen|empfehlenswert|Empfehlung\w*|rät|raten|ratsam"
        r"|kommt es\b.{0,30}\ban|bewährt|Erfahrung\w* zeig\w*|Lehre\w*)\b",
        re.I,
    ),
    # A role word, an agent after "von"/"durch", a quoted name, or a first name and surname mid-sentence.
    AnswerType.AGENT: re.compile(
        r"\b(Betreiber\w*|Träger\w*|zuständig\w*|Ansprechpartner\w*|entscheide\w*|leitet|Leitung)\b"
        r"|\b(von|durch) (den |der |dem )?[A-ZÄÖÜ]|[„\"][^“\"]+[“\"]"
        r"|(?<=[a-zäöüß,] )[A-ZÄÖÜ][a-zäöüß]+ [A-ZÄÖÜ][a-zäöüß]+(-[A-ZÄÖÜ][a-zäöüß]+)?\b"
    ),
}


# "Wann" asks for a point in time after a past or running event ("Wann wurde …", "Von wann ist …", "Wann beginnt
# …"); "Wann ist eine Gemeinde verpflichtet?" asks for a condition.
_ASKS_FOR_DATE = re.compile(
    r"\b(von wann|in welchem jahr|wann (wurde|wurden|war|waren|hat|hatte|haben|hatten|beginnt|begann|endet|endete"
    r"|startet|startete|läuft|lief|trat|tritt))\b",
    re.I,
)


def asks_for_date(question: str) -> bool:
    return bool(_ASKS_FOR_DATE.search(question))


# "Wann beginnt die nächste Antragsrunde?", "Tagt … im nächsten Monat, und an welchem Datum?": a question about a
# coming event. A date that has passed does not answer it.
_COMING = re.compile(r"\b(nächste[nmrs]?|kommende[nmrs]?|bevorstehende[nmrs]?|demnächst)\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def asks_coming_date(question: str) -> bool:
    return bool(_COMING.search(question)) and AnswerType.DATE in expected_answer_types(question)


def names_year_from(text: str, year: int) -> bool:
    """The text names a year from ``year`` on ("bis 31.12.2027")."""
    return any(int(found) >= year for found in _YEAR.findall(text))


# "Wie lange dauert …?" asks for a span of time ("zwei Jahre", "mehrere Monate") or for the date it ends ("bis zum
# 31.12.2026"); a court ruling's date or a file number does not tell how long something takes.
# "Welche Frist …?", "Mit welcher Kündigungsfrist …?", "Welche Laufzeit …?" ask for a span of time just the same.
_ASKS_FOR_DURATION = re.compile(
    r"\bwie lange\b|\bwelche[rnms]?\s+(?:\w+\s+)?\w*(?:frist|dauer|laufzeit)(?:en)?\b", re.I
)
_DURATION = re.compile(
    rf"\b(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS}|ein\w*|wenige\w*|mehrere\w*|einige\w*|viele\w*)\s+"
    r"(?:\w+\s+)?(?:Tag|Woche|Monat|Jahr|Jahrzehnt|Stunde)(?:e|en|es|s|n)?\b",
    re.I,
)


def asks_for_duration(question: str) -> bool:
    return bool(_ASKS_FOR_DURATION.search(question))


def tells_duration(text: str) -> bool:
    return bool(_DURATION.search(text)) or answer_type_matches(text, {AnswerType.UNTIL}) > 0


_BOUND_ONLY = re.compile(r"\b(höchstens|maximal|mindestens)\b", re.I)
# "Was" with a verb of containing (enthalten, regeln, umfassen, beinhalten, festlegen, vorsehen, drinstehen)
_ASKS_FOR_CONTENT = re.compile(
    r"\s*(?:und\s+)?was\b.*\b(?:enth[aä]lt|regel|umfass|beinhalt|festleg|festgeleg|vorseh|vorsieh|vorgeseh|\w*steh)\w*",
    re.I,
)
_WELCH_NOUN = re.compile(r"\b[Ww]elche[rsnm]?\s+(?:[a-zäöüß]\w*\s+)?(?P<noun>[A-ZÄÖÜ]\w+)")
_NUMBER_ASKED = next(pattern for kind, pattern in _QUESTION_PATTERNS if kind is AnswerType.NUMBER)


# A figure with its unit: "rund 30 Prozent", "12.000 Euro", "7.000 Einwohner"; a share in words ("ein Viertel",
# "drei Viertel", "die Hälfte") is a share like a percentage.
_FIGURE_WITH_UNIT = re.compile(
    r"\d[\d.,]*\s*(?P<unit>%|Prozent|Euro|€|Einwohner\w*|Stimmen|Jahre?n?\b|Monate?n?\b)"
    r"|\b(?:ein|eine|einem|einer|die|der|zwei|drei|vier)\s+(?P<fraction>Viertel\w*|Drittel\w*|Hälfte|Fünftel\w*|Zehntel\w*)",
    re.I,
)
_UNIT_NAMES = {"%": "anteil", "prozent": "anteil", "€": "euro", "euro": "euro"}
# Words that make a figure a limit: "weniger als 20 Prozent", "mindestens 15 %", "Bagatellgrenze … 5.000 Euro".
_BOUND = re.compile(
    r"\b(mindestens|höchstens|maximal|weniger als|mehr als|nicht mehr als|bis zu|unter|über|wenigstens"
    r"|\w*grenze|\w*schwelle|Quorum|Mehrheit)\b",
    re.I,
)


def figure_units(text: str) -> frozenset[str]:
    """The units of the figures a text gives ("anteil" for percentages and fractions, "euro", "einwohner" …)."""
    units = set()
    for match in _FIGURE_WITH_UNIT.finditer(text):
        if match.group("fraction"):
            units.add("anteil")
        else:
            unit = match.group("unit").lower()
            units.add(_UNIT_NAMES.get(unit) or next(n for n in ("einwohner", "stimme", "jahr", "monat") if n in unit))
    return frozenset(units)


def limit_units(sentence: str) -> frozenset[str]:
    """The units of the figures a sentence sets as a limit: it names a bound and a figure in that unit."""
    return figure_units(sentence) if _BOUND.search(sentence) else frozenset()


def asks_least_content(question: str) -> bool:
    """ "Was muss die Satzung mindestens enthalten?": the question asks for the least a text must hold."""
    return bool(_BOUND_ONLY.search(question) and _ASKS_FOR_CONTENT.match(question))


# A sentence that states a minimum: "als Mindestinhalt", "muss mindestens …", "wenigstens".
_STATES_MINIMUM = re.compile(r"\b(?:mindest\w*|wenigstens)\b", re.I)


def states_minimum(sentence: str) -> bool:
    return bool(_STATES_MINIMUM.search(sentence))


def asks_for_items(question: str) -> bool:
    """A welch- question about a plural noun asks for several items ("Welche Aufgaben erledigt …?", "In welchen
    Ländern …?"); "Welche Rechtsform hat …?" asks for one. A plural noun is one the dictionary lemmatises to another
    form."""
    items = _WELCH_NOUN.search(question)
    return bool(items) and simplemma.lemmatize(items.group("noun"), lang="de") != items.group("noun")


def expected_answer_types(question: str) -> set[AnswerType]:
    kinds = {kind for kind, pattern in _QUESTION_PATTERNS if pattern.search(question)}
    # "Welche Angaben gehören mindestens in die Satzung?" asks for the least items, not for a figure; "Welche
    # Förderung gibt es maximal?" does ask for one
    # "Was muss die Satzung mindestens enthalten?" likewise asks for the least content ("Was zahlt Bayern höchstens?"
    # for a figure)
    bound_items = asks_for_items(question) and _BOUND_ONLY.search(question) or asks_least_content(question)
    if AnswerType.NUMBER in kinds and bound_items and not _NUMBER_ASKED.search(_BOUND_ONLY.sub(" ", question)):
        kinds.discard(AnswerType.NUMBER)
    if any(_names_figure(noun) for noun in re.findall(r"\b[A-ZÄÖÜ][\wäöüß-]{2,}\w", question)):
        kinds.add(AnswerType.NUMBER)  # "Förderhöhe", "Einwohnerzahl": the noun itself asks for a figure
    return kinds


_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_][\w-]*|§")
_COUNT_WORDS = frozenset(word for word in _NUMBER_WORDS.split("|") if word.isalpha())
# Numbers that are not amounts or counts: dates, years, paragraph and chapter numbers, and names that contain
# digits after letters ("ekom21", "Kommune360").
_NOT_A_COUNT = re.compile(
    r"\b[^\W\d_]+\d+\w*|"
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{1,2}\.\s?(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|"
    r"Oktober|November|Dezember)\b|(?<![\d.,])(?:19|20)\d\d(?!\d|[.,]\d|%)(?!\s*(?:Euro|€|Prozent|%|Einwohner))"
    r"|(?:§§?|Art\.|Artikel|Abs\.|Nr\.|Satz|lit\.|Kapitel|S\.)\s*\d+[a-z]?(?:\s*(?:–|-|bis|und|,)\s*\d+[a-z]?)*"
    # a court's file number: chamber, register letters, number and year ("8 C 18.05", "5 B 310/03", "4 K 13.00514")
    r"|\b\d{1,2}\s+[A-Z][A-Za-z]{0,3}\s+\d+(?:[./]\d+)+\b",
)


def mentions_number(sentence: str) -> bool:
    """An amount or count, in digits or as a number word ("fünf Werkstätten", "im fünften Bericht")."""
    return count_like(sentence) or bool(re.search(rf"\b({_NUMBER_WORDS})\b", sentence, re.I))


_RATE = re.compile(r"\b(?:pro|je)\s+(?P<unit>[A-ZÄÖÜ][a-zäöüß]{3,})\b")


def asked_rate(question: str) -> str | None:
    """The unit a figure is asked per: "pro Stunde", "je Einwohner"."""
    match = _RATE.search(question)
    return match.group("unit") if match else None


def gives_rate(sentence: str, unit: str) -> bool:
    """The sentence speaks of the unit, as a noun or an adjective: "pro Jahr", "im Jahr", "jährlich", "stündlich"."""
    stem = unit.lower().translate(WITHOUT_UMLAUTS)[:4]
    return any(word.translate(WITHOUT_UMLAUTS).startswith(stem) for word in re.findall(r"\w+", sentence.lower()))


def count_like(sentence: str) -> bool:
    """The sentence holds an amount or a count in digits ("1.321 Gemeinden", "175.000 Euro", "15 %"), not only
    dates, years or paragraph numbers."""
    return bool(_DIGIT.search(_NOT_A_COUNT.sub(" ", sentence)))


def answer_type_matches(sentence: str, kinds: set[AnswerType], quantity: AskedQuantity | None = None) -> float:
    """How many of the asked-for kinds the sentence delivers ("bis 2026" is a date and an end point).

    An amount or count in digits answers "wie viele" fully; a number word ("drei Bedingungen"), a date or a year
    only half. When the question names what it counts ("Wie viele Verwaltungsgemeinschaften …?"), a figure about
    something else counts a quarter.
    """
    total = 0.0
    for kind in kinds:
        if kind is AnswerType.NUMBER and quantity is not None:
            total += amount_match(quantity, sentence) or 0.25 * count_like(sentence)
        elif kind is AnswerType.NUMBER:
            total += 1.0 if count_like(sentence) else 0.5 if _SENTENCE_PATTERNS[kind].search(sentence) else 0.0
        elif _SENTENCE_PATTERNS[kind].search(_LEGAL_RANGE.sub("§", sentence) if kind is AnswerType.UNTIL else sentence):
            total += 1.0
    return total


# A range of provisions ("§§ 9 bis 11 KGG", "Art. 3 bis 5") names no end of a period.
_LEGAL_RANGE = re.compile(r"(?:§§?|\bArt\.|\bArtikel)\s*\d+\s*[a-z]?\s+bis\s+(?:§\s*)?\d+", re.I)


# "Wie viele Mitglieder …", "Wie hoch ist die Hundesteuer …", "Was kostet ein Baugrundstück …": the noun whose
# amount is asked. Articles, possessives and one adjective may stand between ("wie viele vereinbarte …").
_QUANTITY_QUESTION = re.compile(
    r"\b(?P<asked>(?i:wie ?viele?|wie hoch (?:ist|sind|war|waren|liegt|liegen)|was (?:kostet|kosten|kostete|verdient|"
    r"verdienen)))\s+(?:(?:der|die|das|den|dem|ein|eine|einen|einer|jede\w*|unser\w*|ihr\w*)\s+)?(?:[a-zäöüß]\w*\s+)?"
    r"(?P<noun>[A-ZÄÖÜ][\w-]+)"
)
# Nouns that announce an enumeration when counted: "drei Bedingungen", "zwei Varianten". Counting list items,
# they stand for one another: "Wie viele Punkte …?" is answered by "sieben Kriterien".
ENUMERABLE = (
    r"Bedingungen|Voraussetzungen|Kriterien|Schritte|Phasen|Stufen|Punkte|Merkmale|Gründe|Ziele|Aufgaben|Formen"
    r"|Möglichkeiten|Varianten|Modelle|Fragen|Bausteine|Elemente|Anforderungen|Tatbestandsmerkmale|Arten|Typen"
    r"|Fälle|Bereiche|Handlungsfelder|Wege|Optionen|Instrumente|Grundsätze|Regeln|Pflichten|Vorteile|Nachteile"
)
_LIST_ITEMS = frozenset(lemma(noun) for noun in ENUMERABLE.split("|"))
# Compound heads of nouns that ask for a figure wherever they stand ("Förderhöhe", "Mitgliederzahl").
_FIGURE_HEADS = frozenset({"höhe", "summe", "betrag", "zahl", "anzahl", "quote"})
# Heads that name a figure only in a compound: a "Kostenbeitrag" is an amount, a "Beitrag" alone may be an article.
_FIGURE_HEADS_OF_COMPOUNDS = frozenset({"beitrag"})


# Nouns that name a share: answered by a percentage ("Welcher Anteil …?" – "rund 30 Prozent").
_SHARE_NOUNS = frozenset({"anteil", "prozentsatz"})


def figure_concepts(asked: frozenset[str]) -> frozenset[str]:
    """The concepts of a question that name the figure it asks for ("Anteil", "Anzahl", "Förderhöhe"): a passage
    answers them with the figure itself, not with the word."""
    return frozenset(c for c in asked if c in _SHARE_NOUNS or _names_figure(c))


def _names_figure(noun: str) -> bool:
    """A noun whose compound head names a figure; the head is also found at the end of a compound the splitter
    does not divide ("Zuschusshöhe")."""
    word = noun.lower()
    if noun_head(noun) in _FIGURE_HEADS or any(word.endswith(head) for head in _FIGURE_HEADS):
        return True
    return any(word.endswith(head) and word != head for head in _FIGURE_HEADS_OF_COMPOUNDS)


# Compound heads of nouns that name an amount as such (general German): any amount in the sentence answers them.
AMOUNT_NOUNS = frozenset(
    {"geld", "betrag", "summe", "höhe", "anteil", "quote", "prozentsatz", "zahl", "anzahl", "menge", "kosten", "mittel"}
)


@dataclass(frozen=True)
class AskedQuantity:
    noun: str
    kind: str  # "count": "wie viele Fahrzeuge"; "value": "wie hoch ist der Zuschuss"; "amount": "wie viel Förderung"


def asked_quantity(question: str) -> AskedQuantity | None:
    """The noun whose amount a question asks for ("Fahrzeuge" in "Wie viele Fahrzeuge hat der Bauhof?")."""
    match = _QUANTITY_QUESTION.search(question)
    if not match:
        return None
    asked = match.group("asked").lower()
    kind = "count" if re.fullmatch(r"wie ?viele", asked) else "amount" if re.fullmatch(r"wie ?viel", asked) else "value"
    return AskedQuantity(match.group("noun"), kind)


def names_quantity(asked: AskedQuantity, text: str) -> bool:
    """The text speaks of the thing whose amount is asked (by the noun's lemma or its compound head)."""
    return bool(concepts(text) & _wanted(asked))


def noun_head(noun: str) -> str:
    """The lemma of a noun's compound head: "Verwaltungsgemeinschaften" – "gemeinschaft", "KGG-Zweckverband" –
    "verband"."""
    last = noun.split("-")[-1]
    return lemma((compound_parts(last.lower()) or (last,))[-1].capitalize())


def _wanted(asked: AskedQuantity) -> set[str]:
    head = noun_head(asked.noun)
    wanted = {lemma(asked.noun), head} if len(head) >= 4 else {lemma(asked.noun)}
    return wanted | _LIST_ITEMS if wanted & _LIST_ITEMS else wanted


def amount_of(asked: AskedQuantity, sentence: str) -> bool:
    """The sentence gives the amount asked for (see ``amount_match``). True only for a sentence that holds a figure."""
    return amount_match(asked, sentence) > 0


# Words between a numeral and the counted noun that measure rather than name it: "25 Prozent der Gemeinden",
# "die Hälfte der Kommunen", "1,2 Millionen Einwohner".
_MEASURES = frozenset(
    {
        "prozent",
        "hälfte",
        "drittel",
        "viertel",
        "million",
        "millionen",
        "mio",
        "milliarde",
        "milliarden",
        "tausend",
        "dutzend",
        "anteil",
        "mehrheit",
        "großteil",
    }
)
HEAD_ONLY = 0.6
# Nouns (or compound heads) that name money: their amount is a sum in a currency. By their lemma: "Vergütung" and
# "Entschädigung" are read as their verbs.
MONEY_NOUNS = frozenset(
    {
        "geld",
        "kosten",
        "zuschuss",
        "betrag",
        "summe",
        "preis",
        "gebühr",
        "miete",
        "gehalt",
        "beitrag",
        "entgelt",
        "honorar",
        "lohn",
        "vergüten",
        "entschädigen",
    }
)
_MONEY = re.compile(r"\d[\d.,]*\s*(?:(?:Mio|Mrd)\.|Millionen|Milliarden|Tausend)?\s*(?:Euro|EUR|€)|€\s*\d", re.I)
# "Was kostet …?", "Was hat … gekostet?", "Wie teuer …?", "Was verdient …?": a price or pay is a sum of money. The
# verb only: the noun "Kosten" ("Wie teilen wir die Kosten auf?") asks how, not how much.
_ASKS_PRICE = re.compile(
    r"\b(?:kostet|kosten|kostete|kosteten|gekostet|verdient|verdienen|verdiente)\b|\b[Ww]ie teuer\b"
)


def asks_price(question: str) -> bool:
    """The question asks for a sum of money: a price, a cost or pay, by its verb or by the noun whose amount it asks
    ("Wie hoch ist der Mitgliedsbeitrag …?")."""
    asked = asked_quantity(question)
    money_noun = asked is not None and (noun_head(asked.noun) in MONEY_NOUNS or lemma(asked.noun) in MONEY_NOUNS)
    return money_noun or bool(_ASKS_PRICE.search(question))


# Adverbs that ask for what came to pass, not for what was planned ("Was hat das Bad am Ende tatsächlich gekostet?"),
# and the words by which a sentence gives a figure as a plan or an estimate ("auf … geschätzt", "veranschlagt",
# "sah vor", "sollte … kosten", "rechnete mit").
_ASKS_ACTUAL = re.compile(r"\b(?:tatsächlich|am Ende|letztlich|letzten Endes|endgültig|unterm Strich)\b", re.I)
_ESTIMATED = re.compile(
    r"\b(?:geschätzt|schätzt\w*|veranschlagt|geplant\w*|Planungsstand|sah\w* vor|vorgesehen|sollte\w*|soll|sollen"
    r"|voraussichtlich|rechnete\w* mit|erwartet\w*|Prognose|Ziel|angestrebt\w*)\b",
    re.I,
)


def asks_actual(question: str) -> bool:
    return bool(_ASKS_ACTUAL.search(question))


def states_as_fact(sentence: str) -> bool:
    """The sentence gives its figures as what came to pass, not as a plan or an estimate."""
    return not _ESTIMATED.search(sentence)


def gives_money(sentence: str) -> bool:
    return bool(_MONEY.search(sentence))


def amount_match(asked: AskedQuantity, sentence: str) -> float:
    """How well the sentence gives the amount asked for: 1 for a figure of the asked thing, ``HEAD_ONLY`` for a
    figure of a thing that only shares its compound head ("acht Mitgliedsgemeinden" for "Wie viele
    Verbandsgemeinden …?"), 0 without.

    A count stands before the counted noun, the head of the noun phrase after the numeral ("64
    Verwaltungsgemeinschaften", "neun überwiegend ehrenamtlich geführte Werkstätten", "25 Prozent der antwortenden
    Gemeinden"); the value of a thing ("Wie hoch ist der Zuschuss?") is a figure in a sentence about that thing.
    For an amount of money or a noun that names an amount as such ("Wie viel Förderung …?", "Wie viel Geld …?")
    any figure answers."""
    if noun_head(asked.noun) in MONEY_NOUNS or lemma(asked.noun) in MONEY_NOUNS:
        # "Wie viel Geld …?" is answered by a sum of money, not by "25 Projekte"
        return 1.0 if _MONEY.search(sentence) else 0.25 * count_like(sentence)
    if asked.kind == "amount" or noun_head(asked.noun) in AMOUNT_NOUNS:
        return float(count_like(sentence))
    if asked.kind == "value":
        return float(count_like(sentence) and names_quantity(asked, sentence))
    wanted = _wanted(asked)
    exact = {lemma(asked.noun)} | (_LIST_ITEMS if wanted & _LIST_ITEMS else set())
    words = _TOKEN.findall(_NOT_A_COUNT.sub(" § ", sentence))
    best = 0.0
    for index, word in enumerate(words):
        if not (word[0].isdigit() or word.lower() in _COUNT_WORDS):
            continue
        noun = _counted_noun(words[index + 1 : index + 7])
        found = concepts(noun) if noun else set()
        if found & exact:
            return 1.0
        if found & wanted:
            best = HEAD_ONLY
    return best


def _counted_noun(following: list[str]) -> str | None:
    """The first noun after a numeral, looking past measure words ("Prozent der …")."""
    for word in following:
        if word == "§" or word[0].isdigit():
            return None
        if word[0].isupper() and word.lower() not in _MEASURES:
            return word
    return None


# "Welche Unterlagen …?", "In welchem Gesetz …?", "Welcher kommunale Verbund …?": the noun names what is asked for.
_WH_NOUN = re.compile(r"\b[Ww]elche[rsmn]?\s+(?:[a-zäöüß]+\s+)?(?P<noun>[A-ZÄÖÜ][\wäöüß-]*\w)")


# "Wer ist zurzeit Bürgermeister von …?", "Wer ist der Träger …?", "Wie hieß der letzte Verbandsvorsteher …?": the
# noun after the verb names the role or thing asked for. The optional words are German temporal adverbs and modal
# particles, which do not change what is asked, and one adjective ("der letzte").
_ROLE = re.compile(
    r"^\s*(?:und\s+)?(?:[Ww]er\s+(?:ist|sind|war|waren|wird|werden)|[Ww]ie\s+(?:heißt|hieß|heißen|hießen))\s+"
    r"(?:(?:derzeit|zurzeit|aktuell|gerade|heute|momentan|jetzt|eigentlich|denn|noch)\s+)*"
    r"(?:(?:der|die|das|ein|eine)\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+)?)?(?P<noun>[A-ZÄÖÜ][\wäöüß-]*\w)"
)


def asked_role(question: str) -> str | None:
    """The role or thing a "Wer ist …?" or "Wie heißt …?" question asks for, as its compound head: "Wer ist
    Bürgermeister von …?" asks for a Bürgermeister ("meister"), "Wie heißt der Masterplan …?" for a Plan."""
    match = _ROLE.search(question)
    return noun_head(match.group("noun")) if match else None


def asked_kind(question: str) -> str | None:
    """The noun of a "welch-" question, as its compound head: "In welchem Gesetz …?" asks for a Gesetz,
    "In welchen Bundesländern …?" for a Land; else the role a "Wer ist …?" question asks for."""
    match = _WH_NOUN.search(question)
    return noun_head(match.group("noun")) if match else asked_role(question)


def asked_noun(question: str) -> str | None:
    """The noun of a "welch-" question as written: "Kündigungsfrist" in "Welche Kündigungsfrist gilt …?"."""
    match = _WH_NOUN.search(question)
    return match.group("noun") if match else None


def names_existent(existent: frozenset[str], sentence: str) -> bool:
    """The sentence names what a "Gibt es …?" question asks to exist (``QuestionAnalysis.existent``); a sum of money
    names money ("Gibt es … schon Geld?" – "… bis zu 8.000 Euro")."""
    return bool(existent & concepts(sentence)) or bool(existent & MONEY_NOUNS and gives_money(sentence))


# The nouns German uses for one another to name what something must meet (near-synonyms of "Bedingung" in the
# general dictionaries): "Welche Bedingungen …?" is answered under "Voraussetzungen und Verfahren".
_CONDITION_NOUNS = frozenset(
    form
    for noun in ("Bedingung", "Bedingungen", "Voraussetzung", "Voraussetzungen", "Kriterium", "Kriterien")
    + ("Anforderung", "Anforderungen", "Erfordernis", "Erfordernisse")
    for form in (lemma(noun), noun.lower())  # the lemmatiser reads some plurals as verbs ("bedingen")
)


def names_kind(sentence: str, kind: str) -> bool:
    """The sentence names a thing of the asked kind: the noun itself, a compound ending in it ("Mitverwaltungsgesetz"
    for "Gesetz"), for "Land" the name of a state ("In welchen Bundesländern …?" – "Brandenburg"), for a condition
    any noun for conditions."""
    if kind == "land" and detect_states(sentence):
        return True
    kinds = _CONDITION_NOUNS if kind in _CONDITION_NOUNS else {kind}
    return len(kind) >= 4 and any(
        lemma(word.split("-")[-1]).endswith(tuple(kinds)) for word in re.findall(r"[A-ZÄÖÜ][\wäöüß-]*\w", sentence)
    )
