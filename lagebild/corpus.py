"""The annotated event corpus: stand-off annotations joined with their texts.

The corpus lives in ``data/events/`` of the repository as JSON Lines, one article a
line: its id, source dataset, a SHA-1 of its text, its split and its events. Every
event keeps the character span and surface of its cue, of its condition and of each
participant, so the annotations carry no article text (10kGNAD is CC BY-NC-SA 4.0 and
stays in ``../shared``). Texts written for the project are kept beside the
annotations (``data/events/written.jsonl``) and are marked ``written: true``; they are
for training only.

Annotators write one JSON file per article with exact surfaces instead of offsets
(``anchor`` turns surfaces into spans): the cue, optionally a longer unique
``cue_context`` that contains it, and each participant's text, anchored at the
occurrence nearest to the cue. A participant that is not named in the text has
``text: null`` and ``inferred`` saying why (``"home"``, ``"other_side"``, ...).
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import lzma
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import DataError

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FACTUALITY = ("asserted", "planned", "hypothetical", "negated")
ORG_CODES = ("EU", "NATO", "UN", "G7", "G20", "OSCE", "COE", "OECD", "WTO", "OIC", "AU", "ASEAN",
             "IAEA", "OPCW", "WHO", "IMF", "ICC", "OPEC", "CIS", "GCC", "ARAB_LEAGUE")
SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "OPP", "REB", "UAF", "CVL", "BUS",
           "MED", "JRN", "REL", "REF", "LAB", "EDU", "ELI", "UNK")
MODES = {  # PLOVER manual, mode tables (sideAB may be added to ASSAULT)
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional", "sideAB"),
}
SPLITS = ("train", "dev", "test")
REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The project's data folder (corpora kept in the repository): ``$LAGEBILD_DATA``, else the
    ``data/`` of the checkout the current directory is in, else the one beside the package (an
    editable install)."""
    env = os.environ.get("LAGEBILD_DATA")
    if env:
        return Path(env)
    here = Path.cwd()
    for base in (here, *here.parents):
        if (base / "data" / "events" / "articles.tsv").exists():
            return base / "data"
    return REPO / "data"


def corpus_dir() -> Path:
    return data_dir() / "events"


CORPUS_DIR = REPO / "data" / "events"     # the checkout's corpus when installed editable


