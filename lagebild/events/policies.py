"""Fallback policies: named ways to fill a participant the clause does not name, each one
switchable; what they fill carries ``inferred``. An inferred participant never makes an asserted
dyad of a code with itself."""
from __future__ import annotations

import copy
import re
from collections import Counter
from functools import lru_cache


from ..actors import ActorIndex, Mention, weapon_word
from ..records import Event, Participant
from .clauses import Clause
from .cues import _read_tsv, lemma, load_cues
from .factuality import accusation_noun

# Fallbacks: ways to fill a participant the clause does not name. Each is a named policy
# that can be switched off (EventCoder(fallbacks=...)); a participant filled by one carries
# ``inferred`` with the policy's name. The defaults keep those that name a participant the
# text supports (the state where a court or police act happens, the people of the place of a
# protest) and switch off those that guess from the story as a whole.
FALLBACKS = {
    "place_state": True,      # "In Kuba wurden Dissidenten festgenommen": the state of the place acts
    "place_people": True,     # "zu Protesten in Istanbul": the people of that place protest
    "nearest": False,         # no target: the nearest earlier actor of another code
    "other_side": False,      # a threat with no one named: the story's most named other country
    "neighbour": True,        # "ins Nachbarland": the source's neighbour the story names most
    "home_source": False,     # no source: the story's home country acts
    "home_target": False,     # a home-country act with no target: it acts at home
    "home_fighting": False,   # agentless fighting: home country against home country
}



@lru_cache(maxsize=1)
def load_borders() -> dict[str, frozenset[str]]:
    """Land neighbours per state (``lang/de/borders.tsv``)."""
    return {row["code"]: frozenset(row["borders"].split("|")) for row in _read_tsv("borders.tsv")}


def _neighbour(c: Clause, codes: set, actors: ActorIndex) -> list[Participant]:
    """'das Nachbarland' of the source: the neighbouring state the story names most."""
    near = set().union(*(load_borders().get(code, frozenset()) for code in codes)) if codes else set()
    counts = Counter(m.code for m in actors.mentions if m.code in near and not m.pronoun and not m.of_act)
    if not counts:
        return []
    return [_inferred(counts.most_common(1)[0][0], "neighbour")]



def _no_inferred_self_dyad(ev: Event) -> None:
    """An inferred participant never makes an asserted dyad of a code with itself: it is dropped."""
    if ev.factuality != "asserted":
        return
    ev.source = [p for p in ev.source if not (p.inferred and p.code in {q.code for q in ev.target})]
    ev.target = [p for p in ev.target if not (p.inferred and p.code in {q.code for q in ev.source})]


def guessed_against_own_state(side: Mention, other: Mention) -> bool:
    """A side whose country is guessed (the story's, or the one named before it) facing that very
    country named as a state: the guess came from the other side ("Der Außenminister kündigte an,
    die Gespräche mit Serbien fortzusetzen": the minister is not Serbia's). Both coders drop such
    a side; two guessed sides of one country ("Regierungstruppen" against "Rebellen") stay."""
    return bool(side.code_from) and other.kind == "country" and not other.code_from \
        and side.code is not None and side.code == other.code


def guessed_pair_beside_its_state(a: Mention, b: Mention, clause_mentions: list[Mention]) -> bool:
    """Two sides whose country is each guessed, the same, while their clause names that country as a
    state with no preposition, apart from both ("Die USA haben in Syrien Stellungen proiranischer
    Milizen bombardiert": "Stellungen" and "Milizen" took "USA" from the name before them; a probe gave
    an asserted ASSAULT USA -> USA): the named state, before both, is who acts, the guessed pair no
    dyad, where the clause places them in another country (not a place after one of them: "Ein Anhänger
    des IS hat in der US-Ostküstenstadt Philadelphia einen Polizisten angeschossen", train gold USA ->
    USA). Two guessed
    sides beside no such state stay ("In Syrien griffen Regierungstruppen Rebellen an":
    ``guessed_against_own_state``)."""
    if not (a.code_from and b.code_from and a.code is not None and a.code == b.code):
        return False
    # where the clause places them in another country ("in Syrien", "im Nordirak"): the guess from the
    # acting state is no evidence of who they are; at home it stays ("Die Türkei ließ Polizisten gegen
    # Demonstranten vorgehen": TUR -> TUR; a review)
    abroad = any(m.kind == "country" and not m.code_from and m.code and m.code != a.code and m.prep is not None
                 for m in clause_mentions)
    return abroad and any(m is not a and m is not b and m.kind == "country" and not m.code_from
                          and m.code == a.code and m.prep is None and m.start < min(a.start, b.start)
                          for m in clause_mentions)


