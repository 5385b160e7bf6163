from __future__ import annotations

import pytest

from assistant.language.legal_references import LegalReference, legal_references, reference_fit
from assistant.question.answer_type import (
    HEAD_ONLY,
    AnswerType,
    AskedQuantity,
    amount_match,
    amount_of,
    answer_type_matches,
    asked_quantity,
    asks_actual,
    asks_for_date,
    asks_for_duration,
    count_like,
    expected_answer_types,
    figure_units,
    limit_units,
    states_as_fact,
)


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
        ("Ab welcher Laufzeit gilt eine Vereinbarung als langfristig?", AnswerType.NUMBER),
        ("LEADER Kooperation Sachsen-Anhalt Förderhöhe", AnswerType.NUMBER),
        ("Welche Mitgliederzahl braucht ein Verband?", AnswerType.NUMBER),
        ("Worauf sollten wir achten, bevor wir beitreten?", AnswerType.ADVICE),
        ("Was ist bei einer Förderung in Bayern zu beachten?", AnswerType.ADVICE),
        ("Was sollten wir vorher verlangen?", AnswerType.ADVICE),
        ("Gibt es Tipps für den Einstieg?", AnswerType.ADVICE),
        ("Worauf kommt es an?", AnswerType.ADVICE),
        ("Hat sich das für Bromskirchen finanziell gelohnt?", AnswerType.RESULT),
        ("Bringt so ein Verbund überhaupt was?", AnswerType.RESULT),
        ("Was hat das nach einem Jahr gebracht?", AnswerType.RESULT),
    ],
)
def test_question_patterns_name_the_expected_kind_of_answer(question, kind):
    assert kind in expected_answer_types(question)


def test_questions_without_a_clear_kind_expect_nothing_special():
    assert expected_answer_types("Was ist ein Zweckverband?") == set()
    assert expected_answer_types("Wie verteilen wir die Kosten fair?") == set()
    assert expected_answer_types("Wie viel Geld sollten die Gemeinden bekommen?") == {AnswerType.NUMBER}
    assert expected_answer_types("Was sind die wichtigsten Erfolgsfaktoren?") == set()


def test_a_bound_on_a_plural_welch_noun_asks_for_items_not_a_figure():
    assert AnswerType.NUMBER not in expected_answer_types("Welche Angaben gehören mindestens in die Satzung?")
    assert AnswerType.NUMBER in expected_answer_types("Welche Förderung gibt es maximal?")
    assert AnswerType.NUMBER in expected_answer_types("Was zahlt Bayern höchstens?")


def test_a_bound_on_what_a_text_contains_asks_for_content_not_a_figure():
    assert AnswerType.NUMBER not in expected_answer_types("Was muss die Satzung mindestens enthalten?")
    assert AnswerType.NUMBER not in expected_answer_types("Was muss mindestens in der Vereinbarung stehen?")
    assert AnswerType.NUMBER in expected_answer_types("Was kostet die Prüfung mindestens?")


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
        ("Sie erfasst Umsätze, die vor dem 01.01.2027 ausgeführt werden.", AnswerType.UNTIL, True),
        ("Das Gesetz stammt vom 02.11.2015.", AnswerType.UNTIL, False),
        # a range of provisions is no end of a period ("Wie lange dauert …?" is not answered by it)
        ("In Hessen regeln §§ 9 bis 11 KGG Satzung, Genehmigung und Entstehung.", AnswerType.UNTIL, False),
        ("Die Aufgaben nennen Art. 3 bis 5 KommZG.", AnswerType.UNTIL, False),
        ("Das Projekt lief von 2019 bis 2021.", AnswerType.UNTIL, True),
        ("Das Programm besteht seit 2004.", AnswerType.SINCE, True),
        ("Absenderin war Sybille Wenke-Thiem vom Difu.", AnswerType.AGENT, True),
        ("Der Antrag geht über die Rechtsaufsichtsbehörde an die zuständige Regierung.", AnswerType.AGENT, True),
        ("Die Gemeinden arbeiten zusammen.", AnswerType.AGENT, False),
        ("Vor einer Beteiligung sollten Gemeinden eine belastbare Kostenschätzung verlangen.", AnswerType.ADVICE, True),
        ("Bevor Gemeinden sie schließen, sollten sie die Kosten festlegen.", AnswerType.ADVICE, True),
        ("Es empfiehlt sich, die Regeln früh festzulegen.", AnswerType.ADVICE, True),
        # "sollte" of a plan, not of advice
        ("Deshalb sollte ein Zweckverband der Region diese Aufgabe übernehmen.", AnswerType.ADVICE, False),
        ("Elf Gemeinden kamen in Frage, die den Bedarf teilen sollten.", AnswerType.ADVICE, False),
        ("Durch den gemeinsamen Bezirk sparte Bromskirchen etwa 5.000 Euro im Jahr.", AnswerType.RESULT, True),
        ("Der Betrieb war auch unter dem Zweckverband defizitär.", AnswerType.RESULT, True),
        ("Die Sparkasse führt das Konto.", AnswerType.RESULT, False),
    ],
)
def test_sentences_are_recognised_by_their_content(sentence, kind, expected):
    assert bool(answer_type_matches(sentence, {kind})) is expected


