"""Queries a person can use: names for actors, checked types and factuality values,
every source x target pair in the table and the GDELT export."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.actor_names import codes_for, read_actor, search
from lagebild.cli import main
from lagebild.errors import LagebildError
from lagebild.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import ingest  # noqa: E402


def _two_articles(path: Path) -> None:
    # one event with two sources (DEU, FRA) and one target (IRN); one RUS -> UKR attack
    text = "Text eins.\n#EV SANCTION DEU IRN 2022-02-24\nzwei"
    ingest(path, [Article("a", text, "2022-02-24", source="a"),
                  Article("b", "Text zwei.\n#EV ASSAULT RUS UKR 2022-02-24", "2022-02-24")],
           analyzer=TwoSources)


@pytest.fixture
def db(tmp_path, built_once):
    return built_once(_two_articles, tmp_path / "q.duckdb")


class TwoSources:
    """The scripted analyzer, with FRA added as a second source of SANCTION events."""

    def __init__(self):
        from test_ingest import ScriptedAnalyzer
        self.inner = ScriptedAnalyzer()

    def __call__(self, art):
        from lagebild.records import Participant
        doc = self.inner(art)
        for ev in doc.events:
            if ev.type == "SANCTION":
                ev.source.append(Participant(None, "frankreich", "FRA", "GOV"))
        return doc


def run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.mark.parametrize("name,code", [("Iran", "IRN"), ("Russland", "RUS"), ("Kreml", "RUS"),
                                       ("Putin", "RUS"), ("RUS", "RUS"), ("iran", "IRN")])
def test_actor_names_resolve_through_the_lexicon(name, code):
    """The code the lexicon gives a name (what the analyzer codes it as; as a filter, "Kreml" and
    "Putin" are names: ``read_actor``)."""
    assert codes_for(name) == [code]


def test_unknown_actor_is_an_error_with_suggestions():
    with pytest.raises(LagebildError, match="unknown actor 'Russlan'.*Russland"):
        read_actor("Russlan")


def test_actors_search_lists_matches_with_codes():
    assert any(h.name == "Kreml" and h.code == "RUS" for h in search("kreml"))
    r = run("actors", "--search", "Kreml")
    assert r.exit_code == 0 and "Kreml" in r.output and "RUS" in r.output


def test_actors_lists_the_actors_of_a_database_with_names_and_counts(db, tmp_path):
    """Probe: `lagebild actors` had no --db and needed --search: the actors stored in a database
    could not be listed from the command line."""
    import json
    r = run("actors", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    got = {a["code"]: (a["name"], a["events"]) for a in json.loads(r.stdout)}
    assert got == {"DEU": ("Deutschland", 1), "FRA": ("Frankreich", 1), "IRN": ("Iran", 1),
                   "RUS": ("Russland", 1), "UKR": ("Ukraine", 1)}, got
    r = run("actors", "--db", db, "--search", "russ")
    assert r.exit_code == 0 and "RUS" in r.output and "Russland" in r.output and "DEU" not in r.output
    r = run("actors", "--db", db, "--limit", "2")
    assert "note: 2 of 5 actors shown" in r.stderr
    r = run("actors", "--db", db, "--search", "Russen")     # the people of a country: the country
    assert r.exit_code == 0 and "RUS" in r.output and "DEU" not in r.output, r.output
    # a stand-in is a name of its own (review R23, finding 7: "Kreml" listed "RUS Russland" first,
    # while --actor Kreml gives the participants called so); no participant here is called so
    r = run("actors", "--db", db, "--search", "Kreml")
    assert r.exit_code == 0 and "RUS" not in r.output, r.output
    r = run("actors", "--db", db, "--search", "Atlantis")
    assert r.exit_code == 0 and "no actor of the database matches 'Atlantis'" in r.output
    r = run("actors")
    assert r.exit_code == 2 and "--search TEXT" in r.output and "--db FILE" in r.output
    r = run("actors", "--db", tmp_path / "none.duckdb")
    assert r.exit_code == 1 and "none.duckdb" in r.output


def test_actors_of_a_database_are_not_cut_at_the_pages_row_cap(db, monkeypatch):
    """Review: `actors --db` read the pages' list of at most MAX_ROWS (500) actors, so a larger
    database lost actors without a note, and --search missed them."""
    import json
    import lagebild.queries as queries
    monkeypatch.setattr(queries, "MAX_ROWS", 2)
    r = run("actors", "--db", db, "--format", "json", "--limit", "100")
    assert len(json.loads(r.stdout)) == 5 and "note:" not in r.stderr
    r = run("actors", "--db", db, "--search", "ukr", "--format", "json")
    assert [a["code"] for a in json.loads(r.stdout)] == ["UKR"]


def test_timeline_says_when_a_name_is_read_as_a_code(db):
    """Probe P21: `timeline Putin Selenskyj` returned the RUS/UKR counts without a word that the
    names were read as countries (every Russian actor's events, not Putin's)."""
    r = run("timeline", "Russen", "ukr", "--db", db)
    assert r.exit_code == 0, r.output
    assert "note: ACTOR_A 'Russen' is read as RUS (Russland)" in r.stderr and "ACTOR_B" not in r.stderr
    # a person's name is no longer read as the country (probe P22): it is matched as a name
    r = run("timeline", "Putin", "ukr", "--db", db)
    assert r.exit_code == 0, r.output
    assert "note: ACTOR_A 'Putin' is matched as a name" in r.stderr and "read as RUS" not in r.stderr


def test_events_by_actor_name(db):
    r = run("events", "--db", db, "--actor", "Russland", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert "RUS" in r.output and "IRN" not in r.output


@pytest.mark.parametrize("args,valid", [
    (["--type", "ATTACK"], "ASSAULT"), (["--factuality", "fact"], "asserted"),
    (["--factuality", "maybe"], "hypothetical")])
def test_unknown_type_or_factuality_is_an_error_listing_the_valid_ones(db, args, valid):
    r = run("events", "--db", db, *args)
    assert r.exit_code != 0 and valid in r.output


def test_export_with_unknown_factuality_is_an_error(db, tmp_path):
    r = run("export", tmp_path / "o", "--db", db, "--format", "gdelt", "--factuality", "maybe")
    assert r.exit_code != 0 and "hypothetical" in r.output


def test_table_shows_every_source_and_target(db):
    r = run("events", "--db", db, "--actor", "FRA")
    assert r.exit_code == 0, r.output
    row = [line for line in r.output.splitlines() if "SANCTION" in line][0]
    assert "DEU,FRA" in row and "IRN" in row


def test_gdelt_export_has_one_row_per_pair_with_the_same_event_id(db, tmp_path):
    r = run("export", tmp_path / "g", "--db", db, "--format", "gdelt")
    assert r.exit_code == 0, r.output
    rows = [line.split("\t") for line in
            (tmp_path / "g" / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()]
    sanction = [(r[0], r[5], r[15]) for r in rows if r[5].startswith(("DEU", "FRA"))]
    assert len(sanction) == 2 and sanction[0][0] == sanction[1][0]
    assert {s[1][:3] for s in sanction} == {"DEU", "FRA"} and {s[2][:3] for s in sanction} == {"IRN"}
    assert "GlobalEventID" in (tmp_path / "g" / "GDELT_COLUMNS.txt").read_text(encoding="utf-8")


def test_timeline_counts_the_second_source(db):
    r = run("timeline", "Frankreich", "Iran", "--db", db, "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[1].startswith("2022-02-24,1,")


def test_summary_with_negative_top_is_a_usage_error(db):
    r = run("summary", "--db", db, "--top", "-1")
    assert r.exit_code == 2 and "Traceback" not in r.output and "-1" in r.output


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_actors_search_says_when_limit_cuts_the_list(fmt):
    """`actors --search Österreich --limit 5` printed 5 of 27 names without a word (probe P1)."""
    total = len(search("Österreich", limit=None))
    assert total > 5
    r = run("actors", "--search", "Österreich", "--limit", "5", "--format", fmt)
    assert r.exit_code == 0, r.output
    assert f"note: 5 of {total} names shown; --limit {total} shows all" in r.stderr
    if fmt == "json":
        import json
        assert len(json.loads(r.stdout)) == 5
    full = run("actors", "--search", "Österreich", "--limit", str(total))
    assert full.exit_code == 0 and "note:" not in full.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_events_output_keeps_the_magnitude_qualifier(db, fmt):
    """`events --format csv` had magnitude_value and _unit but no qualifier, so "at least 35"
    read as 35 (probe P1); the export kept it."""
    import csv
    import io
    import json

    from lagebild.store import Store
    with Store(db) as s:
        s.con.execute("UPDATE events SET magnitude_value = 35, magnitude_unit = 'people', "
                      "magnitude_qualifier = 'at_least' WHERE type = 'ASSAULT'")
    r = run("events", "--db", db, "--type", "ASSAULT", "--format", fmt)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout))) if fmt == "csv" else json.loads(r.stdout)
    assert [(float(x["magnitude_value"]), x["magnitude_unit"], x["magnitude_qualifier"])
            for x in rows] == [(35.0, "people", "at_least")]


def test_events_json_says_according_to_whom_with_the_code(tmp_path):
    """`lagebild events --format json` gave reported_by_text but not reported_by_code, which the
    web's event lists, the CSV and the Parquet export give (a probe)."""
    import json
    from lagebild.store import Store
    path = tmp_path / "r.duckdb"
    ingest(path, [Article("r", "Text.\n#EV ASSAULT RUS UKR 2022-02-24", "2022-02-24")])
    with Store(path) as s:
        s.con.execute("UPDATE events SET reported_by_text = 'Kremlsprecher', reported_by_code = 'RUS'")
    r = run("events", "--db", path, "--format", "json")
    assert r.exit_code == 0, r.output
    ev = json.loads(r.stdout)[0]
    assert (ev["reported_by_text"], ev["reported_by_code"]) == ("Kremlsprecher", "RUS")
    r = run("events", "--db", path, "--format", "csv")
    assert "reported_by_code" in r.stdout.splitlines()[0] and ",Kremlsprecher,RUS," in r.stdout