def _inferred(code: str | None, why: str, sector: str | None = None) -> Participant:
    return Participant(actor=None, text=None, code=code, sector=sector, inferred=why)


def government_protest(ev: Event) -> None:
    """A government that "protests" does not demonstrate: it accuses ("Budapest protestierte gegen
    die Entscheidung"). A PROTEST whose every source is a government (sector GOV: a state, its
    capital, its government) becomes an ACCUSE; the corpus has no PROTEST by a government."""
    if ev.type == "PROTEST" and ev.source and all(p.sector == "GOV" for p in ev.source):
        ev.type, ev.mode = "ACCUSE", None


#: who attacks only in words: parties, parliaments, unions (not "the opposition": armed in a civil war)
WORDS_ONLY_SECTORS = frozenset({"PTY", "LEG", "LAB"})
#: whom such an attack is aimed at: institutions of politics, law, business and the press
INSTITUTION_SECTORS = frozenset({"GOV", "PTY", "LEG", "OPP", "JUD", "LAB", "BUS", "MED", "JRN"})


def political_attack(ev: Event) -> None:
    """A party that "attacks" the government does so in words ("Die FPÖ nahm die Kritik zum Anlass
    für eine Attacke auf die Regierung"): an ASSAULT whose every source is a party, parliament
    or union (``WORDS_ONLY_SECTORS``) and every target an institution
    (``INSTITUTION_SECTORS``) becomes an ACCUSE; the corpus has no ASSAULT of such a source (its
    "Angriff" by a union on a business is an ACCUSE). Only the nouns: "Anhänger der Fatah haben
    Journalisten angegriffen und verletzt" is a deed."""
    if ev.type == "ASSAULT" and ev.cue and ev.cue[:1].isupper() and ev.source and ev.target \
            and ((all(p.sector in WORDS_ONLY_SECTORS for p in ev.source)
                  and all(p.sector in INSTITUTION_SECTORS for p in ev.target))
                 or (all(p.sector == "OPP" for p in ev.source) and all(p.sector == "PTY" for p in ev.target)
                     and ev.cue.lower().startswith(("attacke", "angriff")))):
        # (the opposition too, where its "Attacken"/"Angriffe" are on parties: "Die Opposition nutzte den
        # Streit für Attacken auf beide Regierungsparteien"; armed, it attacks troops or a parliament)
        ev.type, ev.mode = "ACCUSE", None


@lru_cache(maxsize=4096)
def _weapon_word(word: str) -> bool:
    from ..lexicon import load_lexicon
    return weapon_word(load_lexicon(), word)


def weapon_hit(ev: Event) -> None:
    """Weapons do not meet anyone: a CONSULT whose every source is a weapon ("Russische Raketen
    trafen Charkiw": "treffen" is hit) is an ASSAULT."""
    if ev.type == "CONSULT" and ev.source \
            and all(p.text and p.inferred is None and _weapon_word(p.text.split()[-1]) for p in ev.source):
        ev.type, ev.mode = "ASSAULT", None


def _told_in(p: Participant, ev: Event) -> bool:
    """Whether the words naming ``p`` stand in a sentence that tells ``ev``."""
    m = p.mention
    return m is not None and p.inferred is None and any(e.start <= m.start < e.end for e in ev.evidence)


#: a rejection of what the sentence before says: "weist dies zurück", "wies das zurück", "dementierte das",
#: "hat das mehrfach bestritten" (not an article: "hat das Angebot abgelehnt")
_REFERS_BACK = re.compile(r"\b(dies|dieses)\b|\bdas\s+(zurück|ab)\b|\b\w+(te|t|en)\s+das\s*[.,;]"
                          r"|\b(hat|haben|hatte|hatten|habe)\s+das\s+(?-i:[a-zäöü])", re.IGNORECASE)


def _answered_types(words: list[str], lex) -> tuple[str, ...]:
    """What a rejection answers, by the words of its sentence: an accusation (an accusation noun,
    a verb of denying: "bestreitet, die Rebellen zu unterstützen") answers an ACCUSE; a proposal
    or demand (cues.tsv class proposal_noun: "lehnte den Vorschlag ab") a REQUEST or an offer."""
    if any(accusation_noun(w, lex) or lex.is_(lemma(w), "deny") for w in words):
        return ("ACCUSE",)
    if any(lex.is_(w, "proposal_noun") for w in words):
        return ("REQUEST", "AGREE")
    return ()


