"""``lagebild serve``: the situation picture in a browser (pages with JSON twins).

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
