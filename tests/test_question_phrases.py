from __future__ import annotations

import pytest

from assistant.question.answer_type import AnswerType
from assistant.question.comparison import comparison_subjects, distinctive_concepts, subject_queries
from assistant.question.understanding import QuestionForm, heading_question, last_clause, understand


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        (
            "Was ist der Unterschied zwischen einem Zweckverband und einer Arbeitsgemeinschaft?",
            ("Zweckverband", "Arbeitsgemeinschaft"),
        ),
        ("Zweckvereinbarung oder Zweckverband – worin liegt der Unterschied?", ("Zweckvereinbarung", "Zweckverband")),
        ("Was unterscheidet die Stadtreinigung Hamburg von Remondis?", ("Stadtreinigung Hamburg", "Remondis")),
        (
            "Welche Vorteile hat eine Arbeitsgemeinschaft im Vergleich zum Zweckverband?",
            ("Arbeitsgemeinschaft", "Zweckverband"),
        ),
        (
            "Wie unterscheiden sich die Kassen in Albstadt und in Kaufungen bei der Organisation?",
            ("Kassen in Albstadt", "Kaufungen"),
        ),
        (
            "Geretsried und Günzburg haben beide ein Bad – worin unterscheiden sich die Modelle?",
            ("Geretsried", "Günzburg"),
        ),
        # An adverb of respect names the aspect, not part of a subject.
        (
            "Wie unterscheiden sich Zweckverband und Kommunalunternehmen finanziell?",
            ("Zweckverband", "Kommunalunternehmen"),
        ),
        ("Wie unterscheiden sich Amt und Samtgemeinde organisatorisch?", ("Amt", "Samtgemeinde")),
        # the question word and any finite verb open the first subject's clause, not only the listed ones
        ("Wie läuft das Verfahren in Bayern im Vergleich zu Sachsen?", ("Verfahren in Bayern", "Sachsen")),
    ],
)
def test_the_compared_subjects_follow_german_comparison_syntax(question, subjects):
    assert comparison_subjects(question) == subjects


def test_a_comparison_without_named_subjects_has_none():
    assert comparison_subjects("Worin unterscheiden sich die beiden?") == ()
    assert understand("Wie gründet man einen Zweckverband?").subjects == ()


def test_each_subject_is_searched_with_the_aspect_but_without_the_other_subject():
    question = "Wie unterscheiden sich Geretsried und Günzburg bei der Trägerschaft?"
    subjects = comparison_subjects(question)
    queries = subject_queries(question, subjects)
    assert queries == [
        "Geretsried: Wie unterscheiden sich bei der Trägerschaft?",
        "Günzburg: Wie unterscheiden sich bei der Trägerschaft?",
    ]


def test_what_the_subjects_share_does_not_tell_them_apart():
    own = distinctive_concepts(("Verwaltungsgemeinschaft in Bayern", "Verwaltungsgemeinschaft in Sachsen"))
    assert own == [frozenset({"bayern"}), frozenset({"sachsen"})]


@pytest.mark.parametrize(
    ("question", "given", "states"),
    [
        (
            "Wer darf außer Gemeinden und Landkreisen Mitglied in einem Zweckverband werden?",
            {"gemeinde", "landkreis"},
            (),
        ),
        ("Mit wem arbeitet Heusweiler außer im Köllertal noch zusammen?", {"köllertal"}, ()),
        ("Welche Länder haben außer Bayern Verwaltungsgemeinschaften?", {"bayern"}, ()),
        ("Was gilt in Sachsen außerdem?", set(), ("Sachsen",)),
    ],
)
def test_what_an_exceptive_phrase_names_is_known_already_and_not_sought(question, given, states):
    analysis = understand(question)
    assert given <= analysis.given
    assert not analysis.given & analysis.sought
    assert analysis.states == states


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Ich les hier dauernd was von einer 'jPöR' – was ist das denn eigentlich?", "jPöR"),
        ("Im Gemeinderat fiel das Wort gKU. Was heißt das?", "gKU"),
        ("In einem Schreiben steht dauernd VGemO. Wofür steht das?", "VGemO"),
        # the state says where, not what
        ("Mitverwaltung in Brandenburg – was ist das?", "Mitverwaltung"),
    ],
)
def test_a_definition_question_that_points_back_asks_for_the_last_name_of_its_context(question, term):
    assert understand(question).term == term


