"""Train the learned event coder on the annotated corpus (``data/events``).

Examples come from the analyzer's own stages (tokens, actor mentions, rule events), aligned
with the gold spans: a token inside a gold cue is a trigger of its type; a mention inside a
gold participant's span is that event's source or target; each gold event gives one
factuality example. The trigger, role and factuality models' regularisation (``BASE_C``), the
judge, the calibrations, the default coder, floor and one-sided policy are chosen on the train
news articles out of fold (``SELECTION``), with dev and the shared gold files reported and the
seed as a requirement (``SEED``); only the thresholds of the decoder without a judge (unused when
the judge decides) are chosen on the dev split; the test split is never read here.
"""
from __future__ import annotations

import time
from copy import deepcopy as copy
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np

from ..corpus import CorpusDoc, load
from ..events import lemma
from ..merge import merge_events
from ..events.policies import output_policies
from ..records import Article, Event, Participant
from .coder import NONE, EventModel, LearnedCoder, Thresholds, combine, judge_confidence, rule_confidence
from .features import DocContext, candidate_mentions, content_token, factuality_features, role_features, trigger_features
from . import pairs as pair_model
from .linear import LinearModel


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


class Prepared:
    """One corpus article run through the analyzer's stages; its gold spans moved onto the
    cleaned text the stages read."""

    def __init__(self, doc: CorpusDoc, analyzer):
        import copy
        self.doc = doc
        self.stages = analyzer.stages(Article(doc_id=doc.doc_id, text=doc.text, dct=doc.dct))
        self.ctx = DocContext.build(self.stages.sent_tokens, self.stages.actors, analyzer.coder.lex,
                                    self.stages.rule_events, self.stages.reporters,
                                    self.stages.cited, parse=analyzer.dep is not None)
        tm = self.stages.tm
        self.gold = copy.deepcopy(doc.events)
        for ev in self.gold:
            for sp in [ev.cue, ev.condition] + [p.span for p in ev.source + ev.target]:
                if sp is not None:
                    sp.start, sp.end = tm.to_clean(sp.start, sp.end)


class GoldFile:
    """A gold file of ``../shared/gold`` (EVENTS.md shape, with its text) as the scorer reads it."""

    def __init__(self, gold: dict):
        self.gold = gold
        self.doc_id = gold.get("doc_id") or "?"
        self.text = gold["text"]
        self.dct = gold.get("dct")
        self.written = False

    def as_gold(self) -> dict:
        return self.gold


class GoldFilePrep:
    """A shared gold file run through the analyzer's stages: scored, never trained on. ``seed``:
    it is the seed article, whose score is a requirement of the default (``SEED``)."""

    def __init__(self, gold: dict, analyzer):
        self.seed = False
        self.doc = GoldFile(gold)
        self.stages = analyzer.stages(Article(doc_id=self.doc.doc_id, text=self.doc.text, dct=self.doc.dct))
        self.ctx = DocContext.build(self.stages.sent_tokens, self.stages.actors, analyzer.coder.lex,
                                    self.stages.rule_events, self.stages.reporters,
                                    self.stages.cited, parse=analyzer.dep is not None)


def shared_gold_preps(analyzer, log: Callable[[str], None] = print) -> list[GoldFilePrep]:
    """The 12 dev gold articles and the seed of ``../shared/gold`` (none when it is absent)."""
    from ..corpus import shared_dir
    from ..evaluate.events import load_gold
    gold = shared_dir() / "gold"
    paths = sorted((gold / "dev").glob("*.json")) + ([gold / "seed.json"] if (gold / "seed.json").exists() else [])
    if not paths:
        log(f"  {gold}: no gold files; the default is reported on the dev split alone")
    preps = [GoldFilePrep(load_gold(p), analyzer) for p in paths]
    for prep, p in zip(preps, paths):
        prep.seed = p.name == "seed.json"
    return preps


LEXICON_TYPE = ("vcue=", "ncue=", "rule=")
BASE_C = (0.1, 0.3, 1.0)   # the trigger/role/factuality (and fold and rulecheck) models' regularization,
                           # chosen on SELECTION by the default coder's F1
PAIR_C = 0.3              # the pair model's regularization (0: no pair model); chosen on the train news
                          # out of fold (session 10: default F1 0.4074 / 0.4135 / 0.4018 for C 0.1 / 0.3 / 1.0,
                          # 0.3928 without a pair model; after the review's fixes 0.4083 / 0.3980 / 0.4103 for
                          # base C 0.1 / 0.3 / 1.0)
#: the dyad judge's tree options (gradient-boosted trees, ``trees.TreeModel``), tried beside the
#: linear judge's C and chosen the same way (out of fold on SELECTION). Session 15, on the judge rows
#: of base C 1.0: out-of-fold dyad F1 0.418 (AUC 0.895) against 0.403 (0.890) for the best linear judge
JUDGE_TREES = ({"learning_rate": 0.05, "max_iter": 300, "max_leaf_nodes": 15},)
JUDGE_TREE_MIN_COUNT = 5      # a feature the trees may test occurs in this many judge rows
JUDGE_OPTIONAL = "positive"   # a dyad only an optional gold event reports: a right judge row
                              # ("positive"), left out ("skip") or a wrong one ("negative")
