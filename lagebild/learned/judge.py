"""The dyad judge: which (type, source code, target code) dyads does an article report?

The trigger and role models score tokens and mentions one at a time; the judge looks at a
whole article. It collects *candidates* -- every token the trigger model gives some chance of
being an event of a type (also a type that is not its likeliest), with the likeliest sources
and targets among the mentions of its sentence (or none), plus every event of the rule coder
-- groups them by dyad (type, source code, target code), and decides per dyad from what
supports it: how sure the trigger and role models were, how many places in the article say
it, whether the rule coder found it too, how often the article names each side, whether a
fuller dyad of the same type and side exists, and the like.

It is trained on candidates of the train split made by trigger and role models that did not
see the article (cross-fitting by article), so its inputs look like those of new text; its
strength, threshold and calibration are chosen on the train news articles out of fold
(``train.SELECTION``).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from ..actors import ARMED_GROUP_SECTORS, COORDINATORS, NOM_DETS, OBLIQUE_DETS, Mention, as_place, office_and_seat, one_referent
from ..events import lemma
from ..events.clauses import (ADJ_ENDINGS, QUOTE_MARKS, WERDEN_PASSIVE, _attributive, participle_shape, in_a_verbs_zu_phrase, _cue_lemmas, _is_passive, _pick_cue, _requires_ok, clause_at, cue_verb_types, relative_clause,
                              told_of_each_other,
                               split_clauses, weapon_injury)
from ..events.content import (CALLED_TYPES, RESTRICTIVE, lifting_word, attribute_heads, praised, background, condemned, content_of_claim, criticised_or_rejected,
                              demand_told_after, demanded, in_talk_topic, no_demand, offered, positive_label, refused, talked_about,
                              threatened_with)
from ..events.factuality import denial, denied_report
from ..events.policies import guessed_against_own_state, guessed_pair_beside_its_state
from ..events.threats import threatened_by_condition
from ..events.reach import (antecedent, antecedent_role, attribute_participle, content_first_demand, out_of_reach,
                             passive_agent_as_target, subject_after_verb)
from ..events.roles import (BETWEEN_TYPES, ONE_WAY_UNLESS_SAID, RECIPROCAL, said_mutual, of_a_noun, _partner, act_attribute, between_sides, contrasted, attributes_of, coordinated_group, helper, helper_acts, together_with, mediated_object, mediator_noun,
                            listed_attributes, loser, noun_agent, of_other_act, others_act)
from ..records import Event, Participant
from ..syntax import attachment, coarse
from ..text import SentenceTokens
from .features import (CLAUSE_END, NONE, DocContext, _bucket, _particle_after, candidate_mentions, lexicon_cues,
                       role_features, trigger_probs)
from .linear import LinearModel
from .pairs import dyad_probs

PROB_BINS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9)
MAX_TYPES = 2        # types per token considered
MAX_PER_SIDE = 2     # mentions per side considered


#: a side's country guessed from the story (the judge's feature; "earlier", a country from an earlier
#: mention, is shown to users since session 9 but is no part of the feature the model was trained on)
GUESSED_COUNTRY = frozenset({"story", "nearby"})


def pbin(p: float) -> str:
    """A probability as the lower edge of its bin ("0.3" for 0.3 <= p < 0.5)."""
    edge = "0"
    for b in PROB_BINS:
        if p >= b:
            edge = str(b)
    return edge


@dataclass
class Settings:
    """How wide the candidates are drawn (the values live in ``coder.Thresholds``)."""

    trigger: float      # a token's type joins the candidates at this trigger probability
    role: float         # a mention joins a side at this role probability
    complete: int = 0   # a one-sided candidate's empty side is filled with each of the countries named
                        # last before its cue (this many) and the story's most named one (``completions``)


@dataclass
class Candidate:
    """One way the article may report a dyad: a trigger (or a rule event) with one source and
    one target (either may be None)."""

    type: str
    src: Participant | None
    tgt: Participant | None
    p_trig: float
    p_src: float               # the role model's probability (for None: 1 - the best mention's)
    p_tgt: float
    rank_src: int              # 1 = the likeliest source mention of this trigger; 0 = none
    rank_tgt: int
    sent: int
    st: SentenceTokens | None = None
    k: int | None = None
    rule: Event | None = None
    lemma: str = ""
    via: str = ""              # "": the models' own pair; "conj": a side swapped for a conjunct of
                               # its mention (see ``derived``)
    src_m: Mention | None = None
    tgt_m: Mention | None = None
    ctx_m: Mention | None = None   # via ``COMPLETED``: the mention the filled side's country was taken from ...
    ctx_rank: int = 0              # ... its country's place among those named last before the cue (1 =
                                   # the last); 0: only the story's most named country

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, (self.src.code if self.src else None) or "-", (self.tgt.code if self.tgt else None) or "-")

    @property
    def strength(self) -> float:
        return self.p_trig * self.p_src * self.p_tgt


@dataclass
class Dyad:
    key: tuple[str, str, str]
    support: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Candidate:
        """The candidate that tells the dyad: a learned trigger before a rule event, then the
        strongest (trigger x source x target probability; chosen on dev)."""
        return max(self.support, key=lambda c: (c.rule is None, c.via == "", c.strength))

    @property
    def clearest(self) -> Candidate | None:
        """The learned candidate that names the happening most clearly: the likeliest trigger (the
        judged event's cue, evidence, factuality and date), or None for a rule event alone."""
        learned = [c for c in self.support if c.rule is None]
        # the candidates of one trigger tie on it: the model's own pair before one derived from a
        # list, then the strongest (as ``best``), so that ``sides`` reads the pairing the model read
        return max(learned, key=lambda c: (c.p_trig, c.via == "", c.strength)) if learned else None

    @property
    def inferred_only(self) -> bool:
        """Whether only ``completions`` tell the dyad: one side is not named for it."""
        return all(c.via == COMPLETED for c in self.support)

    @property
    def cue(self) -> str | None:
        """The cue word the coder reports for the dyad (see ``LearnedCoder.judged``)."""
        if self.best.rule is not None:
            return self.best.rule.cue
        c = self.clearest
        return c.st.tokens[c.k].text if c is not None and c.st is not None and c.k is not None else None


def posted_in(m: Mention, ms: list[Mention], st: SentenceTokens | None) -> bool:
    """A place named right after a diplomat of another country ("der syrische Botschafter in Moskau", "der
    russische Botschafter in Wien"; ``_POSTED_ROLES``): where he is posted, no side of its sentence's events;
    not a state's own envoy ("Saudi-Arabien hat seinen Botschafter im Iran abgezogen": Iran is the target)
    (a read probe gave ACCUSE RUS -> USA beside SYR -> USA). Used when drawing the learned candidates."""
    if st is None or m.sent != st.sentence.index or m.kind != "country" or m.i < 2 \
            or st.tokens[m.i - 1].lower not in ("in", "im"):
        return False
    return any(o.sent == m.sent and o.j == m.i - 1 and o.kind == "person" and o.role is not None and not o.possessive
               and o.role.lower().startswith(_POSTED_ROLES) and o.code and o.code != m.code and not o.pronoun
               for o in ms)


def seat_of_another(m: Mention, ms: list[Mention], st: SentenceTokens | None) -> bool:
    """A city that stands for an organisation, named as the seat of another actor of its sentence ("die
    Polizei in Brüssel", "ein Gericht in Brüssel"; ``actors.office_and_seat``): a place there, no side of
    its own (a review: "hat die Polizei in Brüssel mehrere Verdächtige festgenommen" gave COERCE EU ->
    BEL beside the police's). Used when drawing the learned candidates."""
    if st is None or m.kind != "organisation" or as_place(m) is None:
        return False
    return any(o is not m and o.i < m.i and office_and_seat(o, m, st) for o in ms)


def predicative_role(m: Mention, ms: list[Mention], st: SentenceTokens | None, lex) -> bool:
    """An office named after a predicative "als", alone or in a list ("hat seinen Rücktritt als
    Bundeskanzler und SPÖ-Vorsitzender erklärt", "wurde als neuer Innenminister vereidigt"): what someone
    is or was, no actor of its own and no side of its sentence's events (a read probe: RETREAT Faymann ->
    SPÖ-Vorsitzender). Not an "als" of time or comparison: after a comma or at the start of the sentence
    ("..., als Polizisten das Lager räumten"), after a comparative ("mehr als 100 Polizisten"), or with an
    article ("als die Armee angriff"). Used when drawing the learned candidates."""
    if st is None or m.sent != st.sentence.index or m.kind != "person" or m.name or m.pronoun or not m.role:
        return False
    toks, k = st.tokens, m.i - 1
    while k > 0 and (toks[k].lower in COORDINATORS
                     or (not toks[k].is_cap and toks[k].lower.endswith(ADJ_ENDINGS)
                         and toks[k].lower not in NOM_DETS | OBLIQUE_DETS and not lex.is_(toks[k].lower, "generic_det"))
                     or any(o.sent == m.sent and o.i <= k < o.j and o.kind == "person" and not o.name and o.role
                            for o in ms)):
        k -= 1
    if k < 1 or toks[k].lower != "als":
        return False
    before = toks[k - 1]
    return before.text not in (",", ";", ":", "(", "–", "-") and not (not before.is_cap and before.lower.endswith("er")) \
        and not lex.is_(before.lower, "comparison")


def described_by(m: Mention, role: Mention, ms: list[Mention], st: SentenceTokens | None, lex) -> bool:
    """Whether ``role`` is an office named after a predicative "als" (``predicative_role``) that says what
    ``m`` is or was: ``m`` comes before it in its sentence with its code, and no other coded mention stands
    between them ("Werner Faymann hat seinen Rücktritt als Bundeskanzler erklärt"; not "Seine Ablehnung von
    Strache als Kanzler", where Strache is who the office is told of). Such a pair is one actor, never each
    other's other side."""
    if m.sent != role.sent or m.i >= role.i or not m.code or m.code != role.code \
            or not predicative_role(role, ms, st, lex):
        return False
    return not any(o.sent == m.sent and m.j <= o.i and o.j <= role.i and o.code and o is not role
                   and not (o.kind == "person" and not o.name and o.role) for o in ms)


#: offices held abroad, at a post ("Botschafter in Wien"; not a visit: "der Besuch des Außenministers in Moskau")
_POSTED_ROLES = ("botschafter", "sonderbotschafter", "generalkonsul", "konsul", "diplomat", "spitzendiplomat",
                 "geschäftsträger", "gesandte", "sondergesandte")


def candidates(trigger: LinearModel, role: LinearModel, ctx: DocContext, rule_events: list[Event],
               s: Settings, cache: dict) -> list[Candidate]:
    """Every candidate of one article (see the module docstring); with ``s.complete``, the
    ``completions`` of one-sided ones that tell a dyad no other candidate tells."""
    learned = learned_candidates(trigger, role, ctx, s, cache)
    out = learned + derived(learned, ctx, cache) + rule_candidates(ctx, rule_events)
    if s.complete:
        told = {c.key for c in out}
        out += [c for c in completions(learned, ctx, s.complete, cache) if c.key not in told]
    return out


def sentence_clauses(st: SentenceTokens, lex, cache: dict) -> list:
    """The clauses of one sentence (the rule coder's reading), split once per article: the coder
    and the judge share them through ``cache``."""
    key = ("clauses", st.sentence.index)
    if key not in cache:
        cache[key] = split_clauses(st, lex)
    return cache[key]


def _clause_of(m: Mention, ctx: DocContext, cache: dict | None):
    st = next((x for x in ctx.sentences if x.sentence.index == m.sent), None)
    if st is None:
        return None
    clauses = sentence_clauses(st, ctx.lex, {} if cache is None else cache)
    return next((c for c in clauses if c.start <= m.start and m.end <= c.end), None)


def one_side(m: Mention, other: Mention, typ: str, ctx: DocContext, cache: dict) -> bool:
    """Whether two mentions of one list are one side of an event of ``typ``, never each other's
    other side: always for a one-sided act ("Die USA, Großbritannien und Kanada verhängten
    Sanktionen"); for a mutual one when the clause names a partner ("X, Y und Z einigten sich mit
    W": W is the other side), as the rule coder reads it (``events.roles._partner``); always for an
    office and its genitive attributes ("die Außenminister Frankreichs, Deutschlands und Polens")."""
    om, oo = _office_of(m, ctx, cache), _office_of(other, ctx, cache)
    if (om is not None and om in (other, oo)) or (oo is not None and oo is m):
        return True             # "die Außenminister Frankreichs, Deutschlands und Polens": one side
    if other not in _members(m, ctx, cache):
        # "Grüne und Linke kritisierten die Abschiebung": a list of one country's actors is one
        # side of a one-sided act too (the members a side takes are one per code)
        # ("SPÖ und ÖVP einigten sich", "kritisierten sich gegenseitig": each the other's side)
        c = _clause_of(m, ctx, cache)
        return c is not None and other.code == m.code and not other.pronoun \
            and not (typ in RECIPROCAL and any(ctx.lex.is_(t.lower, "reciprocal") for t in c.tokens)) \
            and other in coordinated_group(m, ctx.mentions.get(m.sent, []), c)
    if typ not in RECIPROCAL:
        return True
    c = _clause_of(m, ctx, cache)
    if c is not None and "noch" in c.lowers and "weder" in c.lowers[:c.lowers.index("noch")]:
        return True             # "Weder Russland noch Belarus haben die Ukraine angegriffen": a list denied together
    if typ in ONE_WAY_UNLESS_SAID and c is not None and not said_mutual(c, ctx.lex):
        return True             # "Rechtshilfeersuchen an Liechtenstein, die Schweiz und Zypern": no ACCUSE CHE <-> CYP
    group = [m] + _members(m, ctx, cache)
    return c is not None and bool(_partner(c, ctx.mentions.get(m.sent, []), [x.participant() for x in group]))


def conjuncts(m: Mention, ctx: DocContext, cache: dict | None = None) -> list[Mention]:
    """The other members of the list of actors the mention stands in, within its clause ("die
    Verhandlungspartner USA, Russland, China und Deutschland"), as the rule coder joins them
    (``events.roles.coordinated_group``), and those listed with the office's genitive attribute
    ("die Außenminister Frankreichs, Deutschlands und Polens": ``events.roles.listed_attributes``):
    named, with a code of their own (not the story's), one per code. ``cache`` keeps the clauses
    of each sentence (``sentence_clauses``)."""
    c = _clause_of(m, ctx, cache)
    if c is None:
        return []
    out: dict[str, Mention] = {}
    ms = ctx.mentions.get(m.sent, [])
    for x in coordinated_group(m, ms, c) + listed_attributes([m], ms, c):
        if x is not m and x.code and x.code != m.code and not x.pronoun and not x.code_from:
            out.setdefault(x.code, x)
    return list(out.values())


def _members(m: Mention, ctx: DocContext, cache: dict) -> list[Mention]:
    key = ("members", m.sent, m.start)
    if key not in cache:
        cache[key] = conjuncts(m, ctx, cache)
    return cache[key]


def derived(learned: list[Candidate], ctx: DocContext, cache: dict | None = None) -> list[Candidate]:
    """Candidates the models' pairs imply: each conjunct of a side's mention on that side
    (``via="conj"``); the judge weighs them by what they derive from. (Reversed pairs for
    agreements and meetings told once for both sides were tried too: dev F1 0.449 against 0.464.)"""
    out: list[Candidate] = []
    cache = {} if cache is None else cache
    for c in learned:
        for m in _members(c.src_m, ctx, cache) if c.src_m is not None else ():
            if c.tgt_m is None or m.code != c.tgt_m.code:
                out.append(replace(c, src=m.participant(), src_m=m, via="conj"))
        for m in _members(c.tgt_m, ctx, cache) if c.tgt_m is not None else ():
            if c.src_m is None or m.code != c.src_m.code:
                out.append(replace(c, tgt=m.participant(), tgt_m=m, via="conj"))
    return out


#: the provenance (``Participant.inferred``) of a side filled by ``completions``, as the annotation guide
#: names a side "clear from the story"
COMPLETED = "context"


def completions(learned: list[Candidate], ctx: DocContext, n: int, cache: dict | None = None) -> list[Candidate]:
    """Candidates with the empty side of a one-sided learned candidate filled: by each of the ``n``
    countries (codes) named last before its cue, and by the story's most named one, other than the
    named side's and its list's (so never a dyad of a code with itself). The judge weighs them by
    where the country was named (``dyad_features``); what they fill is ``inferred`` (``COMPLETED``).
    Why: in train gold 22 % of the required events have a side the text does not name for them; where
    it is another country than the named side's (5.6 % of the events), its code is among the three
    countries named last before the cue in 38 of 55 (the story's most named in 23)."""
    from ..events.policies import _inferred
    cache = {} if cache is None else cache
    named = sorted((m for m in ctx.actors.mentions if m.code and not m.of_act), key=lambda m: m.start)
    counts = Counter(m.code for m in named)
    top = counts.most_common(1)[0][0] if counts else None
    top_m = next((m for m in named if m.code == top), None)     # its first mention
    starts = [m.start for m in named]
    out: list[Candidate] = []
    for c in learned:
        if c.via or c.rule is not None or (c.src is None) == (c.tgt is None) or c.st is None or c.k is None:
            continue
        side_m = c.src_m if c.src is not None else c.tgt_m
        side = c.src if c.src is not None else c.tgt
        own = {side.code} | ({x.code for x in _members(side_m, ctx, cache)} if side_m is not None else set())
        at = c.st.tokens[c.k].start
        picks: dict[str, tuple[int, Mention]] = {}
        for m in reversed(named[:bisect_left(starts, at)]):
            if len(picks) >= n:
                break
            if m.code not in own and m.code not in picks:
                picks[m.code] = (len(picks) + 1, m)
        if top is not None and top not in own and top not in picks:
            picks[top] = (0, top_m)
        for code, (rank, m) in picks.items():
            p = _inferred(code, COMPLETED, m.sector)
            out.append(replace(c, src=p if c.src is None else c.src, tgt=p if c.tgt is None else c.tgt,
                               via=COMPLETED, ctx_m=m, ctx_rank=rank))
    return out


def sides(d: Dyad, ctx: DocContext, cache: dict) -> tuple[list[Participant], list[Participant]]:
    """The participants a kept dyad reports: its best candidate's source and target, each with
    the other members of the list of actors it stands in ("die Verhandlungspartner USA, Russland,
    China ... haben sich mit dem Iran geeinigt": every member is a source), as the annotation guide
    codes a list (one event, every member on its side). A side named by an office's genitive
    attribute is told by the office ("Deutschlands" of "die Außenminister Frankreichs,
    Deutschlands und Polens": the ministers, all three countries). A member whose code is already
    on either side is left out. Rule events keep their own sides (the rule coder joins lists
    itself)."""
    best = d.best
    if best.rule is None and d.clearest is not None:
        # the sides of the mention that tells the event (its cue, factuality and date:
        # ``LearnedCoder.judged``), so that a record never joins one sentence's cue with another's
        # participants of the same codes ("Koalitionsgespräche mit der SPD" ... "keine Gespräche mit
        # der AfD": the negated talks were reported with the SPD)
        best = d.clearest
    src = [best.src] if best.src else []
    tgt = [best.tgt] if best.tgt else []
    if best.rule is not None:
        return src, tgt
    if best.src_m is not None and best.tgt_m is not None and best.tgt_m in _members(best.src_m, ctx, cache):
        return src, tgt         # "Russland und die Ukraine einigten sich": the list is both sides
    heads = []
    for side, m in ((src, best.src_m), (tgt, best.tgt_m)):
        o = _office_of(m, ctx, cache) if m is not None else None
        o = o if o is not None and o.code else None
        if o is not None:
            side[0] = o.participant()      # "Deutschlands" of "die Außenminister Frankreichs, Deutschlands
                                           # und Polens": the office, with its list below
        heads.append(o or m)
    taken = {p.code for p in src + tgt}
    for side, m in zip((src, tgt), heads):
        for x in _members(m, ctx, cache) if m is not None else ():
            if x.code not in taken:
                taken.add(x.code)
                side.append(x.participant())
    return src, tgt


def _office_of(m: Mention, ctx: DocContext, cache: dict) -> Mention | None:
    """The office whose genitive attribute, or one listed with it, the mention is ("Deutschlands"
    in "die Außenminister Frankreichs, Deutschlands und Polens"), or None."""
    key = ("office", m.sent, m.start)
    if key not in cache:
        c = _clause_of(m, ctx, cache)
        ms = ctx.mentions.get(m.sent, [])
        cache[key] = next((o for o in ms if o is not m and o.role and c is not None
                           and (m in attributes_of([o], ms) or m in listed_attributes([o], ms, c))), None)
    return cache[key]


def in_a_name(st: SentenceTokens, k: int, ctx: DocContext) -> bool:
    """Whether token ``k`` is a word of a person's name ("Van" of "Van der Bellen"): a name tells
    no event (the role noun before it may: "der Angreifer")."""
    t = st.tokens[k]
    for m in ctx.mentions.get(st.sentence.index, ()):
        if m.kind == "person" and m.name and m.start <= t.start < m.end and t.text in m.name.split() \
                and not (m.role and t.text.lower() in m.role.lower()):
            return True
    return False


def _clause_of_token(st: SentenceTokens, k: int, ctx: DocContext, cache: dict):
    """The clause (the rule coder's reading) that holds token ``k`` of the sentence, or None."""
    t = st.tokens[k]
    return next((c for c in sentence_clauses(st, ctx.lex, cache) if c.start <= t.start < c.end), None)


def _head_matches(m: Mention, words) -> bool:
    """Whether a mention's last word is one of ``words`` (verbs.tsv requires: "*" a prefix)."""
    head = m.text.split()[-1].lower() if m.text else ""
    return any(head.startswith(w[:-1]) if w.endswith("*") else head == w for w in words)


def in_a_mention(st: SentenceTokens, k: int, typ: str, ctx: DocContext, cache: dict) -> bool:
    """Whether token ``k`` is a word of an actor's mention that the lexicon lists as no event noun
    ("Flüchtlinge", "Personen", "Frankreichs"), in a clause with no verb cue of type ``typ``: it names
    who takes part, not what happens ("setzte Tränengas gegen Flüchtlinge ein" gave AID and COERCE on
    "Flüchtlinge"; train + dev gold: 3 events of 1,954 have a role noun as the cue, "Anklage" a listed
    noun cue). Where the clause's verb tells that type, the mention may stand for it ("die Polizei nahm
    20 von ihnen fest": COERCE). Not for ASSAULT: an attacker's noun may tell the attack ("rissen drei
    Selbstmordattentäter ... in den Tod")."""
    t = st.tokens[k]
    if typ == "ASSAULT" or (t.is_cap and ctx.lex.noun_cues(t.lower)):
        return False
    if not any(m.start <= t.start and t.end <= m.end and not m.pronoun
               for m in ctx.mentions.get(st.sentence.index, ())):
        return False
    c = _clause_of_token(st, k, ctx, cache)
    if c is None:
        return True
    # the senses the rule coder picks for the clause's verbs ("zum Tode verurteilt": a conviction, no
    # condemnation)
    lowers = [x.lower for x in st.tokens]
    picked = {cue.type for _, lem in _cue_lemmas(c, ctx.lex)
              for cue in [_pick_cue(ctx.lex.verbs[lem], c, lowers)] if cue is not None}
    return typ not in picked


def _in_zu_phrase(st: SentenceTokens, k: int, ctx: DocContext, cache: dict) -> bool:
    """Whether token ``k`` is a noun of a verb's "zu" phrase (``clauses.in_a_verbs_zu_phrase``: "zu
    lebenslanger Haft verurteilt" gave COERCE on "Haft" beside the conviction)."""
    t = st.tokens[k]
    if not t.is_cap:
        return False
    c = _clause_of_token(st, k, ctx, cache)
    return c is not None and t in c.tokens and in_a_verbs_zu_phrase(c, c.tokens.index(t), ctx.lex)


def beside_its_verb(st: SentenceTokens, k: int, typ: str, ctx: DocContext, cache: dict) -> bool:
    """Whether token ``k`` is a lower-case word that is no cue verb itself ("scharf" of "kritisierte
    Russland scharf") in a clause whose verb cue tells an event of that very type: the verb tells
    it, with its sides; the word would only tell it again, with sides of its own guess."""
    t = st.tokens[k]
    if t.is_cap or k == 0 or lexicon_cues(ctx.lex, t, lemma(t.text))[0]:
        return False
    clauses = sentence_clauses(st, ctx.lex, cache)
    c = next((c for c in clauses if c.start <= t.start < c.end), None)
    if c is None or t not in c.tokens or typ not in cue_verb_types(c, ctx.lex):
        return False
    verbs = [tok for tok, lem in _cue_lemmas(c, ctx.lex) if any(cue.type == typ for cue in ctx.lex.verbs.get(lem, ()))]
    if not verbs or any(tok is t for tok in verbs):
        return False
    # only where the verb names its other side after it ("kritisierte Russland scharf"); without one
    # ("die japanische Regierung protestierte scharf") the word may be what finds it; a subject after
    # the verb is no other side ("Am Montag kritisierte die EU scharf die Sanktionen"), and with the
    # subject after the verb an object before it is one ("Dem Iran warf Israel scharf Terror vor")
    ms = ctx.mentions.get(st.sentence.index, [])
    subj = subject_after_verb(c, verbs[0], ms)
    subjects = coordinated_group(subj, ms, c) if subj is not None else []
    return any(m.code and c.start <= m.start < c.end and not any(m is x for x in subjects)
               and (m.start > verbs[0].start or (subj is not None and (m.oblique or m.prep is not None)))
               for m in ms)


def demanded_here(st: SentenceTokens, k: int, typ: str, ctx: DocContext, cache: dict) -> bool:
    """Whether token ``k``, read as an event of ``typ``, names what a demand asks for ("zu mehr
    Hilfe aufgefordert", "forderten X auf, die Sanktionen zu verschärfen"), what a refusal refuses
    ("sagte das Treffen ab") or what a clause talks about ("über weitere Hilfe beraten"): not an
    event of its own, for either coder (``events.content.demanded``, ``content_of_claim``,
    ``refused``, ``talked_about``)."""
    t = st.tokens[k]
    clauses = sentence_clauses(st, ctx.lex, cache)
    i = next((i for i, c in enumerate(clauses) if c.start <= t.start < c.end), None)
    if i is not None and typ not in CALLED_TYPES and t in clauses[i].tokens and content_of_claim(clauses, i, ctx.lex):
        return True         # "forderten X auf, die Sanktionen zu verschärfen": what is demanded
    if i is not None and demand_told_after(clauses, i, ctx.lex):
        return True         # "Moskau solle seine Truppen abziehen, verlangte X": what is demanded
    if i is None or t not in clauses[i].tokens:
        return False
    c = clauses[i]
    n = c.tokens.index(t)
    if threatened_with(c, n, ctx.lex, typ):     # also an adjective of the noun, or the threat verb
        return True
    if no_demand(c, n, ctx.lex, typ):
        return True         # "riefen zu Protesten auf": the PROTEST called for; "1.900 Todesopfer gefordert"
    if not t.is_cap:
        # "sagte ein geplantes Treffen ab": the attribute of a noun a refusal names (a probe: an
        # asserted CONSULT); "verurteilte die Angriffe der russischen Armee": of a noun inside what is
        # criticised (no ASSAULT by Kiev)
        return n + 1 < len(c.tokens) and c.tokens[n + 1].is_cap and (
            refused(c, n + 1, ctx.lex, typ) or criticised_or_rejected(c, n + 1, ctx.lex, typ))
    if refused(c, n, ctx.lex, typ):
        return True         # "zieht die Einladung an Außenminister Lawrow zurück": no meeting, also
        #                     where the trigger is the actor's word
    if any(m.start <= t.start < m.end for m in ctx.mentions.get(st.sentence.index, ())):
        # an actor named in what is criticised or rejected ("hat eine Obergrenze für Flüchtlinge
        # abgelehnt": no COERCE of the refugees) is part of that content
        # ("eine Grenze von 200.000 Flüchtlingen verlangt": what is demanded)
        heads = attribute_heads(c, n, ctx.lex)
        return bool(heads) and (criticised_or_rejected(c, n, ctx.lex, typ)
                                or any(demanded(c, j, ctx.lex, typ) for j in heads))
        # otherwise an actor, not what is demanded or criticised ("machen sich Regierungstruppen
        #                     und Rebellen gegenseitig verantwortlich": the subject after the verb)
    return demanded(c, n, ctx.lex, typ) or refused(c, n, ctx.lex, typ) or talked_about(c, n, ctx.lex, typ) \
        or offered(c, n, ctx.lex, typ) \
        or criticised_or_rejected(c, n, ctx.lex, typ) or background(c, n, ctx.lex)


def praised_here(st: SentenceTokens, k: int, ctx: DocContext, cache: dict) -> bool:
    """Whether the clause of token ``k`` names a happening with praise ("Die Bundesregierung bezeichnete
    den Besuch als Erfolg": ``events.content.praised``): no ACCUSE on any of its words."""
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    return ci is not None and praised(clauses[ci], ctx.lex)


def other_sense(st: SentenceTokens, k: int, typ: str, ctx: DocContext, cache: dict) -> bool:
    """Whether the verb at token ``k`` has, by the words of its sentence, another sense than ``typ``
    among its lexicon rows, as the rule coder reads them (``clauses._pick_cue``, ``_requires_ok``):
    - for a verb of cues.tsv class ``exclusive_sense``, a row whose required words stand in the
      sentence is its only sense there ("verurteilte den Oppositionspolitiker zu 25 Jahren Haft" is a
      conviction, not a condemnation; a user sentence gave ACCUSE beside the SANCTION);
    - force (ASSAULT) the lexicon gives a verb only with its words, a sense whose words must stand in the
      verb's own clause ("cl:": "stellte die Zahlungen ein", not "will 5000 Soldaten einstellen"; a review),
      and any sense it gives a verb only with its words beside a plain one, is not the verb's where none of
      them stands in its clause,
      nor force against someone without a "gegen" ("hat sich für neue Sanktionen eingesetzt" gave
      ASSAULT crowd-control; a review)."""
    t = st.tokens[k]
    if t.is_cap:
        return False
    lem = lemma(t.text)
    rows = particle_verb_rows(st, k, lem, ctx.lex) or ctx.lex.verbs.get(lem, ())     # "setzte ... ein": einsetzen
    of_type = [r for r in rows if r.type == typ]
    if of_type and all(r.requires for r in of_type) and (typ == "ASSAULT" or any(not r.requires for r in rows)
                                                         or all(r.clause_bound for r in of_type)):
        # a sense the lexicon gives a verb only with its words is not the verb's where none of them
        # stands in its clause: force ("setzte Tränengas gegen die Demonstranten ein", not "hat sich
        # für neue Sanktionen eingesetzt"; a review), and any sense beside a plain one ("griff ...
        # Stützpunkte der PKK an" is no attack in words: ACCUSE only with "scharf", "verbal", ...)
        clauses = sentence_clauses(st, ctx.lex, cache)
        ci = clause_at(clauses, t.start)
        lowers = [x.lower for x in st.tokens]
        here = [m for m in ctx.mentions.get(st.sentence.index, ())
                if ci is not None and clauses[ci].start <= m.start < clauses[ci].end]
        met = [r for r in of_type if _requires_ok(r, clauses[ci], lowers, here)] if ci is not None else []
        if ci is not None and not met:
            return True
        if typ == "ASSAULT" and met and all(tuple(r.targets) == ("gegen",) and r.mode == "crowd-control" for r in met) \
                and "gegen" not in clauses[ci].lowers:
            return True     # "setzte Soldaten beim Wiederaufbau ein": forces only against someone
    if not ctx.lex.is_(lemma(t.text), "exclusive_sense"):
        return False
    if not any(r.type == typ and not r.requires for r in rows) or not any(r.requires for r in rows):
        return False
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, t.start)
    if ci is None:
        return False
    picked = _pick_cue(list(rows), clauses[ci], [x.lower for x in st.tokens])
    return picked is not None and picked.type != typ


