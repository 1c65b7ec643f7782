"""A database another process holds: the writing commands exit 75 (EX_TEMPFAIL, "busy, try
again") and can wait for it (--wait SECONDS), and a read-only `lagebild serve` lets go of the file
between requests, so that an ingest can write while it is idle. The lock is always held by a
second process (DuckDB locks a file per process), never mocked."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.cli.options import EXIT_LOCKED
from lagebild.errors import DatabaseLocked
from lagebild.store import Store, open_store

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))
from test_ingest import SPEC, art, ingest  # noqa: E402

#: holds the database (argv[1]) with a DuckDB connection, read-only when argv[2] is "ro", until a
#: line comes on stdin
HOLD = ("import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro'); "
        "print('locked', flush=True); sys.stdin.readline(); c.close()")


class Holder:
    """A second process holding ``db`` (for writing, or read-only: either keeps a writer out)."""

    def __init__(self, db: Path, mode: str = "rw"):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            self.proc.wait(20)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(20)


def _one_article(db: Path) -> None:
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])


@pytest.fixture
def db(tmp_path, built_once):
    return built_once(_one_article, tmp_path / "held.duckdb")


@pytest.fixture
def article(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "n2", "date": "2022-03-01",
                               "text": "Ein neuer Bericht.\n#EV CONSULT USA DEU 2022-03-01"}) + "\n",
                   encoding="utf-8")
    return src


def _flat(help_text: str) -> str:
    """A --help text on one line, with the words click wrapped at a hyphen ("--release-" /
    "after") joined again."""
    import re
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(help_text.split()))


def _articles(db: Path) -> int:
    with Store(db, read_only=True) as s:
        return s.counts()["articles"]


@pytest.fixture
def analyzer_path(monkeypatch):
    monkeypatch.syspath_prepend(str(TESTS))


def _command(name: str, db: Path, src: Path) -> list[str]:
    return {"ingest": ["ingest", str(src)],
            "watch": ["watch", "http://127.0.0.1:9/feed.xml", "--max-rounds", "1"],
            "reanalyze": ["reanalyze"]}[name] + ["--db", str(db), "--analyzer", SPEC]


# -- (b) exit status 75 ------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["rw", "ro"])
@pytest.mark.parametrize("name", ["ingest", "watch", "reanalyze"])
def test_a_writing_command_exits_75_when_another_process_holds_the_database(
        db, article, analyzer_path, name, mode):
    """`ingest` while a server or another ingest held the file exited 1, the status of "nothing
    could be read", so cron could not tell "busy, try again" from bad input (a new-user probe)."""
    with Holder(db, mode):
        r = CliRunner().invoke(main, _command(name, db, article))
    assert r.exit_code == EXIT_LOCKED == 75, r.output
    assert f"{db}: the database is in use by another process" in r.stderr
    assert "--wait SECONDS" in r.stderr and "Traceback" not in r.output
    assert _articles(db) == 1                   # nothing was written


def test_a_query_of_a_database_another_process_writes_exits_75_too(db):
    with Holder(db):
        r = CliRunner().invoke(main, ["events", "--db", str(db)])
    assert r.exit_code == 75 and "in use by another process" in r.stderr, r.output


def test_the_store_raises_database_locked_for_a_held_file(db):
    with Holder(db), pytest.raises(DatabaseLocked, match="in use by another process"):
        Store(db)


@pytest.mark.parametrize("name", ["ingest", "watch", "reanalyze"])
def test_help_of_the_writing_commands_documents_75_and_wait(name):
    r = CliRunner().invoke(main, [name, "--help"])
    assert r.exit_code == 0
    text = _flat(r.output)
    assert "75 when another process holds the database" in text     # the exit status's phrase
    assert "--wait SECONDS" in text and "try again for up to this many seconds" in text


# -- what is a lock: DuckDB's own refusal, never the letters "lock" in a path ---------------------
def test_the_lock_is_recognised_by_duckdbs_own_words_for_a_file_another_process_holds(tmp_path):
    """The message of a real lock (a second process holds a file under blocked/) is a lock."""
    from lagebild.store import _is_lock
    db = tmp_path / "blocked" / "clock.duckdb"
    db.parent.mkdir()
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    import duckdb
    for mode in ("rw", "ro"):
        with Holder(db, mode), pytest.raises(duckdb.IOException) as e:
            duckdb.connect(str(db))
        assert _is_lock(e.value), str(e.value)


