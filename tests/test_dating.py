"""Dating events: which time of the text dates a happening (``timex.paragraph_anchors``,
``anchor_for_clause``, ``happening_date`` and the weekdays of ``find_timexes``), for both coders.
Constructed sentences after the general constructions a blind probe found dated from the wrong
place."""
import pytest

from lagebild.events import load_cues
from lagebild.pipeline import Analyzer
from lagebild.records import Article
from lagebild.text import segment
from lagebild.timex import find_timexes, paragraph_anchors, told_in_preterite

_AN: dict = {}


def coded(coder: str, text: str, dct: str):
    """The events of one article coded by ``coder`` ("rules" or "both"), dictionaries only, every
    event kept; skipped for "both" without an event model."""
    if coder not in _AN:
        _AN[coder] = Analyzer(use_models=False, coder=coder, min_confidence=0)
    if coder != "rules" and _AN[coder].learned is None:
        pytest.skip("no event model")
    return _AN[coder](Article(doc_id="d", text=text, dct=dct)).events


def anchors(text: str, dct: str) -> dict[int, str]:
    """Sentence index -> the value of the time its paragraph set before it."""
    found = paragraph_anchors(segment(text), find_timexes(text, dct), load_cues())
    return {i: t.value for i, t in found.items()}


# ------------------------------------------------------------- what did not happen sets no time

@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_time_told_in_a_counterfactual_clause_dates_nothing_after_it(coder):
    text = ("Amri hätte bereits im Sommer abgeschoben werden sollen. Kanzlerin Merkel telefonierte mit dem "
            "tunesischen Präsidenten Essebsi.")
    calls = [e for e in coded(coder, text, "2016-12-23") if e.type == "CONSULT"]
    assert calls and all(e.date.value == "2016-12-23" for e in calls), [(e.type, e.date) for e in calls]


@pytest.mark.parametrize("first", [
    "Russland griff die Ukraine am Montag nicht an.",                       # negated
    "Russland hat am Montag nicht an den Gesprächen teilgenommen.",          # ... before a phrase and the verb
    "Am Montag will der Iran die Inspektionen nicht mehr zulassen.",
    "Wenn Russland am Montag angreift, verhängt die EU Sanktionen.",        # a condition
    "Die Gespräche könnten am Montag beginnen.",                            # only possible
    "Die Papiere hätten schon im Sommer ausgestellt werden müssen.",        # counterfactual
])
def test_a_clause_that_did_not_happen_sets_no_time_for_its_paragraph(first):
    assert anchors(first + " Die Polizei nahm drei Männer fest.", "2024-05-17") == {}
    # the time a real happening set before it stays
    text = "Am Sonntag demonstrierten Tausende in Tiflis. " + first + " Die Polizei nahm drei Männer fest."
    assert anchors(text, "2024-05-17") == {1: "2024-05-12", 2: "2024-05-12"}


@pytest.mark.parametrize("first", [
    "Russland griff die Ukraine am Montag an.",
    "Am Montag demonstrierten nicht nur Studenten.",                          # "nicht nur" negates nothing
    "Am Montag gab es keine Einigung.",                                       # "keine": a noun, the talks were held
    "X sagte, die Rebellen hätten am Montag die Stadt angegriffen.",          # reported speech
])
def test_a_clause_that_happened_sets_the_time_of_its_paragraph(first):
    assert 1 in anchors(first + " Die Polizei nahm drei Männer fest.", "2024-05-17")


@pytest.mark.parametrize("first", [
    "Die Polizei löste am Samstag in Moskau eine nicht genehmigte Kundgebung auf.",   # in a noun phrase
    "Die Außenminister trafen sich am Samstag in Brüssel zu einer nicht öffentlichen Sitzung.",
    "Die Außenminister trafen sich am Samstag in nicht öffentlicher Sitzung.",
    "Russische Flugzeuge haben am Samstag nicht weit von Aleppo Stellungen bombardiert.",  # another phrase
    "Die Polizei nahm am Samstag nicht mehr als 200 Demonstranten fest.",
    "Das Parlament stimmte am Samstag dem Abkommen unter der Bedingung zu, dass die Renten bleiben.",
])
def test_a_negation_or_condition_word_that_does_not_make_the_clause_unreal_keeps_its_time(first):
    assert anchors(first + " Die Polizei nahm drei Männer fest.", "2016-03-04") == {1: "2016-02-27"}


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_arrest_after_a_clause_with_an_attributive_negation_takes_its_day(coder):
    text = ("Die Polizei löste am Samstag in Moskau eine nicht genehmigte Kundgebung der Opposition auf. "
            "Die Beamten nahmen mehr als 200 Demonstranten fest.")
    arrests = [e for e in coded(coder, text, "2016-03-04") if e.type == "COERCE" and e.cue.startswith("nahm")]
    assert arrests and all(e.date.value == "2016-02-27" for e in arrests), [(e.cue, e.date) for e in arrests]


