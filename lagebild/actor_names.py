"""Actor arguments a person can type: codes, names and stand-ins, resolved through the lexicon
and the database.

``read_actors("Österreich, FPÖ", db=store)`` -> ``Actors([ActorRef(code="AUT"),
ActorRef(name="FPÖ")])``: the one reading of an actor filter, for the command line and the pages
(:func:`read_actor` says the policy). A country, its name or an organisation's name or code
("AUT", "Österreich", "EU") means every actor of that code; any other name -- a party, person,
institution, stand-in as the texts write it ("FPÖ", "Kickl", "Grüne", "Straflandesgericht",
"Kreml") -- means the participants called so, not every event of their country; "Grüne (AUT)"
keeps those of one country. ``search("russ")`` lists the lexicon's names, stand-ins and persons
that contain the text, with their codes (what ``lagebild actors --search TEXT`` prints).
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from .errors import BadValue
from .records import ActorRef

#: how an actor code is written (RUS, EU, NATO, IGOUNO, DEU_BY): what a filter may take as a code
#: the database holds though the lexicon does not list it (case-insensitive: "igouno")
CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")


class ActorCodes(Protocol):
    """The codes and names a database holds (``store.Store`` and ``queries.Queries`` have all)."""

    def actor_exists(self, code: str) -> bool: ...

    def actor_codes(self) -> list[str]: ...

    def name_codes(self, name: str) -> list[tuple[str | None, int]]: ...

    def stored_names(self, text: str, limit: int = 50) -> list[dict]: ...


#: the lexicon's kinds of name that may mean a whole country or organisation: its names
#: ("Österreich", "Österreichs"), the people of the country itself ("Österreicher", "Russen") and an
#: organisation's own names ("EU", "Europäische Union", "UNO") -- not the people of a region
#: ("Bayern", "Wiener", "Tschetschenen": countries.tsv rows of status "group") nor a body of an
#: organisation or a stand-in for it ("EU-Kommission", "Europäisches Parlament", "Brüssel"), which
#: are names (review R23, finding 5; ``ActorName.whole`` says which); any other name (a party,
#: person, institution, capital or stand-in) is matched as a name (:func:`read_actor`)
COUNTRY_KINDS = frozenset({"country", "name", "demonym_noun", "igo"})

#: the fewest characters of a name only the database knows (not the lexicon)
MIN_STORED_NAME = 3

#: "Grüne (AUT)": a name within one country
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[A-Za-z][A-Za-z0-9_]{1,11})\)$")


@dataclass(frozen=True)
class ActorName:
    name: str            # the form as written in the lexicon ("Kreml", "Wladimir Putin")
    code: str | None
    sector: str | None
    kind: str            # country, capital, government, person, ...
    #: whether the name means every actor of ``code``: a name of the country itself, the people of
    #: the country itself, an organisation's own name (``COUNTRY_KINDS`` and the entry's canonical
    #: name is the code's: "Russen" -> Russland, "UNO" -> Vereinte Nationen; not "Bayern" -> Bayern)
    whole: bool = False


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[ActorName]], frozenset[str]]:
    """casefolded name -> entries, and the set of known codes."""
    from .actors import _persons
    from .lexicon import load_lexicon

    lex = load_lexicon()
    by_name: dict[str, list[ActorName]] = {}

    def add(form: str, entry: ActorName) -> None:
        key = form.casefold()
        lst = by_name.setdefault(key, [])
        if entry not in lst:
            lst.append(entry)

    own = actor_name     # the code's canonical name ("Russland", "Europäische Union")
    for tokens, e in lex.actors.items():
        if e.code and e.kind != "role":
            whole = e.kind == "country" or (e.kind in COUNTRY_KINDS and e.name == own(e.code))
            add(" ".join(tokens), ActorName(" ".join(tokens), e.code, e.sector, e.kind, whole))
    for code, name in lex.names_by_code.items():
        add(name, ActorName(name, code, None, "name", True))
    for name, (code, sector, _role, surname_ok) in _persons().items():
        if code:
            add(name, ActorName(name, code, sector, "person"))
            if surname_ok:
                add(name.split()[-1], ActorName(name, code, sector, "person"))
    codes = frozenset(lex.names_by_code) | frozenset(
        e.code for lst in by_name.values() for e in lst if e.code)
    return by_name, codes


def known_codes() -> frozenset[str]:
    return _index()[1]


def search(text: str, limit: int | None = 50) -> list[ActorName]:
    """Lexicon names (countries, stand-ins, organisations, persons) containing ``text``
    (case-insensitive), exact matches first; a code matches its own names. ``limit=None``: all."""
    by_name, _ = _index()
    q = text.strip().casefold()
    if not q:
        return []
    hits: list[tuple[tuple, ActorName]] = []
    seen = set()
    for key, entries in by_name.items():
        for e in entries:
            exact = key == q or (e.code or "").casefold() == q
            if exact or q in key:
                k = (e.name, e.code)
                if k in seen:
                    continue
                seen.add(k)
                hits.append(((not exact, len(e.name), e.name), e))
    ranked = [e for _, e in sorted(hits, key=lambda h: h[0])]
    return ranked if limit is None else ranked[:limit]


def names_country(text: str, code: str) -> bool:
    """Whether ``text`` is a name of the country ``code`` itself ("Österreich", "Österreichs" for
    AUT), not of a place in it ("Wien", "Innsbruck"): a place of country level."""
    entries = _index()[0].get(" ".join(text.split()).casefold(), [])
    return any(e.code == code and e.kind in ("country", "name") for e in entries)


def same_place(a: str, b: str) -> bool:
    """Whether two place names name one place: the same words, one lexicon entry, or two
    spellings of one country's capital ("Kiew" and "Kyjiw")."""
    fa, fb = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    if fa == fb:
        return True
    ea, eb = _index()[0].get(fa, []), _index()[0].get(fb, [])
    return any((x.name == y.name and x.code == y.code)
               or (x.kind == y.kind == "capital" and x.code == y.code) for x in ea for y in eb)


