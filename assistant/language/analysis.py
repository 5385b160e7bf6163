"""German keyword analysis shared by the BM25 index, query understanding and sentence scoring."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

import simplemma
import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN
from compound_split import char_split

from assistant.language.states import detect_states
from assistant.language.verbs import QUESTION_WORDS, opens_with_finite_verb

_TOKEN = re.compile(r"§|\w+", re.UNICODE)
# Question words and filler that carry no topic; law abbreviations are never stopwords.
_FILLER_WORDS = """
wie was wer wem wen wessen wo wann warum welche welcher welches welchen gibt gilt kann können koennen muss müssen
darf dürfen soll sollen bitte eigentlich genau denn mal eig man wir uns unsere unser ihr gerne bzw z
b heißt heisst bedeutet versteht verstehen meint gemeint darunter überhaupt gerade klappt rein dazu
kurz erklären erklärt sagen gibts außer ausser
"""
# Light verbs of everyday German: in a question they carry the action only in the noun beside them ("Fördergeld
# bekommen", "eine Arbeitsgemeinschaft machen", "was tun"), never the topic.
_LIGHT_VERBS = """
bekomme bekommst bekommt bekommen bekam bekamen kriege kriegst kriegt kriegen kriegte kriegten mache machst macht
machen machte machten tue tust tut tun
"""
# The finite forms of the German modal verbs (dürfen, können, mögen/möchten, müssen, sollen, wollen; a closed class)
# that the base list lacks: it holds "sollte" but not "sollten", "kann" but not "könnten". They phrase what a question
# asks ("Worauf sollten wir achten?"), not its topic.
_MODAL_VERBS = """
darfst durfte durften dürfte dürften dürftest kannst konnte konnten könnte könnten könntest mag magst mochte mochten
möchte möchten möchtest mögen musst musste mussten müsste müssten müsstest sollst sollten solltest willst wollten
"""
# German modal particles (Abtönungspartikeln, as listed in the Duden grammar): they colour a colloquial question
# ("Was ist das denn eigentlich?", "Kann man uns da halt einfach zwingen?") and never name its topic.
_MODAL_PARTICLES = "bloß eben eh einfach etwa halt ja mal nochmal ruhig schon vielleicht wohl selber"
# German pronominal adverbs (da(r)-/hier- + preposition, a closed word class): they point back to what the
# sentence or question already names ("Wie viel Geld bekommen wir dafür?") and never name a topic themselves.
_PRONOMINAL_ADVERBS = """
dabei dadurch dafür dagegen dahinter damit danach daneben daran darauf daraus darin darum darunter darüber davon
davor dazu dazwischen hierbei hierdurch hierfür hiergegen hierin hiermit hiernach hierüber hiervon hierzu
"""
# Colloquial short forms of the pronominal adverbs ("Wie viel ist da drin?", "Was steht da drüber?").
_SHORT_PRONOMINAL_ADVERBS = "dran drauf draus drin drüber drum drunter"
# Contractions of a preposition and an article (Duden grammar; "am", "im", "ins", "vom", "zum", "zur" are in the
# base list): "Wie kriege ich einen Termin beim Bürgeramt?".
_CONTRACTIONS = "ans aufs beim durchs fürs hinterm hinters überm übers ums unterm unters vorm vors"
# The German prepositions (Duden grammar, a closed word class); with the contractions above and those of the base list.
_PREPOSITION_WORDS = """
an auf aus außer außerhalb bei binnen bis durch entlang für gegen gegenüber gemäß hinter in innerhalb laut mit nach
neben ohne seit statt trotz über um unter von vor während wegen zu zwischen am im ins vom zum zur
"""
PREPOSITIONS = frozenset(_PREPOSITION_WORDS.split()) | frozenset(_CONTRACTIONS.split())
# Secondary prepositions formed from nouns (Duden grammar), written in lower case: "kraft Gesetzes", "dank", "zwecks".
SECONDARY_PREPOSITIONS = frozenset(
    {"kraft", "dank", "mangels", "mittels", "namens", "seitens", "zwecks", "angesichts", "anhand", "aufgrund"}
)
# Subordinating conjunctions the base list lacks: they join the situation of a long question to what it asks
# ("…, obwohl unser Gemeinderat das ablehnt?") and never name its topic.
_CONJUNCTIONS = "bevor ehe falls nachdem obgleich obschon obwohl seitdem sobald sodass sofern solange soweit wohingegen"
# Words that make a figure approximate or distributive ("je rund 2.000 Einwohner", "circa 40 Prozent").
_APPROXIMATORS = "je rund circa ca ungefähr"
# Every interrogative is a stopword: "woher", "wozu" or "inwiefern" asks, it names no topic.
_EXTRA_STOPWORDS = {
    *_FILLER_WORDS.split(),
    *_MODAL_PARTICLES.split(),
    *_LIGHT_VERBS.split(),
    *_MODAL_VERBS.split(),
    *_PRONOMINAL_ADVERBS.split(),
    *_SHORT_PRONOMINAL_ADVERBS.split(),
    *_CONTRACTIONS.split(),
    *_CONJUNCTIONS.split(),
    *_APPROXIMATORS.split(),
    *QUESTION_WORDS,
}
STOPWORDS = frozenset(STOPWORDS_GERMAN) | _EXTRA_STOPWORDS
# The German definite and indefinite articles in all cases.
ARTICLES = ("der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen", "eines")
_MIN_COMPOUND_LENGTH = 10
_MIN_SPLIT_SCORE = 0.3


# Prepositions and verb particles that form words by derivation, not compounding ("Unterlage", "Einrichtung",
# "Vorschrift"): a word they begin is no compound of them.
PREFIXES = frozenset(
    ["ab", "an", "auf", "aus", "bei", "durch", "ein", "gegen", "hinter", "mit", "nach", "neben", "über", "um"]
    + ["unter", "vor", "wider", "zu"]
)
# German nouns ending in these suffixes always take a linking s inside a compound (Gründungs|jahr,
# Gemeinschafts|aufgabe, Kooperations|vertrag, Bürgschafts|erklärung, Rechtssicherheits|gründe).
_LINKING_S_SUFFIXES = ("ungs", "heits", "keits", "schafts", "ions", "täts", "ings", "lings")


def _without_linking_s(part: str) -> str:
    return part[:-1] if part.endswith(_LINKING_S_SUFFIXES) else part


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    return _stemmer().stemWord(token)


@lru_cache(maxsize=200_000)
def compound_parts(token: str) -> tuple[str, ...]:
    """Split a German compound into its parts (Abwasserzweckverband -> abwasser, zweck, verband).

    A modifier that is itself a dictionary word is not split further ("Ausschreibungs|pflicht" has no "aus"), and
    the linking s after the suffixes that always take one is dropped ("Ausschreibung").
    """
    if len(token) < _MIN_COMPOUND_LENGTH or not token.isalpha():
        return ()
    candidates = char_split.split_compound(token)
    if not candidates:
        return ()
    score, head, tail = candidates[0]
    if score < _MIN_SPLIT_SCORE:
        return _split_by_dictionary(candidates)
    if head.lower() in PREFIXES:
        return ()
    parts: list[str] = []
    modifier = _without_linking_s(head.lower())
    if simplemma.is_known(modifier.capitalize(), lang="de"):
        parts.append(modifier)
    elif split_modifier := compound_parts(modifier):
        parts.extend(split_modifier)
    else:
        return ()  # a modifier that is no word ("versch|oben" in "verschoben") makes no compound
    parts.extend(compound_parts(tail.lower()) or (tail.lower(),))
    return tuple(part for part in parts if len(part) >= 3)


# Derivational suffixes that char_split offers as a compound's head ("Körper|schaft", "bayer|ische").
_SUFFIX_HEADS = re.compile(r"(schaft|isch|tisch|nisch)")


def _noun(word: str) -> bool:
    capitalised = word.capitalize()
    return simplemma.is_known(capitalised, lang="de") and simplemma.lemmatize(capitalised, lang="de")[:1].isupper()


def _split_by_dictionary(candidates: list[tuple[float, str, str]]) -> tuple[str, ...]:
    """A compound of three or more parts, which char_split scores low ("Zweck|verbandssatzung",
    "Mitverwaltungs|vereinbarung"): the first of its best splits whose modifier is a noun and whose head is a noun or
    splits well itself."""
    for _, head, tail in candidates[:3]:
        modifier, rest = _without_linking_s(head.lower()), tail.lower()
        if modifier == head.lower() and modifier.endswith("s") and _noun(modifier[:-1]):
            modifier = modifier[:-1]  # "Zweckverbands|satzung"
        if len(modifier) < 4 or len(rest) < 6 or modifier in PREFIXES or _SUFFIX_HEADS.match(rest):
            continue
        if not _noun(modifier):
            continue
        rest_parts = compound_parts(rest) or ((rest,) if _noun(rest) else ())
        if rest_parts:
            return tuple(part for part in (modifier, *rest_parts) if len(part) >= 3)
    return ()


def analyze(text: str, compounds: bool = True) -> list[str]:
    """Lower-case, drop stopwords, Snowball-stem; add the stems of compound parts beside the compound."""
    terms: list[str] = []
    for token in raw_tokens(text):
        if token in STOPWORDS or (len(token) == 1 and token != "§"):
            continue
        terms.append(stem(token))
        if compounds:
            terms.extend(stem(part) for part in compound_parts(token) if part not in STOPWORDS)
    return terms


def content_terms(text: str) -> set[str]:
    """The set of analysed terms, without compound parts: used for overlap and coverage measures."""
    return set(analyze(text, compounds=False))


# Written without umlauts ("Foerderung"): read ae/oe/ue as ä/ö/ü when only that spelling is a German word.
_TRANSLITERATION = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))
_WORD = re.compile(r"§|\w+", re.UNICODE)


def with_umlauts(word: str) -> str:
    """Every ae/oe/ue read as ä/ö/ü ("Gebuehren" – "Gebühren"); whether that is meant, the caller decides."""
    for pair, umlaut in _TRANSLITERATION:
        word = word.replace(pair, umlaut).replace(pair.capitalize(), umlaut.upper())
    return word


_DROPPED_UMLAUTS = (("a", "ä"), ("o", "ö"), ("u", "ü"), ("ss", "ß"))


def umlaut_variants(word: str, limit: int = 4) -> set[str]:
    """The lower-case spellings a word typed without umlauts may stand for ("grunde" – "gründe", "uber" – "über",
    "gemass" – "gemäß"): every choice of a/o/u/ss as ä/ö/ü/ß, for words with at most ``limit`` such places."""
    places = [(i, len(plain), umlaut) for plain, umlaut in _DROPPED_UMLAUTS for i in _occurrences(word.lower(), plain)]
    if not places or len(places) > limit:
        return set()
    variants = set()
    for mask in range(1, 2 ** len(places)):
        chosen = sorted((place for bit, place in enumerate(places) if mask >> bit & 1), reverse=True)
        if any(a[0] + a[1] > b[0] for a, b in zip(chosen[1:], chosen, strict=False)):
            continue  # overlapping places ("ss" and its "s" cannot both change)
        variant = word.lower()
        for start, length, umlaut in chosen:
            variant = variant[:start] + umlaut + variant[start + length :]
        variants.add(variant)
    return variants


def _occurrences(word: str, part: str) -> list[int]:
    return [i for i in range(len(word)) if word.startswith(part, i)]


@lru_cache(maxsize=200_000)
def restore_umlauts(word: str) -> str:
    if simplemma.is_known(word, lang="de") or not any(pair in word.lower() for pair, _ in _TRANSLITERATION):
        return word
    restored = with_umlauts(word)
    return restored if simplemma.is_known(restored, lang="de") else word


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lower-case dictionary form of a word (simplemma, case-sensitive: "Verband" is a noun, "verband" a verb),
    umlauts restored, deverbal nouns mapped to their verb.

    "gegründet", "gründet" and "Gründung" all become "gründen": German nouns in -ung name the action of their
    verb (Gründung – gründen, Förderung – fördern), so they carry the same concept for matching.
    """
    base = _dictionary_form(restore_umlauts(word))
    if base == word.lower() and word[:1].isupper() and not simplemma.is_known(word, lang="de"):
        base = _compound_lemma(base)
    if base.endswith("ung") and len(base) > 6:
        stem_ = base[:-3]
        # "Förderung" – "fördern", but "Finanzierung" – "finanzieren": try the short infinitive first.
        endings = ("n", "en") if stem_.endswith(("er", "el")) else ("en",)
        for verb in (stem_ + ending for ending in endings):
            if simplemma.is_known(verb, lang="de"):
                return verb
    return base


