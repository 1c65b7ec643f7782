"""The ASGI application of ``lagebild serve``: server-rendered pages, each with a JSON twin.

Every page ``/path`` has ``/path.json``: the same handler returns the data, the HTML page
renders it with a Jinja2 template and inline SVG charts (:mod:`lagebild.web.charts`).
Nothing on the pages loads from the network: no scripts at all, no fonts, no CDN.

    from lagebild.web.app import create_app
    app = create_app("lage.duckdb")            # read-only
    # uvicorn.run(app, host="127.0.0.1", port=8000)

The database is opened read-only, unless ``watch`` feeds are given: then this process is
the single writer (a background thread polls the feeds and ingests) and the pages read
through their own cursors while it writes. A database locked by another process (an
``ingest`` running elsewhere) gives a "database busy" page with status 503.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import logging
import threading
import urllib.parse
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import LagebildError, StoreError
from ..queries import ACTOR_SIDES, DYAD_SIDES, MAX_ROWS, EventFilter, Queries, bucket_unit
from . import charts, names, params
from .params import BadParam

log = logging.getLogger("lagebild.web")

TOKEN_COOKIE = "lagebild_token"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class HTTPError(Exception):
    def __init__(self, status: int, message: str, title: str | None = None):
        super().__init__(message)
        self.status, self.message = status, message
        self.title = title or {400: "Bad request", 401: "Token needed", 404: "Not found",
                               503: "Database busy"}.get(status, "Error")


class _Redirect(Exception):
    """Raised by a handler to answer with a redirect (a name resolved to a code)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


# -- the database --------------------------------------------------------------------------
class Database:
    """One :class:`~lagebild.store.Store` shared by the app, one read cursor per thread.

    The store is opened on first use, so a server started while another process holds the
    file answers "database busy" and recovers by itself once the file is free.
    """

    def __init__(self, path: str | Path, *, writable: bool = False):
        self.path = Path(path)
        self.writable = writable
        self.store = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0

    def open(self):
        from ..store import Store
        with self._lock:
            if self.store is None:
                try:
                    self.store = Store(self.path, read_only=not self.writable)
                except StoreError as exc:
                    msg = str(exc)
                    if "in use" in msg:
                        raise HTTPError(503, f"{msg}. The page works again as soon as that "
                                        f"process has finished; reload in a moment.") from None
                    raise HTTPError(503, msg, "Database unavailable") from None
                self._generation += 1
            return self.store

    def queries(self) -> Queries:
        store = self.open()
        loc = self._local
        if getattr(loc, "generation", None) != self._generation:
            with self._lock:
                loc.cur = store.con.cursor()
                loc.generation = self._generation
        return Queries(loc.cur)

    def close(self) -> None:
        with self._lock:
            if self.store is not None:
                self.store.close()
                self.store = None


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

    def _run(self) -> None:
        from ..ingest import Ingester, Progress, watch
        try:
            store = self.db.open()
            with Ingester(store, workers=1, progress=Progress(quiet=True), **self.kw) as ing:
                def on_round(n, stats):
                    self.rounds = n
                    log.info("watch round %d: %d new articles, %d new events", n, stats.new,
                             stats.events_new)
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


# -- helpers for handlers and templates ----------------------------------------------------
def _qs(qp: dict[str, Any], **changes: Any) -> str:
    d = {k: v for k, v in qp.items() if k != "token"}
    for k, v in changes.items():
        if v is None or v == "":
            d.pop(k, None)
        else:
            d[k] = v
    return ("?" + urllib.parse.urlencode(d)) if d else ""


