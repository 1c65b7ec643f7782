"""German time expressions: recognition and TIMEX3 normalization.

``find_timexes(text, dct)`` finds DATE, TIME, DURATION and SET expressions in a
German text and normalizes them to TIMEX3 values against the document creation
time (DCT):

* absolute: ``18.02.2022``, ``am 24. Februar``, ``im Herbst 2015``, ``1998``;
* relative to the DCT: ``gestern``, ``am Donnerstagabend``, ``nächste Woche``
  (ISO week ``2022-W08``), ``Ende nächster Woche``, ``vor drei Jahren``;
* anaphoric, relative to the last date mentioned: ``am Tag darauf``,
  ``zwei Tage später``, ``am Abend``, ``um 20.30 Uhr``;
* underspecified: ``im März``, ``Anfang des Jahres``; the verb tense of the
  sentence decides past or future for weekdays, months and dates without a year
  ("Am Freitag beginnt ..." is the coming Friday, "hatte am Freitag gesagt" the
  last one);
* durations (``P3D``, ``PXY``), sets (``P1D``, ``XXXX-WXX-1``) and the
  references ``PAST_REF``, ``PRESENT_REF``, ``FUTURE_REF``.

A DCT known only to the month (``2022-02``) or year gives values at the
precision that can be known, never an invented day; without a DCT only what the
text itself fixes is resolved (``XXXX-XX-XX`` otherwise). ``Timex.note`` says
when a value was estimated or cut to a coarser precision.

Two span styles: ``spans="lagebild"`` (default) keeps the temporal preposition
("am Donnerstag", "vor drei Jahren" as DATE); ``spans="timeml"`` follows the
TimeML/KRAUTS conventions (prepositions are signals outside the span, "vor drei
Jahren" is the DURATION "drei Jahren").

Word lists live in ``lang/de/timex_words.tsv``; patterns are compiled once, on
first use.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .records import UNDATED_WITHOUT_TIMEX, EventDate, Timex

__all__ = ["find_timexes", "parse_dct", "event_date", "Timex"]

_LEX_PATH = Path(__file__).resolve().parent / "lang" / "de" / "timex_words.tsv"


# --------------------------------------------------------------------------- DCT


_DCT_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?\s*$")
_DCT_DE_RE = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\s*$")


def parse_dct(value: str) -> str:
    """Normalize a document date to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (a time part after ``T`` is
    dropped) and German ``DD.MM.YYYY``. Raises ValueError with a message saying
    what was wrong and which forms are accepted.
    """
    if value is None:
        raise ValueError("document date is missing; give YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY")
    s = str(value).strip()
    accepted = "accepted forms: YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY (e.g. 2022-02-18)"
    m = _DCT_RE.match(s)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    else:
        m = _DCT_DE_RE.match(s)
        if not m:
            raise ValueError(f"document date {value!r} not understood; {accepted}")
        d, mo, y = m.group(1), m.group(2), int(m.group(3))
    if not 1 <= y <= 9999:
        raise ValueError(f"document date {value!r}: year out of range; {accepted}")
    if mo is None:
        return f"{y:04d}"
    mo_i = int(mo)
    if not 1 <= mo_i <= 12:
        raise ValueError(f"document date {value!r}: month {mo_i} does not exist; {accepted}")
    if d is None:
        return f"{y:04d}-{mo_i:02d}"
    try:
        day = dt.date(y, mo_i, int(d))
    except ValueError:
        raise ValueError(f"document date {value!r}: day {int(d)} does not exist in "
                         f"{y:04d}-{mo_i:02d}; {accepted}") from None
    return day.isoformat()


@dataclass
class _Dct:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        return None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "D"
        if self.month is not None:
            return "M"
        if self.year is not None:
            return "Y"
        return ""

    def coarse(self) -> str:
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.year is not None:
            return f"{self.year:04d}"
        return "XXXX-XX-XX"


def _make_dct(norm: str | None) -> _Dct:
    if not norm:
        return _Dct()
    parts = [int(p) for p in norm.split("-")]
    return _Dct(*parts)


# ----------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, str]]:
    lex: dict[str, dict[str, str]] = {}
    with open(_LEX_PATH, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            kind, word = cols[0], cols[1]
            value = cols[2] if len(cols) > 2 else ""
            lex.setdefault(kind, {})[word] = value
    return lex


def is_time_noun(word: str) -> bool:
    """Whether a capitalised word names a time, not a thing: a weekday or month, also with a part
    of the day ("Montag", "Montagabend", "Juni", "Nacht"; timex_words classes weekday, month,
    daypart)."""
    low = word.lower()
    lex = _lexicon()
    if low in lex.get("month", {}) or low in lex.get("weekday", {}) or low in lex.get("daypart", {}):
        return True
    return any(low.startswith(d) and low[len(d):] in lex.get("daypart", {}) for d in lex.get("weekday", {}))


def amount_word(word: str) -> bool:
    """Whether a word counts or measures: a number, in figures or in words ("100", "zwanzig",
    "dreiundzwanzig"; timex_words classes number, tens), or a unit of time ("Woche", "Monate",
    "Tagen"; class unit), so that "fast zwanzig", "fast eine Woche lang" qualify an amount."""
    g = _grammar()
    if word[:1].isdigit() or g.number(word) is not None:
        return True
    low = _key(word)
    return any(low in (stem, stem + "e", stem + "n", stem + "en", stem + "s", stem + "es") for stem in g.units)


def _alt(words) -> str:
    """Regex alternation of literal words, built as a trie (fast to match, longest
    alternative first); a space in a word matches any whitespace."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return "(?:" + emit(trie) + ")"


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower())


# ----------------------------------------------------------------------- grammar


