"""Deeds told in the Konjunktiv II of the past that did not happen (factuality.counterfactual):
"beinahe angegriffen" is negated, "hätte festnehmen müssen" hypothetical, for both coders; a
Konjunktiv II that stands in for reported speech, and "fast" before an amount, stay facts. An
unreal condition ("Hätte Russland angegriffen, hätte die NATO ...", "Wenn sie es gewusst hätte,
hätte sie ...") and what it governs are hypothetical (clauses.verb_first_condition,
factuality.conditioned)."""
from __future__ import annotations

import pytest

from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402


def _events(coder: str, text: str, typ: str):
    doc = shared_analyzer(coder=coder, min_confidence=0)(Article(doc_id="t", dct="2016-01-10", text=text))
    return [e for e in doc.events if e.type == typ]


def _clauses(txt: str):
    """The clauses of a one-sentence text, with the lexicon."""
    from lagebild import text as T
    from lagebild.events import load_cues, split_clauses
    lex = load_cues()
    _, sts = T.tokenize(txt, T.segment(txt))
    return split_clauses(sts[0], lex), lex


def _reading(txt: str):
    """``factuality.counterfactual`` of the first clause of one sentence."""
    from lagebild.events.factuality import counterfactual
    clauses, lex = _clauses(txt)
    return counterfactual(clauses[0], lex)


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text", [
    "Die USA hätten Syrien beinahe angegriffen.",
    "Israel hätte den Iran fast bombardiert.",
    "Um ein Haar hätte Russland die Ukraine angegriffen.",
])
def test_an_attack_that_almost_happened_is_negated(coder, text):
    attacks = _events(coder, text, "ASSAULT")
    assert attacks, "the attack is still an event"
    assert all(e.factuality == "negated" for e in attacks)


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_what_should_have_happened_is_hypothetical(coder):
    arrests = _events(coder, "Berlin – Die Polizei hätte den Attentäter schon im Sommer festnehmen müssen.", "COERCE")
    assert arrests and all(e.factuality == "hypothetical" for e in arrests)


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_konjunktiv_ii_of_reported_speech_stays_a_fact(coder):
    # (the rule coder had read "Ukrainische Soldaten hätten ... angegriffen" as a headline's
    # passive, the soldiers attacked: a Konjunktiv II auxiliary makes no headline)
    attacks = _events(coder, "Ukrainische Soldaten hätten russische Stellungen angegriffen, sagte er.", "ASSAULT")
    assert attacks and all(e.factuality == "asserted" for e in attacks)
    assert any([p.code for p in e.source] == ["UKR"] and [p.code for p in e.target] == ["RUS"] for e in attacks)


def test_almost_before_an_amount_qualifies_the_amount():
    assert _reading("Die Behörden hätten fast alle Flüchtlinge abgeschoben.") is None
    assert _reading("Die Behörden hätten beinahe 100 Flüchtlinge abgeschoben.") is None
    assert _reading("Die Behörden hätten die Flüchtlinge beinahe abgeschoben.") == "negated"
    assert _reading("Die Polizei hätte ihn nicht festnehmen dürfen.") is None     # it did: left to the negation rules
    assert _reading("Die Behörden haben die Flüchtlinge fast abgeschoben.") is None    # no Konjunktiv II


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text, typ", [
    # reported speech in the Konjunktiv II with "fast" before an amount said in words, a share or a
    # stretch of time: the deed was done (a review: each came out negated)
    ("Russische Soldaten hätten fast zwanzig ukrainische Zivilisten getötet, sagte ein Sprecher der UN.", "ASSAULT"),
    ("Syrische Rebellen hätten fast die gesamte Stadt Aleppo eingenommen, sagte ein Sprecher der syrischen Armee.",
     "ASSAULT"),
    ("Putin sagte, die Ukraine hätte russische Stellungen fast eine Woche lang beschossen.", "ASSAULT"),
    ("Die Nato hätte Serbien fast zwei Monate lang bombardiert, sagte Vucic.", "ASSAULT"),
])
def test_almost_before_an_amount_in_words_keeps_the_deed_a_fact(coder, text, typ):
    events = _events(coder, text, typ)
    assert events, "the deed is an event"
    assert all(e.factuality == "asserted" for e in events)


def test_almost_before_a_number_word_share_or_duration_qualifies_the_amount():
    assert _reading("Die Behörden hätten fast dreiundzwanzig Flüchtlinge abgeschoben.") is None
    assert _reading("Die Behörden hätten fast die Hälfte der Flüchtlinge abgeschoben.") is None
    assert _reading("Die Armee hätte die Stadt fast drei Tage lang beschossen.") is None
    assert _reading("Die Armee hätte fast einen Krieg begonnen.") == "negated"      # an article, no amount
    assert _reading("Fast hätte die Armee die Stadt beschossen.") == "negated"


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text, typ", [
    # an unreal condition told by its Konjunktiv II verb in first place, and its consequence
    ("Hätte Russland die Ukraine angegriffen, hätte die NATO Sanktionen verhängt.", "ASSAULT"),
    # the consequence of an unreal "wenn" condition
    ("Wenn die deutsche Polizei es gewusst hätte, hätte sie mehr Beamte nach Köln geschickt.", "MOBILIZE"),
])
def test_what_an_unreal_condition_governs_is_no_fact(coder, text, typ):
    found = _events(coder, text, typ)
    assert found, f"no {typ} event"
    assert all(e.factuality == "hypothetical" for e in found), [(e.type, e.factuality) for e in found]


