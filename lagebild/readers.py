"""Input readers: files, folders, JSON Lines, CSV and HTML pages -> ``Article`` records.

Formats (chosen by file extension; ``.gz``/``.xz``/``.bz2`` compressed files are
opened transparently, ``articles.csv.xz`` is read as CSV):

* **seed format** (``.txt``): a first line `` date YYYY-MM[-DD] `` followed by the body,
  possibly on the same line (`` date 2022-02 Die Telefon-Diplomatie ...``); also written
  ``date: 2022-02-17``, ``Date: ...`` or ``Datum: 17.02.2022``. The body is everything
  after the header; character offsets of the analysis index the body.
* **plain text** (``.txt`` without that header): ``dct`` is None unless given.
* **JSON Lines** (``.jsonl``/``.ndjson``): one object per line with ``text`` and
  optional ``id`` (or ``doc_id``), ``date`` (or ``dct``), ``title``, ``url``, ``source``.
* **JSON** (``.json``): one such object, a list of them, or ``{"articles": [...]}``.
  In a folder walk a ``.json`` file beside a ``.txt`` of the same name is taken as an
  annotation of that text and skipped.
* **CSV/TSV** (``.csv``/``.tsv``): a column mapping (names or 0-based indexes), the
  delimiter and quote character sniffed, a header row detected (or ``csv_header``).
  Headerless files (such as 10kGNAD's ``id;category;'text'``) get their columns guessed:
  the longest column is the text, a first column of short tokens is the id.
* **HTML** (``.html``/``.htm``): main text, title, date, url and site name extracted
  with trafilatura (``favor_recall=True``).
* **folders**: walked recursively in sorted order, hidden files and folders skipped.
* ``-``: standard input, read as seed format or plain text.

Bad input never stops the run: each problem becomes an :class:`~lagebild.errors.InputError`
(naming the file, line and article id, and what to do) passed to ``on_error``, and the
remaining inputs are read. :class:`ReadStats` counts what was read, so a caller can tell
whether nothing at all could be read.

Example::

    stats = ReadStats()
    for article in iter_articles(["examples/", "more.jsonl"], stats=stats):
        ...
    if stats.nothing_read:
        sys.exit(1)
"""
from __future__ import annotations

import bz2
import codecs
import csv
import email.utils
import gzip
import io
import json
import logging
import lzma
import os
import re
import shutil
import sys
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .cleaning import MIN_PAGE_TEXT, article_text, clean_optional, main_text
from .records import Article
from .wording import count

log = logging.getLogger("lagebild.readers")

#: Longest article text accepted, in characters. Longer texts are reported, not truncated.
MAX_ARTICLE_CHARS = 2_000_000
#: Largest HTML page read, in bytes.
MAX_HTML_BYTES = 16 * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv", ".tsv")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")      # saved RSS/Atom files (an .xml only when it is one)
COMPRESSED_SUFFIXES = (".gz", ".xz", ".bz2")
#: how messages name standard input (``-``)
STDIN = "<stdin>"


def _fill_hint(where) -> str:
    """What to do about an input without article text: a file is removed or filled; standard
    input is given the text."""
    if str(where) == STDIN:
        return "pipe an article into it (cat article.txt | lagebild ...), or name files instead of '-'"
    return "remove it or put the article text in it"


KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES + CSV_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES

#: names a header may give a column under when the column's option keeps its default name
CSV_ALIASES = {
    "text": ("inhalt", "body", "artikel", "content", "volltext"),
    "id": ("kennung", "doc_id"),        # not "nr": files that number their rows 1..n would clash
    "date": ("datum", "published", "pubdate", "veröffentlicht"),
    "title": ("titel", "überschrift", "headline"),
    "url": ("link", "adresse"),
    "source": ("quelle", "medium", "outlet"),
}

_CHUNK = 1 << 20
_ESCAPED = re.compile("[\udc80-\udcff]")   # bytes that were not UTF-8 (surrogateescape)
# "date 2022-02-17" (the seed format; the body may follow on the same line), also a header line
# with a colon: "date: 2022-02-17", "Date: ...", "Datum: 17.02.2022" (its value: the rest of the line)
_SEED_HEADER = re.compile(r"\A[ \t]*(?:date[ \t]+(\S+)|(?:date|Date|DATE|Datum|DATUM)[ \t]*:[ \t]*([^\r\n]*\S))")
_LINE_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)?")


def _after_header(raw: str, m: re.Match) -> str:
    """The body after a seed-format date line, as it stands in the input (offsets index it)."""
    return raw[_LINE_END.match(raw, m.end()).end():]

_MAGIC = (
    (b"%PDF", "a PDF document", "extract its text first (e.g. pdftotext FILE out.txt)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)",
     "unpack it or save the document as UTF-8 text"),
    (b"\x89PNG", "a PNG image", "give lagebild the article text, not an image"),
    (b"\xff\xd8\xff", "a JPEG image", "give lagebild the article text, not an image"),
    (b"GIF8", "a GIF image", "give lagebild the article text, not an image"),
    (b"\x7fELF", "an executable program", "check the path"),
    (b"SQLite format 3", "an SQLite database", "export the articles to JSONL or CSV"),
    (b"DUCK", "a DuckDB database", "use `lagebild events`/`export` on a database"),
)
_GZIP, _XZ, _BZ2 = b"\x1f\x8b", b"\xfd7zXZ\x00", b"BZh"


# --------------------------------------------------------------------------- dates