def particle_verb_rows(st: SentenceTokens, k: int, lem: str, lex) -> tuple:
    """The lexicon rows of the verb at token ``k`` (lemma ``lem``) read with a separable particle that
    may close it ("setzte ... ein": einsetzen; ``_closing_particles``), or () where none makes a cue
    verb. One reading for the particle check, the senses and the sides of the judge."""
    return next((r for r in (lex.verbs.get(p + lem, ()) for p in _closing_particles(st.tokens, k, lex)) if r), ())


def other_particle_verb(st: SentenceTokens, k: int, typ: str, ctx: DocContext) -> bool:
    """Whether the verb at token ``k`` forms, with the separable particle closing its clause, a
    verb the cue lexicon gives other types than ``typ`` ("weist ... aus" is ausweisen, SANCTION,
    not the REJECT of zurückweisen; a new-user probe): the particle verb decides its type; or is,
    without that particle, a verb the lexicon knows only with another (``Lexicon.particle_only``)."""
    t = st.tokens[k]
    if t.is_cap and k > 0:
        return False
    lem = lemma(t.text)
    cues = particle_verb_rows(st, k, lem, ctx.lex)
    if cues:
        return typ not in {c.type for c in cues}
    # "warfen Eier und Steine", "wies das Ministerium an": a verb the lexicon knows only with
    # another particle (vorwerfen; zurückweisen, ausweisen) is another verb
    return ctx.lex.particle_only(lem)


