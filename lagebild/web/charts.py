"""Charts as inline SVG, drawn on the server: no JavaScript, no network, no chart library.

Every function returns :class:`markupsafe.Markup` (all text in it escaped) for a Jinja
template; the same data is in the page's JSON twin.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from ..queries import bucket_unit
from ..wording import count

__all__ = ["bucket_unit", "bucket_of", "fill_buckets", "stacked_bars", "signed_bars",
           "mirror_bars", "sparkline", "choropleth", "world"]

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict", 0: "unknown"}
QUAD_COLORS = {1: "#6aa84f", 2: "#2e7d32", 3: "#f0a030", 4: "#c62828", 0: "#9e9e9e"}


def _d(day: str) -> _dt.date:
    return _dt.date.fromisoformat(day[:10])


def bucket_of(day: str, unit: str) -> str:
    """The first day of the day, week (Monday) or month of ``day`` (as the queries give it)."""
    d = _d(day)
    if unit == "week":
        return (d - _dt.timedelta(days=d.weekday())).isoformat()
    if unit == "month":
        return d.replace(day=1).isoformat()
    if unit == "year":
        return d.replace(month=1, day=1).isoformat()
    return d.isoformat()


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}"


def stacked_bars(buckets: Sequence[tuple[str, dict[int, int]]], *, width: int = 900,
                 height: int = 180, title: str = "") -> Markup:
    """One bar per bucket, stacked by quad class (``{quad_class: events}``)."""
    if not buckets:
        return Markup('<p class="empty">No dated events for these filters.</p>')
    top = max(sum(v.values()) for _, v in buckets) or 1
    pad_l, pad_b = 34, 18
    w = (width - pad_l) / len(buckets)
    h = height - pad_b
    out = [f'<svg class="chart stacked" role="img" viewBox="0 0 {width} {height}" '
           f'width="100%" aria-label="{escape(title)}">',
           f'<text x="2" y="10" class="axis">{top}</text>',
           f'<line x1="{pad_l}" y1="{h}" x2="{width}" y2="{h}" class="axis"/>']
    for i, (label, parts) in enumerate(buckets):
        x = pad_l + i * w
        y = h
        for q in (1, 2, 3, 4, 0):
            n = parts.get(q, 0)
            if not n:
                continue
            bh = n / top * (h - 4)
            y -= bh
            out.append(_bar(x + 0.5, y, w, bh, QUAD_COLORS[q], f"{escape(label)}: {n} {QUAD_NAMES[q]}"))
    out += _x_labels([b[0] for b in buckets], pad_l, w, height)
    out.append("</svg>")
    return Markup("".join(out))


def _bar(x: float, y: float, w: float, h: float, fill: str, title: str) -> str:
    """One bar of a chart (a 1-pixel gap to the next; ``title`` already escaped)."""
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w - 1, 0.8):.1f}" height="{h:.1f}" '
            f'fill="{fill}"><title>{title}</title></rect>')


def _two_sided_frame(kind: str, width: int, height: int, label: str, top: tuple[float, str],
                     bottom: tuple[float, str], pad_l: float, mid: float) -> list[str]:
    """The opening of a chart with bars above and below a middle line: the svg element, the
    axis labels at the top and the bottom (y, already escaped text) and the middle line."""
    return [f'<svg class="chart {kind}" role="img" viewBox="0 0 {width} {height}" width="100%" '
            f'aria-label="{label}">',
            f'<text x="2" y="{top[0]}" class="axis">{top[1]}</text>',
            f'<text x="2" y="{bottom[0]}" class="axis">{bottom[1]}</text>',
            f'<line x1="{pad_l}" y1="{mid}" x2="{width}" y2="{mid}" class="axis"/>']


def signed_bars(buckets: Sequence[tuple[str, float]], *, width: int = 900, height: int = 140,
                title: str = "") -> Markup:
    """Goldstein sums: cooperation above the zero line, conflict below."""
    if not buckets:
        return Markup('<p class="empty">No dated events for these filters.</p>')
    top = max(abs(v) for _, v in buckets) or 1.0
    pad_l, pad_b = 34, 18
    w = (width - pad_l) / len(buckets)
    mid = (height - pad_b) / 2
    out = _two_sided_frame("signed", width, height, escape(title), (10, f"+{_fmt(top)}"),
                           (height - pad_b, f"-{_fmt(top)}"), pad_l, mid)
    for i, (label, v) in enumerate(buckets):
        bh = abs(v) / top * (mid - 2)
        y = mid - bh if v >= 0 else mid
        color = "#2e7d32" if v >= 0 else "#c62828"
        out.append(_bar(pad_l + i * w + 0.5, y, w, bh, color, f"{escape(label)}: Goldstein {_fmt(v)}"))
    out += _x_labels([b[0] for b in buckets], pad_l, w, height)
    out.append("</svg>")
    return Markup("".join(out))


def mirror_bars(buckets: Sequence[dict[str, Any]], a: str, b: str, *, width: int = 900,
                height: int = 200) -> Markup:
    """A dyad over time: a->b above, b->a below the line; each bar links to its events
    (``href`` of the bucket); the Goldstein sum of the bucket colours the bar."""
    if not buckets:
        return Markup('<p class="empty">No dated events between these actors.</p>')
    top = max(max(x["a_to_b"], x["b_to_a"]) for x in buckets) or 1
    pad_l, pad_b = 40, 18
    w = (width - pad_l) / len(buckets)
    mid = (height - pad_b) / 2
    out = _two_sided_frame("mirror", width, height, f"{escape(a)} and {escape(b)} over time",
                           (12, f"{escape(a)}→"), (height - pad_b - 2, f"{escape(b)}→"), pad_l, mid)
    for i, x in enumerate(buckets):
        cx = pad_l + i * w + 0.5
        out.append(f'<a href="{escape(x["href"])}">')
        for n, g, up in ((x["a_to_b"], x["goldstein_a_to_b"], True),
                         (x["b_to_a"], x["goldstein_b_to_a"], False)):
            if not n:
                continue
            bh = n / top * (mid - 2)
            color = "#c62828" if g < 0 else "#2e7d32" if g > 0 else "#9e9e9e"
            y = mid - bh if up else mid
            who = f"{a}→{b}" if up else f"{b}→{a}"
            out.append(_bar(cx, y, w, bh, color, f"{escape(x['label'])}: {n} {escape(who)}, Goldstein {_fmt(g)}"))
        out.append("</a>")
    out += _x_labels([x["label"] for x in buckets], pad_l, w, height)
    out.append("</svg>")
    return Markup("".join(out))


def sparkline(points: Sequence[tuple[str, int]], first: str | None, last: str | None, *,
              width: int = 120, height: int = 24) -> Markup:
    """Events per bucket of one dyad between ``first`` and ``last`` as a small polyline."""
    if not points or not first or not last:
        return Markup("")
    unit = bucket_unit(first, last)
    keys = _all_buckets(first, last, unit)
    counts = {k: 0 for k in keys}
    for day, n in points:
        k = bucket_of(day, unit)
        if k in counts:
            counts[k] += n
    top = max(counts.values()) or 1
    step = width / max(len(keys) - 1, 1)
    pts = " ".join(f"{i * step:.1f},{height - 2 - counts[k] / top * (height - 4):.1f}"
                   for i, k in enumerate(keys))
    if len(keys) == 1:
        pts = f"0,{height / 2} {width},{height / 2}"
    return Markup(f'<svg class="spark" role="img" viewBox="0 0 {width} {height}" width="{width}" '
                  f'height="{height}"><polyline fill="none" stroke="#37474f" stroke-width="1.5" '
                  f'points="{pts}"/></svg>')


def _all_buckets(first: str, last: str, unit: str) -> list[str]:
    d, end = _d(bucket_of(first, unit)), _d(last)
    out: list[str] = []
    while d <= end:
        out.append(d.isoformat())
        if unit in ("day", "week"):
            d += _dt.timedelta(days=1 if unit == "day" else 7)
        elif unit == "month":
            d = d.replace(year=d.year + d.month // 12, month=d.month % 12 + 1)
        else:
            d = d.replace(year=d.year + 1)
    return out


def fill_buckets(first: str | None, last: str | None, unit: str) -> list[str]:
    """Every bucket from ``first`` to ``last``, so that quiet days show as gaps."""
    if not first or not last:
        return []
    return _all_buckets(first, last, unit)


def _x_labels(labels: Sequence[str], pad_l: float, w: float, height: int) -> list[str]:
    if not labels:
        return []
    if all(len(x) == 10 and x.endswith("-01-01") for x in labels) and len(labels) > 2:
        labels = [x[:4] for x in labels]  # years
    elif all(len(x) == 10 and x.endswith("-01") for x in labels) and len(labels) > 2:
        labels = [x[:7] for x in labels]  # months
    n = len(labels)
    step = max(1, n // 6)
    picks = sorted({0, n - 1, *(i for i in range(0, n, step) if n - 1 - i >= step * 0.6)})
    out = []
    for i in picks:
        anchor = "start" if i == 0 else "end" if i == n - 1 else "middle"
        x = pad_l + i * w + (w / 2 if anchor == "middle" else 0 if anchor == "start" else w)
        out.append(f'<text x="{x:.1f}" y="{height - 3}" text-anchor="{anchor}" class="axis">'
                   f'{escape(labels[i])}</text>')
    return out


@functools.lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The country outlines built by tools/build_world_map.py (Natural Earth 1:110m)."""
    path = resources.files("lagebild.web") / "static" / "world_110m.json"
    return json.loads(path.read_text(encoding="utf-8"))


