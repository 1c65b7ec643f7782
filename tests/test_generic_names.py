"""Generic names (probe P23, "wrong country"): a name that bodies or parties of many countries bear
("Oberster Gerichtshof", "Kongress", "die Linke", "Demokratische Partei", "Caritas"; marked ``~`` in
organisations.tsv and parties.tsv) is of the country the text gives for it, else of the country the
story is placed in, and of the lexicon's default country (Austria's OGH, the US Congress, Germany's
Linke) only where the story names that country or is placed nowhere.

Before: "Brasiliens Oberster Gerichtshof hat den früheren Präsidenten verurteilt" gave SANCTION
BRA (Brasiliens) -> AUT (Oberster Gerichtshof); a Paris story's "Linken", a Seoul story's
"Demokratische Partei" and a Rome story's "Caritas" were German, American and Austrian; a Rangun
dateline was no place, so a Myanmar story took its country from "China" in its last sentence."""
from __future__ import annotations

import pytest

from lagebild.pipeline import Analyzer
from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402


@pytest.fixture(scope="module")
def tagger():
    return Analyzer(coder="rules", use_models=False)


def _mentions(an, text, country=None):
    st = an.stages(Article(doc_id="g", text=text, country=country))
    return {m.text: m for m in st.actors.mentions}, st


def test_a_country_word_before_or_after_a_generic_name_is_its_country(tagger):
    got, _ = _mentions(tagger, "Brasília – Brasiliens Oberster Gerichtshof hat den früheren Präsidenten "
                               "wegen eines versuchten Staatsstreichs zu 27 Jahren Haft verurteilt.")
    court = got["Brasiliens Oberster Gerichtshof"]         # one mention, not "Brasiliens" + the OGH
    assert (court.code, court.sector, court.code_from) == ("BRA", "JUD", None)
    assert "Brasiliens" not in got and not any(m.code == "AUT" for m in got.values())
    got, _ = _mentions(tagger, "Der brasilianische Oberste Gerichtshof hat die Klage abgewiesen.")
    assert got["brasilianische Oberste Gerichtshof"].code == "BRA"
    got, _ = _mentions(tagger, "Der Oberste Gerichtshof Brasiliens hat die Klage abgewiesen. "
                               "Der Kongress in Lima hat den Präsidenten abgesetzt. Perus Kongress tagte.")
    assert got["Oberste Gerichtshof"].code == "BRA" and got["Oberste Gerichtshof"].code_from is None
    assert got["Kongress"].code == "PER" and got["Perus Kongress"].code == "PER"


def test_the_rule_coder_gets_the_court_as_the_source_of_its_conviction(tagger):
    st = tagger.stages(Article(doc_id="g", dct="2025-09-12", text=(
        "Brasília – Brasiliens Oberster Gerichtshof hat den früheren Präsidenten wegen eines versuchten "
        "Staatsstreichs zu 27 Jahren Haft verurteilt.")))
    convict = [e for e in st.rule_events if e.type == "SANCTION"]
    assert convict, st.rule_events
    assert [(p.code, p.sector) for p in convict[0].source] == [("BRA", "JUD")]
    assert all(p.code == "BRA" for e in st.rule_events for p in e.source + e.target)


@pytest.mark.parametrize("text,name,code", [
    ("Paris – Für den Antrag der Linken stimmten 331 Abgeordnete. Premierminister Luc Ferrand ist gestürzt.",
     "Linken", "FRA"),
    ("Rom – Die Hilfsorganisation Caritas kritisierte die Regierung.", "Hilfsorganisation Caritas", "ITA"),
    # no dateline: the country the text names most
    ("Die Regierung Spaniens steht unter Druck. Die Konservativen forderten Neuwahlen in Spanien.",
     "Konservativen", "ESP"),
])
def test_a_generic_name_in_a_story_placed_elsewhere_is_of_that_country_and_shown_as_a_guess(tagger, text,
                                                                                           name, code):
    got, _ = _mentions(tagger, text)
    m = got[name]
    assert m.code == code and m.code_from == "story"
    assert m.participant().code_inferred == "story"         # never shown as said
    assert m.name == name                                   # named by its words, not "US-Kongress", "OGH"


def test_the_other_sides_follow_the_story_too(tagger):
    got, _ = _mentions(tagger, "Rom – Die Hilfsorganisation Caritas kritisierte die Regierung.")
    assert got["Regierung"].code == "ITA"                    # was AUT, from the Austrian Caritas