def codes_for(text: str) -> list[str]:
    """The codes one typed code or name stands for (several for an ambiguous name: "Harris"),
    empty for none: the one reading of an actor name, for the command line and the pages."""
    item = " ".join(text.split())
    if not item:
        return []
    by_name, codes = _index()
    if item.upper() in codes:
        return [item.upper()]
    return sorted({e.code for e in by_name.get(item.casefold(), []) if e.code})


class Actors(tuple):
    """The actors of a filter (``records.ActorRef``), as :func:`read_actors` read them; ``notes``:
    what a reader is told of the reading (on stderr, on the page); ``str()``: as typed back
    ("AUT,FPÖ")."""
    notes: tuple[str, ...] = ()

    def __new__(cls, refs=(), notes=()):
        obj = super().__new__(cls, refs)
        obj.notes = tuple(notes)
        return obj

    def __str__(self) -> str:
        return ",".join(str(r) for r in self)


def _note_name(item: str, ref: ActorRef, db: ActorCodes | None) -> str | None:
    """What to say of a name read as a name (where its events are, and how to narrow it)."""
    if db is None:
        return None
    found = [(c, n) for c, n in db.name_codes(ref.name or "") if ref.code is None or c == ref.code]
    from .wording import count
    where = ", ".join(f"{count(n, 'event')} of {c or 'no country'}" for c, n in found)
    if not found:
        return (f"{item!r} is matched as a name: no event of this database has a participant "
                f"called so")
    codes = [c for c, _ in found if c]
    if len(found) > 1 and ref.code is None:
        return (f"{item!r} is matched as a name, and participants of several countries carry it "
                f"({where}) -- '{item} ({codes[0]})' keeps those of one")
    return (f"{item!r} is matched as a name: the events whose participants are called so "
            f"({where}), not every event of {'its country' if not codes else codes[0]}")