def test_a_question_that_points_back_is_matched_to_headings_as_the_question_it_stands_for():
    assert heading_question("Mitverwaltung in Brandenburg – was ist das?") == "Was ist Mitverwaltung?"
    assert heading_question("Wir wollen zusammenarbeiten. Wie gründen wir einen Zweckverband?") == (
        "Wie gründen wir einen Zweckverband?"
    )
    # a pointer that asks for something else than a definition stays as it is
    assert heading_question("Wir setzen die Vereinbarung auf – was muss da alles rein?") == "was muss da alles rein?"


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Fördert Bremen die interkommunale Zusammenarbeit?", True),
        ("Unterstützt das Land Kooperationen von Feuerwehren?", True),
        ("Gibt es in Hessen eine Förderung?", True),
        ("Zweckverband gründen", False),
        ("Welche Formen gibt es?", False),
        ("Gemeinden in Bayern?", False),
        # a polite request asks for what it names; an embedded "ob" question stays a yes/no question
        ("Können Sie mir die Praxisbeispiele aus dem Leitfaden nennen?", False),
        ("Könnten Sie mir erklären, wie man einen Zweckverband gründet?", False),
        ("Können Sie mir sagen, ob wir die Zusammenarbeit ausschreiben müssen?", True),
        ("Können wir einem Zweckverband beitreten?", True),
        ("Kann man das der Nachbargemeinde sagen?", True),
    ],
)
def test_a_question_that_opens_with_a_finite_verb_is_a_yes_no_question(question, yes_no):
    from assistant.question.understanding import is_yes_no

    assert is_yes_no(question) is yes_no


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("wie gründe ich einen Zweckverband", "wie gründe ich einen Zweckverband?"),
        ("kann man uns zwingen beizutreten", "kann man uns zwingen beizutreten?"),
        ("Fördert Bremen Kooperationen", "Fördert Bremen Kooperationen?"),
        # keywords that end in an infinitive ask how to do it, as officials ask it
        ("Zweckverband gründen", "Wie können wir Zweckverband gründen?"),
        ("Satzung eines Zweckverbands ändern", "Wie können wir Satzung eines Zweckverbands ändern?"),
        ("Gemeinderat Zustimmung", "Gemeinderat Zustimmung"),  # other keywords stay keywords
        ("kommunales unternehmen", "kommunales unternehmen"),  # typed in lower case: no verb to tell apart
        ("Zweckverband Organe Hessen", "Zweckverband Organe Hessen"),
        ("Was ist ein Amt?", "Was ist ein Amt?"),
    ],
)
def test_a_question_typed_without_its_question_mark_gets_one(typed, read):
    from assistant.question.query import as_question

    assert as_question(typed) == read


def test_figures_in_the_context_of_a_question_are_not_details_it_asks_for():
    told = understand("Wir sind eine Gemeinde mit 3.000 Einwohnern. Können wir das Standesamt zusammenlegen?")
    assert told.details == ()
    asked = understand("Wir haben § 108 GWB gelesen. Gilt die Regel seit 2016 auch für 3 Gemeinden?")
    assert set(asked.details) == {"§108", "2016", "3"}


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "Wir sind amtsangehörig – woher bekommt so ein Amt eigentlich sein Geld?",
            "woher bekommt so ein Amt eigentlich sein Geld?",
        ),
        (
            "Wir sind vier Gemeinden. Können wir das Standesamt zusammenlegen?",
            "Können wir das Standesamt zusammenlegen?",
        ),
        ("Wie finanziert sich ein Amt?", None),  # all question
        ("Wir sind vier Gemeinden – und nun?", None),  # too short to match a heading alone
        ("Ab welcher Laufzeit gilt eine Vereinbarung nach § 2b Abs. 3 Nr. 2 UStG als langfristig?", None),
        ("Wie oft wurde die Satzung des Planungszweckverbands P.I.A. bis 2010 geändert?", None),
    ],
)
def test_a_long_question_asks_in_its_last_clause(question, asked):
    from assistant.question.understanding import asked_clause

    assert asked_clause(question) == asked


