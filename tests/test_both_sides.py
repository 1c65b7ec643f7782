"""'Beide Seiten', 'die Konfliktparteien', 'beide Länder': both sides named just before
(lang/de/both_sides.tsv, actors.ActorTagger._both_sides), for both coders."""
import pytest

from lagebild.lexicon import read_tsv
from lagebild.pipeline import Analyzer
from lagebild.records import Article

_AN: dict = {}


def analyze(text, coder="auto"):
    if coder not in _AN:
        _AN[coder] = Analyzer(coder=coder)
    return _AN[coder](Article(doc_id="t", text=text, dct="2025-03-14"))


def dyads(doc, typ):
    return {(s.code, t.code) for e in doc.events if e.type == typ for s in e.source for t in e.target}


def test_the_phrases_parse_and_are_lower_case():
    rows = [row for _, row in read_tsv("both_sides.tsv")]
    assert len(rows) >= 10 and all(r["phrase"] == r["phrase"].lower() and r["phrase"].strip() for r in rows)


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_both_sides_are_the_pair_named_before(coder):
    doc = analyze("Die Sorge vor einem Krieg zwischen Israel und der libanesischen Hisbollah wächst. "
                  "US-Außenminister Blinken rief beide Seiten zur Zurückhaltung auf.", coder)
    assert {("USA", "ISR"), ("USA", "LBN")} <= dyads(doc, "REQUEST"), doc.events
    doc = analyze("Armenien und Aserbaidschan haben sich auf eine Waffenruhe geeinigt. Beide Seiten warfen "
                  "sich jedoch am Montag vor, die Feuerpause gebrochen zu haben.", coder)
    assert {("ARM", "AZE"), ("AZE", "ARM")} <= dyads(doc, "ACCUSE"), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_two_sides_of_one_country_are_that_country(coder):
    doc = analyze("Im Osten Aleppos kämpfen Regierungstruppen und Rebellen um jedes Viertel. Die UN rief die "
                  "Konfliktparteien auf, die Kämpfe einzustellen.", coder)
    assert dyads(doc, "REQUEST") == {("UN", "SYR")}, doc.events


def test_the_phrase_is_marked_as_coded_from_earlier_mentions_and_needs_a_pair():
    doc = analyze("Die Sorge vor einem Krieg zwischen Israel und der libanesischen Hisbollah wächst. "
                  "US-Außenminister Blinken rief beide Seiten zur Zurückhaltung auf.")
    sides = [t for e in doc.events if e.type == "REQUEST" for t in e.target]
    assert sides and all(t.text == "beide Seiten" and t.code_inferred == "earlier" for t in sides), sides
    # no pair named before: no side is guessed
    doc = analyze("Die Regierung in Wien lobte das Ergebnis. Der Kanzler rief beide Seiten zur Ruhe auf.")
    assert not any(t.text == "beide Seiten" for e in doc.events for t in e.source + e.target), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_a_mediator_is_no_side_of_the_agreement(coder):
    # cues.tsv class mediation_noun (a probe: AGREE ISR/PSE -> QAT and QAT -> ISR/PSE)
    doc = analyze("Unter Vermittlung Katars haben Israel und die Hamas eine Waffenruhe vereinbart.", coder)
    got = dyads(doc, "AGREE")
    assert {("ISR", "PSE"), ("PSE", "ISR")} <= got and not any("QAT" in d for d in got), doc.events
    # nor a co-actor of an act of one side
    doc = analyze("Unter Vermittlung Katars ließ Israel 30 palästinensische Gefangene frei.", coder)
    assert dyads(doc, "RETREAT") == {("ISR", "PSE")}, doc.events


def test_the_mediation_noun_keeps_the_mediator_as_its_source():
    doc = analyze("Unter Vermittlung Katars haben Israel und die Hamas eine Waffenruhe vereinbart.")
    assert {("QAT", "ISR"), ("QAT", "PSE")} <= dyads(doc, "CONSULT"), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_both_sides_are_not_who_speaks_nor_places(coder):
    # a review: the nearest pair was the clause's own subject, two speakers before a pronoun, or two cities
    doc = analyze("Der Konflikt zwischen Israel und dem Iran eskaliert. Deutschland und Frankreich riefen beide "
                  "Seiten zur Zurückhaltung auf.", coder)
    assert {("DEU", "ISR"), ("DEU", "IRN"), ("FRA", "ISR"), ("FRA", "IRN")} <= dyads(doc, "REQUEST"), doc.events
    assert not {("DEU", "FRA"), ("FRA", "DEU")} & dyads(doc, "REQUEST"), doc.events
    doc = analyze("Der Konflikt zwischen Israel und dem Iran eskaliert. Scholz und Macron telefonierten am Abend. "
                  "Sie riefen beide Seiten zur Zurückhaltung auf.", coder)
    assert ("FRA", "ISR") in dyads(doc, "REQUEST") and ("FRA", "DEU") not in dyads(doc, "REQUEST"), doc.events
    for text in ("Die Polizei nahm in Berlin und Hamburg Dutzende Demonstranten fest. Beide Seiten warfen sich "
                 "Gewalt vor.",
                 "Biden und Blinken reisten nach Kiew. Dort riefen sie beide Seiten zu Verhandlungen auf."):
        doc = analyze(text, coder)
        assert not any(p.text == "Beide Seiten" or p.text == "beide Seiten" for e in doc.events
                       for p in e.source + e.target), (text, doc.events)


