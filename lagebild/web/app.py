"""The ASGI application of ``lagebild serve``: server-rendered pages, each with a JSON twin.

Every page ``/path`` has ``/path.json``: the same handler returns the data, the HTML page
renders it with a Jinja2 template and inline SVG charts (:mod:`lagebild.web.charts`).
Nothing on the pages loads from the network: no scripts at all, no fonts, no CDN.

    from lagebild.web.app import create_app
    app = create_app("lage.duckdb")            # read-only
    # uvicorn.run(app, host="127.0.0.1", port=8000)

The database is opened read-only, unless ``watch`` feeds are given: then this process is
the single writer (a background thread polls the feeds and ingests) and the pages read
through their own cursors while it writes. A read-only app lets go of the file for a writer
that waits for it (``ingest --wait``: a ``<db>.want-write`` marker) as soon as no request is in
flight, and otherwise when no request has come for ``IDLE_CLOSE`` seconds, so that an
``ingest`` elsewhere can write. A database locked by another process (an ``ingest`` running elsewhere) gives a
"database busy" page with status 503.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import DatabaseLocked, LagebildError, StoreError
from ..queries import MAX_ROWS, Queries
from ..wording import count
from . import IDLE_CLOSE, MAX_IDLE_CLOSE, charts, names, params
from .pages import PAGE_OWN, PAGES, Ctx, HTTPError, Redirect, query_string
from .params import BadParam

log = logging.getLogger("lagebild.web")

TOKEN_COOKIE = "lagebild_token"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


# -- the database --------------------------------------------------------------------------
#: what a reader of the pages (and their JSON twins) is told while another process writes to the
#: database or a writer waits for it (the CLI's message, with --wait and --db, is for the one who
#: runs the commands; the watcher of ``serve --watch`` tells the lock's own message)
BUSY_TEXT = "another process is writing to the database; reload in a moment"
#: seconds between two looks of a read-only server at its idle time and at the marker of a writer
#: that waits for the file (``store.wants_write``)
KEEPER_POLL = 0.25


class DatabaseBusy(HTTPError):
    """The 503 "database busy" of a database another process holds or a writer waits for: the
    page says so and the watcher of ``serve --watch`` waits (recognised by this type, not by the
    page's title). ``locked``: the store's :class:`~lagebild.errors.DatabaseLocked`, if a lock
    was met."""

    def __init__(self, message: str = BUSY_TEXT, locked: DatabaseLocked | None = None):
        super().__init__(503, message, "Database busy")
        self.locked = locked


class Database:
    """One :class:`~lagebild.store.Store` shared by the app, one read cursor per thread.

    The store is opened on first use, so a server started while another process holds the
    file answers "database busy" and recovers by itself once the file is free. DuckDB lets no
    process write while another has the file open (a server that kept it open made every
    ``ingest`` fail while it ran), so a read-only store is closed again

    - as soon as no request is in flight when a writer waits for the file (an ``ingest --wait``
      keeps the marker ``<db>.want-write``: ``store.wants_write``); until it is done, requests
      get "database busy" (503) at once and the store is not opened for them;
    - when no request has used it for ``idle_close`` seconds (default ``IDLE_CLOSE``; None:
      only for a waiting writer), for a writer that does not wait.

    A thread of its own looks at both every ``KEEPER_POLL`` seconds while the store is open.
    Requests use the store inside :meth:`use`. A writable one (``serve --watch``: this process is
    the single writer) stays open.
    """

    def __init__(self, path: str | Path, *, writable: bool = False,
                 idle_close: float | None = IDLE_CLOSE):
        if idle_close is not None and not 0 <= idle_close <= MAX_IDLE_CLOSE:
            raise ValueError(f"idle_close must be 0 to {MAX_IDLE_CLOSE:g} seconds or None (kept "
                             f"open), not {idle_close!r}")
        self.path = Path(path)
        self.writable = writable
        self.idle_close = None if writable else idle_close
        self.store = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0
        self._users = 0                 # requests inside use()
        self._last_used = 0.0
        self._keeper: threading.Thread | None = None

    def open(self):
        from ..store import Store
        with self._lock:
            if self.store is None:
                try:
                    self.store = Store(self.path, read_only=not self.writable)
                except DatabaseLocked as exc:   # the reader of a page can only wait: no --wait, no --db
                    raise DatabaseBusy(BUSY_TEXT, exc) from None
                except StoreError as exc:
                    raise HTTPError(503, str(exc), "Database unavailable") from None
                self._generation += 1
                self._last_used = time.monotonic()
                if not self.writable and self._keeper is None:
                    self._keeper = threading.Thread(target=self._keep, daemon=True,
                                                    name="lagebild-db-keeper")
                    self._keeper.start()
            return self.store

    def queries(self) -> Queries:
        store = self.open()
        loc = self._local
        if getattr(loc, "generation", None) != self._generation:
            with self._lock:
                loc.cur = store.con.cursor()
                loc.generation = self._generation
        return Queries(loc.cur)

    def _writer_waits(self) -> bool:
        from ..store import wants_write
        return not self.writable and wants_write(self.path)

    @contextmanager
    def use(self) -> Iterator[Database]:
        """One request's use of the store (opened by :meth:`queries` when needed): it is not
        closed while a request uses it. While a writer waits for the file, a read-only one is
        closed once no request is in flight and a request gets :class:`DatabaseBusy` at once."""
        with self._lock:
            if self._writer_waits():
                if not self._users:
                    self._close_locked()
                raise DatabaseBusy()
            self._users += 1
        try:
            yield self
        finally:
            with self._lock:
                self._users -= 1
                self._last_used = time.monotonic()
                if not self._users and (self.idle_close == 0 or self._writer_waits()):
                    self._close_locked()

    def _keep(self) -> None:
        """The keeper thread of an open read-only store: closes it when a writer waits and no
        request is in flight, or when it has been idle for ``idle_close`` seconds; ends with it."""
        while True:
            time.sleep(KEEPER_POLL)
            with self._lock:
                if self.store is not None and not self._users and (
                        self._writer_waits() or (self.idle_close is not None and
                                                 time.monotonic() - self._last_used >= self.idle_close)):
                    self._close_locked()
                if self.store is None:
                    self._keeper = None     # decided under the lock: open() starts a new one
                    return

    def _close_locked(self) -> None:
        if self.store is not None:
            self.store.close()  # closes every thread's cursor with it: the file is free
            self.store = None

    def close(self) -> None:
        with self._lock:
            self._close_locked()


# -- the live feed watcher (--watch) -------------------------------------------------------
class Watcher:
    """Polls feeds in a background thread and ingests into the app's (writable) store."""

    def __init__(self, db: Database, urls: list[str], every: float, *,
                 ingest_kw: dict[str, Any] | None = None, watch_kw: dict[str, Any] | None = None):
        self.db, self.urls, self.every = db, urls, every
        self.kw, self.watch_kw = ingest_kw or {}, watch_kw or {}
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.rounds = 0
        self.error: str | None = None

    def _sleep(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise KeyboardInterrupt  # ends ingest.watch cleanly

    retry = 5.0         # seconds between tries to open a database another process holds

    def _open_when_free(self, say_every: float = 60.0):
        """The writable store, waiting while another process holds the file (a reload would not
        restart the watcher: it waits, says so on the pages and in the log about once a
        minute, and starts when the file is free); None once stopped."""
        said = None
        while not self.stop.is_set():
            try:
                store = self.db.open()
            except DatabaseBusy as exc:                 # another process holds it: wait
                self.error = f"waiting for the database: {exc.locked or exc.message}"
                now = time.monotonic()
                if said is None or now - said >= say_every:
                    log.warning("watcher: %s", self.error)
                    said = now
                self.stop.wait(self.retry)
                continue
            self.error = None
            return store
        return None

    def _run(self) -> None:
        from ..ingest import Ingester, Progress, watch
        try:
            store = self._open_when_free()
            if store is None:
                return
            with Ingester(store, workers=1, progress=Progress(quiet=True), **self.kw) as ing:
                def on_round(n, stats):
                    self.rounds = n
                    log.info("watch round %d: %s%s, %s, %s", n,
                             count(stats.new - stats.updated, "new article"),
                             f", {stats.updated} corrected (new versions of stored items)" if stats.updated else "",
                             count(stats.events_new, "new event"), count(stats.errors, "error"))
                watch(ing, self.urls, every=self.every, sleep=self._sleep, on_round=on_round,
                      release_between_rounds=False, **self.watch_kw)
        except Exception as exc:  # noqa: BLE001 - reported on the pages, not a crash
            self.error = f"{type(exc).__name__}: {exc}"
            log.error("watcher stopped: %s", self.error)

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="lagebild-watch", daemon=True)
        self.thread.start()

    def close(self, timeout: float = 30.0) -> None:
        self.stop.set()
        if self.thread:
            self.thread.join(timeout)

class _OnDemand:
    """The queries made by ``make`` when first used: the actor filter asks the database only
    for a code the lexicon does not list (a bad value of another filter is a 400 before the
    database is opened). Made once: the page's handler uses the same (``get``), so that a name
    the filter read is resolved once for the request (``Queries.resolve``, ``name_codes``)."""

    def __init__(self, make: Callable[[], Queries]):
        self._make = make
        self._made: Queries | None = None

    def get(self) -> Queries:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __getattr__(self, name: str):
        return getattr(self.get(), name)


def _json_default(v: Any) -> Any:
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    return str(v)


def _env() -> Environment:
    env = Environment(loader=PackageLoader("lagebild.web", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(nav=[(p[0], p[4]) for p in PAGES if p[4]], quad_names=charts.QUAD_NAMES,
                       factualities=params.FACTUALITIES, actor_name=names.actor_name,
                       sector_name=names.sector_name)
    env.filters["count"] = count      # {{ n|count("mention") }}: "1 mention", "2 mentions"
    env.filters["num"] = lambda v: "" if v is None else (f"{v:g}" if isinstance(v, float) else v)
    return env


def create_app(db: str | Path, *, token: str | None = None, watch: list[str] | None = None,
               every: float = 600.0, ingest_kw: dict[str, Any] | None = None,
               watch_kw: dict[str, Any] | None = None,
               allowed_hosts: tuple[str, ...] | None = None,
               idle_close: float | None = IDLE_CLOSE) -> Starlette:
    """The web application over the database ``db``.

    ``token``: every request must carry it (``Authorization: Bearer TOKEN``, or once
    ``?token=TOKEN``, which sets a cookie). ``watch``: feed URLs polled every ``every``
    seconds by a background thread; the app is then the database's single writer.
    ``allowed_hosts``: the only names a request may use in its Host header (``lagebild serve``
    on a loopback address: a page of another site whose name resolves to 127.0.0.1 must not
    read the picture, "DNS rebinding"); None: any.
    ``ingest_kw``/``watch_kw`` go to the :class:`~lagebild.ingest.Ingester` and to
    :func:`~lagebild.ingest.watch` (an analyzer or a feed fetcher in tests).
    ``idle_close``: seconds without a request after which a read-only app lets go of the
    database file (``IDLE_CLOSE``; None: it keeps it open), so that an ingest can write.
    """
    database = Database(db, writable=bool(watch), idle_close=idle_close)
    watcher = (Watcher(database, list(watch), every, ingest_kw=ingest_kw, watch_kw=watch_kw)
               if watch else None)
    env = _env()

    def respond(req: Request, status: int, data: dict[str, Any], template: str,
                view: dict[str, Any] | None, as_json: bool) -> Response:
        if as_json:
            body = json.dumps(data, ensure_ascii=False, default=_json_default).encode()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            headers = {"ETag": etag, "Cache-Control": "no-cache"}
            if status == 200 and etag in req.headers.get("if-none-match", ""):
                return Response(status_code=304, headers=headers)
            return Response(body, status_code=status, media_type="application/json",
                            headers=headers)
        qp = dict(req.query_params)
        html = env.get_template(template).render(
            data=data, view=view or {}, request=req, path=req.url.path, qp=qp,
            qs=lambda **kw: query_string(qp, **kw), json_url=req.url.path + ".json" + query_string(qp),
            watching=watcher is not None, watcher=watcher, db_name=database.path.name)
        return HTMLResponse(html, status_code=status)

    def error(req: Request, exc: HTTPError, as_json: bool) -> Response:
        resp = respond(req, exc.status, {"error": exc.message, "status": exc.status},
                       "error.html", {"title": exc.title}, as_json)
        if exc.status == 503:
            resp.headers["Retry-After"] = "5"
        return resp

    def endpoint(path: str, template: str, handler: Callable, view_fn: Callable | None, as_json: bool):
        def ep(req: Request) -> Response:
            try:
                with database.use():       # a read-only store is let go when idle (Database)
                    params.known_parameters(req.query_params, PAGE_OWN[path])
                    q = _OnDemand(database.queries)
                    f = params.event_filter(req.query_params, q)
                    c = Ctx(req, q.get(), f, html=not as_json, db=database.path.name)
                    data = handler(c)
                    view = view_fn(c, data) if (view_fn and not as_json) else None
                    return respond(req, 200, data, template, view, as_json)
            except BadParam as exc:
                return error(req, HTTPError(400, str(exc)), as_json)
            except HTTPError as exc:
                return error(req, exc, as_json)
            except Redirect as r:
                return RedirectResponse(r.url, status_code=302)
            except LagebildError as exc:
                return error(req, HTTPError(400, str(exc)), as_json)
            except duckdb.Error as exc:  # a lock or I/O error between requests: no traceback
                log.error("%s: %s", req.url.path, exc)
                return error(req, HTTPError(503, f"{database.path}: the database is busy or "
                                                 f"unreadable ({type(exc).__name__}: "
                                                 f"{str(exc).splitlines()[0]}); reload in a moment"),
                             as_json)
        return ep

    routes = [Route("/", lambda req: RedirectResponse("/overview" + query_string(dict(req.query_params)),
                                                      status_code=302))]
    for path, template, handler, view_fn, _ in PAGES:
        routes.append(Route(path + ".json", endpoint(path, template, handler, view_fn, True)))
        routes.append(Route(path, endpoint(path, template, handler, view_fn, False)))

    async def not_found(req: Request, exc: Exception) -> Response:
        as_json = req.url.path.endswith(".json")
        return error(req, HTTPError(404, f"no page {req.url.path} -- see /overview"), as_json)

    @asynccontextmanager
    async def lifespan(app):
        if watcher:
            watcher.start()
        try:
            yield
        finally:
            if watcher:
                watcher.close()
            database.close()

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: not_found})
    app.state.database = database
    app.state.watcher = watcher
    gated = TokenGate(app, token) if token else app
    wrapped = SecurityHeaders(HostCheck(gated, allowed_hosts) if allowed_hosts else gated)
    wrapped.state = app.state  # type: ignore[attr-defined]
    wrapped.starlette = app  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


class SecurityHeaders:
    """Adds a Content-Security-Policy that allows nothing from outside (no scripts at all)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_h(msg):
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                msg = {**msg, "headers": headers}
            await send(msg)
        await self.app(scope, receive, send_h)


class HostCheck:
    """A 400 for a request whose Host header names none of ``hosts`` (the port aside; IPv6 in
    brackets)."""

    def __init__(self, app, hosts: tuple[str, ...]):
        self.app = app
        self.hosts = {h.strip("[]").lower() for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").strip().lower()
        name = raw[1:raw.index("]")] if raw.startswith("[") and "]" in raw else raw.rsplit(":", 1)[0]
        if name in self.hosts:
            return await self.app(scope, receive, send)
        resp = Response(f"this lagebild server answers to {', '.join(sorted(self.hosts))} only "
                        f"(the request named {raw or 'no host'!r}); open the address "
                        f"`lagebild serve` printed", status_code=400, media_type="text/plain")
        await resp(scope, receive, send)


class TokenGate:
    """Every request needs the token: ``Authorization: Bearer TOKEN``, the cookie, or
    ``?token=TOKEN`` (answered with a redirect that sets the cookie and drops the token
    from the address)."""

    def __init__(self, app, token: str):
        self.app = app
        self.token = token

    def _ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        req = Request(scope)
        auth = req.headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and self._ok(auth[7:].strip()):
            return await self.app(scope, receive, send)
        if self._ok(req.cookies.get(TOKEN_COOKIE)):
            return await self.app(scope, receive, send)
        if self._ok(req.query_params.get("token")):
            if req.url.path.endswith(".json"):
                # a script's request ("curl URL.json?token=..."): answered, not redirected to set a
                # cookie it would not keep (it got no data; a new-user probe)
                return await self.app(scope, receive, send)
            url = req.url.path + query_string(dict(req.query_params), token=None)
            resp = RedirectResponse(url, status_code=303)
            resp.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            return await resp(scope, receive, send)
        msg = ("this lagebild server needs a token: open the address printed by "
               "`lagebild serve` (it ends in ?token=...), or send 'Authorization: Bearer TOKEN'")
        if req.url.path.endswith(".json") or "application/json" in req.headers.get("accept", ""):
            resp: Response = Response(json.dumps({"error": msg, "status": 401}),
                                      status_code=401, media_type="application/json")
        else:
            resp = HTMLResponse(f"<!doctype html><title>Token needed</title><h1>Token needed</h1>"
                                f"<p>{escape(msg)}</p>", status_code=401)
        resp.headers["WWW-Authenticate"] = 'Bearer realm="lagebild"'
        await resp(scope, receive, send)


__all__ = ["create_app", "Database", "DatabaseBusy", "MAX_ROWS"]
