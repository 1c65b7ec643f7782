#!/usr/bin/env python3
"""Choose the articles of the event corpus and freeze their splits (run once, before any model work).

Every International and Inland article of ../shared/data/10kgnad/articles.csv.xz, plus the
articles of the other categories whose text names political actors often enough (a fixed
word list, counted per 1,000 characters), minus the 12 dev gold articles (they stay the
separate dev gold of ../shared/gold/dev). Splits are by article, from a SHA-1 of the id:
test 90, dev 45, train the rest. Writes data/events/articles.tsv (id, category, split, batch).

usage: python tools/select_corpus.py [--extra 95]
"""
import argparse
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lagebild.corpus import CORPUS_DIR, gnad_texts, shared_dir  # noqa: E402

POLITICAL = re.compile(
    r"\b(Regierung\w*|Minister\w*|Präsident\w*|Kanzler\w*|Parlament\w*|Partei\w*|Polizei\w*|"
    r"Armee\w*|Militär\w*|Soldat\w*|Truppen|Sanktion\w*|Botschaft\w*|Gericht\w*|Staatsanwalt\w*|"
    r"Demonstr\w*|Protest\w*|Anschlag\w*|Angriff\w*|Flüchtling\w*|Asyl\w*|EU|Uno|UNO|Nato|NATO|"
    r"Abkommen\w*|Verhandlung\w*|Opposition\w*|Rebell\w*|Terror\w*|Wahl\w*)\b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extra", type=int, default=95, help="articles taken from the other categories")
    args = ap.parse_args()
    texts = gnad_texts()
    dev = {p.stem for p in (shared_dir() / "gold" / "dev").glob("*.json")}
    core = [i for i, (cat, _) in texts.items() if cat in ("International", "Inland") and i not in dev]
    others = []
    for i, (cat, text) in texts.items():
        if cat in ("International", "Inland", "Sport", "Kultur", "Wissenschaft") or i in dev:
            continue
        density = len(POLITICAL.findall(text)) * 1000 / max(len(text), 1)
        others.append((density, i))
    others.sort(reverse=True)
    chosen = core + [i for _, i in others[:args.extra]]
    order = sorted(chosen, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    split = {i: ("test" if k < 90 else "dev" if k < 135 else "train") for k, i in enumerate(order)}
    out = CORPUS_DIR / "articles.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write("# frozen before model work; see tools/select_corpus.py\n")
        f.write("doc_id\tcategory\tsplit\n")
        for i in sorted(chosen):
            f.write(f"{i}\t{texts[i][0]}\t{split[i]}\n")
    print(f"{len(chosen)} articles -> {out} "
          f"(test {sum(v == 'test' for v in split.values())}, dev {sum(v == 'dev' for v in split.values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