def test_a_verb_first_condition_is_a_condition_clause_also_unreal_modal_or_before_a_dass_clause():
    for txt in ("Hätte die Polizei gewusst, dass Gefahr droht, hätte sie mehr Beamte geschickt.",
                "Wäre die Regierung gewarnt worden, hätte sie die Grenze geschlossen.",
                # a modal or future verb in first place opens a condition too (a review)
                "Will Österreich die Grenze schließen, muss es mit Deutschland verhandeln.",
                "Wird die Regelung vollzogen, könnten Verlage gegen die Regierung klagen."):
        clauses, _ = _clauses(txt)
        assert clauses[0].kind == "condition", [(c.kind, [t.text for t in c.tokens]) for c in clauses]
        assert clauses[-1].kind == "main"


@pytest.mark.parametrize("coder", ["auto"])      # (the rule coder finds no AGREE in it)
@pytest.mark.parametrize("verb", ["sei", "ist"])
def test_an_offer_on_a_condition_named_after_it_is_no_fact(coder, verb):
    # a probe: "allerdings nur unter der Bedingung, dass ..." after the main clause was no condition
    # ("ist bereit" is no perfect: a review)
    text = (f"Washington {verb} zu Gesprächen mit Moskau bereit, allerdings nur unter der Bedingung, dass Russland "
            "seine Angriffe auf Rebellen einstelle, sagte Kerry.")
    found = _events(coder, text, "AGREE")
    assert found
    assert all(e.factuality == "hypothetical" for e in found), [(e.cue, e.factuality) for e in found]
    assert all(e.condition for e in found), [(e.cue, e.condition) for e in found]


def test_a_temporal_wenn_leaves_a_present_fact_alone():
    from lagebild.events.factuality import conditioned
    clauses, lex = _clauses("Der Minister kritisiert die Regierung, wenn sie Schulden macht.")
    assert conditioned("asserted", "ACCUSE", clauses, 0, lex) == "asserted"


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_reported_deeds_under_a_wenn_stay_facts_and_an_unreal_consequence_is_no_threat(coder):
    # a review: Konjunktiv II in reported speech tells deeds; an analyst's unreal past threatens no one
    found = _events(coder, "Laut Amnesty hätten syrische Soldaten Gefangene gefoltert, wenn diese nicht "
                           "kooperiert hätten.", "ASSAULT")
    assert found and all(e.factuality == "asserted" for e in found), [(e.cue, e.factuality) for e in found]
    assert not _events(coder, "Wäre die Türkei nicht Mitglied der NATO, hätte Russland sie längst angegriffen, "
                              "sagte ein Analyst.", "THREATEN")


def test_kann_sein_opens_no_condition():
    clauses, _ = _clauses("Kann sein, dass die Polizei Demonstranten festgenommen hat, wird aber dementiert.")
    assert not any(c.kind == "condition" for c in clauses), [(c.kind, c.starts_with) for c in clauses]


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_an_attack_announced_for_otherwise_is_hypothetical(coder):
    # probe P26: "Andernfalls werde die Türkei ... angreifen" was planned (cues.tsv condition_adverb)
    found = _events(coder, "Ankara – Andernfalls werde die Türkei die kurdischen Milizen in Syrien angreifen, "
                           "sagte Erdogan.", "ASSAULT")
    assert found and all(e.factuality == "hypothetical" for e in found), [(e.cue, e.factuality) for e in found]


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_an_attack_named_in_case_of_is_no_fact_and_an_unlikely_one_neither(coder):
    found = _events(coder, "Für den Fall, dass Russland Estland angreift, hat die NATO Truppen nach Polen verlegt.",
                    "ASSAULT")
    assert found and all(e.factuality == "hypothetical" for e in found), [(e.cue, e.factuality) for e in found]
    moved = _events(coder, "Für den Fall, dass Russland Estland angreift, hat die NATO Truppen nach Polen verlegt.",
                    "MOBILIZE")
    assert moved and all(e.factuality == "asserted" for e in moved)      # a deed told as done
    if coder == "auto":
        unlikely = _events(coder, "Ein Angriff der USA auf Nordkorea gilt als unwahrscheinlich.", "ASSAULT")
        assert unlikely and all(e.factuality == "hypothetical" for e in unlikely)
