"""watch keeps polling while a reader holds the database, and bounds each round."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

from lagebild.errors import DatabaseLocked
from lagebild.ingest import Ingester, _reopen, watch
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC  # noqa: E402


def test_reopen_waits_as_long_as_the_database_is_in_use():
    calls, warnings, slept = [], [], []

    class Busy:
        def reopen(self):
            calls.append(1)
            if len(calls) < 100:            # > 60 s at 2 s per try: it used to give up at 30
                raise DatabaseLocked("x.duckdb: the database is in use by another process")

    ing = SimpleNamespace(store=Busy(), refresh=lambda: None,
                          progress=SimpleNamespace(warn=warnings.append))
    _reopen(ing, sleep=slept.append)
    assert len(calls) == 100 and len(slept) == 99
    assert 2 <= len(warnings) <= 6                  # about once a minute, not every try
    assert "free again" in warnings[-1]


def test_round_budget_moves_late_feeds_to_the_next_round(tmp_path):
    now = [0.0]
    fetched = []

    def fetch(url, **kw):
        fetched.append(url)
        now[0] += 50.0                               # every feed takes 50 s
        return SimpleNamespace(url=url, status=304, articles=[], etag=None, modified=None,
                               warnings=[])

    warnings = []
    with Store(tmp_path / "w.duckdb") as store, Ingester(store, analyzer=SPEC) as ing:
        ing.progress.warn = warnings.append
        watch(ing, ["u1", "u2", "u3"], every=60, max_rounds=2, fetch=fetch,
              sleep=lambda s: None, round_budget=60, clock=lambda: now[0])
    assert fetched == ["u1", "u2", "u3", "u1"]      # round 2 starts with the late u3
    assert any("wait for the next round: u3" in w for w in warnings)


def test_a_stop_that_lands_in_a_query_stops_the_watcher(tmp_path):
    """SIGTERM during a DuckDB query ("Query interrupted") was logged as one feed's failure and
    the watcher went on polling (a new-user probe: 7,800 rounds until a second signal)."""
    fetched, errors = [], []

    def fetch(url, **kw):
        fetched.append(url)
        if len(fetched) == 2:
            raise RuntimeError("Query interrupted")
        return SimpleNamespace(url=url, status=304, articles=[], etag=None, modified=None, warnings=[])

    with Store(tmp_path / "s.duckdb") as store, Ingester(store, analyzer=SPEC) as ing:
        ing.progress.error = errors.append
        watch(ing, ["u1", "u2", "u3"], every=0, fetch=fetch, sleep=lambda s: None)
    assert fetched == ["u1", "u2"] and errors == []
