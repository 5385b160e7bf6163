"""The extractive composer on hand-made passages (real USE embeddings): spans, cohesion, lists, numbering."""

from __future__ import annotations

import pytest

from assistant.answer.evidence import Evidence
from assistant.answer.extractive import ExtractiveComposer
from assistant.answer.render import render
from assistant.answer.vectors import SentenceVectors
from assistant.ingest.chunking import text_units
from assistant.language.analysis import concepts
from assistant.models import Hit
from assistant.question.understanding import QuestionForm, understand


def hit(text: str, section: str, source: str = "doc.md", score: float = 1.0, state: str = "alle") -> Hit:
    units = text_units(text)
    return Hit(
        chunk_id=f"{source}#{section}",
        text="\n".join(u.text for u in units),
        source=source,
        title=source.removesuffix(".md").title(),
        section=f"{source.removesuffix('.md').title()} > {section}",
        source_url=f"https://example.org/{source}",
        metadata={"bundesland": state, "stand": "2026-12"},
        sentences=[u.text for u in units if u.kind != "row"],
        units=units,
        score=score,
    )


@pytest.fixture(scope="module")
def composer(usem3_embeddings):
    return ExtractiveComposer(SentenceVectors(usem3_embeddings), max_sentences=4, hits_used=5)


def compose(composer, question: str, hits: list[Hit], states: tuple[str, ...] = ()):
    analysis = understand(question)
    vector = composer.vectors.get([question])[0].tolist()
    return composer.compose(analysis, vector, hits, None, states)


VERGABE = (
    "Eine Zusammenarbeit zwischen Kommunen ist vom Vergaberecht ausgenommen, wenn drei Bedingungen gemeinsam "
    "erfüllt sind. Der Vertrag muss eine echte Zusammenarbeit zur Erfüllung gemeinsamer Ziele begründen. Die "
    "Durchführung muss ausschließlich dem öffentlichen Interesse dienen. Die Beteiligten dürfen weniger als 20 "
    "Prozent der Tätigkeiten auf dem offenen Markt erbringen. Ausführlich: Dokument „Vergaberecht“."
)


def test_an_announcing_sentence_brings_what_it_announces(composer):
    result = compose(
        composer,
        "Unter welchen Voraussetzungen ist eine Kooperation vom Vergaberecht ausgenommen?",
        [
            hit(VERGABE, "Müssen wir ausschreiben?"),
        ],
    )
    texts = [s.text for s in result.sentences]
    assert texts[0].endswith("wenn drei Bedingungen gemeinsam erfüllt sind.")
    assert any("20 Prozent" in t for t in texts), "the announced conditions follow"
    assert not any(t.startswith("Ausführlich") for t in texts), "pointers to other documents state no fact"


def test_an_announced_list_is_rendered_as_a_markdown_list(composer):
    text = (
        "Das Landesrecht kennt folgende Formen der Zusammenarbeit:\n"
        "- die kommunale Arbeitsgemeinschaft\n- die Zweckvereinbarung\n- den Zweckverband\n\n"
        "Die Aufsicht führt das Landratsamt."
    )
    result = compose(composer, "Welche Formen der Zusammenarbeit gibt es?", [hit(text, "Formen")])
    kinds = [s.kind for s in result.sentences]
    assert kinds[:4] == ["sentence", "item", "item", "item"]
    rendered = render(result.sentences)
    assert (
        "\n\n- die kommunale Arbeitsgemeinschaft [1]\n- die Zweckvereinbarung [1]\n- den Zweckverband [1]" in rendered
    )


def test_a_back_reference_brings_its_predecessor(composer):
    text = (
        "Die Gemeinden Altdorf und Neudorf betreiben seit 2015 einen gemeinsamen Bauhof. "
        "Dadurch sparen sie jedes Jahr rund 40.000 Euro an Personal- und Sachkosten."
    )
    result = compose(composer, "Wie viel sparen die Gemeinden mit dem Bauhof?", [hit(text, "Ergebnisse")])
    texts = [s.text for s in result.sentences]
    assert texts[0].startswith("Die Gemeinden Altdorf und Neudorf"), "'Dadurch' needs the sentence before it"
    assert texts[1].startswith("Dadurch sparen")


@pytest.mark.parametrize(
    ("sentence", "refers_back"),
    [
        ("Die Mitsprache der abgebenden Kommunen reicht deshalb nur so weit wie die Vereinbarung.", True),
        ("Die Gemeinde muss außerdem die Aufsicht informieren.", True),
        ("In Mecklenburg-Vorpommern wird die Satzung dagegen nur angezeigt.", False),
        ("Daneben können auch Stiftungen Mitglied werden.", True),
        ("Ein Zweckverband ist eine Körperschaft des öffentlichen Rechts.", False),
        ("Die Kommunen schließen eine Vereinbarung, damit die Aufgabe gemeinsam erfüllt wird.", False),
        ("Weitere Leitfragen zur Rechtsformwahl betreffen die Finanzierung.", True),
        ("Ein solcher Widerruf wirkt erst ab dem Folgejahr.", True),
        ("Eine weitere Möglichkeit ist die Zweckvereinbarung.", True),
        ("Als solche Zukunftsthemen nennt der Artikel den Bevölkerungsrückgang.", True),
        ("Gemeinden, die einen Schulverband gründen, sollten deshalb Regeln für den Austritt festlegen.", True),
        ("Gemeinden, die kooperieren, sparen oft Geld.", False),
        ("Voraussetzung dieser Förderung ist ein Beschluss der Gemeinderäte.", True),
        ("Eine Zweckvereinbarung ist eine weitere Möglichkeit.", False),
        ("So mussten viele ostdeutsche Zweckverbände durch Heilungsgesetze abgesichert werden.", True),
        ("So lange die Satzung gilt, bleibt der Verband bestehen.", False),
        # a demonstrative determiner a few words in refers back as well
        ("Ob und in welcher Form diese Förderung angeboten wird, sollte erfragt werden.", True),
        ("Je nach Land heißt dieses Instrument Zweckvereinbarung.", True),
    ],
)
def test_connective_adverbs_refer_back_at_the_start_and_after_the_first_words(sentence, refers_back):
    from assistant.answer.spans import needs_predecessor
    from assistant.models import Unit

    assert needs_predecessor(Unit(text=sentence, kind="sentence")) is refers_back


def test_a_contrast_after_the_verb_may_follow_another_sentence_but_cannot_open_an_answer(corpus_assistant):
    from assistant.answer.spans import contrasts_back
    from assistant.models import Unit

    assert contrasts_back(Unit(text="Der Zweckverband ist dagegen eine Körperschaft.", kind="sentence"))
    assert not contrasts_back(Unit(text="Der Zweckverband ist eine Körperschaft.", kind="sentence"))
    question = "Worin unterscheidet sich ein Zweckverband von einem gemeinsamen Kommunalunternehmen?"
    answer = corpus_assistant.ask(question)
    assert "dagegen" not in answer.sentences[0].text.split(",")[0]


@pytest.mark.parametrize(
    ("sentence", "enumerates"),
    [
        (
            "Das ThürKGG kennt die Arbeitsgemeinschaft (§ 4), die Zweckvereinbarung (§§ 7–15) und den Zweckverband.",
            True,
        ),
        ("Schwerpunkte sind die Digitalisierung, die Cybersicherheit sowie Back-Office-Bereiche.", True),
        ("Beteiligt sind Bayern, Sachsen und Thüringen.", True),
        # subordinate clauses after a comma end in a verb: no members
        ("Kommunen, die Aufgaben übernehmen und Befugnisse haben, sind frei.", False),
        ("Der Zweckverband, weil die Gemeinde und der Kreis zustimmen, ist gut.", False),
        ("In Bayern, Sachsen und Thüringen ist die Verwaltungsgemeinschaft eine Körperschaft.", False),
    ],
)
def test_an_enumeration_in_running_text_is_recognised(sentence, enumerates):
    from assistant.answer.spans import enumerates_inline
    from assistant.models import Unit

    assert enumerates_inline(Unit(text=sentence, kind="sentence")) is enumerates


def test_a_count_followed_by_its_members_announces_nothing_more():
    from assistant.answer.spans import announced_count
    from assistant.models import Unit

    assert announced_count(Unit(text="Es müssen drei Bedingungen gemeinsam erfüllt sein.", kind="sentence")) == 3
    named = "Ein Zweckverband hat zwei Organe: eine Verbandsversammlung und einen Verbandsvorsteher."
    assert announced_count(Unit(text=named, kind="sentence")) == 0


def test_a_sentence_whose_subject_is_another_document_is_a_pointer_not_an_answer():
    from assistant.answer.spans import is_pointer

    assert is_pointer("Die Voraussetzungen der Inhouse-Vergabe beschreibt das Dokument „Inhouse-Vergabe“.")
    assert is_pointer("Siehe auch das Glossar.")
    assert not is_pointer("In Sachsen heißt die Form Verwaltungsverband; sie ist im Dokument „Sachsen“ beschrieben.")
    assert not is_pointer("Es gibt eine delegierende und eine mandatierende Form; beide erläutert das Dokument „ÖrV“.")


