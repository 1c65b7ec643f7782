"""Session 37: the session's event rules (each test names the sentence that went wrong)."""
from __future__ import annotations

import pytest

from lagebild.events.content import in_talk_topic
from lagebild.events.cues import load_cues
from eventcheck import dated_dyads as dyads, shared_analyzer, space_tokens as tokens  # noqa: E402


@pytest.fixture(scope="module")
def analyzer():
    return shared_analyzer()


# -- what a verb of deliberating talks about is no side of the talk -------------------------
@pytest.mark.parametrize("text,cue,mention,topic", [
    ("Baerbock berät mit den G7-Außenministern über die Spannungen mit Russland .", 1, 9, True),
    ("Baerbock berät mit den G7-Außenministern über die Spannungen mit Russland .", 1, 4, False),
    ("Die Minister sprachen am Montag über die Lage in Syrien .", 2, 9, True),
    ("Kerry sprach mit Lawrow über Syrien .", 1, 3, False),
    ("Kerry sprach mit Lawrow über Syrien .", 1, 5, True),
    ("Kerry kritisierte die Gespräche über die Ukraine .", 1, 6, True),      # the talks' topic, no target
    ("Die USA haben die Gespräche mit Russland über Syrien abgebrochen .", 4, 8, True),
    ("Die USA haben die Gespräche mit Russland über Syrien abgebrochen .", 4, 6, False),   # the partner
    ("Die USA beschwerten sich über Russland .", 2, 5, False),      # a verb's "über": whom they complain about
    ("Berichte über russische Angriffe auf Aleppo .", 3, 2, False),  # the cue in the phrase itself
])
def test_what_a_talk_is_about_is_its_topic(text, cue, mention, topic):
    assert in_talk_topic(tokens(text), cue, mention, load_cues()) is topic


def test_a_topic_of_talks_is_no_partner(analyzer):
    # the seed article: "Baerbock ... berät am Rande der Konferenz mit den G7-Außenministern über die
    # Spannungen mit Russland" gave a retrained model an asserted CONSULT DEU -> RUS (a false fact:
    # the article says there are no talks with Russia)
    out = dyads(analyzer, "Die deutsche Außenministerin Annalena Baerbock berät am Freitag mit den "
                          "G7-Außenministern über die Spannungen mit Russland.", "2022-02-18")
    assert ("CONSULT", "DEU", "G7", "asserted") in out
    assert not any(t == "CONSULT" and "RUS" in (s, g) for t, s, g, _ in out)


# -- a negation of an attribute after the cue negates no event --------------------------------
@pytest.mark.parametrize("text,j,attributive", [
    ("zu Gesprächen über die nicht eingehaltene Waffenruhe", 4, True),
    ("eine nicht genehmigte Demonstration", 1, True),
    ("Die USA schickten nicht Truppen", 3, False),
    ("Russland hat die Ukraine nicht angegriffen", 4, False),
])
def test_a_negation_before_an_attribute_of_a_noun(text, j, attributive):
    from lagebild.events.clauses import attributive_negation
    assert attributive_negation(tokens(text), j) is attributive


def test_talks_about_a_broken_ceasefire_are_still_held(analyzer):
    # the model of session 37 read "nicht eingehaltene" as negating "Gesprächen" before it
    out = dyads(analyzer, "Kerry und Lawrow trafen sich in Genf zu Gesprächen über die nicht eingehaltene Waffenruhe.")
    assert {("CONSULT", "USA", "RUS", "asserted"), ("CONSULT", "RUS", "USA", "asserted")} <= out
    assert not any(f == "negated" for *_, f in out)


def test_a_list_denied_together_is_one_side(analyzer):
    # "Weder Russland noch Belarus": the model of session 37 gave a negated ASSAULT BLR -> RUS
    out = dyads(analyzer, "Kiew – Weder Russland noch Belarus haben die Ukraine am Montag angegriffen.")
    assert ("ASSAULT", "RUS", "UKR", "negated") in out and ("ASSAULT", "BLR", "UKR", "negated") in out
    assert not any({s, g} == {"RUS", "BLR"} for _, s, g, _ in out)


def test_who_helps_is_never_the_other_side_of_whom_it_helps(analyzer):
    # the model of session 37 gave ASSAULT USA -> ISR ("mit Hilfe der USA": the USA help Israel)
    out = dyads(analyzer, "Israel hat mit Hilfe der USA in der Nacht einen iranischen Raketenangriff abgewehrt.")
    assert ("ASSAULT", "IRN", "ISR", "asserted") in out
    assert not any({s, g} == {"USA", "ISR"} for _, s, g, _ in out)


def test_what_broken_off_talks_were_about_is_no_target(analyzer):
    # a review of the model of session 37: "SANCTION USA -> SYR"
    out = dyads(analyzer, "Die USA haben die Gespräche mit Russland über Syrien abgebrochen.")
    assert not any("SYR" in (s, g) for _, s, g, _ in out)
