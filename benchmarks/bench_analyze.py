"""Throughput and memory of ``lagebild analyze`` over the 1,000 10kGNAD articles.

    python benchmarks/bench_analyze.py [--limit N] [--no-models]

Reads ../shared/data/10kgnad/articles.csv.xz (skips with a message when absent),
analyzes every article in this one process (one core) after start-up, and prints
articles/s, tokens/s, events found and peak memory (RSS).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "10kgnad" / "articles.csv.xz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="analyze only the first N articles")
    ap.add_argument("--no-models", action="store_true", help="dictionaries only, no NER model")
    ap.add_argument("--data", default=str(DATA), help="the articles file (default: %(default)s)")
    args = ap.parse_args()
    if not Path(args.data).exists():
        print(f"skipped: {args.data} not present (needs ../shared/data)", file=sys.stderr)
        return 0
    from lagebild.pipeline import Analyzer
    from lagebild.readers import read_articles

    t0 = time.perf_counter()
    articles, stats = read_articles([args.data], csv_header=False, csv_text=2, csv_id=0, csv_date=None,
                                    csv_title=None, csv_url=None, csv_source=None)
    articles = articles[: args.limit] if args.limit else articles
    analyzer = Analyzer(use_models=not args.no_models)
    analyzer(articles[0])  # warm-up: lexicons, models, caches
    startup = time.perf_counter() - t0
    n_events = n_tokens = 0
    t1 = time.perf_counter()
    for art, doc in zip(articles, analyzer.pipe(articles)):
        n_events += len(doc.events)
        n_tokens += len(art.text.split())
    dt = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        {len(articles)}  ({stats.summary()})")
    print(f"start-up        {startup:.2f} s")
    print(f"analysis        {dt:.2f} s")
    print(f"articles/s      {len(articles) / dt:.1f}")
    print(f"words/s         {n_tokens / dt:.0f}")
    print(f"events          {n_events}  ({n_events / len(articles):.2f} per article)")
    print(f"peak RSS        {rss_mb:.0f} MB")
    print(f"models          {'off' if args.no_models else 'on'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
