"""Event scoring against gold files, as EVENTS.md section 4 defines it.

Per document, events become dyad tuples (type, source code, target code), one per
source x target pair ("-" for an empty side). Gold may list alternatives
("REQUEST|AGREE", "UKR|-") and optional events; planned CONSULT/SUPPORT/COOPERATE/AID
may also be predicted as AGREE. Reported: micro P/R/F1, factuality accuracy on
matched tuples, false facts (asserted predictions of hypothetical/negated gold),
per-type precision and recall, and the lists of misses and extras. Gold quotes
(``text_start`` plus ``speaker``/``code``) are matched to predicted quotes by their
opening words; a speaker is right when the code agrees and the speaker's name (its
last word) or role appears in the predicted speaker.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..wording import count

FOLDED_INTO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})


def _side_options(side) -> list[frozenset[str]]:
    opts = [frozenset(((p or {}).get("code") or "-").split("|")) for p in (side or [])]
    return opts or [frozenset({"-"})]


@dataclass(frozen=True)
class Slot:
    """A gold dyad: accepted types x accepted source codes x accepted target codes."""

    types: frozenset[str]
    sources: frozenset[str]
    targets: frozenset[str]

    def accepts(self, t: tuple[str, str, str]) -> bool:
        return t[0] in self.types and t[1] in self.sources and t[2] in self.targets

    def covers(self, other: "Slot") -> bool:
        return self.types == other.types and other.sources <= self.sources and other.targets <= self.targets

    def label(self) -> tuple[str, str, str]:
        return ("/".join(sorted(self.types)) if len(self.types) > 1 else next(iter(self.types)),
                "|".join(sorted(self.sources)), "|".join(sorted(self.targets)))


def gold_slots(events: list[dict]) -> dict[Slot, dict]:
    found: dict[Slot, dict] = {}
    for ev in events:
        types = set((ev.get("type") or "").split("|"))
        if ev.get("factuality") == "planned" and types & FOLDED_INTO_AGREE:
            types.add("AGREE")
        for s in _side_options(ev.get("source")):
            for t in _side_options(ev.get("target")):
                found.setdefault(Slot(frozenset(types), s, t), ev)
    # a slot that accepts everything a narrower one accepts is dropped in favour of the narrower
    return {sl: ev for sl, ev in found.items()
            if not any(o != sl and o.types == sl.types and sl.covers(o) for o in found)}


def predicted_tuples(events: list[dict]) -> dict[tuple[str, str, str], dict]:
    out: dict[tuple[str, str, str], dict] = {}
    for ev in events:
        typ = (ev.get("type") or "").split("|")[0]
        for s in _side_options(ev.get("source")):
            for t in _side_options(ev.get("target")):
                out.setdefault((typ, min(s), min(t)), ev)
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class EventScore:
    total: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    fact_ok: int = 0
    fact_n: int = 0
    false_facts: int = 0
    misses: list[tuple[str, tuple]] = field(default_factory=list)
    extras: list[tuple[str, tuple]] = field(default_factory=list)
    false_fact_list: list[tuple[str, tuple]] = field(default_factory=list)
    quotes_n: int = 0
    quotes_found: int = 0
    quotes_right: int = 0
    quote_misses: list[tuple[str, str, str]] = field(default_factory=list)   # (doc, gold speaker, what was found)
    # calibration: predicted events with a confidence, per band (0.0, 0.1, ... 0.9) -> [events, right];
    # an event is right when one of its dyads fits a gold dyad (required or optional)
    bands: dict[float, list[int]] = field(default_factory=dict)

    def calibration(self, at: float = 0.8) -> dict:
        n = sum(v[0] for b, v in self.bands.items() if b >= at - 1e-9)
        right = sum(v[1] for b, v in self.bands.items() if b >= at - 1e-9)
        return {"bands": {f"{b:.1f}": {"events": v[0], "right": v[1]} for b, v in sorted(self.bands.items())},
                f"at_{at}": {"events": n, "right": right}}

    def as_dict(self) -> dict:
        p, r, f = self.total.prf()
        return {
            "tp": self.total.tp, "fp": self.total.fp, "fn": self.total.fn,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "factuality_accuracy": round(self.fact_ok / self.fact_n, 3) if self.fact_n else None,
            "false_facts": self.false_facts,
            "per_type": {t: dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in c.prf())),
                                 tp=c.tp, fp=c.fp, fn=c.fn) for t, c in sorted(self.per_type.items())},
            "misses": [[d, list(k)] for d, k in self.misses],
            "extras": [[d, list(k)] for d, k in self.extras],
            "false_fact_list": [[d, list(k)] for d, k in self.false_fact_list],
            "quotes": {"gold": self.quotes_n, "found": self.quotes_found, "speaker_right": self.quotes_right,
                       "misses": [list(m) for m in self.quote_misses]},
            "calibration": self.calibration(),
        }


def fits_gold(pev: dict, slots) -> bool:
    """A predicted event is right when one of its dyads fits a gold dyad of ``slots``."""
    return any(sl.accepts(k) for k in predicted_tuples([pev]) for sl in slots)


def score_document(gold: dict, pred: dict, result: EventScore) -> None:
    doc = gold.get("doc_id") or pred.get("doc_id") or "?"
    required = gold_slots([e for e in gold.get("events", []) if not e.get("optional")])
    optional = gold_slots([e for e in gold.get("events", []) if e.get("optional")])
    filled: set[Slot] = set()
    for key, pev in predicted_tuples(pred.get("events") or []).items():
        req = [sl for sl in required if sl.accepts(key)]
        opt = [sl for sl in optional if sl.accepts(key)]
        if not req and not opt:
            result.total.fp += 1
            result.per_type[key[0]].fp += 1
            result.extras.append((doc, key))
            continue
        gev = required[req[0]] if req else optional[opt[0]]
        if pev.get("factuality") == "asserted" and gev.get("factuality") in ("hypothetical", "negated"):
            result.false_facts += 1
            result.false_fact_list.append((doc, key))
        for sl in sorted(req, key=lambda s: len(s.types)):  # its own type before an AGREE alias
            if sl in filled:
                continue
            filled.add(sl)
            result.total.tp += 1
            result.per_type[key[0]].tp += 1
            result.fact_n += 1
            result.fact_ok += pev.get("factuality") == required[sl].get("factuality")
            break
    every = gold_slots(gold.get("events", []))
    for pev in pred.get("events") or []:
        if pev.get("confidence") is None:
            continue
        band = min(int(float(pev["confidence"]) * 10), 9) / 10
        right = fits_gold(pev, every)
        counts = result.bands.setdefault(band, [0, 0])
        counts[0] += 1
        counts[1] += right
    for sl in required:
        if sl not in filled:
            result.total.fn += 1
            label = sl.label()
            # a slot that also accepts AGREE (planned CONSULT, "REQUEST|AGREE") counts for its own type
            own = sorted(sl.types - {"AGREE"}) or ["AGREE"]
            result.per_type[own[0]].fn += 1
            result.misses.append((doc, label))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[„“”\"«»‚‘’']", "", text or "")).strip().lower()


def score_quotes(gold: dict, pred: dict, result: EventScore) -> None:
    """Gold quotes found by their opening words, and whether their speaker is right."""
    doc = gold.get("doc_id") or pred.get("doc_id") or "?"
    quotes = [(_norm(q.get("text", "")), q.get("speaker") or {}) for q in pred.get("quotes") or []]
    for gq in gold.get("quotes") or []:
        start = _norm(gq.get("text_start", ""))[:40]
        if not start:
            continue
        result.quotes_n += 1
        hit = next((sp for text, sp in quotes if start in text or (len(text) >= 15 and text in start)), None)
        if hit is None:
            result.quote_misses.append((doc, gq.get("speaker") or "?", "quote not found"))
            continue
        result.quotes_found += 1
        codes = set((gq.get("code") or "-").split("|"))
        name = (gq.get("speaker") or "").split()[-1:] or [""]
        said = f"{hit.get('text') or ''} {hit.get('name') or ''}"
        if (hit.get("code") or "-") in codes and name[0].lower() in said.lower():
            result.quotes_right += 1
        else:
            result.quote_misses.append((doc, f"{gq.get('speaker')} ({gq.get('code')})",
                                        f"{hit.get('text')} ({hit.get('code')})"))


def score_pairs(pairs: list[tuple[dict, dict]]) -> EventScore:
    result = EventScore()
    for gold, pred in pairs:
        score_document(gold, pred, result)
        score_quotes(gold, pred, result)
    return result


def load_gold(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def gold_files(paths: list[Path]) -> list[Path]:
    """Gold JSON files in the given files/folders (a gold file has 'events' and 'text')."""
    out = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.glob("*.json"))
        else:
            out.append(p)
    return out


def format_report(score: EventScore, *, details: bool = True) -> str:
    d = score.as_dict()
    lines = []
    if details:
        for doc, key in score.misses:
            lines.append(f"miss  {doc}: {key}")
        for doc, key in score.extras:
            lines.append(f"extra {doc}: {key}")
        for doc, key in score.false_fact_list:
            lines.append(f"FALSE FACT {doc}: {key}")
        for doc, want, got in score.quote_misses:
            lines.append(f"quote {doc}: speaker {want}, found {got}")
        lines.append("")
        lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for t, c in d["per_type"].items():
            lines.append(f"{t:<10} {c['precision']:>6} {c['recall']:>6} {c['f1']:>6} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4}")
        lines.append("")
    lines.append(f"events: P={d['precision']} R={d['recall']} F1={d['f1']} "
                 f"factuality={d['factuality_accuracy']} false_facts={d['false_facts']} "
                 f"(tp={d['tp']} fp={d['fp']} fn={d['fn']})")
    if score.bands:
        high = score.calibration()["at_0.8"]
        lines.append(f"confidence: of the {count(high['events'], 'event')} at >= 0.8, {high['right']} are right "
                     f"(a dyad fits the gold); per band in --json")
    if score.quotes_n:
        lines.append(f"quotes: speaker right {score.quotes_right} of {score.quotes_n} gold quotes "
                     f"({score.quotes_found} found)")
    return "\n".join(lines)
