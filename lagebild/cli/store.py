"""CLI commands of the event database: ingest, watch, events, timeline, summary, export."""
from __future__ import annotations

import datetime as _dt
import json
import math
import sys
from pathlib import Path
from dataclasses import replace
from collections.abc import Callable
from typing import Any, NoReturn

import click
import pandas as pd
from click.core import ParameterSource

from ..errors import InputError, LagebildError
from ..records import EVENT_SORT_ALIASES, EVENT_SORTS, Article
from ..modelinfo import default_floor_text
from ..wording import count
from .options import (db_option, EXIT_INTERRUPTED, EXIT_NOTHING_READ, EXIT_OK, EXIT_SOME_FAILED, EMPTY_ACTOR_HELP, Number,
                      ChoiceWithAliases, actor_callback, check_date, check_factualities, check_sectors, check_types, country_option, fail,
                      reader_kwargs, reader_options, resolve_actor, usage_error, wait_message, wait_option, ACTOR_NAME_HELP)

DB_HELP = ("The DuckDB database file (created by ingest when missing; a run that fails "
           "before storing anything leaves none). Default: $LAGEBILD_DB.")


def _one_spelling(new: tuple[str, Any], old: tuple[str, Any]) -> tuple[str, Any]:
    """(option name, value) of an option given by its clear name (``new``) or by its older
    spelling (``old``: ``--source``, which scripts from before December 2026 use); both at once is
    a usage error. The name is the one typed, for the messages."""
    if new[1] is not None and old[1] is not None:
        raise usage_error(f"{old[0]} is the older spelling of {new[0]}: give one of them", old[0])
    return new if old[1] is None else old


#: what the word "source" means in each command's options, said once in each --help: the outlet
#: (the news source) in ingest and reanalyze, the actor on an event's source side in events
OUTLET_NOT_ACTOR = ("The outlet is the news source, not an actor: the actor on an event's source "
                    "side is `lagebild events --source-actor`.")
ACTOR_NOT_OUTLET = ("The actor who acts, not the outlet (the news source: `lagebild ingest "
                    "--outlet`; --min-outlets counts outlets).")


def _db_option(f):
    return db_option(DB_HELP)(f)


_fail = fail       # a bad value: a usage error (exit 2); any other error: exit 1 (options.fail)


# -- output helpers ---------------------------------------------------------------------------
def _plain(v: Any) -> Any:
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if isinstance(v, _dt.datetime):  # also pandas Timestamp; NaT is caught below
        try:
            if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
                return v.date().isoformat()
            return v.isoformat()
        except ValueError:
            return None
    if isinstance(v, _dt.date):
        return v.isoformat()
    if hasattr(v, "tolist"):  # numpy values and arrays
        return _plain(v.tolist())
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    try:
        if v != v:  # NA
            return None
    except (TypeError, ValueError):
        pass
    return v


def _records(df) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _cell(v: Any, width: int) -> str:
    v = _plain(v)
    if v is None:
        s = "-"
    elif isinstance(v, list):
        s = ",".join(str(x) for x in v) or "-"
    elif isinstance(v, float):
        s = f"{v:g}"
    else:
        s = str(v)
    s = s.replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def _table(df, columns: list[str] | None = None, width: int = 28) -> str:
    cols = columns or list(df.columns)
    rows = [[_cell(r[c], width) for c in cols] for r in df.to_dict(orient="records")]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out)


