"""The pages of ``lagebild serve``: one handler per page returns the data (the JSON twin),
one view per page adds what only the HTML needs (SVG charts, marked-up text).

Handlers get a :class:`Ctx` (request, queries, validated filters) and raise
:class:`HTTPError` (400/404/503) or :class:`Redirect`; :mod:`lagebild.web.app` turns the
result into an HTML page or JSON.
"""
from __future__ import annotations

import datetime as _dt
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from starlette.requests import Request

from .. import queries as _queries
from ..queries import EventFilter, Queries, actor_sides, bucket_unit, dyad_sides, period_mid
from ..records import EVENT_SORT_ALIASES
from ..records import EVENT_SORTS as ALL_SORTS
from ..store import TREND_MIN_EVENTS, check_dyad, escalation_trend
from ..wording import showing
from . import charts, names, params

__all__ = ["PAGES", "PAGE_OWN", "TOP", "Ctx", "HTTPError", "Redirect", "query_string"]


class HTTPError(Exception):
    def __init__(self, status: int, message: str, title: str | None = None):
        super().__init__(message)
        self.status, self.message = status, message
        self.title = title or {400: "Bad request", 401: "Token needed", 404: "Not found",
                               503: "Database busy"}.get(status, "Error")


class Redirect(Exception):
    """Raised by a handler to answer with a redirect (a name resolved to a code)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url

# -- helpers for handlers and templates ----------------------------------------------------
def query_string(qp: dict[str, Any], **changes: Any) -> str:
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
            # a page beyond the last (?page=99 of 1): the pages say so and link the last one
            "past_end": total > 0 and page > pages,
            "last": path + query_string(qp, **{pk: pages}),
            "next": path + query_string(qp, **{pk: page + 1}) if page < pages else None,
            "prev": path + query_string(qp, **{pk: min(page - 1, pages)}) if page > 1 else None}


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
    """What a handler gets: the request, the queries, the validated filters (and the name of
    the database file, for the commands a page suggests)."""
    req: Request
    q: Queries
    f: EventFilter
    html: bool
    db: str = "lage.duckdb"
    notes: list[str] = field(default_factory=list)     # how the address's actors were read

    @property
    def qp(self) -> dict[str, str]:
        return dict(self.req.query_params)


def _filters_out(f: EventFilter) -> dict[str, Any]:
    """The filters as the page and its JSON twin show them; ``actor_notes``: how the actor filter
    was read, where a reader might not expect it ("'FPÖ' is matched as a name ...";
    ``actor_names.read_actor``), shown above the page's lists."""
    return {"since": f.since, "until": f.until, "actor": str(f.actor) if f.actor else None,
            "sector": f.sector, "type": f.type, "factuality": f.factuality,
            "min_outlets": f.min_outlets, "min_confidence": f.min_confidence,
            "actor_notes": list(getattr(f.actor, "notes", ()) or ())}


# -- lists cut short: never without a word --------------------------------------------------
#: how many rows each ranked list shows unless ``?top=N`` says (``params.top``)
TOP = {"dyads": 10, "same_country": 5, "places": 100, "actors": 100, "partners": 20, "names": 8}

#: the command that gives every row of a list a page cannot show in full (more than MAX_ROWS),
#: and the file of its output that has them
EXPORT = {
    "events": ("lagebild export OUT --db {db} --format csv", "events.csv: every event"),
    "mentions": ("lagebild export OUT --db {db} --format csv", "event_mentions.csv: every mention"),
    "names": ("lagebild export OUT --db {db}", "actors.parquet: every actor mention"),
    "article": ("lagebild export OUT --db {db}",
                "event_mentions, actors and quotes .parquet: every one of each article"),
}


