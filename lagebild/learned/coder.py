"""Decode events from the three linear models (trigger, role, factuality)."""
from __future__ import annotations

import copy
import json
import math

import numpy as np
from dataclasses import dataclass, field
from pathlib import Path

from ..actors import ActorIndex, Mention
from ..errors import ModelError
from ..events.policies import _no_inferred_self_dyad
from ..events.threats import threat_mode
from ..merge import merge_events, named_attacker_first, one_direction, one_reading, same_participant
from ..events import Lexicon, find_magnitude, lemma, load_cues
from ..events.magnitude import casualties_after
from ..events.coder import REFUSABLE, clause_negators, occurrence_negates_noun
from ..events.clauses import (ADJ_ENDINGS, attached_condition, attributive_negation, instead_of, negation_cancelled,
                              negative_clause, participle_shape, subject_negated)
from ..events.factuality import (able_to, after_unreal_noun, obliged, announced_object, circumstance, conditional_adverb, conditioned, considered,
                                 content_of_failed_agreement,
                                 contrastive, counterfactual, generic_before, joined_not, kein_before, negated_with_its_verb, not_told,
                                 planned_noun, possibility_word, prevented, promised, refrained, rejected_report,
                                 reported_past, scheduled, warned_of, without, yes_no_question)
from ..events.tense import _is_future, _past_tense, _told_in_past, cue_in_past, ongoing, pluperfect
from ..timex import anchor_for_clause, happening_date, paragraph_anchors, told_in_preterite
from ..records import Event, Evidence, Timex
from ..text import SentenceTokens
from .features import (NONE, DocContext, candidate_mentions, content_token, factuality_features, role_features,
                       rule_event_features, trigger_features, trigger_probs)
from .judge import COMPLETED, Dyad, Settings, judge_rows, sentence_clauses, sides
from .linear import LinearModel
from .trees import TreeModel, load_scorer

from ..modelinfo import event_model_dir
MAX_SIDE = 3
#: the types a verb with "nicht" can itself tell ("Ich verstehe nicht, warum ...": a criticism; "nicht
#: hinnehmen": a rejection): a clause's negation negates a verb the lexicon has no cue for only for other types
TOLD_BY_NEGATION = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "PROTEST"})
EXTRA = 0.8      # a second participant on a side needs this probability


def calibrated(score: float, a: float, b: float, raw: bool = False) -> float:
    """A model score as a confidence: Platt scaling sigmoid(a * score + b) (fitted in training)
    (``raw``: the score itself, while calibrating)."""
    return score if raw else 1.0 / (1.0 + math.exp(-(a * score + b)))


def _curve_or_sigmoid(p: float, curve: list | None, a: float, b: float) -> float:
    """A model probability as a confidence: the isotonic ``curve`` [[p ...], [confidence ...]] where
    training fitted one, else Platt scaling sigmoid(a * p + b)."""
    if curve:
        return float(np.interp(p, curve[0], curve[1]))
    return calibrated(p, a, b)


def judge_confidence(p: float, th: "Thresholds", calibrating: bool | None = None) -> float:
    """A judged dyad's confidence from the judge's probability: the isotonic curve where training
    fitted one (on the train news out of fold; a sigmoid fitted to the tree judge's scores overstated
    the top band: 23 of 29 dev events at >= 0.8 right, session 15), else Platt scaling; the raw
    probability while calibrating (``th.raw``, or ``calibrating`` where given)."""
    if th.raw if calibrating is None else calibrating:
        return p
    return _curve_or_sigmoid(p, th.judge_curve, th.judge_a, th.judge_b)


def rule_confidence(p: float, th: "Thresholds") -> float:
    """A rule event's confidence from the rulecheck model's probability: the isotonic curve where
    the model has one (a sigmoid overstated the top band: of the out-of-fold train events it put at
    >= 0.8, 74 % were right), else Platt scaling; the raw probability while calibrating."""
    return p if th.raw else _curve_or_sigmoid(p, th.rule_curve, th.rule_a, th.rule_b)


