"""Name and sector filters against code filters: the library's queries, the pages and the command
line on a database of real articles.

The databases (built once by ``benchmarks/bench_serve.py``, or with ``--build``): the 1,000
10kGNAD articles of ../shared/data/10kgnad/articles.csv.xz (or $LAGEBILD_SHARED/data/...)
ingested with the real analyzer (``build/gnad1000.duckdb``, 1,461 events) and the same grown to
51,135 events with varied copies (``build/bench_serve.duckdb``, ``Store.replicate_events``).
Each is copied to a temporary file first (opening a file of an older schema upgrades it: the
upgrade is timed too, and the original is left as it was) and measured read-only.

Each case runs --repeat times (default 30) after two warm-up runs, a fresh ``Queries`` (a
page's request) or ``CliRunner`` call each time (the lists: the first 50 events); printed: the median and the 90th percentile
in ms, the file size and, with --json, all figures as JSON. The process is pinned to one core.

    python benchmarks/bench_names.py                        # both databases, every case
    python benchmarks/bench_names.py --db build/gnad1000.duckdb --repeat 10
    python benchmarks/bench_names.py --json out.json
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lagebild.records import ActorRef  # noqa: E402
from lagebild.store import Store  # noqa: E402

FPOE, OEVP = ActorRef(name="FPÖ"), ActorRef(name="ÖVP")
#: "der Kanzler", "Faymann": a name found by the participants' words and by the actor they resolved to
FAYMANN = ActorRef(name="Werner Faymann")


def cases(db: Path) -> dict[str, Callable[[], object]]:
    """What is measured: (label -> a call) on the database ``db``."""
    from click.testing import CliRunner

    from lagebild.cli import main
    from lagebild.queries import EventFilter, Queries
    from lagebild.store import name_codes, stored_name_events
    store = Store(db, read_only=True)
    con = store.con

    def fresh() -> Store:
        """The store, as a command that opened it now (a read-only store keeps the participant
        filters it read: one call must not find the last one's)."""
        store._participants = None
        return store

    def cli(*args: str) -> Callable[[], object]:
        def run():
            r = CliRunner().invoke(main, [*args, "--db", str(db)])
            assert r.exit_code == 0, r.output
            return r.output
        return run

    out: dict[str, Callable[[], object]] = {
        "dyad_events FPÖ/ÖVP (names)": lambda: Queries(con.cursor()).dyad_events(FPOE, OEVP, EventFilter()),
        "dyad_events AUT/DEU (codes)": lambda: Queries(con.cursor()).dyad_events(
            ActorRef(code="AUT"), ActorRef(code="DEU"), EventFilter()),
        "dyad_events AUT/DEU sector GOV": lambda: Queries(con.cursor()).dyad_events(
            ActorRef(code="AUT"), ActorRef(code="DEU"), EventFilter(sector="GOV")),
        "query_events actor 'Werner Faymann'": lambda: fresh().query_events(actor=[FAYMANN]),
        "query_events actor AUT": lambda: fresh().query_events(actor="AUT"),
        "query_events sector PTY": lambda: fresh().query_events(sector="PTY"),
        "query_events actor AUT sector PTY": lambda: fresh().query_events(actor="AUT", sector="PTY"),
        "name_codes 'Werner Faymann'": lambda: name_codes(con, "Werner Faymann"),
        "stored_name_events 'Regierung'": lambda: stored_name_events(con, "Regierung", 100),
        "cli events --actor 'Werner Faymann'": cli("events", "--actor", "Werner Faymann", "--limit", "50"),
        "cli events --actor AUT": cli("events", "--actor", "AUT", "--limit", "50"),
        "cli timeline FPÖ ÖVP": cli("timeline", "FPÖ", "ÖVP"),
        "cli timeline AUT DEU": cli("timeline", "AUT", "DEU"),
    }
    try:
        from starlette.testclient import TestClient

        from lagebild.web.app import create_app
    except ImportError:     # the pages need the [web] extra
        return out
    client = TestClient(create_app(db))
    client.__enter__()

    def page(url: str) -> Callable[[], object]:
        def get():
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
            return r
        return get
    for url in ("/dyads/FPÖ/ÖVP", "/dyads/AUT/DEU", "/actors/FPÖ", "/actors/AUT",
                "/actors/AUT?sector=PTY", "/overview?sector=PTY", "/overview?actor=Werner Faymann"):
        out[f"page {url}"] = page(url)
    return out


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    for _ in range(2):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.9 * len(times)))]


def measure(original: Path, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / original.name
        shutil.copyfile(original, db)
        size = db.stat().st_size
        t0 = time.perf_counter()
        with Store(db) as s:      # an older schema is upgraded here
            version = s.meta()["schema_version"]
            counts = s.counts()
            s.con.execute("CHECKPOINT")
        opened = time.perf_counter() - t0
        info = {"db": str(original), "events": counts["events"], "schema_version": version,
                "size_bytes": size, "size_after_open_bytes": db.stat().st_size,
                "first_open_s": round(opened, 2), "cases": {}}
        print(f"{original}: {counts['events']} events, schema {version}, {size / 1e6:.2f} MB "
              f"({db.stat().st_size / 1e6:.2f} MB after the first opening, {opened:.2f} s)", flush=True)
        for label, fn in cases(db).items():
            med, p90 = timed(fn, repeat)
            info["cases"][label] = {"median_ms": round(med, 1), "p90_ms": round(p90, 1)}
            print(f"  {label:<40} median {med:8.1f} ms   p90 {p90:8.1f} ms", flush=True)
        return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, action="append",
                    help="a database to measure (repeatable; default: build/gnad1000.duckdb and "
                         "build/bench_serve.duckdb)")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--build", action="store_true", help="build the databases first (bench_serve.py)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    dbs = a.db or [REPO / "build" / "gnad1000.duckdb", REPO / "build" / "bench_serve.duckdb"]
    if a.build or not all(p.exists() for p in dbs):
        sys.path.insert(0, str(REPO / "benchmarks"))
        import bench_serve
        print(bench_serve.build(REPO / "build" / "bench_serve.duckdb", 50_000), flush=True)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    results = [measure(p, a.repeat) for p in dbs]
    if a.json:
        a.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
