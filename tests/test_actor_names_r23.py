"""The reading of actor names after review R23 (findings 5-8, 10, 11): only a country's own
names and people and an organisation's own names mean the code; regional demonyms, an
organisation's bodies and stand-ins are names."""
from __future__ import annotations

import pytest

from lagebild.actor_names import read_actor
from lagebild.records import ActorRef


@pytest.mark.parametrize("name", ["Bayern", "Wiener", "Kärntner", "Tschetschenen", "EU-Kommission",
                                  "Europäisches Parlament", "Brüssel"])
def test_a_regional_demonym_or_a_body_of_an_organisation_is_a_name(name):
    """Finding 5: "--actor Bayern" was every DEU actor's events, "Wiener" every AUT one's,
    "EU-Kommission" and "Brüssel" the whole EU."""
    ref, note = read_actor(name)
    assert ref == ActorRef(name=name) and note is None


@pytest.mark.parametrize("name, code", [("Russen", "RUS"), ("Österreicher", "AUT"), ("Deutsche", "DEU"),
                                        ("Österreich", "AUT"), ("EU", "EU"), ("Europäische Union", "EU"),
                                        ("UNO", "UN"), ("Nato", "NATO")])
def test_a_countrys_own_people_and_an_organisations_own_names_mean_the_code(name, code):
    assert read_actor(name)[0] == ActorRef(code=code)


import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from lagebild.cli import main  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_domestic_actors import events_db  # noqa: E402

EVENTS = [
    "#EV ACCUSE AUT/PTY=FPÖ-Chef_Herbert_Kickl=Herbert_Kickl AUT/GOV=Regierung 2025-03-01",
    "#EV REJECT AUT/PTY=Grünen AUT/GOV=Regierung 2025-03-02",
    "#EV ACCUSE DEU/PTY=Grüne DEU/GOV=Regierung 2025-03-03",
    "#EV CONSULT DEU/GOV=Regierung AUT/GOV=Regierung 2025-03-04",
    "#EV ACCUSE AUT/JUD=Anwalt_Dieter_Böhmdorfer AUT/MED=Wiener_Zeitung 2025-03-05",
    "#EV ACCUSE DEU/PTY=SPDler DEU/PTY=CSU 2025-03-06",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return events_db(tmp_path_factory, "names", EVENTS, "n")


def _json(*args):
    r = CliRunner().invoke(main, [*map(str, args), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_a_stored_name_of_several_countries_is_a_row_per_country(db):
    """Finding 6: "Regierung" showed as one row with the alphabetically first code ("Regierung
    (AUS)" on the benchmark), its events counted for that code only."""
    rows = [(r["code"], r["name"], r["events"]) for r in _json("actors", "--db", db, "--search", "Regierung")
            if r["matched_as"] == "name"]
    assert ("AUT", "Regierung", 3) in rows and ("DEU", "Regierung", 2) in rows, rows   # CSU: no Regierung


def test_actors_search_says_how_the_actor_option_reads_a_name(db):
    """Finding 7: `actors --search Kreml` printed "Kreml RUS" under "names the queries accept, with
    codes", and with --db a person's search listed its whole country first."""
    lex = {r["name"]: r["matched_as"] for r in _json("actors", "--search", "Kreml")}
    assert lex.get("Kreml") == "name"
    assert {r["name"]: r["matched_as"] for r in _json("actors", "--search", "Russland")}.get("Russland") == "code"
    rows = _json("actors", "--db", db, "--search", "Kickl")
    assert rows and all(r["matched_as"] == "name" for r in rows), rows
    assert not any(r["name"] == "Österreich" for r in rows)


def _events(db, *args):
    r = CliRunner().invoke(main, ["events", "--db", str(db), "--factuality", "all", "--format", "json", *args])
    return r.exit_code, (json.loads(r.stdout) if r.exit_code == 0 else r.output)


def test_a_name_filter_takes_whole_words_with_german_endings(db):
    """Finding 8: "Die" matched "Anwalt Dieter Böhmdorfer", "Wien" the "Wiener Zeitung", any
    fragment of two letters a word's start anywhere."""
    assert len(_events(db, "--actor", "SPD")[1]) == 1           # "SPDler"
    assert len(_events(db, "--actor", "Grüne")[1]) == 2         # "Grünen", "Grüne"
    assert len(_events(db, "--actor", "Kickl")[1]) == 1         # "FPÖ-Chef Herbert Kickl"
    assert _events(db, "--actor", "Wien")[1] == []              # no "Wiener Zeitung"
    assert len(_events(db, "--actor", "Dieter")[1]) == 1
    code, out = _events(db, "--actor", "Die")
    assert code == 2 and "is an article" in out
    code, out = _events(db, "--actor", "Gr")
    assert code == 2 and "too short" in out and "did you mean" in out


def test_a_name_in_brackets_is_no_country_code():
    """Finding 10: "Gabriel (SPD)" answered "unknown actor 'SPD' ... did you mean: SPD (DEU)"."""
    from lagebild.errors import BadValue
    with pytest.raises(BadValue, match=r"'SPD' in brackets is no country code.*'SPD' alone is a name"):
        read_actor("Gabriel (SPD)")


def test_a_decomposed_name_is_the_composed_one(db):
    """Finding 10: an NFD "Grüne" was refused as unknown, though it looks the same."""
    import unicodedata
    nfd = unicodedata.normalize("NFD", "Grüne")
    assert nfd != "Grüne" and read_actor(nfd)[0] == ActorRef(name="Grüne")
    assert len(_events(db, "--actor", nfd)[1]) == 2


def test_a_dyad_of_a_name_and_the_same_name_of_one_country_is_refused(db):
    """Finding 10: /dyads/Grüne/Grüne (AUT) was a page, its two sides overlapping."""
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    with TestClient(create_app(db)) as c:
        r = c.get("/dyads/Grüne/Grüne (AUT).json")
        assert r.status_code == 400 and "overlap" in r.json()["error"]
        assert c.get("/dyads/Grüne (AUT)/Grüne (DEU).json").status_code == 200
    r = CliRunner().invoke(main, ["timeline", "Grüne", "Grüne (AUT)", "--db", str(db)])
    assert r.exit_code == 2 and "overlap" in r.output


@pytest.mark.parametrize("typed, code, named", [("PAN", "PAN", "PAN (MEX)"), ("bdi", "BDI", "BDI (DEU)"),
                                                ("PRI", "PRI", "PRI (MEX)")])
def test_a_code_that_is_also_a_name_says_how_to_ask_for_the_name(typed, code, named):
    """'--actor PAN' is Panama's code; the Mexican party of that name was left out without a
    word. The code is still read, and the note names the other actor and how to ask for it."""
    ref, note = read_actor(typed)
    assert ref == ActorRef(code=code)
    assert note is not None and f"read as the code {code}" in note and f"'{named}'" in note
    name, _, country = named.partition(" (")
    assert read_actor(named)[0] == ActorRef(code=country.rstrip(")"), name=name)


@pytest.mark.parametrize("typed", ["AUT", "USA", "EU", "UN", "SEN"])
def test_a_code_no_actor_is_called_gets_no_note(typed):
    """Only an actor called exactly so makes the note: "UN" is no part of "Kim Jong Un"."""
    assert read_actor(typed)[1] is None