def read_actor(item: str, *, db: ActorCodes | None = None) -> tuple[ActorRef, str | None]:
    """The one reading of one actor a person typed (an ``--actor`` item, ``?actor=``, an
    address's ``/actors/NAME``), and a note for the reader when the reading may surprise:

    - "Name (CODE)" ("Grüne (AUT)") -> the participants called Name, of that country;
    - a code the lexicon knows or the database ``db`` holds (AUT, rus, NATO, IGOUNO) -> the code:
      every actor of it;
    - a name of a whole country or organisation (``ActorName.whole``: "Österreich", "Russen", "EU")
      -> its code (a note when it is not the country's own name: "Russen" is read as RUS); a name
      of several ("Kongo": COD, COG) is refused (:class:`~lagebild.errors.BadValue`), naming the codes;
    - any other name -> a name: the events whose participants are called so (the participant's
      text or its actor's name has it as whole words, the last with a German ending,
      ``store.name_pattern``: "Grüne" finds "Grünen", "Kickl" finds "FPÖ-Chef Herbert Kickl",
      "Die" no "Dieter"; one only the database knows needs ``MIN_STORED_NAME`` letters and no
      article), of any country (the note says which countries;
      "Grüne" in a database of Austrian and German news: both);
    - a name neither the lexicon nor the database (``db``) knows is refused, naming close matches.
    """
    # one spelling of the letters: a decomposed "Grüne" (NFD, as some keyboards and file names
    # send it) is the composed one the texts hold
    item = unicodedata.normalize("NFC", " ".join(item.split()))
    m = _QUALIFIED.match(item)
    if m:
        code = m["code"].upper()
        if code not in known_codes() and not (db is not None and db.actor_exists(code)):
            inner = m["code"]
            if _index()[0].get(inner.casefold()) or (db is not None and db.name_codes(inner)):
                # "Gabriel (SPD)": a name in brackets, where a country code belongs
                raise BadValue(f"{inner!r} in brackets is no country code -- '{m['name'].strip()} (CODE)' "
                               f"keeps one country's participants called {m['name'].strip()!r}; {inner!r} "
                               f"alone is a name")
            raise BadValue(_unknown(inner, db))
        ref = ActorRef(code=code, name=m["name"].strip())
        return ref, _note_name(item, ref, db)
    if item.upper() in known_codes() or (db is not None and CODE.match(item.upper())
                                         and db.actor_exists(item.upper())):
        return ActorRef(code=item.upper()), _note_code_also_name(item)
    entries = _index()[0].get(item.casefold(), [])
    whole = [e for e in entries if e.code and (e.whole or e.kind in ("country", "name"))]
    if whole:
        found = codes_for(item) if len({e.code for e in whole}) > 1 else [whole[0].code]
        if len(found) > 1:
            raise BadValue(f"{item!r} names several actors ({', '.join(found)}) -- give one of "
                           f"these codes")
        code = found[0]
        plain = all(e.kind in ("country", "name", "igo") for e in whole)
        note = None if plain else (f"{item!r} is read as {code}" + (f" ({actor_name(code)})" if actor_name(code) else "")
                                   + f": every {code} actor's events")
        return ActorRef(code=code), note
    ref = ActorRef(name=item)
    if not entries and _function_word(item):
        raise BadValue(f"{item!r} is an article, a word of any text, not a name -- give a name "
                       f"(list them with `lagebild actors --search TEXT`)")
    if not entries and not _in_lexicon_name(item):
        # a name only the database knows: at least MIN_STORED_NAME characters, and some event
        # has a participant called so, as whole words (a fragment -- "de", "Mi" -- widened the
        # filter to every word that began with it)
        if len(item) < MIN_STORED_NAME:
            raise BadValue(f"{item!r} is too short for a name the lexicon does not know -- give at "
                           f"least {MIN_STORED_NAME} letters of a name" + _unknown(item, db).partition(" -- ")[1]
                           + _unknown(item, db).partition(" -- ")[2])
        if db is None or not db.name_codes(item):
            raise BadValue(_unknown(item, db))
    return ref, _note_name(item, ref, db)


def _function_word(item: str) -> bool:
    """An article ("der", "Die", "eine"; cues.tsv classes ``definite`` and ``indefinite``): as a
    name filter it matched the participants of any text ("Präsident der Republik")."""
    from .events import load_cues
    cues = load_cues()
    w = item.casefold()
    return " " not in w and (cues.is_(w, "definite") or cues.is_(w, "indefinite"))


