"""Long and pathological documents in bounded pieces: analysis cost linear in length.

A 1.2 MB article, 200,000 commas without a space or 100,000 characters without a
full stop must not take minutes and gigabytes (or crash spaCy with E088). Three
bounds keep every step's input small, so the total cost grows with the length:

* :func:`pieces`: a document longer than ``MAX_PIECE`` characters is analyzed piece by
  piece (cut at paragraph breaks, else sentence ends, else spaces), and the pieces'
  results are joined with offsets into the whole text (:func:`join_documents`) and
  merged by the one merge policy (:mod:`lagebild.merge`);
* :func:`bound_sentences`: a "sentence" longer than ``MAX_SENTENCE`` characters (text
  without punctuation) is cut at spaces into several;
* :func:`defuse_runs`: a run without whitespace longer than ``MAX_RUN`` characters
  that is mostly punctuation (",,,,,") would make spaCy's suffix search quadratic; the
  tokenizer sees a space in place of every ``RUN_STEP``-th character of it (same length,
  so all offsets stay those of the input text).
"""
from __future__ import annotations

import dataclasses
import re

from .records import Document, Participant, Sentence

MAX_PIECE = 50_000
MAX_SENTENCE = 1_000
MAX_RUN = 100
RUN_STEP = 40

_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_PARA_BREAK = re.compile(r"\n\s*\n")
_SENT_END = re.compile(r"[.!?…][\"“”»«’')]*\s")
_SPACE = re.compile(r"\s")


def defuse_runs(text: str) -> str:
    """The text as the tokenizer should see it: in long runs without whitespace that are
    mostly not letters or digits, every ``RUN_STEP``-th character becomes a space."""
    if len(text) <= MAX_RUN or _LONG_RUN.search(text) is None:
        return text
    out = []
    last = 0
    for m in _LONG_RUN.finditer(text):
        run = m.group(0)
        if sum(c.isalnum() for c in run) * 2 >= len(run):
            continue    # a long URL or compound: the tokenizer handles it in one go
        out.append(text[last:m.start()])
        chars = list(run)
        for i in range(RUN_STEP - 1, len(chars), RUN_STEP):
            chars[i] = " "
        out.append("".join(chars))
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _cut(text: str, start: int, end: int, limit: int) -> int:
    """Where to end a piece that starts at ``start`` (at most ``limit`` long, never past
    ``end``): the last paragraph break, else sentence end, else space in its second half."""
    if end - start <= limit:
        return end
    hard = start + limit
    floor = start + limit // 2
    for rx in (_PARA_BREAK, _SENT_END, _SPACE):
        best = None
        # search only the last part of the window: linear overall
        for m in rx.finditer(text, floor, hard):
            best = m.end()
        if best is not None and best > start:
            return best
    return hard


def pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most ``limit`` characters covering text."""
    out, pos = [], 0
    while pos < len(text):
        end = _cut(text, pos, len(text), limit)
        out.append((pos, end))
        pos = end
    return out or [(0, 0)]


def bound_sentences(sentences: list[Sentence], text: str,
                    limit: int = MAX_SENTENCE) -> list[Sentence]:
    """The sentences, each longer than ``limit`` characters cut at spaces into several
    (renumbered); unchanged when none is that long."""
    if all(s.end - s.start <= limit for s in sentences):
        return sentences
    out: list[Sentence] = []
    for s in sentences:
        if s.end - s.start <= limit:
            out.append(dataclasses.replace(s, index=len(out)))
            continue
        pos = s.start
        while pos < s.end:
            end = _cut(text, pos, s.end, limit)
            a, b = pos, end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(index=len(out), start=a, end=b, text=text[a:b],
                                    paragraph=s.paragraph, kind=s.kind))
            pos = end
    return out


def _rename(p: Participant | None, ids: dict[str, str], off: int = 0) -> Participant | None:
    """The participant with its actor id in the whole document and its mention span shifted."""
    if p is None:
        return p
    if p.mention is not None and off:
        p = dataclasses.replace(p, mention=dataclasses.replace(p.mention, start=p.mention.start + off,
                                                                 end=p.mention.end + off))
    if p.actor is None or p.actor not in ids:
        return p
    return dataclasses.replace(p, actor=ids[p.actor])


def join_documents(whole, parts: list[tuple[int, Document]], merge) -> Document:
    """One Document for the article ``whole`` from the Documents of its pieces (each with
    the offset of its piece): offsets and sentence numbers shifted into the whole text,
    actors of the same name and code joined, events merged by ``merge``."""
    sentences, actors, events, quotes, timexes, entities, warnings = [], [], [], [], [], [], []
    by_key: dict[tuple, object] = {}
    para_base = 0
    for off, doc in parts:
        base = len(sentences)
        for s in doc.sentences:
            sentences.append(dataclasses.replace(s, index=s.index + base, start=s.start + off,
                                                 end=s.end + off, paragraph=s.paragraph + para_base))
        if doc.sentences:
            para_base = sentences[-1].paragraph + 1
        ids: dict[str, str] = {}
        for a in doc.actors:
            key = (a.name, a.code, a.kind)
            kept = by_key.get(key)
            if kept is None:
                new_id = f"A{len(actors) + 1}"
                kept = dataclasses.replace(a, id=new_id, mentions=list(a.mentions))
                by_key[key] = kept
                actors.append(kept)
            else:
                kept.mentions += [m for m in a.mentions if m not in kept.mentions]
            ids[a.id] = kept.id
        for ev in doc.events:
            ev.source = [_rename(p, ids, off) for p in ev.source]
            ev.target = [_rename(p, ids, off) for p in ev.target]
            ev.reported_by = _rename(ev.reported_by, ids, off)
            ev.evidence = [dataclasses.replace(e, sentence=e.sentence + base, start=e.start + off,
                                               end=e.end + off) for e in ev.evidence]
            events.append(ev)
        for q in doc.quotes:
            quotes.append(dataclasses.replace(q, speaker=_rename(q.speaker, ids, off),
                                              start=q.start + off, end=q.end + off))
        timexes += [dataclasses.replace(t, start=t.start + off, end=t.end + off)
                    for t in doc.timexes]
        entities += [dataclasses.replace(e, start=e.start + off, end=e.end + off)
                     for e in doc.entities]
        warnings += [w for w in doc.warnings if w not in warnings]
    warnings.append(f"long article ({len(whole.text):,} characters) analyzed in "
                    f"{len(parts)} pieces of at most {MAX_PIECE:,}")
    return Document(doc_id=whole.doc_id, dct=whole.dct, text=whole.text, title=whole.title,
                    url=whole.url, source=whole.source, sentences=sentences, actors=actors,
                    events=merge(events), quotes=quotes, timexes=timexes, entities=entities,
                    warnings=warnings)
