"""The embedded event database: a DuckDB file with a versioned schema.

Tables (schema version ``SCHEMA_VERSION``; older files are upgraded in place, ``MIGRATIONS``):

``meta``
    key/value pairs: ``app`` = ``lagebild``, ``schema_version``, ``created``.
``articles``
    one row per distinct article text: ``content_hash`` (sha256 of the normalised
    text) makes ingestion idempotent; ``near_duplicate_of`` links wire copies and
    updated versions (MinHash) to the article seen first.
``article_minhash``
    the MinHash signature of every article, so near-duplicate detection survives
    restarts.
``actors``, ``quotes``
    per article, as the analyzer found them.
``events``
    one row per *happening*: mentions of the same event in different articles are
    merged (see :mod:`lagebild.ingest`) and counted in ``num_mentions``,
    ``num_articles`` and ``num_sources`` (what GDELT's NumMentions, NumArticles and
    NumSources should have been). Every EVENTS.md field is flattened into columns;
    lists of participants are kept as code lists (``source_codes``) and as JSON.
``participants``
    one row per participant of an event (each element of ``source_json`` and ``target_json``:
    event, side, position, actor, text, code, sector, inferred), written and deleted with the
    events in the same transaction: what the name and sector filters read (``side_sql``).
``event_mentions``
    one row per piece of evidence: event, article, sentence, character offsets, text, and the
    event as its article tells it (the sides ``source_json``, ``target_json`` and the other fields
    ``fields_json``, ``FIRST_ARTICLE_FIELDS``): an event is its first article's
    (``Store._refresh_first_article``), also after that article is analyzed again or another
    article becomes the first. Mentions from near-duplicate articles are kept with
    ``is_duplicate = true`` and do not count.
``feeds``
    polling state of RSS/Atom feeds (ETag, Last-Modified, last fetch).

Writes come in batches (:meth:`Store.write_batch`), each one transaction of bulk
inserts from Arrow tables, so a killed process loses at most the batch in flight and
a rerun redoes exactly that batch.

Example::

    from lagebild.store import Store

    with Store("lage.duckdb", read_only=True) as store:
        print(store.counts())
        print(store.query_events(actor="RUS", since="2022-02-01", limit=10))
"""
from __future__ import annotations

from contextlib import contextmanager, suppress

import datetime as _dt
import json
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from .errors import BadValue, DatabaseLocked, StoreError
from .records import EVENT_SORT_ALIASES, EVENT_SORTS, EVENT_TYPES, FACTUALITIES, ActorRef

APP = "lagebild"
SCHEMA_VERSION = 10
#: the escalation trend compares two windows only when each holds at least this many asserted,
#: dated events (a mean of one or two Goldstein scores says nothing)
TREND_MIN_EVENTS = 5


def escalation_trend(before: float | None, recent: float | None, n_before: int, n_recent: int) -> str:
    """The one definition of an escalation trend (``summary`` and the dyad pages): the mean
    Goldstein score of the recent asserted events against the earlier ones -- "escalating"
    (0.5 or more lower), "de-escalating" (0.5 or more higher), "stable", or "unknown" when a
    side has no mean or fewer than ``TREND_MIN_EVENTS`` events."""
    if before is None or recent is None or min(n_before, n_recent) < TREND_MIN_EVENTS:
        return "unknown"
    delta = recent - before
    return "escalating" if delta <= -0.5 else "de-escalating" if delta >= 0.5 else "stable"
#: columns added since version 1: (table, column, type); an older store gets them on the
#: first opening for writing
MIGRATIONS: dict[int, list[tuple[str, str, str]]] = {
    2: [("articles", "analyzer_version", "VARCHAR"), ("event_mentions", "date_value", "VARCHAR")],
    3: [("events", "confidence", "DOUBLE"), ("event_mentions", "confidence", "DOUBLE")],
    4: [("articles", "country", "VARCHAR")],
    5: [("articles", "updated", "VARCHAR")],
    6: [("event_mentions", "date_own", "BOOLEAN"), ("event_mentions", "location_text", "VARCHAR"),
        ("event_mentions", "location_code", "VARCHAR")],
    7: [("articles", "below_floor", "INTEGER"), ("articles", "confidence_floor", "DOUBLE")],
    9: [("event_mentions", "source_json", "VARCHAR"), ("event_mentions", "target_json", "VARCHAR")],
    10: [("event_mentions", "fields_json", "VARCHAR")],
}
#: tables added since version 1: an older store gets them on the first opening for writing (or
#: before reading), filled from what it holds (``Store._fill_added``)
TABLES_ADDED: dict[int, list[str]] = {
    8: ["participants"],
}
_DUCKDB_MAGIC = b"DUCK"

