"""Magnitudes: "mehr als 100.000 Soldaten" -> value, unit, qualifier.

The counted nouns and their units are in ``lang/de/units.tsv``; a person noun of ``roles.tsv``
that it does not list counts by its sector ("80 Klimaaktivisten": people, ``ROLE_UNITS``).
"""
from __future__ import annotations

import functools
import re

from ..lexicon import read_tsv
from ..records import Magnitude
from ..timex import is_time_noun

_NUM = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_NUM_WORDS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
              "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
              "fünfzig": 50, "hundert": 100, "tausend": 1000, "dutzend": 12, "dutzende": 12,
              "hunderte": 100, "tausende": 1000, "zehntausende": 10000, "hunderttausende": 100000,
              "zehntausend": 10000, "hunderttausend": 100000}
_QUAL = {"mehr als": "more_than", "über": "more_than", "rund": "about", "etwa": "about", "ungefähr": "about",
         "circa": "about", "ca.": "about", "fast": "about", "knapp": "about", "mindestens": "at_least",
         "einige": "more_than", "mehrere": "more_than", "etliche": "more_than",
         "wenigstens": "at_least", "bis zu": "up_to", "weniger als": "less_than", "unter": "less_than",
         "höchstens": "up_to"}
_SCALE = {"millionen": 1e6, "million": 1e6, "mio.": 1e6, "mio": 1e6, "milliarden": 1e9, "milliarde": 1e9,
          "mrd.": 1e9, "tausend": 1e3}
#: the unit of a person noun that units.tsv does not list, by its sector in roles.tsv (a count of
#: officials, "drei Minister", is no magnitude; civilians, activists, refugees, workers are people)
ROLE_UNITS = {"MIL": "soldiers", "REB": "fighters", "UAF": "fighters", "COP": "police", "CVL": "people",
              "OPP": "people", "REF": "refugees", "LAB": "people", "EDU": "people", "JRN": "people",
              "REL": "people", "MED": "people"}


