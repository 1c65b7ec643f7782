"""Reach: which mentions of a sentence may be the sides of a cue. A cue takes its participants
from its own clause and the clauses it governs; a relative clause acts through its antecedent
("Kaczyński trifft Orbán, der Warschau Unterstützung zugesagt hat": Orbán promises, Kaczyński is
no side); two main clauses side by side keep their own sides ("Polen kritisierte Russland, die
Ukraine verurteilte Belarus"); what an allegation alleges is none ("beschuldigte ihn, Geld von
den USA angenommen zu haben"); the agent of an attribute participle ("die von Riad angeführte
Koalition") belongs to that participle. Both coders read sides by these rules."""
from __future__ import annotations

from ..actors import Mention
from ..text import Token
from .clauses import (ADJ_ENDINGS, WERDEN_PASSIVE, Clause, opens_with_verb, _passive_clause, article_main_clause, clause_at, cue_verb_types,
                      relative_clause, werden_participle)
from .cues import Lexicon, lemma
from .tense import perfect_infinitive


#: prepositions of a place: a mention after one says where, not who ("in Kiew", "nach Moskau")
PLACE_PREPS = frozenset("in im ins nach aus bei zur zum".split())


#: articles, also joined to a preposition: a country with one is no bare (neuter) name ("die Ukraine", "im Iran")
_NAME_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines zur zum im am vom beim ins".split())


def _tokens_by_index(clauses: list[Clause], sent: int) -> dict[int, Token]:
    """The tokens of sentence ``sent`` by their index, from its clauses."""
    return {t.i: t for c in clauses if c.sent == sent for t in c.tokens}


def _bare_place(clauses: list[Clause], m: Mention) -> bool:
    """Whether mention ``m`` is a country or city named by one word with no article or adjective
    before it ("Russland", "Kiew"): a neuter noun."""
    if m.kind not in ("country", "city") or m.j - m.i != 1:
        return False
    toks = _tokens_by_index(clauses, m.sent)
    prev, prev2 = toks.get(m.i - 1), toks.get(m.i - 2)
    return prev is None or not (prev.lower in _NAME_ARTICLES or prev.text[:1].islower()
                                and prev.lower.endswith(ADJ_ENDINGS)
                                and prev2 is not None and prev2.lower in _NAME_ARTICLES)


def _joined(clauses: list[Clause], m: Mention) -> bool:
    """Whether mention ``m`` is the last of names joined by "und", "sowie" or "oder" ("Frankreich
    und Deutschland"): a plural that any plural relative pronoun may take up."""
    toks = _tokens_by_index(clauses, m.sent)
    prev = toks.get(m.i - 1)
    return prev is not None and prev.lower in ("und", "sowie", "oder")


def antecedent(clauses: list[Clause], ci: int, ms: list[Mention], lex: Lexicon) -> Mention | None:
    """The actor mention relative clause ``clauses[ci]`` hangs on: the last mention before it
    (a place after it may stand between: "der israelische Botschafter in Genf, der ..."), with
    nothing but punctuation and the words closing the verb bracket between it and the clause, and a
    pronoun that agrees with it where its gender is known (a named man or woman; a country or city
    named without an article is neuter: cues.tsv classes ``relative_not_*``); else None (the
    antecedent is no actor: "Sanktionen, die Russland ...")."""
    c = clauses[ci]
    here = [m for m in ms if m.sent == c.sent]
    before = [m for m in here if m.end <= c.start and m.prep not in PLACE_PREPS]
    if not before:
        return None
    m = before[-1]
    places = [p for p in here if m.end <= p.start and p.end <= c.start]
    end = places[-1].end if places else m.end
    if m.kind == "person" and m.name and m.gender in ("m", "f") \
            and lex.is_(c.starts_with, "relative_not_masculine" if m.gender == "m" else "relative_not_feminine"):
        return None     # "legte ein Budget mit Nagl vor, das ...": the pronoun is not Nagl's
    if _bare_place(clauses, m) and lex.is_(c.starts_with, "relative_not_neuter") and not _joined(clauses, m):
        return None     # "Polen kritisierte Russland scharf, die ...": Russland takes "das" (but
        #                 "Frankreich und Deutschland, die ...": a plural)
    gap = [t for cl in clauses[:ci] for t in cl.tokens if end <= t.start < c.start]
    # (what closes the verb bracket may stand between: "Kiew macht die Separatisten
    # verantwortlich, die ...", "von Nigel Farage verhöhnt, der ...")
    words = [t for t in gap if any(ch.isalnum() for ch in t.text)]
    # (not a verb of saying: "Ein Sprecher der Rebellen sagte, die Koalition habe ...": what he says)
    closing = len(words) <= 3 and all(t.text.isalpha() and t.text[:1].islower()
                                      and not lex.is_(lemma(t.text), "speech") for t in words)
    return m if closing else None


