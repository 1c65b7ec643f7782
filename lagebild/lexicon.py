"""The German actor lexicon: countries, demonyms, capitals, organisations, parties, role nouns.

The knowledge lives in TSV files under ``lagebild/lang/de`` (see the README there); this
module reads them once (:func:`load_lexicon`, cached) and generates the inflected surface
forms German news uses:

* country names with their genitive (``Russlands``, ``Kanadas``; not ``USA``/``Ukraine``),
  capitals as government stand-ins (``Moskau``, ``Moskaus``),
* demonym adjectives with every ending (``russisch``, ``russische`` … ``russischem``),
* demonym nouns (``Russe``, ``Russen``, ``Russin``, ``Russinnen``),
* role nouns by paradigm (``Außenminister/er`` gives ``Außenministers``, ``Außenministerin``,
  ``Außenministerinnen``, ``Außenministern``).

Keys of :attr:`Lexicon.actors` are token tuples as ``spacy.blank("de")`` splits them
(forms are written with spaces between tokens; a test checks the two agree)::

    >>> lex = load_lexicon()
    >>> lex.match("Die Vereinigten Staaten und".split(), 1)
    (2, LexEntry(code='USA', sector='GOV', kind='country', name='USA', gender='pl', alt_codes=(), generic=False))
    >>> lex.match("vor dem Kongress".split(), 2)[1].generic      # the US Congress by default only
    True
    >>> lex.adjectives["russischen"].code
    'RUS'
    >>> lex.roles["Außenministerin"].sector, lex.roles["Außenministerin"].gender
    ('GOV', 'f')
    >>> lex.split_compound("US-Präsident")[0].code
    'USA'
    >>> lex.role("Bundesaußenministerin").name
    'Außenminister'

Besides the four tables, a :class:`Lexicon` offers ``match`` (longest actor at a token),
``adjective`` (any case), ``role`` (also at the end of a compound, minus the listed
non-roles such as "Einführung"), ``split_compound`` ("G-7-Außenminister" -> G7 +
"Außenminister"), ``names_by_code`` ("RUS" -> "Russland"), ``un_members`` and ``role_kinds``
(person | group | institution). ``load_lexicon()`` is cached; ``build_lexicon(texts)``
builds one from strings (tests). Malformed rows and forms that map to two codes raise
:class:`LexiconError` naming file and line.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import io
import re
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from .errors import DataError

__all__ = ["LexEntry", "Lexicon", "LexiconError", "load_lexicon", "expand_braces",
           "ADJ_ENDINGS", "SECTORS", "IGO_CODES", "sector_names"]

#: Endings a German attributive adjective takes (strong, weak and mixed declension).
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
#: PLOVER sectors (EVENTS.md section 3).
SECTORS = frozenset("GOV MIL LEG JUD COP SPY PTY OPP REB UAF CVL BUS MED JRN REL REF LAB EDU ELI UNK".split())
#: Organisation codes allowed besides ISO alpha-3 (EVENTS.md section 3).
IGO_CODES = frozenset("EU NATO UN G7 G20 OSCE COE OECD WTO OIC AU ASEAN IAEA OPCW WHO IMF ICC "
                      "OPEC CIS GCC ARAB_LEAGUE".split())
ORG_KINDS = frozenset("igo government military institution group media company".split())
ROLE_KINDS = frozenset("person group institution weapon vehicle none".split())   # none: not a role (see roles.tsv);
# weapon: an actor only as the subject opening its sentence ("Russische Drohnen griffen ... an"); vehicle: an
# actor except where a verb of delivering moves it ("liefert Panzer an die Ukraine")
GENDERS = frozenset("m f pl".split())
STATUSES = frozenset("un observer partial other historical group".split())
#: Compass prefixes a country adjective takes ("nordsyrisch", "ostukrainisch", "südchinesisch").
DIRECTION_PREFIXES = ("nord", "süd", "ost", "west", "nordost", "nordwest", "südost", "südwest",
                      "zentral", "mittel")

_DATA_PACKAGE = "lagebild"
_DATA_DIR = ("lang", "de")
SHARED = "?"        # leading mark: the form belongs to another row, this row's code is an alternative
#: leading mark of a generic name (organisations.tsv, parties.tsv): a name many countries give a body
#: or party of their own ("~Oberster Gerichtshof", "~Kongress", "~Linke", "~Demokratische Partei");
#: the row's code is only a default, which yields to a country the text gives (``LexEntry.generic``)
GENERIC = "~"


class LexiconError(DataError):
    """A lexicon file that is malformed; the message names the file and line."""


@dataclass(frozen=True)
class LexEntry:
    code: str | None      # ISO3 / IGO code, None if unknown
    sector: str | None
    kind: str             # country | capital | city | demonym_adj | demonym_noun | igo | government | military
    #                       | institution | group | media | company | party | role
    name: str             # canonical name, e.g. "Russland", "Europäische Union", "Außenminister"
    gender: str | None = None   # m | f | pl for nouns where known
    alt_codes: tuple[str, ...] = ()  # other acceptable codes (e.g. Grüne: AUT)
    generic: bool = False       # a name many countries give a body or party of their own (the ``~`` mark):
    #                             the code is the default where the text gives no other (actors.py)


@dataclass
class _Slot:
    """A key being built: its entry, where it came from, and how strongly it is owned."""
    entry: LexEntry
    where: str
    shared: bool


@dataclass
class Lexicon:
    actors: dict[tuple[str, ...], LexEntry] = field(default_factory=dict)
    adjectives: dict[str, LexEntry] = field(default_factory=dict)
    roles: dict[str, LexEntry] = field(default_factory=dict)
    prefixes: dict[str, LexEntry] = field(default_factory=dict)
    max_len: int = 1
    #: ISO3/IGO code -> canonical German name ("RUS" -> "Russland", "EU" -> "Europäische Union").
    names_by_code: dict[str, str] = field(default_factory=dict)
    #: codes of the UN member states (status "un" in countries.tsv).
    un_members: frozenset[str] = frozenset()
    #: role surface form -> person | group | institution (roles.tsv column `kind`).
    role_kinds: dict[str, str] = field(default_factory=dict)
    #: words that end in a role noun but are no role ("Einführung", "Lautsprecher", "Datenbank").
    non_roles: frozenset[str] = frozenset()
    #: "moskauer" -> RUS: the adjective of a capital or city (its one-word name + "er"), which
    #: codes a role noun after it ("ein Moskauer Gericht", "die Wiener Polizei") and nothing else:
    #: "das Minsker Abkommen" is no Belarusian act.
    city_adjectives: dict[str, LexEntry] = field(default_factory=dict)
    _first: frozenset[str] = frozenset()

    def match(self, tokens: Sequence[str], i: int) -> tuple[int, LexEntry] | None:
        """Longest :attr:`actors` key starting at ``tokens[i]``: ``(n_tokens, entry)`` or None."""
        if i < 0 or i >= len(tokens) or tokens[i] not in self._first:
            return None
        for n in range(min(self.max_len, len(tokens) - i), 0, -1):
            entry = self.actors.get(tuple(tokens[i:i + n]))
            if entry is not None:
                return n, entry
        return None

    def role(self, word: str, *, min_tail: int = 4) -> LexEntry | None:
        """The role entry of a word, also of a compound ending in a role noun: ``"Bundesaußenminister"``
        -> Außenminister, ``"Menschenrechtskommissar"`` -> Kommissar, ``"Kreml-Sprecher"`` -> Sprecher.
        The longest role tail (at least ``min_tail`` letters) wins; words listed as non-roles
        (``"Einführung"``, ``"Lautsprecher"``, ``"Datenbanken"``) and compounds ending in one are None."""
        entry = self.roles.get(word)
        if entry is not None:
            return entry
        if word in self.non_roles:
            return None
        if "-" in word:
            head = word.rsplit("-", 1)[1]
            return self.role(head, min_tail=min_tail) if head else None
        for k in range(1, len(word) - min_tail + 1):
            tail = word[k:]
            if not tail[0].islower():
                continue
            cap = tail[0].upper() + tail[1:]
            if cap in self.non_roles:
                return None
            entry = self.roles.get(cap)
            if entry is not None:
                return entry
        return None

    def adjective(self, token: str) -> LexEntry | None:
        """The demonym adjective entry for a token in any case ("Russischen" -> RUS)."""
        return self.adjectives.get(token.lower())

    def split_compound(self, token: str) -> tuple[LexEntry, str] | None:
        """Split a hyphenated token at the longest known prefix: ``"US-Präsident"`` ->
        ``(USA entry, "Präsident")``; ``"G-7-Außenminister"`` -> ``(G7, "Außenminister")``;
        ``"UN-Sicherheitsrat"`` -> ``(UN, "Sicherheitsrat")``. None when no prefix is known.
        The head may be any word; the caller decides what it means (``roles`` etc.)."""
        if "-" not in token:
            return None
        positions = [m.start() for m in re.finditer("-", token)]
        for pos in reversed(positions):
            head = token[pos + 1:]
            if not head:
                continue
            entry = self.prefix(token[:pos])
            if entry is not None:
                return entry, head
        return None

    def prefix(self, word: str) -> LexEntry | None:
        """A known prefix, also with a linking element ("Eurogruppen-Chef": Eurogruppe + n;
        "Russlands-Politik": Russland + s)."""
        entry = self.prefixes.get(word)
        if entry is None and word.endswith("en") and word[:-1].endswith("e"):
            entry = self.prefixes.get(word[:-1])
        if entry is None and word.endswith("s") and len(word) > 4 and word[-2] not in "aeiouäöü":
            entry = self.prefixes.get(word[:-1])
        return entry


# --------------------------------------------------------------------------------------------
# reading

def _data_text(filename: str) -> str:
    res = importlib.resources.files(_DATA_PACKAGE).joinpath(*_DATA_DIR, filename)
    try:
        return res.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file {'/'.join(_DATA_DIR)}/{filename} is missing from the "
                           "lagebild package -- reinstall lagebild (pip install .)") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{filename}: not valid UTF-8 ({exc}) -- save the file as UTF-8") from exc


def read_tsv(filename: str, text: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a lexicon TSV as ``(line_number, {column: cell})``; ``#`` lines and blank lines
    are skipped; the first other line is the header. Cells are stripped; missing trailing
    cells are empty; extra cells are an error naming file and line."""
    if text is None:
        text = _data_text(filename)
    header: list[str] | None = None
    for lineno, line in enumerate(io.StringIO(text), start=1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            if len(set(header)) != len(header) or "" in header:
                raise LexiconError(f"{filename}:{lineno}: bad header {header!r} -- column names "
                                   "must be unique and non-empty, separated by tabs")
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{filename}:{lineno}: {len(cells)} cells but the header has "
                               f"{len(header)} columns ({', '.join(header)}) -- check for stray tabs")
        cells += [""] * (len(header) - len(cells))
        yield lineno, dict(zip(header, cells))
    if header is None:
        raise LexiconError(f"{filename}: no header row -- the first non-comment line must name the columns")