@functools.lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Counted noun (lower case) -> unit, from ``lang/de/units.tsv``."""
    from ..lexicon import LexiconError
    out = {}
    for lineno, row in read_tsv("units.tsv"):
        if not row["word"] or not row["unit"] or row["word"] != row["word"].lower():
            raise LexiconError(f"units.tsv:{lineno}: word {row['word']!r} / unit {row['unit']!r} -- "
                               "a lower-case word and its unit")
        if row["word"] in out:
            raise LexiconError(f"units.tsv:{lineno}: {row['word']!r} is listed twice -- keep one row")
        out[row["word"]] = row["unit"]
    return out


def unit_of(noun: str, roles: bool = True) -> str | None:
    """The unit a counted noun counts: units.tsv's, else (``roles``) that of a person noun roles.tsv
    knows, by its sector ("Klimaaktivisten" -> Aktivist, CVL -> people); None for anything else."""
    unit = units().get(noun.lower())
    if unit is not None or not roles or not noun[:1].isupper():
        return unit
    from ..lexicon import load_lexicon
    lex = load_lexicon()
    entry = lex.role(noun)
    if entry is None or lex.role_kinds.get(entry.name) not in ("person", "group"):
        return None
    return ROLE_UNITS.get(entry.sector or "")


#: what befell people counted ("246 Menschen getötet", "Dutzende Zivilisten verletzt"): the unit is
#: the deed's (EVENTS.md: killed, injured, arrested), looked for in the words right after the count
_DEED = [(re.compile(r"(?i)\b(getötet|ermordet|erschossen|hingerichtet|ums Leben|starben|gestorben|umgekommen|tot)\b"),
          "killed"),
         (re.compile(r"(?i)\b(verletzt|verwundet)\b"), "injured"),
         (re.compile(r"(?i)\b(festgenommen|verhaftet|inhaftiert|in Gewahrsam)\b"), "arrested")]
_COUNTED_PEOPLE = frozenset({"people", "civilians"})
_MAG = re.compile(
    r"(?P<qual>(?i:mehr als|über|rund|etwa|ungefähr|circa|ca\.|fast|knapp|mindestens|wenigstens|bis zu|"
    r"weniger als|unter|höchstens|einige|mehrere|etliche))?\s*(?<![\w.,])(?P<num>" + _NUM + r"|(?i:"
    + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r"))"
    r"(?:\s+(?P<scale>Millionen|Million|Mio\.?|Milliarden|Milliarde|Mrd\.|Tausend))?"
    r"\s*(?:(?<=\s)[a-zäöüß]+(?:e|en|er|es|em)\s+){0,2}(?P<unit>(?<=\s)[A-ZÄÖÜ][a-zäöüß]+\b|€|\$|(?<=\s)(?:EUR|USD)\b)")


#: words before a number that make it a year ("seit 2022 Panzer geliefert", "im Jahr 2015 Soldaten");
#: a month before it too (timex.is_time_noun: "seit Jänner 2019 Soldaten")
_YEAR_BEFORE = re.compile(r"(?i:\b(?:seit|im|bis|ab|vor|nach|jahr|jahre|jahres|anfang|ende|mitte|frühjahr|sommer|"
                          r"herbst|winter))\s+$")


def find_magnitude(text: str) -> Magnitude | None:
    """The first count of ``text`` whose noun units.tsv lists; else the first count of a person
    noun roles.tsv knows ("80 Klimaaktivisten"), so that those who tell ("Zwei Reporter berichteten,
    dass 500 Soldaten ...", "Drei Augenzeugen sagten, 40 Menschen ...") do not outcount the event."""
    return _first_count(text, roles=False) or _first_count(text, roles=True)


def _first_count(text: str, roles: bool) -> Magnitude | None:
    for m in _MAG.finditer(text):
        unit = unit_of(m.group("unit"), roles)
        if unit is None or (roles and m.group("unit").lower() in units()):
            continue
        before = text[max(0, m.start("num") - 20):m.start("num")]
        prev = re.search(r"([^\W\d_]+)\.?\s+$", before)
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not m.group("qual") \
                and (_YEAR_BEFORE.search(before) or (prev is not None and is_time_noun(prev.group(1)))):
            continue        # "seit 2022 Panzer", "im Jänner 2019 Soldaten": a year, not 2022 tanks
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
        if unit in _COUNTED_PEOPLE:
            after = text[m.end():m.end() + 60]
            if roles:       # a person noun's deed is in its own clause ("zwölf Aktivisten festgenommen")
                after = re.split(r"[,;:]", after, maxsplit=1)[0]
            unit = next((u for deed, u in _DEED if deed.search(after)), unit)
        return Magnitude(value=int(value) if value.is_integer() else value, unit=unit, qualifier=qual)
    return None


#: the units a sentence after an attack counts of it ("Dabei wurden zwölf Menschen getötet")
CASUALTY_UNITS = frozenset({"killed", "injured"})


#: finite verbs that tell the dead or injured right after the pointer back ("Dabei wurden ...", "Bei dem Angriff
#: starben ...", "... wurden dabei ...")
_TOLD = frozenset("wurden wurde sind ist starben starb kamen kam seien sei".split())
#: words of a count that is no report of this attack: an earlier one (pluperfect), a running total ("seit"),
#: a possibility ("könnten")
_OTHER_COUNT = frozenset("waren war hatten hatte seit könnten könnte würden würde dürften".split())


def casualties_after(next_text: str, lex) -> Magnitude | None:
    """The dead or injured a sentence that opens by pointing back at an attack counts ("Israelische Kampfjets
    bombardierten Ziele nahe Damaskus. Dabei wurden mindestens zwölf Menschen getötet."; cues.tsv class
    ``casualty_opener``: "Dabei", "Bei dem Angriff", ...), the pointer followed by its verb ("Bei dem Angriff
    wurden ...", not "Bei dem Anschlag in Ankara waren ...": another attack), or "dabei" after its verb ("Nach
    Angaben der Agentur Sana wurden dabei ..."): the attack's magnitude where its own sentence counts none.
    Not an earlier attack's count (pluperfect), a running total ("seit April 2014"), a possibility, nor a count
    after a semicolon; None for any other sentence or count (a review)."""
    text = next_text.split(";")[0]
    words = [w.strip(".,:").lower() for w in text.split()]
    if not words or _OTHER_COUNT & set(words):
        return None
    opener = next((n for n in (3, 2, 1) if lex.is_(" ".join(words[:n]), "casualty_opener")), None)
    pointed = (opener is not None and len(words) > opener and words[opener] in _TOLD) \
        or any(w == "dabei" and words[j - 1] in _TOLD for j, w in enumerate(words) if j > 0)
    if not pointed:
        return None
    mag = find_magnitude(text)
    return mag if mag is not None and mag.unit in CASUALTY_UNITS else None
