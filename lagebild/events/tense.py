"""Tense readings for dating a happening: whether a clause is told in the past ("hat ...
besucht", "wurde ... festgenommen", "griff ... an"), in the Plusquamperfekt ("hatte ...
festgenommen": before the time the story tells), as going on now ("weiterhin"), and whether a
time expression points ahead ("nächste Woche", "morgen"). Both coders bound an event's date by
them (``timex.happening_date``, ``timex.anchor_for_clause``). A perfect infinitive ("Soldaten
verlegt zu haben") tells a deed done: ``reach`` and ``factuality`` read it too."""
from __future__ import annotations

import re

from ..records import Timex
from ..text import Token
from ..timex import told_in_preterite
from .clauses import PAST_AUX, Clause, participle_shape, phrase_at
from .cues import Lexicon, lemma


def _future_words(text: str) -> bool:
    """Whether a time expression's words point ahead ("nächste Woche", "kommenden Montag",
    "morgen", "künftig"): whole words, so that "Montagmorgen" and "am Morgen" (the morning, a
    noun) do not; a capitalised "Morgen" alone is the adverb opening a sentence."""
    words = re.findall(r"[^\W\d_]+", text)
    for w in words:
        low = w.lower()
        if low.startswith(("nächst", "kommend", "künftig")) or low in ("demnächst", "bald"):
            return True
        if low in ("morgen", "übermorgen") and (w == low or len(words) == 1):
            return True
    return False


def _is_future(t: Timex, dct: str | None) -> bool:
    low = t.text.lower()
    if _future_words(t.text) and "vergangen" not in low:
        return True
    if t.value == "FUTURE_REF":
        return True
    if dct and t.value[:4].isdigit() and len(dct) >= 7:
        n = min(len(dct), 10)
        v = t.value[:n]
        return len(v) == n and "W" not in v and v > dct[:n]
    return False


def _told_in_past(c: "Clause") -> bool:
    """Präteritum, Perfekt or Plusquamperfekt for sure: a past auxiliary, or haben/sein with a
    participle closing the clause ("hat ... besucht"); "ist bereit" is not."""
    lows = [t.lower for t in c.tokens if t.text[:1].isalpha()]
    if any(w in ("hatte", "hatten", "war", "waren", "wurde", "wurden") for w in lows):
        return True
    if len(lows) >= 3 and lows[-2] == "zu" and lows[-1] in ("haben", "sein"):
        # a perfect infinitive: "beschuldigt, das Lager am Dienstag bombardiert zu haben"
        return lows[-3].endswith("iert") or (participle_shape(lows[-3]) and lows[-3].endswith(("t", "en")))
    return any(w in ("hat", "haben", "habe", "ist", "sind", "sei", "seien") for w in lows) \
        and any(participle_shape(w) and w.endswith(("t", "en")) and w not in NOT_PARTICIPLES for w in lows[-2:])


#: words of a participle's shape that are adjectives: "ist bereit" tells no past
NOT_PARTICIPLES = frozenset("bereit bekannt bewusst gewiss".split())


def pluperfect(c: "Clause") -> bool:
    """A clause in the Plusquamperfekt ("hatte ... festgenommen", "war ... gereist"): what came
    before the time the story tells, so that time does not date it."""
    lows = [t.lower for t in c.tokens if t.text[:1].isalpha()]
    if any(w in ("hatte", "hatten", "hattest", "hattet") for w in lows):
        return True
    return any(w in ("war", "waren") for w in lows) and bool(lows) \
        and participle_shape(lows[-1]) and lows[-1].endswith(("t", "en"))


def _past_tense(c: "Clause", cue: Token | None = None) -> bool:
    """A clause told in the past for dating its happening: an auxiliary ("hat", "wurde"), a
    Präteritum form where its finite verb stands (``timex.told_in_preterite``: not "verschärfte"
    in "Sie verhängen dann verschärfte Sanktionen") or a cue in the past by its own form."""
    return any(t.lower in PAST_AUX for t in c.tokens) or told_in_preterite(t.text for t in c.tokens) \
        or (cue is not None and cue_in_past(cue))


def cue_in_past(tok: Token) -> bool:
    """A verb cue in the Präteritum by its own form, wherever it stands ("Das Ministerium in Kiew
    dementierte ...", "griff ... an"): a weak verb's -te/-ten/-test, or a strong verb's form that
    is neither the infinitive nor a present form ("griff", "traf", "wies"; not "greift")."""
    low = tok.lower
    if not tok.text[:1].islower() or not low.isalpha():
        return False
    lem = lemma(tok.text)
    if lem == low or not lem.endswith(("en", "ern", "eln")):
        return False
    if low.endswith(("te", "ten")):
        return True
    stem = lem[:-2] if lem.endswith("en") else lem[:-1]
    # a strong verb's past: no present ending and not the present stem ("greift", "trifft")
    return not low.endswith(("t", "st", "e", "en", "n")) and not low.startswith(stem)


def perfect_infinitive(c: Clause) -> bool:
    """An infinitive clause of the past: a participle with "zu haben" or "zu sein" ("Soldaten
    verlegt zu haben", "getötet worden zu sein"): about a deed done, never a plan."""
    w = c.lowers
    return c.kind == "infinitive" and len(w) >= 3 and w[-2] == "zu" and w[-1] in ("haben", "sein")


def ongoing(c: Clause, lex: Lexicon) -> bool:
    """Whether the clause says its happening goes on now (cues.tsv class ``ongoing``: "weiterhin",
    "derzeit", "nach wie vor"; one to three words): a time a plan of the paragraph set does not
    date it (``timex.anchor_for_clause``), for both coders."""
    return any(phrase_at(c.lowers, j, lex, "ongoing") for j in range(len(c.lowers)))
