"""Actor names -> codes for the actor page: "Russland", "Kreml", "Putin", "rus" -> RUS.

Names are read as the command line reads them (``lagebild.actor_names``: the lexicon's
countries, capitals, government stand-ins, organisations, parties and well-known persons;
case-insensitive).
"""
from __future__ import annotations

import functools

from ..actor_names import codes_for
from ..lexicon import load_lexicon


def resolve_actor(text: str) -> str | None:
    """The code for a typed name or code, or None when nothing (or more than one code) matches:
    the command line's reading (``actor_names.codes_for``), so that a name ``lagebild events
    --actor`` takes is one the pages take."""
    codes = codes_for(text)
    return codes[0] if len(codes) == 1 else None


@functools.lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    lex = load_lexicon()
    out = dict(lex.names_by_code)
    for entry in lex.actors.values():  # organisations: "EU" -> "Europäische Union"
        if entry.code and entry.kind in ("igo", "country"):
            out.setdefault(entry.code, entry.name)
    return out


def actor_name(code: str) -> str | None:
    """The canonical German name of a code ("RUS" -> "Russland", "EU" -> "Europäische Union")."""
    return _names_by_code().get(code)
