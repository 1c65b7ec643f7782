"""Offsets that index the input text.

The stages work on a cleaned copy of the article body: CRLF and CR line ends become
LF, non-breaking and other Unicode spaces become plain spaces, runs of spaces and tabs
become one space, zero-width characters, soft hyphens and byte order marks are dropped,
and leading and trailing whitespace is cut. :func:`clean` returns that copy with a map
from its positions back to the input; :func:`rebase` moves every span of an analyzed
``Document`` back onto the input, so that for each span ``input[start:end] == text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# dropped: zero-width space/non-joiner/joiner, word joiner, BOM / zero-width no-break space, soft hyphen
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# read as a plain space
_SPACE = frozenset("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                   "\u202f\u205f\u3000")
_NEEDS_WORK = re.compile("[\r\t\u00a0\u1680\u2000-\u200d\u2060\ufeff\u00ad\u202f\u205f\u3000]| {2}|^\\s|\\s$")


@dataclass
class TextMap:
    """The cleaned text and, for each of its characters, the input position it came from."""

    input: str
    text: str
    pos: list[int] | None       # None: the cleaned text is the input from ``shift`` on
    shift: int = 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the cleaned span [start, end)."""
        if self.pos is None:
            return start + self.shift, end + self.shift
        if end <= start:
            p = self.pos[start] if start < len(self.pos) else len(self.input)
            return p, p
        return self.pos[start], self.pos[end - 1] + 1


    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The cleaned span of the input span [start, end) (for stand-off annotations of the input)."""
        if self.pos is None:
            return max(start - self.shift, 0), max(end - self.shift, 0)
        from bisect import bisect_left
        return bisect_left(self.pos, start), bisect_left(self.pos, end)


def clean(raw: str) -> TextMap:
    """The text the stages read, and the map back to ``raw``."""
    stripped = raw.strip()
    if not _NEEDS_WORK.search(stripped):      # only whitespace around it, if anything
        return TextMap(raw, stripped, None, len(raw) - len(raw.lstrip()))
    out: list[str] = []
    pos: list[int] = []
    n = len(raw)
    i = 0
    while i < n:
        ch = raw[i]
        if ch in _DROP:
            i += 1
            continue
        if ch == "\r":
            if i + 1 < n and raw[i + 1] == "\n":
                i += 1          # CRLF: keep the LF
                continue
            ch = "\n"
        elif ch in _SPACE:
            ch = " "
        if ch == " " and out and out[-1] == " ":
            i += 1              # a run of spaces reads as one
            continue
        out.append(ch)
        pos.append(i)
        i += 1
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return TextMap(raw, stripped, pos[lead:lead + len(stripped)])


def _move(tm: TextMap, obj: Any, seen: set[int]) -> None:
    """Move one span object (start, end, text) onto the input, once."""
    if obj is None or id(obj) in seen:
        return
    seen.add(id(obj))
    obj.start, obj.end = tm.span(obj.start, obj.end)
    obj.text = tm.input[obj.start:obj.end]


def rebase(doc, tm: TextMap) -> None:
    """Move every span of ``doc`` (analyzed on ``tm.text``) onto the input ``tm.input``, set
    each span's text from the input, and make ``doc.text`` the input."""
    doc.text = tm.input
    seen: set[int] = set()
    for group in (doc.sentences, doc.timexes, doc.entities):
        for obj in group:
            _move(tm, obj, seen)
    for q in doc.quotes:
        _move(tm, q, seen)
        if q.speaker is not None:
            _move(tm, q.speaker.mention, seen)
    for ev in doc.events:
        for ed in ev.evidence:
            _move(tm, ed, seen)
        for p in ev.source + ev.target + ([ev.reported_by] if ev.reported_by else []):
            _move(tm, p.mention, seen)


def spans(doc) -> list[tuple[str, Any]]:
    """Every span object of a Document (kind, object): for checks and highlighting."""
    out: list[tuple[str, Any]] = [("sentence", s) for s in doc.sentences]
    out += [("timex", t) for t in doc.timexes]
    out += [("entity", e) for e in doc.entities]
    for q in doc.quotes:
        out.append(("quote", q))
        if q.speaker is not None and q.speaker.mention is not None:
            out.append(("speaker", q.speaker.mention))
    for ev in doc.events:
        out += [("evidence", e) for e in ev.evidence]
        for p in ev.source + ev.target + ([ev.reported_by] if ev.reported_by else []):
            if p.mention is not None:
                out.append(("participant", p.mention))
    return out