def _pagination(req: Request, page: int, per_page: int, total: int, json_twin: bool,
                prefix: str = "") -> dict[str, Any]:
    pages = max(1, -(-total // per_page))
    path = req.url.path
    qp = dict(req.query_params)
    pk = f"{prefix}page"
    return {"page": page, "per_page": per_page, "total": total, "pages": pages,
            "next": path + _qs(qp, **{pk: page + 1}) if page < pages else None,
            "prev": path + _qs(qp, **{pk: page - 1}) if page > 1 else None}


def _highlight(text: str, needles: list[tuple[str | None, str]]) -> Markup:
    """``text`` with the first occurrence of each needle marked (longest first, no overlaps)."""
    spans: list[tuple[int, int, str]] = []
    for needle, cls in sorted(needles, key=lambda n: -len(n[0] or "")):
        if not needle or len(needle) < 2:
            continue
        start = 0
        while True:
            i = text.find(needle, start)
            if i < 0:
                break
            if all(i >= e or i + len(needle) <= s for s, e, _ in spans):
                spans.append((i, i + len(needle), cls))
                break
            start = i + 1
    out, pos = [], 0
    for s, e, cls in sorted(spans):
        out.append(str(escape(text[pos:s])))
        out.append(f'<mark class="{cls}">{escape(text[s:e])}</mark>')
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _annotate(art: dict[str, Any]) -> Markup:
    """The article text with actors, time expressions, quotes and event sentences marked
    inline (in the manner of displaCy): overlapping layers are split into segments."""
    text = art.get("text") or ""
    spans: list[tuple[int, int, str, str | None, str | None]] = []  # start, end, cls, label, href
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(s >= b or e <= a for a, b in taken)

    def mark_all(needle: str | None, cls: str, label: str | None) -> None:
        if not needle or len(needle) < 2:
            return
        i = text.find(needle)
        while i >= 0:
            if free(i, i + len(needle)):
                spans.append((i, i + len(needle), cls, label, None))
                taken.append((i, i + len(needle)))
            i = text.find(needle, i + len(needle))

    for ev in art.get("events", []):
        s, e = ev.get("start_char"), ev.get("end_char")
        if s is not None and e is not None and 0 <= s < e <= len(text):
            spans.append((s, e, "event", ev.get("type"), f"/events/{ev['event_id']}"))
    for qu in art.get("quotes", []):
        s, e = qu.get("start_char"), qu.get("end_char")
        if s is not None and e is not None and 0 <= s < e <= len(text):
            spans.append((s, e, "quote", None, None))
    mentions = [(m, a.get("code")) for a in art.get("actors", []) for m in (a.get("mentions") or [])]
    for m, c in sorted(mentions, key=lambda x: -len(x[0] or "")):
        mark_all(m, "actor", c)
    for ev in art.get("events", []):
        mark_all(ev.get("date_text"), "timex", ev.get("date"))
    bounds = sorted({0, len(text)} | {s for s, *_ in spans} | {e for _, e, *_ in spans})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        active = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        classes = " ".join(sorted({sp[2] for sp in active}))
        for sp in active:
            if sp[2] == "event" and sp[0] == a:
                out.append(f'<a class="evbadge" href="{sp[4]}">{escape(sp[3] or "event")}</a>')
        seg = escape(text[a:b])
        out.append(f'<span class="{classes}">{seg}</span>' if classes else str(seg))
        for sp in active:
            if sp[2] in ("actor", "timex") and sp[1] == b and sp[3]:
                out.append(f'<span class="lbl {sp[2]}">{escape(sp[3])}</span>')
    return Markup("".join(out))


@dataclass
class Ctx:
    """What a handler gets: the request, the queries, the validated filters."""
    req: Request
    q: Queries
    f: EventFilter
    html: bool

    @property
    def qp(self) -> dict[str, str]:
        return dict(self.req.query_params)


def _filters_out(f: EventFilter) -> dict[str, Any]:
    return {"since": f.since, "until": f.until, "actor": f.actor, "type": f.type,
            "factuality": f.factuality, "min_sources": f.min_sources}


# -- the pages -----------------------------------------------------------------------------
def overview(c: Ctx) -> dict[str, Any]:
    page, per_page = params.paging(c.req.query_params)
    first, last = c.q.span(c.f)
    unit = bucket_unit(first, last)
    rows = c.q.series(c.f, unit, first, last)
    events, total = c.q.events(c.f, limit=per_page, offset=(page - 1) * per_page)
    series: dict[str, dict[str, Any]] = {}
    for r in rows:
        d = series.setdefault(r["bucket"], {"bucket": r["bucket"], "events": 0,
                                            "goldstein_sum": 0.0, "by_quad_class": {}})
        d["events"] += r["events"]
        d["goldstein_sum"] = round(d["goldstein_sum"] + (r["goldstein_sum"] or 0), 2)
        d["by_quad_class"][str(r["quad_class"] or 0)] = r["events"]
    return {"filters": _filters_out(c.f), "first_day": first, "last_day": last, "unit": unit,
            "series": list(series.values()), "top_dyads": c.q.top_dyads(c.f, 10, unit, first, last),
            "events": events, "pagination": _pagination(c.req, page, per_page, total, not c.html)}


def overview_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    first, last, unit = data["first_day"], data["last_day"], data["unit"]
    keys = charts.fill_buckets(first, last, unit)
    stack: dict[str, dict[int, int]] = {k: {} for k in keys}
    gold: dict[str, float] = {k: 0.0 for k in keys}
    for d in data["series"]:
        k = d["bucket"]
        for q, n in d["by_quad_class"].items():
            stack[k][int(q)] = n
        gold[k] += d["goldstein_sum"]
    return {"unit": unit,
            "chart_events": charts.stacked_bars(sorted(stack.items()), title="events per " + unit),
            "chart_goldstein": charts.signed_bars(sorted(gold.items()), title="Goldstein sum"),
            "sparks": [charts.sparkline(d["series"], first, last) for d in data["top_dyads"]]}


def map_page(c: Ctx) -> dict[str, Any]:
    by = params.choice(c.req.query_params.get("by"), "by", ("place", "actor"))
    countries = c.q.by_country(c.f, by)
    for r in countries:
        r["name"] = names.actor_name(r["code"])
    return {"filters": _filters_out(c.f), "by": by, "countries": countries,
            "places": c.q.by_place(c.f, 100)}


def map_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    counts = {r["code"]: r["events"] for r in data["countries"]}
    nm = {r["code"]: r["name"] for r in data["countries"] if r["name"]}
    href = "/actors/{code}" + _qs(c.qp, by=None)
    known = set(charts.world()["countries"])
    return {"chart_map": charts.choropleth(counts, nm, href, places=data["places"]),
            "unmapped": [r for r in data["countries"] if r["code"] not in known]}


def actors_index(c: Ctx) -> dict[str, Any]:
    text = c.req.query_params.get("q")
    if text is not None and text.strip():
        code = names.resolve_actor(text)
        if code is None:
            raise HTTPError(404, f"no actor called {text.strip()!r} -- type a country, "
                                 f"capital, organisation, well-known person or a code such as RUS")
        raise _Redirect(f"/actors/{code}" + (".json" if not c.html else "") + _qs(c.qp, q=None))
    top = c.q.top_actors(c.f, 100)
    for r in top:
        r["name"] = names.actor_name(r["code"])
    return {"filters": _filters_out(c.f), "actors": top}


def actor_page(c: Ctx) -> dict[str, Any]:
    raw = c.req.path_params["code"]
    code = raw if params.is_code(raw) else names.resolve_actor(raw)
    if code is None:
        raise HTTPError(404, f"no actor called {raw!r}")
    if code != raw:
        raise _Redirect(f"/actors/{code}" + ("" if c.html else ".json") + _qs(c.qp))
    if not c.q.actor_exists(code):
        raise HTTPError(404, f"no events or mentions of the actor {code} in this database")
    page, per_page = params.paging(c.req.query_params, 20)
    quotes, n_quotes = c.q.actor_quotes(code, limit=per_page, offset=(page - 1) * per_page)
    first, last = c.q.span(c.f, ACTOR_SIDES, [code, code])
    unit = bucket_unit(first, last)
    return {"code": code, "name": names.actor_name(code), "filters": _filters_out(c.f),
            "names_in_articles": c.q.actor_names(code),
            "first_day": first, "last_day": last, "unit": unit,
            "timeline": c.q.actor_timeline(code, c.f, unit, first, last),
            "partners_as_source": c.q.partners(code, c.f, "source"),
            "partners_as_target": c.q.partners(code, c.f, "target"),
            "types": c.q.actor_types(code, c.f),
            "quotes": quotes, "pagination": _pagination(c.req, page, per_page, n_quotes, not c.html)}


def actor_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    keys = charts.fill_buckets(data["first_day"], data["last_day"], data["unit"])
    stack: dict[str, dict[int, int]] = {k: {} for k in keys}
    gold: dict[str, float] = {k: 0.0 for k in keys}
    for d in data["timeline"]:
        k = d["bucket"]
        stack[k] = {2: d["as_source"], 3: d["as_target"]}  # drawn in green / orange
        gold[k] = d["goldstein_sum"]
    return {"unit": data["unit"],
            "chart_timeline": charts.stacked_bars(sorted(stack.items()),
                                                  title="events as source/target"),
            "chart_goldstein": charts.signed_bars(sorted(gold.items()), title="Goldstein sum")}


def dyad_page(c: Ctx) -> dict[str, Any]:
    a = params.code(c.req.path_params["a"], "a")
    b = params.code(c.req.path_params["b"], "b")
    day = params.day(c.req.query_params.get("day"))
    page, per_page = params.paging(c.req.query_params)
    first, last = c.q.span(c.f, DYAD_SIDES, [a, b, b, a])
    unit = bucket_unit(first, last)
    tl = c.q.dyad_timeline(a, b, c.f, unit, first, last)
    events, total = c.q.dyad_events(a, b, c.f, day=day, limit=per_page,
                                    offset=(page - 1) * per_page)
    if not tl and not total and not (c.q.actor_exists(a) and c.q.actor_exists(b)):
        raise HTTPError(404, f"no events between {a} and {b} in this database")
    half = len(tl) // 2

    def _mean(rows):
        n = sum(r["a_to_b"] + r["b_to_a"] for r in rows)
        g = sum(r["goldstein_a_to_b"] + r["goldstein_b_to_a"] for r in rows)
        return round(g / n, 2) if n else None
    before, recent = _mean(tl[:half]), _mean(tl[half:])
    trend = "unknown"
    if before is not None and recent is not None:
        delta = recent - before
        trend = "escalating" if delta <= -0.5 else "de-escalating" if delta >= 0.5 else "stable"
    return {"a": a, "b": b, "name_a": names.actor_name(a), "name_b": names.actor_name(b),
            "filters": _filters_out(c.f), "day": day, "first_day": first, "last_day": last,
            "unit": unit, "timeline": tl,
            "escalation": {"goldstein_mean_first_half": before,
                           "goldstein_mean_second_half": recent, "trend": trend},
            "events": events, "pagination": _pagination(c.req, page, per_page, total, not c.html)}


def dyad_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    unit = data["unit"]
    keys = charts.fill_buckets(data["first_day"], data["last_day"], unit)
    zero = {"a_to_b": 0, "b_to_a": 0, "goldstein_a_to_b": 0.0, "goldstein_b_to_a": 0.0}
    b: dict[str, dict[str, Any]] = {k: {"label": k, **zero} for k in keys}
    for d in data["timeline"]:
        b[d["bucket"]] = {"label": d["bucket"], **{f: d[f] for f in zero}}
    for k, x in b.items():
        if unit == "day":
            x["href"] = c.req.url.path + _qs(c.qp, day=k, page=None) + "#events"
        else:  # a week or month: the events of that period
            lo = _dt.date.fromisoformat(k)
            hi = (lo + _dt.timedelta(days=6) if unit == "week"
                  else lo.replace(month=12, day=31) if unit == "year"
                  else (lo.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
                  - _dt.timedelta(days=1))
            x["href"] = c.req.url.path + _qs(c.qp, since=k, until=hi.isoformat(), day=None,
                                               page=None) + "#events"
    return {"unit": unit,
            "chart_dyad": charts.mirror_bars([b[k] for k in sorted(b)], data["a"], data["b"])}


def event_page(c: Ctx) -> dict[str, Any]:
    ev = c.q.event(int(c.req.path_params["event_id"]))
    if ev is None:
        raise HTTPError(404, f"no event {c.req.path_params['event_id']} in this database")
    ev.pop("merge_key", None)
    arts: dict[int, dict[str, Any]] = {}
    for m in ev["mentions"]:
        arts.setdefault(m["article_id"], {k: m[k] for k in ("article_id", "doc_id", "title",
                                                              "url", "dct", "source")})
    ev["articles"] = list(arts.values())
    ev["sources"] = sorted({a["source"] for a in arts.values() if a["source"]})
    return {"event": ev}


def event_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    ev = data["event"]
    needles = [(ev.get("cue"), "cue"), (ev.get("source_text"), "src"),
               (ev.get("target_text"), "tgt"), (ev.get("date_text"), "timex"),
               (ev.get("location_text"), "place")]
    return {"evidence": [_highlight(m["text"] or "", needles) for m in ev["mentions"]]}


def article_page(c: Ctx) -> dict[str, Any]:
    art = c.q.article(int(c.req.path_params["article_id"]))
    if art is None:
        raise HTTPError(404, f"no article {c.req.path_params['article_id']} in this database")
    return {"article": art}


def article_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    return {"annotated": _annotate(data["article"])}


def search_page(c: Ctx) -> dict[str, Any]:
    raw = c.req.query_params.get("q")
    if raw is None or not raw.strip():
        return {"q": None, "articles": [], "quotes": [], "articles_total": 0, "quotes_total": 0}
    text = params.search_text(raw)
    page, per_page = params.paging(c.req.query_params, 20)
    res = c.q.search(text, limit=per_page, offset=(page - 1) * per_page)
    total = max(res["articles_total"], res["quotes_total"])
    return {"q": text, **res, "pagination": _pagination(c.req, page, per_page, total, not c.html)}


def search_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    q = data.get("q")
    if not q:
        return {}
    return {"snippets": [_highlight(a["snippet"], [(q, "hit")]) for a in data["articles"]]}


# -- wiring --------------------------------------------------------------------------------
PAGES: list[tuple[str, str, Callable, Callable | None, str]] = [
    # path, template, handler, HTML-only view, name in the navigation
    ("/overview", "overview.html", overview, overview_view, "Overview"),
    ("/map", "map.html", map_page, map_view, "Map"),
    ("/actors", "actors.html", actors_index, None, "Actors"),
    ("/actors/{code}", "actor.html", actor_page, actor_view, ""),
    ("/dyads/{a}/{b}", "dyad.html", dyad_page, dyad_view, ""),
    ("/events/{event_id:int}", "event.html", event_page, event_view, ""),
    ("/articles/{article_id:int}", "article.html", article_page, article_view, ""),
    ("/search", "search.html", search_page, search_view, "Search"),
]


def _json_default(v: Any) -> Any:
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    return str(v)


def _env() -> Environment:
    env = Environment(loader=PackageLoader("lagebild.web", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(nav=[(p[0], p[4]) for p in PAGES if p[4]], quad_names=charts.QUAD_NAMES,
                       factualities=params.FACTUALITIES, actor_name=names.actor_name)
    env.filters["num"] = lambda v: "" if v is None else (f"{v:g}" if isinstance(v, float) else v)
    return env


def create_app(db: str | Path, *, token: str | None = None, watch: list[str] | None = None,
               every: float = 600.0, ingest_kw: dict[str, Any] | None = None,
               watch_kw: dict[str, Any] | None = None) -> Starlette:
    """The web application over the database ``db``.

    ``token``: every request must carry it (``Authorization: Bearer TOKEN``, or once
    ``?token=TOKEN``, which sets a cookie). ``watch``: feed URLs polled every ``every``
    seconds by a background thread; the app is then the database's single writer.
    ``ingest_kw``/``watch_kw`` go to the :class:`~lagebild.ingest.Ingester` and to
    :func:`~lagebild.ingest.watch` (an analyzer or a feed fetcher in tests).
    """
    database = Database(db, writable=bool(watch))
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
            qs=lambda **kw: _qs(qp, **kw), json_url=req.url.path + ".json" + _qs(qp),
            watching=watcher is not None, watcher=watcher, db_name=database.path.name)
        return HTMLResponse(html, status_code=status)

    def error(req: Request, exc: HTTPError, as_json: bool) -> Response:
        resp = respond(req, exc.status, {"error": exc.message, "status": exc.status},
                       "error.html", {"title": exc.title}, as_json)
        if exc.status == 503:
            resp.headers["Retry-After"] = "5"
        return resp

    def endpoint(template: str, handler: Callable, view_fn: Callable | None, as_json: bool):
        def ep(req: Request) -> Response:
            try:
                f = params.event_filter(req.query_params)
                c = Ctx(req, database.queries(), f, html=not as_json)
                data = handler(c)
                view = view_fn(c, data) if (view_fn and not as_json) else None
                return respond(req, 200, data, template, view, as_json)
            except BadParam as exc:
                return error(req, HTTPError(400, str(exc)), as_json)
            except HTTPError as exc:
                return error(req, exc, as_json)
            except _Redirect as r:
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

    routes = [Route("/", lambda req: RedirectResponse("/overview" + _qs(dict(req.query_params)),
                                                      status_code=302))]
    for path, template, handler, view_fn, _ in PAGES:
        routes.append(Route(path + ".json", endpoint(template, handler, view_fn, True)))
        routes.append(Route(path, endpoint(template, handler, view_fn, False)))

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
    wrapped = SecurityHeaders(TokenGate(app, token) if token else app)
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
            url = req.url.path + _qs(dict(req.query_params), token=None)
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


__all__ = ["create_app", "Database", "MAX_ROWS"]