def _cut(c: Ctx, shown: int, total: int, singular: str, plural: str | None = None, *,
         lists: tuple[str, ...] = (), export: str = "events") -> dict[str, Any] | None:
    """What a page says under a list it cut at ``shown`` of ``total`` rows (None: not cut):
    "showing 20 of 35 targets" (``wording.showing``), a link to the ``top`` that shows them all
    (``lists``: the page's lists of ``TOP``, which that ``top`` must not cut shorter than their
    defaults; none: the page takes no ``top``), and where more than MAX_ROWS can be had (the
    export, ``EXPORT``)."""
    if total <= shown:
        return None
    most = _queries.MAX_ROWS
    note: dict[str, Any] = {"text": showing(shown, total, singular, plural), "href": None,
                            "more": None, "export": None, "what": None}
    if lists and shown < most:
        top = min(most, max([total] + [TOP[k] for k in lists]))
        note["href"] = c.req.url.path + query_string(c.qp, top=top)
        note["more"] = f"show all {total:,}" if total <= top else f"show {top:,}"
    if total > most or not lists:
        cmd, what = EXPORT[export]
        note["export"], note["what"] = cmd.format(db=c.db), what
    return note


# -- the pages -----------------------------------------------------------------------------
#: the orders the overview offers: every order of the command line's ``events --sort``, the
#: default (newest first) first; ``?sort=sources`` is read as ``outlets`` (its older name), not offered
EVENT_SORTS = ("-date", *(k for k in ALL_SORTS if k != "-date"))