def rejected_accusation(events: list[Event]) -> list[Event]:
    """A rejection of an accusation made before is aimed at who made it ("Eritrea warf Äthiopien
    vor, ... Das Außenministerium in Addis Abeba wies die Vorwürfe zurück"): a REJECT whose
    sentence names an accusation (``factuality.accusation_noun``) and whose target is named only in
    another sentence takes as its target the sources of the nearest ACCUSE against the rejecter,
    not the nearest actor of another sentence (often the accused, the rejecter's own side). In
    train + dev gold, such rejections whose target stands in another sentence link to an
    accusation this way in 4 of 5. A rejection with no target at all takes the accusers of an
    accusation told before it (an earlier ACCUSE against the rejecter: in train + dev gold 10 of
    14 such rejections are aimed at them, 4 have no target; "Athen wirft der Regierung in Wien
    vor, ... [two sentences] ... Innenministerin Mikl-Leitner wies die Vorwürfe zurück"). The same
    for a denial (a verb of denying: "Teheran bestreitet, die Rebellen zu unterstützen") and for a
    rejected proposal or demand, aimed at who made it (the nearest REQUEST or offer to the
    rejecter: "Moskau lehnte die Forderung ab"; ``_answered_types``)."""
    lex = load_cues()
    out = list(events)
    aimed: set[int] = set()
    order = sorted(range(len(out)), key=lambda i: out[i].evidence[0].start if out[i].evidence else -1)
    for i in order:
        ev = out[i]
        if ev.type != "REJECT" or not ev.evidence or not ev.source:
            continue
        words = re.findall(r"\w+", ev.evidence[0].text.lower())
        answered = _answered_types(words, lex)
        if not answered and not ev.target and any(
                a.type == "ACCUSE" and a.evidence and a.evidence[0].start == ev.evidence[0].start for a in out):
            answered = ("ACCUSE",)      # "X wirft Y vor, ..., was Y zurückweist": the accusation of its sentence
        if any(_told_in(p, ev) for p in ev.target) or not answered:
            continue
        # the accused is the rejecter: the same actor, else one of its code and sector ("Äthiopien"
        # accused, the Ethiopian foreign ministry rejects); the accusation told before, else after
        # it ("Eritrea hatte Äthiopien zuvor vorgeworfen")
        texts = {p.text for p in ev.source}
        actors = {p.actor for p in ev.source if p.actor}
        sides = {(p.code, p.sector) for p in ev.source if p.code}
        accusations = [out[j] for j in order if out[j].type in answered and out[j].evidence
                       and out[j].evidence[0].start != ev.evidence[0].start
                       and any(p.inferred is None and p.text not in texts for p in out[j].source)]

        def against_rejecter(a: Event) -> bool:
            return bool(actors & {p.actor for p in a.target} or sides & {(p.code, p.sector) for p in a.target if p.code})

        def rank(a: Event) -> tuple:
            before = a.evidence[0].start < ev.evidence[0].start
            return (not actors & {p.actor for p in a.target}, not before,
                    abs(a.evidence[0].start - ev.evidence[0].start))
        accusations = sorted((a for a in accusations if against_rejecter(a)), key=rank)
        if _REFERS_BACK.search(ev.evidence[0].text or ""):
            # "Russland weist dies zurück", "Netanjahu hat das bestritten": what the sentence before says,
            # no accusation told earlier or later (the seed: Baerbock's accusation of paragraphs before
            # took the US warning's place; a probe: the opposition's accusation of a later paragraph)
            accusations = [a for a in accusations if a.evidence[0].sentence == ev.evidence[0].sentence - 1]
        if not ev.target:
            # no target: only an accusation told before it, also earlier in its sentence ("Kiew wirft
            # Moskau vor, ..., was der Kreml bestreitet")
            accusations = [a for a in accusations if a.evidence[0].start < ev.evidence[0].start]
            first = min((p.mention.start for p in ev.source if p.mention is not None), default=None)
            accusations = [a for a in out if a.type in answered and a.evidence and first is not None
                           and a.evidence[0].start == ev.evidence[0].start
                           and any(p.inferred is None and p.mention is not None and p.mention.start < first
                                   and p.text not in texts for p in a.source)
                           and against_rejecter(a)] + accusations
        if accusations:
            acc = accusations[0]
            ev = out[i] = copy.copy(ev)
            ev.target = [copy.copy(p) for p in acc.source if p.inferred is None and p.text not in texts]
            aimed.add(i)

    # a rejection so aimed may now say what another event of its sentence says: it goes
    def key(e: Event):
        return (e.type, e.evidence[0].start if e.evidence else None, tuple(sorted(str(p.code) for p in e.source)),
                tuple(sorted(str(p.code) for p in e.target)), e.factuality)
    seen = {key(e) for i, e in enumerate(out) if i not in aimed}
    kept = []
    for i, e in enumerate(out):
        if i in aimed:
            if key(e) in seen:
                continue
            seen.add(key(e))
        kept.append(e)
    return kept