def shared_dir() -> Path:
    """The ``shared`` folder: ``$LAGEBILD_SHARED``, else ``../shared`` beside the checkout that
    holds the data folder, else beside the package."""
    env = os.environ.get("LAGEBILD_SHARED")
    if env:
        return Path(env)
    beside = data_dir().parent.parent / "shared"
    return beside if beside.is_dir() else REPO.parent / "shared"


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def valid_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of the shipped country table and the organisation codes."""
    codes: set[str] = set(ORG_CODES)
    path = Path(__file__).parent / "lang" / "de" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        head = line.split("\t", 1)[0].strip()
        if len(head) == 3 and head.isalpha() and head.isupper():
            codes.add(head)
    return frozenset(codes)


# --------------------------------------------------------------------------- texts

def gnad_texts(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """10kGNAD articles from ``../shared``: id -> (category, text)."""
    path = path or shared_dir() / "data" / "10kgnad" / "articles.csv.xz"
    if not path.exists():
        raise DataError(f"{path}: 10kGNAD articles not found -- the corpus texts stay in ../shared; "
                        "set LAGEBILD_SHARED to the folder holding data/10kgnad/")
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return {r[0]: (r[1], r[2]) for r in csv.reader(f, delimiter=";", quotechar="'")}


# --------------------------------------------------------------------------- records

@dataclass
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Participant:
    code: str | None
    sector: str | None
    span: Span | None            # None when not named in the text for this event
    inferred: str | None = None  # why a participant without a span is there

    def as_dict(self) -> dict:
        d = {"code": self.code, "sector": self.sector, "inferred": self.inferred}
        if self.span:
            d.update(self.span.as_dict())
        else:
            d.update({"start": None, "end": None, "text": None})
        return d


@dataclass
class GoldEvent:
    type: str
    factuality: str
    cue: Span
    source: list[Participant]
    target: list[Participant]
    mode: str | None = None
    condition: Span | None = None
    magnitude: dict | None = None
    optional: bool = False
    note: str | None = None

    def as_dict(self) -> dict:
        return {"type": self.type, "mode": self.mode, "factuality": self.factuality,
                "cue": self.cue.as_dict(),
                "condition": self.condition.as_dict() if self.condition else None,
                "magnitude": self.magnitude, "optional": self.optional,
                "source": [p.as_dict() for p in self.source],
                "target": [p.as_dict() for p in self.target], "note": self.note}

    def as_gold(self) -> dict:
        """The EVENTS.md shape that ``score_events.py`` reads."""
        return {"type": self.type, "mode": self.mode, "factuality": self.factuality,
                "condition": self.condition.text if self.condition else None,
                "magnitude": self.magnitude, "optional": self.optional,
                "source": [{"code": p.code, "sector": p.sector,
                            "text": p.span.text if p.span else None} for p in self.source],
                "target": [{"code": p.code, "sector": p.sector,
                            "text": p.span.text if p.span else None} for p in self.target],
                "cue": self.cue.text}

    def as_raw(self, text: str) -> dict:
        """The annotator's file shape (surfaces, ``cue_context`` where the cue recurs, ``inferred``) that
        ``anchor`` turns back into this event: for reviewing and completing an annotation."""
        def side(parts: list[Participant]) -> list[dict]:
            return [{"text": p.span.text, "code": p.code, "sector": p.sector} if p.span else
                    {"text": None, "code": p.code, "sector": p.sector, "inferred": p.inferred}
                    for p in parts]
        out = {"type": self.type, "mode": self.mode, "factuality": self.factuality, "cue": self.cue.text}
        context = unique_context(text, self.cue)
        if context != self.cue.text:
            out["cue_context"] = context
        out.update({"source": side(self.source), "target": side(self.target),
                    "condition": self.condition.text if self.condition else None,
                    "magnitude": self.magnitude, "optional": self.optional})
        if self.note is not None:
            out["note"] = self.note
        return out


def unique_context(text: str, span: Span) -> str:
    """A passage around ``span`` that occurs once in ``text`` and in which ``span``'s words first occur
    at ``span`` (as ``anchor`` reads a ``cue_context``): the span's own text where it occurs once, else
    grown a word at a time to the right, then, at the text's end, to the left. A ValueError where no such
    passage exists (the words recur inside every longer passage that holds them)."""
    lo, hi = span.start, span.end
    needle = text[lo:hi]
    while len(_find_all(text, text[lo:hi])) > 1:
        if hi < len(text):
            nxt = text.find(" ", hi + 1)
            hi = len(text) if nxt < 0 else nxt
        elif lo > 0:
            lo = text.rfind(" ", 0, max(lo - 1, 0)) + 1
        else:
            break
    context = text[lo:hi]
    if len(_find_all(text, context)) != 1 or lo + context.find(needle) != span.start:
        raise ValueError(f"no passage around {needle!r} at {span.start} occurs once with it first: "
                         "give the cue a longer exact text")
    return context


@dataclass
class CorpusDoc:
    doc_id: str
    dataset: str
    split: str
    text_sha1: str
    events: list[GoldEvent]
    annotators: list[str] = field(default_factory=list)
    category: str | None = None
    written: bool = False
    dct: str | None = None
    text: str | None = None      # joined from ../shared by the loader, never stored

    def as_dict(self) -> dict:
        d = {"doc_id": self.doc_id, "dataset": self.dataset, "category": self.category,
             "split": self.split, "text_sha1": self.text_sha1, "written": self.written,
             "dct": self.dct, "annotators": self.annotators,
             "events": [e.as_dict() for e in self.events]}
        if self.written:
            d["text"] = self.text
        return d

    def as_gold(self) -> dict:
        return {"doc_id": self.doc_id, "dct": self.dct, "text": self.text,
                "events": [e.as_gold() for e in self.events]}

    def as_raw(self) -> dict:
        """The annotator's file of this article (``corpus lint`` and ``corpus build`` read it), with its
        text for reading; ``corpus build`` keeps no 10kGNAD text."""
        return {"doc_id": self.doc_id, **({"written": True} if self.written else {}), "dct": self.dct,
                "annotators": list(self.annotators), "text": self.text,
                "events": [e.as_raw(self.text or "") for e in self.events]}


# --------------------------------------------------------------------------- anchoring

class AnchorError(ValueError):
    pass


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _anchor_cue(text: str, ev: dict, where: str) -> Span:
    cue = ev.get("cue")
    if not cue or not isinstance(cue, str):
        raise AnchorError(f"{where}: 'cue' must be the exact text of the event's trigger")
    ctx = ev.get("cue_context")
    if ctx:
        hits = _find_all(text, ctx)
        if not hits:
            raise AnchorError(f"{where}: cue_context {ctx!r} is not in the text (copy it exactly)")
        if len(hits) > 1:
            raise AnchorError(f"{where}: cue_context {ctx!r} occurs {len(hits)} times; make it longer")
        inner = ctx.find(cue)
        if inner < 0:
            raise AnchorError(f"{where}: cue {cue!r} is not inside cue_context {ctx!r}")
        start = hits[0] + inner
        return Span(start, start + len(cue), cue)
    hits = _find_all(text, cue)
    if not hits:
        raise AnchorError(f"{where}: cue {cue!r} is not in the text (copy it exactly, no '...')")
    if len(hits) > 1:
        raise AnchorError(f"{where}: cue {cue!r} occurs {len(hits)} times; add 'cue_context', "
                          "a longer exact passage around it that occurs once")
    return Span(hits[0], hits[0] + len(cue), cue)


def at_word_start(text: str, start: int) -> bool:
    """Whether a span starting at ``start`` begins a word (not "er" inside "kritisierte")."""
    return start == 0 or not text[start - 1].isalnum() or not text[start].isalnum()


def _anchor_near(text: str, needle: str, pos: int, where: str, what: str) -> Span:
    """The occurrence of ``needle`` nearest to ``pos`` (the cue), among those that begin a word
    where there are any: a participant is a word or more ("er" of "Erneut kritisierte er" is not
    the "er" inside "kritisierte"); it may end inside one ("Sobotka" of "Sobotkas")."""
    hits = _find_all(text, needle)
    if not hits:
        raise AnchorError(f"{where}: {what} {needle!r} is not in the text (copy it exactly)")
    lo, hi = _sentence_around(text, pos)
    n = len(needle)

    def whole(h: int) -> bool:       # ends at a word's end too ("Er", not the "Er" of "Erneut")
        return h + n >= len(text) or not text[h + n].isalnum() or not text[h + n - 1].isalnum()
    best = min(hits, key=lambda h: (not at_word_start(text, h), not lo <= h < hi, not whole(h),
                                    abs(h - pos), h > pos))
    return Span(best, best + len(needle), needle)


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """Rough bounds of the sentence at ``pos`` (from after the last ". ", "! ", "? " before it
    to the next): where an annotator's surface most likely stands."""
    ends = [m.end() for m in re.finditer(r"[.!?][\"“”«»']?\s", text)]
    lo = max((e for e in ends if e <= pos), default=0)
    hi = min((e for e in ends if e > pos), default=len(text))
    return lo, hi


