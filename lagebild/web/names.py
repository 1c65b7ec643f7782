"""Actor codes -> their German names for the pages ("RUS" -> "Russland").

Names typed in an address or the actor box are read to codes by ``params.actor_code`` (as the
command line reads them: ``lagebild.actor_names``).
"""
from __future__ import annotations

import functools

from ..lexicon import load_lexicon


@functools.lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    lex = load_lexicon()
    out = dict(lex.names_by_code)
    for entry in lex.actors.values():  # organisations: "EU" -> "Europäische Union"
        if entry.code and entry.kind in ("igo", "country"):
            out.setdefault(entry.code, entry.name)
    for entry in lex.actors.values():  # a code of its own: "ICC" -> "Internationaler Strafgerichtshof"
        if entry.code and "|" not in entry.code and entry.kind not in ("demonym_noun", "city", "capital"):
            out.setdefault(entry.code, entry.name)
    return out


def actor_name(code: str) -> str | None:
    """The canonical German name of a code ("RUS" -> "Russland", "EU" -> "Europäische Union")."""
    return _names_by_code().get(code)