class _Grammar:
    """All compiled patterns plus the lookup tables the resolvers need."""

    def __init__(self) -> None:
        L = _lexicon()
        self.L = L
        self.months = {k: int(v) for k, v in L["month"].items()}
        self.weekdays = {k: int(v) for k, v in L["weekday"].items()}
        self.weekday_set = {k: int(v) for k, v in L["weekday_set"].items()}
        self.prep_ahead = frozenset(L.get("prep_ahead", {}))
        self.seasons = L["season"]
        self.dayparts = L["daypart"]
        self.daypart_adv = L["daypart_adv"]
        self.holidays = L["holiday"]
        self.numbers = L["number"]
        self.tens = {k: int(v) for k, v in L["tens"].items()}
        self.ordinals = {k: int(v) for k, v in L["ordinal"].items()}
        self.decades = {k: int(v) for k, v in L["decade"].items()}
        self.units = L["unit"]
        self.rel = L["rel"]
        self.positions = L["position"]
        self.deictic = L["deictic"]
        self.sets = L["set"]
        self.vague = L["vague_duration"]
        self.fixed_dur = L["fixed_duration"]
        self.year_words = L["year_word"]
        self.day_words = L["day_word"]
        self.week_words = L["week_word"]
        self.month_words = L["month_word"]
        self.future = set(L["future"])
        self.past = set(L["past"]) | set(L.get("past_adverb", {}))
        self.past_forms = set(L["past"])
        self.verb_prefixes = tuple(sorted(L["verb_prefix"], key=len, reverse=True))
        self.not_past = set(L["not_past"])
        self.quantity_before = set(L["quantity_before"])
        self.prep_keep = set(L["prep_keep"])
        self.adj_context = set(L["adj_context"])
        self.not_finite = set(L["not_finite"])
        self.clause_preps = set(L["clause_prep"])
        self.year_adverbs = set(L["year_adverb"])
        self.subordinators = set(L["subordinator"])
        self.generic = set(L["generic"])

        MONTH = _alt(self.months) + r"(?![a-zäöüß])"
        WD = _alt(self.weekdays)
        DP = _alt(self.dayparts)
        ONES = "(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)"
        NUMW = "(?:" + ONES + "und" + _alt(self.tens) + "|" + _alt(self.numbers) + ")"
        NUM = r"(?:\d{1,4}(?:,\d+)?|" + NUMW + r")"
        UNIT = (r"(?:" + _alt(L["unit_prefix"]) + r")?" + _alt(self.units)
                + r"(?:en|e|n|es|s)?\b")
        REL = _alt(self.rel)
        POS = _alt(self.positions)
        APPROX = _alt(L["approx"])
        PREP = _alt(L["prep"])
        DET = r"(?:der|die|das|den|dem|des)"
        self.PREP_RE = re.compile(r"(?i)^" + PREP + r"\s+")
        pre = r"(?:(?P<prep>\b" + PREP + r")\s+)?"

        P: list[tuple[str, str]] = []
        # numeric dates: 18.02.2022, 23.3.1987, 18.02., 2022-02-18
        P.append(("date_num", pre + r"(?P<core>(?:(?P<wd>" + WD + r"),?\s+(?:(?:den|dem)\s+)?)?"
                  r"(?:(?:den|dem)\s+)?\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?:\s?(?P<y>\d{4}|\d{2})(?![\d.]\d))?)"
                  r"(?![\d])"))
        P.append(("date_iso", pre + r"(?P<core>\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b)"))
        # 24. Februar (2022), Donnerstag, 17. Februar, 16. und 17. Jänner, (Nacht) des 14. August
        P.append(("date_text", pre + r"(?P<core>(?:(?P<dpre>" + DP + r")\s+(?:des|vom|zum)\s+)?"
                  r"(?:(?P<wd>" + WD + r"),?\s+(?:(?:den|dem)\s+)?)?(?:(?:den|dem|des)\s+)?"
                  r"\b(?P<days>\d{1,2}\.(?:\s*(?:,|und|bis|-|–|/|sowie|oder)\s*(?:(?:am|den|dem|zum)\s+)?\d{1,2}\.)*)"
                  r"\s*(?P<mon>" + MONTH + r")(?:\s+(?P<y>\d{4})\b)?)"))
        # months: im März, Ende Juli, Anfang September 2014, Juli dieses Jahres
        P.append(("month", pre + r"(?P<core>(?:" + DET + r"\s+)?(?:(?P<pos>" + POS + r")\s+(?:des\s+|der\s+)?)?"
                  r"(?:(?P<rel>" + REL + r")\s+)?(?P<mon>" + MONTH + r")"
                  r"(?:\s+(?:des\s+Jahres\s+)?(?P<y>\d{4})\b|\s+(?P<yrel>" + REL + r")\s+Jahres\b)?)"))
        # seasons: im Herbst 2015, diesem strengen Winter, der Sommermonate
        P.append(("season", pre + r"(?P<core>(?:" + DET + r"\s+|(?P<drel>diese[mnrs]?)\s+)?"
                  r"(?:(?P<pos>" + POS + r")\s+(?:des\s+)?)?(?:(?P<rel>" + REL + r")\s+)?"
                  r"(?:(?P<adj>(?!(?:" + PREP + r")\b)[a-zäöüß]{3,}(?:e|en|em|er|es))\s+)?"
                  r"\b(?P<season>" + _alt(self.seasons) + r")\b"
                  r"(?:\s+(?:des\s+Jahres\s+)?(?P<y>\d{4})\b|\s+(?P<yrel>" + REL + r")\s+Jahres\b)?)"))
        # years: 1998, im Jahr 2012, dem Jahre 1910, Ende 2015
        P.append(("year", pre + r"(?P<core>(?:(?P<pos>" + POS + r")\s+)?"
                  r"(?:(?:(?:das|dem|des|den)\s+)?\b(?P<jahr>Jahr(?:e|es)?)\s+(?P<y1>\d{1,4})\b(?![.,]\d)|(?<![\d.,])\b(?P<y2>(?:1\d|20)\d{2})\b"
                  r"(?![\d]|[.,]\d|er\b|er-|\s*(?:%|prozent\b|euro\b|mio\b|millionen\b|kilometer\b|km\b|meter\b|m\b|t\b|kg\b)))"
                  r"(?:\s*(?:/|-|–)\s*(?P<yend>\d{2})\b(?![.\d]))?)"))
        # decades: die zwanziger Jahre, den 60er Jahren, Mitte der siebziger Jahre
        P.append(("decade", pre + r"(?P<core>(?:" + DET + r"\s+)?(?:(?P<pos>" + POS + r")\s+der\s+)?"
                  r"(?:(?P<dw>" + _alt(self.decades) + r")|(?P<dd>(?:1\d|20)?\d0)er)(?:\s*-\s*|\s+)?Jahre[n]?\b)"))
        # centuries: dem 20. Jahrhundert, diesem Jahrhundert, der ersten Hälfte des 15. Jahrhunderts
        P.append(("century", pre + r"(?P<core>(?:(?:" + DET + r")\s+)?(?:(?P<ordw>ersten|zweiten)\s+)?"
                  r"(?:(?P<pos>" + POS + r")\s+(?:des|der)\s+)?(?:(?:" + DET + r")\s+)?"
                  r"(?:(?P<n>\d{1,2})\.\s*|(?P<rel>" + REL + r")\s+)Jahrhunderts?\b)"))
        # relative week / month / year / quarter: nächste Woche, Ende des Jahres, im laufenden Jahr
        P.append(("rel_unit", pre + r"(?P<core>(?:(?P<pos>" + POS + r")\s+)?(?:" + DET + r"\s+)?"
                  r"(?:(?P<rel>" + REL + r")\s+)?\b(?P<unit>Woche|Wochenende|Monats?|Jahr(?:es)?|Quartals?)\b"
                  r"(?!\s+\d)(?:\s+(?P<post>darauf|danach|zuvor|vorher)\b)?)"))
        # ordinal quarters / halves: im dritten Quartal (2014), der zweiten Jahreshälfte
        P.append(("quarter", pre + r"(?P<core>(?:" + DET + r"\s+)?(?P<ord>" + _alt(self.ordinals) + r")\s+"
                  r"(?P<unit>Quartals?|Jahreshälfte|Halbjahr(?:es)?)\b(?:\s+(?P<y>\d{4})\b)?)"))
        # weekdays: (am) Freitag, Donnerstagabend, vergangenen Samstag, diesem Freitagnachmittag
        P.append(("weekday", pre + r"(?P<core>(?:(?:der|den|dem|des)\s+)?(?:(?P<rel>" + REL + r")\s+)?"
                  r"(?<!\w)(?P<wd>" + WD + r")(?:(?:\s*|-)(?P<dp>" + DP + r"))?\b)"))
        # night before a weekday: in der Nacht zum Freitag
        P.append(("night", pre + r"(?P<core>(?:der\s+)?Nacht\s+(?:zum|zu|auf\s+den|auf)\s+(?P<wd>" + WD + r")\b)"))
        # weekly set: jeden Montag(abend), jeden zweiten Donnerstag, montags
        P.append(("set_wd", pre + r"(?P<core>(?:jede[mnrs]?\s+(?:(?P<ord>" + _alt(self.ordinals) + r")\s+)?"
                  r"(?P<wd>" + WD + r")(?P<dp>" + DP + r")?\b|\b(?P<wds>" + _alt(self.weekday_set) + r")\b))"))
        # set: jeden Tag, jede Woche, pro Jahr, einmal im Monat, alle vier Jahre, täglich
        P.append(("set", r"(?P<core>(?:(?:\b(?:ein|zwei|drei|vier|fünf|\d+)\s*-?\s*mal|einmal|zweimal|dreimal)\s+)?"
                  r"(?:\b(?:jede[mnrs]?)\s+(?P<ju>Tag|Woche|Monat|Jahr|Stunde|Minute|Wochenende|Nacht|Abend|Morgen)\b"
                  r"|\b(?:pro|je)\s+(?P<pu>Tag|Woche|Monat|Jahr|Stunde|Minute|Nacht)\b"
                  r"|\b(?:alle|je)\s+(?P<an>" + NUM + r")\s+(?P<au>" + UNIT + r")"
                  r"|\b(?:im|am|in\s+der)\s+(?P<iu>Jahr|Monat|Tag|Woche)\b(?!\s+(?:\d|zuvor|darauf|danach|davor))"
                  r"|\b(?P<sw>" + _alt(self.sets) + r")\b))"))
        # deictic: heute (Abend), gestern, morgen früh, jetzt, damals, Zukunft
        P.append(("deictic", pre + r"(?P<core>\b(?P<w>" + _alt(self.deictic) + r")\b"
                  r"(?:\s+(?P<dp>" + DP + r")\b)?)"))
        P.append(("heutig", pre + r"(?P<core>\b(?P<w>heutige[mnrs]?|gestrige[mnrs]?|morgige[mnrs]?)\b)"))
        # day parts: am Abend, Am frühen Abend, in der Nacht, abends
        P.append(("daypart", r"(?P<prep>\b(?:am|an|gegen|im|in|zur|bis|vom)\b)?\s*(?P<core>(?:" + DET + r"\s+)?"
                  r"(?:(?P<adj>frühen|späten|selben|gleichen|gestrigen|heutigen)\s+)?(?P<dp>" + DP + r")\b)"))
        P.append(("daypart_adv", r"(?P<core>\b(?P<dpa>" + _alt(self.daypart_adv) + r")\b)"))
        # clock times: 20.30 Uhr, 9 Uhr, 16 bis 17.30 Uhr, um 12.15, halb neun, neun Uhr
        P.append(("time", pre + r"(?P<core>(?<![\d.,])\b(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?"
                  r"(?:(?P<sep>\s*(?:bis|-|–|/|und)\s*)(?P<h2>\d{1,2})(?:[.:](?P<mi2>\d{2}))?)?"
                  r"\s*Uhr\b(?:\s+(?P<mi3>\d{1,2})\b(?!\s*(?:" + MONTH + r"|\.)))?)"))
        P.append(("time_um", r"(?P<prep>\b(?:um|gegen|ab|bis)\b)\s+(?P<core>(?P<h>\d{1,2})[.:](?P<mi>\d{2}))"
                  r"(?![\d]|[.,]\d|\s*(?:%|prozent|euro|millionen|uhr))"))
        P.append(("midnight", pre + r"(?P<core>\b(?P<mn>Mitternacht|Mittag)\b)"))
        P.append(("time_word", pre + r"(?P<core>\b(?:(?P<q>halb|viertel\s+nach|viertel\s+vor|dreiviertel)\s+)?"
                  r"(?P<hw>ein|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b"
                  r"(?:\s+(?P<uhr>Uhr)\b)?)"))
        # holidays: Weihnachten, Ostern 2015
        P.append(("holiday", pre + r"(?P<core>(?:(?:" + DET + r"|diese[mnrs]?)\s+)?(?:(?P<rel>" + REL + r")\s+)?"
                  r"\b(?P<h>" + _alt(self.holidays) + r")\b(?:\s+(?P<y>\d{4})\b)?)"))
        # anaphoric day / year words: am Vortag, am Tag darauf, im Vorjahr
        P.append(("day_word", pre + r"(?P<core>(?:(?:" + DET + r")\s+)?\b(?P<w>" + _alt(self.day_words) + r")\b)"))
        P.append(("year_word", pre + r"(?P<core>(?:(?:" + DET + r")\s+)?\b(?P<w>" + _alt(self.year_words) + r")\b)"))
        P.append(("week_word", pre + r"(?P<core>(?:(?:" + DET + r")\s+)?\b(?P<w>" + _alt(self.week_words)
                  + "|" + _alt(self.month_words) + r")\b)"))
        # durations: drei Jahre, vor drei Jahren, rund 360 ehrenamtliche Stunden, 3 Jahre und 4 Monate
        P.append(("duration", pre + r"(?P<core>(?:(?P<det>den|die|der|dem|des|all\s+diese|diese[n]?)\s+)?"
                  r"(?:(?P<rel>" + REL + r"|ganzen|ersten|zurückliegenden|bisherigen)\s+)?"
                  r"(?:(?P<approx>" + APPROX + r")\s+)?\b(?P<num>" + NUM + r")\s*-?\s+(?:(?P<adj>(?!(?:und|oder|bis)\b)"
                  r"[a-zäöüß]{3,}(?:e|en|er|es))\s+)?(?P<unit>" + UNIT + r")"
                  r"(?:\s+(?:und|,)\s+(?P<num2>" + NUM + r")\s+(?P<unit2>" + UNIT + r"))?"
                  r"(?:\s+(?P<post>lang|später|danach|darauf|zuvor|vorher|früher)\b)?)"))
        # vague durations: den vergangenen Tagen, die kommenden Wochen, seit Jahren, lange Jahre
        P.append(("vague", pre + r"(?P<core>(?:(?:den|die|der|dem|all(?:e)?\s+diese|diese[n]?)\s+)?"
                  r"(?:(?P<rel>vergangenen|letzten|kommenden|nächsten|folgenden|zurückliegenden|bisherigen|"
                  r"lange|langen|viele|vielen|einige|einigen|mehrere|mehreren|wenige|wenigen)\s+)?"
                  r"\b(?P<unit>Tage|Tagen|Wochen|Monate|Monaten|Jahre|Jahren|Jahrzehnte|Jahrzehnten|Stunden)\b"
                  r"(?:\s+(?P<post>lang)\b)?)"))
        P.append(("vague_word", pre + r"(?P<core>\b(?P<w>" + _alt(self.vague) + "|" + _alt(self.fixed_dur) + r")\b)"))
        self.patterns = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in P]
        self.priority = {name: i for i, (name, _) in enumerate(P)}

        self.daily_re = re.compile(r"\b(?:[Gg]estern|[Vv]orgestern|morgen|[Üü]bermorgen|(?i:" + WD
                                   + r"|\d{1,2}(?:[.:]\d\d)?\s*Uhr))\b|\b(?i:heute\s+" + DP + r")")
        self.token_re = re.compile(r"\w+")
        cats: dict[str, set[str]] = {}

        def add(word: str, cat: str) -> None:
            cats.setdefault(word, set()).add(cat)

        def longest(phrase: str) -> str:
            return max(re.findall(r"\w+", phrase), key=len)

        for kind, cat in (("month", "month"), ("weekday", "weekday"), ("weekday_set", "weekday"),
                          ("season", "season"), ("daypart", "daypart"), ("daypart_adv", "daypart"),
                          ("holiday", "holiday"), ("deictic", "deictic"), ("set", "set"),
                          ("vague_duration", "vague_word"), ("fixed_duration", "vague_word"),
                          ("year_word", "year_word"), ("day_word", "day_word"), ("decade", "decade"),
                          ("week_word", "week_word"), ("month_word", "week_word")):
            for w in L[kind]:
                add(longest(w), cat)
        for stem in self.units:
            for suf in ("", "e", "en", "n", "es", "s"):
                add(stem + suf, "unit")
        for w in ("uhr", "halb", "viertel", "dreiviertel", "mitternacht", "mittag"):
            add(w, "clock")
        for w in ("jede", "jeden", "jedem", "jeder", "jedes", "pro", "je", "alle", "einmal", "zweimal",
                  "dreimal", "mal"):
            add(w, "set_kw")
        for w in ("heutige", "heutigen", "heutiger", "heutiges", "heutigem", "gestrige", "gestrigen",
                  "gestriger", "morgige", "morgigen"):
            add(w, "heutig")
        for w in ("jahrhundert", "jahrhunderts", "jahrhunderte"):
            add(w, "century")
        for w in ("quartal", "quartals", "jahreshälfte", "halbjahr", "halbjahres"):
            add(w, "quarter")
        self.trigger_cats = {w: tuple(c) for w, c in cats.items()}
        self.prefilter = {"date_iso": re.compile(r"\d{4}-\d\d-\d\d"),
                          "date_num": re.compile(r"\d\.\s?\d{1,2}\."),
                          "time_um": re.compile(r"\d[.:]\d\d")}
        self.prefix_cats = {w: ("weekday",) for w in self.weekdays}
        for p in L["unit_prefix"]:
            self.prefix_cats[p] = ("unit",)
        for w in ("jahrhundert",):
            self.prefix_cats[w] = ("century",)
        self.prefix_by4: dict[str, list[str]] = {}
        for p in sorted(self.prefix_cats, key=len, reverse=True):
            self.prefix_by4.setdefault(p[:4], []).append(p)
        self.pattern_cats = {
            "date_num": ("digit",), "date_iso": ("digit",), "date_text": ("month",), "month": ("month",),
            "season": ("season",), "year": ("digit",), "decade": ("unit",),
            "century": ("century",), "rel_unit": ("unit",), "quarter": ("quarter",),
            "weekday": ("weekday",), "night": ("weekday",), "set_wd": ("weekday",),
            "set": ("set_kw", "set", "unit"), "deictic": ("deictic",), "heutig": ("heutig",),
            "daypart": ("daypart",), "daypart_adv": ("daypart",), "time": ("clock",), "time_um": ("digit",),
            "time_word": ("clock",), "midnight": ("clock",), "holiday": ("holiday",), "day_word": ("day_word",),
            "year_word": ("year_word",), "week_word": ("week_word",), "duration": ("unit",), "vague": ("unit",),
            "vague_word": ("vague_word",),
        }
        # possessive, anchored at the start of a punctuation run: linear time on "!?" x 20,000
        self.sent_re = re.compile(r"(?<![.!?…])[.!?…]++[\"'“”»«)]*+(?=\s+[\"'„“»«(]?[A-ZÄÖÜ0-9])|\n\s*")
        self.word_re = re.compile(r"[A-Za-zÄÖÜäöüß]+")
        self.participle_re = re.compile(r"^[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)$")
        self.aux_perfect = {"hat", "haben", "habe", "hast", "ist", "sind", "sei", "seien", "bin", "bist"}
        self.month_before = re.compile(r"(?i)" + MONTH + r"\s*(?:und|oder|bis|-|–|,|/)\s*$")
        self.num_before = re.compile(r"(?i)(?:\d[\d.,]*|" + NUMW + r")\s+(?:[A-Za-zÄÖÜäöüß€$%.-]+\s+){0,3}$")
        self.quant_before = re.compile(r"(?i)(?:^|\s)" + _alt(self.quantity_before) + r"\s+$")
        self.abbrev = {"z", "b", "dr", "st", "nr", "bzw", "ca", "vgl", "u", "a", "d", "h", "prof", "mio",
                       "mrd", "s", "jh", "jhd", "okt", "sept", "dez", "nov", "feb", "jan", "aug", "apr"}

    # -- helpers -------------------------------------------------------------
    def prefixed_past(self, low: str) -> bool:
        """A strong past form the list lacks, made of a verb prefix and a listed one ("entging",
        "zerbrach"); the rest must be a listed form of at least three letters."""
        return any(low.startswith(p) and len(low) - len(p) >= 3 and low[len(p):] in self.past
                   for p in self.verb_prefixes)

    def number(self, s: str | None) -> float | str | None:
        if s is None:
            return None
        k = _key(s)
        if re.fullmatch(r"\d+", k):
            return int(k)
        if re.fullmatch(r"\d+,\d+", k):
            return float(k.replace(",", "."))
        if k in self.numbers:
            v = self.numbers[k]
            return "X" if v == "X" else (float(v) if "." in v else int(v))
        m = re.fullmatch(r"(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(\w+)", k)
        if m and m.group(2) in self.tens:
            ones = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
                    "acht": 8, "neun": 9}[m.group(1)]
            return self.tens[m.group(2)] + ones
        return None

    def unit(self, s: str) -> str | None:
        k = _key(s)
        for pref in self.L["unit_prefix"]:
            if k.startswith(pref) and len(k) > len(pref) + 2:
                k = k[len(pref):]
                break
        best = None
        for stem, code in self.units.items():
            if k.startswith(stem) and (best is None or len(stem) > len(best[0])):
                best = (stem, code)
        return best[1] if best else None


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar()


def is_cardinal(word: str) -> bool:
    """Whether ``word`` is a cardinal number, in digits or in words ("12", "zwei", "dreißig")."""
    return isinstance(_grammar().number(word), (int, float))


# -------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    start: int
    end: int
    cstart: int
    cend: int
    kind: str
    m: re.Match
    prio: int
    data: dict = field(default_factory=dict)


@dataclass
class _Out:
    start: int
    end: int
    cstart: int
    cend: int
    type: str
    value: str
    tm_type: str | None = None
    tm_value: str | None = None
    note: str | None = None
    tm_span: tuple[int, int] | None = None


def _fmt_date(d: dt.date) -> str:
    return d.isoformat()


def _fmt_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _easter(y: int) -> dt.date:
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _dur_value(num, unit: str) -> str:
    """TIMEX3 duration value for a number and a unit code (TS/TM/TH are clock units)."""
    if num == "X" or num is None:
        n = "X"
    elif isinstance(num, float) and not num.is_integer():
        n = f"{num:g}"
    else:
        n = str(int(num))
    if unit.startswith("T"):
        if "." in n and unit == "TH":
            return f"PT{round(float(n) * 60)}M"
        return f"PT{n}{unit[1:]}"
    if unit == "Q":
        if n == "X":
            return "PXQ"
        return f"P{int(num) * 3}M"
    return f"P{n}{unit}"