def overview(c: Ctx) -> dict[str, Any]:
    page, per_page = params.paging(c.req.query_params)
    sort = params.choice(c.req.query_params.get("sort"), "sort", EVENT_SORTS, EVENT_SORT_ALIASES)
    top = params.top(c.req.query_params)
    first, last = c.q.span(c.f)
    unit = bucket_unit(first, last)
    rows = c.q.series(c.f, unit, first, last)
    events, total = c.q.events(c.f, limit=per_page, offset=(page - 1) * per_page, sort=sort)
    series: dict[str, dict[str, Any]] = {}
    for r in rows:
        d = series.setdefault(r["bucket"], {"bucket": r["bucket"], "events": 0,
                                            "goldstein_sum": 0.0, "by_quad_class": {}})
        d["events"] += r["events"]
        d["goldstein_sum"] = round(d["goldstein_sum"] + (r["goldstein_sum"] or 0), 2)
        d["by_quad_class"][str(r["quad_class"] or 0)] = r["events"]
    dyads = c.q.top_dyads(c.f, top or TOP["dyads"], unit, first, last)
    return {"filters": _filters_out(c.f), "first_day": first, "last_day": last, "unit": unit,
            "series": list(series.values()), "sort": sort,
            "sorts": [(k, ALL_SORTS[k]) for k in EVENT_SORTS],
            "top_dyads": dyads, "top_dyads_total": dyads.total,
            "same_country": c.q.same_country(c.f),
            "not_charted": c.q.not_charted(c.f, first, last),
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
    lists = ("dyads", "same_country")
    same = data["same_country"][:params.top(c.req.query_params) or TOP["same_country"]]
    return {"unit": unit,
            "chart_events": charts.stacked_bars(sorted(stack.items()), title="events per " + unit),
            "chart_goldstein": charts.signed_bars(sorted(gold.items()), title="Goldstein sum"),
            "sparks": [charts.sparkline(d["series"], first, last) for d in data["top_dyads"]],
            "same_country": same,
            "cut": {"dyads": _cut(c, len(data["top_dyads"]), data["top_dyads_total"], "dyad",
                                  lists=lists),
                    "same_country": _cut(c, len(same), len(data["same_country"]), "country",
                                         "countries", lists=lists)}}


def map_page(c: Ctx) -> dict[str, Any]:
    by = params.choice(c.req.query_params.get("by"), "by", ("place", "actor"))
    countries = c.q.by_country(c.f, by)
    for r in countries:
        r["name"] = names.actor_name(r["code"])
    places = c.q.by_place(c.f, params.top(c.req.query_params) or TOP["places"])
    return {"filters": _filters_out(c.f), "by": by, "countries": countries,
            "countries_total": countries.total, "places": places, "places_total": places.total}


def map_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    counts = {r["code"]: r["events"] for r in data["countries"]}
    nm = {r["code"]: r["name"] for r in data["countries"] if r["name"]}
    href = "/actors/{code}" + query_string(c.qp, by=None, top=None)
    known = set(charts.world()["countries"])
    return {"chart_map": charts.choropleth(counts, nm, href, places=data["places"]),
            "unmapped": [r for r in data["countries"] if r["code"] not in known],
            "cut": {"countries": _cut(c, len(data["countries"]), data["countries_total"], "country",
                                      "countries"),
                    "places": _cut(c, len(data["places"]), data["places_total"], "place",
                                   lists=("places",))}}


def path_actors(c: Ctx, address: str, sides: tuple[str, ...],
                check: Callable[..., Any] | None = None) -> list[str]:
    """The actors of a page's address (``/actors/CODE``, ``/dyads/A/B``): each side read by
    ``params.actor_code`` (the one policy for both pages, as ``?actor=``; see there), then
    ``check`` on the codes (the dyad's two sides must differ); a side given as a country's name
    or a code in lower case redirects to the address with the code ("/actors/Russland" ->
    "/actors/RUS", the same filters); any other name is a page of its own ("/actors/Kreml")."""
    raws = [c.req.path_params[s] for s in sides]
    read = [params.actor_code(raw, side, db=c.q) for raw, side in zip(raws, sides)]
    refs = [r[0] for r in read]
    if check is not None:
        check(*refs)
    if [str(r) for r in refs] != raws:
        raise Redirect(address.format(**{s: urllib.parse.quote(str(r)) for s, r in zip(sides, refs)})
                       + ("" if c.html else ".json") + query_string(c.qp))
    c.notes = [n for r in read for n in r.notes]
    return refs


def actors_index(c: Ctx) -> dict[str, Any]:
    text = c.req.query_params.get("q")
    if text is not None and text.strip():     # the actor box: read as the address /actors/CODE
        try:
            (ref,) = params.actor_code(text.strip(), "q", db=c.q)
        except params.BadParam:
            # the start of one name the articles hold ("Schned": Michael Schnedlitz) is that name;
            # a name filter itself takes whole words (review R23, finding 8)
            hits = {h["name"] for h in c.q.stored_names(text.strip(), 5)}
            if len(hits) != 1:
                raise
            (ref,) = params.actor_code(hits.pop(), "q", db=c.q)
        raise Redirect(f"/actors/{urllib.parse.quote(str(ref))}" + (".json" if not c.html else "")
                       + query_string(c.qp, q=None))
    top = c.q.top_actors(c.f, params.top(c.req.query_params) or TOP["actors"])
    for r in top:
        r["name"] = names.actor_name(r["code"])
    return {"filters": _filters_out(c.f), "actors": top, "actors_total": top.total}


def actors_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    return {"cut": {"actors": _cut(c, len(data["actors"]), data["actors_total"], "actor",
                                   lists=("actors",))}}


def _actor_out(c: Ctx, ref) -> dict[str, Any]:
    """What a page says of one of its actors: ``actor`` (as typed back: "AUT", "FPÖ", "Grüne
    (AUT)"), ``code`` (none for a name of any country), ``name`` (a code's German name, or the
    name matched), ``match`` ("code": every actor of it; "name": the participants called so) and,
    for a name, ``countries``: where its events are ([code, events])."""
    if ref.name is None:
        return {"actor": str(ref), "code": ref.code, "name": names.actor_name(ref.code),
                "match": "code", "countries": None}
    return {"actor": str(ref), "code": ref.code, "name": ref.name, "match": "name",
            "countries": [[k, n] for k, n in c.q.name_codes(ref.name)
                          if ref.code is None or k == ref.code]}


def actor_page(c: Ctx) -> dict[str, Any]:
    (ref,) = path_actors(c, "/actors/{code}", ("code",))
    code = ref
    page, per_page = params.paging(c.req.query_params, 20)
    top = params.top(c.req.query_params)
    quotes, n_quotes = c.q.actor_quotes(code, limit=per_page, offset=(page - 1) * per_page)
    own, sec = c.q.of_actor(c.f)      # ?sector=: of the page's actor (as --sector with --actor)
    first, last = c.q.span(own, *actor_sides(ref, c.q.resolve, sec))
    unit = bucket_unit(first, last)
    names_in = c.q.actor_names(code, top or TOP["names"])
    as_source = c.q.partners(code, c.f, "source", top or TOP["partners"])
    as_target = c.q.partners(code, c.f, "target", top or TOP["partners"])
    return {**_actor_out(c, ref), "notes": c.notes, "filters": _filters_out(c.f),
            "names_in_articles": names_in, "names_in_articles_total": names_in.total,
            "first_day": first, "last_day": last, "unit": unit,
            "timeline": c.q.actor_timeline(code, c.f, unit, first, last),
            "partners_as_source": as_source, "partners_as_source_total": as_source.total,
            "partners_as_target": as_target, "partners_as_target_total": as_target.total,
            "within": c.q.within(code, c.f),
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
    lists = ("partners", "names")
    return {"unit": data["unit"],
            "chart_timeline": charts.stacked_bars(sorted(stack.items()),
                                                  title="events as source/target"),
            "chart_goldstein": charts.signed_bars(sorted(gold.items()), title="Goldstein sum"),
            "cut": {"names": _cut(c, len(data["names_in_articles"]), data["names_in_articles_total"],
                                  "name", lists=lists, export="names"),
                    "as_source": _cut(c, len(data["partners_as_source"]),
                                      data["partners_as_source_total"], "target", lists=lists),
                    "as_target": _cut(c, len(data["partners_as_target"]),
                                      data["partners_as_target_total"], "source", lists=lists)}}


def dyad_page(c: Ctx) -> dict[str, Any]:
    # "/dyads/Russland/Kreml": a 400 that says what to use, before any redirect
    ra, rb = path_actors(c, "/dyads/{a}/{b}", ("a", "b"), check=check_dyad)
    a, b = ra, rb
    day = params.day(c.req.query_params.get("day"))
    page, per_page = params.paging(c.req.query_params)
    own, sec = c.q.of_actor(c.f)      # ?sector=: of both sides (as timeline --sector)
    first, last = c.q.span(own, *dyad_sides(ra, rb, c.q.resolve, sec))
    unit = bucket_unit(first, last)
    tl = c.q.dyad_timeline(a, b, c.f, unit, first, last)
    events, total = c.q.dyad_events(a, b, c.f, day=day, limit=per_page,
                                    offset=(page - 1) * per_page)
    mid = period_mid(first, last)      # the period's halves, as the overview's activity

    def _mean(rows):     # of the asserted events, as the sums are
        n = sum(r["asserted"] for r in rows)
        g = sum(r["goldstein_a_to_b"] + r["goldstein_b_to_a"] for r in rows)
        return (round(g / n, 2) if n else None), n
    (before, n_before) = _mean([r for r in tl if mid is not None and str(r["bucket"]) <= mid])
    (recent, n_recent) = _mean([r for r in tl if mid is not None and str(r["bucket"]) > mid])
    trend = escalation_trend(before, recent, n_before, n_recent)
    oa, ob = _actor_out(c, ra), _actor_out(c, rb)
    return {"a": oa["actor"], "b": ob["actor"], "name_a": oa["name"], "name_b": ob["name"],
            "match_a": oa["match"], "match_b": ob["match"], "notes": c.notes,
            "filters": _filters_out(c.f), "day": day, "first_day": first, "last_day": last,
            "unit": unit, "timeline": tl,
            "escalation": {"goldstein_mean_first_half": before,
                           "goldstein_mean_second_half": recent, "trend": trend,
                           "events_first_half": n_before, "events_second_half": n_recent,
                           "first_half_ends": mid,
                           "min_events": TREND_MIN_EVENTS},
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
            x["href"] = c.req.url.path + query_string(c.qp, day=k, page=None) + "#events"
        else:  # a week or month: the events of that period
            lo = _dt.date.fromisoformat(k)
            hi = (lo + _dt.timedelta(days=6) if unit == "week"
                  else lo.replace(month=12, day=31) if unit == "year"
                  else (lo.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
                  - _dt.timedelta(days=1))
            x["href"] = c.req.url.path + query_string(c.qp, since=k, until=hi.isoformat(), day=None,
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
    # the outlets num_sources counts (mentions of articles that are no near-duplicate copy), and
    # apart from them those only a copy adds
    counted = {m["source"] for m in ev["mentions"] if m["source"] and not m["is_duplicate"]}
    ev["sources"] = sorted(counted)
    ev["copy_sources"] = sorted({m["source"] for m in ev["mentions"] if m["source"]} - counted)
    return {"event": ev}


def event_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    ev = data["event"]
    needles = [(ev.get("cue"), "cue"), (ev.get("source_text"), "src"),
               (ev.get("target_text"), "tgt"), (ev.get("date_text"), "timex"),
               (ev.get("location_text"), "place")]
    return {"evidence": [_highlight(m["text"] or "", needles) for m in ev["mentions"]],
            "cut": {"mentions": _cut(c, len(ev["mentions"]), ev["mentions_total"], "mention",
                                     export="mentions")}}


def articles_page(c: Ctx) -> dict[str, Any]:
    """The stored articles, newest first, paged (the event filters do not apply: an article is
    listed with all its events)."""
    extra = [k for k in c.qp if k not in ("page", "per_page", "token")]
    if extra:       # a filter this page would drop without a word
        raise params.BadParam(extra[0], f"{extra[0]}={c.qp[extra[0]]}",
                              "this page lists every article, newest first, and takes only page and "
                              "per_page; /search finds articles by their words")
    page, per_page = params.paging(c.req.query_params)
    rows, total = c.q.articles(limit=per_page, offset=(page - 1) * per_page)
    return {"articles": rows, "pagination": _pagination(c.req, page, per_page, total, not c.html)}


def article_page(c: Ctx) -> dict[str, Any]:
    art = c.q.article(int(c.req.path_params["article_id"]))
    if art is None:
        raise HTTPError(404, f"no article {c.req.path_params['article_id']} in this database")
    return {"article": art}


def article_by_doc_id(c: Ctx) -> dict[str, Any]:
    """An article by the id it was ingested with ("/articles/aussenminister-treffen"): its page by
    number."""
    doc_id = c.req.path_params["doc_id"]
    ids = c.q.article_ids_of(doc_id)
    if not ids:
        raise HTTPError(404, f"no article {doc_id!r} in this database: give an article's number "
                             "(/articles lists them) or the id it was ingested with")
    raise Redirect(f"/articles/{ids[0]}" + ("" if c.html else ".json"))


def article_view(c: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    art = data["article"]
    return {"annotated": _annotate(art),
            "cut": {k: _cut(c, len(art[k]), art[f"{k}_total"], k[:-1], export="article")
                    for k in ("actors", "quotes", "events")}}


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
    return {"snippets": [_mark(a["snippet"], a.get("hit"), "hit") for a in data["articles"]]}


def _mark(text: str, span: list[int] | None, cls: str) -> Markup:
    """``text`` with ``span`` ([start, end], the search hit the query found) marked."""
    if not span:
        return Markup(escape(text))
    s, e = span
    return Markup(f'{escape(text[:s])}<mark class="{cls}">{escape(text[s:e])}</mark>{escape(text[e:])}')


# -- wiring --------------------------------------------------------------------------------
#: the parameters of ``params.OWN`` each page reads; None: a page of one event or article, which
#: reads none at all
PAGE_OWN: dict[str, tuple[str, ...] | None] = {
    "/overview": ("top",), "/map": ("by", "top"), "/actors": ("q", "top"), "/actors/{code}": ("top",),
    "/dyads/{a}/{b}": ("day",), "/events/{event_id:int}": None, "/articles": (),
    "/articles/{article_id:int}": None, "/articles/{doc_id}": None,
    "/search": ("q",),
}

PAGES: list[tuple[str, str, Callable, Callable | None, str]] = [
    # path, template, handler, HTML-only view, name in the navigation
    ("/overview", "overview.html", overview, overview_view, "Overview"),
    ("/map", "map.html", map_page, map_view, "Map"),
    ("/actors", "actors.html", actors_index, actors_view, "Actors"),
    ("/actors/{code}", "actor.html", actor_page, actor_view, ""),
    ("/dyads/{a}/{b}", "dyad.html", dyad_page, dyad_view, ""),
    ("/events/{event_id:int}", "event.html", event_page, event_view, ""),
    ("/articles", "articles.html", articles_page, None, "Articles"),
    ("/articles/{article_id:int}", "article.html", article_page, article_view, ""),
    ("/articles/{doc_id}", "article.html", article_by_doc_id, None, ""),      # redirects to the above
    ("/search", "search.html", search_page, search_view, "Search"),
]