def test_a_sentence_delivering_several_asked_kinds_counts_each():
    kinds = expected_answer_types("Bis wann läuft das Programm?")
    assert kinds == {AnswerType.DATE, AnswerType.UNTIL}
    assert answer_type_matches("Es wurde bis 2026 verlängert.", kinds) == 2
    assert answer_type_matches("Es besteht seit 2004.", kinds) == 1


@pytest.mark.parametrize(
    ("question", "noun", "kind"),
    [
        ("Wie viele Fahrzeuge hat der gemeinsame Bauhof?", "Fahrzeuge", "count"),
        ("Wie viele vereinbarte Verwaltungsgemeinschaften gibt es?", "Verwaltungsgemeinschaften", "count"),
        ("Wie hoch ist die Hundesteuer in Bielefeld?", "Hundesteuer", "value"),
        ("Was kostet ein Baugrundstück?", "Baugrundstück", "value"),
        ("Wie viel Förderung gibt es in Hessen?", "Förderung", "amount"),
    ],
)
def test_a_quantity_question_names_what_it_counts(question, noun, kind):
    assert asked_quantity(question) == AskedQuantity(noun, kind)


def test_a_count_answers_only_when_it_counts_the_asked_thing():
    members = asked_quantity("Wie viele Mitglieder hat der Verband?")
    assert amount_of(members, "Der Verband zählte im Februar 2023 über 530 Mitglieder.")
    assert not amount_of(members, "Am Verband ist der Landkreis mit 45 Prozent beteiligt.")
    assert amount_of(asked_quantity("Wie viele Gemeinden kooperieren?"), "25 Prozent der antwortenden Gemeinden")
    workshops = asked_quantity("Wie viele Werkstätten wurden ersetzt?")
    assert amount_of(workshops, "Ab 2009 ersetzten sie neun überwiegend ehrenamtlich geführte Werkstätten.")
    forms = asked_quantity("Wie viele Verwaltungsgemeinschaften gibt es in Sachsen?")
    assert not amount_of(forms, "Verwaltungsverband und Verwaltungsgemeinschaft sind zwei Formen der Zusammenarbeit.")
    assert amount_of(forms, "In Sachsen gibt es 64 Verwaltungsgemeinschaften.")
    points = asked_quantity("Wie viele Punkte stehen auf der Liste?")
    assert amount_of(points, "Das Saarland nennt sieben Kriterien für die Wahl der Rechtsform."), "list items"
    money = asked_quantity("Wie viel Förderung gibt es?")
    assert amount_of(money, "Die Regelzuwendung beträgt 175.000 Euro.")


def test_the_counted_noun_is_the_head_of_the_phrase_after_the_numeral():
    towns = asked_quantity("Wie viele Gemeinden haben geantwortet?")
    assert not amount_of(towns, "Die Befragung zeigt, wie häufig Gemeinden in drei Aufgabenbereichen kooperieren.")
    assert amount_of(towns, "Die Hälfte der Gemeinden kooperiert."), "a share counts too"
    unions = asked_quantity("Wie viele Verbandsgemeinden hat Sachsen-Anhalt?")
    assert amount_match(unions, "Eine Verbandsgemeinde besteht aus drei bis acht Mitgliedsgemeinden.") == HEAD_ONLY
    assert amount_match(unions, "Insgesamt 18 Verbandsgemeinden sind entstanden.") == 1.0


