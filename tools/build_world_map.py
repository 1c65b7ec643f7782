"""Build lagebild/web/static/world_110m.json: country outlines as SVG paths for the map page.

Source: Natural Earth 1:110m admin-0 countries (public domain), in the TopoJSON of the npm
package ``world-atlas@2.0.2`` (ISC licence), whose ids are ISO 3166-1 numeric codes; they
are mapped to alpha-3 with the code table of the npm package ``i18n-iso-countries@7.14.0``
(MIT licence). Nothing is downloaded at run time: this step runs once, its output is
committed (about 100 KB), and the licences are in lagebild/web/static/LICENSES.md.

    mkdir -p build/npm && (cd build/npm && npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0)
    python tools/build_world_map.py build/npm/world-atlas-2.0.2.tgz \\
        build/npm/i18n-iso-countries-7.14.0.tgz

The projection is equirectangular (longitude -180..180 -> x 0..1000, latitude 84..-58 ->
y 0..(1000/360*142); Antarctica is left out); coordinates are rounded to one decimal and collinear runs thinned.
"""
from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lagebild" / "web" / "static" / "world_110m.json"
WIDTH = 1000.0
LAT_TOP, LAT_BOTTOM = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = round((LAT_TOP - LAT_BOTTOM) * SCALE, 1)
#: countries without an ISO numeric code in Natural Earth, by name
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def _member(tgz: Path, name: str) -> bytes:
    with tarfile.open(tgz) as tf:
        return tf.extractfile(f"package/{name}").read()


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def _project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(min(lat, LAT_TOP), LAT_BOTTOM)
    return round((lon + 180.0) * SCALE, 1), round((LAT_TOP - lat) * SCALE, 1)


def _unwrap(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring crossing the antimeridian (Chukotka, Fiji) made continuous, plus a copy
    shifted by 360 degrees so that both map edges show their part (the SVG clips the rest)."""
    out, prev, shift = [], None, 0.0
    for lon, lat in ring:
        if prev is not None and abs(lon + shift - prev) > 180:
            shift += 360.0 if prev > lon + shift else -360.0
        out.append((lon + shift, lat))
        prev = lon + shift
    lons = [p[0] for p in out]
    rings = [out]
    if max(lons) > 180:
        rings.append([(x - 360.0, y) for x, y in out])
    if min(lons) < -180:
        rings.append([(x + 360.0, y) for x, y in out])
    return rings


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in (r for raw in rings for r in _unwrap(raw)):
        pts = []
        for lon, lat in ring:
            p = _project(lon, lat)
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) < 3:
            continue
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    return "".join(parts)


def build(atlas: Path, codes: Path) -> dict:
    topo = json.loads(_member(atlas, "countries-110m.json"))
    numeric = {}
    for alpha2, alpha3, num, *_ in json.loads(_member(codes, "codes.json")):
        numeric[str(num).zfill(3)] = alpha3
    arcs = _arcs(topo)
    countries: dict[str, dict] = {}
    for geo in topo["objects"]["countries"]["geometries"]:
        name = geo.get("properties", {}).get("name", "")
        code = numeric.get(str(geo.get("id", "")).zfill(3)) or BY_NAME.get(name)
        if not code or code == "ATA" or geo.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = [geo["arcs"]] if geo["type"] == "Polygon" else geo["arcs"]
        d = _path([_ring(r, arcs) for poly in polys for r in poly])
        if code in countries:  # N. Cyprus joins Cyprus, Somaliland joins Somalia
            countries[code]["d"] += d
        else:
            countries[code] = {"name": name, "d": d}
    return {"source": "Natural Earth 1:110m via world-atlas@2.0.2; see LICENSES.md",
            "width": WIDTH, "height": HEIGHT, "countries": dict(sorted(countries.items()))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("world_atlas_tgz", type=Path)
    ap.add_argument("iso_codes_tgz", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    data = build(a.world_atlas_tgz, a.iso_codes_tgz)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{a.out}: {len(data['countries'])} countries, {a.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
