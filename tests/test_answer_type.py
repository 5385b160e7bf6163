from __future__ import annotations

import pytest

from assistant.question.answer_type import AnswerType, answer_type_matches, expected_answer_types


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Bis wann wurde die Übergangsfrist verlängert?", AnswerType.DATE),
        ("In welchem Jahr wurde der Verband gegründet?", AnswerType.DATE),
        ("Wie viele Verwaltungsgemeinschaften gibt es in Bayern?", AnswerType.NUMBER),
        ("Was zahlt Bayern höchstens für ein Projekt?", AnswerType.NUMBER),
        ("Was hat das Gebäudemanagement gekostet?", AnswerType.NUMBER),
        ("Warum haben die Gemeinden eine gemeinsame Kasse eingerichtet?", AnswerType.REASON),
        ("Welche Gemeinden machen bei der Zweckvereinbarung mit?", AnswerType.MEMBERS),
        ("Wie heißt der Masterplan des Vereins?", AnswerType.NAME),
        ("Bis wann läuft das Förderprogramm?", AnswerType.UNTIL),
        ("Seit wann gilt die Regel?", AnswerType.SINCE),
        ("Wer hat die Pressemitteilung verschickt?", AnswerType.AGENT),
        ("Bei wem stellt man den Antrag?", AnswerType.AGENT),
    ],
)
def test_question_patterns_name_the_expected_kind_of_answer(question, kind):
    assert kind in expected_answer_types(question)


def test_questions_without_a_clear_kind_expect_nothing_special():
    assert expected_answer_types("Was ist ein Zweckverband?") == set()
    assert expected_answer_types("Wie verteilen wir die Kosten fair?") == set()


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        ("Die Frist wurde bis zum 31.12.2022 verlängert.", AnswerType.DATE, True),
        ("Die Frist wurde verlängert.", AnswerType.DATE, False),
        ("Es gibt 311 Verwaltungsgemeinschaften.", AnswerType.NUMBER, True),
        ("Der fünfte Bericht erschien 2024.", AnswerType.NUMBER, True),
        ("Anlass war, dass die Vorschriften nicht eingehalten wurden.", AnswerType.REASON, True),
        ("Die Gemeinden arbeiten zusammen.", AnswerType.REASON, False),
        ("Partner sind Germaringen, Kaltental, Mauerstetten und Pforzen.", AnswerType.MEMBERS, True),
        ("Partner sind neun Gemeinden im Ostallgäu.", AnswerType.MEMBERS, False),
        ("Der Masterplan trägt den Titel „Region schafft Zukunft“.", AnswerType.NAME, True),
        ("Das Programm wurde bis 2026 verlängert.", AnswerType.UNTIL, True),
        ("Das Programm besteht seit 2004.", AnswerType.UNTIL, False),
        ("Das Programm besteht seit 2004.", AnswerType.SINCE, True),
        ("Absenderin war Sybille Wenke-Thiem vom Difu.", AnswerType.AGENT, True),
        ("Der Antrag geht über die Rechtsaufsichtsbehörde an die zuständige Regierung.", AnswerType.AGENT, True),
        ("Die Gemeinden arbeiten zusammen.", AnswerType.AGENT, False),
    ],
)
def test_sentences_are_recognised_by_their_content(sentence, kind, expected):
    assert bool(answer_type_matches(sentence, {kind})) is expected


def test_a_sentence_delivering_several_asked_kinds_counts_each():
    kinds = expected_answer_types("Bis wann läuft das Programm?")
    assert kinds == {AnswerType.DATE, AnswerType.UNTIL}
    assert answer_type_matches("Es wurde bis 2026 verlängert.", kinds) == 2
    assert answer_type_matches("Es besteht seit 2004.", kinds) == 1