_ISO = re.compile(r"\A(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\Z")
_ISO_DATETIME = re.compile(r"\A(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")
_RFC822 = re.compile(r"\A(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
_GERMAN = re.compile(r"\A(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\Z")
_GERMAN_MONTHS = {name: n for n, names in enumerate(
    (("januar", "jänner"), ("februar", "feber"), ("märz",), ("april",), ("mai",), ("juni",), ("juli",),
     ("august",), ("september",), ("oktober",), ("november",), ("dezember",)), 1) for name in names}
_GERMAN_WORDS = re.compile(r"\A(\d{1,2})\.\s*(" + "|".join(_GERMAN_MONTHS) + r")\s+(\d{4})\Z", re.IGNORECASE)
#: "März 2023": a month of a year
_GERMAN_MONTH_YEAR = re.compile(r"\A()(" + "|".join(_GERMAN_MONTHS) + r")\s+(\d{4})\Z", re.IGNORECASE)
#: "Tue, 05 Mar 2024" without a time (RFC 822 with only the day)
_RFC822_DAY = re.compile(r"\A(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\Z")
_EN_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def normalize_date(value: Any) -> str | None:
    """An ISO date string (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for ``value``, else None.

    Accepts ``2022``, ``2022-02``, ``2022-02-18``, an ISO timestamp
    (``2022-02-18T10:30:00Z`` -> ``2022-02-18``) and the German ``18.02.2022`` and
    ``18. Februar 2022`` (and ``März 2023`` -> ``2023-03``), and the RFC 822 dates of feeds and
    e-mail (``Tue, 05 Mar 2024 10:00:00 +0100`` -> ``2024-03-05``, the day where it was written;
    also without the time).
    Impossible dates (``2022-02-30``, month 13) give None.
    """
    if value is None:
        return None
    s = str(value).strip()
    if _RFC822.match(s):            # "Tue, 05 Mar 2024 10:00:00 +0100", as feeds give it: its own day
        try:
            return email.utils.parsedate_to_datetime(s).date().isoformat()
        except (TypeError, ValueError, IndexError):
            return None
    m = _ISO_DATETIME.match(s)
    if m:
        s = m.group(1)
    m = _ISO.match(s)
    day_month = _RFC822_DAY.match(s)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
    elif day_month and day_month.group(2).lower() in _EN_MONTHS:
        d, y = day_month.group(1), day_month.group(3)
        mo = str(_EN_MONTHS[day_month.group(2).lower()])
    else:
        m = _GERMAN.match(s) or _GERMAN_WORDS.match(s) or _GERMAN_MONTH_YEAR.match(s)
        if not m:
            return None
        d, mo, y = m.group(1) or None, m.group(2), m.group(3)
        if not mo.isdigit():
            mo = str(_GERMAN_MONTHS[mo.lower()])
    year = int(y)
    if not 1000 <= year <= 2999:
        return None
    if mo is None:
        return f"{year:04d}"
    month = int(mo)
    if not 1 <= month <= 12:
        return None
    if d is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _date(year, month, int(d)).isoformat()
    except ValueError:
        return None


_DATE_HINT = "write the date as YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY"


# --------------------------------------------------------------------------- stats

@dataclass
class ReadStats:
    """What a read produced. ``nothing_read`` is what decides a non-zero exit status."""

    inputs: int = 0             # files (and stdin) opened
    articles: int = 0           # articles yielded
    errors: int = 0             # inputs or records skipped
    warnings: int = 0           # read, but with a problem (e.g. a bad date, replaced bytes)
    problems: list[InputError] = field(default_factory=list)   # the first 1,000 problems

    @property
    def ok(self) -> bool:
        return self.articles > 0

    @property
    def nothing_read(self) -> bool:
        return self.articles == 0

    def summary(self) -> str:
        return (f"{count(self.articles, 'article')} read from {count(self.inputs, 'file')} opened; "
                f"{count(self.errors, 'input or record', 'inputs or records')} skipped, "
                f"{count(self.warnings, 'warning')} (see above)")


def log_input_error(err: InputError) -> None:
    """The default ``on_error``: a warning on the ``lagebild.readers`` logger (stderr)."""
    log.warning("%s", err)


# --------------------------------------------------------------------------- the reader

@dataclass
class _Options:
    dct: str | None
    dct_override: bool
    csv_text: str | int
    csv_id: str | int | None
    csv_date: str | int | None
    csv_title: str | int | None
    csv_url: str | int | None
    csv_source: str | int | None
    csv_delimiter: str | None
    csv_quotechar: str | None
    csv_header: bool | None
    encoding_errors: str
    max_chars: int


class _Reader:
    def __init__(self, opts: _Options, on_error: Callable[[InputError], None],
                 stats: ReadStats):
        self.o = opts
        self.on_error = on_error
        self.stats = stats
        self.file_ids: Counter[str] = Counter()
        self.seen_ids: dict[str, tuple[int, str, str | None]] = {}   # doc_id -> (text hash, origin, updated)

    def file_id(self, stem: str) -> str:
        """The doc_id of a one-article file: its stem, made unique within this read
        (``x``, then ``x-2`` for a second ``x.txt`` in another folder)."""
        self.file_ids[stem] += 1
        n = self.file_ids[stem]
        return stem if n == 1 else f"{stem}-{n}"

    # -- reporting
    def problem(self, what: str, *, path=None, line=None, doc_id=None, hint=None,
                skipped: bool = True) -> None:
        err = InputError(what, path=str(path) if path is not None else None, line=line,
                         doc_id=doc_id, hint=hint)
        err.skipped = skipped          # False: the article was still read
        if skipped:
            self.stats.errors += 1
        else:
            self.stats.warnings += 1
        if len(self.stats.problems) < 1000:
            self.stats.problems.append(err)
        self.on_error(err)

    def make(self, *, doc_id: str, text: str, date_value: Any, title=None, url=None,
             source=None, origin: str, path, line=None, date_what="date", id_given: bool = True,
             updated: str | None = None, whole_file: bool = False) -> Article | None:
        text, bad = article_text(text)
        doc_id = clean_optional(doc_id)
        fields = {"title": title, "url": url, "source": source}
        for name, value in fields.items():
            if value is not None and not isinstance(value, (str, int, float)):
                # a list or object where text belongs: left out, not stored as "['a', 'b']"
                self.problem(f"field {name!r} is {_json_type(value)}, not text; left out",
                             path=path, line=line, doc_id=doc_id, skipped=False,
                             hint=f"give {name} as one string")
                fields[name] = None
        title, url, source = (clean_optional(fields[k]) for k in ("title", "url", "source"))
        if bad:
            self.problem(f"{count(bad, 'invalid character')} (lone surrogates, NUL or other control "
                         "characters) replaced", path=path, line=line, doc_id=doc_id,
                         hint="fix the export that produced them", skipped=False)
        first = self.seen_ids.get(doc_id)
        fingerprint = hash(text)
        if first is not None and first[0] != fingerprint and not id_given:
            # an id made up from a file name or line that another article has ("a-2.txt" beside a
            # second "a.txt"): the next free one, no error (the input gave no id to clash)
            n = 2
            while f"{doc_id}-{n}" in self.seen_ids:
                n += 1
            doc_id = f"{doc_id}-{n}"
            first = None
        if first is not None and first[0] != fingerprint and updated and first[2]:
            # two saved snapshots of one feed in one run: the later version is read too (the
            # ingest replaces the earlier one with it, as a correction polled later); an earlier
            # or undated one after it is left out
            if _later_version(updated, first[2]):
                first = None                # recorded below as the version read last
            elif _later_version(first[2], updated):
                self.problem(f"feed item {doc_id!r} again, in an earlier version than in {first[1]}; "
                             f"the later version is kept, this one is left out",
                             path=path, line=line, doc_id=doc_id, skipped=False)
                return None
            else:
                self.problem(f"feed item {doc_id!r} again, with another text but the same time stamp "
                             f"as in {first[1]}; the first one read is kept, this one is skipped",
                             path=path, line=line, doc_id=doc_id,
                             hint="give only one of the two snapshots")
                return None
        if first is not None and first[0] != fingerprint:
            self.problem(f"id {doc_id!r} was already used by {first[1]} with a different "
                         "text; the first record wins, this one is skipped",
                         path=path, line=line, doc_id=doc_id,
                         hint="give each article its own id")
            return None
        if first is not None:
            # the same record again (one file given twice, a JSONL line repeated): read once
            self.problem(f"id {doc_id!r} with the same text as {first[1]}; read once",
                         path=path, line=line, doc_id=doc_id, skipped=False)
            return None
        if first is None:
            self.seen_ids[doc_id] = (fingerprint, origin, updated)
        if len(text) > self.o.max_chars:
            self.problem(f"article text has {len(text):,} characters, more than the limit "
                         f"of {self.o.max_chars:,}; it was skipped, not truncated",
                         path=path, line=line, doc_id=doc_id,
                         hint="split it into separate articles (one per JSONL line) "
                              "or raise max_chars")
            return None
        dct = None
        if date_value not in (None, ""):
            dct = normalize_date(date_value)
            if dct is None and not (self.o.dct and self.o.dct_override):
                self.problem(f"{date_what} {str(date_value)[:40]!r} is not a date; "
                             + (f"the date given with --dct ({self.o.dct}) is used" if self.o.dct
                                else "the article is read without a date"),
                             path=path, line=line, doc_id=doc_id,
                             hint=_DATE_HINT + ("" if self.o.dct else ", or give the date with --dct"),
                             skipped=False)
        given = self.o.dct
        if given and (self.o.dct_override or dct is None or _refines(given, dct)):
            dct = given
        self.stats.articles += 1
        return Article(doc_id=doc_id, text=text, dct=dct, title=_opt_str(title), id_given=id_given, updated=updated,
                       url=_opt_str(url), source=_opt_str(source), origin=origin, whole_file=whole_file)

    # -- dispatch
    def read_paths(self, paths: Iterable[str | os.PathLike]) -> Iterator[Article]:
        for p in paths:
            if str(p) == "-":
                yield from self.read_stdin(sys.stdin.buffer)
                continue
            if str(p).lower().startswith(("http://", "https://")):
                # the readers read files; a feed's URL is fetched by ingest and watch (Path() would
                # bend it into "http:/host/...", no such file)
                self.problem("a URL, not a file or folder: this reads files only", path=str(p),
                             hint="save the page or feed first (curl -o feed.xml URL) and give the "
                                  "file, or give a feed's URL to `lagebild ingest` or `lagebild watch`, "
                                  "which fetch it")
                continue
            path = Path(p)
            if path.is_dir():
                yield from self.read_dir(path)
            elif path.exists():
                yield from self.read_file(path)
            else:
                self.problem("no such file or folder", path=path,
                             hint="check the path (folders are read recursively)")

    def read_dir(self, root: Path) -> Iterator[Article]:
        found = 0
        other: list[Path] = []
        for path in _walk(root, other):
            found += 1
            yield from self.read_file(path)
        reads = "lagebild reads " + ", ".join(KNOWN_SUFFIXES) + " files (also .gz/.xz/.bz2 compressed)"
        if not found:
            self.problem("folder holds no article files", path=root, hint=reads)
        elif other:     # left out, not lost without a word (a saved page "article.php", a .pdf)
            names = ", ".join(str(p.relative_to(root)) for p in other[:3])
            more = f" and {len(other) - 3:,} more" if len(other) > 3 else ""
            self.problem(f"{count(len(other), 'file')} of another type not read ({names}{more})",
                         path=root, skipped=False,
                         hint=f"{reads}; rename an article file to one of these (.txt for plain "
                              "text), or give it by name to read it as plain text")

    def read_file(self, path: Path) -> Iterator[Article]:
        self.stats.inputs += 1
        try:
            size = path.stat().st_size
            if size == 0:
                self.problem("empty file", path=path,
                             hint="remove it or put the article text in it")
                return
            kind = _kind(path.name) or self.sniff_kind(path)
            if kind == "csv":
                yield from self.read_csv(path)
            elif kind == "jsonl":
                yield from self.read_jsonl(path)
            elif kind == "json":
                yield from self.read_json(path)
            elif kind == "html":
                yield from self.read_html(path)
            elif kind == "feed":
                if _inner_suffix(path.name) == ".xml" and self.sniff_kind(path) != "feed":
                    self.problem("an XML file that is no RSS/Atom feed; skipped", path=path,
                                 hint="lagebild reads saved RSS/Atom files; give other XML as text "
                                      "(.txt) or as HTML")
                    return
                yield from self.read_feed(path)
            else:
                with _open_binary(path) as f:
                    yield from self.read_text_stream(f, str(path), _stem(path.name),
                                                     size=None if _compressed(path) else size)
        except OSError as e:
            self.problem(f"cannot read the file ({e.strerror or e})", path=path,
                         hint="check that it exists and that you may read it")
        except (EOFError, lzma.LZMAError, gzip.BadGzipFile, zlib.error, ValueError) as e:
            if not isinstance(e, ValueError) or _compressed(path):
                self.problem(f"corrupt compressed file ({e})", path=path,
                             hint="decompress it by hand to check it, or fetch it again")
            else:
                self._unexpected(path, e)
        except Exception as e:      # a reader bug must not stop the other inputs
            self._unexpected(path, e)

    def _unexpected(self, path, e: Exception) -> None:
        log.debug("unexpected error reading %s", path, exc_info=True)
        self.problem(f"could not be read ({type(e).__name__}: {e})", path=path,
                     hint="check the file; if it looks fine, report this as a lagebild bug")

    def read_stdin(self, stream: IO[bytes]) -> Iterator[Article]:
        """Standard input in any format a file may have: JSON Lines, a JSON array, HTML and CSV (a
        header row that names the --csv-text column, or any --csv-delimiter, --csv-no-header or a
        text column given by number) are told by their first line, as for a file without a known
        extension; anything else is one plain-text article. Streamed: only the first line
        is held in memory (a JSON Lines dump is copied to a temporary file and read from there);
        messages and origins say ``<stdin>``."""
        head = stream.readline(_STDIN_FIRST_LINE)
        kind = self.sniff_head(head)
        if kind == "text" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            kind = "json"           # a JSON array of records, as a .json file holds them
        elif kind == "text" and (self.csv_header_line(head) or self.o.csv_delimiter is not None
                                 or self.o.csv_header is not None or _col_index(self.o.csv_text) is not None):
            kind = "csv"            # a header naming the text column, or CSV options given
        rest = _Chained(head, stream)
        if kind == "text":
            self.stats.inputs += 1
            yield from self.read_text_stream(rest, STDIN, "stdin")
            return
        with tempfile.TemporaryDirectory(prefix="lagebild_stdin_") as tmp:
            path = _ShownAs(Path(tmp) / f"stdin.{kind}", STDIN)
            with open(path.real, "wb") as out:
                shutil.copyfileobj(rest, out)
            yield from self.read_file(path)

    def csv_header_line(self, head: bytes) -> bool:
        """Whether the first line is a CSV header naming the --csv-text column."""
        if not isinstance(self.o.csv_text, str):
            return False
        first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").strip()
        return any(self.o.csv_text in [c.strip().strip('"') for c in first.split(d)] and d in first
                   for d in (",", ";", "\t", "|"))

    def sniff_kind(self, path: Path) -> str:
        """Format of a file with an unknown extension, from its first bytes."""
        try:
            with _open_binary(path) as f:
                head = f.read(4096)
        except (OSError, EOFError, lzma.LZMAError):
            return "text"
        return self.sniff_head(head)

    @staticmethod
    def sniff_head(head: bytes) -> str:
        """"html", "feed", "jsonl" or "text" from the first bytes of a file or stream."""
        s = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if s.startswith((b"<!doctype html", b"<html")) or b"<html" in s[:512]:
            return "html"
        if s.startswith(b"<") and any(tag in s[:2048] for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"       # a saved RSS/Atom file
        if s.startswith(b"{"):
            first = s.split(b"\n", 1)[0]
            try:
                if isinstance(json.loads(first), dict):
                    return "jsonl"
            except ValueError:
                pass
        return "text"

    # -- binary / encoding checks
    def binary_problem(self, head: bytes, path) -> bool:
        """Report and return True when ``head`` (the first bytes) is not text."""
        for magic, what, hint in _MAGIC:
            if head.startswith(magic):
                self.problem(f"binary file ({what}), not text", path=path, hint=hint)
                return True
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.problem("file is UTF-16 encoded, not UTF-8", path=path,
                         hint="re-encode it: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt")
            return True
        if b"\x00" in head[:8192]:
            self.problem("binary file (contains NUL bytes), not text", path=path,
                         hint="give lagebild UTF-8 text, JSONL, CSV or HTML")
            return True
        return False

    def bad_bytes(self, text: str, path, *, line_base: int = 1, byte_base: int = 0,
                  doc_id=None) -> str | None:
        """Handle bytes that were not UTF-8 in ``text`` (decoded with surrogateescape).

        Returns the text to use (with U+FFFD when ``encoding_errors='replace'``), or
        None when the input is to be skipped. Reports where the first bad byte is.
        """
        m = _ESCAPED.search(text)
        if not m:
            return text
        before = text[:m.start()]
        offset = byte_base + len(before.encode("utf-8", "surrogateescape"))
        line = line_base + before.count("\n")
        bad = text[m.start():m.start() + 4].encode("utf-8", "surrogateescape")[:4]
        guess = ""
        try:
            if any(ch in bad.decode("cp1252")[:1] for ch in "äöüÄÖÜß"):
                guess = " (looks like Latin-1/Windows-1252)"
        except UnicodeDecodeError:
            pass
        what = (f"invalid UTF-8 at byte {offset:,} (line {line}): "
                f"{bad[:1]!r}{guess}")
        hint = "re-encode the file as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW"
        if self.o.encoding_errors == "replace":
            self.problem(what + "; the bad bytes were replaced by U+FFFD", path=path,
                         line=line, doc_id=doc_id, hint=hint, skipped=False)
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        self.problem(what + "; skipped", path=path, line=line, doc_id=doc_id, hint=hint)
        return None

    # -- seed format and plain text
    def read_text_stream(self, f: IO[bytes], where: str, stem: str,
                         size: int | None = None) -> Iterator[Article]:
        max_chars = self.o.max_chars
        if size is not None and size > 4 * max_chars + 16:
            self.problem(f"file is {size / 1e6:.1f} MB, more than one article may hold "
                         f"({max_chars:,} characters); it was skipped, not truncated",
                         path=where,
                         hint="split it into articles (one file each, or one JSONL line "
                              "each) or raise max_chars")
            return
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        pieces: list[str] = []
        nchars = 0
        first = True
        while True:
            chunk = f.read(_CHUNK)
            if first:
                if not chunk:
                    self.problem("empty file" if where != STDIN else "standard input is empty",
                                 path=where, hint=_fill_hint(where))
                    return
                if self.binary_problem(chunk, where):
                    return
                first = False
            elif b"\x00" in chunk:
                self.binary_problem(b"\x00", where)
                return
            piece = decoder.decode(chunk, final=not chunk)
            pieces.append(piece)
            nchars += len(piece)
            if nchars > max_chars + 4096:
                self.problem(f"file holds more than {max_chars:,} characters, more than "
                             "one article may hold; it was skipped, not truncated",
                             path=where,
                             hint="split it into articles (one file each, or one JSONL "
                                  "line each) or raise max_chars")
                return
            if not chunk:
                break
        raw = "".join(pieces)
        raw = self.bad_bytes(raw, where, doc_id=stem)
        if raw is None:
            return
        raw = raw.lstrip("\ufeff")      # the file's byte order mark; the text is kept as it is
        date_value = None
        m = _SEED_HEADER.match(raw)
        if m:
            date_value = next(g for g in m.groups() if g is not None)
            body = _after_header(raw, m)
        else:
            body = raw
        if not body.strip():
            what = ("no article text after the date header" if m else "empty file (only whitespace)"
                    if where != STDIN else "standard input holds only whitespace")
            self.problem(what, path=where, hint=_fill_hint(where))
            return
        art = self.make(doc_id=self.file_id(stem), text=body, date_value=date_value,
                        origin=where, id_given=False, whole_file=where != STDIN,
                        path=where, line=1 if m else None, date_what="date header")
        if art is not None:
            yield art

    # -- JSON Lines
    def read_jsonl(self, path: Path) -> Iterator[Article]:
        stem = _stem(path.name)
        limit = 4 * self.o.max_chars + 1024
        with _open_binary(path) as f:
            head = f.peek(8192)[:8192] if hasattr(f, "peek") else b""
            if head and self.binary_problem(head, path):
                return
            offset = 0
            lineno = 0
            nonblank = 0
            while True:
                raw = f.readline(limit)
                if not raw:
                    break
                lineno += 1
                start = offset
                offset += len(raw)
                if len(raw) >= limit and not raw.endswith(b"\n"):
                    while True:      # skip the rest of an over-long line, chunk by chunk
                        rest = f.readline(_CHUNK)
                        offset += len(rest)
                        if not rest or rest.endswith(b"\n"):
                            break
                    nonblank += 1
                    self.problem(f"line is longer than {limit:,} bytes, more than one "
                                 "article may hold; skipped, not truncated", path=path,
                                 line=lineno, hint="split the article or raise max_chars")
                    continue
                if b"\x00" in raw:
                    self.problem("line contains NUL bytes (binary data)", path=path,
                                 line=lineno, hint="remove the line or fix the export")
                    continue
                text = raw.decode("utf-8", "surrogateescape")
                if lineno == 1:
                    text = text.lstrip("\ufeff")
                if not text.strip():
                    continue
                nonblank += 1
                text = self.bad_bytes(text, path, line_base=lineno, byte_base=start)
                if text is None:
                    continue
                try:
                    obj = json.loads(text)
                except ValueError as e:
                    self.problem(f"not JSON ({_json_msg(e)})", path=path, line=lineno,
                                 hint="each line must be one JSON object such as "
                                      '{"id": "a1", "text": "...", "date": "2024-03-05"}')
                    continue
                art = self.from_record(obj, path=path, line=lineno,
                                       default_id=f"{stem}-{lineno}",
                                       origin=f"{path}:{lineno}")
                if art is not None:
                    yield art
            if nonblank == 0:
                self.problem("file holds only blank lines", path=path,
                             hint="remove it or add one JSON object per line")

    def from_record(self, obj: Any, *, path, line: int | None, default_id: str,
                    origin: str) -> Article | None:
        if not isinstance(obj, dict):
            self.problem(f"expected a JSON object, found {_json_type(obj)}", path=path,
                         line=line, hint='write one object per line: {"id": ..., "text": ...}')
            return None
        rid = obj.get("id", obj.get("doc_id"))
        if isinstance(rid, (dict, list)):      # not stored as "{'a': 1}"
            self.problem(f"\"id\" is {_json_type(rid)}, not a string or number; the record is read "
                         f"as {default_id!r}", path=path, line=line, skipped=False,
                         hint='give the article id as one string, e.g. "id": "a1"')
            rid = None
        doc_id = str(rid) if rid not in (None, "") else default_id
        text = obj.get("text")
        if text is None and "text" in obj:
            self.problem("\"text\" is null", path=path, line=line, doc_id=doc_id,
                         hint="put the article body in the \"text\" field")
            return None
        if text is None:
            keys = ", ".join(list(obj)[:8]) or "none"
            self.problem(f"no \"text\" field (fields: {keys})", path=path, line=line,
                         doc_id=doc_id, hint='put the article body in a "text" field')
            return None
        if not isinstance(text, str):
            self.problem(f"\"text\" is {_json_type(text)}, not a string", path=path,
                         line=line, doc_id=doc_id, hint='"text" must hold the article body')
            return None
        if not text.strip():
            self.problem("\"text\" is empty", path=path, line=line, doc_id=doc_id,
                         hint="remove the record or fill in the article body")
            return None
        date_value = obj.get("date", obj.get("dct"))
        return self.make(doc_id=doc_id, text=text, date_value=date_value,
                         title=obj.get("title"), url=obj.get("url"),
                         source=obj.get("source"), origin=origin, path=path, line=line,
                         date_what='"date"', id_given=rid not in (None, ""))

    # -- JSON
    def read_json(self, path: Path) -> Iterator[Article]:
        size = path.stat().st_size
        if not _compressed(path) and size > 64 * self.o.max_chars:
            self.problem(f"JSON file is {size / 1e6:.0f} MB, too large to load at once",
                         path=path, hint="convert it to JSON Lines (one article per line), "
                                         "which is read as a stream")
            return
        with _open_binary(path) as f:
            data = f.read()
        if self.binary_problem(data[:8192], path):
            return
        text = self.bad_bytes(data.decode("utf-8", "surrogateescape"), path)
        if text is None:
            return
        text = text.lstrip("\ufeff")
        if not text.strip():
            self.problem("empty file (only whitespace)", path=path,
                         hint="remove it or put the articles in it")
            return
        try:
            obj = json.loads(text)
        except ValueError as e:
            if "\n{" in text.strip():
                yield from self.read_jsonl(path)     # JSON Lines under a .json name
                return
            self.problem(f"not JSON ({_json_msg(e)})", path=path,
                         line=getattr(e, "lineno", None),
                         hint="fix the JSON, or write one object per line to a .jsonl file")
            return
        stem = _stem(path.name)
        if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
            obj = obj["articles"]
        if isinstance(obj, dict):
            art = self.from_record(obj, path=path, line=None, default_id=stem,
                                   origin=str(path))
            if art is not None:
                yield art
            return
        if not isinstance(obj, list):
            self.problem(f"expected an object or a list of objects, found "
                         f"{_json_type(obj)}", path=path,
                         hint='write {"id": ..., "text": ...} or a list of such objects')
            return
        for i, item in enumerate(obj, 1):
            art = self.from_record(item, path=path, line=None, default_id=f"{stem}-{i}",
                                   origin=f"{path}#{i}")
            if art is not None:
                yield art

    def read_capped(self, path: Path, what: str, hint: str) -> bytes | None:
        """A file read whole, at most MAX_HTML_BYTES (a larger one is reported: None)."""
        if not _compressed(path) and path.stat().st_size > MAX_HTML_BYTES:
            self.problem(f"{what} is {path.stat().st_size / 1e6:.0f} MB, more than "
                         f"{MAX_HTML_BYTES // 2**20} MiB", path=path, hint=hint)
            return None
        with _open_binary(path) as f:
            data = f.read(MAX_HTML_BYTES + 1)
        if len(data) > MAX_HTML_BYTES:
            self.problem(f"{what} is more than {MAX_HTML_BYTES // 2**20} MiB", path=path, hint=hint)
            return None
        return data

    # -- HTML
    def read_html(self, path: Path) -> Iterator[Article]:
        data = self.read_capped(path, "HTML page", "save the article text instead of the page")
        if data is None or self.binary_problem(data[:8192], path):
            return
        try:
            art = article_from_html(data, doc_id=self.file_id(_stem(path.name)),
                                    origin=str(path),
                                    max_chars=self.o.max_chars)
        except InputError as e:
            self.problem(e.what, path=path, hint=e.hint)
            return
        art = self.make(doc_id=art.doc_id, text=art.text, date_value=art.dct,
                        title=art.title, url=art.url, source=art.source, id_given=False,
                        origin=str(path), path=path, date_what="page date")
        if art is not None:
            yield art

    def read_feed(self, path: Path) -> Iterator[Article]:
        """A saved RSS/Atom file: one article per item, from the item's own text (its page is not
        fetched: give the feed's URL to ingest for that)."""
        from .feeds import UNDATED_ITEM, feed_file_articles
        data = self.read_capped(path, "feed file", "split it, or give the feed's URL to lagebild ingest")
        if data is None:
            return
        arts, warnings = feed_file_articles(data, str(path))
        for w in warnings:      # an item lost ("...; skipped") is an error, the rest warnings
            undated = UNDATED_ITEM in w
            if undated and self.o.dct and self.o.dct_override:
                continue        # every item takes the date given, as a seed file's bad date header
            what = w.split(": ", 1)[-1]
            if undated and self.o.dct:      # make() dates it by --dct, as any reader's undated article
                what = what.replace(UNDATED_ITEM, f"the date given with --dct ({self.o.dct}) is used")
            self.problem(what, path=path, skipped="skipped" in w and not undated,
                         hint=("write it as RFC 822 (RSS pubDate) or ISO 8601 (Atom)"
                               + ("" if self.o.dct else ", or give the items without one a date with --dct"))
                         if undated else None)
        if not arts:
            self.problem("no RSS/Atom item with text in this XML file", path=path,
                         hint="an item needs a description or content; a feed's URL given to "
                              "lagebild ingest fetches the items' pages")
            return
        for n, a in enumerate(arts, 1):
            art = self.make(doc_id=a.doc_id, text=a.text, date_value=a.dct, title=a.title, url=a.url,
                            source=a.source, origin=f"{path} (item {n})", path=path, date_what="item date",
                            updated=a.updated)     # a later version of a stored item replaces it
            if art is not None:
                yield art

    # -- CSV
    def read_csv(self, path: Path) -> Iterator[Article]:
        o = self.o
        with _open_binary(path) as f:
            sample_bytes = f.read(65536)
        if self.binary_problem(sample_bytes, path):
            return
        sample = sample_bytes.decode("utf-8", "surrogateescape").lstrip("\ufeff")
        if not sample.strip():
            self.problem("empty file (only whitespace)", path=path,
                         hint="remove it or put the articles in it")
            return
        if len(sample_bytes) < 65536 and not sample.endswith(("\n", "\r")):
            sample += "\n"          # the sample is the whole file: its last row is whole
        tsv = _inner_suffix(path.name) == ".tsv"
        delimiter, quotechar = _sniff_csv(sample, o.csv_delimiter or ("\t" if tsv else None),
                                          o.csv_quotechar)
        csv.field_size_limit(max(csv.field_size_limit(), o.max_chars + 1))
        stem = _stem(path.name)
        with _open_binary(path) as fb:
            ft = io.TextIOWrapper(fb, encoding="utf-8-sig", errors="surrogateescape",
                                  newline="")
            quotes = [0]

            def counted(lines):
                """The lines, counting the quote characters (an odd number at the end: a
                quote was opened and never closed)."""
                for ln in lines:
                    quotes[0] += ln.count(quotechar)
                    yield ln
            reader = csv.reader(counted(ft), delimiter=delimiter, quotechar=quotechar)
            prev_line = 0
            try:
                first = next(reader, None)
            except csv.Error as e:
                self.problem(f"not a readable CSV file ({e})", path=path, line=1,
                             hint="check the delimiter and quote character "
                                  "(--csv-delimiter)")
                return
            if first is None:
                self.problem("empty file", path=path, hint="remove it")
                return
            mapping = self.csv_mapping(path, first, sample, delimiter, quotechar)
            if mapping is None:
                return
            has_header, cols = mapping
            rows_seen = 0
            broken = False

            def rows():
                nonlocal prev_line
                if not has_header:
                    yield 1, first
                prev_line = reader.line_num
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        return
                    start = prev_line + 1
                    prev_line = reader.line_num
                    yield start, row

            held = None         # (line, row): the last row waits until the file is read

            width = len(first)

            def article_of(h: tuple[int, list[str]]) -> Article | None:
                line, row = h
                while len(row) > width and not row[-1].strip():
                    row = row[:-1]          # trailing empty fields ("...;2024-03-01;;") hold nothing
                if has_header and len(row) > width:
                    row = self.csv_surplus(row, width, cols, delimiter, path=path, line=line)
                    if row is None:
                        return None
                return self.from_csv_row(row, cols, path=path, line=line, default_id=f"{stem}-{line}")
            try:
                for line, row in rows():
                    if not row or all(not c.strip() for c in row):
                        continue
                    rows_seen += 1
                    if held is not None and (art := article_of(held)) is not None:
                        yield art
                    held = (line, row)
            except csv.Error as e:
                broken = True
                self.problem(f"CSV error, the rest of the file was skipped ({e})",
                             path=path, line=prev_line + 1,
                             hint="check the quoting near this line; texts longer than "
                                  f"{o.max_chars:,} characters are not accepted")
            if held is not None:
                if quotes[0] % 2 and any("\n" in c or "\r" in c for c in held[1]):
                    # a quote opened in the last row and never closed: the reader took the rest
                    # of the file as one field (the rows after it would be lost in one article)
                    self.problem("a quote opened in this row is never closed: it and the rest of the "
                                 f"file (to line {prev_line}) were skipped", path=path, line=held[0],
                                 hint=f"close the quote ({quotechar}) of this row's field, or double a "
                                      f"quote inside a field ({quotechar}{quotechar})")
                elif (art := article_of(held)) is not None:
                    yield art
            if rows_seen == 0 and not broken:
                self.problem("CSV file has a header but no rows", path=path, hint="remove it")

    def csv_mapping(self, path, first: list[str], sample: str, delimiter: str,
                    quotechar: str):
        """(has_header, {field: column index}) for a CSV file, or None after a report."""
        o = self.o
        specs = {"text": o.csv_text, "id": o.csv_id, "date": o.csv_date,
                 "title": o.csv_title, "url": o.csv_url, "source": o.csv_source}
        names = {k: v for k, v in specs.items() if v is not None and _col_index(v) is None}
        lowered = [c.strip().lower() for c in first]
        has_header = o.csv_header
        if has_header is None:
            has_header = any(str(v).strip().lower() in lowered for v in names.values()) or any(
                a in lowered for k, v in names.items() if str(v).strip().lower() == k for a in CSV_ALIASES[k])
            idx = _col_index(o.csv_text)
            if not has_header and _looks_like_header(first, sample, delimiter, quotechar) and (
                    idx is None or _label_row(first, idx, _col_index(o.csv_date))):
                # a header that does not name the text column: short labels above long texts
                # (with the columns given by number, a row that cannot be data: "Kennung;Datum;Inhalt")
                has_header = True
        cols: dict[str, int] = {}
        given = _col_index(o.csv_text)
        if given is not None and given >= len(first):
            # beyond every column of the first row: one problem for the file, not one per row
            self.problem(f"the text column {given} is beyond the {count(len(first), 'column')} of the first "
                         f"row ({delimiter.join(first[:6])}{'...' if len(first) > 6 else ''})",
                         path=path, line=1,
                         hint=f"give --csv-text as a column name or a number from 0 to {len(first) - 1}, "
                              "or check --csv-delimiter")
            return None
        if has_header:
            for key, spec in specs.items():
                if spec is None:
                    continue
                idx = _col_index(spec)
                if idx is None:
                    want = str(spec).strip().lower()
                    idx = lowered.index(want) if want in lowered else None
                    if idx is None and want == key:
                        # the default name: also its German and usual other names ("Datum", "Titel")
                        idx = next((lowered.index(a) for a in CSV_ALIASES[key] if a in lowered), None)
                    if idx is None and key == "text":
                        self.problem(f"CSV has no column {spec!r} (columns: "
                                     f"{', '.join(first[:12])})", path=path, line=1,
                                     hint="name the text column with --csv-text NAME "
                                          "(or a 0-based number)")
                        return None
                if idx is not None:
                    cols[key] = idx
            return True, cols
        # headerless: integer specs are used as given, names are guessed from the data
        guessed = _guess_columns(sample, delimiter, quotechar)
        for key, spec in specs.items():
            if spec is None:
                continue
            idx = _col_index(spec)
            if idx is None:
                idx = guessed.get(key)
            if idx is not None:
                cols[key] = idx
        if "text" not in cols:
            self.problem("cannot tell which CSV column holds the text (no header row "
                         "names it)", path=path, line=1,
                         hint="add a header row with a 'text' column or give "
                              "--csv-text with a 0-based column number")
            return None
        log.info("%s: no header row; using column %s as text%s", path, cols["text"],
                 f", column {cols['id']} as id" if "id" in cols else "")
        return False, cols

    def csv_surplus(self, row: list[str], width: int, cols: dict[str, int], delimiter: str, *,
                    path, line: int) -> list[str] | None:
        """A row with more fields than its header: a text that holds the delimiter and is not
        quoted ("Polen hat Belarus kritisiert; Minsk wies ... zurück" in a ;-file). When the text
        is the last column, the surplus is its rest: joined back, with a warning; otherwise the
        columns are shifted and the row is skipped with an error (it was cut without a word)."""
        text_col = cols["text"]
        if text_col == width - 1:
            self.problem(f"row has {count(len(row), 'field')}, the header {width}: the text held the "
                         f"delimiter {delimiter!r}; the fields after column {text_col} were joined "
                         "back into the text", path=path, line=line, skipped=False,
                         hint="quote text fields that hold the delimiter (or pass --csv-delimiter)")
            return row[:text_col] + [delimiter.join(row[text_col:])]
        self.problem(f"row has {count(len(row), 'field')}, the header {width}: a field holds the delimiter "
                     f"{delimiter!r} unquoted, so the columns after it are shifted; the row was skipped",
                     path=path, line=line,
                     hint="quote fields that hold the delimiter (or pass --csv-delimiter)")
        return None

    def from_csv_row(self, row: list[str], cols: dict[str, int], *, path, line: int,
                     default_id: str) -> Article | None:
        def get(key):
            i = cols.get(key)
            if i is None or i >= len(row):
                return None
            v = row[i].strip()
            return v or None

        rid = get("id")
        doc_id = rid if rid else default_id
        if cols["text"] >= len(row):
            self.problem(f"row has {count(len(row), 'field')}; the text column "
                         f"{cols['text']} is missing", path=path, line=line, doc_id=rid,
                         hint="check the delimiter and the quoting of this row")
            return None
        joined = "\x1f".join(row)
        if _ESCAPED.search(joined):
            fixed = self.bad_bytes(joined, path, line_base=line, doc_id=rid)
            if fixed is None:
                return None
            row = fixed.split("\x1f")
            rid = get("id")
            doc_id = rid if rid else default_id
        text = row[cols["text"]]
        if not text.strip():
            self.problem("text column is empty", path=path, line=line, doc_id=rid,
                         hint="remove the row or fill in the article body")
            return None
        return self.make(doc_id=doc_id, text=text, date_value=get("date"),
                         title=get("title"), url=get("url"), source=get("source"),
                         origin=f"{path}:{line}", path=path, line=line,
                         date_what="date column value", id_given=bool(rid))


# --------------------------------------------------------------------------- public API

def iter_articles(paths: str | os.PathLike | Iterable[str | os.PathLike],
                  dct: str | None = None, *,
                  dct_override: bool = True,
                  csv_text: str | int = "text",
                  csv_id: str | int | None = "id",
                  csv_date: str | int | None = "date",
                  csv_title: str | int | None = "title",
                  csv_url: str | int | None = "url",
                  csv_source: str | int | None = "source",
                  csv_delimiter: str | None = None,
                  csv_quotechar: str | None = None,
                  csv_header: bool | None = None,
                  encoding_errors: str = "strict",
                  max_chars: int = MAX_ARTICLE_CHARS,
                  on_error: Callable[[InputError], None] | None = None,
                  stats: ReadStats | None = None) -> Iterator[Article]:
    """Yield an :class:`Article` for every article in ``paths`` (files, folders, ``-``).

    ``dct``: a document date (YYYY[-MM[-DD]] or DD.MM.YYYY) given by the user. With
    ``dct_override=True`` (default) it replaces dates found in the input; with False it
    fills in articles that have none and refines a coarser date it agrees with
    (``--dct 2022-02-18`` on a seed file dated ``2022-02`` gives ``2022-02-18``) but
    never contradicts one. An invalid ``dct`` raises InputError at the call.

    CSV columns (``csv_*``) are header names (case-insensitive) or 0-based indexes
    (``2`` or ``"2"``); ``None`` means "no such column". ``csv_header=None`` detects a
    header row (a first row naming one of the columns); headerless files get the text and
    id columns guessed. ``csv_delimiter``/``csv_quotechar`` default to sniffing.

    ``encoding_errors``: ``"strict"`` (default) skips an input with invalid UTF-8,
    ``"replace"`` reads it with U+FFFD in place of the bad bytes; both report where.

    ``max_chars``: longest article text; longer ones are reported and skipped.

    ``on_error(err)`` receives every :class:`InputError` (default: a warning on the
    ``lagebild.readers`` logger); ``err.skipped`` tells whether the input was dropped
    (False: read with a problem, e.g. a bad date). Pass a :class:`ReadStats` as
    ``stats`` to get counts; ``stats.nothing_read`` decides a failing exit status.
    ``on_error`` may raise (e.g. the error itself) to stop reading at the first problem.
    Articles are produced lazily, one input at a time.
    """
    # validate eagerly (a bad --dct fails at the call, not at the first article)
    if encoding_errors not in ("strict", "replace"):
        raise ValueError("encoding_errors must be 'strict' or 'replace'")
    if dct is not None and str(dct).strip():
        norm = normalize_date(dct)
        if norm is None:
            raise InputError(f"{dct!r} is not a date", path="--dct", hint=_DATE_HINT)
        dct = norm
    else:
        dct = None
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    opts = _Options(dct=dct, dct_override=dct_override, csv_text=csv_text, csv_id=csv_id,
                    csv_date=csv_date, csv_title=csv_title, csv_url=csv_url,
                    csv_source=csv_source, csv_delimiter=csv_delimiter,
                    csv_quotechar=csv_quotechar, csv_header=csv_header,
                    encoding_errors=encoding_errors, max_chars=max_chars)
    reader = _Reader(opts, on_error or log_input_error,
                     stats if stats is not None else ReadStats())
    return reader.read_paths(list(paths))


def read_articles(paths, dct: str | None = None, **kwargs) -> tuple[list[Article], ReadStats]:
    """All articles of ``paths`` as a list, with the :class:`ReadStats` (same options)."""
    stats = kwargs.pop("stats", None) or ReadStats()
    return list(iter_articles(paths, dct, stats=stats, **kwargs)), stats


def article_from_text(text: str, doc_id: str = "doc", dct: str | None = None,
                      origin: str | None = None) -> Article:
    """An Article from a string in seed format or plain text (the seed header wins over
    nothing, ``dct`` wins over the header). Raises InputError for an empty text or a
    header that is not a date."""
    raw = text.lstrip("\ufeff")
    date_value = None
    m = _SEED_HEADER.match(raw)
    if m:
        date_value, raw = next(g for g in m.groups() if g is not None), _after_header(raw, m)
    body = raw
    if not body.strip():
        raise InputError("no article text", path=origin, doc_id=doc_id,
                         hint="give the article body")
    found = normalize_date(date_value) if date_value is not None else None
    if date_value is not None and found is None and dct is None:
        raise InputError(f"date header {date_value!r} is not a date", path=origin, line=1,
                         doc_id=doc_id, hint=_DATE_HINT)
    if dct is not None:
        found = normalize_date(dct)
        if found is None:
            raise InputError(f"--dct {dct!r} is not a date", hint=_DATE_HINT)
    return Article(doc_id=doc_id, text=body, dct=found, origin=origin)


def article_from_html(html: str | bytes, *, doc_id: str, url: str | None = None,
                      origin: str | None = None, dct: str | None = None,
                      source: str | None = None,
                      max_chars: int = MAX_ARTICLE_CHARS) -> Article:
    """Main text, title, date, url and site name of an HTML page (trafilatura,
    ``favor_recall=True``). ``url``/``dct``/``source`` given here win over the page's
    metadata. Raises InputError when no article text is found. For feed readers too."""
    try:
        got = main_text(html, url)       # the one reading of a page, also for feed items
    except Exception as e:   # trafilatura raises assorted errors on broken markup
        raise InputError(f"HTML could not be parsed ({type(e).__name__}: {e})",
                         path=origin, doc_id=doc_id,
                         hint="save the page again, or give its text as a .txt file") from e
    text, title, page_date_raw, sitename, page_url = got if got else ("", None, None, None, None)
    if text and len(text) < MIN_PAGE_TEXT:
        raise InputError(f"no article text found in the HTML page (its main text has {count(len(text), 'character')}, "
                         f"fewer than the {MIN_PAGE_TEXT} an article needs: a menu or a teaser)",
                         path=origin, doc_id=doc_id,
                         hint="check that the page holds the article, or give its text as a .txt file")
    if not text:
        raise InputError("no article text found in the HTML page", path=origin,
                         doc_id=doc_id,
                         hint="check that the page holds the article (not a login wall "
                              "or a script-only page), or give its text as a .txt file")
    if len(text) > max_chars:
        raise InputError(f"article text has {len(text):,} characters, more than "
                         f"{max_chars:,}", path=origin, doc_id=doc_id,
                         hint="save the article text instead of the page")
    page_date = normalize_date(page_date_raw)
    if dct is not None:
        page_date = normalize_date(dct) or page_date
    return Article(doc_id=doc_id, text=text, dct=page_date, title=_opt_str(title),
                   url=url or _opt_str(page_url), source=source or _opt_str(sitename), origin=origin)


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """The files ``iter_articles`` would open for ``paths`` (folders expanded), in order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        path = Path(p)
        if not path.is_dir():
            yield path
            continue
        yield from _walk(path)


#: files of a folder that are no article and not worth a word when left out (a folder's notes)
_FOLDER_NOTES = ("readme", "license", "licence", "copying", "notice", "changelog", "authors")


def _walk(root: Path, other: list[Path] | None = None) -> list[Path]:
    """Article files under ``root``, sorted by their path below it; hidden files and
    folders skipped; a .json beside a .txt of the same name (an annotation) skipped. ``other``
    collects the files of another type, left out (less a folder's README, LICENSE and the like)."""
    found: list[tuple[tuple[str, ...], Path]] = []
    left: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "__"))]
        names = set(filenames)
        rel = Path(dirpath).relative_to(root).parts
        for name in filenames:
            kind = _kind(name)
            if name.startswith("."):
                continue
            if kind is None:
                if name.split(".")[0].lower() not in _FOLDER_NOTES:
                    left.append(((*rel, name), Path(dirpath) / name))
                continue
            if kind == "json" and _stem(name) + ".txt" in names:
                log.debug("skipping %s: taken as the annotation of %s.txt", name, _stem(name))
                continue
            found.append(((*rel, name), Path(dirpath) / name))
    found.sort(key=lambda x: x[0])
    if other is not None:
        other += [p for _, p in sorted(left, key=lambda x: x[0])]
    return [p for _, p in found]


