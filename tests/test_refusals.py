"""A negated cooperative act is a refusal (REJECT) and the act itself did not happen: the learned
coder's event of the act on the same word is negated, not asserted (learned.coder.refused_cue)."""
from __future__ import annotations

from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402


def _events(text: str):
    doc = shared_analyzer(min_confidence=0)(Article(doc_id="t", dct="2016-03-10", country="AUT", text=text))
    return doc.events


def test_a_congratulation_not_given_is_a_refusal_and_no_asserted_support():
    evs = _events("Strache gratulierte dem Bürgermeister nicht, sondern warf ihm Wahlbetrug vor.")
    assert any(e.type == "REJECT" and e.factuality == "asserted" for e in evs)
    assert any(e.type == "ACCUSE" and e.factuality == "asserted" for e in evs)     # the other verb stays told
    assert not any(e.type == "SUPPORT" and e.factuality == "asserted" for e in evs)


def test_the_sides_must_agree_for_the_refusal_to_negate():
    evs = _events("Frankreich hat Deutschland nicht unterstützt, aber Italien hat Deutschland unterstützt.")
    assert any(e.type == "SUPPORT" and e.factuality == "asserted" and [p.code for p in e.source] == ["ITA"]
               for e in evs)
    assert not any(e.type == "SUPPORT" and e.factuality == "asserted" and [p.code for p in e.source] == ["FRA"]
                   for e in evs)


def test_a_summit_in_a_negated_clause_was_still_held():
    evs = _events("SPÖ und ÖVP haben sich beim Pensionsgipfel nicht geeinigt.")
    assert any(e.type == "AGREE" and e.factuality == "negated" for e in evs)
    assert not any(e.type == "CONSULT" and e.factuality == "negated" for e in evs)
