"""``lagebild serve``: the situation picture in a browser (pages with JSON twins).

Modules: ``app`` (the ASGI app: routes, JSON/HTML answers, ETags, the token, the busy
database, the live watcher), ``pages`` (one handler per page and its HTML-only view),
``params`` (validation of query-string values), ``charts`` (inline SVG charts and the map),
``names`` (actor names to codes); the SQL is in :mod:`lagebild.queries`.

Needs the ``web`` extra (``pip install "lagebild[web]"``: starlette, jinja2, uvicorn);
:func:`require_web` says so politely when it is missing.
"""
from __future__ import annotations

import importlib.util

__all__ = ["require_web", "MISSING_MESSAGE"]

MISSING_MESSAGE = ("lagebild serve needs the web extra ({missing} is not installed) -- "
                   "install it with: pip install \"lagebild[web]\"")


def require_web() -> None:
    """Raise ImportError with an install hint when a web dependency is missing."""
    for mod in ("starlette", "jinja2", "uvicorn"):
        if importlib.util.find_spec(mod) is None:
            raise ImportError(MISSING_MESSAGE.format(missing=mod))