@pytest.mark.parametrize(
    ("question", "nouns"),
    [
        ("Wer betreibt die Förderscouting-Plattform?", {"betreiber"}),
        ("Wer trägt das Medizinische Versorgungszentrum?", {"träger"}),
        ("Bei wem stellt man den Antrag?", {"steller"}),
        ("Wer gehört zur Arbeitsgemeinschaft?", set()),  # a form of "gehören", not of "hören"
        ("Wer hat die Pressemitteilung verschickt?", set()),  # no German noun "Verschicker"
        ("Was betreibt der Zweckverband?", set()),  # asks for a thing, not an agent
    ],
)
def test_a_who_question_also_seeks_the_agent_noun_of_its_verb(question, nouns):
    analysis = understand(question)
    assert nouns <= analysis.sought
    assert not {"hörer", "verschicker"} & analysis.sought
    if not nouns:
        assert not {"betreiber"} & analysis.sought


def test_what_only_the_context_of_a_long_question_names_counts_less():
    from assistant.answer.evidence import CONTEXT_DAMPING, concept_weights

    question = understand(
        "Mal angenommen, wir wollen in Bayern da nicht mitmachen: Kann man uns eigentlich zwingen, einem "
        "Zweckverband beizutreten?"
    )
    assert {"mitmachen", "annehmen"} <= question.context_only
    assert "bayern" not in question.context_only, "the state stays the scope wherever it is named"
    assert not question.context_only & {"zwingen", "zweckverband", "beitreten"}
    weights = concept_weights(
        question.concepts, lambda concept: 1.0, lambda concept: True, question.own_words, question.context_only
    )
    assert weights["mitmachen"] == CONTEXT_DAMPING * weights["zwingen"]
    referring = understand(
        "In der Versammlung wurde auf den Schulverband Eiderstedt verwiesen. Woran ist er gescheitert?"
    )
    assert not referring.context_only, "'er' in the asked clause refers to what the context named"
    spoken = understand("Wir sind in Bayern in einer Verwaltungsgemeinschaft – darf die eigentlich Satzungen erlassen?")
    assert not spoken.context_only, "the article before a particle stands as a pronoun ('darf die eigentlich …')"
    situation = understand("Wir wollen einen Zweckverband nur aus vier Gemeinden gründen. Ist das überhaupt zulässig?")
    assert "zweckverband" in situation.context_only, "'das' points to the whole situation, which counts half"
    assert understand("Wer muss die gemeinsame Anstalt am Ende tragen?").context_only == frozenset()
    comparison = understand("Zweckverband oder Kommunalunternehmen – worin liegt der Unterschied?")
    assert not comparison.context_only, "a comparison names its subjects before it asks"


def test_the_words_that_only_phrase_a_question_count_half_for_the_evidence():
    from assistant.answer.evidence import PHRASING_DAMPING, concept_weights

    question = understand(
        "Können wir in Bayern in eine Verwaltungsgemeinschaft hineingezwungen werden, obwohl unser Gemeinderat "
        "das ablehnt?"
    )
    assert "hineinzwingen" in question.phrasing
    assert not question.phrasing & {"verwaltungsgemeinschaft", "gemeinderat", "bayern"}
    assert "obwohl" not in question.concepts, "a subordinating conjunction names no topic"
    weights = concept_weights(
        question.concepts,
        lambda concept: 1.0,
        lambda concept: True,
        question.own_words,
        question.context_only,
        question.phrasing,
    )
    assert weights["hineinzwingen"] == PHRASING_DAMPING * weights["gemeinderat"]
    assert "bayern" not in understand("Darf eine bayerische Verwaltungsgemeinschaft Satzungen erlassen?").phrasing
    assert understand("wie viel zuschuss gibt es in nrw").phrasing == frozenset(), "all lower case shows no nouns"
    assert "2b" not in understand("Ab wann gilt § 2b UStG für uns?").phrasing


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Wie kriege ich einen Termin beim Bürgeramt?", {"termin", "bürgeramt"}),  # light verb, contraction
        ("Wie viel Zuschuss ist da vom Land so drin?", {"zuschuss", "land"}),  # short pronominal adverb
        ("Muss der Rat zustimmen, sofern die Satzung nichts regelt?", {"rat", "zustimmen", "satzung", "regeln"}),
    ],
)
def test_closed_word_classes_name_no_topic(question, topic):
    assert understand(question).concepts - topic == frozenset()


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Wir sind drei Gemeinden in Nordhessen", ("Hessen",)),
        ("die mittelhessischen Kommunen", ("Hessen",)),
        ("ein Zweckverband in Niederbayern", ("Bayern",)),
        ("Ostsachsen und Südthüringen", ("Sachsen", "Thüringen")),
        ("Niedersachsen", ("Niedersachsen",)),
        ("Ostwestfalen", ()),
    ],
)
def test_a_region_named_by_a_compass_point_lies_in_its_state(text, states):
    from assistant.language.states import detect_states

    assert detect_states(text) == states


