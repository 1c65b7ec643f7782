"""Read-only queries behind the web pages (``lagebild serve``): the SQL of the situation picture.

Like :mod:`lagebild.store`, this module is where SQL lives; the web handlers call these
methods with validated values and never build SQL themselves. Every value from a user is
passed as a query parameter. Each method returns plain Python data (dicts, lists, ISO
dates) that the pages render and the JSON twins return as they are.

Search scans the article texts and quotes (DuckDB's ``fts`` extension would have to be
downloaded at run time; a scan of thousands of articles takes milliseconds) for words that
begin with the search text (:func:`search_match`): "Putin" finds "Putin", "Putins",
"Putin-Regierung" and the compound "Putinversteher", not "Computing"; "*regierung" (a leading
``*``) also finds it inside a word ("Bundesregierung").

Example::

    from lagebild.store import Store
    from lagebild.queries import EventFilter, Queries

    with Store("lage.duckdb", read_only=True) as store:
        q = Queries(store.con)
        print(q.series(EventFilter(actor="RUS", since="2022-02-01"), "week")[:3])
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .records import ActorRef
from .store import (ACTOR_CODES, ACTOR_EXISTS, DATE_LABEL, GOLDSTEIN_SUM,
                    TREND_MIN_EVENTS, WORD_START_PY, WORD_START_SQL, date_label, HAPPENED, MATERIAL_CONFLICT_COUNT, TABLES,
                    actor_sql, as_ref, date_bounds, dyad_sql, event_filter, name_pattern, same_country_sql,
                    Resolve, parse_sectors, side_sql, sort_order)
from . import store as _store

__all__ = ["EventFilter", "Queries", "MAX_ROWS", "Ranked", "bucket_unit", "ACTOR_SIDES", "DYAD_SIDES",
           "period_mid", "actor_sides", "dyad_sides"]

#: conditions (with parameters: the code / the two codes) for :meth:`Queries.span`
ACTOR_SIDES = "(list_contains(source_codes, ?) OR list_contains(target_codes, ?))"
DYAD_SIDES = ("((list_contains(source_codes, ?) AND list_contains(target_codes, ?)) OR "
              "(list_contains(source_codes, ?) AND list_contains(target_codes, ?)))")


def actor_sides(actor: str | ActorRef, resolve: Resolve | None = None,
                sectors: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """SQL and parameters: the actor (a code, or a ``records.ActorRef``: a code or a name) on
    either side of an event (``store.actor_sql``)."""
    return actor_sql([as_ref(actor)], "either", sectors, resolve=resolve)


def dyad_sides(a: str | ActorRef, b: str | ActorRef, resolve: Resolve | None = None,
               sectors: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """SQL and parameters: events from ``a`` to ``b`` or from ``b`` to ``a`` (``store.dyad_sql``)."""
    return dyad_sql(as_ref(a), as_ref(b), sectors=sectors, resolve=resolve)

#: no query of a page returns more rows than this
MAX_ROWS = 500

_EVENT_COLS = (f"event_id, {DATE_LABEL} AS date, event_date, date_precision, type, mode, "
               "source_code, source_sector, source_text, source_codes, target_code, target_sector, target_text, "
               "target_codes, "
               "factuality, condition, reported_by_text, reported_by_code, location_text, "
               "location_code, quad_class, goldstein, num_mentions, num_articles, num_sources")
if "confidence" in {c for c, _ in TABLES["events"]}:  # shown where the analyzer gives one
    _EVENT_COLS += ", confidence"


#: a search hit starts a word: no letter or digit just before it (RE2 in SQL, ``re`` in Python)
_WORD_START_SQL = WORD_START_SQL
_WORD_START_PY = WORD_START_PY


def search_match(text: str) -> tuple[str, str, re.Pattern]:
    """The one reading of a search text: (the text searched for, the RE2 pattern for SQL's
    ``regexp_matches(..., 'i')``, the same as a Python pattern to find the hit).

    German writes compounds as one word, and a name takes endings, so a hit is a word that
    *begins* with the text, case-insensitive: "Putin" finds "Putins", "Putin-Regierung" and
    "Putinversteher", not "LHC Computing"; a leading ``*`` drops the word start ("*regierung"
    finds "Bundesregierung", as a plain substring search)."""
    inside = text.startswith("*")
    needle = text.lstrip("*").strip()
    esc = re.escape(needle)
    if inside:
        return needle, esc, re.compile(esc, re.IGNORECASE)
    return needle, _WORD_START_SQL + esc, re.compile(_WORD_START_PY + esc, re.IGNORECASE)


def period_mid(first: str | None, last: str | None) -> str | None:
    """The last day of the first half of a chart's period (``Queries.span``): the one split of the
    overview's activity and the dyad page's escalation into "before" and "recent"."""
    if not first or not last:
        return None
    lo, hi = _dt.date.fromisoformat(first), _dt.date.fromisoformat(last)
    return (lo + _dt.timedelta(days=(hi - lo).days // 2)).isoformat()


def halves_params(first: str | None, last: str | None) -> list:
    """(first, mid, mid, last) for SQL counting the day-dated events of each half of the period
    (none when there is no period)."""
    mid = period_mid(first, last)
    if mid is None:
        return ["9999-12-31", "0001-01-01", "9999-12-31", "0001-01-01"]     # empty ranges
    return [first, mid, mid, last]


def _happened(f: "EventFilter") -> str:
    """Where something happened counts only events that happened or are planned: a hypothetical
    or negated event has no place it took place in (unless the filter asks for them)."""
    return "" if f.factuality else " AND factuality IN ('asserted', 'planned')"


@dataclass(frozen=True)
class EventFilter:
    """The filters every page shares (already validated; see ``lagebild.web.params``)."""
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    type: str | None = None
    factuality: str | None = None
    min_outlets: int = 1        # distinct outlets reporting an event (num_sources)
    sector: str | None = None   # comma list of PLOVER sectors (``store.parse_sectors``)
    min_confidence: float | None = None     # as ``lagebild events --min-confidence``

    def sql(self, resolve: Resolve | None = None) -> tuple[str, list[Any]]:
        """``actor``: a comma list of codes, or ``actor_names.Actors`` (codes and names);
        ``resolve``: as ``store.side_sql`` (``Queries.resolve``)."""
        where, params = event_filter(actor=self.actor, since=self.since, until=self.until,
                                     type=self.type, factuality=self.factuality,
                                     min_sources=self.min_outlets, sector=self.sector,
                                     min_confidence=self.min_confidence, resolve=resolve)
        return " AND ".join(where), params


def bucket_unit(first: str | None, last: str | None) -> str:
    """The time step of a chart: day up to 120 days, week up to about two years, month up
    to 30 years, year beyond, so that no series has more than a few hundred points."""
    if not first or not last:
        return "day"
    span = (_dt.date.fromisoformat(last[:10]) - _dt.date.fromisoformat(first[:10])).days
    return ("day" if span <= 120 else "week" if span <= 730 else "month" if span <= 30 * 366
            else "year")


#: the longest period a chart shows (its last years); older events stay in the lists
MAX_CHART_YEARS = 300
_UNITS = ("day", "week", "month", "year")


def _bucket_sql(unit: str) -> str:
    """SQL: the first day of an event's day, week (Monday) or month."""
    if unit not in _UNITS:
        raise ValueError(f"unknown time step {unit!r}")
    return "event_date" if unit == "day" else f"CAST(date_trunc('{unit}', event_date) AS DATE)"