def _other_subject(c: Clause, ms: list[Mention]) -> bool:
    """Whether relative clause ``c`` names an actor that may be its subject: one with no
    preposition and no oblique article, not after "der"/"des" ("der der Nato vorwarf": the Nato's
    dative), save a person ("der der Kanzler gedroht hatte")."""
    before = {t.i + 1: t.lower for t in c.tokens}
    return any(c.start <= m.start <= c.end and m.sent == c.sent and m.prep is None and not m.oblique
               and not m.genitive_of and m.i != c.tokens[0].i
               and (before.get(m.i) not in ("der", "des") or m.kind == "person") for m in ms)


def antecedent_role(c: Clause, ante: Mention | None, lex: Lexicon, ms: list[Mention] = ()) -> str | None:
    """What the antecedent of relative clause ``c`` (None: no actor, the pronoun alone tells) is to
    the clause's verb (cues.tsv classes ``relative_subject``, ``relative_object``): "source" where
    the pronoun is its subject ("Orbán, der Warschau Unterstützung zugesagt hat": Orbán promises),
    "target" where it is an object ("Selenskyj, den Putin kritisiert hatte"; "der" after a woman is
    her dative), a subject pronoun the other way round in a werden-passive ("Selenskyj, der von
    Putin kritisiert wurde"); None for another pronoun ("dessen", "deren") and for "der" after a
    person of unknown gender (class ``relative_feminine_dative``) where the clause's mentions ``ms``
    name another possible subject (``_other_subject``). The one role both coders read."""
    w = c.starts_with
    if ante is not None and ante.kind == "person" and lex.is_(w, "relative_feminine_dative") \
            and ante.gender not in ("m", "f") and _other_subject(c, ms):
        # "Annalena Baerbock, der Putin mit Sanktionen gedroht hatte": a man's nominative or a
        # woman's dative; a person of unknown gender (the tagger gives none yet) leaves it open
        return None
    if lex.is_(w, "relative_object") or (lex.is_(w, "relative_feminine_dative") and ante is not None
                                         and ante.kind == "person" and ante.gender == "f"):
        role = "target"
    elif lex.is_(w, "relative_subject"):
        role = "source"
    else:
        return None
    words = [t for t in c.tokens if t.text.isalpha()]
    # a subordinate clause puts the werden-form last: "..., der von Putin kritisiert wurde"; only a
    # subject pronoun turns round ("Litauen, dem von Russland Sabotage vorgeworfen wird": the
    # dative stays acted on)
    if role == "source" and (_passive_clause(c) or (
            len(words) >= 2 and words[-1].lower in WERDEN_PASSIVE
            and (werden_participle(words[-2]) or words[-2].lower.endswith("iert")))):
        role = "target"
    return role


