"""How lagebild words a count for a reader: the one definition of "N thing(s)".

Every message, summary line and page that prints a number with its noun goes through
:func:`count` ("1 event", "2 events", "0 events", "1,234 events"), so that none says
"1 events" and none hedges with "event(s)". The web pages have it as the Jinja filter
``count`` (``{{ n|count("mention") }}``).
"""
from __future__ import annotations


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """The noun for ``n`` things: ``singular`` for exactly 1, else ``plural`` (default
    ``singular + "s"``; give it for an irregular one: "country", "countries")."""
    return singular if n == 1 else (plural if plural is not None else singular + "s")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` with its noun: ``count(1, "event")`` -> "1 event", ``count(1234, "new event")``
    -> "1,234 new events" (a thousands separator, as the summaries print numbers)."""
    return f"{n:,} {noun(n, singular, plural)}"


__all__ = ["count", "noun"]