def test_a_second_source_that_refers_back_joins_only_when_the_answer_already_says_what_it_refers_to(composer):
    first = hit(
        "Mitglieder eines Zweckverbands sind nach den Landesgesetzen in erster Linie Gemeinden und Landkreise.",
        "Mitglieder",
        "zweckverband.md",
    )
    second = hit(
        "Mitglieder eines Zweckverbands sind in erster Linie Gemeinden und Landkreise, in Bayern auch Bezirke. "
        "Daneben können je nach Landesrecht Stiftungen des öffentlichen Rechts und unter Bedingungen Private "
        "Mitglied eines Zweckverbands werden.",
        "Wer kann Mitglied werden?",
        "faq.md",
        score=0.9,
    )
    result = compose(composer, "Wer kann außer Gemeinden Mitglied in einem Zweckverband werden?", [first, second])
    texts = [s.text for s in result.sentences]
    assert any(t.startswith("Daneben können") for t in texts)


def test_a_preposition_with_a_demonstrative_is_a_back_reference_too(composer):
    text = (
        "Nach § 1 Abs. 3 NKomZG sind Rechtshandlungen bei der Gründung eines Zweckverbands abgabenfrei. "
        "Durch diese Regel fallen keine Gebühren für Eintragungen in das Grundbuch an."
    )
    question = "Fallen Grundbuchgebühren an, wenn wir einen Zweckverband gründen?"
    result = compose(composer, question, [hit(text, "Kosten")])
    assert "§ 1 Abs. 3 NKomZG" in result.sentences[0].text, "'Durch diese Regel' needs the sentence before it"


def test_a_count_question_leads_with_the_count_of_the_asked_thing(composer):
    text = (
        "Verwaltungsverband und Verwaltungsgemeinschaft sind zwei Formen, in denen sächsische Gemeinden ihre "
        "Verwaltung gemeinsam organisieren. Den Bestandsschutz regelt § 2 Abs. 1 Nr. 2 SächsKomZG. "
        "In Sachsen gibt es 64 Verwaltungsgemeinschaften mit 179 beteiligten Gemeinden."
    )
    result = compose(composer, "Wie viele Verwaltungsgemeinschaften gibt es in Sachsen?", [hit(text, "Bestand")])
    assert "64 Verwaltungsgemeinschaften" in result.sentences[0].text


def test_number_questions_lead_with_the_sentence_that_holds_the_figure(composer):
    text = (
        "Die Förderrichtlinie unterstützt Kooperationen von Kommunen in Nordrhein-Westfalen. "
        "Die Regelzuwendung der Förderrichtlinie beträgt 175.000 Euro, wenn zwei Kommunen kooperieren. "
        "Anträge stellt eine der beteiligten Kommunen."
    )
    result = compose(composer, "Wie viel Geld gibt es über die Förderrichtlinie?", [hit(text, "Förderhöhe")])
    assert "175.000 Euro" in result.sentences[0].text


def test_a_second_source_only_adds_what_the_first_does_not_cover_and_never_repeats(composer):
    first = hit(
        "Ein Zweckverband ist eine Körperschaft des öffentlichen Rechts, in der sich Gemeinden für eine Aufgabe "
        "zusammenschließen.",
        "Was ist ein Zweckverband?",
        "zweckverband.md",
    )
    paraphrase = hit(
        "Der Zweckverband ist eine Körperschaft des öffentlichen Rechts, zu der sich Kommunen für bestimmte "
        "Aufgaben zusammenschließen.",
        "Zweckverband",
        "glossar.md",
        score=0.9,
    )
    result = compose(composer, "Was ist ein Zweckverband?", [first, paraphrase])
    assert len(result.sentences) == 1, "the glossary says the same thing again"
    assert [c.n for c in result.citations] == [1]


def test_citations_are_numbered_by_first_use_one_number_per_passage(composer):
    definition = hit(
        "Ein Zweckverband ist eine Körperschaft des öffentlichen Rechts. Er erledigt Aufgaben seiner Mitglieder.",
        "Was ist ein Zweckverband?",
        "zweckverband.md",
    )
    organs = hit(
        "Die Organe des Zweckverbands sind die Verbandsversammlung und der Verbandsvorsitzende.",
        "Organe",
        "organe.md",
        score=0.8,
    )
    result = compose(composer, "Was ist ein Zweckverband, und welche Organe hat er?", [organs, definition])
    numbers = [s.citations for s in result.sentences]
    assert numbers[0] == [1] and result.citations[0].source == "zweckverband.md", "the first part is answered first"
    assert {c.n for c in result.citations} == {1, 2} and len(result.citations) == 2
    assert all(len(s.citations) == 1 for s in result.sentences)


def test_a_passage_about_another_state_never_leads_and_a_missing_state_rule_is_said_first(composer):
    bavaria = hit(
        "In Bayern bedarf die Verbandssatzung eines Zweckverbands der Genehmigung der Rechtsaufsichtsbehörde.",
        "Genehmigung",
        "bayern.md",
        score=1.0,
        state="Bayern",
    )
    general = hit(
        "Die Verbandssatzung eines Zweckverbands wird von den Mitgliedern vereinbart und öffentlich bekannt gemacht.",
        "Satzung",
        "zweckverband.md",
        score=0.8,
    )
    result = compose(composer, "Wie wird die Verbandssatzung genehmigt?", [bavaria, general], states=("Hessen",))
    assert result.citations[0].source == "zweckverband.md"
    assert result.preface and "Hessen" in result.preface
    assert all("Bayern" not in s.text for s in result.sentences)


def test_yes_no_questions_open_with_the_answer_where_the_source_supports_it(composer):
    result = compose(
        composer,
        "Muss eine Gemeinde die Verlängerung der Übergangsfrist beantragen?",
        [
            hit(
                "Eine Gemeinde muss die Verlängerung der Übergangsfrist nicht beantragen, weil sie ohne Antrag wirkt.",
                "Antrag",
            ),
        ],
    )
    assert result.sentences[0].lead == "Nein."
    assert render(result.sentences).startswith("Nein. Eine Gemeinde muss")


def test_a_yes_no_question_about_what_the_source_excepts_is_answered_no(composer):
    section = hit(
        "Die Verwaltungsgemeinschaft nimmt alle Angelegenheiten des übertragenen Wirkungskreises ihrer Mitglieder "
        "wahr, ausgenommen den Erlass von Satzungen und Verordnungen.",
        "Aufgaben der Verwaltungsgemeinschaft",
    )
    statutes = compose(composer, "Darf eine Verwaltungsgemeinschaft Satzungen erlassen?", [section])
    assert statutes.sentences[0].lead == "Nein."
    tasks = compose(composer, "Nimmt die Verwaltungsgemeinschaft Angelegenheiten ihrer Mitglieder wahr?", [section])
    assert tasks.sentences[0].lead == "Ja."


@pytest.mark.parametrize(
    ("question", "sentence", "lead"),
    [
        (
            "Reicht der Erhalt der öffentlichen Infrastruktur allein aus?",
            "Das Gesetz verlangt beides: den Erhalt der öffentlichen Infrastruktur und eine gemeinsame Aufgabe.",
            None,  # says no without a negation
        ),
        (
            "Können auch Zweckverbände die Kofinanzierungshilfe des Landes erhalten?",
            "Die Kofinanzierungshilfe des Landes ist nicht speziell auf Kooperationen zugeschnitten, steht aber auch "
            "Zweckverbänden offen.",
            None,  # the negation is conceded, not the answer
        ),
        (
            "Kann eine Arbeitsgemeinschaft für die Kommunen verbindlich entscheiden?",
            "Eine Arbeitsgemeinschaft eignet sich für Beratungen, nicht aber für verbindliche Entscheidungen der "
            "Kommunen.",
            "Nein.",
        ),
    ],
)
def test_the_yes_or_no_lead_follows_what_the_sentence_asserts(composer, question, sentence, lead):
    result = compose(composer, question, [hit(sentence, "Frage")])
    assert result.sentences[0].lead == lead


def test_a_state_named_in_another_spelling_is_held_by_the_sentence_that_names_the_state(composer):
    law = hit(
        "In Mecklenburg-Vorpommern regelt die Kommunalverfassung die kommunale Zusammenarbeit; ein eigenes Gesetz "
        "über kommunale Zusammenarbeit gibt es dort nicht.",
        "Landesrecht",
        state="Mecklenburg-Vorpommern",
    )
    question = "Gibt es in Meck-Pomm ein eigenes Gesetz?"
    vector = composer.vectors.get([question])[0].tolist()

    def rarity(concept: str) -> float:  # the corpus never writes the colloquial name: its words weigh most
        return 2.5 if concept in ("meck", "pomm") else 1.0

    result = composer.compose(understand(question), vector, [law], rarity, ())
    assert result.sentences[0].lead == "Nein."
    # the state alone answers nothing: the rest of the question ("zulässig") must be held as well
    body = hit(
        "Eine Verwaltungsgemeinschaft ist in Thüringen eine Körperschaft des öffentlichen Rechts.",
        "Verwaltungsgemeinschaft",
        state="Thüringen",
    )
    result = compose(composer, "Ist das nach Thüringer Recht überhaupt zulässig?", [body])
    assert result.sentences[0].lead is None


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("Partner des Zweckverbands Wasser Nord waren die Gemeinden Adorf und Bedorf.", None),  # says nothing of today
        ("Der Zweckverband Wasser Nord besteht seit 1998 aus den Gemeinden Adorf und Bedorf.", "Ja."),
        ("Den Zweckverband Wasser Nord gibt es nicht mehr: Er wurde 2022 aufgelöst.", "Nein."),
    ],
)
def test_a_question_whether_something_still_holds_needs_a_sentence_about_today(composer, sentence, lead):
    result = compose(
        composer, "Gibt es den Zweckverband Wasser Nord noch?", [hit(sentence, "Zweckverband Wasser Nord")]
    )
    assert result.sentences[0].lead == lead