def negated_by_rules(st: SentenceTokens, k: int, ctx: DocContext, typ: str, source: list, target: list) -> bool:
    """Whether the rule coder reads the same happening -- its cue word ``st.tokens[k]`` and sides,
    of any type -- as negated ("hat keine Sanktionen verhängt", "griff nicht an"; "Die USA werden
    keine Truppen in die Ukraine schicken": the rules read a MOBILIZE, the model an AID, and the
    clause is negated either way; ``typ`` is kept for the callers). Its clause rules decide
    a negation's scope; the factuality model learns from 51 negated events among 3,148 and calls
    such an event asserted (a false fact), so for an event the model calls asserted, a negation the
    rules read wins. The sides must agree: "Frankreich hat Deutschland nicht kritisiert, aber
    Italien hat Deutschland kritisiert" leaves Italy's criticism asserted; a side the rule coder
    left empty agrees with any ("Die Nato-Staaten haben sich nicht auf neue Hilfen für die Ukraine
    geeinigt": no partner found, the negation still holds)."""
    t = st.tokens[k]

    def same(rule_side: frozenset, side: list) -> bool:
        return not rule_side or bool(rule_side & {p.code or "-" for p in side})
    refusal = typ in REFUSABLE and refused_cue(t, typ, ctx.lex)
    return any((h.factuality == "negated" or refusal and h.type == "REJECT" and h.factuality == "asserted")
               and same(h.sources, source) and same(h.targets, target)
               for h in ctx.rule_hits.get((t.sent, t.i), ()))


def refused_cue(t, typ: str, lex) -> bool:
    """Whether word ``t`` is a cue of ``typ`` and of no rejection, so that the rule coder's REJECT
    on it is its refusal ("Strache gratulierte dem Bürgermeister nicht": a negated cooperative act
    is a REJECT, ``EventCoder._factuality``): the act itself did not happen, and a learned event of
    ``typ`` on the same word is negated (a probe: "gratulierte nicht" came out as an asserted
    SUPPORT beside the REJECT)."""
    cues = lex.verbs.get(lemma(t.text), []) if not t.is_cap else lex.noun_cues(t.lower) or []
    types = {c.type for c in cues}
    return typ in types and "REJECT" not in types


#: how a named participant's country may have been guessed rather than said (``Participant.code_inferred``):
#: the story's country, or the country named just before it
GUESSED_CODES = ("story", "nearby")
#: the confidence such an event needs (``LearnedCoder.keep``; a floor of 0 keeps everything). A fixed
#: policy chosen with the shipped model on train (in sample), the dev split and the 12 dev gold files
#: (F1 at 0.5 / 0.7 / never: dev 0.513 / 0.514 / 0.518, train 0.629 / 0.630 / 0.628, gold files
#: 0.696 / 0.673 / 0.673; counting "earlier" codes as guesses too: dev 0.513 / 0.513 / 0.516, train
#: 0.629 / 0.631 / 0.626, gold files 0.696 / 0.679 / 0.679): 0.5, the best where the three are
#: taken together. The default of ``Thresholds.guessed_pair`` for a model that does not carry one (the
#: shipped model of session 15); ``lagebild train events`` chooses it out of fold (``GUESSED_PAIR``)
GUESSED_PAIR_FLOOR = 0.5


@dataclass
class Thresholds:
    trigger: float = 0.5      # the best event type's probability must reach this
    role: float = 0.5         # a mention joins a side at this probability
    merge_window: int = 3     # triggers of one type this close in a sentence are one event
    min_confidence: float = 0.0   # the default --min-confidence, chosen for precision (train.SELECTION)
    one_sided: float = 0.0        # an event with an empty side needs this confidence (train.SELECTION)
    guessed_pair: float = GUESSED_PAIR_FLOOR  # so does one between two countries, one guessed (``guessed_pair``)
    calib_a: float = 1.0          # confidence = sigmoid(a * raw + b), fitted on dev (Platt scaling)
    calib_b: float = 0.0
    rule_a: float = 1.0           # the same for the judge of rule events: sigmoid(a * p + b) ...
    rule_b: float = 0.0
    rule_curve: list | None = None    # ... or, when set, an isotonic curve [[p ...], [confidence ...]]
                                      # fitted on the train news out of fold (``rule_confidence``)
    # with a dyad judge, trigger/role/merge_window/calib_a/b are not used for decoding (the judge
    # draws its own candidates); they are still chosen on dev for the coder without one
    judge: float = 0.5            # the dyad judge keeps a dyad at this probability (train.SELECTION)
    judge_trigger: float = 0.02   # candidates of the dyad judge: trigger probability ...
    judge_role: float = 0.05      # ... and role probability they need
    complete: int = 0             # ... and how many countries named before a cue fill an empty side
                                  # (``judge.completions``; 0: none, as models before session 40)
    judge_a: float = 1.0          # confidence of a judged dyad = sigmoid(a * p + b) (train.SELECTION) ...
    judge_b: float = 0.0
    judge_curve: list | None = None   # ... or, when set, an isotonic curve (``judge_confidence``)
    raw: bool = False             # True while calibrating: report the raw score