_CLAUSE_CUT = re.compile(r"[,;:()\[\]„“”»«\"]|\s[–—-]\s")
# a past participle by its form: ge- ("getroffen", "angekündigt"), an inseparable prefix
# ("besucht", "verhaftet", "erklärt") or -iert ("kritisiert")
_PARTICIPLE = re.compile(r"^(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)|(?:be|ver|er|ent|zer|emp|miss|über|unter|hinter|wider|durch|um)"
                         r"[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{3,}iert)$")


#: how far either side of an expression its sentence is read for tense and clause cues
#: (news sentences are far shorter; this bounds the cost of one that is not)
SCAN_CHARS = 800


class _Doc:
    """Per-document resolution state: DCT, sentences, last reference dates."""

    def __init__(self, g: _Grammar, text: str, dct: _Dct):
        self.g = g
        self.text = text
        self.dct = dct
        self.sent_starts = [0]
        for m in g.sent_re.finditer(text):
            # no sentence break after ordinal numbers and abbreviations ("17. Juli", "z. B.")
            if m.group(0).startswith(".") and "\n" not in m.group(0):
                j = m.start()
                i = j
                while i > 0 and text[i - 1].isalnum():
                    i -= 1
                tok = text[i:j]
                if tok.isdigit() and len(tok) <= 2 or tok.lower() in g.abbrev:
                    continue
            self.sent_starts.append(m.end())
        self.last_day: dt.date | None = None
        self.last_day_sent = -99
        self.last_day_multi = False
        self.last_year: int | None = None
        self.explicit_day: dt.date | None = None     # the last day written out ("am 5. März 2012")
        self.explicit_sent = -99
        self.explicit_year = False                    # ... with a year of the text: written, or another narrative year
        self.last_year_sent = -99
        self._tense_cache: dict[tuple[int, int], str | None] = {}
        self._daily: bool | None = None

    def pinned_day(self) -> dt.date | None:
        """With a DCT known to the month: the first date in the text that falls in that month
        ("am 17. Februar"), which fixes the days of the week around it."""
        if self.dct.month is None or self.dct.day is not None:
            return None
        if not hasattr(self, "_pinned"):
            self._pinned = None
            for name, rx in self.g.patterns:
                if name not in ("date_text", "date_num"):
                    continue
                for m in rx.finditer(self.text):
                    gd = m.groupdict()
                    mon = self.g.months[_key(gd["mon"])] if name == "date_text" else int(gd["m"])
                    y = int(gd["y"]) if gd.get("y") and len(gd["y"]) == 4 else self.dct.year
                    first = re.search(r"\d{1,2}", gd["days"] if name == "date_text" else gd["d"])
                    if mon != self.dct.month or y != self.dct.year or not first:
                        continue
                    try:
                        d = dt.date(y, mon, int(first.group(0)))
                    except ValueError:
                        continue
                    if self._pinned is None or m.start() < self._pinned[0]:
                        self._pinned = (m.start(), d)
                    break
            self._pinned = self._pinned[1] if self._pinned else None
        return self._pinned

    @property
    def daily(self) -> bool:
        """Does the text talk in days (gestern, morgen, weekdays, clock times)? Then 'heute' is
        the publication day; otherwise (essays, weekly papers) it means 'nowadays'."""
        if self._daily is None:
            self._daily = bool(self.g.daily_re.search(self.text))
        return self._daily

    def sent_index(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def sent_span(self, idx: int) -> tuple[int, int]:
        s = self.sent_starts[idx]
        e = self.sent_starts[idx + 1] if idx + 1 < len(self.sent_starts) else len(self.text)
        return s, e

    def scan_span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end), at most SCAN_CHARS either side of it: what the
        tense and clause cues read (a "sentence" of thousands of characters, a list of
        dates without a full stop, would make every expression read all of it)."""
        s, e = self.sent_span(self.sent_index(start))
        return max(s, start - SCAN_CHARS), min(e, end + SCAN_CHARS)

    def clause_span(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): its sentence cut at the punctuation that separates
        clauses (comma, semicolon, colon, dash, bracket, quotation mark) before and after."""
        s, e = self.scan_span(start, end)
        cs = s
        for m in _CLAUSE_CUT.finditer(self.text, s, start):
            cs = m.end()
        m2 = _CLAUSE_CUT.search(self.text, end, e)
        ce = m2.start() if m2 else e
        return cs, ce

    def tense(self, start: int, end: int) -> str | None:
        """'past', 'future' or None (no cue) for the clause the expression at [start, end) stands in.

        The cues of its own clause count first; only when it has none, the nearest cue of the
        sentence. Cues: Präteritum forms (listed, or -te/-ten), Perfekt and Plusquamperfekt (a
        form of haben/sein and a past participle closing the clause, "hat am Montag erklärt",
        "hatte ... besucht"), Futur and intention (werden, soll, will, plant ...), where "soll ...
        getan haben" is reported past."""
        key = (start, end)
        if key in self._tense_cache:
            return self._tense_cache[key]
        g = self.g
        s, e = self.scan_span(start, end)
        cs, ce = self.clause_span(start, end)
        words = list(g.word_re.finditer(self.text, s, e))
        lowers = [w.group(0).lower() for w in words]
        has_aux = any(w in g.aux_perfect for w in lowers)
        cues: list[tuple[int, int, str]] = []
        for i, (w, low) in enumerate(zip(words, lowers)):
            if start <= w.start() < end:
                continue
            cue = None
            raw = w.group(0)
            if low in g.future:
                cue = "future"
            elif low in g.past or (raw[0].islower() and g.prefixed_past(low)):
                cue = "past"
            elif _weak_past(g, raw, lowers[i - 1] if i > 0 else ""):
                cue = "past"
            elif has_aux and raw[0].islower() and low not in g.not_past and g.participle_re.match(low):
                cue = "past"
            if cue:
                cues.append((w.start(), w.end(), cue))
        # Perfekt / Plusquamperfekt: an auxiliary in the clause and a participle in its right
        # bracket ("hat ... besucht", "..., weil er ... kritisiert hat")
        in_clause = [(w, low) for w, low in zip(words, lowers) if cs <= w.start() < ce
                     and not start <= w.start() < end]
        # (with sein only ge- participles: "ist ... verboten" is a state, "ist ... gekommen" a Perfekt)
        aux = {low for _, low in in_clause if low in g.aux_perfect or low in _PAST_AUX}
        if aux:
            haben = bool(aux & _HABEN)
            for w, low in in_clause[-2:]:
                if w.group(0)[0].islower() and low not in g.not_past and (
                        g.participle_re.match(low) or haben and _PARTICIPLE.match(low)):
                    cues.append((w.start(), w.end(), "past"))
        own = [c for c in cues if cs <= c[0] < ce]
        if not own and _UNTIL.search(self.text[max(cs, start - 24):start]):
            # a bound in a clause of its own without a past or future cue ("Die Banken bleiben bis
            # Mittwoch geschlossen, teilte das Ministerium mit"): the bound's own time, not the
            # report's (it gave last Wednesday)
            self._tense_cache[key] = None
            return None
        if not own and _present_clause(g, [w.group(0) for w, _ in in_clause], self.text[cs - 1:cs] == ",",
                                       cs == s or self.text[cs - 1:cs] not in "„“”»«\"()[]"):
            # a clause with a present-tense finite verb of its own ("..., dass er am Montag reist",
            # "Kaczyński trifft am Freitag Orbán, der Warschau Unterstützung zugesagt hat"):
            # present, whatever another clause of the sentence says
            self._tense_cache[key] = None
            return None
        best: tuple[int, str] | None = None
        for ws, we, cue in own or cues:
            dist = (start - we) if we <= start else (ws - end)
            if best is None or dist < best[0]:
                best = (dist, cue)
        res = best[1] if best else None
        if res == "future":
            # "soll ... gestohlen worden sein / haben": reported past
            tail = self.text[end:e].lower()
            if re.search(r"\b(?:ge\w+|\w+ge\w+|(?:be|ver|er|ent|zer)\w+|\w+iert)(?:t|en)\s+(?:haben|sein)\b", tail):
                res = "past"
        self._tense_cache[key] = res
        return res

    # -- reference dates ----------------------------------------------------------
    def note_day(self, d: dt.date, pos: int, multi: bool = False) -> None:
        self.last_day = d
        self.last_day_sent = self.sent_index(pos)
        self.last_day_multi = multi

    def note_year(self, y: int, pos: int) -> None:
        self.last_year = y
        self.last_year_sent = self.sent_index(pos)

    def ref_day(self, pos: int, max_sent: int | None = None,
                span: tuple[int, int] | None = None) -> dt.date | None:
        """The day last talked about, as the reference time of an anaphoric expression at ``pos``
        ("am Abend", "um 20 Uhr", "am Tag darauf"); None beyond ``max_sent`` sentences. With
        ``span`` (the expression's core), a clause told in the past does not take a day after the
        document date from another sentence ("Die Opposition rief für den 26. November zu Protesten
        auf. Am Abend kam es zu Zusammenstößen": not the evening of the 26th)."""
        if self.last_day is None:
            return None
        if max_sent is not None and self.sent_index(pos) - self.last_day_sent > max_sent:
            return None
        if span is not None and self.dct.date is not None and self.sent_index(pos) != self.last_day_sent \
                and (self.last_day - self.dct.date).days > _TENSE_SLACK_DAYS and self.tense(*span) == "past":
            return None
        return self.last_day

    def narrative_year(self, pos: int, window: int = 0) -> int | None:
        """The year written in a recent date (same sentence, or ``window`` sentences back)
        when it differs from the DCT's: the story is set in that year."""
        if self.last_year is None or self.sent_index(pos) - self.last_year_sent > window:
            return None
        if self.dct.year is not None and self.last_year == self.dct.year:
            return None
        return self.last_year


# ----------------------------------------------------------------- resolution


_TENSE_SLACK_DAYS = 1      # a document date may be a day off the day of writing


_SINCE = re.compile(r"(?i)\bseit(?:dem)?(?:\s+(?:dem|der|den|vergangenem|vergangener|letztem|letzter))?\s*$")
_UNTIL = re.compile(r"\bbis\s+(?:zum\s+|zur\s+|spätestens\s+|mindestens\s+)?$", re.IGNORECASE)


def _direction(doc: _Doc, mt: _Mention) -> str | None:
    """'past' / 'future' / None for the expression: "seit" points back to a time already begun
    ("seit Montag gilt", "seit dem 22. November"), else the tense of its clause."""
    if _SINCE.search(doc.text[max(0, mt.cstart - 24):mt.cstart]):
        return "past"
    return doc.tense(mt.cstart, mt.cend)


def _year_for(doc: _Doc, mt: _Mention, month: int, day: int | None = None) -> tuple[int | None, str | None]:
    """Year for a month (and day) given without one: narrative year, else DCT and tense."""
    ny = doc.narrative_year(mt.start)
    if ny is not None:
        return ny, None
    dct = doc.dct
    if dct.year is None:
        return None, None
    if dct.month is None:
        return dct.year, "year from the document date"
    if day is not None and dct.day is not None:
        best = None
        for y in (dct.year - 1, dct.year, dct.year + 1):
            try:
                dist = abs((dt.date(y, month, day) - dct.date).days)
            except ValueError:
                continue
            if best is None or dist < best[0]:
                best = (dist, y)
        if best is not None and best[0] <= 45:
            y = best[1]
            tense = _direction(doc, mt)
            signed = (dt.date(y, month, day) - dct.date).days
            # the tense of the clause wins over nearness: a past-tense clause does not tell of a
            # day after the document date, a future one not of a day before it
            prep = _key(doc.text[mt.start:mt.cstart]).strip()
            if prep not in ("", "am", "an") and not _SINCE.search(doc.text[max(0, mt.cstart - 24):mt.cstart]):
                tense = None        # "die Rennen vom 18. Dezember", "ab 15. Mai": not the clause's time
            if tense == "past" and signed > _TENSE_SLACK_DAYS:
                return y - 1, "year from the past tense of the clause"
            if tense == "future" and signed < -_TENSE_SLACK_DAYS:
                return y + 1, "year from the future tense of the clause"
            return y, None
    elif month == dct.month and (day is None or dct.day is None):
        return dct.year, None
    tense = _direction(doc, mt)
    here = (month, day or 0)
    now = (dct.month, dct.day or (0 if day is None else 15))
    if day is None:
        now = (dct.month, 0)
    if tense == "future":
        return (dct.year if here >= now else dct.year + 1), None
    if tense == "past":
        return (dct.year if here <= now else dct.year - 1), None
    diff = month - dct.month
    if diff > 6:
        return dct.year - 1, None
    if diff < -6:
        return dct.year + 1, None
    return dct.year, None