def test_no_yes_or_no_when_the_sentence_leaves_out_what_the_question_hinges_on(composer):
    text = (
        "Ein Widerruf der Option zum alten Umsatzsteuerrecht wirkt erst ab dem Beginn eines folgenden Kalenderjahres."
    )
    question = (
        "Kann eine Gemeinde den Widerruf der Option zum alten Umsatzsteuerrecht nur für einzelne Bereiche erklären?"
    )
    result = compose(composer, question, [hit(text, "Widerruf")])
    assert result.sentences[0].lead is None, "'nur für einzelne Bereiche' is what the question asks about"


def test_tables_are_rendered_as_markdown_tables():
    from assistant.models import AnswerSentence

    rows = [
        AnswerSentence(text="| Form | Rechtsperson |", citations=[1], kind="row", block="0:1"),
        AnswerSentence(text="| Zweckverband | ja |", citations=[1], kind="row", block="0:1"),
    ]
    intro = AnswerSentence(text="Die Formen unterscheiden sich so:", citations=[1])
    assert render([intro, *rows]) == (
        "Die Formen unterscheiden sich so: [1]\n\n| Form | Rechtsperson |\n|---|---|\n| Zweckverband | ja |\n\n[1]"
    )


def test_the_question_form_decides_the_answer_shape():
    assert understand("Gibt es in Hessen Förderung?").form is QuestionForm.YESNO
    assert understand("Was ist der Unterschied zwischen Zweckverband und Zweckvereinbarung?").form is (
        QuestionForm.COMPARISON
    )
    assert understand("Welche Rechtsformen gibt es in Sachsen?").form is QuestionForm.LIST
    assert understand("Bis wann gilt die Übergangsregelung?").form is QuestionForm.FACT
    assert understand("Kostet der Förderantrag Gebühren?").form is QuestionForm.YESNO
    assert understand("Wir wollen den Bauhof zusammenlegen – geht das als Zweckvereinbarung?").form is (
        QuestionForm.YESNO
    )


def test_three_outcomes_follow_the_evidence():
    assert Evidence(score=0.8, coverage=0.9).confidence == "high"
    assert Evidence(score=0.3).confidence == "medium"
    assert Evidence(score=0.8, missing_details=("1987",)).confidence == "medium"
    assert Evidence(score=0.1).confidence == "none"
    assert Evidence(score=0.9, known_topic=False).confidence == "none"


def test_a_paragraph_with_another_letter_is_a_detail_the_passages_lack():
    from assistant.answer.evidence import missing_details

    passage = hit("Nach § 2b UStG sind Kommunen nur unter Bedingungen Unternehmer.", "Was regelt § 2b UStG?")
    assert missing_details(understand("Was regelt § 2c UStG für Kommunen?"), [passage]) == ("§2c",)
    assert missing_details(understand("Was regelt § 2b UStG für Kommunen?"), [passage]) == ()


def _delivers(question: str, text: str) -> bool:
    """Whether a one-sentence answer delivers the fact the question asks for."""
    from assistant.engine import delivers_asked_fact
    from assistant.models import AnswerSentence

    return delivers_asked_fact(understand(question), [AnswerSentence(text=text, citations=[1])], [])


def test_a_duration_question_is_answered_by_a_span_of_time_or_its_end_not_by_any_date():
    founding = "Wie lange dauert die Gründung eines Zweckverbands?"
    assert not _delivers(founding, "Nach dem Urteil vom 21.12.2016 (C-51/15) ist die Gründung kein Auftrag.")
    assert _delivers(founding, "Von den ersten Gesprächen bis zur Bekanntmachung vergingen zwei Jahre.")
    assert _delivers("Wie lange gilt die Übergangsregelung?", "Sie gilt bis 31.12.2026.")


def test_a_who_question_about_a_role_is_answered_only_by_a_sentence_that_names_the_role():
    mayor = "Wer ist zurzeit Bürgermeister von Bayerbach?"
    assert not _delivers(mayor, "Bad Birnbach und Bayerbach gehören der Verwaltungsgemeinschaft an.")
    assert _delivers(mayor, "Erster Bürgermeister von Bayerbach ist Max Muster.")
    assert _delivers("Wer ist Träger des Bades?", "Projektträger ist die Stadt.")
    chair = "Wie hieß der letzte Verbandsvorsteher des Schulverbands Eiderstedt?"
    assert not _delivers(chair, "Der Schulverband Eiderstedt wurde aufgelöst, weil sich die Gemeinden nicht einigten.")
    assert _delivers("Wie heißt der Masterplan des Vereins?", "Der Masterplan des Vereins heißt „Zukunft 2030“.")


def test_a_figure_asked_per_unit_needs_an_answer_that_speaks_of_that_unit():
    rent = "Wie viel Miete zahlt Wolfratshausen für das Hallenbad pro Stunde?"
    assert not _delivers(rent, "Wolfratshausen beteiligt sich mit 105.000 Euro im Jahr an den Betriebskosten.")
    assert _delivers(rent, "Wolfratshausen zahlt 40 Euro je Stunde.")
    assert _delivers("Was kostet die Kassenkooperation pro Jahr?", "Sie kostet jährlich rund 58.000 Euro.")


def test_a_price_question_is_answered_only_by_a_sum_of_money():
    entry = "Wie teuer ist eine Eintrittskarte im Hallenbad?"
    assert not _delivers(entry, "In Deutschland schließen zuletzt rund 80 Hallenbäder im Jahr.")
    assert _delivers(entry, "Der Eintritt kostet für Erwachsene 4,50 Euro.")
    assert _delivers("Was hat das Bad am Ende gekostet?", "Die Baukosten lagen bei 16,5 Millionen Euro.")
    # pay, and the amount of a noun that names money
    assert not _delivers("Was verdient der Kämmerer im Monat?", "Der Kämmerer leitet seit 2019 die Kasse.")
    assert not _delivers("Wie hoch ist der Jahresbeitrag im Verein?", "Dem Verein gehören 25 Gemeinden an.")
    assert _delivers("Wie hoch ist der Jahresbeitrag im Verein?", "Der Beitrag liegt bei 1.200 Euro im Jahr.")
    # the noun "Kosten" asks how they are shared, not for a price
    assert _delivers("Wie teilen wir die Kosten auf?", "Die Kosten werden nach Einwohnerzahl verteilt.")


def test_a_suggestions_answer_is_a_refusal_with_sections_to_read(assistant):
    answer = assistant.ask("Welche Organe hatte ein Zweckverband im Jahr 1987?")
    assert answer.abstained and answer.confidence == "medium"
    assert answer.answer.endswith("Diese Stellen könnten weiterhelfen:")
    assert 1 <= len(answer.suggestions) <= 3 and answer.citations == []
    assert answer.suggestions[0].source_url.startswith("https://")
    refused = assistant.ask("Wie wird das Wetter morgen?")
    assert refused.abstained and refused.confidence == "none" and not refused.suggestions


@pytest.mark.parametrize(
    ("text", "heading", "question", "state"),
    [
        (
            "In den meisten Ländern muss die Aufsichtsbehörde die Verbandssatzung genehmigen. "
            "In Baden-Württemberg besteht auf die Genehmigung ein Anspruch, wenn die Satzung gesetzmäßig ist. "
            "In Mecklenburg-Vorpommern wird die Verbandssatzung der Rechtsaufsichtsbehörde dagegen nur angezeigt.",
            "Braucht die Verbandssatzung eine Genehmigung?",
            "Braucht in Mecklenburg-Vorpommern die Verbandssatzung eine Genehmigung?",
            "Mecklenburg-Vorpommern",
        ),
        (  # the sentence about another state matches the question best, and still does not open
            "Voraussetzung für die Bildung einer Verbandsgemeinde war in Sachsen-Anhalt eine Übergangsphase nach der "
            "Gemeindegebietsreform. "
            "In Brandenburg genügen zwei aneinandergrenzende Gemeinden desselben Landkreises.",
            "Wie wird eine Verbandsgemeinde gebildet?",
            "Was ist Voraussetzung, um in Brandenburg eine Verbandsgemeinde zu bilden?",
            "Brandenburg",
        ),
    ],
)
def test_in_a_nationwide_section_the_sentence_about_the_asked_state_comes_first(
    composer, text, heading, question, state
):
    result = compose(composer, question, [hit(text, heading)], states=(state,))
    assert state in result.sentences[0].text


def test_a_yes_or_no_never_opens_the_answer_to_a_question_that_is_not_yes_no(composer):
    text = (
        "Ja, mehrere Kommunen können gemeinsam eine GmbH gründen. "
        "Organe der GmbH sind die Gesellschafterversammlung und die Geschäftsführung."
    )
    section = hit(text, "Können Kommunen gemeinsam eine GmbH gründen?")
    result = compose(composer, "Welche Organe hat eine GmbH, die mehrere Gemeinden gründen?", [section])
    assert result.sentences[0].text.startswith("Organe der GmbH")


def test_a_question_citing_a_paragraph_and_item_is_answered_by_that_item_not_a_neighbour(composer):
    text = (
        "Nach § 2b Abs. 3 Nr. 2 UStG liegen keine größeren Wettbewerbsverzerrungen vor, wenn eine Zusammenarbeit "
        "vier Kriterien erfüllt. "
        "Nach § 2b Abs. 3 Nr. 1 UStG gilt das für Leistungen, die nach gesetzlichen Bestimmungen nur von "
        "juristischen Personen des öffentlichen Rechts erbracht werden dürfen."
    )
    result = compose(composer, "Was regelt § 2b Abs. 3 Nr. 1 UStG?", [hit(text, "Leistungen zwischen Kommunen")])
    assert result.sentences[0].text.startswith("Nach § 2b Abs. 3 Nr. 1 UStG")


