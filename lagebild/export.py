"""Exports of the event database: Parquet, CSV, GDELT 2.0 layout, PLOVER JSON.

``export_store(store, out_dir, fmt)`` writes into ``out_dir`` (created if missing):

parquet
    ``events/month=YYYY-MM/*.parquet`` (Hive partitions by the event's month;
    ``month=YYYY`` for events dated only to a year, ``month=unknown`` for undated ones), plus
    ``articles.parquet``,
    ``event_mentions.parquet``, ``actors.parquet``, ``quotes.parquet``. Read back with
    ``duckdb.sql("SELECT * FROM 'out/events/*/*.parquet'")`` or
    ``pandas.read_parquet("out/events")``.
csv
    ``events.csv``, ``event_mentions.csv``, ``articles.csv`` (UTF-8, header row; code
    lists joined with ``;``, participant lists as JSON).

    Parquet, CSV and PLOVER add ``source_inferred`` and ``target_inferred`` to each event
    (``INFERRED_COLUMNS``): the policies that filled in the participants the text does not name,
    as the codes are given (lists; ``;``-joined in CSV), empty when all are named; and
    ``source_named_elsewhere`` and ``target_named_elsewhere``: the codes of the participants the
    text names in another sentence than the one that tells the event, empty when it names them there.
gdelt
    ``events.gdelt.tsv``: the 61 columns of the GDELT 2.0 event table, tab-separated,
    no header (like GDELT's ``*.export.CSV``), one row per source x target pair of
    each canonical event (an event DEU,FRA -> IRN gives two rows; the rows of one
    event share its lagebild id in ``GlobalEventID``, which is therefore not unique); and
    ``GDELT_COLUMNS.txt`` naming the columns and which are filled. Filled:

    * GlobalEventID (the lagebild event id), Day, MonthYear, Year, FractionDate (the
      event's own date, from the text when known, else the article date; each field only
      when the date determines it: a month fills MonthYear and Year and leaves Day and
      FractionDate empty, a year fills Year alone; zero-padded: :func:`gdelt_dates`);
    * Actor1Code/Actor2Code (code + sector, e.g. ``RUSGOV``), Actor1Name/Actor2Name
      (the text, upper-cased), Actor1CountryCode (ISO alpha-3 country codes only),
      Actor1KnownGroupCode (organisation codes: NATO, EU, UN, ...), Actor1Type1Code
      (the PLOVER sector); one coded participant of each side per row;
    * IsRootEvent (1 when the first mention is in the article's first two sentences),
      EventCode/EventBaseCode/EventRootCode (from the analyzer's CAMEO code),
      QuadClass, GoldsteinScale, NumMentions, NumSources, NumArticles (after
      cross-article merging and without near-duplicate copies);
    * ActionGeo_Type (1 = country), ActionGeo_FullName (place text),
      ActionGeo_CountryCode (ISO alpha-3; GDELT uses FIPS 10-4, not converted);
    * DATEADDED (first ingestion, YYYYMMDDHHMMSS UTC), SOURCEURL (URL of the first
      article, else its id).

    Empty: Actor*EthnicCode, Actor*Religion*Code, Actor*Type2/3Code, AvgTone, the
    Actor1Geo_*/Actor2Geo_* blocks, *_ADM1/ADM2Code, *_Lat/_Long, *_FeatureID.
    Factuality has no GDELT column: by default only ``asserted`` events are written
    (``factuality=None`` writes all, as GDELT would).
plover
    ``events.plover.jsonl``: one PLOVER/POLECAT-style record per line (``event``,
    ``mode``, ``context``, ``actor``/``recipient`` lists of ``{actorText, code,
    sector}``, ``date``, ``location``, counts, ``urls``: the URLs of the articles that
    tell it where they have one, ``doc_ids``: their input ids). As plain PLOVER does, planned
    CONSULT, SUPPORT, COOPERATE and AID become AGREE and a planned RETREAT becomes
    CONCEDE (``original_event`` keeps lagebild's type); factuality goes into
    ``context`` as PLOVER's auxiliary modes ``future``, ``hypothetical``,
    ``negation``.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from .corpus import ORG_CODES as _ORG_CODES
from .errors import StoreError
from .merge import date_span
from .store import EVENT_END, Store, event_filter, inferred_policies, named_elsewhere_codes, write_failure

FORMATS = ("parquet", "csv", "gdelt", "plover")

#: PLOVER folds future cooperation into AGREE, future retreats into CONCEDE
PLOVER_FOLD = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
               "RETREAT": "CONCEDE"}
PLOVER_CONTEXT = {"planned": "future", "hypothetical": "hypothetical", "negated": "negation"}

ORG_CODES = frozenset(_ORG_CODES)       # the organisation codes of EVENTS.md (one list: corpus)

_ACTOR_COLS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
               "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO_COLS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
             "FeatureID"]
GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR_COLS] + [f"Actor2{c}" for c in _ACTOR_COLS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO_COLS] + [f"Actor2Geo_{c}" for c in _GEO_COLS]
    + [f"ActionGeo_{c}" for c in _GEO_COLS] + ["DATEADDED", "SOURCEURL"])
GDELT_FILLED = {
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "DATEADDED", "SOURCEURL"}
assert len(GDELT_COLUMNS) == 61


def export_store(store: Store, out_dir: str | Path, fmt: str, *, since: str | None = None,
                 until: str | None = None, factuality: str | None = None,
                 min_mentions: int = 1, min_confidence: float | None = None) -> list[Path]:
    """Write the store in format ``fmt`` into ``out_dir``; returns the files written.

    ``factuality`` (comma list) keeps only those events; for ``gdelt`` it defaults to
    ``asserted`` (GDELT has no factuality column), pass ``"all"`` for every event.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} -- use one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out}: exists and is not a folder -- pass a folder for the export")
    conditions, params = _export_filter(fmt, since=since, until=until, factuality=factuality,
                                        min_mentions=min_mentions, min_confidence=min_confidence)
    where = " AND ".join(conditions)
    try:
        out.mkdir(parents=True, exist_ok=True)      # only once the filters are good
    except OSError as exc:      # /proc/nope, a read-only place, a file on the way: no traceback
        raise StoreError(f"{out}: cannot create the export folder ({exc.strerror or exc}) -- "
                         f"give a folder you can write to (it is created when missing)") from exc
    for name in _FILES[fmt]:         # before anything is written: all of it, or nothing
        path = out / name
        if path.exists() and (path.is_dir() or not _ours(path)):
            raise StoreError(f"{path}: exists and was not written by a lagebild export; it is left as "
                             f"it is -- move it away, or export into another folder")
    try:
        if fmt in ("parquet", "csv"):
            # a filter is on when it leaves out events: more than the (always present) mention count
            filtered = len(conditions) > 1 or min_mentions > 1
            return {"parquet": _parquet, "csv": _csv}[fmt](store, out, where, params, filtered)
        return {"gdelt": _gdelt, "plover": _plover}[fmt](store, out, where, params)
    except (duckdb.Error, OSError) as exc:
        # a full disk, a folder where a file goes: no traceback, and the files of the last
        # export are left as they were (every file is written aside and moved into place)
        raise StoreError(write_failure(out, exc, kept="each file is whole, either new or the earlier "
                                                      "export's; run the export again")) from exc