WRITTEN_WEIGHT = 1.0      # the weight of a written item's examples against a news article's
KEEP_RECALL = 2 / 3       # a default confidence floor keeps at least this share of the best-F1 recall
#: Where the choices of training are made (the trigger, role and factuality models' regularization
#: -- the one whose default coder scores best; the factuality model, which the dyad counts do not
#: see, follows it --, the judge's strength and threshold, the calibration of
#: both coders' confidence, the default coder, floor and one-sided policy; only the thresholds of
#: the decoder without a judge are still chosen on dev): the train news articles
#: as models trained on the other folds read them (``OutOfFold``), never the dev split or the
#: shared gold files, which are reported. The rules were written and corrected against those:
#: the rule coder scores F1 0.332 on dev and 0.467 on the 12 gold files but 0.173 on the 173
#: corpus train articles (0.110 on the 292 of the extension), so whatever includes the rule
#: events looks better there than on new text (session 8, data/events/test_scores.md).
SELECTION = "train news out of fold"
#: the countries named last before a cue that fill a one-sided candidate's empty side (``judge.completions``;
#: with the story's most named one): 2 covers 19 more of dev's 179 required dyads with the shipped model of
#: session 39 (3: 22, 1: 14) for 61 % more candidate dyads (3: 79 %). Off by default: a model trained with 2
#: (session 40) scored dev F1 0.489 against the shipped model's 0.542 (out of fold 0.4657 against 0.4637)
#: and was not shipped; training took twice as long
COMPLETIONS = 0
#: what the default coder and floor must keep on the seed article (../shared/gold/seed.json), a
#: requirement of the product: F1, and no false facts
SEED = {"f1": 0.85, "false_facts": 0}
FLOORS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)       # default floors tried
ONE_SIDED = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)        # confidence an event with an empty side needs
GUESSED_PAIR = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)     # ... and one between two countries, one guessed
BOOTSTRAP = 2000          # resamples of the selection articles for the one-standard-error rule


def examples(prep: Prepared, ambiguous: str = "skip") -> tuple[list, list, list, Counter, list]:
    """(trigger rows, role rows, factuality rows, mode counts, pair rows) of one article: rows are
    (features, label).

    ``ambiguous``: annotators mark one cue per happening, so another word of the sentence that
    the lexicon gives the same type ("Anschlag" marked, "getötet" not) is most often the same
    happening told again, not a word that is no event. "skip" leaves it out of the trigger
    examples instead of teaching the model that the word is none; "positive" makes it a trigger
    of that type; "negative" keeps it as none."""
    ctx = prep.ctx
    trig_label: dict[tuple[int, int], str] = {}
    sent_types: dict[int, set[str]] = {}
    anchors = []      # (sentence tokens, k, gold event)
    for ev in prep.gold:
        typ = ev.type.split("|")[0]
        hit = None
        for st in ctx.sentences:
            if not (st.sentence.start <= ev.cue.start < st.sentence.end):
                continue
            toks = [t for t in st.tokens if _overlaps(t.start, t.end, ev.cue.start, ev.cue.end)]
            content = [t for t in toks if content_token(t)][:3] or toks[:1]
            for t in content:
                trig_label[(st.sentence.index, t.i)] = typ
            sent_types.setdefault(st.sentence.index, set()).add(typ)
            if content:
                hit = (st, content[0].i)
            break
        if hit:
            anchors.append((hit[0], hit[1], ev))
    trig_rows = []
    for st in ctx.sentences:
        if st.sentence.kind != "body":
            continue
        for k, t in enumerate(st.tokens):
            if content_token(t) or (st.sentence.index, k) in trig_label:
                feats = trigger_features(st, k, ctx)
                label = trig_label.get((st.sentence.index, k), NONE)
                if ambiguous != "negative" and label == NONE and st.sentence.index in sent_types:
                    same = [f.split("=", 1)[1] for f in feats if f.startswith(LEXICON_TYPE)
                            and f.split("=", 1)[1] in sent_types[st.sentence.index]]
                    if same and ambiguous == "skip":
                        continue
                    if same:
                        label = same[0]
                trig_rows.append((feats, label))
    role_rows, fact_rows, modes = [], [], Counter()
    for st, k, ev in anchors:
        typ = ev.type.split("|")[0]
        for m in candidate_mentions(st, ctx):
            lab = "none"
            if any(p.span and _overlaps(m.start, m.end, p.span.start, p.span.end) for p in ev.source):
                lab = "source"
            elif any(p.span and _overlaps(m.start, m.end, p.span.start, p.span.end) for p in ev.target):
                lab = "target"
            role_rows.append((role_features(st, k, typ, m, ctx), lab))
        fact_rows.append((factuality_features(st, k, typ, ctx), ev.factuality))
        if ev.mode:
            modes[(typ, lemma(st.tokens[k].text), ev.mode)] += 1
    pair_rows = pair_model.rows(ctx, prep.stages.rule_events, prep.gold) if PAIR_C else []
    return trig_rows, role_rows, fact_rows, modes, pair_rows


def fit(rows: list[tuple[list[str], str]], C: float, min_count: int = 2, class_weight=None,
        weights: list[float] | None = None) -> LinearModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    labels = sorted({lab for _, lab in rows})
    if len(labels) < 2:               # one class only: a constant model
        return LinearModel(classes=labels or ["O"], features={}, weights=np.zeros((0, 1), np.float32),
                           bias=np.zeros(1, np.float32))
    counts = Counter(f for feats, _ in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    indptr, indices = [0], []
    for feats, _ in rows:
        idx = sorted({vocab[f] for f in feats if f in vocab})
        indices += idx
        indptr.append(len(indices))
    X = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), len(vocab)))
    y = [lab for _, lab in rows]
    clf = LogisticRegression(C=C, max_iter=2000, class_weight=class_weight)
    clf.fit(X, y, sample_weight=None if weights is None else np.asarray(weights, dtype=np.float64))

    class _Names:
        @staticmethod
        def get_feature_names_out():
            return sorted(vocab, key=vocab.get)

    return LinearModel.from_sklearn(clf, _Names)


def sklearn_version() -> str:
    import sklearn
    return sklearn.__version__