def embedded_elsewhere(clauses: list[Clause], ci: int, m: Mention, lex: Lexicon) -> bool:
    """Whether mention ``m`` of the sentence stands in a relative clause other than the cue's
    clause ``clauses[ci]``: what it names acts in that clause ("Kiew macht die Separatisten
    verantwortlich, die der Armee vorwerfen, ...": the army is no target of Kiew's accusation),
    not as a participant of the cue outside it. (A mention of an infinitive clause stays within
    reach but for what an allegation alleges, ``claimed_content``: leaving every infinitive's
    mentions out cost 0.008 F1 on dev in session 19, as "drohte, X anzugreifen" names its target
    there.)"""
    mi = clause_at(clauses, m.start)
    if mi is None or mi == ci:
        return False
    return relative_clause(clauses[mi], lex)


def out_of_reach(clauses: list[Clause], ci: int, m: Mention, ms: list[Mention], lex: Lexicon) -> bool:
    """The one clause policy of both coders: whether mention ``m`` (of the cue's sentence) may not
    be a participant of a cue in ``clauses[ci]``. A cue takes its participants from its own clause
    and the clauses it governs; a relative clause's cue from its own clause and its antecedent
    ("Kaczyński trifft Orbán, der Warschau Unterstützung zugesagt hat": not Kaczyński), or the
    clause before where the antecedent is no actor; no cue
    takes a mention inside a relative clause that is not its own (``embedded_elsewhere``)."""
    if ci is None or m.sent != clauses[ci].sent:
        return False
    if relative_clause(clauses[ci], lex):
        mi = clause_at(clauses, m.start)
        if mi == ci:
            return False
        ante = antecedent(clauses, ci, ms, lex)
        # no actor it hangs on (a thing, or a whole clause: "Die Russen haben geantwortet, was wir
        # akzeptiert haben"): the clause before may name its sides
        return m is not ante if ante is not None else mi != ci - 1
    return embedded_elsewhere(clauses, ci, m, lex) or other_main_clause(clauses, ci, m, ms, lex) \
        or claimed_content(clauses, ci, m, ms, lex)


def claimed_content(clauses: list[Clause], ci: int, m: Mention, ms: list[Mention], lex: Lexicon) -> bool:
    """Whether mention ``m`` stands in an infinitive clause that says what the cue's clause
    ``clauses[ci]`` alleges (an ACCUSE verb cue: "Die Regierung in Caracas beschuldigte ihn, Geld von
    den USA angenommen zu haben") or denies having done (a REJECT verb cue and an infinitive of the
    past: "bestritt, Soldaten nach Belarus verlegt zu haben"), the clause naming no actor it acts on
    (``ms``: no coded mention but its subject and places): the content of the claim, not its target.
    An infinitive after a verb of threatening, demanding or planning names the act and may name its
    target ("drohte, Südkorea anzugreifen"). (Where the clause names whom it accuses, "warf dem Weißen
    Haus vor, Geheimvereinbarungen zwischen dem Iran und der IAEO verschwiegen zu haben", that one
    is the likeliest target; leaving the Iran out there too let a worse candidate tell the dyad
    ACCUSE USA -> IRN in a dev article: 0.511 -> 0.503 F1.)"""
    mi = clause_at(clauses, m.start)
    if mi is None or mi <= ci or clauses[ci].kind == "infinitive" \
            or any(clauses[j].kind != "infinitive" for j in range(ci + 1, mi + 1)):
        return False
    types = cue_verb_types(clauses[ci], lex)
    if not ("ACCUSE" in types or ("REJECT" in types and perfect_infinitive(clauses[mi]))):
        return False
    c = clauses[ci]
    named = sorted((x for x in ms if x.sent == c.sent and c.start <= x.start < c.end and x.code
                    and x.prep not in PLACE_PREPS), key=lambda x: x.start)
    nominal = [x for x in named if x.free]
    return all(x is nominal[0] for x in named) if nominal else not named


