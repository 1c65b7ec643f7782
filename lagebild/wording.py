"""How lagebild words a count for a reader: the one definition of "N thing(s)".

Every message, summary line and page that prints a number with its noun goes through
:func:`count` ("1 event", "2 events", "0 events", "1,234 events"), so that none says
"1 events" and none hedges with "event(s)". The web pages have it as the Jinja filter
``count`` (``{{ n|count("mention") }}``). A list cut short says so with :func:`showing`
("showing 20 of 35 targets").
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


def showing(shown: int, total: int, singular: str, plural: str | None = None) -> str:
    """What a list cut at ``shown`` of its ``total`` rows says: ``showing(20, 35, "target")`` ->
    "showing 20 of 35 targets" (no list is cut without a word; the web pages' ``showing``)."""
    return f"showing {shown:,} of {count(total, singular, plural)}"


__all__ = ["count", "noun", "showing"]
