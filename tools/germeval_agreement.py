"""How well a careful annotator following docs/annotation.md reproduces GermEval 2014's own
annotation: span F1 of data/ner/agreement/germeval_check_G1.jsonl (250 sentences of the GermEval
dev file's training part, annotated blind and from scratch by a helper session that did not see
the file) against the GermEval gold, outer level.

    python tools/germeval_agreement.py [--data ../shared/data]

Read the result as a ceiling for the NER model on the GermEval holdout: the model is trained on
news sentences annotated with the same conventions. Needs ../shared/data (skips otherwise).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lagebild.ner import bio_to_spans, default_data_dir, read_germeval

HERE = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    ap.add_argument("--check", type=Path, default=HERE / "data/ner/agreement/germeval_check_G1.jsonl")
    args = ap.parse_args()
    path = (args.data or default_data_dir()) / "germeval2014" / "NER-de-dev.tsv"
    if not path.is_file():
        print(f"skipped: {path} not found (the GermEval dev file lives in ../shared/data)")
        return 0
    gold_sents = read_germeval(path, misc=False)
    for name, keep in (("PER/LOC/ORG", {"PER", "LOC", "ORG"}), ("PER", {"PER"}), ("LOC", {"LOC"}),
                       ("ORG", {"ORG"})):
        tp = fp = fn = n = 0
        for line in args.check.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            g = gold_sents[r["germeval_dev_sentence"]]
            if len(g.words) != r["tokens"]:
                print(f"{args.check}: sentence {r['germeval_dev_sentence']}: token count differs", file=sys.stderr)
                return 1
            gold = {s for s in bio_to_spans(g.tags) if s[2] in keep}
            pred = {tuple(s) for s in r["entities"] if s[2] in keep}
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
            n += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        print(f"{name:12s} P {p:.3f}  R {rc:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn}; {n} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