def test_a_count_question_opens_with_the_count_of_the_asked_thing(composer):
    text = (
        "Eine Verbandsgemeinde in Sachsen-Anhalt besteht aus drei bis acht Mitgliedsgemeinden. "
        "Insgesamt 18 Verbandsgemeinden sind in Sachsen-Anhalt entstanden."
    )
    section = hit(text, "Verbandsgemeinden in Sachsen-Anhalt", state="Sachsen-Anhalt")
    result = compose(composer, "Wie viele Verbandsgemeinden hat Sachsen-Anhalt?", [section], ("Sachsen-Anhalt",))
    assert result.sentences[0].text.startswith("Insgesamt 18 Verbandsgemeinden")


def test_a_comparison_of_named_subjects_answers_about_each_of_them(composer):
    geretsried = hit(
        "Das Hallenbad Geretsried betreiben die Stadt und vier Nachbargemeinden auf Grundlage einer "
        "Zweckvereinbarung. Die Stadt trägt den größten Teil der Kosten.",
        "Hallenbad",
        "geretsried.md",
        score=1.0,
    )
    geretsried_more = hit(
        "Immer wieder besuchen Delegationen anderer Kommunen das Hallenbad Geretsried, um das Modell kennenzulernen.",
        "Besuche",
        "geretsried-presse.md",
        score=0.95,
    )
    guenzburg = hit(
        "Im Landkreis Günzburg trägt ein Zweckverband das Gartenhallenbad, an dem der Landkreis mit 45 Prozent "
        "beteiligt ist.",
        "Hallenbad Nord",
        "guenzburg.md",
        score=0.6,
    )
    question = "Geretsried und der Landkreis Günzburg – worin unterscheiden sich die beiden Hallenbad-Modelle?"
    result = compose(composer, question, [geretsried, geretsried_more, guenzburg])
    assert "Geretsried" in result.sentences[0].text
    assert any("Günzburg" in sentence.text for sentence in result.sentences)


def test_a_sentence_that_restates_the_question_does_not_open_the_answer(composer):
    restating = hit(
        "Den Antrag auf Förderung nach der Förderrichtlinie stellt einer der Beteiligten für alle Partner.",
        "Antrag",
        "antrag.md",
        score=1.0,
    )
    answering = hit(
        "Der Antrag nach der Förderrichtlinie ist vor Beginn des Vorhabens bei der zuständigen Bezirksregierung zu "
        "stellen.",
        "Verfahren",
        "verfahren.md",
        score=0.9,
    )
    result = compose(
        composer, "Wo stellen wir den Antrag auf Förderung nach der Förderrichtlinie?", [restating, answering]
    )
    assert "Bezirksregierung" in result.sentences[0].text


def test_a_welch_question_opens_with_the_sentence_that_names_a_thing_of_its_kind(composer):
    passage = hit(
        "Die Mitverwaltung ist ein Verwaltungsmodell, bei dem eine Gemeinde die Verwaltung für ihre Nachbarn "
        "führt. Die Mitverwaltung wurde 2018 durch das Mitverwaltungsgesetz eingeführt.",
        "Mitverwaltung",
        "mitverwaltung.md",
    )
    result = compose(composer, "In welchem Gesetz steht die Mitverwaltung?", [passage])
    assert "Mitverwaltungsgesetz" in result.sentences[0].text


def test_a_why_question_opens_with_the_sentence_that_gives_the_reason(composer):
    intro = hit(
        "Die Gemeinden Kaufungen und Söhrewald führen seit dem 1. Januar 2019 eine gemeinsame Gemeindekasse. Die "
        "Gemeinschaftskasse beruht auf einer öffentlich-rechtlichen Vereinbarung zwischen Kaufungen und Söhrewald.",
        "Gemeinschaftskasse",
        "kasse.md",
    )
    reason = hit(
        "Als Beweggründe für die Gemeinschaftskasse nennen Kaufungen und Söhrewald die Konsolidierung ihrer "
        "Haushalte und eine zukunftsfähige Erfüllung ihrer Aufgaben.",
        "Ziele",
        "kasse.md",
        score=0.9,
    )
    result = compose(
        composer, "Warum haben Kaufungen und Söhrewald eine gemeinsame Kasse eingerichtet?", [intro, reason]
    )
    assert "Beweggründe" in result.sentences[0].text


def test_a_heading_that_asks_for_another_kind_of_answer_does_not_make_its_first_sentence_the_answer(composer):
    passage = hit(
        "Die Pilotförderung des Landes beteiligt sich an den Anlaufkosten neuer Verbünde und startete im Juni 2024. "
        "Grundlage ist eine Vereinbarung mit den kommunalen Spitzenverbänden. Die Pilotförderung zahlt bis zu "
        "210.000 Euro für drei Kommunen.",
        "Wie funktioniert die Pilotförderung?",
        "pilot.md",
    )
    result = compose(composer, "Wie hoch ist die Pilotförderung?", [passage])
    assert "210.000 Euro" in result.sentences[0].text


def test_a_nationwide_rule_with_examples_from_other_states_answers_after_saying_the_state_has_none(composer):
    section = hit(
        "Ja, Gemeinden können gemeinsam ein kommunales Medizinisches Versorgungszentrum (MVZ) tragen. In der "
        "Verbandsgemeinde Aar-Einrich in Rheinland-Pfalz entstand 2016 das erste MVZ in der Form einer Anstalt.",
        "Können Gemeinden gemeinsam die ärztliche Versorgung sichern?",
    )
    result = compose(composer, "Können wir in Sachsen mit den Nachbarorten ein MVZ gründen?", [section], ("Sachsen",))
    assert result.preface and "Sachsen" in result.preface
    assert result.sentences[0].text.startswith("Ja, Gemeinden können")


def test_a_welch_question_is_answered_under_the_heading_that_names_its_kind(composer):
    funding = hit(
        "Hessische Gemeinden, die fusionieren wollen, können für die Vorbereitung der Fusion Zuschüsse bekommen.",
        "Zuschüsse für Vorbereitung und Begleitung",
        "hessen.md",
        state="Hessen",
    )
    conditions = hit(
        "Das hessische Förderprogramm setzt in der Regel mindestens drei beteiligte Kommunen voraus, und die "
        "Kooperation muss mindestens fünf Jahre bestehen.",
        "Voraussetzungen und Verfahren",
        "hessen.md",
        score=1.0,
        state="Hessen",
    )
    question = "Welche Voraussetzungen muss ein Projekt erfüllen, um in Hessen Fördermittel zu bekommen?"
    result = compose(composer, question, [funding, conditions], ("Hessen",))
    assert "mindestens drei" in result.sentences[0].text


def test_the_parts_of_a_coordinated_question_never_repeat_what_an_earlier_part_said(composer):
    organs = hit(
        "Ein Zweckverband hat in der Regel zwei Organe: eine Verbandsversammlung und einen Verbandsvorsteher. In "
        "Mecklenburg-Vorpommern sind die Verbandsversammlung und der Verbandsvorsteher die Organe, und in der "
        "Verbandsversammlung sitzen die Bürgermeister und Landräte der Mitglieder.",
        "Welche Organe hat ein Zweckverband?",
        "zweckverband.md",
    )
    members = hit(
        "In Mecklenburg-Vorpommern sind das Verbandsversammlung und Verbandsvorsteher, wobei in der "
        "Verbandsversammlung Bürgermeister und Landräte der Mitglieder sitzen.",
        "Wer sitzt in der Verbandsversammlung?",
        "faq.md",
        score=0.9,
    )
    question = "Welche Organe hat ein Zweckverband und wer sitzt in der Verbandsversammlung?"
    result = compose(composer, question, [organs, members])
    texts = [s.text for s in result.sentences]
    assert sum("Bürgermeister" in t for t in texts) == 1, texts


def test_a_heading_is_matched_by_the_asked_clause_of_a_long_question(composer):
    from assistant.answer.evidence import EvidenceAssessor

    section = hit(
        "Ein Amt finanziert sich vor allem über die Amtsumlage, die die amtsangehörigen Gemeinden zahlen.",
        "Wie wird ein Amt finanziert?",
    )
    question = understand(
        "Unsere Gemeinde ist amtsangehörig, und im Rat gibt es Streit ums Geld – wie finanziert sich so ein Amt?"
    )
    whole = composer.vectors.get([question.text])[0]
    heading = composer.vectors.get([section.heading])[0]
    evidence = EvidenceAssessor(composer.vectors).assess(question, whole.tolist(), [section], lambda c: 1.0, bool)
    assert evidence.heading > float(whole @ heading) + 0.05


def test_a_heading_that_shares_no_concept_with_the_question_is_no_evidence_of_meaning(composer):
    from assistant.answer.evidence import EvidenceAssessor

    # two questions of the same shape are close in USE without sharing a topic
    unrelated = hit(
        "Die Pilotförderung soll später mit einer eigenen Verwaltungsvorschrift verstetigt werden.",
        "Wie ist die Pilotförderung entstanden?",
        source="pilot.md",
    )
    related = hit(
        "Die Pilotförderung entstand aus einer Vereinbarung des Landes mit den kommunalen Spitzenverbänden.",
        "Wie ist die Pilotförderung entstanden?",
        source="pilot.md",
    )
    assessor = EvidenceAssessor(composer.vectors)
    for text, section in (("Wie spät ist es gerade?", unrelated), ("Woher kommt die Pilotförderung?", related)):
        question = understand(text)
        vector = composer.vectors.get([text])[0]
        evidence = assessor.assess(question, vector.tolist(), [section], lambda c: 1.0, bool)
        heading = float(vector @ composer.vectors.get([section.heading])[0])
        shares = bool(question.concepts & {"pilotförderung", "pilot", "förderung", "fördern"})
        assert (evidence.heading == pytest.approx(heading, abs=1e-5)) is shares, text
        assert evidence.heading <= heading + 1e-5


