"""Actor arguments a person can type: codes, names and stand-ins, resolved through the lexicon.

``actor_filter("Iran,Kreml")`` -> ``"IRN,RUS"`` (the one reading of an actor filter, for the
command line and the pages); ``search("russ")`` lists the
lexicon's names, stand-ins and persons that contain the text, with their codes (what
``lagebild actors --search TEXT`` prints). Codes pass through unchanged when the
lexicon knows them ("RUS", "NATO") or the database holds them (a code of an older lexicon, an
IGO code); an argument that is neither is an error that lists close matches.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Protocol

from .errors import BadValue

#: how an actor code is written (RUS, EU, NATO, IGOUNO, DEU_BY): what a filter may take as a code
#: the database holds though the lexicon does not list it (case-insensitive: "igouno")
CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")


class ActorCodes(Protocol):
    """The codes a database holds (``store.Store`` and ``queries.Queries`` have both)."""

    def actor_exists(self, code: str) -> bool: ...

    def actor_codes(self) -> list[str]: ...


@dataclass(frozen=True)
class ActorName:
    name: str            # the form as written in the lexicon ("Kreml", "Wladimir Putin")
    code: str | None
    sector: str | None
    kind: str            # country, capital, government, person, ...


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

    for tokens, e in lex.actors.items():
        if e.code and e.kind != "role":
            add(" ".join(tokens), ActorName(" ".join(tokens), e.code, e.sector, e.kind))
    for code, name in lex.names_by_code.items():
        add(name, ActorName(name, code, None, "name"))
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


def actor_filter(value: str | None, *, db: ActorCodes | None = None) -> str | None:
    """The one reading of an actor filter, for the command line (``--actor``, ``--source-actor``,
    ``--target-actor`` and their older spellings, timeline's ACTOR_A and ACTOR_B) and the pages (``?actor=``): a comma list of
    codes and names -> a comma list of codes ("Iran, Kreml" -> "IRN,RUS").

    - None, or a value that names no actor (empty, blanks, commas only: what a form's empty
      field sends) -> None: no actor filter. The pages read it so; the command line refuses a
      given but empty value as a usage error (``cli.options.resolve_actor``: there it is most
      often an unset shell variable, ``--actor "$A"``, which must not list every event).
    - each item, a code or a name the lexicon knows -> its code ("Kreml", "Putin" -> RUS);
    - a name of several actors ("Harris") is refused (:class:`~lagebild.errors.BadValue`),
      naming their codes;
    - a code the lexicon does not list but the database ``db`` holds passes as it is (a code of
      an older lexicon, an IGO code: "IGOUNO", also typed "igouno"), on the command line as on
      the pages;
    - any other item is refused, naming close matches (lexicon names, codes of ``db``).
    """
    if value is None:
        return None
    items = [" ".join(x.split()) for x in value.split(",")]
    items = [x for x in items if x]
    if not items:
        return None
    out: list[str] = []
    for item in items:
        found = codes_for(item)
        if len(found) > 1:
            raise BadValue(f"{item!r} names several actors ({', '.join(found)}) -- give one of "
                           f"these codes")
        if not found and db is not None and CODE.match(item.upper()) and db.actor_exists(item.upper()):
            found = [item.upper()]
        if not found:
            raise BadValue(_unknown(item, db))
        out += [c for c in found if c not in out]
    return ",".join(out)


def _unknown(item: str, db: ActorCodes | None) -> str:
    """The message for an actor that neither the lexicon nor the database knows, with close
    matches: names of the lexicon that contain it, codes of the database that look like it."""
    near = [f"{e.name} ({e.code})" for e in search(item, limit=5)]
    if db is not None:
        near += [c for c in difflib.get_close_matches(item.upper(), db.actor_codes(), n=3, cutoff=0.6)
                 if not any(f"({c})" in n for n in near)]
    hint = (" -- did you mean: " + ", ".join(near) if near
            else " -- list names with `lagebild actors --search TEXT`")
    where = "the lexicon knows" if db is None else "the lexicon knows, nor a code in this database"
    return f"unknown actor {item!r}: neither a code nor a name {where}{hint}"


def resolve_codes(arg: str | None) -> str | None:
    """A comma list of codes and names -> a comma list of codes (``actor_filter``)."""
    return actor_filter(arg)


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