# ------------------------------------------------------------------- the present is not the past

@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_statement_in_the_present_is_not_dated_by_a_past_time_of_the_paragraph(coder):
    text = ("Gegen Rousseff läuft ein Amtsenthebungsverfahren, weil sie nach ihrer Wiederwahl 2014 den "
            "Haushalt geschönt haben soll. Rousseff bestreitet jedes Fehlverhalten.")
    denials = [e for e in coded(coder, text, "2016-05-12") if e.type == "REJECT"]
    assert denials and all(e.date.value == "2016-05-12" for e in denials), [e.date for e in denials]
    # told in the past, the same sentence keeps the time the paragraph set
    text = ("Brasiliens Parlament hat am Montag den Haushalt gebilligt. Rousseff kritisierte den Senat "
            "scharf.")
    accusations = [e for e in coded(coder, text, "2016-05-12") if e.type == "ACCUSE"]
    assert accusations and all(e.date.value == "2016-05-09" for e in accusations)
    # and so does a statement in the present whose saying is told in the past
    text = ("Die Innenminister trafen sich am Montag in Wien. \"Wir werden das nicht akzeptieren\", sagte "
            "der griechische Ministerpräsident Tsipras.")
    rejections = [e for e in coded(coder, text, "2016-02-25") if e.type == "REJECT"]
    assert rejections and all(e.date.value == "2016-02-22" for e in rejections)


# --------------------------------------------------------- a weekday after a date written out

def test_a_weekday_in_a_new_sentence_after_a_date_without_a_year_is_of_the_documents_week():
    text = ("Nordkorea hat am 6. Jänner seinen vierten Atomtest durchgeführt. Am Donnerstag feuerte "
            "Nordkorea sechs Kurzstreckenraketen ins Japanische Meer.")
    assert [t.value for t in find_timexes(text, "2016-03-03")] == ["2016-01-06", "2016-03-03"]
    # in the same sentence, the weekday moves on from the date
    text = "Nordkorea hat am 6. Jänner einen Atomtest durchgeführt und am Donnerstag Raketen abgefeuert."
    assert [t.value for t in find_timexes(text, "2016-03-03")] == ["2016-01-06", "2016-01-07"]
    # after a date with a year of its own, the story is set there (test_timex: "Am 5. März 2012 ...")
    text = "Am 5. März 2012 kam der Präsident in Kiew an. Am Mittwoch traf er den Premier."
    assert [t.value for t in find_timexes(text, "2016-03-03")] == ["2012-03-05", "2012-03-07"]
    # ... also when the year written out is the document's: a story told back from there
    text = ("Am 15. Juli 2016 versuchten Teile des türkischen Militärs, Präsident Erdogan zu stürzen. Am "
            "Samstag erklärte die Regierung den Putschversuch für gescheitert.")
    assert [t.value for t in find_timexes(text, "2016-11-20")] == ["2016-07-15", "2016-07-16"]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_event_on_a_weekday_after_a_date_with_the_documents_year_written_out_is_dated_from_it(coder):
    text = ("Am 15. Juli 2016 versuchten Teile des türkischen Militärs, Präsident Erdogan zu stürzen. Am "
            "Samstag erklärte die Regierung den Putschversuch für gescheitert. Die Polizei nahm Tausende "
            "Soldaten fest.")
    arrests = [e for e in coded(coder, text, "2016-11-20") if e.type == "COERCE"]
    assert arrests and all(e.date.value == "2016-07-16" for e in arrests), [e.date for e in arrests]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_event_on_a_weekday_after_an_earlier_date_is_dated_in_the_documents_week(coder):
    text = ("Nordkorea hat am 6. Jänner seinen vierten Atomtest durchgeführt. Am Donnerstag griff Nordkorea "
            "ein südkoreanisches Schiff an.")
    attacks = [e for e in coded(coder, text, "2016-03-03") if e.type == "ASSAULT"]
    assert attacks and all(e.date.value == "2016-03-03" for e in attacks), [e.date for e in attacks]


