"""Speed of lagebild's NER model alone, on one core.

Tags ~1000 sentences three ways and prints tokens per second:
  words     pre-tokenized sentences (what `lagebild ner FILE` does)
  annotate  Docs made by a separate spacy.blank("de") (what the analyzer does)
  predict   raw text -> Entity list (tokenization included), one sentence per call
  article   annotate() one article-sized Doc (20 sentences) per call, as the analyzer does

Sentences: the first 1000 of GermEval 2014 dev from ../shared/data if present
(only the tokens are used), else hand-written sentences repeated.

Run:  OMP_NUM_THREADS=1 python benchmarks/bench_ner.py [--model DIR] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import spacy  # noqa: E402

from lagebild.ner import default_data_dir, load_ner, read_germeval  # noqa: E402

FALLBACK = [
    "Bundeskanzler Friedrich Merz traf am Dienstag in Berlin den polnischen Regierungschef.",
    "Die Vereinten Nationen forderten Russland auf , die Angriffe auf Kiew einzustellen .",
    "Nach Angaben der Polizei in Hamburg wurden drei Menschen leicht verletzt .",
    "Der Konzern Siemens kündigte an , 2000 Stellen in Bayern abzubauen .",
]


def sentences(n: int = 1000) -> list[list[str]]:
    path = default_data_dir() / "germeval2014" / "NER-de-dev.tsv"
    if path.is_file():
        return [s.words for s in read_germeval(path)[:n]]
    return [s.split() for s in (FALLBACK * (n // len(FALLBACK) + 1))[:n]]


CPU = {}


def best_of(repeat: int, fn) -> float:
    """Best wall time of ``repeat`` runs; the best CPU time goes to CPU[fn-name]."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    CPU[len(CPU)] = best_cpu
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model folder (default: shipped)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure; best is reported")
    args = ap.parse_args()
    t = time.perf_counter()
    ner = load_ner(args.model)
    load_s = time.perf_counter() - t
    sents = sentences()
    n_tok = sum(map(len, sents))
    texts = [" ".join(s) for s in sents]
    blank = spacy.blank("de")
    ner.tag_sentences(sents[:50])
    w = best_of(args.repeat, lambda: ner.tag_sentences(sents))
    docs = [blank(t) for t in texts]
    n_doc_tok = sum(len(d) for d in docs)
    a = best_of(args.repeat, lambda: ner.annotate_many(docs))
    p = best_of(args.repeat, lambda: [ner.predict(t) for t in texts])
    arts = [blank(" ".join(texts[i:i + 20])) for i in range(0, len(texts), 20)]
    n_art_tok = sum(len(d) for d in arts)
    r = best_of(args.repeat, lambda: [ner.annotate(d) for d in arts])
    c = CPU
    print(f"model: {ner.path}  load {load_s:.2f}s  sentences {len(sents)}  tokens {n_tok}")
    print("tokens/s: wall clock | per CPU second (= one free core; wall is lower on a busy machine)")
    print(f"words     {n_tok / w:>9.0f} | {n_tok / c[0]:>9.0f}")
    print(f"annotate  {n_doc_tok / a:>9.0f} | {n_doc_tok / c[1]:>9.0f}")
    print(f"predict   {n_doc_tok / p:>9.0f} | {n_doc_tok / c[2]:>9.0f}"
          "   (one sentence per call, tokenizer included)")
    print(f"article   {n_art_tok / r:>9.0f} | {n_art_tok / c[3]:>9.0f}   ({len(arts)} docs of "
          f"~{n_art_tok // len(arts)} tokens, one per call; {len(arts) / c[3]:.0f} docs per CPU s)")
    try:
        from lagebild.parser import load_morph
        morph = load_morph()
    except Exception as exc:  # noqa: BLE001 - optional model
        print(f"POS/case model: not measured ({exc})")
        return
    morph.tag_sentences(sents[:50])
    m = best_of(args.repeat, lambda: morph.tag_sentences(sents))
    print(f"POS/case  {n_tok / m:>9.0f} | {n_tok / CPU[4]:>9.0f}   (lagebild/models/parser_de, "
          "pre-tokenized sentences)")


if __name__ == "__main__":
    main()