@functools.lru_cache(maxsize=1)
def dateline_places() -> dict[str, str]:
    """Town -> country code for datelines the lexicon does not place (``dateline_places.tsv``,
    generated from GeoNames by ``tools/build_dateline_places.py``): "Krumpendorf" -> AUT."""
    return {row["name"]: row["code"] for _, row in read_tsv("dateline_places.tsv")}


_BRACE = re.compile(r"\{([^{}]*)\}")


def expand_braces(form: str) -> list[str]:
    """``"Kreml{,s}"`` -> ``["Kreml", "Kremls"]``; several groups multiply out."""
    m = _BRACE.search(form)
    if not m:
        if "{" in form or "}" in form:
            raise ValueError(f"unbalanced brace in {form!r}")
        return [form]
    out = []
    for alt in m.group(1).split(","):
        out.extend(expand_braces(form[:m.start()] + alt + form[m.end():]))
    return out


def _alternatives(cell: str, where: str, *, generic: bool = False) -> list[str]:
    """Split a cell at ``|`` and expand braces; the ``?`` mark is kept on each expansion, and so is
    the ``~`` mark where ``generic`` allows it (the forms of organisations and parties)."""
    out: list[str] = []
    for raw in cell.split("|"):
        raw = raw.strip()
        if not raw:
            continue
        mark = ""
        if raw.startswith(SHARED):
            mark, raw = SHARED, raw[1:]
        elif raw.startswith(GENERIC):
            if not generic:
                raise LexiconError(f"{where}: {raw!r}: the generic mark '~' is for the forms of "
                                   "organisations.tsv and parties.tsv only")
            mark, raw = GENERIC, raw[1:]
        try:
            forms = expand_braces(raw)
        except ValueError as exc:
            raise LexiconError(f"{where}: {exc} -- write alternatives as {{a,b}}") from exc
        out.extend(mark + " ".join(f.split()) for f in forms if f.strip())
    return list(dict.fromkeys(out))


