"""Happenings told as only possible are no facts, for both coders (``factuality.possibility_word``,
``factuality.considered``): the learned coder's factuality model called "Ein Treffen ... ist möglich"
and "Womöglich schickt Frankreich Soldaten" asserted where the rule coder reads the word of
possibility; an event noun of circumstance keeps its own factuality."""
from __future__ import annotations

import pytest

from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402

_AN: dict = {}


def _events(coder: str, text: str, typ: str):
    if coder not in _AN:
        _AN[coder] = shared_analyzer(use_models=False, coder=coder, min_confidence=0)
    an = _AN[coder]
    if coder != "rules" and an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="t", dct="2016-01-10", text=text))
    return [e for e in doc.events if e.type == typ]


def _clauses(txt: str):
    """The clauses of a one-sentence text, with the lexicon."""
    from lagebild import text as T
    from lagebild.events import load_cues, split_clauses
    lex = load_cues()
    _, sts = T.tokenize(txt, T.segment(txt))
    return split_clauses(sts[0], lex), lex


@pytest.mark.parametrize("text, typ", [
    ("Ein Treffen von Merkel und Putin ist möglich.", "CONSULT"),
    ("Womöglich schickt Frankreich Soldaten nach Mali.", "MOBILIZE"),
])
def test_a_possible_happening_is_no_fact(text, typ):
    found = _events("auto", text, typ)
    assert found, f"no {typ} event in {text!r}"
    assert all(e.factuality == "hypothetical" for e in found), [(e.type, e.factuality) for e in found]


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_sanctions_under_review_are_considered_not_imposed(coder):
    # "prüft" considers a step not yet taken when the noun has no definite article ("prüft neue
    # Sanktionen", "prüft eine Klage"); "prüft den Angriff" examines one that happened
    found = _events(coder, "Die EU prüft neue Sanktionen gegen Russland.", "SANCTION")
    assert found
    assert all(e.factuality == "hypothetical" for e in found), [e.factuality for e in found]


def test_the_cue_word_itself_makes_no_hypothesis_of_its_own_event():
    from lagebild.events.factuality import possibility_word
    clauses, lex = _clauses("Die Regierung befürchtet einen Angriff Russlands.")
    c = clauses[0]
    feared = next(t for t in c.tokens if t.lower == "befürchtet")
    attack = next(t for t in c.tokens if t.text == "Angriff")
    assert not possibility_word(c, feared, lex)     # the fear itself is told as a fact
    assert possibility_word(c, attack, lex)         # what is feared is not


def test_an_attack_that_sets_the_circumstance_stays_a_fact():
    found = _events("auto", "Bei einem Überfall auf eine Zementfabrik in Syrien haben Kämpfer des IS "
                            "möglicherweise hunderte Arbeiter als Geiseln genommen.", "ASSAULT")
    assert any(e.factuality == "asserted" for e in found), [(e.cue, e.factuality) for e in found]


@pytest.mark.parametrize("coder", ["auto"])      # (the rule coder finds no attack in it)
def test_a_thwarted_attack_is_no_fact(coder):
    # the object of a verb of preventing did not happen as told (factuality.prevented; dev gold codes
    # "dem vereitelten Terroranschlag" hypothetical)
    found = _events(coder, "Die belgische Polizei hat einen Anschlag des IS in Brüssel vereitelt.", "ASSAULT")
    assert found, "the attack is found"
    assert all(e.factuality != "asserted" for e in found), [(e.type, e.factuality) for e in found]


