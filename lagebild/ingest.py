"""The ingest run: articles in, one deduplicated event database out.

::

    read ──> skip known texts ──> analyze (serial | N processes | Dask) ──> one writer
             (content hash,           models loaded once per worker         near-duplicates (MinHash LSH)
              before analysis)                                              cross-article event merging
                                                                            one transaction per batch

* **Idempotent.** Every article text is hashed (sha256 of the normalised text) before
  analysis; texts already in the store, or seen earlier in the run, are skipped, so
  ingesting the same input twice adds nothing and costs little.
* **Crash-safe.** The writer commits one batch per transaction; a killed run loses
  the batch in flight and a rerun redoes exactly that batch (its hashes were never
  committed).
* **Near-duplicates** (wire copies, updated versions) are found with MinHash LSH on
  word 3-gram shingles (Jaccard >= ``near_threshold``) and linked to the article
  seen first (``articles.near_duplicate_of``). Their events are stored as mentions
  flagged ``is_duplicate`` of the original's events and do not count.
* **Cross-article merging** follows the one policy of :mod:`lagebild.merge` (the
  same as inside an article): an event joins an existing one when the type and
  factuality agree, the source and target code sets are the same (at least one
  side coded), their own dates (when both have one) do not differ, the dates agree (both days known: at most one day apart; otherwise the
  same month; an event without its own date takes the article's date) and the places
  are compatible (same country code when both have one; the same name when neither
  has a code; anything when one side has no place). Each canonical event counts its
  mentions, articles and distinct sources.

Library use::

    from lagebild.ingest import Ingester
    from lagebild.store import Store

    if __name__ == "__main__":            # needed with workers > 1 (worker processes
        with Store("lage.duckdb") as store, Ingester(store, workers=2) as ing:  # re-import
            stats = ing.ingest(articles)    # the main module); any iterable of Article
        print(stats.as_dict())
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import hashlib
import importlib
import json
import multiprocessing
import os
import random
import re
import signal
import sys
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .cleaning import article_text, clean_optional
from .errors import DatabaseLocked, InputError, LagebildError, install_extra
from . import merge as _merge
from .feeds import host_of
from .records import UNDATED_WITHOUT_TIMEX, Article, Document, Event, Participant
from .store import Store, mention_fields, to_json, utcnow
from .version import ANALYZER_VERSION
from .wording import count

DEFAULT_ANALYZER = "lagebild.pipeline:Analyzer"
NUM_PERM = 64
#: the highest threshold the near-duplicate index bands at (stricter ones are checked per candidate)
LSH_MAX_THRESHOLD = 0.9
SHINGLE = 3
#: datasketch's MinHash scheme (32-bit affine hashing); signatures are stored as uint32
MINHASH_SCHEME = "affine32"

# -- hashing and shingling --------------------------------------------------------------
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_text(text: str) -> str:
    """NFKC, unified quotes/dashes, collapsed whitespace: what the content hash sees."""
    t = unicodedata.normalize("NFKC", text or "")
    for a, b in _QUOTES:
        if a in t:
            t = t.replace(a, b)
    return " ".join(t.split())


_QUOTES = (("„", '"'), ("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'), ("‚", "'"),
           ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"), ("\u00ad", ""))


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised article text: two articles with the same text
    are the same article, whatever their ids, sources or dates."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


_PERMUTATIONS = None


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> bytes:
    """MinHash signature (num_perm uint32, little-endian bytes) of the word 3-gram
    shingles of the lower-cased text."""
    global _PERMUTATIONS
    from datasketch import MinHash

    words = _WORD.findall((text or "").lower())
    if len(words) >= SHINGLE:
        sh = {" ".join(words[i:i + SHINGLE]).encode("utf-8")
              for i in range(len(words) - SHINGLE + 1)}
    else:
        sh = {" ".join(words).encode("utf-8")}
    if _PERMUTATIONS is None or len(_PERMUTATIONS[0]) != num_perm:
        _PERMUTATIONS = MinHash(num_perm=num_perm, seed=1,
                                scheme=MINHASH_SCHEME).permutations
    m = MinHash(num_perm=num_perm, seed=1, permutations=_PERMUTATIONS, scheme=MINHASH_SCHEME)
    m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def _minhash(sig: bytes):
    from datasketch import MinHash
    global _PERMUTATIONS
    hv = np.frombuffer(sig, dtype="<u4").astype(np.uint32)
    if _PERMUTATIONS is None or len(_PERMUTATIONS[0]) != len(hv):
        _PERMUTATIONS = MinHash(num_perm=len(hv), seed=1, scheme=MINHASH_SCHEME).permutations
    return MinHash(num_perm=len(hv), seed=1, hashvalues=hv, permutations=_PERMUTATIONS,
                   scheme=MINHASH_SCHEME)


def _clean_article(art: Article, warn) -> Article:
    """The article with lone surrogates and control characters replaced (a reader that
    let them through must not crash hashing or storing: one bad record never stops a
    run); a warning says how many."""
    text, bad = article_text(art.text or "")
    fields = {k: clean_optional(getattr(art, k)) for k in ("doc_id", "title", "url", "source",
                                                            "origin", "dct")}
    if not bad and text == (art.text or "") and all(fields[k] is getattr(art, k) or fields[k] == getattr(art, k)
                       for k in fields):
        return art
    if bad:
        warn(f"{art.origin or art.doc_id} (article {fields['doc_id']}): "
             f"{count(bad, 'invalid character')} replaced")
    return dataclasses.replace(art, text=text, **fields)


# -- analysis (runs in workers) ----------------------------------------------------------
def load_analyzer(spec: Any = None, factory_only: bool = False):
    """Instantiate the analyzer: ``spec`` is "module:callable" (default
    ``lagebild.pipeline:Analyzer``) or a callable returning an analyzer (``factory_only``: the
    callable itself)."""
    spec = spec or os.environ.get("LAGEBILD_ANALYZER") or DEFAULT_ANALYZER
    if isinstance(spec, str):
        mod, _, attr = spec.partition(":")
        if not attr:
            raise LagebildError(f"analyzer {spec!r}: use the form module:callable, "
                                f"for example {DEFAULT_ANALYZER}")
        try:
            factory = getattr(importlib.import_module(mod), attr)
        except (ImportError, AttributeError) as exc:
            raise LagebildError(f"analyzer {spec!r} cannot be loaded ({exc}) -- check the "
                                f"module path (and PYTHONPATH)") from exc
    else:
        factory = spec
    return factory if factory_only else factory()


@dataclass(frozen=True)
class WithFloor:
    """The default analyzer with another confidence floor (``--min-confidence``): picklable for
    the worker processes, where the analyzer is built; the same analyzer version."""

    min_confidence: float
    version: str = ANALYZER_VERSION

    def __call__(self):
        return load_analyzer(DEFAULT_ANALYZER, factory_only=True)(min_confidence=self.min_confidence)


@dataclass
class Analyzed:
    """What a worker sends back for one article."""

    index: int
    doc: Document | None
    signature: bytes
    error: str | None = None
    seconds: float = 0.0


class ArticleTimeout(Exception):
    """An article's analysis ran past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float | None):
    """Raise :class:`ArticleTimeout` in the block after ``seconds``.

    In a process's main thread on POSIX (local workers, the serial backend of ``ingest`` and
    ``watch``) by SIGALRM; in any other thread (``serve --watch``'s watcher thread) by a timer
    thread that raises the exception in the block's thread (``PyThreadState_SetAsyncExc``).
    Either way the exception comes between two Python instructions: a single long call into C
    (one regular expression, one matrix product) ends first, as with a signal. Dask's worker
    threads are given no budget."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_budget(seconds):
            yield
        return

    def expired(signum, frame):
        raise ArticleTimeout(_budget_message(seconds))

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _budget_message(seconds: float) -> str:
    return f"took longer than the time budget of {seconds:g} s (--time-budget); skipped"


@contextlib.contextmanager
def _thread_budget(seconds: float):
    """The budget of :func:`time_budget` outside the main thread: a timer raises
    :class:`ArticleTimeout` in this thread while the block runs, never after it (a lock
    orders the timer and the block's end; an exception set but not yet raised when the block
    ends is withdrawn)."""
    import ctypes

    tid = threading.get_ident()
    message = _budget_message(seconds)

    class Expired(ArticleTimeout):      # raised by class (no arguments): the message is its default
        def __init__(self, *args):
            super().__init__(*(args or (message,)))

    lock, state = threading.Lock(), {"running": True, "fired": False}
    set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc

    def fire():
        with lock:
            if state["running"]:
                state["fired"] = True
                set_async(ctypes.c_ulong(tid), ctypes.py_object(Expired))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.name = "lagebild-time-budget"
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["running"] = False
            if state["fired"]:
                set_async(ctypes.c_ulong(tid), None)   # NULL: one not raised yet is withdrawn


#: default per-article analysis budget in seconds (ingest and watch)
DEFAULT_TIME_BUDGET = 300.0
#: what a batch of articles may take beyond one article's budget, per article (seconds)
CHUNK_SECONDS_EACH = 30.0     # long articles take seconds each; a batch past it is redone one by one


def analyze_chunk(analyzer, chunk: list[tuple[int, Article]], strip_text: bool = False,
                  budget: float | None = None) -> list[Analyzed]:
    """Analyze ``(index, article)`` pairs; an article that fails, or runs past ``budget``
    seconds, gives an error, not an exception, so one bad article never stops a run."""
    out = []
    if hasattr(analyzer, "pipe") and len(chunk) > 1:
        # the whole chunk at once (the NER model is faster on batches); on any error fall
        # back to one article at a time, so that the failing article is the only one lost
        t0 = time.perf_counter()
        try:
            # the chunk's budget: one article's, and a few seconds for each of the others (an article
            # takes well under a second), not the budget times the chunk (64 x 300 s held the
            # database for hours on a runaway article; a code review); past it, the articles are
            # analyzed one by one below, each with its own budget
            with time_budget(min(budget * len(chunk), budget + CHUNK_SECONDS_EACH * len(chunk))
                             if budget else None):
                docs = list(analyzer.pipe([art for _, art in chunk]))
        except Exception:  # noqa: BLE001 - retried per article below
            docs = None
        if docs is not None and len(docs) == len(chunk):
            each = (time.perf_counter() - t0) / len(chunk)
            for (index, art), doc in zip(chunk, docs):
                if strip_text:
                    doc.text = ""
                out.append(Analyzed(index, doc, minhash_signature(art.text), None, each))
            return out
    for index, art in chunk:
        t0 = time.perf_counter()
        sig = minhash_signature(art.text)
        try:
            with time_budget(budget):
                doc = analyzer(art)
            err = None
            if strip_text:
                doc.text = ""
        except Exception as exc:  # noqa: BLE001 - reported per article
            doc, err = None, f"{type(exc).__name__}: {exc}"
        out.append(Analyzed(index, doc, sig, err, time.perf_counter() - t0))
    return out


_WORKER_ANALYZER = None


_WORKER_BUDGET = None


def _init_worker(spec, budget=None, parent=None) -> None:
    """Pool initializer: load the analyzer once per worker process; the worker exits
    when its parent dies (kill -9 included)."""
    global _WORKER_ANALYZER, _WORKER_BUDGET
    _watch_parent(parent)
    _WORKER_BUDGET = budget
    _WORKER_ANALYZER = load_analyzer(spec)


def _watch_parent(parent: int | None) -> None:
    """End this process when the process ``parent`` is gone (Linux: PR_SET_PDEATHSIG; and
    a daemon thread that polls, for other systems and for the forkserver in between)."""
    if not parent:
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)       # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def poll():
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass
            if os.getppid() == 1:
                os._exit(1)

    threading.Thread(target=poll, daemon=True, name="lagebild-parent-watch").start()


def _worker_analyze(chunk):
    return analyze_chunk(_WORKER_ANALYZER, chunk, strip_text=True, budget=_WORKER_BUDGET)


def _worker_rss(delay: float = 0.0) -> tuple[int, int]:
    """(pid, peak RSS in KiB) of the calling worker (used by the benchmark); the
    delay keeps one worker from answering every request."""
    import resource
    time.sleep(delay)
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _dask_analyze(chunk):
    from distributed import get_worker

    plugin = get_worker().plugins["lagebild-analyzer"]
    return analyze_chunk(plugin.analyzer, chunk, strip_text=True)


class SerialBackend:
    """Analysis in the calling process."""

    workers = 1

    def __init__(self, spec=None, budget: float | None = None):
        self.spec = spec
        self.budget = budget
        self.analyzer = None

    def imap(self, chunks: Iterator[list]) -> Iterator[list[Analyzed]]:
        for chunk in chunks:
            if self.analyzer is None:
                self.analyzer = load_analyzer(self.spec)
            yield analyze_chunk(self.analyzer, chunk, budget=self.budget)

    def worker_rss(self) -> list[tuple[int, int]]:
        return [_worker_rss()]

    def close(self) -> None:
        self.analyzer = None


class _BoundedMap:
    """Ordered map over chunks with at most ``inflight`` chunks submitted at once (a
    50,000-article stream never sits in memory)."""

    inflight = 4

    def _submit(self, chunk):  # pragma: no cover - abstract
        raise NotImplementedError

    def _result(self, fut):  # pragma: no cover - abstract
        raise NotImplementedError

    def imap(self, chunks: Iterator[list]) -> Iterator[list[Analyzed]]:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(self._submit(chunk))
            while len(pending) >= self.inflight:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())


def _start_method(requested: str | None) -> str:
    """forkserver where the OS has it (workers fork from a clean server process that
    has imported the analyzer's modules once), else spawn; never plain fork (unsafe
    with threads, DuckDB's included). $LAGEBILD_START_METHOD overrides."""
    method = requested or os.environ.get("LAGEBILD_START_METHOD")
    if method:
        return method
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class ProcessBackend(_BoundedMap):
    """``workers`` local processes (forkserver or spawn start method: safe with
    threads); each loads the analyzer once, in the pool initializer."""

    def __init__(self, workers: int, spec=None, start_method: str | None = None,
                 max_chunks_per_worker: int | None = None, budget: float | None = None):
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.inflight = 2 * workers + 1
        method = _start_method(start_method)
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            mod = (spec if isinstance(spec, str) else None) or os.environ.get(
                "LAGEBILD_ANALYZER") or DEFAULT_ANALYZER
            ctx.set_forkserver_preload([__name__, mod.partition(":")[0]])
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                        initializer=_init_worker,
                                        initargs=(spec, budget, os.getpid()),
                                        max_tasks_per_child=max_chunks_per_worker)

    def _submit(self, chunk):
        return self.pool.submit(_worker_analyze, chunk)

    def _result(self, fut):
        from concurrent.futures.process import BrokenProcessPool
        try:
            return fut.result()
        except BrokenProcessPool as exc:
            raise LagebildError(f"a worker process died ({exc}); the batches committed so "
                                f"far are kept -- rerun the same command to continue, or "
                                f"use fewer --workers if memory is short") from exc

    def worker_rss(self) -> list[tuple[int, int]]:
        futs = [self.pool.submit(_worker_rss, 0.2) for _ in range(self.workers * 3)]
        return sorted(dict(f.result() for f in futs).items())

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskBackend(_BoundedMap):
    """Analysis on a Dask cluster (``address`` like tcp://host:8786, or a Client).
    The analyzer is loaded once per Dask worker by a worker plugin."""

    def __init__(self, address, spec=None):
        try:
            from distributed import Client, WorkerPlugin
        except ImportError:
            raise LagebildError(
                "--scheduler needs Dask's distributed scheduler, which is not installed "
                f"-- install it with: {install_extra('dask')} "
                "(or run without --scheduler, optionally with --workers N)") from None

        class AnalyzerPlugin(WorkerPlugin):
            name = "lagebild-analyzer"

            def __init__(self, spec):
                self.spec = spec
                self.analyzer = None

            def setup(self, worker):
                self.analyzer = load_analyzer(self.spec)

        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client, self._own = Client(address, timeout="15s"), True
            except (OSError, TimeoutError) as exc:
                raise LagebildError(f"cannot reach the Dask scheduler at {address} ({exc}) "
                                    f"-- check the address and that the scheduler runs"
                                    ) from exc
        self.client.register_plugin(_plugin_instance(AnalyzerPlugin, spec),
                                    name="lagebild-analyzer")
        nthreads = sum(self.client.nthreads().values()) or 1
        self.workers = len(self.client.nthreads()) or 1
        self.inflight = 2 * nthreads + 1

    def _submit(self, chunk):
        return self.client.submit(_dask_analyze, chunk, pure=False)

    def _result(self, fut):
        return fut.result()

    def worker_rss(self) -> list[tuple[int, int]]:
        return sorted(self.client.run(_worker_rss).values())

    def close(self) -> None:
        if self._own:
            self.client.close()


