"""``lagebild serve``: the situation picture in a browser (pages with JSON twins).

Modules: ``app`` (the ASGI app: routes, JSON/HTML answers, ETags, the token, the busy
database, the live watcher), ``pages`` (one handler per page and its HTML-only view),
``params`` (validation of query-string values), ``charts`` (inline SVG charts and the map),
``names`` (actor names to codes); the SQL is in :mod:`lagebild.queries`.

Needs the ``web`` extra (starlette, jinja2, uvicorn; ``pip install ".[web]"`` in the folder
lagebild was installed from): :func:`require_web` says so politely when it is missing.
"""
from __future__ import annotations

import importlib.util

from ..errors import install_extra

__all__ = ["require_web", "missing_message", "IDLE_CLOSE", "MAX_IDLE_CLOSE"]

#: seconds without a request after which a read-only server lets go of the database file, so that
#: an ``ingest`` (``reanalyze``, ``watch``) elsewhere that does not wait can write; the next request
#: opens it again (``lagebild serve --release-after``; :class:`lagebild.web.app.Database`). A writer
#: that waits (``--wait SECONDS``) does not depend on it: it leaves a marker next to the database
#: and the server lets go of the file for it as soon as no request is in flight. Reopening costs a
#: reader, measured on a database of 51,100 events (benchmarks/bench_serve.py's): opening 31 ms
#: (p50), and the first requests on a freshly opened store are slower (empty caches):
#: /overview.json p50 53 -> 168 ms, p95 75 -> 224 ms; on a real server after a 3 s pause (R22)
#: /overview.json 70 -> 188 ms (max 371), /events/5.json 13 -> 79 ms, /overview 107 -> 210 ms. With
#: 2 s (until December 2026) a reader who paused paid that on almost every page; 30 s keeps the
#: caches of someone reading.
IDLE_CLOSE = 30.0
#: the longest ``--release-after`` (a day): a timer of 1e10 seconds overflows (OverflowError in its
#: thread, and the file was never let go); ``never`` (None) keeps the store open instead
MAX_IDLE_CLOSE = 86400.0


def missing_message(missing: str) -> str:
    """The message of a missing web dependency ``missing``, with how to add the extra."""
    return (f"lagebild serve needs the web extra ({missing} is not installed) -- install it "
            f"with: {install_extra('web')}")


def require_web() -> None:
    """Raise ImportError with an install hint when a web dependency is missing."""
    for mod in ("starlette", "jinja2", "uvicorn"):
        if importlib.util.find_spec(mod) is None:
            raise ImportError(missing_message(mod))
