"""How a role noun or office without a country word gets its code from context: never from a
neighbour that is not its own (a group of several states, an office of an organisation with no
code of EVENTS.md §3)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_home_country import _codes, tagger  # noqa: E402,F401  (the one tagger fixture and code reader)

from lagebild.records import Article  # noqa: E402


@pytest.mark.parametrize("group", ["Westbalkanstaaten", "Balkanstaaten", "Nachbarstaaten"])
def test_a_group_of_several_states_is_not_the_country_named_near_it(tagger, group):
    codes = _codes(tagger, f"Am Donnerstag will die österreichische Regierung in Wien mit den {group} "
                           "über die Flüchtlingsroute beraten.")
    assert codes["österreichische Regierung"][0] == "AUT"     # positive: the government keeps its own
    assert codes[group] == (None, None)


def test_an_organisations_members_still_take_its_code(tagger):
    codes = _codes(tagger, "Die EU hat am Montag die Mitgliedstaaten zu mehr Hilfe aufgerufen.")
    assert codes["Mitgliedstaaten"][0] == "EU"


def test_an_office_of_an_organisation_with_no_code_takes_no_guessed_country(tagger):
    text = ("Der Generalsekretär der Organisation Amerikanischer Staaten, Luis Almagro, kritisierte Venezuela. "
            "Venezuela bezeichnete Almagro daraufhin als Verräter.")
    st = tagger.stages(Article(doc_id="c", text=text))
    got = {m.text: m.code for m in st.actors.mentions}
    assert got["Venezuela"] == "VEN"
    office = next(m for m in st.actors.mentions if m.text.startswith("Generalsekretär"))
    assert office.code is None and office.of_org == "Organisation Amerikanischer Staaten"
    # the bare surname later is the same person of no country, not the story's
    assert got["Almagro"] is None
    # an office of an organisation with a code keeps it
    codes = _codes(tagger, "Der Generalsekretär der Nato, Jens Stoltenberg, kritisierte Russland.")
    assert next(c for t, (c, _) in codes.items() if t.startswith("Generalsekretär")) == "NATO"


def test_a_foreign_state_reacting_to_the_storys_is_not_the_country_of_a_later_role(tagger):
    text = ("Washington wies die Vorwürfe Venezuelas zurück. Der Oppositionsführer rief das Militär auf, "
            "sich zu entscheiden. Venezuela steckt in einer schweren Krise.")
    codes = _codes(tagger, text)
    assert codes["Washington"][0] == "USA"          # positive: the reacting state keeps its own
    assert codes["Militär"][0] == "VEN"


def test_a_country_named_in_what_another_says_is_not_named_just_before_a_later_office(tagger):
    text = ("Ein Regierungssprecher in Berlin sagte, Deutschland setze weiter auf eine europäische Lösung. "
            "Der Vizekanzler wies Vorwürfe zurück.")
    codes = _codes(tagger, text)
    assert codes["Deutschland"][0] == "DEU"
    # the story's country, shown as inferred, not as a country named just before
    assert codes["Vizekanzler"] == ("DEU", "story")


def test_a_role_noun_im_a_country_takes_that_country_as_in_one(tagger):
    """Probe P20: "an Flüchtlinge im Tschad" in an Austrian story took AUT (the story's); "im" is
    "in dem", as "Flüchtlingen in Jordanien" took JOR (the guide: refugees whose origin is not said
    take their host country)."""
    codes = _codes(tagger, "Österreich stellt dem Sudan fünf Millionen Euro zur Verfügung. Das Geld soll über "
                           "das Welternährungsprogramm an Flüchtlinge im Tschad verteilt werden.")
    assert codes["Flüchtlinge"] == ("TCD", None)
    codes = _codes(tagger, "Österreich lobte die Polizei im Irak und die Armee in Jordanien.")
    assert codes["Polizei"] == ("IRQ", None) and codes["Armee"] == ("JOR", None)


def test_a_bare_institution_noun_is_the_nearest_compound_of_it(tagger):
    """"der Regierung" after "libanesischen Regierung" and then "Bundesregierung": the nearer
    compound of the same noun is the same institution (probe P22: DEU -> LBN at 1.0)."""
    text = ("Nach Angaben der libanesischen Regierung mussten rund eine Million Menschen fliehen. "
            "Der libanesische Ministerpräsident dankte der Bundesregierung für die Unterstützung. "
            "Die Union wirft der Regierung vor, zu spät reagiert zu haben.")
    st = tagger.stages(Article(doc_id="c", text=text))
    got = [(m.text, m.code) for m in st.actors.mentions]
    assert ("libanesischen Regierung", "LBN") in got and ("Bundesregierung", "DEU") in got
    assert got[-1] == ("Regierung", "DEU")
    # without the compound in between, the same noun earlier still gives its country
    st = tagger.stages(Article(doc_id="c", text=text.replace("der Bundesregierung", "den Helfern")))
    assert [(m.text, m.code) for m in st.actors.mentions if m.text == "Regierung"] == [("Regierung", "LBN")]


@pytest.mark.parametrize("text, sector", [
    ("ÖGB-Präsident Wolfgang Katzian drohte mit Streiks.", "LAB"),       # probe P22: was GOV
    ("Der Präsident des ÖGB, Wolfgang Katzian, drohte mit Streiks.", "LAB"),   # the genitive alike (R24)
    ("Der ÖGB-Chef kritisierte die Regierung.", "LAB"),                  # was none
    ("US-Präsident Joe Biden warnte Russland.", "GOV"),                  # a state's office keeps its own
    ("Der Bundeswehr-General warnte vor einem Angriff.", "MIL"),
])
def test_an_office_named_with_its_organisation_takes_the_organisations_sector(tagger, text, sector):
    st = tagger.stages(Article(doc_id="c", text=text, country="AUT"))
    assert st.actors.mentions[0].sector == sector


def test_an_office_of_an_organisation_of_no_country_takes_no_guessed_one(tagger):
    """Review R24: "Amnesty-Generalsekretärin" took the story's country once its sector was CVL."""
    st = tagger.stages(Article(doc_id="c", text="Amnesty-Generalsekretärin Agnès Callamard kritisierte Israel scharf."))
    office = st.actors.mentions[0]
    assert office.code is None and office.of_org and office.sector == "CVL"


def test_a_regional_government_is_not_the_government_named_again(tagger):
    """Review R24: "die Regierung" after "der bayerischen Landesregierung" is the Hungarian one."""
    text = ("Die ungarische Regierung wies die Kritik der bayerischen Landesregierung zurück. "
            "Die Regierung kündigte Gegenmaßnahmen an.")
    got = [(m.text, m.code) for m in tagger.stages(Article(doc_id="c", text=text)).actors.mentions]
    assert got[-1] == ("Regierung", "HUN") and ("bayerischen Landesregierung", "DEU") in got


def test_another_holder_of_an_office_is_not_of_the_earlier_holders_country(tagger):
    codes = _codes(tagger, "Wien – Der türkische Außenminister Mevlüt Çavuşoğlu kritisierte Österreich scharf. "
                           "Außenminister Kurz wies die Kritik zurück.")
    assert codes["türkische Außenminister Mevlüt Çavuşoğlu"][0] == "TUR"
    assert codes["Außenminister Kurz"][0] != "TUR"


def test_a_spokesman_of_the_ministry_keeps_the_ministrys_country(tagger):
    codes = _codes(tagger, "Der amerikanische Außenminister Antony Blinken reist nächste Woche nach Genf. Das sei ein "
                           "gutes Zeichen, erklärte der Sprecher des Außenministeriums, Ned Price.")
    assert codes["Sprecher des Außenministeriums, Ned Price"][0] == "USA"


def test_a_land_named_as_such_is_its_countrys_government(tagger):
    codes = _codes(tagger, "Das Land Kärnten hat die Republik geklagt. Der Freistaat Bayern kritisierte die "
                           "Bundesregierung. Die Einnahmen des Landes Tirol stiegen.")
    assert codes["Land Kärnten"][0] == "AUT" and codes["Freistaat Bayern"][0] == "DEU"
    assert codes["Landes Tirol"][0] == "AUT"


def test_an_adjective_of_a_people_without_a_state_leaves_the_coded_prefix_its_code(tagger):
    codes = _codes(tagger, "Damaskus – Kurdische Peschmerga-Kämpfer griffen am Montag IS-Stellungen an.")
    assert codes["Kurdische Peschmerga-Kämpfer"][0] == "IRQ"


def test_a_role_with_a_place_and_no_possessive_keeps_the_place(tagger):
    codes = _codes(tagger, "Die Polizei in Kiew nahm zwei Männer fest.")
    assert codes["Polizei"][0] == "UKR"


@pytest.mark.parametrize("text,role,code", [
    # the subject's, not the place's after it ("aus Syrien", "aus Wien")
    ("Moskau – Russland hat einen Teilabzug seiner Truppen aus Syrien angekündigt.", "Truppen", "RUS"),
    ("Athen – Griechenland rief seine Botschafterin aus Wien zurück.", "Botschafterin", "GRC"),
    ("Die Türkei warf Deutschland vor, seine Soldaten in Incirlik zu schlecht zu schützen.", "Soldaten", "DEU"),
    ("Die Ukraine verlangt von Russland, seine Truppen von der Grenze abzuziehen.", "Truppen", "RUS"),
    ("Die Türkei hat ihre Soldaten aus dem Irak abgezogen.", "Soldaten", "TUR"),
])
def test_a_possessive_agrees_with_its_owner(tagger, text, role, code):
    # "sein" points back to a masculine or neuter owner, "ihr" to a feminine or plural one (a review)
    assert _codes(tagger, text)[role][0] == code