def _resolve(doc: _Doc, mt: _Mention) -> list[_Out]:
    g = doc.g
    m = mt.m
    k = mt.kind
    dct = doc.dct
    text = doc.text
    gd = m.groupdict()

    def out(type_, value, note=None, **kw) -> list[_Out]:
        return [_Out(mt.start, mt.end, mt.cstart, mt.cend, type_, value, note=note, **kw)]

    def day_rel(offset_days: int, dp: str | None = None, base: dt.date | None = None,
                note: str | None = None, type_=None, remember: bool = True) -> list[_Out]:
        b = base or dct.date
        suffix = f"T{dp}" if dp else ""
        typ = type_ or ("TIME" if dp else "DATE")
        if b is None:
            return out(typ, dct.coarse() if dct.year else "XXXX-XX-XX" + suffix,
                       _imprecise_note(dct))
        d = b + dt.timedelta(days=offset_days)
        if remember:
            doc.note_day(d, mt.start)
        return out(typ, _fmt_date(d) + suffix, note)

    if k in ("date_num", "date_iso", "date_text"):
        return _resolve_date(doc, mt)

    if k == "month":
        mon = g.months[_key(gd["mon"])]
        note = None
        if gd.get("y"):
            y = int(gd["y"])
        elif gd.get("yrel"):
            if dct.year is None:
                return out("DATE", f"XXXX-{mon:02d}", "no document date")
            y = dct.year + _rel_offset(g, gd["yrel"])
        elif gd.get("rel") and _rel_offset(g, gd["rel"]) in (1, -1) and dct.year is not None:
            off = _rel_offset(g, gd["rel"])
            y = dct.year
            if dct.month is not None:
                if off > 0 and mon <= dct.month:
                    y += 1
                if off < 0 and mon >= dct.month:
                    y -= 1
        else:
            y, note = _year_for(doc, mt, mon)
            if y is None:
                return out("DATE", f"XXXX-{mon:02d}", "no document date")
        doc.note_year(y, mt.start)
        return out("DATE", f"{y:04d}-{mon:02d}", note)

    if k == "season":
        s = g.seasons[_key(gd["season"])]
        if gd.get("y"):
            y = int(gd["y"])
        elif gd.get("yrel"):
            if dct.year is None:
                return out("DATE", f"XXXX-{s}")
            y = dct.year + _rel_offset(g, gd["yrel"])
        else:
            ny = doc.narrative_year(mt.start)
            if ny is not None and not gd.get("rel"):
                y = ny
            elif dct.year is None:
                return out("DATE", f"XXXX-{s}", "no document date")
            else:
                y = dct.year
                off = _rel_offset(g, gd["rel"]) if gd.get("rel") else None
                cur = _season_of(dct.month) if dct.month else None
                order = {"SP": 1, "SU": 2, "FA": 3, "WI": 4 if (dct.month or 0) == 12 else 0}
                if off in (1, -1) and cur:
                    if off > 0 and order[s] <= order[cur]:
                        y += 1
                    if off < 0 and order[s] >= order[cur]:
                        y -= 1
                elif off is None and cur:
                    tense = _direction(doc, mt)
                    if tense == "past" and order[s] > order[cur]:
                        y -= 1
                    elif tense == "future" and order[s] < order[cur]:
                        y += 1
                if s == "WI" and (dct.month or 0) == 12:
                    y += 1      # YYYY-WI is the winter that ends in YYYY (merge.date_span): December's is next year's
        return out("DATE", f"{y:04d}-{s}")

    if k == "year":
        if gd.get("y1"):
            y = int(gd["y1"])
            if gd.get("y1") and len(gd["y1"]) <= 2 and not gd.get("jahr"):
                return []
        else:
            y = int(gd["y2"])
        note = "season or period" if gd.get("yend") else None
        if not gd.get("yend"):
            doc.note_year(y, mt.start)
        return out("DATE", f"{y:04d}", note)

    if k == "decade":
        if gd.get("dw"):
            # "die zwanziger Jahre" are the 1920s unless written as "2020er"
            return out("DATE", f"19{g.decades[_key(gd['dw'])]}")
        dd = gd["dd"]
        if len(dd) == 4:
            return out("DATE", dd[:3])
        if len(dd) == 2:
            dec = int(dd[0])
            cent = 19
            if dd in ("00", "10") and dct.year and dct.year >= 2000 + int(dd) + 5:
                cent = 20
            return out("DATE", f"{cent}{dec}")
        return []

    if k == "century":
        if gd.get("n"):
            n = int(gd["n"])
            if not 1 <= n <= 21:
                return []
            return out("DATE", f"{n - 1:02d}")
        off = _rel_offset(g, gd["rel"])
        if not isinstance(off, int) or dct.year is None:
            return out("DATE", "XX")
        return out("DATE", f"{(dct.year // 100) + off:02d}")

    if k == "rel_unit":
        return _resolve_rel_unit(doc, mt)

    if k == "quarter":
        ordv = g.ordinals[_key(gd["ord"])]
        unit = _key(gd["unit"])
        y = int(gd["y"]) if gd.get("y") else (doc.narrative_year(mt.start) or dct.year)
        ys = f"{y:04d}" if y else "XXXX"
        if unit.startswith("quartal"):
            q = 4 if ordv == -1 else ordv
            if not 1 <= q <= 4:
                return []
            return out("DATE", f"{ys}-Q{q}")
        h = 2 if ordv == -1 else ordv
        if not 1 <= h <= 2:
            return []
        return out("DATE", f"{ys}-H{h}")

    if k == "weekday":
        wd = g.weekdays[_key(gd["wd"])]
        dp = g.dayparts.get(_key(gd["dp"])) if gd.get("dp") else None
        rel = _rel_offset(g, gd["rel"]) if gd.get("rel") else None
        # "für Freitag" of the clause, not of an attribute ("das für Freitag angesetzte Treffen
        # fand statt": the participle before its noun is told from the clause's time)
        after = re.match(r"\s+([a-zäöüß]+)", doc.text[mt.end:mt.end + 40])
        attributive = bool(after and re.search(r"(?:t|en)(?:e|en|er|es|em)$", after.group(1)))
        ahead = (gd.get("prep") or "").lower() in g.prep_ahead and not attributive
        return _resolve_weekday(doc, mt, wd, rel, dp, ahead=ahead)

    if k == "night":
        wd = g.weekdays[_key(gd["wd"])]
        res = _resolve_weekday(doc, mt, wd, None, None)
        if res and re.fullmatch(r"\d{4}-\d\d-\d\d", res[0].value):
            d = dt.date.fromisoformat(res[0].value) - dt.timedelta(days=1)
            res[0].value = _fmt_date(d) + "TNI"
            res[0].type = "TIME"
        return res

    if k == "set_wd":
        if gd.get("wds"):
            wd = g.weekday_set[_key(gd["wds"])]
            return out("SET", f"XXXX-WXX-{wd}")
        wd = g.weekdays[_key(gd["wd"])]
        dp = g.dayparts.get(_key(gd["dp"])) if gd.get("dp") else None
        return out("SET", f"XXXX-WXX-{wd}" + (f"T{dp}" if dp else ""))

    if k == "set":
        for grp in ("ju", "pu", "iu"):
            if gd.get(grp):
                u = g.unit(gd[grp])
                if u is None:
                    w = _key(gd[grp])
                    dpv = g.dayparts.get(w)
                    if dpv:
                        return out("SET", f"XXXX-XX-XXT{dpv}")
                    return []
                return out("SET", _dur_value(1, u))
        if gd.get("an"):
            n = g.number(gd["an"])
            u = g.unit(gd["au"])
            if n is None or u is None:
                return []
            return out("SET", _dur_value(n, u))
        if gd.get("sw"):
            return out("SET", g.sets[_key(gd["sw"])])
        return []

    if k == "deictic":
        return _resolve_deictic(doc, mt)

    if k == "heutig":
        w = _key(gd["w"])
        if w.startswith("heutig"):
            return out("DATE", "PRESENT_REF")
        if w.startswith("gestrig"):
            return day_rel(-1)
        return day_rel(1)

    if k == "daypart":
        dp = g.dayparts[_key(gd["dp"])]
        raw = gd["dp"]
        if _key(raw) in ("morgen", "früh") and raw[0].islower():
            return []
        if not gd.get("prep") and not gd.get("adj"):
            return []
        prep = _key(gd["prep"]) if gd.get("prep") else ""
        if _key(raw) == "nacht" and prep not in ("in", "im", "zur", "bis") and not gd.get("adj"):
            if prep not in ("am", "an", "gegen"):
                return []
        ref = doc.ref_day(mt.start, max_sent=3, span=(mt.cstart, mt.cend))
        adj = _key(gd["adj"]) if gd.get("adj") else ""
        if adj == "gestrigen" and dct.date:
            return day_rel(-1, dp)
        if adj == "heutigen" and dct.date:
            return day_rel(0, dp)
        if ref is None:
            return out("TIME", f"XXXX-XX-XXT{dp}")
        return out("TIME", _fmt_date(ref) + f"T{dp}")

    if k == "daypart_adv":
        before = text[max(0, mt.start - 12):mt.start]
        if re.search(r"(?i)uhr\s*$|\d\s*$", before):
            return []
        dp = g.daypart_adv[_key(gd["dpa"])]
        ref = doc.ref_day(mt.start, max_sent=3, span=(mt.cstart, mt.cend))
        if ref is not None:
            return out("TIME", _fmt_date(ref) + f"T{dp}")
        return out("SET", f"PT{dp}" if dp == "NI" else f"XXXX-XX-XXT{dp}")

    if k in ("time", "time_um", "time_word"):
        return _resolve_time(doc, mt)

    if k == "midnight":
        prep = _key(gd["prep"]) if gd.get("prep") else ""
        if prep not in ("um", "gegen", "bis", "ab", "nach", "vor", "zu"):
            return []
        ref = doc.ref_day(mt.start, max_sent=1, span=(mt.cstart, mt.cend))
        hm = "24:00" if _key(gd["mn"]) == "mitternacht" else "12:00"
        return out("TIME", (_fmt_date(ref) if ref else "") + "T" + hm)

    if k == "holiday":
        hv = g.holidays[_key(gd["h"])]
        if gd.get("y"):
            y = int(gd["y"])
        else:
            y = doc.narrative_year(mt.start) or dct.year
            if y is None:
                if hv.startswith("E"):
                    return out("DATE", "XXXX-XX-XX", "movable holiday, no year known")
                return out("DATE", f"XXXX-{hv}", "no document date")
            if dct.date is not None and not doc.narrative_year(mt.start):
                hd = _holiday_date(hv, y)
                tense = _direction(doc, mt)
                if tense == "past" and hd > dct.date + dt.timedelta(days=3):
                    y -= 1
                elif tense == "future" and hd < dct.date - dt.timedelta(days=3):
                    y += 1
                elif tense is None and (hd - dct.date).days > 200:
                    y -= 1
                elif tense is None and (dct.date - hd).days > 200:
                    y += 1
        try:
            hd = _holiday_date(hv, y)
        except ValueError:
            return []
        doc.note_day(hd, mt.start)
        return out("DATE", _fmt_date(hd))

    if k == "day_word":
        v = g.day_words[_key(gd["w"])]
        dp = None
        if v.endswith("EV"):
            v, dp = v[:-2], "EV"
        off = int(v)
        base = doc.ref_day(mt.start, span=(mt.cstart, mt.cend)) or dct.date
        return day_rel(off, dp, base=base, remember=False)

    if k == "year_word":
        off = int(g.year_words[_key(gd["w"])])
        base = dct.year
        if base is None:
            return out("DATE", "XXXX", "no document date")
        return out("DATE", f"{base + off:04d}")

    if k == "week_word":
        w = _key(gd["w"])
        if w in g.week_words:
            if dct.date is None:
                return out("DATE", "XXXX-WXX" if dct.year is None else dct.coarse(), _imprecise_note(dct))
            return out("DATE", _fmt_week(dct.date + dt.timedelta(days=7 * int(g.week_words[w]))))
        if dct.month is None:
            return out("DATE", "XXXX-XX" if dct.year is None else dct.coarse(), _imprecise_note(dct))
        y, mo = _add_months(dct.year, dct.month, int(g.month_words[w]))
        return out("DATE", f"{y:04d}-{mo:02d}")

    if k == "duration":
        return _resolve_duration(doc, mt)

    if k == "vague":
        u = g.unit(gd["unit"])
        rel = _key(gd["rel"]) if gd.get("rel") else ""
        prep = _key(gd["prep"]) if gd.get("prep") else ""
        det = mt.m.group("core").lower().split()[0]
        if det in ("diesen", "diese") and not rel:
            return out("DATE", "PRESENT_REF", tm_type="DURATION", tm_value=_dur_value("X", u))
        if det in ("all", "alle") and not rel:
            return out("DURATION", _dur_value("X", u))
        if not rel and not prep:
            return []
        if not rel and prep not in ("seit", "vor", "nach", "über", "für", "in"):
            return []
        if not rel and prep == "in":
            return []
        val = _dur_value("X", u)
        if rel in ("vergangenen", "letzten", "zurückliegenden", "bisherigen") or prep == "vor":
            lb = "PAST_REF"
        elif rel in ("kommenden", "nächsten", "folgenden"):
            lb = "FUTURE_REF"
        else:
            lb = None
        if lb and prep in ("in", "vor", "") and rel:
            return out("DATE", lb, tm_type="DURATION", tm_value=val)
        if prep == "vor" and not rel:
            return out("DATE", "PAST_REF", tm_type="DURATION", tm_value=val)
        return out("DURATION", val)

    if k == "vague_word":
        w = _key(gd["w"])
        return out("DURATION", g.vague.get(w) or g.fixed_dur[w])
    return []


def _imprecise_note(dct: _Dct) -> str:
    if dct.year is None:
        return "no document date: day not resolved"
    return f"document date known only to the {'month' if dct.month else 'year'}: day not resolved"


def _season_of(month: int) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def _rel_offset(g: _Grammar, word: str):
    v = g.rel.get(_key(word))
    if v is None:
        return None
    if v == "=":
        return "="
    return int(v)


def _holiday_date(hv: str, y: int) -> dt.date:
    if hv.startswith("E"):
        return _easter(y) + dt.timedelta(days=int(hv[1:]))
    mo, d = hv.split("-")
    return dt.date(y, int(mo), int(d))


