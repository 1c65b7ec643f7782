"""Actor codes -> their German names for the pages ("RUS" -> "Russland"): ``actor_names.actor_name``,
the one definition the command line uses too.

Names typed in an address or the actor box are read to codes by ``params.actor_code`` (as the
command line reads them: ``lagebild.actor_names``).
"""
from __future__ import annotations

from ..actor_names import actor_name


def sector_name(code: str | None) -> str | None:
    """A PLOVER sector's name ("PTY" -> "political party"): ``lexicon.sector_names``, the one table
    (``lang/de/sectors.tsv``)."""
    from ..lexicon import sector_names
    return sector_names().get(code or "")


__all__ = ["actor_name", "sector_name"]
