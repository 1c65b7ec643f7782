"""Clear messages for a full disk, an unwritable folder and a truncated database."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.errors import StoreError
from lagebild.ingest import Ingester
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC, art, ingest  # noqa: E402


class _FailingCommit:
    """A connection whose COMMIT fails like a full disk or a read-only folder."""

    def __init__(self, con, error):
        self._con, self._error = con, error

    def execute(self, sql, *a, **kw):
        if sql.strip().upper() == "COMMIT":
            raise self._error
        return self._con.execute(sql, *a, **kw)

    def __getattr__(self, name):
        return getattr(self._con, name)


@pytest.mark.parametrize("error,says", [
    (duckdb.IOException("Could not write file: No space left on device"), "disk is full"),
    (duckdb.TransactionException("Failed to commit: Cannot open file: Read-only file system"),
     "not writable"),
])
def test_write_failure_is_a_store_error_that_says_what_to_do(tmp_path, error, says):
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    with Store(db) as store, Ingester(store, analyzer=SPEC) as ing:
        real = store.con
        store.con = _FailingCommit(real, error)
        try:
            with pytest.raises(StoreError, match=says) as info:
                ing.ingest([art(2, "#EV ASSAULT RUS UKR 2022-02-24")])
        finally:
            store.con = real
    assert "rerun" in str(info.value) or "--db" in str(info.value)


def test_truncated_database_is_called_damaged_not_foreign(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    size = os.path.getsize(db)
    with open(db, "r+b") as fh:
        fh.truncate(size // 2)
    with pytest.raises(StoreError, match="damaged or truncated") as info:
        Store(db, read_only=True)
    assert "not lagebild's" not in str(info.value)
    r = CliRunner().invoke(main, ["summary", "--db", str(db)])
    assert r.exit_code == 1 and "damaged or truncated" in r.output and "Traceback" not in r.output


def test_a_bad_memory_limit_is_a_clear_error_and_leaves_no_connection(tmp_path, monkeypatch):
    import pytest

    from lagebild.store import Store, StoreError
    monkeypatch.setenv("LAGEBILD_DUCKDB_MEMORY", "lots")
    with pytest.raises(StoreError, match=r"'lots' \(\$LAGEBILD_DUCKDB_MEMORY\) is not a size -- use e.g. 512MB"):
        Store(tmp_path / "m.duckdb")
    monkeypatch.setenv("LAGEBILD_DUCKDB_MEMORY", "300MB")       # read when a store opens
    with Store(tmp_path / "m.duckdb") as s:
        assert s.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0].startswith("286")


def test_a_second_store_of_one_file_in_one_process_says_so(tmp_path):
    """Opening a file read-only while this process has it open for writing said "check the file,
    or pass a new file name" (a code review)."""
    import pytest
    from lagebild.store import Store, StoreError
    db = tmp_path / "x.duckdb"
    with Store(db):
        with pytest.raises(StoreError, match="this process has the database open already"):
            Store(db, read_only=True)


def test_a_database_in_use_is_worded_for_any_holder_not_only_a_server(tmp_path):
    """"database in use" blamed "a running `lagebild serve`" also while an ingest held the file
    (probe P1): the message now fits any holder and says how each one lets go."""
    import subprocess
    db = tmp_path / "held.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    hold = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError) as e:
            Store(db)
    finally:
        holder.kill()
        holder.wait(10)
    msg = str(e.value)
    assert f"{db}: the database is in use by another process" in msg
    assert f"PID {holder.pid}" in msg        # DuckDB's own words name the holder's process
    assert ("an ingest, watch or reanalyze holds the file until it ends, a `lagebild serve --watch` "
            "until it is stopped, a read-only `lagebild serve` while it answers requests") in msg
    assert "wait for it with --wait SECONDS" in msg
    assert "a running `lagebild serve` holds the file" not in msg


@pytest.mark.parametrize("why", ["Permission denied", "Operation not permitted", "Read-only file system"])
def test_a_database_that_cannot_be_written_says_so_and_what_reads_it(tmp_path, monkeypatch, why):
    """`ingest --db` of a read-only file said "cannot open the database (IO Error: Cannot open file
    ...: Operation not permitted) -- check the file, or pass a new file name" (a new-user probe):
    it names the cause now, and that the reading commands still open the file."""
    import lagebild.store as store_mod
    db = tmp_path / "ro.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    real = duckdb.connect

    def connect(path, read_only=False, **kw):
        if not read_only:
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": {why}')
        return real(path, read_only=read_only, **kw)
    monkeypatch.setattr(store_mod.duckdb, "connect", connect)
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "none.txt"), "-", "--db", str(db),
                                  "--analyzer", SPEC], input="Text.\n")
    assert r.exit_code == 1 and "Traceback" not in r.output
    msg = r.stderr
    assert f"{db}: the file or its folder is not writable" in msg and why in msg
    assert "--db" in msg and "lagebild events" in msg
    assert CliRunner().invoke(main, ["summary", "--db", str(db)]).exit_code == 0