def fit_trees(rows: list[tuple[list[str], str]], params: dict, weights: list[float] | None = None,
              min_count: int = JUDGE_TREE_MIN_COUNT):
    """A ``TreeModel`` (gradient-boosted trees, scikit-learn's HistGradientBoostingClassifier with
    early stopping on a tenth of the rows) over the features in at least ``min_count`` rows."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from .trees import TreeModel

    counts = Counter(f for feats, _ in rows for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {f: i for i, f in enumerate(names)}
    X = np.zeros((len(rows), max(len(vocab), 1)), dtype=np.float32)
    for r, (feats, _) in enumerate(rows):
        X[r, [vocab[f] for f in feats if f in vocab]] = 1.0
    clf = HistGradientBoostingClassifier(min_samples_leaf=20, l2_regularization=1.0, early_stopping=True,
                                         validation_fraction=0.1, n_iter_no_change=10, random_state=0, **params)
    clf.fit(X, [lab for _, lab in rows], sample_weight=None if weights is None else np.asarray(weights))
    model = TreeModel.from_sklearn(clf, names or ["<none>"])
    # the conversion reads scikit-learn's internals: check it against scikit-learn's own answer
    check = slice(0, min(len(rows), 500))
    if not np.allclose(model.proba_many([f for f, _ in rows[check]]), clf.predict_proba(X[check]), atol=1e-4):
        raise RuntimeError("the tree judge's numpy conversion disagrees with scikit-learn "
                           f"{sklearn_version()}: lagebild/learned/trees.py needs an update")
    return model


def predict(model: EventModel, preps: list[Prepared], caches: list[dict] | None = None) -> list[list]:
    """Merged learned events per article (caches: one dict per article, reused across thresholds)."""
    coder = LearnedCoder(model)
    out = []
    for i, prep in enumerate(preps):
        st = prep.stages
        cache = caches[i] if caches is not None else {"ctx": prep.ctx}
        out.append(merge_events(coder.code(st.sent_tokens, st.actors, st.rule_events, st.timexes,
                                           prep.doc.dct, cache=cache, reporters=st.reporters, cited=st.cited)))
    return out


def score(preps: list[Prepared], predicted: list[list], min_confidence: float = 0.0) -> dict:
    from ..evaluate.events import score_pairs
    return score_pairs(_pairs(preps, predicted, min_confidence)).as_dict()


def _pairs(preps: list[Prepared], predicted: list[list], min_confidence: float = 0.0) -> list[tuple[dict, dict]]:
    """(gold, output) per article: the events at ``min_confidence`` through the output policies."""
    return [(p.doc.as_gold(), {"events": [asdict(e) for e in output_policies(
                 [e for e in evs if (e.confidence or 0) >= min_confidence])]})
            for p, evs in zip(preps, predicted)]


def article_counts(pairs: list[tuple[dict, dict]]) -> np.ndarray:
    """(tp, fp, fn) of each (gold, output) pair, counted by the scorer: an (articles, 3) array."""
    from ..evaluate.events import score_pairs
    rows = []
    for pair in pairs:
        s = score_pairs([pair]).as_dict()
        rows.append((s["tp"], s["fp"], s["fn"]))
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def f1_score(tp, fp, fn):
    """Dyad F1 of (tp, fp, fn) counts (numbers or arrays of them; 0 where there is nothing)."""
    return 2 * tp / np.maximum(2 * tp + fp + fn, 1)


def prf(counts: np.ndarray) -> dict:
    """Micro precision, recall and F1 of per-article (tp, fp, fn) counts."""
    tp, fp, fn = (int(x) for x in counts.sum(axis=0))
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(tp / max(tp + fp, 1), 3),
            "recall": round(tp / max(tp + fn, 1), 3), "f1": round(float(f1_score(tp, fp, fn)), 3)}


def one_se_ties(counts: list[np.ndarray], best: int, resamples: int = BOOTSTRAP, seed: int = 0) -> list[bool]:
    """Which settings are tied with setting ``best`` by the one-standard-error rule: their F1 is
    below the best's by no more than the standard error of that difference, estimated by
    resampling the articles with replacement (paired: every setting is scored on the same
    resampled articles). ``counts``: per setting, the per-article (tp, fp, fn) of the same
    articles in the same order."""
    n = len(counts[best])
    idx = np.random.default_rng(seed).integers(0, n, size=(resamples, n))

    def f1s(c: np.ndarray) -> np.ndarray:
        return f1_score(*c[idx].sum(axis=1).T)        # per resample

    def f1(c: np.ndarray) -> float:
        return float(f1_score(*c.sum(axis=0)))

    top = f1s(counts[best])
    return [f1(counts[best]) - f1(c) <= float(np.std(top - f1s(c))) for c in counts]


def _admissible(n: int, admissible: list[bool] | None) -> list[int]:
    """The indices of the admissible settings among ``n`` (all of them where none is)."""
    return [i for i in range(n) if admissible is None or admissible[i]] or list(range(n))


def choose_default(options: list[tuple[str, float, np.ndarray]], target_precision: float,
                   admissible: list[bool] | None = None) -> int:
    """The default coder and confidence floor among the ``admissible`` ``options`` (coder, floor,
    per-article counts on the selection articles; all where none is admissible): the best F1
    among settings that reach ``target_precision`` and keep at least KEEP_RECALL of the recall
    of the best-F1 setting; where none does, the most precise setting whose F1 is tied with the
    best by the one-standard-error rule (``one_se_ties``): a difference in F1 the selection
    articles cannot tell apart from chance is no reason to give up precision, which the default
    is for. Of settings with equal F1 the higher floor counts as the better. Returns the chosen
    index."""
    scores = [prf(c) for _, _, c in options]
    ok = _admissible(len(options), admissible)
    best = max(ok, key=lambda i: (scores[i]["f1"], options[i][1]))
    precise = [i for i in ok if scores[i]["precision"] >= target_precision
               and scores[i]["recall"] >= KEEP_RECALL * scores[best]["recall"]]
    if precise:
        return max(precise, key=lambda i: (scores[i]["f1"], options[i][1]))
    tied = one_se_ties([c for _, _, c in options], best)
    return max((i for i in ok if tied[i]), key=lambda i: (scores[i]["precision"], scores[i]["f1"]))


def choose_one_sided(counts: list[np.ndarray], admissible: list[bool] | None = None) -> int:
    """Which of the one-sided thresholds (``ONE_SIDED``, per-article counts of each on the selection
    articles) the default uses: the lowest, so that the fewest events are held back, among the
    ``admissible`` ones whose F1 is tied with the best by the one-standard-error rule."""
    ok = _admissible(len(counts), admissible)
    best = max(ok, key=lambda i: (prf(counts[i])["f1"], -i))
    tied = one_se_ties(counts, best)
    return min(i for i in ok if tied[i])


def correct_flags(preps: list[Prepared], predicted: list[list]) -> list[tuple[float, bool]]:
    """(raw confidence, right?) per predicted event: right when one of its dyads fits a gold dyad."""
    from ..evaluate.events import fits_gold, gold_slots
    out = []
    for p, evs in zip(preps, predicted):
        slots = gold_slots(p.doc.as_gold()["events"])
        out += [(e.confidence or 0.0, fits_gold(asdict(e), slots)) for e in evs]
    return out


FOLDS = 5


@dataclass
class OutOfFold:
    """The train news articles as models that did not see them read them: the dyad judge's dyads
    ``(article, (type, source sides, target sides, cue), raw probability)`` (each side a list of
    (code, inferred)) and the rule events
    ``(article, event, raw rulecheck probability)``: where the judge, the calibrations, the
    default coder and the confidence floor are chosen (``SELECTION``)."""

    gold: dict[int, dict]
    dyads: list[tuple[int, tuple, float]] = field(default_factory=list)
    rule_events: list[tuple[int, Event, float]] = field(default_factory=list)

    def counts(self, th: Thresholds, both: bool, keep: Callable[[Event], bool]) -> np.ndarray:
        """Per article, (tp, fp, fn) of what a coder setting reports: the judged dyads (and with
        ``both`` the rule events) with their calibrated confidence that ``keep`` accepts (the
        floor: ``LearnedCoder.keep``), through the output policies, counted by the scorer
        (``article_counts``). The dyads are not merged into events as ``combine`` merges them at
        run time: the dyad counts are the same, factuality is not counted here."""
        kept: dict[int, list[Event]] = {i: [] for i in self.gold}
        for i, row, p in self.dyads:
            ev = _row_event(row, judge_confidence(p, th, calibrating=False))
            if i in kept and p >= th.judge and keep(ev):
                kept[i].append(ev)
        for i, ev, p in self.rule_events if both else ():
            ev = replace(ev, confidence=rule_confidence(p, th))
            if i in kept and keep(ev):
                kept[i].append(ev)
        return _counts(self.gold, kept)


def _row_event(row: tuple, confidence: float | None = None) -> Event:
    """The event a judged dyad row ``(type, source sides, target sides, cue)`` reports, each side a
    list of (code, inferred)."""
    typ, src, tgt, cue = row
    return Event(type=typ, source=[Participant(None, None, c, inferred=inf) for c, inf in src],
                 target=[Participant(None, None, c, inferred=inf) for c, inf in tgt], cue=cue, confidence=confidence)


def _counts(gold: dict[int, dict], kept: dict[int, list[Event]]) -> np.ndarray:
    """Per article of ``gold``, (tp, fp, fn) of the events kept, through the output policies
    (``events.policies.output_policies``), counted by the scorer itself (``article_counts``)."""
    return article_counts([(gold[i], {"events": [asdict(e) for e in output_policies(kept[i])]}) for i in gold])


def fold_models(per_article: list, weights: list[float], C: float, pairs: list | None = None,
                folds: int = FOLDS) -> list:
    """The trigger, role and pair models of each fold: trained on the train articles of the other
    folds (article ``i`` is in fold ``i % folds``), so that an article's candidates look as new
    text's do. ``pairs``: the fold pair models (``fold_pair_models``; they do not depend on ``C``),
    else None for each fold."""
    out = []
    for f in range(folds):
        trig, tw = stacked(per_article, weights, 0, lambda i: i % folds != f)
        role, rw = stacked(per_article, weights, 1, lambda i: i % folds != f)
        out.append((fit(trig, C, weights=tw), fit(role, C, weights=rw), pairs[f] if pairs else None))
    return out


def fold_pair_models(per_article: list, weights: list[float], folds: int = FOLDS) -> list:
    """The pair model of each fold (``PAIR_C``; trained on the other folds, as ``fold_models``),
    or an empty list where ``PAIR_C`` is 0."""
    if not PAIR_C:
        return []
    out = []
    for f in range(folds):
        rows, w = stacked(per_article, weights, 4, lambda i: i % folds != f)
        out.append(fit(rows, PAIR_C, weights=w))
    return out


def fit_rulecheck(model: EventModel, preps: list[Prepared], C: float, folded: list) -> tuple[LinearModel, list]:
    """The judge of rule-coder events: right when one of its dyads fits a gold dyad. Its rows are
    the rule events of each train article with the trigger probabilities of the fold model that
    did not see the article (``folded``: see ``fold_models``), as on new text. Returns the model
    and (article, event, out-of-fold raw probability, right?) of the rule events of the train news
    articles, for the calibration and the choice of the default floor."""
    from dataclasses import replace
    from ..evaluate.events import gold_slots, predicted_tuples
    folds = len(folded)
    rows, docs = [], []
    for i, prep in enumerate(preps):
        coder = LearnedCoder(replace(model, trigger=folded[i % folds][0]))
        slots = gold_slots(prep.doc.as_gold()["events"])
        cache: dict = {"ctx": prep.ctx}
        for ev in prep.stages.rule_events:
            right = any(sl.accepts(k) for k in predicted_tuples([asdict(ev)]) for sl in slots)
            rows.append((coder.rule_features(ev, prep.ctx, cache), "right" if right else "wrong"))
            docs.append(i)
    events = [ev for prep in preps for ev in prep.stages.rule_events]
    oof: list[tuple[int, Event, float, bool]] = []
    for f in range(folds):
        m = fit([r for r, i in zip(rows, docs) if i % folds != f], C)
        out = [n for n, i in enumerate(docs) if i % folds == f and not preps[i].doc.written]
        if out and "right" in m.classes:
            probs = m.proba_many([rows[n][0] for n in out])[:, m.classes.index("right")]
            oof += [(docs[n], events[n], float(p), rows[n][1] == "right") for n, p in zip(out, probs)]
    return fit(rows, C), oof


def article_weight(prep: Prepared, written_weight: float) -> float:
    """How much one train article's examples count: items written for the project count
    ``written_weight`` (they are denser in events than news), news articles 1."""
    return written_weight if prep.doc.written else 1.0


def stacked(per_article: list, weights: list[float], part: int, take=lambda i: True) -> tuple[list, list[float]]:
    """One kind of example rows (0 trigger, 1 role, 2 factuality, 4 pair; 3 is the mode counts)
    of the articles ``take`` accepts, with each row's weight."""
    rows: list = []
    w: list[float] = []
    for i, (ex, wt) in enumerate(zip(per_article, weights)):
        if take(i):
            rows += ex[part]
            w += [wt] * len(ex[part])
    return rows, w