@dataclass
class EventModel:
    trigger: LinearModel
    role: LinearModel
    factuality: LinearModel
    rulecheck: LinearModel | None = None      # is a rule-coder event right? (its confidence)
    judge: LinearModel | TreeModel | None = None   # does the article report this dyad? (judge.py)
    pair: LinearModel | None = None           # which types between two actors of a sentence? (pairs.py)
    thresholds: Thresholds = field(default_factory=Thresholds)
    modes: dict[str, str] = field(default_factory=dict)     # "TYPE|lemma" -> most frequent mode in train
    meta: dict = field(default_factory=dict)

    def save(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for name, part in (("rulecheck", self.rulecheck), ("judge", self.judge), ("pair", self.pair)):
            if part is None and (out / f"{name}.npz").exists():
                (out / f"{name}.npz").unlink()      # a file of an earlier model this one does not have
        self.trigger.save(out / "trigger.npz")
        self.role.save(out / "role.npz")
        self.factuality.save(out / "factuality.npz")
        if self.rulecheck is not None:
            self.rulecheck.save(out / "rulecheck.npz")
        if self.judge is not None:
            self.judge.save(out / "judge.npz")
        if self.pair is not None:
            self.pair.save(out / "pair.npz")
        meta = dict(self.meta, thresholds=self.thresholds.__dict__, modes=self.modes)
        (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def load_event_model(path: Path | None = None) -> EventModel | None:
    """The shipped event model (or the one in ``$LAGEBILD_EVENT_MODEL``), or None when none
    has been trained into the package."""
    path = path or event_model_dir()
    if not (path / "meta.json").exists():
        return None
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelError(f"{path / 'meta.json'}: corrupt ({exc}) -- retrain with `lagebild train events`") from exc
    model = EventModel(trigger=LinearModel.load(path / "trigger.npz"), role=LinearModel.load(path / "role.npz"),
                      factuality=LinearModel.load(path / "factuality.npz"),
                      rulecheck=LinearModel.load(path / "rulecheck.npz") if (path / "rulecheck.npz").exists()
                      else None,
                      judge=load_scorer(path / "judge.npz") if (path / "judge.npz").exists() else None,
                      pair=LinearModel.load(path / "pair.npz") if (path / "pair.npz").exists() else None,
                      thresholds=Thresholds(**meta.get("thresholds", {})), modes=meta.get("modes", {}),
                      meta=meta)
    if model.pair is None and model.judge is not None and any(f.startswith("pair=") for f in model.judge.features):
        raise ModelError(f"{path / 'pair.npz'}: missing, but the dyad judge of this model reads the pair model "
                         "-- copy the whole model folder, or retrain with `lagebild train events`")
    return model


@dataclass
class Trigger:
    st: SentenceTokens
    k: int
    type: str
    p: float


class LearnedCoder:
    """Events of one document from the learned models; never invents a participant unmarked: a side
    with no mention chosen by the role model stays empty, unless the judge keeps a completion of it
    (``judge.completions``: a country named before the cue, marked ``inferred``)."""

    def __init__(self, model: EventModel, lex: Lexicon | None = None):
        self.model = model
        self.lex = lex or load_cues()

    def triggers(self, ctx: DocContext, cache: dict | None = None) -> list[Trigger]:
        th = self.model.thresholds
        cache = {} if cache is None else cache
        cands, probs = trigger_probs(self.model.trigger, ctx, cache)
        classes = self.model.trigger.classes
        event_cols = np.array([i for i, c in enumerate(classes) if c != NONE])
        if not cands or not len(event_cols):
            return []
        best = event_cols[np.argmax(probs[:, event_cols], axis=1)]
        best_p = probs[np.arange(len(cands)), best]
        found: dict[int, list[Trigger]] = {}
        for (st, k), b, p in zip(cands, best, best_p):
            if p >= th.trigger:
                found.setdefault(st.sentence.index, []).append(Trigger(st, k, classes[b], float(p)))
        out: list[Trigger] = []
        for trs in found.values():
            # one event per happening: nearby triggers of one type collapse onto the likeliest
            kept: list[Trigger] = []
            for tr in sorted(trs, key=lambda tr: -tr.p):
                if not any(o.type == tr.type and abs(o.k - tr.k) <= th.merge_window for o in kept):
                    kept.append(tr)
            out += sorted(kept, key=lambda tr: tr.k)
        return out

    def roles(self, tr: Trigger, ctx: DocContext, cache: dict) -> tuple[list[tuple[Mention, float]],
                                                                        list[tuple[Mention, float]]]:
        ms = candidate_mentions(tr.st, ctx)
        if not ms:
            return [], []
        key = ("role", tr.st.sentence.index, tr.k, tr.type)
        if key not in cache:
            cache[key] = self.model.role.proba_many([role_features(tr.st, tr.k, tr.type, m, ctx) for m in ms])
        probs = cache[key]
        ci = {c: i for i, c in enumerate(self.model.role.classes)}
        th = self.model.thresholds.role
        ps = [row[ci["source"]] if "source" in ci else 0.0 for row in probs]
        pt = [row[ci["target"]] if "target" in ci else 0.0 for row in probs]
        # one source and one target (the likeliest); a further mention joins a side only when the
        # model is sure of it ("Frankreich und Deutschland kritisierten ...")
        src, tgt = [], []
        order_s = sorted(range(len(ms)), key=lambda i: -ps[i])
        if order_s and ps[order_s[0]] >= th and ps[order_s[0]] >= pt[order_s[0]]:
            src = [(ms[i], float(ps[i])) for i in order_s if ps[i] >= max(th, EXTRA) or i == order_s[0]]
        taken = {id(m) for m, _ in src}
        order_t = [i for i in sorted(range(len(ms)), key=lambda i: -pt[i]) if id(ms[i]) not in taken]
        if order_t and pt[order_t[0]] >= th:
            tgt = [(ms[i], float(pt[i])) for i in order_t if pt[i] >= max(th, EXTRA) or i == order_t[0]]
        return src[:MAX_SIDE], tgt[:MAX_SIDE]

    def keep(self, ev: Event, min_confidence: float) -> bool:
        """The output policy chosen in training: confidence at the floor, an event with an empty
        side (no source or no target named) only when it is surer than that, and an event between
        two countries one of which is guessed for its mention (``guessed_pair``) only at
        ``Thresholds.guessed_pair``. A floor of 0 keeps
        every event (``--min-confidence 0``: nothing is left out)."""
        conf = ev.confidence or 0.0
        if min_confidence <= 0:
            return True
        if conf < min_confidence:
            return False
        th = self.model.thresholds
        if guessed_pair(ev) and conf < th.guessed_pair:
            return False
        return both_named(ev) or conf >= th.one_sided

    def rule_token(self, ev: Event, ctx: DocContext):
        """The sentence tokens and the cue token of a rule-coder event."""
        if not ev.evidence:
            return None, None
        st = next((x for x in ctx.sentences if x.sentence.index == ev.evidence[0].sentence), None)
        tok = next((t for t in st.tokens if t.text == ev.cue), None) if st is not None else None
        return st, tok

    def score_rule_events(self, rule_events: list[Event], ctx: DocContext, cache: dict) -> None:
        """Give each rule-coder event a confidence: the rulecheck model's probability that it is right."""
        if self.model.rulecheck is None:
            return
        th = self.model.thresholds
        for ev in rule_events:
            p = self.model.rulecheck.proba(self.rule_features(ev, ctx, cache)).get("right", 0.0)
            ev.confidence = round(rule_confidence(p, th), 3)

    def rule_features(self, ev: Event, ctx: DocContext, cache: dict) -> list[str]:
        st, tok = self.rule_token(ev, ctx)
        trig_p = None
        if tok is not None and content_token(tok):
            key = ("trig1", tok.sent, tok.i)
            if key not in cache:
                cache[key] = self.model.trigger.proba(trigger_features(st, tok.i, ctx))
            trig_p = cache[key]
        return rule_event_features(ev, tok, trig_p)

    def _clauses(self, tr: Trigger, cache: dict) -> list:
        """The clauses of a trigger's sentence (the rule coder's reading: main, sub, condition ...)."""
        return sentence_clauses(tr.st, self.lex, cache)

    def _verb_negated(self, tr: Trigger, clause, cache: dict, source: list) -> bool:
        """Whether a trigger on a verb is negated as the rule coder reads a verb event's clause
        (``events.coder.clause_negators``: "Die USA haben Venezuela keine Hilfe geschickt", "Ungarn hat
        der Aufnahme von Beitrittsgesprächen nicht zugestimmt"), unless the negation belongs to the
        cue ("würden nicht zögern"). The factuality model learns from few negated events and called
        such verbs asserted (a probe: false facts) where the rules found no event on the same word."""
        tok = tr.st.tokens[tr.k]
        if tok.is_cap or tok not in clause.tokens:
            return False
        sent = tr.st.sentence
        if any(p.mention is not None and sent.start <= p.mention.start < sent.end
               and not clause.start <= p.mention.start < clause.end for p in source):
            return False        # a source named in another clause of the sentence: another happening's
            #                     negation ("Frankreich hat X nicht kritisiert, aber Italien hat X kritisiert")
        k = tr.k
        if participle_shape(tok.lower) and tok.lower.endswith(ADJ_ENDINGS) and k + 1 < len(tr.st.tokens) \
                and tr.st.tokens[k + 1].is_cap:
            return False        # a participle before its noun ("das ausgehandelte Abkommen ist nicht umgesetzt")
        cues = self.lex.verbs.get(lemma(tok.text), ())
        if not cues and tr.type in TOLD_BY_NEGATION or any("nicht" in cue.requires for cue in cues):
            return False        # a word the lexicon has no cue for, read as a stance: the model read it with
            #                     its negation ("Ich verstehe nicht, warum ...": a criticism, train + dev gold
            #                     asserted); a deed's verb is negated ("schließt seine Grenze nicht")
        if tr.type == "REJECT" and not any(cue.type == "REJECT" for cue in cues):
            return False        # "hat dem Vorschlag nicht zugestimmt": the refusal is the REJECT
        clauses = self._clauses(tr, cache)
        return bool(clause_negators(clauses, clauses.index(clause), self.lex, clause.tokens.index(tok), tr.type))

    def _clause(self, tr: Trigger, cache: dict):
        """The clause of a trigger."""
        tok = tr.st.tokens[tr.k]
        return next((c for c in self._clauses(tr, cache) if c.start <= tok.start <= c.end), None)

    def _date(self, tr: Trigger, fact: str, timexes: list[Timex], dct: str | None, cache: dict,
              ctx: DocContext | None = None):
        """The date of the happening by the one dating policy (``timex.happening_date``): an expression
        in its clause (else its sentence), bounded by the clause's tense: an asserted happening
        told in the past is never dated after the DCT, a planned one never before it; an asserted
        one dated after the DCT and not told in the past is planned. Returns (date, factuality)."""
        clause = self._clause(tr, cache)
        tok = tr.st.tokens[tr.k]
        sent = tr.st.sentence
        start, end = (clause.start, clause.end) if clause is not None else (sent.start, sent.end)
        if "anchors" not in cache:      # the time each paragraph set (the one policy of both coders)
            cache["anchors"] = paragraph_anchors(ctx.sentences if ctx is not None else [], timexes, self.lex)
        preterite = told_in_preterite(t.text for t in (clause.tokens if clause is not None else tr.st.tokens))
        past = (_past_tense(clause, tok) if clause is not None else cue_in_past(tok)) or preterite  # as the rule coder
        present = not past and not told_in_preterite(sent.text)
        anchor = anchor_for_clause(cache["anchors"].get(sent.index), dct, past=past,
                                   pluperfect=clause is not None and pluperfect(clause),
                                   ongoing=clause is not None and ongoing(clause, self.lex),
                                   present=present)
        date = happening_date(fact, timexes, start, end, dct, tok.start, wider=(sent.start, sent.end),
                              wider_text=sent.text,
                              told_in_past=(clause is not None and _told_in_past(clause)) or cue_in_past(tok)
                              or preterite, anchor=anchor)
        if date is None:
            return None, fact
        if fact == "asserted" and not date.from_dct and _is_future(date, dct) \
                and not ((clause is not None and _past_tense(clause)) or cue_in_past(tok) or preterite):
            fact = "planned"
        return date, fact

    def _event(self, tr: Trigger, src: list, tgt: list, conf: float, ctx: DocContext,
               timexes: list[Timex], dct: str | None, cache: dict) -> Event:
        """The event of one trigger with its sides (participants), factuality and date."""
        key = ("fact", tr.st.sentence.index, tr.k, tr.type)
        if key not in cache:
            cache[key] = self.model.factuality.proba(factuality_features(tr.st, tr.k, tr.type, ctx))
        fp = cache[key]
        fact = max(fp, key=fp.get)
        clause = self._clause(tr, cache)
        if fact == "negated" and clause is not None:
            negs = [j for j, w in enumerate(clause.lowers) if self.lex.is_(w, "negation")]
            at = clause.tokens.index(tr.st.tokens[tr.k]) if tr.st.tokens[tr.k] in clause.tokens else None
            if negs and all(negation_cancelled(clause.lowers, j, self.lex)
                            or at is not None and j > at and attributive_negation(clause.tokens, j) for j in negs):
                # "trafen sich nicht zum ersten Mal": the model's negation is cancelled, as the rules read
                # it; one after the cue that negates an attribute of another noun negates no event ("zu
                # Gesprächen über die nicht eingehaltene Waffenruhe"); a refusal or negation read below
                # still holds ("verzichteten nicht nur auf Sanktionen")
                fact = max((f for f in fp if f != "negated"), key=fp.get)
        asked_verb = tr.k == 0 or not tr.st.tokens[tr.k].is_cap     # the question's own verb, no noun
        if clause is not None and (clause.kind == "condition" or asked_verb and yes_no_question(
                self._clauses(tr, cache), self._clauses(tr, cache).index(clause),
                [t.lower for t in tr.st.tokens], self.lex)):
            fact = "hypothetical"    # an event named in a condition or asked about is never a fact
        elif clause is not None and fact == "planned" and reported_past(clause):
            fact = "asserted"        # "Russland soll Kiew angegriffen haben": hearsay of a deed, no plan
        elif clause is not None and fact == "planned" and not_told(self._clauses(tr, cache),
                                                                   self._clauses(tr, cache).index(clause), self.lex):
            fact = "hypothetical"    # "erwägt, Soldaten zu schicken", "prüft, ob sie ... verhängen wird"
        elif clause is not None and fact == "asserted":
            clauses = self._clauses(tr, cache)
            tok = tr.st.tokens[tr.k]
            if not_told(clauses, clauses.index(clause), self.lex) or (
                    tok in clause.tokens and (rejected_report(clause, clause.tokens.index(tok), self.lex)
                                              or tok.is_cap and (warned_of(clause, clause.tokens.index(tok), self.lex)
                                                                 or generic_before(clause.tokens, clause.tokens.index(tok),
                                                                                   self.lex)
                                                                 or considered(clause, clause.tokens.index(tok), self.lex)
                                                                 or prevented(clause, clause.tokens.index(tok), self.lex)))):
                # "wies Berichte zurück, wonach ...", "Berichte über ...", "mit einer Offensive
                # gedroht", "vor einem Angriff gewarnt": no fact
                fact = "hypothetical"
            elif tr.type != "AGREE" and promised(clause, self.lex):
                fact = "planned"         # "sagte Moldau Hilfe zu": the aid is promised, as the rules read it
            elif tok.is_cap and tok in clause.tokens and (planned_noun(clause, clause.tokens.index(tok), tr.type,
                                                                       self.lex) or scheduled(clause, self.lex)
                                                          or announced_object(self._clauses(tr, cache),
                                                                              self._clauses(tr, cache).index(clause),
                                                                              clause.tokens.index(tok))):
                fact = "planned"         # "will ... eine Offensive beginnen", "ist für Freitag geplant",
                #                          "kündigten neue Sanktionen an" (as the rules read it; not "rief für
                #                          Montag zu Streiks auf": train gold codes 2 of 2 such protests asserted)
        if fact in ("asserted", "planned") and clause is not None \
                and (possibility_word(clause, tr.st.tokens[tr.k], self.lex, reported_future=True)
                     or (tr.st.tokens[tr.k].is_cap and tr.k > 0
                         and after_unreal_noun(clause, tr.st.tokens[tr.k], self.lex))):
            fact = "hypothetical"    # "Ein Treffen ist möglich", "womöglich schickt ...", "eine letzte Chance für eine
            #                          Einigung": as the rules read it
        if fact in ("asserted", "planned") and clause is not None and tr.st.tokens[tr.k] in clause.tokens \
                and (conditional_adverb(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex, tr.type)
                     or able_to(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex)
                     or obliged(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex, tr.type)):
            fact = "hypothetical"    # "werde notfalls vor Gericht ziehen", "kann ... festnehmen", "muss Sanktionen
            #                          verhängen": as the rules read it
        refrain = refrained(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex) \
            if clause is not None and tr.st.tokens[tr.k] in clause.tokens else None
        if refrain == "hypothetical" and fact in ("asserted", "planned"):
            fact = "hypothetical"    # "riet von Reisen in die Türkei ab": advised against
        unreal = counterfactual(clause, self.lex) if clause is not None and tr.st.tokens[tr.k] in clause.tokens else None
        if unreal is not None and fact in ("asserted", "planned"):
            fact = unreal            # "hätten Syrien beinahe angegriffen", "hätte ihn festnehmen müssen"
        if fact in ("asserted", "planned") and (
                refrain == "negated" or negated_by_rules(tr.st, tr.k, ctx, tr.type, src, tgt)
                or (tr.type != "REJECT" and tr.st.tokens[tr.k].is_cap and kein_before(tr.st.tokens, tr.k))
                or (tr.st.tokens[tr.k].is_cap and without(tr.st.tokens, tr.k))
                or (clause is not None and (self._verb_negated(tr, clause, cache, src) or negative_clause(clause, self.lex)
                                            or (tr.st.tokens[tr.k] in clause.tokens and instead_of(
                                                clause, clause.tokens.index(tr.st.tokens[tr.k]), tr.type, self.lex))))
                or (clause is not None and tr.st.tokens[tr.k].is_cap and tr.st.tokens[tr.k] in clause.tokens
                    and (occurrence_negates_noun(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex)
                         or negated_with_its_verb(clause, clause.tokens.index(tr.st.tokens[tr.k]), tr.type,
                                                  self.lex)
                         or joined_not(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex)
                         or content_of_failed_agreement(clause, clause.tokens.index(tr.st.tokens[tr.k]), self.lex)))):
            # "Die USA werden keine Truppen schicken": no plan either; "keine Zusammenarbeit": the
            # noun's own determiner negates it, as the rules read it (a refusal, "genieße keine
            # Unterstützung", read as a REJECT, keeps it); "Ein Treffen ... ist nicht
            # geplant", "fand nicht statt": the clause's event noun, also where the rules found no sides
            fact = "negated"
        if fact == "negated" and clause is not None and not kein_before(tr.st.tokens, tr.k) \
                and contrastive(self._clauses(tr, cache), self._clauses(tr, cache).index(clause), self.lex, tr.type):
            fact = "asserted"        # "fand nicht wie geplant am Montag statt, sondern am Dienstag"
        if fact == "negated" and clause is not None and tr.st.tokens[tr.k].is_cap and tr.k > 0 \
                and not kein_before(tr.st.tokens, tr.k):
            negators = [w for w in clause.lowers if self.lex.is_(w, "negation")]
            if negators and all(w.startswith("kein") for w in negators) and not subject_negated(clause):
                # "Nach dem Treffen ... gab es keine Einigung": "keine" is another noun's, as the
                # rules read it (an adverb, "nicht", negates the clause)
                fact = "asserted"
            elif tr.st.tokens[tr.k] in clause.tokens and circumstance(clause, clause.tokens.index(tr.st.tokens[tr.k]),
                                                                      self.lex):
                fact = "asserted"    # "haben sich beim Pensionsgipfel nicht geeinigt": the summit was held
        tok = tr.st.tokens[tr.k]
        sent = tr.st.sentence
        ev = Event(type=tr.type, mode=self.model.modes.get(f"{tr.type}|{lemma(tok.text)}"),
                   source=src, target=tgt, factuality=fact, cue=tok.text,
                   evidence=[Evidence(sentence=sent.index, start=sent.start, end=sent.end, text=sent.text)])
        ev.confidence = round(conf, 3)
        if tr.type == "THREATEN":       # what is threatened, not the mode the cue word had most often
            ev.mode = threat_mode([t.lower for t in tr.st.tokens[tr.k:]])
        ev.magnitude = find_magnitude(sent.text)
        if ev.magnitude is None and tr.type == "ASSAULT":
            # "... bombardiert. Dabei wurden zwölf Menschen getötet.": the next sentence counts its dead
            nxt = next((x for x in ctx.sentences if x.sentence.index == sent.index + 1), None) if ctx is not None else None
            ev.magnitude = casualties_after(nxt.sentence.text, self.lex) if nxt is not None else None
        if clause is not None:                  # "Falls X, wird Y ...": Y carries its condition
            clauses = self._clauses(tr, cache)
            cond = attached_condition(clauses, clauses.index(clause))
            if cond is not None:
                ev.condition = sent.text[cond.start - sent.start:cond.end - sent.start]
                fact = conditioned(fact, tr.type, clauses, clauses.index(clause), self.lex)
        ev.date, ev.factuality = self._date(tr, fact, timexes, dct, cache, ctx)
        # according to whom: the reporter the rule coder found for this sentence ("laut Polizei",
        # "sagte ein Sprecher"), unless it is a side of the event itself (the same actor, not merely
        # one of the same country and sector: "..., sagte Kremlsprecher Peskow")
        reporter = ctx.reporters.get(sent.index)
        if reporter is not None and not any(same_participant(p, reporter) for p in src):
            ev.reported_by = reporter
        return ev

    def code(self, sentences: list[SentenceTokens], actors: ActorIndex, rule_events: list[Event],
             timexes: list[Timex], dct: str | None, cache: dict | None = None,
             reporters: dict | None = None, cited: dict | None = None) -> list[Event]:
        """Events of one document. ``cache`` (a dict kept by the caller) saves the model outputs
        between calls with other thresholds on the same document; ``reporters`` is who each
        sentence reports from, as the rule coder read it (``EventCoder.code(..., reporters=)``)."""
        cache = {} if cache is None else cache
        ctx = cache.get("ctx")
        if ctx is None:
            ctx = cache["ctx"] = DocContext.build(sentences, actors, self.lex, rule_events, reporters, cited,
                                                  parse=bool(self.model.meta.get("uses_parse")))
        if self.model.judge is not None:
            return self.judged(ctx, rule_events, timexes, dct, cache)
        th = self.model.thresholds
        out: list[Event] = []
        for tr in self.triggers(ctx, cache):
            src, tgt = self.roles(tr, ctx, cache)
            if not src and not tgt:
                continue                 # no participant in the text: nothing to report
            parts = [p for _, p in src + tgt]
            raw = tr.p * (sum(parts) / len(parts))
            conf = calibrated(raw, th.calib_a, th.calib_b, th.raw)
            out.append(self._event(tr, [m.participant() for m, _ in src], [m.participant() for m, _ in tgt],
                                   conf, ctx, timexes, dct, cache))
        return out

    def judge_dyads(self, ctx: DocContext, rule_events: list[Event], cache: dict) -> list[tuple[Dyad, float]]:
        """Every candidate dyad of the article with the judge's probability that it is reported."""
        th = self.model.thresholds
        if "dyads" not in cache:
            dyads, feats = judge_rows(self.model.trigger, self.model.role, ctx, rule_events,
                                      Settings(th.judge_trigger, th.judge_role, th.complete), cache,
                                      pair=self.model.pair)
            classes = self.model.judge.classes
            probs = self.model.judge.proba_many(feats)[:, classes.index("right")] \
                if feats and "right" in classes else [0.0] * len(dyads)
            cache["dyads"] = list(zip(dyads, (float(p) for p in probs)))
        return cache["dyads"]

    def judged(self, ctx: DocContext, rule_events: list[Event], timexes: list[Timex], dct: str | None,
               cache: dict) -> list[Event]:
        """Events of the dyads the judge keeps: each told by its best-supported mention (a learned
        trigger where there is one, else the rule coder's event), its confidence the judge's."""
        th = self.model.thresholds
        out: list[Event] = []
        for d, p in self.judge_dyads(ctx, rule_events, cache):
            if p < th.judge:
                continue
            conf = judge_confidence(p, th)
            best = d.best
            src, tgt = sides(d, ctx, cache)
            if best.rule is not None:
                ev = copy.copy(best.rule)
                ev.source, ev.target = src, tgt
                ev.evidence = list(best.rule.evidence)
                ev.confidence = round(conf, 3)
            else:
                # the event is told where the text names the happening most clearly (the likeliest
                # trigger: its cue, evidence, factuality, date, place and condition), which need not
                # be where its sides are clearest (chosen on dev); one place for all of them, so that
                # they never disagree ("will ... treffen" planned, with the date and factuality of
                # another sentence's "hatten ... telefoniert")
                clearest = d.clearest
                ev = self._event(Trigger(clearest.st, clearest.k, clearest.type, clearest.p_trig), src, tgt,
                                 conf, ctx, timexes, dct, cache)
                if d.inferred_only:
                    _no_inferred_self_dyad(ev)
                    if not ev.source or not ev.target:
                        continue        # the one-sided dyad is judged on its own
            out.append(ev)
        return out




def both_named(ev: Event) -> bool:
    """Whether the event names both its sides: neither is empty nor only filled from the story by
    ``judge.completions`` (such an event is kept as a one-sided one is, ``LearnedCoder.keep``)."""
    return all(side and any(p.inferred != COMPLETED for p in side) for side in (ev.source, ev.target))


def guessed_pair(ev: Event) -> bool:
    """Whether the event sets two different countries against each other and the country of one of
    its participants is a guess: only the story's or the one named just before it ("Die Polizei
    ..." in a story about Syria -> SYR), which pairs a domestic actor with a foreign country by
    guess (dev at the shipped floor: 2 of 18 such events right; the train news in sample 27 of 73)."""
    src = {p.code for p in ev.source if p.code}
    tgt = {p.code for p in ev.target if p.code}
    if not src or not tgt or src & tgt:
        return False
    return any(p.code_inferred in GUESSED_CODES for p in ev.source + ev.target if p.code)


def left_out(everything: list[Event], kept: list[Event]) -> int:
    """How many of the records a coder setting finds without a floor (``everything``) tell a dyad
    that none of the ``kept`` records tells (same type and factuality): the happenings the floor
    left out, whatever the merge made of the rest."""
    from ..merge import dyads
    told = {(e.type, e.factuality, d) for e in kept for d in dyads(e)}
    return sum(1 for e in everything if any((e.type, e.factuality, d) not in told for d in dyads(e)))


def combine(learned: list[Event], rule_events: list[Event], both: bool, keep) -> list[Event]:
    """What a coder setting reports for one article: the learned coder's events (and with
    ``both`` the rule coder's, scored by ``score_rule_events``) that ``keep`` accepts, one reading
    per mention (``merge.one_reading``), one direction of an act one side does to the other
    (``merge.one_direction``), no attack by no one named beside a named one on the same target
    (``merge.named_attacker_first``), mentions of one happening merged. Copies: the inputs stay
    as they are."""
    chosen = [copy.copy(e) for e in learned + (rule_events if both else []) if keep(e)]
    for e in chosen:
        e.evidence = [copy.copy(x) for x in e.evidence]
        e.source, e.target = list(e.source), list(e.target)
    return merge_events(one_direction(one_reading(named_attacker_first(chosen))))

