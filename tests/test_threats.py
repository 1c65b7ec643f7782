"""What a threat threatens (lagebild/events/threats.py, lang/de/threat_modes.tsv)."""
from __future__ import annotations

import pytest

from lagebild.events.threats import MODES, threat_mode, threat_words
from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402


def test_the_threat_words_parse_and_use_plover_modes():
    rows = threat_words()
    assert len(rows) > 30 and {m for _, m in rows} == MODES
    assert len({p for p, _ in rows}) == len(rows)          # no prefix twice


@pytest.mark.parametrize("words,mode", [
    (["drohte", "mit", "streiks"], "relations"),
    (["drohte", "der", "ukraine", "mit", "vergeltung"], "violence"),
    (["mit", "neuen", "sanktionen"], "restrict"),
    (["mit", "dem", "abzug", "der", "truppen"], "expel"),
    (["drohte", "den", "usa", "."], None),
])
def test_the_first_content_word_decides_and_none_is_no_mode(words, mode):
    assert threat_mode(words) == mode


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_a_strike_threat_is_no_threat_of_violence_for_either_coder(coder):
    an = shared_analyzer(coder=coder, min_confidence=0)
    doc = an(Article(doc_id="t", dct="2024-03-14", country="AUT",
                     text="Die FPÖ drohte der Regierung am Montag mit einem Misstrauensantrag."))
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert threats and all(e.mode == "relations" and e.goldstein > -7.0 for e in threats)


def test_magnitudes_of_years_and_vague_numbers():
    from lagebild.events.magnitude import find_magnitude
    assert find_magnitude("Die USA liefern seit 2022 Panzer an die Ukraine.") is None      # a year
    m = find_magnitude("Mehrere Zehntausend Menschen demonstrierten.")
    assert (m.value, m.unit, m.qualifier) == (10000, "people", "more_than")
    m = find_magnitude("Einige Hundert Menschen protestierten.")
    assert (m.value, m.qualifier) == (100, "more_than")
    m = find_magnitude("2000 Soldaten wurden verlegt.")
    assert (m.value, m.unit, m.qualifier) == (2000, "soldiers", "exact")