def _codes(cell: str, where: str, *, allow_empty: bool = True) -> tuple[str | None, tuple[str, ...]]:
    codes = [c.strip() for c in cell.split("|") if c.strip()]
    for c in codes:
        if not (re.fullmatch(r"[A-Z]{3}", c) or c in IGO_CODES):
            raise LexiconError(f"{where}: code {c!r} is neither ISO 3166 alpha-3 nor one of the "
                               f"organisation codes {', '.join(sorted(IGO_CODES))}")
    if not codes:
        if not allow_empty:
            raise LexiconError(f"{where}: empty code")
        return None, ()
    return codes[0], tuple(codes[1:])


def _sector(cell: str, where: str) -> str | None:
    cell = cell.strip()
    if not cell:
        return None
    if cell not in SECTORS:
        raise LexiconError(f"{where}: unknown sector {cell!r} -- use one of {', '.join(sorted(SECTORS))}")
    return cell


def _gender(cell: str, where: str) -> str | None:
    cell = cell.strip()
    if not cell or cell == "n":
        return None
    if cell not in GENDERS:
        raise LexiconError(f"{where}: unknown gender {cell!r} -- use m, f, pl or leave it empty")
    return cell


# --------------------------------------------------------------------------------------------
# inflection

_NO_GENITIVE_S = ("s", "ß", "x", "z")


