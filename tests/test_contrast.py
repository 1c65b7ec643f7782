"""A "nicht X, sondern Y" contrast of one phrase: the act happened, with Y in the place of X
(clauses.contrast_joins, roles.contrasted, factuality.contrastive; a user sentence in session 27:
"Macron telefonierte nicht mit Putin, sondern mit Selenskyj" gave an asserted CONSULT FRA -> RUS,
a false fact in both coders)."""
import pytest

from lagebild.pipeline import Analyzer
from lagebild.records import Article

_AN: dict = {}


def events(text, coder="auto"):
    if coder not in _AN:
        _AN[coder] = Analyzer(coder=coder)
    return _AN[coder](Article(doc_id="t", text=text, dct="2025-03-14")).events


def dyads(text, coder):
    return {(e.type, s.code, t.code, e.factuality) for e in events(text, coder) for s in e.source for t in e.target}


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text,want,ruled_out", [
    ("Macron telefonierte nicht mit Putin, sondern mit Selenskyj.", ("CONSULT", "FRA", "UKR"), "RUS"),
    ("Die EU verhängte nicht Sanktionen gegen Russland, sondern gegen Belarus.", ("SANCTION", "EU", "BLR"), "RUS"),
    ("Die Ukraine hat nicht Russland, sondern Belarus angegriffen.", ("ASSAULT", "UKR", "BLR"), "RUS"),
])
def test_the_contrast_names_the_side(coder, text, want, ruled_out):
    got = dyads(text, coder)
    assert want + ("asserted",) in got, (coder, text, got)
    assert not any(ruled_out in (s, t) for _, s, t, _ in got), (coder, text, got)


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text", [
    "Russland hat die Ukraine nicht angegriffen, sondern mit ihr verhandelt.",
    "Russland griff die Ukraine nicht an, sondern verhandelte mit ihr.",
    "Israel hat die Hamas nicht angegriffen, sondern nur gewarnt.",
])
def test_a_contrast_of_two_acts_keeps_the_negation(coder, text):
    got = [e for e in events(text, coder) if e.type == "ASSAULT"]
    assert got and all(e.factuality == "negated" for e in got), (coder, text, got)


def test_not_only_is_no_contrast_of_sides():
    # "nicht nur X, sondern auch Y": both, as before
    got = dyads("Die EU kritisierte nicht nur Russland, sondern auch Belarus.", "auto")
    assert ("ACCUSE", "EU", "RUS", "asserted") in got, got