def _dictionary_form(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").lower().replace("ß", "ss")


def _compound_lemma(word: str) -> str:
    """A compound the dictionary does not know takes the dictionary form of its head ("Versorgungswege" –
    "versorgungsweg", "Gemeinschaftskassen" – "gemeinschaftskasse"), so singular and plural are one concept."""
    parts = compound_parts(word)
    if not parts or not word.endswith(parts[-1]):
        return word
    head = _dictionary_form(parts[-1].capitalize())
    return word[: len(word) - len(parts[-1])] + head


@lru_cache(maxsize=50_000)
def misspelt_stopword(token: str) -> bool:
    """ "heist" for "heißt", "wieviel" for "wie viel": an unknown word one slip away from a stopword is one."""
    if len(token) < 4 or token in STOPWORDS or simplemma.is_known(token, lang="de"):
        return False
    return bool(difflib.get_close_matches(token, _LONG_STOPWORDS, n=1, cutoff=0.85))


_LONG_STOPWORDS = sorted(word for word in STOPWORDS if len(word) >= 4)


_UMLAUTED = str.maketrans("aou", "äöü")
# Umlauts read as their plain vowels, to compare word stems across umlaut changes ("jährlich" – "Jahr").
WITHOUT_UMLAUTS = str.maketrans("äöü", "aou")


@lru_cache(maxsize=10_000)
def agent_noun(verb: str) -> str | None:
    """The agent noun German forms from a verb with -er ("betreiben" – Betreiber, "tragen" – Träger, with the
    umlaut some verbs take), when it is a German noun: "Wer betreibt …?" is answered by "Betreiber ist …"."""
    if not verb.endswith("en") or len(verb) < 5:
        return None
    stem = verb[:-2]
    last_vowel = max((stem.rfind(v) for v in "aou"), default=-1)
    umlauted = stem[:last_vowel] + stem[last_vowel].translate(_UMLAUTED) + stem[last_vowel + 1 :]
    for noun in {stem + "er", umlauted + "er"}:
        if simplemma.is_known(noun.capitalize(), lang="de") and lemma(noun.capitalize()) == noun:
            return noun
    return None


# A bound is named by a superlative adverb ("höchstens 90 %"), a superlative adjective ("der höchste Satz") or the
# compound modifier ("Höchstsatz", "Mindestgröße"): all three carry the bound's own concept.
_BOUND = re.compile(r"^(höchst|mindest|spätest|frühest)(e[nmrs]?|ens)?$")
# The litotes before a figure name a bound too: "nicht weniger als 5.000 Einwohner" is "mindestens 5.000".
_NEGATED_BOUND = re.compile(
    r"\bnicht\s+(?:(?P<mindest>weniger\s+als|unter)|(?P<höchst>mehr\s+als|über))\s+"
    r"(?:\d|(?:ein|eine|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b)",
    re.I,
)


@lru_cache(maxsize=100_000)
def concepts(text: str, with_parts: bool = True) -> frozenset[str]:
    """Content concepts of a text for matching questions to sentences: lemmas of non-stopwords and (unless
    ``with_parts`` is off) of the parts of compounds (a compound's parts are nouns, so they are looked up
    capitalised)."""
    found: set[str] = set()
    # A question typed all in lower case hides its nouns: read each word as a noun first ("gebühren" – Gebühr).
    all_lower = not any(ch.isupper() for ch in text)
    question = text.rstrip().endswith("?")
    for position, word in enumerate(_WORD.findall(text)):
        lower = restore_umlauts(word).lower()
        if lower in STOPWORDS or (len(lower) == 1 and lower != "§") or lower.isdigit():
            continue
        # A capitalised word inside a text is a noun or a name ("Meißner" is no slip of "meiner").
        if (position == 0 or not word[0].isupper()) and misspelt_stopword(lower):
            continue
        if all_lower:
            found.add(lemma(word.capitalize()))
        else:  # a question that opens with its verb capitalises it: "Fallen dafür Gebühren an?" is no "Falle"
            found.add(lemma(lower if position == 0 and question and opens_with_finite_verb(word) else word))
        bound = _BOUND.match(lower)
        if bound:
            found.add(bound.group(1))
        if with_parts and not detect_states(word):  # "Niedersachsen" is no kind of "Sachsen"
            found.update(lemma(part.capitalize()) for part in compound_parts(lower) if part not in STOPWORDS)
    for negated in _NEGATED_BOUND.finditer(text):
        found.add(negated.lastgroup)
    # "sächsisch", "SächsKomZG" and "Sachsen" name the same state: each named state is a concept of its own, and
    # the parts of a compound state name ("Sachsen" in "Sachsen-Anhalt") do not stand for another state.
    states = {state.lower() for state in detect_states(text)}
    for state in states:
        found -= {lemma(part) for part in state.split("-")} - states
    found |= states
    return frozenset(found)


_CAPITALISED_INSIDE = re.compile(r"(?<=[\s(„\"'])([A-ZÄÖÜ][a-zäöüß]{3,})\b(?!-)")


def place_names(text: str) -> tuple[str, ...]:
    """Words inside the text that can only be names of places or organisations: capitalised, unknown to the German
    dictionary, no compound of German words, no state ("Lautertal", "Zollernalb", "Röttenbach"; not "Förderhöhe",
    "Nachbarstadt", "Hessen")."""
    names = []
    for word in _CAPITALISED_INSIDE.findall(text):
        if detect_states(word) or simplemma.is_known(word, lang="de") or simplemma.is_known(word.lower(), lang="de"):
            continue
        if not compound_parts(word.lower()):
            names.append(word)
    return tuple(dict.fromkeys(names))


def place_forms(name: str) -> set[str]:
    """How a text may name the place of a name in the question: as written and, for an adjectival or genitive form
    ("Baunacher", "Geretsrieds"), by its base name; each also as the start of a compound ("Zollernalbkreis")."""
    return {form for form in (name, name.removesuffix("er"), name.removesuffix("s")) if len(form) >= 4}


def names_place(text: str, name: str) -> bool:
    """The text names the place (``place_forms``)."""
    return any(re.search(rf"\b{re.escape(form)}", text) for form in place_forms(name))