def considering_verb(st: SentenceTokens, k: int, ctx: DocContext) -> bool:
    """Whether the verb at token ``k`` is, with a particle closing its clause, a verb of
    considering or ruling out (cues.tsv class ``consider``: "schloss weitere Strafmaßnahmen nicht
    aus", "erwägt"): what it considers is the event noun (hypothetical, ``factuality.considered``), the
    verb is none ("schloss" gave an asserted SANCTION, as a closing would)."""
    t = st.tokens[k]
    if t.is_cap and k > 0:
        return False
    lem = lemma(t.text)
    return ctx.lex.is_(lem, "consider") or any(ctx.lex.is_(p + lem, "consider")
                                               for p in _closing_particles(st.tokens, k, ctx.lex))


#: determiners right before an attributive participle
_PARTICIPLE_DETS = frozenset("der die das den dem des ein eine einen einem einer eines".split())


def _determined_participle(toks: list, k: int) -> bool:
    """Whether token ``k`` is a participle between a determiner and its noun, also with adjectives between
    ("Der abgesetzte katalanische Regionalpräsident Carles Puigdemont hat sich ... gestellt": no SANCTION;
    ``clauses._attributive``): it describes the noun, it tells no act of the clause (a review)."""
    t = toks[k]
    return k > 0 and not t.is_cap and toks[k - 1].lower in _PARTICIPLE_DETS and participle_shape(t.lower) \
        and _attributive(toks, k)