@pytest.mark.parametrize(
    ("text", "general"),
    [
        ("Wie gründen wir in Hessen einen Zweckverband?", "Wie gründen wir einen Zweckverband?"),
        ("Welche Rechtsformen gibt es im Saarland?", "Welche Rechtsformen gibt es?"),
        ("Darf ein bayerischer Landkreis ein Hallenbad betreiben?", "Darf ein Landkreis ein Hallenbad betreiben?"),
        ("Zweckvereinbarung Genehmigung NRW", "Zweckvereinbarung Genehmigung"),
        ("Was regelt § 10 KGG in Hessen?", "Was regelt § 10 KGG?"),  # the law's abbreviation names the law too
        ("Was ist ein Zweckverband?", None),
        ("Was unterscheidet Bayern von Sachsen?", None),  # a comparison of states asks nothing without them
    ],
)
def test_a_question_without_its_state_asks_what_a_nationwide_heading_asks(text, general):
    from assistant.language.states import without_state

    assert without_state(text) == general


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Müssen wir das ausschreiben?", "necessity"),
        ("Brauchen wir einen Antrag beim Finanzamt?", "necessity"),
        ("Darf ein Zweckverband Beamte haben?", "possibility"),
        ("Kann man uns zwingen, beizutreten?", "possibility"),
        ("Ist eine Arbeitsgemeinschaft ein guter erster Schritt?", None),
    ],
)
def test_a_yes_no_question_asks_by_its_modal_verb(question, asked):
    from assistant.language.verbs import modality

    assert modality(question) == asked


@pytest.mark.parametrize(
    ("sentence", "condition"),
    [
        ("Erhält eine Gebietskörperschaft auch Befugnisse, braucht die Vereinbarung die Genehmigung.", True),
        ("Besteht die Kooperation aus drei Kommunen, so beträgt die Förderung 75.000 Euro.", True),
        ("Die Gemeinde erhält, wenn sie will, Geld.", False),  # verb second: a statement
        ("Arbeit, Zeit und Geld sind knapp.", False),
    ],
)
def test_a_statement_that_opens_with_its_verb_states_a_condition(sentence, condition):
    from assistant.language.verbs import opens_with_verb_first_condition

    assert opens_with_verb_first_condition(sentence) is condition


