"""Features of the learned event coder: plain strings, one list per example.

Language knowledge comes from the lexicon files (cue verbs and nouns in ``verbs.tsv``, word
classes in ``cues.tsv``: negation, hypothetical, planned, condition, speech, particle ...);
nothing here names a word of a particular article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.lang.de.stop_words import STOP_WORDS

from ..actors import ActorIndex, Mention
from ..events import Lexicon, lemma
from ..records import Event, Participant
from ..syntax import attachment, coarse, cue_label
from ..text import SentenceTokens, Token

FACT_CLASSES = ("negation", "hypothetical", "planned", "condition", "speech", "subordinator",
                "unreal_noun", "negative_subordinator", "promise", "not_negation", "quote_verb")
WINDOW = 8
NONE = "O"       # the class of "no event" (trigger and pair models)


def _bucket(n: int) -> str:
    for b in (0, 1, 2, 3, 5, 8, 13):
        if n <= b:
            return str(b)
    return "far"


@dataclass
class RuleHit:
    type: str
    factuality: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass
class DocContext:
    """What the features of one document need: tokens, mentions and the rule coder's events."""

    sentences: list[SentenceTokens]
    actors: ActorIndex
    lex: Lexicon
    rule_hits: dict[tuple[int, int], list[RuleHit]] = field(default_factory=dict)   # (sent, tok i) -> hits
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    reporters: dict[int, Participant] = field(default_factory=dict)   # sentence -> who reports it
    cited: dict[int, Participant] = field(default_factory=dict)   # ... named by "laut", "nach Angaben"
    parse: bool = False     # the model reads sentence structure (``lagebild.syntax``)

    @classmethod
    def build(cls, sentences: list[SentenceTokens], actors: ActorIndex, lex: Lexicon,
              rule_events: list[Event], reporters: dict[int, Participant] | None = None,
              cited: dict[int, Participant] | None = None, parse: bool = False) -> "DocContext":
        """``reporters``: who each sentence reports from, as the rule coder read it (its
        ``code(..., reporters=, cited=)``); without it, taken from the rule coder's events.
        ``cited``: the sentences whose source a preposition names ("laut X"). ``parse``: the
        model reads the sentences' dependency parse (``SentenceTokens.heads``)."""
        ctx = cls(sentences=sentences, actors=actors, lex=lex, reporters=dict(reporters or {}),
                  cited=dict(cited or {}), parse=parse)
        for m in actors.mentions:
            ctx.mentions.setdefault(m.sent, []).append(m)
        by_sent = {st.sentence.index: st for st in sentences}
        for ev in rule_events:
            if ev.reported_by is not None and ev.evidence:
                ctx.reporters.setdefault(ev.evidence[0].sentence, ev.reported_by)
            if not ev.evidence or not ev.cue:
                continue
            st = by_sent.get(ev.evidence[0].sentence)
            if st is None:
                continue
            hit = RuleHit(ev.type, ev.factuality, frozenset(p.code or "-" for p in ev.source),
                          frozenset(p.code or "-" for p in ev.target))
            for t in st.tokens:
                if t.text == ev.cue:
                    ctx.rule_hits.setdefault((t.sent, t.i), []).append(hit)
        return ctx


#: the punctuation that ends a verb's clause for its separable particle
CLAUSE_END = frozenset({",", ";", ":", ".", "?", "!", "–", "("})


def _particle_after(toks: list[Token], k: int, lex: Lexicon) -> str | None:
    """The separable particle closing the clause of a verb: "griff ... an" -> "an"."""
    end = len(toks)
    for t in toks[k + 1:]:
        if t.text in CLAUSE_END:
            end = t.i
            break
    # the last word before it: a closing quotation mark or bracket is no word
    # ("„Russland griff Kiew an“, sagte er")
    last = next((x for x in reversed(toks[k + 1:end]) if any(ch.isalnum() for ch in x.text)), None)
    return last.lower if last is not None and lex.is_(last.lower, "particle") else None


def content_token(t: Token) -> bool:
    """A token that may be an event's trigger: a word of three letters or more that is not a
    function word (spaCy's German stop words)."""
    return len(t.text) >= 3 and t.text[0].isalpha() and t.lower not in STOP_WORDS