def _closing_particles(toks: list, k: int, lex) -> list[str]:
    """The separable particles that may close the verb at ``k``: the one closing its clause
    (``features._particle_after``) and one before a coordinating "und"/"oder" ("Russland weist dies
    zurück und gibt an, ...": zurück, not an)."""
    out = []
    for j in range(k + 1, len(toks)):
        if toks[j].text in CLAUSE_END:
            break
        if toks[j].lower in ("und", "oder", "sowie") and lex.is_(toks[j - 1].lower, "particle") and j - 1 > k:
            out.append(toks[j - 1].lower)
    last = _particle_after(toks, k, lex)
    return out + ([last] if last else [])


def learned_candidates(trigger: LinearModel, role: LinearModel, ctx: DocContext, s: Settings,
                       cache: dict) -> list[Candidate]:
    """Candidates of the trigger and role models: each likely (token, type) with its likeliest
    sources and targets (or none)."""
    cands, probs = trigger_probs(trigger, ctx, cache)
    classes = trigger.classes
    ri = {c: i for i, c in enumerate(role.classes)}
    out: list[Candidate] = []
    by_sent = {st.sentence.index: st for st in ctx.sentences}
    jobs = []          # (st, k, type, p)
    for (st, k), row in zip(cands, probs):
        order = [i for i in np.argsort(-row) if classes[i] != NONE][:MAX_TYPES]
        for i in order:
            if row[i] >= s.trigger and not demanded_here(st, k, classes[i], ctx, cache) \
                    and not other_particle_verb(st, k, classes[i], ctx) and not considering_verb(st, k, ctx) \
                    and not other_sense(st, k, classes[i], ctx, cache) \
                    and not beside_its_verb(st, k, classes[i], ctx, cache) and not in_a_name(st, k, ctx) \
                    and not in_a_mention(st, k, classes[i], ctx, cache) and not _in_zu_phrase(st, k, ctx, cache) \
                    and not _determined_participle(st.tokens, k) \
                    and not (classes[i] == "ACCUSE" and (positive_label(st.tokens, k, ctx.lex)
                                                         or praised_here(st, k, ctx, cache)
                                                         or injured_with_weapon(st, k, ctx, cache))) \
                    and not (classes[i] == "ASSAULT" and ctx.lex.is_prefixed(st.tokens[k].lower, "ceasefire")) \
                    and not (classes[i] in RESTRICTIVE and lifting_word(st.tokens, k, ctx.lex)):
                jobs.append((st, k, classes[i], float(row[i])))
    rows, spans = [], []
    for st, k, typ, p in jobs:
        ms = candidate_mentions(st, ctx)
        spans.append((len(rows), len(rows) + len(ms), ms))
        rows += [role_features(st, k, typ, m, ctx) for m in ms]
    rp = role.proba_many(rows) if rows else np.zeros((0, len(role.classes)))
    for (st, k, typ, p), (a, b, ms) in zip(jobs, spans):
        if a == b:
            continue
        ps = rp[a:b, ri["source"]] if "source" in ri else np.zeros(b - a)
        pt = rp[a:b, ri["target"]] if "target" in ri else np.zeros(b - a)
        ps = _no_source_from_reporter(_no_source_from_condition(ps, st, k, ms, ctx, cache), st, k, ms, ctx, cache)
        ps = _no_source_from_content(ps, st, k, ms, ctx, cache)
        ps = _no_side_out_of_reach(_no_side_from_attribute(ps, st, k, ms), st, k, ms, ctx, cache)
        # (who does an act a reaction is about may be its target: "Russland kritisierte die von den USA
        # und der EU verhängten Sanktionen" -> ACCUSE RUS -> USA, EU; a review)
        pt = _no_side_out_of_reach(pt if typ in REACTION_TYPES else _no_side_from_attribute(pt, st, k, ms),
                                   st, k, ms, ctx, cache)
        ps, pt = _no_side_from_opposed_act(ps, pt, st, k, typ, ms, ctx, cache)
        ps, pt = _no_side_from_topic(ps, pt, st, k, typ, ms, ctx)
        ps, pt = _no_side_from_moved(ps, pt, st, k, typ, ms, ctx)
        ps, pt = _no_side_from_reporter_of_deed(ps, pt, st, k, typ, ms, ctx, cache)
        pt = _no_target_from_content(pt, st, k, typ, ms, ctx, cache)
        ps = _no_source_behind_uncoded(ps, st, ms, s.role)
        ps, pt = _military_roles(ps, pt, st, k, typ, ms, ctx, cache)
        ps, pt = _content_first_demand(ps, pt, st, k, typ, ms, ctx, cache)
        srcs = [(ms[i], float(ps[i]), r + 1) for r, i in enumerate(np.argsort(-ps)[:MAX_PER_SIDE])
                if ps[i] >= s.role and ms[i].code]
        tgts = [(ms[i], float(pt[i]), r + 1) for r, i in enumerate(np.argsort(-pt)[:MAX_PER_SIDE])
                if pt[i] >= s.role and ms[i].code]
        srcs.append((None, 1.0 - float(ps.max()), 0))
        tgts.append((None, 1.0 - float(pt.max()), 0))
        lem = lemma(st.tokens[k].text)
        rep = ctx.reporters.get(st.sentence.index)
        rep_at = rep.mention.start if rep is not None and rep.mention is not None else None
        cls_k = sentence_clauses(st, ctx.lex, cache)
        ci_k = next((i for i, c in enumerate(cls_k) if c.start <= st.tokens[k].start < c.end), None)
        clause_k = cls_k[ci_k] if ci_k is not None else None
        # a verb of threatening with the threat's condition after what it threatens with: who the condition is
        # about is threatened, where the verb's own clause names no target ("Er drohte, beim EU-Gipfel alle
        # Beschlüsse zu blockieren, sollten die Partner die Umverteilung weiter verschleppen"; a probe)
        agent = threatened_by_condition(cls_k, clause_k, st.tokens[k], [m for m, _, _ in srcs if m is not None],
                                        [tm for tm, _, _ in tgts if tm is not None], ctx.lex,
                                        [m for m in ms if m.sent == st.sentence.index]) \
            if typ == "THREATEN" and clause_k is not None and not st.tokens[k].is_cap else None
        if agent is not None:
            at = ms.index(agent)
            tgts = [(agent, max(float(pt[at]), s.role), 1), (None, 1.0 - max(float(pt[at]), s.role), 0)]
        # a verb of a relative clause: its antecedent's side is told by the relative pronoun
        # ("Orbán, der Warschau Unterstützung zugesagt hat": Orbán is the source; "Selenskyj, den Putin
        # kritisiert hatte": Selenskyj the target); the reach of its sides is ``_no_side_out_of_reach``
        ante, ante_role = _antecedent_side(clause_k, ci_k, cls_k, st, ctx) \
            if clause_k is not None and not st.tokens[k].is_cap else (None, None)
        # a verb whose own clause names its subject before it takes no source from the sentence before
        # ("Schäuble warnte Tsipras. Frankreichs Präsident Hollande appellierte an Tsipras, ...": not Schäuble)
        named_subject = clause_k is not None and clause_k.kind == "main" and not st.tokens[k].is_cap and any(
            m.sent == st.sentence.index and clause_k.start <= m.start < st.tokens[k].start and m.free and m.code
            and not m.pronoun and m.kind in ("person", "country") and (m.name if m.kind == "person" else not m.role)
            for m, _, _ in srcs if m is not None)
        # (a name or a state, not a description that may refer back: "Die Schwedin traf sich in Wien ...");
        # so does one whose subject fills the field before it, which is no target either ("Auch der Präsident
        # des Europaparlaments, Martin Schulz, kritisierte die Entscheidung": not the "Sprecher" of the
        # sentence before against Schulz; a probe)
        # (a verb the lexicon lists for the type: the subject of "Ikea zahle kaum Steuern", what the Greens
        # allege, is who they accuse)
        listed = clause_k is not None and typ in cue_verb_types(clause_k, ctx.lex)
        subject = _prefield_subject(clause_k, st, k, ms, ctx.lex) if listed else None
        if subject is not None and subject.code and not subject.pronoun \
                and (subject.name if subject.kind == "person" else not subject.role):
            named_subject = True
        if subject is not None:
            tgts = [(tm, tp, tr) for tm, tp, tr in tgts if tm is not subject]
        # a subject the tagger knows no actor in ("Die Sozialistische Jugend warf Faymann einen Kniefall
        # vor": Faymann is the dative, not who accuses): who follows the verb in its clause is no source
        if listed and subject is None and _unnamed_subject(clause_k, st, k, ms):
            srcs = [(sm, sp, sr) for sm, sp, sr in srcs if sm is None or not (
                sm.sent == st.sentence.index and st.tokens[k].start < sm.start < clause_k.end)]
        speaker_after = _speaker_after(st, ms, ctx.lex, cache)
        # a stretch of the sentence after a semicolon with a subject of its own before the trigger ("Uganda
        # kündigte an, Soldaten zu entsenden; die Regierung in Juba lehnte das ab"): who is named before the
        # semicolon is not its source (a target may be); not where the stretch is reported speech of who was named
        # before ("Lawrow wies die Vorwürfe zurück; Kiew habe die Waffenruhe gebrochen, sagte er"; a review)
        lo = max((t.start for t in st.tokens[:k] if t.text == ";"), default=-1)
        own_stretch = lo >= 0 and any(
            m is not None and m.sent == st.sentence.index and lo < m.start < st.tokens[k].start and m.free
            and m.code and m.prep is None and not m.pronoun for m, _, _ in srcs)
        if own_stretch:
            hi = min((t.start for t in st.tokens[k:] if t.text == ";"), default=10 ** 9)
            own_stretch = not any(lo < t.start < hi and not t.is_cap and ctx.lex.says(t.lower, lemma(t.text))
                                  for t in st.tokens)

        def elsewhere(m: Mention | None) -> bool:
            return own_stretch and m is not None and m.sent == st.sentence.index and m.start < lo

        for sm, sp, sr in srcs:
            if named_subject and sm is not None and sm.sent != st.sentence.index:
                continue
            if sm is not None and (posted_in(sm, ms, st) or seat_of_another(sm, ms, st)):
                continue
            if elsewhere(sm):
                continue
            for tm, tp, tr in tgts:
                if sm is None and tm is None:
                    continue
                if tm is not None and (posted_in(tm, ms, st) or seat_of_another(tm, ms, st)):
                    continue
                if sm is not None and tm is not None and (described_by(sm, tm, ms, by_sent.get(tm.sent), ctx.lex)
                                                          or described_by(tm, sm, ms, by_sent.get(sm.sent), ctx.lex)):
                    continue        # "Faymann hat seinen Rücktritt als SPÖ-Vorsitzender erklärt": not Faymann -> himself
                if sm is not None and tm is not None and tm.prep == "nach" and tm.kind == "country" \
                        and tm.code == sm.code:
                    continue        # where its own side goes is no target ("hat seine Botschafterin in Wien
                    #                 zu Konsultationen nach Athen zurückgerufen": not GRC -> Athen)
                if typ == "CONSULT" and sm is not None and tm is not None and tm.prep in ("in", "im") \
                        and tm.kind != "person" and tm.code == sm.code:
                    continue        # "Merkel empfing Erdogan im Kanzleramt": where they meet, not with whom
                if tm is not None and tm is speaker_after and k < tm.i:
                    continue        # who says it is no target of what is said ("Sollte Ungarn die Grenze
                    #                 schließen, werde auch Slowenien Kontrollen einführen, drohte Cerar")
                if sm is not None and tm is not None and (sm is tm or one_referent(sm, tm, st)
                                                          or office_and_seat(sm, tm, st)):
                    continue        # one actor ("die Regierung in Moskau"), never each other's other side
                if typ == "PROTEST" and sm is not None and sm.sector in ARMED_GROUP_SECTORS:
                    continue        # fighters do not protest: "Kämpfer hatten das Gefängnis gestürmt" attacks
                    #                 (soldiers may: "Soldaten protestierten gegen ausbleibenden Sold")
                if sm is not None and tm is not None and sm.kind == tm.kind == "country" and sm.code == tm.code \
                        and typ not in DOMESTIC_FORCE:
                    continue        # a state does not speak to itself ("Griechenland habe die Verhandlungen mit
                    #                 Athen abgebrochen" is no GRC -> GRC; parties and offices may, and force,
                    #                 arrests and protests may be told by the places they happen in)
                if sm is not None and tm is not None and sm.code == tm.code and typ not in DOMESTIC_FORCE \
                        and sm.sector == "GOV" and sm.kind == "person" and tm.kind == "country" and not tm.role \
                        and tm.prep is None:
                    continue        # a state's office holder does not act on the state itself ("würden die USA
                    #                 neue Sanktionen verhängen, sagte Kerry": no SANCTION Kerry -> USA; "Mikl-Leitner
                    #                 kritisierte Griechenland. Mouzalas hat das zurückgewiesen": no REJECT
                    #                 Mouzalas -> Griechenland; a review); force, arrests and protests may
                if sm is not None and tm is not None and _sides_phrase_pairing(sm, tm, clause_k, rep_at, ctx.lex):
                    continue        # "Beide Seiten kritisierten die Zölle": not each other; "sagte Borrell, beide
                    #                 Seiten hätten sich geeinigt": not with who reports it
                if sm is not None and tm is not None and (guessed_against_own_state(sm, tm)
                                                          or guessed_against_own_state(tm, sm)
                                                          or (clause_k is not None and guessed_pair_beside_its_state(
                                                              sm, tm, [m for m in ms if clause_k.start <= m.start
                                                                       < clause_k.end]))):
                    continue        # a guessed country against that country (events.policies)
                if sm is not None and tm is not None and one_side(sm, tm, typ, ctx, cache):
                    continue        # "Die USA, Großbritannien und Kanada verhängten Sanktionen": one side
                if sm is not None and tm is not None and clause_k is not None and any(
                        a.start < b.start and clause_k.start <= a.start and b.end <= clause_k.end
                        and together_with(st.tokens, b, typ, ms) for a, b in ((sm, tm), (tm, sm))):
                    continue        # "Merkel hat gemeinsam mit Rutte ... ausgehandelt": one side, not each other's
                if sm is not None and tm is not None and clause_k is not None and any(
                        _helper_of(a, b, st, clause_k, ctx.lex) for a, b in ((sm, tm), (tm, sm))):
                    continue        # "Israel hat mit Hilfe der USA einen iranischen Raketenangriff abgewehrt":
                    #                 who helps is on the side of whom it helps, never its other side
                if sm is not None and tm is not None and clause_k is not None \
                        and passive_agent_as_target(clause_k, st.tokens[k], sm, tm):
                    continue        # "Die Ukraine wurde von Russland angegriffen": not UKR -> RUS
                a, b, pa, pb, ra, rb = sm, tm, sp, tp, sr, tr
                if ante is not None and (b is ante if ante_role == "source" else a is ante):
                    # the antecedent on the side its pronoun does not tell: the model read the
                    # dyad the other way round
                    a, b, pa, pb, ra, rb = b, a, pb, pa, rb, ra
                    if any(o.type == typ and o.st is st and o.k == k and o.src_m is a and o.tgt_m is b for o in out):
                        continue
                out.append(Candidate(typ, a.participant() if a else None, b.participant() if b else None,
                                     p, pa, pb, ra, rb, st.sentence.index, st, k, lemma=lem,
                                     src_m=a, tgt_m=b))
    return out


