"""Sentence structure for the event coder: where a mention stands to a cue word in the parse.

The parser (``lagebild.depparse``) labels in ParZu's scheme. Auxiliaries, modals and the
werden-passive head the verb they go with ("wurde/root ... festgenommen/aux"), and the subject
hangs on the finite verb, the objects on the full verb; so a cue verb's participants are
found on its **verb group**: the cue, the verbs it hangs on by ``aux`` and those hanging on it
by ``aux``. A coordinated mention ("Russland und China") stands where its first conjunct
stands, an apposition ("der Präsident, Putin") where its noun stands; a preposition's noun
is named with the preposition ("pp:gegen"); a genitive is marked ("subj/gmod": "die Truppen
Russlands"). Where the cue's group is itself a conjunct or the object of another verb
("... und nahmen sie fest"; "startete einen Angriff"), the mention's place on that governing
group counts too, with the way up named ("up:cj:subj", "up:obja:subj"; "up:pn:mit:subj": "droht
mit einem Angriff"). The werden-passive is the one of a participle ("wurde ... festgenommen":
"subj|pass"), not the future ("wird ... angreifen": "subj").
"""
from __future__ import annotations

from collections.abc import Sequence

from .events.clauses import WERDEN_PASSIVE, werden_participle
from .text import SentenceTokens

LINK = frozenset({"cj", "kon", "app"})     # same place as the token they hang on
PREP = frozenset({"pp", "objp"})
MAX_CLIMB = 8


def parse_sentences(model, sentences: Sequence[SentenceTokens]) -> None:
    """Set ``heads`` and ``deps`` of each sentence from the parser ``model`` (a DepModel)."""
    todo = [st for st in sentences if st.tokens]
    if not todo:
        return
    for st, (heads, deps) in zip(todo, model.parse([[t.text for t in st.tokens] for st in todo])):
        st.heads, st.deps = heads, deps


def span_head(st: SentenceTokens, i: int, j: int) -> int:
    """The token of ``tokens[i:j]`` whose head lies outside the span (the last such: a
    name's last word in "Wladimir Putin"), or ``j - 1``."""
    heads = st.heads
    out = [x for x in range(i, j) if not (i <= heads[x] < j) or heads[x] == x]
    return out[-1] if out else j - 1


def verb_group(st: SentenceTokens, k: int) -> set[int]:
    """The cue ``k``, the verbs it hangs on by ``aux`` and those hanging on them by ``aux``."""
    heads, deps = st.heads, st.deps
    top = k
    for _ in range(MAX_CLIMB):
        if deps[top] != "aux" or heads[top] == top:
            break
        top = heads[top]
    group = {top}
    frontier = [top]
    while frontier:
        x = frontier.pop()
        for y, h in enumerate(heads):
            if h == x and y != x and deps[y] == "aux" and y not in group:
                group.add(y)
                frontier.append(y)
    group.add(k)
    return group


def _top(st: SentenceTokens, group: set[int]) -> int:
    return next(x for x in group if st.heads[x] not in group or st.heads[x] == x)


def _place(st: SentenceTokens, h: int, group: set[int]) -> str | None:
    """The label under which token ``h`` (climbing through coordination, apposition,
    prepositions and genitives) hangs on ``group``; None when it does not."""
    heads, deps, toks = st.heads, st.deps, st.tokens
    prep, via, x = "", "", h
    for _ in range(MAX_CLIMB):
        hd, lab = heads[x], deps[x]
        if hd == x:
            return None
        if hd in group:
            if lab in PREP:
                return f"pp:{toks[x].lower}{via}"
            return f"{lab}{prep}{via}"
        if lab in LINK:
            x = hd
        elif lab == "pn":
            prep = f":{toks[hd].lower}"
            x = hd
        elif lab == "gmod":
            via += "/gmod"
            x = hd
        else:
            return None
    return None


def attachment(st: SentenceTokens, i: int, j: int, k: int) -> str:
    """Where the mention ``tokens[i:j]`` stands to the cue ``tokens[k]`` (same sentence):
    its label on the cue's verb group ("subj", "obja", "pp:gegen", "subj/gmod"; "...|pass"
    in the werden-passive), on the group governing it ("up:cj:subj"), "inside" (the cue is in
    the mention), "none", or "noparse" where the sentence was not parsed."""
    if st.heads is None:
        return "noparse"
    if i <= k < j:
        return "inside"
    h = span_head(st, i, j)
    group = verb_group(st, k)
    passive = werden_participle(st.tokens[k]) and any(st.tokens[x].lower in WERDEN_PASSIVE
                                                      for x in group if x != k)
    place = _place(st, h, group)
    if place is not None:
        return place + ("|pass" if passive else "")
    top = _top(st, group)
    up = st.deps[top]
    gov = st.heads[top]
    if gov == top:
        return "none"
    if up == "cj" and st.deps[gov] == "kon" and st.heads[gov] != gov:   # "... und nahmen fest"
        gov = st.heads[gov]
    elif up == "pn" and st.deps[gov] in PREP and st.heads[gov] != gov:  # "droht mit einem Angriff"
        up = f"pn:{st.tokens[gov].lower}"
        gov = st.heads[gov]
    place = _place(st, h, verb_group(st, gov))
    return f"up:{up}:{place}" if place is not None else "none"


def cue_label(st: SentenceTokens, k: int) -> str:
    """The label of the cue's verb group in its sentence ("root", "objc", "obja", ...)."""
    if st.heads is None:
        return "noparse"
    return st.deps[_top(st, verb_group(st, k))]


def coarse(rel: str) -> str:
    """An attachment without the preposition's word and the place on the governing group:
    "pp:gegen|pass" -> "pp|pass", "subj|pass" -> "subj|pass", "up:obja:subj" -> "up:obja"."""
    base, sep, tail = rel.partition("|")
    head = ":".join(base.split(":")[:2]) if base.startswith("up:") else base.split(":")[0]
    return head + sep + tail
