"""CLI commands of this area (placeholder until its module lands)."""
from __future__ import annotations


def register(main, eval_group) -> None:
    """Attach this module's commands to the ``lagebild`` group."""