#: determiners a subject in the field before the finite verb may open with (nominative; "den", "dem", "des" are not)
_SUBJECT_DETS = frozenset("der die das ein eine".split())


def _field_before(clause, st: SentenceTokens, k: int) -> list:
    """The words before the finite verb at token ``k`` of a main clause (quotation marks left out); [] for
    another clause or a noun trigger."""
    verb = st.tokens[k]
    if clause.kind != "main" or verb.is_cap:
        return []
    return [t for t in st.tokens if clause.start <= t.start < verb.start and t.text not in QUOTE_MARKS]


def _prefield_subject(clause, st: SentenceTokens, k: int, ms: list[Mention], lex) -> Mention | None:
    """The mention that fills the field before the finite verb at token ``k`` of a main clause: the
    verb's subject ("Auch der Präsident des Europaparlaments, Martin Schulz, kritisierte die
    Entscheidung", "Die Türkei wies das zurück"). Before it only focus particles (cues.tsv class
    ``focus_particle``: "auch", "sogar"), a nominative determiner and lower-case attributes; between it
    and the verb only its apposition (capitalised words, commas, brackets, other mentions). None where
    the field holds anything else ("Am Montag kritisierte ...", "Dem Minister warf ... vor"), for a noun
    trigger, or where the mention stands under a preposition or in an oblique case."""
    verb = st.tokens[k]
    field = _field_before(clause, st, k)
    if not field:
        return None
    first = next((m for m in sorted(ms, key=lambda m: m.start) if m.sent == st.sentence.index
                  and clause.start <= m.start < verb.start), None)
    if first is None or first.prep is not None or first.oblique:
        return None

    def within(t) -> bool:
        return any(m.sent == st.sentence.index and m.start <= t.start < m.end for m in ms)
    before = [t for t in field if t.start < first.start]
    # (also the genitive of a subject the tagger has no actor for: "Die flämischen Nationalisten der N-VA
    # kritisierten das Vorgehen Madrids": the N-VA's side; a review)
    if any(not (lex.is_(t.lower, "focus_particle") or t.lower in _SUBJECT_DETS or (not t.is_cap and t.text.isalpha()
                                                                                   and t.lower.endswith(ADJ_ENDINGS))
                or (first.genitive_of and (t.is_cap and t.text.isalpha() or t.lower == "des")))
           for t in before):
        return None
    after = [t for t in field if t.start >= first.end]
    if any(not (t.text in ",()" or t.is_cap or within(t)) for t in after):
        return None
    return first


def _unnamed_subject(clause, st: SentenceTokens, k: int, ms: list[Mention]) -> bool:
    """Whether the field before the finite verb at token ``k`` of a main clause is a noun phrase in the
    nominative that names no actor the tagger knows ("Die Sozialistische Jugend warf Faymann ... vor"):
    it opens with a nominative determiner, holds a capitalised noun, no preposition, comma or mention."""
    verb = st.tokens[k]
    field = _field_before(clause, st, k)
    if len(field) < 2 or field[0].lower not in _SUBJECT_DETS or not any(t.is_cap for t in field[1:]):
        return False
    if any(not t.text.isalpha() for t in field):
        return False
    if any(m.sent == st.sentence.index and clause.start <= m.start < verb.start for m in ms):
        return False
    # (no preposition: only the determiner, adjectives and nouns; "Die Woche" is not said of an actor)
    return all(t.is_cap or t.lower.endswith(ADJ_ENDINGS) for t in field[1:])


def _speaker_after(st: SentenceTokens, ms: list[Mention], lex, cache: dict) -> Mention | None:
    """The speaker named after a verb of saying or quoting that follows a comma ("..., drohte
    Ministerpräsident Miro Cerar", "..., sagte Merkel"): who says what stands before it."""
    key = ("speaker_after", st.sentence.index)
    if key not in cache:
        toks, found = st.tokens, None
        for c, t in enumerate(toks[:-2]):
            nxt = toks[c + 1]
            if t.text != "," or not nxt.text[:1].islower() or c == 0 \
                    or not (toks[c - 1].text[:1].islower() or toks[c - 1].text in "“”\"«»"):
                continue        # (not a comma closing an apposition: "Der Gesandte, Mladenov, rief Israel auf")
            if not lex.says(nxt.lower, lemma(nxt.text)):
                continue
            found = next((m for m in ms if m.sent == st.sentence.index and c + 2 <= m.i <= c + 4
                          and m.prep is None and not m.pronoun), found)
        cache[key] = found
    return cache[key]


#: types a place of a state may stand for both of its sides in (protests in Kiev against Kiev, the army in Aleppo)
DOMESTIC_FORCE = frozenset({"PROTEST", "ASSAULT", "COERCE"})

#: reactions to an act: its doer may be their target, also as the agent of an attribute participle
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "PROTEST", "SUPPORT"})


def _sides_phrase_pairing(a: Mention, b: Mention, clause, reporter_at: int | None, lex) -> bool:
    """Whether a dyad pairs a mention of a phrase naming both sides ("beide Seiten",
    ``Mention.sides_phrase``) wrongly: with its twin where the clause tells no happening the sides do to
    each other ("Beide Seiten kritisierten die Zölle der USA"; with "sich", "einander", "gegenseitig" or
    a verb of cues.tsv class ``mutual`` it is right: "Beide Seiten warfen sich vor, ..."), or with who
    reports the sentence ("sagte Borrell, beide Seiten hätten sich geeinigt"; a review)."""
    if not (a.sides_phrase or b.sides_phrase):
        return False
    if a.sides_phrase and b.sides_phrase and a.start == b.start:
        return not told_of_each_other(clause.lowers if clause is not None else [], lex)
    other, phrase = (b, a) if a.sides_phrase else (a, b)
    in_clause = clause is None or clause.start <= phrase.start < clause.end
    return in_clause and reporter_at is not None and other.start == reporter_at