def test_a_comparison_of_states_answers_them_in_the_order_the_question_names_them(composer):
    section = hit(
        "In Schleswig-Holstein soll ein Amt in der Regel mindestens 8.000 Einwohner umfassen. "
        "In Brandenburg soll ein Amt nicht weniger als 5.000 Einwohner haben.",
        "Mindestgröße eines Amtes",
        source="amt.md",
    )
    question = "Wie unterscheiden sich Brandenburg und Schleswig-Holstein bei der Mindestgröße eines Amtes?"
    sentences = compose(composer, question, [section]).sentences
    assert "Brandenburg" in sentences[0].text and "Schleswig-Holstein" in sentences[1].text


def test_each_state_of_a_comparison_is_answered_on_what_is_compared_not_by_a_sentence_naming_all_states(composer):
    overview = hit(
        "Die Bezeichnung Amt wird in Brandenburg und Mecklenburg-Vorpommern für einen Gemeindeverbund mit "
        "gemeinsamer Verwaltung verwendet.",
        "Ämter in Brandenburg und Mecklenburg-Vorpommern",
        source="aemter.md",
    )
    own = hit(
        "Ein Amt soll nicht weniger als 5.000 Einwohner haben und nicht mehr als sechs Gemeinden umfassen.",
        "Wie wird ein Amt in Brandenburg gebildet?",
        source="brandenburg.md",
        state="Brandenburg",
    )
    question = "Wie unterscheiden sich Brandenburg und Mecklenburg-Vorpommern bei der Mindestgröße eines Amtes?"
    analysis = understand(question)
    assert {"mindest", "amt"} <= analysis.aspect
    assert "brandenburg" not in analysis.aspect
    sentences = compose(composer, question, [overview, own]).sentences
    assert sentences[0].text.startswith("Ein Amt soll nicht weniger als 5.000")
    assert sentences[0].lead == "Brandenburg:"


def test_a_sentence_listing_many_states_is_not_about_one_of_them(composer):
    section = hit(
        "Die Zweckvereinbarung kennen etwa Bayern, Niedersachsen, Sachsen und Thüringen. "
        "Die Zweckvereinbarung kennen etwa Bayern und Sachsen.",
        "Zweckvereinbarung",
    )
    question = understand("Braucht eine Zweckvereinbarung in Bayern eine Genehmigung?")
    vector = composer.vectors.get([question.text])[0]
    raw = composer._candidates([section])
    plain, with_state = (composer._score(question, vector, raw, lambda c: 1.0, states) for states in ((), ("Bayern",)))
    bonus = [b.score - a.score for a, b in zip(plain, with_state, strict=True)]
    assert bonus[0] == pytest.approx(0.0) and bonus[1] == pytest.approx(0.08)


def test_a_sentence_that_sets_the_compared_subjects_against_each_other_opens_a_comparison(composer):
    gmbh = hit(
        "Eine GmbH bietet Kommunen den Vorteil, dass ihr Haftungsrisiko sehr begrenzt ist. "
        "Die Gesellschaft haftet selbst für ihre Verbindlichkeiten.",
        "Wie unterscheidet sich das Haftungsrisiko einer Gemeinde bei einer GmbH?",
        source="gmbh.md",
    )
    company = hit(
        "Für die Verbindlichkeiten eines Kommunalunternehmens haftet die Trägerkommune im Rahmen der "
        "Gewährträgerhaftung. "
        "Es verfügt über eigenes Stammkapital und eigenes Personal.",
        "Wie unterscheidet sich das Haftungsrisiko einer Gemeinde bei einem Kommunalunternehmen?",
        source="kommunalunternehmen.md",
    )
    table = hit(
        "Die Rechtsformen unterscheiden sich in Organen, Aufsicht und Finanzierung. "
        "Bei der Haftung ist das Risiko einer Kommune bei einer GmbH auf die Stammeinlage begrenzt, während die "
        "Träger eines Kommunalunternehmens als Gewährträger unbeschränkt einstehen.",
        "Vergleich der Rechtsformen",
        source="vergleich.md",
        score=0.5,
    )
    question = "GmbH oder Kommunalunternehmen – wie unterscheidet sich das Haftungsrisiko für unsere Gemeinde?"
    sentences = compose(composer, question, [gmbh, company, table]).sentences
    assert sentences[0].text.startswith("Bei der Haftung ist das Risiko")


def test_the_answer_to_a_yes_no_heading_is_left_out_when_another_question_is_asked(composer):
    section = hit(
        "Nicht zwingend: Eine Zusammenarbeit zwischen Kommunen ist vom Vergaberecht ausgenommen, wenn drei "
        "Bedingungen gemeinsam erfüllt sind. Der Vertrag muss eine echte Zusammenarbeit begründen. Die "
        "Durchführung muss dem öffentlichen Interesse dienen. Die Beteiligten dürfen weniger als 20 Prozent der "
        "Tätigkeiten auf dem Markt erbringen.",
        "Muss eine Kooperation ausgeschrieben werden?",
    )
    conditions = compose(composer, "Unter welchen Voraussetzungen ist eine Kooperation vergaberechtsfrei?", [section])
    assert conditions.sentences[0].text.startswith("Eine Zusammenarbeit zwischen Kommunen ist vom Vergaberecht")
    tender = compose(composer, "Muss eine Kooperation zwischen Kommunen ausgeschrieben werden?", [section])
    assert tender.sentences[0].text.startswith("Nicht zwingend: Eine Zusammenarbeit")


def test_a_definition_question_opens_with_what_the_term_is_not_with_where_it_belongs(composer):
    text = (
        "Die Kooperationshoheit ist Teil der kommunalen Selbstverwaltungsgarantie aus Art. 28 Abs. 2 GG. "
        "Kooperationshoheit bezeichnet das Recht einer Kommune, selbst darüber zu bestimmen, ob sie mit anderen "
        "Kommunen zusammenarbeitet."
    )
    result = compose(composer, "Was versteht man unter Kooperationshoheit?", [hit(text, "Kooperationshoheit")])
    assert result.sentences[0].text.startswith("Kooperationshoheit bezeichnet")


def test_another_source_that_tells_the_same_figures_again_is_left_out(composer):
    programme = hit(
        "Der Bund stellte für das Programm „Kleinere Städte und Gemeinden“ nach einer Meldung mit Zahlen bis 2017 "
        "jährlich 70 Mio. Euro bereit, die durch Mittel der Länder ergänzt wurden.",
        "Kleinere Städte und Gemeinden",
        source="bund.md",
    )
    overview = hit(
        "Als Bundesprogramm für interkommunale Zusammenarbeit ist vor allem die Städtebauförderung „Kleinere Städte "
        "und Gemeinden – überörtliche Zusammenarbeit und Netzwerke“ zu nennen, für die der Bund nach einer Meldung "
        "mit Zahlen bis 2017 jährlich 70 Mio. Euro bereitstellte, um Kooperationen mit Umlandgemeinden zu "
        "unterstützen.",
        "Bundesprogramme",
        source="ueberblick.md",
        score=0.9,
    )
    question = "Wie viel gibt der Bund jedes Jahr für das Programm Kleinere Städte und Gemeinden?"
    result = compose(composer, question, [programme, overview])
    assert sum("70 Mio. Euro" in s.text for s in result.sentences) == 1


def test_a_restatement_whose_figures_stand_in_two_chosen_sentences_is_left_out_too():
    from assistant.answer.extractive import Candidate, _restates_figures
    from assistant.models import Unit

    def candidate(text: str) -> Candidate:
        return Candidate(0, 0, Unit(text=text, kind="sentence"), None, concepts(text))

    chosen = [
        candidate("Im Wasserverband Gemünden-Haina gilt ein einheitlicher Preis von 2,45 Euro je Kubikmeter."),
        candidate("Vor dem Zusammenschluss lagen die Wasserpreise bei 2,12 Euro und 2,85 Euro je Kubikmeter."),
    ]
    again = candidate("Im Wasserverband Gemünden-Haina stieg der Preis von 2,12 auf 2,45 Euro je Kubikmeter.")
    assert _restates_figures(again, chosen)
    assert not _restates_figures(candidate("Der Preis stieg von 2,12 auf 2,95 Euro je Kubikmeter."), chosen)
    staff = [candidate("Komm.ONE beschäftigt rund 1.600 Menschen an sieben Standorten.")]
    assert _restates_figures(candidate("Komm.ONE beschäftigte 2021 rund 1.600 Menschen an sieben Standorten."), staff)
    assert not _restates_figures(candidate("Komm.ONE beschäftigte 2015 rund 1.100 Menschen."), staff)


def test_the_sentence_with_the_year_the_question_names_opens(composer):
    text = (
        "Die rheinland-pfälzische Pilotförderung IKZ richtet sich an Kommunen, die sich zu IKZ-Verbünden "
        "zusammenschließen. "
        "Zu den ersten Empfängern der rheinland-pfälzischen Pilotförderung IKZ gehörte im Dezember 2024 der "
        "Kooperationsverbund der Stadt Germersheim mit den "
        "Verbandsgemeinden Bellheim und Lingenfeld."
    )
    question = "Welcher Verbund in der Südpfalz hat im Dezember 2024 einen Bescheid der IKZ-Pilotförderung bekommen?"
    result = compose(composer, question, [hit(text, "Pilotförderung IKZ")])
    assert "Germersheim" in result.sentences[0].text