def test_an_amount_of_money_is_a_sum_in_a_currency():
    money = asked_quantity("Wie viel Geld hatte das Modellprojekt insgesamt?")
    assert amount_match(money, "Insgesamt beteiligten sich 25 Projekte.") < 1.0
    assert amount_match(money, "Für das Modellprojekt standen insgesamt 1,5 Mio. Euro zur Verfügung.") == 1.0
    assert amount_match(asked_quantity("Wie hoch sind die Kosten?"), "Die Kosten lagen bei 12.000 €.") == 1.0


def test_legal_references_conflict_only_in_paragraph_or_item():
    asked = legal_references("Was meint § 2b Abs. 3 Nr. 1 UStG?")
    assert asked == [LegalReference("2b", "3", "1")]
    assert reference_fit(asked, "Nach § 2b Abs. 3 Nr. 1 UStG gilt das für Vorbehaltsaufgaben.") == 1
    assert reference_fit(asked, "Die Kriterien des § 2b Abs. 3 Nr. 2 UStG lehnen sich an § 108 GWB an.") == -1
    assert reference_fit(asked, "§ 2b UStG gilt seit 2016.") == 0
    assert reference_fit(legal_references("Was regelt § 2b UStG?"), "Nach § 2b Abs. 3 Nr. 2 UStG …") == 0


def test_digits_inside_a_name_are_no_count():
    assert not count_like("Burgwald und Hatzfeld wurden 2023 in die ekom21 aufgenommen.")
    assert count_like("Die ekom21 zählte über 530 Mitglieder.")
    assert not count_like("Die Pilotförderung startete im Juni 2024.")  # a year at the end of a sentence
    assert not count_like("Seit 2019, als der Verband entstand, wächst er.")
    assert count_like("Bis 2026 erhielten 2019,5 Tausend Kommunen Geld.")


def test_a_question_for_what_came_to_pass_is_not_answered_by_a_plan():
    assert asks_actual("Was hat die Sanierung am Ende tatsächlich gekostet?")
    assert asks_actual("Wie teuer war das Bad letztlich?")
    assert not asks_actual("Was kostet die Sanierung?")
    assert not states_as_fact("Die Kosten wurden damals auf etwa 14,4 Millionen Euro geschätzt.")
    assert not states_as_fact("Nach dem Planungsstand von 2017 sollte das Bad 15,3 Millionen Euro kosten.")
    assert states_as_fact("Über das Programm erhielten knapp 570 Vorhaben Fördermittel.")


def test_a_court_file_number_is_no_count():
    assert not count_like("So entschied das Bundesverwaltungsgericht am 15.11.2006 (8 C 18.05).")
    assert not count_like("Das Urteil des VG Ansbach vom 08.04.2014 (4 K 13.00514) zeigt die Grenzen.")
    assert not count_like("Das Sächsische Oberverwaltungsgericht (5 B 310/03) verlangte eine klare Regel.")
    assert count_like("Nach dem Urteil (8 C 18.05) blieben 12 Gemeinden im Verband.")


def test_a_threshold_on_a_time_noun_asks_for_a_date_not_a_figure():
    assert expected_answer_types("Ab welchem Datum gilt § 2b UStG?") == {AnswerType.DATE}
    assert expected_answer_types("Welche Zahlungen gibt es?") == set()


def test_three_names_joined_by_und_are_a_list_of_members():
    assert answer_type_matches("Partner sind Püttlingen, Heusweiler und Riegelsberg.", {AnswerType.MEMBERS}) == 1


def test_wann_asks_for_a_date_after_an_event_and_for_a_condition_otherwise():
    assert asks_for_date("Wann wurde die Kfz-Zulassungsstelle zuletzt renoviert?")
    assert asks_for_date("Von wann ist das Gesetz?") and asks_for_date("Wann beginnt die nächste Antragsrunde?")
    assert not asks_for_date("Wann ist eine Gemeinde verpflichtet, einem Zweckverband beizutreten?")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("In welchem Gesetz steht die Mitverwaltung?", "gesetz"),
        ("In welchen Bundesländern gibt es Ämter?", "land"),
        ("Welche Unterlagen müssen wir beilegen?", "unterlage"),
        ("Welche kommunalen Aufgaben darf ein Zweckverband erfüllen?", "aufgabe"),
        ("Wie gründet man einen Zweckverband?", None),
        ("Wer ist zurzeit Bürgermeister von Musterdorf?", "meister"),
        ("Wer ist der Träger des Bades?", "träger"),
        ("Wer ist in Hessen für den Brandschutz zuständig?", None),
        ("Wie hieß der letzte Verbandsvorsteher des Schulverbands?", "vorsteher"),
    ],
)
def test_a_welch_question_asks_for_a_thing_of_its_noun(question, kind):
    from assistant.question.answer_type import asked_kind

    assert asked_kind(question) == kind