def fit_judge(model: EventModel, train_prep: list[Prepared], folded: list, dev_prep: list[Prepared],
              C: float, log: Callable[[str], None], written_weight: float = 1.0
              ):
    """The dyad judge (a ``LinearModel`` for one of three C, or gradient-boosted trees,
    ``trees.TreeModel``: the one whose dyads score best out of fold): its training rows are the dyads of each train article as trigger, role and
    pair models trained on the other folds see them (so that they look like new text to it). Its C,
    threshold and calibration are chosen on the train news articles as a judge trained on the
    other folds sees them (``SELECTION``; the dev split where there are none); the dev figures
    are logged. Sets ``model.thresholds`` (judge, judge_a/b, judge_curve); returns the judge, its
    out-of-fold dyads of the train news articles (``OutOfFold``) and its F1 where it was chosen."""
    from ..evaluate.events import gold_slots
    from .judge import Settings, judge_rows, sides
    t0 = time.time()
    th = model.thresholds
    settings = Settings(th.judge_trigger, th.judge_role, th.complete)
    rows = []
    weights = [article_weight(p, written_weight) for p in train_prep]
    row_w: list[float] = []
    row_doc: list[int] = []
    row_sides: list[tuple] = []    # each dyad's type, its sides' (code, inferred) and its cue
    folds = len(folded)
    for f, (mt, mr, mp) in enumerate(folded):
        for i, prep in enumerate(train_prep):
            if i % folds != f:
                continue
            dyads, feats = judge_rows(mt, mr, prep.ctx, prep.stages.rule_events, settings, {}, pair=mp)
            events = prep.doc.as_gold()["events"]
            slots = gold_slots(events)
            required = gold_slots([e for e in events if not e.get("optional")])
            for d, x in zip(dyads, feats):
                right = any(sl.accepts(d.key) for sl in slots)
                optional_only = right and not any(sl.accepts(d.key) for sl in required)
                rows.append((x, "wrong" if optional_only and JUDGE_OPTIONAL == "negative" else
                             "right" if right else "wrong"))
                row_w.append(0.0 if optional_only and JUDGE_OPTIONAL == "skip" else weights[i])
            row_doc += [i] * len(dyads)
            cache: dict = {}
            row_sides += [(d.key[0], *([(p.code, p.inferred) for p in side] for side in sides(d, prep.ctx, cache)),
                           d.cue) for d in dyads]
        log(f"  judge: fold {f + 1}/{folds} done, {len(rows)} dyads ({time.time() - t0:.0f} s)")
    log(f"  judge: {sum(lab == 'right' for _, lab in rows)} of {len(rows)} train dyads are right")
    # out-of-fold judge probabilities of the train news articles' dyads
    news = [i for i, p in enumerate(train_prep) if not p.doc.written]
    gold = {i: train_prep[i].doc.as_gold() for i in news}
    where = f"{len(gold)} {SELECTION}" if gold else "dev (no train news articles)"
    options = []
    thresholds = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
    def make(kind, inside):
        sub, w = [rows[r] for r in inside], [row_w[r] for r in inside]
        return fit(sub, kind, weights=w) if not isinstance(kind, dict) else fit_trees(sub, kind, weights=w)

    for Cj in (0.1, 0.3, 1.0) + JUDGE_TREES:     # a linear judge's C, or the trees' options
        t1 = time.time()
        oof = np.zeros(len(rows))
        for f in range(folds):
            inside = [r for r, i in enumerate(row_doc) if i % folds != f]
            out = [r for r, i in enumerate(row_doc) if i % folds == f and i in gold]
            if not out:
                continue
            m = make(Cj, inside)
            oof[out] = m.proba_many([rows[r][0] for r in out])[:, m.classes.index("right")]
        model.judge = make(Cj, range(len(rows)))
        if isinstance(Cj, dict):
            log(f"  judge: trees {Cj} fitted ({time.time() - t1:.0f} s)")
        th.raw = True
        caches = [{} for _ in dev_prep]
        for jt in thresholds:
            th.judge = jt
            s = score(dev_prep, predict(model, dev_prep, caches))
            tp, fp, fn = _dyad_counts(row_doc, row_sides, oof, jt, gold) if gold else (s["tp"], s["fp"], s["fn"])
            f1 = float(f1_score(tp, fp, fn))
            options.append((round(f1, 4), Cj, jt, model.judge, oof))
            log(f"  judge C={Cj} p>={jt}: {where} F1={f1:.3f} (dev, reported: P={s['precision']} "
                f"R={s['recall']} F1={s['f1']})")
    f1, Cj, jt, judge, oof = max(options, key=lambda o: o[0])     # the coder's own operating point: best F1
    model.judge, th.judge = judge, jt
    pairs = [(float(p), lab == "right") for p, i, (_, lab) in zip(oof, row_doc, rows) if i in gold and p >= jt] \
        or correct_flags(dev_prep, predict(model, dev_prep))
    a, b = calibrate(pairs)
    th.judge_a, th.judge_b, th.raw = a, b, False
    th.judge_curve = isotonic(pairs)       # where there are enough pairs: it wins over the sigmoid
    log(f"  judge: chosen C={Cj} p>={jt} ({where} F1 {f1}); calibrated on {len(pairs)} dyads "
        f"({time.time() - t0:.0f} s)")
    return judge, OutOfFold(gold, [(i, r, float(p)) for i, r, p in zip(row_doc, row_sides, oof) if i in gold]), f1