def injured_with_weapon(st: SentenceTokens, k: int, ctx: DocContext, cache: dict) -> bool:
    """Whether the verb at token ``k`` tells an injury with a weapon ("mit einem Messer verletzt":
    ``clauses.weapon_injury``): an assault, not the accusation of a violated treaty its lexicon
    rows give."""
    t = st.tokens[k]
    if t.is_cap:
        return False
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, t.start)
    return ci is not None and weapon_injury(clauses[ci], lemma(t.text), ctx.lex) is not None


def _military_roles(ps, pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention], ctx: DocContext, cache: dict):
    """Source and target probabilities read as the rule coder reads the phrases of front-line
    reports (``events.roles``): an attribute of an event noun of another happening is no side
    ("nach der Ermordung eines Piloten durch den IS ... bombardiert": ``of_other_act``); who helps
    ("mit Unterstützung russischer Kampfjets": ``helper``) is a co-actor, never the target (of an act
    two sides do together, ``roles.MEDIATED``, no side at all); a mediator ("unter Vermittlung Katars":
    ``mediator_noun``) is no side but of its noun; who
    loses a place ("die Stadt von der Terrormiliz IS zurückerobert": ``loser``) is the target,
    never the attacker; the "durch X" agent of an event noun (``noun_agent``) is its source."""
    toks, sent = st.tokens, st.sentence.index
    t = toks[k]
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, t.start)
    c = clauses[ci] if ci is not None else None
    passive = c is not None and not t.is_cap and _is_passive(c, t)
    lem = lemma(t.text)
    here = [m for m in ms if m.sent == sent]
    agent = noun_agent(toks, k, here, ctx.lex) if t.is_cap else None
    ps, pt = ps.copy(), pt.copy()
    top = float(ps.max()) if len(ps) else 0.0
    # "nach dem Anschlag in Istanbul ... festgenommen": the subject of an active clause did not
    # commit it (that of a passive may have: "Zwei Angreifer wurden nach einer Messerattacke
    # erschossen")
    own_only = t.is_cap and others_act(toks, k, ctx.lex) \
        and c is not None and not any(x.lower in WERDEN_PASSIVE for x in c.tokens)
    between = between_sides(toks, k, here) if typ in BETWEEN_TYPES else []
    mediated = t.is_cap and c is not None and t in c.tokens and mediated_object(c, c.tokens.index(t), ctx.lex)
    judged, verb_at = False, None
    if typ not in ("ACCUSE", "REJECT") and t.is_cap and c is not None:
        key = ("condemned", sent, k)
        if key not in cache:
            hit = t in c.tokens and condemned(c, c.tokens.index(t), ctx.lex)
            # (who condemns stands before the verb of condemning; the accused after it may be the doer:
            # "Die Türkei verurteilte Russland wegen der Luftangriffe")
            cache[key] = (hit, next((x.start for x in c.tokens if not x.is_cap and any(
                r.type == "ACCUSE" for r in ctx.lex.verbs.get(lemma(x.text), ()))), None) if hit else None)
        judged, verb_at = cache[key]
    for i, m in enumerate(ms):
        if mediated and m.sent == sent and m.free and c.start <= m.start < c.end:
            ps[i] = pt[i] = 0.0     # "Saudi-Arabien und die USA haben die Gespräche vermittelt": mediators
            continue
        if judged and m.sent == sent and m.free and c.start <= m.start < c.end \
                and (verb_at is None or m.start < verb_at):
            ps[i] = 0.0             # "Obama hat die Angriffe auf Zivilisten verurteilt": no attacker
        if passive and m.sent == sent and c.kind == "sub" and not (c.start <= m.start < c.end):
            # a passive's doer is named in its own clause ("..., nachdem mehrere Lagerhäuser geplündert
            # worden waren": not the main clause's subject)
            ps[i] = 0.0
        if between and m not in between:
            ps[i] = pt[i] = 0.0     # "begrüßte die Einigung zwischen der Türkei und Schweden": its sides only
            continue
        if own_only and m.sent == sent and m.free and c is not None and c.start <= m.start < c.end \
                and (act_attribute(toks, m, ctx.lex) or (None,))[0] != k:
            ps[i] = 0.0         # the clause's subject
        if m.sent != sent:
            if agent is not None:
                ps[i] = 0.0
            continue
        if m.of_act and m.sent == sent and not m.j <= k <= m.j + 2:
            ps[i] = 0.0             # a country's adjective on a noun of an act acts only in that noun's
            #                         event ("Rebellen haben russische Vorschläge abgelehnt": Russia rejects nothing)
        if of_other_act(toks, m, k, ctx.lex):
            ps[i] = pt[i] = 0.0
        elif agent is not None:
            if m is agent:
                ps[i], pt[i] = max(ps[i], top), 0.0
            else:
                ps[i] = 0.0
        elif contrasted(toks, m, ctx.lex):
            ps[i] = pt[i] = 0.0     # "telefonierte nicht mit Putin, sondern mit Selenskyj": ruled out
        elif c is not None and c.start <= m.start < c.end and mediator_noun(toks, m, ctx.lex) not in (None, k):
            ps[i] = pt[i] = 0.0     # "Unter Vermittlung Katars haben Israel und die Hamas ... vereinbart": a mediator
        elif helper(toks, m, ctx.lex) and c is not None and c.start <= m.start < c.end:
            ps[i], pt[i] = (max(ps[i], top) if helper_acts(typ) else 0.0), 0.0
        elif c is not None and c.start <= m.start < c.end and m.code and together_with(toks, m, typ, ms):
            ps[i], pt[i] = max(ps[i], top), 0.0     # "gemeinsam mit Rutte mit Davutoğlu ausgehandelt": a co-actor
        elif not t.is_cap and c is not None and c.start <= m.start < c.end and loser(m, lem, passive, ctx.lex, c.tokens):
            ps[i], pt[i] = 0.0, max(pt[i], ps[i], float(pt.max()))
    return ps, pt


def _content_first_demand(ps, pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention], ctx: DocContext,
                          cache: dict):
    """Source and target probabilities of a demand told after its content ("Russland solle sich
    an der Vermittlung beteiligen, forderte Präsident Poroschenko": ``reach.content_first_demand``):
    the subject after the verb demands, the content's subject is asked."""
    if typ != "REQUEST" or st.tokens[k].is_cap:
        return ps, pt
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    got = content_first_demand(clauses, ci, st.tokens[k], ctx.mentions.get(st.sentence.index, []), ctx.lex)
    if got is None:
        return ps, pt
    speaker, asked = got
    ps, pt = ps.copy(), pt.copy()
    top = max(float(ps.max()), float(pt.max())) if len(ps) else 0.0
    for i, m in enumerate(ms):
        if m is speaker:
            ps[i], pt[i] = max(ps[i], top), 0.0
        elif asked is not None and m is asked:
            ps[i], pt[i] = 0.0, max(pt[i], top)
        else:
            ps[i], pt[i] = 0.0, 0.0     # the one demand is of the one asked ("der Ukraine ... liefern" gains)
    return ps, pt


def _no_target_from_content(pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention], ctx: DocContext,
                            cache: dict):
    """Target probabilities of a demand or a denial with the mentions of the content clause right
    after the cue's clause left out: whom what is demanded or what is denied names is no side of the
    demand or the denial ("Die Türkei forderte Schweden auf, PKK-Anhänger auszuliefern": Sweden is
    asked, not the PKK; "Tsipras wies Berichte zurück, wonach Athen in Moskau um Hilfe gebeten habe":
    no REJECT GRC -> GRC). The content is the infinitive clause after a REQUEST (train + dev gold: 0
    of 43 targets stand there, in 21 it names a coded actor) and what a denial denies
    (``factuality.denial``, ``factuality.denied_report``; train + dev gold with the written items:
    0 of 14, 7 naming one; not what a REJECT prevents, "hat verhindert, dass es ein
    EU-Militärhauptquartier gibt": the EU is its target)."""
    if typ not in ("REQUEST", "REJECT"):
        return pt
    if typ == "REQUEST":
        pt = _no_target_of_demanded_noun(pt, st, k, ms)
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    if ci is None or ci + 1 >= len(clauses):
        return pt
    here = ctx.mentions.get(st.sentence.index, [])
    cue = st.tokens[k]
    if typ == "REQUEST" and (clauses[ci + 1].kind != "infinitive" or not any(
            m.code and clauses[ci].start <= m.start < clauses[ci].end and (m.start > cue.start or not m.free)
            for m in here)):
        # only where the demand's own clause names whom it asks ("forderte Schweden auf, ..."): "Die
        # Ukraine bat darum, von Deutschland Marschflugkörper zu erhalten" asks Germany (a review)
        return pt
    if typ == "REJECT" and not (denial(clauses[ci], ctx.lex) and denied_report(clauses, ci + 1, ctx.lex)):
        return pt
    content = clauses[ci + 1]
    out = None
    for i, m in enumerate(ms):
        if m.sent == st.sentence.index and content.start <= m.start < content.end:
            if out is None:
                out = pt.copy()
            out[i] = 0.0
    return pt if out is None else out


def _no_target_of_demanded_noun(pt, st: SentenceTokens, k: int, ms: list[Mention]):
    """Target probabilities of a demand with who a demanded noun's "von" phrase names left out
    (``roles.of_a_noun``: "Die CSU fordert eine Obergrenze von 200.000 Flüchtlingen")."""
    here = [m for m in ms if m.sent == st.sentence.index]
    out = None
    for i, m in enumerate(ms):
        if m.sent == st.sentence.index and m.i > k + 1 and of_a_noun(st.tokens, m, here):
            if out is None:
                out = pt.copy()
            out[i] = 0.0
    return pt if out is None else out


def _antecedent_side(clause, ci: int, clauses: list, st: SentenceTokens, ctx: DocContext):
    """(the antecedent, "source" or "target") of a relative clause whose verb is a cue, or (None,
    None) (``reach.antecedent``, ``reach.antecedent_role``)."""
    if not relative_clause(clause, ctx.lex):
        return None, None
    here = ctx.mentions.get(st.sentence.index, [])
    ante = antecedent(clauses, ci, here, ctx.lex)
    role = antecedent_role(clause, ante, ctx.lex, here) if ante is not None else None
    return (ante, role) if role is not None else (None, None)


#: the types whose verbs move what the source owns ("zog seine Truppen ab", "rief ihren Botschafter zurück")
MOVED_OWN_TYPES = frozenset({"SANCTION", "RETREAT", "MOBILIZE"})


def _moved_thing(m: Mention, lex) -> bool:
    """Whether a mention's head is a word the lexicon's rows of ``MOVED_OWN_TYPES`` require (verbs.tsv:
    "soldat*", "truppe*", "botschafter*", "diplomat*", ...): forces or envoys a side moves."""
    return _head_matches(m, _moved_words(lex))


def _moved_words(lex) -> frozenset[str]:
    words = getattr(lex, "_moved_words", None)
    if words is None:
        words = frozenset(w for rows in lex.verbs.values() for r in rows if r.type in MOVED_OWN_TYPES
                          for w in r.requires if not w.startswith(("@", "zu:", "<")))
        lex._moved_words = words
    return words