def misplaced(text: str, sp: Span) -> bool:
    """A participant span that begins inside a word although its words stand on their own
    elsewhere in the text: an anchoring slip (the anchorer took the nearest occurrence of "er")."""
    return not at_word_start(text, sp.start) and any(at_word_start(text, h) for h in _find_all(text, sp.text))


def anchor(text: str, raw: dict, codes: frozenset[str] | None = None) -> tuple[list[GoldEvent], list[str]]:
    """Turn an annotator's file (surfaces) into events with spans; return (events, problems)."""
    events, problems = [], []
    for i, ev in enumerate(raw.get("events") or []):
        where = f"{raw.get('doc_id', '?')} event {i + 1}"
        try:
            cue = _anchor_cue(text, ev, where)
            sides = {}
            for side in ("source", "target"):
                parts = []
                for p in ev.get(side) or []:
                    span = None
                    if p.get("text"):
                        span = _anchor_near(text, p["text"], cue.start, where, f"{side} text")
                    elif not p.get("inferred"):
                        raise AnchorError(f"{where}: {side} without text needs 'inferred' "
                                          "(home, nearest, other_side, context, ...)")
                    parts.append(Participant(p.get("code"), p.get("sector"), span,
                                             p.get("inferred") if not span else None))
                sides[side] = parts
            cond = None
            if ev.get("condition"):
                cond = _anchor_near(text, ev["condition"], cue.start, where, "condition")
            ge = GoldEvent(type=ev.get("type"), factuality=ev.get("factuality"), cue=cue,
                           source=sides["source"], target=sides["target"], mode=ev.get("mode"),
                           condition=cond, magnitude=ev.get("magnitude"),
                           optional=bool(ev.get("optional")), note=ev.get("note"))
            problems += [f"{where}: {m}" for m in check_event(ge, codes)]
            events.append(ge)
        except AnchorError as exc:
            problems.append(str(exc))
    return events, problems