def _resolve_date(doc: _Doc, mt: _Mention) -> list[_Out]:
    g = doc.g
    gd = mt.m.groupdict()
    dct = doc.dct
    dp = g.dayparts.get(_key(gd["dpre"])) if gd.get("dpre") else None
    if mt.kind == "date_text":
        mon = g.months[_key(gd["mon"])]
        day_spans = [(m2.start(1) + mt.m.start("days"), m2.end(0) + mt.m.start("days"), int(m2.group(1)))
                     for m2 in re.finditer(r"(\d{1,2})\.", gd["days"])]
    else:
        mon = int(gd["m"])
        day_spans = [(mt.cstart, mt.cend, int(gd["d"]))]
    ystr = gd.get("y")
    note = None
    if not 1 <= mon <= 12:
        return []
    year: int | None
    if ystr:
        if len(ystr) == 2:
            yy = int(ystr)
            pivot = (dct.year % 100 + 10) if dct.year else 30
            century = (dct.year // 100) if dct.year else 20
            year = century * 100 + yy if yy <= pivot else (century - 1) * 100 + yy
            note = f"two-digit year '{ystr}' read as {year}"
        else:
            year = int(ystr)
    else:
        year, note = _year_for(doc, mt, mon, day_spans[-1][2])
    narrative = None if ystr else doc.narrative_year(mt.start)
    if ystr and year is not None and len(ystr) == 4:
        doc.note_year(year, mt.start)
    outs: list[_Out] = []
    multi = len(day_spans) > 1
    for i, (s, e, d) in enumerate(day_spans):
        last = i == len(day_spans) - 1
        start = mt.start if i == 0 else s
        cstart = mt.cstart if i == 0 else s
        end = mt.end if last else e
        cend = mt.cend if last else e
        if multi and i == 0:
            # the first item of a list keeps only the preposition and the day number
            cstart = s
            end = cend = e
        yv = f"{year:04d}" if year is not None else "XXXX"
        try:
            if year is not None:
                day = dt.date(year, mon, d)
            elif not 1 <= d <= 31 or (mon == 2 and d > 29) or (mon in (4, 6, 9, 11) and d > 30):
                raise ValueError
            else:
                day = None
        except ValueError:
            outs.append(_Out(start, end, cstart, cend, "DATE", f"{yv}-{mon:02d}",
                             note=f"impossible date: day {d} does not exist in month {mon}; month kept"))
            continue
        val = f"{yv}-{mon:02d}-{d:02d}" + (f"T{dp}" if dp else "")
        if day is not None:
            doc.note_day(day, start, multi=multi)
            if not _pluperfect(doc, mt):      # told as background, it does not move the story's time
                doc.explicit_day, doc.explicit_sent = day, doc.sent_index(start)
                # its year told by the text: written out ("am 5. März 2012", "am 15. Juli 2016" also
                # in the document's year), or a narrative year another than the document's
                doc.explicit_year = bool(ystr) or (narrative is not None and year != dct.year)
        outs.append(_Out(start, end, cstart, cend, "TIME" if dp else "DATE", val, note=note))
    # a weekday next to the date must agree with it
    if gd.get("wd") and outs and len(outs) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", outs[0].value):
        wd = g.weekdays[_key(gd["wd"])]
        if dt.date.fromisoformat(outs[0].value).isoweekday() != wd:
            outs[0].note = ((outs[0].note + "; ") if outs[0].note else "") + \
                f"weekday '{gd['wd']}' does not match the date"
    return outs


def _resolve_weekday(doc: _Doc, mt: _Mention, wd: int, rel, dp: str | None,
                     ahead: bool = False) -> list[_Out]:
    """``ahead``: a preposition says the day is still to come when it is told ("für Freitag
    angekündigt", ``prep_ahead``), whatever the tense of the clause; not in a clause with a past
    form of haben or sein, told as before another past time ("hatten sich für den Mittwoch
    vorgenommen")."""
    dct = doc.dct
    suffix = f"T{dp}" if dp else ""
    typ = "TIME" if dp else "DATE"
    base = dct.date
    note = None
    if base is None:
        pin = doc.pinned_day()
        if pin is None:
            v = dct.coarse() if dct.year else f"XXXX-WXX-{wd}{suffix}"
            return [_Out(mt.start, mt.end, mt.cstart, mt.cend, typ, v, note=_imprecise_note(dct))]
        base = pin
        note = f"day pinned by the date {pin.isoformat()} in the text (document date known only to the month)"
    if rel is None and doc.explicit_day is not None and dct.date is not None \
            and abs((doc.explicit_day - dct.date).days) > 7 \
            and (doc.sent_index(mt.start) == doc.explicit_sent
                 or doc.explicit_year and doc.sent_index(mt.start) - doc.explicit_sent <= _REF_WINDOW_SENTENCES):
        # the story is set at a date written out in the sentence, or a sentence before with a year
        # of its own, written out even when it is the document's ("Am 5. März 2012 kam der Präsident
        # in Kiew an. Am Mittwoch traf er ...", "Am 15. Juli 2016 versuchten Teile des Militärs ...
        # Am Samstag erklärte die Regierung ..."), far from the document date: the weekday is the
        # next one from there (the story moves on), or the last one before it for a
        # Plusquamperfekt clause (told as earlier than that date). A weekday in a new sentence after
        # a date without a year is of the document's week, as news tells it ("Nordkorea hat am 6.
        # Jänner einen Atomtest durchgeführt. Am Donnerstag feuerte es Raketen ab": the Thursday of
        # the document date)
        ref = doc.explicit_day
        cur = ref.isoweekday()
        if _pluperfect(doc, mt):
            delta = -((cur - wd) % 7 or 7)
        else:
            delta = (wd - cur) % 7
        d = ref + dt.timedelta(days=delta)
        tense = doc.tense(mt.cstart, mt.cend)
        if not (tense == "past" and d > dct.date or tense == "future" and d < dct.date):
            doc.note_day(d, mt.start)
            return [_Out(mt.start, mt.end, mt.cstart, mt.cend, typ, _fmt_date(d) + suffix,
                         note=f"weekday from the date {ref.isoformat()} written before")]
    cur = base.isoweekday()
    if rel == 0 or rel == "=":
        delta = wd - cur
    elif isinstance(rel, int) and rel > 0:
        delta = (wd - cur) % 7 or 7
        if rel == 2:
            delta += 7
    elif isinstance(rel, int) and rel < 0:
        delta = -((cur - wd) % 7 or 7)
        if rel == -2:
            delta -= 7
    elif wd == cur:
        delta = 0
    else:
        tense = "future" if ahead and not _past_aux(doc, mt) else _direction(doc, mt)
        if tense is None and (_clause_initial_present(doc, mt) or _has_present_verb(doc, mt)):
            tense = "future"
        if tense == "future":
            delta = (wd - cur) % 7
            note = (note + "; " if note else "") + "weekday: the coming one (future or scheduled present)"
        else:
            delta = -((cur - wd) % 7)
    d = base + dt.timedelta(days=delta)
    doc.note_day(d, mt.start)
    return [_Out(mt.start, mt.end, mt.cstart, mt.cend, typ, _fmt_date(d) + suffix, note=note)]


_REF_WINDOW_SENTENCES = 1


def _pluperfect(doc: _Doc, mt: _Mention) -> bool:
    """Plusquamperfekt in the clause: hatte/war with a participle ("hatte am Montag besucht")."""
    cs, ce = doc.clause_span(mt.cstart, mt.cend)
    words = [w.group(0) for w in doc.g.word_re.finditer(doc.text, cs, ce) if not mt.start <= w.start() < mt.end]
    if not any(w[0].islower() for w in words):     # "am 28. Januar, hatte er ...": the clause is the sentence
        words = [w.group(0) for w in doc.g.word_re.finditer(doc.text, *doc.scan_span(mt.start, mt.end))]
    return any(w.lower() in _PAST_AUX for w in words) and any(
        w[0].islower() and _PARTICIPLE.match(w.lower()) for w in words[-2:])


def _past_aux(doc: _Doc, mt: _Mention) -> bool:
    """The clause holds a past form of haben or sein ("hatten sich für den Mittwoch – ... –
    vorgenommen": its participle may stand beyond a parenthesis the clause ends at)."""
    cs, ce = doc.clause_span(mt.cstart, mt.cend)
    return any(w.group(0).lower() in _PAST_AUX for w in doc.g.word_re.finditer(doc.text, cs, ce))


_PAST_AUX = frozenset("hatte hattest hatten hattet war warst waren wart".split())
_HABEN = frozenset("hat haben habe hast habt hatte hattest hatten hattet".split())


def _clause_initial_present(doc: _Doc, mt: _Mention) -> bool:
    """'Am Samstag geht es los': the weekday opens the sentence and a verb follows (V2)."""
    s0 = doc.sent_starts[doc.sent_index(mt.start)]
    before = doc.text[s0:mt.start].strip(" \t\"'„“»«(-–")
    if before and before.lower() not in ("und", "doch", "aber", "denn", "dann", "erst", "schon"):
        return False
    nxt = re.match(r"[\s,]*([A-Za-zÄÖÜäöüß]+)", doc.text[mt.end:mt.end + 30])
    return bool(nxt) and nxt.group(1)[0].islower() and nxt.group(1).lower() not in doc.g.past


def _subordinate(g: _Grammar, first: str, after_comma: bool) -> bool:
    """Whether a clause opening with the word ``first`` is a subordinate clause: a subordinator
    ("dass", "nachdem"; timex_words class subordinator), or a relative pronoun after a comma
    (``after_comma``: "..., die Sanaa seit 2014 kontrollieren, ..."; cues.tsv class ``relative``)."""
    from .events.cues import load_cues
    low = first.lower()
    return low in g.subordinators or after_comma and load_cues().is_(low, "relative")


def _present_clause(g: _Grammar, words: list[str], after_comma: bool, whole: bool = True) -> bool:
    """Whether a clause (its ``words``, without the time expression; ``after_comma`` as for
    ``_subordinate``) that holds no past or future cue tells the present by a finite verb of its
    own: a subordinate clause closed by one ("..., dass er am Montag reist"), or a main clause
    whose finite verb (``_finite_verbs``) is a full verb ("Kaczyński trifft am Freitag Orbán, der
    Warschau bereits Unterstützung zugesagt hat": the coming Friday, though the relative clause is
    told in the past). Not a form of haben, sein or werden (also "hätten", "wäre"), whose participle
    may stand beyond a comma ("Am Freitag hat die Regierung, wie ein Sprecher sagte, Sanktionen
    beschlossen"), nor a clause without a verb ("Am Freitag, sagte er, ..."): the tense of the
    sentence then tells; nor a main clause cut at a quotation mark or bracket (``whole`` false:
    "Schnellboote hätten die „Stena Impero“ am Freitag umstellt": its finite verb stands before)."""
    if not words:
        return False
    if _subordinate(g, words[0], after_comma):
        return words[-1][:1].islower() and words[-1].lower() not in _NOT_VERB
    finite = _finite_verbs(g, " ".join(words)) if whole else []
    low = finite[0].lower() if finite else ""
    return bool(low) and low not in g.aux_perfect and low not in _PAST_AUX and low not in _KONJ2_AUX \
        and low not in _NOT_VERB


#: the Konjunktiv II of haben, sein and werden ("Die Protestierenden hätten die Soldaten am Montag
#: ... beworfen, teilte die Nato mit": reported past, its participle beyond the comma)
_KONJ2_AUX = frozenset("hätte hätten hättest hättet wäre wären wärest wärst wäret würde würden würdest würdet".split())


_NOT_VERB = {"nicht", "jetzt", "seit", "mit", "bereits", "erst", "selbst", "nichts", "gut", "mehr", "nach",
             "den", "dem", "einen", "einem", "zwischen", "wegen", "gegen", "unten", "oben", "hinten", "vorn",
             "zusammen", "ebenfalls", "meist", "zunächst", "zuletzt", "damit", "weit", "insgesamt", "fest",
             "ihren", "seinen", "unseren", "allen", "vielen", "keinen", "diesen", "jenen", "welchen", "von",
             "heute", "morgen", "gestern", "schon", "noch", "dort", "sonst", "mittlerweile", "kurz"}


def _has_present_verb(doc: _Doc, mt: _Mention) -> bool:
    s, e = doc.scan_span(mt.start, mt.end)
    for w in doc.g.word_re.finditer(doc.text, s, e):
        if mt.start <= w.start() < mt.end:
            continue
        t = w.group(0)
        if t[0].islower() and (len(t) >= 3 and (t.endswith("t") or t.endswith("en")) and t not in _NOT_VERB
                               or t in ("sind", "bin", "seid", "gibt")):
            return True
    return False


def _resolve_rel_unit(doc: _Doc, mt: _Mention) -> list[_Out]:
    g = doc.g
    gd = mt.m.groupdict()
    dct = doc.dct
    unit = _key(gd["unit"])
    rel = _rel_offset(g, gd["rel"]) if gd.get("rel") else None
    pos = gd.get("pos")
    post = gd.get("post")
    cur_text = mt.m.group("core").lower()
    has_det = bool(re.match(r"(?:(?:anfang|beginn|mitte|ende|hälfte)\s+)?(?:der|die|das|den|dem|des)\b", cur_text))

    def out(type_, value, note=None):
        return [_Out(mt.start, mt.end, mt.cstart, mt.cend, type_, value, note=note)]

    if rel == "=":
        rel = 0
    if unit != "wochenende" and rel is None and not (pos and has_det) and not post \
            and not re.fullmatch(r"des\s+jahres", cur_text):
        return []
    nowk = "XXXX-WXX" if dct.year is None else dct.coarse()
    if unit.startswith("woche") and unit != "wochenende":
        if post:
            base = doc.ref_day(mt.start) or dct.date
            if base is None:
                return out("DATE", nowk, _imprecise_note(dct))
            shift = 7 if _key(post) in ("darauf", "danach") else -7
            return out("DATE", _fmt_week(base + dt.timedelta(days=shift)))
        if dct.date is None:
            return out("DATE", nowk, _imprecise_note(dct))
        off = rel if isinstance(rel, int) else 0
        return out("DATE", _fmt_week(dct.date + dt.timedelta(days=7 * off)))
    if unit == "wochenende":
        if dct.date is None:
            return out("DATE", nowk + "-WE" if dct.year is None else nowk, _imprecise_note(dct))
        cur = dct.date.isoweekday()
        if rel is None and not has_det and not mt.m.group("prep"):
            return []
        if isinstance(rel, int) and rel > 0:
            d = dct.date + dt.timedelta(days=(6 - cur) % 7 or 7) if cur >= 6 else dct.date
            d = dct.date + dt.timedelta(days=7) if cur >= 6 else dct.date
        elif isinstance(rel, int) and rel < 0:
            d = dct.date - dt.timedelta(days=7) if cur < 6 else dct.date - dt.timedelta(days=7)
        else:
            tense = doc.tense(mt.cstart, mt.cend)
            if cur >= 6 or tense == "future":
                d = dct.date
            else:
                d = dct.date - dt.timedelta(days=7)
        return out("DATE", _fmt_week(d) + "-WE")
    if unit.startswith("monat"):
        if post:
            return []
        if dct.month is None:
            if dct.year is None:
                return out("DATE", "XXXX-XX", "no document date")
            return out("DATE", f"{dct.year:04d}", _imprecise_note(dct))
        off = rel if isinstance(rel, int) else 0
        y, mo = _add_months(dct.year, dct.month, off)
        return out("DATE", f"{y:04d}-{mo:02d}")
    if unit.startswith("jahr"):
        if post:
            base = doc.narrative_year(mt.start) or dct.year
            if base is None:
                return out("DATE", "XXXX", "no document date")
            return out("DATE", f"{base + (1 if _key(post) in ('darauf', 'danach') else -1):04d}")
        if rel is None:
            # "Ende des Jahres": the year talked about, else the DCT's
            y = doc.narrative_year(mt.start, window=2) or dct.year
        else:
            if dct.year is None:
                return out("DATE", "XXXX", "no document date")
            y = dct.year + (rel if isinstance(rel, int) else 0)
        if y is None:
            return out("DATE", "XXXX", "no document date")
        return out("DATE", f"{y:04d}")
    if unit.startswith("quartal"):
        if dct.month is None:
            return out("DATE", dct.coarse() if dct.year else "XXXX-QX", _imprecise_note(dct))
        q = (dct.month - 1) // 3 + 1 + (rel if isinstance(rel, int) else 0)
        y = dct.year + (q - 1) // 4
        q = (q - 1) % 4 + 1
        return out("DATE", f"{y:04d}-Q{q}")
    return []


def _resolve_deictic(doc: _Doc, mt: _Mention) -> list[_Out]:
    g = doc.g
    gd = mt.m.groupdict()
    dct = doc.dct
    text = doc.text
    raw = gd["w"]
    w = _key(raw)
    v = g.deictic[w]
    dp = g.dayparts.get(_key(gd["dp"])) if gd.get("dp") else None
    prep = _key(gd["prep"]) if gd.get("prep") else ""

    def out(type_, value, note=None):
        return [_Out(mt.start, mt.end, mt.cstart, mt.cend, type_, value, note=note)]

    if w == "morgen" and raw[0].isupper() and not raw.isupper():
        # "Morgen" is the morning unless it starts a sentence ("Morgen beginnt ...")
        s0 = doc.sent_starts[doc.sent_index(mt.cstart)]
        if text[s0:mt.cstart].strip(" \"'„“»«(") != "":
            return []
    if v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        if w in ("früher",) and re.match(r"\s*(?:als|oder)\b", text[mt.cend:mt.cend + 6]):
            return []
        if w == "nun" and prep:
            return []
        return out("DATE", v)
    if v == "THIS_YEAR":
        if dct.year is None:
            return out("DATE", "XXXX", "no document date")
        return out("DATE", f"{dct.year:04d}")
    if prep == "von" and not dp:
        return out("DATE", "PRESENT_REF" if v == "TODAY" else ("FUTURE_REF" if v.startswith("+") else "PAST_REF"))
    off = 0 if v == "TODAY" else int(v)
    if v == "TODAY" and not dp:
        after = text[mt.cend:mt.cend + 12].lower()
        before = text[max(0, mt.cstart - 8):mt.cstart].lower()
        if re.match(r"\s*noch\b", after) or re.search(r"\bnoch\s*$", before) or prep == "bis" and \
                re.match(r"\s*(?:nicht|kein)", after):
            return out("DATE", "PRESENT_REF")
        if not doc.daily and prep != "bis":
            return out("DATE", "PRESENT_REF", "'heute' in a text without day references: nowadays")
    if dct.date is None:
        return out("TIME" if dp else "DATE", dct.coarse() if dct.year else "XXXX-XX-XX", _imprecise_note(dct))
    d = dct.date + dt.timedelta(days=off)
    doc.note_day(d, mt.start)
    return out("TIME" if dp else "DATE", _fmt_date(d) + (f"T{dp}" if dp else ""))


def _resolve_time(doc: _Doc, mt: _Mention) -> list[_Out]:
    gd = mt.m.groupdict()
    k = mt.kind
    text = doc.text
    outs: list[_Out] = []

    # the day of the current reference time: the day last talked about, else the document date
    ref = doc.ref_day(mt.start, span=(mt.cstart, mt.cend))
    if ref is None and not doc.last_day_multi:
        ref = doc.dct.date
    cs, ce = doc.clause_span(mt.cstart, mt.cend)
    if any(w.group(0).lower() in doc.g.generic for w in doc.g.word_re.finditer(text, cs, ce)):
        ref = None      # "jeweils 20 Uhr", "beispielsweise von 10 bis 15 Uhr": no particular day
    if ref is not None and doc.last_day_multi and doc.sent_index(mt.start) - doc.last_day_sent <= 1:
        ref = None      # "am 25. und 26. August von 10 bis 18 Uhr": on each of them
    prefix = _fmt_date(ref) if ref else ""

    def tval(h: int, mi: int) -> str | None:
        if not (0 <= h <= 24 and 0 <= mi <= 59) or (h == 24 and mi):
            return None
        return f"{prefix}T{h:02d}:{mi:02d}"

    if k == "time_word":
        hw = _key(gd["hw"])
        h = {"ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
             "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12}[hw]
        q = _key(gd["q"]) if gd.get("q") else ""
        if not q and not gd.get("uhr"):
            return []
        if q and not gd.get("prep") and not gd.get("uhr"):
            # "halb neun" needs "um" or "Uhr" to be a clock time
            return []
        mi = 0
        if q == "halb":
            h, mi = h - 1, 30
        elif q == "viertel nach":
            mi = 15
        elif q in ("viertel vor", "dreiviertel"):
            h, mi = h - 1, 45
        if _pm(text, mt.cend) and h < 12:
            h += 12
        v = tval(h, mi)
        return [_Out(mt.start, mt.end, mt.cstart, mt.cend, "TIME", v)] if v else []

    h = int(gd["h"])
    mi = int(gd["mi"] or gd.get("mi3") or 0) if gd.get("mi") or gd.get("mi3") else 0
    if _pm(text, mt.cend) and h < 12 and not gd.get("h2"):
        h += 12
    if k == "time" and gd.get("h2"):
        h2 = int(gd["h2"])
        mi2 = int(gd["mi2"]) if gd.get("mi2") else 0
        v1, v2 = tval(h, mi), tval(h2, mi2)
        if v1 is None or v2 is None:
            return [_Out(mt.start, mt.end, mt.cstart, mt.cend, "TIME", "XXXX-XX-XXTXX:XX",
                         note="impossible clock time")]
        first_end = mt.m.start("sep")
        start2 = mt.m.start("h2")
        outs.append(_Out(mt.start, first_end, mt.cstart, first_end, "TIME", v1))
        outs.append(_Out(start2, mt.end, start2, mt.cend, "TIME", v2))
        return outs
    v = tval(h, mi)
    if v is None:
        return [_Out(mt.start, mt.end, mt.cstart, mt.cend, "TIME", "XXXX-XX-XXTXX:XX",
                     note=f"impossible clock time {mt.m.group('core')!r}")]
    return [_Out(mt.start, mt.end, mt.cstart, mt.cend, "TIME", v)]


def _pm(text: str, pos: int) -> bool:
    """'acht Uhr abends', '3 Uhr nachmittags': a 12-hour clock time after noon."""
    return bool(re.match(r"(?i)\s*(?:abends|nachmittags|am\s+abend|am\s+nachmittag|nachts)\b", text[pos:pos + 16])) \
        and not re.match(r"(?i)\s*nachts", text[pos:pos + 10])


def _resolve_duration(doc: _Doc, mt: _Mention) -> list[_Out]:
    g = doc.g
    gd = mt.m.groupdict()
    dct = doc.dct
    text = doc.text
    num = g.number(gd["num"])
    unit = g.unit(gd["unit"])
    if num is None or unit is None:
        return []
    raw_num = _key(gd["num"])
    # "eines Tages" (one day), "31 Jahre alt" (age), "im Alter von 45 Jahren"
    after = text[mt.cend:mt.cend + 12].lower()
    before = text[max(0, mt.start - 16):mt.start].lower()
    if re.match(r"\s*(?:alt|älter|jünger)", after) or re.search(r"alter\s+von\s*$", before):
        return []
    prep0 = _key(gd["prep"]) if gd.get("prep") else ""
    if unit == "Y" and (prep0 in ("ab", "mit") or re.search(r"\b(?:ab|mit)\s*$", before)) and not gd.get("det"):
        return []
    if raw_num == "eines" and unit == "D":
        return []
    if isinstance(num, int) and num > 5000:
        return []
    value = _dur_value(num, unit)
    if gd.get("num2") and gd.get("unit2"):
        n2, u2 = g.number(gd["num2"]), g.unit(gd["unit2"])
        if n2 is not None and u2 is not None and not unit.startswith("T") and not u2.startswith("T"):
            value = value + _dur_value(n2, u2)[1:]
        elif n2 is not None and u2 is not None:
            value = value + _dur_value(n2, u2)[2:]
    prep = _key(gd["prep"]) if gd.get("prep") else ""
    post = _key(gd["post"]) if gd.get("post") else ""
    rel = _key(gd["rel"]) if gd.get("rel") else ""

    def out(type_, val, note=None, tm_type=None, tm_value=None):
        return [_Out(mt.start, mt.end, mt.cstart, mt.cend, type_, val, note=note,
                     tm_type=tm_type, tm_value=tm_value)]

    shift_sign = 0
    base_kind = ""
    if prep == "vor" and not post:
        shift_sign, base_kind = -1, "dct"
    elif prep == "in" and not post and not gd.get("det") and num != "X":
        shift_sign, base_kind = +1, "dct"
    elif post in ("später", "danach", "darauf"):
        shift_sign, base_kind = +1, "ref"
    elif post in ("zuvor", "vorher", "früher"):
        shift_sign, base_kind = -1, "ref"
    if shift_sign and num != "X" and not unit.startswith("T") and unit not in ("WE",):
        if base_kind == "dct":
            base = dct.date
            base_y, base_m = dct.year, dct.month
        else:
            base = doc.ref_day(mt.start) or dct.date
            base_y = base.year if base else dct.year
            base_m = base.month if base else dct.month
        try:
            n = float(num)
            date_val, note = _shift(base, base_y, base_m, unit, shift_sign * n)
        except (ValueError, OverflowError):
            date_val, note = None, None
        if date_val is not None:
            return out("DATE", date_val, note, tm_type="DURATION", tm_value=value)
    if not shift_sign and prep == "in" and num == "X" and not gd.get("det"):
        shift_sign = 1
    if shift_sign and num == "X":
        return out("DATE", "PAST_REF" if shift_sign < 0 else "FUTURE_REF", tm_type="DURATION", tm_value=value)
    if rel in ("vergangenen", "letzten", "zurückliegenden") and prep in ("in", ""):
        return out("DURATION", value)
    return out("DURATION", value)


def _shift(base: dt.date | None, y: int | None, m: int | None, unit: str, n: float) -> tuple[str | None, str | None]:
    if y is None:
        return None, None
    if not float(n).is_integer():
        return None, None
    n = int(n)
    if unit == "Y":
        return f"{y + n:04d}", None
    if unit == "DE":
        return f"{(y + 10 * n) // 10:03d}", None
    if unit == "CE":
        return f"{(y + 100 * n) // 100:02d}", None
    if unit in ("M", "Q"):
        k = n * (3 if unit == "Q" else 1)
        if m is None:
            return f"{(y * 12 + k) // 12:04d}", "document date known only to the year"
        yy, mm = _add_months(y, m, k)
        return f"{yy:04d}-{mm:02d}", None
    if base is None:
        if m is not None:
            return f"{y:04d}-{m:02d}", "document date known only to the month: day not resolved"
        return f"{y:04d}", "document date known only to the year"
    if unit == "W":
        return _fmt_week(base + dt.timedelta(days=7 * n)), None
    if unit == "D":
        return _fmt_date(base + dt.timedelta(days=n)), None
    return None, None


# ---------------------------------------------------------------------- driver


def _windows(g: _Grammar, text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger category (month, digit, unit, ...), the stretches of text around its
    trigger words. Each pattern runs only inside the windows of its categories, so
    long texts with few dates cost little."""
    cats_of = g.trigger_cats
    by4 = g.prefix_by4
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in g.token_re.finditer(text):
        tok = m.group(0)
        if tok[0].isdigit():
            cats = ("digit",)
        else:
            low = tok.lower()
            cats = cats_of.get(low)
            if cats is None:
                cands = by4.get(low[:4])
                if not cands:
                    continue
                p = next((p for p in cands if low.startswith(p)), None)
                if p is None:
                    continue
                cats = g.prefix_cats[p]
        for c in cats:
            hits.setdefault(c, []).append((m.start(), m.end()))
    return hits


def _merge(text: str, spans: list[tuple[int, int]], left: int = 50, right: int = 50) -> list[tuple[int, int]]:
    n = len(text)
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        s = max(0, s - left)
        e = min(n, e + right)
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < n and not text[e].isspace():
            e += 1
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _candidates(g: _Grammar, text: str) -> list[_Mention]:
    cands: list[_Mention] = []
    hits = _windows(g, text)
    for name, rx in g.patterns:
        prio = g.priority[name]
        has_prep = "prep" in rx.groupindex
        spans: list[tuple[int, int]] = []
        for c in g.pattern_cats[name]:
            spans.extend(hits.get(c, ()))
        if not spans:
            continue
        pf = g.prefilter.get(name)
        if pf is not None and pf.search(text) is None:
            continue
        seen: set[tuple[int, int]] = set()
        right = 30 if name in ("duration", "vague", "rel_unit", "decade", "century") else 50
        for ws, we in _merge(text, spans, 50, right):
            for m in rx.finditer(text, ws, we):
                cs, ce = m.span("core")
                if ce <= cs:
                    continue
                ms = m.start("prep") if has_prep and m.group("prep") else cs
                if (ms, ce) in seen:
                    continue
                seen.add((ms, ce))
                cands.append(_Mention(ms, ce, cs, ce, name, m, prio))
    return cands


def _accept(g: _Grammar, text: str, mt: _Mention) -> bool:
    """Cheap local checks that reject a candidate before span selection."""
    gd = mt.m.groupdict()
    k = mt.kind
    if k == "year" and gd.get("y2"):
        before = text[max(0, mt.cstart - 20):mt.cstart]
        if re.search(r"[\d][.,]?\s*$", before[-3:]) and not re.search(r"[-–/]\s*$", before):
            return False
        nxt = re.match(r"[ \t]+([A-Za-zÄÖÜäöüß]+)", text[mt.cend:mt.cend + 30])
        cap_follow = bool(nxt) and nxt.group(1)[0].isupper() and not nxt.group(1).isupper() \
            and _key(nxt.group(1)) not in g.months
        quant = bool(g.quant_before.search(before)) and not gd.get("prep")
        if quant and (cap_follow or not nxt):
            return False
        counted = re.match(r"[ \t]+[a-zäöüß]+(?:e|en|er|es|em)[ \t]+([A-ZÄÖÜ][a-zäöüß]+)",
                           text[mt.cend:mt.cend + 60])
        if quant and counted and not gd.get("pos") and _key(counted.group(1)) not in g.months:
            return False        # "rund 1500 französischen Soldaten": a number of things, no year
                                # (not "1904 uraufgeführtes Stück", "die 2014 gegründete Partei")
        if cap_follow and not gd.get("prep") and not gd.get("pos") and not gd.get("yend") and not quant:
            prev = re.search(r"([A-Za-zÄÖÜäöüß]+)\s*$", before)
            if not (prev and prev.group(1).lower() in g.year_adverbs):
                return False
    if k == "month" and not (gd.get("prep") or gd.get("pos") or gd.get("rel") or gd.get("y") or gd.get("yrel")):
        if not g.month_before.search(text[max(0, mt.cstart - 30):mt.cstart]):
            return False
    if k == "month" and _key(gd["mon"]) in ("august", "mai") and not (gd.get("y") or gd.get("pos") or gd.get("yrel")):
        nxt = re.match(r"\s+([A-ZÄÖÜ][a-zäöüß]+)", text[mt.cend:mt.cend + 30])
        if nxt and _key(nxt.group(1)) not in g.months:
            return False
    if k == "month" and _key(gd["mon"]).endswith(".") and not (gd.get("y") or gd.get("prep")):
        return False
    if k == "season" and not (gd.get("prep") or gd.get("pos") or gd.get("rel") or gd.get("y") or gd.get("drel")
                              or gd.get("yrel")):
        if not re.search(r"\b(?:der|den|dem|des)\s", mt.m.group("core"), re.I):
            return False
    if k == "weekday" and text[mt.cend:mt.cend + 1] == "-" and not gd.get("prep"):
        # "Sonntags-Zeitung"-like compounds are no dates; "Goldenen-Sonntag-..." names a day
        if not (mt.cstart > 0 and text[mt.cstart - 1] == "-"):
            return False
    if k == "deictic":
        w = _key(gd["w"])
        raw = gd["w"]
        if w == "früh" or w == "gegenwärtig" and re.match(r"\s+[a-zäöüß]+e[nmrs]?\b", text[mt.cend:mt.cend + 20]):
            return False
        if w == "einst" and text[mt.cend:mt.cend + 1].isalpha():
            return False
        if w in ("zukunft", "vergangenheit", "gegenwart") and re.search(
                r"(?i)\b(?:ihre|ihrer|seine|seiner|unsere|unserer|meine|deine|eure|keine|nur|eine|einer)\s+$",
                text[max(0, mt.cstart - 12):mt.cstart]):
            return False
        if w == "früher" and text[max(0, mt.cstart - 1):mt.cstart] == "(":
            return False
        if w in ("später", "bald") and re.search(r"(?i)\b(?:so|sobald|wie)\s*$", text[max(0, mt.cstart - 6):mt.cstart]):
            return False
    if k == "duration":
        if gd["num"] and re.fullmatch(r"\d{1,4}", gd["num"].strip()):
            before = text[max(0, mt.cstart - 2):mt.cstart]
            if re.search(r"[\d.,]$", before):
                return False
    if k == "time_word" and not gd.get("uhr") and not gd.get("q"):
        return False
    if k == "rel_unit":
        unit = _key(gd["unit"])
        core = mt.m.group("core").lower()
        has_det = bool(re.match(r"(?:(?:anfang|beginn|mitte|ende|hälfte)\s+)?(?:der|die|das|den|dem|des)\b", core))
        if unit == "wochenende":
            if not (gd.get("rel") or gd.get("prep") or has_det):
                return False
        elif not (gd.get("rel") or gd.get("post") or (gd.get("pos") and has_det)
                  or re.fullmatch(r"des\s+jahres", core)):
            return False
    if k == "set" and gd.get("iu"):
        before = text[max(0, mt.cstart - 60):mt.cstart]
        if not (g.num_before.search(before) or re.search(r"(?i)mal\s*$", before)
                or re.match(r"(?i)\w*mal\b", mt.m.group("core"))):
            return False
    if k == "daypart":
        raw = gd["dp"]
        if _key(raw) in ("morgen", "früh") and raw[0].islower():
            return False
        if not gd.get("prep") and not gd.get("adj"):
            return False
        prep = _key(gd["prep"]) if gd.get("prep") else ""
        if _key(raw) == "nacht" and prep not in ("in", "im", "zur", "bis", "am", "an", "gegen") and not gd.get("adj"):
            return False
        if _key(raw) == "nacht" and re.match(r"(?i)\s+(?:auf\s+den|zum|vom)\s+\d", text[mt.cend:mt.cend + 14]):
            return False
    if k == "vague":
        rel = gd.get("rel")
        prep = _key(gd["prep"]) if gd.get("prep") else ""
        first = mt.m.group("core").lower().split()[0]
        if not rel and first not in ("diesen", "diese", "all", "alle") and prep not in ("seit", "vor", "nach", "über", "für"):
            return False
    if k == "time" and not gd.get("prep"):
        before = text[max(0, mt.cstart - 2):mt.cstart]
        if re.search(r"[\d.,]$", before):
            return False
    return True


def _select(cands: list[_Mention]) -> list[_Mention]:
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    taken: list[tuple[int, int]] = []
    chosen: list[_Mention] = []
    starts: list[int] = []
    for c in cands:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        starts.insert(i, c.start)
        taken.insert(i, (c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def find_timexes(text: str, dct: str | None = None, *, spans: str = "lagebild",
                 warnings: list[str] | None = None) -> list[Timex]:
    """Find and normalize the German time expressions of ``text``.

    ``dct`` is the document creation time (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
    or ``DD.MM.YYYY``) or None. A DCT that cannot be read is not fatal: it is
    ignored (values as without a DCT) and a message is appended to
    ``warnings`` when given. ``spans``: ``"lagebild"`` (prepositions inside the
    span, "vor drei Jahren" as a DATE) or ``"timeml"`` (KRAUTS/TimeML spans).
    Returns Timex records ordered by start offset.
    """
    if spans not in ("lagebild", "timeml"):
        raise ValueError(f"spans must be 'lagebild' or 'timeml', not {spans!r}")
    if not text:
        return []
    norm = None
    if dct is not None and str(dct).strip():
        try:
            norm = parse_dct(dct)
        except ValueError as exc:
            if warnings is not None:
                warnings.append(f"{exc}; time expressions resolved without a document date")
    g = _grammar()
    doc = _Doc(g, text, _make_dct(norm))
    cands = [c for c in _candidates(g, text) if _accept(g, text, c)]
    chosen = _select(cands)
    result: list[Timex] = []
    for mt in chosen:
        try:
            outs = _resolve(doc, mt)
        except (ValueError, OverflowError, KeyError, IndexError) as exc:  # never fail a whole article
            if warnings is not None:
                warnings.append(f"time expression {text[mt.start:mt.end]!r} at {mt.start} not resolved: {exc}")
            continue
        for o in outs:
            if spans == "timeml" or (o.start < o.cstart and _key(text[o.start:o.cstart]).strip()
                                     not in g.prep_keep):
                s, e = o.cstart, o.cend
            else:
                s, e = o.start, o.end
            if spans == "timeml":
                typ = o.tm_type or o.type
                val = o.tm_value or o.value
            else:
                typ, val = o.type, o.value
            seg = text[s:e]
            # trim whitespace at the edges
            ls = len(seg) - len(seg.lstrip())
            rs = len(seg) - len(seg.rstrip())
            s, e = s + ls, e - rs
            if e <= s:
                continue
            result.append(Timex(text=text[s:e], type=typ, value=val, start=s, end=e, note=o.note))
    result.sort(key=lambda t: (t.start, t.end))
    return result


_REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")

_GLOSS_REFS = {"PAST_REF": "some time in the past", "PRESENT_REF": "now, the present",
               "FUTURE_REF": "some time in the future"}
_GLOSS_PARTS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter", "H1": "first half",
                "H2": "second half", "Q1": "first quarter", "Q2": "second quarter", "Q3": "third quarter",
                "Q4": "fourth quarter", "WE": "weekend"}
_GLOSS_DAYTIME = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def gloss(value: str | None) -> str | None:
    """A reader's words for a TIMEX3 value that is not a plain date ("2016-SU": "summer 2016",
    "2016-03-18TAF": "2016-03-18, afternoon", "PRESENT_REF": "now, the present", "2016-W11": "week 11
    of 2016"), or None for a plain date or time (which says itself)."""
    if not value:
        return None
    if value in _GLOSS_REFS:
        return _GLOSS_REFS[value]
    m = re.fullmatch(r"(\d{4}|XXXX)-(SP|SU|FA|WI|H1|H2|Q1|Q2|Q3|Q4)", value)
    if m:
        return f"{_GLOSS_PARTS[m.group(2)]} {'of an unknown year' if m.group(1) == 'XXXX' else m.group(1)}"
    m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-(WE))?", value)
    if m:
        return ("the weekend of " if m.group(3) else "") + f"week {int(m.group(2))} of {m.group(1)}"
    m = re.fullmatch(r"(.+)T(MO|MI|AF|EV|NI|DT)", value)
    if m:
        return f"{m.group(1)}, {_GLOSS_DAYTIME[m.group(2)]}"
    if value.startswith("XXXX"):
        return f"{value[4:].lstrip('-') or 'a date'} of a year the text does not say"
    m = re.fullmatch(r"(\d{3})X", value)
    if m:
        return f"the {m.group(1)}0s"
    m = re.fullmatch(r"(\d{2})XX", value)
    if m:
        return f"the {int(m.group(1)) + 1}th century"
    return None


def _against_dct(value: str, dct: str | None) -> int | None:
    """-1 / 0 / +1: the value lies before, at or after the document date (compared at the
    precision both have; PAST_REF, PRESENT_REF and FUTURE_REF by their name: "bald" is after it);
    None when that cannot be told (no DCT, weeks, XXXX)."""
    if value in _REFS:
        return _REFS.index(value) - 1
    if not dct or not value[:4].isdigit() or "W" in value:
        return None
    try:
        d = parse_dct(dct)
    except ValueError:
        return None
    n = min(len(d), len(value[:10]))
    if n < 4 or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value[:n]):
        return None
    a, b = value[:n], d[:n]
    return (a > b) - (a < b)


_WEEKDAY_WORD = re.compile(r"(?i)\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)")
_PAST_WORD = re.compile(r"(?i)\b(vergangen|letzt|vorig|zuvor|gestern)")


def _next_week(t: Timex) -> Timex:
    """The same bare weekday a week later (``t`` itself unless it is one, day-precise, in the past)."""
    import datetime
    import dataclasses
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or "") or not _WEEKDAY_WORD.search(t.text) \
            or _PAST_WORD.search(t.text):
        return t
    day = datetime.date.fromisoformat(t.value) + datetime.timedelta(days=7)
    return dataclasses.replace(t, value=day.isoformat())


