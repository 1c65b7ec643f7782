"""Actor names -> codes for the actor page: "Russland", "Kreml", "Putin", "rus" -> RUS.

Uses the lexicon (countries, capitals, government stand-ins, organisations, parties) and the
well-known persons of ``lagebild/lang/de/persons.tsv``; all matching is case-insensitive.
"""
from __future__ import annotations

import functools

from ..lexicon import load_lexicon, read_tsv


@functools.lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """lower-cased name -> code (the first writer of a name wins; ambiguous surnames are left out)."""
    lex = load_lexicon()
    idx: dict[str, str] = {}
    for code, name in lex.names_by_code.items():
        idx.setdefault(name.lower(), code)
    for toks, entry in lex.actors.items():
        if entry.code and entry.kind not in ("role",):
            idx.setdefault(" ".join(toks).lower(), entry.code)
    surnames: dict[str, set[str]] = {}
    for _, row in read_tsv("persons.tsv"):
        code = (row.get("code") or "").split("|")[0]
        if not row.get("name") or not code:
            continue
        idx.setdefault(row["name"].lower(), code)
        if not (row.get("note") or "").startswith("surname-word"):
            surnames.setdefault(row["name"].split()[-1].lower(), set()).add(code)
    for sur, codes in surnames.items():
        if len(codes) == 1 and len(sur) > 2:
            idx.setdefault(sur, next(iter(codes)))
    return idx


def resolve_actor(text: str) -> str | None:
    """The code for a typed name or code, or None when nothing matches."""
    t = " ".join(text.split())
    if not t:
        return None
    lex = load_lexicon()
    if t.upper() in lex.names_by_code:
        return t.upper()
    return name_index().get(t.lower())


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
