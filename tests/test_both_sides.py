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
