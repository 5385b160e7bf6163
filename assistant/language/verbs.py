"""Finite verb forms that open German yes/no questions (verb-first order) and end the subject of a clause.

The finite forms of the modal and auxiliary verbs and of the verbs that most often open questions in
administrative German ("Gibt es …?", "Kostet der Antrag …?", "Haftet die Gemeinde …?").
"""

import re

import simplemma

_FORMS = """
    ist sind bin bist war waren wäre wären sei hat haben habe hast hatte hatten hätte hätten wird werden wurde
    wurden würde würden kann können konnte konnten könnte könnten muss müssen musste mussten müsste müssten
    darf dürfen durfte dürfte dürften soll sollen sollte sollten will wollen wollte mag möchte möchten
    gibt gab gilt gelten galt geht gehen lässt lassen fällt fallen braucht brauchen benötigt benötigen bedarf
    bedürfen bekommt bekommen kriegt kriegen erhält erhalten zählt zählen reicht reichen besteht bestehen
    unterliegt unterliegen stimmt lohnt lohnen hilft helfen bleibt bleiben trägt tragen haftet haften entsteht
    entstehen zahlt zahlen übernimmt übernehmen gehört gehören betrifft betreffen kommt kommen spielt darfst
    kannst musst sollst dürfte kostet kosten kostete
"""
FINITE_VERBS = frozenset(_FORMS.split())

# The German interrogative words that open a w-question (and "ob" for an indirect one). After all but the
# welch- forms and "wessen" the finite verb follows ("wie gründe ich"); after those, a noun ("welche Gründe").
_INTERROGATIVES = """
    wie was wann wo warum weshalb wieso weswegen woher wohin wozu wofür womit wodurch worin worauf woran worüber
    wovon inwiefern inwieweit wer wen wem wessen welche welcher welches welchen welchem ob
"""
QUESTION_WORDS = frozenset(_INTERROGATIVES.split())
BEFORE_NOUN = frozenset({"welche", "welcher", "welches", "welchen", "welchem", "wessen"})


def opens_with_finite_verb(word: str) -> bool:
    """A question's first word is a finite verb: a listed form, or a present-tense form in -t whose dictionary
    form is a verb ("Fördert Bremen …?", "Unterstützt das Land …?"); nouns have capitalised dictionary forms."""
    lower = word.lower()
    if lower in FINITE_VERBS:
        return True
    if not lower.endswith("t") or len(lower) < 4:
        return False
    base = simplemma.lemmatize(lower, lang="de")
    return base != lower and base.islower() and base.endswith("n")


def opens_with_verb_first_condition(sentence: str) -> bool:
    """A statement that opens with its finite verb is a condition without "wenn" (uneingeleiteter Konditionalsatz):
    "Erhält eine Gebietskörperschaft auch Befugnisse, braucht die Vereinbarung die Genehmigung." German statements
    put the verb second, so a verb-first clause followed by a clause that opens with its verb (or "so", "dann")
    states a condition."""
    match = re.match(r"\s*(\w+)\b[^,;:.]*,\s*(\w+)", sentence)
    if not match:
        return False
    follows = match.group(2)
    return opens_with_finite_verb(match.group(1)) and (
        follows.lower() in ("so", "dann") or opens_with_finite_verb(follows)
    )


# Verbs that open a yes/no question without naming what it asks (by their dictionary form): the auxiliaries, the
# modal verbs, the copula, and the verbs that carry the action only in the noun or infinitive beside them ("Gibt es
# …?", "Braucht die Vereinbarung eine Genehmigung?", "Geht das auch gemeinsam?", "Bekommen wir Fördergeld?").
_FUNCTION_VERB_LEMMAS = """
    sein haben werden können dürfen müssen sollen wollen mögen möchten lassen brauchen benötigen bedürfen geben
    gelten gehen bekommen kriegen erhalten machen tun reichen bestehen stimmen kommen bleiben
"""
_FUNCTION_VERBS = frozenset(_FUNCTION_VERB_LEMMAS.split())
# The separable particles that a verb-first question leaves at the end of its clause ("Fällt Umsatzsteuer an?").
_SEPARABLE_PARTICLES = """
    an ab auf aus bei ein fest fort her hin los mit nach um vor weg zu zurück zusammen dazu hinzu bereit frei statt teil
"""
_SEPARABLE = frozenset(_SEPARABLE_PARTICLES.split())