def _no_side_from_moved(ps, pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention], ctx: DocContext):
    """Side probabilities with what a verb cue moves or names left out: a mention whose head is a word
    the verb's rows of SANCTION require (verbs.tsv: "zurückrufen", "abberufen" require "botschafter*"):
    "rief ihren Botschafter aus Berlin zurück" recalls the envoy from Germany (the learned coder had
    SANCTION TUR -> TUR beside TUR -> DEU; P29). The rule coder reads the verb's target from its
    preposition."""
    t = st.tokens[k]
    moved = [i for i, m in enumerate(ms) if m.possessive and m.sent == st.sentence.index
             and (typ != "SANCTION" or _moved_thing(m, ctx.lex))] if typ in MOVED_OWN_TYPES else []
    if moved:
        # what a side withdraws, recalls or sends of its own ("hat ihren Botschafter aus Caracas
        # abgezogen", "zog seine Truppen aus Syrien ab", "sein Amt seiner Partei anbieten") is no target
        # (of a SANCTION only forces or envoys: "entließ seinen Innenminister" sanctions him; a review)
        pt = pt.copy()
        for i in moved:
            pt[i] = 0.0
    if t.is_cap or typ != "SANCTION":
        # (not who is taken in, aided or moved of other types: "nahm Flüchtlinge aus Syrien auf" gives
        # the refugees' country; train gold)
        return ps, pt
    lem = lemma(t.text)
    rows = particle_verb_rows(st, k, lem, ctx.lex) or ctx.lex.verbs.get(lem, ())
    words = [w for r in rows if r.type == typ for w in r.requires if not w.startswith(("@", "zu:"))]
    if not words:
        return ps, pt
    out_s, out_t = ps, pt
    for i, m in enumerate(ms):
        if m.sent == st.sentence.index and m.kind != "country" and _head_matches(m, words):
            if out_s is ps:
                out_s, out_t = ps.copy(), pt.copy()
            out_s[i] = out_t[i] = 0.0
    return out_s, out_t


def _no_source_from_reporter(ps, st: SentenceTokens, k: int, ms: list[Mention], ctx: DocContext, cache: dict):
    """Source probabilities with the mentions before a verb of reporting left out, for an event
    noun it governs ("Israel meldete Raketenangriffe der Hisbollah", "Kiew meldete russische
    Drohnenangriffe auf Charkiw"): who reports the attack did not attack (cues.tsv class
    ``report_verb``; in train + dev gold no source of such a noun is the verb's subject, 0 of 2)."""
    t = st.tokens[k]
    if not t.is_cap or k == 0:
        return ps
    c = _clause_of_token(st, k, ctx, cache)
    if c is None:
        return ps
    # the verb before the noun, or its participle closing a Perfekt after it ("OSZE-Beobachter haben
    # Explosionen nahe Donezk registriert": a probe); who stands before both reports
    verb = next((u for u in c.tokens if u is not t and not u.is_cap
                 and ctx.lex.is_(lemma(u.text), "report_verb")), None)
    if verb is None:
        return ps
    out = ps.copy()
    for i, m in enumerate(ms):
        if m.sent == st.sentence.index and c.start <= m.start < min(verb.start, t.start):
            out[i] = 0.0
    return out


def _no_source_behind_uncoded(ps, st: SentenceTokens, ms: list[Mention], floor: float):
    """Source probabilities with the previous sentence's mentions left out when the likeliest source
    is an organisation named in the cue's own sentence that has no country ("Die EU hatte Hilfe
    zugesagt. Amnesty International wirft der Armee ... vor": Amnesty accuses, not the EU; the side
    is "-"): a coded actor of the sentence before would be a participant the text does not give.
    Only organisations and groups: a person whose country the tagger missed is mostly of the
    country of the actor before (train + dev: the two such sources there were right, both persons)."""
    if not len(ps):
        return ps
    top = int(np.argmax(ps))
    m = ms[top]
    if m.code or m.kind not in ("organisation", "group") or m.sent != st.sentence.index or ps[top] < floor:
        return ps
    out = ps.copy()
    for i, o in enumerate(ms):
        if o.sent != st.sentence.index:
            out[i] = 0.0
    return out


def _no_side_from_attribute(ps, st: SentenceTokens, k: int, ms: list[Mention]):
    """Side probabilities with the agent of an attributive participle left out ("Die Armee ist
    in die von der Terrormiliz IS gehaltene Stadt Falluja vorgerückt": the IS holds the city, it
    does not advance; "Die von Riad angeführte Koalition bestritt ...": the coalition denies), for
    any cue but that participle ("die von Russland annektierte Krim"; ``reach.attribute_participle``)."""
    out = None
    for i, m in enumerate(ms):
        if m.sent != st.sentence.index:
            continue
        part = attribute_participle(st.tokens, m)
        if part is None or part == k:
            continue
        if out is None:
            out = ps.copy()
        out[i] = 0.0
    return ps if out is None else out


def _without(ps, pt, idx: list[int]):
    """Both sides' probabilities with the mentions ``idx`` set to 0 (the arrays themselves where
    there are none)."""
    if not idx:
        return ps, pt
    ps, pt = ps.copy(), pt.copy()
    ps[idx] = 0.0
    pt[idx] = 0.0
    return ps, pt


def _helper_of(h: Mention, m: Mention, st: SentenceTokens, clause, lex) -> bool:
    """Whether mention ``h`` names who helps mention ``m``, the subject of their clause ("Israel hat mit
    Hilfe der USA ... abgewehrt": ``roles.helper``; ``m`` before it, no preposition, not oblique)."""
    return h.sent == m.sent == st.sentence.index and clause.start <= m.start < h.start < clause.end \
        and m.prep is None and not m.oblique and helper(st.tokens, h, lex)


def _no_side_from_topic(ps, pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention], ctx: DocContext):
    """Side probabilities with what a verb of deliberating or another noun talks about left out ("berät
    mit den G7-Außenministern über die Spannungen mit Russland": no CONSULT with Russia; "die Gespräche
    mit Russland über Syrien abgebrochen": no SANCTION against Syria; ``content.in_talk_topic``)."""
    return _without(ps, pt, [i for i, m in enumerate(ms)
                             if m.sent == st.sentence.index and in_talk_topic(st.tokens, k, m.i, ctx.lex, typ)])


def _no_side_out_of_reach(ps, st: SentenceTokens, k: int, ms: list[Mention], ctx: DocContext, cache: dict):
    """Side probabilities with the mentions the cue's clause does not reach set to 0
    (``reach.out_of_reach``: for a cue outside a relative clause, the mentions inside that
    relative clause; for a relative clause's cue, every mention of the sentence outside its own
    clause but its antecedent, or but the clause before where the antecedent is no actor; an
    infinitive clause's mentions stay within reach), save who reports the sentence ("..., was wir
    akzeptiert haben, erklärte Price")."""
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    if ci is None:
        return ps
    here = ctx.mentions.get(st.sentence.index, [])
    rep = ctx.reporters.get(st.sentence.index)
    out = None
    for i, m in enumerate(ms):
        if rep is not None and rep.mention is not None and rep.mention.start == m.start:
            continue
        if out_of_reach(clauses, ci, m, here, ctx.lex):
            if out is None:
                out = ps.copy()
            out[i] = 0.0
    return ps if out is None else out


def _no_source_from_content(ps, st: SentenceTokens, k: int, ms: list[Mention], ctx: DocContext, cache: dict):
    """Source probabilities with the mentions of a later subordinate clause left out, for a cue of a
    main clause that names its own subject (a coded mention with no preposition, no oblique article
    and no genitive): who acts in what is reported, denied or explained does not do the main
    clause's act ("Die FPÖ hat Berichte zurückgewiesen, wonach ein Abgeordneter Geld erhalten habe":
    the FPÖ rejects, not the deputy; probe P22). In train + dev gold, 4 of 716 sources of such
    events stand in a later subordinate clause (two of them an apposition, "nannte Venizelos, der
    frühere Chef ...")."""
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    if ci is None or clauses[ci].kind != "main":
        return ps
    c = clauses[ci]
    here = ctx.mentions.get(st.sentence.index, [])
    if not any(c.start <= m.start < c.end and m.code and m.free for m in here):
        return ps
    out = None
    for i, m in enumerate(ms):
        mi = clause_at(clauses, m.start) if m.sent == st.sentence.index else None
        if mi is not None and mi > ci and clauses[mi].kind == "sub":
            if out is None:
                out = ps.copy()
            out[i] = 0.0
    return ps if out is None else out


#: deeds a reporter tells of others: who says that they happened takes no side in them
REPORTED_DEEDS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "AID", "SANCTION", "RETREAT", "PROTEST"})


def _no_side_from_reporter_of_deed(ps, pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention],
                                   ctx: DocContext, cache: dict):
    """Side probabilities with the reporter of the sentence left out, for a deed told in a clause
    of its own that names its own subject ("Ein Sprecher der Polizei sagte, der 23-Jährige habe
    einen Polizisten angegriffen": the spokesman and the police he speaks for attacked nobody and
    were not attacked; the learned role model took them for a side). Who reports their own deed is
    named in the clause again ("er habe ..."), so only the reporter's clause goes."""
    if typ not in REPORTED_DEEDS:
        return ps, pt
    rep = ctx.reporters.get(st.sentence.index)
    if rep is None or rep.mention is None:
        return ps, pt
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    if ci is None:
        return ps, pt
    c = clauses[ci]
    if c.start <= rep.mention.start < c.end:
        return ps, pt
    # the clause opens with its own subject ("..., der 23-Jährige habe ...", not "Die Menge habe fünf
    # Männer angegriffen, teilte die Polizei mit": a subject the tagger does not know)
    here = ctx.mentions.get(st.sentence.index, [])
    opening = [t.start for t in c.tokens[:3]]
    subject = next((m for m in here if m.start in opening and m.code and m.free and m.start != rep.mention.start), None)
    if subject is None:
        return ps, pt
    # the reporter and what its clause names with it ("ein Sprecher der Polizei", "laut Polizei")
    ri = clause_at(clauses, rep.mention.start) if rep.mention.start >= st.sentence.start else None
    ps, pt = ps.copy(), pt.copy()
    for i, m in enumerate(ms):
        if m.code == subject.code:
            continue    # who speaks for the doer's own side ("Das Verteidigungsministerium in Moskau teilte
            #             mit, russische Truppen hätten sich zurückgezogen"): the side is the same
        if m.start == rep.mention.start or (ri is not None and m.sent == st.sentence.index
                                            and clause_at(clauses, m.start) == ri):
            ps[i] = pt[i] = 0.0
    return ps, pt


#: the types that oppose an act told by their object ("verurteilte die Angriffe", "wies die Vorwürfe zurück")
OPPOSING = frozenset({"ACCUSE", "REJECT"})


