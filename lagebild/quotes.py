"""Quote stage: direct quotes („…“, "…", «…», »…«) and their speakers.

The speaker is an actor mention outside the quote in the sentence where the quote
ends or starts ("…“, erklärte der Sprecher des Außenministeriums, Ned Price"; "Baerbock
forderte von Russland „…“"), or, for a quote in a sentence with no speaker, the
speaker of the reported speech before it (Konjunktiv I continues a report).
"""
from __future__ import annotations

import re

from .actors import ActorIndex, Mention
from .records import Participant, Quote, Sentence

_PAIRS = [("„", "“"), ("\u201c", "\u201d"), ("«", "»"), ("»", "«"), ("‚", "‘")]
_CLOSE_OF = {o: c for o, c in reversed(_PAIRS)}
_OPEN = re.compile("[" + re.escape("".join(_CLOSE_OF)) + "]")
_STRAIGHT = re.compile(r'"([^"\n]{2,2000})"')


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage, quote marks excluded; nested marks ignored."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if m is None:
            break
        i = m.start()
        j = text.find(_CLOSE_OF[text[i]], i + 1)
        para = text.find("\n\n", i + 1)
        if j != -1 and (para == -1 or j < para) and j - i > 1:
            spans.append((i + 1, j))
            pos = j + 1
        else:
            pos = i + 1
    for m in _STRAIGHT.finditer(text):
        s, e = m.span(1)
        if not any(a <= s < b for a, b in spans):
            spans.append((s, e))
    return sorted(spans)


def _says(text: str) -> bool:
    """Whether a sentence (quote text removed) has a verb of saying or demanding."""
    return _speech_verb_at(text) is not None


def _speech_verb_at(text: str, start: int = 0, end: int | None = None) -> int | None:
    """Where the first verb of saying or demanding in ``text[start:end]`` begins, or None."""
    from .events import lemma, load_cues
    lex = load_cues()
    for w in re.finditer(r"[a-zäöüß]+", text[start:end]):
        lm = lemma(w.group())
        if lex.says(lm, lm):
            return start + w.start()
    return None


def _speaker_for(span: tuple[int, int], sentences: list[Sentence], actors: ActorIndex,
                 last: Mention | None, text: str) -> Mention | None:
    s, e = span
    sents = [st for st in sentences if st.start <= e and st.end >= s and st.kind == "body"]
    outside = " ".join(text[st.start:max(st.start, s - 1)] + " " + text[min(st.end, e + 1):st.end] for st in sents)
    so = _SO_SAID.match(text, e)      # "…“, so Nato-Generalsekretär Jens Stoltenberg": no verb
    if so is None and not _says(outside):
        return last
    # the verb of saying after the quote ("…“, erklärte X", "…, hieß es in einer Erklärung der X"):
    # who stands after it, up to the next clause, says the quote, also as the genitive of a
    # statement; a mention between the quote and that verb belongs to the quoted sentence ("…,
    # falls Seoul …, hieß es"), except in "…“, wie X sagte" / "…“, so X"
    end = max((st.end for st in sents), default=e)
    verb = _speech_verb_at(text, e, end)
    window: tuple[int, int] | None = None
    if so is not None:
        nxt = _NEXT_CLAUSE.search(text, so.end(), end)
        window = (so.end() - 1, nxt.start() if nxt else end)
    elif verb is not None:
        if _AS_SAID.match(text, e):
            window = (e, verb)
        else:
            nxt = _NEXT_CLAUSE.search(text, verb, end)
            window = (verb, nxt.start() if nxt else end)
    cands: list[Mention] = []
    for st in sents:
        for m in actors.in_sentence(st.index):
            if s - 1 <= m.start <= e + 1:
                continue  # inside the quote
            inside = window is not None and window[0] < m.start < window[1]
            if (m.genitive_of and not (inside and _of_statement(text, window[0], m.start))) \
                    or m.prep not in (None, "aus", "von"):
                continue
            if m.kind in ("person", "organisation", "group", "country"):
                cands.append(m)
    if cands:
        # prefer a mention where the verb of saying names its subject, then one after the quote's
        # end, then persons
        after = [m for m in cands if window is not None and window[0] < m.start < window[1]] \
            or [m for m in cands if m.start > e]
        persons = [m for m in (after or cands) if m.kind == "person"]
        return (persons or after or cands)[0]
    return last


_AS_SAID = re.compile(r"[“”\"'‘’»«]?\s*,\s*(?:wie|so)\b")
_SO_SAID = re.compile(r"[“”\"'‘’»«]?\s*,\s*so\s+(?=[A-ZÄÖÜ]|der\b|die\b|das\b|ein)")
_NEXT_CLAUSE = re.compile(r",\s*(?:nachdem|als|während|weil|bevor|und|aber|doch|falls|wenn|da|obwohl|sodass|damit)\b")
_GENITIVE_HEAD = re.compile(r"(\w+)\s+(?:der|des)\s+(?:\w+\s+){0,3}$")