# Types whose two sides act on each other when the text names both: the annotation guide (§2)
# codes a joint agreement in both directions, two events (CONSULT: a meeting has a host; it stays
# one-way).
BOTH_WAYS = frozenset({"AGREE", "COOPERATE"})


def mutual_cue(cue: str | None, lex=None) -> bool:
    """Whether an event's cue word names a happening both sides do alike ("geeinigt", "das
    Migrationsabkommen", "Zusammenarbeit"; cues.tsv class ``mutual``), unlike a one-sided promise,
    offer or invitation ("zugesagt", "bot an", "lud ein")."""
    if not cue:
        return False
    lex = lex or load_cues()
    low = cue.lower()
    forms = {low, lemma(cue)} | {c.cue for c in lex.noun_cues(low) or ()}
    return any(lex.is_(w, "mutual") for w in forms)


def both_directions(events: list[Event], lex=None) -> list[Event]:
    """Each joint agreement or cooperation (a ``mutual_cue``) with both sides named, also told
    from the other side: the reverse event (sides swapped; cue, evidence, date, factuality and
    confidence the same) is added unless the events already tell each of its dyads. In train +
    dev gold, two-sided AGREE/COOPERATE dyads of mutual cues ("einigen", "aushandeln",
    "unterzeichnen", "Abkommen") have their reverse 54 times of 54; those of one-sided ones
    ("zusagen", "versprechen", "bereiterklären", "bieten") 0 times of 9. Copies: the input
    events are not changed."""
    def pairs(ev: Event, src: list[Participant], tgt: list[Participant]) -> set[tuple]:
        return {(ev.type, ev.factuality, s.code, t.code) for s in src for t in tgt}

    have = set().union(*(pairs(e, e.source, e.target) for e in events)) if events else set()
    out = list(events)
    for ev in events:
        if ev.type not in BOTH_WAYS or not ev.source or not ev.target or not mutual_cue(ev.cue, lex):
            continue
        if any(p.inferred or not p.code for p in ev.source + ev.target):
            continue
        back = pairs(ev, ev.target, ev.source)
        if back <= have:
            continue            # every reversed dyad is told already ("X, Y und Z einigten sich")
        have |= back
        rev = copy.copy(ev)
        rev.source, rev.target = list(ev.target), list(ev.source)
        rev.evidence = [copy.copy(x) for x in ev.evidence]
        out.append(rev)
    return out