def _in_range(first: str | None, last: str | None) -> tuple[str, list[Any]]:
    """SQL condition and parameters: the event's day within a chart's period."""
    if not first or not last:
        return "TRUE", []
    return "event_date BETWEEN ?::DATE AND ?::DATE", [first, last]


def _plain(v: Any) -> Any:
    """DuckDB values as JSON-ready Python values."""
    if v is None:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else round(v, 3)
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def _rows(cur) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [{n: _plain(v) for n, v in zip(names, row)} for row in cur.fetchall()]


class Ranked(list):
    """The rows of a list that a limit may cut, with ``total``: how many rows there are in all
    (a page that shows fewer says "showing N of M", :func:`lagebild.wording.showing`, and how
    to see the rest). It is a plain list to everything else (JSON, templates, tests)."""

    def __init__(self, rows=(), total: int | None = None):
        super().__init__(rows)
        self.total = len(self) if total is None else int(total)

    @property
    def cut(self) -> bool:
        return self.total > len(self)


#: the column a cut query adds to count its rows before the LIMIT (``_ranked`` takes it off)
_TOTAL = "count(*) OVER () AS _total"


def _ranked(cur) -> Ranked:
    """The rows of a query that selects ``_TOTAL``, as :class:`Ranked`."""
    rows = _rows(cur)
    total = rows[0]["_total"] if rows else 0
    for r in rows:
        r.pop("_total", None)
    return Ranked(rows, total)


def _event_rows(cur) -> list[dict[str, Any]]:
    rows = _rows(cur)
    for r in rows:
        for side in ("source", "target"):
            r[f"{side}_codes"] = r.get(f"{side}_codes") or []
    return rows


class _Reading:
    """The connection of a :class:`Queries` as ``store.Participants`` reads it: through
    ``Queries._q``, where every statement of a page passes."""

    def __init__(self, q: "Queries"):
        self.q = q

    def execute(self, sql: str, params: Any = None):
        return self.q._q(sql, params)