# ------------------------------------------- a past-tense sentence is not dated after the DCT

def test_a_part_of_the_day_told_in_the_past_does_not_take_a_later_day_of_another_sentence():
    text = ("Die Opposition rief für den 26. November zu einer Großkundgebung auf. Am Abend kam es zu "
            "Zusammenstößen.")
    assert [t.value for t in find_timexes(text, "2016-11-20")] == ["2016-11-26", "XXXX-XX-XXTEV"]
    # told in the future, it is the evening of that day
    text = "Die Opposition will am 26. November demonstrieren. Am Abend soll es ein Konzert geben."
    assert [t.value for t in find_timexes(text, "2016-11-20")] == ["2016-11-26", "2016-11-26TEV"]


@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("second", [
    "Am Abend kam es zu Angriffen von Demonstranten auf die Polizei.",
    "Dabei kam es zu Angriffen von Demonstranten auf die Polizei.",
])
def test_a_happening_told_in_the_preterite_is_not_dated_after_the_document_by_another_sentence(coder, second):
    text = "Die Opposition rief für den 26. November zu einer Großkundgebung in Kinshasa auf. " + second
    attacks = [e for e in coded(coder, text, "2016-11-20") if e.type == "ASSAULT"]
    assert attacks, second
    assert all(e.factuality == "asserted" and e.date.value[:10] == "2016-11-20" for e in attacks), \
        [(e.factuality, e.date) for e in attacks]


# ------------------------------------------- a present plural in -ten is no Präteritum

@pytest.mark.parametrize("clause, past", [
    ("Dort beraten Putin und Erdogan über ein Abkommen.", False),        # present plural (berieten)
    ("Sie bieten der Türkei dann Milliardenhilfen an.", False),          # (boten)
    ("Die Parteien streiten über den Haushalt.", False),                 # (stritten)
    ("Die Soldaten halten die Stellung.", False),                        # (hielten)
    ("Rousseff und ihre Minister bestreiten jedes Fehlverhalten.", False),
    ("Sie verhängen dann verschärfte Sanktionen gegen Russland.", False),  # an adjective, not the verb
    ("Die russische Regierung forderte einen Abzug.", True),
    ("Am 15. Juli 2016 versuchten Teile des Militärs, Erdogan zu stürzen.", True),
    ("Die Außenminister arbeiteten an einem Plan.", True),                # a t-stem's past: -teten
    ("Am Abend kam es zu Zusammenstößen.", True),                          # a strong form
])
def test_told_in_preterite_reads_a_weak_form_only_where_the_finite_verb_stands(clause, past):
    assert told_in_preterite(clause) is past
    assert told_in_preterite(clause.rstrip(".").split()) is past


@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("text, cues, day", [
    ("Putin reist am 10. März zu Gesprächen nach Ankara. Dort beraten Putin und Erdogan über ein Abkommen.",
     ("beraten",), "2016-03-10"),
    ("Die Außenminister der EU kommen am 14. März in Brüssel zusammen. Sie bieten der Türkei dann "
     "Milliardenhilfen für die Versorgung der Flüchtlinge an.", ("bieten",), "2016-03-14"),
    ("Die Außenminister treffen sich am 14. März in Brüssel. Sie verhängen dann verschärfte Sanktionen "
     "gegen Russland.", ("verhängen", "Sanktionen"), "2016-03-14"),
])
def test_a_plan_told_in_the_present_plural_keeps_the_day_its_paragraph_set(coder, text, cues, day):
    # the events of the second sentence: planned for the day the first one set, not asserted now
    evs = [e for e in coded(coder, text, "2016-03-04") if e.cue in cues]
    assert evs, [(e.type, e.cue) for e in coded(coder, text, "2016-03-04")]
    assert all(e.factuality == "planned" and e.date.value == day for e in evs), \
        [(e.cue, e.factuality, e.date) for e in evs]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_denial_in_the_present_plural_is_not_dated_by_a_past_time_of_the_paragraph(coder):
    text = ("Nach ihrer Wiederwahl im Oktober 2014 geriet Rousseff unter Druck. Die Opposition wirft der "
            "Präsidentin vor, die Staatsfinanzen geschönt zu haben. Rousseff und ihre Minister bestreiten "
            "jedes Fehlverhalten.")
    denials = [e for e in coded(coder, text, "2016-03-04") if e.type == "REJECT"]
    assert denials and all(e.date.value == "2016-03-04" for e in denials), [e.date for e in denials]


