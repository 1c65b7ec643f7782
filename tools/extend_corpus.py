#!/usr/bin/env python3
"""Add train-only articles to the event corpus (the frozen test and dev splits stay as they are).

The first corpus (tools/select_corpus.py) took every International and Inland article and the
95 most political of the others. This adds the remaining articles of the political categories
that ../shared/data/parzu_silver parsed (International, Inland, Wirtschaft, Panorama, Etat),
minus the 12 dev gold articles, as **train** articles: new annotation may widen what the models
learn from, but never moves an article into or out of dev or test. Appends to
data/events/articles.tsv (id, category, split) and prints the ids, one per line, for the
annotators' batches.

usage: python tools/extend_corpus.py [--dry-run]
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lagebild.corpus import CORPUS_DIR, gnad_texts, shared_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true", help="print the ids, change nothing")
    args = ap.parse_args()
    listing = shared_dir() / "data" / "parzu_silver" / "sentences.tsv"
    if not listing.exists():
        print(f"{listing}: not found -- the list of political articles comes from ../shared", file=sys.stderr)
        return 2
    texts = gnad_texts()
    path = CORPUS_DIR / "articles.tsv"
    have = {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[2:]}
    dev = {p.stem for p in (shared_dir() / "gold" / "dev").glob("*.json")}
    political = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        doc_id = line.split("\t", 1)[0]
        if doc_id in texts and doc_id not in political:
            political.append(doc_id)
    new = sorted(i for i in political if i not in have and i not in dev)
    if not args.dry_run:
        with path.open("a", encoding="utf-8") as f:
            for i in new:
                f.write(f"{i}\t{texts[i][0]}\ttrain\n")
    for i in new:
        print(i)
    print(f"{len(new)} train articles {'would be ' if args.dry_run else ''}added to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