def genitive(name: str, gender: str | None = None) -> str | None:
    """Genitive of a single-token proper name: ``Russland`` -> ``Russlands``; None for feminine
    and plural names (``Ukraine``, ``USA``) and names ending in a sibilant (``Belarus``)."""
    if " " in name or gender in ("f", "pl"):
        return None
    if name.endswith(_NO_GENITIVE_S) or name.isupper():
        return None
    return name + "s"


def _weak_or_er_obliques(base: str) -> list[str]:
    """Oblique singular forms of a masculine demonym noun."""
    if base.endswith("e"):
        return [base + "n"]                      # Russe -> Russen
    if base.endswith(("er", "el")) or base[-1:] in "aiouy":
        return [base + "s"]                      # Amerikaners, Israelis
    return []                                   # Jemenit, Ungar: obliques listed as plurals


def _plural_dative(plural: str) -> list[str]:
    if plural.endswith(("er", "el")):
        return [plural + "n"]                    # Amerikanern
    return []


def role_paradigm(form: str) -> list[tuple[str, str | None]]:
    """Expand a role form with a paradigm suffix into ``(surface, gender)`` pairs (see roles.tsv)."""
    if "/" not in form:
        return [(form, None)]
    base, para = form.rsplit("/", 1)
    if not base:
        raise ValueError(f"empty base in {form!r}")
    if para == "er":
        return [(base, "m"), (base + "s", "m"), (base + "n", "pl"), (base + "in", "f"),
                (base + "innen", "pl")]
    if para == "en":
        if base.endswith("e"):
            return [(base, "m"), (base + "n", "pl"), (base[:-1] + "in", "f"), (base[:-1] + "innen", "pl")]
        return [(base, "m"), (base + "en", "pl"), (base + "in", "f"), (base + "innen", "pl")]
    if para == "e":
        return [(base, "m"), (base + "s", "m"), (base + "es", "m"), (base + "e", "pl"),
                (base + "en", "pl"), (base + "in", "f"), (base + "innen", "pl")]
    if para == "s":
        return [(base, "m"), (base + "s", None), (base + "in", "f"), (base + "innen", "pl")]
    if para == "adj":
        if not base.endswith("e"):
            raise ValueError(f"adjectival noun {form!r} must be written in -e (Abgeordnete/adj)")
        return [(base + "r", "m"), (base + "m", "m"), (base, None), (base + "n", "pl")]
    m = re.fullmatch(r"([mfn])-(\w*)", para)
    if m:
        g, pl = m.group(1), m.group(2)
        sg_gender = "f" if g == "f" else ("m" if g == "m" else None)
        out = [(base, sg_gender)]
        if g != "f":
            out += [(base + "s", sg_gender), (base + "es", sg_gender)]
        if pl:
            plural = base[:-2] + "en" if (base.endswith("um") and pl == "ien") else base + pl
            out.append((plural, "pl"))
            if g != "f" and not plural.endswith(("n", "s")):
                out.append((plural + "n", "pl"))
        return out
    raise ValueError(f"unknown paradigm /{para} in {form!r} -- use /er, /en, /e, /s, /adj, /m-PL, /n-PL or /f-PL")


# --------------------------------------------------------------------------------------------
# building