def check_event(ev: GoldEvent, codes: frozenset[str] | None = None) -> list[str]:
    """What is wrong with one event's labels (types, modes, codes, sectors, factuality)."""
    out = []
    for t in (ev.type or "").split("|"):
        if t not in TYPES:
            out.append(f"unknown type {t!r} (one of {', '.join(TYPES)})")
    if ev.factuality not in FACTUALITY:
        out.append(f"factuality {ev.factuality!r} is not one of {', '.join(FACTUALITY)}")
    if ev.mode is not None:
        allowed = {m for t in (ev.type or "").split("|") for m in MODES.get(t, ())}
        if ev.mode not in allowed:
            out.append(f"mode {ev.mode!r} is not a mode of {ev.type} ({', '.join(sorted(allowed)) or 'none'})")
    if not ev.source and not ev.target:
        out.append("an event needs a source or a target")
    for side, parts in (("source", ev.source), ("target", ev.target)):
        for p in parts:
            for c in (p.code or "-").split("|"):
                if c != "-" and codes is not None and c not in codes:
                    out.append(f"{side} code {c!r} is neither ISO alpha-3 nor an organisation code")
            if p.sector is not None and p.sector not in SECTORS:
                out.append(f"{side} sector {p.sector!r} is not a PLOVER sector")
    m = ev.magnitude
    if m is not None and not (isinstance(m, dict) and isinstance(m.get("value"), (int, float))):
        out.append("magnitude must be {value: number, unit, qualifier} or null")
    return out


# --------------------------------------------------------------------------- loading

def _span(d: dict | None) -> Span | None:
    if not d or d.get("start") is None:
        return None
    return Span(d["start"], d["end"], d["text"])


def _participant(d: dict) -> Participant:
    return Participant(d.get("code"), d.get("sector"), _span(d), d.get("inferred"))


def doc_from_dict(d: dict) -> CorpusDoc:
    evs = [GoldEvent(type=e["type"], factuality=e["factuality"], cue=_span(e["cue"]),
                     source=[_participant(p) for p in e.get("source") or []],
                     target=[_participant(p) for p in e.get("target") or []],
                     mode=e.get("mode"), condition=_span(e.get("condition")),
                     magnitude=e.get("magnitude"), optional=bool(e.get("optional")),
                     note=e.get("note"))
           for e in d.get("events") or []]
    return CorpusDoc(doc_id=d["doc_id"], dataset=d.get("dataset", "10kgnad"), split=d["split"],
                     text_sha1=d["text_sha1"], events=evs, annotators=d.get("annotators") or [],
                     category=d.get("category"), written=bool(d.get("written")), dct=d.get("dct"),
                     text=d.get("text") if d.get("written") else None)


