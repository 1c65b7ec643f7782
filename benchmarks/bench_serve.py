"""Response times of `lagebild serve`: every page and its JSON twin on a large database.

The database: the 1,000 10kGNAD articles of ../shared/data/10kgnad/articles.csv.xz (or
$LAGEBILD_SHARED/data/...; the corpus has no dates, so their document dates are spread
over 2022) ingested once with the real analyzer (2 workers), then grown
with varied copies of every event (``Store.replicate_events``: dates moved back by a week
per copy, source and target swapped in every other copy) to at least --events events.
It is kept in build/bench_serve.duckdb and reused (--rebuild to start again); the
database before the copies is kept as build/gnad1000.duckdb.

Each page and JSON twin is requested --requests times (default 200) in-process through
Starlette's TestClient, cycling over varied parameters (actors, dyads, events, articles,
pages, search words); the process is pinned to one core. Prints p50/p95 per URL; the
target is p95 < 300 ms for every page.

    python benchmarks/bench_serve.py                  # build (once) and measure
    python benchmarks/bench_serve.py --requests 50    # quicker
    python benchmarks/bench_serve.py --json out.json  # also write the figures
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import lzma
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lagebild.ingest import Ingester, Progress  # noqa: E402
from lagebild.records import Article  # noqa: E402
from lagebild.store import Store  # noqa: E402

TARGET_P95_MS = 300.0


def shared_dir() -> Path:
    env = os.environ.get("LAGEBILD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def load_articles() -> list[Article] | None:
    path = shared_dir() / "data" / "10kgnad" / "articles.csv.xz"
    if not path.exists():
        return None
    csv.field_size_limit(10**8)
    out = []
    day0 = _dt.date(2022, 1, 1)
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 3:  # the corpus has no dates: spread the articles over a year
                dct = (day0 + _dt.timedelta(days=len(out) % 365)).isoformat()
                out.append(Article(doc_id=row[0], text=row[2], source="derstandard.at",
                                   dct=dct, title=None, origin=f"{path.name}:{row[0]}"))
    return out


def build(db: Path, min_events: int) -> dict:
    arts = load_articles()
    if arts is None:
        sys.exit("bench_serve: ../shared/data/10kgnad/articles.csv.xz not found -- nothing to measure")
    db.parent.mkdir(parents=True, exist_ok=True)
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store(db) as store, Ingester(store, workers=2, progress=Progress(quiet=True)) as ing:
        ing.ingest(arts)
    t_ingest = time.perf_counter() - t0
    shutil.copyfile(db, db.with_name("gnad1000.duckdb"))  # the real articles only (screenshots)
    with Store(db) as store:
        base = store.counts()["events"]
        copies = max(0, -(-min_events // max(base, 1)) - 1)
        total = store.replicate_events(copies)
        store.con.execute("CHECKPOINT")
    return {"articles": len(arts), "ingest_s": round(t_ingest, 1), "ingested_events": base,
            "copies": copies, "events": total, "build_s": round(time.perf_counter() - t0, 1)}


def samples(db: Path) -> dict[str, list[str]]:
    """Varied parameters for each page, from the database itself."""
    with Store(db, read_only=True) as s:
        q = s.con.execute
        actors = [r[0] for r in q("""SELECT code FROM (SELECT unnest(source_codes) AS code FROM events)
                                     GROUP BY 1 ORDER BY count(*) DESC LIMIT 10""").fetchall()]
        dyads = [f"{a}/{b}" for a, b in q("""
            WITH s AS (SELECT unnest(source_codes) AS a, target_codes FROM events),
                 p AS (SELECT a, unnest(target_codes) AS b FROM s)
            SELECT a, b FROM p WHERE a <> b GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 10""").fetchall()]
        events = [r[0] for r in q("SELECT event_id FROM events USING SAMPLE 20 ROWS "
                                  "(reservoir, 7)").fetchall()]
        articles = [r[0] for r in q("SELECT article_id FROM articles USING SAMPLE 20 ROWS "
                                    "(reservoir, 7)").fetchall()]
    words = ["Regierung", "Sanktionen", "Wien", "Krieg", "Wahl", "Polizei", "Flüchtlinge",
             "Trump", "Verhandlungen", "Grenze"]
    return {
        "/overview": ["", "?actor=" + actors[0], "?factuality=asserted", "?page=3",
                      "?type=ACCUSE&per_page=100", "?min_outlets=1&since=2021"],
        "/map": ["", "?by=actor", "?actor=" + actors[1], "?factuality=asserted"],
        "/actors": ["", "?factuality=asserted"],
        "/actors/{}": [a for a in actors],
        "/dyads/{}": dyads,
        "/events/{}": [str(e) for e in events],
        "/articles/{}": [str(a) for a in articles],
        "/search": [f"?q={w}" for w in words],
    }


def urls_for(page: str, variants: list[str], json_twin: bool) -> list[str]:
    out = []
    for v in variants:
        if "{}" in page:
            base = page.format(v)
            out.append(base + (".json" if json_twin else ""))
        else:
            out.append(page + (".json" if json_twin else "") + v)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))
    return xs[k]


def measure(db: Path, n: int) -> list[dict]:
    from starlette.testclient import TestClient

    from lagebild.web.app import create_app
    rows = []
    with TestClient(create_app(db)) as c:
        for page, variants in samples(db).items():
            for json_twin in (False, True):
                urls = urls_for(page, variants, json_twin)
                for u in urls[:3]:  # warm up (templates, lexicon for names)
                    c.get(u)
                times = []
                for i in range(n):
                    u = urls[i % len(urls)]
                    t0 = time.perf_counter()
                    r = c.get(u)
                    times.append((time.perf_counter() - t0) * 1000)
                    if r.status_code != 200:
                        raise SystemExit(f"{u}: status {r.status_code}: {r.text[:200]}")
                label = page.replace("{}", "…") + (".json" if json_twin else "")
                rows.append({"page": label, "requests": n, "p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(pct(times, 95), 1), "max_ms": round(max(times), 1)})
                print(f"{label:<18} p50 {rows[-1]['p50_ms']:7.1f} ms   p95 {rows[-1]['p95_ms']:7.1f} ms"
                      f"   max {rows[-1]['max_ms']:7.1f} ms", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=REPO / "build" / "bench_serve.duckdb")
    ap.add_argument("--events", type=int, default=50_000, help="at least this many events")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    info: dict = {}
    if a.rebuild or not a.db.exists():
        info = build(a.db, a.events)
        print(f"built {a.db}: {info}", flush=True)
    with Store(a.db, read_only=True) as s:
        info.update(s.counts())
    if info["events"] < a.events:
        sys.exit(f"{a.db} has {info['events']} events, fewer than {a.events}: use --rebuild")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    print(f"database: {info['events']} events, {info['articles']} articles, "
          f"{info['mentions']} mentions; one core; {a.requests} requests per URL", flush=True)
    rows = measure(a.db, a.requests)
    worst = max(r["p95_ms"] for r in rows)
    print(f"worst p95: {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms): "
          f"{'met' if worst < TARGET_P95_MS else 'NOT met'}")
    if a.json:
        a.json.write_text(json.dumps({"database": info, "pages": rows, "worst_p95_ms": worst},
                                     indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
