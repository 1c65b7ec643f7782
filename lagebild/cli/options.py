"""Click options that several commands share (one definition each)."""
from __future__ import annotations

import math
from typing import NoReturn

import click

#: exit statuses of the commands that read many inputs (ingest, analyze, watch --max-rounds,
#: reanalyze); documented in their --help, the README and docs/output.md. 2 is click's usage
#: error (a bad option or value, before anything is read), so partial success has its own.
EXIT_OK = 0             # everything read and analyzed (also: nothing new)
EXIT_NOTHING_READ = 1   # nothing could be read or analyzed (and other errors that stop a command)
EXIT_USAGE = 2          # a usage error: a bad option, value or combination (click)
EXIT_SOME_FAILED = 3    # partial success: some inputs, feeds, feed items or articles failed, the rest is done
EXIT_LOCKED = 75        # EX_TEMPFAIL: another process holds the database (any command that opens
#                         it); nothing was read or written: run it again later, or give --wait
EXIT_INTERRUPTED = 130  # stopped by Ctrl-C or SIGTERM; the batches committed so far are kept


class DatabaseBusy(click.ClickException):
    """A database another process holds (:class:`~lagebild.errors.DatabaseLocked`): click's
    error message, exit status ``EXIT_LOCKED`` (75), so that a script or cron job can tell "busy,
    try again" from bad input (1) and a usage error (2)."""

    exit_code = EXIT_LOCKED


# -- numbers: finite ones only ----------------------------------------------------------------
class Number(click.FloatRange):
    """A float option's type: click's ``FloatRange`` that also refuses ``nan`` and ``inf`` (a
    usage error, exit 2). click takes them as floats and ``nan`` passes every bound, so
    ``--near-threshold nan`` was a traceback, ``--min-confidence nan`` an empty result (exit 0)
    and ``--time-budget nan`` or ``--timeout nan`` a failure of every article or feed."""

    def convert(self, value, param, ctx):
        rv = super().convert(value, param, ctx)
        if isinstance(rv, float) and not math.isfinite(rv):
            self.fail(f"{value!r} is not a finite number -- give a number{self._describe_range_hint()}",
                      param, ctx)
        return rv

    def _describe_range_hint(self) -> str:
        if self.min is None and self.max is None:
            return ""
        return f" in the range {self._describe_range()}"


# -- choices with older spellings ----------------------------------------------------------
class ChoiceWithAliases(click.Choice):
    """click's ``Choice`` that also takes older spellings of its choices (``aliases``: old ->
    current), read as the current one and not offered: --help, the usage error for a bad value
    and shell completion list the current choices only (``--sort sources`` is ``--sort
    outlets``; as a renamed option keeps its old spelling hidden)."""

    def __init__(self, choices, aliases: dict[str, str], case_sensitive: bool = True):
        super().__init__(choices, case_sensitive)
        self.aliases = dict(aliases)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value in self.aliases:
            value = self.aliases[value]
        return super().convert(value, param, ctx)


# -- bad values: one report -------------------------------------------------------------------
def usage_error(exc: Exception | str, param_hint: str | None = None) -> click.UsageError:
    """The one report of a bad value a user gave (a date, an event type, a factuality, an actor,
    a period or dyad that cannot match): a click usage error (exit status 2, ``EXIT_USAGE``)
    whose message says what is wrong and what to do (the library's message), naming the option
    (``param_hint``, else the ``option`` a :class:`~lagebild.errors.BadValue` carries). Raise
    what it returns."""
    hint = param_hint or getattr(exc, "option", None)
    if hint:
        return click.BadParameter(str(exc), param_hint=[hint])    # quoted as click's own: '--since'
    return click.UsageError(str(exc))