def iter_files(corpus_dir: Path | None = None) -> list[Path]:
    """The corpus files; a DataError when there are none (nothing checked is no success)."""
    corpus_dir = corpus_dir or globals()["corpus_dir"]()
    files = sorted(p for p in corpus_dir.glob("*.jsonl") if not p.name.startswith("_"))
    if not files:
        raise DataError(f"{corpus_dir}: no corpus files (*.jsonl) -- run from the lagebild checkout, "
                        "or set LAGEBILD_DATA to its data/ folder")
    return files


def load(corpus_dir: Path | None = None, *, split: str | None = None,
         with_text: bool = True, include_written: bool = True) -> list[CorpusDoc]:
    """Every annotated article (of one split), texts joined from ``../shared``."""
    docs: list[CorpusDoc] = []
    for path in iter_files(corpus_dir):
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    doc = doc_from_dict(json.loads(line))
                except (ValueError, KeyError) as exc:
                    raise DataError(f"{path}:{n}: not a corpus record ({exc}) -- "
                                    "run `lagebild corpus check` for details") from exc
                if split and doc.split != split:
                    continue
                if doc.written and not include_written:
                    continue
                docs.append(doc)
    if with_text and any(not d.written for d in docs):
        texts = gnad_texts()
        for d in docs:
            if not d.written:
                d.text = texts.get(d.doc_id, (None, None))[1]
    return docs


def frozen_splits(corpus_dir: Path | None = None) -> dict[str, str]:
    """The split of every corpus article as ``articles.tsv`` freezes it (id -> split)."""
    return {i: sp for i, (_, sp) in frozen_categories(corpus_dir).items()}


def frozen_categories(corpus_dir: Path | None = None) -> dict[str, tuple[str, str]]:
    """Each 10kGNAD corpus article's (category, split) as ``articles.tsv`` freezes them."""
    path = (corpus_dir or globals()["corpus_dir"]()) / "articles.tsv"
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        parts = line.split("\t")
        if len(parts) == 3:
            out[parts[0]] = (parts[1], parts[2])
    return out


def check(corpus_dir: Path | None = None) -> list[str]:
    """Every problem of the corpus: spans that do not match the text, codes, types, modes,
    splits, duplicate ids, written texts outside train."""
    problems: list[str] = []
    codes = valid_codes()
    texts = gnad_texts()
    frozen = frozen_splits(corpus_dir)
    seen: dict[str, str] = {}
    for path in iter_files(corpus_dir):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                doc = doc_from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{where}: not a corpus record ({exc})")
                continue
            where += f" {doc.doc_id}"
            if doc.doc_id in seen:
                problems.append(f"{where}: duplicate id (also {seen[doc.doc_id]})")
            seen[doc.doc_id] = where
            if doc.split not in SPLITS:
                problems.append(f"{where}: split {doc.split!r} is not one of {SPLITS}")
            if frozen and not doc.written and frozen.get(doc.doc_id, doc.split) != doc.split:
                problems.append(f"{where}: split {doc.split!r}, but articles.tsv freezes it as "
                                f"{frozen[doc.doc_id]!r} -- splits change only there, and dev and test never")
            elif frozen and not doc.written and doc.doc_id not in frozen:
                problems.append(f"{where}: not in articles.tsv (add it there first, as train)")
            if doc.written:
                text = doc.text
                if doc.split != "train":
                    problems.append(f"{where}: a text written for the project may only be in train")
            else:
                text = texts.get(doc.doc_id, (None, None))[1]
            if text is None:
                problems.append(f"{where}: text not found in {doc.dataset}")
                continue
            if text_hash(text) != doc.text_sha1:
                problems.append(f"{where}: text hash differs -- the source text changed")
                continue
            for k, ev in enumerate(doc.events, 1):
                spans = [("cue", ev.cue), ("condition", ev.condition)]
                spans += [(f"source {i}", p.span) for i, p in enumerate(ev.source, 1)]
                spans += [(f"target {i}", p.span) for i, p in enumerate(ev.target, 1)]
                if ev.cue is None:
                    problems.append(f"{where} event {k}: no cue span")
                for name, sp in spans:
                    if sp is not None and text[sp.start:sp.end] != sp.text:
                        problems.append(f"{where} event {k}: {name} span {sp.start}-{sp.end} "
                                        f"reads {text[sp.start:sp.end]!r}, not {sp.text!r}")
                for p in ev.source + ev.target:
                    if p.span is None and not p.inferred:
                        problems.append(f"{where} event {k}: participant without span and without 'inferred'")
                    elif p.span is not None and misplaced(text, p.span):
                        problems.append(f"{where} event {k}: participant span {p.span.start}-{p.span.end} "
                                        f"{p.span.text!r} begins inside a word, though the words stand on "
                                        "their own elsewhere: `python tools/reanchor_spans.py` moves it")
                problems += [f"{where} event {k}: {m}" for m in check_event(ev, codes)]
    return problems