def _plugin_instance(cls, spec):
    return cls(spec)


# -- dates, keys, merging --------------------------------------------------------------
#: the date columns of a TIMEX-style value (``merge.date_columns``)
parse_date = _merge.date_columns


def dates_agree(a_day, a_prec, a_month, b_day, b_prec, b_month) -> bool:
    """Both days known: at most one day apart; otherwise the same (known) month."""
    if a_prec == "day" and b_prec == "day":
        return abs((a_day - b_day).days) <= 1
    return a_month is not None and a_month == b_month


def _codes(parts: list[Participant]) -> list[str]:
    return _merge.codes(parts)


def merge_key(event: Event) -> tuple[str, bool]:
    """The key events must share to be merged (:func:`lagebild.merge.merge_key`: type,
    factuality, source and target codes, and the sides' sectors where a code is on both
    sides), and whether merging across articles is allowed at all (at least one coded side).
    A database of an analyzer before 2026.12.6 holds domestic events under the older key:
    ``lagebild reanalyze`` brings them to the new one."""
    return _merge.merge_key(event), bool(_codes(event.source) or _codes(event.target))


def _first(parts: list[Participant]):
    for p in parts:
        if p.code:
            return p
    return parts[0] if parts else None


def _participants_json(parts: list[Participant]) -> str | None:
    return to_json([asdict(p) for p in parts]) if parts else None