def test_a_sentence_names_the_asked_kind_by_the_noun_or_a_compound_ending_in_it():
    from assistant.question.answer_type import names_kind

    assert names_kind("Eingeführt wurde sie durch das Mitverwaltungsgesetz (VgMvG).", "gesetz")
    assert names_kind("Ämter gibt es in drei Ländern.", "land")
    assert names_kind("Die höchsten Anteile erreichen Schleswig-Holstein und Hessen.", "land")  # a state is a Land
    assert not names_kind("Die Grundlage ist eine Zweckvereinbarung.", "unterlage")


def test_the_nouns_for_conditions_name_one_kind():
    from assistant.question.answer_type import asked_kind, names_kind

    for question in ("Welche Bedingungen muss die Kooperation erfüllen?", "Welche Kriterien gelten?"):
        assert names_kind("Voraussetzungen und Verfahren", asked_kind(question))
    assert names_kind("Die Förderbedingungen verlangen einen Vertrag.", asked_kind("Welche Voraussetzungen gelten?"))
    assert not names_kind("Ziele und Verfahren", asked_kind("Welche Bedingungen gelten?"))


def test_a_question_about_a_coming_event_needs_a_date_that_has_not_passed():
    from assistant.question.answer_type import asks_coming_date, names_year_from

    assert asks_coming_date("Wann beginnt die nächste Antragsrunde der Förderrichtlinie?")
    assert asks_coming_date("Tagt die Verbandsversammlung im nächsten Monat, und an welchem Datum genau?")
    assert not asks_coming_date("Wann begann die erste Antragsrunde?")
    assert not asks_coming_date("Was kommt als Nächstes nach der Machbarkeitsstudie?")  # no date asked
    assert names_year_from("gilt bis 31.12.2027", 2026) and not names_year_from("Erlass vom 05.06.2023", 2026)


def test_a_noun_whose_head_names_a_figure_asks_for_one_even_when_the_splitter_keeps_it_whole():
    from assistant.question.answer_type import AnswerType, expected_answer_types

    assert AnswerType.NUMBER in expected_answer_types("Pilotförderung Rheinland-Pfalz Zuschusshöhe")
    assert AnswerType.NUMBER in expected_answer_types("Fördekooperation Kostenbeitrag Gemeinden")
    # a "Beitrag" alone may be an article, not an amount
    assert AnswerType.NUMBER not in expected_answer_types("Welche Themen nennt der Beitrag im Fachportal?")


def test_figures_are_read_with_their_unit_and_a_limit_by_its_bound():
    assert figure_units("Ungefähr ein Viertel der Leistungen verkaufen wir an Private.") == {"anteil"}
    assert figure_units("rund 30 Prozent des Umsatzes, etwa 12.000 Euro, 9.000 Einwohnern") == {
        "anteil",
        "euro",
        "einwohner",
    }
    assert limit_units("Die Beteiligten dürfen weniger als 20 Prozent der Tätigkeiten am Markt erbringen.") == {
        "anteil"
    }
    assert limit_units("Die Bagatellgrenze lag bei 5.000 Euro zuwendungsfähiger Ausgaben.") == {"euro"}
    assert limit_units("Die Zuwendung beträgt 50.000 Euro.") == set()  # an amount, no limit


def test_a_question_for_a_time_limit_asks_for_a_span_of_time():
    assert asks_for_duration("Wie lange dauert die Gründung?")
    assert asks_for_duration("Mit welcher Frist muss die Verbandsversammlung eingeladen werden?")
    assert asks_for_duration("Welche Kündigungsfrist gilt für eine Zweckvereinbarung?")
    assert not asks_for_duration("Welche Förderung gibt es?")
