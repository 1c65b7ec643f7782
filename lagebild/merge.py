"""Document-level merging: one event record per distinct happening, every mention in evidence."""
from __future__ import annotations

from .records import Event

# when mentions of one happening disagree, a hypothetical or negated reading wins (an event
# once said not to be certain is not turned into a fact), and a report that it happened
# wins over a plan
_CAUTION = {"hypothetical": 3, "negated": 2, "asserted": 1, "planned": 0}


def _codes(side) -> tuple[str, ...]:
    return tuple(sorted({p.code or "-" for p in side})) or ("-",)


def merge_key(ev: Event) -> tuple:
    return (ev.type, _codes(ev.source), _codes(ev.target))


def merge_events(events: list[Event]) -> list[Event]:
    """Merge events of the same type and dyad (source codes, target codes) in one document."""
    out: dict[tuple, Event] = {}
    for ev in events:
        key = merge_key(ev)
        kept = out.get(key)
        if kept is None:
            out[key] = ev
            continue
        for e in ev.evidence:
            if all((x.sentence, x.start) != (e.sentence, e.start) for x in kept.evidence):
                kept.evidence.append(e)
        if _CAUTION[ev.factuality] > _CAUTION[kept.factuality]:
            kept.factuality = ev.factuality
        kept.condition = kept.condition or ev.condition
        kept.reported_by = kept.reported_by or ev.reported_by
        kept.magnitude = kept.magnitude or ev.magnitude
        kept.location = kept.location or ev.location
        if kept.date is None or (kept.date.from_dct and ev.date is not None and not ev.date.from_dct):
            kept.date = ev.date
        kept.mode = kept.mode or ev.mode
        known = {(p.code, p.text) for p in kept.source}
        kept.source += [p for p in ev.source if (p.code, p.text) not in known and p.text]
        known = {(p.code, p.text) for p in kept.target}
        kept.target += [p for p in ev.target if (p.code, p.text) not in known and p.text]
    return list(out.values())
