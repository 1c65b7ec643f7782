"""One exit-status policy for the query commands (events, timeline, export, summary, actors,
serve): a bad value the user gave (a date, a type, a factuality, an actor, a period that holds no
day) is a click usage error, exit 2, naming the option and saying what to do, before any file is
opened or created; a missing or unreadable database is exit 1. Before, `events --since garbage`
exited 1 and `events --sort bogus` 2 for the same kind of mistake."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import ingest  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("usage") / "q.duckdb"
    ingest(path, [Article("b", "Text zwei.\n#EV ASSAULT RUS UKR 2022-02-24", "2022-02-24")])
    return path


def run(*args):
    return CliRunner().invoke(main, [*map(str, args)], prog_name="lagebild")


#: (command and its arguments before --db, the bad option and value, what the message must say)
BAD_VALUES = [
    (["events"], ["--since", "garbage"], ["'--since'", "bad date 'garbage'", "YYYY-MM-DD"]),
    (["events"], ["--until", "2024-13-01"], ["'--until'", "bad date", "YYYY-MM-DD"]),
    (["events"], ["--type", "ATTACK"], ["'--type'", "unknown event type 'ATTACK'", "ASSAULT"]),
    (["events"], ["--type", ","], ["'--type'", "no event type", "leave the option out"]),
    (["events"], ["--factuality", "maybe"], ["'--factuality'", "did you mean 'hypothetical'"]),
    (["events"], ["--actor", "XYZQ"], ["'--actor'", "unknown actor 'XYZQ'", "lagebild actors --search"]),
    (["events"], ["--source", ""], ["'--source'", "an empty actor", "leave the option out"]),
    (["events"], ["--target", "XYZQ"], ["'--target'", "unknown actor"]),
    (["events"], ["--sort", "bogus"], ["'--sort'", "mentions"]),
    (["events"], ["--min-confidence", "2"], ["'--min-confidence'", "0<=x<=1"]),
    (["events"], ["--since", "2024-05", "--until", "2024-01"], ["is after --until", "swap them"]),
    (["timeline", "RUS", "UKR"], ["--since", "garbage"], ["'--since'", "bad date"]),
    (["timeline", "RUS", "UKR"], ["--factuality", "maybe"], ["'--factuality'", "hypothetical"]),
    (["timeline", "XYZQ", "UKR"], [], ["'ACTOR_A'", "unknown actor 'XYZQ'"]),
    (["timeline", "Russland", "RUS"], [], ["both sides name RUS", "give two actors"]),
    (["timeline", "RUS", "UKR"], ["--since", "2024-05", "--until", "2024-01"], ["swap them"]),
    (["export", "OUT"], ["--since", "garbage"], ["'--since'", "bad date"]),
    (["export", "OUT"], ["--factuality", "maybe"], ["'--factuality'", "hypothetical"]),
    (["export", "OUT"], ["--format", "xml"], ["'--format'", "parquet"]),
    (["export", "OUT"], ["--since", "2024-05", "--until", "2024-01"], ["swap them"]),
    (["summary"], ["--top", "-1"], ["'--top'", "-1"]),
]


def _args(cmd, tmp_path):
    return [str(tmp_path / "out") if a == "OUT" else a for a in cmd]


@pytest.mark.parametrize("cmd,bad,says", BAD_VALUES, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_a_bad_value_is_a_usage_error_that_names_it_and_what_to_do(db, tmp_path, cmd, bad, says):
    r = run(*_args(cmd, tmp_path), "--db", db, *bad)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and f"Try 'lagebild {cmd[0]} --help' for help." in r.output
    for s in says:
        assert s in r.output, (s, r.output)
    assert not (tmp_path / "out").exists()      # an export with a bad value creates no folder


@pytest.mark.parametrize("cmd,bad,says", BAD_VALUES[:8] + BAD_VALUES[11:15] + BAD_VALUES[16:18],
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_a_bad_value_is_reported_before_a_missing_database(tmp_path, cmd, bad, says):
    """The usage error comes first, and no database file is created."""
    missing = tmp_path / "none.duckdb"
    r = run(*_args(cmd, tmp_path), "--db", missing, *bad)
    assert r.exit_code == 2 and says[0] in r.output, r.output
    assert not missing.exists()


@pytest.mark.parametrize("cmd", [["events"], ["timeline", "RUS", "UKR"], ["export", "OUT"], ["summary"]])
def test_a_missing_database_is_exit_1_with_how_to_create_one(tmp_path, cmd):
    missing = tmp_path / "none.duckdb"
    r = run(*_args(cmd, tmp_path), "--db", missing)
    assert r.exit_code == 1, r.output
    assert "no such database" in r.output and "lagebild ingest" in r.output and "Usage:" not in r.output
    assert not missing.exists()


def test_an_unreadable_database_is_exit_1(tmp_path):
    bad = tmp_path / "not.duckdb"
    bad.write_text("no database")
    r = run("events", "--db", bad, "--since", "2022")
    assert r.exit_code == 1 and "not a DuckDB database" in r.output, r.output


def test_a_filter_that_matches_nothing_is_no_error(db):
    r = run("events", "--db", db, "--actor", "FRA")
    assert r.exit_code == 0 and "(no matching rows)" in r.output, r.output


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_an_actor_search_that_matches_nothing_exits_0_in_every_format(fmt):
    """It exited 1 with a table and 0 with JSON."""
    r = run("actors", "--search", "zzzqqq", "--format", fmt)
    assert r.exit_code == 0, r.output
    assert ("no actor name contains 'zzzqqq'" in r.output) if fmt == "table" else r.output.strip() == "[]"


@pytest.mark.parametrize("cmd", ["events", "summary", "serve", "export"])
def test_a_missing_database_option_names_the_environment_variable(cmd, monkeypatch):
    """Probe P21: "Missing option '--db'" did not say that LAGEBILD_DB may give it."""
    monkeypatch.delenv("LAGEBILD_DB", raising=False)
    r = run(cmd, *(["out"] if cmd == "export" else []))
    assert r.exit_code == 2 and "Missing option '--db'" in r.output and "LAGEBILD_DB" in r.output, r.output


def test_an_empty_actor_search_is_a_usage_error():
    r = run("actors", "--search", " ")
    assert r.exit_code == 2 and "'--search'" in r.output and "part of a name" in r.output, r.output


def test_serve_reports_a_bad_value_before_a_missing_database(tmp_path):
    r = run("serve", "--db", tmp_path / "none.duckdb", "--every", "5m")
    assert r.exit_code == 2 and "--every is the polling interval of --watch" in r.output, r.output


def test_one_helper_reports_bad_values():
    """options.fail: a BadValue of the library is a usage error (exit 2) naming its option;
    any other LagebildError an error of exit status 1."""
    import click
    from lagebild.cli.options import fail
    from lagebild.errors import BadValue, StoreError
    with pytest.raises(click.BadParameter) as info:
        fail(BadValue("bad date 'x' -- use YYYY", option="--since"))
    assert info.value.exit_code == 2 and "'--since'" in info.value.format_message()
    with pytest.raises(click.ClickException) as info:
        fail(StoreError("x.duckdb: no such database"))
    assert info.value.exit_code == 1 and not isinstance(info.value, click.UsageError)


#: every float option of the product commands, with what it needs around it
FLOAT_OPTIONS = [
    (["events"], "--min-confidence"), (["export", "OUT"], "--min-confidence"),
    (["ingest", "IN"], "--near-threshold"), (["ingest", "IN"], "--min-confidence"),
    (["ingest", "IN"], "--time-budget"), (["ingest", "IN"], "--progress-interval"),
    (["ingest", "IN"], "--timeout"), (["watch", "http://127.0.0.1:9/f", "--max-rounds", "1"], "--jitter"),
    (["watch", "http://127.0.0.1:9/f", "--max-rounds", "1"], "--timeout"), (["reanalyze"], "--time-budget"),
    (["analyze", "IN", "--no-models"], "--min-confidence"),
]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
@pytest.mark.parametrize("cmd,option", FLOAT_OPTIONS, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_a_number_that_is_not_finite_is_a_usage_error(db, tmp_path, cmd, option, value):
    """click takes 'nan' as a float and nan passes every bound: `ingest --near-threshold nan` was a
    traceback that left a database behind, `events --min-confidence nan` an empty list with exit
    0, `ingest --time-budget nan` and `--timeout nan` failed every article and feed (a new-user
    probe)."""
    text = tmp_path / "a.txt"
    text.write_text("date 2022-02-24\nRussland hat die Ukraine angegriffen.\n", encoding="utf-8")
    args = [str(text) if a == "IN" else a for a in _args(cmd, tmp_path)]
    target = db if cmd[0] in ("events", "export") else tmp_path / "new.duckdb"
    db_args = [] if cmd[0] == "analyze" else ["--db", target]
    r = run(*args, *db_args, option, value)
    assert r.exit_code == 2, r.output
    assert f"'{option}'" in r.output and "Traceback" not in r.output, r.output
    assert not (tmp_path / "new.duckdb").exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("cmd", [["analyze", "IN", "--coder", "rules", "--no-models"], ["ner", "TSV"]])
def test_an_output_file_in_a_missing_folder_is_a_usage_error_before_any_work(tmp_path, cmd):
    """`analyze a.txt -o nodir/out.json` and `ner f.tsv -o nodir/x.tsv` ended in a traceback
    (FileNotFoundError), the analysis after the models had loaded (a new-user probe)."""
    (tmp_path / "a.txt").write_text("Russland greift die Ukraine an.\n", encoding="utf-8")
    (tmp_path / "f.tsv").write_text("1\tRussland\n", encoding="utf-8")
    args = [str(tmp_path / "a.txt") if a == "IN" else str(tmp_path / "f.tsv") if a == "TSV" else a
            for a in cmd]
    out = tmp_path / "nodir" / "out.json"
    r = run(*args, "-o", out)
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    text = " ".join(r.output.split())
    assert "'-o' / '--output'" in text and f"the folder {out.parent} does not exist" in text
    assert "create it first" in text and "Traceback" not in r.output
    assert not out.parent.exists()


def test_events_help_says_what_it_lists_by_default_and_that_the_table_cuts_texts(db):
    """`events --help` named the factualities but not the default (all four: planned and
    hypothetical events are listed too), and "--format: Output format." did not say that the table
    cuts texts at 28 characters and leaves columns out (a new-user probe)."""
    text = " ".join(run("events", "--help").output.split())
    assert "Default: all four" in text and "timeline counts asserted events only" in text
    assert "a text longer than 28 characters is cut" in text and "json, csv: every column in full" in text
    listed = run("events", "--db", db, "--limit", "0", "--format", "json")
    everything = run("events", "--db", db, "--limit", "0", "--format", "json", "--factuality", "all")
    assert listed.exit_code == 0 and listed.output == everything.output   # what the help says
    timeline = " ".join(run("timeline", "--help").output.split())
    assert "a text longer than 28 characters is cut" in timeline


def test_reanalyze_offers_no_feed_option():
    """Probe P21: `reanalyze --allow-private-hosts` was offered and did nothing (it reads no feed)."""
    assert "--allow-private-hosts" not in run("reanalyze", "--help").output
    assert "--allow-private-hosts" in run("ingest", "--help").output
    r = run("reanalyze", "--db", "x.duckdb", "--allow-private-hosts")
    assert r.exit_code == 2 and "No such option" in r.output