@pytest.mark.parametrize("message", [
    'IO Error: Cannot open file "/srv/blocked/lage.duckdb": Permission denied',
    'IO Error: Cannot open file "/home/lockhart/lage.duckdb": Read-only file system',
    'IO Error: Could not write file "/data/clock.duckdb": No space left on device',
    'IO Error: Could not read enough bytes from file "/srv/blocked/lage.duckdb": attempted to '
    'read 4096 bytes from location 0',
    # the prefix of a lock, with a reason no wait outlasts (an NFS mount without locking)
    'IO Error: Could not set lock on file "/nfs/lage.duckdb": File locks are not supported for '
    'this file system, cannot open the file in read-write mode. Try opening the file in '
    'read-only mode. See also https://duckdb.org/docs/stable/connect/concurrency',
    'IO Error: Could not set lock on file "/nfs/lage.duckdb": No locks available. See also '
    'https://duckdb.org/docs/stable/connect/concurrency',
    'IO Error: Cannot open file "/tmp/Could not set lock on file/x.duckdb": Conflicting lock is held',
], ids=["permission", "read-only-fs", "disk-full", "damaged", "no-lock-support", "enolck",
        "lock-words-in-path"])
def test_an_error_whose_path_holds_the_letters_lock_is_no_lock(message):
    """`_is_lock` tested for "lock" anywhere in DuckDB's first line, which holds the path, so a
    damaged file or a permission error under /srv/blocked/ was "in use by another process"."""
    import duckdb
    from lagebild.store import _is_lock
    assert not _is_lock(duckdb.IOException(message))


def test_a_damaged_database_under_a_folder_named_blocked_fails_at_once_despite_wait(
        tmp_path, article, analyzer_path):
    """Exit 1 with the damaged-file message, at once: not 75 ("in use"), not retried by --wait."""
    db = tmp_path / "blocked" / "x.duckdb"
    db.parent.mkdir()
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    with open(db, "r+b") as fh:
        fh.truncate(64 * 1024)      # damage DuckDB meets when it connects (not first in a query)
    t0 = time.monotonic()
    r = CliRunner().invoke(main, _command("ingest", db, article) + ["--wait", "5"])
    took = time.monotonic() - t0
    assert r.exit_code == 1, r.output
    assert "damaged or truncated" in r.stderr and "in use by another process" not in r.stderr
    assert "waiting up to" not in r.stderr and took < 4


# -- (c) --wait SECONDS --------------------------------------------------------------------------
def test_ingest_wait_tries_again_until_the_other_process_lets_go(db, article, analyzer_path):
    with Holder(db) as holder:
        threading.Timer(1.5, holder.release).start()
        t0 = time.monotonic()
        r = CliRunner().invoke(main, _command("ingest", db, article) + ["--wait", "60"])
        took = time.monotonic() - t0
    assert r.exit_code == 0, r.output
    assert r.stderr.count("waiting up to 60 s for") == 1        # said once, not every try
    line = next(x for x in r.stderr.splitlines() if x.startswith("waiting"))
    pid = holder.proc.pid
    assert line == f"waiting up to 60 s for {db}, held by another process (PID {pid}); Ctrl-C to stop"
    assert 1.0 < took < 30 and _articles(db) == 2


def test_ingest_wait_gives_up_with_75_when_the_file_stays_held(db, article, analyzer_path):
    with Holder(db):
        t0 = time.monotonic()
        r = CliRunner().invoke(main, _command("ingest", db, article) + ["--wait", "1"])
        took = time.monotonic() - t0
    assert r.exit_code == 75, r.output
    assert "waited 1 s; still held" in r.stderr and r.stderr.count("waiting up to 1 s") == 1
    assert 0.9 < took < 15 and _articles(db) == 1


@pytest.mark.parametrize("name,status,says", [
    ("ingest", 130, "interrupted before anything was read or written"),
    ("reanalyze", 130, "interrupted before anything was read or written"),
    ("watch", 0, "stopped before the first round; nothing was read or written"),
])
def test_ctrl_c_while_wait_waits_is_the_commands_interrupt_not_aborted(
        db, article, analyzer_path, monkeypatch, name, status, says):
    """Ctrl-C or SIGTERM while --wait waited printed click's "Aborted!" and exited 1 ("nothing
    could be read"); the help says 130 for ingest and reanalyze, 0 for a stopped watch."""
    import types
    import lagebild.store as store_mod

    def interrupted(seconds):
        raise KeyboardInterrupt
    monkeypatch.setattr(store_mod, "time", types.SimpleNamespace(sleep=interrupted,
                                                                 monotonic=time.monotonic))
    with Holder(db):
        r = CliRunner().invoke(main, _command(name, db, article) + ["--wait", "30"])
    assert r.exit_code == status, r.output
    assert "waiting up to 30 s" in r.stderr and says in r.stderr
    assert "Aborted" not in r.output and "Traceback" not in r.output
    assert _articles(db) == 1