def asked_predicate(clause: str) -> str | None:
    """The word that names what a yes/no question asks of its subject, from the clause's main part (before the first
    comma): the verb that opens it ("Fördert Bremen …?" – "fördert"; with its particle: "Fällt Umsatzsteuer an?" –
    "anfällt"), or, after an auxiliary, modal or other verb of no content of its own, the last lower-case word
    ("Können wir einem Zweckverband beitreten?" – "beitreten", "Muss die Satzung angezeigt werden?" – "angezeigt",
    "Ist die Vereinbarung genehmigungspflichtig?"). German writes nouns capitalised: a clause that ends in one asks
    through the noun (None)."""
    words = re.findall(r"[\wäöüßÄÖÜ-]+", clause.split(",")[0])
    if len(words) < 2 or not opens_with_finite_verb(words[0]):
        return None
    head = words[0].lower()
    if simplemma.lemmatize(head, lang="de").lower() not in _FUNCTION_VERBS:
        last = words[-1]
        return last + head if last in _SEPARABLE else head
    for word in reversed(words[1:]):
        if not word.islower():
            return None
        if simplemma.lemmatize(word, lang="de").lower() not in _FUNCTION_VERBS | {"worden"}:
            return word
    return None


def separable_base(verb: str) -> str | None:
    """The verb without its separable particle, which a statement sets apart ("anfallen" – "Umsatzsteuer fällt an"),
    or None."""
    particle = next((p for p in sorted(_SEPARABLE, key=len, reverse=True) if verb.startswith(p)), None)
    return verb[len(particle) :] if particle and len(verb) - len(particle) >= 4 else None


# Strong verbs that name their action by an ablaut noun (Duden grammar, implicit derivation: "austreten" – "Austritt",
# "ausschließen" – "Ausschluss", "beschließen" – "Beschluss"); neither the lemmatiser nor the sentence encoder
# connects the two. Only with a particle or "be-", whose nouns keep the verb's meaning in administrative German.
_ABLAUT_NOUNS = {
    "treten": "tritt",
    "schließen": "schluss",
    "ziehen": "zug",
    "greifen": "griff",
    "schneiden": "schnitt",
    "sprechen": "spruch",
    "schlagen": "schlag",
}
_PARTICLES = _SEPARABLE | {"durch", "be"}


def ablaut_noun(verb: str) -> str | None:
    """The action noun of a particle verb formed by ablaut, lower case ("austreten" – "austritt"), or None."""
    for base, noun in _ABLAUT_NOUNS.items():
        if verb.endswith(base) and verb[: -len(base)] in _PARTICLES:
            return verb[: -len(base)] + noun
    return None


# The German modal verbs by what they ask (Duden grammar: necessity – müssen, sollen, the negated or restricted
# "brauchen"; possibility and permission – können, dürfen). "Ja" to "Dürfen wir …?" says nothing to "Müssen wir …?".
_NECESSITY = """
    muss müssen musst musste mussten müsste müssten soll sollen sollst sollte sollten braucht brauchen brauche
    brauchst benötigt benötigen
"""
_POSSIBILITY = """
    kann können kannst konnte konnten könnte könnten darf dürfen darfst durfte durften dürfte dürften
"""
_MODALITY = {word: "necessity" for word in _NECESSITY.split()} | {word: "possibility" for word in _POSSIBILITY.split()}


def modality(question: str) -> str | None:
    """What a yes/no question asks by its first modal verb: "necessity", "possibility", or None without one."""
    for word in question.lower().split():
        found = _MODALITY.get(word.strip("?,.;:!–"))
        if found:
            return found
    return None
