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
_PARTICLES = ("aus", "bei", "ein", "an", "ab", "auf", "zu", "zusammen", "vor", "nach", "um", "durch", "be")


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