class _Builder:
    def __init__(self) -> None:
        self.actors: dict[tuple[str, ...], _Slot] = {}
        self.adjectives: dict[str, _Slot] = {}
        self.roles: dict[str, _Slot] = {}
        self.prefixes: dict[str, _Slot] = {}
        self.shared: list[tuple[str, object, LexEntry, str]] = []   # (table, key, entry, where)
        self.errors: list[str] = []
        self.names_by_code: dict[str, str] = {}
        self.un: set[str] = set()
        self.role_kinds: dict[str, str] = {}
        self.non_roles: set[str] = set()
        self.directional: list[tuple[str, LexEntry, str]] = []   # "nordsyrisch": only where free

    def add(self, table: str, key, entry: LexEntry, where: str, *, shared: bool = False) -> None:
        if shared:
            self.shared.append((table, key, entry, where))
            return
        store: dict = getattr(self, table)
        old = store.get(key)
        if old is None:
            store[key] = _Slot(entry, where, False)
            return
        clash = (old.entry.code != entry.code) if table != "roles" else (old.entry.sector != entry.sector)
        if clash:
            shown = " ".join(key) if isinstance(key, tuple) else key
            what = "code" if table != "roles" else "sector"
            a = old.entry.code if table != "roles" else old.entry.sector
            b = entry.code if table != "roles" else entry.sector
            self.errors.append(f"{where}: {shown!r} maps to {what} {b} but {old.where} maps it to {a} "
                               f"-- keep one, or mark the weaker one with a leading '?' (shared form)")
        # same code: the first definition (load order = priority) wins

    def resolve_shared(self) -> None:
        for table, key, entry, where in self.shared:
            store: dict = getattr(self, table)
            old = store.get(key)
            if old is None:
                store[key] = _Slot(entry, where, True)
                continue
            alt = entry.code if table != "roles" else None
            if alt and alt != old.entry.code and alt not in old.entry.alt_codes:
                old.entry = dataclasses.replace(old.entry, alt_codes=old.entry.alt_codes + (alt,))

    def finish(self) -> Lexicon:
        self.resolve_shared()
        for form, entry, where in self.directional:
            if form not in self.adjectives:     # "nordkoreanisch" stays PRK, "nordirisch" GBR
                self.adjectives[form] = _Slot(entry, where, True)
        for form in sorted(self.non_roles & self.roles.keys()):
            self.errors.append(f"roles.tsv: {form!r} is listed both as a role ({self.roles[form].where}) "
                               "and as a non-role (kind none) -- keep one")
        if self.errors:
            raise LexiconError("conflicting lexicon entries:\n  " + "\n  ".join(self.errors))
        actors = {k: s.entry for k, s in self.actors.items()}
        city_adjectives = {}
        for key, slot in self.actors.items():
            e = slot.entry
            if e.kind in ("capital", "city") and len(key) == 1 and key[0] == e.name and key[0][-1:].isalpha() \
                    and (key[0][-1] not in "aeiouy" or key[0].endswith("au")) and not slot.shared:
                form = key[0].lower() + "er"        # "Moskau" -> "moskauer", "Kiew" -> "kiewer" (not
                                                    # after another vowel: no "Ankaraer")
                if form not in self.adjectives and (form.capitalize(),) not in self.actors:
                    city_adjectives[form] = LexEntry(e.code, None, "demonym_adj", e.name, None, e.alt_codes)
        return Lexicon(
            actors=actors,
            adjectives={k: s.entry for k, s in self.adjectives.items()},
            roles={k: s.entry for k, s in self.roles.items()},
            prefixes={k: s.entry for k, s in self.prefixes.items()},
            max_len=max((len(k) for k in actors), default=1),
            names_by_code=dict(self.names_by_code),
            un_members=frozenset(self.un),
            role_kinds=dict(self.role_kinds),
            non_roles=frozenset(self.non_roles),
            city_adjectives=city_adjectives,
            _first=frozenset(k[0] for k in actors),
        )


def _tokens(form: str) -> tuple[str, ...]:
    return tuple(form.split())


