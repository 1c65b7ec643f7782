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

__all__ = ["require_web", "missing_message"]


def missing_message(missing: str) -> str:
    """The message of a missing web dependency ``missing``, with how to add the extra."""
    return (f"lagebild serve needs the web extra ({missing} is not installed) -- install it "
            f"with: {install_extra('web')}")


def require_web() -> None:
    """Raise ImportError with an install hint when a web dependency is missing."""
    for mod in ("starlette", "jinja2", "uvicorn"):
        if importlib.util.find_spec(mod) is None:
            raise ImportError(missing_message(mod))
