"""Which neighbours a sentence needs to be understood: general rules of German text cohesion.

A sentence that opens with a back-reference ("Dies gilt …", "Dabei …", "Sie …") continues its predecessor and
cannot stand alone. A sentence that announces content ("… wenn drei Bedingungen erfüllt sind.", "… folgende
Aufgaben:") is incomplete without what it announces.
"""

from __future__ import annotations

import re

from assistant.models import Unit
from assistant.question.answer_type import ENUMERABLE

# German anaphoric sentence openers: demonstrative and personal pronouns, pronominal adverbs (da-/hier-/wo-
# compounds) and connective adverbs that only make sense after the preceding sentence.
_BACK_REFERENCE = re.compile(
    r"^(Dies|Diese|Dieser|Dieses|Diesen|Diesem|Solche|Solchen|Solcher|Derartige|Jene|Jener|Letztere\w*|Erstere\w*"
    r"|Beide|Beides|Er|Sie|Es (handelt|ist|sind|wird|werden|kann|können|muss|müssen)|Ihr|Ihre|Ihren|Sein|Seine"
    r"|Dabei|Dafür|Dazu|Damit|Daher|Darum|Deshalb|Deswegen|Dadurch|Darin|Daran|Darauf|Darüber|Davon|Danach|Dagegen"
    r"|Dort|Hierfür|Hierzu|Hierbei|Hiervon|Hier|Außerdem|Zudem|Ferner|Allerdings|Jedoch|Stattdessen|Trotzdem"
    r"|Auch|Ebenso|Ebenfalls|Hingegen|Umgekehrt|Zusätzlich|Weiterhin|Darüber hinaus|In diesem Fall|In diesen Fällen"
    r"|Daneben|Somit|Folglich|Demnach|Demzufolge|Dennoch|Gleichwohl|Insofern|Insoweit"
    # "So mussten viele Zweckverbände …", "So bestimmen es …": the adverb "so" before the verb; "So lange …",
    # "So weit …" open a subordinate clause
    r"|So(?= (?!lange\b|weit\b|bald\b|oft\b|fern\b)[a-zäöüß])"
    # "Weitere Leitfragen …", "Ein weiterer Vorteil …", "Ein solcher Widerruf …": more of, or one of, what came before
    r"|Weitere[nmrs]?|Ein(?:e|en|em|er)? (?:weitere[nmrs]?|solche[nmrs]?)|Als (?:solche|diese)[nmrs]?)\b"
)
# Causal and additive connective adverbs after the first constituent and the verb of the main clause ("Die
# Mitsprache der abgebenden Kommunen reicht deshalb nur so weit …", "Die Gemeinde muss außerdem …") refer back just
# the same; a comma ends the search (a subordinate clause has its own reference). Contrastive ones ("In
# Mecklenburg-Vorpommern wird die Satzung dagegen nur angezeigt.") read well after another sentence of the answer,
# only not as its opening (``contrasts_back``).
_AFTER_FIRST_WORDS = r"^(?:[^\s,;:]+\s+){1,7}?"
_CONNECTIVE_INSIDE = re.compile(
    _AFTER_FIRST_WORDS + r"(deshalb|daher|deswegen|darum|somit|folglich|demnach|daneben|außerdem|zudem|ferner|"
    r"ebenfalls)\b"
)
_CONTRAST_INSIDE = re.compile(_AFTER_FIRST_WORDS + r"(dagegen|hingegen|demgegenüber|wiederum)\b")
# A preposition with a demonstrative refers back just the same: "Durch diese Regel …", "Nach dieser Vorschrift …",
# "Aus diesem Grund …", "In solchen Fällen …".
_PREPOSITION_DEMONSTRATIVE = re.compile(
    r"^(An|Auf|Aus|Bei|Durch|Für|Gegen|In|Mit|Nach|Neben|Ohne|Seit|Trotz|Über|Um|Unter|Von|Vor|Wegen|Zu|Zur|Zum)"
    r" (dies|diese[mnrs]?|solche[mnrs]?|derartige[mnrs]?|jene[mnrs]?)\b"
)
# A demonstrative determiner among the first words refers back as well: "Voraussetzung dieser Förderung ist …", "Ob
# und in welcher Form diese Förderung angeboten wird, …".
_DEMONSTRATIVE_INSIDE = re.compile(
    r"^(?:[^\s,;:]+\s+){1,5}?(?:diese|dieser|dieses|diesen|diesem|solche|solcher|solchen)\s+[A-ZÄÖÜ]"
)
_RELATIVE_CLAUSE = re.compile(r"^([^,;:]{3,60}),\s*(?:die|der|das|dem|den|deren|dessen)\b[^,;:]*,")
_NUMBER_WORDS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10}
_COUNTED = re.compile(rf"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d+)\s+(?:\w+\s+)?({ENUMERABLE})\b", re.I)
_ANNOUNCES = re.compile(r":\s*$|\bfolgende[nmrs]?\b|\bfolgendermaßen\b|\bwie folgt\b", re.I)
_COLON_WITH_TEXT = re.compile(r":\s*\S")
# An inline enumeration "A, B und C": noun phrases (ending in a capitalised word or a parenthesis) separated by
# commas, the last joined by a coordinating conjunction and ending its clause. A subordinate clause after a comma
# ends in a verb ("Kommunen, die Aufgaben übernehmen und …") and so is no member.
_NOUN = r"[A-ZÄÖÜ§][^\s,;:()]*(?:\s*\([^()]{0,40}\))?"
_MEMBER = rf"(?:[^\s,;:()]+\s+){{0,4}}?{_NOUN}"
_ENUMERATION = re.compile(rf"{_NOUN},\s+(?:{_MEMBER},\s+)*{_MEMBER}\s+(?:und|sowie|oder)\s+{_MEMBER}\s*(?:[.,;:]|$)")
# Pointers to other documents state no fact of their own: "Siehe …", and a main clause whose subject is the other
# document ("Einzelheiten zur Inhouse-Vergabe beschreibt das Dokument „Inhouse-Vergabe“.").
_POINTER_OPENING = re.compile(r"^(Ausführlich|Mehr dazu|Details|Siehe|Weitere Informationen|Vgl\.)\b")
_POINTER_CLAUSE = re.compile(r"^[^;]*\b(beschreibt|erläutert|behandelt|erklärt) das Dokument „[^“]+“\s*\.?$")


