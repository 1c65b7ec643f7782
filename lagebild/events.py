"""Event stage: clauses -> PLOVER events with factuality, condition, attribution, magnitude.

German sentence structure is read with light rules instead of a parser:
clauses are cut at commas, dashes, colons and clause-joining "und"; a clause that
starts with a subordinator is subordinate, one that starts with "solange", "falls",
"wenn" ... (or follows "unter der Bedingung") is a condition. Verb cues come from
``lang/de/verbs.tsv`` (lemmas via simplemma; separable particles at the clause end
are joined: "weist ... zurück" -> "zurückweisen"); noun cues also in inflected forms and
compounds (``-head`` rows: "Krisentreffen"); factuality and reported-speech cues, and the
word classes the rules below consult (unreal nouns, promise verbs, material words, cues that
need a named target, ...), from ``lang/de/cues.tsv``.

Beyond the clause's own subject and object the coder uses a few structural readings of German
news text, each tested in ``tests/test_event_rules.py``: what is demanded, promised or alleged
is the content of that act, not an event of its own; relative clauses act through their
antecedent; object-first clauses with a masculine subject after the verb; headline participles
and stative passives; the owner of the object, recipients of money and the story's other side
as targets; "das Nachbarland" through ``lang/de/borders.tsv``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

import simplemma

from .actors import ActorIndex, Mention
from .records import Event, Evidence, Magnitude, Participant, Place, Sentence, Span, Timex
from .text import SentenceTokens, Token
from .timex import event_date

BOUNDARY = frozenset({",", ";", ":", "–", "—"})
# words that may stand in a bare list of names ("Deutschland, Frankreich und Polen")
LIST_WORDS = frozenset("und sowie oder der die das des dem den aus von in mit an auch".split())
QUOTE_MARKS = frozenset({"„", "“", "”", "\"", "«", "»"})
CONJ_SPLIT = frozenset({"und", "aber", "sondern", "doch", "oder"})
RELATIVE = frozenset("der die das dem den deren dessen denen welche welcher welches was wo".split())
WERDEN_PASSIVE = frozenset("wurde wurden worden werden wird werde würden".split())
NEEDS_TARGET = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                          "SANCTION", "COERCE", "ASSAULT", "AID", "COOPERATE"})
# cooperation that, when negated, is a refusal (PLOVER REJECT)
REFUSABLE = frozenset({"AGREE", "SUPPORT", "COOPERATE"})
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "ACCUSE"})
BETWEEN_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})   # "Gespräche zwischen X und Y"
# types whose target, when none is named, is the home country of a home-country source
DOMESTIC_TARGET = frozenset({"PROTEST", "COERCE", "ASSAULT", "RETREAT", "CONCEDE", "REQUEST", "ACCUSE",
                             "REJECT", "SANCTION", "THREATEN", "SUPPORT", "AGREE"})
# verbal acts whose addressee is often the other party of the story, not named in the clause
VERBAL_FALLBACK = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AID"})
_ZU_INFIX = re.compile(r"^(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|los|mit|nach|vor|weg|zurück|zusammen|"
                       r"bereit|teil|statt|fort|dar|heraus|hervor)zu[a-zäöüß]{3,}en$")
# verbs whose plural subject acts on itself: "X und Y vereinbarten ..."
THREAT_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE"})
MUTUAL_VERBS = frozenset("vereinbaren einigen verhandeln zusammenarbeiten kooperieren kämpfen treffen".split())
NP_START = frozenset("der die das ein eine".split())
PLACE_PREPS = frozenset("in im ins nach aus bei zur zum".split())
LEAD_WORDS = frozenset("der die das ein eine auch und mehrere einige viele".split())
POSSESSIVES = frozenset("sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere".split())
MODAL_INF = frozenset("wollen will wolle wollte wollten sollen soll solle sollte sollten werden wird werde "
                      "möchte möchten plant planen planten beabsichtigt".split())
THING_DETS = frozenset("der die das ein eine dieser diese dieses jene jener kein keine".split())
SCALE_WORDS = frozenset("million millionen milliarde milliarden mio mio. mrd mrd.".split())
FORCES = frozenset({"MIL", "COP", "REB", "UAF", "SPY"})
# "..., sollten sie sich nicht zurückziehen": a verb-first condition has its subject right after the verb
INVERSION_SUBJECTS = frozenset("sie er es die der das ein eine diese dieser man wir ihr du ich".split())
KONJ1 = frozenset("habe sei seien wolle werde müsse könne solle gebe stehe liege komme wolle dürfe".split())


# Fallbacks: ways to fill a participant the clause does not name. Each is a named policy
# that can be switched off (EventCoder(fallbacks=...)); a participant filled by one carries
# ``inferred`` with the policy's name. The defaults keep those that name a participant the
# text supports (the state where a court or police act happens, the people of the place of a
# protest) and switch off those that guess from the story as a whole.
FALLBACKS = {
    "place_state": True,      # "In Kuba wurden Dissidenten festgenommen": the state of the place acts
    "place_people": True,     # "zu Protesten in Istanbul": the people of that place protest
    "nearest": False,         # no target: the nearest earlier actor of another code
    "other_side": False,      # a threat with no one named: the story's most named other country
    "neighbour": True,        # "ins Nachbarland": the source's neighbour the story names most
    "home_source": False,     # no source: the story's home country acts
    "home_target": False,     # a home-country act with no target: it acts at home
    "home_fighting": False,   # agentless fighting: home country against home country
}


@dataclass(frozen=True)
class Cue:
    cue: str
    kind: str
    type: str
    mode: str | None
    targets: tuple[str, ...]
    requires: tuple[str, ...]


@dataclass
class Lexicon:
    verbs: dict[str, list[Cue]]
    nouns: dict[str, list[Cue]]
    cues: dict[str, set[str]]        # word -> classes
    heads: dict[str, list[Cue]] = field(default_factory=dict)   # compound heads ("-treffen")
    _noun_memo: dict[str, list[Cue] | None] = field(default_factory=dict, repr=False, compare=False)

    def is_(self, word: str, cls: str) -> bool:
        return cls in self.cues.get(word, ())

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
    from .lexicon import read_tsv
    return [row for _, row in read_tsv(name)]


@lru_cache(maxsize=1)
def load_cues() -> Lexicon:
    verbs: dict[str, list[Cue]] = {}
    nouns: dict[str, list[Cue]] = {}
    heads: dict[str, list[Cue]] = {}
    for row in _read_tsv("verbs.tsv"):
        cue = Cue(row["cue"], row["kind"], row["type"], row["mode"] or None,
                  tuple(x for x in row["target"].split("|") if x and x != "-"),
                  tuple(x for x in row["requires"].split("|") if x))
        if cue.kind == "noun" and cue.cue.startswith("-"):
            # "-treffen": the head of closed compounds ("Krisentreffen", "Gipfeltreffen")
            cue = replace(cue, cue=cue.cue[1:])
            heads.setdefault(cue.cue, []).append(cue)
            continue
        (verbs if cue.kind == "verb" else nouns).setdefault(cue.cue, []).append(cue)
    cues: dict[str, set[str]] = {}
    for row in _read_tsv("cues.tsv"):
        cues.setdefault(row["word"], set()).add(row["class"])
    return Lexicon(verbs, nouns, cues, heads)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    low = word.lower()
    lem = simplemma.lemmatize(low, lang="de").lower()
    if lem == low:
        if low.endswith("iert") and len(low) > 6:
            return low[:-1] + "en"
        if low.endswith("ierte") or low.endswith("ierten"):
            return low[: low.rindex("ierte")] + "ieren"
    return lem


_NUM = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_NUM_WORDS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
              "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
              "fünfzig": 50, "hundert": 100, "tausend": 1000, "dutzend": 12, "dutzende": 12,
              "hunderte": 100, "tausende": 1000, "zehntausende": 10000, "hunderttausende": 100000}
_QUAL = {"mehr als": "more_than", "über": "more_than", "rund": "about", "etwa": "about", "ungefähr": "about",
         "circa": "about", "ca.": "about", "fast": "about", "knapp": "about", "mindestens": "at_least",
         "wenigstens": "at_least", "bis zu": "up_to", "weniger als": "less_than", "unter": "less_than",
         "höchstens": "up_to"}
_SCALE = {"millionen": 1e6, "million": 1e6, "mio.": 1e6, "mio": 1e6, "milliarden": 1e9, "milliarde": 1e9,
          "mrd.": 1e9, "tausend": 1e3}
UNITS = {"soldat": "soldiers", "soldaten": "soldiers", "truppen": "soldiers", "kämpfer": "fighters",
         "tote": "deaths", "toten": "deaths", "todesopfer": "deaths", "menschen": "people", "personen": "people",
         "zivilisten": "civilians", "demonstranten": "protesters", "teilnehmer": "protesters",
         "flüchtlinge": "refugees", "migranten": "migrants", "verletzte": "injured", "verletzten": "injured",
         "festnahmen": "arrests", "festgenommene": "arrests", "panzer": "tanks", "raketen": "missiles",
         "euro": "EUR", "dollar": "USD", "polizisten": "police", "einsatzkräfte": "police",
         "gefangene": "prisoners", "häftlinge": "prisoners", "geiseln": "hostages"}
_MAG = re.compile(
    r"(?P<qual>(?i:mehr als|über|rund|etwa|ungefähr|circa|ca\.|fast|knapp|mindestens|wenigstens|bis zu|"
    r"weniger als|unter|höchstens))?\s*(?P<num>" + _NUM + r"|(?i:" + "|".join(_NUM_WORDS) + r"))"
    r"(?:\s+(?P<scale>Millionen|Million|Mio\.?|Milliarden|Milliarde|Mrd\.|Tausend))?"
    r"\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+){0,2}(?P<unit>[A-ZÄÖÜ][a-zäöüß]+)\b")


def find_magnitude(text: str) -> Magnitude | None:
    for m in _MAG.finditer(text):
        unit = m.group("unit").lower()
        if unit not in UNITS:
            continue
        raw = m.group("num").lower()
        if raw in _NUM_WORDS:
            value = float(_NUM_WORDS[raw])
        else:
            value = float(raw.replace(".", "").replace(",", "."))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        qual = _QUAL.get((m.group("qual") or "").lower(), "exact")
        if raw in ("dutzende", "hunderte", "tausende", "zehntausende", "hunderttausende"):
            qual = "more_than"
        return Magnitude(value=int(value) if value.is_integer() else value, unit=UNITS[unit], qualifier=qual)
    return None


_FUTURE_WORDS = ("nächst", "kommend", "morgen", "übermorgen", "künftig", "demnächst", "bald")
PAST_AUX = frozenset("hatte hatten hat haben habe war waren ist sind wurde wurden".split())


def _is_future(t: Timex, dct: str | None) -> bool:
    low = t.text.lower()
    if any(w in low for w in _FUTURE_WORDS) and "vergangen" not in low:
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
    return any(w in ("hat", "haben", "habe", "ist", "sind", "sei", "seien") for w in lows) \
        and any(_participle_shape(w) and w.endswith(("t", "en")) for w in lows[-2:])


def _past_tense(c: "Clause") -> bool:
    return any(t.lower in PAST_AUX for t in c.tokens) or any(
        t.lower.endswith("te") and lemma(t.text) != t.lower and t.text[:1].islower() for t in c.tokens[:4])


@dataclass
class Clause:
    sent: int
    tokens: list[Token]
    kind: str = "main"              # main | sub | condition | infinitive
    starts_with: str = ""
    mentions: list[Mention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def lowers(self) -> list[str]:
        return [t.lower for t in self.tokens]


def lex_adjective(word: str) -> bool:
    from .lexicon import load_lexicon
    return word in load_lexicon().adjectives


FUNCTION_WORDS = frozenset("der die das den dem des ein eine einen einem einer eines und oder sowie von "
                           "aus in im am an auf mit für bei nach vor zu zur zum über unter auch".split())


def _has_verb(toks: list[Token]) -> bool:
    """Whether a token run has something that can be a verb (lower case, inflected, not attributive)."""
    for k, t in enumerate(toks):
        if not t.text[:1].islower() or t.lower in FUNCTION_WORDS or not t.text.isalpha():
            continue
        if _attributive(toks, k):
            continue
        if lemma(t.text) != t.lower or t.lower.endswith(("en", "ern", "eln", "t")):
            return True
    return False


def _verbish(tok: Token) -> bool:
    if not tok.text[:1].islower():
        return False
    lem = lemma(tok.text)
    return lem.endswith(("en", "ern", "eln")) and tok.lower not in ("den", "einen", "seinen", "ihren", "diesen")


def _shared_auxiliary(toks: list[Token], k: int) -> bool:
    """'finanziert und unterstützt zu haben', 'getötet und verletzt worden': two participles
    joined by und that share what follows them; one clause."""
    prev = toks[k - 1] if k else None
    tail = [t.lower for t in toks[k + 2: k + 5]]
    return prev is not None and prev.text[:1].islower() and prev.text.isalpha() and bool(tail) \
        and (tail[0] in ("zu", "haben", "worden", "werden", "wurden", "wird", "sein", ".") or tail[0] in PAST_AUX)


def _list_comma(toks: list[Token], k: int) -> bool:
    """A comma inside a list of nouns: "X, Y und Z" (a noun before it, nouns and adjectives up to
    und/sowie/oder after it)."""
    if k == 0 or not toks[k - 1].is_cap:
        return False
    for t in toks[k + 1: k + 6]:
        if t.lower in ("und", "sowie", "oder"):
            return True
        if t.text == "," or not (t.is_cap or lex_adjective(t.lower) or t.lower in LIST_WORDS
                                 or _attributive_adj(t.lower)):
            return False
    return False


def _attributive_adj(word: str) -> bool:
    return word.endswith(("ische", "ischen", "ischer", "ländische", "ländischen"))


def split_clauses(st: SentenceTokens, lex: Lexicon) -> list[Clause]:
    clauses: list[Clause] = []
    cur: list[Token] = []
    toks = st.tokens

    hard: set[int] = set()      # clauses that follow a colon, semicolon or dash

    def flush() -> None:
        if cur:
            clauses.append(Clause(st.sentence.index, list(cur)))
            cur.clear()

    for k, t in enumerate(toks):
        if t.text == "," and _list_comma(toks, k):
            continue            # "für Syrien, UN-Organisationen und den Libanon": one clause
        if t.text in BOUNDARY:
            flush()
            if t.text != ",":
                hard.add(len(clauses))
            continue
        if t.lower in CONJ_SPLIT and cur and k + 1 < len(toks) and _verbish(toks[k + 1]) \
                and lemma(toks[k + 1].text) not in ("sein",) \
                and not (t.lower == "und" and _shared_auxiliary(toks, k)):
            flush()
            continue
        cur.append(t)
    flush()
    # a segment that is only a list item or an apposition ("Frankreich", "Ned Price") joins
    # the clause before it
    joined: list[Clause] = []
    for c in clauses:
        words = [t for t in c.tokens if t.text not in (".", "!", "?", "(", ")")]
        if joined and words and all(t.is_cap or t.lower in LIST_WORDS or lex_adjective(t.lower)
                                    for t in words) and words[0].lower not in ("und", "oder"):
            joined[-1].tokens.extend(c.tokens)
        else:
            joined.append(c)
    # a verbless segment before a clause is its fronted subject ("Der Kommissar des Europarats,
    # Nils Muiznieks, hatte ... aufgerufen")
    fronted: list[Clause] = []
    carry: list[Token] = []
    hard_starts = {clauses[k].tokens[0].start for k in hard if k < len(clauses)}
    for n, c in enumerate(joined):
        if carry:
            c.tokens = carry + c.tokens
            carry = []
        if c is not joined[-1] and joined[n + 1].tokens[0].start not in hard_starts \
                and not _has_verb(c.tokens) and not lex.is_(c.tokens[0].lower, "subordinator") \
                and not lex.is_(c.tokens[0].lower, "condition"):
            carry = c.tokens
            continue
        fronted.append(c)
    merged: list[Clause] = []
    for c in fronted:
        c.tokens = [t for t in c.tokens if t.text not in (".", "!", "?")] or c.tokens
        first = c.tokens[0].lower
        c.starts_with = first
        if lex.is_(first, "condition") or (first == "unter" and "bedingung" in c.lowers) \
                or (first in ("sollten", "sollte") and (not merged or c.tokens[0].start in hard_starts
                                                        or (len(c.tokens) > 1 and (c.tokens[1].is_cap or c.tokens[1].lower
                                                            in INVERSION_SUBJECTS)))):
            # "Sollten die Separatisten weitere Gebiete erobern, ...": a condition by inversion
            c.kind = "condition"
        elif first in RELATIVE and merged and not lex.is_(first, "subordinator") and (
                (len(c.tokens) > 2 and c.tokens[-2].lower == "zu") or _ZU_INFIX.match(c.tokens[-1].lower)):
            c.kind = "infinitive"     # "..., den Zuzug zu verhindern": an infinitive, not a relative clause
        elif lex.is_(first, "subordinator") or (first in RELATIVE and merged):
            c.kind = "sub"
        elif (any(t.lower == "zu" for t in c.tokens[-3:]) or any(_ZU_INFIX.match(t.lower) for t in c.tokens[-2:])) \
                and not any(_verbish(t) and t.lower in KONJ1 for t in c.tokens):
            c.kind = "infinitive" if merged else "main"
        # "unter der Bedingung, dass ...": the dass-clause is the condition
        if c.kind == "sub" and first in ("dass", "daß") and merged and "bedingung" in merged[-1].lowers:
            c.kind = "condition"
        merged.append(c)
    return merged


ATTR_BEFORE = frozenset("der die das den dem des ein eine einen einem einer eines kein keine keinen keinem "
                        "keiner zur zum im am vom beim ins seine seinen seiner ihre ihren ihrer diese diesen "
                        "mit von nach bei aus gegen für über auf durch wegen trotz unter vor".split())


_PARTICIPLE_ADJ = re.compile(r"^[a-zäöü]{0,8}ge[a-zäöüß]{2,}(?:t|en)(?:e|en|er|es|em)$")


def _attributive(toks: list[Token], k: int) -> bool:
    """A participle used as an adjective: "der verbotenen Organisation", "die abgeriegelte Stadt",
    "die von der Regierung in Kiew geforderte Aufnahme"."""
    t = toks[k]
    if not t.lower.endswith(("e", "en", "er", "es", "em")) or k + 1 >= len(toks):
        return False
    if not toks[k + 1].is_cap:
        return False
    if k > 0 and _PARTICIPLE_ADJ.match(t.lower) and lemma(t.text) != t.lower:
        return True             # an inflected past participle before a noun
    j = k - 1
    while j >= 0 and toks[j].text[:1].islower() and toks[j].lower not in ATTR_BEFORE and j >= k - 2:
        j -= 1
    return j >= 0 and toks[j].lower in ATTR_BEFORE


def _cue_lemmas(c: Clause, lex: Lexicon) -> list[tuple[Token, str]]:
    """(token, lemma) of verb cues in the clause, separable particles joined."""
    toks = c.tokens
    last = toks[-1].lower if toks else ""
    out = []
    for k, t in enumerate(toks):
        if not t.text[:1].islower() and t is not toks[0]:
            continue
        if t is toks[0] and not t.text[:1].islower() and len(toks) > 1 and toks[1].lower in HEADLINE_AUX:
            continue        # "Einigen sei ... bewusst": a pronoun before the finite verb, not a verb
        if _attributive(toks, k):
            continue
        lem = lemma(t.text)
        # a plural present form is its own infinitive ("weisen ... zurück"); the lemmatizer may
        # read it as another word ("weise")
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        forms = (lem, t.lower) if t.lower.endswith("en") and t.lower != lem \
            and not (nxt is not None and nxt.is_cap) else (lem,)      # not "vor einigen Tagen"
        for f in forms:
            if lex.is_(last, "particle") and t is not toks[-1] and (last + f) in lex.verbs:
                out.append((t, last + f))
                break
            if f in lex.verbs:
                out.append((t, f))
                break
    return out


def _requires_ok(cue: Cue, c: Clause, sentence_lowers: list[str]) -> bool:
    if not cue.requires:
        return True
    words = sentence_lowers
    for r in cue.requires:
        if r.endswith("*"):
            if any(w.startswith(r[:-1]) or r[:-1] in w for w in words):
                return True
        elif r in words:
            return True
    return False


def _pick_cue(cands: list[Cue], c: Clause, sent_lowers: list[str]) -> Cue | None:
    with_req = [x for x in cands if x.requires and _requires_ok(x, c, sent_lowers)]
    if with_req:
        return with_req[0]
    plain = [x for x in cands if not x.requires]
    return plain[0] if plain else None


@dataclass
class RawEvent:
    event: Event
    clause: Clause
    source_m: list[Mention]
    target_m: list[Mention]
    cue_tok: Token
    cue: Cue | None = None
    noun_negated: bool | None = None     # None for verb events
    passive: bool = False


HEADLINE_AUX = PAST_AUX | WERDEN_PASSIVE | MODAL_INF | frozenset("sei seien habe haben wird".split())
SEIN_FORMS = frozenset("ist sind war waren sei seien gewesen".split())
INSEPARABLE = ("be", "ver", "er", "ent", "zer")


def _participle_shape(low: str) -> bool:
    """A past participle by its form: ge- ("getötet", "festgenommen") or an inseparable prefix."""
    return low.startswith("ge") or "ge" in low[2:7] or low.startswith(INSEPARABLE)


def _is_passive(c: Clause, cue_tok: Token, transitive: bool = False) -> bool:
    low = cue_tok.lower
    participle = low != lemma(cue_tok.text) and low.endswith(("t", "en"))
    if transitive and participle and (_participle_shape(low) or low.startswith("an")) \
            and not any(t.lower in WERDEN_PASSIVE or t.lower in ("hat", "haben", "hatte", "hatten", "habe")
                        for t in c.tokens) and any(t.lower in SEIN_FORMS for t in c.tokens):
        return True     # "sind in Belgien angeklagt", "ist festgenommen": the state after a passive
    if not any(t.lower in WERDEN_PASSIVE for t in c.tokens):
        # headline style, no auxiliary: "Zwei Demonstranten erschossen", "Oppositionsführer festgenommen"
        participle = participle and (low.startswith("ge") or "ge" in low[2:7]
                                     or (low.startswith(INSEPARABLE) and low.endswith("en")))
        k = c.tokens.index(cue_tok)
        last = k == len(c.tokens) - 1 or c.tokens[k + 1].lower in ("und", "sowie", "oder")   # "… erschossen und …"
        return c.kind == "main" and c.starts_with not in RELATIVE and last and len(c.tokens) > 1 \
            and participle and not any(t.lower in HEADLINE_AUX for t in c.tokens)
    if low == lemma(cue_tok.text) and not low.endswith("iert"):
        return False            # an infinitive ("wird ... treffen") is future, not passive
    if low.startswith("ge") or "ge" in low[2:6] or low.endswith("iert"):
        return True
    # participles of inseparable verbs have no ge- ("unterstützt", "verhaftet", "bedroht"):
    # a -t/-en form at the clause end, after a form of "werden"
    tail = [t.lower for t in c.tokens if t.start > cue_tok.start]
    return low.endswith(("t", "en")) and all(w in WERDEN_PASSIVE or w in ("sein", "ist") for w in tail)


@lru_cache(maxsize=1)
def load_borders() -> dict[str, frozenset[str]]:
    """Land neighbours per state (``lang/de/borders.tsv``)."""
    return {row["code"]: frozenset(row["borders"].split("|")) for row in _read_tsv("borders.tsv")}


def _neighbour(c: Clause, codes: set, actors: ActorIndex) -> list[Participant]:
    """'das Nachbarland' of the source: the neighbouring state the story names most."""
    near = set().union(*(load_borders().get(code, frozenset()) for code in codes)) if codes else set()
    counts = Counter(m.code for m in actors.mentions if m.code in near and not m.pronoun)
    if not counts:
        return []
    return [_inferred(counts.most_common(1)[0][0], "neighbour")]


def _place_code(ms: list[Mention]) -> str | None:
    """The country of the first "in X" / "im X" place among the mentions."""
    return next((m.code for m in ms if m.prep in ("in", "im") and m.kind == "country" and m.code), None)


def _participants(ms: list[Mention]) -> list[Participant]:
    return [m.participant() for m in ms]


def _coordinated(first: Mention, ms: list[Mention], c: Clause) -> list[Mention]:
    """'X und Y' / 'X, Y und Z': mentions joined to first by und/commas with nothing else between."""
    out = [first]
    toks = c.tokens
    for m in ms:
        if m is first or m.i <= out[-1].i:
            continue
        # tokens between previous mention end and this mention
        between = [t for t in toks if out[-1].end <= t.start < m.start]   # list commas are not clause tokens
        words = [t.lower for t in between]
        both = "sowohl" in c.lowers and words[:2] == ["als", "auch"] \
            and all(w in ("der", "die", "das") for w in words[2:])       # "sowohl X als auch (der) Y"
        joined = not between or both or any(t.lower in ("und", "sowie") for t in between)   # empty: a list comma
        if joined and (both or all(t.lower in ("und", ",", "sowie", "die", "der", "das") or t.lower in POSSESSIVES
                                   for t in between)) and (m.prep is None or m.prep == first.prep):
            out.append(m)
        else:
            break
    return out


def _no_inferred_self_dyad(ev: Event) -> None:
    """An inferred participant never makes an asserted dyad of a code with itself: it is dropped."""
    if ev.factuality != "asserted":
        return
    ev.source = [p for p in ev.source if not (p.inferred and p.code in {q.code for q in ev.target})]
    ev.target = [p for p in ev.target if not (p.inferred and p.code in {q.code for q in ev.source})]


def _inferred(code: str | None, why: str, sector: str | None = None) -> Participant:
    return Participant(actor=None, text=None, code=code, sector=sector, inferred=why)


class EventCoder:
    def __init__(self, fallbacks: dict[str, bool] | None = None) -> None:
        self.lex = load_cues()
        unknown = set(fallbacks or ()) - set(FALLBACKS)
        if unknown:
            raise ValueError(f"unknown fallback policies {sorted(unknown)}; known: {sorted(FALLBACKS)}")
        self.fallbacks = {**FALLBACKS, **(fallbacks or {})}

    def code(self, sentences: list[SentenceTokens], actors: ActorIndex, timexes: list[Timex],
             dct: str | None, text: str = "", quotes: list | None = None) -> list[Event]:
        """Events of one document, in text order (not yet merged)."""
        self._text = text
        self._quotes = quotes or []
        raw: list[RawEvent] = []
        reporter: Mention | None = None
        last_source: list[Mention] = []
        last_consult: RawEvent | None = None
        anchor: tuple[int, Timex] | None = None     # (paragraph, last dated expression) for present tense
        for st in sentences:
            if st.sentence.kind != "body" or not st.tokens:
                continue
            ms = [m for m in actors.in_sentence(st.sentence.index)]
            clauses = split_clauses(st, self.lex)
            for c in clauses:
                c.mentions = [m for m in ms if c.start <= m.start <= c.end]
            sent_lowers = [t.lower for t in st.tokens]
            self._sentence_lowers = sent_lowers
            # reported speech: a clause with a speech verb and a speaker, or laut/zufolge
            speaker, speech_clause = self._speaker(clauses, sent_lowers)
            konj = any(t.lower in KONJ1 for t in st.tokens)
            if speaker is not None:
                reporter = speaker
            elif not konj:
                reporter = None
            sent_events: list[RawEvent] = []
            prev_source: list[Mention] = last_source
            self._speaker_now = speaker
            if speaker is not None:
                # the one who says so is not a participant of what is said ("Nach Angaben der HDP ...")
                for c in clauses:
                    c.mentions = [m for m in c.mentions if m is not speaker]
            for ci, c in enumerate(clauses):
                lead = [m for m in c.mentions if m.prep is None and not m.oblique
                        and all(t.lower in LEAD_WORDS for t in c.tokens if t.start < m.start)]
                if lead and (c.kind == "main" or (c.kind == "infinitive" and lead[0].i == c.tokens[0].i)):
                    prev_source = lead[:1]   # "Die Polizei setzte X ein und nahm Y fest": the subject carries over
                for tok, lem in _cue_lemmas(c, self.lex):
                    cue = _pick_cue(self.lex.verbs[lem], c, sent_lowers)
                    if cue is None:
                        continue
                    if cue.type == "JOIN":
                        self._join([m for m in ms if speech_clause is None or m not in speech_clause.mentions],
                                   last_consult)
                        continue
                    ev = self._verb_event(cue, tok, c, clauses, ci, prev_source, actors, sent_events)
                    if ev is None:
                        continue
                    if ev.source_m:
                        prev_source = ev.source_m
                    sent_events.append(ev)
                joins = any(self.lex.verbs.get(lm) and self.lex.verbs[lm][0].type == "JOIN"
                            for _, lm in _cue_lemmas(c, self.lex))
                for k, t in enumerate(c.tokens):
                    cands = None if joins else self.lex.noun_cues(t.lower)
                    if not cands or not t.is_cap:
                        continue
                    cue = _pick_cue(cands, c, sent_lowers)
                    if cue is None:
                        continue
                    ev = self._noun_event(cue, t, k, c, actors, prev_source)
                    if ev is not None:
                        sent_events.append(ev)
                        if ev.source_m:
                            prev_source = ev.source_m
            sent_events = self._drop_complements(sent_events, clauses)
            # attach factuality, conditions, reporter, magnitude, date
            prev_anchor = anchor[1] if anchor and anchor[0] == st.sentence.paragraph else None
            sent_timexes = [t for t in timexes if t.type in ("DATE", "TIME")
                            and st.sentence.start <= t.start < st.sentence.end]
            specific = [t for t in sent_timexes if t.value[:1].isdigit()]
            if specific:
                anchor = (st.sentence.paragraph, specific[-1])
            elif sent_timexes or (anchor and anchor[0] != st.sentence.paragraph):
                anchor = None     # a vague time ("in den kommenden Tagen") or a new paragraph ends it
            in_report = speaker is not None or (konj and reporter is not None)
            for ev in sent_events:
                self._factuality(ev, clauses, sent_lowers, in_report)
                if speech_clause is not None and ev.clause is not speech_clause and reporter is not None:
                    if not any(m is reporter for m in ev.source_m):
                        ev.event.reported_by = reporter.participant()
                elif speaker is None and konj and reporter is not None and ev.clause.kind != "condition":
                    if not any(m.code == reporter.code for m in ev.source_m):
                        ev.event.reported_by = reporter.participant()
                personal = ev.event.type == "RETREAT" and bool(ev.source_m) \
                    and all(m.kind == "person" and m.sector not in FORCES for m in ev.source_m)  # "trat zurück"
                if not ev.event.target and ev.event.type in DOMESTIC_TARGET and actors.default_code \
                        and not personal and self.fallbacks["home_target"] \
                        and ev.event.source and all(p.code == actors.default_code for p in ev.event.source) \
                        and not any(m.code and m.code != actors.default_code for m in ms):
                    # a home-country actor acting with no one named: it acts at home (police, army,
                    # protesters and government of one country)
                    ev.event.target = [_inferred(actors.default_code, "home")]
                if ev.event.type in THREAT_TYPES and reporter is not None and ev.clause.kind != "condition" \
                        and any(c2.kind == "condition" or c2.starts_with in ("sollten", "sollte") for c2 in clauses) \
                        and (ev.event.factuality in ("hypothetical", "planned") or ev.noun_negated is not None):
                    # a negative act announced under a condition is a threat by the one who says so
                    ev.event.type, ev.event.mode = "THREATEN", None
                    ev.event.factuality = "asserted"
                    if reporter.code not in {p.code for p in ev.event.source}:
                        ev.event.source = [reporter.participant()]
                if "@reporter" in ev.cue.targets and ev.event.reported_by is not None \
                        and ev.event.source and ev.event.reported_by.code not in {p.code for p in ev.event.source}:
                    # "Russland habe die Grundprinzipien in Frage gestellt" (said Baerbock): Baerbock accuses Russia
                    ev.event.target, ev.event.source = ev.event.source, [ev.event.reported_by]
                mag = find_magnitude(self._text[ev.clause.start:ev.clause.end] if self._text else
                                     " ".join(t.text for t in ev.clause.tokens))
                if mag is not None:
                    ev.event.magnitude = mag
                ev.event.evidence = [Evidence(sentence=st.sentence.index, start=st.sentence.start,
                                              end=st.sentence.end, text=st.sentence.text)]
                self._date(ev, timexes, dct, st.sentence, prev_anchor)
                ev.event.location = self._place(ev, ms)
                if ev.event.type == "CONSULT" and ev.source_m:
                    last_consult = ev
            if sent_events:
                srcs = [e.source_m for e in sent_events if e.source_m]
                if srcs:
                    last_source = srcs[-1]
            raw.extend(sent_events)
        out: list[Event] = []
        for r in raw:
            ev = r.event
            _no_inferred_self_dyad(ev)
            reciprocal = bool(ev.source) and ev.target == ev.source
            ev.source = [p for p in ev.source if p.code]
            ev.target = [p for p in ev.target if p.code]
            if not ev.source:
                continue        # who acted is unknown: not an event record we can code
            if not any(p.text for p in ev.source + ev.target) and r.noun_negated is None:
                continue        # no actor named at all (a passive with nobody in it): too vague
            if not reciprocal:
                if ev.type == "CONSULT" and not ev.target:
                    continue    # a meeting with nobody named: no dyad to report
                out.append(ev)
                continue
            # reciprocal: one event per side, the other sides as targets
            for p in ev.source:
                others = [q for q in ev.source if q.code != p.code]
                out.append(replace(ev, source=[p], target=others or [p], evidence=list(ev.evidence)))
        return out

    def _material(self, words: list[str]) -> str | None:
        """'military' or 'economic' when the words name arms or money ("drei Millionen Euro",
        "Waffen", "EU-Syrien-Fonds"), else None."""
        if not any(self.lex.is_(w, "material") or w in SCALE_WORDS or w.endswith("fonds") for w in words):
            return None
        return "military" if any(self.lex.is_(w, "arms") for w in words) else "economic"

    def _drop_complements(self, evs: list[RawEvent], clauses: list[Clause]) -> list[RawEvent]:
        """'X rief Y auf, Z anzuerkennen', 'X sagte zu, Y zu unterstützen', 'baten um Hilfe, um die
        Gewalt zu stoppen', 'X wirft Y vor, Z zu helfen': what is demanded, promised or alleged is
        the content of the REQUEST, AGREE or ACCUSE, not a happening of its own."""
        governing = {id(e.clause) for e in evs if e.cue is not None and e.cue_tok is not None
                     and (e.event.type in ("REQUEST", "ACCUSE") or (e.event.type == "AGREE" and e.cue.kind == "verb"
                                                                   and self.lex.is_(e.cue.cue, "promise")))}
        out = []
        for e in evs:
            if e.noun_negated is not None and any(
                    g.clause is e.clause and g is not e and g.event.type == "REQUEST"
                    and g.cue_tok.start < e.cue_tok.start for g in evs):
                continue        # "forderten die Freilassung der Gefangenen": the demand's object
            if e.noun_negated is not None and e.event.type == "RETREAT" and any(
                    g.clause is e.clause and g is not e and g.event.type == "CONCEDE" and g.noun_negated is None
                    for g in evs):
                continue        # "kündigt seinen Rückzug an": the announcement is the concession
            k = next((n for n, c in enumerate(clauses) if c is e.clause), None)
            if k and (e.clause.kind == "infinitive" or e.clause.starts_with == "um") \
                    and id(clauses[k - 1]) in governing \
                    and id(e.clause) not in governing:
                continue
            out.append(e)
        return out

    def _join(self, mentions: list[Mention], consult: "RawEvent | None") -> None:
        """'X und Y nehmen an dem Gespräch teil' / 'Auch X sei vertreten': more participants."""
        if consult is None:
            return
        known = {(p.code, p.text) for p in consult.event.target} | {(p.code, p.text) for p in consult.event.source}
        for m in mentions:
            if m.code and (m.code, m.text) not in known and not m.genitive_of:
                consult.event.target.append(m.participant())
                known.add((m.code, m.text))

    def _quote_speaker(self, c: Clause) -> Participant | None:
        for q in self._quotes:
            if q.start <= c.start < q.end and q.speaker is not None:
                return q.speaker
        return None

    # -- speakers ---------------------------------------------------------------------------
    def _speaker(self, clauses: list[Clause], lowers: list[str]) -> tuple[Mention | None, Clause | None]:
        for c in clauses:
            lems = [lemma(t.text) for t in c.tokens]
            last = c.tokens[-1].lower
            particle = self.lex.is_(last, "particle")
            # "sagte ... zu" is zusagen (a promise), not sagen
            speech = any((self.lex.is_(lm, "speech") and not (particle and last + lm in self.lex.verbs
                                                             and not self.lex.is_(last + lm, "speech")))
                         or (particle and self.lex.is_(last + lm, "speech")) for lm in lems)
            if speech and any(self._speech_is_event(v, c, lowers) for v in
                              [last + lm for lm in lems if particle] + lems):
                speech = False      # "kündigt seinen Rückzug an": the announcement is the event
            for k, w in enumerate(c.lowers):
                if w in ("laut", "angaben"):       # "laut X", "nach Angaben (der) X"
                    after = [m for m in c.mentions if not m.in_quote and c.tokens[k].end <= m.start
                             and m.start - c.tokens[k].end < 40]
                    if after:
                        return after[0], c
                elif w == "zufolge":                # "X zufolge"
                    before = [m for m in c.mentions if not m.in_quote and m.end <= c.tokens[k].start]
                    if before:
                        return before[-1], c
            if speech and len(clauses) > 1:
                cand = [m for m in c.mentions if not m.in_quote and not m.genitive_of
                        and (m.prep in (None, "aus", "von"))]
                if cand:
                    return cand[0], c
        return None, None

    def _speech_is_event(self, verb: str, c: Clause, lowers: list[str]) -> bool:
        """A speech verb that is an event cue here, its required words present ("ankündigen" +
        "Rückzug" is a CONCEDE)."""
        if not self.lex.is_(verb, "speech") or verb not in self.lex.verbs:
            return False
        return any(cue.requires and _requires_ok(cue, c, lowers) for cue in self.lex.verbs[verb])

    # -- verb events ------------------------------------------------------------------------
    def _verb_event(self, cue: Cue, tok: Token, c: Clause, clauses: list[Clause], ci: int,
                    prev_source: list[Mention], actors: ActorIndex, done: list[RawEvent]) -> RawEvent | None:
        ms = c.mentions
        passive = _is_passive(c, tok, transitive="acc" in cue.targets)
        if passive and self.lex.is_(cue.cue, "passive_other_sense"):
            return None        # "Schulen wurden getroffen": hit, not met
        if self.lex.is_(cue.cue, "reflexive_other_sense") and "sich" in c.lowers:
            return None        # "hätten sich nicht ausgewiesen": showed no papers, expelled no one
        free = [m for m in ms if m.prep is None and not m.genitive_of]
        if passive:
            # the agent "von den EU-Staaten" stands nearest the participle; an earlier "von X"
            # often belongs to a noun ("die Unterstützung von UN-Organisationen")
            # "von X" right after a noun belongs to the noun ("des Besuchs von Papst Franziskus")
            agents = [m for m in ms if m.prep in ("von", "durch") and m.start < tok.start
                      and not self._after_noun(c, m, places=m.kind == "country")]
            source = agents[-1:]
            target = [m for m in free if not m.oblique][:1] or [m for m in ms if m.prep is None][:1]
            place = _place_code(ms)
            judicial = cue.type == "SANCTION" or (cue.type == "ACCUSE" and cue.mode in ("sue", "investigate"))
            if not source and judicial and place and self.fallbacks["place_state"]:
                # "In Belgien sind mehrere Verdächtige angeklagt": the state where it happens
                source_p = [_inferred(place, "place")]
            elif not source and cue.type == "COERCE" and (place or any(m.code for m in target)) \
                    and self.fallbacks["place_state"]:
                # "In Kuba wurden Dissidenten festgenommen": the state where it happens
                source_p = [_inferred(place or next(m.code for m in target if m.code), "place")]
            elif not source and actors.default_code and self.fallbacks["home_source"]:
                source_p = [_inferred(actors.default_code, "home")]
            else:
                source_p = _participants(source)
        else:
            # a zu-infinitive has no subject of its own: its actor is the main clause's subject
            nom = [m for m in free if not m.oblique] if c.kind != "infinitive" or not prev_source else []
            if nom and c.kind == "main" and c.tokens[0].lower in NP_START and nom[0].start > tok.start \
                    and not any(m.start < tok.start and m.prep is None for m in ms):
                # "Ein Leitartikel forderte Obama auf": the subject is a thing; Obama is the object
                target_only = nom
                nom = []
            else:
                target_only = []
            late = self._masculine_subject_after(c, tok, nom)
            if late is not None:
                # "Die Kirche Kubas lobte der Papst": the unambiguous nominative "der Papst" after
                # the verb is the subject; the fronted "die Kirche" is the object
                nom = [late] + [m for m in nom if m is not late]
                free = [m for m in free if m is not late]
            source = _coordinated(nom[0], nom, c) if nom else []
            we = self._quote_speaker(c) if any(t.lower in ("wir", "ich") for t in c.tokens) else None
            if not source and we is not None:
                source_p = [we]
            elif not source and target_only:
                pass
            elif not source and c.kind == "main" and self._thing_subject(c, tok, ms):
                source = []     # "Die Übereinkunft soll verhindern, ...": a thing acts, no actor
            elif not source:
                source = list(prev_source) if c.kind in ("infinitive", "main", "sub") else []
                if c.kind == "sub" and c.starts_with in ("dass", "daß", "ob") and not nom:
                    source = []
                elif c.kind == "sub" and c.starts_with in RELATIVE and not self.lex.is_(c.starts_with, "subordinator"):
                    # "Gruppen, die zu Hass aufrufen": the relative pronoun's antecedent acts
                    source = self._antecedent(c, actors)
            if source or we is None:
                source_p = _participants(source)
            target = []
            for m in ms:
                if m in source:
                    continue
                if m.prep and m.prep in cue.targets or (m.prep in ("zur", "zum") and "zu" in cue.targets) \
                        or (m.prep == "im" and "in" in cue.targets) or (m.prep == "ins" and "in" in cue.targets):
                    target.append(m)
                elif m.prep is None and ("acc" in cue.targets or "dat" in cue.targets) and (
                        not m.genitive_of or (source and m.start > max(x.end for x in source) + 3)):
                    # the object, or the owner of the object: "kritisierte den Umgang Israels"
                    target.append(m)
            if target:
                target = _coordinated(target[0], [m for m in ms if m not in source], c)
            elif cue.targets:
                # "wies die Vorwürfe der Ukraine zurück", "besorgt über die Manöver Chinas": the owner
                # of the object is the target
                owners = [m for m in ms if m.genitive_of and m not in source and m.start > tok.start - 200]
                target = owners[:1]
        if not source_p and not target:
            return None
        if not target and self.lex.is_(cue.cue, "named_target"):
            # "hat verhindert, dass es ein EU-Hauptquartier gibt": the dass-clause may name it
            nxt = clauses[ci + 1] if ci + 1 < len(clauses) else None
            inner = [m for m in nxt.mentions if m.code and m.prep not in PLACE_PREPS and not m.pronoun] \
                if nxt is not None and nxt.starts_with in ("dass", "daß") else []
            if not inner:
                return None        # "Rivalitäten verhindern": no one to act on
            target = inner[:1]
        # same code on both sides of a meeting among allies is fine; a dyad with itself is not
        target_p = _participants(target)
        if not target_p and cue.type in VERBAL_FALLBACK:
            target_p = self._fallback_target(c, source_p, actors, ci, clauses, cue.type)
        if not target_p and any(t.lower.startswith("nachbar") for t in c.tokens) and self.fallbacks["neighbour"]:
            # "ins Nachbarland einmarschieren": the source's neighbour the story names most
            target_p = _neighbour(c, {p.code for p in source_p}, actors)
        mutual = cue.cue in MUTUAL_VERBS or any(t.lower in ("sich", "gegenseitig", "miteinander")
                                                or t.lower.startswith("gemeinsam") for t in c.tokens)
        if not target_p and cue.type in RECIPROCAL and mutual and len({p.code for p in source_p}) > 1:
            # "Xi und Obama trafen sich", "Soldaten und Rebellen liefern sich Gefechte": each side
            # acts on the others; the coder returns one event per source side
            target_p = list(source_p)
        typ, mode = cue.type, cue.mode
        # the clause, or the sentence when the clause is only a verb ("..., wie etwa am Westbalkan,
        # unterstützt werden")
        material = self._material(self._sentence_lowers if len(c.tokens) <= 3 else c.lowers) \
            if typ in ("AGREE", "SUPPORT") else None
        if material:
            # money or arms promised or given ("mit drei Millionen unterstützt"): material aid
            typ, mode = "AID", material
        if typ == "AID" and (not target or passive):
            # "wurden für die EU-Fonds sowie UN-Organisationen 1,1 Milliarden versprochen": the recipients
            src = {id(m) for m in source}
            codes = {p.code for p in source_p}
            recipients = [m for m in ms if m.prep in ("für", "an") and id(m) not in src and m.code
                          and (m.code not in codes or m.name)]      # not a role coded by the story's home
            if recipients:
                target = _coordinated(recipients[0], [m for m in ms if id(m) not in src], c)
                target_p = _participants(target)
        ev = Event(type=typ, mode=mode, source=source_p, target=target_p, cue=tok.text)
        return RawEvent(ev, c, source, target, tok, cue, passive=passive)

    @staticmethod
    def _masculine_subject_after(c: Clause, tok: Token, nom: list[Mention]) -> Mention | None:
        """Object-first main clause: the first noun phrase (die/das: nominative or accusative) stands
        before the verb, a masculine 'der' + person after it."""
        if c.kind != "main" or len(nom) < 2 or not (nom[0].start < tok.start < nom[1].start):
            return None
        def det(m: Mention) -> str:
            before = [t for t in c.tokens if t.end <= m.start][-3:]
            dets = [t.lower for t in before if t.lower in ("der", "die", "das", "den", "dem", "des")]
            return dets[-1] if dets else ""
        first = nom[0]
        if det(first) not in ("die", "das") or first.kind == "person" and first.gender == "m":
            return None
        late = next((m for m in nom[1:] if m.start > tok.start and det(m) == "der" and m.kind == "person"
                     and m.gender == "m"), None)
        return late

    @staticmethod
    def _thing_subject(c: Clause, tok: Token, ms: list[Mention]) -> bool:
        """The clause opens with a noun phrase that is no actor, before the verb: its subject is
        a thing ("Die Übereinkunft soll verhindern", "Der Krieg verhindert viel")."""
        if c.tokens[0].lower not in THING_DETS:
            return False
        before = [t for t in c.tokens[1:] if t.start < tok.start]
        head = next((t for t in before if t.is_cap), None)
        if head is None or any(m.start <= head.start < m.end for m in ms):
            return False
        # only determiners and adjectives between the article and the head noun
        return all(not t.is_cap and t.text.isalpha() for t in before[:before.index(head)])

    def _after_noun(self, c: Clause, m: Mention, places: bool = False) -> bool:
        """Whether the preposition before mention m directly follows an event noun ("des Besuchs
        von X": the visitor, not the agent of the passive), or, for a place, any noun ("die
        Attentäter von Paris")."""
        toks = [t for t in c.tokens if t.end <= m.start]
        k = len(toks) - 1
        while k >= 0 and toks[k].lower not in ("von", "durch"):
            k -= 1
        return k >= 1 and toks[k - 1].is_cap and (places or bool(self.lex.noun_cues(toks[k - 1].lower)))

    def _antecedent(self, c: Clause, actors: ActorIndex) -> list[Mention]:
        """The actor a relative clause hangs on: the mention right before it ("der israelische
        Botschafter in Genf, der ..."), else none (the antecedent is not an actor)."""
        before = [m for m in actors.in_sentence(c.sent) if m.end <= c.start and m.prep not in PLACE_PREPS]
        if not before:
            return []
        m = before[-1]
        gap = self._text[m.end:c.start] if self._text else ""
        places = [p for p in actors.in_sentence(c.sent) if m.end <= p.start and p.end <= c.start]
        if places:
            gap = self._text[places[-1].end:c.start] if self._text else ""
        return [m] if len(gap.strip(" ,")) <= 3 else []

    def _fallback_target(self, c: Clause, source: list[Participant], actors: ActorIndex, ci: int,
                         clauses: list[Clause], typ: str = "") -> list[Participant]:
        """No target in the clause: the nearest earlier actor of another code in this or the last sentence."""
        if not self.fallbacks["nearest"]:
            return self._other_side(c, {p.code for p in source}, actors) \
                if typ == "THREATEN" and self.fallbacks["other_side"] else []
        codes = {p.code for p in source}
        # actors, not places: "in Havanna", "nach Kiew" are where things happen
        ok = [m for m in actors.mentions if m.code and m.code not in codes and not m.genitive_of
              and not m.pronoun and m.prep not in PLACE_PREPS]
        same = [m for m in ok if m.sent == c.sent]
        before = [m for m in same if m.start < c.start]
        if before:
            return [replace(before[-1].participant(), inferred="nearest")]
        # the complement right after the cue's clause: "schlug vor, sich mit Lawrow zu treffen"
        nxt = clauses[ci + 1] if ci + 1 < len(clauses) else None
        if nxt is not None and nxt.kind in ("infinitive", "sub", "main"):
            after = [m for m in ok if m in nxt.mentions]
            if after:
                return [replace(after[0].participant(), inferred="nearest")]
        for back in (1, 2):
            prev = [m for m in ok if m.sent == c.sent - back]
            if prev:
                return [replace(prev[-1].participant(), inferred="nearest")]
        if typ == "THREATEN" and self.fallbacks["other_side"]:
            return self._other_side(c, codes, actors)   # a threat with no one named: the other side
        return []

    @staticmethod
    def _other_side(c: Clause, codes: set, actors: ActorIndex) -> list[Participant]:
        """The story's most named country before this sentence, other than the source's."""
        counts = Counter(m.code for m in actors.mentions if m.code and len(m.code) == 3 and m.code not in codes
                         and not m.pronoun and m.sent < c.sent)
        if counts:
            code, n = counts.most_common(1)[0]
            if n >= 2:
                return [_inferred(code, "other_side")]
        return []

    # -- noun events ------------------------------------------------------------------------
    def _noun_event(self, cue: Cue, t: Token, k: int, c: Clause, actors: ActorIndex,
                    prev_source: list[Mention] | None = None) -> RawEvent | None:
        from .lexicon import load_lexicon
        lex = load_lexicon()
        toks = c.tokens
        source: list[Participant] = []
        # "russische Invasion", "russischen Truppenaufmarsch"
        if k >= 1:
            adj = lex.adjectives.get(toks[k - 1].lower)
            if adj is not None:
                a = toks[k - 1]
                source = [Participant(actor=None, text=a.text, code=adj.code, sector=None,
                                      mention=Span(a.start, a.end, a.text))]
        after = [m for m in c.mentions if m.start > t.start]
        src_mentions: list[Mention] = []
        target_of_by: Participant | None = None
        # "zwischen" right after the noun: "Gespräche zwischen X und Y" (not "Untersuchungen zu
        # Vereinbarungen zwischen X und Y", nor accusations)
        right_after = k + 1 < len(toks) and toks[k + 1].lower == "zwischen"
        sides = [m for m in after if m.prep == "zwischen" and m.start - t.end <= 60] if right_after else []
        if not source and cue.type in BETWEEN_TYPES and len({m.code for m in sides if m.code}) >= 1 \
                and len(sides) >= 2:
            # "Gespräche zwischen der Regierung und den Rebellen": both sides act on each other
            source = [m.participant() for m in sides]
            ev = Event(type=cue.type, mode=cue.mode, source=source, target=list(source), cue=t.text)
            raw = RawEvent(ev, c, sides, [], t, cue)
            raw.noun_negated = k >= 1 and toks[k - 1].lower.startswith("kein")
            return raw
        if not source:
            # "die Aufstockung der russischen Truppen", "Proteste von Studenten": right after the noun
            near = [m for m in after if m.start - t.end <= 50 and (
                m.prep in ("von", "durch", "aus") or (m.genitive_of and "gen" not in cue.targets))]
            # "die Abschiebung von Uiguren durch Thailand": "durch" names the agent, "von" the affected
            by = [m for m in near if m.prep == "durch"]
            if by:
                source = [by[0].participant()]
                patients = [m for m in near if m.prep == "von"]
                after = [m for m in after if m is not by[0]]
                if patients:
                    target_of_by = patients[0].participant()
            elif near:
                source = [near[0].participant()]
                after = [m for m in after if m is not near[0]]
        target = []
        # the noun's complement follows it closely, before any other event noun ("Gespräche mit X";
        # not "bei seinen Gesprächen verteidigte er das Atomabkommen mit dem Iran")
        nxt_noun = next((u.start for u in toks[k + 1:] if u.is_cap and self.lex.noun_cues(u.lower)), None)
        for m in after:
            if m.start - t.end > 80 or (nxt_noun is not None and m.start > nxt_noun):
                break
            if (m.prep and (m.prep in cue.targets or (m.prep in ("zur", "zum") and "zu" in cue.targets))) \
                    or ("gen" in cue.targets and m.genitive_of):
                target = [m.participant()]
                break
        if not target and target_of_by is not None:
            target = [target_of_by]
        negated_noun = k >= 1 and toks[k - 1].lower.startswith("kein") or (
            k >= 2 and toks[k - 2].lower.startswith("kein"))
        if not source:
            # "X führte Gespräche mit Y", "X hat Kritik geübt", "keine Gespräche mit Y",
            # "seinen ersten Besuch in den USA": the clause's subject
            free = [m for m in c.mentions if m.prep is None and not m.oblique and not m.genitive_of
                    and m not in [x for x in after if target and x.participant() == target[0]]]
            if free:
                src_mentions = _coordinated(free[0], free, c)
                source = [m.participant() for m in src_mentions]
            elif prev_source and (k >= 1 and toks[k - 1].lower in POSSESSIVES):
                source = [m.participant() for m in prev_source]
        if not source and cue.type == "PROTEST":
            # "zu Protesten in Istanbul": the people of the place where they protest
            place = _place_code(c.mentions)
            if place is not None and self.fallbacks["place_people"]:
                source = [_inferred(place, "place")]
        if not source and cue.type in ("ASSAULT", "PROTEST", "COERCE") and actors.default_code and c.kind == "main" \
                and self.fallbacks["home_fighting"] \
                and not any(m.code and m.code != actors.default_code for m in actors.in_sentence(c.sent)):
            # "Die Kämpfe setzen sich fort": fighting at home, between home-country sides
            source = [_inferred(actors.default_code, "home")]
            target = target or [_inferred(actors.default_code, "home")]
        if not target and cue.type in RECIPROCAL and len({p.code for p in source}) > 1:
            target = list(source)      # "Xi und Obama hatten ihr Treffen genutzt"
        if not source and cue.type in THREAT_TYPES and getattr(self, "_speaker_now", None) is not None \
                and any(self.lex.is_(w, "condition") or w in ("sollten", "sollte") for w in self._sentence_lowers):
            # "Sollten ..., werde dies Sanktionen für Russland nach sich ziehen, erklärte X": X threatens
            source = [self._speaker_now.participant()]
        if not source or not target and cue.type in NEEDS_TARGET and cue.type != "CONSULT":
            return None
        typ, mode = cue.type, cue.mode
        material = self._material(c.lowers) if typ == "SUPPORT" else None
        if material:
            typ, mode = "AID", material       # "300 Millionen Dollar für die Unterstützung der Streitkräfte"
        ev = Event(type=typ, mode=mode, source=source, target=target, cue=t.text)
        raw = RawEvent(ev, c, src_mentions, [], t, cue)
        raw.noun_negated = negated_noun
        return raw

    # -- factuality -------------------------------------------------------------------------
    def _factuality(self, ev: RawEvent, clauses: list[Clause], lowers: list[str], in_report: bool = False) -> None:
        c = ev.clause
        lx = self.lex
        words = c.lowers
        idx = clauses.index(c)
        prev = clauses[idx - 1] if idx else None
        prev_lemmas = [lemma(w) for w in prev.lowers] if prev is not None else []
        warned = any(lm in ("warnen", "befürchten", "fürchten", "drohen") for lm in prev_lemmas)
        # Konjunktiv II "würde" in reported speech is the reported future, not a hypothesis
        reported = in_report or (prev is not None and c.kind == "sub" and any(lx.is_(lm, "speech") for lm in prev_lemmas))
        negation_is_cue = ev.cue is not None and "nicht" in ev.cue.requires
        negators = [w for k, w in enumerate(words) if lx.is_(w, "negation")
                    and not (k + 1 < len(words) and lx.is_(words[k + 1], "not_negation"))]   # not "nicht nur"
        neg = bool(negators)
        refusal = ev.event.type in REFUSABLE and ev.noun_negated is None and neg
        attributive = {k for k, t in enumerate(c.tokens) if ev.noun_negated is None and t.lower.endswith(
            ("e", "en", "er", "es", "em")) and k + 1 < len(c.tokens) and c.tokens[k + 1].is_cap}
        hypo = any(lx.is_(w, "hypothetical") for k, w in enumerate(words)
                   if w not in ("warnte", "warnen", "gewarnt", "droht", "drohe")
                   and not ((reported or refusal or ev.event.type == "THREATEN") and w in ("würde", "würden"))
                   and not (k in attributive and w.startswith(("mutmaßlich", "angeblich"))))
        if c.kind == "condition":
            fact = "hypothetical"
        elif lx.is_(c.starts_with, "negative_subordinator"):
            fact = "negated"           # "ohne um Genehmigung zu bitten"
        elif ev.noun_negated is not None:      # a noun event: its own negation, else what the clause says
            # "keine Untersuchungen zu Vereinbarungen": "keine" belongs to its own noun; adverbs
            # ("nicht", "nie") negate the clause
            negated = ev.noun_negated or any(not w.startswith("kein") for w in negators)
            if negated and ev.event.type in REFUSABLE:
                # "kann nicht mit der Unterstützung Belgrads rechnen": support refused
                ev.event.type, ev.event.mode = "REJECT", None
                fact = "asserted"
            elif any(lx.is_(t.lower, "unreal_noun") for t in c.tokens
                     if ev.cue_tok.start - 40 <= t.start < ev.cue_tok.start):
                fact = "hypothetical"     # "die Idee eines Boykotts", "Pläne für neue Gespräche"
            else:
                fact = "negated" if ev.noun_negated else ("hypothetical" if hypo else "asserted")
        elif hypo or (warned and c.kind in ("sub", "infinitive")):
            fact = "hypothetical"
        elif negation_is_cue:
            fact = "asserted"      # "würden nicht zögern": the negation belongs to the cue
        elif neg and ev.event.type in REFUSABLE:
            # "hatte Israel keine Reise gestattet", "will ihn nicht unterstützen": a refusal
            ev.event.type, ev.event.mode = "REJECT", None
            fact = "asserted"
        elif neg:
            fact = "negated"
        elif any(w in MODAL_INF and not (ev.passive and w in WERDEN_PASSIVE) for w in words) or (
                ev.event.type == "AID" and ev.cue is not None
                                                     and ev.cue.type == "AGREE"):
            fact = "planned"
        elif c.kind == "infinitive" and prev is not None and not any(
                lx.is_(lm, "speech") or lx.is_(prev.lowers[-1] + lm, "speech") for lm in prev_lemmas
                if lm != "ankündigen" and prev.lowers[-1] + lm != "ankündigen"):
            # "schlug vor, sich zu treffen", "kündigte an, X zu besuchen"; but "gibt an, sich bedroht
            # zu fühlen" reports a state
            fact = "planned"
        else:
            fact = "asserted"
        ev.event.factuality = fact
        # a condition clause attached to this main clause
        if c.kind != "condition":
            for other in clauses[idx + 1: idx + 3]:
                if other.kind == "condition":
                    ev.event.condition = self._text[other.start:other.end] if self._text else \
                        " ".join(t.text for t in other.tokens)
                    break

    # -- places -----------------------------------------------------------------------------
    @staticmethod
    def _place(ev: RawEvent, sentence_mentions: list[Mention]) -> Place | None:
        """Where it happened: 'in Moskau', 'im Libanon' in the event's clause (for visits also 'nach')."""
        preps = ("in", "im") + (("nach",) if ev.event.type == "CONSULT" else ())
        for pool in (ev.clause.mentions, sentence_mentions):
            for m in pool:
                if m.prep in preps and m.kind == "country" and m.code:
                    return Place(text=m.text, code=m.code)
        return None

    # -- dates ------------------------------------------------------------------------------
    def _date(self, ev: RawEvent, timexes: list[Timex], dct: str | None, sentence: Sentence,
              anchor: Timex | None = None) -> None:
        """The date of the happening (``timex.event_date``: its clause, else its sentence, else the
        paragraph's time, else the DCT), bounded by the tense: an asserted past-tense happening is
        not dated after the DCT, a planned one not before it. An asserted happening dated after the
        DCT, not told in the past, is planned."""
        c = ev.clause
        past = _past_tense(c)
        tense = "future" if ev.event.factuality == "planned" else \
            ("past" if ev.event.factuality == "asserted" and _told_in_past(c) else None)
        date = event_date(timexes, c.start, c.end, dct, ev.cue_tok.start, wider=(sentence.start, sentence.end),
                          tense=tense, anchor=None if past else anchor)
        if date.from_dct and not dct:
            date = None
        ev.event.date = date
        if date is not None and not date.from_dct and ev.event.factuality == "asserted" \
                and _is_future(date, dct) and not past:
            ev.event.factuality = "planned"