def test_the_details_feature_counts_the_years_and_figures_the_question_names():
    from assistant.answer.extractive import SPAN_WEIGHTS, _details_held

    question = understand("Welcher Verbund hat im Dezember 2024 einen Bescheid bekommen?")
    assert _details_held(question, "Im Dezember 2024 erhielt der Verbund Germersheim den ersten Bescheid.") == 1.0
    assert _details_held(question, "Die Pilotförderung richtet sich an Verbünde.") == 0.0
    assert SPAN_WEIGHTS["details"] > 0


def test_a_yes_no_question_is_answered_by_the_sentence_about_what_its_focus_particle_marks(composer):
    timing = hit(
        "Ein Widerruf der Option wirkt erst ab dem Beginn eines folgenden Kalenderjahres.",
        "Wann wirkt der Widerruf der Option?",
        source="faq.md",
    )
    scope = hit(
        "Der Widerruf der Option lässt sich nicht auf einzelne Tätigkeitsbereiche beschränken.",
        "Widerruf der Option",
        source="uebergang.md",
        score=0.8,
    )
    question = "Kann eine Gemeinde den Widerruf der Option nur für einzelne Bereiche erklären?"
    result = compose(composer, question, [timing, scope])
    assert "einzelne Tätigkeitsbereiche" in result.sentences[0].text
    assert result.sentences[0].lead == "Nein."


def test_the_hinge_feature_counts_what_a_focus_particle_marks():
    from assistant.answer.extractive import SPAN_WEIGHTS, Candidate, _hinge_held
    from assistant.models import Unit

    def candidate(text: str) -> Candidate:
        return Candidate(0, 0, Unit(text=text, kind="sentence"), None, concepts(text))

    question = understand("Gilt die Verständigung auch für eine mandatierende Vereinbarung?")
    assert _hinge_held(question, candidate("Sie erfasst die mandatierende Vereinbarung nicht.")) == 1.0
    assert _hinge_held(question, candidate("Sie setzt einen Wechsel der Zuständigkeit voraus.")) < 1.0
    assert _hinge_held(understand("Was gilt für eine mandatierende Vereinbarung?"), candidate("x")) == 0.0
    assert SPAN_WEIGHTS["hinge"] > 0


def test_in_a_comparison_of_states_a_sentence_that_leaves_its_state_to_the_document_is_labelled(composer):
    west = hit(
        "Die Förderrichtlinie zahlt 175.000 Euro, wenn zwei Kommunen kooperieren.",
        "Wie hoch ist die Förderung?",
        source="nrw.md",
        state="Nordrhein-Westfalen",
    )
    south = hit(
        "Die Pilotförderung zahlt bis zu 320.000 Euro, wenn vier Kommunen kooperieren.",
        "Wie hoch ist die Förderung?",
        source="rlp.md",
        state="Rheinland-Pfalz",
    )
    question = "Wie viel Förderung gibt es in Nordrhein-Westfalen im Vergleich zu Rheinland-Pfalz?"
    result = compose(composer, question, [west, south])
    leads = {s.text[:20]: s.lead for s in result.sentences}
    assert leads["Die Förderrichtlinie"] == "Nordrhein-Westfalen:"
    assert leads["Die Pilotförderung z"] == "Rheinland-Pfalz:"
    assert render(result.sentences).startswith("Nordrhein-Westfalen: Die Förderrichtlinie zahlt 175.000 Euro")


def test_the_class_of_the_compared_subjects_is_no_aspect_they_are_compared_on():
    analysis = understand("Mitverwaltung oder Verbandsgemeinde – was unterscheidet die beiden Verwaltungsmodelle?")
    assert analysis.aspect == frozenset()
    assert "verwaltungsmodell" not in analysis.sought and "mitverwaltung" in analysis.sought
    on_bodies = understand(
        "Verwaltungsverband oder Verwaltungsgemeinschaft: Wie unterscheiden sich die beiden Modelle bei den Gremien?"
    )
    assert on_bodies.aspect == {"gremium"}


def test_a_comparison_that_names_no_aspect_says_first_what_each_subject_is(composer):
    lower_saxony = hit(
        "Die Samtgemeinde in Niedersachsen unterscheidet sich rechtlich seit 1955 durch ihre Gemeindeordnung. "
        "Die Samtgemeinde ist in Niedersachsen ein Zusammenschluss von Gemeinden, der Verwaltungsaufgaben für seine "
        "Mitgliedsgemeinden übernimmt.",
        "Samtgemeinde in Niedersachsen",
        source="niedersachsen.md",
        state="Niedersachsen",
    )
    palatinate = hit(
        "Das Landesgesetz von 1968 wandelte in Rheinland-Pfalz die früheren Ämter um. "
        "Eine Verbandsgemeinde ist in Rheinland-Pfalz eine Gebietskörperschaft aus benachbarten Ortsgemeinden.",
        "Verbandsgemeinde in Rheinland-Pfalz",
        source="rheinland-pfalz.md",
        state="Rheinland-Pfalz",
    )
    question = "Samtgemeinde in Niedersachsen und Verbandsgemeinde in Rheinland-Pfalz – worin unterscheiden sie sich?"
    texts = [s.text for s in compose(composer, question, [lower_saxony, palatinate]).sentences]
    assert texts[0].startswith("Die Samtgemeinde ist in Niedersachsen")
    assert any(text.startswith("Eine Verbandsgemeinde ist") for text in texts)


def test_a_second_source_that_adds_only_a_restriction_still_joins(composer):
    definition = hit(
        "Die Samtgemeinde ist in Niedersachsen ein Zusammenschluss von Gemeinden desselben Landkreises, der "
        "Verwaltungsaufgaben für seine Mitgliedsgemeinden übernimmt.",
        "Was ist eine Samtgemeinde?",
        source="samtgemeinde.md",
    )
    only = hit(
        "Die Samtgemeinde gibt es nur in Niedersachsen.", "Wo gibt es Samtgemeinden?", source="faq.md", score=0.9
    )
    question = "Samtgemeinden kennt man aus Niedersachsen – gibt es die auch in anderen Ländern?"
    texts = [s.text for s in compose(composer, question, [definition, only]).sentences]
    assert "Die Samtgemeinde gibt es nur in Niedersachsen." in texts


def test_a_nationwide_yes_does_not_open_the_answer_for_a_state_with_its_own_rule(composer):
    from assistant.answer.extractive import Candidate, _opens_polar
    from assistant.models import Unit

    def candidate(text: str) -> Candidate:
        return Candidate(0, 0, Unit(text=text, kind="sentence"), None, concepts(text))

    question = understand("Kann die Kommunalaufsicht in Rheinland-Pfalz eine Zweckvereinbarung anordnen?")
    nationwide = candidate("Ja, mehrere Länder kennen eine Zweckvereinbarung, die die Kommunalaufsicht anordnen kann.")
    weight = lambda concept: 1.0  # noqa: E731
    assert not _opens_polar(question, nationwide, weight, {"Rheinland-Pfalz"}, {"Bayern", "Rheinland-Pfalz"})
    assert _opens_polar(question, nationwide, weight, {"Rheinland-Pfalz"}, {"Rheinland-Pfalz"}), "the state's own"
    assert _opens_polar(question, nationwide, weight, set(), {"Bayern", "Rheinland-Pfalz"})
    dated = understand("Ist die Übergangsregelung bis Ende 2026 verlängert worden?")
    first = candidate("Ja, die erste Verlängerung der Übergangsregelung reichte bis Ende 2022.")
    assert not _opens_polar(dated, first, weight, set(), set()), "the year the question names must be held"


def test_a_section_whose_heading_names_the_asked_kind_enumerates_it_in_full():
    from assistant.answer.extractive import Candidate, _enumeration
    from assistant.models import Unit

    text = (
        "Das sächsische SächsKomZG kennt den Verwaltungsverband, die Verwaltungsgemeinschaft, den Zweckverband, "
        "die Zweckvereinbarung und die kommunale Arbeitsgemeinschaft."
    )
    opening = Candidate(0, 0, Unit(text=text, kind="sentence"), None, concepts(text))
    later = Candidate(0, 2, Unit(text=text, kind="sentence"), None, concepts(text))
    question = understand("Welche Rechtsformen gibt es in Sachsen?")
    # under "Welche Formen der Zusammenarbeit kennt das Landesrecht in Sachsen?" the first sentence is the full answer
    assert _enumeration(question, [opening], None, heading_names_kind=True) == 1.0
    # elsewhere, an enumeration that never names the asked kind may be examples of something else
    assert _enumeration(question, [opening], None, heading_names_kind=False) == 0.0
    assert _enumeration(question, [later], None, heading_names_kind=True) == 0.0