def _emit(df, fmt: str, table_columns: list[str] | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(_records(df), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        data = df.copy()
        for c in data.columns:
            if data[c].dtype == object:
                data[c] = data[c].map(lambda v: ";".join(map(str, v)) if isinstance(
                    v, (list, tuple)) or hasattr(v, "tolist") and not isinstance(v, str)
                    else v)
        click.echo(data.to_csv(index=False), nl=False)
    else:
        if len(df) == 0:
            click.echo("(no matching rows)")
        else:
            click.echo(_table(df, table_columns))


# -- ingest -----------------------------------------------------------------------------
def _ingest_options(f=None, *, feeds: bool = True):
    """The options of the commands that analyze and store articles (ingest, watch, reanalyze);
    ``feeds=False``: without the feed options (reanalyze reads no feed)."""
    if f is None:
        return lambda g: _ingest_options(g, feeds=feeds)
    allow_private = click.option(
        "--allow-private-hosts", is_flag=True,
        help="Feeds: allow hosts on loopback/private addresses (a feed server in your own network). "
             "By default lagebild refuses them, and link-local, multicast and reserved addresses, on "
             "every redirect. Also $LAGEBILD_ALLOW_PRIVATE_HOSTS=1.")
    opts = [
        click.option("--workers", "-w", type=click.IntRange(1, 256), default=1, show_default=True,
                     help="Analysis processes on this machine (each loads the models once). "
                          "The parent process reads and writes; 1 = analyze in-process."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Run the analysis on an existing Dask cluster, e.g. "
                          "tcp://10.0.0.5:8786 (needs the dask extra here, pip install '.[dask]' in "
                          "lagebild's folder, and "
                          "lagebild on the workers). Results are written here."),
        click.option("--batch-size", type=click.IntRange(1, 100000), default=64,
                     show_default=True,
                     help="Articles per database transaction. A killed run loses at most "
                          "this many (they are redone on the next run)."),
        click.option("--near-threshold", type=Number(0.5, 1.0), default=0.8,
                     show_default=True,
                     help="MinHash Jaccard similarity from which an article counts as a "
                          "near-duplicate (wire copy, updated version) of an earlier one."),
        click.option("--recycle-after", type=click.IntRange(1), default=None,
                     metavar="ARTICLES",
                     help="With --workers: replace each worker process by a fresh one "
                          "after about this many articles (bounds memory on endless "
                          "streams such as watch; costs one model load each time)."),
        click.option("--analyzer", metavar="MODULE:CALLABLE", default=None,
                     help="Analyzer factory to use instead of lagebild.pipeline:Analyzer "
                          "(a plug-in analyzer, or a stub in tests)."),
        click.option("--min-confidence", type=Number(0, 1), default=None,
                     help="Store only events whose confidence (learned coder) reaches this "
                          "(default: what the analyzer keeps, " + default_floor_text() + "; events "
                          "without a confidence, those of the rule coder, are always kept)."),
        click.option("--time-budget", type=Number(0), default=300.0,
                     show_default=True, metavar="SECONDS",
                     help="Longest analysis of one article; a slower one is reported and "
                          "skipped (0: no limit)."),
        allow_private,
        click.option("--quiet", "-q", is_flag=True,
                     help="No progress and no summary on stderr/stdout; errors only."),
        click.option("--progress-interval", type=Number(min=0), default=None,
                     help="Seconds between progress updates (default: 0.5 on a terminal, "
                          "10 otherwise; 0: one line per committed batch)."),
        wait_option,
    ]
    if not feeds:
        opts = [o for o in opts if o is not allow_private]
    for o in reversed(opts):
        f = o(f)
    return f


#: the feed timeout of ingest and watch (one definition: the same bounds and help)
_feed_timeout_option = click.option(
    "--timeout", "feed_timeout", type=Number(min=0.5), default=10.0, show_default=True,
    help="Feeds: seconds before a request (the feed or an item page) gives up waiting; a "
         "request is tried again twice, so a dead server costs about three times this.")


_SIGNALLED = {"at": None}       # set when Ctrl-C or SIGTERM arrived (a later error is its aftermath)


def _sigterm_as_interrupt() -> None:
    """SIGTERM stops like Ctrl-C: the batch in flight is rolled back, a message says so. Both
    signals are noted, so that an error they cause later (DuckDB's "transaction is aborted"
    while the batch is rolled back) is reported as the interrupt, not as a failed write."""
    import signal
    import threading

    def handler(signum, frame):
        _SIGNALLED["at"] = signum
        raise KeyboardInterrupt

    _SIGNALLED["at"] = None             # a signal of an earlier command (in one process) is not this one's
    if threading.current_thread() is threading.main_thread():
        before = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for sig, h in before.items():
                signal.signal(sig, h)
        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            ctx.call_on_close(restore)   # the handlers are the command's only


def _interrupted() -> None:
    """The message and exit status (130) of a writing command stopped by Ctrl-C or SIGTERM."""
    click.echo("interrupted: the batches committed so far are kept; rerun the same "
               "command to continue", err=True)
    sys.exit(EXIT_INTERRUPTED)


def _fail_or_interrupted(exc: LagebildError, interrupted: Callable[[], None] | None = None) -> None:
    """An error of a writing command: the interrupt message (exit 130; ``interrupted``: another
    one) when a signal came first or caused it, else the error."""
    if _stopped_by_signal(exc):
        (interrupted or _interrupted)()
    _fail(exc)


def _stopped_by_signal(exc: BaseException | None) -> bool:
    """Whether a writing command's error is its interrupt or the aftermath of one: Ctrl-C or
    SIGTERM came first (``_SIGNALLED``; a worker pool shut down by it can raise an error with no
    trace of the interrupt), or the error is the interrupt (``_is_interrupt``)."""
    return _SIGNALLED["at"] is not None or _is_interrupt(exc)


def _is_interrupt(exc: BaseException | None) -> bool:
    """Ctrl-C or SIGTERM, also when it arrived while DuckDB ran a query (DuckDB turns the
    interrupt into "RuntimeError: Query interrupted") or when cleaning up after it raised
    another error (the interrupt is then that error's context)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, KeyboardInterrupt) or (
                isinstance(exc, Exception) and ("query interrupted" in str(exc).lower()
                                                or "keyboardinterrupt" in str(exc).lower())):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _failed_start(db: str, created: bool, exc: LagebildError) -> LagebildError:
    """A run that failed (an unreachable scheduler, an analyzer that cannot load) leaves no
    database behind that it created and stored nothing in, as an ingest of missing inputs
    creates none; returns ``exc`` to report."""
    if created:
        from ..store import remove_if_unused
        remove_if_unused(db)
    return exc


def _start(db: str, o: dict[str, Any], *, create: bool = True,
           stopped: Callable[[], None] | None = None):
    """(store, ingester, whether this run created the database) of an ingest, watch or reanalyze
    run (``create``: whether a missing database is created); a failed start exits with its
    message and leaves no database it created behind. Ctrl-C or
    SIGTERM before the run starts (while ``--wait`` waits for the file, while the analyzer
    loads) is the command's interrupt: ``stopped()`` (watch: 0, "stopped"), by default
    ``_interrupted`` (130), not click's "Aborted!" with exit 1."""
    created = create and not Path(db).exists()
    try:
        store, ing = _make(db, o, create=create)
    except LagebildError as exc:
        _fail_or_interrupted(_failed_start(db, created, exc), stopped or _interrupted_at_start)
    except BaseException as exc:
        if not _stopped_by_signal(exc):
            raise
        _failed_start(db, created, exc)
        (stopped or _interrupted_at_start)()
    return store, ing, created


def _interrupted_at_start() -> NoReturn:
    """``_interrupted`` for a writing command stopped before it wrote anything (while ``--wait``
    waited for the database, while the analyzer loaded): exit 130."""
    click.echo("interrupted before anything was read or written; rerun the same command", err=True)
    sys.exit(EXIT_INTERRUPTED)


#: how many events ``events`` shows as a table unless --limit says otherwise (json and csv: all)
TABLE_LIMIT = 50


def _feed_kw(o: dict[str, Any]) -> dict[str, Any]:
    return {"allow_private": True} if o.get("allow_private_hosts") else {}


def _make(db: str, o: dict[str, Any], *, create: bool = True):
    from ..ingest import Ingester, Progress
    from ..store import open_store

    wait = o.get("wait") or 0.0
    say = None if o["quiet"] else (lambda exc: click.echo(wait_message(db, wait, exc), err=True))
    store = open_store(db, create=create, wait=wait, on_wait=say)
    progress = Progress(quiet=o["quiet"], interval=o["progress_interval"])
    try:
        ing = Ingester(store, workers=o["workers"], scheduler=o["scheduler"],
                       analyzer=o["analyzer"], batch_size=o["batch_size"],
                       near_threshold=o["near_threshold"],
                       recycle_after=o["recycle_after"], progress=progress,
                       time_budget=o["time_budget"] or None, min_confidence=o["min_confidence"],
                       country=o.get("country"), redate=bool(o.get("redate")))
    except BaseException:
        store.close()
        raise
    return store, ing


def _print_summary(store, stats, fmt: str, top: int) -> None:
    from ..ingest import summary_json, summary_text

    s = store.summary(top=top)
    click.echo(summary_json(s, stats) if fmt == "json" else summary_text(s, stats))


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@_ingest_options
@country_option
@reader_options
@_feed_timeout_option
@click.option("--outlet", "outlet", metavar="NAME", default=None,
              help="The outlet (news source, e.g. Tagesblatt) of the files read, for articles that "
                   "do not name one (text and HTML files do not): events count their sources by "
                   "it, and articles without any count as one unnamed source. " + OUTLET_NOT_ACTOR)
@click.option("--source", "outlet_old", metavar="NAME", default=None,
              help="Older spelling of --outlet (the outlet).")
@click.option("--summary-format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the situation summary printed at the end.")
@click.option("--top", type=click.IntRange(0), default=5, show_default=True,
              help="Dyads in the summary.")
def ingest_cmd(inputs, db, **o):
    """Analyze articles and store their events in a DuckDB database.

    INPUTS are files, folders (read recursively), '-' for stdin, or http(s) URLs
    of RSS/Atom feeds: plain text or seed-format files (first line 'date
    YYYY-MM-DD'), JSON Lines, CSV, HTML pages, saved RSS/Atom files. Known texts
    (same normalised text) are skipped before analysis, so running the same
    command twice adds no article (with --dct it dates stored articles that
    have no date); another text under an id the input gave and the store holds
    is refused; a feed item the feed marks as changed (later Atom updated or RSS
    pubDate) replaces its stored version, events included, also when two saved
    snapshots of one feed come in one run (the latest version is kept, in any
    order). Near-duplicates are
    linked; mentions of the same happening in different articles are merged
    into one event with its numbers of mentions, articles and sources. Each batch is one transaction: after a crash or
    Ctrl-C, rerun the same command. Prints a short situation summary at the end.

    Exit status: 0 when everything was read (also when nothing was new), 1 when
    nothing could be read, 3 when some inputs, feed items or articles failed and
    the rest was stored (partial success), 2 for a usage error (a bad option or
    value: nothing was read), 75 when another process holds the database (an
    ingest, watch or reanalyze writing, a `lagebild serve` answering a request:
    nothing was read or written; run it again later, or give --wait SECONDS),
    130 when stopped by Ctrl-C or SIGTERM. Problems are always reported on
    stderr, also with --quiet.

    \b
    Examples:
      lagebild ingest examples/ --db lage.duckdb
      lagebild ingest news.jsonl export.csv --db lage.duckdb --workers 2
      lagebild ingest articles.csv.xz --csv-delimiter ';' --csv-quotechar "'" --csv-no-header --csv-id 0 --csv-text 2 --db lage.duckdb
      lagebild ingest https://example.org/feed.xml --db lage.duckdb
      lagebild ingest tagesblatt/ --db lage.duckdb --outlet Tagesblatt
      lagebild ingest big/ --db lage.duckdb --scheduler tcp://10.0.0.5:8786
      lagebild ingest new/ --db lage.duckdb --wait 60    # from cron, beside `lagebild serve`
    """
    from ..ingest import IngestStats, _add, ingest_feed, is_url

    _, o["outlet"] = _one_spelling(("--outlet", o["outlet"]), ("--source", o.pop("outlet_old")))
    urls = [i for i in inputs if is_url(i)]
    paths = [i for i in inputs if not is_url(i)]
    read_kw = reader_kwargs(o)
    o["redate"] = bool(read_kw.get("dct") and read_kw.get("dct_override"))
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing and len(missing) == len(inputs):
        # nothing to read: no database file is created for it (an empty one was left behind)
        raise click.ClickException(f"no such file or folder: {', '.join(missing[:3])}"
                                   f"{' ...' if len(missing) > 3 else ''} -- check the path")
    _sigterm_as_interrupt()
    store, ing, created = _start(db, o)
    interrupted = unused = False
    total = IngestStats()
    try:
        with store, ing:
            if paths:
                try:
                    from ..readers import iter_articles
                except ImportError as exc:  # pragma: no cover - readers ship with lagebild
                    raise LagebildError(f"file readers unavailable: {exc}") from exc

                articles = _in_band(iter_articles, paths, **read_kw)
                if o.get("outlet"):
                    articles = (replace(a, source=a.source or o["outlet"]) if isinstance(a, Article) else a
                                for a in articles)
                _add(total, ing.ingest(articles))
            for url in urls:
                stats, _ = ingest_feed(ing, url, timeout=o["feed_timeout"], **_feed_kw(o))
                _add(total, stats)
            unused = _first_run_read_nothing(created, total)
            if not o["quiet"] and not unused:
                _print_summary(store, total, o["summary_format"], o["top"])
    except LagebildError as exc:
        _fail_or_interrupted(_failed_start(db, created, exc))
    except BaseException as exc:
        if not _stopped_by_signal(exc):
            raise
        interrupted = True
    if interrupted:
        _interrupted()
    removed = unused and _remove_unused(db)     # the summary above was left out for it
    _exit(exit_status(total), total, "some inputs or articles failed", db if removed else None)


def _first_run_read_nothing(created: bool, stats) -> bool:
    """Whether a run that created the database could read nothing (every input, feed or feed item
    failed: ``exit_status`` 1). Such a run leaves no database (``_remove_unused``; the state of a
    feed that failed is no reason to keep one), as an ingest of missing paths creates none, and
    prints no summary of it. The one rule of ``ingest`` and ``watch``; a database that was there
    is kept with what it holds."""
    return created and exit_status(stats) == EXIT_NOTHING_READ


def _remove_unused(db: str) -> bool:
    """Remove the database of a run for which ``_first_run_read_nothing`` holds, once closed;
    whether it was removed (a file another process holds is left)."""
    from ..store import remove_if_unused
    return remove_if_unused(db, feed_state=False)


def _exit(code: int, stats, some_failed: str, removed: str | None = None) -> None:
    """The end of a run of set length (ingest, watch --max-rounds) with exit status ``code``: a
    line on stderr and exit 1 when nothing could be read (``removed``: the database the run
    created, left out), 3 when ``some_failed`` (partial success); nothing when all went
    through."""
    if code:
        click.echo(f"{count(stats.errors, 'error')}: "
                   + ("nothing could be read" if code == EXIT_NOTHING_READ else some_failed)
                   + " (see the messages above)"
                   + (f"; no database was left at {removed}" if removed else ""), err=True)
        sys.exit(code)


def exit_status(stats) -> int:
    """0: everything was read (or there was nothing new); 1: nothing could be read;
    3: some inputs, feed items or articles failed (``options.EXIT_*``)."""
    if not stats.errors:
        return EXIT_OK
    return EXIT_NOTHING_READ if stats.read == 0 else EXIT_SOME_FAILED


def _in_band(iter_articles, paths, **kw):
    """The readers' errors in the article stream (the ingester counts and shows them
    with its own, so the progress line, the summary and the exit status agree)."""
    errors: list[InputError] = []
    for art in iter_articles(paths, on_error=errors.append, **kw):
        yield from errors
        errors.clear()
        yield art
    yield from errors


@click.command("watch")
@click.argument("urls", nargs=-1, required=True)
@_db_option
@click.option("--every", default="10m", show_default=True,
              help="Polling interval: 90, 30s, 10m, 1h. Each round waits this long "
                   "(± --jitter) after the previous one; ETag/Last-Modified are sent so an "
                   "unchanged feed costs one small request.")
@click.option("--jitter", type=Number(0, 0.5), default=0.1, show_default=True,
              help="Random share of the interval added or removed each round.")
@click.option("--max-rounds", type=click.IntRange(1), default=None,
              help="Stop after this many rounds (default: run until Ctrl-C).")
@_feed_timeout_option
@_ingest_options
@country_option
def watch_cmd(urls, db, every, jitter, max_rounds, feed_timeout, **o):
    """Poll RSS/Atom feeds and ingest new articles, round after round.

    Feed state (ETag, Last-Modified, last fetch) is kept in the database, so a
    restarted watcher continues politely where it stopped. The pages of stored
    items are not fetched again, unless the feed gives an item a later update
    time (Atom updated, RSS pubDate): then a new text replaces the stored one,
    with its events (a correction); when its page fails, the feed's new summary
    does, as for a new item (a note says so), unless a server's passing trouble
    (timeout, 5xx) would put it over a stored full article (600 characters or
    more; a shorter one was an earlier summary): that waits for the next round. A feed that fails
    (timeout, 404/500, bad XML, too big) gives a warning and the others go on.
    Stop with Ctrl-C: the current batch is rolled back, everything before it kept.
    Between rounds the database file is released, so `lagebild events`,
    `timeline`, `summary` and `export` can read it while the watcher waits.

    \b
    Examples:
      lagebild watch https://example.org/feed.xml --db lage.duckdb
      lagebild watch URL1 URL2 --every 30m --db lage.duckdb --workers 2
      lagebild watch URL --every 1m --max-rounds 3 --db test.duckdb

    Exit status with --max-rounds: 0 when every round went through, 3 when some feeds,
    feed items or articles failed (the messages above say which; partial success), 1
    when a first watch (the database created by it) could read nothing: like a first
    ingest, it leaves no database. 2 for a usage error. 75 when another process holds
    the database at the start (--wait SECONDS waits for it; between rounds the watcher
    waits as long as it takes). A watcher stopped with Ctrl-C or SIGTERM exits 0: what
    failed in its rounds was reported as it happened.
    """
    from ..ingest import parse_interval, watch

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise usage_error(str(exc), "--every") from None
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise usage_error(f"not an http(s) URL: {bad[0]}", "URLS")
    if seconds < 60 and not o["quiet"]:
        click.echo(f"warning: polling every {seconds:g}s is not polite to most servers; "
                   f"use --every 10m or more for real feeds", err=True)
    _sigterm_as_interrupt()

    def stopped() -> NoReturn:      # Ctrl-C while --wait waits: a stop, as in a round (exit 0)
        click.echo("stopped before the first round; nothing was read or written", err=True)
        sys.exit(EXIT_OK)
    store, ing, created = _start(db, o, stopped=stopped)

    def on_round(n, stats):
        if not o["quiet"]:
            click.echo(f"round {n}: {count(stats.new - stats.updated, 'new article')}"
                       + (f", {stats.updated} corrected (new versions of stored items)" if stats.updated else "")
                       + f", {count(stats.events_new, 'new event')}, {stats.events_merged} merged, "
                       f"{count(stats.errors, 'error')}",
                       err=True)

    try:
        with store, ing:
            total = watch(ing, list(urls), every=seconds, jitter=jitter,
                          max_rounds=max_rounds, on_round=on_round, timeout=feed_timeout,
                          **_feed_kw(o))
            unused = _first_run_read_nothing(created, total)    # as ingest's: no database, no summary
            if not o["quiet"] and not unused:
                if store.con is None:       # stopped while the file was released between rounds
                    click.echo(f"stopped; `lagebild summary --db {db}` shows the picture", err=True)
                else:
                    _print_summary(store, total, "text", 5)
    except LagebildError as exc:
        _fail(_failed_start(db, created, exc))
    removed = unused and _remove_unused(db)
    if max_rounds is not None:      # a run of set length, as ingest: 3 when some failed
        # 1 for a first watch that read nothing (as ingest's); otherwise a feed that did not
        # change (304) read nothing but did not fail, so a failure beside it is partial: 3
        _exit(EXIT_NOTHING_READ if unused else EXIT_SOME_FAILED if total.errors else EXIT_OK,
              total, "some feeds, feed items or articles failed", db if removed else None)


def _assign_country(store, country: str, source: str | None, quiet: bool,
                    option: str = "--outlet") -> None:
    """``reanalyze --country``: mark the stored articles without a country (of the outlet
    ``source``, given by ``option``)."""
    if source is not None and source not in {s for s, _ in store.article_sources()}:
        known = ", ".join(f"{s!r} ({n})" for s, n in store.article_sources() if s is not None)
        raise usage_error(f"no stored article has the outlet {source!r}; stored outlets "
                          f"(articles): {known or 'none (no article has an outlet)'}", option)
    n = store.assign_country(country, source)
    if not quiet:
        of = f" of {source!r}" if source is not None else ""
        one = n == 1
        click.echo(f"{count(n, 'stored article')}{of} without a country now {'has' if one else 'have'} "
                   f"{country}" + ((" and is" if one else " and are") + " re-analyzed" if n
                                   else " (every one had a country already)"), err=True)


def _reanalyze_summary(stats, country: str | None = None) -> str:
    """What a re-analysis changed, in numbers that add up: the re-analyzed articles' events
    (new ones + those merged into an event already there) and the database's events before and
    after (after = before - removed + new; "kept": events of before that are still there, because
    a re-analyzed mention merged into them again or their articles were not re-analyzed)."""
    s = stats
    if not s.read and not s.errors:     # not "re-analyzed 0 articles ... gave 0 new events"
        kept = (f"; the database is unchanged ({count(s.events_before, 'event')})"
                if s.events_before is not None else "")
        hint = ("" if country else "; --country CODE re-analyzes those stored without a country")
        return ("nothing to re-analyze: every stored article was analyzed by the current analyzer"
                f"{kept} -- after an upgrade of lagebild this re-analyzes the older ones{hint}")
    text = (f"re-analyzed {count(s.read - s.errors, 'article')} ({s.errors:,} failed): their "
            f"{count(s.events_new + s.events_merged, 'event')} gave {count(s.events_new, 'new event')}, "
            f"{s.events_merged:,} merged into an event already there")
    if s.events_before is not None and s.events_after is not None:
        kept = s.events_before - (s.events_removed or 0)
        text += (f"; events in the database: {s.events_before:,} before, {s.events_after:,} after "
                 f"({s.events_new:,} new, {s.events_removed or 0:,} removed, {kept:,} kept)")
    return text


@click.command("reanalyze")
@_db_option
@_ingest_options(feeds=False)
@country_option
@click.option("--outlet", "only_outlet", metavar="NAME", default=None,
              help="With --country: only the articles of this outlet (news source: the name ingest "
                   "stored; a wrong name lists the stored ones). " + OUTLET_NOT_ACTOR)
@click.option("--source", "only_source", metavar="NAME", default=None,
              help="Older spelling of --outlet (the outlet).")
def reanalyze_cmd(db, only_outlet, only_source, **o):
    """Re-run the analysis of stored articles analyzed by an older lagebild version.

    Each article records the analyzer version that produced its events; after an
    upgrade this command re-analyzes the older ones and replaces their events,
    mentions, actors and quotes (events merge again across articles). One batch per
    transaction: after a crash or Ctrl-C, run it again to continue. Exit status 3 when
    some articles failed (their old events are kept; partial success), 2 for a usage error,
    75 when another process holds the database (--wait SECONDS waits for it). Replaced events get new ids: an
    /events/ID link or an exported event_id from before no longer points at them (export
    again afterwards; articles keep their article_id). It ends with what changed: the
    articles' events (new, merged into an event already there) and the database's events
    before and after (new, removed, kept).

    With --min-confidence F, also the articles analyzed with another confidence floor
    are redone, at F: `--min-confidence 0` keeps the events below the floor that an
    article's page counts (the floor of each article is stored; ingest skips an article
    it holds, so a lower floor there changes nothing for it).

    With --country, stored articles that were ingested without a country first get
    it (of one outlet with --outlet) and are re-analyzed with it, also when their
    analyzer version is current; an article that has a country keeps it.

    \b
    Examples:
      lagebild reanalyze --db lage.duckdb
      lagebild reanalyze --db lage.duckdb --workers 2
      lagebild reanalyze --db lage.duckdb --min-confidence 0
      lagebild reanalyze --db lage.duckdb --country AUT --outlet derStandard
    """
    _sigterm_as_interrupt()
    country = o.pop("country", None)
    outlet_option, only_outlet = _one_spelling(("--outlet", only_outlet), ("--source", only_source))
    if only_outlet is not None and not country:
        raise click.UsageError(f"{outlet_option} only selects the articles that --country applies to; "
                               "give --country CODE too")
    store, ing, _ = _start(db, o, create=False)     # a mistyped --db is an error, no new empty file
    try:
        with store, ing:
            if country:
                _assign_country(store, country, only_outlet, o["quiet"], outlet_option)
            stats = ing.reanalyze()
            if not o["quiet"]:
                click.echo(_reanalyze_summary(stats, country), err=True)
    except LagebildError as exc:
        _fail_or_interrupted(exc)
    except BaseException as exc:
        if not _stopped_by_signal(exc):
            raise
        _interrupted()
    if stats.errors:
        sys.exit(EXIT_SOME_FAILED)


# -- queries --------------------------------------------------------------------------------
# A bad value of a query option (a date, a type, a factuality, an actor, a period that holds no
# day) is a usage error, exit 2, reported by options.usage_error before the database is opened;
# a missing or unreadable database is exit 1 (options.fail).
_SINCE_HELP = ("First day, inclusive (YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD or DD.MM.YYYY; a month or "
               "week from its first day).")
_UNTIL_HELP = ("Last day, inclusive (YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD or DD.MM.YYYY; a month or "
               "week to its last day).")


@click.command("actors")
@click.option("--search", "text", default=None, metavar="TEXT",
              help="Part of a name, stand-in or code (case-insensitive). Required without --db.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="List the actors of this database instead, each with its number of events "
                   "(most first); --search then keeps those whose code or name contains TEXT.")
@click.option("--limit", type=click.IntRange(1), default=30, show_default=True,
              help="At most this many names (a note on stderr says when more match).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def actors_cmd(text, db, limit, fmt):
    """List the actor names the lexicon knows, with their codes (what --actor accepts), or with
    --db the actors a database holds events of.

    The column matched_as says how --actor reads a name: "code" (a country's or an
    organisation's own name, or its people: "Russland", "Russen", "EU" are every actor of the
    code) or "name" (a person, party, institution, region or stand-in: "Kreml", "Putin",
    "Bayern", "EU-Kommission" are the events whose participants are called so; the code shown
    is the one the analyzer gives them, and "NAME (CODE)" keeps that country's).

    \b
    Examples:
      lagebild actors --search russ
      lagebild actors --search Kreml
      lagebild actors --search IRN --format json
      lagebild actors --db lage.duckdb
      lagebild actors --db lage.duckdb --search ser
    """
    if text is not None and not text.strip():
        raise usage_error("an empty search matches no name -- give part of a name, stand-in "
                          "or code, e.g. --search russ", "--search")
    if db is None and text is None:
        raise click.UsageError("give --search TEXT (names the lexicon knows) or --db FILE (the actors "
                               "of a database), e.g. lagebild actors --search russ")
    if db is not None:
        rows = _stored_actors(db, text)
        what = "actor"
    else:
        from ..actor_names import search
        rows = [{"name": h.name, "code": h.code, "sector": h.sector, "kind": h.kind,
                 "matched_as": "code" if (h.whole or h.kind in ("country", "name")) else "name"}
                for h in search(text, limit=None)]
        what = "name"
    hits = rows[:limit]
    if len(rows) > limit:      # a cut list says so (on stderr: the JSON on stdout stays whole)
        click.echo(f"note: {len(hits)} of {count(len(rows), what)} shown; --limit {len(rows)} "
                   "shows all", err=True)
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    if not hits:        # a search that matches nothing is no error (as an events filter's; JSON: [])
        if db is None:
            click.echo(f"no actor name contains {text!r} -- try a shorter part of a name (russ, Kreml) "
                       "or a code (RUS)")
        elif text:
            click.echo(f"no actor of the database matches {text!r} -- `lagebild actors --db {db}` "
                       "lists them all")
        else:
            click.echo("the database holds no events yet -- ingest articles first")
        return
    click.echo(_table(pd.DataFrame(hits), width=40))


def _stored_actors(db: str, text: str | None) -> list[dict[str, Any]]:
    """The actors of the database's events, most events first, with their names; with ``text``
    only those whose code or name contains it, or that a name of a whole country the lexicon
    knows containing it stands for ("Russen": RUS; not "Kreml", a name of its own),
    case-insensitive; then the names the articles hold with a word beginning with it
    ("Schnedlitz": Michael Schnedlitz, AUT), a row per name and code. ``matched_as``: how
    ``--actor`` reads the row's name ("code": every actor of the code; "name": the participants
    called so, of that code with "NAME (CODE)")."""
    from ..actor_names import search
    from ..queries import EventFilter, Queries
    from ..actor_names import actor_name
    with _open_ro(db) as store:
        top = Queries(store.con).top_actors(EventFilter(), limit=None)
        rows = [{"code": r["code"], "name": actor_name(r["code"]) or "", "matched_as": "code",
                 "events": r["events"]} for r in top]
        if text:
            t = text.strip().lower()
            meant = {h.code for h in search(text, limit=None) if h.whole or h.kind in ("country", "name")}
            rows = [r for r in rows if t in r["code"].lower() or t in r["name"].lower() or r["code"] in meant]
            # and the names the articles hold (persons, parties, institutions: probe P22), each
            # with the events --actor NAME lists
            from ..store import stored_name_events
            for hit in stored_name_events(store.con, text, 100):
                rows.append({"code": hit["code"] or "", "name": hit["name"], "matched_as": "name",
                             "events": hit["events"]})
    return rows


def _open_ro(db: str):
    from ..store import Store
    try:
        return Store(db, read_only=True)
    except LagebildError as exc:
        _fail(exc)


def _open_with_actors(db: str, actors: dict[str, str | None]):
    """The database opened read-only (or None, not yet opened) and the actor options read
    (``options.resolve_actor``, keyed by option name): by the lexicon, and a code it does not
    list by the database, which the command line then takes as the pages do (a code of an older
    lexicon, an IGO code). An unknown actor is a usage error (exit 2) naming close matches, also
    when the database is missing (before its exit 1: a missing file holds no code)."""
    try:
        read = {opt: resolve_actor(v, opt) for opt, v in actors.items()}
    except click.UsageError:
        if not Path(db).is_file():
            raise
    if not Path(db).is_file():
        return None, read
    store = _open_ro(db)      # the names its articles hold, and where a name's events are
    try:
        read = {opt: resolve_actor(v, opt, store) for opt, v in actors.items()}
    except BaseException:
        store.close()
        raise
    for opt, got in read.items():      # how a name was read, on stderr (a probe: FPÖ was AUT silently)
        for note in (got.notes if got else ()):
            click.echo(f"note: {opt} {note}", err=True)
    return store, read


_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                       default="table", show_default=True,
                       help="Output format. table: for reading (a text longer than 28 characters is "
                            "cut, ending in …; events shows its main columns); json, csv: every "
                            "column in full.")

# every source and every target code (an event DEU,FRA -> IRN shows both sources)
_EVENT_TABLE_COLS = ["event_id", "date", "type", "source_codes", "target_codes",
                     "factuality", "confidence", "num_mentions", "num_articles", "num_sources", "goldstein",
                     "location_text", "source_text", "target_text", "inferred"]


@click.command("events")
@_db_option
@click.option("--actor", callback=actor_callback, metavar="ACTOR", help="Actor on either side: a code or a name "
                               "(RUS, Russland, FPÖ, Kickl; several: AUT,Grüne), or a code the "
                               "database holds (an IGO code, one of an older lexicon). "
                               + ACTOR_NAME_HELP + " A country name of several countries is refused, "
                               "naming their codes. " + EMPTY_ACTOR_HELP)
@click.option("--source-actor", "source_actor", callback=actor_callback, metavar="ACTOR",
              help="Actor on the source side only (code or name, as --actor). " + ACTOR_NOT_OUTLET)
@click.option("--target-actor", "target_actor", callback=actor_callback, metavar="ACTOR",
              help="Actor on the target side only (code or name, as --actor).")
@click.option("--source", "source_", callback=actor_callback, metavar="ACTOR",
              help="Older spelling of --source-actor (the actor).")
@click.option("--target", callback=actor_callback, metavar="ACTOR", help="The same as --target-actor.")
@click.option("--since", callback=check_date, help=_SINCE_HELP + " An event dated only to a week, month, "
              "season or year counts when its span overlaps the period.")
@click.option("--until", callback=check_date, help=_UNTIL_HELP)
@click.option("--type", "type_", callback=check_types, help="PLOVER type(s): ASSAULT or ASSAULT,COERCE.")
@click.option("--factuality", callback=check_factualities,
              help="asserted, planned, hypothetical, negated (comma list, or 'all'). Default: all "
                   "four, so the list holds events that did not (yet) happen; the factuality "
                   "column says which (timeline counts asserted events only).")
@click.option("--min-mentions", type=click.IntRange(1), default=1, show_default=True,
              help="Only events mentioned at least this often.")
@click.option("--min-outlets", type=click.IntRange(1), default=1, show_default=True,
              help="Only events reported by at least this many distinct outlets (news sources: "
                   "the events' num_sources; the web pages' min_outlets).")
@click.option("--min-sources", "min_sources", type=click.IntRange(1), default=None, hidden=True,
              help="Older spelling of --min-outlets.")
@click.option("--limit", type=click.IntRange(0), default=None,
              help="At most this many events (0: all). [default: 50 for the table, all for json and csv, "
                   "so that a file written with --format csv holds every event]")
@click.option("--sort", type=ChoiceWithAliases(list(EVENT_SORTS), EVENT_SORT_ALIASES), default="date",
              show_default=True,
              help="Order of the events (the same orders as the web overview's): "
                   + "; ".join(f"{k}: {label}" for k, label in EVENT_SORTS.items()) + ".")
@click.option("--min-confidence", type=Number(0, 1), default=None,
              help="Only events whose confidence (from the learned coder) reaches this; events "
                   "without one (rule coder alone) are kept.")
@click.option("--sector", callback=check_sectors, metavar="SECTORS",
              help="Only events with a participant of these PLOVER sectors (comma list: GOV, MIL, "
                   "LEG, JUD, COP, PTY, LAB, ...; a bad value lists them all with their "
                   "names). With --actor, --source-actor or --target-actor, the participants "
                   "those pick must be of them: --actor AUT --sector PTY are Austria's parties.")
@click.option("--with-mentions", is_flag=True,
              help="JSON only: add every mention (article, sentence, text) to each event.")
@_FORMAT
def events_cmd(db, actor, source_actor, target_actor, source_, target, since, until, type_, factuality,
               min_mentions, min_outlets, min_sources, limit, sort, min_confidence, sector, with_mentions,
               fmt):
    """List events from the database, filtered and sorted.

    Each row is one happening, merged across articles, with its numbers of
    mentions, articles and outlets (num_sources: the distinct news sources that
    report it, not the actors on its source side). Dates are the events' own dates (from the
    text when given, else the article's date; a hypothetical event has none, a
    negated one only its own). "inferred" says what the text does not say for
    each source and target: "source: home" (a side filled in), "target country:
    story (Polizei)" (a named side whose country comes from the story, "nearby"
    from the country named just before it, "earlier" from an earlier mention of
    the same role or office, "shared" assumed for a name Germany, Austria and
    Switzerland share), joined by "; ".

    \b
    Examples:
      lagebild events --db lage.duckdb --actor RUS --since 2022-02-01
      lagebild events --db lage.duckdb --actor Russland --target-actor Ukraine
      lagebild events --db lage.duckdb --actor FPÖ --since 2025-01
      lagebild events --db lage.duckdb --actor "Grüne (AUT)" --sector PTY
      lagebild events --db lage.duckdb --type ASSAULT --factuality asserted --limit 20
      lagebild events --db lage.duckdb --source-actor USA --target-actor RUS --format json
      lagebild events --db lage.duckdb --sort mentions --format csv > events.csv
      lagebild events --db lage.duckdb --min-confidence 0.5
    """
    from ..store import StoreError, check_period

    if with_mentions and fmt != "json":
        raise click.UsageError("--with-mentions adds the mentions to JSON output: give --format json too")
    if limit is None:
        limit = TABLE_LIMIT if fmt == "table" else 0
    try:
        check_period(since, until)
    except LagebildError as exc:
        _fail(exc)
    given = click.get_current_context().get_parameter_source("min_outlets") != ParameterSource.DEFAULT
    _, min_outlets = _one_spelling(("--min-outlets", min_outlets if given else None),
                                   ("--min-sources", min_sources))
    src = _one_spelling(("--source-actor", source_actor), ("--source", source_))
    tgt = _one_spelling(("--target-actor", target_actor), ("--target", target))
    store, codes = _open_with_actors(db, {"--actor": actor, src[0]: src[1], tgt[0]: tgt[1]})
    actor, source_, target = codes["--actor"], codes[src[0]], codes[tgt[0]]
    store = store or _open_ro(db)
    with store:
        try:
            df = store.query_events(actor=actor, source=source_, target=target, since=since,
                                    until=until, type=type_, factuality=factuality,
                                    min_mentions=min_mentions, min_sources=min_outlets or 1,
                                    limit=limit + 1 if limit else 0,
                                    sort=sort, min_confidence=min_confidence, sector=sector)
        except StoreError as exc:
            _fail(exc)
        if limit and len(df) > limit:       # one more than asked: say that the list is cut
            df = df.iloc[:limit]
            click.echo(f"note: the first {count(limit, 'event')} (--sort {sort}); more match -- "
                       "--limit 0 lists all", err=True)
        if fmt == "json" and with_mentions and len(df):
            recs = _records(df)
            ms = _records(store.event_mentions([int(x) for x in df["event_id"]]))
            by: dict[int, list] = {}
            for m in ms:
                by.setdefault(m.pop("event_id"), []).append(m)
            for r in recs:
                r["mentions"] = by.get(r["event_id"], [])
            click.echo(json.dumps(recs, ensure_ascii=False, indent=2))
            return
        _emit(df, fmt, _EVENT_TABLE_COLS)


@click.command("timeline")
@click.argument("actor_a", callback=actor_callback)
@click.argument("actor_b", callback=actor_callback)
@_db_option
@click.option("--directed", is_flag=True, help="Only events from ACTOR_A to ACTOR_B.")
@click.option("--since", callback=check_date, help=_SINCE_HELP)
@click.option("--until", callback=check_date, help=_UNTIL_HELP)
@click.option("--factuality", default="asserted", show_default=True, callback=check_factualities,
              help="Which events count (comma list, or 'all').")
@click.option("--sector", callback=check_sectors, metavar="SECTORS",
              help="Only events whose participants of both sides are of these PLOVER sectors "
                   "(comma list: GOV, PTY, ...): timeline AUT DEU --sector GOV, government to government.")
@_FORMAT
def timeline_cmd(actor_a, actor_b, db, directed, since, until, factuality, sector, fmt):
    """Per-day event counts and Goldstein sums for the dyad ACTOR_A / ACTOR_B.

    ACTOR_A and ACTOR_B are codes or names, read as events' --actor (an empty
    one is a usage error, exit 2): a country's name means every actor of it, a party's or
    person's name the participants called so (timeline FPÖ ÖVP: two parties of one country). Counts events in both directions unless --directed; only events with a known
    day (a note on stderr says how many of the dyad's events have none, and how to
    list them). Columns: day, events, mentions, goldstein_sum (negative = conflict),
    goldstein_mean, material_conflict (quad class 4), a_to_b, b_to_a.

    \b
    Examples:
      lagebild timeline RUS UKR --db lage.duckdb
      lagebild timeline USA RUS --directed --since 2022-02 --db lage.duckdb --format csv
      lagebild timeline FPÖ ÖVP --db lage.duckdb
    """
    from ..store import StoreError, check_dyad, check_period

    given = {"ACTOR_A": actor_a, "ACTOR_B": actor_b}
    store, codes = _open_with_actors(db, given)
    for k, got in codes.items():
        if len(got) > 1:
            raise usage_error(f"a dyad takes one actor per side; {given[k]!r} names {len(got)}", k)
    if store is None:      # no database to say where a name's events are: the notes say how it is read
        for k, got in codes.items():
            for note in got.notes:
                click.echo(f"note: {k} {note}", err=True)
    actor_a, actor_b = codes["ACTOR_A"][0], codes["ACTOR_B"][0]
    try:
        check_dyad(actor_a, actor_b)
        check_period(since, until)
    except LagebildError as exc:
        if store is not None:
            store.close()
        _fail(exc)
    store = store or _open_ro(db)
    with store:
        try:
            df = store.timeline(actor_a, actor_b, directed=directed, since=since, until=until,
                                factuality=factuality, sector=sector)
            n = store.dyad_without_day(actor_a, actor_b, directed=directed, since=since,
                                       until=until, factuality=factuality, sector=sector)
        except StoreError as exc:
            _fail(exc)
        if n:       # no day counts them: say how many, and how to see them (on stderr)
            click.echo(_without_day_note(n, bool(len(df)), actor_a, actor_b, directed, factuality, db),
                       err=True)
        _emit(df, fmt)


def _without_day_note(n: int, some: bool, a, b, directed: bool, factuality: str,
                      db: str) -> str:
    """The note of a timeline that leaves out ``n`` events of the dyad without a day date."""
    import shlex
    fact = f" --factuality {factuality}" if factuality else ""
    qa, qb = shlex.quote(str(a)), shlex.quote(str(b))
    see = f"`lagebild events --db {db} --source-actor {qa} --target-actor {qb}{fact}`"
    if not directed:
        see += f" (and --source-actor {qb} --target-actor {qa})"
    have = "has" if n == 1 else "have"
    return (f"note: {'the counts leave out ' if some else ''}{count(n, 'event')} of {a}/{b} "
            f"{'that ' + have if some else have} no day date (undated, or dated only to a week, month, "
            f"season or year), so no day counts them: {see} lists them; an article without a "
            f"date takes one with `lagebild ingest ... --dct DATE`, then `lagebild reanalyze`")


@click.command("summary")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--top", type=click.IntRange(0), default=5, show_default=True,
              help="How many top dyads.")
def summary_cmd(db, fmt, top):
    """A short situation picture of the database: articles, events, top dyads, escalation.

    Escalation: the mean Goldstein score and the share of material conflict among
    asserted events (told as having happened), and the trend of the 7 days up to
    the newest of them against the 7 before. Dates: the range of events dated to
    a day, and, where planned (or other not asserted) events are dated after the
    newest asserted one, up to which day events are told as having happened and
    how many are dated after it (json: last_asserted_day, dated_after_asserted).

    \b
    Examples:
      lagebild summary --db lage.duckdb
      lagebild summary --db lage.duckdb --format json
    """
    store = _open_ro(db)
    with store:
        _print_summary(store, None, fmt, top)


@click.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "gdelt", "plover"]),
              default="parquet", show_default=True,
              help="parquet: events partitioned by month + articles, mentions, actors, "
                   "quotes; csv: events, mentions, articles; gdelt: GDELT 2.0 event table "
                   "(61 columns, tab-separated); plover: PLOVER/POLECAT JSON lines.")
