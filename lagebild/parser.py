"""German part-of-speech and case tagger (spaCy morphologizer) that lagebild trains itself.

Case tells subject (Nom) from object (Acc/Dat) in German. The model predicts,
for each token of a ``spacy.blank("de")`` Doc, the universal POS tag and the
``Case`` feature (Nom, Acc, Dat, Gen); nothing else of UD's feature bundle (the
training data, about 50k words, is too small for full bundles). No dependency
arcs yet: that is a later stage of ``lagebild train parser``.

Data: UD_German-GSD dev (news, reviews, wiki; every 5th sentence held out for the
reported accuracy, a further 1/10 used for early stopping) and UD_German-LIT
(philosophical prose around 1800, training only). Multiword tokens (``im`` =
``in`` + ``dem``) are kept as the surface token, as ``spacy.blank("de")`` yields
them: POS of the first part, Case of the last part.

Use::

    from lagebild.parser import load_morph, try_load_morph
    tagger = load_morph()
    doc = spacy.blank("de")("Den Minister kritisierte die Opposition.")
    tagger.annotate(doc)
    [(t.text, t.pos_, t.morph.get("Case")) for t in doc]
"""
from __future__ import annotations

import lzma
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from .errors import DataError
from .inference import blas_ops, forget_trained, load_trained, try_load
from .ner import PACKAGE_DIR, default_data_dir, save_atomically, split_by_position

MORPH_DIR = PACKAGE_DIR / "models" / "parser_de"
MORPH_CONFIG = PACKAGE_DIR / "models" / "parser_de.cfg"
REBUILD_HINT = "rebuild it with `lagebild train parser` (needs ../shared/data)"


@dataclass
class UDSentence:
    words: list[str]
    pos: list[str]
    case: list[str]          # "" when the token has no Case feature
    source: str = ""
    line: int = 0

    @property
    def tags(self) -> list[str]:
        return [f"POS={p}" + (f"|Case={c}" if c else "") for p, c in zip(self.pos, self.case)]


def _case(feats: str) -> str:
    for f in feats.split("|"):
        if f.startswith("Case="):
            return f[5:].split(",")[0]
    return ""