def event_row(ev: Event, dct: str | None) -> dict[str, Any]:
    """The flat ``events`` row of one analyzer event (counts and ids filled later)."""
    src, tgt = _first(ev.source), _first(ev.target)
    date = ev.date if not (ev.date and ev.date.from_dct and ev.factuality in UNDATED_WITHOUT_TIMEX) else None
    date_value = date.value if date and date.value else None
    from_dct = bool(date.from_dct) if date else False
    day, prec, month = parse_date(date_value)
    if day is None and dct and ev.factuality not in UNDATED_WITHOUT_TIMEX:
        day, prec, month = parse_date(dct)
        from_dct = day is not None
    key, _ = merge_key(ev)
    rb = ev.reported_by
    return {
        "merge_key": key, "type": ev.type, "mode": ev.mode,
        "source_code": src.code if src else None, "source_sector": src.sector if src else None,
        "source_text": src.text if src else None, "source_codes": _codes(ev.source),
        "source_json": _participants_json(ev.source),
        "target_code": tgt.code if tgt else None, "target_sector": tgt.sector if tgt else None,
        "target_text": tgt.text if tgt else None, "target_codes": _codes(ev.target),
        "target_json": _participants_json(ev.target),
        "factuality": ev.factuality, "condition": ev.condition,
        "reported_by_text": rb.text if rb else None, "reported_by_code": rb.code if rb else None,
        "reported_by_sector": rb.sector if rb else None,
        "date_text": date.text if date else None, "date_value": date_value,
        "date_from_dct": from_dct, "event_date": day, "date_precision": prec, "month": month,
        "location_text": ev.location.text if ev.location else None,
        "location_code": ev.location.code if ev.location else None,
        "magnitude_value": ev.magnitude.value if ev.magnitude else None,
        "magnitude_unit": ev.magnitude.unit if ev.magnitude else None,
        "magnitude_qualifier": ev.magnitude.qualifier if ev.magnitude else None,
        "quad_class": ev.quad_class, "goldstein": ev.goldstein, "cameo": ev.cameo,
        "cue": ev.cue, "confidence": ev.confidence,
    }


@dataclass
class _Canon:
    """What the merger needs to know about a canonical event."""

    event_id: int
    day: Any
    prec: str | None
    month: str | None
    loc_code: str | None
    loc_text: str | None
    mentions: int
    own_date: str | None = None     # the event's own date value (None: article date only)
    anchor: Any = None              # the first article's day (the news cycle)
    sides: Any = None               # (source texts, target texts), or the JSON of the stored sides
    _words: Any = None

    @property
    def words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words naming its sides (``merge.name_words``), read once."""
        if self._words is None:
            src, tgt = self.sides or (None, None)
            self._words = (_merge.name_words(_side_texts(src)), _merge.name_words(_side_texts(tgt)))
        return self._words

    def add_words(self, words: tuple[frozenset[str], frozenset[str]]) -> None:
        """A mention merged in: the names its article gives count too."""
        mine = self.words
        self._words = (mine[0] | words[0], mine[1] | words[1])


def _side_texts(side) -> list[str]:
    """The texts of a side's participants: Participant records, or their stored JSON."""
    if side is None:
        return []
    if isinstance(side, str):
        try:
            side = json.loads(side)
        except ValueError:
            return []
        return [p.get("text") or "" for p in side if isinstance(p, dict) and p.get("code")]
    return [p.text or "" for p in side if p.code]


# -- the run ---------------------------------------------------------------------------
#: how many of a run's undated articles its summary names
UNDATED_NAMED = 5


@dataclass
class IngestStats:
    """Counters of one ingest run (``as_dict()`` for JSON)."""

    read: int = 0                 # articles read from the input
    known: int = 0                # skipped: text already stored or seen earlier in the run
    new: int = 0                  # articles analysed and stored
    updated: int = 0              # of them, new versions of stored feed items (their text replaced)
    undated: int = 0              # of them, without a document date (relative dates left unresolved)
    undated_feed_items: int = 0   # of those, feed items (the feed gave no date; --dct is for files)
    dated_known: int = 0          # known articles stored without a date (any, with --dct-override) that took the date given now
    near_duplicates: int = 0      # of the new ones, linked to an earlier near-identical one
    events_new: int = 0           # canonical events created
    events_merged: int = 0        # article events merged into an existing canonical event
    # reanalyze only (None otherwise): events in the store before and after the run, and those of
    # before that are gone (their mentions replaced and none merged into them again);
    # after == before - removed + events_new
    events_before: int | None = None
    events_after: int | None = None
    events_removed: int | None = None
    mentions: int = 0
    errors: int = 0               # unreadable inputs + articles the analyzer failed on
    batches: int = 0
    seconds: float = 0.0
    analysis_seconds: float = 0.0
    error_messages: list[str] = field(default_factory=list)
    # the first UNDATED_NAMED new articles from files without a date: where each was read ("a.txt",
    # "b.jsonl:3 (article x)"), so that the user can date them
    undated_articles: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.new / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["articles_per_second"] = round(self.articles_per_second, 2)
        d["seconds"] = round(self.seconds, 3)
        d["analysis_seconds"] = round(self.analysis_seconds, 3)
        d["error_messages"] = self.error_messages[:20]
        return d