def test_a_guessed_pair_at_home_stays():
    # police against protesters of the state named before them: a domestic dyad (a review)
    doc = analyze("Die Türkei ließ Polizisten mit Wasserwerfern gegen Demonstranten vorgehen.")
    assert any(("TUR", "TUR") in dyads(doc, t) for t in ("ASSAULT", "COERCE")), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_consent_to_an_agreement_of_others_is_no_agreement_of_the_consenting(coder):
    doc = analyze("Ungarn und die Slowakei stimmten dem Abkommen zwischen der EU und der Türkei zu.", coder)
    assert not {("HUN", "SVK"), ("SVK", "HUN")} & dyads(doc, "AGREE"), doc.events
    # consent to a ceasefire with no other side named: no one-sided agreement
    doc = analyze("Die Hamas stimmte einer Waffenruhe zu.", coder)
    assert not any(e.type == "AGREE" and not e.target for e in doc.events), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_hackers_are_of_the_country_their_adjective_names_only(coder):
    # "Hacker" was no role noun: "Russische Hacker haben ... angegriffen" gave DEU -> [] (rules) or nothing
    doc = analyze("Russische Hacker haben das deutsche Außenministerium angegriffen.", coder)
    assert ("RUS", "DEU") in dyads(doc, "ASSAULT"), doc.events
    doc = analyze("Bei einem Cyberangriff auf das deutsche Außenministerium sollen russische Hacker Daten "
                  "gestohlen haben.", coder)
    assert ("RUS", "DEU") in dyads(doc, "COERCE"), doc.events
    # without a country word no country is guessed (relational_roles.tsv)
    doc = analyze("In Deutschland haben Hacker die Website der Bahn lahmgelegt.", coder)
    assert not any(p.text == "Hacker" and p.code for e in doc.events for p in e.source), doc.events


def test_the_dative_of_a_plural_country_name_is_that_country():
    # "aus den Niederlanden" was no mention: the recall of an envoy had no target
    doc = analyze("Die Türkei hat ihren Botschafter aus den Niederlanden zurückgerufen.")
    assert ("TUR", "NLD") in dyads(doc, "SANCTION"), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_both_sides_are_no_mediators_agents_or_list_members(coder):
    # a second review
    doc = analyze("Israel und die Hamas hatten unter Vermittlung Katars und Ägyptens eine Waffenruhe vereinbart. "
                  "Die USA forderten beide Seiten auf, die Vereinbarung einzuhalten.", coder)
    assert {("USA", "ISR"), ("USA", "PSE")} <= dyads(doc, "REQUEST"), doc.events
    assert not {("USA", "QAT"), ("USA", "EGY")} & dyads(doc, "REQUEST"), doc.events
    assert not any({"QAT", "EGY"} & {s, t} for s, t in dyads(doc, "AGREE")), doc.events
    doc = analyze("Die Gespräche zwischen Serbien und dem Kosovo sind gescheitert. Borrell zeigte sich enttäuscht. "
                  "Russland und China kritisierten die Nato. Beide Länder warfen dem Westen Heuchelei vor.", coder)
    assert not any(s in ("SRB", "XKX") for s, _ in dyads(doc, "ACCUSE")), doc.events
    doc = analyze("Russland, die Ukraine und die Türkei berieten in Istanbul. Die UN begrüßten, dass beide Seiten "
                  "weiter verhandeln wollen.", coder)
    assert not {("UKR", "TUR"), ("TUR", "UKR")} & dyads(doc, "CONSULT") - dyads(analyze(
        "Russland, die Ukraine und die Türkei berieten in Istanbul.", coder), "CONSULT"), doc.events


def test_twin_sides_are_not_each_other_nor_the_reporter():
    doc = analyze("Kanzler Merz und Präsident Macron trafen sich in Berlin. "
                  "Beide Seiten kritisierten die Zölle der USA.")
    assert {("DEU", "USA"), ("FRA", "USA")} <= dyads(doc, "ACCUSE"), doc.events
    assert not {("DEU", "FRA"), ("FRA", "DEU")} & dyads(doc, "ACCUSE"), doc.events
    doc = analyze("Nach einem Treffen mit Vučić und Kurti sagte Borrell, beide Seiten hätten sich auf einen "
                  "Fahrplan "
                  "geeinigt.")
    assert {("SRB", "XKX"), ("XKX", "SRB")} <= dyads(doc, "AGREE"), doc.events
    assert not any("EU" in d for d in dyads(doc, "AGREE")), doc.events


def test_a_reaction_is_aimed_at_the_agents_of_the_act_it_is_about():
    doc = analyze("Russland kritisierte die von den USA und der EU verhängten Sanktionen.")
    assert {("RUS", "USA"), ("RUS", "EU")} <= dyads(doc, "ACCUSE"), doc.events


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_mediators_in_a_list_or_after_an_article_are_no_side(coder):
    for text in ("Unter Vermittlung der USA und Frankreichs hatten Israel und der Libanon einer Waffenruhe zugestimmt.",
                 "Unter der Schirmherrschaft der Afrikanischen Union unterzeichneten der Sudan und der Südsudan "
                 "ein Abkommen."):
        doc = analyze(text, coder)
        agreements = dyads(doc, "AGREE") | dyads(doc, "SUPPORT")
        assert agreements and not any({"USA", "FRA", "AU"} & {s, t} for s, t in agreements), (text, doc.events)


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_both_sides_may_be_the_countries_of_the_subjects_office(coder):
    # a third review: "Die Außenminister Indiens und Pakistans ... Beide Seiten"
    doc = analyze("Die Außenminister Indiens und Pakistans trafen sich in Genf. Beide Seiten einigten sich auf "
                  "eine Waffenruhe.", coder)
    assert {("IND", "PAK"), ("PAK", "IND")} <= dyads(doc, "AGREE"), doc.events