def other_main_clause(clauses: list[Clause], ci: int, m: Mention, ms: list[Mention], lex: Lexicon) -> bool:
    """Whether mention ``m`` stands in another main clause than the cue's, the later of the two
    opening with a subject of its own and its finite verb ("Polen kritisierte Russland scharf, die
    Ukraine verurteilte Belarus": Russland is no side of "verurteilte", the Ukraine none of
    "kritisierte"), also after ", und", ", aber" ("Moskau kritisierte die Sanktionen der EU scharf,
    und die Regierung in Kiew wies die Vorwürfe zurück": Kiew is no target of "kritisierte"): two
    acts told side by side, each with its own sides."""
    mi = clause_at(clauses, m.start)
    if mi is None or mi == ci or clauses[ci].kind != "main" or clauses[mi].kind != "main":
        return False
    later, earlier = clauses[max(ci, mi)], clauses[min(ci, mi)]
    shares = abs(ci - mi) == 1 and opens_with_verb(later)
    if shares and later.tokens[0].lower in WERDEN_PASSIVE and mi > ci:
        return True     # "Merkel kritisierte Erdogan und wurde dafür von der AfD gelobt": the AfD praises
    if shares and later.tokens[0].lower not in WERDEN_PASSIVE and not m.pronoun:
        # "Merkel lobte Macron und kritisierte Trump", "Hollande sagte Belgien Hilfe zu und forderte die
        # EU-Staaten auf": the later clause shares the earlier one's subject; what each names after its
        # verb is its own -- where the cue's clause names an object of its own ("Trump kritisierte China
        # und verhängte Strafzölle" sanctions China; "... und warnte ihn": a pronoun reaches back; a
        # review)
        subject = min((x for x in ms if x.sent == earlier.sent and earlier.start <= x.start < earlier.end
                       and x.free), key=lambda x: x.start, default=None)
        verb = next((t for t in earlier.tokens[1:] if t.text[:1].islower() and t.text.isalpha()), None)
        if subject is not None and verb is not None and subject.start > verb.start and any(
                t.is_cap for t in earlier.tokens if verb.end <= t.start < subject.start):
            subject = None      # "In Berlin lobte die Kanzlerin Frankreich": the object, after the subject
        own = clauses[ci]
        objects = [x for x in ms if x.sent == own.sent and own.start <= x.start < own.end and x.code
                   and not x.pronoun and x is not subject]
        if objects:
            return m is not subject
        if mi < ci and m is not subject and m.genitive_of:
            return True     # reaching back, the earlier clause's subject or objects, never a genitive ("ist
            #                 einer der Verbündeten der syrischen Regierung und unterstützt ... mit
            #                 Luftangriffen": no attack by Syria; a review)
    if not article_main_clause(later.tokens, lex):
        return False
    if mi > ci:
        return True         # the later clause's actors are no sides of the earlier one's cue
    # a cue of the later clause may take the earlier sides unless it names its own (its subject and
    # another actor): "die Bundesregierung verurteilte den Angriff" refers back to the earlier act
    own = [x for x in ms if x.sent == later.sent and later.start <= x.start < later.end and x.code]
    return len(own) >= 2


def subject_after_verb(c: Clause, verb: Token, ms: list[Mention]) -> Mention | None:
    """The subject of main clause ``c`` where it stands after the verb ``verb``, nothing before the
    verb being one (V2 inversion: "Am Montag kritisierte die EU Russland scharf": the EU): the first
    mention of the clause with no preposition, no oblique article and no genitive, when it follows
    the verb; else None (the subject stands before the verb, or none is named)."""
    if c.kind != "main":
        return None
    nominal = [m for m in ms if m.sent == c.sent and c.start <= m.start < c.end and m.free]
    first = min(nominal, key=lambda m: m.start, default=None)
    return first if first is not None and first.start > verb.start else None


_ATTRIBUTE_DETS = frozenset("der die das den dem des ein eine einen einem einer eines".split())


