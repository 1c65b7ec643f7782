"""What is rejected, sued against, warned of or announced is no asserted event of its own
(events.content.criticised_or_rejected and attribute_heads, events.factuality.warned_of and
announced_object; docs/annotation.md §1, §4, §11; a new-user probe of Austrian news found each
asserted). Invented sentences."""
from __future__ import annotations

import pytest

from lagebild.events.clauses import split_clauses
from lagebild.events.content import attribute_heads, criticised_or_rejected
from lagebild.events.cues import load_cues
from lagebild.events.factuality import announced_object, warned_of
from lagebild.text import segment, tokenize


def clauses_at(text: str, word: str):
    """The clauses of the sentence, the index of the one holding ``word`` and its position there."""
    lex = load_cues()
    _, sts = tokenize(text, segment(text))
    clauses = split_clauses(sts[0], lex)
    for i, c in enumerate(clauses):
        for n, t in enumerate(c.tokens):
            if t.text == word:
                return clauses, i, n, lex
    raise AssertionError(word)


@pytest.mark.parametrize("text, word, typ, expected", [
    # a noun hanging on an ACCUSE or REJECT noun ("Klage gegen die Genehmigung staatlicher ...")
    ("Die Landesregierung hat Klage gegen die Genehmigung staatlicher Förderungen für das Kraftwerk eingebracht.",
     "Förderungen", "AID", True),
    # an attribute of the object a rejection rejects, also an actor's word
    ("Die Kanzlerin hat eine feste Quote für Flüchtlinge erneut abgelehnt.", "Flüchtlinge", "COERCE", True),
    # what a lawsuit is "gegen"
    ("Die Stadt klagt gegen Förderungen für das Kraftwerk.", "Förderungen", "AID", True),
    # a noun of its own, no attribute of what is rejected: told as it stands
    ("Nach den Abschiebungen lehnte die Kanzlerin eine Quote ab.", "Abschiebungen", "COERCE", False),
    ("Die Kanzlerin lobte die Hilfe für Flüchtlinge.", "Flüchtlinge", "AID", False),
    # an accusation a rejection rejects is no ACCUSE of the one who rejects it
    ("Die Regierung in Athen wies die Vorwürfe zurück.", "Vorwürfe", "ACCUSE", True),
])
def test_what_an_opposition_names_in_its_attributes_is_its_content(text, word, typ, expected):
    clauses, i, n, lex = clauses_at(text, word)
    assert criticised_or_rejected(clauses[i], n, lex, typ) is expected


def test_attribute_heads_follow_prepositions_and_genitives_but_not_verbs():
    clauses, i, n, lex = clauses_at("Die Stadt hat Klage gegen die Genehmigung staatlicher Förderungen eingebracht.",
                                    "Förderungen")
    assert [clauses[i].tokens[j].text for j in attribute_heads(clauses[i], n, lex)] == ["Genehmigung", "Klage"]
    clauses, i, n, lex = clauses_at("Die Stadt kritisierte Abschiebungen.", "Abschiebungen")
    assert attribute_heads(clauses[i], n, lex) == []


@pytest.mark.parametrize("text, word, expected", [
    ("Der Kanzler hat die EU vor zu großen Zugeständnissen an Belgrad gewarnt.", "Zugeständnissen", True),
    ("Der Kanzler hat die EU vor Zugeständnissen an Belgrad gewarnt.", "Zugeständnissen", True),
    ("Der Kanzler hat die EU zu großen Zugeständnissen an Belgrad gedrängt.", "Zugeständnissen", False),
])
def test_zu_before_an_adjective_is_no_preposition_of_what_is_warned_of(text, word, expected):
    clauses, i, n, lex = clauses_at(text, word)
    assert warned_of(clauses[i], n, lex) is expected


@pytest.mark.parametrize("text, word, expected", [
    ("Der Landeshauptmann kündigte an, Gespräche mit den Grünen aufzunehmen.", "Gespräche", True),
    ("Der Landeshauptmann kündigte Gespräche mit den Grünen an.", "Gespräche", True),
    ("Der Landeshauptmann sagte, Gespräche mit den Grünen aufzunehmen.", "Gespräche", False),
    # an infinitive of the past tells what was done
    ("Der Landeshauptmann kündigte an, nach Gesprächen mit den Grünen entschieden zu haben.", "Gesprächen", False),
])
def test_a_noun_an_announced_infinitive_carries_out_is_planned(text, word, expected):
    clauses, i, n, lex = clauses_at(text, word)
    assert announced_object(clauses, i, n) is expected
