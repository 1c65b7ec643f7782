"""What a threat threatens: the PLOVER THREATEN mode from the words after its cue.

The mode says what is threatened (EVENTS.md: restrict, arrest, relations, expel, territory,
violence) and decides the CAMEO code and Goldstein value (``lagebild.cameo``): a threat of
violence is -7.0, one of a strike or a no-confidence motion is no such thing. The words are in
``lang/de/threat_modes.tsv`` (lower-case prefixes); a threat whose content names none of them
has no mode (CAMEO 13, Goldstein -6.0). Both coders use it (one definition).
"""
from __future__ import annotations

import functools

from ..lexicon import read_tsv

MODES = frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"})


@functools.lru_cache(maxsize=1)
def threat_words() -> tuple[tuple[str, str], ...]:
    """(prefix, mode) rows of ``threat_modes.tsv``, longest prefix first."""
    from ..lexicon import LexiconError
    rows = []
    for lineno, row in read_tsv("threat_modes.tsv"):
        if row["mode"] not in MODES or not row["prefix"] or row["prefix"] != row["prefix"].lower():
            raise LexiconError(f"threat_modes.tsv:{lineno}: prefix {row['prefix']!r} / mode {row['mode']!r} -- "
                               f"a lower-case prefix and one of {', '.join(sorted(MODES))}")
        rows.append((row["prefix"], row["mode"]))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def threat_mode(words_after: list[str]) -> str | None:
    """The mode of a threat from the words after its cue (lower-case), in their order: the first
    word that starts with a listed prefix decides; None when none does."""
    table = threat_words()
    for w in words_after:
        for prefix, mode in table:
            if w.startswith(prefix):
                return mode
    return None