def write_jsonl(docs: Iterable[CorpusDoc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d.as_dict(), ensure_ascii=False) + "\n")


def doc_from_raw(raw: dict, doc_id: str, splits: dict[str, tuple[str, str]], texts: dict[str, tuple[str, str]],
                 codes: frozenset[str], annotators: list[str]) -> tuple[CorpusDoc | None, list[str]]:
    """One annotator's file anchored into a corpus record (a written item with its own text, train only;
    a 10kGNAD article with its frozen split), and the problems found; ``None`` when it is no corpus article."""
    if raw.get("written"):
        text = raw.get("text") or ""
        events, probs = anchor(text, raw, codes)
        return CorpusDoc(doc_id=doc_id, dataset="lagebild-written", split="train", text_sha1=text_hash(text),
                         events=events, written=True, text=text, annotators=annotators,
                         dct=raw.get("dct")), probs
    if doc_id not in splits or doc_id not in texts:
        return None, [f"{doc_id} is not a corpus article (data/events/articles.tsv)"]
    text = texts[doc_id][1]
    events, probs = anchor(text, raw, codes)
    return CorpusDoc(doc_id=doc_id, dataset="10kgnad", split=splits[doc_id][1], text_sha1=text_hash(text),
                     events=events, annotators=annotators, category=splits[doc_id][0]), probs


def _keep_offsets(old: CorpusDoc, new: CorpusDoc) -> None:
    """Where an event of ``new`` stands on the cue of one of ``old`` (same span), a participant or
    condition with the same words in the same place of it keeps the old offsets: an annotator's file
    names words, not which occurrence, and anchoring takes the one nearest the cue."""
    by_cue = {(e.cue.start, e.cue.end): e for e in old.events}
    for ev in new.events:
        was = by_cue.get((ev.cue.start, ev.cue.end))
        if was is None:
            continue
        for side in ("source", "target"):
            before = {(p.span.text, n): p.span for n, p in enumerate(getattr(was, side)) if p.span}
            for n, p in enumerate(getattr(ev, side)):
                if p.span is not None and (p.span.text, n) in before:
                    p.span = before[(p.span.text, n)]
        if ev.condition is not None and was.condition is not None and ev.condition.text == was.condition.text:
            ev.condition = was.condition


def update(new: list[CorpusDoc], corpus_dir: Path | None = None) -> dict[str, tuple[str, int, int]]:
    """Replace the records of ``new``'s articles in the corpus file that holds each (order and every other
    record kept; ``dct``, category and split of a news article kept, the annotators extended); offsets
    are kept where the words are (``_keep_offsets``). All or nothing: a DataError, with no file written,
    when an article is in no corpus file, or is a news article in the corpus and written in the file (or
    the other way round). Returns each article's (split, events before, events after)."""
    by_id = {d.doc_id: d for d in new}
    done: dict[str, tuple[str, int, int]] = {}
    changed: list[tuple[Path, list[CorpusDoc]]] = []
    problems, refused = [], set()
    for path in iter_files(corpus_dir):
        docs = [doc_from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]
        hit = False
        for i, old in enumerate(docs):
            d = by_id.get(old.doc_id)
            if d is None:
                continue
            if d.written != old.written:
                kind = {True: "a written item", False: "a news article"}
                problems.append(f"{old.doc_id}: the corpus holds it as {kind[old.written]}, the file as "
                                f"{kind[d.written]} (set or remove \"written\": true as `corpus raw` wrote it)")
                refused.add(old.doc_id)
                continue
            _keep_offsets(old, d)
            d.annotators = list(dict.fromkeys(old.annotators + d.annotators))
            d.split, d.dataset = old.split, old.dataset
            d.category = old.category
            if not (d.written and d.dct):
                d.dct = old.dct
            done[old.doc_id] = (old.split, len(old.events), len(d.events))
            docs[i], hit = d, True
        if hit:
            changed.append((path, docs))
    missing = sorted(set(by_id) - set(done) - refused)
    if missing:
        problems.append(f"not in any corpus file: {', '.join(missing)} (a new article goes in with "
                        "`lagebild corpus build DIR --out NEW.jsonl`, into a new file of the corpus folder)")
    if problems:
        raise DataError("nothing updated: " + "; ".join(problems))
    for path, docs in changed:
        write_jsonl(docs, path)
    return done