_SPAN_BOUNDS = frozenset({"seit", "bis", "ab", "binnen", "innerhalb"})
_BOUND_BEFORE = re.compile(r"(?i)\b(?:" + "|".join(sorted(_SPAN_BOUNDS)) + r")"
                           r"(?:\s+(?:zum|zur|dem|der|den|spätestens|frühestens|mindestens|von|in))?\s*$")


def bounds_span(t: Timex, before: str) -> bool:
    """Whether the time ``t`` bounds a span ("seit dem 9. April", "bis Ende November", "ab
    Montag"): a deadline or a beginning, the time of what is agreed or planned, not of the
    agreement or the plan. ``before``: the text before it (of its sentence), where "bis" and "ab"
    stand (outside the span: "bis Ende November" is the TIMEX "Ende November")."""
    return (t.text.split() or [""])[0].lower() in _SPAN_BOUNDS or bool(_BOUND_BEFORE.search(before[-40:]))


def _in_subordinate_clause(t: Timex, text: str, offset: int) -> bool:
    """Whether the time ``t`` stands in a subordinate clause (``_subordinate``) of ``text`` (its
    sentence, which starts at ``offset``): "Die Huthi-Rebellen, die Sanaa seit 2014 kontrollieren,
    machen ...", "..., nachdem am Montag ...". The clause is cut as ``_Doc.clause_span`` cuts it;
    its first word, the time expression left out, tells."""
    cs, words = _clause_of_time(t, text, offset)
    return bool(words) and _subordinate(_grammar(), words[0], text[cs - 1:cs] == ",")