def trigger_probs(trigger, ctx: DocContext, cache: dict) -> tuple[list[tuple[SentenceTokens, int]], np.ndarray]:
    """The trigger model's class probabilities for every content token of the body sentences:
    (the (sentence, token index) pairs, an array of probabilities); kept in ``cache``."""
    if "trig" not in cache:
        cands = [(st, k) for st in ctx.sentences if st.sentence.kind == "body"
                 for k, t in enumerate(st.tokens) if content_token(t)]
        probs = trigger.proba_many([trigger_features(st, k, ctx) for st, k in cands]) \
            if cands else np.zeros((0, len(trigger.classes)))
        cache["trig"] = (cands, probs)
    return cache["trig"]


def lexicon_cues(lex: Lexicon, t: Token, lem: str) -> tuple[list, list]:
    """The cue rows the lexicon gives a word: (verb cues of its lemma, else of its form; noun cues
    of a capitalized word). One definition for the trigger and the pair model's features."""
    verbs = list(lex.verbs.get(lem, ()) or lex.verbs.get(t.lower, ()))
    nouns = list(lex.noun_cues(t.lower) or ()) if t.is_cap else []
    return verbs, nouns


def trigger_features(st: SentenceTokens, k: int, ctx: DocContext) -> list[str]:
    toks = st.tokens
    t = toks[k]
    low = t.lower
    lem = lemma(t.text)
    lex = ctx.lex
    f = [f"w={low}", f"l={lem}", f"s3={low[-3:]}", f"s4={low[-4:]}", f"s5={low[-5:]}",
         f"ls6={lem[-6:]}", f"ls8={lem[-8:]}", f"p4={low[:4]}",
         "cap" if t.is_cap and k > 0 else ("first" if k == 0 else "low")]
    head = low.rsplit("-", 1)[1] if "-" in low else ""
    if head.isalpha():
        f.append(f"head={lemma(head)}")
    for d in (-2, -1, 1, 2):
        j = k + d
        f.append(f"w{d}={toks[j].lower if 0 <= j < len(toks) else '<s>'}")
    part = _particle_after(toks, k, lex) if not t.is_cap or k == 0 else None
    if part:
        f += [f"part={part}", f"lpart={part}{lem}"]
        for c in lex.verbs.get(part + lem, ()):
            f.append(f"vcue={c.type}")
    verbs, nouns = lexicon_cues(lex, t, lem)
    for c in verbs:
        f.append(f"vcue={c.type}")
        if c.requires:
            f.append(f"vreq={c.type}")
    for c in nouns:
        f.append(f"ncue={c.type}")
    for h in ctx.rule_hits.get((t.sent, t.i), ()):
        f += [f"rule={h.type}", f"rulef={h.factuality}"]
    near = [m for m in ctx.mentions.get(t.sent, ()) if abs(m.i - k) <= 3 or m.start <= t.start < m.end]
    if any(m.start <= t.start < m.end for m in near):
        f.append("in_mention")
    f.append(f"nm={_bucket(len(ctx.mentions.get(t.sent, ())))}")
    f.append(f"kind={st.sentence.kind}")
    if ctx.parse:
        # which places of the word's verb group actors fill (the corpus codes a cue word where
        # actors take part), and where the word stands in its sentence
        f.append(f"clab={cue_label(st, k)}")
        rels = sorted({coarse(attachment(st, m.i, m.j, k)) for m in ctx.mentions.get(t.sent, ())} - {"none", "inside"})
        f += [f"mdep={r}" for r in rels] or ["mdep=none"]
    return f


def candidate_mentions(st: SentenceTokens, ctx: DocContext) -> list[Mention]:
    """Mentions a trigger may take as participants: those of its sentence and of the sentence
    before (where a subject carried over or a pronoun's antecedent stands); never the source a
    preposition names ("Laut Polizei haben Unbekannte ... angegriffen": the police report it),
    as in the rule coder."""
    i = st.sentence.index
    return [m for m in ctx.mentions.get(i, ()) if not cited(m, ctx)] + [
        m for m in ctx.mentions.get(i - 1, ()) if not m.pronoun and not cited(m, ctx)]