@click.option("--since", callback=check_date, help=_SINCE_HELP + " An event dated to a week, month, "
              "season or year counts when it overlaps the period.")
@click.option("--until", callback=check_date, help=_UNTIL_HELP)
@click.option("--factuality", callback=check_factualities,
              help="Only these events (comma list, or 'all'). gdelt defaults to asserted, "
                   "since GDELT has no factuality column; the others export all.")
@click.option("--min-mentions", type=click.IntRange(1), default=1, show_default=True,
              help="Only events mentioned at least this often.")
@click.option("--min-confidence", type=Number(0, 1), default=None,
              help="Only events whose confidence (from the learned coder) reaches this; events "
                   "without one (rule coder alone) are kept.")
def export_cmd(out_dir, db, fmt, since, until, factuality, min_mentions, min_confidence):
    """Export the database to OUT_DIR for other tools.

    \b
    Examples:
      lagebild export out/ --db lage.duckdb                  # Parquet, by month
      lagebild export out/ --db lage.duckdb --format csv
      lagebild export out/ --db lage.duckdb --format gdelt   # see out/GDELT_COLUMNS.txt
      lagebild export out/ --db lage.duckdb --format plover  # planned cooperation -> AGREE
    """
    from ..export import count_exported, export_store
    from ..store import check_period

    try:
        check_period(since, until)
    except LagebildError as exc:
        _fail(exc)
    before = {p for p in Path(out_dir).rglob("*") if p.is_file()} if Path(out_dir).is_dir() \
        else set()
    filters = dict(since=since, until=until, factuality=factuality, min_mentions=min_mentions,
                   min_confidence=min_confidence)
    store = _open_ro(db)
    with store:
        try:
            files = export_store(store, out_dir, fmt, **filters)
            n = count_exported(store, fmt, **filters)
            # gdelt writes asserted events unless told otherwise: say how many it left out
            left_out = (count_exported(store, fmt, **{**filters, "factuality": "all"}) - n
                        if fmt == "gdelt" and factuality is None else 0)
        except LagebildError as exc:
            _fail(exc)
    replaced = [f for f in files if f in before and "events" not in f.parts[-3:-1]]
    for f in replaced:
        click.echo(f"note: replaced the existing file {f}", err=True)
    if not n:       # files without events look like a failed export: say why (stderr)
        given = [f"--{k.replace('_', '-')} {v}" for k, v in filters.items()
                 if v is not None and not (k == "min_mentions" and v == 1)]
        click.echo(f"note: no event matches {' '.join(given) if given else 'the export'}"
                   + (" (gdelt exports asserted events unless --factuality says otherwise)"
                      if fmt == "gdelt" and factuality is None else "")
                   + "; the files hold no events -- `lagebild events --db "
                   + f"{db} --limit 0` lists what there is", err=True)
    if n:           # how much the files hold (a probe: only the file list was printed)
        click.echo(f"exported {count(n, 'event')} ({fmt}) into {out_dir}", err=True)
    if left_out:
        click.echo(f"note: {count(left_out, 'event')} not asserted (planned, hypothetical or negated) "
                   f"left out: GDELT has no factuality column -- --factuality all exports "
                   f"{'it' if left_out == 1 else 'them'} too", err=True)
    for f in files:
        click.echo(str(f))


def register(main, eval_group) -> None:
    """Attach this module's commands to the ``lagebild`` group."""
    for cmd in (ingest_cmd, watch_cmd, events_cmd, timeline_cmd, summary_cmd, export_cmd,
                actors_cmd, reanalyze_cmd):
        main.add_command(cmd)
