"""What a verb of advocating or insisting asks for has not happened ("sprach sich für neue Sanktionen
aus", "drängen auf", "hat sich für die Freilassung eingesetzt", "macht sich für ... stark"): no event
of its own, as what a demand names (content.advocated; user sentences in session 27 gave asserted
sanctions, talks and releases, false facts in both coders)."""
import pytest

from lagebild.pipeline import Analyzer
from lagebild.records import Article

_AN: dict = {}


def events(text, coder="auto"):
    if coder not in _AN:
        _AN[coder] = Analyzer(coder=coder)
    return _AN[coder](Article(doc_id="t", text=text, dct="2025-03-14")).events


ADVOCATED = [
    ("Die USA sprechen sich für neue Sanktionen gegen Nordkorea aus.", "SANCTION"),
    ("Die USA setzen sich für neue Sanktionen gegen Nordkorea ein.", "SANCTION"),
    ("Die USA werben für neue Sanktionen gegen Nordkorea.", "SANCTION"),
    ("Die USA drängen auf neue Sanktionen gegen Nordkorea.", "SANCTION"),
    ("Frankreich tritt für ein Waffenembargo gegen Saudi-Arabien ein.", "SANCTION"),
    ("Deutschland setzt sich für Verhandlungen mit Russland ein.", "CONSULT"),
    ("Frankreich hat sich für Gespräche mit Russland stark gemacht.", "CONSULT"),
    ("Polen macht sich für Waffenlieferungen an die Ukraine stark.", "AID"),
    ("Die Grünen in Berlin kämpfen für die Freilassung der Gefangenen.", "RETREAT"),
]


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text,typ", ADVOCATED)
def test_what_is_advocated_is_no_asserted_event(coder, text, typ):
    evs = events(text, coder)
    assert not any(e.type == typ and e.factuality == "asserted" for e in evs), (coder, text, evs)


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_the_act_itself_stays(coder):
    # done, not advocated: as before
    for text, typ in (("Die USA verhängten neue Sanktionen gegen Nordkorea.", "SANCTION"),
                      ("Deutschland führte Verhandlungen mit Russland.", "CONSULT")):
        assert any(e.type == typ and e.factuality == "asserted" for e in events(text, coder)), (coder, text)
    # "einsetzen" without "sich" deploys: the attack it serves is told
    evs = events("Russland setzte Kampfjets für Angriffe auf Aleppo ein.", coder)
    assert any(e.type == "ASSAULT" and e.factuality == "asserted" for e in evs), (coder, evs)


def test_the_advocacy_is_still_read():
    evs = events("Die USA plädieren für neue Sanktionen gegen Nordkorea.")
    assert any(e.type == "REQUEST" and [p.code for p in e.source] == ["USA"] for e in evs), evs
    evs = events("Polen macht sich für Waffenlieferungen an die Ukraine stark.", "rules")
    assert any(e.type == "REQUEST" and [p.code for p in e.source] == ["POL"] for e in evs), evs