@pytest.mark.parametrize(
    ("verb", "noun"),
    [
        ("austreten", "austritt"),
        ("beitreten", "beitritt"),
        ("ausschließen", "ausschluss"),
        ("beschließen", "beschluss"),
        ("treten", None),
        ("gründen", None),
        ("vertreten", None),
    ],
)
def test_a_particle_verb_names_its_action_by_its_ablaut_noun(verb, noun):
    from assistant.language.verbs import ablaut_noun

    assert ablaut_noun(verb) == noun


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        ("Fördert Bremen die interkommunale Zusammenarbeit?", {"fördern"}),
        # the particle ends the clause; a statement may set it apart too ("fällt … an")
        ("Fällt Umsatzsteuer an, wenn wir die Aufgabe übertragen?", {"anfallen", "fallen"}),
        ("Können wir einem Zweckverband beitreten?", {"beitreten", "treten", "beitritt"}),
        ("Muss die Arbeitsgemeinschaft der Aufsicht angezeigt werden?", {"anzeigen", "zeigen"}),
        ("Kann man uns als Gemeinde zwingen, einem Zweckverband beizutreten?", {"zwingen"}),  # the main clause asks
        ("Ist die Vereinbarung genehmigungspflichtig?", {"genehmigungspflichtig"}),
        ("Gibt es in Hamburg eine Förderung?", set()),  # asks through its noun
        ("Braucht eine Zweckvereinbarung eine Genehmigung?", set()),
        ("Geht das überhaupt?", set()),
        ("Was ist ein Zweckverband?", set()),  # no yes/no question
    ],
)
def test_a_yes_no_question_names_what_it_asks_by_its_predicate(question, predicate):
    from assistant.question.understanding import last_clause, predicate_of

    found = predicate_of(last_clause(question))
    assert predicate <= found if predicate else not found


@pytest.mark.parametrize(
    ("question", "nouns"),
    [
        ("Gibt es in Hamburg eine Förderung für interkommunale Kooperationen?", ("Förderung",)),
        # past the prepositional phrase and its name
        ("Gibt es zum Leitfaden LebensWert auch einen Film?", ("Film",)),
        ("Gibt es in Berlin Förderprogramme für Kommunen?", ("Förderprogramme",)),  # a state's name ends the phrase
        # an instance of what "für" names
        ("Gibt es ein Beispiel für eine gemeinsame Vergabestelle?", ("Beispiel", "Vergabestelle")),
        ("Gibt es ein Beispiel, wo Landkreise die Zulassung gemeinsam machen?", ()),
        ("Gibt es Samtgemeinden auch außerhalb von Niedersachsen?", ("Samtgemeinden",)),
        ("Gibt es dazu schon eine höchstrichterliche Entscheidung?", ("Entscheidung",)),
        ("Fördert Hamburg die Zusammenarbeit?", ()),
        ("gibt es in hamburg förderung", ()),  # all in lower case: no noun to tell
    ],
)
def test_an_existential_question_asks_about_its_object(question, nouns):
    from assistant.question.understanding import existential_objects

    assert existential_objects(question) == nouns


def test_the_verb_that_opens_a_yes_no_question_is_read_as_a_verb():
    from assistant.language.analysis import concepts

    # capitalised at the start, "Fallen" read as the noun "Falle"; a sentence is left as written
    assert "fallen" in concepts("Fallen dafür Grundbuchgebühren an?")
    assert "falle" not in concepts("Fallen dafür Grundbuchgebühren an?")
    assert "kosten" in concepts("Kosten entstehen dabei.")


def test_a_figure_named_in_the_context_of_a_long_question_is_not_asked_for():
    told = understand(
        "Im Rat wurde vorgeschlagen, gegen die Höhe der Umlage zu klagen. Gibt es dazu schon ein Urteil, und wie ist "
        "es ausgefallen?"
    )
    assert AnswerType.NUMBER not in told.answer_types
    asked = understand("Wir wollen ein Gutachten vergeben. Bekommen wir dafür Fördergeld, und wie viel?")
    assert AnswerType.NUMBER in asked.answer_types


def test_a_condition_put_first_is_context_and_the_main_clause_asks():
    conditional = understand("Wenn wir fusionieren, können wir dann eine Entschuldungshilfe erhalten?")
    assert conditional.form is QuestionForm.YESNO
    assert last_clause(conditional.text) == "können wir dann eine Entschuldungshilfe erhalten?"
    assert understand("Wenn wir fusionieren, welche Förderung gibt es dann?").form is not QuestionForm.YESNO
    # a focus particle in a purpose clause after the question marks no point of it
    purpose = "Brauchen wir einen Antrag, damit die verlängerte Frist auch für unsere Gemeinde gilt?"
    assert understand(purpose).hinge == frozenset()
    assert understand("Gilt das auch für Zweckverbände?").hinge