def is_pointer(text: str) -> bool:
    return bool(_POINTER_OPENING.match(text) or _POINTER_CLAUSE.match(text))


MAX_LIST_ITEMS = 8


def _main_clause(text: str) -> str:
    """The sentence without a relative clause inside its first constituent ("Gemeinden, die einen Schulverband
    gründen, sollten deshalb …"): that clause does not end the search for a connective."""
    return _RELATIVE_CLAUSE.sub(r"\1", text, count=1)


def needs_predecessor(unit: Unit) -> bool:
    if unit.kind != "sentence":
        return False
    main = _main_clause(unit.text)
    return bool(
        _BACK_REFERENCE.match(unit.text)
        or _PREPOSITION_DEMONSTRATIVE.match(unit.text)
        or _CONNECTIVE_INSIDE.match(main)
        or _DEMONSTRATIVE_INSIDE.match(main)
    )


def contrasts_back(unit: Unit) -> bool:
    """A contrastive adverb after the verb sets the sentence against its predecessor ("Der Zweckverband ist dagegen
    eine Körperschaft …"): within an answer the preceding sentence may give the other side, but an answer cannot
    open with it."""
    return unit.kind == "sentence" and bool(_CONTRAST_INSIDE.match(_main_clause(unit.text)))


def enumerates_inline(unit: Unit) -> bool:
    """The sentence names at least three members in a row ("… kennt die einfache Arbeitsgemeinschaft (§ 4), die
    besondere Arbeitsgemeinschaft (§ 5), die Zweckvereinbarung und den Zweckverband."); list items count as a list."""
    return unit.kind != "item" and bool(_ENUMERATION.search(unit.text))


def announced_count(unit: Unit) -> int:
    """0 if the unit announces nothing; otherwise how many following units it announces (at least 1)."""
    counted = _COUNTED.search(unit.text)
    if counted and _COLON_WITH_TEXT.search(unit.text, counted.end()):
        return 0  # "… hat zwei Organe: eine Verbandsversammlung … und einen Verbandsvorsteher." names them itself
    if counted:
        number = counted.group(1).lower()
        return min(int(number) if number.isdigit() else _NUMBER_WORDS[number], MAX_LIST_ITEMS)
    return 1 if _ANNOUNCES.search(unit.text) else 0


def block_end(units: list[Unit], start: int) -> int:
    """Index after the last unit of the block that starts at ``start``."""
    end = start
    while end < len(units) and units[end].block == units[start].block:
        end += 1
    return end


def announced_span(units: list[Unit], announcer: int) -> range:
    """The units an announcing sentence brings: the whole list or table right after it, else the next sentences."""
    count = announced_count(units[announcer])
    following = announcer + 1
    if not count or following >= len(units):
        return range(following, following)
    if units[following].kind in ("item", "row") and units[following].block != units[announcer].block:
        end = block_end(units, following)
        if units[following].kind == "item":
            items = sorted({u.item for u in units[following:end]})[:MAX_LIST_ITEMS]
            end = following + sum(1 for u in units[following:end] if u.item in items)
        return range(following, end)
    # Prose: "… drei Bedingungen gemeinsam erfüllt sind. Der Vertrag muss … Außerdem …": the next sentences.
    end = following
    while end < len(units) and end - following < min(count, 3) and units[end].kind == "sentence":
        end += 1
    return range(following, end)