def test_sigterm_while_an_ingest_waits_exits_130(db, article):
    """The real signal, to a real process: SIGTERM is turned into the interrupt while open_store
    sleeps between tries."""
    import signal
    with Holder(db):
        p = _ingest_subprocess(db, article, "--wait", "60", popen=True)
        line = p.stderr.readline()                  # the wait has begun
        assert line.startswith("waiting up to 60 s"), line
        p.send_signal(signal.SIGTERM)
        rest = p.stderr.read()
        assert p.wait(30) == 130, line + rest
    assert "interrupted before anything was read or written" in rest and "Aborted" not in rest


def test_open_store_says_once_that_it_waits_and_gives_up_after_the_seconds(db):
    said, slept, now = [], [], [0.0]

    def sleep(s):
        slept.append(s)
        now[0] += s
    with Holder(db), pytest.raises(DatabaseLocked, match=r"waited 3 s; still held"):
        open_store(db, wait=3, on_wait=said.append, sleep=sleep, clock=lambda: now[0])
    assert len(said) == 1 and isinstance(said[0], DatabaseLocked)
    assert abs(sum(slept) - 3) < 1e-9
    with Holder(db), pytest.raises(DatabaseLocked) as e:
        open_store(db, on_wait=said.append)             # wait 0: at once, nothing said
    assert "waited" not in str(e.value) and len(said) == 1


def test_wait_must_be_a_number_of_seconds(db, article):
    r = CliRunner().invoke(main, _command("ingest", db, article) + ["--wait", "-1"])
    assert r.exit_code == 2 and "--wait" in r.output


# -- (a) a read-only server lets go of the file ----------------------------------------------------