def _in_lexicon_name(item: str) -> bool:
    """Whether a name of the lexicon has the words ``item`` ("Van der Bellen" of "Alexander Van
    der Bellen"), as a name filter matches them (``store.name_pattern``: whole words), at least
    ``MIN_STORED_NAME`` characters and a capitalized word there (not a particle: "der" of "Van
    der Bellen", "de" of "Humberto de la Calle")."""
    if len(item) < MIN_STORED_NAME:
        return False
    from .store import name_regex      # the one rule of a name filter (``store.name_pattern``)
    rx = name_regex(item)
    return any((m := rx.search(e.name)) and m.group()[:1].isupper()
               for entries in _index()[0].values() for e in entries)


def _note_code_also_name(item: str) -> str | None:
    """A note when a code a person typed is also the name of another actor the lexicon knows
    ("PAN": Panama's code and a Mexican party; "BDI": Burundi and a German industry group): the
    code is read, and the note says how to ask for the named one."""
    code = item.upper()
    others = [e for e in _index()[0].get(item.casefold(), [])
              if e.code and e.code != code and e.name.casefold() == item.casefold()]
    if not others:
        return None
    e = others[0]
    own = actor_name(code)
    return (f"{item!r} is read as the code {code}" + (f" ({own})" if own else "")
            + f"; for the {e.kind} named {e.name} ({e.code}) write '{e.name} ({e.code})'")


def read_actors(value: str | None, *, db: ActorCodes | None = None) -> Actors | None:
    """The one reading of an actor filter, for the command line (``--actor``, ``--source-actor``,
    ``--target-actor`` and their older spellings, timeline's ACTOR_A and ACTOR_B) and the pages
    (``?actor=``, ``/actors/NAME``, ``/dyads/A/B``): a comma list of codes and names, each read
    by :func:`read_actor` -> :class:`Actors` (None: no filter).

    - None, or a value that names no actor (empty, blanks, commas only: what a form's empty
      field sends) -> None: no actor filter. The pages read it so; the command line refuses a
      given but empty value as a usage error (``cli.options.resolve_actor``: there it is most
      often an unset shell variable, ``--actor "$A"``, which must not list every event).
    """
    if value is None:
        return None
    items = [" ".join(x.split()) for x in value.split(",")]
    items = [x for x in items if x]
    if not items:
        return None
    refs: list[ActorRef] = []
    notes: list[str] = []
    for item in items:
        ref, note = read_actor(item, db=db)
        if ref not in refs:
            refs.append(ref)
            if note:
                notes.append(note)
    return Actors(refs, notes)


#: the older name of :func:`read_actors`
actor_filter = read_actors


def _unknown(item: str, db: ActorCodes | None) -> str:
    """The message for an actor that neither the lexicon nor the database knows, with close
    matches: names of the lexicon that contain it, codes of the database that look like it."""
    near = [f"{e.name} ({e.code})" for e in search(item, limit=5)]
    if db is not None:
        near += [f"{r['name']} ({r['code'] or '?'})" for r in db.stored_names(item, 5)
                 if f"{r['name']} ({r['code'] or '?'})" not in near]
        near += [c for c in difflib.get_close_matches(item.upper(), db.actor_codes(), n=3, cutoff=0.6)
                 if not any(f"({c})" in n for n in near)]
    hint = (" -- did you mean: " + ", ".join(near) if near
            else " -- list names with `lagebild actors --search TEXT`")
    where = ("the lexicon knows" if db is None
             else "the lexicon knows, nor a code in this database, nor a name its articles hold")
    return f"unknown actor {item!r}: neither a code nor a name {where}{hint}"


@functools.lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    from .lexicon import load_lexicon
    lex = load_lexicon()
    out = dict(lex.names_by_code)
    for entry in lex.actors.values():  # organisations: "EU" -> "Europäische Union"
        if entry.code and entry.kind in ("igo", "country"):
            out.setdefault(entry.code, entry.name)
    for entry in lex.actors.values():  # a code of its own: "ICC" -> "Internationaler Strafgerichtshof"
        if entry.code and "|" not in entry.code and entry.kind not in ("demonym_noun", "city", "capital"):
            out.setdefault(entry.code, entry.name)
    return out


def actor_name(code: str) -> str | None:
    """The canonical German name of a code ("RUS" -> "Russland", "EU" -> "Europäische Union")."""
    return _names_by_code().get(code)