def aim_of_named_act(st: SentenceTokens, k: int, m: Mention, ms: list[Mention], lex, first: int = 0) -> bool:
    """Whether mention ``m`` names whom or where an act is aimed at that an event noun of the cue
    ``st.tokens[k]`` tells (after the cue, or after ``first``, the first token of the cue's clause,
    where the cue closes the clause: "China hat die Militärhilfe der USA für Taiwan verurteilt"), in a
    phrase of cues.tsv class ``act_complement_prep`` right after the noun ("Kiew verurteilte die
    russischen Angriffe auf Charkiw": Kharkiv; also after the act's own agent,
    "die Angriffe Russlands auf Charkiw", "die Angriffe der russischen Armee auf Charkiw"), where the text
    names who acts: a country's adjective on the noun (``Mention.of_act``), the agent's genitive, a
    name inside the noun ("die US-Luftangriffe in Syrien") or an agent with "durch" ("die Angriffe auf
    Charkiw durch die russische Armee"). An accusation or rejection of that act is
    against who acts, never against its aim (a self-dyad "UKR -> UKR" otherwise)."""
    toks = st.tokens
    if m.sent != st.sentence.index or m.i == k + 1:
        return False
    lo = k if k < m.i else first - 1    # the cue before its object, or a participle closing the clause
    p = m.i - 1
    while p > lo and not toks[p].is_cap and not lex.is_(toks[p].lower, "act_complement_prep"):
        p -= 1          # the aim's article and adjectives
    if p <= lo or not lex.is_(toks[p].lower, "act_complement_prep"):
        return False
    here = [o for o in ms if o.sent == m.sent]
    agent = next((o for o in here if o.j == p and o.genitive_of and o.i > lo + 1), None)
    n = p - 1
    if agent is not None:
        n = agent.i - 1
        while n > lo and not toks[n].is_cap:
            n -= 1      # the genitive's article ("der russischen Armee")
    if n <= lo or n == k or not toks[n].is_cap:
        return False
    cues = lex.noun_cues(toks[n].lower) or ()
    if not cues or any(c.type in OPPOSING for c in cues):
        return False
    return agent is not None or any(o.of_act and o.j <= n and o.i >= n - 3 for o in here) \
        or any(o.i <= n < o.j for o in here) or noun_agent(toks, n, here, lex) is not None \
        or (m.j < len(toks) and toks[m.j].lower == "durch" and any(m.j < o.i <= m.j + 3 for o in here))


def _no_side_from_opposed_act(ps, pt, st: SentenceTokens, k: int, typ: str, ms: list[Mention], ctx: DocContext,
                              cache: dict):
    """Source and target probabilities of an accusation or rejection with the aim of the act it
    opposes left out, where that act's own side is named (``aim_of_named_act``: "China hat die
    Militärhilfe der USA für Taiwan verurteilt" is no ACCUSE by or against Taiwan)."""
    if typ not in OPPOSING:
        return ps, pt
    clauses = sentence_clauses(st, ctx.lex, cache)
    ci = clause_at(clauses, st.tokens[k].start)
    first = st.tokens.index(clauses[ci].tokens[0]) if ci is not None and clauses[ci].tokens[0] in st.tokens else 0
    return _without(ps, pt, [i for i, m in enumerate(ms) if aim_of_named_act(st, k, m, ms, ctx.lex, first)])


def _no_source_from_condition(ps, st: SentenceTokens, k: int, ms: list[Mention], ctx: DocContext, cache: dict):
    """Source probabilities with the mentions inside a condition clause of the sentence left out,
    for a cue outside it: who must do what the condition says does not act in the main clause
    ("Die USA haben China mit Sanktionen gedroht, falls Peking Russland ... beliefert": neither
    China nor Russia threatens). In train + dev gold no source of such an event stands in the
    condition (0 of 51 events; 8 of their targets do)."""
    conds = [c for c in sentence_clauses(st, ctx.lex, cache) if c.kind == "condition"]
    cue = st.tokens[k].start
    if not conds or any(c.start <= cue <= c.end for c in conds):
        return ps
    out = ps.copy()
    for i, m in enumerate(ms):
        if m.sent == st.sentence.index and any(c.start <= m.start <= c.end for c in conds):
            out[i] = 0.0
    return out


def rule_candidates(ctx: DocContext, rule_events: list[Event]) -> list[Candidate]:
    """Candidates of the rule coder: one per source x target pair of each of its events."""
    out: list[Candidate] = []
    at = {m.start: m for ms in ctx.mentions.values() for m in ms}
    by_sent = {st.sentence.index: st for st in ctx.sentences}

    def same(a: Participant | None, b: Participant | None, sent: int) -> bool:
        ma = at.get(a.mention.start) if a is not None and a.mention is not None else None
        mb = at.get(b.mention.start) if b is not None and b.mention is not None else None
        return ma is not None and mb is not None and sent in by_sent and one_referent(ma, mb, by_sent[sent])

    def named(side: list[Participant]) -> list[Participant | None]:
        # a side the text names with a code; a participant a fallback policy filled (``inferred``)
        # or one without a code is left out, as the learned side does: the judge never invents one
        return [p for p in side if p.code and not p.inferred] or [None]

    for ev in rule_events:
        sent = ev.evidence[0].sentence if ev.evidence else -1
        for sp in named(ev.source):
            for tp in named(ev.target):
                if (sp is None and tp is None) or same(sp, tp, sent):
                    continue
                out.append(Candidate(ev.type, sp, tp, 1.0, 1.0, 1.0, 1 if sp else 0, 1 if tp else 0, sent,
                                     rule=ev, lemma=lemma(ev.cue) if ev.cue else ""))
    return out


def group(cands: list[Candidate]) -> list[Dyad]:
    dyads: dict[tuple[str, str, str], Dyad] = {}
    for c in cands:
        dyads.setdefault(c.key, Dyad(c.key)).support.append(c)
    return list(dyads.values())


@dataclass
class DocDyads:
    """What a dyad's features need to know of the article's other dyads."""

    full_src: set[tuple[str, str]]          # (type, source) of dyads with both sides
    full_tgt: set[tuple[str, str]]          # (type, target) of dyads with both sides
    types_of_pair: dict[tuple[str, str], set[str]]

    @classmethod
    def of(cls, dyads: list[Dyad]) -> "DocDyads":
        # (a completed dyad is no fuller one: each one-sided dyad has its completions)
        full = [d.key for d in dyads if d.key[1] != "-" and d.key[2] != "-" and not d.inferred_only]
        types: dict[tuple[str, str], set[str]] = {}
        for d in dyads:
            types.setdefault(d.key[1:], set()).add(d.key[0])
        return cls({(t, s) for t, s, _ in full}, {(t, g) for t, _, g in full}, types)


def dyad_features(d: Dyad, dyads: list[Dyad] | DocDyads, code_rank: dict[str, int],
                  parse: bool = False, pair: dict | None = None) -> list[str]:
    """The judge's features of dyad ``d`` (``parse``: the model reads sentence structure; ``pair``:
    the pair model's dyads of the article, ``pairs.dyad_probs``, None without a pair model)."""
    typ, s, t = d.key
    learned = [c for c in d.support if c.rule is None]
    rules = [c for c in d.support if c.rule is not None]
    f = [f"T={typ}", f"ends={s == '-'}|{t == '-'}", f"Tends={typ}|{s == '-'}|{t == '-'}"]
    vias = sorted({c.via for c in learned})
    if vias and "" not in vias:                 # only derived (from a list of actors)
        f += [f"via={'+'.join(vias)}", f"Tvia={typ}|{'+'.join(vias)}"]
        f += [f"viatp={pbin(max(c.p_trig for c in learned))}"]
    if learned:
        pt = max(c.p_trig for c in learned)
        strength = max(c.strength for c in learned)
        f += [f"tp={pbin(pt)}", f"Ttp={typ}|{pbin(pt)}", f"st={pbin(strength)}", f"Tst={typ}|{pbin(strength)}",
              f"n={_bucket(len({(c.sent, c.k) for c in learned}))}",
              f"nsent={_bucket(len({c.sent for c in learned}))}"]
        best = max(learned, key=lambda c: c.strength)
        if best.via == COMPLETED:
            f += completion_features(best, typ, code_rank)
        f += [f"Tl={typ}|{best.lemma}", f"rs={best.rank_src}", f"rt={best.rank_tgt}",
              f"ps={pbin(max(c.p_src for c in learned))}", f"pt={pbin(max(c.p_tgt for c in learned))}",
              f"first={_bucket(min(c.sent for c in learned))}"]
        if parse and best.st is not None and best.k is not None and best.st.heads is not None:
            # where the strongest candidate's sides stand to its cue in the parse
            rels = []
            for side, m in (("S", best.src_m), ("G", best.tgt_m)):
                rel = coarse(attachment(best.st, m.i, m.j, best.k)) \
                    if m is not None and m.sent == best.st.sentence.index else ("-" if m is None else "prev")
                rels.append(rel)
                f += [f"{side}dep={rel}", f"T{side}dep={typ}|{rel}"]
            f.append(f"SGdep={rels[0]}|{rels[1]}")
    else:
        f.append("learned=none")
    if rules:
        f += ["rule", f"Trule={typ}", f"rulef={rules[0].rule.factuality}",
              f"rule_learned={bool(learned)}"]
    for side, code, part in (("S", s, d.best.src), ("G", t, d.best.tgt)):
        if code == "-":
            continue
        f += [f"{side}rank={min(code_rank.get(code, 9), 4)}", f"{side}org={len(code) != 3}",
              f"{side}story={bool(part and part.code_inferred in GUESSED_COUNTRY)}", f"{side}sec={part.sector if part else None}",
              f"T{side}sec={typ}|{part.sector if part else None}"]
    if s != "-" and s == t:
        f += ["self", f"Tself={typ}"]
    doc = dyads if isinstance(dyads, DocDyads) else DocDyads.of(dyads)
    if s == "-" or t == "-":
        fuller = (s != "-" and (typ, s) in doc.full_src) or (t != "-" and (typ, t) in doc.full_tgt)
        f.append(f"fuller={fuller}")
    f.append(f"alt_types={_bucket(len(doc.types_of_pair.get(d.key[1:], ())) - 1)}")
    if pair is not None:
        # "none": the pair model has no unit for the dyad (a side from a list member or a rule event)
        p = pbin(pair[d.key][0]) if d.key in pair else "none"
        f += [f"pair={p}", f"Tpair={typ}|{p}"]
    return f


def completion_features(c: Candidate, typ: str, code_rank: dict[str, int]) -> list[str]:
    """Where the filled side's country of a completion (``completions``) was named: its place among
    the countries named last before the cue, how many sentences before, whether it is the story's
    most named, its mention's kind and sector, whether that country was a guess for its mention, and
    which side it fills."""
    m = c.ctx_m
    side = "S" if c.src_m is None else "G"
    rank = str(c.ctx_rank) if c.ctx_rank else "top"
    dist = _bucket(c.sent - m.sent) if m is not None else "-"
    top = code_rank.get(m.code if m is not None else "", 9) == 1
    return [f"cside={side}", f"crank={rank}", f"Tcrank={typ}|{side}|{rank}", f"cdist={dist}", f"Tcdist={typ}|{dist}",
            f"ctop={top}", f"Tctop={typ}|{top}", f"ckind={m.kind if m else None}", f"csec={m.sector if m else None}",
            f"cguess={bool(m.code_from) if m else None}"]


def code_ranks(ctx: DocContext) -> dict[str, int]:
    """Each code's rank by how often the article names it (1 = most often)."""
    counts = Counter(m.code for m in ctx.actors.mentions if m.code and not m.of_act)
    return {c: i + 1 for i, (c, _) in enumerate(counts.most_common())}


def judge_rows(trigger: LinearModel, role: LinearModel, ctx: DocContext, rule_events: list[Event],
               s: Settings, cache: dict, pair: LinearModel | None = None) -> tuple[list[Dyad], list[list[str]]]:
    """The dyads of one article and their features (``pair``: the pair model, ``pairs.py``)."""
    dyads = group(candidates(trigger, role, ctx, rule_events, s, cache))
    probs = dyad_probs(pair, ctx, rule_events, cache) if pair is not None else None
    ranks = code_ranks(ctx)
    doc = DocDyads.of(dyads)
    return dyads, [dyad_features(d, doc, ranks, ctx.parse, probs) for d in dyads]
