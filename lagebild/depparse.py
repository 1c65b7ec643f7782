"""German dependency parser that lagebild trains itself, from silver parses of news.

Who did what to whom needs the subject and the objects of a verb. The parser gives every
token a head and a label in ParZu's scheme (Foth's German dependency grammar: ``subj``,
``obja`` accusative object, ``objd`` dative object, ``pp`` / ``pn`` preposition and its noun,
``gmod`` genitive, ``app`` apposition, ``aux``, ``kon`` / ``cj`` coordination, ``punct`` ...).

Data: ``../shared/data/parzu_silver`` (13,653 sentences of the political 10kGNAD articles,
parsed by ParZu; see its README). The articles of the event corpus's **dev and test
splits are never trained on**, so that the event coder meets the parser on them as it
meets new text; every 10th remaining article is held out for early stopping and the
silver scores. Reported besides: subject and object F1 on UD German GSD dev (labels of
each word only, mapped: ``subj`` = ``nsubj``/``nsubj:pass``, ``obja`` = ``obj``), the
measure the silver data's README uses for ParZu itself.

ParZu hangs punctuation and sentence fragments on the root (several roots per
sentence); the training trees attach punctuation to the word before it (``punct``) and
every further root to the main one (``frag``), so that each sentence is one tree.

Use::

    from lagebild.depparse import load_dep
    heads, labels = load_dep().parse([["Die", "Polizei", "nahm", "ihn", "fest", "."]])[0]
"""
from __future__ import annotations

import hashlib
import lzma
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from .errors import DataError
from .inference import blas_ops, forget_trained, load_trained, try_load
from .modelinfo import DEP_MODEL_DIR as DEP_DIR, dep_model_dir
from .ner import PACKAGE_DIR, default_data_dir, save_atomically

DEP_CONFIG = PACKAGE_DIR / "models" / "dep_de.cfg"
REBUILD_HINT = "rebuild it with `lagebild train dep` (needs ../shared/data)"
PUNCT_POS = frozenset({"$.", "$,", "$(", "XY"})
SILVER = "parzu_silver"


@dataclass
class DepSentence:
    """One parsed sentence: ``heads`` are 0-based token indices (a root points to itself)."""

    words: list[str]
    heads: list[int]
    labels: list[str]
    doc_id: str = ""
    source: str = ""
    line: int = 0


def one_tree(words: Sequence[str], cpos: Sequence[str], pos: Sequence[str], heads1: Sequence[int],
             labels: Sequence[str]) -> tuple[list[int], list[str]]:
    """ParZu's heads (1-based, 0 = root; punctuation and fragments on 0) -> one tree with
    0-based heads: punctuation (a root tagged $. $, $( or XY without a letter or digit: "–")
    on the word before it (the first word's on the word after), every root but the main one
    (the first verb among them, else the first) on the main one. A sentence of nothing but
    punctuation roots hangs on its first token."""
    n = len(heads1)
    heads = [h - 1 for h in heads1]
    labels = list(labels)
    punct = [pos[i] in PUNCT_POS and heads1[i] == 0 and not any(c.isalnum() for c in words[i])
             for i in range(n)]
    roots = [i for i in range(n) if heads[i] < 0 and not punct[i]]
    if not roots:   # nothing but punctuation roots: all on the first token
        return [0] * n, (["root"] + ["punct"] * (n - 1)) if n else []
    main = next((i for i in roots if cpos[i] == "V"), roots[0])
    for i in range(n):
        if punct[i]:
            j = next((k for k in range(i - 1, -1, -1) if not punct[k]), None)
            if j is None:
                j = next(k for k in range(i + 1, n) if not punct[k])
            heads[i], labels[i] = j, "punct"
        elif heads[i] < 0:
            heads[i], labels[i] = (i, "root") if i == main else (main, "frag")
    return heads, labels