def iter_gold(docs: Iterable[CorpusDoc]) -> Iterator[dict]:
    for d in docs:
        yield d.as_gold()


# --------------------------------------------------------------------------- time expressions

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


def anchor_timexes(text: str, raw: dict) -> tuple[list[dict], list[str]]:
    """An annotator's time expressions (exact surfaces, optional unique ``context``, in text
    order) as stand-off spans: each expression is anchored at its first occurrence after the
    previous one (or inside its context)."""
    out, problems, pos = [], [], 0
    where0 = raw.get("doc_id", "?")
    for i, tx in enumerate(raw.get("timexes") or []):
        where = f"{where0} timex {i + 1}"
        surface, ctx = tx.get("text"), tx.get("context")
        if not surface:
            problems.append(f"{where}: 'text' must be the exact surface of the expression")
            continue
        if ctx:
            hits = _find_all(text, ctx)
            if len(hits) != 1 or surface not in ctx:
                problems.append(f"{where}: context {ctx!r} must occur exactly once and contain {surface!r}")
                continue
            start = hits[0] + ctx.find(surface)
        else:
            start = text.find(surface, pos)
            if start < 0:
                problems.append(f"{where}: {surface!r} not found after the previous expression "
                                "(list them in text order, or add a unique 'context')")
                continue
        if tx.get("type") not in TIMEX_TYPES:
            problems.append(f"{where}: type {tx.get('type')!r} is not one of {', '.join(TIMEX_TYPES)}")
        if not tx.get("value"):
            problems.append(f"{where}: a TIMEX3 value is needed (e.g. 2016-03-15, 2016-W11, P3D, PAST_REF)")
        out.append({"start": start, "end": start + len(surface), "text": surface,
                    "type": tx.get("type"), "value": tx.get("value")})
        pos = start + len(surface)
    if raw.get("dct") is None or not str(raw.get("dct"))[:4].isdigit():
        problems.append(f"{where0}: 'dct' (the document date you assign, YYYY-MM-DD) is missing")
    return out, problems


def load_timex_corpus(path: Path | None = None) -> list[dict]:
    """Stand-off time expressions of news articles with their texts joined from ``../shared``:
    dicts with doc_id, dct, text, timexes (start, end, text, type, value)."""
    path = path or data_dir() / "timex" / "10kgnad_news.jsonl"
    if not path.exists():
        raise DataError(f"{path}: not found -- run from the lagebild checkout, or set LAGEBILD_DATA")
    texts = gnad_texts()
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        text = texts.get(d["doc_id"], (None, None))[1]
        if text is None or text_hash(text) != d["text_sha1"]:
            raise DataError(f"{path}:{n}: text of {d['doc_id']} missing or changed")
        d["text"] = text
        docs.append(d)
    return docs


# --------------------------------------------------------------------------- named entities

NER_LABELS = tuple(f"{b}{s}" for b in ("PER", "LOC", "ORG", "OTH") for s in ("", "deriv", "part"))
_MARK = None