def _load_countries(b: _Builder, filename: str = "countries.tsv", text: str | None = None) -> list:
    """Country names first (highest priority); returns deferred capitals and nouns."""
    deferred: list = []
    for lineno, row in read_tsv(filename, text):
        where = f"{filename}:{lineno}"
        status = row.get("status", "").strip() or "un"
        if status not in STATUSES:
            raise LexiconError(f"{where}: unknown status {status!r} -- use {', '.join(sorted(STATUSES))}")
        code, alts = _codes(row.get("code", ""), where, allow_empty=(status == "group"))
        name = row.get("name", "").strip()
        if status != "group" and not name:
            raise LexiconError(f"{where}: country {code} has no name")
        if name.startswith(SHARED):
            raise LexiconError(f"{where}: the canonical name may not be a shared ('?') form")
        genus = row.get("genus", "").strip()
        if genus and genus not in ("m", "f", "n", "pl"):
            raise LexiconError(f"{where}: genus {genus!r} must be m, f, n or pl")
        if status == "un" and code:
            b.un.add(code)
        gender = genus if genus in ("f", "pl", "m") else None
        others = _alternatives(row.get("names", ""), where)
        adjs = _alternatives(row.get("adj", ""), where)
        noun_m = _alternatives(row.get("noun_m", ""), where)
        noun_f = _alternatives(row.get("noun_f", ""), where)
        noun_pl = _alternatives(row.get("noun_pl", ""), where)
        canonical = name or (noun_pl[0].lstrip(SHARED) if noun_pl else adjs[0].lstrip(SHARED) if adjs else "")
        if code and name and code not in b.names_by_code:
            b.names_by_code[code] = name
        country = LexEntry(code, "GOV", "country", canonical, gender, alts)
        for i, form in enumerate(([name] if name else []) + others):
            shared = form.startswith(SHARED)
            form = form.lstrip(SHARED)
            b.add("actors", _tokens(form), country, where, shared=shared)
            gen = genitive(form, gender if i == 0 else None)
            if gen and i > 0 and form.endswith(("e", "en")):
                gen = None                          # Emirate, Kapverden: plural names
            if gen:
                b.add("actors", _tokens(gen), country, where, shared=shared)
            if i == 0 and gender == "pl" and " " not in form and form.endswith("e"):
                # the dative of a plural name: "aus den Niederlanden" (was no mention)
                b.add("actors", _tokens(form + "n"), country, where, shared=shared)
            if " " not in form:
                b.add("prefixes", form, country, where, shared=shared)
        group = status == "group"           # regions and peoples: each form names itself
        adj_entry = LexEntry(code, None, "demonym_adj", canonical, None, alts)
        for stem in adjs:
            shared = stem.startswith(SHARED)
            stem = stem.lstrip(SHARED)
            compass = not stem.endswith("!")     # "amerikanisch!": no "südamerikanisch" -> USA
            stem = stem.rstrip("!")
            if stem.endswith("="):
                forms = [stem[:-1].lower()]
            else:
                forms = [stem.lower() + e for e in ADJ_ENDINGS]
            entry = dataclasses.replace(adj_entry, name=stem.rstrip("=")) if group else adj_entry
            for f in forms:
                b.add("adjectives", f, entry, where, shared=shared)
                if compass and not group and not shared and not stem.endswith("="):
                    b.directional.extend((p + f, entry, where) for p in DIRECTION_PREFIXES)
        nouns: list[tuple[str, str | None]] = []
        pl_set = {p.lstrip(SHARED) for p in noun_pl}
        for m in noun_m:
            mark = SHARED if m.startswith(SHARED) else ""
            base = m.lstrip(SHARED)
            nouns.append((mark + base, None if base in pl_set else "m"))
            nouns += [(mark + o, "pl" if o in pl_set else "m") for o in _weak_or_er_obliques(base)]
        for f in noun_f:
            nouns.append((f, "f"))
            if f.lstrip(SHARED).endswith("in"):
                nouns.append((f + "nen", "pl"))
        for p in noun_pl:
            nouns.append((p, "pl"))
            mark = SHARED if p.startswith(SHARED) else ""
            nouns += [(mark + d, "pl") for d in _plural_dative(p.lstrip(SHARED))]
        capitals = _alternatives(row.get("capital", ""), where)
        deferred.append((where, code, alts, None if group else canonical, capitals, nouns))
    return deferred


def _load_deferred_countries(b: _Builder, deferred: list) -> None:
    for where, code, alts, canonical, capitals, _nouns in deferred:
        for cap in capitals:
            shared = cap.startswith(SHARED)
            cap = cap.lstrip(SHARED)
            entry = LexEntry(code, "GOV", "capital", cap, None, alts)
            b.add("actors", _tokens(cap), entry, where, shared=shared)
            gen = genitive(cap)
            if gen:
                b.add("actors", _tokens(gen), entry, where, shared=shared)
            if " " not in cap:
                b.add("prefixes", cap, entry, where, shared=shared)
    for where, code, alts, canonical, _caps, nouns in deferred:
        seen: set[str] = set()
        for form, gender in nouns:
            shared = form.startswith(SHARED)
            form = form.lstrip(SHARED)
            if form in seen:
                continue
            seen.add(form)
            b.add("actors", _tokens(form), LexEntry(code, None, "demonym_noun", canonical or form, gender,
                                                    alts), where, shared=shared)


def _load_cities(b: _Builder, filename: str = "cities.tsv", text: str | None = None) -> None:
    """Cities as places (lowest priority: a form another file owns keeps its meaning)."""
    if text is None and not importlib.resources.files(_DATA_PACKAGE).joinpath(*_DATA_DIR, filename).is_file():
        return
    for lineno, row in read_tsv(filename, text):
        where = f"{filename}:{lineno}"
        code, alts = _codes(row.get("code", ""), where)
        if not code:
            raise LexiconError(f"{where}: a city needs the code of its country")
        forms = _alternatives(row.get("forms", ""), where)
        if not forms:
            raise LexiconError(f"{where}: no forms")
        for form in forms:
            entry = LexEntry(code, None, "city", form, None, alts)
            b.add("actors", _tokens(form), entry, where)
            gen = genitive(form)
            if gen and _tokens(gen) not in b.actors:
                b.add("actors", _tokens(gen), entry, where)


