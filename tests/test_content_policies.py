"""What a demand asks for, what a threat threatens with and what a rejected report tells are no
facts, for both coders (docs/annotation.md §1, §8.9, §11; a new-user probe found each asserted by
the learned coder)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lagebild.events.clauses import (criticised_or_rejected, demanded, rejected_report, split_clauses,
                                     threatened_with)
from lagebild.events.cues import load_cues
from lagebild.records import Article
from lagebild.text import segment, tokenize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_analyzer import coder_analyzer  # noqa: E402


def clause_at(text: str, word: str):
    """The clause holding ``word`` and the word's position in it."""
    lex = load_cues()
    _, sts = tokenize(text, segment(text))
    for c in split_clauses(sts[0], lex):
        for n, t in enumerate(c.tokens):
            if t.text == word:
                return c, n, lex
    raise AssertionError(word)


@pytest.mark.parametrize("text, word, typ, expected", [
    ("Polen forderte Sanktionen gegen Belarus.", "Sanktionen", "SANCTION", True),
    ("Die Bundesregierung hat am Montag harte Sanktionen gegen Belarus gefordert.", "Sanktionen", "SANCTION", True),
    ("Der Angriff forderte zehn Todesopfer.", "Angriff", "ASSAULT", False),     # the subject: "claimed lives"
    ("Nach dem Angriff forderte Polen Sanktionen.", "Angriff", "ASSAULT", False),  # a time, not the demand
    ("Polen forderte angesichts des Angriffs Sanktionen.", "Angriffs", "ASSAULT", False),   # a genitive
    ("Polen forderte Verhandlungen.", "Verhandlungen", "REQUEST", False),       # the demand itself
    ("Die EU hat Israel zu mehr Hilfe aufgefordert.", "Hilfe", "AID", True),
])
def test_what_a_demand_asks_for(text, word, typ, expected):
    c, n, lex = clause_at(text, word)
    assert demanded(c, n, lex, typ) is expected


@pytest.mark.parametrize("text, word, typ, expected", [
    ("Pjöngjang hat Südkorea mit einem „gnadenlosen“ Militärschlag gedroht.", "gnadenlosen", "ASSAULT", True),
    ("Die Türkei hat Schweden mit der Blockade des NATO-Beitritts gedroht.", "gedroht", "SANCTION", True),
    ("Die Türkei hat Schweden mit der Blockade gedroht.", "gedroht", "THREATEN", False),
    ("Dem Minister drohen zehn Jahre Haft.", "drohen", "SANCTION", False),   # no "mit": a penalty
])
def test_what_a_threat_threatens_with(text, word, typ, expected):
    c, n, lex = clause_at(text, word)
    assert threatened_with(c, n, lex, typ) is expected


@pytest.mark.parametrize("text, word, typ, expected", [
    ("Erdoğan hatte die Unterstützung der USA für Israel scharf kritisiert.", "Unterstützung", "SUPPORT", True),
    ("Moskau wies den Vorschlag einer Waffenruhe zurück.", "Vorschlag", "AGREE", True),
    ("Moskau wies die Vorwürfe zurück.", "Vorwürfe", "REJECT", False),       # the verb's own type
    ("Nach dem Angriff kritisierte die EU Russland.", "Angriff", "ASSAULT", False),   # a time, no object
])
def test_what_a_criticism_or_rejection_is_about(text, word, typ, expected):
    c, n, lex = clause_at(text, word)
    assert criticised_or_rejected(c, n, lex, typ) is expected


def test_a_rejected_report_and_a_confirmed_one():
    c, n, lex = clause_at("Der Kreml hat Berichte über einen Angriff auf ein Krankenhaus zurückgewiesen.", "Angriff")
    assert rejected_report(c, n, lex)
    c, n, lex = clause_at("Der Kreml hat Berichte über einen Angriff bestätigt.", "Angriff")
    assert not rejected_report(c, n, lex)


@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("text, kept, no_fact", [
    ("Polen forderte Sanktionen gegen Belarus.", ("REQUEST", "POL", "BLR"), "SANCTION"),
    ("Die Türkei hat Schweden mit der Blockade des NATO-Beitritts gedroht.", ("THREATEN", "TUR", "SWE"), "SANCTION"),
    ("Die Regierung in Pjöngjang hat Südkorea mit einem „gnadenlosen“ Militärschlag gedroht, sollte Seoul "
     "die gemeinsamen Manöver mit den USA fortsetzen.", ("THREATEN", "PRK", "KOR"), "ASSAULT"),
    ("Der Kreml hat Berichte über einen Angriff auf ein Krankenhaus in Cherson zurückgewiesen.",
     ("REJECT", "RUS", None), "ASSAULT"),
])
def test_the_content_is_no_fact(coder, text, kept, no_fact):
    an = coder_analyzer(coder)
    evs = an(Article(doc_id="c", text=text, dct="2024-03-14")).events
    assert not [e for e in evs if e.type == no_fact and e.factuality == "asserted"], evs
    if kept is not None:
        typ, src, _ = kept        # the demand's or the threat's own event stays
        assert any(e.type == typ and src in {p.code for p in e.source} for e in evs), evs


@pytest.mark.parametrize("coder", ["both"])       # the rule coder finds no sides here: no event
def test_a_meeting_that_is_not_planned_is_no_fact(coder):
    """"Ein Treffen ... ist nicht geplant": negated for the learned coder too, also where the rules
    found no sides to agree with (a new-user probe: an asserted CONSULT)."""
    an = coder_analyzer(coder)
    evs = an(Article(doc_id="n", text="Ein Treffen mit dem ungarischen Ministerpräsidenten Viktor Orbán ist "
                                      "dagegen nicht geplant, sagte ein Sprecher des Kanzlers.", dct="2024-05-06")).events
    assert not [e for e in evs if e.type == "CONSULT" and e.factuality in ("asserted", "planned")], evs
    assert any(e.type == "CONSULT" and e.factuality == "negated" for e in evs), evs