def attribute_participle(toks: list[Token], m: Mention) -> int | None:
    """The participle of the attribute whose agent the mention is ("die von Riad angeführte
    Militärkoalition", "die von der Terrormiliz IS gehaltene Stadt"): its token index, else None.
    Such an agent is the participle's participant, not one of a verb of the clause: the noun after
    the participle is."""
    if m.i < 2:
        return None
    # back to "von", forward to the participle: over articles and the agents coordinated with this
    # one ("der von den USA und Russland ausgehandelten Waffenruhe": both agents are the participle's)
    v = m.i - 1
    while v >= 1 and m.i - v <= 8 and toks[v].lower != "von" and _in_agent_list(toks[v]):
        v -= 1
    if v < 1 or toks[v].lower != "von" or toks[v - 1].lower not in _ATTRIBUTE_DETS:
        return None
    part = m.j
    while part < len(toks) and part - m.j <= 8 and _in_agent_list(toks[part]):
        part += 1
    if part + 1 >= len(toks) or toks[part].is_cap or not toks[part].lower.endswith(ADJ_ENDINGS) \
            or not toks[part + 1].is_cap:
        return None
    return part


def _in_agent_list(t: Token) -> bool:
    """A word of a list of agents: an article, "und"/"sowie", a comma or a capitalized word."""
    return t.lower in _ATTRIBUTE_DETS or t.lower in ("und", "sowie", ",") or t.is_cap


def passive_agent_as_target(c: Clause, cue_tok: Token, source: Mention, target: Mention) -> bool:
    """Whether a dyad reads a werden-passive backwards: the verb closing the passive clause
    ("Die Ukraine wurde am Montag von Russland angegriffen") with its "von"/"durch" agent as the
    target and its subject as the source. Both coders read the agent as the source."""
    if cue_tok.is_cap or not _passive_clause(c) or cue_tok not in c.tokens:
        return False
    return target.prep in ("von", "durch") and source.prep is None and not source.oblique \
        and c.start <= target.start < c.end and c.start <= source.start < c.end


def content_first_demand(clauses: list[Clause], ci: int, verb: Token, ms: list[Mention],
                         lex: Lexicon) -> tuple[Mention, Mention] | None:
    """(who demands, of whom) for a verb of demanding that opens the main clause after what is
    demanded ("Russland solle sich an der Vermittlung beteiligen, forderte Präsident Poroschenko":
    Poroschenko demands of Russia), else None: the subject after the verb speaks, the subject of
    the clause before, told in Konjunktiv I or II ("solle", "müsse", "müssten": cues.tsv classes
    ``konjunktiv``, ``konjunktiv2``), is asked, or the "von X" of the demanding clause; None for
    who is asked where that would be the speaker's own side. Both coders read the sides so."""
    if ci is None or ci < 1 or clauses[ci].kind != "main" or not clauses[ci].tokens \
            or clauses[ci].tokens[0] is not verb:
        return None
    c, before = clauses[ci], clauses[ci - 1]
    if before.sent != c.sent or before.kind not in ("main", "sub") \
            or not any(lex.is_(t.lower, "konjunktiv") or lex.is_(t.lower, "konjunktiv2") for t in before.tokens):
        return None
    if before.kind == "sub" and not lex.is_(before.starts_with or "", "content_subordinator") \
            and before.starts_with not in ("dass", "daß"):
        return None
    speaker = next((m for m in ms if m.sent == c.sent and c.start <= m.start < c.end and m.free and m.code), None)
    # "forderte Selenskyj von den USA": the one the demand is made of, where the demanding clause names one
    asked = next((m for m in ms if m.sent == c.sent and c.start <= m.start < c.end and m.prep in ("von", "vom")
                  and m.code and not m.pronoun), None) \
        or next((m for m in ms if m.sent == c.sent and before.start <= m.start < before.end and m.free
                 and m.code and not m.pronoun), None)
    if speaker is None:
        return None
    if asked is not None and asked.code == speaker.code:
        # "Die Ukraine müsse mehr Waffen bekommen, forderte Selenskyj": the speaker's own side is
        # who gains, not who is asked: no one named is asked (a review)
        asked = None
    return speaker, asked