def read_conllu(path: str | Path) -> list[UDSentence]:
    """CoNLL-U -> surface-token sentences with UPOS and Case (DataError with file:line)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: data file not found -- is ../shared/data present?")
    opener = lzma.open if path.suffix == ".xz" else open
    out: list[UDSentence] = []
    words: list[str] = []
    pos: list[str] = []
    case: list[str] = []
    start = 0
    mwt_end = 0
    mwt: tuple[str, int, int] | None = None
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\r\n")
                if not line.strip():
                    if words:
                        out.append(UDSentence(words, pos, case, str(path), start))
                    words, pos, case, mwt, mwt_end = [], [], [], None, 0
                    continue
                if line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != 10:
                    raise DataError(f"{path}:{lineno}: expected 10 TAB-separated CoNLL-U "
                                    f"columns, got {len(cols)}")
                if not words:
                    start = lineno
                tid = cols[0]
                if "-" in tid:
                    a, b = tid.split("-")
                    mwt, mwt_end = (cols[1], int(a), int(b)), int(b)
                    continue
                if "." in tid:
                    continue  # empty nodes
                i = int(tid)
                if mwt and i <= mwt_end:
                    form, a, b = mwt
                    if i == a:
                        words.append(form)
                        pos.append(cols[3])
                        case.append(_case(cols[5]))
                    else:
                        c = _case(cols[5])
                        if c:
                            case[-1] = c
                    continue
                words.append(cols[1])
                pos.append(cols[3])
                case.append(_case(cols[5]))
    except (ValueError, IndexError) as exc:
        raise DataError(f"{path}: malformed CoNLL-U ({exc})") from None
    except (OSError, lzma.LZMAError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read file ({exc})") from None
    if words:
        out.append(UDSentence(words, pos, case, str(path), start))
    return out


def score_tags(gold: Sequence[UDSentence], pred: Sequence[tuple[list[str], list[str]]]) -> dict:
    """POS accuracy, Case accuracy (over tokens that have a gold or predicted Case), both."""
    n = pos_ok = case_n = case_ok = both = 0
    for g, (p_pos, p_case) in zip(gold, pred):
        for gp, gc, pp, pc in zip(g.pos, g.case, p_pos, p_case):
            n += 1
            pos_ok += gp == pp
            both += gp == pp and gc == pc
            if gc or pc:
                case_n += 1
                case_ok += gc == pc
    return {"tokens": n, "pos_acc": pos_ok / max(n, 1), "case_acc": case_ok / max(case_n, 1),
            "case_tokens": case_n, "pos_and_case_acc": both / max(n, 1)}


class MorphModel:
    """A loaded POS + case tagger."""

    def __init__(self, nlp, path: Path | None = None):
        self.nlp = nlp
        self.path = path
        self.pipe = nlp.get_pipe("morphologizer")
        self.meta = dict(nlp.meta.get("lagebild", {}))

    def tag_sentences(self, sentences: Sequence[Sequence[str]], batch_size: int = 128
                      ) -> list[tuple[list[str], list[str]]]:
        from spacy.tokens import Doc
        docs = (Doc(self.nlp.vocab, words=list(w)) for w in sentences)
        return [([t.pos_ for t in d], [(t.morph.get("Case") or [""])[0] for t in d])
                for d in self.pipe.pipe(docs, batch_size=batch_size)]

    def annotate(self, doc):
        """Set ``token.pos_`` and ``token.morph`` (``Case=...``) on a Doc of any blank("de")."""
        tagged = self.tag_sentences([[t.text for t in doc]])[0]
        for tok, p, c in zip(doc, *tagged):
            tok.pos_ = p
            tok.set_morph(f"Case={c}" if c else "")
        return doc


def load_morph(path: str | Path | None = None) -> MorphModel:
    """Load the shipped POS + case tagger (cached per process); ModelError if unusable."""
    p = Path(path) if path is not None else MORPH_DIR
    return load_trained(p, "morphologizer", "POS/case model", REBUILD_HINT, MorphModel)


def try_load_morph(path: str | Path | None = None) -> MorphModel | None:
    """``load_morph``, but warn and return None when the model is unusable."""
    return try_load(load_morph, path, "POS/case tags")


@dataclass
class MorphSettings:
    seed: int = 0
    max_minutes: float = 15.0
    holdout_every: int = 5       # GSD dev sentence i held out when i % 5 == 4
    dev_every: int = 10          # early stopping on i % 10 == 2
    lit_per_epoch: int = 1000    # LIT sentences drawn per epoch (of 1,920)
    gsd_repeat: int = 2
    dropout: float = 0.2
    eval_every: int = 100
    patience: int = 1000
    init_from_ner: bool = False  # start from the shipped NER model's token encoder (pretrained
                                 # on raw text, same architecture); train ner first


@blas_ops()   # the networks are built and trained on numpy's BLAS (lagebild.inference)
def train_morph(data_dir: str | Path | None = None, out: str | Path | None = None,
                settings: MorphSettings | None = None,
                log: Callable[[str], None] = print) -> dict:
    """Train the POS + case tagger and write it to ``out`` (default: the shipped place)."""
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import fix_random_seed, load_config, load_model_from_config
    from .trainloop import early_stopped

    s = settings or MorphSettings()
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    out = Path(out) if out else MORPH_DIR
    t0 = time.time()
    gsd = read_conllu(data_dir / "ud_german_gsd" / "de_gsd-ud-dev.conllu.xz")
    lit = read_conllu(data_dir / "ud_german_lit" / "de_lit-ud-test.conllu.xz")
    train, dev, hold = split_by_position(gsd, s.holdout_every, s.dev_every)
    log(f"data: GSD dev {len(gsd)} sentences -> train {len(train)}, early-stop dev {len(dev)}, "
        f"held out {len(hold)}; LIT {len(lit)} sentences")
    rng = random.Random(s.seed)
    fix_random_seed(s.seed)
    config = load_config(MORPH_CONFIG)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)

    def ex(x: UDSentence):
        ref = Doc(nlp.vocab, words=x.words, pos=x.pos,
                  morphs=[f"Case={c}" if c else "" for c in x.case])
        return Example(Doc(nlp.vocab, words=x.words), ref)

    def epoch():
        xs = train * s.gsd_repeat + rng.sample(lit, min(s.lit_per_epoch, len(lit)))
        rng.shuffle(xs)
        return [ex(x) for x in xs]

    first = epoch()
    optimizer = nlp.initialize(lambda: first)
    if s.init_from_ner:
        from .ner import load_ner
        ner = load_ner()   # ModelError (with rebuild hint) when the NER model is missing
        t2v = ner.ner.model.get_ref("tok2vec").layers[0].to_bytes()
        nlp.get_pipe("morphologizer").model.get_ref("tok2vec").from_bytes(t2v)
        log(f"token encoder initialised from the NER model at {ner.path}")
    model = MorphModel(nlp)

    def epochs(n: int) -> list:
        return first if n == 1 else epoch()

    def evaluate() -> tuple[float, str]:
        sc = score_tags(dev, model.tag_sentences([x.words for x in dev]))
        return sc["pos_and_case_acc"], (f"dev POS {sc['pos_acc']:.3f} Case {sc['case_acc']:.3f} "
                                        f"both {sc['pos_and_case_acc']:.3f}")

    res = early_stopped(nlp, optimizer, "morphologizer", epochs, evaluate, dropout=s.dropout,
                        eval_every=s.eval_every, patience=s.patience, deadline=t0 + s.max_minutes * 60,
                        log=log, t0=t0)
    best_bytes, best, best_step, step, stop = res.best_bytes, res.best, res.best_step, res.steps, res.stop_reason
    if best_bytes is None:
        raise DataError("training stopped before the first evaluation -- raise --max-minutes")
    final = load_model_from_config(config, auto_fill=True, validate=True)
    final.get_pipe("morphologizer").from_bytes(best_bytes, exclude=["vocab"])
    fm = MorphModel(final)
    hold_sc = score_tags(hold, fm.tag_sentences([x.words for x in hold]))
    dev_sc = score_tags(dev, fm.tag_sentences([x.words for x in dev]))
    meta = {"trained_minutes": round((time.time() - t0) / 60, 1), "steps": step,
            "best_step": best_step, "stop_reason": stop, "settings": asdict(s),
            "early_stopping_dev": dev_sc, "gsd_holdout": hold_sc,
            "holdout_rule": "UD_German-GSD dev sentence i (0-based) with i % 5 == 4; never trained on"}
    final.meta["name"] = "lagebild_pos_case_de"
    final.meta["license"] = "CC BY-NC-SA 4.0 (trained on UD_German-LIT, CC BY-NC-SA; GSD CC BY-SA)"
    final.meta["lagebild"] = meta
    save_atomically(final, out)
    forget_trained()
    log(f"done: {stop}, {step} steps, best dev {best:.3f} @ {best_step}; held-out GSD: POS "
        f"{hold_sc['pos_acc']:.3f}, Case {hold_sc['case_acc']:.3f} ({hold_sc['case_tokens']} "
        f"tokens with Case), both {hold_sc['pos_and_case_acc']:.3f}")
    log(f"model written to {out}")
    return meta