def test_a_no_under_a_heading_about_another_thing_does_not_answer_a_yes_no_question(composer):
    other = hit(
        "Nein, in Sachsen können seit dem 17.11.2012 keine neuen Verwaltungsgemeinschaften mehr gebildet werden.",
        "Können wir in Sachsen noch eine Verwaltungsgemeinschaft gründen?",
        source="sachsen.md",
        state="Sachsen",
    )
    health = hit(
        "Ja, Gemeinden können gemeinsam ein kommunales Medizinisches Versorgungszentrum (MVZ) tragen. Ein MVZ "
        "bündelt mehrere Ärzte und Gesundheitsberufe an einem Ort.",
        "Können Gemeinden gemeinsam die ärztliche Versorgung sichern?",
        source="gesundheit.md",
        score=0.8,
    )
    question = "Können wir in Sachsen mit den Nachbarorten ein MVZ gründen?"
    first = compose(composer, question, [other, health], ("Sachsen",)).sentences[0].text
    assert not first.startswith("Nein"), first
    assert "MVZ" in first


def test_a_yes_to_whether_one_may_is_no_answer_to_whether_one_must(composer):
    may = hit(
        "Ja, eine Gemeinde darf grundsätzlich selbst entscheiden, ob sie eine Aufgabe allein oder gemeinsam mit "
        "anderen Kommunen erfüllt. Diese Kooperationshoheit folgt aus dem Selbstverwaltungsrecht.",
        "Dürfen Gemeinden überhaupt mit Nachbarkommunen zusammenarbeiten?",
        source="einstieg.md",
    )
    procurement = hit(
        "Nicht zwingend: Eine Zusammenarbeit zwischen Kommunen ist nach § 108 Abs. 6 GWB vom Vergaberecht "
        "ausgenommen, wenn drei Bedingungen gemeinsam erfüllt sind.",
        "Müssen wir eine Zweckvereinbarung mit der Nachbargemeinde ausschreiben?",
        source="vergaberecht.md",
        score=0.8,
    )
    question = "Müssen Kommunen ihre Zusammenarbeit mit einer Nachbarkommune europaweit ausschreiben?"
    alone = compose(composer, question, [may]).sentences
    assert not any(s.text.startswith("Ja, eine Gemeinde darf") for s in alone)
    first = compose(composer, question, [may, procurement]).sentences[0].text
    assert first.startswith("Nicht zwingend"), first


def test_a_yes_under_a_heading_that_asks_with_another_verb_does_not_answer(composer):
    section = hit(
        "Ja, aber nur für Pflichtaufgaben und auf gesetzlicher Grundlage. Die Landesgesetze unterscheiden den "
        "freiwillig gebildeten Freiverband vom Pflichtverband.",
        "Können wir gezwungen werden, einem Zweckverband beizutreten?",
    )
    forced = compose(composer, "Kann man uns zwingen, einem Zweckverband beizutreten?", [section])
    assert forced.sentences[0].text.startswith("Ja, aber nur für Pflichtaufgaben")
    joining = compose(composer, "Können wir einem Zweckverband beitreten?", [section])
    assert not joining or not joining.sentences[0].text.startswith("Ja, aber nur für Pflichtaufgaben")


def test_a_yes_to_gibt_es_needs_a_sentence_that_names_what_is_asked_to_exist(composer):
    region = (
        "Die Metropolregion Hamburg ist eine freiwillige Kooperation der Länder Hamburg, Schleswig-Holstein und "
        "Niedersachsen mit ihren Kreisen und Gemeinden für die Zusammenarbeit über Landesgrenzen."
    )
    section = hit(region, "Metropolregion Hamburg", state="Hamburg")
    question = "Gibt es in Hamburg eine Förderung für die Zusammenarbeit?"
    assert compose(composer, question, [section], ("Hamburg",)).sentences[0].lead is None
    metropolis = compose(composer, "Gibt es in Hamburg eine Metropolregion?", [section], ("Hamburg",))
    assert metropolis.sentences[0].lead == "Ja."
    money = hit(
        "Für das Anbahnen einer Kooperation gibt es in Sachsen-Anhalt bis zu 8.000 Euro.",
        "LEADER",
        state="Sachsen-Anhalt",
    )
    early = compose(
        composer,
        "Gibt es in Sachsen-Anhalt schon Geld für das Anbahnen einer Kooperation?",
        [money],
        ("Sachsen-Anhalt",),
    )
    assert early.sentences[0].lead == "Ja."  # a sum of money names money


def test_a_no_to_gibt_es_needs_more_than_a_kein_before_another_thing(composer):
    advice = hit(
        "Das Kompetenzzentrum in Hessen bietet Beratung und keine Geldleistung an; Zuschüsse für Kooperationen gibt es "
        "über das hessische IKZ-Förderprogramm.",
        "Kompetenzzentrum",
        state="Hessen",
    )
    funding = compose(composer, "Gibt es in Hessen ein Förderprogramm für Kooperationen?", [advice], ("Hessen",))
    assert funding.sentences[0].lead != "Nein."  # "keine Geldleistung" denies another thing
    law = hit(
        "In Mecklenburg-Vorpommern regelt die Kommunalverfassung die kommunale Zusammenarbeit; ein eigenes Gesetz über "
        "kommunale Zusammenarbeit gibt es dort nicht.",
        "Rechtsgrundlagen",
        state="Mecklenburg-Vorpommern",
    )
    question = "Gibt es in Mecklenburg-Vorpommern ein eigenes Gesetz für die Zusammenarbeit?"
    assert compose(composer, question, [law], ("Mecklenburg-Vorpommern",)).sentences[0].lead == "Nein."
    none = hit("In Bremen gibt es kein eigenes Förderprogramm für Kooperationen.", "Förderung", state="Bremen")
    question = "Gibt es in Bremen ein Förderprogramm für Kooperationen?"
    assert compose(composer, question, [none], ("Bremen",)).sentences[0].lead == "Nein."


def test_no_yes_or_no_for_a_sentence_about_another_kind_of_the_asked_thing(composer):
    bus = hit(
        "Ein Bürgerbus ist ein Kleinbus mit acht Fahrgastplätzen, der mit einem Pkw-Führerschein gefahren werden darf.",
        "Bürgerbus",
    )
    licence = compose(composer, "Brauchen die Fahrer für den Bürgerbus einen Busführerschein?", [bus])
    assert licence.sentences[0].lead is None  # a Pkw-Führerschein is another kind of licence
    assert compose(composer, "Brauchen die Fahrer für den Bürgerbus einen Pkw-Führerschein?", [bus]).sentences[0].lead
    fees = hit(
        "Rechtshandlungen bei der Gründung eines Zweckverbands sind in Niedersachsen frei von landesrechtlichen "
        "Abgaben, sodass Grundbuch- und Gerichtsgebühren entfallen.",
        "Abgaben",
        state="Niedersachsen",
    )
    question = "Fallen in Niedersachsen Grundbuchgebühren an, wenn wir einen Zweckverband gründen?"
    assert compose(composer, question, [fees], ("Niedersachsen",)).sentences[0].lead is None  # entfallen, not anfallen
    charged = hit(
        "Bei der Gründung eines Zweckverbands fallen in Bremen Grundbuch- und Gerichtsgebühren an.",
        "Abgaben",
        state="Bremen",
    )
    question = "Fallen in Bremen Grundbuchgebühren an, wenn wir einen Zweckverband gründen?"
    assert compose(composer, question, [charged], ("Bremen",)).sentences[0].lead == "Ja."  # "Grundbuch- und …gebühren"


def test_a_condition_in_another_main_clause_leaves_a_plain_yes(composer):
    expert = hit(
        "Thüringen übernimmt 75 Prozent der Honorarkosten eines Gutachtens zu Kooperationsmöglichkeiten, höchstens "
        "30.000 Euro, und kann später den Eigenanteil ersetzen, wenn die Kooperation gefördert wird.",
        "Gutachten",
        state="Thüringen",
    )
    question = "Fördert Thüringen auch Gutachten zu Kooperationsmöglichkeiten?"
    assert compose(composer, question, [expert], ("Thüringen",)).sentences[0].lead == "Ja."
    claim = hit(
        "In Baden-Württemberg bedarf die Verbandssatzung der Genehmigung der Rechtsaufsichtsbehörde; die Beteiligten "
        "haben einen Anspruch auf die Genehmigung, wenn die Satzung gesetzmäßig vereinbart ist.",
        "Genehmigung",
        state="Baden-Württemberg",
    )
    question = (
        "Haben wir in Baden-Württemberg einen Anspruch darauf, dass die Aufsicht unsere Verbandssatzung genehmigt?"
    )
    lead = compose(composer, question, [claim], ("Baden-Württemberg",)).sentences[0].lead
    assert lead == "Das hängt davon ab:"  # the clause that names the Anspruch holds the condition
    aid = hit(
        "Die Kofinanzierungshilfe ist nicht speziell für Zweckverbände gedacht; sie steht ihnen aber offen.",
        "Kofinanzierung",
        state="Mecklenburg-Vorpommern",
    )
    question = "Ist die Kofinanzierungshilfe in Mecklenburg-Vorpommern für Zweckverbände gedacht?"
    assert compose(composer, question, [aid], ("Mecklenburg-Vorpommern",)).sentences[0].lead is None  # the concession


def test_two_cases_set_against_each_other_answer_it_depends(composer):
    # "Nein." opened this sentence: its second clause denies the Genehmigung for another kind of contract
    contrast = hit(
        "In Sachsen sind Zweckvereinbarungen nach § 71 SächsKomZG genehmigungspflichtig, während schlichte "
        "öffentlich-rechtliche Verträge dort keine Genehmigung brauchen.",
        "Genehmigung",
        state="Sachsen",
    )
    question = "Brauchen wir für eine Zweckvereinbarung eine Genehmigung?"
    assert compose(composer, question, [contrast]).sentences[0].lead == "Das hängt davon ab:"
    same_polarity = hit(
        "Zweckvereinbarungen brauchen eine Genehmigung, während Zweckverbände zusätzlich eine Verbandssatzung "
        "brauchen.",
        "Genehmigung",
        state="Sachsen",
    )
    assert compose(composer, question, [same_polarity]).sentences[0].lead == "Ja."


