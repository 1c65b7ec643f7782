"""Participants from mentions: coordination, places, the mention -> participant step."""
from __future__ import annotations



from ..actors import Mention
from ..records import Participant
from .clauses import Clause, POSSESSIVES


def _place_code(ms: list[Mention]) -> str | None:
    """The country of the first "in X" / "im X" place among the mentions."""
    return next((m.code for m in ms if m.prep in ("in", "im") and m.kind == "country" and m.code), None)


def _participants(ms: list[Mention]) -> list[Participant]:
    return [m.participant() for m in ms]


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
        joined = not between or both or any(t.lower in ("und", "sowie") for t in between)   # empty: a list comma
        if joined and (both or all(t.lower in ("und", ",", "sowie", "die", "der", "das") or t.lower in POSSESSIVES
                                   for t in between)) and (m.prep is None or m.prep == first.prep):
            out.append(m)
        else:
            break
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