def test_a_thwarted_attack_named_as_the_circumstance_leaves_the_charge_a_fact():
    an_attack = "Wegen des vereitelten Bombenanschlags in Brüssel hat die belgische Justiz am Freitag " \
                "gegen drei Männer Anklage erhoben."
    attacks = _events("auto", an_attack, "ASSAULT")
    assert attacks and all(e.factuality == "hypothetical" for e in attacks), [(e.cue, e.factuality) for e in attacks]
    charges = _events("auto", an_attack, "ACCUSE")
    assert charges and all(e.factuality == "asserted" for e in charges), [(e.cue, e.factuality) for e in charges]


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text, typ", [
    # "denkbar" as an intensifier is no possibility (a review; it is no longer of class hypothetical)
    ("Die Türkei hat einen russischen Kampfjet zu einem denkbar ungünstigen Zeitpunkt abgeschossen.", "ASSAULT"),
    # a possibility after the "und" of a second verb leaves the first a fact (a review)
    ("Kämpfer des IS haben das Dorf überfallen und womöglich Dutzende Bewohner verschleppt.", "ASSAULT"),
    # examined, not considered: "prüft" without a new step (a review)
    ("Die Nato prüft russische Luftangriffe in Syrien.", "ASSAULT"),
    # "so viele ... wie möglich" is no possibility (a review)
    ("Die USA haben so viele Soldaten wie möglich nach Kuwait geschickt.", "MOBILIZE"),
])
def test_facts_beside_words_of_possibility_stay_facts(coder, text, typ):
    found = _events(coder, text, typ)
    assert found, f"no {typ} event"
    assert any(e.factuality == "asserted" for e in found), [(e.cue, e.factuality) for e in found]


def test_the_allegation_adjective_of_another_noun_leaves_the_clause_a_fact():
    from lagebild.events.factuality import possibility_word
    clauses, lex = _clauses("Obama sprach seinen Ärger über mutmaßliche chinesische Cyberattacken an.")
    c = clauses[0]
    aerger = next(t for t in c.tokens if t.text == "Ärger")
    attacks = next(t for t in c.tokens if t.text == "Cyberattacken")
    assert not possibility_word(c, aerger, lex)
    assert possibility_word(c, attacks, lex)       # the attacks themselves are alleged


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_talks_named_beside_a_negated_meeting_did_not_happen(coder):
    # a probe: "zu Verhandlungen" beside "nie ... getroffen" gave asserted CONSULTs beside the negated ones
    found = _events(coder, "Netanjahu und Abbas haben sich seit 2010 nie mehr zu direkten Verhandlungen getroffen.",
                    "CONSULT")
    assert found
    assert all(e.factuality == "negated" for e in found), [(e.cue, e.factuality) for e in found]


def test_a_negated_verb_of_another_type_leaves_the_noun_alone():
    from lagebild.events.factuality import negated_with_its_verb
    clauses, lex = _clauses("Die Regierung will die Sanktionen gegen Russland nicht aufheben.")
    c = clauses[0]
    k = next(i for i, t in enumerate(c.tokens) if t.text == "Sanktionen")
    assert not negated_with_its_verb(c, k, "SANCTION", lex)


def test_a_ceasefire_is_never_an_attack():
    # probe P26: "Feuerpause" read as an ASSAULT by the learned trigger model (cues.tsv class ceasefire)
    text = ("München – Die USA und Russland haben sich in der Nacht zum Freitag auf eine Feuerpause in Syrien "
            "binnen einer Woche verständigt. Das Regime in Damaskus setzte seine Angriffe auf Aleppo fort.")
    doc = shared_analyzer(coder="auto", min_confidence=0)(Article(doc_id="t", dct="2016-02-12", text=text))
    assert not any(e.type == "ASSAULT" and e.cue == "Feuerpause" for e in doc.events), \
        [(e.type, e.cue) for e in doc.events]
    assert any(e.type == "ASSAULT" and e.cue == "Angriffe" for e in doc.events)


@pytest.mark.parametrize("text, typ", [
    # who prevents, and what was not prevented, happened (a review)
    ("Die Luftangriffe der russischen Luftwaffe verhinderten einen Vormarsch der syrischen Rebellen.", "ASSAULT"),
    ("Die belgische Polizei konnte einen Anschlag des IS in Brüssel nicht vereiteln.", "ASSAULT"),
    # a negation of another phrase leaves talks beside it a fact (a review)
    ("Kerry und Lawrow trafen sich in Genf zu Gesprächen über die nicht eingehaltene Waffenruhe.", "CONSULT"),
])
def test_what_happened_beside_a_verb_of_preventing_or_a_negation_stays_a_fact(text, typ):
    found = _events("auto", text, typ)
    assert found and all(e.factuality == "asserted" for e in found), [(e.cue, e.factuality) for e in found]
