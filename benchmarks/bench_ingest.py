"""Ingest throughput, re-ingest speed-up and worker memory over a long stream.

Uses the 1,000 10kGNAD articles in ../shared/data/10kgnad/articles.csv.xz (or
$LAGEBILD_SHARED/data/...); exits cleanly with a message when they are absent.

\b
    python benchmarks/bench_ingest.py                 # 1,000 articles, 1 and 2 workers, re-ingest
    python benchmarks/bench_ingest.py --quick         # 200 articles, short stream
    python benchmarks/bench_ingest.py --stream 50000  # + memory over a 50,000-article stream
    python benchmarks/bench_ingest.py --json out.json # also write the figures as JSON

Figures printed as a table:
* articles/s with 1 worker (analysis in the ingesting process) and with 2 worker
  processes (spawned, the analyzer loaded once per worker; the parent reads, hashes
  and writes), each into a fresh database, wall clock including worker start-up;
* re-ingest of the same articles into the first database: new rows (must be 0) and
  the speed-up over the first run;
* stream: the 1,000 texts varied (every 6th word replaced by another corpus word,
  differently per copy, so they are neither duplicates nor near-duplicates) and ingested with 2 workers; the
  peak RSS of every worker and of the writer after the first slice and at the end.
"""
from __future__ import annotations

import argparse
import csv
import json
import lzma
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from lagebild.ingest import Ingester
from lagebild.records import Article
from lagebild.store import Store

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    env = os.environ.get("LAGEBILD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def load_articles(limit: int | None = None) -> list[Article] | None:
    path = shared_dir() / "data" / "10kgnad" / "articles.csv.xz"
    if not path.exists():
        return None
    csv.field_size_limit(10**8)
    out = []
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) < 3:
                continue
            out.append(Article(doc_id=row[0], text=row[2], source="derstandard.at",
                               title=None, origin=f"{path.name}:{row[0]}"))
            if limit and len(out) >= limit:
                break
    return out


