#!/usr/bin/env python3
"""Choose the news sentences for NER annotation and write annotators' batch files (outside the repo).

Sentences of all 1,000 10kGNAD articles (lagebild's sentence splitter, 6 to 60 tokens), sampled
per category with a fixed seed. Batches for correction carry the shipped NER model's entities
as ``[[text|LABEL]]`` marks (MISC written as OTH); the agreement batch (300 sentences) carries
no marks, so that two annotators label it from scratch.

usage: python tools/make_ner_batches.py OUT_DIR [--n 5300] [--batches 4] [--double 300]
       [--exclude data/ner/news.jsonl] [--first-batch 5]

With --exclude, sentences already in a stand-off NER file are skipped (a second round of
annotation); --first-batch numbers the batch files on from an earlier round.
"""
import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lagebild.corpus import gnad_texts, to_markup  # noqa: E402
from lagebild.text import segment  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=5300)
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--double", type=int, default=300)
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="stand-off NER JSONL whose sentences are already annotated")
    ap.add_argument("--first-batch", type=int, default=1)
    args = ap.parse_args()
    from lagebild.ner import try_load_ner
    ner = try_load_ner()
    texts = gnad_texts()
    done = set()
    for path in args.exclude:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                rec = json.loads(raw)
                done.add((rec["doc_id"], rec["start"], rec["end"]))
    by_cat = defaultdict(list)
    for doc_id, (cat, text) in sorted(texts.items()):
        for s in segment(text):
            n_tok = len(s.text.split())
            if 6 <= n_tok <= 60 and s.kind == "body" and (doc_id, s.start, s.end) not in done:
                by_cat[cat].append((doc_id, s.start, s.end))
    rng = random.Random(2014)
    pool = []
    for cat in sorted(by_cat):
        rng.shuffle(by_cat[cat])
    total = sum(len(v) for v in by_cat.values())
    for cat, sents in sorted(by_cat.items()):
        pool += sents[: round(args.n * len(sents) / total)]
    rng.shuffle(pool)
    double, rest = pool[: args.double], pool[args.double:]
    args.out.mkdir(parents=True, exist_ok=True)

    def line(doc_id, s, e, pre):
        text = texts[doc_id][1][s:e]
        ents = []
        if pre and ner is not None:
            doc = ner.nlp(text)
            ents = [(x.start_char, x.end_char, "OTH" if x.label_ == "MISC" else x.label_) for x in doc.ents]
        return json.dumps({"id": f"{doc_id}:{s}-{e}", "text": to_markup(text, ents)}, ensure_ascii=False)

    if double:
        (args.out / "double.jsonl").write_text("\n".join(line(*x, False) for x in double) + "\n",
                                               encoding="utf-8")
    size = -(-len(rest) // args.batches)
    for b in range(args.batches):
        part = rest[b * size:(b + 1) * size]
        (args.out / f"batch{args.first_batch + b}.jsonl").write_text("\n".join(line(*x, True) for x in part) + "\n",
                                                     encoding="utf-8")
    print(f"{len(double)} sentences for double annotation, {len(rest)} in {args.batches} batches -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