def _clause_of_time(t: Timex, text: str, offset: int) -> tuple[int, list[str]]:
    """(where it starts, its words) of the clause of ``text`` (a sentence starting at ``offset``)
    that the time ``t`` stands in, cut as ``_Doc.clause_span`` cuts it, the time expression left
    out."""
    g = _grammar()
    pos = t.start - offset
    cs = 0
    for m in _CLAUSE_CUT.finditer(text, 0, max(pos, 0)):
        cs = m.end()
    m2 = _CLAUSE_CUT.search(text, max(pos, 0))
    ce = m2.start() if m2 else len(text)
    return cs, [w.group(0) for w in g.word_re.finditer(text, cs, ce) if not t.start <= w.start() + offset < t.end]


def _in_speech_frame(t: Timex, text: str, offset: int) -> bool:
    """Whether the time ``t`` stands in another clause whose verb reports speech (cues.tsv class
    ``speech``: "..., sagte Merz am Mittwoch in Berlin", "Merz sagte am Mittwoch, ..."): it dates
    the saying, not what is said (a probe: "Deutschland werde ... liefern, sagte Merz am Mittwoch"
    in an article of Thursday dated the planned delivery to the next Wednesday)."""
    from .events.cues import lemma, load_cues
    lex = load_cues()
    return any(lex.is_(lemma(w), "speech") for w in _clause_of_time(t, text, offset)[1])


def paragraph_anchors(sentences, timexes: list[Timex], lex=None) -> dict[int, Timex]:
    """Sentence index -> the time its paragraph set before it (the last specific DATE/TIME of an
    earlier body sentence of the same paragraph: "In Tiflis haben am Sonntag Zehntausende
    demonstriert. Die Polizei nahm 60 Demonstranten fest": Sunday). A vague time ("in den
    kommenden Tagen") or a new paragraph ends it. A time told in a clause of what did not happen
    (``unreal_clause``: "Amri hätte bereits im Sommer abgeschoben werden sollen. Merkel telefonierte
    mit Essebsi": not in the summer) neither sets nor ends it; ``lex``, the cue lexicon, tells
    such clauses (without it every clause counts). ``sentences``: ``records.Sentence`` objects (or
    ``SentenceTokens``) in text order; the one definition for both event coders."""
    out: dict[int, Timex] = {}
    anchor: tuple[int, Timex] | None = None
    for x in sentences:
        s = getattr(x, "sentence", x)
        if s.kind != "body":
            continue
        if anchor and anchor[0] == s.paragraph:
            out[s.index] = anchor[1]
        here = [t for t in timexes if t.type in ("DATE", "TIME") and s.start <= t.start < s.end
                and not (lex is not None and unreal_clause(s.text, t.start - s.start, lex))]
        # a day that bounds a span ("seit dem 9. April", "bis Freitag", "bis Ende November") sets
        # no time for what follows
        specific = [t for t in here if t.value[:1].isdigit()
                    and not bounds_span(t, s.text[:t.start - s.start])]
        if specific and not _told_before(s.text):
            anchor = (s.paragraph, specific[-1])
        elif here or (anchor and anchor[0] != s.paragraph):
            anchor = None
    return out