def _of_statement(text: str, start: int, at: int) -> bool:
    """Whether the genitive mention at ``at`` is of a statement or speaker noun ("in einer
    Erklärung der KCNA", "der Sprecher des Ministeriums"; cues.tsv class ``statement``)."""
    from .events import load_cues
    head = _GENITIVE_HEAD.search(text[start:at])
    return head is not None and load_cues().is_(head.group(1).lower(), "statement")


_TRAILING_SPEECH = re.compile(r",\s+(?P<verb>[a-zäöüß]+)\s+(?P<rest>[^,]*(?:,[^,]*){0,2})[.!?]?$")
_FIRST_PERSON = frozenset("ich wir mich mir uns unser unsere unseren unserem unserer mein meine".split())


def unmarked_quotes(text: str, sentences: list[Sentence], actors: ActorIndex,
                    spans: list[tuple[int, int]]) -> list[Quote]:
    """Speech without quotation marks: "Es gibt kein geheimes Papier, erklärte eine Sprecherin."
    First-person content without Konjunktiv I is direct speech (``direct=True``); the rest is
    reported (indirect) speech."""
    from .events import lemma, load_cues
    lex = load_cues()
    out = []
    for st in sentences:
        if st.kind != "body" or any(a < st.end and st.start < b for a, b in spans):
            continue
        # the speech verb after one of the last commas: "…, erklärte eine Sprecherin", "…, schrieb der
        # Chef der Ukip, Nigel Farage, im Kurznachrichtendienst Twitter"
        commas = [k for k, ch in enumerate(st.text) if ch == ","][-4:]
        m = None
        for k in commas:
            cand = _TRAILING_SPEECH.match(st.text, k)
            if cand is not None and lex.is_(lemma(cand.group("verb")), "speech"):
                m = cand
                break
        if m is None:
            continue
        rest_start = st.start + m.start("rest")
        after = [x for x in actors.in_sentence(st.index) if x.start >= rest_start and not x.genitive_of]
        # "der Chef der Ukip, Nigel Farage": the named person in an apposition
        named = [x for x in after[:3] if x.kind == "person" and x.name and not x.pronoun]
        speaker = (named or after or [None])[0]
        if speaker is None:
            continue
        content_end = st.start + m.start()
        # the speech begins after the dateline ("München – Sollte ..., sagte Söder": not "München"),
        # as the actor tagger read it (``actors.datelines``)
        content_start = actors.dateline_ends.get(st.index, st.start)
        while content_start < st.start + m.start() and text[content_start].isspace():
            content_start += 1
        if content_start >= st.start + m.start():
            content_start = st.start
        words = set(re.findall(r"\w+", text[content_start:content_end].lower()))
        direct = bool(words & _FIRST_PERSON) and not any(lex.is_(w, "konjunktiv") for w in words)
        out.append(Quote(speaker=Participant(actor=speaker.actor_id, text=speaker.name or speaker.text,
                                             code=speaker.code, sector=speaker.sector, mention=speaker.span()),
                         text=text[content_start:content_end], direct=direct, start=content_start,
                         end=content_end))
    return out + _first_person_continuations(text, sentences, actors, spans, out)


def _first_person_continuations(text: str, sentences: list[Sentence], actors: ActorIndex,
                                spans: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
    """A first-person sentence right after a quote, with no speaker of its own, goes on with that
    quote ("Ich will nicht, dass ..., sagte Rubio. Wenn ich etwas tun kann, fühle ich mich geehrt.")."""
    by_end = {q.end: q for q in quotes}
    out = []
    body = [st for st in sentences if st.kind == "body"]
    for prev, st in zip(body, body[1:]):
        q = next((by_end[e] for e in by_end if prev.start <= e <= prev.end), None)
        if q is None or prev.paragraph != st.paragraph or any(a < st.end and st.start < b for a, b in spans):
            continue
        words = set(re.findall(r"\w+", st.text.lower()))
        if not words & _FIRST_PERSON or _says(st.text):
            continue
        cont = Quote(speaker=q.speaker, text=st.text.rstrip(), direct=True, start=st.start,
                     end=st.start + len(st.text.rstrip()))
        out.append(cont)
        by_end[cont.end] = cont
    return out


def find_quotes(text: str, spans: list[tuple[int, int]], sentences: list[Sentence],
                actors: ActorIndex) -> list[Quote]:
    quotes = unmarked_quotes(text, sentences, actors, spans)
    last: Mention | None = None
    for s, e in spans:
        body = text[s:e].strip()
        if len(body.split()) < 2:
            continue  # single scare-quoted word („falsch“)
        m = _speaker_for((s, e), sentences, actors, last, text)
        speaker = Participant(actor=m.actor_id, text=m.name or m.text, code=m.code, sector=m.sector,
                              mention=m.span()) if m else None
        if m is not None:
            last = m
        quotes.append(Quote(speaker=speaker, text=text[s:e], direct=True, start=s, end=e))
    return sorted(quotes, key=lambda q: q.start)