def fail(exc: Exception) -> NoReturn:
    """The one report of an error a command meets: a usage error (exit 2, ``usage_error``) for a
    bad value (:class:`~lagebild.errors.BadValue`); a database another process holds (exit 75,
    ``EXIT_LOCKED``: try again later); else an error of the data or the run (a missing or
    unreadable database, a write that failed: exit 1, ``EXIT_NOTHING_READ``)."""
    from ..errors import BadValue, DatabaseLocked
    if isinstance(exc, BadValue):
        raise usage_error(exc) from None
    if isinstance(exc, DatabaseLocked):
        raise DatabaseBusy(str(exc)) from exc
    raise click.ClickException(str(exc)) from exc


#: ``--wait SECONDS`` of the commands that write to the database (ingest, watch, reanalyze)
wait_option = click.option(
    "--wait", "wait", type=Number(min=0), default=0.0, show_default=True, metavar="SECONDS",
    help="When another process holds the database (an ingest, watch or reanalyze writing, a "
         "`lagebild serve` answering a request), try again for up to this many seconds before "
         "giving up; it says once on stderr that it waits (not with --quiet). While it waits, the "
         "file DB.want-write says so, and a read-only `lagebild serve` lets go of the database "
         "for it. A database still held after that (or at once, with 0) is exit status 75 "
         "(EX_TEMPFAIL: run the command again later).")


def wait_message(db: str, seconds: float, exc: Exception) -> str:
    """The one line a command says when it starts to wait for a database another process holds
    (``--wait``): for how long, for which file and, where DuckDB names it, the holder's PID
    ("waiting up to 30 s for a.duckdb, held by another process (PID 6922); Ctrl-C to stop")."""
    import re
    pid = re.search(r"\(PID (\d+)\)", str(exc))
    held = f"held by another process (PID {pid.group(1)})" if pid else "held by another process"
    return f"waiting up to {seconds:g} s for {db}, {held}; Ctrl-C to stop"


def _checked(check):
    """A click callback that checks a value with the library's ``check(value, option)`` (the
    same check the query runs) and reports a bad one with ``usage_error``, before any file is
    opened or created. The value is passed on as given."""
    def callback(ctx, param, value):
        if value is None:
            return None
        from ..errors import LagebildError
        try:
            check(value)
        except LagebildError as exc:
            raise usage_error(exc, param.opts[0] if param.opts else param.human_readable_name) from None
        return value
    return callback


def _date(value: str) -> None:
    from ..store import date_bounds
    date_bounds(value)


def _types(value: str) -> None:
    from ..store import parse_types
    parse_types(value)


def _factualities(value: str) -> None:
    from ..store import parse_factualities
    parse_factualities(value)


def _sectors(value: str) -> None:
    from ..store import parse_sectors
    parse_sectors(value)


#: callbacks of the query options (events, timeline, export, summary): a bad value is a usage error
check_sectors = _checked(_sectors)
check_date = _checked(_date)
check_types = _checked(_types)
check_factualities = _checked(_factualities)


#: what --actor, --source-actor, --target-actor and timeline's actors say of an empty value (in
#: their --help)
EMPTY_ACTOR_HELP = ("An empty value is a usage error (exit 2; most often an unset shell variable, "
                    "--actor \"$A\"): leave the option out for every actor.")


def _empty_actor(value: str, option: str | None) -> click.UsageError:
    return usage_error(f"an empty actor ({value!r}) names no actor -- give a code or a name, or "
                       "leave the option out for every actor (an unset shell variable, "
                       "--actor \"$A\", must not list every event)", option)