def test_a_sentence_that_leaves_the_question_open_answers_it_depends(composer):
    # "Ja." opened it, though the sentence says that each Land decides
    open_question = hit("Ob eine Zweckvereinbarung genehmigt werden muss, regelt jedes Land selbst.", "Genehmigung")
    question = "Muss eine Zweckvereinbarung genehmigt werden?"
    assert compose(composer, question, [open_question]).sentences[0].lead == "Das hängt davon ab:"
    checked = hit(
        "Die Aufsichtsbehörde genehmigt die Zweckvereinbarung und prüft dabei, ob die Aufgabe übertragbar ist.",
        "Genehmigung",
        state="alle",
    )
    assert compose(composer, question, [checked]).sentences[0].lead == "Ja."


def test_a_rule_stated_for_another_state_answers_a_question_without_one_with_it_depends(composer):
    # "Ja. In Rheinland-Pfalz müssen …" answered for every state what one state's law says
    rule = hit(
        "In Rheinland-Pfalz müssen die Bildung einer kommunalen Arbeitsgemeinschaft und die Vereinbarung nach § 14 "
        "KomZG den Aufsichtsbehörden angezeigt werden.",
        "Aufsicht",
        state="Rheinland-Pfalz",
    )
    question = "Müssen wir die Gründung einer kommunalen Arbeitsgemeinschaft bei der Aufsichtsbehörde anzeigen?"
    assert compose(composer, question, [rule]).sentences[0].lead == "Das hängt davon ab:"
    asked_there = "Müssen wir in Rheinland-Pfalz die Gründung einer Arbeitsgemeinschaft der Aufsichtsbehörde anzeigen?"
    assert compose(composer, asked_there, [rule], ("Rheinland-Pfalz",)).sentences[0].lead == "Ja."
    many = hit(
        "In vielen Ländern braucht die Verbandssatzung die Genehmigung der Aufsichtsbehörde.", "Satzung", state="alle"
    )
    question = "Braucht die Verbandssatzung eine Genehmigung der Aufsichtsbehörde?"
    assert compose(composer, question, [many]).sentences[0].lead == "Das hängt davon ab:"
    # a state adjective places a case, not a rule: an example from Hessen answers for everyone
    case = hit(
        "Im hessischen Dieburg übernahm das Standesamt die Aufgaben der Nachbargemeinden, und Trauungen in den "
        "Heimatgemeinden blieben möglich.",
        "Standesamt",
        state="alle",
    )
    question = "Bleiben Trauungen in den Heimatgemeinden möglich, wenn das Standesamt die Aufgaben übernimmt?"
    assert compose(composer, question, [case]).sentences[0].lead == "Ja."


def test_a_requirement_stated_as_the_condition_of_something_answers_a_must_question_yes(composer):
    requirement = hit(
        "Gefördert wird ein LEADER-Kooperationsvorhaben nur, wenn die Lokale Aktionsgruppe es ausgewählt hat und alle "
        "Partner einen Letter of Intent unterschrieben haben.",
        "LEADER",
    )
    question = "Müssen bei einem LEADER-Kooperationsvorhaben alle Partner einen Letter of Intent unterschreiben?"
    assert compose(composer, question, [requirement]).sentences[0].lead == "Ja."
    other_condition = hit(
        "Eine Zweckvereinbarung braucht eine Genehmigung nur, wenn eine Kommune auch Befugnisse erhält.", "Genehmigung"
    )
    question = "Braucht eine Zweckvereinbarung eine Genehmigung?"
    assert compose(composer, question, [other_condition]).sentences[0].lead == "Das hängt davon ab:"


def test_a_word_that_denies_by_its_meaning_answers_no(composer):
    excluded = hit(
        "Die Kommunalverfassung schließt es aus, eine gemeinsame Gesellschaft als Aktiengesellschaft zu gründen.",
        "Privatrecht",
    )
    question = "Dürfen wir unsere gemeinsame Gesellschaft als Aktiengesellschaft gründen?"
    assert compose(composer, question, [excluded]).sentences[0].lead == "Nein."
    double = hit(
        "Eine gemeinsame Gesellschaft als Aktiengesellschaft zu gründen, ist nicht ausgeschlossen.", "Privatrecht"
    )
    assert compose(composer, question, [double]).sentences[0].lead is None
    asked_by_it = "Ist es ausgeschlossen, eine gemeinsame Gesellschaft als Aktiengesellschaft zu gründen?"
    assert compose(composer, asked_by_it, [excluded]).sentences[0].lead == "Ja."
    joined = hit(
        "Die Gemeinden schließen sich aus Kostengründen zu einer gemeinsamen Gesellschaft zusammen, die sie als "
        "Aktiengesellschaft gründen.",
        "Privatrecht",
    )
    assert compose(composer, question, [joined]).sentences[0].lead == "Ja."  # "aus" is a preposition here


def test_a_question_whether_something_suffices_is_not_answered_yes_by_a_sentence_that_only_requires_it(composer):
    # "Ja." answered "Reicht es, die Vereinbarung bloß anzuzeigen?" for the case the question had ruled out
    required = hit(
        "Eine Zweckvereinbarung, nach der nur Aufgaben übertragen werden, ist der Aufsichtsbehörde anzuzeigen.",
        "Aufsicht",
    )
    question = "Reicht es, die Zweckvereinbarung der Aufsichtsbehörde anzuzeigen?"
    assert compose(composer, question, [required]).sentences[0].lead is None
    suffices = hit(
        "Für eine Zweckvereinbarung reicht es, sie der Aufsichtsbehörde anzuzeigen, wenn nur Aufgaben übertragen "
        "werden.",
        "Aufsicht",
    )
    assert compose(composer, question, [suffices]).sentences[0].lead == "Das hängt davon ab:"


def test_an_inflected_stopword_of_the_question_is_not_missed_in_the_answer(composer):
    # "Hätte" (haben) and "unserer" (unser) counted as asked words no sentence of the corpus holds
    kept = hit(
        "Bei der Kassenkooperation übernimmt die Stadtkasse der Nachbarstadt die Buchführung, während der "
        "Gemeinderat weiter über die Verwendung der Mittel entscheidet.",
        "Kasse",
    )
    question = "Hätte unser Gemeinderat dann trotzdem weiter über die Verwendung unserer Mittel zu entscheiden?"
    assert compose(composer, question, [kept]).sentences[0].lead == "Ja."


def test_a_restriction_the_question_names_is_no_condition(composer):
    staff = hit(
        "Eine sächsische Kommune kann anderen Kommunen per mandatierender Zweckvereinbarung auch nur zeitanteilig "
        "Personal überlassen, zum Beispiel bei der Parküberwachung.",
        "Personal",
        state="Sachsen",
    )
    question = "Darf eine sächsische Gemeinde einer anderen Personal nur zeitanteilig überlassen?"
    assert compose(composer, question, [staff], ("Sachsen",)).sentences[0].lead == "Ja."


HOCHWALD = (
    "Kernpartner der Hochwald-Kooperation sind Wadern, Losheim und Weiskirchen. Nonnweiler ist der "
    "Hochwald-Kooperation als assoziierte Gemeinde verbunden."
)


def test_a_later_sentence_of_the_span_that_holds_the_question_opens_the_answer(composer):
    result = compose(composer, "Welche Rolle hat Nonnweiler bei der Hochwald-Kooperation?", [hit(HOCHWALD, "Partner")])
    texts = [s.text for s in result.sentences]
    assert texts[0].startswith("Nonnweiler ist"), "the sentence that answers comes first"
    assert texts[1].startswith("Kernpartner"), "the section's introduction follows it"


def test_a_later_sentence_without_the_asked_figure_does_not_open_the_answer(composer):
    text = (
        "Die Regelzuwendung liegt nach Angaben des Beratungszentrums bei 75.000 Euro, wenn sich drei Kommunen "
        "zusammenschließen. Fördergeld bekommt in Hessen eine Kooperation von mindestens drei Gemeinden, die eine "
        "gemeinsame Aufgabe dauerhaft erledigt."
    )
    result = compose(
        composer, "Wie viel Fördergeld bekommt eine Kooperation von drei Gemeinden in Hessen?", [hit(text, "Förderung")]
    )
    assert "75.000 Euro" in result.sentences[0].text


def test_an_advice_that_needs_its_predecessor_counts_as_advice_of_the_opening(composer):
    # "Vor einer solchen Vereinbarung sollten …" cannot open the answer alone; with its predecessor it is the advice
    advice = hit(
        "Das Beispiel zeigt, dass Landkreise die Personalabrechnung untereinander bündeln können. Vor einer solchen "
        "Vereinbarung sollten die Partner Umfang, Kostenerstattung und Verantwortlichkeiten schriftlich regeln.",
        "Was zeigt das Beispiel?",
        source="abrechnung.md",
        score=0.9,
    )
    story = hit(
        "Der Landkreis Nord rechnet seit 2019 die Gehälter des Landkreises Süd ab. Die Abrechnung erfolgt mit der "
        "Software des Landkreises Nord.",
        "Worum geht es?",
        source="nord.md",
    )
    composition = compose(
        composer, "Was sollten wir vertraglich regeln, wenn wir die Gehaltsabrechnung abgeben?", [story, advice]
    )
    opening = " ".join(sentence.text for sentence in composition.sentences[:2])
    assert "sollten die Partner" in opening