# ------------------------------------- a weekday takes the tense of its own clause (probe E15)

@pytest.mark.parametrize("text, day", [
    # the clause of the weekday is in the present: the coming Friday, though the relative clause
    # after it is told in the Perfekt
    ("PiS-Chef Jarosław Kaczyński trifft am Freitag Ungarns Ministerpräsidenten Viktor Orbán, der "
     "Warschau bereits Unterstützung zugesagt hat.", "2016-07-29"),
    ("Am Freitag trifft Kaczyński Orbán, sagte ein Sprecher am Mittwoch.", "2016-07-29"),
    # told in the past, the last Friday
    ("PiS-Chef Jarosław Kaczyński traf am Freitag Ungarns Ministerpräsidenten Viktor Orbán, der "
     "Warschau Unterstützung zusagt.", "2016-07-22"),
    # an auxiliary whose participle stands beyond a comma, and a clause without a verb: the sentence tells
    ("Am Freitag hat die Regierung, wie ein Sprecher sagte, neue Sanktionen beschlossen.", "2016-07-22"),
    ("Am Freitag, sagte ein Sprecher, seien die Gespräche gescheitert.", "2016-07-22"),
])
def test_a_weekday_takes_the_tense_of_its_own_clause(text, day):
    assert [t.value for t in find_timexes(text, "2016-07-28") if "Freitag" in t.text] == [day]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_meeting_on_a_weekday_told_in_the_present_is_planned_for_the_coming_day(coder):
    text = ("PiS-Chef Jarosław Kaczyński trifft am Freitag Ungarns Ministerpräsidenten Viktor Orbán, der "
            "Warschau bereits Unterstützung zugesagt hat.")
    meetings = [e for e in coded(coder, text, "2016-07-28") if e.type == "CONSULT"]
    assert meetings and all(e.factuality == "planned" and e.date.value == "2016-07-29" for e in meetings), \
        [(e.factuality, e.date) for e in meetings]


# ------------------------------------------ a deadline is the time of what was agreed (probe E15)

def test_a_deadline_in_a_zu_infinitive_is_no_past_and_its_month_is_the_coming_one():
    # "auszuarbeiten" is an infinitive (ausarbeiten), no Präteritum: November of the document's year
    text = "Nach fünf Stunden einigte man sich darauf, bis Ende November einen Fahrplan auszuarbeiten."
    assert [t.value for t in find_timexes(text, "2016-10-20") if t.type == "DATE"] == ["2016-11"]
    assert not told_in_preterite("bis Ende November einen Fahrplan auszuarbeiten")
    # told in the past, a month after the document's is of the year before
    assert [t.value for t in find_timexes("Im November demonstrierten Tausende.", "2016-10-20")] == ["2015-11"]


@pytest.mark.parametrize("bound", ["bis Ende November", "bis zum 30. November", "ab Montag"])
def test_a_deadline_or_a_beginning_sets_no_time_for_its_paragraph(bound):
    text = f"Die Minister einigten sich darauf, {bound} einen Fahrplan auszuarbeiten. Die Polizei nahm drei Männer fest."
    assert anchors(text, "2016-10-20") == {}


@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("verb", ["einigten", "einigen"])
def test_an_agreement_is_not_dated_by_the_deadline_of_what_was_agreed(coder, verb):
    text = f"Merkel und Putin {verb} sich darauf, bis Ende November einen Fahrplan für die Ukraine auszuarbeiten."
    deals = [e for e in coded(coder, text, "2016-10-20") if e.type == "AGREE"]
    assert deals and all(e.factuality == "asserted" and e.date.value == "2016-10-20" for e in deals), \
        [(e.factuality, e.date) for e in deals]


# ------------------------------ the time of a subordinate clause dates no other clause (probe E15)