_A = {  # DuckDB type -> Arrow type
    "BIGINT": pa.int64(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "VARCHAR": pa.string(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "BLOB": pa.binary(), "VARCHAR[]": pa.list_(pa.string()),
}

#: table -> [(column, DuckDB type)]; the one place the schema is written down
TABLES: dict[str, list[tuple[str, str]]] = {
    "meta": [("key", "VARCHAR"), ("value", "VARCHAR")],
    "articles": [
        ("article_id", "BIGINT"), ("doc_id", "VARCHAR"), ("content_hash", "VARCHAR"),
        ("source", "VARCHAR"), ("url", "VARCHAR"), ("dct", "VARCHAR"), ("title", "VARCHAR"),
        ("origin", "VARCHAR"), ("text", "VARCHAR"), ("n_chars", "INTEGER"),
        ("n_events", "INTEGER"), ("near_duplicate_of", "BIGINT"),
        ("near_duplicate_score", "DOUBLE"), ("warnings", "VARCHAR"), ("batch_id", "BIGINT"),
        ("ingested_at", "TIMESTAMP"), ("analyzer_version", "VARCHAR"),
        ("country", "VARCHAR"),     # where the outlet reports from, as given at ingest (Article.country)
        ("updated", "VARCHAR"),     # a feed item's last change (Article.updated): a later one replaces it
        ("below_floor", "INTEGER"),     # events the confidence floor left out (not stored); NULL: not
                                        # counted (stored before schema version 7)
        ("confidence_floor", "DOUBLE"),     # the floor used (--min-confidence, or the model's default)
    ],
    "article_minhash": [("article_id", "BIGINT"), ("signature", "BLOB")],
    "actors": [
        ("article_id", "BIGINT"), ("actor_id", "VARCHAR"), ("name", "VARCHAR"),
        ("code", "VARCHAR"), ("sector", "VARCHAR"), ("role", "VARCHAR"), ("kind", "VARCHAR"),
        ("mentions", "VARCHAR[]"),
    ],
    "quotes": [
        ("article_id", "BIGINT"), ("quote_index", "INTEGER"), ("speaker_actor", "VARCHAR"),
        ("speaker_text", "VARCHAR"), ("speaker_code", "VARCHAR"), ("speaker_sector", "VARCHAR"),
        ("text", "VARCHAR"), ("direct", "BOOLEAN"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"),
    ],
    "events": [
        ("event_id", "BIGINT"), ("merge_key", "VARCHAR"), ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("source_code", "VARCHAR"), ("source_sector", "VARCHAR"), ("source_text", "VARCHAR"),
        ("source_codes", "VARCHAR[]"), ("source_json", "VARCHAR"),
        ("target_code", "VARCHAR"), ("target_sector", "VARCHAR"), ("target_text", "VARCHAR"),
        ("target_codes", "VARCHAR[]"), ("target_json", "VARCHAR"),
        ("factuality", "VARCHAR"), ("condition", "VARCHAR"),
        ("reported_by_text", "VARCHAR"), ("reported_by_code", "VARCHAR"),
        ("reported_by_sector", "VARCHAR"),
        ("date_text", "VARCHAR"), ("date_value", "VARCHAR"), ("date_from_dct", "BOOLEAN"),
        ("event_date", "DATE"), ("date_precision", "VARCHAR"), ("month", "VARCHAR"),
        ("location_text", "VARCHAR"), ("location_code", "VARCHAR"),
        ("magnitude_value", "DOUBLE"), ("magnitude_unit", "VARCHAR"),
        ("magnitude_qualifier", "VARCHAR"),
        ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("cameo", "VARCHAR"),
        ("cue", "VARCHAR"),
        ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
        ("first_article_id", "BIGINT"), ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"), ("confidence", "DOUBLE"),
    ],
    # one row per element of an event's ``source_json``/``target_json`` (``participant_rows``), in
    # step with the events (``Store._add_participants``, ``Store._refresh_first_article``,
    # ``Store._drop_empty_events``)
    "participants": [
        ("event_id", "BIGINT"), ("side", "VARCHAR"), ("position", "INTEGER"),
        ("actor_id", "VARCHAR"), ("text", "VARCHAR"), ("code", "VARCHAR"), ("sector", "VARCHAR"),
        ("inferred", "VARCHAR"), ("code_inferred", "VARCHAR"),
    ],
    "event_mentions": [
        ("mention_id", "BIGINT"), ("event_id", "BIGINT"), ("article_id", "BIGINT"),
        ("doc_event_index", "INTEGER"), ("sentence", "INTEGER"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"), ("text", "VARCHAR"), ("factuality", "VARCHAR"),
        ("source", "VARCHAR"), ("is_duplicate", "BOOLEAN"), ("date_value", "VARCHAR"),
        ("confidence", "DOUBLE"), ("date_own", "BOOLEAN"), ("location_text", "VARCHAR"),
        ("location_code", "VARCHAR"),
        # the sides as the mention's article tells the event (``ingest.event_row``'s JSON, '[]' for
        # an empty side; NULL: stored before schema version 9), and its other fields
        # (``mention_fields``; NULL: stored before schema version 10): the event takes its first
        # article's (``Store._refresh_first_article``)
        ("source_json", "VARCHAR"), ("target_json", "VARCHAR"), ("fields_json", "VARCHAR"),
    ],
    "feeds": [
        ("url", "VARCHAR"), ("etag", "VARCHAR"), ("modified", "VARCHAR"),
        ("last_fetch", "TIMESTAMP"), ("last_status", "INTEGER"), ("articles_seen", "BIGINT"),
        ("last_warning", "VARCHAR"),
    ],
}

#: the ``events`` columns, besides the sides (``source_json``, ``target_json`` and the first
#: participant's ``source_code``, ...), that an event takes from its first article
#: (``first_article_id``) as the analyzer that last read that article reads it: each mention keeps
#: them as its article tells the event (``event_mentions.fields_json``, ``mention_fields``), and
#: ``Store._refresh_first_article`` gives the event its first article's whenever its mentions
#: change. The date is the first article's only where no article gives one of its own
#: (``Store._refresh_from_mentions``): ``FIRST_ARTICLE_DATE``; ``date_text`` is the first article's
#: wording where that names the event's date. (``type``, ``factuality``, the codes: the same in every
#: article, the merge key; the place: the earliest article that names one; ``confidence``: the highest.)
_EVENT_TYPES = dict(TABLES["events"])
FIRST_ARTICLE_FIELDS: dict[str, str] = {c: _EVENT_TYPES[c] for c in (
    "mode", "condition", "cue", "reported_by_text", "reported_by_code", "reported_by_sector",
    "magnitude_value", "magnitude_unit", "magnitude_qualifier", "quad_class", "goldstein", "cameo")}
FIRST_ARTICLE_DATE: dict[str, str] = {c: _EVENT_TYPES[c] for c in (
    "date_text", "date_value", "date_from_dct", "event_date", "date_precision", "month")}


def mention_fields(row: dict[str, Any]) -> str:
    """``event_mentions.fields_json`` of a mention: the ``FIRST_ARTICLE_FIELDS`` and
    ``FIRST_ARTICLE_DATE`` of the ``events`` row its article gives (``ingest.event_row``)."""
    def plain(v: Any) -> Any:
        return v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v
    return json.dumps({c: plain(row.get(c)) for c in (*FIRST_ARTICLE_FIELDS, *FIRST_ARTICLE_DATE)},
                      ensure_ascii=False)


def _field_sql(json_col: str, column: str, typ: str) -> str:
    """SQL: the value of ``column`` in a ``fields_json``, of its DuckDB type."""
    return f"CAST(json_extract_string({json_col}, '$.{column}') AS {typ})"


def participant_rows(where: str = "TRUE") -> str:
    """SQL: the ``participants`` rows of the events under ``where`` (a condition on ``events``),
    read from their ``source_json`` and ``target_json`` (``ingest.event_row``: each a list of
    ``records.Participant``), sorted by event, side and position. The one reading of the JSON into
    the table: new events (``Store.write_batch``), events whose sides change
    (``Store._refresh_first_article``),
    the copies of ``Store.replicate_events``, and the events of a store of an older schema
    (``Store._fill_added``)."""
    def get(f: str) -> str:
        return f"json_extract_string(x, '$.{f}')"
    sides = " UNION ALL ".join(
        f"""SELECT event_id, '{side}' AS side, unnest(ps) AS x, generate_subscripts(ps, 1) - 1 AS position
            FROM (SELECT event_id, json_extract(coalesce({side}_json, '[]')::JSON, '$[*]') AS ps
                  FROM events WHERE {where})"""
        for side in ("source", "target"))
    return f"""SELECT event_id, side, position, {get('actor')} AS actor_id, {get('text')} AS text,
                      {get('code')} AS code, {get('sector')} AS sector, {get('inferred')} AS inferred,
                      {get('code_inferred')} AS code_inferred
               FROM ({sides}) ORDER BY event_id, side, position"""


#: DuckDB's memory cap (buffer cache included); $LAGEBILD_DUCKDB_MEMORY overrides (read when a
#: store opens)
DEFAULT_MEMORY_LIMIT = "256MB"

def date_label(t: str = "") -> str:
    """SQL: an event's date as precise as known (2022-02-24, 2022-W08, 2022-02, 2023-FA, 2022);
    ``t`` is the events table's alias with its dot ("e.") in a join."""
    d = f"{t}event_date"
    return (f"CASE {t}date_precision WHEN 'day' THEN strftime({d}, '%Y-%m-%d') "
            f"WHEN 'week' THEN strftime({d}, '%G-W%V') "
            f"WHEN 'month' THEN strftime({d}, '%Y-%m') "
            f"WHEN 'season' THEN coalesce({t}date_value, strftime({d}, '%Y-%m')) "
            f"WHEN 'year' THEN strftime({d}, '%Y') END")


DATE_LABEL = date_label()


def _inferred_part(side: str) -> str:
    """What the text does not say for each participant of one side ("source: home" for a side
    filled in, "target country: story (Polizei)" for a named one whose country is inferred), joined
    by "; "; NULL when all is said."""
    def get(field: str) -> str:
        return f"json_extract_string(x, '$.{field}')"
    label = (f"CASE WHEN {get('inferred')} IS NOT NULL THEN '{side}: ' || {get('inferred')} "
             f"ELSE '{side} country: ' || {get('code_inferred')} || ' (' || coalesce({get('text')}, '?') || ')' END")
    return (f"NULLIF(array_to_string([{label} FOR x IN json_extract(coalesce({side}_json, '[]')::JSON, '$[*]') "
            f"IF {get('inferred')} IS NOT NULL OR {get('code_inferred')} IS NOT NULL], '; '), '')")


#: what of an event's sources and targets the text does not say ("source: home", "target
#: country: story (Polizei)"; records.Participant.inferred / code_inferred); NULL when all is said
INFERRED_LABEL = f"NULLIF(concat_ws('; ', {_inferred_part('source')}, {_inferred_part('target')}), '')"

def inferred_policies(side: str) -> str:
    """SQL: the provenance of the participants of one side (``source`` or ``target``) that the
    text does not name for the event: their ``inferred`` values (records.Participant.inferred, the
    fallback policy that filled them in: ``home``, ``nearest``, ``other_side``, ...), sorted and
    distinct as the side's codes are (``source_codes``); an empty list when the text names every
    participant of the side. A named participant whose country only is inferred
    (``code_inferred``) is named: it is not listed. The exports' ``source_inferred`` and
    ``target_inferred``."""
    value = "json_extract_string(x, '$.inferred')"
    return (f"list_sort(list_distinct([{value} FOR x IN "
            f"json_extract(coalesce({side}_json, '[]')::JSON, '$[*]') IF {value} IS NOT NULL]))"
            f"::VARCHAR[]")


def named_elsewhere_codes(side: str) -> str:
    """SQL: the codes of the participants of one side (``source`` or ``target``) that the text names
    in another sentence than the one that tells the event (records.Participant.named_elsewhere),
    sorted and distinct as the side's codes are; an empty list when the side is named there (or the
    event was stored by an analyzer before the field). The exports' ``source_named_elsewhere`` and
    ``target_named_elsewhere``."""
    code = "json_extract_string(x, '$.code')"
    return (f"list_sort(list_distinct([{code} FOR x IN "
            f"json_extract(coalesce({side}_json, '[]')::JSON, '$[*]') "
            f"IF json_extract_string(x, '$.named_elsewhere') = 'true' AND {code} IS NOT NULL]))::VARCHAR[]")


#: an event some article that is no near-duplicate copy still tells: every list, count and sum is
#: of these (an event only a copy still mentions, while ``reanalyze`` redoes its original and
#: then the copy, has no mentions that count and is shown nowhere; a feed item's correction
#: relinks its copies in the same transaction: ``Store.write_batch``'s ``copy_links``)
CANONICAL = "num_mentions >= 1"


#: SQL: the last day of an event's date (a week's Sunday, a month's or season's last day, 31
#: December of a year); with ``event_date``, the span the date filters compare with
EVENT_END = ("CASE date_precision WHEN 'week' THEN event_date + 6 "
             "WHEN 'month' THEN last_day(event_date) "
             "WHEN 'season' THEN last_day(event_date + to_months(CASE WHEN date_value LIKE '%-H_' "
             "THEN 5 ELSE 2 END)) "
             "WHEN 'year' THEN make_date(year(event_date), 12, 31) ELSE event_date END")


#: SQL (parameter ``$c``): whether the database holds the actor code ``c``, on a side of an event
#: or as a coded actor of an article (``actor_names.actor_filter``: a code the lexicon does not list
#: is a filter when the database holds it)
ACTOR_EXISTS = """SELECT EXISTS (SELECT 1 FROM events WHERE list_contains(source_codes, $c)
                                    OR list_contains(target_codes, $c))
                  OR EXISTS (SELECT 1 FROM actors WHERE code = $c)"""
#: SQL: every actor code the database holds (as ``ACTOR_EXISTS`` reads it), sorted
ACTOR_CODES = """SELECT code FROM (SELECT unnest(list_concat(source_codes, target_codes)) AS code
                                   FROM events
                                   UNION SELECT code FROM actors)
                 WHERE code IS NOT NULL ORDER BY 1"""


#: SQL (parameters: ``prefix_pattern`` twice, a limit): the names of the actors the articles hold
#: (persons, parties, institutions, as the analyzer named them) of which the name or a mention
#: as written has a word beginning with the text, one row per name and code (a name of several
#: countries, "Regierung": AUT, TUR, GRC ..., is a row for each, its sector the most frequent),
#: most articles first: what ``actors --search`` and the pages' actor box find beside the
#: lexicon ("Schnedlitz", "Straflandesgericht")
STORED_NAMES = """
    SELECT name, code, mode(sector) AS sector, mode(kind) AS kind, count(DISTINCT article_id) AS articles
    FROM actors
    WHERE name IS NOT NULL AND (regexp_matches(name, ?, 'i')
          OR len([1 FOR m IN coalesce(mentions, []) IF regexp_matches(m, ?, 'i')]) > 0)
    GROUP BY name, code ORDER BY articles DESC, name, code NULLS LAST LIMIT ?"""


def same_country_sql(where: str = CANONICAL) -> str:
    """Per code, the events (under ``where``) that have it on both sides: events between actors of
    one country (domestic news), which the dyads leave out (``top_dyads``); columns code, events."""
    return f"""
        WITH f AS (SELECT event_id, source_codes, target_codes FROM events WHERE {where}),
             s AS (SELECT event_id, unnest(source_codes) AS source_code, target_codes FROM f),
             p AS (SELECT event_id, source_code, unnest(target_codes) AS target_code FROM s)
        SELECT source_code AS code, count(DISTINCT event_id) AS events FROM p
        WHERE source_code = target_code GROUP BY 1 ORDER BY 2 DESC, 1"""


#: material conflict (PLOVER/CAMEO quad class 4)
MATERIAL_CONFLICT = 4
#: what the sums of conflict and cooperation count: events told as having happened (a "did not
#: attack" or a "would attack if" is no conflict); event counts keep every factuality
#: the SQL of each order of ``records.EVENT_SORTS``
_SORT_SQL = {
    "date": "event_date NULLS LAST, event_id",
    "-date": "event_date DESC NULLS LAST, event_id DESC",
    "reported": "first_article_id DESC NULLS LAST, event_id DESC",
    "mentions": "num_mentions DESC, event_id",
    "articles": "num_articles DESC, event_id",
    "outlets": "num_sources DESC, event_id",
    "goldstein": "goldstein NULLS LAST, event_id",
    "id": "event_id",
}
assert _SORT_SQL.keys() == EVENT_SORTS.keys()


def sort_order(sort: str) -> str:
    """The ORDER BY of an event list order (``records.EVENT_SORTS``, or an older name of one in
    ``records.EVENT_SORT_ALIASES``: "sources" is "outlets"); BadValue for an unknown one."""
    sort = EVENT_SORT_ALIASES.get(sort, sort)
    if sort not in _SORT_SQL:
        raise BadValue(f"unknown sort {sort!r} -- use one of {', '.join(_SORT_SQL)}", option="--sort")
    return _SORT_SQL[sort]


HAPPENED = "factuality = 'asserted'"
GOLDSTEIN_SUM = f"coalesce(sum(goldstein) FILTER (WHERE {HAPPENED}), 0)"
MATERIAL_CONFLICT_COUNT = f"count(*) FILTER (WHERE quad_class = {MATERIAL_CONFLICT} AND {HAPPENED})"


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table (used for bulk inserts)."""
    return pa.schema([(name, _A[typ]) for name, typ in TABLES[table]])


def rows_to_arrow(table: str, rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Rows (dicts keyed by column name; missing keys are NULL) as an Arrow table."""
    schema = arrow_schema(table)
    cols = {name: [r.get(name) for r in rows] for name in schema.names}
    return pa.Table.from_pydict(cols, schema=schema)


def utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)



def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


#: names people use for a factuality value
_FACT_ALIASES = {"fact": "asserted", "facts": "asserted", "real": "asserted",
                 "maybe": "hypothetical", "possible": "hypothetical", "future": "planned",
                 "negation": "negated", "not": "negated"}


def parse_types(value: str) -> list[str]:
    """A comma list of PLOVER types, checked (BadValue listing the valid ones)."""
    types = _codes(value)
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise BadValue(f"unknown event type {bad[0]!r} -- use one or more of "
                       f"{', '.join(EVENT_TYPES)} (comma-separated)", option="--type")
    if not types:
        raise BadValue(f"no event type in {value!r} -- give one or more of {', '.join(EVENT_TYPES)}, "
                       "or leave the option out", option="--type")
    return types


def parse_factualities(value: str) -> list[str]:
    """A comma list of factuality values, checked; a bad one is an error that names the
    valid ones (and the value meant, for "fact" or "maybe"). "all" is every factuality. The one
    reading of a factuality filter (command line, export, web pages)."""
    out = []
    for f in (x.strip().lower() for x in value.split(",") if x.strip()):
        if f == "all":
            out.extend(FACTUALITIES)
            continue
        if f not in FACTUALITIES:
            meant = _FACT_ALIASES.get(f)
            raise BadValue(f"unknown factuality {f!r}"
                           + (f" (did you mean {meant!r}?)" if meant else "")
                           + f" -- use one or more of {', '.join(FACTUALITIES)}, or 'all'",
                           option="--factuality")
        out.append(f)
    return [f for f in FACTUALITIES if f in out]


def parse_sectors(value: str) -> list[str]:
    """A comma list of PLOVER sectors (GOV, MIL, PTY, ...; ``lang/sectors.tsv``), checked: a bad
    one is an error listing the valid ones. The one reading of a sector filter (``--sector``,
    ``?sector=``)."""
    from .lexicon import sector_names
    known = sector_names()
    got = _codes(value)
    bad = [x for x in got if x not in known]
    if bad or not got:
        shown = ", ".join(f"{k} ({v})" for k, v in known.items())
        what = f"unknown sector {bad[0]!r}" if bad else f"no sector in {value!r}"
        raise BadValue(f"{what} -- use one or more of {shown} (comma-separated)", option="--sector")
    return list(dict.fromkeys(got))


#: RE2: the start of a word (no letter or digit just before); a search matches words that begin
#: with the text typed ("Schnedl" finds "Schnedlitz")
WORD_START_SQL = r"(?:^|[^\pL\pN])"
#: the same for Python's ``re`` (no ``\pL``: a character that is no letter or digit is ``[\W_]``)
WORD_START_PY = r"(?<![^\W_])"
#: the endings a name filter lets a name's last word take in a text: genitive, plural and weak
#: forms, people of a party ("Kickls", "Grünen", "SPDler", "Grünen-Klubobfrau": the end of a word
#: or a hyphen after them); not any longer word ("Die" is no "Dieter", "Wien" no "Wiener")
NAME_ENDINGS = ("s", "es", "n", "en", "e", "ler", "lern", "lers", "lerin", "lerinnen")
_ENDINGS = "(?:" + "|".join(NAME_ENDINGS) + ")?"
#: RE2 and ``re``: the end of a word (no letter or digit just after)
WORD_END_SQL = r"(?:$|[^\pL\pN])"
WORD_END_PY = r"(?![^\W_])"


def name_pattern(name: str) -> str:
    """The RE2 pattern (for ``regexp_matches(..., 'i')``) of a name filter: the name as whole
    words, its last one with a German ending (``NAME_ENDINGS``), its words separated by any
    blanks ("Van der Bellen" finds "Alexander Van der Bellen"; "Grüne" finds "Grünen-Klubobfrau
    Leonore Gewessler", "SPD" finds "SPDler"; "Die" does not find "Dieter")."""
    words = [re.escape(w) for w in name.split()]
    return WORD_START_SQL + r"\s+".join(words) + _ENDINGS + WORD_END_SQL


def name_regex(name: str) -> re.Pattern:
    """``name_pattern`` for Python's ``re`` (case-insensitive)."""
    words = [re.escape(w) for w in name.split()]
    return re.compile(WORD_START_PY + r"\s+".join(words) + _ENDINGS + WORD_END_PY, re.IGNORECASE)


def prefix_pattern(text: str) -> str:
    """The RE2 pattern of a search for names (``stored_names``: ``actors --search``, the actor
    box, "did you mean"): words that begin with the text ("Schnedl" finds "Schnedlitz")."""
    words = [re.escape(w) for w in text.split()]
    return WORD_START_SQL + r"\s+".join(words)


def participants_sql(ref: ActorRef | None, sectors: Sequence[str] | None = None,
                     side: str | None = None) -> tuple[str, list[Any]]:
    """SQL (``?`` parameters): ``side, event_id, code`` of the participants on ``side`` (None:
    either) that are the actor ``ref`` (None: any participant) and, with ``sectors``, of one of
    them (table ``participants``); a code is the participant's, a name is a participant whose text,
    or the name of the actor it resolved to in the event's first article (of the code and sectors
    when given: "der Kanzler" -> Karl Nehammer), has it as whole words (``name_pattern``). The one
    reading of a participant filter: ``side_sql``, ``name_codes``, ``Participants``.

    The pattern is read once per statement, on the distinct strings that may have the name: the
    texts that hold each of its words (a plain search first) and the actors' names. Each pattern
    in a statement costs DuckDB 5-10 ms to compile ("\\pL" classes), more than the search."""
    conds: list[str] = []
    params: list[Any] = []
    if side is not None:
        conds.append("side = ?")
        params.append(side)
    if ref is not None and ref.code:
        conds.append("code = ?")
        params.append(ref.code)
    if sectors:
        conds.append("list_contains(?::VARCHAR[], sector)")
        params.append(list(sectors))
    own = " AND ".join(conds) or "TRUE"
    if ref is None or not ref.name:
        return f"SELECT side, event_id, code FROM participants WHERE {own}", params
    words = ref.name.lower().split()
    # each word lowered as DuckDB lowers both sides (Python lowers an "İ" otherwise)
    has_words = " AND ".join(["contains(lower(coalesce(text, '')), lower(?))"] * len(words))
    # the actors' names: each word in the lowered name first, lowered as DuckDB lowers (the
    # pattern, not Python, reads the case of an "İ")
    a_conds = ["name IS NOT NULL"] + ["contains(lower(name), lower(?))"] * len(words)
    a_params: list[Any] = list(words)
    if ref.code:
        a_conds.append("code = ?")
        a_params.append(ref.code)
    if sectors:
        a_conds.append("list_contains(?::VARCHAR[], sector)")
        a_params.append(list(sectors))
    actors = f"SELECT article_id, actor_id, name FROM actors WHERE {' AND '.join(a_conds)}"
    p_side = "" if side is None else " AND p.side = ?"
    sql = f"""
        WITH said AS (SELECT unnest(list_filter(list(DISTINCT s), lambda x: regexp_matches(x, ?, 'i'))) AS s
                      FROM (SELECT text AS s FROM participants WHERE {own} AND {has_words}
                            UNION ALL SELECT name FROM ({actors})))
        SELECT side, event_id, code FROM participants WHERE {own} AND text IN (SELECT s FROM said)
        UNION
        SELECT p.side, p.event_id, p.code FROM ({actors}) a
        JOIN events e ON e.first_article_id = a.article_id
        JOIN participants p ON p.event_id = e.event_id AND p.actor_id = a.actor_id{p_side}
        WHERE a.name IN (SELECT s FROM said)"""
    return sql, ([name_pattern(ref.name)] + params + words + a_params + params + a_params
                 + ([] if side is None else [side]))


def name_codes(con, name: str, hits: Sequence[tuple[str, int, str | None]] | None = None
               ) -> list[tuple[str | None, int]]:
    """Per code (None: none known), how many events have a participant the name matches, by its
    text or by the name of the actor it resolved to (``participants_sql``), most first: where a
    name filter's events are ("Grüne": AUT 2, DEU 1). ``con``: a DuckDB connection or cursor;
    ``hits``: those participants' ``(side, event_id, code)``, already read
    (``Participants.name_codes``)."""
    if hits is None:
        hits = con.execute(*participants_sql(ActorRef(name=name))).fetchall()
    ids = sorted({e for _, e, _ in hits})
    canonical = {r[0] for r in con.execute(
        f"SELECT event_id FROM events WHERE {CANONICAL} AND event_id IN (SELECT unnest(?::BIGINT[]))",
        [ids]).fetchall()} if ids else set()
    events: dict[str | None, set[int]] = {}
    for _, e, code in hits:
        if e in canonical:
            events.setdefault(code, set()).add(e)
    return sorted(((c, len(v)) for c, v in events.items()), key=lambda x: (-x[1], x[0] is None, x[0] or ""))


class Participants:
    """The events a participant filter picks (``participants_sql``), each filter read once, both
    sides in one statement, and kept: a ``Resolve`` for the queries of one page
    (``queries.Queries``) or of one command (``Store.timeline``). Not for a store being written."""

    def __init__(self, con):
        self.con = con
        self._hits: dict[tuple, list[tuple[str, int, str | None]]] = {}
        self._ids: dict[tuple, list[int]] = {}

    def hits(self, ref: ActorRef | None, sectors: tuple[str, ...] | None = None) -> list[tuple[str, int, str | None]]:
        """``(side, event_id, code)`` of the participants that are ``ref`` of ``sectors``."""
        key = (ref, tuple(sectors) if sectors else None)
        if key not in self._hits:
            self._hits[key] = self.con.execute(*participants_sql(ref, key[1])).fetchall()
        return self._hits[key]

    def __call__(self, side: str, ref: ActorRef | None, sectors: tuple[str, ...] | None) -> list[int]:
        """The ids of the events whose ``side`` has a participant ``ref`` of ``sectors``."""
        key = (side, ref, tuple(sectors) if sectors else None)
        if key not in self._ids:
            self._ids[key] = sorted({e for s, e, _ in self.hits(ref, key[2]) if s == side})
        return self._ids[key]

    def name_codes(self, name: str) -> list[tuple[str | None, int]]:
        """``name_codes`` of the name, from the participants read for it."""
        return name_codes(self.con, name, self.hits(ActorRef(name=name)))


def stored_names(con, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """The actors' names the articles hold that match ``text`` (``STORED_NAMES``); ``con``: a
    DuckDB connection or cursor."""
    pat = prefix_pattern(text)
    cur = con.execute(STORED_NAMES, [pat, pat, int(limit)])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def stored_name_events(con, text: str, limit: int = 100) -> list[dict[str, Any]]:
    """``stored_names`` (a row per name and code) with ``events``: how many events
    ``--actor NAME`` lists of that code (participants of the code whose text, or the name of the
    actor they resolved to, the name matches as ``side_sql`` reads it), counted in one query for
    all the names (``actors --db --search``; one query per name took 14 s on 51,100 events)."""
    hits = stored_names(con, text, limit)
    if not hits:
        return []
    names = sorted({h["name"] for h in hits if h["name"].split()})
    firsts = sorted({n.lower().split()[0] for n in names})
    # the participants whose text, or the name of the actor they resolved to, holds a name's first
    # word (one pattern of the words as they are: a plain search, not a hundred), then each name's
    # pattern on them
    parts = con.execute(f"""
        WITH named AS (SELECT article_id, actor_id FROM actors WHERE regexp_matches(lower(name), $w)),
             cand AS (SELECT event_id, side, position FROM participants
                      WHERE regexp_matches(lower(coalesce(text, '')), $w)
                      UNION
                      SELECT p.event_id, p.side, p.position FROM named a
                      JOIN events e ON e.first_article_id = a.article_id
                      JOIN participants p ON p.event_id = e.event_id AND p.actor_id = a.actor_id)
        SELECT p.event_id, p.code, coalesce(p.text, '') || ' | ' || coalesce(a.name, '') AS said
        FROM cand JOIN participants p USING (event_id, side, position)
        JOIN events e ON e.event_id = p.event_id AND e.{CANONICAL}
        LEFT JOIN actors a ON a.article_id = e.first_article_id AND a.actor_id = p.actor_id""",
        {"w": "|".join(re.escape(w) for w in firsts)}).fetchall()
    lowered = [(event_id, code, said, said.lower()) for event_id, code, said in parts]
    found: dict[tuple[str, str | None], set[int]] = {}
    for n in names:
        first = n.lower().split()[0]
        pat = name_regex(n)
        for event_id, code, said, low in lowered:
            if first in low and pat.search(said):
                found.setdefault((n, code), set()).add(event_id)
    events = {k: len(v) for k, v in found.items()}
    return [{**h, "events": events.get((h["name"], h["code"]), 0)} for h in hits]


#: a resolver of the filters that read the participants (a name, a sector): (side, ref,
#: sectors) -> the ids of the events they pick on that side, computed once and reused by every
#: query of a page (``queries.Queries.resolve``); None: no resolver, the SQL reads ``participants``
Resolve = Callable[[str, "ActorRef | None", "tuple[str, ...] | None"], list[int]]


def side_sql(side: str, ref: ActorRef | None, sectors: Sequence[str] | None = None,
             resolve: Resolve | None = None) -> tuple[str, list[Any]]:
    """SQL (``?`` parameters) over the events table: a participant on ``side`` ("source",
    "target", or "either": a participant on either side) is the actor ``ref``
    (``records.ActorRef``; None: any participant) and, with ``sectors``, of one of them
    (``participants_sql``). A code alone is the side's code list. With ``resolve``, a name filter
    is the event ids it gives (its pattern read once per page, not once per query)."""
    sides = ("source", "target") if side == "either" else (side,)
    if ref is not None and ref.name is None and not sectors:
        return "(" + " OR ".join(f"list_contains({s}_codes, ?)" for s in sides) + ")", [ref.code] * len(sides)
    if resolve is not None and ref is not None and ref.name:
        # a name's pattern once per page; a code or sector filter is a plain look at the table,
        # cheaper in each query than a list of thousands of ids
        key = tuple(sectors) if sectors else None
        return ("(" + " OR ".join(["event_id IN (SELECT unnest(?::BIGINT[]))"] * len(sides)) + ")",
                [resolve(s, ref, key) for s in sides])
    sql, params = participants_sql(ref, sectors, None if side == "either" else side)
    return f"event_id IN (SELECT event_id FROM ({sql}))", params


def actor_refs(value: str | Sequence[ActorRef] | None) -> list[ActorRef] | None:
    """An actor filter as refs: a comma list of codes (str: what the library's callers pass,
    "RUS,UKR") or refs already read (``actor_names.read_actors``); None or empty: no filter."""
    if value is None:
        return None
    refs = [ActorRef(code=c) for c in _codes(value)] if isinstance(value, str) else list(value)
    return refs or None


def actor_sql(refs: Sequence[ActorRef | None], side: str = "either",
              sectors: Sequence[str] | None = None, resolve: Resolve | None = None) -> tuple[str, list[Any]]:
    """SQL: one of the actors ``refs`` is on ``side`` ("source", "target" or "either"), each
    with ``sectors`` when given (``side_sql``); ``[None]`` with sectors: any participant of them."""
    parts: list[str] = []
    params: list[Any] = []
    for ref in refs:
        sql, p = side_sql(side, ref, sectors, resolve)
        parts.append(sql)
        params += p
    return "(" + " OR ".join(parts) + ")", params


def dyad_sql(a: ActorRef, b: ActorRef, *, directed: bool = False,
             sectors: Sequence[str] | None = None, resolve: Resolve | None = None) -> tuple[str, list[Any]]:
    """SQL: events from ``a`` to ``b`` (and from ``b`` to ``a`` unless ``directed``)."""
    def one(x: ActorRef, y: ActorRef) -> tuple[str, list[Any]]:
        s1, p1 = side_sql("source", x, sectors, resolve)
        s2, p2 = side_sql("target", y, sectors, resolve)
        return f"({s1} AND {s2})", p1 + p2
    ab, pab = one(a, b)
    if directed:
        return ab, pab
    ba, pba = one(b, a)
    return f"({ab} OR {ba})", pab + pba


def as_ref(value: str | ActorRef) -> ActorRef:
    """One side of a dyad: a ref, or a code given as text ("rus")."""
    return value if isinstance(value, ActorRef) else ActorRef(code=value.strip().upper())


def event_filter(*, actor: str | Sequence[ActorRef] | None = None,
                 source: str | Sequence[ActorRef] | None = None,
                 target: str | Sequence[ActorRef] | None = None,
                 since: str | None = None, until: str | None = None, type: str | None = None,
                 factuality: str | None = None, min_mentions: int = 1,
                 min_sources: int = 1, min_confidence: float | None = None,
                 sector: str | None = None, resolve: Resolve | None = None) -> tuple[list[str], list[Any]]:
    """SQL conditions (ANDed) and parameters for the canonical-events filters of queries and exports.
    ``actor`` (either side), ``source``, ``target``: a comma list of codes, or
    ``records.ActorRef`` (codes and names, ``actor_names.read_actors``).
    ``min_confidence``: events whose confidence is below it are left out (events without one,
    from the rule coder alone, are kept). ``sector`` (a comma list, ``parse_sectors``): the
    participants the actor filters pick are of one of these sectors; without an actor filter, some
    participant on either side is. ``resolve``: as ``side_sql``."""
    where: list[str] = ["num_mentions >= ?"]      # at least 1: the events that are ``CANONICAL``
    params: list[Any] = [max(1, int(min_mentions))]
    if min_confidence:
        where.append("(confidence IS NULL OR confidence >= ?)")
        params.append(float(min_confidence))
    if min_sources > 1:
        where.append("num_sources >= ?")
        params.append(min_sources)
    sectors = parse_sectors(sector) if sector else None
    picked = False
    for value, side in ((actor, "either"), (source, "source"), (target, "target")):
        refs = actor_refs(value)
        if refs:
            sql, p = actor_sql(refs, side, sectors, resolve)
            where.append(sql)
            params += p
            picked = True
    if sectors and not picked:
        sql, p = actor_sql([None], "either", sectors, resolve)
        where.append(sql)
        params += p
    # an event whose date overlaps the period: "im Februar" is an event since 15 February and
    # until 10 February (its first day alone left it out of the one)
    if since:
        where.append(f"({EVENT_END}) >= ?")
        params.append(date_bounds(since, option="--since")[0])
    if until:
        where.append("event_date <= ?")
        params.append(date_bounds(until, option="--until")[1])
    check_period(since, until)
    if type:
        where.append("type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(parse_types(type))
    if factuality:
        facts = parse_factualities(factuality)
        if len(facts) < len(FACTUALITIES):      # every factuality ("all") filters nothing
            where.append("factuality IN (SELECT unnest(?::VARCHAR[]))")
            params.append(facts)
    return where, params

#: an article analyzed with another confidence floor than the bound one (NULL: no floor asked,
#: never true); bound twice: ``[floor, floor]``
_OTHER_FLOOR = ("(?::DOUBLE IS NOT NULL AND (confidence_floor IS NULL "
                "OR abs(confidence_floor - ?::DOUBLE) > 1e-9))")


class Store:
    """A lagebild DuckDB store; open it with ``Store(path)`` (a context manager).

    ``read_only=True`` opens an existing store for queries (several processes may
    do so at once); otherwise the file is created when missing. ``memory_limit``
    caps DuckDB's memory (default 256MB, or $LAGEBILD_DUCKDB_MEMORY); larger work
    spills to a temporary folder next to the file. A file that is not a
    DuckDB database, a DuckDB database of another application, or a store written by
    a newer lagebild raises :class:`~lagebild.errors.StoreError` and is left untouched.
    ``create=False``: a missing file is that error too, also when writable (a command that
    works on what is stored, ``reanalyze``, creates no empty database for a mistyped path).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 memory_limit: str | None = None, create: bool = True):
        self.path = Path(path)
        self.read_only = read_only
        self.create = create and not read_only
        self.memory_limit = memory_limit or os.environ.get("LAGEBILD_DUCKDB_MEMORY") or DEFAULT_MEMORY_LIMIT
        self.con = None
        self._participants: Participants | None = None
        self.reopen()

    def reopen(self) -> None:
        """(Re)connect: checks the file again; a no-op when already open."""
        if self.con is not None:
            return
        self._check_file()
        if self.read_only and self._stored_version < SCHEMA_VERSION:
            self._upgrade_before_reading()
        try:
            self.con = duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.Error as exc:  # lock held by another process, I/O error
            raise self._open_error(exc) from exc
        try:
            # DuckDB caches up to 80% of RAM by default; a long ingest should not
            try:
                self.con.execute("SET memory_limit = ?", [str(self.memory_limit)])
            except duckdb.Error as exc:
                raise StoreError(f"DuckDB memory limit {self.memory_limit!r} ($LAGEBILD_DUCKDB_MEMORY) "
                                 f"is not a size -- use e.g. 512MB or 2GB") from exc
            if not self.read_only and not self._has_table("meta"):
                self._create_schema()
            elif not self.read_only and getattr(self, "_stored_version", SCHEMA_VERSION) < SCHEMA_VERSION:
                self._migrate(self._stored_version)
        except BaseException:
            self.close()        # no connection is left open on a store nobody holds
            raise

    def _upgrade_before_reading(self) -> None:
        """A read-only command on a file of an older schema: add the new columns first (the
        same migration a writing command does), so that every query finds them."""
        old = (f"{self.path}: written by an older lagebild (schema version {self._stored_version}, "
               f"this one reads {SCHEMA_VERSION}), and it must be upgraded (columns added) before "
               f"it can be read")
        try:
            self.con = duckdb.connect(str(self.path), read_only=False)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            if _is_lock(exc):
                raise DatabaseLocked(f"{old}; another process holds it ({first}) -- run this again, or "
                                     f"`lagebild reanalyze --db {self.path}`, when the file is free") from exc
            raise StoreError(f"{old}; it cannot be written here ({first}) -- copy it to a writable "
                             f"folder and open the copy") from exc
        try:
            self._migrate(self._stored_version)
        except duckdb.Error as exc:
            raise StoreError(f"{old}; the upgrade failed ({str(exc).splitlines()[0]}) and was rolled "
                             f"back -- the file is as it was") from exc
        finally:
            self.con.close()
            self.con = None

    @contextmanager
    def _write_transaction(self):
        """One write transaction: committed, or rolled back with a clear StoreError (disk full,
        read-only folder) instead of DuckDB's traceback."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException as exc:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            if isinstance(exc, duckdb.Error):
                raise StoreError(write_failure(self.path, exc)) from exc
            raise

    def _migrate(self, version: int) -> None:
        """Add the columns and tables of later schema versions, the tables filled from what the
        store holds (one transaction)."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            created: set[str] = set()       # with today's columns: no later column is added to them
            for v in range(version + 1, SCHEMA_VERSION + 1):
                for table, col, typ in MIGRATIONS.get(v, ()):
                    if table not in created:    # (a file that somehow has the column keeps it)
                        con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{col}" {typ}')
                for table in TABLES_ADDED.get(v, ()):
                    self._fill_added(table)
                    created.add(table)
                if v in (9, 10):
                    self._fill_first_mentions(v)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                        [str(SCHEMA_VERSION)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._stored_version = SCHEMA_VERSION

    # -- opening ---------------------------------------------------------------------
    def _open_error(self, exc: Exception) -> StoreError:
        """The error of a failed connect: :class:`~lagebild.errors.DatabaseLocked` when another
        process holds the file (a command may wait and try again), else a StoreError."""
        return (DatabaseLocked if _is_lock(exc) else StoreError)(self._open_message(exc))

    def _open_message(self, exc: Exception) -> str:
        msg = str(exc)
        if _is_lock(exc):
            # whoever holds it (DuckDB names its PID): an ingest, watch or reanalyze until it
            # ends, a server until it stops, or any other program with the file open
            return (f"{self.path}: the database is in use by another process "
                    f"({msg.splitlines()[0]}) -- try again when it is free (an ingest, watch or "
                    f"reanalyze holds the file until it ends, a `lagebild serve --watch` until it "
                    f"is stopped, a read-only `lagebild serve` while it answers requests; ingest, "
                    f"watch and reanalyze wait for it with --wait SECONDS), or use another --db "
                    f"file")
        if "different configuration" in msg:
            # DuckDB opens one file once per process: a writable Store of it is open here already
            return (f"{self.path}: this process has the database open already, for writing "
                    f"({msg.splitlines()[0]}) -- close that Store first, or read through it")
        if _not_writable(msg):
            # a command that writes (ingest, watch, reanalyze, serve --watch) on a read-only file
            # or in a read-only folder: the commands that only read still open it
            return (f"{self.path}: the file or its folder is not writable ({msg.splitlines()[0]}) -- "
                    f"this command writes to the database: make it writable, or give --db a file in "
                    f"a folder you can write to (a copy of this one); `lagebild events`, `summary`, "
                    f"`timeline`, `export` and `serve` only read it")
        return (f"{self.path}: cannot open the database ({msg.splitlines()[0]}) -- "
                f"check the file, or pass a new file name with --db")

    def _check_file(self) -> None:
        p = self.path
        self._stored_version = SCHEMA_VERSION
        if not p.exists():
            if not self.create:
                raise StoreError(f"{p}: no such database -- create one first, for example "
                                 f"`lagebild ingest examples/ --db {p}`")
            if not p.parent.exists():
                raise StoreError(f"{p}: the folder {p.parent} does not exist -- create it first")
            return
        if p.is_dir():
            raise StoreError(f"{p}: is a folder, not a database file -- pass a file name "
                             f"such as {p / 'lage.duckdb'}")
        with open(p, "rb") as fh:
            head = fh.read(16)
        if len(head) < 12 or head[8:12] != _DUCKDB_MAGIC:
            raise StoreError(f"{p}: not a DuckDB database file (the file was left untouched) "
                             f"-- pass a new file name with --db")
        # inspect read-only first so that a foreign file is never written to
        try:
            con = duckdb.connect(str(p), read_only=True)
        except duckdb.IOException as exc:
            if _is_lock(exc):
                raise self._open_error(exc) from exc
            raise StoreError(_damaged(p, exc)) from exc
        except duckdb.Error as exc:
            raise self._open_error(exc) from exc
        try:
            tables = {r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main'").fetchall()}
            if not tables:
                return  # an empty DuckDB database: ours to initialise
            if "meta" not in tables:
                raise StoreError(
                    f"{p}: a DuckDB database of another application (tables: "
                    f"{', '.join(sorted(tables)[:5])}{', ...' if len(tables) > 5 else ''}); "
                    f"lagebild did not touch it -- pass a new file name with --db")
            try:
                meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            except duckdb.IOException as exc:
                raise StoreError(_damaged(p, exc)) from exc
            except duckdb.Error as exc:
                raise StoreError(f"{p}: has a `meta` table that is not lagebild's ({exc}); "
                                 f"the file was left untouched -- use another --db file") from exc
        finally:
            con.close()
        if meta.get("app") != APP:
            raise StoreError(f"{p}: a DuckDB database of another application (meta app="
                             f"{meta.get('app')!r}); the file was left untouched -- "
                             f"pass a new file name with --db")
        try:
            version = int(meta.get("schema_version", ""))
        except ValueError:
            raise StoreError(f"{p}: lagebild store without a valid schema_version "
                             f"({meta.get('schema_version')!r}); the file was left untouched"
                             ) from None
        if version > SCHEMA_VERSION:
            raise StoreError(f"{p}: written by a newer lagebild (schema version {version}, "
                             f"this one knows {SCHEMA_VERSION}); the file was left untouched "
                             f"-- upgrade lagebild (pip install -U lagebild)")
        if version < 1:
            raise StoreError(f"{p}: schema version {version} is older than {SCHEMA_VERSION} "
                             f"and no migration exists -- re-ingest into a new file")
        self._stored_version = version

    def _has_table(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema='main' "
            "AND table_name = ?", [name]).fetchall()[0][0])

    def _create_table(self, table: str) -> None:
        ddl = ", ".join(f'"{c}" {t}' for c, t in TABLES[table])
        self.con.execute(f"CREATE TABLE {table} ({ddl})")

    def _fill_added(self, table: str) -> None:
        """A table of ``TABLES_ADDED`` in a store of an older schema: created (anew, if a file
        somehow has it), and filled from what the store holds: ``participants`` from the events'
        JSON (``participant_rows``)."""
        self.con.execute(f"DROP TABLE IF EXISTS {table}")
        self._create_table(table)
        if table == "participants":
            self._add_participants()

    def _fill_first_mentions(self, version: int) -> None:
        """The mentions of a store of an older schema version than ``version`` (9: the sides, 10:
        the other fields) as their articles tell the event: an event is its first article's, so
        that article's mentions get the event's (its copies' and other articles' stay unknown,
        NULL, until their article is analyzed again)."""
        if version == 9:
            sets = "source_json = coalesce(e.source_json, '[]'), target_json = coalesce(e.target_json, '[]')"
        else:
            cols = (*FIRST_ARTICLE_FIELDS, *FIRST_ARTICLE_DATE)
            pairs = ", ".join(f"'{c}', e.{c}" for c in cols)
            sets = f"fields_json = json_object({pairs})::VARCHAR"
        self.con.execute(f"""
            UPDATE event_mentions SET {sets}
            FROM events e
            WHERE event_mentions.event_id = e.event_id AND event_mentions.article_id = e.first_article_id
              AND NOT event_mentions.is_duplicate""")
        if version == 10:
            self._first_mention_dates()

    def _first_mention_dates(self) -> None:
        """``_fill_first_mentions``' dates: where the event's date is another article's (that one gave a
        date of its own, the first article another or none), the first article's mention gets its own
        (``FIRST_ARTICLE_DATE``: the date it gives, else its article date, or none; its wording is not
        known), not the other article's (a review). Mentions stored without ``date_own`` (before schema
        version 6) keep the event's."""
        from .merge import date_columns
        from .records import UNDATED_WITHOUT_TIMEX
        rows = self.con.execute("""
            SELECT m.mention_id, m.fields_json, m.date_value, m.date_own, a.dct, e.factuality
            FROM event_mentions m
            JOIN events e ON m.event_id = e.event_id AND m.article_id = e.first_article_id
            JOIN articles a ON a.article_id = m.article_id
            WHERE NOT m.is_duplicate AND m.fields_json IS NOT NULL AND m.date_own IS NOT NULL
              AND NOT ((m.date_own AND m.date_value IS NOT DISTINCT FROM e.date_value)
                       OR (NOT m.date_own AND coalesce(e.date_from_dct, false))
                       OR (e.date_value IS NULL AND e.event_date IS NULL))""").fetchall()
        updates = []
        for mention_id, fields, value, own, dct, factuality in rows:
            day, prec, month = date_columns(value)
            if day is None and not own and dct and factuality not in UNDATED_WITHOUT_TIMEX:
                day, prec, month = date_columns(dct)
            from_dct = not own and day is not None
            f = json.loads(fields)
            f.update({"date_text": None, "date_value": value, "date_from_dct": from_dct,
                      "event_date": day.isoformat() if day else None, "date_precision": prec, "month": month})
            updates.append([json.dumps(f, ensure_ascii=False), mention_id])
        if updates:
            self.con.executemany("UPDATE event_mentions SET fields_json = ? WHERE mention_id = ?", updates)

    def _create_schema(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for table in TABLES:
            self._create_table(table)
        self.con.executemany("INSERT INTO meta VALUES (?, ?)", [
            ["app", APP], ["schema_version", str(SCHEMA_VERSION)],
            ["created", utcnow().isoformat(timespec="seconds")]])
        self.con.execute("COMMIT")

    def close(self) -> None:
        self._participants = None
        if getattr(self, "con", None) is not None:
            self.con.close()
            self.con = None

    def participants(self) -> Participants:
        """The participant filters (names, sectors) read on this store (``Participants``): kept
        while it is open read-only (no process can write to the file then: a command's name
        note, its list and its timeline read a name once), new for every call on a store open
        for writing."""
        if not self.read_only:
            return Participants(self.con)
        if self._participants is None:
            self._participants = Participants(self.con)
        return self._participants

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- bookkeeping used by the writer ------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def known_hashes(self) -> set[str]:
        """Content hashes of all stored articles (to skip them before analysis)."""
        return self._column_set("content_hash")

    def known_doc_ids(self) -> set[str]:
        """The input ids of all stored articles (an id is one article: another text under a stored
        id is refused, as within one run)."""
        return self._column_set("doc_id")

    def _column_set(self, column: str) -> set[str]:
        rel = self.con.execute(f"SELECT {column} FROM articles WHERE {column} IS NOT NULL")
        out: set[str] = set()
        while True:
            chunk = rel.fetchmany(100_000)
            if not chunk:
                return out
            out.update(r[0] for r in chunk)

    def url_version(self, url: str) -> tuple[int, int | None, str | None, str] | None:
        """The stored article with this URL as ``(article_id, near_duplicate_of, updated,
        content_hash)`` (the latest stored one, if several), or None."""
        rows = self.con.execute("SELECT article_id, near_duplicate_of, updated, content_hash FROM articles "
                                "WHERE url = ? ORDER BY article_id DESC LIMIT 1", [url]).fetchall()
        if not rows:
            return None
        aid, dup_of, updated, h = rows[0]
        return int(aid), (None if dup_of is None else int(dup_of)), updated, h

    def url_text_chars(self, url: str) -> int | None:
        """The length of the stored text with this URL (the latest stored one, if several), or
        None."""
        rows = self.con.execute("SELECT n_chars FROM articles WHERE url = ? "
                                "ORDER BY article_id DESC LIMIT 1", [url]).fetchall()
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def known_file_origins(self) -> set[str]:
        """The origins (file paths) of the stored articles without a URL (``origin_version``)."""
        return {r[0] for r in self.con.execute(
            "SELECT DISTINCT origin FROM articles WHERE url IS NULL AND origin IS NOT NULL").fetchall()}

    def origin_version(self, origin: str) -> tuple[int, int | None, str | None, str] | None:
        """The stored article read from the file ``origin`` (a one-article file, no URL) as
        ``(article_id, near_duplicate_of, updated, content_hash)`` (the latest, if several), or None."""
        rows = self.con.execute("SELECT article_id, near_duplicate_of, updated, content_hash FROM articles "
                                "WHERE origin = ? AND url IS NULL ORDER BY article_id DESC LIMIT 1",
                                [origin]).fetchall()
        if not rows:
            return None
        aid, dup_of, updated, h = rows[0]
        return int(aid), (None if dup_of is None else int(dup_of)), updated, h

    def date_undated(self, content_hash: str, dct: str, replace: bool = False) -> bool:
        """Give the stored article of this text the date ``dct`` if it has none (the user gave one
        on a later run), or, with ``replace`` (``--dct-override``), if it has another, and mark it
        for re-analysis (``reanalyze`` then dates its events); whether its date changed."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        which = "dct IS DISTINCT FROM ?" if replace else "dct IS NULL"
        rows = self.con.execute("UPDATE articles SET dct = ?, analyzer_version = NULL WHERE content_hash = ? "
                                f"AND {which} RETURNING article_id",
                                [dct, content_hash] + ([dct] if replace else [])).fetchall()
        return bool(rows)

    def note_updated(self, url: str, updated: str, content_hash: str | None = None) -> None:
        """Record that the feed item at ``url`` changed at ``updated`` (its new version had the
        stored text: ``content_hash``, when given, must be the text stored at that URL), so that
        the next poll does not fetch it again."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        same = " AND content_hash = ?" if content_hash is not None else ""
        self.con.execute("UPDATE articles SET updated = ? WHERE url = ? AND "
                         f"(updated IS NULL OR updated < ?){same}",
                         [updated, url, updated] + ([content_hash] if content_hash is not None else []))

    def has_url(self, url: str) -> bool:
        """Whether an article with this URL is stored (feed items already fetched)."""
        return bool(self.con.execute("SELECT count(*) FROM (SELECT 1 FROM articles WHERE "
                                     "url = ? LIMIT 1)", [url]).fetchall()[0][0])

    def article_event_keys(self, article_id: int) -> list[tuple[str, int]]:
        """(merge key, event id) of the events an article tells, in the order it tells them."""
        rows = self.con.execute(
            "SELECT e.merge_key, m.event_id FROM event_mentions m JOIN events e "
            "USING (event_id) WHERE m.article_id = ? GROUP BY ALL ORDER BY min(m.mention_id)",
            [article_id]).fetchall()
        return [(k, int(e)) for k, e in rows]

    def has_doc_id(self, doc_id: str) -> bool:
        """Whether an article with this input id is stored (a feed item without a link)."""
        return bool(self.con.execute("SELECT count(*) FROM (SELECT 1 FROM articles WHERE "
                                     "doc_id = ? LIMIT 1)", [doc_id]).fetchall()[0][0])

    def max_id(self, table: str, column: str) -> int:
        return int(self.con.execute(f"SELECT coalesce(max({column}), 0) FROM {table}")
                   .fetchall()[0][0])

    def event_counts(self, up_to_id: int) -> tuple[int, int]:
        """(events, of them those with an id up to ``up_to_id``): what a run that started when
        ``up_to_id`` was the highest id kept, and what it added (``reanalyze``'s summary)."""
        row = self.con.execute(f"SELECT count(*), count(*) FILTER (WHERE event_id <= ?) FROM events "
                               f"WHERE {CANONICAL}", [up_to_id]).fetchall()[0]
        return int(row[0]), int(row[1])

    def iter_minhashes(self, batch: int = 20_000, last: int | None = None):
        """(article_id, signature bytes, near_duplicate_of) of the stored articles (the
        ``last`` most recent ones only, if given), oldest first."""
        since = 0
        if last is not None:
            since = self.max_id("articles", "article_id") - last
        rel = self.con.execute(
            "SELECT m.article_id, m.signature, a.near_duplicate_of FROM article_minhash m "
            "JOIN articles a USING (article_id) WHERE m.article_id > ? "
            "ORDER BY m.article_id", [since])
        while True:
            chunk = rel.fetchmany(batch)
            if not chunk:
                return
            yield from chunk

    def merge_candidates(self, keys: Iterable[str]) -> pd.DataFrame:
        """Stored events whose merge key is one of ``keys`` (for cross-article merging)."""
        keys = sorted(set(keys))
        cols = ("event_id, merge_key, event_date, date_precision, month, location_text, "
                "location_code, num_mentions, date_value, date_from_dct, source_json, target_json")
        if not keys:
            return pd.DataFrame(columns=[c.strip() for c in cols.split(",")] + ["anchor_dct"])
        k = pa.table({"merge_key": pa.array(keys, pa.string())})
        self.con.register("_keys", k)
        try:
            # anchor_dct: the date of the article that first told the event (an undated event --
            # hypothetical, or negated without a date of its own -- merges within its news cycle)
            return self.con.execute(
                f"SELECT {', '.join('e.' + c.strip() for c in cols.split(','))}, a.dct AS anchor_dct "
                f"FROM events e LEFT JOIN articles a ON a.article_id = e.first_article_id "
                f"WHERE e.merge_key IN (SELECT merge_key FROM _keys)"
            ).df()
        finally:
            self._unregister("_keys")

    def write_batch(self, *, articles: list[dict], minhashes: list[dict], actors: list[dict],
                    quotes: list[dict], new_events: list[dict], mentions: list[dict],
                    touched_events: Iterable[int], article_updates: list[dict] | None = None,
                    copy_links: list[dict] | None = None) -> None:
        """Write one batch in one transaction: all of it is stored, or none of it.

        ``touched_events`` are the ids of events (new or existing) that got mentions
        in this batch; their counts are recomputed from ``event_mentions``.
        ``article_updates`` (re-analysis): rows of ``article_id``, ``n_events``,
        ``warnings``, ``analyzer_version`` of stored articles whose mentions, actors and
        quotes are replaced by the ones given; events left without mentions are deleted. A row
        that also has ``text`` (with ``content_hash``, ``title``, ``dct``, ``updated``,
        ``batch_id``, ``ingested_at``, ``near_duplicate_of``, ``near_duplicate_score``) is a new
        version of a feed item: the article's text, its near-duplicate link and its MinHash
        (given in ``minhashes``) are replaced too.
        ``copy_links``: the copies of such a replaced item (stored, or written by this batch: they
        are applied last), each relinked to what its own text is a near-duplicate of now
        (``Ingester._relink_copies``): rows of ``article_id``,
        ``near_duplicate_of`` (None: an original now), ``near_duplicate_score`` and ``events``,
        ``(event_id, new event_id, is_duplicate)`` for each event the copy mentions: a mention
        of an event its original tells is a duplicate of that event, any other is the copy's own
        and counts (no event is left that only a copy's duplicate mentions keep).
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        touched = set(touched_events)
        con = self.con
        with self._write_transaction():
            if article_updates:
                touched |= self._drop_analysis([u["article_id"] for u in article_updates])
                for u in article_updates:
                    con.execute("UPDATE articles SET n_events = ?, warnings = ?, "
                                "analyzer_version = ?, below_floor = ?, confidence_floor = ? "
                                "WHERE article_id = ?",
                                [u["n_events"], u["warnings"], u["analyzer_version"],
                                 u.get("below_floor"), u.get("confidence_floor"), u["article_id"]])
                    if "text" in u:     # a new version of a feed item: its text replaces the old
                        con.execute("UPDATE articles SET content_hash = ?, text = ?, n_chars = ?, "
                                    "title = ?, dct = ?, updated = ?, batch_id = ?, ingested_at = ?, "
                                    "near_duplicate_of = ?, near_duplicate_score = ? "
                                    "WHERE article_id = ?",
                                    [u["content_hash"], u["text"], len(u["text"]), u["title"],
                                     u["dct"], u["updated"], u["batch_id"], u["ingested_at"],
                                     u.get("near_duplicate_of"), u.get("near_duplicate_score"),
                                     u["article_id"]])
                        con.execute("DELETE FROM article_minhash WHERE article_id = ?",
                                    [u["article_id"]])
            for table, rows in (("articles", articles), ("article_minhash", minhashes),
                                ("actors", actors), ("quotes", quotes),
                                ("events", new_events), ("event_mentions", mentions)):
                if rows:
                    self._insert(table, rows)
            if new_events:
                self._add_participants([e["event_id"] for e in new_events])
            if copy_links:
                touched |= self._relink_copies(copy_links)
            if touched:
                self._recount(sorted(touched))
                if article_updates:
                    self._drop_empty_events(sorted(touched))

    def copies_of(self, article_id: int) -> list[tuple[int, bytes]]:
        """(article_id, MinHash signature) of the stored near-duplicate copies of an article,
        oldest first."""
        return [(int(a), bytes(sig)) for a, sig in self.con.execute(
            "SELECT a.article_id, m.signature FROM articles a JOIN article_minhash m USING (article_id) "
            "WHERE a.near_duplicate_of = ? ORDER BY a.article_id", [article_id]).fetchall()]

    def _relink_copies(self, links: list[dict]) -> set[int]:
        """Apply ``write_batch``'s ``copy_links``; returns the ids of the events whose mentions
        changed (old and new)."""
        rows = [(c["article_id"], old, new, dup) for c in links for old, new, dup in c["events"]]
        for c in links:
            self.con.execute("UPDATE articles SET near_duplicate_of = ?, near_duplicate_score = ? "
                             "WHERE article_id = ?",
                             [c["near_duplicate_of"], c["near_duplicate_score"], c["article_id"]])
        if not rows:
            return set()
        tab = pa.table({"article_id": pa.array([r[0] for r in rows], pa.int64()),
                        "old_id": pa.array([r[1] for r in rows], pa.int64()),
                        "new_id": pa.array([r[2] for r in rows], pa.int64()),
                        "dup": pa.array([r[3] for r in rows], pa.bool_())})
        self.con.register("_relinked", tab)
        try:
            # one statement, joined on the old ids: two events of a copy may swap
            self.con.execute("""
                UPDATE event_mentions SET event_id = r.new_id, is_duplicate = r.dup
                FROM _relinked r
                WHERE event_mentions.article_id = r.article_id AND event_mentions.event_id = r.old_id""")
        finally:
            self._unregister("_relinked")
        return {r[1] for r in rows} | {r[2] for r in rows}

    def _unregister(self, name: str) -> None:
        """Drop a registered Arrow view; after a failed statement DuckDB has aborted the
        transaction and refuses this too: that second error must not hide the first one."""
        with suppress(duckdb.Error):
            self.con.unregister(name)

    def _insert(self, table: str, rows: list[dict]) -> None:
        tab = rows_to_arrow(table, rows)
        name = f"_new_{table}"
        self.con.register(name, tab)
        try:
            cols = ", ".join(f'"{c}"' for c in tab.schema.names)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self._unregister(name)

    def _add_participants(self, event_ids: Sequence[int] | None = None, where: str | None = None) -> None:
        """Write the ``participants`` rows of the events ``event_ids`` (or of those under the
        condition ``where``; neither: of every event) from their JSON (``participant_rows``), in
        the transaction that wrote them."""
        params: dict[str, Any] = {}
        if event_ids is not None:
            where = "event_id IN (SELECT unnest($ids::BIGINT[]))"
            params = {"ids": list(event_ids)}
        self.con.execute(f"INSERT INTO participants {participant_rows(where or 'TRUE')}", params)

    def _drop_analysis(self, article_ids: list[int]) -> set[int]:
        """Delete the mentions, actors and quotes of these articles; returns the ids of
        the events that had mentions in them."""
        ids = pa.table({"article_id": pa.array(article_ids, pa.int64())})
        self.con.register("_redo", ids)
        try:
            events = {int(r[0]) for r in self.con.execute(
                "SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN "
                "(SELECT article_id FROM _redo)").fetchall()}
            for table in ("event_mentions", "actors", "quotes"):
                self.con.execute(f"DELETE FROM {table} WHERE article_id IN "
                                 f"(SELECT article_id FROM _redo)")
        finally:
            self._unregister("_redo")
        return events

    def _drop_empty_events(self, event_ids: list[int]) -> None:
        ids = pa.table({"event_id": pa.array(event_ids, pa.int64())})
        self.con.register("_maybe_empty", ids)
        try:
            self.con.execute("""
                DELETE FROM events WHERE event_id IN (SELECT event_id FROM _maybe_empty)
                  AND event_id NOT IN (SELECT event_id FROM event_mentions)""")
            self.con.execute("""
                DELETE FROM participants WHERE event_id IN (SELECT event_id FROM _maybe_empty)
                  AND event_id NOT IN (SELECT event_id FROM events)""")
            self.con.execute("""
                UPDATE events SET num_mentions = 0, num_articles = 0, num_sources = 0
                WHERE event_id IN (SELECT event_id FROM _maybe_empty) AND event_id NOT IN
                  (SELECT event_id FROM event_mentions WHERE NOT is_duplicate)""")
        finally:
            self._unregister("_maybe_empty")

    def assign_country(self, country: str, source: str | None = None) -> int:
        """Give stored articles without a country of their own (of outlet ``source`` if given)
        the country their outlet reports from (``Article.country``), and mark them for
        re-analysis (their analyzer version is cleared, so ``articles_to_reanalyze`` returns
        them until they are redone). An article that already has a country keeps it. Returns
        how many articles were marked."""
        where = "country IS NULL" + (" AND source = ?" if source is not None else "")
        params: list[Any] = [source] if source is not None else []
        n = self.con.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
        if n:
            self.con.execute(f"UPDATE articles SET country = ?, analyzer_version = NULL WHERE {where}",
                             [country, *params])
        return int(n)

    def article_sources(self) -> list[tuple[str | None, int]]:
        """Each outlet name (``articles.source``) with its number of articles."""
        return [(s, int(n)) for s, n in self.con.execute(
            "SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC, source").fetchall()]

    def mark_near_duplicates_for_reanalysis(self, version: str, floor: float | None = None) -> int:
        """Mark for re-analysis every near-duplicate of an article that will be re-analyzed
        (its mentions point at the events of its original, which the re-analysis replaces),
        also along chains of copies; returns how many were marked. A near-duplicate has a
        higher id than its original, so it is redone after it. ``version``, ``floor``: as
        ``articles_to_reanalyze``."""
        total = 0
        stale = "(analyzer_version IS DISTINCT FROM ? OR " + _OTHER_FLOOR + ")"
        params = [version, floor, floor]
        while True:
            n = self.con.execute(
                f"SELECT count(*) FROM articles WHERE NOT {stale} AND "
                f"near_duplicate_of IN (SELECT article_id FROM articles WHERE {stale})",
                params + params).fetchone()[0]
            if not n:
                return total
            self.con.execute(
                f"UPDATE articles SET analyzer_version = NULL WHERE NOT {stale} AND "
                f"near_duplicate_of IN (SELECT article_id FROM articles WHERE {stale})", params + params)
            total += int(n)

    def articles_to_reanalyze(self, version: str, limit: int,
                              exclude: Iterable[int] = (), floor: float | None = None) -> list[dict[str, Any]]:
        """The next ``limit`` articles whose analyzer version is not ``version`` or, with a
        ``floor`` (``reanalyze --min-confidence``), that were analyzed with another confidence
        floor (``articles.confidence_floor``; unknown before schema 7): the article page's
        advice for events below the floor, ``reanalyze --min-confidence 0``, redoes them."""
        excl = sorted(set(exclude))
        sql = ("SELECT article_id, doc_id, content_hash, source, url, dct, title, origin, "
               "text, near_duplicate_of, country FROM articles WHERE (analyzer_version IS DISTINCT "
               "FROM ? OR " + _OTHER_FLOOR + ") ")
        params: list[Any] = [version, floor, floor]
        if excl:
            sql += "AND NOT list_contains(?::BIGINT[], article_id) "
            params.append(excl)
        sql += f"ORDER BY article_id LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def _recount(self, event_ids: list[int]) -> None:
        ids = pa.table({"event_id": pa.array(event_ids, pa.int64())})
        self.con.register("_touched", ids)
        try:
            self.con.execute("""
                UPDATE events SET num_mentions = s.m, num_articles = s.a, num_sources = s.s,
                                  confidence = s.c, updated_at = ?
                FROM (SELECT event_id, count(*) AS m, count(DISTINCT article_id) AS a,
                             count(DISTINCT coalesce(source, '?')) AS s, max(confidence) AS c
                      FROM event_mentions
                      WHERE NOT is_duplicate AND event_id IN (SELECT event_id FROM _touched)
                      GROUP BY event_id) AS s
                WHERE events.event_id = s.event_id""", [utcnow()])
            self._refresh_from_mentions()
        finally:
            self._unregister("_touched")

    def _refresh_first_article(self, moved: Sequence[int]) -> None:
        """The touched events (``_touched``) as their first article now tells them: the one place
        that makes an event its first article's. From the earliest mention of the event in that
        article (not a copy's): the sides (``source_json``/``target_json``, and the first coded
        participant of each side: ``source_code``, ``source_sector``, ``source_text``, ...) and
        the other fields (``FIRST_ARTICLE_FIELDS``); where no article gives a date of its own, the
        first article's date (``FIRST_ARTICLE_DATE``: its article date, or none); ``date_text`` its
        wording where it names the event's date, else none (the date is another article's).

        So a re-analysed first article gives its event what the new analysis reads (sides, texts,
        actor ids, ``named_elsewhere``, cue, mode, ...), also where its event merges into the one
        stored before; an event whose first article is another now (``moved``: the first article
        re-analysed or corrected no longer tells it) takes that article's, whose actors its actor
        ids name. The ``participants`` rows of every event whose sides change are written anew.
        A first article whose mentions were stored without them (sides before schema version 9,
        fields before 10) leaves the event its own; where it is a new first article, the sides'
        actor ids, which name the actors of another article, are cleared."""
        con = self.con
        first = "m.article_id = e.first_article_id"
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _first AS
            SELECT m.event_id,
                   arg_min(m.source_json, m.mention_id) FILTER (WHERE {first} AND m.source_json IS NOT NULL
                                                                  AND m.target_json IS NOT NULL) AS s,
                   arg_min(m.target_json, m.mention_id) FILTER (WHERE {first} AND m.source_json IS NOT NULL
                                                                  AND m.target_json IS NOT NULL) AS t,
                   arg_min(m.fields_json, m.mention_id) FILTER (WHERE {first} AND m.fields_json IS NOT NULL) AS j,
                   -- no article gives a date of its own (and every mention says whether it does)
                   NOT coalesce(bool_or(m.date_own AND m.date_value IS NOT NULL), false)
                       AND bool_and(m.date_own IS NOT NULL) AS undated
            -- the touched events' mentions and first articles, each filtered before the join:
            -- joined first, DuckDB reads every event and more of the mentions (on 4 million
            -- mentions, 100 touched events anywhere: 250-500 ms a batch, filtered ~150 ms)
            FROM (SELECT * FROM event_mentions
                  WHERE NOT is_duplicate AND event_id IN (SELECT event_id FROM _touched)) m
            JOIN (SELECT event_id, first_article_id FROM events
                  WHERE event_id IN (SELECT event_id FROM _touched)) e ON e.event_id = m.event_id
            GROUP BY m.event_id""")
        try:
            changed = self._refresh_first_sides(moved)
            new = {c: _field_sql("f.j", c, t) for c, t in FIRST_ARTICLE_FIELDS.items()}
            new |= {c: f"CASE WHEN f.undated THEN {_field_sql('f.j', c, t)} ELSE events.{c} END"
                    for c, t in FIRST_ARTICLE_DATE.items() if c != "date_text"}
            self._update_changed(new)
            # after the date: the first article's wording of it, where it names the event's date
            self._update_changed({"date_text": f"""
                CASE WHEN {_field_sql('f.j', 'date_value', 'VARCHAR')} IS NOT DISTINCT FROM events.date_value
                     THEN {_field_sql('f.j', 'date_text', 'VARCHAR')} END"""})
        finally:
            # after a failed statement DuckDB refuses this too: that error must not hide the first
            with suppress(duckdb.Error):
                con.execute("DROP TABLE IF EXISTS _first")
        if changed:
            ids = sorted(changed)
            con.execute("DELETE FROM participants WHERE event_id IN (SELECT unnest($ids::BIGINT[]))",
                        {"ids": ids})
            self._add_participants(ids)

    def _update_changed(self, new: dict[str, str]) -> None:
        """``_refresh_first_article``: set the columns of ``new`` (column -> SQL on ``events`` and
        ``_first f``) of the events whose first article's fields are known, where one differs
        (the rows of events that stay as they are are not written again)."""
        sets = ", ".join(f"{c} = {sql}" for c, sql in new.items())
        differs = " OR ".join(f"events.{c} IS DISTINCT FROM ({sql})" for c, sql in new.items())
        self.con.execute(f"""
            UPDATE events SET {sets}
            FROM _first f WHERE events.event_id = f.event_id AND f.j IS NOT NULL AND ({differs})""")

    def _refresh_first_sides(self, moved: Sequence[int]) -> set[int]:
        """``_refresh_first_article``'s sides (from ``_first``); returns the ids of the events
        whose sides changed."""
        def first(side: str, field: str) -> str:
            # the first participant with a code (``ingest._first``: a non-empty one), else the first
            ps = f"json_extract(coalesce(NULLIF(f.{side}, '[]'), '[]')::JSON, '$[*]')"
            p = (f"coalesce([x FOR x IN {ps} IF coalesce(json_extract_string(x, '$.code'), '') <> ''][1], "
                 f"{ps}[1])")
            return f"json_extract_string({p}, '$.{field}')"
        firsts = ", ".join(f"{side}_{field} = {first(col, field)}"
                           for side, col in (("source", "s"), ("target", "t"))
                           for field in ("code", "sector", "text"))
        changed = {int(r[0]) for r in self.con.execute(f"""
            UPDATE events SET source_json = NULLIF(f.s, '[]'), target_json = NULLIF(f.t, '[]'), {firsts}
            FROM _first f
            WHERE events.event_id = f.event_id AND f.s IS NOT NULL
              AND (events.source_json IS DISTINCT FROM NULLIF(f.s, '[]')
                   OR events.target_json IS DISTINCT FROM NULLIF(f.t, '[]'))
            RETURNING events.event_id""").fetchall()}
        unknown = self.con.execute("""
            SELECT e.event_id, e.source_json, e.target_json FROM events e JOIN _first f USING (event_id)
            WHERE f.s IS NULL AND e.event_id IN (SELECT unnest($moved::BIGINT[]))""",
            {"moved": list(moved)}).fetchall() if moved else []
        for eid, *sides in unknown:
            parts = [json.loads(x) if x else [] for x in sides]
            if not any(p.get("actor") is not None for side in parts for p in side):
                continue
            for side in parts:
                for p in side:
                    p["actor"] = None
            self.con.execute("UPDATE events SET source_json = ?, target_json = ? WHERE event_id = ?",
                             [to_json(parts[0]) if parts[0] else None,
                              to_json(parts[1]) if parts[1] else None, eid])
            changed.add(int(eid))
        return changed

    def _refresh_places(self) -> None:
        """The touched events' place as their articles now tell it: the place of the earliest
        mention (not a copy's) that names one; none when no mention names one. Mentions stored
        before schema version 6 keep no place: an event told only by such keeps its own."""
        self.con.execute("""
            UPDATE events SET location_text = s.t, location_code = s.c
            FROM (SELECT event_id,
                         -- (article, mention) in that order: a number article_id * 1000000 +
                         -- mention_id put a later article first once mention ids passed a million
                         arg_min(location_text, (article_id, mention_id))
                             FILTER (WHERE location_text IS NOT NULL OR location_code IS NOT NULL) AS t,
                         arg_min(location_code, (article_id, mention_id))
                             FILTER (WHERE location_text IS NOT NULL OR location_code IS NOT NULL) AS c,
                         bool_and(date_own IS NOT NULL) AS all_new
                  FROM event_mentions
                  WHERE NOT is_duplicate AND event_id IN (SELECT event_id FROM _touched)
                  GROUP BY event_id) AS s
            WHERE events.event_id = s.event_id AND s.all_new
              AND (events.location_text IS DISTINCT FROM s.t OR events.location_code IS DISTINCT FROM s.c)""")

    def _refresh_from_mentions(self) -> None:
        """The touched events (``_touched``) as their articles now tell them: the first article is
        the earliest that still mentions the event (not a copy), and the date the most precise
        date of its own any of them gives (``merge.PRECISION_ORDER``; "im Februar" in the first
        report, "am 24. Februar" in the next). An event no mention gives a date of its own keeps
        the first article's (its article date: ``_refresh_first_article``). The wording of that
        date is another article's: ``date_text`` is left empty where the value changes (unless the
        first article gives it). The place: ``_refresh_places``; the sides and the other fields
        (``FIRST_ARTICLE_FIELDS``): ``_refresh_first_article``."""
        from .merge import PRECISION_ORDER, date_columns
        moved = [int(r[0]) for r in self.con.execute("""
            UPDATE events SET first_article_id = s.a
            FROM (SELECT event_id, min(article_id) AS a FROM event_mentions
                  WHERE NOT is_duplicate AND event_id IN (SELECT event_id FROM _touched)
                  GROUP BY event_id) AS s
            WHERE events.event_id = s.event_id AND events.first_article_id IS DISTINCT FROM s.a
            RETURNING events.event_id""").fetchall()]
        rows = self.con.execute("""
            SELECT m.event_id, m.date_value, e.date_value, e.date_from_dct
            FROM event_mentions m JOIN events e USING (event_id)
            WHERE NOT m.is_duplicate AND m.date_own AND m.date_value IS NOT NULL
              AND m.event_id IN (SELECT event_id FROM _touched)
            ORDER BY m.event_id, m.mention_id""").fetchall()
        best: dict[int, tuple[int, str]] = {}
        current: dict[int, tuple[str | None, bool | None]] = {}
        for eid, value, ev_value, ev_from_dct in rows:
            prec = date_columns(value)[1]
            if prec is None:
                continue
            current[eid] = (ev_value, ev_from_dct)
            rank = PRECISION_ORDER.index(prec)
            if eid not in best or rank < best[eid][0]:
                best[eid] = (rank, value)
        updates = []
        for eid, (_, value) in best.items():
            ev_value, ev_from_dct = current[eid]
            if value == ev_value and not ev_from_dct:
                continue
            day, prec, month = date_columns(value)
            updates.append({"event_id": eid, "date_value": value, "event_date": day,
                            "date_precision": prec, "month": month})
        self._refresh_places()
        if updates:
            self._refresh_dates(updates)
        self._refresh_first_article(moved)

    def _refresh_dates(self, updates: list[dict[str, Any]]) -> None:
        """``_refresh_from_mentions``' new dates: each a date of its own an article gives."""
        tab = pa.table({"event_id": pa.array([u["event_id"] for u in updates], pa.int64()),
                        "date_value": pa.array([u["date_value"] for u in updates], pa.string()),
                        "event_date": pa.array([u["event_date"] for u in updates], pa.date32()),
                        "date_precision": pa.array([u["date_precision"] for u in updates], pa.string()),
                        "month": pa.array([u["month"] for u in updates], pa.string())})
        self.con.register("_dates", tab)
        try:
            self.con.execute("""
                UPDATE events SET date_value = d.date_value, event_date = d.event_date,
                                  date_precision = d.date_precision, month = d.month,
                                  date_from_dct = false, date_text = NULL
                FROM _dates d WHERE events.event_id = d.event_id""")
        finally:
            self._unregister("_dates")

    # -- benchmarks --------------------------------------------------------------------
    def replicate_events(self, copies: int, shift_days: int = 7) -> int:
        """For benchmarks only: add ``copies`` varied copies of every event and its mentions.

        Copy ``k`` gets new ids, its dates moved ``k * shift_days`` days into the past, and
        (odd ``k``) source and target swapped, so that a database of real events grows into
        a large one with a realistic spread of dyads and days (mentions keep pointing at the
        real articles). Returns the number of events afterwards. Never use on real data.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        con = self.con
        max_ev = self.max_id("events", "event_id")
        max_m = self.max_id("event_mentions", "mention_id")
        swap = ("source_code, source_sector, source_text, source_codes, source_json, "
                "target_code, target_sector, target_text, target_codes, target_json")
        swapped = ("target_code, target_sector, target_text, target_codes, target_json, "
                   "source_code, source_sector, source_text, source_codes, source_json")
        cols = [c for c, _ in TABLES["events"]]
        con.execute("BEGIN TRANSACTION")
        try:
            for k in range(1, copies + 1):
                sides = swapped if k % 2 else swap
                rest = [c for c in cols if c not in swap.replace(" ", "").split(",")]
                sel = ", ".join(
                    "event_id + $off AS event_id" if c == "event_id" else
                    "merge_key || '#copy' || $k AS merge_key" if c == "merge_key" else
                    "CAST(event_date - $shift AS DATE) AS event_date" if c == "event_date" else
                    "strftime(CAST(event_date - $shift AS DATE), '%Y-%m') AS month"
                    if c == "month" else f'"{c}"' for c in rest)
                con.execute(f"""
                    INSERT INTO events ({", ".join(f'"{c}"' for c in rest)}, {swap})
                    SELECT {sel}, {sides} FROM events WHERE event_id <= $max""",
                    {"off": k * max_ev, "k": str(k), "shift": k * shift_days, "max": max_ev})
                # the mentions' sides swapped as their copy's are (the copy's first article's); their
                # other fields unknown (the copy's dates are moved): the copy keeps its own
                mention_sides = (", target_json AS source_json, source_json AS target_json" if k % 2 else "")
                mention_sides += ", NULL AS fields_json"
                con.execute(f"""
                    INSERT INTO event_mentions
                    SELECT * REPLACE (mention_id + $moff AS mention_id, event_id + $off AS event_id{mention_sides})
                    FROM event_mentions WHERE mention_id <= $max""",
                    {"moff": k * max_m, "off": k * max_ev, "max": max_m})
            self._add_participants(where=f"event_id > {int(max_ev)}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])

    # -- feeds -------------------------------------------------------------------------
    def feed_state(self, url: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT url, etag, modified, last_fetch, last_status, "
                               "articles_seen, last_warning FROM feeds WHERE url = ?",
                               [url]).fetchall()
        if not row:
            return None
        row = row[0]
        return dict(zip(("url", "etag", "modified", "last_fetch", "last_status",
                         "articles_seen", "last_warning"), row))

    def save_feed_state(self, url: str, *, etag: str | None, modified: str | None,
                        status: int | None, new_articles: int = 0,
                        warning: str | None = None) -> None:
        """The feed's state after a poll. A 304 (nothing changed) keeps the last warning: the
        feed it was about is still the same (a malformed feed is not healthy on its second poll)."""
        con = self.con
        with self._write_transaction():
            old = _first_row(con.execute("SELECT articles_seen, last_warning, last_status FROM feeds "
                                         "WHERE url = ?", [url]))
            seen = (old[0] or 0) + new_articles if old else new_articles
            if status == 304 and warning is None and old and old[2] in (200, 304):
                warning = old[1]        # about the content the 304 says is unchanged (not a 503's)
            con.execute("DELETE FROM feeds WHERE url = ?", [url])
            con.execute("INSERT INTO feeds (url, etag, modified, last_fetch, last_status, articles_seen, "
                        "last_warning) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [url, etag, modified, utcnow(), status, seen, warning])

    # -- queries -----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        q = f"""SELECT (SELECT count(*) FROM articles),
                      (SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL),
                      (SELECT count(*) FROM events WHERE {CANONICAL}),
                      (SELECT count(*) FROM event_mentions),
                      (SELECT count(*) FROM event_mentions WHERE is_duplicate),
                      (SELECT count(*) FROM actors),
                      (SELECT count(*) FROM quotes)"""
        # mentions: all, also those of near-duplicate copies (duplicate_mentions), which the
        # events' num_mentions leave out
        names = ("articles", "near_duplicates", "events", "mentions", "duplicate_mentions", "actors", "quotes")
        return dict(zip(names, (int(x) for x in self.con.execute(q).fetchall()[0])))

    def actor_exists(self, code: str) -> bool:
        """Whether the database holds the actor code (``ACTOR_EXISTS``)."""
        return bool(self.con.execute(ACTOR_EXISTS, {"c": code}).fetchall()[0][0])

    def actor_codes(self) -> list[str]:
        """Every actor code the database holds (``ACTOR_CODES``)."""
        return [r[0] for r in self.con.execute(ACTOR_CODES).fetchall()]

    def name_codes(self, name: str) -> list[tuple[str | None, int]]:
        """Per code, the events with a participant called ``name`` (module ``name_codes``)."""
        return self.participants().name_codes(name)

    def stored_names(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """The actors' names the articles hold that match ``text`` (module ``stored_names``)."""
        return stored_names(self.con, text, limit)

    def query_events(self, *, actor: str | None = None, source: str | None = None,
                     target: str | None = None, since: str | None = None,
                     until: str | None = None, type: str | None = None,
                     factuality: str | None = None, min_mentions: int = 1, min_sources: int = 1,
                     limit: int | None = 50, sort: str = "date",
                     columns: Sequence[str] | None = None,
                     min_confidence: float | None = None, sector: str | None = None) -> pd.DataFrame:
        """Canonical events matching the filters, as a DataFrame.

        ``actor`` matches either side, ``source``/``target`` one side (country or
        organisation codes, several separated by commas; or ``records.ActorRef``: codes and names,
        ``actor_names.read_actors``); ``sector``: PLOVER sectors (``event_filter``). ``since``/``until`` are
        inclusive dates (YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD or DD.MM.YYYY). ``type`` and ``factuality``
        accept comma-separated lists. ``sort``: a name of ``records.EVENT_SORTS``. Each event names
        its first article, the first stored with it (``first_article_id``, ``first_doc_id``,
        ``first_url``).
        """
        where, params = event_filter(actor=actor, source=source, target=target, since=since, until=until,
                                     type=type, factuality=factuality, min_mentions=min_mentions,
                                     min_sources=min_sources, min_confidence=min_confidence,
                                     sector=sector, resolve=self.participants())
        order = sort_order(sort)
        cols = ", ".join(columns) if columns else (
            f"event_id, {DATE_LABEL} AS date, event_date, date_precision, type, mode, source_code, source_text, "
            "target_code, target_text, factuality, condition, location_text, location_code, "
            "quad_class, goldstein, cameo, num_mentions, num_articles, num_sources, "
            "source_codes, target_codes, source_sector, target_sector, reported_by_text, reported_by_code, "
            "magnitude_value, magnitude_unit, "
            f"magnitude_qualifier, confidence, {INFERRED_LABEL} AS inferred, cue, first_article_id")
        rank = "" if columns else f", row_number() OVER (ORDER BY {order}) AS _rn"
        sql = f"SELECT {cols}{rank} FROM events WHERE {' AND '.join(where)} ORDER BY {order}"
        if limit is not None and limit > 0:
            sql += f" LIMIT {int(limit)}"
        if not columns:
            # the first article's id and address, looked up for the events kept (after the LIMIT)
            sql = (f"SELECT q.* EXCLUDE (_rn), a.doc_id AS first_doc_id, a.url AS first_url FROM ({sql}) q "
                   "LEFT JOIN articles a ON a.article_id = q.first_article_id ORDER BY q._rn")
        return self.con.execute(sql, params).df()

    def event_mentions(self, event_ids: Sequence[int]) -> pd.DataFrame:
        ids = pa.table({"event_id": pa.array(list(event_ids), pa.int64())})
        self.con.register("_ids", ids)
        try:
            return self.con.execute("""
                SELECT m.event_id, m.article_id, a.doc_id, a.source, a.url, m.sentence,
                       m.start_char, m.end_char, m.text, m.factuality, m.is_duplicate
                FROM event_mentions m JOIN articles a USING (article_id)
                WHERE m.event_id IN (SELECT event_id FROM _ids)
                ORDER BY m.event_id, m.mention_id""").df()
        finally:
            self._unregister("_ids")

    def timeline(self, a: str | ActorRef, b: str | ActorRef, *, directed: bool = False,
                 since: str | None = None, until: str | None = None,
                 factuality: str | None = "asserted", sector: str | None = None) -> pd.DataFrame:
        """Per-day counts and Goldstein sums of the events between actors ``a`` and ``b``.

        Undirected (default): events a->b and b->a. ``directed``: only a->b.
        Columns: day, events, mentions, goldstein_sum, goldstein_mean,
        material_conflict (events of quad class 4), a_to_b, b_to_a. The sums, the mean and
        material conflict are of the events that happened (``HAPPENED``; with
        ``factuality`` "all" the counts take the others too). Events without a
        known day are left out. ``factuality`` (comma list, or None for all) keeps by
        default only events asserted to have happened. ``a``, ``b``: codes, or
        ``records.ActorRef`` (codes or names: "FPÖ" and "ÖVP"); ``sector``: the participants of
        both sides are of these sectors (a comma list, ``parse_sectors``).
        """
        check_dyad(a, b)
        a, b = as_ref(a), as_ref(b)
        sectors = parse_sectors(sector) if sector else None
        resolve = self.participants()       # each side's participants read once, not in every clause
        ab, abp = dyad_sql(a, b, directed=True, sectors=sectors, resolve=resolve)
        ba, bap = dyad_sql(b, a, directed=True, sectors=sectors, resolve=resolve)
        where = [ab if directed else f"({ab} OR {ba})", CANONICAL,
                 "event_date IS NOT NULL", "date_precision = 'day'"]
        params: list[Any] = abp + ([] if directed else bap)
        if since:
            where.append("event_date >= ?")
            params.append(date_bounds(since, option="--since")[0])
        if until:
            where.append("event_date <= ?")
            params.append(date_bounds(until, option="--until")[1])
        check_period(since, until)
        if factuality:
            where.append("factuality IN (SELECT unnest(?::VARCHAR[]))")
            params.append(parse_factualities(factuality))
        sql = f"""
            SELECT event_date AS day, count(*) AS events, sum(num_mentions)::BIGINT AS mentions,
                   {GOLDSTEIN_SUM} AS goldstein_sum,
                   avg(goldstein) FILTER (WHERE {HAPPENED}) AS goldstein_mean,
                   {MATERIAL_CONFLICT_COUNT} AS material_conflict,
                   count(*) FILTER (WHERE {ab}) AS a_to_b,
                   count(*) FILTER (WHERE {ba}) AS b_to_a
            FROM events WHERE {' AND '.join(where)}
            GROUP BY event_date ORDER BY event_date"""
        return self.con.execute(sql, abp + bap + params).df()

    def dyad_without_day(self, a: str | ActorRef, b: str | ActorRef, *, directed: bool = False,
                         since: str | None = None, until: str | None = None,
                         factuality: str | None = "asserted", sector: str | None = None) -> int:
        """How many events between ``a`` and ``b`` (the filters of :meth:`timeline`) have no day
        date, so that no day of the timeline counts them: undated (an article without a date,
        a hypothetical event) or dated only to a week, month, season or year (those count when
        their span overlaps ``since``/``until``)."""
        check_dyad(a, b)
        where, params = event_filter(since=since, until=until, factuality=factuality)
        sql, p = dyad_sql(as_ref(a), as_ref(b), directed=directed,
                          sectors=parse_sectors(sector) if sector else None, resolve=self.participants())
        where.append(sql)
        params += p
        where.append("NOT coalesce(event_date IS NOT NULL AND date_precision = 'day', false)")
        return int(self.con.execute(f"SELECT count(*) FROM events WHERE {' AND '.join(where)}",
                                    params).fetchall()[0][0])

    def top_dyads(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` source->target pairs with most events (every coded source x target
        of an event counts; same-code pairs are left out); Goldstein sum and material conflict
        of their asserted events (``HAPPENED``)."""
        return self.con.execute(f"""
            WITH s AS (SELECT event_id, unnest(source_codes) AS source_code, target_codes,
                              num_mentions, goldstein, quad_class, factuality FROM events
                       WHERE {CANONICAL}),
                 p AS (SELECT event_id, source_code, unnest(target_codes) AS target_code,
                              num_mentions, goldstein, quad_class, factuality FROM s)
            SELECT source_code, target_code, count(*) AS events,
                   sum(num_mentions)::BIGINT AS mentions,
                   round({GOLDSTEIN_SUM}, 1) AS goldstein_sum,
                   {MATERIAL_CONFLICT_COUNT} AS material_conflict
            FROM p WHERE source_code <> target_code
            GROUP BY source_code, target_code
            ORDER BY events DESC, mentions DESC, source_code, target_code LIMIT {int(n)}""").df()

    def summary(self, top: int = 5, window_days: int = 7) -> dict[str, Any]:
        """A short situation picture: counts, top dyads, escalation.

        Escalation compares the last ``window_days`` days that have dated events with
        the ``window_days`` before: the mean Goldstein score (negative = more
        conflictual) and the share of material conflict (quad class 4) among asserted
        events. ``trend`` is "escalating", "de-escalating", "stable" or "unknown".
        """
        out: dict[str, Any] = dict(self.counts())
        by_type = self.con.execute(
            f"SELECT type, count(*) AS n FROM events WHERE {CANONICAL} GROUP BY type "
            "ORDER BY n DESC, type").fetchall()
        out["events_by_type"] = {t: int(n) for t, n in by_type}
        by_fact = self.con.execute(f"SELECT factuality, count(*) FROM events WHERE {CANONICAL} "
                                   "GROUP BY 1 ORDER BY 2 DESC").fetchall()
        out["events_by_factuality"] = {f: int(n) for f, n in by_fact}
        span = self.con.execute("SELECT min(event_date), max(event_date) FROM events "
                                f"WHERE date_precision = 'day' AND {CANONICAL}").fetchall()[0]
        out["first_day"] = span[0].isoformat() if span[0] else None
        out["last_day"] = span[1].isoformat() if span[1] else None
        # the newest day of an event told as having happened, which the trend ends with, and the
        # events dated to a day after it (planned ones, mostly: "am Mittwoch reist er nach ..."),
        # by factuality: the range above is not all of what happened
        last_asserted = self.con.execute(
            f"SELECT max(event_date) FROM events WHERE {HAPPENED} AND date_precision = 'day' "
            f"AND {CANONICAL}").fetchall()[0][0]
        out["last_asserted_day"] = last_asserted.isoformat() if last_asserted else None
        after = self.con.execute(
            f"SELECT factuality, count(*) FROM events WHERE date_precision = 'day' AND {CANONICAL} "
            "AND NOT " + HAPPENED + " AND (? IS NULL OR event_date > ?) GROUP BY 1 ORDER BY 2 DESC, 1",
            [last_asserted, last_asserted]).fetchall()
        out["dated_after_asserted"] = {f: int(n) for f, n in after}
        out["undated"] = int(self.con.execute("SELECT count(*) FROM events WHERE event_date IS NULL "
                                              f"AND {CANONICAL}").fetchall()[0][0])
        # dated only to a week, month, season or year (not within first_day .. last_day, which are days)
        out["dated_coarsely"] = int(self.con.execute(
            "SELECT count(*) FROM events WHERE event_date IS NOT NULL AND date_precision <> 'day' "
            f"AND {CANONICAL}")
            .fetchall()[0][0])
        dy = self.top_dyads(top)
        # what the dyads leave out: events between actors of one country (domestic news)
        same = self.con.execute(same_country_sql()).fetchall()
        out["same_country"] = [{"code": c, "events": int(n)} for c, n in same]
        out["top_dyads"] = [
            {"source": r.source_code, "target": r.target_code, "events": int(r.events),
             "mentions": int(r.mentions), "goldstein_sum": _num(r.goldstein_sum),
             "material_conflict": int(r.material_conflict)} for r in dy.itertuples()]
        stats = self.con.execute(f"""
            SELECT avg(goldstein), count(*) FILTER (WHERE quad_class = {MATERIAL_CONFLICT}),
                   count(*) FILTER (WHERE quad_class IS NOT NULL)
            FROM events WHERE {HAPPENED} AND {CANONICAL}""").fetchall()[0]
        overall = {"goldstein_mean": _num(stats[0]),
                   "material_conflict_share": (stats[1] / stats[2]) if stats[2] else None}
        esc: dict[str, Any] = {"overall": overall, "trend": "unknown"}
        last = last_asserted
        if last is not None:
            end = last
            mid = end - _dt.timedelta(days=window_days)
            start = mid - _dt.timedelta(days=window_days)
            rows = self.con.execute(f"""
                SELECT event_date > ? AS recent, avg(goldstein),
                       count(*) FILTER (WHERE quad_class = {MATERIAL_CONFLICT}),
                       count(*) FILTER (WHERE quad_class IS NOT NULL), count(goldstein)
                FROM events WHERE {HAPPENED} AND {CANONICAL} AND date_precision = 'day'
                  AND event_date > ? GROUP BY 1""", [mid, start]).fetchall()
            # events: those with a Goldstein score, which the mean is of
            win = {bool(r[0]): {"goldstein_mean": _num(r[1]),
                                "material_conflict_share": (r[2] / r[3]) if r[3] else None,
                                "events": int(r[4])} for r in rows}
            esc["recent"] = win.get(True)
            esc["before"] = win.get(False)
            esc["window_days"] = window_days
            esc["window_end"] = end.isoformat()
            esc["min_events"] = TREND_MIN_EVENTS
            rec, bef = win.get(True), win.get(False)
            if rec and bef:
                esc["trend"] = escalation_trend(bef["goldstein_mean"], rec["goldstein_mean"],
                                                bef["events"], rec["events"])
                if esc["trend"] != "unknown":
                    esc["goldstein_change"] = round(rec["goldstein_mean"] - bef["goldstein_mean"], 2)
        out["escalation"] = esc
        return out


#: DuckDB's refusal of a file another process holds: "IO Error: Could not set lock on file
#: "PATH": Conflicting lock is held in /usr/bin/python3 (PID 6922) by user ann. See also ...";
#: on a platform where DuckDB cannot name the holder, nothing stands between the path and
#: ". See also" / ". However, you would be able to open this database in read-only mode";
#: Windows says the file "is being used by another process". The same prefix with another
#: reason ("File locks are not supported for this file system", "No locks available": an NFS
#: mount without locking) is no lock a wait would outlast.
_LOCK_MESSAGE = re.compile(r'(?:[A-Za-z ]*Error: )?Could not set lock on file "(?P<path>.*)": '
                           r'(?P<why>.*)')
_LOCK_HELD = re.compile(r"(?:Conflicting lock is held|Lock is already held|\.|$)|.*used by another process",
                        re.IGNORECASE)


def _is_lock(exc: Exception) -> bool:
    """Whether DuckDB refused a connection because another process holds the file. Decided by
    DuckDB's own wording of that refusal (``_LOCK_MESSAGE``) and its reason after the quoted
    path, never by the letters "lock" anywhere: a path such as /srv/blocked/, /home/lockhart/
    or clock.duckdb is in DuckDB's every message about the file (damaged, not readable, on a
    read-only file system, a full disk), and such an error is not one to wait for."""
    text = str(exc)
    if not text:
        return False
    m = _LOCK_MESSAGE.match(text.splitlines()[0])
    return bool(m) and _LOCK_HELD.match(m.group("why")) is not None


#: seconds between two tries of ``open_store`` to open a database another process holds
WAIT_RETRY = 0.5
#: a writer that waits for a database (``open_store(wait>0)``) says so in a file next to it,
#: ``<db>.want-write`` (its PID), touched at every try and removed when it has the file or gives
#: up; a read-only ``lagebild serve`` that sees it lets go of the file as soon as no request is in
#: flight and answers "busy" until the writer is done (``lagebild.web.app.Database``)
WANT_WRITE_SUFFIX = ".want-write"
#: a marker not touched for this many seconds is stale (its writer was killed) and is ignored; more
#: than the pause between two tries of every writer that waits (``WAIT_RETRY``, ``ingest._reopen``'s 2 s)
WANT_WRITE_FRESH = 5.0


def want_write_path(path: str | Path) -> Path:
    """The marker file of a writer waiting for the database at ``path``."""
    p = Path(path)
    return p.with_name(p.name + WANT_WRITE_SUFFIX)


def wants_write(path: str | Path, now: float | None = None) -> bool:
    """Whether a writer waits for the database at ``path``: its marker was touched within the last
    ``WANT_WRITE_FRESH`` seconds."""
    try:
        touched = want_write_path(path).stat().st_mtime
    except OSError:
        return False
    return (time.time() if now is None else now) - touched < WANT_WRITE_FRESH


def announce_want_write(path: str | Path) -> bool:
    """Touch the marker of a writer that waits for the database at ``path`` (its PID in it):
    ``open_store(wait>0)`` and a watcher between rounds (``ingest._reopen``) call it at every try;
    whether it could (a folder it cannot write to: no). Its caller removes it
    (``withdraw_want_write``) however the wait ends."""
    try:
        want_write_path(path).write_text(f"{os.getpid()}\n", encoding="ascii")
        return True
    except OSError:
        return False


def withdraw_want_write(path: str | Path) -> None:
    """Remove the marker of a writer that waited for the database at ``path`` (gone already: fine;
    another writer that still waits touches it again at its next try)."""
    with suppress(OSError):
        want_write_path(path).unlink()


def open_store(path: str | Path, *, wait: float = 0.0,
               on_wait: Callable[[DatabaseLocked], None] | None = None,
               sleep: Callable[[float], None] | None = None,
               clock: Callable[[], float] | None = None, **kw: Any) -> Store:
    """``Store(path, **kw)``, trying again while another process holds the file, for up to
    ``wait`` seconds (0: once). ``on_wait(exc)`` is called once, when the first try finds the
    file held (to say that it waits, and for what). Raises
    :class:`~lagebild.errors.DatabaseLocked` when the file is still held after ``wait`` seconds
    (its message says how long it waited), any other StoreError at once. ``sleep`` and
    ``clock``: ``time.sleep`` and ``time.monotonic`` by default (looked up when called). A
    KeyboardInterrupt (Ctrl-C, or SIGTERM as the CLI handles it) while it waits goes to the
    caller. A writer that waits (not ``read_only``) keeps the marker ``want_write_path(path)``
    while it does, so that a read-only server lets go of the file for it; the marker is removed
    however the wait ends (the file opened, given up, an error, an interrupt)."""
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    deadline = clock() + max(0.0, wait)
    announces = wait > 0 and not kw.get("read_only")
    told = announced = False
    try:
        while True:
            try:
                return Store(path, **kw)
            except DatabaseLocked as exc:
                left = deadline - clock()
                if left <= 0:
                    if wait > 0:
                        raise DatabaseLocked(f"{exc} (waited {wait:g} s; still held)") from exc
                    raise
                if announces:
                    announced = announce_want_write(path) or announced
                if not told and on_wait is not None:
                    on_wait(exc)
                told = True
                sleep(min(WAIT_RETRY, left))
    finally:
        if announced:
            withdraw_want_write(path)


def _damaged(p: Path, exc: Exception) -> str:
    return (f"{p}: the database file is damaged or truncated ({str(exc).splitlines()[0]}); "
            f"the file was left untouched -- restore it from a backup, or re-ingest into a "
            f"new file with --db")


def remove_if_unused(path: str | Path, *, feed_state: bool = True) -> bool:
    """Remove the store at ``path`` (and its write-ahead log) when it holds nothing a run wrote:
    no article and no feed state. For the file a first run created and then failed before storing
    anything (an unreachable Dask scheduler, an analyzer that cannot load), so that a failed
    start leaves no empty database behind; call it only for a file the caller created. With
    ``feed_state=False`` the feeds' state does not count: a first ingest that could read nothing
    (a feed URL that failed) stored nothing but what failed. Returns whether it was removed."""
    p = Path(path)
    feeds = " + (SELECT count(*) FROM feeds)" if feed_state else ""
    try:
        with Store(p, read_only=True) as s:
            used = s.con.execute(f"SELECT (SELECT count(*) FROM articles){feeds}").fetchall()[0][0]
    except (StoreError, duckdb.Error, OSError):
        return False                    # not ours to judge (locked, unreadable): left as it is
    if used:
        return False
    for f in (p, p.with_name(p.name + ".wal")):
        f.unlink(missing_ok=True)
    return True


def _not_writable(msg: str) -> bool:
    """Whether an error of the operating system (in DuckDB's words) says a file cannot be written:
    its permissions, a read-only file system, an immutable file ("Operation not permitted")."""
    low = msg.lower()
    return any(w in low for w in ("read-only", "read only", "permission", "operation not permitted"))


def write_failure(p: Path, exc: Exception, kept: str = "the batches committed before are kept") -> str:
    """The message for a write that failed (disk full, read-only folder, I/O error); ``kept``:
    what is safe."""
    msg = str(exc).splitlines()[0]
    low = msg.lower()
    if "no space" in low or "disk full" in low or "could not write" in low and "space" in low:
        why = "the disk is full"
        todo = "free some space, then rerun the same command"
    elif _not_writable(low):
        why = "the file or its folder is not writable"
        todo = "check the permissions, or use --db with a writable path"
    else:
        why = "the write failed"
        todo = "check free disk space and permissions, then rerun the same command"
    return f"{p}: {why} ({msg}) -- {todo}; {kept}"


def _first_row(cur):
    """The first row of a result (or None), reading the result to its end (DuckDB
    refuses new statements on a connection with an unfinished result)."""
    rows = cur.fetchall()
    return rows[0] if rows else None


def _num(x) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else round(f, 2)


def check_dyad(a: str | ActorRef, b: str | ActorRef) -> None:
    """The two sides of a timeline or dyad page (codes or ``records.ActorRef``, names read): one
    actor each, and two different ones (a StoreError that says what to use instead). The one rule
    of the command line's ``timeline`` and the web's ``/dyads/A/B``. Two names of one country
    ("FPÖ", "ÖVP") are two actors."""
    if isinstance(a, ActorRef) or isinstance(b, ActorRef):
        ra, rb = as_ref(a), as_ref(b)
        if ra.name is None and rb.name is None:
            return check_dyad(ra.code or "", rb.code or "")
        if (ra.code, (ra.name or "").casefold()) == (rb.code, (rb.name or "").casefold()):
            raise BadValue(f"both sides name {str(ra)!r} -- give two actors")
        if ra.name and rb.name and ra.name.casefold() == rb.name.casefold() and not (ra.code and rb.code):
            # "Grüne" / "Grüne (AUT)": the one side holds the other (review R23, finding 10)
            raise BadValue(f"{str(ra)!r} and {str(rb)!r} overlap (the one holds the other's participants) "
                           f"-- give two actors, e.g. '{ra.name} (AUT)' and '{ra.name} (DEU)'")
        return
    if "," in a or "," in b:
        raise BadValue(f"a dyad takes one actor per side; {a} / {b} name several codes -- pass codes")
    if a.strip().upper() == b.strip().upper():
        raise BadValue(f"both sides name {a} (a country's name stands for its code) -- give two actors; the "
                         f"events within one country are listed by `lagebild events --source-actor {a} "
                         f"--target-actor {a}` and on the page /actors/{a}")


def empty_period(since: str | None, until: str | None) -> bool:
    """Whether a period's first day comes after its last (it holds no day): the one test of the
    command line (``check_period``) and the web pages."""
    return bool(since and until and date_bounds(since)[0] > date_bounds(until)[1])


def check_period(since: str | None, until: str | None) -> None:
    """A period whose first day comes after its last matches nothing: say so (BadValue)."""
    if empty_period(since, until):
        raise BadValue(f"--since {since} is after --until {until}: no day is in that period "
                         f"-- swap them")


_FILTER_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")   # what a date filter may say


def date_bounds(value: str, *, option: str | None = None) -> tuple[_dt.date, _dt.date]:
    """First and last day of YYYY, YYYY-MM, YYYY-Www (an ISO week, Monday to Sunday) or YYYY-MM-DD
    (the calendar spans of ``merge.date_range``, the one reading of a date value), or of a day
    as the readers read an article's date (``readers.normalize_date``: DD.MM.YYYY, "18. Februar
    2022", an RFC 822 date); raises BadValue (of ``option``, e.g. ``--since``) otherwise."""
    from .merge import date_range
    from .readers import normalize_date
    v = value.strip()
    iso = v if _FILTER_DATE.fullmatch(v) else normalize_date(v)
    span = date_range(iso) if iso else None
    if span is not None:
        return span
    raise BadValue(f"bad date {value!r} -- use YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD, DD.MM.YYYY "
                   f"or '18. Februar 2022'", option=option)


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)