def read_silver(data_dir: str | Path | None = None) -> list[DepSentence]:
    """The silver parses with their article ids (DataError naming file and line)."""
    base = Path(data_dir) if data_dir else default_data_dir()
    conll = base / SILVER / "10kgnad_political.conll.xz"
    index = base / SILVER / "sentences.tsv"
    for p in (conll, index):
        if not p.is_file():
            raise DataError(f"{p}: data file not found -- is ../shared/data present?")
    ids = [line.split("\t")[0] for line in index.read_text(encoding="utf-8").splitlines()[1:] if line]
    out: list[DepSentence] = []
    rows: list[list[str]] = []
    start = lineno = 0

    def close() -> None:
        if not rows:
            return
        if len(out) >= len(ids):
            raise DataError(f"{conll}:{start}: more sentences than lines in {index} -- the two files "
                            "must come from the same extraction (see the folder's README)")
        try:
            h1 = [int(r[6]) for r in rows]
        except ValueError:
            raise DataError(f"{conll}:{start}: a HEAD that is not a number") from None
        if any(h < 0 or h > len(rows) for h in h1):
            raise DataError(f"{conll}:{start}: a HEAD outside the sentence")
        heads, labels = one_tree([r[1] for r in rows], [r[3] for r in rows], [r[4] for r in rows], h1,
                                 [r[7] for r in rows])
        out.append(DepSentence([r[1] for r in rows], heads, labels, ids[len(out)], str(conll), start))

    try:
        with lzma.open(conll, "rt", encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line.strip():
                    close()
                    rows = []
                    continue
                cols = line.split("\t")
                if len(cols) != 10:
                    raise DataError(f"{conll}:{lineno}: expected 10 TAB-separated columns, got {len(cols)}")
                if not rows:
                    start = lineno
                rows.append(cols)
            close()
    except (OSError, lzma.LZMAError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(f"{conll}: cannot read file ({exc})") from None
    if len(out) != len(ids):
        raise DataError(f"{conll}: {len(out)} sentences, but {index} lists {len(ids)}")
    return out


def read_ud(path: str | Path) -> list[DepSentence]:
    """UD CoNLL-U as surface tokens (``im`` = ``in`` + ``dem`` is one token, labelled as its
    first part) with UD labels; heads are not read (only labels are scored)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: data file not found -- is ../shared/data present?")
    out: list[DepSentence] = []
    words: list[str] = []
    labels: list[str] = []
    skip_to = lineno = 0
    opener = lzma.open if path.suffix == ".xz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line.strip():
                    if words:
                        out.append(DepSentence(words, [], labels, source=str(path), line=lineno))
                    words, labels, skip_to = [], [], 0
                    continue
                if line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != 10:
                    raise DataError(f"{path}:{lineno}: expected 10 TAB-separated CoNLL-U columns, got {len(cols)}")
                if "." in cols[0]:
                    continue
                if "-" in cols[0]:
                    words.append(cols[1])
                    labels.append("")
                    skip_to = int(cols[0].split("-")[1])
                    continue
                i = int(cols[0])
                if i <= skip_to:
                    if labels[-1] == "":
                        labels[-1] = cols[7]
                    continue
                words.append(cols[1])
                labels.append(cols[7])
    except ValueError as exc:
        raise DataError(f"{path}:{lineno}: malformed CoNLL-U ({exc})") from None
    except (OSError, lzma.LZMAError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read file ({exc})") from None
    if words:     # a last sentence without a blank line after it
        out.append(DepSentence(words, [], labels, source=str(path), line=lineno))
    return out


#: ParZu label -> the UD labels it corresponds to, for the GSD check (labels of words only)
UD_MATCH = {"subj": frozenset({"nsubj", "nsubj:pass"}), "obja": frozenset({"obj"})}


def score_ud(gold: Sequence[DepSentence], pred: Sequence[tuple[list[int], list[str]]]) -> dict:
    """Per ParZu label of ``UD_MATCH``: P, R, F1 of the words so labelled against UD's labels."""
    out = {}
    for lab, ud in UD_MATCH.items():
        tp = fp = fn = 0
        for g, (_, p) in zip(gold, pred):
            for gl, pl in zip(g.labels, p):
                is_g, is_p = gl in ud, pl == lab
                tp += is_g and is_p
                fp += is_p and not is_g
                fn += is_g and not is_p
        pr, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        out[lab] = {"p": round(pr, 3), "r": round(rc, 3), "f1": round(2 * pr * rc / max(pr + rc, 1e-9), 3)}
    return out


def score_silver(gold: Sequence[DepSentence], pred: Sequence[tuple[list[int], list[str]]]) -> dict:
    """Attachment scores against the silver trees, punctuation excluded; labelled-arc F1 of
    subj, obja, objd, pp and gmod."""
    n = uas = las = 0
    lab_counts: dict[str, list[int]] = {k: [0, 0, 0] for k in ("subj", "obja", "objd", "pp", "gmod")}
    for g, (ph, pl) in zip(gold, pred):
        for gh, gl, h, lab in zip(g.heads, g.labels, ph, pl):
            if gl == "punct":
                continue
            n += 1
            uas += gh == h
            las += gh == h and gl == lab
            for k, c in lab_counts.items():
                c[0] += gl == k and lab == k and gh == h
                c[1] += lab == k
                c[2] += gl == k
    per = {k: round(2 * c[0] / max(c[1] + c[2], 1), 3) for k, c in lab_counts.items()}
    return {"tokens": n, "uas": round(uas / max(n, 1), 3), "las": round(las / max(n, 1), 3),
            "arc_f1": per}


class DepModel:
    """A loaded dependency parser."""

    def __init__(self, nlp, path: Path | None = None):
        self.nlp = nlp
        self.path = path
        self.pipe = nlp.get_pipe("parser")
        self.meta = dict(nlp.meta.get("lagebild", {}))
        # which parser this is: an event model trained on its structure records it
        weights = path / "parser" / "model" if path is not None else None
        self.fingerprint = hashlib.sha1(weights.read_bytes()).hexdigest()[:12] \
            if weights is not None and weights.is_file() else None

    def parse(self, sentences: Sequence[Sequence[str]], batch_size: int = 256
              ) -> list[tuple[list[int], list[str]]]:
        """(heads as 0-based indices within the sentence, labels) for each list of words; the
        root's label is "root" as in the training trees (spaCy names it "ROOT")."""
        from spacy.tokens import Doc
        # one tree per given sentence: the parser must not split it
        docs = (Doc(self.nlp.vocab, words=list(w), sent_starts=[True] + [False] * (len(w) - 1))
                for w in sentences if w)
        out = []
        for d in self.pipe.pipe(docs, batch_size=batch_size):
            out.append(([t.head.i for t in d], ["root" if t.dep_ == "ROOT" else t.dep_ for t in d]))
        return out


def load_dep(path: str | Path | None = None) -> DepModel:
    """Load the parser (``path``, else ``$LAGEBILD_DEP_MODEL``, else the package's folder; cached per
    process); ModelError if unusable."""
    p = Path(path) if path is not None else dep_model_dir()
    return load_trained(p, "parser", "dependency parser", REBUILD_HINT, DepModel)


def try_load_dep(path: str | Path | None = None) -> DepModel | None:
    """``load_dep``, but warn and return None when the model is unusable."""
    return try_load(load_dep, path, "sentence structure")


@dataclass
class DepSettings:
    seed: int = 0
    max_minutes: float = 40.0
    early_stop_every: int = 10   # article k (in sorted id order) of the training articles with
                                 # k % 10 == 9 is held out for early stopping and the silver scores
    dropout: float = 0.2
    eval_every: int = 200
    patience: int = 2000
    max_words: int = 80


def split_silver(sents: Sequence[DepSentence], excluded: set[str], every: int
                 ) -> tuple[list[DepSentence], list[DepSentence], int]:
    """(train, early-stopping dev, number of sentences left out): the sentences of
    ``excluded`` articles are left out; every ``every``-th other article is dev."""
    docs = sorted({s.doc_id for s in sents if s.doc_id not in excluded})
    dev_docs = {d for k, d in enumerate(docs) if k % every == every - 1}
    train = [s for s in sents if s.doc_id not in excluded and s.doc_id not in dev_docs]
    dev = [s for s in sents if s.doc_id in dev_docs]
    return train, dev, len(sents) - len(train) - len(dev)


@blas_ops()   # the networks are built and trained on numpy's BLAS (lagebild.inference)
def train_dep(data_dir: str | Path | None = None, out: str | Path | None = None,
              settings: DepSettings | None = None, log: Callable[[str], None] = print) -> dict:
    """Train the parser and write it to ``out`` (default: the shipped place)."""
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import fix_random_seed, load_config, load_model_from_config
    from .corpus import frozen_splits
    from .trainloop import early_stopped

    s = settings or DepSettings()
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    out = Path(out) if out else DEP_DIR
    t0 = time.time()
    splits = frozen_splits()
    if not splits:
        raise DataError("data/events/articles.tsv not found: the parser must leave out the event "
                        "corpus's dev and test articles -- run from the lagebild checkout")
    excluded = {d for d, sp in splits.items() if sp in ("dev", "test")}
    sents = [x for x in read_silver(data_dir) if len(x.words) <= s.max_words]
    train, dev, left = split_silver(sents, excluded, s.early_stop_every)
    gsd = read_ud(data_dir / "ud_german_gsd" / "de_gsd-ud-dev.conllu.xz")
    log(f"data: {len(sents)} silver sentences -> train {len(train)}, early-stop dev {len(dev)}; "
        f"{left} sentences of the event corpus's dev and test articles left out; GSD dev {len(gsd)} for the "
        "subject/object check")
    rng = random.Random(s.seed)
    fix_random_seed(s.seed)
    config = load_config(DEP_CONFIG)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)

    def ex(x: DepSentence):
        ref = Doc(nlp.vocab, words=x.words, heads=x.heads, deps=x.labels)
        return Example(Doc(nlp.vocab, words=x.words), ref)

    if not train or not dev:
        raise DataError(f"{data_dir / SILVER}: {len(train)} training and {len(dev)} early-stopping "
                        "sentences are left after leaving out the event corpus's dev and test articles "
                        "-- is it the silver set of the 10kGNAD political articles?")
    examples = [ex(x) for x in train]
    optimizer = nlp.initialize(lambda: examples)
    model = DepModel(nlp)

    def epoch(_: int) -> list:
        rng.shuffle(examples)
        return examples

    def evaluate() -> tuple[float, str]:
        sc = score_silver(dev, model.parse([x.words for x in dev]))
        return sc["las"], f"dev UAS {sc['uas']:.3f} LAS {sc['las']:.3f}"

    res = early_stopped(nlp, optimizer, "parser", epoch, evaluate, dropout=s.dropout, eval_every=s.eval_every,
                        patience=s.patience, deadline=t0 + s.max_minutes * 60, log=log, t0=t0)
    best_bytes, best, best_step, step, stop = res.best_bytes, res.best, res.best_step, res.steps, res.stop_reason
    if best_bytes is None:
        raise DataError("training stopped before the first evaluation -- raise --max-minutes")
    final = load_model_from_config(config, auto_fill=True, validate=True)
    final.get_pipe("parser").from_bytes(best_bytes, exclude=["vocab"])
    fm = DepModel(final)
    dev_sc = score_silver(dev, fm.parse([x.words for x in dev]))
    gsd_sc = score_ud(gsd, fm.parse([x.words for x in gsd]))
    meta = {"trained_minutes": round((time.time() - t0) / 60, 1), "steps": step,
            "best_step": best_step, "stop_reason": stop, "settings": asdict(s),
            "silver_dev": dev_sc, "gsd_dev_labels": gsd_sc,
            "train_sentences": len(train), "dev_sentences": len(dev),
            "left_out": "the sentences of the event corpus's dev and test articles (data/events/articles.tsv)"}
    final.meta["name"] = "lagebild_dep_de"
    final.meta["license"] = "CC BY-NC-SA 4.0 (trained on parses of 10kGNAD text, CC BY-NC-SA)"
    final.meta["lagebild"] = meta
    save_atomically(final, out)
    forget_trained()
    log(f"done: {stop}, {step} steps, best silver dev LAS {best:.3f} @ {best_step}; silver dev "
        f"UAS {dev_sc['uas']:.3f} LAS {dev_sc['las']:.3f}; GSD dev labels: subject F1 "
        f"{gsd_sc['subj']['f1']:.3f}, object F1 {gsd_sc['obja']['f1']:.3f}")
    log(f"model written to {out}")
    if stop == "time budget":
        log(f"WARNING: stopped by --max-minutes before the held-out LAS stopped improving (best at step "
            f"{best_step} of {step}); a longer run gives a better parser (about 20 minutes on 2 cores)")
    return meta