def _dyad_counts(row_doc: list[int], row_sides: list, probs: np.ndarray, threshold: float,
                 gold: dict[int, dict]) -> tuple[int, int, int]:
    """(tp, fp, fn) of the dyads kept at ``threshold`` in the articles of ``gold`` (index -> gold
    document), each with the sides it reports (``judge.sides``), as ``OutOfFold.counts`` counts
    them."""
    oof = OutOfFold(gold, [(i, row, float(p)) for i, row, p in zip(row_doc, row_sides, probs)])
    tp, fp, fn = (int(x) for x in oof.counts(Thresholds(judge=threshold), False, lambda e: True).sum(axis=0))
    return tp, fp, fn


def isotonic(pairs: list[tuple[float, bool]]) -> list | None:
    """An isotonic (monotone, stepwise) calibration curve of raw scores: [[score ...], [share
    right ...]] at its breakpoints (each step's share shrunk towards 1/2 by one pair of each
    kind), or None with fewer than 100 pairs or one class only."""
    from sklearn.isotonic import IsotonicRegression
    ys = [float(y) for _, y in pairs]
    if len(pairs) < 100 or len(set(ys)) < 2:
        return None
    xs = [x for x, _ in pairs]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(xs, ys)
    # each step's share right shrunk by one right and one wrong pair (Laplace): a step of few pairs,
    # all right, is no certainty (the top step was 1.0; a review)
    fitted = iso.predict(xs)
    size = Counter(round(float(f), 6) for f in fitted)
    shrunk = [(float(y) * size.get(round(float(y), 6), 0) + 1) / (size.get(round(float(y), 6), 0) + 2)
              for y in iso.y_thresholds_]
    shrunk = np.maximum.accumulate(np.array(shrunk)).tolist()     # a small high step stays above the one below
    return [[round(float(x), 5) for x in iso.X_thresholds_], [round(y, 4) for y in shrunk]]