class Progress:
    """Progress on a stream (stderr): one updating line on a terminal, otherwise a line
    every ``interval`` seconds (default 0.5 on a terminal, else 10; 0: after every
    batch)."""

    def __init__(self, stream=None, interval: float | None = None, quiet: bool = False):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.5 if self.tty else 10.0)
        self._last = 0.0
        self._shown = False
        self._text = ""
        self.label = "ingest"       # what the line is about ("reanalyze" while re-analyzing)

    def line(self, s: IngestStats, elapsed: float) -> str:
        rate = s.new / elapsed if elapsed > 0 else 0.0
        if self.label == "reanalyze":       # stored articles: nothing is new, known or a copy
            return (f"reanalyze: {s.read:,} read | {s.new:,} re-analyzed | {count(s.events_new, 'new event')}, "
                    f"{s.events_merged:,} merged into existing ones | {count(s.errors, 'error')} | "
                    f"{rate:,.1f} articles/s")
        return (f"{self.label}: {s.read:,} read | {s.new:,} new | "
                + (f"{s.updated:,} updated | " if s.updated else "") + f"{s.known:,} known | "
                f"{s.near_duplicates:,} near-dup | {count(s.events_new, 'event')} "
                f"(+{s.events_merged:,} merged) | {count(s.errors, 'error')} | {rate:,.1f} articles/s")

    def update(self, stats: IngestStats, elapsed: float, final: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        text = self.line(stats, elapsed)
        if final and not self.tty and text == self._text:
            return          # the last line already said it
        self._text = text
        if self.tty:
            self.stream.write("\r" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self._shown = True

    def warn(self, message: str) -> None:
        """A problem that did not stop anything (a date that could not be read, a slow round):
        always shown, also when quiet (quiet hides progress and summaries, never problems)."""
        self._say("warning", message)

    def error(self, message: str) -> None:
        """What was skipped (an input, a record, an article, a feed): counted among the errors;
        always shown."""
        self._say("error", message)

    def _say(self, label: str, message: str) -> None:
        if self.tty and self._shown:
            self.stream.write("\n")
        self.stream.write(f"{label}: {message}\n")
        self.stream.flush()


def make_backend(workers: int = 1, scheduler=None, analyzer=None,
                 max_chunks_per_worker: int | None = None, budget: float | None = None):
    if scheduler is not None:
        return DaskBackend(scheduler, analyzer)
    if workers and workers > 1:
        return ProcessBackend(workers, analyzer, max_chunks_per_worker=max_chunks_per_worker,
                              budget=budget)
    return SerialBackend(analyzer, budget)


class Ingester:
    """Ingest articles into a :class:`~lagebild.store.Store` (the one writer).

    ``workers``: analysis processes (1 = in this process); ``scheduler``: a Dask
    scheduler address or Client (instead of local processes); ``analyzer``: analyzer
    factory ("module:callable" or a callable); ``batch_size``: articles per
    transaction; ``near_threshold``: MinHash Jaccard above which an article is a
    near-duplicate; ``near_window``: how many of the most recent articles are
    compared against (bounds the index's memory on endless streams);
    ``recycle_after``: a worker process is replaced by a fresh one after analysing
    about this many articles (local processes only; None: never), so caches that
    grow inside the analyzer cannot grow without bound on endless streams;
    ``time_budget``: seconds one article's analysis may take (local processes and the
    serial backend, also in a thread other than the main one, as ``serve --watch``'s; not on
    Dask; None: no limit); a slower article is reported and skipped, so that
    the database lock is not held for hours. The backend (and the analyzer) start only when the first new
    article arrives, so re-ingesting known input is fast.
    """

    def __init__(self, store: Store, *, workers: int = 1, scheduler=None, analyzer=None,
                 batch_size: int = 64, chunk_size: int | None = None,
                 near_threshold: float = 0.8, near_window: int = 50_000,
                 recycle_after: int | None = None, progress: Progress | None = None,
                 time_budget: float | None = DEFAULT_TIME_BUDGET, min_confidence: float | None = None,
                 country: str | None = None, redate: bool = False):
        self.store = store
        self.country = country      # where the outlet reports from, for articles that do not say (Article.country)
        self.redate = redate        # --dct-override: a stored article given again takes the date given
        self.time_budget = time_budget
        self.min_confidence = min_confidence   # events below it are not stored (None: the analyzer's default)
        if analyzer is None and min_confidence is not None and not os.environ.get("LAGEBILD_ANALYZER"):
            # the analyzer applies the floor itself (and the one-sided policy that goes with it):
            # with the default analyzer, the workers' one takes this floor instead of its default
            analyzer = WithFloor(min_confidence)
        self.workers, self.scheduler, self.analyzer = workers, scheduler, analyzer
        self.batch_size = max(1, batch_size)
        if chunk_size is None:
            chunk_size = self.batch_size if (workers or 1) <= 1 and scheduler is None \
                else max(1, min(16, self.batch_size // 2))
        self.chunk_size = chunk_size
        self.near_threshold = near_threshold
        self.near_window = max(1, near_window)
        self.recycle_after = recycle_after
        self.progress = progress or Progress(quiet=True)
        self.backend = None
        #: stored with each article; a custom analyzer is named by its spec
        self.analyzer_version = ANALYZER_VERSION if analyzer is None else (
            getattr(analyzer, "version", None) or str(analyzer))
        self._hashes: set[str] | None = None
        self._doc_ids: set[str] | None = None
        self._origins: set[str] | None = None
        self._lsh = None
        self._sigs: dict[int, bytes] = {}
        self._window: deque[int] = deque()
        self.refresh()

    def refresh(self) -> None:
        """Forget cached state and re-read the id counters from the store: call it
        after the store was closed and reopened (another process may have written)."""
        store = self.store
        self._hashes = self._doc_ids = self._origins = None
        self._lsh, self._sigs = None, {}
        self._window.clear()
        self._next_article = store.max_id("articles", "article_id") + 1
        self._next_event = store.max_id("events", "event_id") + 1
        self._next_mention = store.max_id("event_mentions", "mention_id") + 1
        self._next_batch = store.max_id("articles", "batch_id") + 1

    def __enter__(self) -> Ingester:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    # -- state loaded lazily ------------------------------------------------------------
    @property
    def hashes(self) -> set[str]:
        if self._hashes is None:
            self._hashes = self.store.known_hashes()
        return self._hashes

    @property
    def doc_ids(self) -> set[str]:
        if self._doc_ids is None:
            self._doc_ids = self.store.known_doc_ids()
        return self._doc_ids

    @property
    def origins(self) -> set[str]:
        """The files the stored one-article files were read from (``_older_version`` asks the
        store only for these: no query per new file)."""
        if self._origins is None:
            self._origins = self.store.known_file_origins()
        return self._origins

    def _ensure_lsh(self):
        if self._lsh is None:
            from datasketch import MinHashLSH
            # the index only proposes candidates, each then checked against near_threshold itself;
            # with NUM_PERM permutations datasketch can band no threshold above about 0.97
            # (--near-threshold 0.99 was a traceback), so a stricter one is checked, not banded
            self._lsh = MinHashLSH(threshold=min(self.near_threshold, LSH_MAX_THRESHOLD), num_perm=NUM_PERM)
            for aid, sig, dup_of in self.store.iter_minhashes(last=self.near_window):
                if dup_of is None:  # copies are not indexed: their original is
                    self._index(aid, bytes(sig))
        return self._lsh

    def _index(self, aid: int, sig: bytes, mh=None) -> None:
        """Add an article to the near-duplicate index, dropping the oldest beyond the
        window (wire copies and updates arrive close together; memory stays bounded)."""
        self._sigs[aid] = sig
        self._lsh.insert(aid, mh if mh is not None else _minhash(sig), check_duplication=False)
        self._window.append(aid)
        while len(self._window) > self.near_window:
            old = self._window.popleft()
            self._lsh.remove(old)
            self._sigs.pop(old, None)

    # -- the run ------------------------------------------------------------------------
    def ingest(self, articles: Iterable[Article],
               on_error: Callable[[str], None] | None = None,
               prior_errors: Iterable[str] = ()) -> IngestStats:
        """Ingest every article of the iterable; returns the run's counters.
        ``prior_errors``: problems met before (a feed's failed items), reported and
        counted first, so the progress line, the summary and the exit status agree."""
        stats = IngestStats()
        t0 = time.perf_counter()
        pending: dict[int, Article] = {}

        def report(msg: str) -> None:
            stats.errors += 1
            if len(stats.error_messages) < 1000:
                stats.error_messages.append(msg)
            if on_error:
                on_error(msg)
            else:
                self.progress.error(msg)

        for msg in prior_errors:
            report(msg)

        taken: dict[str, str] = {}      # feed item URL -> the stamp of its version taken in this run

        first_here: dict[str, str] = {}     # text hash -> where this run read it first

        def new_articles() -> Iterator[tuple[int, Article]]:
            idx = 0
            hashes = self.hashes
            for art in articles:
                if isinstance(art, InputError):  # readers may yield errors in-band
                    if getattr(art, "skipped", True):
                        report(str(art))
                    else:   # read, with a problem (a bad date, replaced characters)
                        self.progress.warn(str(art))
                    continue
                stats.read += 1
                art = _clean_article(art, self.progress.warn)
                if self.country and not art.country:
                    art = dataclasses.replace(art, country=self.country)
                h = content_hash(art.text)
                if h in hashes:
                    stats.known += 1
                    if h in first_here:
                        # (a new user found a CSV row dropped as "already known" in a new database)
                        self.progress.warn(f"{art.origin or art.doc_id} (article {art.doc_id}): the same text as "
                                           f"{first_here[h]}, read before in this run; stored once")
                    if art.url and art.updated:     # a feed item changed, its text did not
                        self.store.note_updated(art.url, art.updated, content_hash=h)
                    if art.dct and self.store.date_undated(h, art.dct, replace=self.redate):
                        stats.dated_known += 1      # stored without a date (or --dct-override): it takes this one
                    continue
                version, stamp = self._feed_version(art, taken)
                if version == "older":
                    # an earlier version of a feed item stored or taken in this run (a snapshot
                    # given after a later one): the later text stays
                    stats.known += 1
                    where = "read before in this run" if art.url in taken else "stored"
                    self.progress.warn(f"{art.origin or art.doc_id} (article {art.doc_id}): a feed item "
                                       f"in an earlier version ({art.updated}) than the one {where} "
                                       f"({stamp}); that one is kept")
                    continue
                if art.id_given and art.doc_id in self.doc_ids and version != "newer":
                    # another text under an id the input gave and the store holds: refused, as the
                    # readers refuse it within a run (an id made up from a file name is no claim;
                    # a feed item's new version keeps its id: ``_older_version``)
                    report(f"{art.origin or art.doc_id} (article {art.doc_id}): id {art.doc_id!r} is already "
                           f"stored with a different text; this one is skipped -- give each article its "
                           f"own id (the stored one stays)")
                    continue
                self.doc_ids.add(art.doc_id)
                hashes.add(h)  # also catches repeats inside this run
                first_here.setdefault(h, f"{art.origin or art.doc_id} (article {art.doc_id})")
                if art.url and art.updated:
                    taken[art.url] = art.updated
                idx += 1
                pending[idx] = (art, h)
                yield idx, art
                if stats.read % 500 == 0:
                    self.progress.update(stats, time.perf_counter() - t0)

        def chunks() -> Iterator[list]:
            buf: list = []
            for item in new_articles():
                buf.append(item)
                if len(buf) >= self.chunk_size:
                    yield buf
                    buf = []
            if buf:
                yield buf

        batch: list[tuple[Article, str, Analyzed]] = []
        try:
            self._run(chunks(), pending, batch, stats, report, t0)
        except BaseException:
            # nothing of the failed batch was committed: forget what memory says about
            # it, so a later ingest with this Ingester (watch) tries those articles again
            if self.store.con is not None:
                self.refresh()
            raise
        stats.seconds = time.perf_counter() - t0
        self.progress.update(stats, stats.seconds, final=True)
        return stats

    def _run(self, source, pending, batch, stats, report, t0) -> None:
        first = next(source, None)
        if first is not None:
            if self.backend is None:
                per = None
                if self.recycle_after:
                    per = max(1, -(-self.recycle_after // self.chunk_size))
                self.backend = make_backend(self.workers, self.scheduler, self.analyzer, per,
                                            self.time_budget)

            def all_chunks():
                yield first
                yield from source

            for results in self.backend.imap(all_chunks()):
                for r in results:
                    art, h = pending.pop(r.index)
                    stats.analysis_seconds += r.seconds
                    if r.error is not None:
                        self.hashes.discard(h)
                        self.doc_ids.discard(art.doc_id)
                        report(f"{art.origin or art.doc_id} (article {art.doc_id}): "
                               f"analysis failed: {r.error}")
                        continue
                    if art.url and art.updated and any(a.url == art.url for a, _, _ in batch):
                        # a later version of a feed item of this batch: the earlier one is stored
                        # first, so that this one replaces it (``_older_version``)
                        self._write(batch, stats)
                        batch.clear()
                    batch.append((art, h, r))
                if len(batch) >= self.batch_size:
                    self._write(batch, stats)
                    batch.clear()
                    self.progress.update(stats, time.perf_counter() - t0)
            if batch:
                self._write(batch, stats)
                batch.clear()

    # -- the writer ---------------------------------------------------------------------
    def _older_version(self, art: Article) -> tuple[int, int | None, str] | None:
        """``(article_id, near_duplicate_of, content_hash)`` of the stored article ``art`` is a new version
        of: a feed item at a stored URL whose stamp (``Article.updated``) is later than the
        stored one's (``feeds.is_newer``), or a one-article file read before with another text (an
        edited file: its events replace the old ones, they are not counted twice). None for
        anything else."""
        from .feeds import is_newer
        if art.whole_file and not art.url and art.origin:
            if art.origin not in self.origins:
                self.origins.add(art.origin)        # stored by this batch: a later edit replaces it
                return None
            known = self.store.origin_version(art.origin)
            return (known[0], known[1], known[3]) if known is not None else None
        if not (art.url and art.updated):
            return None
        known = self.store.url_version(art.url)
        if known is None or not is_newer(art.updated, known[2]):
            return None
        return known[0], known[1], known[3]

    def _feed_version(self, art: Article, taken: dict[str, str]) -> tuple[str | None, str | None]:
        """How a feed item stands to the version of its URL taken earlier in this run (``taken``:
        URL -> stamp), else to the stored one, and that version's stamp: ``"newer"`` (a later
        stamp, ``feeds.is_newer``: it replaces that version), ``"older"`` (an earlier stamp),
        ``"same"`` (neither, or a version without a stamp), None (no version known, or no feed
        item)."""
        from .feeds import is_newer
        if not (art.url and art.updated):
            return None, None
        if art.url in taken:
            stamp = taken[art.url]
        else:
            known = self.store.url_version(art.url)
            if known is None:
                return None, None
            stamp = known[2]
        if is_newer(art.updated, stamp):
            return "newer", stamp
        if is_newer(stamp, art.updated):
            return "older", stamp
        return "same", stamp

    def _unindex(self, aid: int) -> None:
        """Drop an article from the near-duplicate index (its text is replaced)."""
        lsh = self._ensure_lsh()
        if self._sigs.pop(aid, None) is not None:
            lsh.remove(aid)
            self._window.remove(aid)

    def _near_duplicate(self, aid: int, sig: bytes) -> tuple[int | None, float | None]:
        """The original (an earlier article: a copy has a higher id than its original, the order
        re-analysis relies on) that ``aid`` with signature ``sig`` is a near-duplicate of, and
        their similarity; else ``(None, None)`` and ``aid`` is indexed as an original."""
        lsh = self._ensure_lsh()
        mh = _minhash(sig)
        best, best_j = None, 0.0
        for cand in lsh.query(mh):
            if cand >= aid:     # a later article (only when a stored feed item is replaced)
                continue
            j = mh.jaccard(_minhash(self._sigs[cand]))
            if j >= self.near_threshold and (j > best_j or (j == best_j and cand < best)):
                best, best_j = cand, j
        if best is None:
            self._index(aid, sig, mh)
            return None, None
        return best, round(best_j, 4)  # only originals are indexed: best is one

    def _write(self, batch: list[tuple[Article, str, Analyzed]], stats: IngestStats,
               stored: dict[str, tuple[int, int | None]] | None = None) -> None:
        """Write one batch of analysed articles. ``stored`` (re-analysis): content hash ->
        (article_id, near_duplicate_of) of articles already in the store, whose events,
        mentions, actors and quotes are replaced instead of a new article being added."""
        now = utcnow()
        batch_id = self._next_batch
        self._next_batch += 1
        art_rows, mh_rows, actor_rows, quote_rows = [], [], [], []
        new_events: list[dict] = []
        mentions: list[dict] = []
        touched: set[int] = set()

        # events of this batch by article (for near-duplicates inside the batch)
        batch_events: dict[int, list[tuple[str, int]]] = {}
        keys = set()
        for art, _, r in batch:
            for ev in r.doc.events:
                keys.add(merge_key(ev)[0])
        cands: dict[str, list[_Canon]] = {}
        for row in self.store.merge_candidates(keys).itertuples(index=False):
            day = _as_date(row.event_date)
            cands.setdefault(row.merge_key, []).append(_Canon(
                int(row.event_id), day, _nn(row.date_precision), _nn(row.month),
                _nn(row.location_code), _nn(row.location_text), int(row.num_mentions or 0),
                None if _nn(row.date_from_dct) in (None, True) else _nn(row.date_value),
                _anchor_day(_nn(row.anchor_dct)), (_nn(row.source_json), _nn(row.target_json))))

        updates: list[dict] = []
        relinked: list[dict] = []      # copies of the feed items this batch replaces
        # article -> (its link, its MinHash) as this batch sets them (a new article, a replaced
        # feed item, a relinked copy): over the stored links, for finding a replaced item's copies
        linked: dict[int, tuple[int | None, bytes]] = {}
        for art, h, r in batch:
            doc = r.doc
            dct = art.dct or doc.dct
            src = art.source or doc.source or host_of(art.url or doc.url)
            prior = stored[h] if stored is not None else self._older_version(art)
            if not dct and stored is None:
                stats.undated += 1
                if is_url(art.origin or ""):
                    stats.undated_feed_items += 1
                elif len(stats.undated_articles) < UNDATED_NAMED:
                    stats.undated_articles.append(_where(art))
            floor = self._floor_counts(doc)      # events the confidence floor left out, and the floor
            if prior is not None:
                aid, dup_of = prior[:2]
                updates.append({"article_id": aid, "n_events": len(doc.events),
                                "warnings": to_json(doc.warnings) if doc.warnings else None,
                                "analyzer_version": self.analyzer_version, **floor})
                if stored is None:      # a new version of a stored feed item replaces it
                    # its link follows its new text: a copy of another article, or none
                    self._unindex(aid)
                    dup_of, score = self._near_duplicate(aid, r.signature)
                    if dup_of is not None:
                        stats.near_duplicates += 1
                    updates[-1].update(content_hash=h, text=art.text, title=art.title or doc.title,
                                       dct=dct, updated=art.updated, batch_id=batch_id, ingested_at=now,
                                       near_duplicate_of=dup_of, near_duplicate_score=score)
                    mh_rows.append({"article_id": aid, "signature": r.signature})
                    linked[aid] = (dup_of, r.signature)
                    stats.updated += 1
                    self.hashes.discard(prior[2])   # the old text is gone: it may come back
            else:
                aid = self._next_article
                self._next_article += 1
                dup_of, score = self._near_duplicate(aid, r.signature)
                if dup_of is not None:
                    stats.near_duplicates += 1
                if stored is None:
                    linked[aid] = (dup_of, r.signature)
            if prior is None:
                art_rows.append({
                    "article_id": aid, "doc_id": art.doc_id or doc.doc_id, "content_hash": h,
                    "source": src, "url": art.url or doc.url, "dct": dct,
                    "title": art.title or doc.title, "origin": art.origin, "text": art.text,
                    "n_chars": len(art.text), "n_events": len(doc.events),
                    "near_duplicate_of": dup_of, "near_duplicate_score": score,
                    "warnings": to_json(doc.warnings) if doc.warnings else None,
                    "batch_id": batch_id, "ingested_at": now,
                    "analyzer_version": self.analyzer_version, "country": art.country,
                    "updated": art.updated, **floor})
                mh_rows.append({"article_id": aid, "signature": r.signature})
            for a in doc.actors:
                actor_rows.append({"article_id": aid, "actor_id": a.id, "name": a.name,
                                   "code": a.code, "sector": a.sector, "role": a.role,
                                   "kind": a.kind, "mentions": list(a.mentions or [])})
            for i, q in enumerate(doc.quotes):
                sp = q.speaker
                quote_rows.append({
                    "article_id": aid, "quote_index": i, "speaker_actor": sp.actor if sp else None,
                    "speaker_text": sp.text if sp else None, "speaker_code": sp.code if sp else None,
                    "speaker_sector": sp.sector if sp else None, "text": q.text,
                    "direct": q.direct, "start_char": q.start, "end_char": q.end})

            original_events = None
            if dup_of is not None:
                original_events = batch_events.get(dup_of)
                if original_events is None:
                    original_events = self._article_events(dup_of)
            original_ids = {e for _, e in original_events or ()}
            mine: list[tuple[str, int]] = []
            for k, ev in enumerate(doc.events):
                if self.min_confidence is not None and ev.confidence is not None and ev.confidence < self.min_confidence:
                    continue
                row = event_row(ev, dct)
                key, mergeable = merge_key(ev)
                eid, is_dup = None, False
                if original_events is not None:
                    eid = _original_event(key, original_events, {e for _, e in mine})
                    is_dup = eid is not None
                # the names of its sides (merge.sides_named_alike): one country on both sides, the
                # codes do not tell who acted; a sub-national office's noun names no one actor
                words = (_merge.name_words(_side_texts(ev.source)), _merge.name_words(_side_texts(ev.target)))
                sides = (set(_codes(ev.source)) & set(_codes(ev.target)) != set(),
                         (bool(_codes(ev.source)), bool(_codes(ev.target))))
                if eid is None and mergeable:
                    eid = self._match(cands.get(key, ()), row, _anchor_day(dct), words, sides)
                if eid is None:
                    eid = self._next_event
                    self._next_event += 1
                    row.update(event_id=eid, num_mentions=0, num_articles=0, num_sources=0,
                               first_article_id=aid, created_at=now, updated_at=now)
                    new_events.append(row)
                    stats.events_new += 1
                    if mergeable:
                        cands.setdefault(key, []).append(_Canon(
                            eid, row["event_date"], row["date_precision"], row["month"],
                            row["location_code"], row["location_text"], 0,
                            None if row["date_from_dct"] else row["date_value"], _anchor_day(dct),
                            (ev.source, ev.target)))
                else:
                    stats.events_merged += 1
                # a near-duplicate's mention of an event its original already reports
                # is kept but does not count
                is_dup = is_dup or eid in original_ids
                mine.append((key, eid))
                touched.add(eid)
                evid = ev.evidence or [None]
                fields = mention_fields(row)
                for e in evid:
                    mentions.append({
                        "mention_id": self._next_mention, "event_id": eid, "article_id": aid,
                        "doc_event_index": k, "sentence": e.sentence if e else None,
                        "start_char": e.start if e else None, "end_char": e.end if e else None,
                        "text": e.text if e else None,
                        "factuality": (e.factuality if e and e.factuality else ev.factuality),
                        "date_value": (e.date if e and e.date else row["date_value"]),
                        # a date the text gives for the event (``merge.own_date``, which the
                        # evidence carries), not the article's date
                        "date_own": bool(e and e.date) or (row["date_value"] is not None
                                                           and not row["date_from_dct"]),
                        "location_text": row["location_text"], "location_code": row["location_code"],
                        "source": src, "is_duplicate": is_dup, "confidence": ev.confidence,
                        # the event as this article tells it (its sides and other fields): the
                        # event takes its first article's (``Store._refresh_first_article``)
                        "source_json": row["source_json"] or "[]", "target_json": row["target_json"] or "[]",
                        "fields_json": fields})
                    self._next_mention += 1
                    stats.mentions += 1
            batch_events[aid] = mine
            if prior is not None and stored is None:
                # an entry for this item (a copy relinked earlier in the batch: its new text has
                # its own link) or for a copy relinked again goes
                fresh = self._relink_copies(aid, batch_events, linked, stats)
                again = {aid} | {c["article_id"] for c in fresh}
                relinked = [c for c in relinked if c["article_id"] not in again] + fresh

        self.store.write_batch(articles=art_rows, minhashes=mh_rows, actors=actor_rows,
                               quotes=quote_rows, new_events=new_events, mentions=mentions,
                               touched_events=touched, article_updates=updates,
                               copy_links=relinked)
        stats.new += len(batch)
        stats.batches += 1

    def reanalyze(self, batch_size: int | None = None,
                  version: str | None = None) -> IngestStats:
        """Re-run the analysis of stored articles analysed by another analyzer version
        (``articles.analyzer_version`` differs from ``version``, default this ingester's) or,
        where this ingester has a ``min_confidence``, with another confidence floor, and replace their events, mentions, actors and quotes; one transaction per batch,
        so a killed run continues where it stopped when started again."""
        version = version or self.analyzer_version
        self.progress.label = "reanalyze"
        last_id = self._next_event - 1      # every event of before has an id up to this
        before, _ = self.store.event_counts(last_id)
        # copies of a re-analyzed article point at its events: they are redone after it
        # with --min-confidence, also the articles analyzed with another floor
        floor = self.min_confidence
        self.store.mark_near_duplicates_for_reanalysis(version, floor)
        stats = IngestStats()
        t0 = time.perf_counter()
        size = batch_size or self.batch_size
        failed: set[int] = set()
        while True:
            rows = self.store.articles_to_reanalyze(version, size, exclude=failed, floor=floor)
            if not rows:
                break
            arts, stored = [], {}
            for r in rows:
                arts.append((Article(doc_id=r["doc_id"], text=r["text"], dct=r["dct"],
                                     title=r["title"], url=r["url"], source=r["source"],
                                     origin=r["origin"], country=r.get("country")), r))
                stored[r["content_hash"]] = (int(r["article_id"]), _nn(r["near_duplicate_of"]))
            if self.backend is None:
                self.backend = make_backend(self.workers, self.scheduler, self.analyzer,
                                            None, self.time_budget)
            chunk = [(i, a) for i, (a, _) in enumerate(arts)]
            batch = []
            for results in self.backend.imap(iter([chunk])):
                for res in results:
                    art, r = arts[res.index]
                    stats.read += 1
                    stats.analysis_seconds += res.seconds
                    if res.error is not None:
                        failed.add(int(r["article_id"]))
                        stats.errors += 1
                        msg = (f"{art.origin or art.doc_id} (article {art.doc_id}): "
                               f"re-analysis failed: {res.error}; its old events are kept")
                        stats.error_messages.append(msg)
                        self.progress.error(msg)
                        continue
                    batch.append((art, r["content_hash"], res))
            if batch:
                self._write(batch, stats, stored=stored)
            self.progress.update(stats, time.perf_counter() - t0)
        stats.seconds = time.perf_counter() - t0
        # what really changed: the events of before that are gone, and the state after (an event
        # a re-analyzed mention merged into stays, with its id; the others are replaced)
        after, kept = self.store.event_counts(last_id)
        stats.events_before, stats.events_after, stats.events_removed = before, after, before - kept
        self.progress.update(stats, stats.seconds, final=True)
        return stats

    @staticmethod
    def _match(cands: Iterable[_Canon], row: dict, anchor=None, words=None,
               sides: tuple[bool, tuple[bool, bool]] = (False, (True, True))) -> int | None:
        """The stored event a new mention reports (same merge key; the rules across articles of
        :mod:`lagebild.merge`): dates that agree, at least one of them a day; compatible places;
        with ``words`` (the names of its sides) sides named alike (``merge.sides_named_alike``;
        ``sides``: whether one country is on both sides, and which sides are coded). An event without a date (hypothetical, or negated without a date of its own)
        only with another without one, first told at most a day apart from this article
        (``anchor``, its date): the same news cycle."""
        best, best_rank = None, None
        mine = None if row["date_from_dct"] else row["date_value"]
        one_country, coded = sides

        def named_alike(c: _Canon) -> bool:     # last: the stored sides are read only for the few left
            return words is None or _merge.sides_named_alike(words, c.words, one_country=one_country,
                                                             coded=coded)
        for c in cands:
            if row["event_date"] is None and c.day is None:
                if anchor is None or c.anchor is None or abs((anchor - c.anchor).days) > 1:
                    continue
                if not _merge.places_compatible(row["location_code"], row["location_text"],
                                         c.loc_code, c.loc_text) or not named_alike(c):
                    continue
                rank = (abs((anchor - c.anchor).days), False, -c.mentions, c.event_id)
                if best_rank is None or rank < best_rank:
                    best, best_rank = c, rank
                continue
            if row["event_date"] is None or c.day is None:
                continue
            if row["date_precision"] != "day" and c.prec != "day":
                # two weeks, months, seasons or years: no day pins the happening ("2013" and "im
                # Juli 2013" in two articles are no evidence of one); a coarse date and a day
                # it holds are (below)
                continue
            if mine is not None and c.own_date is not None:
                # both have dates of their own: the one policy (lagebild.merge) decides, by their
                # calendar spans ("im Herbst 2022" and "am 15. Oktober 2022" overlap)
                if not _merge.dates_compatible(mine, c.own_date):
                    continue
            elif not dates_agree(row["event_date"], row["date_precision"], row["month"],
                                 c.day, c.prec, c.month):
                continue
            if not _merge.places_compatible(row["location_code"], row["location_text"],
                                     c.loc_code, c.loc_text) or not named_alike(c):
                continue
            rank = (abs((row["event_date"] - c.day).days), c.prec != row["date_precision"],
                    -c.mentions, c.event_id)
            if best_rank is None or rank < best_rank:
                best, best_rank = c, rank
        if best is None:
            return None
        best.mentions += 1
        if words is not None:
            best.add_words(words)
        return best.event_id

    def _floor_counts(self, doc) -> dict:
        """``below_floor``: the events of ``doc`` the confidence floor leaves out (the analyzer's,
        ``Document.below_floor``, and those this ingest's --min-confidence drops); and
        ``confidence_floor``, the floor (given, else the event model's default)."""
        mine = 0 if self.min_confidence is None else sum(
            1 for ev in doc.events if ev.confidence is not None and ev.confidence < self.min_confidence)
        floor = self.min_confidence
        if floor is None:
            from .modelinfo import shipped_defaults
            floor = shipped_defaults()[1]
        return {"below_floor": int(getattr(doc, "below_floor", 0) or 0) + mine, "confidence_floor": floor}

    def _article_events(self, article_id: int) -> list[tuple[str, int]]:
        return self.store.article_event_keys(article_id)

    def _relink_copies(self, aid: int, batch_events: dict[int, list[tuple[str, int]]],
                       linked: dict[int, tuple[int | None, bytes]], stats: IngestStats) -> list[dict]:
        """The copies of the feed item ``aid``, whose text this batch replaces, relinked as a new
        article would be linked (``_near_duplicate``: to the item's new text, to another
        original, or to none, then indexed as an original themselves) and their events matched
        to their original's as a new copy's are (``_original_event``): ``Store.write_batch``'s
        ``copy_links``, applied after this batch's rows are written. The copies are the stored
        ones and this batch's: ``linked`` (article -> link, MinHash, as this batch set them: a
        new article, a replaced feed item, a copy relinked before) stands over the stored link,
        and gets each new link. The events of an article this batch wrote are ``batch_events``'s
        (the ids its mentions are written with), of any other the stored ones."""
        copies = [(cid, sig) for cid, sig in self.store.copies_of(aid) if cid not in linked]
        copies += [(cid, sig) for cid, (of, sig) in linked.items() if of == aid]
        out = []
        for cid, sig in sorted(copies):     # oldest first: an earlier copy may be a later's original
            of, score = self._near_duplicate(cid, sig)
            linked[cid] = (of, sig)
            if of is None and cid in batch_events:
                stats.near_duplicates -= 1      # counted as one when this batch added it
            if of is None:
                original: list[tuple[str, int]] = []
            elif of in batch_events:
                original = batch_events[of]
            else:
                original = self._article_events(of)
            original_ids = {e for _, e in original}
            used: set[int] = set()
            events = []
            told = batch_events[cid] if cid in batch_events else self._article_events(cid)
            for key, old in told:
                new = _original_event(key, original, used)
                events.append((old, new if new is not None else old,
                               new is not None or old in original_ids))
                used.add(new if new is not None else old)
            out.append({"article_id": cid, "near_duplicate_of": of, "near_duplicate_score": score,
                        "events": events})
        return out

    def worker_rss(self) -> list[tuple[int, int]]:
        """(pid, peak RSS KiB) per worker; empty before the backend started."""
        return self.backend.worker_rss() if self.backend is not None else []


def _original_event(key: str, original_events: Iterable[tuple[str, int]], used: set[int]) -> int | None:
    """The event of a copy's original (its ``(merge key, event id)`` in the order it tells
    them) that the copy's event of merge key ``key`` is a duplicate mention of: the first of
    that key not yet taken by the copy's earlier events (``used``); None: the copy's own."""
    for okey, oid in original_events:
        if okey == key and oid not in used:
            return oid
    return None


def _anchor_day(dct) -> _dt.date | None:
    """An article's date as a day (None unless it gives one)."""
    if not dct:
        return None
    day, prec, _ = parse_date(str(dct))
    return day if prec == "day" else None


def _as_date(x) -> _dt.date | None:
    x = _nn(x)
    if x is None:
        return None
    if isinstance(x, _dt.datetime):
        return x.date()
    if isinstance(x, _dt.date):
        return x
    if hasattr(x, "to_pydatetime"):
        return x.to_pydatetime().date()
    return _dt.date.fromisoformat(str(x)[:10])


def _nn(x):
    """None for NaN/NA values coming out of pandas."""
    if x is None:
        return None
    try:
        if x != x:
            return None
    except (TypeError, ValueError):
        return x
    return x




# -- feeds --------------------------------------------------------------------------------
def parse_interval(value: str | float | int) -> float:
    """Seconds in "90", "30s", "10m", "1h", "1h30m"."""
    if isinstance(value, (int, float)):
        return float(value)
    v = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", v):
        return float(v)
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", v)
    if not parts or "".join(f"{n}{u}" for n, u in parts) != v.replace(" ", ""):
        raise ValueError(f"bad interval {value!r}: use for example 90, 30s, 10m, 1h or 1h30m")
    mult = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    return sum(float(n) * mult[u] for n, u in parts)


def is_url(arg: str) -> bool:
    return str(arg).lower().startswith(("http://", "https://"))


def ingest_feed(ingester: Ingester, url: str, *, fetch=None, warn=None,
                **fetch_kw) -> tuple[IngestStats | None, Any]:
    """Fetch one feed (conditional GET with the stored ETag/Last-Modified), ingest its
    articles and store the new feed state. Returns (stats, FeedResult); every warning of
    the fetch counts as one error in ``stats.errors``."""
    if fetch is None:
        from .feeds import fetch_feed as fetch
    store = ingester.store
    state = store.feed_state(url) or {}
    fetch_kw.setdefault("known_urls", _KnownUrls(store))
    result = fetch(url, etag=state.get("etag"), modified=state.get("modified"), **fetch_kw)
    # what was stored with a problem (a summary for a page that failed) is a warning; every other
    # feed problem is one error of the run (one count: progress line, summary, exit status)
    for note in getattr(result, "notes", None) or []:
        ingester.progress.warn(note)
    problems = list(getattr(result, "warnings", None) or [])
    if result.articles:
        stats = ingester.ingest(result.articles, on_error=warn, prior_errors=problems)
    else:
        stats = IngestStats()
        for w in problems:
            (warn or ingester.progress.error)(w)
            stats.errors += 1
            if len(stats.error_messages) < 1000:
                stats.error_messages.append(w)
    # items whose URL is stored already were skipped before their page was fetched: they count
    # as read and known, as a stored text does
    skipped = int(getattr(result, "skipped_known", 0) or 0)
    stats.read += skipped
    stats.known += skipped
    store.save_feed_state(
        url, etag=result.etag, modified=result.modified, status=result.status,
        new_articles=stats.new,
        warning=feed_warning(getattr(result, "warnings", None) or []))
    return stats, result


def feed_warning(warnings: list[str], keep: int = 3) -> str | None:
    """What a feed's state keeps of one poll's warnings: the first ``keep`` and how many more
    (only the last one was kept: a poll with several failed items showed one)."""
    if not warnings:
        return None
    more = len(warnings) - keep
    return " | ".join(warnings[:keep]) + (f" | (and {more} more)" if more > 0 else "")


class _KnownUrls:
    """``url in known``: whether the store holds an article with that URL (so that a
    changed feed does not make watch download every stored item page again)."""

    def __init__(self, store: Store):
        self.store = store

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self.store.has_url(url)

    def updated_of(self, url: str) -> str | None:
        """When the stored version of the item at ``url`` last changed (None: not said)."""
        known = self.store.url_version(url)
        return known[2] if known else None

    def stored_chars(self, url: str) -> int | None:
        """The length of the stored text of the item at ``url`` (None: not stored)."""
        return self.store.url_text_chars(url)

    def record_stamp(self, url: str, stamp: str) -> None:
        """The first stamp of an item stored without one (before schema version 5)."""
        self.store.note_updated(url, stamp)

    def has_item(self, doc_id: str) -> bool:
        """Whether the store holds the feed item of this id (an item without a link)."""
        return self.store.has_doc_id(doc_id)


def watch(ingester: Ingester, urls: list[str], *, every: float = 600.0, jitter: float = 0.1,
          max_rounds: int | None = None, fetch=None, sleep=time.sleep,
          on_round: Callable[[int, IngestStats], None] | None = None,
          release_between_rounds: bool = True, round_budget: float | None = None,
          clock=time.monotonic, **fetch_kw) -> IngestStats:
    """Poll ``urls`` every ``every`` seconds (± ``jitter`` share, so many watchers do not
    hit a server at once) until ``max_rounds`` or Ctrl-C; a failing feed is a warning,
    the others go on. Returns the totals over all rounds.

    ``round_budget`` (default: ``every``, at least 60 s): when a round has taken this
    long, the feeds not reached yet wait for the next round (a warning names them), so
    slow servers cannot stretch a round without bound; the next round starts with them.

    With ``release_between_rounds`` the database is closed while waiting, so that
    ``lagebild events``/``timeline``/``export`` can read it between rounds (DuckDB
    allows one writing process at a time).
    """
    total = IngestStats()
    rnd = 0
    rng = random.Random()
    budget = round_budget if round_budget is not None else max(every, 60.0)
    order = list(urls)
    try:
        while max_rounds is None or rnd < max_rounds:
            rnd += 1
            t0 = time.perf_counter()
            started = clock()
            this = IngestStats()
            for k, url in enumerate(order):
                if k and clock() - started > budget:
                    late = order[k:]
                    ingester.progress.warn(
                        f"round {rnd} took more than {budget:g} s; {count(len(late), 'feed')} wait "
                        f"for the next round: {', '.join(late[:3])}"
                        f"{', ...' if len(late) > 3 else ''}")
                    order = late + order[:k]     # they come first next time
                    break
                try:
                    stats, _ = ingest_feed(ingester, url, fetch=fetch, **fetch_kw)
                except LagebildError:
                    raise
                except Exception as exc:  # noqa: BLE001 - one feed must not stop the others
                    if _interrupt(exc):
                        raise KeyboardInterrupt from exc    # a stop, not a failed feed
                    ingester.progress.error(f"{url}: {type(exc).__name__}: {exc}")
                    this.errors += 1
                    continue
                if stats:
                    _add(this, stats)
            this.seconds = time.perf_counter() - t0
            _add(total, this)
            if on_round:
                on_round(rnd, this)
            if max_rounds is not None and rnd >= max_rounds:
                break
            delay = max(0.0, every * (1 + rng.uniform(-jitter, jitter)))
            if release_between_rounds:
                ingester.store.close()
            try:
                sleep(delay)
            finally:
                if release_between_rounds:
                    _reopen(ingester)
    except (KeyboardInterrupt, RuntimeError) as exc:
        # Ctrl-C or SIGTERM; DuckDB reports one that arrives during a query as "Query interrupted"
        if not isinstance(exc, KeyboardInterrupt) and not _interrupt(exc):
            raise
    return total


def _interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C or SIGTERM as DuckDB reports one that arrives during a query
    ("Query interrupted"): a stop, never one feed's failure (the watcher had gone on polling)."""
    import duckdb
    return isinstance(exc, KeyboardInterrupt) or (
        isinstance(exc, (RuntimeError, duckdb.Error)) and "interrupted" in str(exc).lower())


def _reopen(ingester: Ingester, tries: int | None = None, wait: float = 2.0,
            sleep=time.sleep) -> None:
    """Reopen the store after a pause; while a reader holds the file, wait and retry
    (``tries`` None: as long as it takes -- a watcher keeps polling and writes when it
    can). A warning comes at the first wait and then about once a minute. While it waits it
    keeps the marker of a waiting writer (``store.announce_want_write``), as ``ingest --wait``
    does, so that a read-only ``lagebild serve`` lets go of the file for it."""
    from .store import announce_want_write, withdraw_want_write
    path = getattr(ingester.store, "path", None)
    attempt = 0
    announced = False
    try:
        while True:
            try:
                ingester.store.reopen()
                ingester.refresh()
                if attempt:
                    ingester.progress.warn(f"the database is free again after {attempt} "
                                           f"retries; continuing")
                return
            except DatabaseLocked as exc:
                if tries is not None and attempt >= tries - 1:
                    raise
                if attempt % max(1, int(60 / max(wait, 0.01))) == 0:
                    ingester.progress.warn(f"{exc} -- retrying every {wait:g} s until it is free")
                if path is not None:
                    announced = announce_want_write(path) or announced
                attempt += 1
                sleep(wait)
    finally:
        if announced:
            withdraw_want_write(path)


def _add(total: IngestStats, s: IngestStats) -> None:
    for f in ("read", "known", "new", "updated", "undated", "undated_feed_items", "dated_known", "near_duplicates", "events_new", "events_merged",
              "mentions", "errors", "batches", "seconds", "analysis_seconds"):
        setattr(total, f, getattr(total, f) + getattr(s, f))
    total.error_messages.extend(s.error_messages[:100])
    total.undated_articles.extend(s.undated_articles[:UNDATED_NAMED - len(total.undated_articles)])


def _where(art: Article) -> str:
    """Where an article was read, as the readers' messages say it: ``a.txt``, ``b.jsonl:3
    (article x)`` (an id the file name does not give)."""
    origin = art.origin or art.doc_id
    if art.doc_id and art.doc_id not in origin and Path(origin).stem != art.doc_id and " (" not in origin:
        return f"{origin} (article {art.doc_id})"
    return origin


def summary_text(summary: dict[str, Any], stats: IngestStats | None = None) -> str:
    """The short situation picture printed after an ingest (and by ``lagebild summary``)."""
    lines = []
    if stats is not None:
        lines.append(f"This run: {count(stats.new, 'new article')} ("
                     + (f"{stats.updated:,} of them new versions of stored feed items, "
                        if stats.updated else "") + f"{stats.known:,} already known, "
                     f"{count(stats.near_duplicates, 'near-duplicate')}), "
                     f"{count(stats.events_new, 'new event')}, {stats.events_merged:,} merged into "
                     f"known events, {count(stats.errors, 'error')}, "
                     f"{stats.articles_per_second:,.1f} articles/s.")
        files = stats.undated - stats.undated_feed_items
        if files:
            named = stats.undated_articles[:UNDATED_NAMED]
            which = (f" ({', '.join(named)}" + (f" and {files - len(named):,} more" if files > len(named) else "")
                     + ")") if named else ""
            lines.append(f"{count(files, 'new article')} from files had no document date{which}: their relative dates "
                         f"('am Montag') are left unresolved and their events undated -- give each its date (a first "
                         f"line 'date YYYY-MM-DD', a 'date' field) or all of them one with --dct DATE, and run "
                         f"the same ingest again (stored articles take it), then `lagebild reanalyze`.")
        if stats.undated_feed_items:
            lines.append(f"{count(stats.undated_feed_items, 'new feed item')} had no date (neither the feed nor "
                         f"the page gave one): their relative dates are left unresolved.")
        if stats.dated_known:
            lines.append(f"{count(stats.dated_known, 'stored article')} took the date given (those without "
                         f"one; with --dct-override, any); `lagebild reanalyze --db FILE` dates their events.")
    s = summary
    lines.append(f"Database: {count(s['articles'], 'article')} "
                 f"({count(s['near_duplicates'], 'near-duplicate')}), {count(s['events'], 'event')} "
                 f"from {count(s['mentions'] - s.get('duplicate_mentions', 0), 'mention')}"
                 + (f" (and {s['duplicate_mentions']:,} in near-duplicate copies)"
                    if s.get("duplicate_mentions") else "") + ", "
                 f"{count(s['actors'], 'actor')} (each counted once per article), "
                 f"{count(s['quotes'], 'quote')}.")
    if s.get("first_day"):
        coarse = s.get("dated_coarsely") or 0
        lines.append(f"Events dated to a day from {s['first_day']} to {s['last_day']}"
                     + _asserted_range(s)
                     + (f"; {coarse:,} dated only to a week, month, season or year" if coarse else "")
                     + (f"; {s['undated']:,} without a date (hypothetical, negated, or no date known)."
                        if s.get("undated") else "."))
    elif s.get("undated"):
        lines.append(f"No dated events; {s['undated']:,} without a date (hypothetical, negated, or no date known).")
    if s.get("events_by_type"):
        types = list(s["events_by_type"].items())
        top = ", ".join(f"{t} {n}" for t, n in types[:6])
        rest = types[6:]
        more = (f", and {count(len(rest), 'more type')} with {count(sum(n for _, n in rest), 'event')}"
                if rest else "")
        lines.append(f"Event types: {top}{more}.")
    if s.get("top_dyads"):
        lines.append("Top dyads (source -> target: events, mentions, Goldstein sum of the asserted ones):")
        for d in s["top_dyads"]:
            g = "-" if d["goldstein_sum"] is None else f"{d['goldstein_sum']:+.1f}"
            lines.append(f"  {d['source']} -> {d['target']}: {count(d['events'], 'event')}, "
                         f"{count(d['mentions'], 'mention')}, Goldstein {g}")
    if s.get("same_country"):
        same = s["same_country"]
        listed = ", ".join(f"{x['code']} -> {x['code']} {x['events']:,}" for x in same[:3])
        lines.append(f"Between actors of one country (not among the dyads): {listed}"
                     + (f" and {count(len(same) - 3, 'more country', 'more countries')}"
                        if len(same) > 3 else "")
                     + f" (`lagebild events --actor {same[0]['code']}` lists them).")
    esc = s.get("escalation") or {}
    ov = esc.get("overall") or {}
    parts = []
    if ov.get("goldstein_mean") is not None:
        parts.append(f"mean Goldstein {ov['goldstein_mean']:+.2f}")
    if ov.get("material_conflict_share") is not None:
        parts.append(f"material conflict {ov['material_conflict_share']:.0%} of asserted events")
    if parts:
        lines.append("Escalation: " + ", ".join(parts) + ".")
    if esc.get("trend") and esc["trend"] != "unknown":
        rec, bef = esc.get("recent") or {}, esc.get("before") or {}
        lines.append(f"Trend over the {esc.get('window_days')} days up to {esc.get('window_end')} "
                     f"(the newest event told as having happened) against the {esc.get('window_days')} "
                     f"before: {esc['trend']} "
                     f"(mean Goldstein {bef.get('goldstein_mean'):+.2f} of {count(bef.get('events') or 0, 'event')} -> "
                     f"{rec.get('goldstein_mean'):+.2f} of {rec.get('events')}).")
    elif s.get("events"):
        rec, bef = esc.get("recent") or {}, esc.get("before") or {}
        lines.append(f"Trend: unknown (needs at least {esc.get('min_events', 5)} asserted, dated events in "
                     f"each of two consecutive {esc.get('window_days', 7)}-day windows; they hold "
                     f"{bef.get('events', 0)} and {rec.get('events', 0)}).")
    return "\n".join(lines)


def _asserted_range(s: dict[str, Any]) -> str:
    """What the summary's range of dated events says of the events told as having happened,
    where it is not all of them: planned events dated in the future, after the newest asserted one
    (the day the trend ends with), are counted apart (a probe read "up to 2026-11-22 (the newest
    event)" beside events of 2026-11-25)."""
    after = s.get("dated_after_asserted") or {}
    if not after:
        return ""
    n = sum(after.values())
    what = " and ".join(f"{v:,} {f}" for f, v in after.items())
    last = s.get("last_asserted_day")
    if last is None:
        return f" (none of them told as having happened: {what})"
    return (f" (told as having happened up to {last}; {what} "
            f"{'event is' if n == 1 else 'events are'} dated after it)")


def summary_json(summary: dict[str, Any], stats: IngestStats | None = None) -> str:
    out = dict(summary)
    if stats is not None:
        out["run"] = stats.as_dict()
    return json.dumps(out, ensure_ascii=False, indent=2, default=str)