def resolve_actor(value: str | None, option: str | None = None, db=None):
    """Codes and names (AUT, Österreich, FPÖ, Kickl, Grüne (AUT)) -> the actors of a filter
    (``actor_names.Actors``), through the one reading of an actor filter
    (``actor_names.read_actors``, as the pages' ``?actor=``): a country's or organisation's code
    or name is every actor of it; another name (a party, person, institution) is the participants
    called so; with the database ``db`` (a :class:`~lagebild.store.Store`) also a code it holds
    (an IGO code, a code of an older lexicon) and a name its articles hold. An unknown or
    ambiguous one is a usage error (``usage_error``) naming close matches. A value given but
    naming no actor ("", " ", ","), which the pages read as no actor filter, is a usage error
    here (``EMPTY_ACTOR_HELP``)."""
    if value is None:
        return None
    from ..actor_names import read_actors
    from ..errors import LagebildError
    try:
        actors = read_actors(value, db=db)
    except LagebildError as exc:
        raise usage_error(exc, option) from None
    if actors is None:
        raise _empty_actor(value, option)
    return actors


#: what --actor and timeline's actors say of names (their --help)
ACTOR_NAME_HELP = ("A country's or organisation's code or name (AUT, Österreich, EU) means every "
                   "actor of it; any other name -- a party, person or institution as the texts "
                   "write it (FPÖ, Kickl, Grüne, Straflandesgericht, Kreml) -- means the events "
                   "whose participants are called so (the participant's text has it as whole "
                   "words, the last with a German ending: Grüne finds 'Grünen', SPD 'SPDler'), "
                   "of any country; 'Grüne (AUT)' keeps one "
                   "country's. A note on stderr says where a name's events are, and when a name "
                   "is read as a code.")


def actor_option_name(param) -> str:
    """How a message names an actor option or argument ('--actor', 'ACTOR_A')."""
    return (param.opts[0] if param.opts and param.opts[0].startswith("-")
            else param.human_readable_name)


def actor_callback(ctx, param, value):
    """Click callback of an actor option or argument: a value that names no actor is a usage
    error at once; the command reads the value with its database (``resolve_actor`` with
    ``db``: a code the lexicon does not list counts when the database holds it)."""
    if value is not None and not any(x.strip() for x in value.split(",")):
        raise _empty_actor(value, actor_option_name(param))
    return value