def _export_filter(fmt: str, *, factuality: str | None = None, **kw) -> tuple[list[str], list[Any]]:
    """The events an export of ``fmt`` writes (``store.event_filter``; gdelt: asserted ones unless
    ``factuality`` says otherwise). The one definition of export_store and count_exported."""
    if fmt == "gdelt" and factuality is None:
        factuality = "asserted"
    return event_filter(factuality=factuality, **kw)


def count_exported(store: Store, fmt: str, *, since: str | None = None, until: str | None = None,
                   factuality: str | None = None, min_mentions: int = 1,
                   min_confidence: float | None = None) -> int:
    """How many events an export of ``fmt`` with these filters writes."""
    conditions, params = _export_filter(fmt, since=since, until=until, factuality=factuality,
                                        min_mentions=min_mentions, min_confidence=min_confidence)
    return int(store.con.execute(f"SELECT count(*) FROM events WHERE {' AND '.join(conditions)}",
                                 params).fetchone()[0])


#: the files each format writes beside the parquet ``events/`` folder
_FILES = {"parquet": ("articles.parquet", "event_mentions.parquet", "actors.parquet", "quotes.parquet"),
          "csv": ("events.csv", "event_mentions.csv", "articles.csv"),
          "gdelt": ("events.gdelt.tsv", "GDELT_COLUMNS.txt"), "plover": ("events.plover.jsonl",)}