def _load_organisations(b: _Builder, filename: str = "organisations.tsv", text: str | None = None) -> None:
    for lineno, row in read_tsv(filename, text):
        where = f"{filename}:{lineno}"
        code, alts = _codes(row.get("code", ""), where)
        sector = _sector(row.get("sector", ""), where)
        kind = row.get("kind", "").strip()
        if kind not in ORG_KINDS:
            raise LexiconError(f"{where}: kind {kind!r} must be one of {', '.join(sorted(ORG_KINDS))}")
        _add_entities(b, row.get("forms", ""), code, sector, kind, alts, where)


def _load_parties(b: _Builder, filename: str = "parties.tsv", text: str | None = None) -> None:
    for lineno, row in read_tsv(filename, text):
        where = f"{filename}:{lineno}"
        code, alts = _codes(row.get("code", ""), where)
        sector = _sector(row.get("sector", ""), where) or "PTY"
        _add_entities(b, row.get("forms", ""), code, sector, "party", alts, where)


def _add_entities(b: _Builder, cell: str, code, sector, kind, alts, where) -> None:
    """A forms cell: ``;`` separates distinct entities sharing code, sector and kind
    ("CNN; Fox News"), ``|`` the forms of one entity ("Vereinte Nationen|UNO|UN")."""
    n = 0
    for part in cell.split(";"):
        forms = _alternatives(part, where, generic=True)
        if forms:
            _add_named(b, forms, code, sector, kind, alts, where)
            n += 1
    if not n:
        raise LexiconError(f"{where}: no forms")


def _add_named(b: _Builder, forms: list[str], code, sector, kind, alts, where) -> None:
    canonical = next((f for f in forms if not f.startswith(SHARED)), forms[0].lstrip(SHARED)).lstrip(GENERIC)
    entry = LexEntry(code, sector, kind, canonical, None, alts)
    for form in forms:
        shared = form.startswith(SHARED)
        form = form.lstrip(SHARED)
        # "~Oberster Gerichtshof": this form names such a body of any country, the code is a default
        named = dataclasses.replace(entry, generic=True) if form.startswith(GENERIC) else entry
        form = form.lstrip(GENERIC)
        b.add("actors", _tokens(form), named, where, shared=shared)
        if " " not in form:
            b.add("prefixes", form, named, where, shared=shared)


def _load_roles(b: _Builder, filename: str = "roles.tsv", text: str | None = None) -> None:
    for lineno, row in read_tsv(filename, text):
        where = f"{filename}:{lineno}"
        sector = _sector(row.get("sector", ""), where)
        kind = row.get("kind", "").strip() or "person"
        if kind not in ROLE_KINDS:
            raise LexiconError(f"{where}: kind {kind!r} must be one of {', '.join(sorted(ROLE_KINDS))}")
        row_gender = _gender(row.get("gender", ""), where)
        forms = _alternatives(row.get("forms", ""), where)
        if not forms:
            raise LexiconError(f"{where}: no forms")
        bases: dict[str, str] = {}          # de-umlauted base -> base, for irregular forms' names
        row_entries: list[tuple[str, LexEntry]] = []
        if kind == "none":
            for form in forms:
                try:
                    b.non_roles.update(surface for surface, _ in role_paradigm(form))
                except ValueError as exc:
                    raise LexiconError(f"{where}: {exc}") from exc
            continue
        for form in forms:
            if " " in form:
                raise LexiconError(f"{where}: role {form!r} has several tokens -- roles are single "
                                   "words; put multi-word names in organisations.tsv")
            try:
                generated = role_paradigm(form)
            except ValueError as exc:
                raise LexiconError(f"{where}: {exc}") from exc
            base = form.rsplit("/", 1)[0]
            if form.endswith("/adj"):
                base += "r"
            hint = None
            if "/" in form:
                bases.setdefault(_deumlaut(base), base)
            else:
                base, hint = _base_of(form, bases)
            for surface, g in generated:
                gender = g if "/" in form else (row_gender or hint)
                row_entries.append((surface, LexEntry(None, sector, "role", base, gender)))
        with_feminine = {e.name for _, e in row_entries if e.gender == "f"}
        for surface, entry in row_entries:
            if entry.gender is None and surface == entry.name and entry.name in with_feminine:
                entry = dataclasses.replace(entry, gender="m")   # "Staatsanwalt" next to "Staatsanwältin"
            b.add("roles", surface, entry, where)
            b.role_kinds.setdefault(surface, kind)


