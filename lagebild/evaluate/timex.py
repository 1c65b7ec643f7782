"""Score time-expression recognition and normalization against TimeML gold files.

KRAUTS (``../shared/data/krauts/<sub>/{gold,heideltime,raw-text}/*.tml``) ships
gold TimeML files and, in the sibling ``heideltime/`` folders, HeidelTime's output
for the same documents. Both are scored here by the same code:

* **strict** span match: same start and end character offset;
* **relaxed** span match: the spans overlap (one-to-one, greedy by overlap);
* **value accuracy**: share of relaxed matches whose normalized TIMEX3 value is equal;
* **type accuracy**: same for the TIMEX3 type.

Offsets index the content of ``<TEXT>`` with the tags stripped. TIMEX3 elements
without text (non-consuming, e.g. the implicit anchor of "vor drei Jahren") and
the document creation time are not scored. Values are compared after unifying
equivalent spellings (see :func:`norm_value`); durations are equal when TimeML makes
them equal, the same quantity in another unit of fixed size (``PT30M`` = ``PT0.5H``,
``P1W`` = ``P7D``, but ``P1D`` is not ``PT24H``; see :func:`duration_key`).
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import DataError
from ..records import Timex


@dataclass
class TimeMLDoc:
    """One TimeML file: its text (tags stripped), creation date and TIMEX3 spans."""

    path: str
    doc_id: str
    dct: str | None
    text: str
    timexes: list[Timex] = field(default_factory=list)
    subcorpus: str = ""


def shared_dir() -> Path:
    """The ``shared/`` folder: ``$LAGEBILD_SHARED`` or ``<repo>/../shared``."""
    env = os.environ.get("LAGEBILD_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared"


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Parse one TimeML file into a :class:`TimeMLDoc` (raises DataError if malformed)."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise DataError(f"{path}: cannot read TimeML ({exc}) -- is it a KRAUTS .tml file?") from exc
    docid_el = root.find("DOCID")
    doc_id = (docid_el.text or "").strip() if docid_el is not None else path.stem
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value") if dct_el is not None else None
    text_el = root.find("TEXT")
    if text_el is None:
        raise DataError(f"{path}: no <TEXT> element -- not a TimeML document")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "TIMEX3" and pos > start:
                timexes.append(Timex(text="".join(child.itertext()), type=child.get("type") or "",
                                     value=child.get("value") or "", start=start, end=pos))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    return TimeMLDoc(path=str(path), doc_id=doc_id, dct=dct, text="".join(parts),
                     timexes=timexes)


def find_gold_files(dirs: Iterable[str | Path]) -> list[Path]:
    """Gold ``.tml`` files under each DIR: the KRAUTS root, a sub-corpus or a gold folder."""
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_file():
            files.append(d)
            continue
        if not d.is_dir():
            raise DataError(f"{d}: no such folder -- give the KRAUTS folder "
                            f"(e.g. ../shared/data/krauts) or one of its gold/ folders")
        if d.name == "gold" or (any(d.glob("*.tml")) and d.name not in ("heideltime", "raw-text")):
            files.extend(sorted(d.glob("*.tml")))
        else:
            found = sorted(p for p in d.rglob("*.tml") if p.parent.name == "gold")
            files.extend(found)
    if not files:
        raise DataError(f"no gold .tml files under {', '.join(map(str, dirs))} -- "
                        f"expected <sub-corpus>/gold/*.tml as in KRAUTS")
    return files


def subcorpus_of(path: Path) -> str:
    return path.parent.parent.name if path.parent.name == "gold" else path.parent.name


_CLOCK_DOT = re.compile(r"T(\d{1,2})\.(\d{2})")
_WEEKDAY_PAD = re.compile(r"(W(?:\d\d|XX))-0(\d)\b")
_DAYPART_DASH = re.compile(r"-T(MO|MI|AF|EV|NI|DT)\b")


def norm_value(value: str | None) -> str:
    """Comparable form of a TIMEX3 value.

    Equivalent spellings found in KRAUTS are unified for both systems alike:
    surrounding blanks, clock times ``T20.30`` -> ``T20:30``, weekdays
    ``XXXX-WXX-01`` -> ``XXXX-WXX-1``, day parts ``...-TEV`` -> ``...TEV``, and two
    typos of the gold files (``PRESNT_REF``, ``2014_07``).
    """
    v = (value or "").strip()
    v = _CLOCK_DOT.sub(lambda m: f"T{int(m.group(1)):02d}:{m.group(2)}", v)
    v = _WEEKDAY_PAD.sub(r"\1-\2", v)
    v = _DAYPART_DASH.sub(r"T\1", v)
    if v == "PRESNT_REF":
        v = "PRESENT_REF"
    if re.fullmatch(r"\d{4}_\d\d", v):
        v = v.replace("_", "-")
    return v


_NUM = r"(\d+(?:\.\d+)?)"
_DURATION = re.compile(rf"^P(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}W)?(?:{_NUM}D)?(?:T(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?$")
_DURATION_UNIT = re.compile(rf"^P{_NUM}(DE|CE|ML|Q)$")
_MONTHS_PER = {"DE": 120, "CE": 1200, "ML": 12000, "Q": 3}


def duration_key(value: str) -> tuple | None:
    """A duration as (months, days, seconds), or None when it is no fully numeric duration.

    TimeML durations are ISO 8601 values with a unit each; a quantity written with another unit
    of fixed size is the same value: within the calendar, a year is 12 months, a decade,
    century, millennium, quarter 120, 1200, 12000, 3 months; a week is 7 days; within the clock,
    an hour is 60 minutes is 3600 seconds (``PT30M`` = ``PT0.5H``, ``P1W`` = ``P7D``,
    ``P1DE`` = ``P10Y``). Days and hours, and months and days, are not converted: a day is
    not always 24 hours, a month has no fixed number of days."""
    from fractions import Fraction

    if not value or not value.startswith("P") or value in ("P", "PT"):
        return None
    m = _DURATION_UNIT.match(value)
    if m:
        return (Fraction(m.group(1)) * _MONTHS_PER[m.group(2)], Fraction(0), Fraction(0))
    m = _DURATION.match(value)
    if not m or not any(m.groups()):
        return None
    y, mo, w, d, h, mi, sec = (Fraction(g) if g else Fraction(0) for g in m.groups())
    return (y * 12 + mo, w * 7 + d, h * 3600 + mi * 60 + sec)


def same_value(gold: str | None, pred: str | None) -> bool:
    """Equal TIMEX3 values after :func:`norm_value`, durations compared by :func:`duration_key`."""
    a, b = norm_value(gold), norm_value(pred)
    if a == b:
        return True
    ka, kb = duration_key(a), duration_key(b)
    return ka is not None and ka == kb


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: "Counts") -> None:
        for k in ("gold", "pred", "strict", "relaxed", "value_ok", "type_ok"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> dict[str, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}

    def summary(self) -> dict:
        return {
            "gold": self.gold, "pred": self.pred,
            "strict": self._prf(self.strict, self.pred, self.gold),
            "relaxed": self._prf(self.relaxed, self.pred, self.gold),
            "value_acc": round(self.value_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "type_acc": round(self.type_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "counts": {"strict": self.strict, "relaxed": self.relaxed,
                       "value_ok": self.value_ok, "type_ok": self.type_ok},
        }


def score_doc(gold: list[Timex], pred: list[Timex],
              errors: list[dict] | None = None, doc_id: str = "") -> Counts:
    """Match predicted against gold spans of one document and count."""
    c = Counts(gold=len(gold), pred=len(pred))
    gold_spans = {(g.start, g.end) for g in gold}
    c.strict = sum(1 for p in {(p.start, p.end) for p in pred} if p in gold_spans)
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        c.relaxed += 1
        g, p = gold[gi], pred[pi]
        vok = same_value(g.value, p.value)
        c.value_ok += vok
        c.type_ok += g.type == p.type
        if errors is not None and (not vok or (g.start, g.end) != (p.start, p.end)):
            errors.append({"doc": doc_id, "kind": "value" if not vok else "span",
                           "gold": [g.text, g.type, g.value], "pred": [p.text, p.type, p.value]})
    if errors is not None:
        for gi, g in enumerate(gold):
            if gi not in used_g:
                errors.append({"doc": doc_id, "kind": "missed", "gold": [g.text, g.type, g.value],
                               "pred": None})
        for pi, p in enumerate(pred):
            if pi not in used_p:
                errors.append({"doc": doc_id, "kind": "spurious", "gold": None,
                               "pred": [p.text, p.type, p.value]})
    return c


Tagger = Callable[[str, str | None], list[Timex]]


def evaluate(dirs: Iterable[str | Path], tagger: Tagger | None = None,
             with_heideltime: bool = True, errors: list[dict] | None = None) -> dict:
    """Score ``tagger`` (default: lagebild's, TimeML span style) and HeidelTime's files.

    Returns ``{"systems": {name: {"overall": summary, "subcorpora": {sub: summary}}},
    "documents": n}``.
    """
    if tagger is None:
        from ..timex import find_timexes

        def tagger(text: str, dct: str | None) -> list[Timex]:
            return find_timexes(text, dct, spans="timeml")

    files = find_gold_files(dirs)
    totals: dict[str, dict[str, Counts]] = {"lagebild": {}}
    if with_heideltime:
        totals["heideltime"] = {}
    missing_ht = 0
    for f in files:
        doc = read_timeml(f)
        sub = subcorpus_of(f)
        pred = tagger(doc.text, doc.dct)
        c = score_doc(doc.timexes, pred, errors, doc_id=f"{sub}/{f.name}")
        totals["lagebild"].setdefault(sub, Counts()).add(c)
        if with_heideltime:
            ht_path = f.parent.parent / "heideltime" / f.name
            if ht_path.exists():
                ht = read_timeml(ht_path)
                if ht.text != doc.text:
                    raise DataError(f"{ht_path}: text differs from the gold file {f}")
                totals["heideltime"].setdefault(sub, Counts()).add(score_doc(doc.timexes, ht.timexes))
            else:
                missing_ht += 1
    out: dict = {"documents": len(files), "systems": {}}
    if with_heideltime and missing_ht:
        out["heideltime_missing"] = missing_ht
        if missing_ht == len(files):
            totals.pop("heideltime")
    for name, subs in totals.items():
        overall = Counts()
        for c in subs.values():
            overall.add(c)
        out["systems"][name] = {"overall": overall.summary(),
                                "subcorpora": {s: c.summary() for s, c in sorted(subs.items())}}
    return out


def format_table(result: dict) -> str:
    """A plain-text table of :func:`evaluate`'s result."""
    lines = [f"{'system':<11} {'corpus':<14} {'gold':>5} {'pred':>5} {'strict P':>8} "
             f"{'strict R':>8} {'strict F1':>9} {'relax F1':>8} {'value':>6} {'type':>6}"]
    for name, res in result["systems"].items():
        rows = list(res["subcorpora"].items()) + [("ALL", res["overall"])]
        for sub, s in rows:
            lines.append(f"{name:<11} {sub:<14} {s['gold']:>5} {s['pred']:>5} "
                         f"{s['strict']['p']:>8.3f} {s['strict']['r']:>8.3f} {s['strict']['f1']:>9.3f} "
                         f"{s['relaxed']['f1']:>8.3f} {s['value_acc']:>6.3f} {s['type_acc']:>6.3f}")
    lines.append(f"({result['documents']} documents; value and type accuracy on relaxed matches)")
    return "\n".join(lines)


def evaluate_news(path: str | Path | None = None, tagger: Tagger | None = None,
                  errors: list[dict] | None = None) -> dict:
    """Score ``tagger`` on the project's stand-off time expressions of news articles
    (``data/timex/*.jsonl``, texts joined from ``../shared``); the same counts as for KRAUTS."""
    from ..corpus import load_timex_corpus
    if tagger is None:
        from ..timex import find_timexes

        def tagger(text: str, dct: str | None) -> list[Timex]:
            return find_timexes(text, dct, spans="timeml")

    total = Counts()
    docs = load_timex_corpus(Path(path) if path else None)
    for d in docs:
        gold = [Timex(text=t["text"], type=t["type"], value=t["value"], start=t["start"], end=t["end"])
                for t in d["timexes"]]
        total.add(score_doc(gold, tagger(d["text"], d["dct"]), errors, doc_id=d["doc_id"]))
    return {"documents": len(docs), "overall": total.summary()}