def calibrate(pairs: list[tuple[float, bool]]) -> tuple[float, float]:
    """Platt scaling of raw scores: (a, b) of sigmoid(a * raw + b) fitted on (score, right?) pairs."""
    from sklearn.linear_model import LogisticRegression
    ys = [y for _, y in pairs]
    if len(set(ys)) < 2:
        return 1.0, 0.0
    clf = LogisticRegression(C=100.0).fit(np.array([[x] for x, _ in pairs]), ys)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def train(corpus_dir: Path | None = None, out: Path | None = None, *, log: Callable[[str], None] = print,
          use_models: bool = True, target_precision: float = 0.75,
          written_weight: float = WRITTEN_WEIGHT, parse: bool = False,
          dep_model: Path | None = None, with_dev: bool = False,
          min_confidence: float | None = None, completions: int = COMPLETIONS) -> EventModel:
    """Train the event models on the corpus's train split (see the module docstring) and write
    them to ``out``. ``parse``: read sentence structure from the dependency parser
    (``lagebild.depparse``; the one at ``dep_model``, default the shipped one). ``with_dev``: the dev
    articles are trained on too, as train articles (their choices made out of fold with the rest);
    the dev figures logged are then in sample. ``min_confidence``: the default floor the model
    ships with, instead of the one chosen out of fold (which the log and ``meta.json`` still give);
    everything else is chosen, and every figure recorded, as without it. ``completions``: how many
    countries named before a one-sided candidate's cue the judge may fill its empty side with
    (``judge.completions``; 0: none)."""
    from ..pipeline import Analyzer
    t0 = time.time()
    kw = {"corpus_dir": corpus_dir} if corpus_dir else {}
    train_docs = load(split="train", **kw)
    dev_docs = load(split="dev", include_written=False, **kw)
    if with_dev:
        train_docs += dev_docs
        log(f"--with-dev: the {len(dev_docs)} dev articles are trained on; their figures below are in sample")
    if not train_docs:
        raise ValueError("the corpus has no train articles (data/events/*.jsonl)")
    analyzer = Analyzer(use_models=use_models, coder="rules")
    if parse:
        from ..depparse import load_dep
        analyzer.dep = load_dep(dep_model)   # ModelError (with the rebuild hint) when missing
        log(f"sentence structure from the parser at {analyzer.dep.path}")
    log(f"preparing {len(train_docs)} train and {len(dev_docs)} dev articles ...")
    train_prep = [Prepared(d, analyzer) for d in train_docs if d.text]
    dev_prep = [Prepared(d, analyzer) for d in dev_docs if d.text]
    per_article = [examples(p) for p in train_prep]
    weights = [article_weight(p, written_weight) for p in train_prep]
    (trig, tw), (role, rw), (fact, fw) = (stacked(per_article, weights, k) for k in range(3))
    modes: Counter = Counter()
    for ex in per_article:
        modes += ex[3]
    log(f"examples: {len(trig)} tokens ({sum(l != NONE for _, l in trig)} triggers), "
        f"{len(role)} mention pairs, {len(fact)} factuality ({time.time() - t0:.0f} s)")
    by_key: dict[str, Counter] = defaultdict(Counter)
    for (typ, lem, mode), n in modes.items():
        by_key[f"{typ}|{lem}"][mode] += n
    best_mode = {k: c.most_common(1)[0][0] for k, c in by_key.items()}

    def complete(C: float, tt: float, rt: float, model: EventModel, rule_oof: list, oof: "OutOfFold") -> tuple:
        """The rest of training for base C (sets ``model``'s calibrations, default coder, floor,
        one-sided policy and meta); returns the chosen default's F1 where it was chosen
        (``SELECTION``) and the figures of the final log line."""
        oof.rule_events = [(i, ev, p) for i, ev, p, _ in rule_oof]
        dev_pred = predict(model, dev_prep)
        coder = LearnedCoder(model)
        model.thresholds.raw = True
        for prep in dev_prep:
            cache: dict = {"ctx": prep.ctx}
            coder.score_rule_events(prep.stages.rule_events, prep.ctx, cache)
        # calibrated on the train news articles out of fold, as the dyad judge is (``SELECTION``; on
        # dev where there are none)
        rule_pairs = [(p, right) for _, _, p, right in rule_oof] \
            or correct_flags(dev_prep, [prep.stages.rule_events for prep in dev_prep])
        ra, rb = calibrate(rule_pairs)
        model.thresholds.rule_curve = isotonic(rule_pairs)
        log(f"  rule events: calibrated on {len(rule_pairs)} events")
        model.thresholds.raw = False
        model.thresholds.rule_a, model.thresholds.rule_b = ra, rb
        for prep in dev_prep + extra:
            cache = {"ctx": prep.ctx}
            coder.score_rule_events(prep.stages.rule_events, prep.ctx, cache)
        rules = [merge_events([copy(e) for e in prep.stages.rule_events]) for prep in dev_prep]
        s_rules = score(dev_prep, rules)
        sel_prep = dev_prep + extra
        sel_pred = dev_pred + predict(model, extra)

        # the default coder and confidence floor, chosen for precision within bounds by ``choose_default``
        # on the train news articles out of fold (``SELECTION``; on dev and the gold files where there
        # are none), among the settings that meet the seed requirement (``SEED``), with dev and the
        # gold files reported (a floor that buys precision with much of the recall drops clear events
        # -- with half, the seed article fell to F1 0.79, 15 of its 22 dyads found against 21; users
        # can raise it with --min-confidence)
        def reported(both: bool, keep: Callable[[Event], bool], preps: list) -> list[list[Event]]:
            """What a coder setting outputs for the dev articles and gold files ``preps``."""
            return [combine(sel_pred[sel_prep.index(p)], p.stages.rule_events, both, keep) for p in preps]

        def counts(both: bool, keep: Callable[[Event], bool]) -> np.ndarray:
            if oof.gold:
                return oof.counts(model.thresholds, both, keep)
            return article_counts(_pairs(sel_prep, reported(both, keep, sel_prep)))

        seed = [p for p in extra if p.seed]

        def seed_ok(both: bool, keep: Callable[[Event], bool]) -> bool:
            r = score(seed, reported(both, keep, seed))
            return not seed or (r["f1"] >= SEED["f1"] and r["false_facts"] <= SEED["false_facts"])

        if not oof.gold:
            log("  WARNING: no train news article out of fold; the default is chosen on dev and the gold files")
        if not seed:
            log("  WARNING: no seed article (../shared/gold/seed.json); its requirement is not checked")
        where = f"{len(oof.gold)} {SELECTION}" if oof.gold else "dev + gold files"
        options, admissible = [], []
        for mc in FLOORS:
            for name in ("learned", "both"):
                def floor(e: Event, mc=mc) -> bool:
                    return (e.confidence or 0) >= mc
                c = counts(name == "both", floor)
                options.append((name, mc, c))
                admissible.append(seed_ok(name == "both", floor))
                s, r = prf(c), score(sel_prep, reported(name == "both", floor, sel_prep))
                log(f"  {name} min_confidence {mc}: {where} P={s['precision']} R={s['recall']} F1={s['f1']} "
                    f"(dev + gold files, reported: P={r['precision']} R={r['recall']} F1={r['f1']})"
                    + ("" if admissible[-1] else "; fails the seed requirement"))
        if seed and not any(admissible):
            log(f"  WARNING: no setting keeps the seed at F1 >= {SEED['f1']} with {SEED['false_facts']} false "
                "facts; the default is chosen among all")
        chosen = choose_default(options, target_precision, admissible)
        default_coder, mc, _ = options[chosen]
        log(f"  default: {default_coder} at min_confidence {mc} (chosen on {where})")
        model.thresholds.min_confidence = mc
        # events with an empty side: how sure must they be? (chosen the same way, for the default coder:
        # a stricter policy only where it is better beyond the one-standard-error tie, and one that
        # keeps the seed requirement)
        keep_coder = LearnedCoder(model)

        def keep_policy(field: str, values: tuple, what: str) -> tuple[np.ndarray, bool]:
            """Choose ``model.thresholds.<field>`` among ``values`` (``choose_one_sided``: the lowest
            tied with the best, keeping the seed requirement); its counts and seed check."""
            tried, tried_ok = [], []
            for v in values:
                setattr(model.thresholds, field, v)
                tried.append(counts(default_coder == "both", lambda e: keep_coder.keep(e, mc)))
                tried_ok.append(seed_ok(default_coder == "both", lambda e: keep_coder.keep(e, mc)))
                s1 = prf(tried[-1])
                log(f"  {what} need confidence {v}: {where} P={s1['precision']} R={s1['recall']} F1={s1['f1']}")
            i = choose_one_sided(tried, tried_ok)
            setattr(model.thresholds, field, values[i])
            log(f"  {what} need confidence {values[i]}")
            return tried[i], tried_ok[i]

        keep_policy("one_sided", ONE_SIDED, "one-sided events")
        # events between two countries, one of them guessed (``coder.guessed_pair``): chosen the same way
        chosen_counts, chosen_ok = keep_policy("guessed_pair", GUESSED_PAIR, "events between two countries, one guessed,")
        # the chosen default on the dev split alone (what `lagebild eval events --split dev` prints)
        s = score(dev_prep, [combine(evs, prep.stages.rule_events, default_coder == "both",
                                     lambda e: keep_coder.keep(e, mc)) for prep, evs in zip(dev_prep, dev_pred)])
        s_learned = score(dev_prep, dev_pred, mc)
        s_both = score(dev_prep, [combine(evs, prep.stages.rule_events, True, lambda e: (e.confidence or 0) >= mc)
                                  for prep, evs in zip(dev_prep, dev_pred)])
        log(f"  dev F1 at the chosen floor: rules only {s_rules['f1']}, learned {s_learned['f1']}, both {s_both['f1']}")
        flags = correct_flags(dev_prep, dev_pred)
        high = [y for x, y in flags if x >= 0.8]
        model.meta = {"uses_parse": analyzer.dep is not None,
                      "dep_fingerprint": analyzer.dep.fingerprint if analyzer.dep is not None else None,
                      "dep_path": str(analyzer.dep.path) if analyzer.dep is not None else None,
                      "trained_on": {"train_articles": len(train_prep), "dev_articles": len(dev_prep),
                                     "dev_trained_on": with_dev,
                                     "gold_files_reported": len(extra),
                                     "written_weight": written_weight},
                      "chosen_on": where,
                      "pair_C": PAIR_C if model.pair is not None else None,
                      # the chosen default's (tp, fp, fn) per selection article, for paired comparisons
                      # of later models (``one_se_ties``)
                      "selection_counts": {train_prep[i].doc.doc_id: [int(x) for x in row]
                                           for i, row in zip(oof.gold, chosen_counts)},
                      "C": C, "dev": {k: s[k] for k in ("precision", "recall", "f1", "factuality_accuracy",
                                                      "false_facts", "tp", "fp", "fn")},
                      "dev_at_0.8": {"events": len(high), "right": sum(high)},
                      "default_coder": default_coder,
                      "dev_table": {"rules": s_rules["f1"], "learned": s_learned["f1"], "both": s_both["f1"]},
                      "default_options": [dict(coder=name, min_confidence=floor,
                                               **{k: prf(c)[k] for k in ("precision", "recall", "f1")})
                                          for name, floor, c in options],
                      "target_precision": target_precision, "seconds": round(time.time() - t0)}
        model.meta["seed_ok"] = bool(chosen_ok)
        model.meta["judge"] = "trees" if type(model.judge).__name__ == "TreeModel" else "linear"
        return float(f1_score(*chosen_counts.sum(axis=0))), (C, tt, rt, default_coder, mc, s, high)

    # the shared gold files (the 12 dev articles and the seed): reported beside the choice of the
    # default coder and floor (the choice itself is made on ``SELECTION`` where there is one),
    # never trained on
    extra = shared_gold_preps(analyzer, log)
    # the trigger, role and factuality models' regularization C: the one whose default coder and
    # floor score best on ``SELECTION`` (the train news out of fold; dev and the gold files where
    # there are none), each C with the decoder thresholds (used without a judge) chosen on dev
    # the pair model (its own regularization ``PAIR_C``): one for the coder, one per fold for the judge
    pair_rows, pw = stacked(per_article, weights, 4)
    pair = fit(pair_rows, PAIR_C, weights=pw) if PAIR_C else None
    fold_pairs = fold_pair_models(per_article, weights)
    if PAIR_C:
        log(f"pair model: {len(pair_rows)} rows ({sum(lab != NONE for _, lab in pair_rows)} with a type), "
            f"C={PAIR_C} ({time.time() - t0:.0f} s)")
    tried = []
    for C in BASE_C:
        model = EventModel(trigger=fit(trig, C, weights=tw), role=fit(role, C, weights=rw),
                           factuality=fit(fact, C, weights=fw), modes=best_mode, pair=pair,
                           meta={"uses_parse": analyzer.dep is not None})
        caches = [{} for _ in dev_prep]
        best = None
        for tt in (0.1, 0.15, 0.2, 0.3, 0.4):
            for rt in (0.15, 0.25, 0.35, 0.5):
                model.thresholds = Thresholds(trigger=tt, role=rt, raw=True)
                s = score(dev_prep, predict(model, dev_prep, caches))
                log(f"  C={C} trigger>={tt} role>={rt}: dev P={s['precision']} R={s['recall']} F1={s['f1']}")
                if best is None or s["f1"] > best[0]:
                    best = (s["f1"], tt, rt)
        _, tt, rt = best
        model.thresholds = Thresholds(trigger=tt, role=rt, raw=True)
        dev_pred = predict(model, dev_prep)
        a, b = calibrate(correct_flags(dev_prep, dev_pred))
        model.thresholds = Thresholds(trigger=tt, role=rt, calib_a=a, calib_b=b, complete=completions)
        # the rule events' judge: is a rule-coder event right? (trained on train, its output is
        # the rule events' confidence)
        folded = fold_models(per_article, weights, C, fold_pairs)
        model.rulecheck, rule_oof = fit_rulecheck(model, train_prep, C, folded)
        # the dyad judge (judge.py): trained on cross-fitted candidates of train, threshold out of fold
        model.judge, oof, judge_f1 = fit_judge(model, train_prep, folded, dev_prep, C, log,
                                               written_weight=written_weight)
        sel_f1, figures = complete(C, tt, rt, model, rule_oof, oof)
        log(f"  base C={C}: judge F1 {judge_f1}, default F1 {sel_f1:.4f} ({model.meta['chosen_on']}) "
            f"({time.time() - t0:.0f} s)")
        tried.append((bool(model.meta.get("seed_ok")), sel_f1, -C, model, figures))
    # the best default F1 (unrounded) among the C whose default keeps the seed requirement (all, where
    # none does: session 15's tree judge scored best at C 0.3 with a default that failed it); an exact
    # tie goes to the stronger prior. No one-standard-error preference here: C is no trade of
    # precision against recall, and the judge, the calibrations and the default are chosen again for each C
    _, _, _, model, (C, tt, rt, default_coder, mc, s, high) = max(tried, key=lambda x: x[:3])
    log(f"  base C chosen: {C} (default F1 " + ", ".join(f"{-x[2]}: {x[1]:.4f}" + ("" if x[0] else " (fails the seed)")
                                                        for x in tried) + ")")
    if C in (BASE_C[0], BASE_C[-1]):
        log(f"  note: C {C} is at an end of the grid {BASE_C}")
    model.meta["base_C_options"] = {str(-x[2]): round(x[1], 4) for x in tried}
    model.meta["base_C_seed_ok"] = {str(-x[2]): x[0] for x in tried}
    model.meta["seconds"] = round(time.time() - t0)
    # the rule events of dev and the gold files carry the confidence of the chosen model again
    # (``complete`` scored them with each C in turn)
    coder = LearnedCoder(model)
    for prep in dev_prep + extra:
        coder.score_rule_events(prep.stages.rule_events, prep.ctx, {"ctx": prep.ctx})
    if min_confidence is not None:
        model.meta["min_confidence_chosen"] = (f"{min_confidence}, set by the caller (`lagebild train events "
                                               f"--min-confidence`); the out-of-fold choice was {mc}, and the "
                                               f"figures of this file (dev, selection_counts, the one-sided and "
                                               f"guessed-pair floors) are those of that choice")
        log(f"  default floor {min_confidence} as asked (out of fold: {mc})")
        model.thresholds.min_confidence = mc = min_confidence
    if out is not None:
        model.save(out)
    log(f"chosen C={C} trigger>={tt} role>={rt} coder={default_coder} min_confidence={mc}: dev P={s['precision']} "
        f"R={s['recall']} F1={s['f1']}; events at confidence>=0.8: {sum(high)} of {len(high)} right "
        f"({time.time() - t0:.0f} s)")
    return model