_AGAINST = re.compile(r"\bgegen\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def named_against(p: Participant, ev: Event) -> bool:
    """Whether the participant is named by "gegen" in the event's evidence ("ein gemeinsames
    Vorgehen gegen Russland"): what the sides act against, not a side of their agreement."""
    if p.mention is None:
        return False
    for e in ev.evidence:
        if e.start <= p.mention.start <= e.start + len(e.text):
            return bool(_AGAINST.search(e.text[:p.mention.start - e.start][-60:]))
    return False


def no_partner_against(events: list[Event]) -> list[Event]:
    """An agreement or cooperation has no side that it is aimed against: "Frankreich und
    Deutschland haben sich auf ein gemeinsames Vorgehen gegen Russland geeinigt" gave AGREE
    FRA,DEU -> RUS, and told both ways, Russia agreeing (a new-user probe; in train + dev gold no
    side of an AGREE or COOPERATE is named by "gegen"). Such a side is left out; an event left
    with no target goes (the members of a list agree with each other in events of their own)."""
    out = []
    for ev in events:
        if ev.type in BOTH_WAYS and any(named_against(p, ev) for p in ev.target):
            ev = copy.copy(ev)
            ev.target = [p for p in ev.target if not named_against(p, ev)]
            if not ev.target:
                continue
        out.append(ev)
    return out


#: who stops goods without cutting relations: police, customs and courts
_LAW_SECTORS = frozenset({"COP", "JUD"})


@lru_cache(maxsize=1)
def _supply_cut_verbs() -> frozenset[str]:
    """The verbs whose SANCTION is told by a supply word in their own clause (verbs.tsv rows whose
    required words are all "cl:": "stoppte die Gaslieferungen")."""
    return frozenset(lem for lem, rows in load_cues().verbs.items()
                     if any(r.type == "SANCTION" and r.clause_bound for r in rows))


def law_stops_goods(events: list[Event]) -> list[Event]:
    """Police, customs or a court that stop a delivery or an export cut no relations ("Die Polizei stoppte
    den Export gestohlener Autos nach Polen", "Der Zoll stoppte eine Lieferung Kokain"; a review gave SANCTION
    AUT -> POL at 0.93): such a SANCTION of a verb of cutting supplies is dropped."""
    verbs = _supply_cut_verbs()
    return [ev for ev in events
            if not (ev.type == "SANCTION" and ev.cue and lemma(ev.cue) in verbs and ev.source
                    and all(p.sector in _LAW_SECTORS for p in ev.source))]


def meeting_host(events: list[Event], dateline: str | None = None) -> list[Event]:
    """A meeting of three or more states told as each meeting each other (one cue, every side a source) is
    the host's meeting with the others, as the guide codes it ("Die Außenminister Österreichs, Deutschlands,
    Ungarns und Sloweniens haben sich in Wien getroffen": CONSULT AUT -> DEU, HUN, SVN; train and dev gold:
    a G7 meeting, a summit of the willing, the Western Balkans summit). The host is the state of the meeting's
    place, else of the dateline, where it is one of them; without one the meeting stays as told. A read probe
    gave 12 dyads for a Berlin summit of four, 9 of them wrong."""
    from ..merge import codes as _codes     # (merge imports the event stage: read here, not at import time)

    groups: dict[tuple, list[int]] = {}
    for i, ev in enumerate(events):
        if ev.type == "CONSULT" and ev.cue and ev.evidence:
            groups.setdefault((ev.evidence[0].sentence, ev.cue, ev.factuality), []).append(i)
    drop: set[int] = set()
    for idx in groups.values():
        group = [events[i] for i in idx]
        sources = {c for ev in group for c in _codes(ev.source) if c}
        every = sources | {c for ev in group for c in _codes(ev.target) if c}
        if len(every) < 3 or sources != every:
            continue
        place = group[0].location.code if group[0].location is not None else None
        host = place if place in every else dateline if dateline in every else None
        if host is None:
            continue
        keep = next((i for i in idx if set(_codes(events[i].source)) == {host}), None)
        if keep is None:
            continue
        ev = events[keep]
        ev.target = [p for p in ev.target if p.code != host]
        named = {p.code for p in ev.target}
        for i in idx:
            for p in events[i].source if i != keep else ():
                if p.code not in named and p.code != host:
                    ev.target.append(p)
                    named.add(p.code)
        confs = [events[i].confidence for i in idx if events[i].confidence is not None]
        ev.confidence = max(confs) if confs else ev.confidence
        drop.update(i for i in idx if i != keep)
    return [ev for i, ev in enumerate(events) if i not in drop]


def output_policies(events: list[Event], dateline: str | None = None) -> list[Event]:
    """The policies every coder's final events go through (the pipeline's and training's one
    definition): no side an agreement is aimed against (``no_partner_against``), agreements told
    both ways (``both_directions``), a government's protest and a party's attack an accusation
    (``government_protest``, ``political_attack``), a weapon's "meeting" a hit (``weapon_hit``), no sanction of
    police stopping goods (``law_stops_goods``), a meeting of three or more its host's (``meeting_host``, with
    the ``dateline``'s country).
    Copies: the input events are not changed."""
    out = [copy.copy(e) for e in both_directions(rejected_accusation(no_partner_against(law_stops_goods(events))))]
    out = meeting_host(out, dateline)
    for ev in out:
        government_protest(ev)
        political_attack(ev)
        weapon_hit(ev)
    return out
