"""Helpers of the behaviour tests of single sentences: one analyzer (the default coder, the shipped
model) for every module that imports it, a document of a text dated 2 March 2016, and its dyads."""
from __future__ import annotations

from functools import lru_cache

from lagebild.pipeline import Analyzer
from lagebild.records import Article

DCT = "2016-03-02"


def analyzer() -> Analyzer:
    return shared_analyzer()


def doc(text: str):
    """The analysed document of one text."""
    return analyzer()(Article(doc_id="t", text=text, dct=DCT))


def dyads(text: str, typ: str | None = None) -> set[tuple]:
    """(type, source code, target code, factuality) of every event of the text (of ``typ`` only)."""
    return {(e.type, c, t, e.factuality) for e in doc(text).events if typ is None or e.type == typ
            for c in [p.code for p in e.source] for t in [p.code for p in e.target]}


def dated_dyads(analyzer: Analyzer, text: str, dct: str = "2016-02-20") -> set[tuple]:
    """(type, source code, target code, factuality) of every event of a text of date ``dct`` read by
    ``analyzer``, a side with no participant as None (the session tests' reading)."""
    d = analyzer(Article(doc_id="t", text=text, dct=dct)).to_dict()
    return {(e["type"], s.get("code"), t.get("code"), e["factuality"])
            for e in d["events"] for s in e["source"] or [{}] for t in e["target"] or [{}]}


@lru_cache(maxsize=None)
def shared_analyzer(**settings) -> Analyzer:
    """``Analyzer(**settings)``, built once per session for each set of settings (building one
    loads its models: a fifth of a second each time). Only for tests that read with it: a test
    that changes an analyzer's attributes (``coder_mode``, ``learned``, ``coder`` ...) builds its own."""
    return Analyzer(**settings)


def space_tokens(text: str):
    """The tokens of a text split at spaces, with their offsets (for the tests of single functions)."""
    from lagebild.text import Token
    out, at = [], 0
    for i, w in enumerate(text.split()):
        out.append(Token(i=i, text=w, start=at, end=at + len(w)))
        at += len(w) + 1
    return out
