"""Which "source" is meant: the outlet (the news source) or the actor on an event's source side.
`ingest --source` and `reanalyze --source` meant the outlet and `events --source` the actor, and
nothing in --help said so (a new-user probe). Now the clear names are `--outlet` and
`--source-actor` (with `--target-actor`); the old spellings keep working for older scripts, and
each command's --help names the other meaning once."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.records import Article
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC, art, ingest  # noqa: E402  (the scripted analyzer)


def run(*args):
    return CliRunner().invoke(main, [*map(str, args)], prog_name="lagebild")


def _outlets(db):
    with Store(db, read_only=True) as s:
        return sorted(s.con.execute("SELECT doc_id, source FROM articles").fetchall())


@pytest.mark.parametrize("option", ["--outlet", "--source"])
def test_ingest_takes_the_outlet_by_its_clear_name_and_its_old_spelling(tmp_path, option):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Text eins.\n#EV ASSAULT RUS UKR 2022-02-24\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    r = run("ingest", src, "--db", db, "--analyzer", SPEC, option, "Tagesblatt", "-q")
    assert r.exit_code == 0, r.output
    assert [s for _, s in _outlets(db)] == ["Tagesblatt"]


def test_both_spellings_at_once_are_a_usage_error(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Text.\n", encoding="utf-8")
    r = run("ingest", src, "--db", tmp_path / "t.duckdb", "--outlet", "A", "--source", "B")
    assert r.exit_code == 2 and "--source is the older spelling of --outlet" in r.output, r.output
    assert not (tmp_path / "t.duckdb").exists()
    r = run("events", "--db", tmp_path / "t.duckdb", "--source-actor", "RUS", "--source", "UKR")
    assert r.exit_code == 2 and "older spelling of --source-actor" in r.output, r.output


@pytest.mark.parametrize("option", ["--outlet", "--source"])
def test_reanalyze_selects_an_outlet_by_either_name(tmp_path, option):
    db = tmp_path / "t.duckdb"
    ingest(db, [Article("a", "#EV ASSAULT RUS UKR 2022-02-24", source="Standard"),
                Article("b", "#EV CONSULT USA RUS 2022-02-20", source="Wire")])
    bad = run("reanalyze", "--db", db, "--analyzer", SPEC, "--country", "AUT", option, "Standart")
    assert bad.exit_code == 2 and f"'{option}'" in bad.output and "'Standard' (1)" in bad.output
    alone = run("reanalyze", "--db", db, option, "Standard")
    assert alone.exit_code == 2 and f"{option} only selects" in alone.output
    r = run("reanalyze", "--db", db, "--analyzer", SPEC, "--country", "AUT", option, "Standard")
    assert r.exit_code == 0 and "1 stored article of 'Standard' without a country now has AUT" in r.output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("src") / "e.duckdb"
    ingest(path, [art(1, "#EV ASSAULT RUS UKR 2022-02-24"), art(2, "#EV CONSULT USA RUS 2022-03-01"),
                  art(3, "#EV AID USA UKR 2022-03-02")])
    return path


@pytest.mark.parametrize("new, old", [(["--source-actor", "USA"], ["--source", "USA"]),
                                      (["--target-actor", "Russland"], ["--target", "RUS"]),
                                      (["--source-actor", "USA", "--target-actor", "UKR"],
                                       ["--source", "USA", "--target", "UKR"])])
def test_events_take_the_actor_sides_by_their_clear_names_and_the_old_spellings(db, new, old):
    a, b = (run("events", "--db", db, "--format", "json", *x) for x in (new, old))
    assert a.exit_code == b.exit_code == 0, (a.output, b.output)
    assert json.loads(a.output) == json.loads(b.output) != []
    sides = {(tuple(e["source_codes"]), tuple(e["target_codes"])) for e in json.loads(a.output)}
    if new[0] == "--source-actor":
        assert all(s == ("USA",) for s, _ in sides)


def _help(cmd):
    return " ".join(run(cmd, "--help").output.split())


@pytest.mark.parametrize("cmd", ["ingest", "reanalyze"])
def test_the_help_of_ingest_and_reanalyze_says_source_is_the_outlet_and_names_the_actor_option(cmd):
    h = _help(cmd)
    assert "--outlet NAME" in h and "news source" in h
    assert "--source NAME Older spelling of --outlet" in h
    assert h.count("--source-actor") == 1 and "not an actor" in h      # the other meaning, once


def test_the_help_of_events_says_source_actor_is_the_actor_and_names_the_outlet_option():
    h = _help("events")
    assert "--source-actor ACTOR Actor on the source side only" in h
    assert "--source ACTOR Older spelling of --source-actor" in h and "--target-actor" in h
    assert h.count("--outlet") == 1 and "not the outlet" in h          # the other meaning, once