class Queries:
    """The pages' queries over one DuckDB connection (a read cursor of a :class:`Store`)."""

    def __init__(self, con):
        self.con = con
        # a name or sector filter read once per Queries (one page's request), both sides at once,
        # not by every query of the page (``resolve``, ``name_codes``)
        self._participants = _store.Participants(_Reading(self))
        self._name_codes: dict[str, list[tuple[str | None, int]]] = {}

    def resolve(self, side: str, ref: ActorRef | None, sectors: tuple[str, ...] | None) -> list[int]:
        """The ids of the events whose ``side`` has a participant ``ref`` of ``sectors``
        (``store.participants_sql``), kept for the queries after it (``store.Resolve``)."""
        return self._participants(side, ref, sectors)

    def _q(self, sql: str, params: Any = None):
        return self.con.execute(sql, params or [])

    # -- the database as a whole -----------------------------------------------------------
    def span(self, f: EventFilter, extra: str = "", extra_params: list | None = None
             ) -> tuple[str | None, str | None]:
        """The period a chart shows: from the first to the last day of the events under the
        filter, or from the 1st to the 99th percentile of their days where the full range is
        over three times as long (a stray "1214" in a text does not stretch the chart over
        800 years); ``since``/``until`` when given; at most MAX_CHART_YEARS long."""
        where, params = f.sql(self.resolve)
        if extra:
            where, params = f"{where} AND {extra}", params + list(extra_params or [])
        row = self._q(f"""SELECT quantile_disc(event_date, 0.01), quantile_disc(event_date, 0.99),
                                 min(event_date), max(event_date)
                          FROM events WHERE {where} AND date_precision = 'day'""",
                      params).fetchall()[0]
        if row[0] is None:
            return None, None
        q_lo, q_hi, lo, hi = row
        if (hi - lo).days > 3 * (q_hi - q_lo).days + 30:
            lo, hi = q_lo, q_hi
        if f.since:
            lo = date_bounds(f.since)[0]
        if f.until:
            hi = date_bounds(f.until)[1]
        if lo > hi:
            lo = hi
        if (hi - lo).days > MAX_CHART_YEARS * 366:
            lo = hi.replace(year=hi.year - MAX_CHART_YEARS, day=1)
        return lo.isoformat(), hi.isoformat()

    # -- overview --------------------------------------------------------------------------
    def series(self, f: EventFilter, unit: str = "day", first: str | None = None,
               last: str | None = None) -> list[dict[str, Any]]:
        """Events per time step (``unit``: day, week, month, year; ``bucket`` is its first
        day) and quad class, with their Goldstein sum (events dated to a day, from ``first``
        to ``last`` when given)."""
        where, params = f.sql(self.resolve)
        rng, rp = _in_range(first, last)
        return _rows(self._q(f"""
            SELECT {_bucket_sql(unit)} AS bucket, quad_class, count(*) AS events,
                   {GOLDSTEIN_SUM} AS goldstein_sum
            FROM events WHERE {where} AND date_precision = 'day' AND {rng}
            GROUP BY 1, 2 ORDER BY 1, 2""", params + rp))

    def not_charted(self, f: EventFilter, first: str | None = None, last: str | None = None) -> dict[str, int]:
        """Under the filter, the events the charts leave out: dated only to a week, month, season
        or year (``coarse``), not dated at all (``undated``), or dated to a day outside the chart's
        period ``first``..``last`` (``outside``: a stray year the period leaves out, ``span``)."""
        where, params = f.sql(self.resolve)
        lo, hi = first or "0001-01-01", last or "9999-12-31"
        coarse, undated, outside = self._q(f"""
            SELECT count(*) FILTER (WHERE event_date IS NOT NULL AND date_precision <> 'day'),
                   count(*) FILTER (WHERE event_date IS NULL),
                   count(*) FILTER (WHERE date_precision = 'day'
                                    AND (event_date < ?::DATE OR event_date > ?::DATE))
            FROM events WHERE {where}""", [lo, hi] + params).fetchall()[0]
        return {"coarse": int(coarse), "undated": int(undated), "outside": int(outside)}

    def same_country(self, f: EventFilter) -> list[dict[str, Any]]:
        """Under the filter, per code, the events between actors of that one country (domestic
        news), which ``top_dyads`` leaves out."""
        where, params = f.sql(self.resolve)
        return _rows(self._q(same_country_sql(where), params))

    def top_dyads(self, f: EventFilter, n: int = 10, unit: str = "day", first: str | None = None,
                  last: str | None = None) -> Ranked:
        """The ``n`` source->target pairs with most events under the filter (``total``: how many
        pairs there are; at most ``MAX_ROWS`` rows), with the events of
        the first and the second half of their period (the trend) and counts per ``unit``.
        ``first``/``last``: the chart's period (default: ``span``), whose halves
        (``period_mid``) the trend compares, as the dyad page's escalation does."""
        if first is None and last is None:
            first, last = self.span(f)
        where, params = f.sql(self.resolve)
        dyads = _ranked(self._q(f"""
            WITH f AS (SELECT event_id, event_date, date_precision, source_codes, target_codes,
                              goldstein, quad_class, num_mentions, factuality FROM events WHERE {where}),
                 s AS (SELECT *, unnest(source_codes) AS source_code FROM f),
                 p AS (SELECT *, unnest(target_codes) AS target_code FROM s)
            SELECT source_code AS source, target_code AS target, count(*) AS events,
                   sum(num_mentions)::BIGINT AS mentions, {_TOTAL},
                   round({GOLDSTEIN_SUM}, 1) AS goldstein_sum,
                   {MATERIAL_CONFLICT_COUNT} AS material_conflict,
                   count(*) FILTER (WHERE date_precision = 'day' AND event_date >= ?::DATE
                                    AND event_date <= ?::DATE) AS first_half,
                   count(*) FILTER (WHERE date_precision = 'day' AND event_date > ?::DATE
                                    AND event_date <= ?::DATE) AS second_half
            FROM p WHERE source_code <> target_code
            GROUP BY 1, 2 ORDER BY events DESC, mentions DESC, 1, 2 LIMIT ?""",
            params + halves_params(first, last) + [min(int(n), MAX_ROWS)]))
        if not dyads:
            return dyads
        keys = [f"{d['source']}>{d['target']}" for d in dyads]
        rng, rp = _in_range(first, last)
        days = _rows(self._q(f"""
            WITH f AS (SELECT event_date, source_codes, target_codes FROM events
                       WHERE {where} AND date_precision = 'day' AND {rng}),
                 s AS (SELECT *, unnest(source_codes) AS source_code FROM f),
                 p AS (SELECT *, unnest(target_codes) AS target_code FROM s)
            SELECT source_code || '>' || target_code AS dyad, {_bucket_sql(unit)} AS bucket,
                   count(*) AS n
            FROM p WHERE source_code || '>' || target_code IN (SELECT unnest(?::VARCHAR[]))
            GROUP BY 1, 2 ORDER BY 1, 2""", params + rp + [keys]))
        by: dict[str, list] = {}
        for r in days:
            by.setdefault(r["dyad"], []).append([r["bucket"], r["n"]])
        for d, k in zip(dyads, keys):
            d["series"] = by.get(k, [])
            a, b = d["first_half"], d["second_half"]
            # activity (how many events), not escalation (``store.escalation_trend``, the dyad
            # page's); as that, it needs TREND_MIN_EVENTS dated events in each half to say anything
            d["trend"] = ("unknown" if min(a, b) < TREND_MIN_EVENTS else
                          "rising" if b > a * 1.25 + 1 else "falling" if a > b * 1.25 + 1 else "steady")
        return dyads

    def events(self, f: EventFilter, *, limit: int = 50, offset: int = 0,
               sort: str = "-date", extra: str = "", extra_params: list | None = None
               ) -> tuple[list[dict[str, Any]], int]:
        """One page of events and the number of all matching. ``sort``: a name of
        ``records.EVENT_SORTS`` (-date: newest happening first)."""
        where, params = f.sql(self.resolve)
        if extra:
            where = f"{where} AND {extra}"
            params = params + list(extra_params or [])
        order = sort_order(sort)
        total = int(self._q(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()[0][0])
        rows = _event_rows(self._q(
            f"SELECT {_EVENT_COLS} FROM events WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            params + [min(int(limit), MAX_ROWS), int(offset)]))
        return rows, total

    # -- map -------------------------------------------------------------------------------
    def by_country(self, f: EventFilter, by: str = "place") -> Ranked:
        """Events per country: ``place`` = the country where it happened (when known),
        ``actor`` = every country taking part (an event counts once per country); at most
        ``MAX_ROWS``, ``total`` says how many."""
        where, params = f.sql(self.resolve)
        if by == "place":
            sql = f"""SELECT location_code AS code, count(*) AS events,
                             round({GOLDSTEIN_SUM}, 1) AS goldstein_sum, {_TOTAL}
                      FROM events WHERE {where} AND location_code IS NOT NULL{_happened(f)}
                      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {MAX_ROWS}"""
        else:
            sql = f"""WITH f AS (SELECT event_id, goldstein, factuality,
                                        list_distinct(list_concat(source_codes, target_codes)) AS cs
                                 FROM events WHERE {where}),
                           u AS (SELECT event_id, goldstein, factuality, unnest(cs) AS code FROM f)
                      SELECT code, count(*) AS events,
                             round({GOLDSTEIN_SUM}, 1) AS goldstein_sum, {_TOTAL}
                      FROM u WHERE code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {MAX_ROWS}"""
        return _ranked(self._q(sql, params))

    def by_place(self, f: EventFilter, limit: int = 100) -> Ranked:
        """Events per named place (``location_text``) with its country (``total``: how many
        places there are)."""
        where, params = f.sql(self.resolve)
        return _ranked(self._q(f"""
            SELECT location_text AS place, any_value(location_code) AS code, count(*) AS events,
                   {_TOTAL}
            FROM events WHERE {where} AND location_text IS NOT NULL{_happened(f)}
            GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ?""", params + [min(int(limit), MAX_ROWS)]))

    # -- actors ----------------------------------------------------------------------------
    def actor_exists(self, code: str) -> bool:
        """Whether the database holds the actor code (``store.ACTOR_EXISTS``)."""
        return bool(self._q(ACTOR_EXISTS, {"c": code}).fetchall()[0][0])

    def actor_codes(self) -> list[str]:
        """Every actor code the database holds (``store.ACTOR_CODES``)."""
        return [r[0] for r in self._q(ACTOR_CODES).fetchall()]

    @staticmethod
    def of_actor(f: EventFilter) -> tuple[EventFilter, tuple[str, ...] | None]:
        """The filter of a page of one actor or dyad and the sectors of its actor's participants:
        ``?sector=`` there is of the page's actor(s), as ``--sector`` with ``--actor`` and
        ``timeline --sector`` are (``store.event_filter``), not of any participant of the event
        (review R23, finding 3)."""
        if not f.sector:
            return f, None
        return replace(f, sector=None), tuple(parse_sectors(f.sector))

    def name_codes(self, name: str) -> list[tuple[str | None, int]]:
        """Per code, the events with a participant called ``name`` (``store.name_codes``), read
        once per Queries (a page's request asks for them more than once)."""
        if name not in self._name_codes:
            self._name_codes[name] = self._participants.name_codes(name)
        return self._name_codes[name]

    def stored_names(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """The actors' names the articles hold that match ``text`` (``store.stored_names``)."""
        return [{k: _plain(v) for k, v in r.items()} for r in _store.stored_names(self.con, text, min(int(limit), MAX_ROWS))]

    def top_actors(self, f: EventFilter, limit: int | None = 50) -> Ranked:
        """The actors with most events under the filter (``total``: how many actors there are); at
        most ``limit`` (and ``MAX_ROWS``), or every one with ``limit=None`` (the command line's
        ``actors --db``, which filters and cuts the list itself)."""
        where, params = f.sql(self.resolve)
        cap = "" if limit is None else " LIMIT ?"
        return _ranked(self._q(f"""
            WITH f AS (SELECT event_id, list_distinct(list_concat(source_codes, target_codes)) AS cs
                       FROM events WHERE {where}),
                 u AS (SELECT unnest(cs) AS code FROM f)
            SELECT code, count(*) AS events, {_TOTAL} FROM u WHERE code IS NOT NULL
            GROUP BY 1 ORDER BY 2 DESC, 1{cap}""", params + ([] if limit is None else [min(int(limit), MAX_ROWS)])))

    def actor_timeline(self, code: str | ActorRef, f: EventFilter, unit: str = "day",
                       first: str | None = None, last: str | None = None) -> list[dict[str, Any]]:
        """Per ``unit``: events with the actor (a code, or a ``records.ActorRef``) as source, as
        target, and their Goldstein sum."""
        ref = as_ref(code)
        f, sec = self.of_actor(f)
        where, params = f.sql(self.resolve)
        rng, rp = _in_range(first, last)
        src, sp = side_sql("source", ref, sec, resolve=self.resolve)
        tgt, tp = side_sql("target", ref, sec, resolve=self.resolve)
        either, ep = actor_sides(ref, self.resolve, sec)
        return _rows(self._q(f"""
            SELECT {_bucket_sql(unit)} AS bucket,
                   count(*) FILTER (WHERE {src}) AS as_source,
                   count(*) FILTER (WHERE {tgt}) AS as_target,
                   {GOLDSTEIN_SUM} AS goldstein_sum
            FROM events WHERE {where} AND date_precision = 'day' AND {rng} AND {either}
            GROUP BY 1 ORDER BY 1""", sp + tp + params + rp + ep))

    def partners(self, code: str | ActorRef, f: EventFilter, side: str, limit: int = 20) -> Ranked:
        """Counterparts of the actor (a code, or a ``records.ActorRef``): with ``side="source"``
        the targets of its actions, with ``side="target"`` the actors acting on it (``total``:
        how many there are). A code leaves itself out (``within`` counts those events); a name
        keeps its own country ("FPÖ" -> AUT: the other Austrian actors)."""
        ref = as_ref(code)
        f, sec = self.of_actor(f)
        other = "target_codes" if side == "source" else "source_codes"
        own, op = side_sql("source" if side == "source" else "target", ref, sec, resolve=self.resolve)
        where, params = f.sql(self.resolve)
        same = "code <> ?" if ref.name is None else "TRUE"
        return _ranked(self._q(f"""
            WITH f AS (SELECT {other} AS others, goldstein, quad_class, factuality FROM events
                       WHERE {where} AND {own}),
                 u AS (SELECT unnest(others) AS code, goldstein, quad_class, factuality FROM f)
            SELECT code, count(*) AS events, round({GOLDSTEIN_SUM}, 1) AS goldstein_sum,
                   {MATERIAL_CONFLICT_COUNT} AS material_conflict, {_TOTAL}
            FROM u WHERE code IS NOT NULL AND {same}
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""",
            params + op + ([ref.code] if ref.name is None else []) + [min(int(limit), MAX_ROWS)]))

    def within(self, code: str | ActorRef, f: EventFilter) -> int:
        """How many events have the actor on both sides (within a country: its police and its
        opposition; within an organisation; "FPÖ" against "FPÖ"), which ``partners`` leaves out
        for a code."""
        ref = as_ref(code)
        f, sec = self.of_actor(f)
        where, params = f.sql(self.resolve)
        src, sp = side_sql("source", ref, sec, resolve=self.resolve)
        tgt, tp = side_sql("target", ref, sec, resolve=self.resolve)
        return int(self._q(f"SELECT count(*) FROM events WHERE {where} AND {src} AND {tgt}",
                           params + sp + tp).fetchall()[0][0])

    def actor_types(self, code: str | ActorRef, f: EventFilter) -> list[dict[str, Any]]:
        """Every event type of the actor's events, most frequent first: all of them (the 16
        PLOVER types), so that the counts add up to the actor's events (a list cut at 15 left
        out the 16th without a note)."""
        ref = as_ref(code)
        f, sec = self.of_actor(f)
        where, params = f.sql(self.resolve)
        src, sp = side_sql("source", ref, sec, resolve=self.resolve)
        either, ep = actor_sides(ref, self.resolve, sec)
        return _rows(self._q(f"""
            SELECT type, count(*) AS events, count(*) FILTER (WHERE {src}) AS as_source
            FROM events WHERE {where} AND {either}
            GROUP BY 1 ORDER BY 2 DESC, 1""", sp + params + ep))

    @staticmethod
    def _speaker(ref: ActorRef) -> tuple[str, list[Any]]:
        """SQL over ``quotes q``: the speaker is the actor (its code; or a name in the
        speaker's text, of the code when given)."""
        if ref.name is None:
            return "q.speaker_code = ?", [ref.code]
        sql = "regexp_matches(coalesce(q.speaker_text, ''), ?, 'i')"
        params: list[Any] = [name_pattern(ref.name)]
        if ref.code:
            sql += " AND q.speaker_code = ?"
            params.append(ref.code)
        return sql, params

    def actor_quotes(self, code: str | ActorRef, *, limit: int = 20, offset: int = 0
                     ) -> tuple[list[dict[str, Any]], int]:
        who, wp = self._speaker(as_ref(code))
        total = int(self._q(f"SELECT count(*) FROM quotes q WHERE {who}", wp).fetchall()[0][0])
        rows = _rows(self._q(f"""
            SELECT q.article_id, q.quote_index, q.speaker_text, q.speaker_sector, q.text, q.direct,
                   a.doc_id, a.title, a.dct
            FROM quotes q JOIN articles a USING (article_id)
            WHERE {who} ORDER BY a.dct DESC NULLS LAST, q.article_id DESC, q.quote_index
            LIMIT ? OFFSET ?""", wp + [min(int(limit), MAX_ROWS), int(offset)]))
        return rows, total

    def actor_names(self, code: str | ActorRef, limit: int = 8) -> Ranked:
        """The names under which the articles mention the actor, most frequent first
        (``total``: how many names there are); of a name: the actors' names it matches
        ("Grüne": "Grüne", "Leonore Gewessler" of the Grünen-Klubobfrau)."""
        ref = as_ref(code)
        if ref.name is None:
            cond, cp = "code = ?", [ref.code]
        else:
            pat = name_pattern(ref.name)
            cond = ("(regexp_matches(name, ?, 'i') OR "
                    "len([1 FOR m IN coalesce(mentions, []) IF regexp_matches(m, ?, 'i')]) > 0)")
            cp = [pat, pat]
            if ref.code:
                cond += " AND code = ?"
                cp.append(ref.code)
        rows = self._q(f"""SELECT name, {_TOTAL} FROM actors WHERE {cond} AND name IS NOT NULL
                           GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?""",
                       cp + [min(int(limit), MAX_ROWS)]).fetchall()
        return Ranked([r[0] for r in rows], rows[0][1] if rows else 0)

    # -- dyads -----------------------------------------------------------------------------
    def dyad_timeline(self, a: str | ActorRef, b: str | ActorRef, f: EventFilter, unit: str = "day",
                      first: str | None = None, last: str | None = None) -> list[dict[str, Any]]:
        """Per ``unit``: events a->b and b->a, the Goldstein sums and the number (``asserted``) of
        the asserted ones with a Goldstein value, and material conflict (``a``, ``b``: codes,
        or ``records.ActorRef``: codes or names)."""
        a, b = as_ref(a), as_ref(b)
        f, sec = self.of_actor(f)
        where, params = f.sql(self.resolve)
        rng, rp = _in_range(first, last)
        ab, abp = dyad_sql(a, b, directed=True, sectors=sec, resolve=self.resolve)
        ba, bap = dyad_sql(b, a, directed=True, sectors=sec, resolve=self.resolve)
        both, bp = dyad_sides(a, b, self.resolve, sec)
        return _rows(self._q(f"""
            SELECT {_bucket_sql(unit)} AS bucket,
                   count(*) FILTER (WHERE {ab}) AS a_to_b, count(*) FILTER (WHERE {ba}) AS b_to_a,
                   coalesce(sum(goldstein) FILTER (WHERE {ab} AND {HAPPENED}), 0) AS goldstein_a_to_b,
                   coalesce(sum(goldstein) FILTER (WHERE {ba} AND {HAPPENED}), 0) AS goldstein_b_to_a,
                   count(goldstein) FILTER (WHERE {HAPPENED}) AS asserted,
                   {MATERIAL_CONFLICT_COUNT} AS material_conflict
            FROM events WHERE {where} AND date_precision = 'day' AND {rng} AND {both}
            GROUP BY 1 ORDER BY 1""", abp + bap + abp + bap + params + rp + bp))

    def dyad_events(self, a: str | ActorRef, b: str | ActorRef, f: EventFilter, *,
                    day: str | None = None, limit: int = 50, offset: int = 0
                    ) -> tuple[list[dict[str, Any]], int]:
        f, sec = self.of_actor(f)
        extra, xp = dyad_sides(a, b, self.resolve, sec)
        if day:
            extra += " AND event_date = ?::DATE AND date_precision = 'day'"
            xp.append(day)
        return self.events(f, limit=limit, offset=offset, extra=extra, extra_params=xp)

    # -- one event -------------------------------------------------------------------------
    def event(self, event_id: int) -> dict[str, Any] | None:
        cur = self._q(f"SELECT *, {DATE_LABEL} AS date FROM events WHERE event_id = ?", [event_id])
        rows = _event_rows(cur)
        if not rows:
            return None
        ev = rows[0]
        for side in ("source", "target"):
            raw = ev.pop(f"{side}_json", None)
            try:
                ev[f"{side}_participants"] = json.loads(raw) if raw else []
            except ValueError:
                ev[f"{side}_participants"] = []
        mentions = _ranked(self._q(f"""
            SELECT m.mention_id, m.article_id, m.sentence, m.start_char, m.end_char, m.text,
                   m.factuality, m.is_duplicate, coalesce(m.source, a.source) AS source,
                   a.doc_id, a.title, a.url, a.dct, {_TOTAL}
            FROM event_mentions m JOIN articles a USING (article_id)
            WHERE m.event_id = ? ORDER BY m.mention_id LIMIT ?""", [event_id, MAX_ROWS]))
        ev["mentions"], ev["mentions_total"] = mentions, mentions.total
        return ev

    # -- one article -----------------------------------------------------------------------
    def article_ids_of(self, doc_id: str) -> list[int]:
        """The numbers of the stored articles ingested under the id ``doc_id`` (oldest first)."""
        return [int(r[0]) for r in self._q("SELECT article_id FROM articles WHERE doc_id = ? "
                                           "ORDER BY article_id", [doc_id]).fetchall()]

    def article(self, article_id: int) -> dict[str, Any] | None:
        # below_floor: the events the confidence floor left out, not stored (NULL: not counted, an
        # article stored before schema version 7); confidence_floor: that floor
        rows = _rows(self._q("""SELECT article_id, doc_id, source, url, dct, title, origin, text,
                                       n_chars, n_events, near_duplicate_of, ingested_at,
                                       below_floor, confidence_floor
                                FROM articles WHERE article_id = ?""", [article_id]))
        if not rows:
            return None
        art = rows[0]
        # each list at most MAX_ROWS long; "<list>_total" says how long it is
        art["actors"] = _ranked(self._q(f"""SELECT actor_id, name, code, sector, role, kind, mentions,
                                                  {_TOTAL}
                                           FROM actors WHERE article_id = ? ORDER BY actor_id LIMIT ?""",
                                        [article_id, MAX_ROWS]))
        art["quotes"] = _ranked(self._q(f"""SELECT quote_index, speaker_text, speaker_code, text, direct,
                                                  start_char, end_char, {_TOTAL}
                                           FROM quotes WHERE article_id = ? ORDER BY quote_index LIMIT ?""",
                                        [article_id, MAX_ROWS]))
        art["events"] = _ranked(self._q(f"""
            SELECT m.event_id, m.sentence, m.start_char, m.end_char, m.text AS evidence,
                   m.factuality AS mention_factuality, e.type, e.mode, e.factuality,
                   e.source_codes, e.target_codes, e.source_text, e.target_text, e.source_sector,
                   e.target_sector, e.condition, coalesce(m.confidence, e.confidence) AS confidence, e.cue,
                   e.date_text, {date_label("e.")} AS date, e.num_articles, {_TOTAL}
            FROM event_mentions m JOIN events e USING (event_id)
            WHERE m.article_id = ? ORDER BY m.start_char, m.mention_id LIMIT ?""",
            [article_id, MAX_ROWS]))
        for key in ("actors", "quotes", "events"):
            art[f"{key}_total"] = art[key].total
        return art

    # -- the articles ----------------------------------------------------------------------
    def articles(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """One page of the stored articles, newest first (by their date, then the latest
        stored), with their numbers of events and of events below the confidence floor, and the
        number of all articles."""
        total = int(self._q("SELECT count(*) FROM articles").fetchall()[0][0])
        rows = _rows(self._q("""
            SELECT a.article_id, a.doc_id, a.title, a.dct, a.source, a.url, a.near_duplicate_of,
                   a.below_floor,
                   (SELECT count(DISTINCT m.event_id) FROM event_mentions m
                    WHERE m.article_id = a.article_id) AS events
            FROM articles a ORDER BY a.dct DESC NULLS LAST, a.article_id DESC LIMIT ? OFFSET ?""",
            [min(int(limit), MAX_ROWS), int(offset)]))
        return rows, total

    # -- search ----------------------------------------------------------------------------
    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Articles (title or text) and quotes with a word that begins with ``text``
        (case-insensitive; :func:`search_match`). Each article has a ``snippet`` around its first
        hit in the text (the start when only the title has one) and ``hit``: [start, end] of that
        hit in the snippet (null when it is not in the snippet)."""
        needle, rx, py = search_match(text)
        pat = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # ILIKE first (cheap), then the word start
        hit = ("({c} ILIKE ? ESCAPE '\\' AND regexp_matches({c}, ?, 'i'))")
        in_art = f"({hit.format(c='text')} OR {hit.format(c='title')})"
        lim, off = min(int(limit), MAX_ROWS), int(offset)
        n_art = int(self._q(f"SELECT count(*) FROM articles WHERE {in_art}",
                            [pat, rx, pat, rx]).fetchall()[0][0])
        arts = _rows(self._q(f"""
            SELECT article_id, doc_id, title, dct, source, text
            FROM articles WHERE {in_art}
            ORDER BY dct DESC NULLS LAST, article_id DESC LIMIT ? OFFSET ?""",
            [pat, rx, pat, rx, lim, off]))
        for a in arts:  # a snippet around the first hit
            full = a.pop("text") or ""
            m = py.search(full)
            p, n = (m.start(), m.end() - m.start()) if m else (0, 0)
            lo = max(0, p - 120)
            lead = "…" if lo else ""
            a["snippet"] = lead + full[lo:p + n + 180] + ("…" if p + n + 180 < len(full) else "")
            a["hit"] = [len(lead) + p - lo, len(lead) + p - lo + n] if m else None
        n_q = int(self._q(f"SELECT count(*) FROM quotes WHERE {hit.format(c='text')}",
                          [pat, rx]).fetchall()[0][0])
        quotes = _rows(self._q(f"""
            SELECT q.article_id, q.quote_index, q.speaker_text, q.speaker_code, q.text, q.direct, a.dct
            FROM quotes q JOIN articles a USING (article_id)
            WHERE {hit.format(c='q.text')}
            ORDER BY a.dct DESC NULLS LAST, q.article_id DESC, q.quote_index LIMIT ? OFFSET ?""",
            [pat, rx, lim, off]))
        return {"articles": arts, "articles_total": n_art, "quotes": quotes, "quotes_total": n_q}
