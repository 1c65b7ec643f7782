"""Session 32: what a threat threatens with is no event of its own, for the rule coder too."""
import pytest

from eventcheck import doc, dyads


@pytest.mark.parametrize("text", [
    "Brüssel – Die EU hat mit Sanktionen gegen Russland gedroht.",
    "New York – Der UN-Sicherheitsrat hatte mit Sanktionen gegen libysche Politiker gedroht, die den Prozess behindern.",
])
def test_what_a_threat_threatens_with_is_no_event(text):
    d = doc(text)
    assert any(e.type == "THREATEN" for e in d.events), d.events
    assert not any(e.type == "SANCTION" for e in d.events), d.events


def test_sanctions_imposed_beside_a_threat_stay_an_event():
    text = "Brüssel – Die EU verhängte Sanktionen gegen Russland und drohte Moskau mit weiteren Sanktionen."
    got = dyads(text)
    assert ("SANCTION", "EU", "RUS", "asserted") in got, doc(text).events
    assert ("THREATEN", "EU", "RUS", "asserted") in got, doc(text).events
