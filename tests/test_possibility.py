"""Happenings told as only possible are no facts, for both coders (``factuality.possibility_word``,
``factuality.considered``): the learned coder's factuality model called "Ein Treffen ... ist möglich"
and "Womöglich schickt Frankreich Soldaten" asserted where the rule coder reads the word of
possibility; an event noun of circumstance keeps its own factuality."""
from __future__ import annotations

import pytest

from lagebild.pipeline import Analyzer
from lagebild.records import Article

_AN: dict = {}


def _events(coder: str, text: str, typ: str):
    if coder not in _AN:
        _AN[coder] = Analyzer(use_models=False, coder=coder, min_confidence=0)
    an = _AN[coder]
    if coder != "rules" and an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="t", dct="2016-01-10", text=text))
    return [e for e in doc.events if e.type == typ]


@pytest.mark.parametrize("text, typ", [
    ("Ein Treffen von Merkel und Putin ist möglich.", "CONSULT"),
    ("Womöglich schickt Frankreich Soldaten nach Mali.", "MOBILIZE"),
    ("Ein Treffen zwischen Serbien und dem Kosovo ist denkbar.", "CONSULT"),
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
    from lagebild import text as T
    from lagebild.events import load_cues, split_clauses
    from lagebild.events.factuality import possibility_word
    lex = load_cues()
    txt = "Die Akademie warnt vor einer Gefährdung des Forschungsstandorts."
    _, sts = T.tokenize(txt, T.segment(txt))
    c = split_clauses(sts[0], lex)[0]
    warnt = next(t for t in c.tokens if t.lower == "warnt")
    assert not possibility_word(c, warnt, lex)
    assert possibility_word(c, None, lex)      # of another event of the clause it still tells a fear


def test_an_attack_that_sets_the_circumstance_stays_a_fact():
    found = _events("auto", "Bei einem Überfall auf eine Zementfabrik in Syrien haben Kämpfer des IS "
                            "möglicherweise hunderte Arbeiter als Geiseln genommen.", "ASSAULT")
    assert any(e.factuality == "asserted" for e in found), [(e.cue, e.factuality) for e in found]