def choropleth(counts: dict[str, int], names: dict[str, str], href: str, *,
               places: Sequence[dict[str, Any]] = ()) -> Markup:
    """Countries shaded by number of events (square-root scale); each country with events
    links to ``href.format(code=...)``; ``places`` (with ``code`` and ``events``) add a
    circle at the middle of their country."""
    geo = world()
    top = max(counts.values(), default=0) or 1
    out = [f'<svg class="chart map" role="img" viewBox="0 0 {geo["width"]:g} {geo["height"]:g}" '
           f'width="100%" aria-label="events per country">',
           f'<rect width="{geo["width"]:g}" height="{geo["height"]:g}" fill="#eef3f7"/>']
    centers: dict[str, tuple[float, float]] = {}
    for code, c in geo["countries"].items():
        n = counts.get(code, 0)
        label = escape(names.get(code) or c["name"])
        if n:
            t = (n / top) ** 0.5
            fill = f"rgb({int(255 - 57 * t)},{int(224 - 184 * t)},{int(178 - 138 * t)})"
            out.append(f'<a href="{escape(href.format(code=code))}"><path class="has-events" '
                       f'd="{c["d"]}" fill="{fill}" stroke="#fff" stroke-width="0.4">'
                       f'<title>{label} ({escape(code)}): {count(n, "event")}</title></path></a>')
        else:
            out.append(f'<path d="{c["d"]}" fill="#d9dde1" stroke="#fff" stroke-width="0.4">'
                       f'<title>{label}</title></path>')
        if places:
            centers[code] = _center(c["d"])
    by_code: dict[str, int] = {}
    for p in places:
        if p.get("code"):
            by_code[p["code"]] = by_code.get(p["code"], 0) + int(p["events"])
    ptop = max(by_code.values(), default=1)
    for code, n in by_code.items():
        if code in centers:
            x, y = centers[code]
            r = 2 + 8 * (n / ptop) ** 0.5
            out.append(f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                       f'fill="#1565c0" fill-opacity="0.55" pointer-events="none"><title>{escape(code)}: {count(n, "event")} at '
                       f'named places</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))


def _center(d: str) -> tuple[float, float]:
    """Middle of the bounding box of the largest ring of a path."""
    best: list[tuple[float, float]] = []
    for ring in d.split("M")[1:]:
        pts = [tuple(map(float, p.split(","))) for p in ring.rstrip("Z").split("L")]
        if len(pts) > len(best):
            best = pts
    xs, ys = [p[0] for p in best], [p[1] for p in best]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
