"""Participants from mentions: coordination, places, the mention -> participant step."""
from __future__ import annotations



from ..actors import POSSESSIVES as THIRD_PERSON_POSSESSIVES, Mention, attribute_of
from ..records import Participant
from ..text import Token
from .clauses import Clause


#: types whose sides act on each other: "Russland und die Ukraine verhandelten" names both as each other's side
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "ACCUSE"})
#: possessive determiners: "Frankreich und seine Verbündeten" is one list of actors
#: possessive determiners: the third person's (``actors.POSSESSIVES``) and "unser"
POSSESSIVES = THIRD_PERSON_POSSESSIVES | frozenset("unser unsere".split())


def _place_code(ms: list[Mention]) -> str | None:
    """The country of the first "in X" / "im X" place among the mentions."""
    return next((m.code for m in ms if m.prep in ("in", "im") and m.kind == "country" and m.code), None)


def _participants(ms: list[Mention]) -> list[Participant]:
    return [m.participant() for m in ms]


#: words that may stand before the last member of a list ("Frankreich und 15 weitere Staaten")
LIST_QUANTIFIERS = frozenset("weitere weiteren andere anderen mehrere zahlreiche einige viele alle beide".split())


def _coordinated(first: Mention, ms: list[Mention], c: Clause) -> list[Mention]:
    """'X und Y' / 'X, Y und Z': mentions joined to first by und/commas with nothing else between."""
    out = [first]
    toks = c.tokens
    for m in ms:
        if m is first or m.i <= out[-1].i:
            continue
        # tokens between previous mention end and this mention
        between = [t for t in toks if out[-1].end <= t.start < m.start]   # list commas are not clause tokens
        words = [t.lower for t in between]
        both = "sowohl" in c.lowers and words[:2] == ["als", "auch"] \
            and all(w in ("der", "die", "das") for w in words[2:])       # "sowohl X als auch (der) Y"
        if not between and m.i == out[-1].j:
            break       # right next to it, not even a comma: "griffen russische Soldaten Charkiw an"
        joined = not between or both or any(t.lower in ("und", "sowie") for t in between)   # empty: a list comma
        if joined and (both or all(t.lower in ("und", ",", "sowie", "die", "der", "das") or t.lower in POSSESSIVES
                                   or t.lower in LIST_QUANTIFIERS or t.text.isdigit() for t in between)) \
                and (m.prep is None or m.prep == first.prep):
            out.append(m)
        else:
            break
    return out


def _partner(c: Clause, ms: list[Mention], side: list[Participant]) -> list[Mention]:
    """The other side of a two-sided happening of ``side``: a "mit X" actor of clause ``c``
    whose code is not on that side, with the actors coordinated with it ("einigten sich mit
    Tunesien und Libyen"), or [] when the clause names none."""
    codes = {p.code for p in side}
    rest = [m for m in ms if m.code not in codes and c.start <= m.start and m.end <= c.end]
    first = next((m for m in rest if m.prep == "mit" and m.code and not m.pronoun), None)
    return _coordinated(first, rest, c) if first is not None else []


def attributes_of(side: list[Mention], ms: list[Mention]) -> list[Mention]:
    """The genitive attributes of the mentions of ``side``, and theirs in turn ("der Sprecher der
    Regierung Polens": "Regierung", "Polens"): they tell whose the side is, never the other side."""
    out: list[Mention] = []
    heads = list(side)
    for m in sorted(ms, key=lambda x: (x.sent, x.i)):
        if m not in side and any(attribute_of(m, h) for h in heads):
            out.append(m)
            heads.append(m)
    return out


def listed_attributes(side: list[Mention], ms: list[Mention], c: Clause) -> list[Mention]:
    """The actors coordinated with a genitive attribute of ``side`` in clause ``c``: "die
    Außenminister Frankreichs, Deutschlands und Polens" are three ministers, so Germany and
    Poland are of the side (``attributes_of`` gives the office its code from "Frankreichs") and
    never its other side."""
    own = attributes_of(side, ms)
    rest = [m for m in ms if m not in side and c.start <= m.start and m.end <= c.end]
    out: list[Mention] = []
    for a in own:
        for x in _coordinated(a, rest, c)[1:]:
            if x not in own and x not in out:
                out.append(x)
    return out


def coordinated_group(m: Mention, ms: list[Mention], c: Clause) -> list[Mention]:
    """The list of actors ("X, Y und Z", "sowohl X als auch Y") that mention ``m`` stands in
    within clause ``c`` (``m`` included), as ``_coordinated`` joins them for the rule coder."""
    inside = sorted((x for x in ms if c.start <= x.start and x.end <= c.end), key=lambda x: x.i)
    k = 0
    while k < len(inside):
        group = _coordinated(inside[k], inside[k:], c)
        if m in group:
            return group
        k += max(1, len([x for x in group if x in inside[k:]]))
    return [m]

def attacked_place(mentions: list[Mention], own_codes: set, cue: Token) -> list[Mention]:
    """The target of an attack that names none: what is attacked lies in the place named after
    the cue ("Die Türkei griff Ziele in Nordsyrien an", "Bei einem russischen Luftangriff wurden
    in Charkiw drei Zivilisten getötet"), a country or city of another code than the attacker's;
    [] where there is none. Only after the cue: "Die in Belarus stationierten Truppen griffen an"
    names where the attackers are, not what they attack."""
    return [m for m in mentions if m.prep in ("in", "im") and m.kind == "country" and m.code
            and m.code not in own_codes and m.start > cue.start][:1]