def _country(ctx, param, value):
    if value is None:
        return None
    from ..actors import home_country
    try:
        return home_country(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


country_option = click.option(
    "--country", metavar="CODE", default=None, callback=_country,
    help="Where the outlet reports from (ISO 3166 alpha-3 or the German name, e.g. AUT or Österreich "
         "for an Austrian paper), for articles that do not say: a story that names no country (a place "
         "its first sentence opens with, 'In Ungarn hat ...', counts as named; a destination or origin, "
         "'nach Berlin', does not) takes it for its offices and roles ('die Regierung', 'die Polizei'), "
         "and names Germany, Austria and Switzerland share ('die Grünen', 'die Bundesregierung') take it "
         "where the story names none of the three. Such sides are shown as inferred ('story', "
         "'shared'). A foreign story without any country word ('Die Rebellen griffen die Armee an') "
         "is then coded as the outlet's country too. Default: none: a story without any country word "
         "gives no events, but a name the three share is then taken as German (its country shown as "
         "inferred, 'shared'), so give --country AUT or CHE for Austrian or Swiss news.")


def output_file(ctx, param, value):
    """An output file (``-o FILE``) checked before any work: its folder must exist and be
    writable (a missing folder was a traceback after the models had loaded)."""
    if value is None:
        return None
    import os
    from pathlib import Path
    folder = Path(value).parent
    if not folder.is_dir():
        raise click.BadParameter(f"{value}: the folder {folder} does not exist -- create it first "
                                 f"(mkdir -p {folder}) or give another file")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise click.BadParameter(f"{value}: the folder {folder} is not writable -- give a file in a "
                                 "folder you may write to")
    return value


def _one_char(ctx, param, value):
    """A CSV delimiter or quote character: one character; "tab" and "\\t" stand for a tab."""
    if value is None:
        return None
    if value.lower() in ("tab", "\\t"):
        return "\t"
    if len(value) != 1:
        raise click.BadParameter(f"{value!r} is not one character -- give e.g. ';' or ',' "
                                 "(tab, or '\\t', for a tab)")
    return value


#: how files are read (analyze and ingest alike): the document date and the CSV columns
_READER_OPTIONS = [
    click.option("--dct", default=None,
                 help="Document date for articles without one of their own: YYYY, YYYY-MM, YYYY-MM-DD "
                      "or DD.MM.YYYY. Relative dates ('am Donnerstag') resolve against it. An "
                      "article's own date wins (a coarser one it agrees with is refined); "
                      "--dct-override replaces it."),
    click.option("--dct-override", is_flag=True,
                 help="With --dct: the date of every article, also of those that give their own "
                      "(ingest: also of stored articles given again; `lagebild reanalyze` then "
                      "dates their events)."),
    click.option("--dct-fill", is_flag=True, hidden=True,
                 help="Kept for older scripts: filling in is what --dct does."),
    click.option("--csv-text", help="CSV column with the article text (header name or 0-based number; "
                                    "default: 'text', or guessed in a file without a header)."),
    click.option("--csv-id", help="CSV column with the article id ('-' for none; default: 'id')."),
    click.option("--csv-date", help="CSV column with the date ('-' for none; default: 'date')."),
    click.option("--csv-title", help="CSV column with the title ('-' for none; default: 'title')."),
    click.option("--csv-url", help="CSV column with the URL ('-' for none; default: 'url')."),
    click.option("--csv-source", help="CSV column with the outlet name ('-' for none; default: 'source')."),
    click.option("--csv-delimiter", callback=_one_char,
                 help="CSV field separator, e.g. ';' or tab (default: sniffed)."),
    click.option("--csv-quotechar", callback=_one_char, help="CSV quote character (default: sniffed)."),
    click.option("--csv-header/--csv-no-header", default=None,
                 help="Whether CSV files have a header row (default: detected -- a row that names a "
                      "column given by name, or short labels above long texts)."),
]


def reader_options(f):
    """The options of ``_READER_OPTIONS`` on a command; ``reader_kwargs`` turns them into
    ``readers.iter_articles`` arguments."""
    for o in reversed(_READER_OPTIONS):
        f = o(f)
    return f


def reader_kwargs(o: dict) -> dict:
    """``iter_articles`` keyword arguments from the options of ``reader_options`` (removed from
    ``o``)."""
    kw: dict = {"dct": o.pop("dct"), "dct_override": o.pop("dct_override")}
    if kw["dct"] is not None and str(kw["dct"]).strip():
        # checked here, before anything is read or created: a usage error (exit 2) in every command
        from ..readers import _DATE_HINT, normalize_date
        if normalize_date(kw["dct"]) is None:
            raise usage_error(f"{kw['dct']!r} is not a date -- {_DATE_HINT}", "--dct")
    o.pop("dct_fill")
    for name in ("text", "id", "date", "title", "url", "source", "delimiter", "quotechar"):
        v = o.pop(f"csv_{name}")
        if v == "-" and name == "text":
            raise usage_error("every article needs its text column; '-' leaves out the other "
                              "columns only", "--csv-text")
        if v is not None:
            kw[f"csv_{name}"] = None if v == "-" else v
    header = o.pop("csv_header")
    if header is not None:
        kw["csv_header"] = header
    return kw


def _need_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    if value is None or not str(value).strip():
        raise click.UsageError("Missing option '--db': give the database file (--db lage.duckdb), "
                               "or set LAGEBILD_DB to it", ctx)
    return value


def db_option(help_text: str):
    """The ``--db FILE`` option of every command that reads or writes a database: required, from
    $LAGEBILD_DB when not given, and a missing one says both ways (a probe: "Missing option
    '--db'" named neither the file to give nor the variable)."""
    return click.option("--db", "db", envvar="LAGEBILD_DB", callback=_need_db,
                        type=click.Path(dir_okay=False), help=help_text + "  [required]")
