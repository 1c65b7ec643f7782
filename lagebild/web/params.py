"""Validation of the query-string values of the pages: a bad value is a clear 400 answer.

Every function takes the raw string (or None) and returns a clean value or raises
:class:`BadParam` naming the parameter, the value and what is allowed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import StoreError
from ..queries import MAX_ROWS, EventFilter
from ..records import EVENT_TYPES, FACTUALITIES
from ..store import date_bounds, empty_period, parse_factualities, parse_sectors, parse_types

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")
_TYPE = re.compile(r"^[A-Z][A-Z_]{1,23}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_LIST = 20


class BadParam(ValueError):
    """A query-string value that the pages cannot use (answered with 400)."""

    def __init__(self, name: str, value: str, allowed: str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        super().__init__(f"bad value for {name}: {shown!r} -- {allowed}")
        self.name = name


def code(value: str, name: str = "actor") -> str:
    v = value.strip().upper()
    if not _CODE.match(v):
        raise BadParam(name, value, "use an actor code such as RUS, UKR, EU or NATO")
    return v


def code_list(value: str | None, name: str = "actor", db=None):
    """Codes or names ("AUT", "Österreich", "FPÖ", "Grüne (AUT)") as the actors of a filter
    (``actor_names.Actors``; ``str()`` writes them back): the command line's reading
    (``actor_names.read_actors``: a country's code or name is every actor of it, another name the
    participants called so; anything unknown is a 400 naming close matches, as the command line's
    usage error); a value that names no actor (a form's empty field, "actor=") is no actor filter
    (None)."""
    if value is not None and len([p for p in value.split(",") if p.strip()]) > MAX_LIST:
        raise BadParam(name, value, f"at most {MAX_LIST} codes")
    from ..actor_names import read_actors
    try:
        return read_actors(value, db=db)
    except StoreError as exc:
        raise BadParam(name, value, str(exc)) from None


def actor_code(value: str, name: str = "actor", db=None):
    """One actor of a page's address, the one policy of both path pages (``/actors/CODE``,
    ``/dyads/A/B``, each through ``pages.path_actors``; their JSON twins alike) and of the actor
    box (``/actors?q=``): the value is read as ``?actor=`` reads it
    (``actor_names.actor_filter`` with the database ``db``), so that an address and a filter
    naming the same actor get the same answer.

    - a code the lexicon knows (RUS, FRA) or one the database holds (IGOUNO, a code of an older
      lexicon) is the actor, as written;
    - a country's or organisation's name ("Moldau", "Österreich") or a code in lower case ("rus",
      "igouno") -> its code: the page redirects to the address with the code (``/actors/Moldau``
      -> ``/actors/MDA``, the query string kept);
    - another name ("FPÖ", "Kickl", "Grüne (AUT)", "Kreml") is the participants called so
      (``actor_names.read_actor``): its own page, no redirect;
    - a known actor without events (in this database or under the filters) is an empty page
      (200), not an error: the address is right, there is nothing to show;
    - a malformed code ("RU$S", "R_U"), a well-formed code neither the lexicon nor the database
      knows ("XYZ"), an unknown name ("Nirgendwoland") and a name of several actors ("Harris")
      are the client's error: a 400 naming the parameter (``code``, ``a``, ``b``, ``q``) and
      close matches (lexicon names, codes of the database) -- as ``?actor=XYZ`` is a 400; not a
      404, which is left to addresses of rows (``/events/ID``, ``/articles/ID``) and to paths no
      page has. More than one actor ("RUS,UKR") is a 400 too.
    """
    if "," in value:
        raise BadParam(name, value, "give one actor here (a code or a name)")
    actors = code_list(value, name, db=db)
    if actors is None:
        raise BadParam(name, value, "give an actor code such as RUS, UKR, EU or NATO, or a name")
    return actors


def type_list(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    parts = [p.strip().upper() for p in value.split(",") if p.strip()]
    allowed = f"use one or more of {', '.join(EVENT_TYPES)} (comma list)"
    if len(parts) > MAX_LIST or not all(_TYPE.match(p) for p in parts):
        raise BadParam("type", value, allowed)
    try:
        parse_types(",".join(parts))     # the one check of a type list (command line, pages)
    except StoreError:
        raise BadParam("type", value, allowed) from None
    return ",".join(parts)


def factuality_list(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return ",".join(parse_factualities(value))
    except StoreError:
        raise BadParam("factuality", value, f"use {', '.join(FACTUALITIES)} (comma list), or all") from None


def date(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        date_bounds(value)
    except StoreError:
        raise BadParam(name, value, "use YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD or DD.MM.YYYY") from None
    return value.strip()


def day(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    v = value.strip()
    if not _DAY.match(v):
        raise BadParam("day", value, "use YYYY-MM-DD")
    date(v, "day")
    return v


def integer(value: str | None, name: str, default: int, lo: int, hi: int) -> int:
    if value is None or value == "":
        return default
    try:
        n = int(value)
    except ValueError:
        raise BadParam(name, value, f"use a whole number from {lo} to {hi}") from None
    if not lo <= n <= hi:
        raise BadParam(name, value, f"use a whole number from {lo} to {hi}")
    return n


def choice(value: str | None, name: str, options: tuple[str, ...],
           aliases: Mapping[str, str] | None = None) -> str:
    """One of ``options`` (the first when not given); ``aliases``: older spellings, read as the
    option they name and not listed in the 400 ("sort=sources" is "sort=outlets")."""
    if value is None or value == "":
        return options[0]
    if aliases and value in aliases:
        return aliases[value]
    if value not in options:
        raise BadParam(name, value, f"use one of {', '.join(options)}")
    return value


#: every query parameter a page reads; another one is refused (a filter the pages do not have,
#: "min_confidence=0.9", must not be dropped without a word)
KNOWN = ("since", "until", "actor", "sector", "type", "factuality", "min_outlets", "min_sources",
         "min_confidence", "page", "per_page", "sort", "by", "day", "q", "top", "token")
#: the parameters a message names (not the token, nor min_sources: the older spelling of min_outlets)
SHOWN = tuple(k for k in KNOWN if k not in ("token", "min_sources"))
#: the parameters only some pages read (``PAGE_OWN``); the others (filters, paging, order) are
#: read by every list page and carried along by its links
OWN = ("by", "day", "q", "top")


def known_parameters(qp: Mapping[str, str], own: tuple[str, ...] | None = None) -> None:
    """A 400 for a query parameter no page reads, naming the ones they do; with ``own`` (the
    page's own parameters of ``OWN``), also for one of ``OWN`` this page does not read
    ("/overview?day=2024-11-04" listed every day); ``own`` None: a page of one event or article,
    which reads no parameter at all."""
    unknown = [k for k in qp.keys() if k not in KNOWN]
    if unknown:
        raise BadParam(unknown[0], f"{unknown[0]}={qp.get(unknown[0])}",
                       f"no page has this parameter; they take {', '.join(SHOWN)} (the command line "
                       f"has more: `lagebild events --help`)")
    if own is None:
        extra = [k for k in qp.keys() if k != "token"]
        if extra:
            raise BadParam(extra[0], f"{extra[0]}={qp.get(extra[0])}",
                           "this page shows one event or article and takes no filter; filter the lists "
                           "(/overview, /actors/CODE, /dyads/A/B)")
        return
    foreign = [k for k in qp.keys() if k in OWN and k not in own]
    if foreign:
        where = {"by": "/map", "day": "/dyads/A/B", "q": "/search and /actors",
                 "top": "/overview, /map, /actors and /actors/CODE"}[foreign[0]]
        raise BadParam(foreign[0], f"{foreign[0]}={qp.get(foreign[0])}",
                       f"this page does not read it; {where} does")


def event_filter(qp: Mapping[str, str], db=None) -> EventFilter:
    """The shared filters: since, until, actor, sector, type, factuality, min_outlets (the older
    spelling min_sources also), min_confidence (each once: a
    second value would be dropped without a word; a list goes in one value, "actor=RUS,UKR").
    ``db``: the codes the database holds (``actor_names.ActorCodes``), which ``actor`` takes
    beside the lexicon's."""
    getlist = getattr(qp, "getlist", None)
    for name in KNOWN:
        values = getlist(name) if getlist else []
        if len(values) > 1:
            raise BadParam(name, "&".join(f"{name}={v}" for v in values),
                           "give it once (a list of actors, types or factualities: comma-separated)")
    since, until = date(qp.get("since"), "since"), date(qp.get("until"), "until")
    if empty_period(since, until):
        raise BadParam("until", until, f"must not be before since={since}")
    return EventFilter(since=since, until=until, actor=code_list(qp.get("actor"), db=db),
                       type=type_list(qp.get("type")),
                       factuality=factuality_list(qp.get("factuality")),
                       min_outlets=min_outlets(qp), sector=sector_list(qp.get("sector")),
                       min_confidence=confidence(qp.get("min_confidence")))


def sector_list(value: str | None) -> str | None:
    """``sector``: PLOVER sectors (comma list), as ``--sector`` reads them (``store.parse_sectors``)."""
    if value is None or not value.strip():
        return None
    try:
        return ",".join(parse_sectors(value))
    except StoreError as exc:
        raise BadParam("sector", value, str(exc).split(" -- ", 1)[-1]) from None


def confidence(value: str | None) -> float | None:
    """``min_confidence``: only events whose confidence reaches it (0 to 1), as ``lagebild events
    --min-confidence``; events without one (the rule coder alone) are kept."""
    if value is None or not value.strip():
        return None
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not 0.0 <= x <= 1.0:
        raise BadParam("min_confidence", value, "use a number from 0 to 1 (0.5)")
    return x or None


def min_outlets(qp: Mapping[str, str]) -> int:
    """``min_outlets``: only events reported by at least this many distinct outlets (news
    sources; the events' ``num_sources``); ``min_sources`` is its older spelling, still read
    (both at once: a 400)."""
    new, old = qp.get("min_outlets"), qp.get("min_sources")
    if new not in (None, "") and old not in (None, ""):
        raise BadParam("min_sources", f"min_outlets={new}&min_sources={old}",
                       "min_sources is the older spelling of min_outlets: give one of them")
    if old not in (None, ""):
        return integer(old, "min_sources", 1, 1, 10_000)
    return integer(new, "min_outlets", 1, 1, 10_000)


def paging(qp: Mapping[str, str], default: int = 50) -> tuple[int, int]:
    """(page, per_page); per_page at most MAX_ROWS."""
    return (integer(qp.get("page"), "page", 1, 1, 1_000_000),
            integer(qp.get("per_page"), "per_page", default, 1, MAX_ROWS))


def top(qp: Mapping[str, str]) -> int | None:
    """``top``: how many rows each ranked list of a page shows (the overview's dyads, the map's
    places, the actors, an actor's partners and names), at most MAX_ROWS; None: each list's own
    default. A list cut short says "showing N of M" and links to the ``top`` that shows it all."""
    if qp.get("top") in (None, ""):
        return None
    return integer(qp.get("top"), "top", 0, 1, MAX_ROWS)


def search_text(value: str | None) -> str:
    v = " ".join((value or "").split())
    if len(v.lstrip("*").strip()) < 2 or len(v) > 200:
        raise BadParam("q", value or "", "type 2 to 200 characters to search for (a word or the "
                                         "start of one; *text also inside words)")
    return v