@pytest.mark.parametrize("text,name,code", [
    # placed nowhere: the lexicon's default
    ("Der Oberste Gerichtshof hat das Urteil gegen den Manager aufgehoben.", "Oberste Gerichtshof", "AUT"),
    ("Die Linke forderte den Rücktritt des Ministers.", "Die Linke", "DEU"),
    # placed in the default's country
    ("Washington – Der Kongress hat das Haushaltsgesetz gebilligt.", "Kongress", "USA"),
    ("Wien – Die Caritas kritisierte die Regierung.", "Caritas", "AUT"),
    ("Berlin – Die Linke forderte den Rücktritt des Ministers.", "Die Linke", "DEU"),
    # placed elsewhere, but the story names the default's country: it may be meant
    ("Kiew – Selenskyj bat den Kongress um weitere Hilfe. Die USA hatten zuletzt gezögert.", "Kongress", "USA"),
])
def test_a_generic_name_keeps_its_default_where_nothing_places_it_elsewhere(tagger, text, name, code):
    got, _ = _mentions(tagger, text)
    assert got[name].code == code and got[name].code_from is None


def test_names_the_german_speaking_countries_share_keep_the_outlets_home(tagger):
    """The Greens are a generic name and one Germany, Austria and Switzerland share: with nothing
    placing the story, the outlet's country (``--country``) as before; placed in France, French."""
    got, _ = _mentions(tagger, "Die Grünen warfen der Regierung Versagen vor.", "AUT")
    assert got["Grünen"].code == "AUT"
    got, _ = _mentions(tagger, "Paris – Die Grünen warfen der Regierung Versagen vor.", "AUT")
    assert got["Grünen"].code == "FRA"


def test_a_dateline_city_of_myanmar_places_the_story(tagger):
    text = ("Rangun – Bei Luftangriffen des Militärs auf ein Dorf sind mindestens 30 Zivilisten getötet worden. "
            "Die Junta äußerte sich nicht. China, einer der wichtigsten Waffenlieferanten der Junta, schwieg.")
    got, st = _mentions(tagger, text)
    assert st.actors.dateline_code == "MMR"
    assert got["Militärs"].code == "MMR" and got["Junta"].code == "MMR" and got["China"].code == "CHN"
    got, st = _mentions(tagger, text.replace("Rangun", "Yangon"))
    assert st.actors.dateline_code == "MMR"


def test_a_story_that_names_only_generic_names_is_placed_by_them_as_before(tagger):
    """"Die Linke kritisierte die Regierung" with an Austrian outlet's home: the generic names are no
    evidence against the story being German where nothing else is named, as before (the outlet's
    country only where the story names nothing at all)."""
    got, _ = _mentions(tagger, "Die Linke kritisierte die Regierung scharf.", "AUT")
    assert got["Die Linke"].code == "DEU" and got["Regierung"].code == "DEU"
    got, _ = _mentions(tagger, "Die Opposition kritisierte die Regierung scharf.", "AUT")
    assert got["Regierung"].code == "AUT"


def test_a_prefixed_weapon_inside_a_sentence_is_no_actor_and_no_crash():
    """"Iran-Drohnen" not opening its sentence is no actor (the role mention is None): setting the
    generic mark on it raised AttributeError and stopped the whole analysis (the blind items)."""
    from lagebild.records import Article
    doc = shared_analyzer(use_models=False)(Article(doc_id="w", text="Kiew – In der Nacht griffen erneut Iran-Drohnen die "
                                                              "Hauptstadt an.", dct="2024-03-04"))
    assert not any("Drohnen" in (p.text or "") for e in doc.events for p in e.source + e.target)


@pytest.mark.parametrize("text, code", [
    # a bare "Kongress" or "Republikaner" is the US one, also in a story placed elsewhere (review)
    ("Kiew – Der Kongress hat am Montag neue Militärhilfen für die Ukraine gebilligt.", "USA"),
    ("Berlin – Die Republikaner kritisierten am Montag Bundeskanzler Olaf Scholz.", "USA"),
])
def test_the_us_congress_and_parties_keep_their_country_abroad(tagger, text, code):
    from lagebild.records import Article
    doc = shared_analyzer(use_models=False)(Article(doc_id="k", text=text, dct="2024-03-04"))
    evs = [e for e in doc.events if any((p.text or "").startswith(("Kongress", "Republikaner")) for p in e.source)]
    assert evs and all(p.code == code for e in evs for p in e.source), doc.events


@pytest.mark.parametrize("text", ["Kobe Bryant kritisierte am Montag die Regierung.",
                                  "Der Pharmakonzern Bristol Myers Squibb kritisierte die Regierung."])
def test_a_city_named_like_a_person_or_a_firm_is_no_place(text):
    from lagebild.records import Article
    doc = shared_analyzer(use_models=False)(Article(doc_id="c", text=text, dct="2024-03-04"))
    assert not any(p.code in ("JPN", "GBR") for e in doc.events for p in e.source + e.target), doc.events