def cited(m: Mention, ctx: DocContext) -> bool:
    """Whether the mention is who its sentence cites by a preposition ("laut X", "nach Angaben
    der X", "X zufolge")."""
    c = ctx.cited.get(m.sent)
    return c is not None and c.mention is not None and c.mention.start == m.start


def _previous_sentence_features(t: Token, typ: str, m: Mention, ctx: DocContext) -> list[str]:
    prep = m.prep or "-"
    same = ctx.mentions.get(t.sent, ())
    subj = m.prep is None and not m.oblique
    return ["prev", f"T={typ}", f"Tprev={typ}", f"prevprep={prep}", f"Tprevprep={typ}|{prep}",
            f"prevsubj={subj}", f"Tprevsubj={typ}|{subj}", f"prevkind={m.kind}", f"prevsec={m.sector}",
            f"prevpron={m.pronoun}", f"prev_first={m is ctx.mentions.get(m.sent, [None])[0]}",
            f"here={_bucket(len(same))}", f"code={'yes' if m.code else 'no'}", f"codefrom={m.code_from}",
            f"samecode_here={any(o.code == m.code for o in same)}"]


def role_features(st: SentenceTokens, k: int, typ: str, m: Mention, ctx: DocContext) -> list[str]:
    toks = st.tokens
    t = toks[k]
    if m.sent != t.sent:
        return _previous_sentence_features(t, typ, m, ctx)
    lem = lemma(t.text)
    before = m.end <= t.start
    inside = m.start <= t.start < m.end or t.start <= m.start < t.end
    side = "in" if inside else ("L" if before else "R")
    dist = (k - m.j + 1) if before else (m.i - k)
    between = toks[m.j:k] if before else toks[k + 1:m.i]
    comma = any(x.text in (",", ";", ":", "–") for x in between)
    others = [o for o in ctx.mentions.get(m.sent, ()) if o is not m
              and ((before and m.end <= o.start and o.end <= t.start) or (not before and t.end <= o.start and o.end <= m.start))]
    noun = t.is_cap and k > 0
    prep = m.prep or "-"
    f = [f"T={typ}", f"side={side}", f"Tside={typ}|{side}", f"d={_bucket(max(dist, 0))}",
         f"Td={typ}|{side}|{_bucket(max(dist, 0))}", f"prep={prep}", f"Tprep={typ}|{prep}",
         f"sprep={side}|{prep}", f"lprep={lem}|{prep}", f"obl={m.oblique}", f"Tobl={typ}|{m.oblique}|{side}",
         f"kind={m.kind}", f"sec={m.sector}", f"Tsec={typ}|{m.sector}", f"pron={m.pronoun}",
         f"gen={m.genitive_of}", f"noun={noun}", f"nside={noun}|{side}", f"comma={comma}",
         f"scomma={side}|{comma}", f"nbetween={_bucket(len(others))}", f"quote={m.in_quote}",
         f"code={'yes' if m.code else 'no'}", f"first={m is ctx.mentions.get(m.sent, [None])[0]}",
         f"codefrom={m.code_from}", f"Tcodefrom={typ}|{m.code_from}"]
    rep = ctx.reporters.get(m.sent)
    if rep is not None and rep.mention is not None and rep.mention.start == m.start:
        # who the sentence reports from ("nach Angaben der Polizei", "sagte X"): rarely a side of
        # what they report
        f += ["reporter", f"Treporter={typ}|{side}"]
    if m.i > 0:
        f.append(f"mprev={toks[m.i - 1].lower}")
        f.append(f"Tmprev={typ}|{toks[m.i - 1].lower}")
    if m.j < len(toks):
        f.append(f"mnext={toks[m.j].lower}")
    if before and others == [] and dist <= 1:
        f.append("adjacent_before")
    if ctx.parse:
        rel = attachment(st, m.i, m.j, k)
        c = coarse(rel)
        f += [f"dep={rel}", f"Tdep={typ}|{rel}", f"depc={c}", f"Tdepc={typ}|{c}", f"sdep={side}|{c}"]

    for h in ctx.rule_hits.get((t.sent, t.i), ()):
        if m.code and m.code in h.sources:
            f.append("rule_src")
        if m.code and m.code in h.targets:
            f.append("rule_tgt")
    return f


