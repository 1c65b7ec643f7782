"""Event cues: the verb and noun cue lexicon (``lang/de/verbs.tsv``, ``cues.tsv``) and lemmas."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import simplemma


@dataclass(frozen=True)
class Cue:
    cue: str
    kind: str
    type: str
    mode: str | None
    targets: tuple[str, ...]
    requires: tuple[str, ...]

    @property
    def clause_bound(self) -> bool:
        """Whether every word the row requires must stand in the verb's own clause (verbs.tsv "cl:":
        "stoppte die Gaslieferungen"), a sense the verb has only with them."""
        return bool(self.requires) and all(w.startswith("cl:") for w in self.requires)


@dataclass
class Lexicon:
    verbs: dict[str, list[Cue]]
    nouns: dict[str, list[Cue]]
    cues: dict[str, set[str]]        # word -> classes
    heads: dict[str, list[Cue]] = field(default_factory=dict)   # compound heads ("-treffen")
    _noun_memo: dict[str, list[Cue] | None] = field(default_factory=dict, repr=False, compare=False)

    def is_(self, word: str, cls: str) -> bool:
        return cls in self.cues.get(word, ())

    def is_prefixed(self, word: str, cls: str) -> bool:
        """Whether ``word`` is of cues.tsv class ``cls``, a listed "x*" being a prefix the word begins
        with ("vereitelt*": "vereitelten")."""
        return self.is_(word, cls) or any(self.is_(word[:n] + "*", cls) for n in range(3, len(word) + 1))

    def quotes(self, form: str, lem: str) -> bool:
        """Whether a verb introduces a quote besides the verbs of saying ("forderte", "warnte": cues.tsv
        class ``quote_verb``, by its lemma or its lower-cased form)."""
        return self.is_(lem, "quote_verb") or self.is_(form, "quote_verb")

    def says(self, form: str, lem: str) -> bool:
        """Whether a verb says or introduces a quote (cues.tsv ``speech`` by its lemma, or ``quotes``)."""
        return self.is_(lem, "speech") or self.quotes(form, lem)

    def particle_only(self, verb: str) -> bool:
        """Whether ``verb`` (a lemma) is, without a separable particle the lexicon lists, another
        verb than its particle verbs (cues.tsv class ``particle_only``: "werfen" is not "vorwerfen",
        "weisen" not "zurückweisen": "Demonstranten warfen Steine", "wies das Ministerium an"); a
        listed word, not every base of a particle verb ("marschierten gegen ..." is a protest)."""
        return verb not in self.verbs and self.is_(verb, "particle_only")

    def noun_cues(self, word: str) -> list[Cue] | None:
        """Noun cues of a lower-cased token: the form itself, an inflected form ("Angriffen",
        "Treffens"), a hyphenated compound by its last part ("EU-Sanktionen") or a closed
        compound by a head listed as ``-head`` in verbs.tsv ("Krisentreffen")."""
        if word not in self._noun_memo:
            self._noun_memo[word] = self._noun_cues(word)
        return self._noun_memo[word]

    def _noun_cues(self, word: str) -> list[Cue] | None:
        hit = _inflected(self.nouns, word, min_stem=4)
        if hit or len(word) < 6:
            return hit
        if "-" in word:
            head = word.rsplit("-", 1)[1]
            return _inflected(self.nouns, head, min_stem=4) or self._compound(head) if len(head) >= 4 else None
        return self._compound(word)

    def _compound(self, word: str) -> list[Cue] | None:
        for i in range(3, len(word) - 4):          # the longest listed head wins
            hit = _inflected(self.heads, word[i:])
            if hit:
                return hit
        return None


NOUN_ENDINGS = ("n", "s", "en", "es", "ns")      # "Angriffen", "Treffens", "Gipfels"


def _inflected(table: dict[str, list[Cue]], word: str, min_stem: int = 1) -> list[Cue] | None:
    """The cues of a noun form or of its stem without a plural/genitive ending."""
    hit = table.get(word)
    if hit:
        return hit
    for end in NOUN_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= min_stem:
            hit = table.get(word[: -len(end)])
            if hit:
                return hit
    return None


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a cue file under lagebild/lang/de (errors name file and line)."""
    from ..lexicon import read_tsv
    return [row for _, row in read_tsv(name)]


@lru_cache(maxsize=1)
def load_cues() -> Lexicon:
    verbs: dict[str, list[Cue]] = {}
    nouns: dict[str, list[Cue]] = {}
    heads: dict[str, list[Cue]] = {}
    cues: dict[str, set[str]] = {}
    for row in _read_tsv("cues.tsv"):
        cues.setdefault(row["word"], set()).add(row["class"])
    for row in _read_tsv("verbs.tsv"):
        cue = Cue(row["cue"], row["kind"], row["type"], row["mode"] or None,
                  tuple(x for x in row["target"].split("|") if x and x != "-"),
                  _requires(row["requires"], cues))
        if cue.kind == "noun" and cue.cue.startswith("-"):
            # "-treffen": the head of closed compounds ("Krisentreffen", "Gipfeltreffen")
            cue = replace(cue, cue=cue.cue[1:])
            heads.setdefault(cue.cue, []).append(cue)
            continue
        (verbs if cue.kind == "verb" else nouns).setdefault(cue.cue, []).append(cue)
    return Lexicon(verbs, nouns, cues, heads)


def _requires(cell: str, cues: dict[str, set[str]]) -> tuple[str, ...]:
    """The words a verbs.tsv row requires: ``|``-separated words, where ``@class`` stands for every
    word of that cues.tsv class (``@negative_label``: "Farce", "Betrug*", ... for "nannte das Urteil
    eine Farce"), so that one word list serves several verbs."""
    out: list[str] = []
    for x in (x for x in cell.split("|") if x):
        if x.startswith("@"):
            words = sorted(w for w, classes in cues.items() if x[1:] in classes)
            if not words:
                raise ValueError(f"verbs.tsv: requires {x!r} names no class of cues.tsv")
            out += words
        else:
            out.append(x)
    return tuple(out)


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, str]:
    """Forms of cue verbs the lemmatizer misses (``lang/de/verb_forms.tsv``)."""
    return {row["form"]: row["verb"] for row in _read_tsv("verb_forms.tsv")}


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    low = word.lower()
    known = _verb_forms().get(low)
    if known is not None:
        return known
    lem = simplemma.lemmatize(low, lang="de").lower()
    if lem == low:
        if low.endswith("iert") and len(low) > 6:
            return low[:-1] + "en"
        if low.endswith("ierte") or low.endswith("ierten"):
            return low[: low.rindex("ierte")] + "ieren"
    return lem
