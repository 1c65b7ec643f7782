"""ingest's exit status and visible failures: 0 all read, 1 nothing read, 3 some failed (2 is a
usage error); failures on stderr also with --quiet; one error count."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
SPEC = "test_ingest:ScriptedAnalyzer"


def _run(*args):
    return CliRunner().invoke(main, ["ingest", *map(str, args), "--analyzer", SPEC])


def test_nothing_readable_exits_1_and_says_why(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    r = _run(bad, "--db", tmp_path / "t.duckdb")
    assert r.exit_code == 1, r.output
    assert "bad.jsonl" in r.stderr and "nothing could be read" in r.stderr


def test_some_failed_exits_3_and_counts_one_number(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ein Text ueber Russland."}\n{broken\n'
                   '{"id": "b", "text": "#FAIL"}\n', encoding="utf-8")
    r = _run(src, "--db", tmp_path / "t.duckdb")
    assert r.exit_code == 3, r.output
    assert "2 errors" in r.stderr.splitlines()[-3] or "| 2 errors |" in r.stderr
    assert "2 errors" in r.stdout


def test_all_read_exits_0(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ein Text ueber Russland."}\n', encoding="utf-8")
    r = _run(src, "--db", tmp_path / "t.duckdb")
    assert r.exit_code == 0, r.output
    r = _run(src, "--db", tmp_path / "t.duckdb")      # nothing new is no failure
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_still_shows_failures_on_stderr(tmp_path, flag):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Text."}\n{broken\n', encoding="utf-8")
    r = _run(src, "--db", tmp_path / "t.duckdb", flag)
    assert r.exit_code == 3
    assert "in.jsonl:2" in r.stderr and r.stdout == ""


def test_feed_problems_are_counted_in_the_progress_line_too(tmp_path):
    import io
    from types import SimpleNamespace

    from lagebild.ingest import Ingester, Progress, ingest_feed
    from lagebild.records import Article
    from lagebild.store import Store

    def fetch(url, **kw):
        return SimpleNamespace(url=url, status=200, etag=None, modified=None,
                               articles=[Article("a", "Ein Text.", "2022-02-24")],
                               warnings=["feed x: item 1 failed", "feed x: item 2 failed"])

    out = io.StringIO()
    with Store(tmp_path / "t.duckdb") as store, \
            Ingester(store, analyzer=SPEC, progress=Progress(out, interval=0)) as ing:
        stats, _ = ingest_feed(ing, "https://x.example/feed", fetch=fetch)
    assert stats.errors == 2 and stats.new == 1
    last = [line for line in out.getvalue().splitlines() if line.startswith("ingest:")][-1]
    assert "| 2 errors |" in last


def test_analyze_exits_3_when_some_inputs_were_skipped_as_ingest_does(tmp_path):
    """One good record, one broken line, one record without text: the good one is analyzed, the
    others are reported by line, and the exit status says that something was skipped."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Russland griff die Ukraine an.", "date": "2024-03-14"}\n{broken\n'
                   '{"id": "c"}\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["analyze", str(src), "--no-models", "--format", "jsonl", "-q"])
    assert r.exit_code == 3, r.output
    assert len([line for line in r.stdout.splitlines() if line.startswith("{")]) == 1
    assert "in.jsonl:2" in r.stderr and "2 inputs or records skipped" in r.stderr


def test_skipped_inputs_are_errors_and_read_ones_with_a_problem_warnings(tmp_path):
    from click.testing import CliRunner
    from lagebild.cli import main
    good = tmp_path / "a.jsonl"
    good.write_text('{"id": "a1", "date": "2024-02-12", "text": "Russland hat die Ukraine am Montag angegriffen."}\n'
                    '{"id": "a2", "text": ""}\n'
                    '{"id": "a3", "date": "morgen", "text": "Die USA kritisierten China am Dienstag."}\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["analyze", str(good), "--coder", "rules"])
    assert "error: " in r.stderr and '"text" is empty' in r.stderr.split("error: ", 1)[1]
    assert "warning: " in r.stderr          # the unreadable date: the article was still read


def test_an_error_after_ctrl_c_or_sigterm_is_reported_as_the_interrupt(monkeypatch, capsys):
    import pytest as _pytest

    import lagebild.cli.store as cs
    from lagebild.store import StoreError
    monkeypatch.setitem(cs._SIGNALLED, "at", 15)
    with _pytest.raises(SystemExit) as e:
        cs._fail_or_interrupted(StoreError("the write failed (Current transaction is aborted) -- check free disk space"))
    assert e.value.code == 130 and "interrupted: the batches committed so far are kept" in capsys.readouterr().err


def test_a_signal_of_an_earlier_command_does_not_make_a_later_error_an_interrupt(capsys):
    """The signal state is the command's: reset when a writing command starts, the handlers put
    back when it ends (in one process, e.g. tests or a notebook, an old Ctrl-C turned every later
    error into "interrupted")."""
    import signal

    import click
    import pytest as _pytest

    import lagebild.cli.store as cs
    from lagebild.store import StoreError

    @click.command()
    def writing():
        cs._sigterm_as_interrupt()
        assert signal.getsignal(signal.SIGTERM) is not before      # the command's own handler
        cs._fail_or_interrupted(StoreError("the write failed -- check free disk space"))

    before = signal.getsignal(signal.SIGTERM)
    cs._SIGNALLED["at"] = signal.SIGINT                    # left over from an earlier command
    with _pytest.raises(click.ClickException, match="check free disk space"):   # the error, not exit 130
        writing.main([], standalone_mode=False)
    assert "interrupted" not in capsys.readouterr().err
    assert cs._SIGNALLED["at"] is None and signal.getsignal(signal.SIGTERM) is before


def test_ingest_of_only_missing_paths_creates_no_database(tmp_path):
    """A missing input exited 1 but left an empty database file behind (a new-user probe)."""
    from click.testing import CliRunner
    from lagebild.cli import main
    db = tmp_path / "n.duckdb"
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert r.exit_code == 1 and "no such file or folder" in r.output and not db.exists()


@pytest.mark.parametrize("what", ["empty folder", "empty file", "binary file", "empty stdin"])
def test_an_ingest_that_could_read_nothing_leaves_no_database_it_created(tmp_path, what):
    """`ingest emptydir/ --db new.duckdb` exited 1 ("nothing could be read") but left an empty
    database file and printed its summary of 0 articles, where --help says "a run that fails
    before storing anything leaves none" (a new-user probe)."""
    src = tmp_path / "in"
    if what == "empty folder":
        src.mkdir()
    elif what == "empty file":
        src.write_text("", encoding="utf-8")
    elif what == "binary file":
        src.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    db = tmp_path / "new.duckdb"
    args = ["ingest", "-" if what == "empty stdin" else str(src), "--db", str(db), "--analyzer", SPEC]
    r = CliRunner().invoke(main, args, input="")
    assert r.exit_code == 1 and "nothing could be read" in r.stderr, r.output
    assert not db.exists() and not Path(str(db) + ".wal").exists()
    assert "Database:" not in r.stdout
    # a database that was there before is kept, also when it holds nothing
    from lagebild.store import Store
    Store(db).close()
    r = CliRunner().invoke(main, args, input="")
    assert r.exit_code == 1 and db.exists()


def test_a_failed_start_of_ingest_leaves_no_database_it_created(tmp_path, monkeypatch):
    """A failed `ingest --scheduler tcp://127.0.0.1:8786` (no scheduler there) left an empty
    database file (probe P1). A run that fails before storing anything removes the file it
    created; an existing database, even an empty one, is kept."""
    import lagebild.ingest as ing_mod
    from lagebild.errors import LagebildError

    def unreachable(*a, **kw):      # what DaskBackend raises, without waiting 15 s for it
        raise LagebildError("cannot reach the Dask scheduler at tcp://127.0.0.1:8786 (refused) "
                            "-- check the address and that the scheduler runs")
    monkeypatch.setattr(ing_mod, "DaskBackend", unreachable)
    src = tmp_path / "a.txt"
    src.write_text("Ein Text.\n#EV ASSAULT RUS UKR 2022-02-24\n", encoding="utf-8")
    db = tmp_path / "dk.duckdb"
    r = _run(src, "--db", db, "--scheduler", "tcp://127.0.0.1:8786")
    assert r.exit_code == 1 and "cannot reach the Dask scheduler" in r.output
    assert not db.exists() and not Path(str(db) + ".wal").exists()
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--analyzer", "nonexistent_mod:X"])
    assert r.exit_code == 1 and "cannot be loaded" in r.output and not db.exists()
    # a database that was there before is never removed, also when it holds nothing
    from lagebild.store import Store
    Store(db).close()
    r = _run(src, "--db", db, "--scheduler", "tcp://127.0.0.1:8786")
    assert r.exit_code == 1 and db.exists()
    assert _run(src, "--db", db).exit_code == 0        # and it still works



def test_partial_success_and_a_usage_error_have_different_exit_statuses(tmp_path):
    """Both exited 2 (click's usage error and a partial ingest): a script could not tell "fix the
    command" from "look at the failed inputs". A partial success exits 3; --help and the README say so."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ein Text ueber Russland."}\n{broken\n', encoding="utf-8")
    partial = _run(src, "--db", tmp_path / "t.duckdb", "-q")
    usage = _run(src, "--db", tmp_path / "u.duckdb", "--no-such-option")
    assert partial.exit_code == 3 and usage.exit_code == 2
    assert not (tmp_path / "u.duckdb").exists()             # a usage error reads and writes nothing
    analyzed = CliRunner().invoke(main, ["analyze", str(src), "--no-models", "--coder", "rules", "-q"])
    assert analyzed.exit_code == 3
    for cmd in ("ingest", "analyze"):
        text = " ".join(CliRunner().invoke(main, [cmd, "--help"]).output.split())
        assert "3 some inputs" in text or "3 when some inputs" in text, cmd
        assert "2 a usage error" in text or "2 for a usage error" in text, cmd
    readme = " ".join((TESTS.parent / "README.md").read_text(encoding="utf-8").split())
    assert "3 when some inputs, feed items or articles failed" in readme


@pytest.mark.parametrize("inputs", [["FILE"], ["http://127.0.0.1:9/feed.xml"]])
def test_a_bad_dct_is_a_usage_error_of_ingest_as_of_analyze(tmp_path, inputs):
    """`ingest --dct 31.02.2025` exited 1 ("nothing could be read") where `analyze` exits 2, and
    with only feed URLs the bad date was not noticed at all."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ein Text ueber Russland."}\n', encoding="utf-8")
    args = [str(src) if i == "FILE" else i for i in inputs]
    r = _run(*args, "--db", tmp_path / "t.duckdb", "--dct", "31.02.2025")
    assert r.exit_code == 2, r.output
    assert "--dct" in r.stderr and "'31.02.2025' is not a date" in r.stderr and "YYYY-MM-DD" in r.stderr
    assert not (tmp_path / "t.duckdb").exists()
    if inputs == ["FILE"]:
        a = CliRunner().invoke(main, ["analyze", str(src), "--no-models", "--coder", "rules",
                                      "--dct", "31.02.2025"])
        assert a.exit_code == 2 and a.stderr.splitlines()[-1] == r.stderr.splitlines()[-1]


def test_reanalyze_exits_3_when_some_articles_failed(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ein Text ueber Russland."}\n{"id": "b", "text": "Noch ein Text."}\n',
                   encoding="utf-8")
    db = tmp_path / "t.duckdb"
    assert _run(src, "--db", db, "-q").exit_code == 0
    import duckdb
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET analyzer_version = NULL, text = text || ' #FAIL' WHERE doc_id = 'b'")
    con.close()
    r = CliRunner().invoke(main, ["reanalyze", "--db", str(db), "--analyzer", SPEC, "-q"])
    assert r.exit_code == 3, r.output


def test_an_error_of_any_kind_after_sigterm_is_the_interrupt(tmp_path, monkeypatch):
    """A worker pool shut down by SIGTERM can raise an error that is no LagebildError and carries
    no trace of the interrupt (CI saw `ingest --workers 2` exit 1 after SIGTERM, not 130): once a
    signal came, the command exits as interrupted."""
    import signal

    import lagebild.cli.store as cs
    from lagebild.ingest import Ingester

    def broken(self, articles):
        cs._SIGNALLED["at"] = signal.SIGTERM            # what the command's handler notes first
        raise RuntimeError("A process in the process pool was terminated abruptly")
    monkeypatch.setattr(Ingester, "ingest", broken)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ein Text ueber Russland."}\n', encoding="utf-8")
    r = _run(src, "--db", tmp_path / "t.duckdb")
    assert r.exit_code == 130, r.output
    assert "interrupted: the batches committed so far are kept" in r.stderr