def varied(articles: list[Article], n: int):
    """n articles: copy k of article i has about every 6th word replaced by a random
    word of the corpus (word 3-gram Jaccard to the original ~0.4, well below the
    near-duplicate level; no invented words, so a growing vocabulary is the
    analyzer's, not the benchmark's)."""
    vocab = sorted({w for a in articles[:200] for w in a.text.split(" ") if w.isalpha()})
    for j in range(n):
        k, i = divmod(j, len(articles))
        a = articles[i]
        if k == 0:
            yield a
            continue
        rng = random.Random(j)
        words = a.text.split(" ")
        for w in range(rng.randrange(6), len(words), 6):
            words[w] = rng.choice(vocab)
        yield Article(doc_id=f"{a.doc_id}-v{k}", text=" ".join(words), source=a.source)


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float | None:
    """User+system CPU seconds of this process and all its live descendants (the
    worker processes included), or None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    me = psutil.Process()
    total = 0.0
    for p in [me] + me.children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def current_rss_mib(pids) -> list[float]:
    """Current RSS of the given processes (needs psutil; empty without)."""
    try:
        import psutil
    except ImportError:
        return []
    out = []
    for pid in pids:
        try:
            out.append(round(psutil.Process(pid).memory_info().rss / 2**20, 1))
        except psutil.Error:
            pass
    return out


def run(db: Path, articles, workers: int, batch: int, analyzer=None):
    """Ingest into ``db``; returns (stats, wall seconds, counts, CPU seconds, load avg)."""
    load0 = os.getloadavg()[0]
    with Store(db) as store, Ingester(store, workers=workers, batch_size=batch,
                                      analyzer=analyzer) as ing:
        c0 = cpu_seconds()
        t0 = time.perf_counter()
        stats = ing.ingest(articles)
        secs = time.perf_counter() - t0
        c1 = cpu_seconds()
        counts = store.counts()
    cpu = None if c0 is None else c1 - c0
    return stats, secs, counts, cpu, (round(load0, 2), round(os.getloadavg()[0], 2))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="200 articles, 2,000-article stream")
    ap.add_argument("--articles", type=int, default=None, help="how many articles (max 1000)")
    ap.add_argument("--stream", type=int, default=None,
                    help="length of the memory stream (0: skip; default 0, --quick 2000)")
    ap.add_argument("--slice", type=int, default=None,
                    help="stream articles between memory readings (default: stream/10)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--analyzer", default=None, help="module:callable (default: lagebild's)")
    ap.add_argument("--skip-two", action="store_true", help="skip the 2-worker run")
    ap.add_argument("--stream-only", action="store_true",
                    help="only the memory stream (no throughput and re-ingest runs)")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = ap.parse_args(argv)

    n = args.articles or (200 if args.quick else 1000)
    arts = load_articles(n)
    if arts is None:
        print(f"skipped: {shared_dir() / 'data/10kgnad/articles.csv.xz'} not present "
              f"(set LAGEBILD_SHARED)", file=sys.stderr)
        return 0
    stream_n = args.stream if args.stream is not None else (2000 if args.quick else 0)
    tmp = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    rows, fig = [], {"articles": len(arts), "cpus": os.cpu_count()}

    try:
        measure(args, arts, stream_n, tmp, rows, fig)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(rows, fig, args)
    return 0


def note(cpu, load, n) -> str:
    if cpu is None:
        return f"load avg {load[0]}->{load[1]}"
    return (f"{cpu:.0f} CPU s ({n / cpu:.1f} articles per CPU-second), "
            f"load avg {load[0]}->{load[1]}")


def measure(args, arts, stream_n, tmp, rows, fig) -> None:
    if args.stream_only:
        stream(args, arts, stream_n, tmp, rows, fig)
        return

    s1, t1, c1, cpu1, load1 = run(tmp / "w1.duckdb", arts, 1, args.batch_size, args.analyzer)
    fig["one_worker"] = {"seconds": round(t1, 2), "articles_per_s": round(len(arts) / t1, 1),
                         "cpu_seconds": cpu1 and round(cpu1, 1), "load_avg": load1,
                         "events": c1["events"], "mentions": c1["mentions"],
                         "near_duplicates": c1["near_duplicates"], "errors": s1.errors,
                         "analysis_s_per_article": round(s1.analysis_seconds / max(1, s1.new), 4)}
    rows.append(("ingest, 1 worker", len(arts), t1, len(arts) / t1,
                 f"{c1['events']} events, {c1['mentions']} mentions, {s1.errors} errors; "
                 + note(cpu1, load1, len(arts))))
    print(f"1 worker: {len(arts) / t1:.1f} articles/s", file=sys.stderr)

    if not args.skip_two:
        s2, t2, c2, cpu2, load2 = run(tmp / "w2.duckdb", arts, 2, args.batch_size,
                                      args.analyzer)
        fig["two_workers"] = {"seconds": round(t2, 2),
                              "articles_per_s": round(len(arts) / t2, 1),
                              "speedup_vs_one": round(t1 / t2, 2), "events": c2["events"],
                              "cpu_seconds": cpu2 and round(cpu2, 1), "load_avg": load2,
                              "same_counts_as_one_worker": c2 == c1}
        rows.append(("ingest, 2 workers", len(arts), t2, len(arts) / t2,
                     f"x{t1 / t2:.2f} vs 1 worker; same rows: {c2 == c1}; "
                     + note(cpu2, load2, len(arts))))
        print(f"2 workers: {len(arts) / t2:.1f} articles/s", file=sys.stderr)

    s3, t3, c3, _, _ = run(tmp / "w1.duckdb", arts, 1, args.batch_size, args.analyzer)
    new_rows = sum(c3[k] - c1[k] for k in c1)
    fig["reingest"] = {"seconds": round(t3, 3), "new_rows": new_rows,
                       "speedup_vs_first": round(t1 / t3, 1)}
    rows.append(("re-ingest (same db)", len(arts), t3, len(arts) / t3,
                 f"{new_rows} new rows, x{t1 / t3:.0f} faster than the first run"))

    stream(args, arts, stream_n, tmp, rows, fig)


def stream(args, arts, stream_n, tmp, rows, fig) -> None:
    """The long-stream memory check (2 workers)."""
    if stream_n:
        slice_n = args.slice or max(500, stream_n // 10)
        curve = []
        with Store(tmp / "stream.duckdb") as store, Ingester(
                store, workers=2, batch_size=args.batch_size, analyzer=args.analyzer) as ing:
            it = varied(arts, stream_n)
            done, t0 = 0, time.perf_counter()
            while done < stream_n:
                part = [a for _, a in zip(range(min(slice_n, stream_n - done)), it)]
                st = ing.ingest(part)
                done += len(part)
                workers = ing.worker_rss()
                curve.append({"articles": done, "seconds": round(time.perf_counter() - t0, 1),
                              "new": st.new, "near_duplicates": st.near_duplicates,
                              "worker_peak_rss_mib": [round(k / 1024, 1) for _, k in workers],
                              "worker_rss_mib": current_rss_mib(p for p, _ in workers),
                              "writer_peak_rss_mib": round(rss_mib(), 1),
                              "writer_rss_mib": (current_rss_mib([os.getpid()]) or [None])[0]})
                print(f"stream {done:,}: worker peak RSS {curve[-1]['worker_peak_rss_mib']} "
                      f"MiB (now {curve[-1]['worker_rss_mib']}), writer peak "
                      f"{curve[-1]['writer_peak_rss_mib']} MiB (now {curve[-1]['writer_rss_mib']})",
                      file=sys.stderr)
            secs = time.perf_counter() - t0
            counts = store.counts()
        fig["stream"] = {"articles": stream_n, "seconds": round(secs, 1),
                         "articles_per_s": round(stream_n / secs, 1), "curve": curve,
                         "stored": counts["articles"],
                         "near_duplicates": counts["near_duplicates"]}
        first, last = curve[0], curve[-1]
        rows.append(("stream, 2 workers", stream_n, secs, stream_n / secs,
                     f"worker peak RSS {first['worker_peak_rss_mib']} -> "
                     f"{last['worker_peak_rss_mib']} MiB, writer {first['writer_peak_rss_mib']}"
                     f" -> {last['writer_peak_rss_mib']} MiB, {counts['near_duplicates']} "
                     f"near-dups"))



def report(rows, fig, args) -> None:
    print(f"\n{'run':<22} {'articles':>8} {'seconds':>9} {'articles/s':>11}  notes")
    for name, k, secs, rate, note in rows:
        print(f"{name:<22} {k:>8,} {secs:>9.2f} {rate:>11.1f}  {note}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