def _ours(path: Path) -> bool:
    """Whether an existing file is one a lagebild export wrote (or empty): only such a file is
    replaced; a user's own file of the same name is never overwritten."""
    try:
        if path.stat().st_size == 0:
            return True
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq
            names = set(pq.read_schema(path).names)
            return bool(names & {"event_id", "article_id", "mention_id"})
        with open(path, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - unreadable or not parquet: not ours
        return False
    first = head.split("\n", 1)[0]
    if path.suffix == ".csv":
        return first.startswith(("event_id,", "mention_id,", "article_id,"))
    if path.name.endswith(".gdelt.tsv"):
        return first.count("\t") == len(GDELT_COLUMNS) - 1
    if path.name == "GDELT_COLUMNS.txt":
        return first.startswith("# events.gdelt.tsv")
    if path.name.endswith(".plover.jsonl"):
        return first.startswith('{"id": "lagebild-')
    return False


@contextmanager
def _written_aside(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` to write to, moved onto ``path`` once complete: an
    export that fails half-way leaves the earlier file whole, never a cut-off one. A file of that
    name that no lagebild export wrote was refused before (``_FILES``)."""
    tmp = path.with_name(path.name + ".partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _of_articles(table: str, order: str, where: str, params: list, filtered: bool) -> tuple[str, list]:
    """A per-article table (articles, actors, quotes) whole, or, when the events are filtered, only
    for the articles that tell an exported event (sql, params)."""
    if not filtered:
        return f"SELECT * FROM {table} ORDER BY {order}", []
    return (f"SELECT * FROM {table} WHERE article_id IN (SELECT article_id FROM event_mentions WHERE "
            f"event_id IN (SELECT event_id FROM events WHERE {where})) ORDER BY {order}", list(params))


def inferred_columns(joined: str | None = None) -> str:
    """SQL: the columns every per-event export adds to the ``events`` table's, the one definition:
    which participants the text does not name, by the policy that filled them in
    (``store.inferred_policies``), ``source_inferred`` and ``target_inferred``; and the codes of
    those it names only in another sentence than the event's (``store.named_elsewhere_codes``),
    ``source_named_elsewhere`` and ``target_named_elsewhere``; lists, or strings joined with
    ``joined`` (CSV: ";", as the codes are)."""
    cols = []
    for name, of in (("inferred", inferred_policies), ("named_elsewhere", named_elsewhere_codes)):
        for side in ("source", "target"):
            sql = of(side)
            if joined is not None:
                sql = f"array_to_string({sql}, '{joined}')"
            cols.append(f"{sql} AS {side}_{name}")
    return ", ".join(cols)


#: ``inferred_columns()``: the lists (Parquet, PLOVER)
INFERRED_COLUMNS = inferred_columns()


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _parquet(store: Store, out: Path, where: str, params: list, filtered: bool = False) -> list[Path]:
    con = store.con
    ev_dir = out / "events"
    foreign = _foreign_files(ev_dir)
    if foreign:
        shown = ", ".join(str(f.relative_to(ev_dir)) for f in foreign[:3])
        raise StoreError(f"{ev_dir}: holds files lagebild did not write ({shown}"
                         f"{', ...' if len(foreign) > 3 else ''}); nothing was changed -- "
                         f"move them away or export into another folder")
    # write into a fresh folder beside it, then swap: a failed export leaves the old one
    tmp = Path(tempfile.mkdtemp(prefix=".events-new-", dir=out))
    try:
        new_dir = tmp / "events"
        con.execute(f"""COPY (SELECT * EXCLUDE (month), {INFERRED_COLUMNS},
                                     coalesce(month, strftime(event_date, '%Y'), 'unknown') AS month
                              FROM events WHERE {where} ORDER BY event_date, event_id)
                        TO {_q(new_dir)} (FORMAT parquet, PARTITION_BY (month))""", params)
        new_dir.mkdir(exist_ok=True)
        if not any(new_dir.rglob("*.parquet")):
            # no event matched: one empty file with the columns, so that readers of
            # events/*/*.parquet get an empty table, not "no files found"
            (new_dir / "month=none").mkdir()
            con.execute(f"COPY (SELECT * EXCLUDE (month), {INFERRED_COLUMNS} FROM events WHERE false) "
                        f"TO {_q(new_dir / 'month=none' / 'data_0.parquet')} (FORMAT parquet)")
        if ev_dir.exists():
            old = tmp / "old"
            ev_dir.rename(old)          # only lagebild's own files are in it (checked above)
        new_dir.rename(ev_dir)
    finally:
        _remove_own(tmp)
    files = sorted(ev_dir.rglob("*.parquet"))
    sub = f"SELECT event_id FROM events WHERE {where}"
    for name, sql, p in (
            ("articles", *_of_articles("articles", "article_id", where, params, filtered)),
            ("event_mentions", f"SELECT * FROM event_mentions WHERE event_id IN ({sub}) "
                               f"ORDER BY mention_id", params),
            ("actors", *_of_articles("actors", "article_id, actor_id", where, params, filtered)),
            ("quotes", *_of_articles("quotes", "article_id, quote_index", where, params, filtered))):
        path = out / f"{name}.parquet"
        with _written_aside(path) as tmp:
            con.execute(f"COPY ({sql}) TO {_q(tmp)} (FORMAT parquet)", p)
        files.append(path)
    return files


#: the files a parquet export writes into ``events/`` (DuckDB's partitioned COPY)
_OWN_PARQUET = re.compile(r"month=[^/]+/data_[0-9]+\.parquet")


def _foreign_files(ev_dir: Path) -> list[Path]:
    """Files in ``ev_dir`` that a lagebild export did not write (empty: safe to replace)."""
    if not ev_dir.exists():
        return []
    if not ev_dir.is_dir():
        return [ev_dir]
    out = []
    for f in sorted(ev_dir.rglob("*")):
        if f.is_dir():
            continue
        rel = f.relative_to(ev_dir).as_posix()
        if _OWN_PARQUET.fullmatch(rel):
            continue
        out.append(f)
    return out


def _remove_own(tmp: Path) -> None:
    """Remove a temporary folder of this export: its parquet files, marker and folders
    (only what lagebild wrote; checked by :func:`_foreign_files` before)."""
    for f in sorted(tmp.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if f.is_dir():
            f.rmdir()
        elif f.suffix == ".parquet":
            f.unlink()
    if tmp.exists():
        tmp.rmdir()


def _csv(store: Store, out: Path, where: str, params: list, filtered: bool = False) -> list[Path]:
    con = store.con
    files = []
    ev = (f"SELECT * REPLACE (array_to_string(source_codes, ';') AS source_codes, "
          f"array_to_string(target_codes, ';') AS target_codes), {inferred_columns(';')} "
          f"FROM events WHERE {where} ORDER BY event_date, event_id")
    sub = f"SELECT event_id FROM events WHERE {where}"
    for name, sql, p in (
            ("events", ev, params),
            ("event_mentions", f"SELECT * FROM event_mentions WHERE event_id IN ({sub}) "
                               f"ORDER BY mention_id", params),
            ("articles", *_of_articles("articles", "article_id", where, params, filtered))):
        path = out / f"{name}.csv"
        with _written_aside(path) as tmp:
            con.execute(f"COPY ({sql}) TO {_q(tmp)} (FORMAT csv, HEADER true)", p)
        files.append(path)
    return files


def _fetch_events(store: Store, where: str, params: list):
    """Events with the first article's URL/id, the first mention's sentence, the URLs of the
    articles that tell them (those that have one: ``urls``) and their input ids (``doc_ids``),
    and ``INFERRED_COLUMNS``."""
    return store.con.execute(f"""
        WITH first_m AS (
            SELECT event_id, arg_min(sentence, mention_id) AS sentence,
                   arg_min(text, mention_id) AS mention_text
            FROM event_mentions WHERE NOT is_duplicate GROUP BY event_id),
        urls AS (
            SELECT m.event_id,
                   list_sort(list(DISTINCT a.url) FILTER (WHERE a.url IS NOT NULL)) AS urls,
                   list_sort(list(DISTINCT a.doc_id) FILTER (WHERE a.doc_id IS NOT NULL)) AS doc_ids
            FROM event_mentions m JOIN articles a USING (article_id)
            WHERE NOT m.is_duplicate GROUP BY m.event_id)
        SELECT e.*, {EVENT_END} AS event_last_day, {INFERRED_COLUMNS},
               a.url AS first_url, a.doc_id AS first_doc_id, f.sentence AS first_sentence,
               f.mention_text, u.urls, u.doc_ids
        FROM events e LEFT JOIN articles a ON a.article_id = e.first_article_id
        LEFT JOIN first_m f ON f.event_id = e.event_id
        LEFT JOIN urls u ON u.event_id = e.event_id
        WHERE {where} ORDER BY e.event_date, e.event_id""", params)


def _s(x) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:g}"
    return str(x).replace("\t", " ").replace("\n", " ")


def gdelt_row(e: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 event-table fields of one event row (a dict from the store)."""
    row = {c: "" for c in GDELT_COLUMNS}
    row["GlobalEventID"] = e["event_id"]
    row.update(gdelt_dates(e))
    for n, side in ((1, "source"), (2, "target")):
        code, sector, text = e.get(f"{side}_code"), e.get(f"{side}_sector"), e.get(f"{side}_text")
        if code or sector:
            row[f"Actor{n}Code"] = (code or "") + (sector or "")
        row[f"Actor{n}Name"] = (text or "").upper()
        if code in ORG_CODES:
            row[f"Actor{n}KnownGroupCode"] = code
        elif code:
            row[f"Actor{n}CountryCode"] = code
        row[f"Actor{n}Type1Code"] = sector or ""
    sent = e.get("first_sentence")
    row["IsRootEvent"] = 1 if sent is not None and sent <= 1 else 0
    cameo = e.get("cameo") or ""
    row["EventCode"] = cameo
    row["EventBaseCode"] = cameo[:3]
    row["EventRootCode"] = cameo[:2]
    row["QuadClass"] = e.get("quad_class")
    row["GoldsteinScale"] = e.get("goldstein")
    row["NumMentions"] = e.get("num_mentions")
    row["NumSources"] = e.get("num_sources")
    row["NumArticles"] = e.get("num_articles")
    if e.get("location_text") or e.get("location_code"):
        row["ActionGeo_Type"] = 1 if e.get("location_code") else ""
        row["ActionGeo_FullName"] = e.get("location_text") or ""
        row["ActionGeo_CountryCode"] = e.get("location_code") or ""
    created = e.get("created_at")
    row["DATEADDED"] = created.strftime("%Y%m%d%H%M%S") if created else ""
    row["SOURCEURL"] = e.get("first_url") or e.get("first_doc_id") or ""
    return [_s(row[c]) for c in GDELT_COLUMNS]


def gdelt_dates(e: dict[str, Any]) -> dict[str, str]:
    """GDELT's date fields of an event row: Day (YYYYMMDD), MonthYear (YYYYMM), Year (YYYY),
    FractionDate (YYYY.FFFF), each zero-padded to its width (a year 2 is ``0002``, not a shorter
    number) and each filled only when the event's date determines it, since GDELT has no
    precision column: a date of a day fills all four; of a month, MonthYear and Year; of a year,
    Year alone; a week or season the months or the year it lies within (a week from 29 December
    to 4 January: none). Empty fields for the rest and for an event without a date; the
    first and last day of the span are ``event_date`` and ``event_last_day`` (``store.EVENT_END``)."""
    d: _dt.date | None = e.get("event_date")
    if d is None:
        return {}
    last = e.get("event_last_day")
    if last is None:        # a row not read by the export's query: the span of its date value
        span = date_span(e.get("date_value"))
        last = span[1] if span and span[0] == d else (
            d if (e.get("date_precision") or "day") == "day" else None)
    if isinstance(last, _dt.datetime):
        last = last.date()
    out: dict[str, str] = {}
    if last is None:
        return out
    if d.year == last.year:
        out["Year"] = f"{d.year:04d}"
        if d.month == last.month:
            out["MonthYear"] = f"{d.year:04d}{d.month:02d}"
            if d == last:
                out["Day"] = f"{d.year:04d}{d.month:02d}{d.day:02d}"
                doy = d.timetuple().tm_yday
                out["FractionDate"] = f"{d.year + (doy - 1) / 365:.4f}"
    return out


def _dict_rows(cur):
    names = [d[0] for d in cur.description]
    while True:
        chunk = cur.fetchmany(10_000)
        if not chunk:
            return
        for r in chunk:
            yield dict(zip(names, r))


def dyads(e: dict[str, Any]) -> list[dict[str, Any]]:
    """One copy of the event row per source x target pair of coded participants (the
    ``source_*``/``target_*`` fields set to that pair); an event with an empty side gives
    one row per participant of the other side. Participants are taken from
    ``source_json``/``target_json`` (every one, not only the first)."""
    def side(js, code, sector, text):
        parts = [p for p in (json.loads(js) if js else []) if p.get("code")]
        seen, out = set(), []
        for p in parts:
            k = (p.get("code"), p.get("sector"))
            if k not in seen:
                seen.add(k)
                out.append((p.get("code"), p.get("sector"), p.get("text")))
        return out or [(code, sector, text)]

    rows = []
    for sc, ss, st in side(e.get("source_json"), e.get("source_code"), e.get("source_sector"),
                           e.get("source_text")):
        for tc, ts, tt in side(e.get("target_json"), e.get("target_code"),
                               e.get("target_sector"), e.get("target_text")):
            rows.append({**e, "source_code": sc, "source_sector": ss, "source_text": st,
                         "target_code": tc, "target_sector": ts, "target_text": tt})
    return rows


def _gdelt(store: Store, out: Path, where: str, params: list) -> list[Path]:
    path = out / "events.gdelt.tsv"
    with _written_aside(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for e in _dict_rows(_fetch_events(store, where, params)):
            for pair in dyads(e):
                fh.write("\t".join(gdelt_row(pair)) + "\n")
    doc = out / "GDELT_COLUMNS.txt"
    lines = ["# events.gdelt.tsv: GDELT 2.0 event table layout, tab-separated, no header.",
             "# One row per source x target pair of an event: the rows of one lagebild event",
             "# share its id in column 1 (GlobalEventID), so GlobalEventID is not unique.",
             "# Day, MonthYear, Year and FractionDate hold only what the event's date determines",
             "# (GDELT has no precision column): a day fills all four, a month MonthYear and Year,",
             "# a year Year alone (a week or season: the month or year it lies within); the rest",
             "# are empty, as all four are for an event without a known date (an article without",
             "# a date that names none for the event). Dates are zero-padded (year 2: 0002). A",
             "# reader that needs integers there should drop or fill those rows.",
             "# column number, name, filled by lagebild (yes/empty)"]
    lines += [f"{i}\t{c}\t{'yes' if c in GDELT_FILLED else 'empty'}"
              for i, c in enumerate(GDELT_COLUMNS, 1)]
    with _written_aside(doc) as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path, doc]


def _plover_side(js: str | None) -> list[dict[str, Any]]:
    if not js:
        return []
    # what the text does not say (as every other output keeps it): a side a fallback filled in
    # (inferred), a named side whose country is the story's (code_inferred), one named in another
    # sentence than the event's (named_elsewhere); null when said, or not known
    return [{"actorText": p.get("text"), "code": p.get("code"), "sector": p.get("sector"),
             "inferred": p.get("inferred"), "code_inferred": p.get("code_inferred"),
             "named_elsewhere": p.get("named_elsewhere")}
            for p in json.loads(js)]


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER/POLECAT-style record of an event row (a dict from the store)."""
    typ, fact = e["type"], e.get("factuality") or "asserted"
    event = PLOVER_FOLD.get(typ, typ) if fact == "planned" else typ
    context = [PLOVER_CONTEXT[fact]] if fact in PLOVER_CONTEXT else []
    d = e.get("event_date")
    rec: dict[str, Any] = {
        "id": f"lagebild-{e['event_id']}",
        "date": d.isoformat() if d else None,
        "datePrecision": e.get("date_precision"),
        "event": event,
        "mode": e.get("mode") if event == typ else None,
        "context": context,
        "actor": _plover_side(e.get("source_json")),
        "recipient": _plover_side(e.get("target_json")),
        # which sides the text does not name, by the policy that filled them in (as the CSV and
        # Parquet exports' columns; [] when the text names them all)
        "source_inferred": list(e.get("source_inferred") or []),
        "target_inferred": list(e.get("target_inferred") or []),
        # the codes of the sides the text names in another sentence than the one that tells it
        "source_named_elsewhere": list(e.get("source_named_elsewhere") or []),
        "target_named_elsewhere": list(e.get("target_named_elsewhere") or []),
        "location": ({"text": e.get("location_text"), "code": e.get("location_code")}
                     if e.get("location_text") or e.get("location_code") else None),
        "eventText": e.get("cue"),
        "text": e.get("mention_text"),
        "language": "de",
        "factuality": fact,
        "condition": e.get("condition"),
        # according to whom ("sagte Kremlsprecher Peskow", "laut Nato"), as lagebild keeps it
        "reportedBy": ({"actorText": e.get("reported_by_text"), "code": e.get("reported_by_code"),
                        "sector": e.get("reported_by_sector")}
                       if e.get("reported_by_text") or e.get("reported_by_code") else None),
        "original_event": typ,
        "original_mode": e.get("mode"),
        "quad_class": e.get("quad_class"),
        "goldstein": e.get("goldstein"),
        "cameo": e.get("cameo"),
        "num_mentions": e.get("num_mentions"),
        "num_articles": e.get("num_articles"),
        "num_sources": e.get("num_sources"),
        # the URLs of the articles that tell it, where they have one ([] when none has: files
        # without a URL), and the input ids of all of them
        "urls": list(e.get("urls") or []),
        "doc_ids": list(e.get("doc_ids") or []),
        # the learned coder's estimate (null from the rule coder alone), as in every other output
        "confidence": e.get("confidence"),
    }
    # always present, as every other field (null when the text gives no number)
    rec["magnitude"] = ({"value": e["magnitude_value"], "unit": e.get("magnitude_unit"),
                         "qualifier": e.get("magnitude_qualifier")}
                        if e.get("magnitude_value") is not None else None)
    return rec


def _plover(store: Store, out: Path, where: str, params: list) -> list[Path]:
    path = out / "events.plover.jsonl"
    with _written_aside(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for e in _dict_rows(_fetch_events(store, where, params)):
            fh.write(json.dumps(plover_record(e), ensure_ascii=False, default=str) + "\n")
    return [path]
