"""One actor filter for the command line and the pages (``actor_names.actor_filter``).

Before, each read its own way: the pages took an empty ``?actor=`` (and blanks, commas) as no
filter, the command line refused ``--actor ""`` but took ``--actor $'\\t'`` as a filter that
matches nothing (exit 0, "(no matching rows)"); a name of several actors ("Harris") was a 400 on
the pages and every one of its codes on the command line. Now both read through one definition:
a value that names no actor is no actor filter on the pages (a form's empty field), and on the
command line a usage error (exit 2, said in --help: an unset shell variable must not list every
event); a name of several actors is refused by both, naming the codes."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from lagebild import actor_names
from lagebild.cli import main
from lagebild.cli.options import resolve_actor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import art, ingest  # noqa: E402  (the scripted analyzer)

EMPTY = ["", " ", ",", " , ", "\t", "\n", ",\t,"]


def _database(tmp_path_factory, name: str, first_event: str):
    """A database of two articles: ``first_event`` and a CONSULT USA -> DEU."""
    path = tmp_path_factory.mktemp(name) / f"{name}.duckdb"
    ingest(path, [art(1, first_event), art(2, "#EV CONSULT USA DEU 2022-03-01")])
    return path


def _web_client(path):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    return TestClient(create_app(path))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return _database(tmp_path_factory, "actor", "#EV ASSAULT RUS UKR 2022-02-24")


@pytest.fixture(scope="module")
def client(db):
    with _web_client(db) as c:
        yield c


@pytest.mark.parametrize("value", EMPTY, ids=repr)
def test_a_value_that_names_no_actor_is_no_filter_on_the_pages(client, value):
    from lagebild.web.params import code_list
    assert actor_names.actor_filter(value) is None and code_list(value) is None
    every = client.get("/overview.json").json()["pagination"]["total"]
    r = client.get("/overview.json?actor=" + quote(value))
    assert r.status_code == 200 and r.json()["pagination"]["total"] == every == 2


@pytest.mark.parametrize("value", EMPTY, ids=repr)
@pytest.mark.parametrize("option", ["--actor", "--source", "--target"])
def test_a_value_that_names_no_actor_is_a_usage_error_on_the_command_line(db, option, value):
    r = CliRunner().invoke(main, ["events", "--db", str(db), option, value])
    assert r.exit_code == 2, (value, r.output)
    assert f"'{option}'" in r.output and "empty actor" in r.output and "leave the option out" in r.output


@pytest.mark.parametrize("value", ["RUS", "rus, Kreml", "Putin,Belarus", " UKR ,", "Moskau", "FPÖ, Grüne (AUT)"])
def test_the_command_line_and_the_pages_read_an_actor_filter_alike(value):
    from lagebild.web.params import code_list
    assert resolve_actor(value, "--actor") == code_list(value) == actor_names.actor_filter(value)


def two_countries_named(monkeypatch, name: str, *codes: str) -> None:
    """Make ``name`` a country's name of each of ``codes`` (the lexicon has no such name)."""
    import lagebild.actor_names as A
    by_name, known = A._index()
    fake = dict(by_name)
    fake[name.casefold()] = [A.ActorName(name, c, "GOV", "country") for c in codes]
    monkeypatch.setattr(A, "_index", lambda: (fake, known))


def test_a_country_name_of_several_countries_is_refused_by_both_naming_the_codes(db, client, monkeypatch):
    two_countries_named(monkeypatch, "Harris", "IRL", "USA")
    r = CliRunner().invoke(main, ["events", "--db", str(db), "--actor", "RUS,Harris"])
    assert r.exit_code == 2 and "several actors (IRL, USA)" in r.output, r.output
    w = client.get("/overview.json?actor=RUS,Harris")
    assert w.status_code == 400 and "several actors (IRL, USA)" in w.json()["error"]


def test_help_says_what_an_empty_actor_means():
    for cmd in (["events", "--help"], ["timeline", "--help"]):
        out = " ".join(CliRunner().invoke(main, cmd).output.split())
        assert "empty" in out and "usage error" in out and "exit 2" in out, out


# -- a code the database holds ------------------------------------------------------------
@pytest.fixture(scope="module")
def old_db(tmp_path_factory):
    """Events with a code the lexicon does not list (one of an older lexicon, or an IGO code)."""
    return _database(tmp_path_factory, "old", "#EV ASSAULT ZZOLD UKR 2022-02-24")