def parse_markup(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``"[[Angela Merkel|PER]] reist nach [[Paris|LOC]]"`` -> (plain text, [(start, end, label)])."""
    import re
    global _MARK
    if _MARK is None:
        _MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Za-z]+)\]\]")
    out, ents, pos = [], [], 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        ents.append((start, start + len(m.group(1)), m.group(2)))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), ents


def to_markup(text: str, ents: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for s, e, lab in sorted(ents):
        out += [text[pos:s], f"[[{text[s:e]}|{lab}]]"]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def check_ner_line(rec: dict, texts: dict[str, tuple[str, str]]) -> tuple[dict | None, list[str]]:
    """One annotated sentence (``id`` = "gnad-0123:START-END", ``text`` with markup) as stand-off."""
    rid = rec.get("id", "?")
    try:
        doc_id, span = rid.split(":")
        start, end = (int(x) for x in span.split("-"))
    except ValueError:
        return None, [f"{rid}: id must look like gnad-0123:130-217"]
    if doc_id not in texts:
        return None, [f"{rid}: unknown article"]
    plain, ents = parse_markup(rec.get("text") or "")
    sent = texts[doc_id][1][start:end]
    problems = []
    if plain != sent:
        k = next((i for i, (a, b) in enumerate(zip(plain, sent)) if a != b), min(len(plain), len(sent)))
        problems.append(f"{rid}: text differs from the article at character {k}: "
                        f"{plain[max(0, k - 20):k + 20]!r} vs {sent[max(0, k - 20):k + 20]!r} "
                        "(only add or remove [[...|LABEL]] marks, never change the words)")
    for s, e, lab in ents:
        if lab not in NER_LABELS:
            problems.append(f"{rid}: label {lab!r} is not one of {', '.join(NER_LABELS)}")
        if plain[s:e] != plain[s:e].strip():
            problems.append(f"{rid}: entity {plain[s:e]!r} has spaces at its edge")
    rec_out = {"doc_id": doc_id, "dataset": "10kgnad", "start": start, "end": end,
               "text_sha1": text_hash(sent),
               "entities": [[start + s, start + e, lab] for s, e, lab in ents]}
    return (None if problems else rec_out), problems


def ner_agreement(first: list[dict], second: list[dict], labels: tuple[str, ...] | None = None) -> dict:
    """Span F1 (same start, end and label) of two annotations of the same sentences (stand-off
    records); ``labels`` restricts the comparison (e.g. PER/LOC/ORG, the GermEval outer level)."""
    a = {(r["doc_id"], r["start"]): r for r in first}
    b = {(r["doc_id"], r["start"]): r for r in second}
    both = sorted(set(a) & set(b))

    def ents(r):
        return {(s, e, lab) for s, e, lab in r["entities"] if labels is None or lab in labels}

    tp = sum(len(ents(a[k]) & ents(b[k])) for k in both)
    na = sum(len(ents(a[k])) for k in both)
    nb = sum(len(ents(b[k])) for k in both)
    p = tp / nb if nb else 0.0
    r = tp / na if na else 0.0
    return {"sentences": len(both), "first": na, "second": nb, "matched": tp,
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def check_ner(path: Path | None = None) -> list[str]:
    """Problems of the stand-off NER sentences: text hashes, spans inside their sentence, labels."""
    path = path or data_dir() / "ner" / "news.jsonl"
    texts = gnad_texts()
    problems, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        where = f"{path.name}:{n} {r.get('doc_id')}"
        key = (r.get("doc_id"), r.get("start"))
        if key in seen:
            problems.append(f"{where}: duplicate sentence")
        seen.add(key)
        sent = texts.get(r["doc_id"], (None, ""))[1][r["start"]:r["end"]]
        if not sent or text_hash(sent) != r["text_sha1"]:
            problems.append(f"{where}: sentence text missing or changed")
            continue
        for s, e, lab in r["entities"]:
            if not (r["start"] <= s < e <= r["end"]):
                problems.append(f"{where}: entity {s}-{e} outside its sentence")
            if lab not in NER_LABELS:
                problems.append(f"{where}: label {lab!r}")
    return problems