def unreal_clause(sentence: str, pos: int, lex) -> bool:
    """Whether the clause at ``pos`` of ``sentence`` (cut at the punctuation between clauses) tells
    what did not happen or only may: negated (``_negates_clause``: "griff am Montag nicht an",
    "nie"; not "kein", which negates a noun: "gab es am Montag keine Einigung" tells of talks), a
    condition told by a subordinator ("wenn", "falls": class condition, not the noun: "stimmte
    unter der Bedingung zu" tells of a vote), only possible ("könnte": class unreal_modal; not
    "würde", the future of reported speech) or counterfactual (a konjunktiv2 form with a modal
    infinitive closing the clause, "hätte ... abgeschoben werden sollen": class modal_infinitive).
    ``lex``: the cue lexicon (``events.load_cues()``)."""
    cs = 0
    for m in _CLAUSE_CUT.finditer(sentence, 0, pos):
        cs = m.end()
    m2 = _CLAUSE_CUT.search(sentence, pos)
    # (a hyphenated word is one: "nicht-klerikale Mitglieder" negates nothing)
    clause = sentence[cs:m2.start() if m2 else len(sentence)]
    raw = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", clause)
    words = [w.lower() for w in raw]
    for k, w in enumerate(words):
        if lex.is_(w, "negation") and not w.startswith("kein") and _negates_clause(clause, raw, k, lex):
            return True
        if lex.is_(w, "condition") and (k == 0 or raw[k][:1].islower()) or lex.is_(w, "unreal_modal"):
            return True
    return bool(words) and lex.is_(words[-1], "modal_infinitive") and any(lex.is_(w, "konjunktiv2") for w in words)


def _negates_clause(clause: str, words: list[str], k: int, lex) -> bool:
    """Whether the negation ``words[k]`` negates its clause: it stands right after the finite verb
    (``_finite_verbs``: "Russland griff nicht an"), or only the verb's right bracket follows it, at
    most three lower-case words ("griff am Montag nicht an", "hat nicht angegriffen", "will sie
    nicht mehr zulassen"), or a prepositional phrase and that bracket ("sollte Caracas nicht mit der
    Freilassung beginnen": timex_words class clause_prep); not before a cue class not_negation
    ("nicht nur"), not inside a noun phrase (``events.coder._negates_attribute``: "eine nicht
    genehmigte Kundgebung", "in nicht öffentlicher Sitzung") and not before another phrase ("nicht
    weit von Aleppo Stellungen bombardiert", "nicht mehr als 200 Demonstranten")."""
    from .events.coder import _negates_attribute      # (the events package imports this module)
    from .text import Token
    from .events.clauses import negation_cancelled
    after = words[k + 1:]
    if negation_cancelled([w.lower() for w in words], k, lex):
        return False
    if _negates_attribute([Token(i, w, 0, 0) for i, w in enumerate(words)], k):
        return False
    g = _grammar()
    if len(after) <= 3 and all(w[:1].islower() for w in after):
        return True
    if after[0] in g.clause_preps and after[-1][:1].islower():
        return True
    finite = _finite_verbs(g, clause)
    return bool(finite) and k >= 1 and words[k - 1] == finite[0]


def _told_before(sentence: str) -> bool:
    """A sentence in the Plusquamperfekt ("Im Jahr 2014 hatte Russland die Krim besetzt."): what
    came before the story, whose time sets none for the sentences after it."""
    # its main clause, up to the first comma ("Am Montag griff Russland an, nachdem die Ukraine
    # Drohnen geschickt hatte" is no background)
    words = re.findall(r"[^\W\d_]+", sentence.split(",")[0])
    lows = [w.lower() for w in words]
    if not any(w in _PAST_AUX for w in lows):
        return False
    return any(w[0].islower() and _PARTICIPLE.match(w.lower()) for w in words[-2:])


def _weak_past(g: _Grammar, word: str, before: str) -> bool:
    """A weak verb's Präteritum by its ending ("setzte", "forderten"): a lower-case word of five
    letters or more in -te/-ten, not -ste/-sten, not a listed other word (class not_past: "erste",
    "Soldaten"), not an adjective after an article or a preposition (``before``, class adj_context:
    "die verletzten Polizisten"), and not a present plural of a verb whose stem ends in -t, which
    is its own infinitive ("beraten", "bieten", "bestreiten", "halten"; ``_own_infinitive``)."""
    low = word.lower()
    return word[:1].islower() and low not in g.not_past and len(low) >= 5 and low.endswith(("te", "ten")) \
        and not low.endswith(("ste", "sten")) and before.lower() not in g.adj_context \
        and not (low.endswith("ten") and _own_infinitive(low))


def _own_infinitive(low: str) -> bool:
    """Whether a lower-case -ten word is its own lemma (lang/de/verb_forms.tsv, then simplemma): an
    infinitive or a present plural ("beraten", "arbeiten", "gelten"; their Präteritum is "berieten",
    "arbeiteten", "galten"), also with "zu" after its particle ("auszuarbeiten", "abzuhalten"), or
    no verb at all ("selten", "mitten"), never a weak past ("forderten": fordern)."""
    from .events.cues import lemma       # (the events package imports this module)
    lem = lemma(low)
    # (an infinitive with "zu" after its particle, "auszuarbeiten": ausarbeiten)
    return lem == low or any(low[:k] + low[k + 2:] == lem for k in range(2, len(low) - 4)
                             if low.startswith("zu", k))


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")


def _finite_verbs(g: _Grammar, clause: str) -> list[str]:
    """The words of a clause that stand where its finite verb stands: the first word that can be a
    verb (lower-case; not a closed-class word: class adj_context, an article or preposition, class
    not_finite, a pronoun, conjunction or particle, nor a number word; not after an article or a
    preposition, which makes it an adjective: "Die russische Regierung forderte"), the verb of a
    main clause ("Sie verhängen dann verschärfte Sanktionen": "verhängen", not "verschärfte");
    and, when the clause opens with a subordinator, its last word ("..., nachdem Russland neue
    Sanktionen verhängte")."""
    words = _WORD.findall(clause)
    out: list[str] = []
    before = ""
    for w in words:
        low = w.lower()
        if w[:1].islower() and low not in g.adj_context and low not in g.not_finite and low not in g.numbers \
                and before.lower() not in g.adj_context:
            out.append(w)
            break
        before = w
    if words and words[0].lower() in g.subordinators and words[-1][:1].islower():
        out.append(words[-1])
    return out


def told_in_preterite(words) -> bool:
    """Whether the words of a clause (in text order) hold a Präteritum form as the tense of time
    expressions reads it (``_Doc.tense``): a listed strong form anywhere (timex_words class past, or
    a verb prefix and such a form: "kam", "gab", "griff", "entging"), or a weak one (``_weak_past``)
    where a finite verb stands (``_finite_verbs``): "Am Abend kam es zu Zusammenstößen", "Am
    Montag forderte die EU ..." are told in the past, though no auxiliary says so; "Dort beraten
    Putin und Erdogan" (a present plural) and "Sie verhängen dann verschärfte Sanktionen" (an
    adjective) are not. Only lower-case words (a capitalised one is a noun); the past adverbs
    ("bereits", "gestern": class past_adverb) are no verb form. ``words`` may also be a text; a
    text of several clauses is read clause by clause. For the callers of ``anchor_for_clause`` and
    ``happening_date``, besides their own tests of the past."""
    g = _grammar()
    text = words if isinstance(words, str) else " ".join(words)
    for clause in _CLAUSE_CUT.split(text):
        if any(w[:1].islower() and (w in g.past_forms or g.prefixed_past(w)) for w in g.word_re.findall(clause)):
            return True
        if any(_weak_past(g, w, "") for w in _finite_verbs(g, clause)):
            return True
    return False


def anchor_for_clause(anchor: Timex | None, dct: str | None, *, past: bool, pluperfect: bool,
                      ongoing: bool = False, present: bool = False) -> Timex | None:
    """The paragraph's time (``paragraph_anchors``) as it may date a clause: not for a
    Plusquamperfekt (what came before); for a clause in the past, or one that says its happening
    goes on now (``ongoing``: "Die Unterzeichnung ist für den 27. Oktober geplant. Wallonien
    blockiert weiterhin ...": the blocking is now, not planned for the 27th), only a time not
    after the document date. A present tense without such a word may tell the future ("Putin
    reist am 27. Oktober nach Ankara. Dort trifft er Erdoğan": planned for the 27th), but not the
    past: a clause told in the ``present``, in a sentence without a past form, is not dated by a
    time before the document date ("... nach ihrer Wiederwahl 2014 ... Rousseff bestreitet jedes
    Fehlverhalten": she denies it now; "'Wir werden das nicht akzeptieren', sagte Tsipras" was
    said then)."""
    if anchor is None or pluperfect:
        return None
    side = _against_dct(anchor.value, dct)
    if (past or ongoing) and side == 1 or present and not past and side == -1:
        return None
    return anchor


def happening_date(factuality: str, timexes: list[Timex], start: int, end: int, dct: str | None,
                   cue: int | None = None, *, wider: tuple[int, int] | None = None,
                   wider_text: str | None = None, told_in_past: bool = False,
                   anchor: Timex | None = None) -> "EventDate | None":
    """The date of an event of this factuality told in ``text[start:end]`` (its clause): the one
    dating policy of both event coders.

    A hypothetical happening has none: it has not happened and none plans it (EVENTS.md leaves
    its date null; "Sollte Russland angreifen, würden die USA Sanktionen verhängen, sagte Biden am
    Montag": Monday dates the speech); a negated one has a date only from a time expression of
    its own ("griff am Montag nicht an"). Else ``event_date``, bounded by the tense: a planned
    happening is never dated before the DCT, an asserted one told in the past never after it.
    None also when the date would come from a DCT that is not known."""
    if factuality == "hypothetical":
        return None
    tense = "future" if factuality == "planned" else \
        ("past" if factuality == "asserted" and told_in_past else None)
    if factuality in UNDATED_WITHOUT_TIMEX:
        # a time another clause or sentence set dates no happening that did not happen
        anchor = wider = None
    date = event_date(timexes, start, end, dct, cue, wider=wider, wider_text=wider_text, tense=tense,
                      anchor=anchor)
    # the document's date never dates a happening that did not happen (``UNDATED_WITHOUT_TIMEX``)
    return None if date.from_dct and (not dct or factuality in UNDATED_WITHOUT_TIMEX) else date


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _dct_day(dct: str | None) -> str | None:
    """The document date's day (YYYY-MM-DD), None when it is unknown or names no day."""
    try:
        value = parse_dct(dct) if dct else None
    except ValueError:
        return None
    return value[:10] if value and _DAY.match(value) else None


def event_date(timexes: list[Timex], start: int, end: int, dct: str | None = None,
               cue: int | None = None, *, wider: tuple[int, int] | None = None,
               wider_text: str | None = None, tense: str | None = None,
               anchor: Timex | None = None) -> EventDate:
    """The date of a happening told in ``text[start:end]`` (its clause).

    The DATE/TIME expression starting in the clause (else in ``wider``, its sentence) nearest to
    ``cue`` (the offset of the event's verb or noun; else the first one). Durations and sets do
    not date an event. With ``wider_text`` (the text of ``wider``), an expression of another
    clause of the sentence does not date it when it bounds a span (``bounds_span``: "einigte man
    sich darauf, bis Ende November einen Fahrplan auszuarbeiten": the deadline is the plan's) or
    stands in a subordinate clause (``_in_subordinate_clause``: "Die Huthi-Rebellen, die Sanaa seit
    2014 kontrollieren, machen die Koalition verantwortlich"). The tense of the clause bounds the
    date: for ``tense="past"`` (an asserted happening told in Präteritum, Perfekt or
    Plusquamperfekt) an expression after the document date is skipped, for ``tense="future"`` (a
    planned one) one before it. Without an
    expression, ``anchor`` (the time its paragraph set: "Am Freitag beginnt ... Baerbock trifft
    ...", "Am Sonntag demonstrierten Zehntausende. Die Polizei nahm 60 fest") dates the clause
    where the tense allows it (the caller leaves it out for a Plusquamperfekt, which tells what
    came before); else the document date, with ``from_dct=True``.
    """
    def allowed(t: Timex) -> bool:
        side = _against_dct(t.value, dct)
        return not (tense == "past" and side == 1 or tense == "future" and side == -1)

    def near(ts: list[Timex]) -> list[Timex]:
        dated = [t for t in ts if t.type in ("DATE", "TIME") and allowed(t)]
        inside = [t for t in dated if start <= t.start < end]
        if not inside and wider is not None:
            inside = [t for t in dated if wider[0] <= t.start < wider[1] and not (
                wider_text is not None and (bounds_span(t, wider_text[:t.start - wider[0]])
                                            or _in_subordinate_clause(t, wider_text, wider[0])
                                            or _in_speech_frame(t, wider_text, wider[0])))]
        return inside

    inside = near(timexes)
    if not inside and tense == "future":
        # a planned happening on a bare weekday the tagger put in the past ("hat für Montag einen
        # Warnstreik angekündigt": told in the Perfekt) is on the next such weekday
        inside = near([_next_week(t) for t in timexes])
    if inside:
        if cue is None:
            best = inside[0]
        else:
            best = min(inside, key=lambda t: abs(t.start - cue))
        value = best.value
        if value.startswith("XXXX-XX-XX") and len(value) > 10:
            # a part of a day that names no day ("In der Nacht griffen ... an": XXXX-XX-XXTNI) is
            # of the day its paragraph set, else of the document's, as TimeML anchors it
            day = anchor.value[:10] if anchor is not None and allowed(anchor) and _DAY.match(anchor.value) \
                else _dct_day(dct)
            value = day + value[10:] if day else value
        return EventDate(text=best.text, value=value, from_dct=False)
    if anchor is not None and allowed(anchor):
        return EventDate(text=anchor.text, value=anchor.value, from_dct=False)
    value = None
    if dct:
        try:
            value = parse_dct(dct)
        except ValueError:
            value = None
    return EventDate(text=None, value=value, from_dct=True)