@pytest.fixture(scope="module")
def old_client(old_db):
    with _web_client(old_db) as c:
        yield c


def _events(db, *args):
    r = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "json", *args])
    assert r.exit_code == 0, r.output
    import json
    return json.loads(r.output)


@pytest.mark.parametrize("args, n", [(["--actor", "ZZOLD"], 1), (["--actor", "zzold, usa"], 2),
                                     (["--source", "ZZOLD"], 1), (["--target", "ZZOLD"], 0),
                                     (["--source", "ZZOLD", "--target", "Ukraine"], 1)])
def test_a_code_the_database_holds_is_a_filter_on_the_command_line_as_on_the_pages(
        old_db, old_client, args, n):
    """`events --actor IGOUNO` was a usage error ('unknown actor') while /overview?actor=IGOUNO
    listed its events (a new-user probe): both take a code the database holds."""
    assert actor_names.codes_for("ZZOLD") == []          # the lexicon does not list it
    assert len(_events(old_db, *args)) == n
    if args[0] == "--actor":
        web = old_client.get("/overview.json", params={"actor": args[1]})
        assert web.status_code == 200 and web.json()["pagination"]["total"] == n


def test_timeline_takes_a_code_the_database_holds(old_db):
    r = CliRunner().invoke(main, ["timeline", "ZZOLD", "UKR", "--db", str(old_db), "--format", "json"])
    assert r.exit_code == 0 and '"events": 1' in r.output, r.output


@pytest.mark.parametrize("option", ["--actor", "--source", "--target"])
def test_a_code_neither_the_lexicon_nor_the_database_knows_is_a_usage_error_naming_close_ones(
        old_db, old_client, option):
    r = CliRunner().invoke(main, ["events", "--db", str(old_db), option, "ZZOLE"])
    assert r.exit_code == 2, r.output
    out = " ".join(r.output.split())
    assert f"'{option}'" in out and "unknown actor 'ZZOLE'" in out and "nor a code in this database" in out
    assert "did you mean" in out and "ZZOLD" in out
    w = old_client.get("/overview.json?actor=ZZOLE")
    assert w.status_code == 400 and "unknown actor 'ZZOLE'" in w.json()["error"] and "ZZOLD" in w.json()["error"]


def test_without_its_database_a_code_the_lexicon_does_not_list_is_a_usage_error(tmp_path):
    missing = tmp_path / "none.duckdb"
    r = CliRunner().invoke(main, ["events", "--db", str(missing), "--actor", "ZZOLD"])
    assert r.exit_code == 2 and "unknown actor 'ZZOLD'" in r.output, r.output
    assert not missing.exists()
    r = CliRunner().invoke(main, ["timeline", "ZZOLD", "UKR", "--db", str(missing)])
    assert r.exit_code == 2 and "'ACTOR_A'" in r.output, r.output


def test_the_dyad_page_takes_a_code_the_database_holds_as_the_actor_filter_does(old_client):
    """/dyads/zzold/UKR was a 400 ('unknown actor') while ?actor=zzold listed its events."""
    r = old_client.get("/dyads/zzold/UKR.json", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/dyads/ZZOLD/UKR.json"
    d = old_client.get("/dyads/ZZOLD/UKR.json")
    assert d.status_code == 200 and d.json()["pagination"]["total"] == 1
    r = old_client.get("/dyads/ZZOLE/UKR.json")
    assert r.status_code == 400 and "did you mean" in r.json()["error"] and "ZZOLD" in r.json()["error"]


@pytest.mark.parametrize("url, to", [("/actors/zzold", "/actors/ZZOLD"), ("/actors?q=zzold", "/actors/ZZOLD"),
                                     ("/dyads/zzold/UKR", "/dyads/ZZOLD/UKR")])
def test_the_actor_page_takes_a_code_the_database_holds_as_the_dyad_page_does(old_client, url, to):
    """/actors/zzold was a 404 ('no actor called') while /dyads/zzold/UKR and ?actor=zzold took
    it: one reading of an address's actor (web.params.actor_code)."""
    r = old_client.get(url, follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == to
    d = old_client.get(to + ".json")
    assert d.status_code == 200
    r = old_client.get(url.replace("zzold", "ZZOLE"))
    assert r.status_code == 400 and "did you mean" in r.text and "ZZOLD" in r.text