def _ingest_subprocess(db: Path, src: Path, *extra: str, popen: bool = False):
    """``lagebild ingest SRC --db DB`` in a process of its own (-q, unless ``popen``: then the
    running process, with its stderr a pipe)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(TESTS),
                                                      os.environ.get("PYTHONPATH", "")]))
    quiet = [] if popen else ["-q"]
    code = (f"import sys; from lagebild.cli import main; sys.argv=['lagebild','ingest',{str(src)!r},"
            f"'--db',{str(db)!r},'--analyzer',{SPEC!r},*{quiet + list(extra)!r}]; main()")
    if popen:
        return subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, text=True, cwd=ROOT, env=env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env)


def _client(db: Path, **kw):
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
    pytest.importorskip("jinja2", reason="the web extra is not installed (pip install '.[web]')")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    app = create_app(db, **kw)
    return TestClient(app), app.state.database


def _released(database, within: float = 10.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if database.store is None:
            return True
        time.sleep(0.05)
    return False


def test_a_read_only_server_lets_go_of_the_file_when_idle_so_an_ingest_can_write(db, article):
    """`lagebild serve --db` kept its connection open, so every `ingest` failed while it ran (a
    new-user probe). It closes its read-only store when idle; the next request opens it again and
    shows what the ingest wrote."""
    client, database = _client(db, idle_close=0.2)
    with client as c:
        assert c.get("/overview.json").json()["pagination"]["total"] == 1
        assert database.store is not None               # open while requests come
        assert _released(database)
        p = _ingest_subprocess(db, article)
        assert p.returncode == 0, p.stderr
        assert c.get("/overview.json").json()["pagination"]["total"] == 2


def test_a_server_with_a_request_in_flight_keeps_the_file_and_an_ingest_exits_75(db, article):
    client, database = _client(db, idle_close=0.1)
    with client:
        with database.use():                                # a request in flight
            database.queries()
            time.sleep(0.5)
            assert database.store is not None               # not closed under a request
            p = _ingest_subprocess(db, article)
            assert p.returncode == 75, p.stderr
            assert "in use by another process" in p.stderr and "Traceback" not in p.stderr
        assert _released(database)
        p = _ingest_subprocess(db, article, "--wait", "20")
        assert p.returncode == 0, p.stderr


def test_the_pages_say_busy_while_an_ingest_writes_and_recover(db):
    client, database = _client(db, idle_close=0.2)
    with client as c, Holder(db) as holder:
        r = c.get("/overview.json")
        assert r.status_code == 503
        # for the reader of a page: not the CLI's message with --wait SECONDS and --db
        assert r.json()["error"] == "another process is writing to the database; reload in a moment"
        page = c.get("/overview").text
        assert "Database busy" in page and "reload in a moment" in page and "--wait" not in page
        holder.release()
        assert c.get("/overview.json").status_code == 200


def test_serve_help_says_it_lets_go_of_the_file_and_release_after_is_for_read_only(db):
    r = CliRunner().invoke(main, ["serve", "--help"])
    text = _flat(r.output)
    assert r.exit_code == 0 and "--release-after" in text
    # also after the last request, not only while one is in flight (R22)
    assert ("An ingest without --wait that starts while a request is in flight, or within "
            "--release-after seconds after the last one, exits 75 (database in use)") in text
    assert "lets go of the database file for `lagebild ingest` (reanalyze, watch) run with --wait" in text
    assert "[default: 30.0;" in text
    assert "never: keep it open" in text
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--watch", "http://127.0.0.1:9/f",
                                  "--release-after", "5"])
    assert r.exit_code == 2 and "--release-after is for a read-only server" in r.output


# -- --release-after: bounded, or never; the busy state has a type -----------------------------
def _serve_without_server(monkeypatch, db, *args):
    """``lagebild serve --db DB ARGS -q`` up to the server, which is not run (nor a port bound):
    (the result, the idle_close its app got; absent when it got no app)."""
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
    import lagebild.cli.web as cw
    seen = {}

    class _Sock:
        def getsockname(self):
            return ("127.0.0.1", 8765)

    monkeypatch.setattr(cw, "_bound_socket", lambda host, port: _Sock())
    monkeypatch.setattr(cw, "_run_server", lambda app, sock, **kw: seen.update(
        idle=app.state.database.idle_close))
    return CliRunner().invoke(main, ["serve", "--db", str(db), *args, "-q"]), seen


@pytest.mark.parametrize("given,idle", [("never", None), ("NEVER", None), ("30", 30.0),
                                        ("86400", 86400.0)])
def test_release_after_takes_seconds_up_to_a_day_or_never(db, monkeypatch, given, idle):
    """`--release-after never` keeps the store open (the only way the CLI has to ask for it)."""
    r, seen = _serve_without_server(monkeypatch, db, "--release-after", given)
    assert r.exit_code == 0, r.output
    assert seen["idle"] == idle


@pytest.mark.parametrize("given", ["1e10", "86401", "-1", "inf", "nan", "sometimes"])
def test_release_after_beyond_a_day_is_a_usage_error(db, monkeypatch, given):
    """`--release-after 1e10` was taken: the first request's timer raised OverflowError
    ("timestamp out of range for platform time_t") in its thread, and the file was never let go."""
    r, seen = _serve_without_server(monkeypatch, db, "--release-after", given)
    assert r.exit_code == 2 and "--release-after" in r.output, r.output
    assert not seen                                         # no server


def test_the_app_refuses_an_idle_close_its_timer_cannot_take(db):
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
    from lagebild.web.app import Database
    with pytest.raises(ValueError, match="idle_close must be 0 to 86400 seconds or None"):
        Database(db, idle_close=1e10)


def test_the_busy_state_is_a_type_the_watcher_knows_not_a_page_title(db, monkeypatch):
    """The watcher of `serve --watch` waited only while the error's title was "Database busy":
    a page wording changed would have made it crash instead of wait."""
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
    from lagebild.web import app as web_app
    from lagebild.web.app import Database, Watcher
    monkeypatch.setattr(web_app.HTTPError, "__init__", _retitled(web_app.HTTPError.__init__))
    database = Database(db, writable=True)
    watcher = Watcher(database, ["http://127.0.0.1:9/feed.xml"], 60)
    watcher.retry = 0.05
    with Holder(db) as holder:
        with pytest.raises(web_app.HTTPError) as e:
            database.open()
        assert type(e.value).__name__ == "DatabaseBusy" and e.value.status == 503
        assert isinstance(getattr(e.value, "locked", None), DatabaseLocked)
        threading.Timer(0.5, holder.release).start()
        store = watcher._open_when_free()               # waits: it raised while the file was held
    assert store is not None and store is database.store
    database.close()


def _retitled(init):
    """HTTPError.__init__ that gives every page another title (a wording change)."""
    def __init__(self, status, message, title=None):
        init(self, status, message, title)
        self.title = "Die Datenbank ist beschäftigt"
    return __init__


# -- a writer that waits says so, and a read-only server lets go of the file for it -------------
def test_open_store_keeps_a_want_write_marker_while_it_waits_and_removes_it_however_it_ends(db):
    """`<db>.want-write` exists (fresh) while open_store waits, and not after: the file opened,
    given up, or interrupted."""
    from lagebild.store import want_write_path, wants_write
    marker = want_write_path(db)
    assert marker.name == "held.duckdb.want-write"
    seen = []

    def look(seconds):
        seen.append((marker.exists(), wants_write(db)))
    with Holder(db) as holder:
        # given up
        with pytest.raises(DatabaseLocked):
            open_store(db, wait=0.2, sleep=lambda s: (look(s), time.sleep(s)))
        assert seen and all(seen[-1]) and not marker.exists()

        def interrupted(seconds):
            look(seconds)
            raise KeyboardInterrupt
        with pytest.raises(KeyboardInterrupt):
            open_store(db, wait=30, sleep=interrupted)
        assert all(seen[-1]) and not marker.exists()

        def released(seconds):
            look(seconds)
            holder.release()
        open_store(db, wait=30, sleep=released).close()     # opened
        assert all(seen[-1]) and not marker.exists()
    with Holder(db), pytest.raises(DatabaseLocked):
        open_store(db)                                      # no wait: no marker
    with Holder(db), pytest.raises(DatabaseLocked):
        open_store(db, wait=0.3, read_only=True, sleep=lambda s: look(s) or time.sleep(s))
    assert seen[-1] == (False, False)                       # a reader does not announce itself


def test_a_stale_marker_of_a_killed_writer_is_ignored(db):
    from lagebild.store import WANT_WRITE_FRESH, want_write_path, wants_write
    marker = want_write_path(db)
    marker.write_text("12345\n")
    assert wants_write(db)
    old = time.time() - WANT_WRITE_FRESH - 1
    os.utime(marker, (old, old))
    assert not wants_write(db)
    client, database = _client(db)
    with client as c:
        assert c.get("/overview.json").status_code == 200   # not busy for a writer long gone


def test_a_read_only_server_lets_go_of_the_file_at_once_when_a_writer_waits(db):
    """With a long idle time the server would hold the file for it; a fresh marker makes it let
    go within a moment, and requests meanwhile are "busy" without opening the file."""
    from lagebild.store import want_write_path
    client, database = _client(db, idle_close=600)
    with client as c:
        assert c.get("/overview.json").status_code == 200
        assert database.store is not None
        want_write_path(db).write_text("1\n")
        assert _released(database, within=2.0)
        r = c.get("/overview")
        assert r.status_code == 503 and r.headers["retry-after"]
        assert "another process is writing to the database; reload in a moment" in r.text
        assert database.store is None                       # not opened for it
        want_write_path(db).unlink()
        assert c.get("/overview.json").status_code == 200


def test_steady_requests_do_not_keep_a_waiting_ingest_out(db, article):
    """R22: with a request every second, `ingest --wait 10` gave up with 75 after 13.6 s: each
    request restarted the idle time. The ingest that waits says so, the server lets go between
    two requests, and the pages say "busy" until the ingest is done."""
    client, database = _client(db, idle_close=600)
    statuses: list[int] = []
    stop = threading.Event()

    def reader(c):
        while not stop.is_set():
            statuses.append(c.get("/overview.json").status_code)
            time.sleep(0.2)
    with client as c:
        t = threading.Thread(target=reader, args=(c,), daemon=True)
        t.start()
        try:
            time.sleep(0.5)
            p = _ingest_subprocess(db, article, "--wait", "20")
        finally:
            stop.set()
            t.join(10)
        assert p.returncode == 0, p.stderr
        assert 503 in statuses and set(statuses) <= {200, 503}
        assert c.get("/overview.json").json()["pagination"]["total"] == 2


def test_a_watcher_waiting_between_rounds_announces_itself_too(db):
    """`lagebild watch` reopens the file for each round and waits while it is held: as a writer
    that waits, it keeps the marker, so a server with steady traffic lets it in."""
    from types import SimpleNamespace
    from lagebild.ingest import _reopen
    from lagebild.store import want_write_path, wants_write
    store = Store(db)
    store.close()
    seen = []
    ing = SimpleNamespace(store=store, refresh=lambda: None,
                          progress=SimpleNamespace(warn=lambda msg: None))
    with Holder(db) as holder:
        def sleep(seconds):
            seen.append(wants_write(db))
            holder.release()
        _reopen(ing, sleep=sleep)
    assert seen == [True] and store.con is not None and not want_write_path(db).exists()
    store.close()
