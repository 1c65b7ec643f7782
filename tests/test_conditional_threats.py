"""A consequence under a condition, closed by a verb of threatening or by an announced ultimatum, is
a threat: THREATEN from the speaker to the one the condition is about, asserted, with the condition;
the consequence itself is hypothetical (events.threats.conditional_threat, events.factuality.conditioned;
docs/annotation.md §4, §10; a new-user probe of Austrian news found 1 of 6 such threats). Invented
sentences."""
from __future__ import annotations

import pytest

from lagebild.events.clauses import split_clauses
from lagebild.events.cues import load_cues
from lagebild.events.factuality import conditioned
from lagebild.events.threats import conditional_threat
from lagebild.records import Article
from lagebild.text import segment, tokenize
from eventcheck import shared_analyzer  # noqa: E402


def _clauses(text: str):
    lex = load_cues()
    _, sts = tokenize(text, segment(text))
    return split_clauses(sts[0], lex), lex


@pytest.mark.parametrize("text, verb", [
    ("Sollte Ungarn die Grenze schließen, werde auch Kroatien Kontrollen einführen, drohte Premier Ivo Horvat.", "drohte"),
    ("Sollte das Land nicht zahlen, werde die Stadt die Schulen schließen, kündigte der Bürgermeister an.", "kündigte"),
    ("Kroatien werde Kontrollen einführen, falls Ungarn die Grenze schließe, warnte der Premier.", "warnte"),
])
def test_a_closing_threat_or_ultimatum_tells_the_consequence_as_a_threat(text, verb):
    clauses, lex = _clauses(text)
    found = conditional_threat(clauses, lex)
    assert found is not None and found[3].text == verb
    assert clauses[found[0]].kind == "condition"


@pytest.mark.parametrize("text", [
    # an announcement under a condition that the other side acts is no ultimatum
    "Sollte das Land zahlen, werde die Stadt die Schulen sanieren, kündigte der Bürgermeister an.",
    # a plain report of a conditional plan
    "Sollte das Land nicht zahlen, werde die Stadt die Schulen schließen, sagte der Bürgermeister.",
    # no condition
    "Die Stadt werde die Schulen schließen, drohte der Bürgermeister.",
])
def test_no_threat_without_a_threatening_verb_or_an_ultimatum(text):
    clauses, lex = _clauses(text)
    assert conditional_threat(clauses, lex) is None


def test_a_plan_in_reported_speech_under_a_condition_is_hypothetical():
    clauses, lex = _clauses("Sollte Polen nicht handeln, werde Litauen Flüchtlinge an der Grenze zurückweisen, sagte er.")
    main = next(i for i, c in enumerate(clauses) if c.kind == "main" and "werde" in c.lowers)
    assert conditioned("planned", "REJECT", clauses, main, lex) == "hypothetical"
    assert conditioned("planned", "THREATEN", clauses, main, lex) == "planned"   # a threat's condition is its content
    assert conditioned("asserted", "REJECT", clauses, main, lex) == "asserted"   # an act told as done stays
    clauses, lex = _clauses("Litauen werde Flüchtlinge an der Grenze zurückweisen, sagte er.")
    assert all(conditioned("planned", "REJECT", clauses, i, lex) == "planned" for i in range(len(clauses)))


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_the_speaker_threatens_the_one_the_condition_is_about(coder):
    an = shared_analyzer(coder=coder, min_confidence=0)
    doc = an(Article(doc_id="t", dct="2016-03-10", country="AUT",
                     text="Ljubljana – Sollte Ungarn die Grenze schließen, werde auch Slowenien Kontrollen an der Grenze "
                          "einführen, drohte Ministerpräsident Miro Cerar."))
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert threats
    t = threats[0]
    # (the threatener and the state he speaks for: both Slovenian, session 31 knows Cerar)
    assert t.factuality == "asserted" and {p.code for p in t.source} == {"SVN"} \
        and [p.code for p in t.target] == ["HUN"]
    assert t.condition == "Sollte Ungarn die Grenze schließen"


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_a_warning_of_what_will_happen_is_no_threat(coder):
    doc = shared_analyzer(coder=coder, min_confidence=0)(Article(
        doc_id="t", dct="2016-03-10",
        text="Wenn Russland die Ukraine angreift, werden die Gaspreise steigen, warnte die Bundesregierung."))
    assert any(e.type == "ASSAULT" and e.factuality == "hypothetical" for e in doc.events)
    assert not any(e.type == "THREATEN" for e in doc.events)


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_a_condition_that_opens_a_quotation_is_a_condition(coder):
    # the opening quotation mark had hidden the "Wenn": the attack came out asserted (a review)
    doc = shared_analyzer(coder=coder, min_confidence=0)(Article(
        doc_id="t", dct="2016-03-10", text="„Wenn Russland angreift, werden wir reagieren“, drohte Biden."))
    attacks = [e for e in doc.events if e.type == "ASSAULT"]
    assert attacks and all(e.factuality == "hypothetical" for e in attacks)
    assert any(e.type == "THREATEN" and e.condition == "Wenn Russland angreift" for e in doc.events)


def test_a_threat_under_a_condition_after_it_is_made_for_both_coders():
    # the learned factuality model read "falls" as making the threat itself hypothetical
    from lagebild.records import Article
    for coder in ("rules", "auto"):
        an = shared_analyzer(coder=coder)
        evs = an(Article(doc_id="t", dct="2016-03-02",
                         text="Wien – Die Gewerkschaft droht mit Streiks, falls die Arbeitgeber nicht einlenken.")).events
        threats = [e for e in evs if e.type == "THREATEN"]
        assert threats and all(e.factuality == "asserted" for e in threats), (coder, evs)
