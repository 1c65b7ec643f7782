"""A place in a participle attribute ("die in Syrien stationierten russischen Truppen", "der in Oslo
ansässigen Organisation") says where its noun's referent is: no actor and no place of the clause's
act, but the noun's country where the noun names none of its own (actors._attribute_place; user
sentences in session 27 gave ASSAULT SYR -> RUS and a Qatari refusal)."""
from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402

_AN = shared_analyzer()


def dyads(text):
    return {(e.type, s.code, t.code) for e in _AN(Article(doc_id="t", text=text, dct="2025-03-14")).events
            for s in e.source for t in e.target}


def test_the_place_of_an_attribute_is_no_side():
    got = dyads("Die in Syrien stationierten russischen Truppen griffen die Stadt Charkiw in der Ukraine an.")
    assert ("ASSAULT", "RUS", "UKR") in got, got
    assert not any("SYR" in (s, t) for _, s, t in got), got
    got = dyads("Die in Katar lebenden Hamas-Führer lehnten den Vorschlag Israels ab.")
    assert ("REJECT", "PSE", "ISR") in got, got
    assert not any(s == "QAT" for _, s, _ in got), got


def test_the_place_names_the_country_of_a_noun_without_one():
    assert ("SANCTION", "USA", "RUS") in dyads("Die USA verhängten Sanktionen gegen die in Russland tätigen Banken.")


def test_an_agreement_between_two_has_those_two_sides():
    # who welcomes it is no side of it (roles.between_sides, both coders)
    got = dyads("US-Präsident Joe Biden begrüßte die Einigung zwischen der Türkei und Schweden.")
    assert ("AGREE", "TUR", "SWE") in got and ("SUPPORT", "USA", "TUR") in got, got
    assert not any(typ == "AGREE" and "USA" in (s, t) for typ, s, t in got), got
