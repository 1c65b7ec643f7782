"""The pair model: which event types does a sentence report between two of its actors?

The trigger and role models read one word and one mention at a time; the corpus codes a cue
word where coded actors take part in it ("getötet" is an event when a state's forces kill, not
otherwise). The pair model reads the other way round: for each sentence and each ordered pair
of the coded actors it may speak of (either side may be none), it gives the probability of each
event type from what surrounds the pair -- the words of the sentence, the words and cue words
between and around the two mentions, their prepositions, sectors and order, and the rule
coder's events between them. An article's dyad (type, source code, target code) gets the
largest probability of its units. The dyad judge reads it as a feature (``judge.dyad_features``).

Chosen on the train news articles out of fold (session 10): with the pair model as a judge
feature, the default coder's F1 went from 0.393 to 0.414 (after a review's fixes, retrained:
0.410, +0.0175 with a paired-bootstrap standard error of 0.011; on the test split, read once
after the choice, it did not show: 0.320 against 0.339 without). Its dyads as extra candidates
of the judge (at pair probability 0.05 or 0.1) added nothing beyond the feature (0.413, 0.409),
nor did the probability of the reversed pair and of the other types of the same pair (0.408).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..actors import Mention
from ..evaluate.events import FOLDED_INTO_AGREE
from ..events import lemma
from ..records import Event, Participant
from ..text import SentenceTokens
from .features import NONE, DocContext, _bucket, candidate_mentions, content_token, lexicon_cues
from .linear import LinearModel

NEAR = 6                 # tokens on either side of a mention whose cue words and lemmas it sees
SENTENCE_CLASSES = ("negation", "hypothetical", "condition", "speech", "planned")


@dataclass
class Unit:
    """One sentence and one ordered pair of codes (source, target; "-" for none), with the
    mentions that stand for them (the first such pair in ``candidate_mentions`` order: the
    sentence's, then the sentence before's) and its features (those of every pair of mentions
    with these codes, united)."""

    sent: int
    src: str
    tgt: str
    st: SentenceTokens
    src_m: Mention | None
    tgt_m: Mention | None
    features: list[str]
    n_sent: int = 0             # the first ``n_sent`` features are the sentence's, shared by its units

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.sent, self.src, self.tgt)


def _cue_types(st: SentenceTokens, lems: list[str | None], ctx: DocContext) -> dict[int, set[str]]:
    """The event types the lexicon gives each word of the sentence (cue verbs and nouns)."""
    lex = ctx.lex
    out: dict[int, set[str]] = {}
    for k, t in enumerate(st.tokens):
        if lems[k] is None:
            continue
        verbs, nouns = lexicon_cues(lex, t, lems[k])
        ts = {c.type for c in verbs + nouns}
        if ts:
            out[k] = ts
    return out


def _side_features(side: str, m: Mention | None, st: SentenceTokens, ctx: DocContext, first: Mention | None,
                   lems: list[str | None], cues: dict[int, set[str]]) -> list[str]:
    if m is None:
        return [f"{side}=none"]
    here = m.sent == st.sentence.index
    f = [f"{side}prep={m.prep}", f"{side}obl={m.oblique}", f"{side}kind={m.kind}", f"{side}sec={m.sector}",
         f"{side}pron={m.pronoun}", f"{side}prev={not here}", f"{side}gen={m.genitive_of}",
         f"{side}from={m.code_from}", f"{side}q={m.in_quote}", f"{side}first={m is first}"]
    rep = ctx.reporters.get(m.sent)
    if rep is not None and rep.mention is not None and rep.mention.start == m.start:
        f.append(f"{side}reporter")
    if not here:
        return f
    if m.i > 0:
        f.append(f"{side}mprev={st.tokens[m.i - 1].lower}")
    for k, lem in enumerate(lems):
        if lem is None or m.i <= k < m.j:
            continue
        where, dist = ("R", k - m.j) if k >= m.j else ("L", m.i - 1 - k)
        if dist < NEAR:
            f.append(f"{side}lem{where}={lem}")
            f += [f"{side}cue{where}={ty}" for ty in cues.get(k, ())]
    return f


def _between_features(a: Mention, b: Mention, st: SentenceTokens, lems: list[str | None],
                      cues: dict[int, set[str]]) -> list[str]:
    order = "SG" if a.i < b.i else "GS"
    lo, hi = (a.j, b.i) if a.i < b.i else (b.j, a.i)
    f = [f"order={order}", f"dist={_bucket(max(hi - lo, 0))}"]
    for k in range(lo, hi):
        if lems[k] is not None:
            f += [f"B={lems[k]}", f"B{order}={lems[k]}"]
        for ty in cues.get(k, ()):
            f += [f"Bcue={ty}", f"Bcue{order}={ty}"]
        if st.tokens[k].text == ",":
            f.append("Bcomma")
    return f


def units(ctx: DocContext, rule_events: list[Event], cache: dict | None = None) -> list[Unit]:
    """Every (sentence, source code, target code) of the article's body sentences, with its features;
    kept in ``cache``."""
    if cache is not None and "pair_units" in cache:
        return cache["pair_units"]
    rules_of: dict[int, list[Event]] = {}
    for ev in rule_events:
        if ev.evidence:
            rules_of.setdefault(ev.evidence[0].sentence, []).append(ev)
    out: list[Unit] = []
    for st in ctx.sentences:
        if st.sentence.kind != "body":
            continue
        ms = [m for m in candidate_mentions(st, ctx) if m.code]
        if not ms:
            continue
        toks = st.tokens
        lems = [lemma(t.text) if content_token(t) else None for t in toks]
        cues = _cue_types(st, lems, ctx)
        sent_f = {f"L={x}" for x in lems if x is not None} | {f"cue={ty}" for ts in cues.values() for ty in ts}
        sent_f |= {f"cls={c}" for w in {t.lower for t in toks} for c in SENTENCE_CLASSES if ctx.lex.is_(w, c)}
        here = [m for m in ms if m.sent == st.sentence.index]
        first = here[0] if here else None
        rule_sides = [(ev, _named(ev.source), _named(ev.target)) for ev in rules_of.get(st.sentence.index, [])]
        side_f = {(side, id(m)): _side_features(side, m, st, ctx, first, lems, cues)
                  for side in ("S", "G") for m in ms + [None]}
        found: dict[tuple[int, str, str], tuple[Mention | None, Mention | None, set[str]]] = {}
        for a in ms + [None]:
            for b in ms + [None]:
                if a is b or (a is not None and b is not None and a.actor_id and a.actor_id == b.actor_id):
                    continue
                sc, tc = (a.code if a else "-"), (b.code if b else "-")
                key = (st.sentence.index, sc, tc)
                if key not in found:
                    found[key] = (a, b, set())
                f = found[key][2]       # what the pair adds to the sentence's features (a key's pairs united)
                f.update(side_f[("S", id(a))])
                f.update(side_f[("G", id(b))])
                if a is not None and b is not None:
                    f.update(["self" if sc == tc else "other", f"pairsec={a.sector}|{b.sector}"])
                    if a.sent == b.sent == st.sentence.index:
                        f.update(_between_features(a, b, st, lems, cues))
                for ev, ss, gs in rule_sides:
                    if sc in ss and tc in gs:
                        f.update([f"rule={ev.type}", f"rulef={ev.factuality}"])
                    elif sc in ss or tc in gs:
                        f.add(f"rule1={ev.type}")
        sent_list = sorted(sent_f)      # no pair feature shares a prefix with them: no feature twice
        out += [Unit(key[0], key[1], key[2], st, a, b, sent_list + sorted(f), len(sent_list))
                for key, (a, b, f) in found.items()]
    if cache is not None:
        cache["pair_units"] = out
    return out


def _named(side: list[Participant]) -> set[str]:
    """The codes of a rule event's side that the text names ("-" for none): a participant a
    fallback policy filled (``inferred``) is left out, as the judge leaves it out
    (``judge.rule_candidates``)."""
    return {p.code for p in side if p.code and not p.inferred} or {"-"}


def labels(gold_events, ctx: DocContext) -> tuple[dict, set]:
    """The event types each (sentence, source code, target code) reports by the gold events whose
    cue stands in the sentence (every alternative code of a side counts; a planned CONSULT,
    SUPPORT, COOPERATE or AID is an AGREE too, as the scorer reads it), and the keys that only
    optional events report (left out of training)."""
    lab: dict[tuple[int, str, str], set[str]] = {}
    opt: set[tuple[int, str, str]] = set()
    for ev in gold_events:
        st = next((s for s in ctx.sentences if s.sentence.start <= ev.cue.start < s.sentence.end), None)
        if st is None:
            continue
        src = set().union(*[set((q.code or "-").split("|")) for q in ev.source]) if ev.source else {"-"}
        tgt = set().union(*[set((q.code or "-").split("|")) for q in ev.target]) if ev.target else {"-"}
        for s in src:
            for t in tgt:
                key = (st.sentence.index, s, t)
                types = set(ev.type.split("|"))
                if ev.factuality == "planned" and types & FOLDED_INTO_AGREE:
                    types.add("AGREE")
                if ev.optional:
                    opt.add(key)
                else:
                    lab.setdefault(key, set()).update(types)
    return lab, opt - set(lab)


def rows(ctx: DocContext, rule_events: list[Event], gold_events) -> list[tuple[list[str], str]]:
    """Training rows of one article: each unit with each type it reports, or "O"."""
    lab, opt = labels(gold_events, ctx)
    out = []
    for u in units(ctx, rule_events):
        types = lab.get(u.key)
        if types:
            out += [(u.features, ty) for ty in sorted(types)]
        elif u.key not in opt:
            out.append((u.features, NONE))
    return out


def dyad_probs(model: LinearModel, ctx: DocContext, rule_events: list[Event], cache: dict
               ) -> dict[tuple[str, str, str], tuple[float, Unit]]:
    """(type, source code, target code) -> (the largest probability of its units, that unit); kept
    in ``cache`` (per model)."""
    key_ = ("pair_probs", id(model))
    if key_ in cache:
        return cache[key_]
    us = units(ctx, rule_events, cache)
    out: dict[tuple[str, str, str], tuple[float, Unit]] = {}
    if us:
        # the sentence's features once per sentence, each unit's own ones apart (the same sums)
        first = {}
        for n, u in enumerate(us):
            first.setdefault(u.sent, n)
        order = list(first)
        shared = model.sums_many([us[first[s]].features[:us[first[s]].n_sent] for s in order])
        row_of = {s: i for i, s in enumerate(order)}
        own = model.sums_many([u.features[u.n_sent:] for u in us])
        probs = model.softmax(own + shared[[row_of[u.sent] for u in us]])
        for u, row in zip(us, probs):
            for ci, c in enumerate(model.classes):
                if c == NONE:
                    continue
                key = (c, u.src, u.tgt)
                p = float(row[ci])
                if key not in out or p > out[key][0]:
                    out[key] = (p, u)
    cache[key_] = out
    return out
