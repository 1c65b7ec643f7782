"""Errors a user sees: each says what went wrong, where, and what to do."""
from __future__ import annotations


class LagebildError(Exception):
    """Base class for errors lagebild reports to users."""


class InputError(LagebildError):
    """An input (file, JSONL line, CSV row, feed item) that cannot be read."""

    def __init__(self, what: str, *, path: str | None = None, line: int | None = None,
                 doc_id: str | None = None, hint: str | None = None):
        self.what, self.path, self.line, self.doc_id, self.hint = what, path, line, doc_id, hint
        where = path or "<input>"
        if line is not None:
            where += f":{line}"
        if doc_id:
            where += f" (article {doc_id})"
        msg = f"{where}: {what}"
        if hint:
            msg += f" -- {hint}"
        super().__init__(msg)


class ModelError(LagebildError):
    """A shipped model file that is missing or corrupt."""


class StoreError(LagebildError):
    """A database file that cannot be opened or is not a lagebild store."""


class DatabaseLocked(StoreError):
    """The database file is held by another process (DuckDB lets one process write, or several
    read, at a time): an ingest, watch or reanalyze writing, a ``lagebild serve`` answering a
    request, any other program with the file open. Nothing is wrong with the file or the command:
    the same command works once the file is free (``store.open_store(..., wait=SECONDS)`` retries
    until then). The command line exits with ``EX_TEMPFAIL`` (75, ``cli.options.EXIT_LOCKED``)."""


class BadValue(StoreError):
    """A bad value of a query option or filter (a date, an event type, a factuality, an actor, a
    period or dyad that cannot match): the user's mistake, not the data's. ``option`` names the
    option or parameter it came from (``--since``) where the raiser knows it. The command line
    reports it as a usage error (exit status 2, ``cli.options.usage_error``), the web pages as a
    400. A StoreError, as the store's checks raised before."""

    def __init__(self, message: str, *, option: str | None = None):
        self.option = option
        super().__init__(message)


class DataError(LagebildError):
    """A training or evaluation data file that is missing or malformed."""


def install_extra(extra: str) -> str:
    """How to add lagebild's optional ``extra`` (web, dask, train): the one hint of every
    missing-extra message. lagebild is usually installed from a folder (a checkout), where
    ``pip install "lagebild[web]"`` would fetch a package index's lagebild instead, so the hint
    names the folder form first."""
    return (f'pip install "PATH[{extra}]", PATH the folder lagebild was installed from (the one '
            f'with pyproject.toml; inside it: pip install ".[{extra}]"), or pip install '
            f'"lagebild[{extra}]" for an install from a package index')