_UMLAUT = str.maketrans("äöüÄÖÜ", "aouAOU")


def _deumlaut(word: str) -> str:
    return word.translate(_UMLAUT)


_SUFFIX_GENDER = {"innen": "pl", "in": "f", "en": "pl", "es": "m", "e": "pl", "n": "pl", "s": "m", "": None}


def _base_of(form: str, bases: dict[str, str]) -> tuple[str, str | None]:
    """Name and likely gender of an explicitly listed form: the row's base it inflects
    ("Staatsanwältin" -> ("Staatsanwalt", "f"), "Senatoren" -> ("Senator", "pl")), else the form
    itself (which then becomes a base) and a guess from its ending."""
    plain = _deumlaut(form)
    for suffix, gender in _SUFFIX_GENDER.items():
        if plain.endswith(suffix):
            stem = plain[: len(plain) - len(suffix)] if suffix else plain
            if stem in bases and bases[stem] != form:
                return bases[stem], gender
    bases.setdefault(plain, form)
    return form, _guess_gender(form)


#: endings of role words used in the plural only or nearly so ("Sicherheitskräfte", "Bodentruppen")
_PLURAL_ONLY_ENDINGS = ("innen", "kräfte", "kräften", "truppen", "leute", "leuten", "medien", "kreise",
                        "kreisen", "quellen", "parteien")


def _guess_gender(form: str) -> str | None:
    """Gender of an explicitly listed role form in a row without one: -innen plural, -in feminine."""
    if form.endswith(_PLURAL_ONLY_ENDINGS):
        return "pl"
    if form.endswith("in") and len(form) > 4:
        return "f"
    return None


def _add_compass_regions(b: _Builder, filename: str = "compass.tsv", text: str | None = None) -> None:
    """A point of the compass (compass.tsv, kind ``prefix``) joined to a country's one-word name
    ("Südrussland", "Westukraine", "Nordostnigerias") as a place in that country, like the regions of
    cities.tsv; a form the files list keeps their meaning ("Nordkorea", "Nordirland", "Südsudan"), a
    form of kind ``not_a_region`` makes none ("Westindien"), and neither does an abbreviated name ("USA")."""
    rows = [row for _, row in read_tsv(filename, text)]
    prefixes = [r["form"] for r in rows if r.get("kind") == "prefix"]
    skip = {r["form"] for r in rows if r.get("kind") == "not_a_region"}
    for code, name in sorted(b.names_by_code.items()):
        if not code or len(code) != 3 or not name.isalpha() or not name[0].isupper() or not name[1:].islower():
            continue
        for prefix in prefixes:
            form = prefix + name[0].lower() + name[1:]
            if form in skip:
                continue
            for f in (form, genitive(form)):
                if f and _tokens(f) not in b.actors:
                    b.add("actors", _tokens(f), LexEntry(code, None, "city", form, None, ()), filename)


def build_lexicon(texts: dict[str, str] | None = None) -> Lexicon:
    """Build a lexicon from the package files, or from ``texts`` ({filename: content}) for tests."""
    texts = texts or {}
    b = _Builder()
    deferred = _load_countries(b, text=texts.get("countries.tsv"))
    _load_organisations(b, text=texts.get("organisations.tsv"))
    _load_parties(b, text=texts.get("parties.tsv"))
    _load_deferred_countries(b, deferred)
    _load_cities(b, text=texts.get("cities.tsv"))
    _add_compass_regions(b, text=texts.get("compass.tsv"))
    _load_roles(b, text=texts.get("roles.tsv"))
    return b.finish()


@functools.lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    """PLOVER sector code -> the name the pages show ("PTY" -> "political party"), from
    ``lang/de/sectors.tsv`` (read once): the one table of sector names."""
    out: dict[str, str] = {}
    for lineno, row in read_tsv("sectors.tsv"):
        code = row.get("code", "")
        if code not in SECTORS or code in out or not row.get("name"):
            raise LexiconError(f"sectors.tsv:{lineno}: {code!r} is not a PLOVER sector, is listed "
                               f"twice or has no name -- one row per sector of {', '.join(sorted(SECTORS))}")
        out[code] = row["name"]
    if set(out) != SECTORS:
        raise LexiconError(f"sectors.tsv: no row for {', '.join(sorted(SECTORS - set(out)))}")
    return out


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon from the TSV files shipped under ``lagebild/lang/de`` (read once, cached)."""
    return build_lexicon()
