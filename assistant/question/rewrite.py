"""Follow-up questions -> stand-alone questions (rule-based; the LLM path lives in answer/llm.py)."""

from __future__ import annotations

import re

from assistant.language.states import STATE_PATTERNS, detect_states
from assistant.models import HistoryTurn

FORMS = {
    "Zweckverband": r"zweckverb\w*",
    "Zweckvereinbarung": r"zweckvereinbarung\w*|öffentlich-rechtliche\w* vereinbarung\w*",
    "Arbeitsgemeinschaft": r"arbeitsgemeinschaft\w*",
    "gemeinsames Kommunalunternehmen": r"kommunalunternehmen\w*|gemeinsame\w* anstalt\w*|\bgku\b|\baör\b",
    "Verwaltungsgemeinschaft": r"verwaltungsgemeinschaft\w*",
    "Gemeindeverwaltungsverband": r"gemeindeverwaltungsverb\w*",
    "GmbH": r"\bgmbh\b",
}
FORM_PATTERNS = {form: re.compile(pattern, re.IGNORECASE) for form, pattern in FORMS.items()}
_FOLLOW_UP = re.compile(
    r"^(und|und was|was ist mit|wie ist es|wie sieht es|gilt das|gilt dies|auch|dort|da|dasselbe"
    r"|und wie|und wo|und wann)\b",
    re.IGNORECASE,
)


def detect_forms(text: str) -> list[str]:
    return [form for form, pattern in FORM_PATTERNS.items() if pattern.search(text)]


def is_follow_up(question: str) -> bool:
    words = question.split()
    return bool(_FOLLOW_UP.match(question.strip())) or len(words) <= 3


def last_user_question(history: list[HistoryTurn] | None) -> str | None:
    for turn in reversed(history or []):
        if turn.role == "user" and turn.content.strip():
            return turn.content.strip()
    return None


def rewrite_rule_based(question: str, history: list[HistoryTurn] | None) -> str:
    """Carry the previous topic and swap the named state or legal form ("Und in Bayern?")."""
    previous = last_user_question(history)
    if not previous or not is_follow_up(question):
        return question
    rewritten = previous
    new_states = detect_states(question)
    if new_states:
        old_states = detect_states(previous)
        if old_states:
            for state, pattern in STATE_PATTERNS:
                if state in old_states:
                    rewritten = pattern.sub(new_states[0], rewritten, count=1)
        else:
            rewritten = rewritten.rstrip("?!. ") + f" in {new_states[0]}?"
    new_forms = detect_forms(question)
    if new_forms:
        old_forms = detect_forms(previous)
        if old_forms:
            rewritten = FORM_PATTERNS[old_forms[0]].sub(new_forms[0], rewritten, count=1)
        else:
            rewritten = rewritten.rstrip("?!. ") + f" ({new_forms[0]})?"
    if not new_states and not new_forms:
        rewritten = f"{previous.rstrip('?!. ')}: {question}"
    return rewritten
