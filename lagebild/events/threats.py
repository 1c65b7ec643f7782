"""What a threat threatens: the PLOVER THREATEN mode from the words after its cue.

The mode says what is threatened (EVENTS.md: restrict, arrest, relations, expel, territory,
violence) and decides the CAMEO code and Goldstein value (``lagebild.cameo``): a threat of
violence is -7.0, one of a strike or a no-confidence motion is no such thing. The words are in
``lang/de/threat_modes.tsv`` (lower-case prefixes); a threat whose content names none of them
has no mode (CAMEO 13, Goldstein -6.0). Both coders use it (one definition).
"""
from __future__ import annotations

import functools

from ..lexicon import read_tsv

MODES = frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"})


@functools.lru_cache(maxsize=1)
def threat_words() -> tuple[tuple[str, str], ...]:
    """(prefix, mode) rows of ``threat_modes.tsv``, longest prefix first."""
    from ..lexicon import LexiconError
    rows = []
    for lineno, row in read_tsv("threat_modes.tsv"):
        if row["mode"] not in MODES or not row["prefix"] or row["prefix"] != row["prefix"].lower():
            raise LexiconError(f"threat_modes.tsv:{lineno}: prefix {row['prefix']!r} / mode {row['mode']!r} -- "
                               f"a lower-case prefix and one of {', '.join(sorted(MODES))}")
        rows.append((row["prefix"], row["mode"]))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def threat_mode(words_after: list[str]) -> str | None:
    """The mode of a threat from the words after its cue (lower-case), in their order: the first
    word that starts with a listed prefix decides; None when none does."""
    table = threat_words()
    for w in words_after:
        for prefix, mode in table:
            if w.startswith(prefix):
                return mode
    return None


def conditional_threat(clauses: list, lex) -> tuple[int, int, int, object] | None:
    """A threat told as a consequence under a condition, by the clause that closes the sentence
    ("Sollte Österreich die Grenze schließen, werde auch Slowenien Kontrollen einführen, drohte
    Cerar"; "Sollte der Bund nicht handeln, werde die Gemeinde einen Aufnahmestopp verhängen,
    kündigte Babler an"): (the index of the condition clause, of the consequence, of the closing clause,
    its verb) or
    None. The consequence is a main clause of things to come ("werde", "würde") that a condition
    governs; the closing clause's verb threatens (cues.tsv class ``threat_report``), warns of an
    actor's act (``warning_report``: the consequence names its subject, "werde Kroatien ...") or announces
    (class ``ultimatum_report``) under a condition that the other side does not act ("nicht handeln":
    an ultimatum), or says it where the consequence names a hostile one (class ``hostile_consequence``:
    "werde das Konsequenzen haben, sagte Psaki") under a condition an actor is the subject of. The
    speaker threatens the one the condition is about, asserted, with the condition
    (docs/annotation.md §10); the consequence itself stays hypothetical (§4). Both coders (the
    learned one through the rule coder's events)."""
    from .clauses import attached_condition
    from .cues import lemma
    for i, c in enumerate(clauses):
        if c.kind == "condition" or i + 1 >= len(clauses):
            continue
        cond = attached_condition(clauses, i)
        if cond is None or not any(lex.is_(w, "consequence_aux") for w in c.lowers):
            continue
        teller = clauses[i + 1] if clauses[i + 1] is not cond else (clauses[i + 2] if i + 2 < len(clauses) else None)
        if teller is None or teller.kind != "main":
            continue
        particle = teller.tokens[-1].lower if lex.is_(teller.tokens[-1].lower, "particle") else ""
        negated = any(lex.is_(w, "negation") for w in cond.lowers)
        for t in teller.tokens:
            if t.is_cap:
                continue
            lems = [lemma(t.text)] + ([particle + lemma(t.text)] if particle else [])
            if any(lex.is_(lm, "threat_report") for lm in lems) or (
                    negated and any(lex.is_(lm, "ultimatum_report") for lm in lems)) or (
                    any(lex.is_(lm, "warning_report") for lm in lems) and _names_an_actor(c)) or (
                    lex.says(t.lower, lemma(t.text)) and _names_an_actor(cond)
                    and any(lex.is_prefixed(w, "hostile_consequence") for w in c.lowers)):
                return clauses.index(cond), i, clauses.index(teller), t
    return None


def _names_an_actor(c) -> bool:
    """Whether a clause names an actor standing free (its subject, as a mention or a word the actor
    lexicon knows: "werde Kroatien Kontrollen einführen"), not only things ("werden die Gaspreise
    steigen")."""
    from .factuality import _actor_word
    return any(m.prep is None and not m.genitive_of for m in c.mentions) or any(_actor_word(t.text) for t in c.tokens)


def condition_agent(cond, own: set, mentions: list | None = None):
    """Who a condition is about: its agent, the subject, or in a passive the "von" phrase ("Sollte die
    Ukraine von Russland angegriffen werden": Russia), not of the ``own`` codes (the threatener's); None
    for no condition or none named. ``mentions``: the condition's (default: the clause's own list)."""
    from .clauses import WERDEN_PASSIVE, werden_participle
    if cond is None:
        return None
    ms_c = [m for m in (cond.mentions if mentions is None else mentions) if m.code and m.code not in own]
    passive = any(werden_participle(t) for t in cond.tokens) \
        and any(t.lower in WERDEN_PASSIVE or t.lower == "werden" for t in cond.tokens)
    agent = next((m for m in ms_c if m.prep == "von"), None) if passive else None
    return agent or next((m for m in ms_c if m.prep is None and not m.oblique), None)


def threatened_by_condition(clauses: list, clause, verb, sources: list, targets: list, lex,
                            mentions: list | None = None):
    """Who a verb of threatening (cues.tsv class ``threat_report``: "drohen", "androhen") threatens where its
    sentence names the condition of the threat after what is threatened ("Tsipras drohte, alle Beschlüsse
    zu blockieren, sollten die Partner die Umverteilung weiter verschleppen"; "Anastasiadis drohte, ... mit
    einem Veto zu blockieren, solange Ankara die Republik Zypern nicht anerkennt"): the condition's agent
    (``condition_agent``), where the verb has no target in its own clause (a dative: "drohte Russland mit
    Konsequenzen, sollte ..."), only one of its own side, or one named in what is threatened or in the
    condition. None else. ``mentions``: the sentence's, where the clauses carry none (the learned judge's);
    both coders."""
    cond = threat_condition(clauses, clause, verb, lex)
    if cond is None:
        return None
    own = {m.code for m in sources if m.code}
    agent = condition_agent(cond, own, None if mentions is None else
                            [m for m in mentions if cond.start <= m.start < cond.end])
    if agent is None:
        return None
    if any(m.code and m.code not in own and clause.start <= m.start < clause.end for m in targets):
        return None     # a target in the verb's own clause: "drohte Russland mit Konsequenzen, sollte ..."
    return agent


def threat_condition(clauses: list, clause, verb, lex):
    """The condition a verb of threatening (cues.tsv class ``threat_report``) in ``clause`` names after what
    it threatens with ("drohte, ... zu blockieren, sollten die Partner ..."): the first condition clause of
    the three after it, not across another main clause; None else."""
    from .cues import lemma
    if clause not in clauses or verb is None or not lex.is_(lemma(verb.text), "threat_report"):
        return None
    idx = clauses.index(clause)
    for other in clauses[idx + 1: idx + 4]:
        if other.kind == "condition":
            return other
        if other.kind == "main":
            return None
    return None
