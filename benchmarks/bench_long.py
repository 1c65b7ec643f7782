"""Analysis time and peak memory of one long article: 0.1, 0.2, 0.4, 0.8, 1.6 MB.

    python benchmarks/bench_long.py [--sizes 0.1,0.2,0.4,0.8,1.6] [--no-models]

The article is made of real news paragraphs (the 10kGNAD articles in
../shared/data, else the bundled examples/), repeated until the size is reached.
Each size runs in a fresh process (peak RSS of that process). Long articles are
analyzed in bounded pieces (lagebild.longdoc), so time and memory should grow
linearly: the closing check is time(1.6 MB) / time(0.8 MB) <= 2.3.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "10kgnad" / "articles.csv.xz"


def _paragraphs() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from lagebild.readers import read_articles
    if DATA.exists():
        arts, _ = read_articles([str(DATA)], csv_header=False, csv_text=2, csv_id=0,
                                csv_date=None, csv_title=None, csv_url=None, csv_source=None)
        arts = arts[:400]
    else:
        arts, _ = read_articles([str(ROOT / "examples")])
    return [a.text.strip() for a in arts if a.text.strip()]


def _text(n_chars: int) -> str:
    paras = _paragraphs()
    out, size, i = [], 0, 0
    while size < n_chars:
        p = paras[i % len(paras)]
        out.append(p)
        size += len(p) + 2
        i += 1
    return "\n\n".join(out)[:n_chars]


def one(mb: float, use_models: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    text = _text(int(mb * 1_000_000))
    analyzer = Analyzer(use_models=use_models)
    analyzer(Article("warm", "Russland greift die Ukraine an.", "2022-02-18"))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    doc = analyzer(Article("long", text, "2022-02-18"))
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mb": mb, "chars": len(text), "seconds": round(dt, 2), "events": len(doc.events),
            "peak_rss_mb": round(peak), "rss_before_mb": round(base)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.2,0.4,0.8,1.6")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, not args.no_models)))
        return 0
    rows = []
    print(f"{'MB':>5} {'chars':>9} {'seconds':>8} {'s/MB':>6} {'events':>7} {'peak RSS MB':>12}")
    for mb in [float(x) for x in args.sizes.split(",")]:
        cmd = [sys.executable, __file__, "--one", str(mb)] + (["--no-models"] if args.no_models else [])
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True
                                      ).stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{mb:5.1f} {r['chars']:9,d} {r['seconds']:8.2f} {r['seconds'] / mb:6.1f} "
              f"{r['events']:7d} {r['peak_rss_mb']:12d}", flush=True)
    if len(rows) >= 2:
        ratio = rows[-1]["seconds"] / max(rows[-2]["seconds"], 1e-9)
        print(f"time ratio {rows[-1]['mb']:g} MB / {rows[-2]['mb']:g} MB: {ratio:.2f} "
              f"({'within' if ratio <= 2.3 else 'above'} the bound of 2.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