@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("text", [
    "Die Huthi-Rebellen, die Sanaa seit 2014 kontrollieren, machen die saudische Koalition für den Angriff "
    "verantwortlich.",
    "Die Huthi-Rebellen, die Sanaa im September 2014 eingenommen hatten, machen die saudische Koalition für "
    "den Angriff verantwortlich.",
    "Die Huthi-Rebellen machen die saudische Koalition verantwortlich, nachdem sie im Juli 2015 Aden "
    "verloren haben.",
])
def test_the_time_of_a_subordinate_clause_does_not_date_the_main_clause(coder, text):
    accusations = [e for e in coded(coder, text, "2016-10-10") if e.type == "ACCUSE"]
    assert accusations and all(e.date.value == "2016-10-10" for e in accusations), [e.date for e in accusations]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_the_time_of_another_main_clause_still_dates_an_event_of_the_sentence(coder):
    text = "Am Sonntag tagte der Sicherheitsrat, Russland kritisierte die USA scharf."
    accusations = [e for e in coded(coder, text, "2016-10-10") if e.type == "ACCUSE"]
    assert accusations and all(e.date.value == "2016-10-09" for e in accusations), [e.date for e in accusations]



def test_a_weekday_in_a_clause_with_a_konjunktiv_auxiliary_takes_the_tense_of_the_sentence():
    # the participle stands beyond the comma: reported past, last Friday
    text = ("Schnellboote hätten die Stena Impero am Freitag umstellt und in den Hafen gebracht, teilte "
            "die Armee mit.")
    assert [t.value for t in find_timexes(text, "2019-07-20")] == ["2019-07-19"]
    # ... also where a quotation mark cuts the clause before the weekday
    text = ("Schnellboote hätten die „Stena Impero“ am Freitag umstellt und in den Hafen gebracht, teilte "
            "die Armee mit.")
    assert [t.value for t in find_timexes(text, "2019-07-20")] == ["2019-07-19"]
    text = "Die Protestierenden hätten die Soldaten am Montag in Zvečan mit Steinen, Flaschen und Brandsätzen beworfen, teilte die Nato mit."
    assert [t.value for t in find_timexes(text, "2023-05-30")] == ["2023-05-29"]


# ---------------------------------- a vague future is no date of a happening told in the past (E15)

@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_vague_future_of_another_clause_does_not_date_a_past_accusation(coder):
    text = ("Präsident Rodrigo Duterte beschuldigte die Senatorin Leila de Lima daraufhin, selbst Geld von "
            "Drogenbaronen angenommen zu haben, und kündigte an, sie werde bald im Gefängnis landen.")
    accusations = [e for e in coded(coder, text, "2016-08-25") if e.type == "ACCUSE"]
    assert accusations and all(e.date.value == "2016-08-25" for e in accusations), [e.date for e in accusations]


def test_the_refs_lie_before_at_and_after_the_document_date():
    from lagebild.timex import _against_dct
    assert [_against_dct(v, "2016-08-25") for v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF")] == [-1, 0, 1]


@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("text", [
    "Deutschland werde der Ukraine weitere Luftabwehrsysteme liefern, sagte Merz am Mittwoch in Berlin.",
    "Merz sagte am Mittwoch in Berlin, Deutschland werde der Ukraine weitere Luftabwehrsysteme liefern.",
])
def test_the_day_of_the_saying_does_not_date_what_is_said(coder, text):
    """Probe P21: in an article of Thursday 19 November, "... liefern, sagte Merz am Mittwoch" dated
    the planned delivery to the next Wednesday (25 November): Wednesday dates the speech."""
    aid = [e for e in coded(coder, text, "2026-11-19") if e.type == "AID" and e.factuality == "planned"]
    assert aid and all(e.date is None or e.date.value != "2026-11-25" for e in aid), [(e.type, e.date) for e in aid]
    # a time in the clause of what is said still dates it
    said = "Merz sagte am Mittwoch, Deutschland werde der Ukraine im Dezember weitere Systeme liefern."
    aid = [e for e in coded(coder, said, "2026-11-19") if e.type == "AID" and e.factuality == "planned"]
    assert aid and all(e.date is not None and e.date.value.startswith("2026-12") for e in aid), \
        [(e.type, e.date) for e in aid]
