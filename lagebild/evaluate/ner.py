"""NER on GermEval-style TSV files: tag them (``lagebild ner``) and score them (``lagebild eval ner``).

File format (GermEval 2014): one token per line, TAB-separated, token in column 2,
gold BIO tag in column 3 (further columns are allowed and kept); lines starting
with ``#`` are comments; a blank line ends a sentence.

Scoring: outer level only; ``deriv``/``part`` tags count as O; OTH/MISC spans are
ignored; a predicted span counts only when its label and both boundaries match a
gold span (exact span match). Precision, recall and F1 per PER, LOC, ORG and
micro-averaged over the three.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..ner import (NerModel, SCORED_LABELS, bio_to_spans, germeval_tag, load_ner, read_tsv,
                   score_spans)

_PLAIN_RE = re.compile(r"^([BI])-(PER|LOC|ORG|MISC)$")


def gold_tag(tag: str) -> str:
    """A gold tag of an evaluation file -> outer-level tag (ValueError if unknown).

    GermEval tags (``B-LOCderiv`` -> O, ``B-OTH`` -> MISC) and plain CoNLL-style
    tags (``B-PER``, ``I-MISC``) are accepted.
    """
    if _PLAIN_RE.match(tag):
        return tag
    return germeval_tag(tag, misc=True)


def read_gold(path: str | Path):
    """Blocks of a gold TSV file with their mapped gold tags (InputError on bad rows)."""
    blocks = read_tsv(path, token_col=1, tag_col=2, error=InputError)
    gold = []
    for b in blocks:
        tags = []
        for k, t in enumerate(b.tags or []):
            try:
                tags.append(gold_tag(t))
            except ValueError as exc:
                raise InputError(str(exc), path=str(path),
                                 line=b.start_line + b.token_lines[k],
                                 hint="column 3 must hold O or B-/I-PER|LOC|ORG|OTH"
                                      "[deriv|part]") from None
        gold.append(tags)
    return blocks, gold


def evaluate_file(path: str | Path, model: NerModel | None = None,
                  holdout_every: int | None = None) -> dict:
    """Score the model on a gold TSV file; returns ``score_spans`` output plus counts.

    With ``holdout_every=5`` only sentences ``i`` (0-based) with ``i % 5 == 4`` are
    scored: on GermEval 2014 dev those are the sentences the shipped model never
    saw in training.
    """
    model = model or load_ner()
    blocks, gold = read_gold(path)
    keep = [i for i, b in enumerate(blocks) if b.words]
    if holdout_every:
        keep = [i for k, i in enumerate(keep) if k % holdout_every == holdout_every - 1]
    pred = model.tag_sentences([blocks[i].words for i in keep])
    scores = score_spans([gold[i] for i in keep], pred, SCORED_LABELS)
    scores["_counts"] = {"sentences": len(keep), "tokens": sum(len(blocks[i].words) for i in keep)}
    return scores


def evaluate_news(path: str | Path, model: NerModel | None = None) -> dict:
    """Score the model on news sentences in the stand-off format of ``data/ner`` (article id,
    sentence offsets, text hash, entity spans; the texts joined from ``../shared/data/10kgnad``,
    a DataError saying so when it is absent); outer PER/LOC/ORG as ``evaluate_file``."""
    from ..corpus import gnad_texts
    from ..errors import DataError
    from ..ner import read_news
    try:
        texts = gnad_texts()
    except (OSError, DataError) as exc:
        raise DataError(f"{path}: its sentences are joined with the 10kGNAD texts, which were not "
                        f"found ({exc}) -- put ../shared beside the checkout or set LAGEBILD_SHARED") from exc
    model = model or load_ner()
    sents = read_news(path, texts, misc=True)
    pred = model.tag_sentences([x.words for x in sents])
    scores = score_spans([x.tags for x in sents], pred, SCORED_LABELS)
    scores["_counts"] = {"sentences": len(sents), "tokens": sum(len(x.words) for x in sents)}
    return scores


def tag_file(path: str | Path, out: IO[str], model: NerModel | None = None,
             token_col: int = 1, batch: int = 512) -> dict:
    """Write ``path`` to ``out`` with a predicted BIO column appended to each token row.

    Comment and blank lines and every input column are written unchanged (line
    ends are normalised to ``\\n``). Returns counts.
    """
    model = model or load_ner()
    path = Path(path)
    # validate first (clear error with line number before any output is written)
    read_tsv(path, token_col=token_col, error=InputError)
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [ln.rstrip("\n").rstrip("\r") for ln in fh]
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    # groups of consecutive non-blank lines = sentences
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        groups.append((i, j))
        i = j
    n_tok = n_ent = 0
    pos = 0
    for g0 in range(0, len(groups), batch):
        chunk = groups[g0:g0 + batch]
        rows = [[k for k in range(a, b) if not lines[k].startswith("#")] for a, b in chunk]
        words = [[lines[k].split("\t")[token_col] for k in r] for r in rows]
        nonempty = [w for w in words if w]
        tagged = iter(model.tag_sentences(nonempty))
        for (a, b), r, w in zip(chunk, rows, words):
            tags = next(tagged) if w else []
            tag_of = dict(zip(r, tags))
            # blank lines before this group
            while pos < a:
                out.write(lines[pos] + "\n")
                pos += 1
            for k in range(a, b):
                out.write(lines[k] + ("\t" + tag_of[k] if k in tag_of else "") + "\n")
            pos = b
            n_tok += len(tags)
            n_ent += len(bio_to_spans(tags))
    while pos < len(lines):
        out.write(lines[pos] + "\n")
        pos += 1
    return {"sentences": len(groups), "tokens": n_tok, "entities": n_ent}


__all__ = ["evaluate_file", "gold_tag", "read_gold", "tag_file"]