# --------------------------------------------------------------------------- helpers

def _json_type(value: Any) -> str:
    """What a JSON value is, in JSON's words ("null", "a number", "an array"), for messages: not
    Python's ("NoneType", "a int", "a list")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _refines(given: str, found: str) -> bool:
    """True when ``given`` is a more precise date inside ``found`` (2022-02-18 in 2022-02)."""
    return len(given) > len(found) and given.startswith(found + "-")


def _later_version(updated: str | None, earlier: str | None) -> bool:
    """Whether a feed item's ``updated`` stamp makes it a later version of the one read before
    under its id (``feeds.is_newer``, the one test)."""
    from .feeds import is_newer
    return is_newer(updated, earlier)


def _opt_str(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _compressed(path: Path) -> bool:
    return path.name.lower().endswith(COMPRESSED_SUFFIXES)


def _inner_suffix(name: str) -> str:
    n = name.lower()
    for c in COMPRESSED_SUFFIXES:
        if n.endswith(c):
            n = n[: -len(c)]
            break
    return os.path.splitext(n)[1]


def _stem(name: str) -> str:
    n = name
    for c in COMPRESSED_SUFFIXES:
        if n.lower().endswith(c):
            n = n[: -len(c)]
            break
    return os.path.splitext(n)[0] or n


def _kind(name: str) -> str | None:
    suf = _inner_suffix(name)
    if suf in TEXT_SUFFIXES:
        return "text"
    if suf in JSONL_SUFFIXES:
        return "jsonl"
    if suf in JSON_SUFFIXES:
        return "json"
    if suf in CSV_SUFFIXES:
        return "csv"
    if suf in HTML_SUFFIXES:
        return "html"
    if suf in FEED_SUFFIXES:
        return "feed"
    return None


#: how much of the first line of standard input is read to tell its format (a JSON Lines record
#: is one line: a long article's may be this long)
_STDIN_FIRST_LINE = 8 * 1024 * 1024


class _Chained(io.RawIOBase):
    """Bytes already read (``head``) followed by the rest of a stream, as one readable stream."""

    def __init__(self, head: bytes, stream: IO[bytes]):
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.head:
            n = min(len(b), len(self.head))
            b[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.stream.read(len(b))
        b[:len(data)] = data
        return len(data)


class _ShownAs(type(Path())):
    """A temporary file's path that messages and origins show under another name (standard
    input copied to a file: ``<stdin>``); opening it opens the real file."""

    def __new__(cls, real: Path, shown: str):
        self = super().__new__(cls, real)
        self.real, self.shown = Path(real), shown
        return self

    def __init__(self, real: Path, shown: str):   # Python 3.12 passes the arguments on
        try:
            super().__init__(real)
        except TypeError:
            super().__init__()

    def __fspath__(self) -> str:
        return str(self.real)

    def __str__(self) -> str:
        return self.shown


def _open_binary(path: Path) -> IO[bytes]:
    """Open a file for binary reading, decompressing gzip/xz/bzip2 (found by magic)."""
    f = open(path, "rb")
    try:
        magic = f.read(6)
        f.seek(0)
    except OSError:
        f.close()
        raise
    # a decompressor given a file object does not close it: the path is opened by the
    # decompressor itself, so that closing the reader closes the file (it was left open)
    if magic.startswith(_GZIP):
        f.close()
        return io.BufferedReader(gzip.open(path, "rb"))
    if magic.startswith(_XZ):
        f.close()
        return io.BufferedReader(lzma.open(path, "rb"))
    if magic.startswith(_BZ2) and _compressed(path):
        f.close()
        return io.BufferedReader(bz2.open(path, "rb"))
    return f


def _json_msg(e: ValueError) -> str:
    """The JSON error in words with its place ("Invalid control character at column 24"; json's own
    ``msg`` ends in "at" and leaves the place to ``colno``)."""
    msg = getattr(e, "msg", None)
    if msg is None:
        return str(e)
    col = getattr(e, "colno", None)
    msg = msg[:-3] if msg.endswith(" at") else msg
    if (getattr(e, "lineno", 1) or 1) > 1:
        return f"{msg} at the end of the line"      # what the object misses comes after the line's last character
    return f"{msg} at column {col}" if col else msg


def _col_index(spec: Any) -> int | None:
    if isinstance(spec, bool):
        return None
    if isinstance(spec, int):
        return spec
    s = str(spec).strip()
    return int(s) if s.isdigit() else None


def _sample_rows(sample: str, delimiter: str, quotechar: str) -> list[list[str]]:
    try:
        rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter,
                               quotechar=quotechar))
    except csv.Error:
        return []
    if len(rows) > 1 and not sample.endswith(("\n", "\r")):
        rows = rows[:-1]        # the sample cut the last record
    return [r for r in rows if r]


def _sniff_csv(sample: str, delimiter: str | None,
               quotechar: str | None) -> tuple[str, str]:
    """Delimiter and quote character of a CSV sample (given values are kept)."""
    def quote_for(d: str) -> str:
        if quotechar:
            return quotechar
        best, score = '"', 0
        for q in ('"', "'"):
            pat = re.compile(rf"(?:^|{re.escape(d)})[ ]?{re.escape(q)}", re.M)
            n = len(pat.findall(sample))
            if n > score:
                best, score = q, n
        return best

    if delimiter:
        return delimiter, quote_for(delimiter)
    best = (",", quote_for(","))
    best_score = -1.0
    for d in (",", ";", "\t", "|"):
        if d not in sample:
            continue
        q = quote_for(d)
        rows = _sample_rows(sample, d, q)
        if not rows:
            continue
        widths = Counter(len(r) for r in rows)
        width, n = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (n / len(rows), width)
        if best_score == -1.0 or score > best_score:
            best, best_score = (d, q), score
    return best


def _guess_columns(sample: str, delimiter: str, quotechar: str) -> dict[str, int]:
    """For a headerless CSV: the text column (longest on average), an id column (a
    first column of short, space-free, distinct values) and a date column."""
    rows = _sample_rows(sample, delimiter, quotechar)[:200]
    if not rows:
        return {}
    width = Counter(len(r) for r in rows).most_common(1)[0][0]
    rows = [r for r in rows if len(r) == width]
    out: dict[str, int] = {}
    avg = [sum(len(r[i]) for r in rows) / len(rows) for i in range(width)]
    out["text"] = max(range(width), key=lambda i: avg[i])
    for i in range(width):
        if i == out["text"]:
            continue
        vals = [r[i].strip() for r in rows]
        if "date" not in out and all(normalize_date(v) for v in vals if v) and any(vals):
            out["date"] = i
    first = [r[0].strip() for r in rows]
    if (out["text"] != 0 and out.get("date") != 0 and all(first)
            and all(len(v) <= 64 and " " not in v for v in first)
            and len(set(first)) == len(first)):
        out["id"] = 0
    return out


def _label_row(first: list[str], text_idx: int, date_idx: int | None) -> bool:
    """A first row of labels, not of data, where the columns are given by number: its text cell
    is a short label (at most three words, no sentence end: "Inhalt", not "Explosion in Kiew."),
    and its date cell, where one is given, is no date ("Datum", not "12.03.2024")."""
    if text_idx >= len(first):
        return False
    label = first[text_idx].strip()
    if len(label.split()) > 3 or label.endswith((".", "!", "?", '"', "“")):
        return False
    if date_idx is not None and date_idx < len(first):
        try:
            if normalize_date(first[date_idx]):
                return False
        except (ValueError, TypeError):
            pass
    return True


def _looks_like_header(first: list[str], sample: str, delimiter: str, quotechar: str) -> bool:
    """True when the first row is short labels above a column of long texts."""
    if not first or any(len(c) > 40 for c in first):
        return False
    rows = _sample_rows(sample, delimiter, quotechar)[1:200]
    rows = [r for r in rows if len(r) == len(first)]
    if not rows:
        return False
    longest = max(sum(len(r[i]) for r in rows) / len(rows) for i in range(len(first)))
    return longest >= 80