def factuality_features(st: SentenceTokens, k: int, typ: str, ctx: DocContext) -> list[str]:
    toks = st.tokens
    t = toks[k]
    lex = ctx.lex
    f = [f"T={typ}", f"l={lemma(t.text)}", f"noun={t.is_cap and k > 0}"]
    # the clause: tokens up to the nearest boundary on each side, and a wider window
    lo = k
    while lo > 0 and toks[lo - 1].text not in (",", ";", ":", "–"):
        lo -= 1
    hi = k
    while hi + 1 < len(toks) and toks[hi + 1].text not in (",", ";", ":", "–"):
        hi += 1
    for j in range(max(0, k - WINDOW), min(len(toks), k + WINDOW + 1)):
        if j == k:
            continue
        w = toks[j].lower
        where = "C" if lo <= j <= hi else ("L" if j < k else "R")
        f.append(f"{where}:{w}")
        for cls in FACT_CLASSES:
            if lex.is_(w, cls):
                f.append(f"{where}:cls={cls}")
                f.append(f"T{where}:cls={typ}|{cls}")
    if lo > 0:
        f.append(f"clause_after={toks[lo].lower}")     # first word of the clause ("falls", "dass")
        f.append(f"prevclause_last={toks[lo - 2].lower if lo >= 2 else '<s>'}")
    else:
        f.append("clause_first")
    for w in (x.lower for x in toks):
        for cls in ("condition", "hypothetical", "negation", "speech"):
            if lex.is_(w, cls):
                f.append(f"S:cls={cls}")
    # the word classes of the whole clause, also beyond the window ("Die G7-Staaten wollen bei
    # ihrem Gipfel im Juni über ... beraten": the modal is 12 words before the verb)
    for j in range(lo, hi + 1):
        if j != k:
            for cls in FACT_CLASSES:
                if lex.is_(toks[j].lower, cls):
                    f.append(f"CL:cls={cls}")
                    f.append(f"TCL:cls={typ}|{cls}")
    # the negation nearest the cue within its clause: "nicht angegriffen" (right before), "griff
    # ... nicht an" (between a finite verb and its particle), "kein Angriff"
    before = [k - j for j in range(lo, k) if lex.is_(toks[j].lower, "negation")]
    if before:
        f.append(f"neg_before={_bucket(min(before))}")
        f.append(f"Tneg_before={typ}|{_bucket(min(before))}")
    after = [j - k for j in range(k + 1, hi + 1) if lex.is_(toks[j].lower, "negation")]
    if after and not t.is_cap:
        f.append(f"neg_after={_bucket(min(after))}")
    for h in ctx.rule_hits.get((t.sent, t.i), ()):
        f.append(f"rulef={h.factuality}")
    return sorted(set(f))


def rule_event_features(ev: Event, tok: Token | None, trig_p: dict[str, float] | None) -> list[str]:
    """Features of one rule-coder event, for the model that judges whether it is right."""
    typ = ev.type
    f = [f"T={typ}", f"F={ev.factuality}", f"TF={typ}|{ev.factuality}",
         f"ns={_bucket(len(ev.source))}", f"nt={_bucket(len(ev.target))}"]
    if tok is not None:
        f += [f"w={tok.lower}", f"l={lemma(tok.text)}", f"Tl={typ}|{lemma(tok.text)}"]
    for side, parts in (("S", ev.source), ("G", ev.target)):
        if not parts:
            f.append(f"{side}:empty")
        for p in parts:
            f += [f"{side}:sec={p.sector}", f"{side}:inf={p.inferred}", f"{side}:text={p.text is not None}",
                  f"{side}:org={bool(p.code) and len(p.code or '') != 3}", f"T{side}:sec={typ}|{p.sector}"]
    codes_s = {p.code for p in ev.source}
    codes_t = {p.code for p in ev.target}
    f.append(f"self={bool(codes_s & codes_t)}")
    f.append(f"Tself={typ}|{bool(codes_s & codes_t)}")
    if trig_p is not None:
        p = trig_p.get(typ, 0.0)
        f.append(f"trig={_bucket(int(p * 10))}")
        best = max(trig_p, key=trig_p.get)
        f.append(f"trig_best={'same' if best == typ else ('none' if best == 'O' else 'other')}")
    return f
