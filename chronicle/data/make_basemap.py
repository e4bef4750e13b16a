"""Build chronicle/data/basemap.json from Natural Earth via the world-atlas npm package.

Source: Natural Earth 1:50m "Admin 0 - Countries" (v4.1.0), public domain
(https://www.naturalearthdata.com/about/terms-of-use/), as redistributed in
TopoJSON form by the `world-atlas` npm package (ISC licence, Mike Bostock).

Reproduce (one-off, needs npm; the build itself never touches the network):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python chronicle/data/make_basemap.py /tmp/package/countries-50m.json

Output format (compact JSON, coordinates [lon, lat] rounded to 2 decimals):
    {"source": str, "licence": str,
     "land": [polygon, ...]      # polygon = [ring, ...]; first ring outer, rest holes
     "borders": [line, ...]}     # line = [[lon, lat], ...]; land borders between countries
The land rings are the coastline; borders are arcs shared by two countries, so
each border is stored (and drawn) exactly once. Rings crossing the antimeridian
(Chukotka, Fiji, Antarctica...) are kept continuous, so some longitudes lie
beyond ±180 and every ring draws as a plain planar polygon; Antarctica is closed
along the pole and the degenerate ring lying on the pole itself is dropped.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

Point = list[float]
SOURCE = "Natural Earth 1:50m Admin 0 countries v4.1.0, via world-atlas 2.0.2 (npm)"
LICENCE = "Natural Earth: public domain (naturalearthdata.com/about/terms-of-use)"
OUT = Path(__file__).with_name("basemap.json")


def decode_arcs(topo: dict) -> list[list[Point]]:
    """Undo TopoJSON quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append([x * sx + tx, y * sy + ty])
        arcs.append(pts)
    return arcs


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """Points of one arc; negative indices (~i) mean the arc reversed."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def stitch(arcs: list[list[Point]], indices: list[int]) -> list[Point]:
    """Join arcs into one ring, dropping the shared endpoint between arcs."""
    ring: list[Point] = []
    for i in indices:
        pts = arc_points(arcs, i)
        ring.extend(pts[1:] if ring else pts)
    return ring


def unwrap(line: list[Point]) -> list[Point]:
    """Remove 360-degree jumps so the line is continuous across the antimeridian."""
    out: list[Point] = []
    for lon, lat in line:
        if out:
            lon += 360 * round((out[-1][0] - lon) / 360)
        out.append([lon, lat])
    return out


def close_around_pole(ring: list[Point]) -> list[Point] | None:
    """Close a ring that circles a pole along that pole; None for a ring lying on the pole."""
    if abs(ring[-1][0] - ring[0][0]) < 180:
        return ring
    if all(abs(lat) > 89.9 for _, lat in ring):
        return None
    pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
    return ring + [[ring[-1][0], pole], [ring[0][0], pole]]


def clean(line: list[Point], closed: bool) -> list[list[float]] | None:
    """Unwrap, round to 2 decimals and drop repeated points; None if degenerate."""
    line = unwrap(line)
    if closed:
        line = close_around_pole(line)
        if line is None:
            return None
    out: list[list[float]] = []
    for lon, lat in line:
        p = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != p:
            out.append(p)
    if closed and out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= (4 if closed else 2) else None


def polygons_of(geom: dict) -> list[list[list[int]]]:
    """Arc-index rings of a Polygon or MultiPolygon geometry."""
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def land_polygons(topo: dict, arcs: list[list[Point]]) -> list[list[list[list[float]]]]:
    """Coastline polygons from the merged `land` object."""
    out = []
    for geom in topo["objects"]["land"]["geometries"]:
        for poly in polygons_of(geom):
            rings = [clean(stitch(arcs, r), closed=True) for r in poly]
            if rings[0] is not None:
                out.append([r for r in rings if r is not None])
    return out


def border_lines(topo: dict, arcs: list[list[Point]]) -> list[list[list[float]]]:
    """Arcs used by two different countries, i.e. land borders (topojson mesh a != b)."""
    users: dict[int, set[int]] = {}
    for n, geom in enumerate(topo["objects"]["countries"]["geometries"]):
        for poly in polygons_of(geom):
            for ring in poly:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(n)
    shared = sorted(i for i, who in users.items() if len(who) > 1)
    lines = [clean(arcs[i], closed=False) for i in shared]
    return [line for line in lines if line is not None]


def main(src: str) -> None:
    """Convert the TopoJSON file at `src` into basemap.json next to this script."""
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    data = {
        "source": SOURCE,
        "licence": LICENCE,
        "land": land_polygons(topo, arcs),
        "borders": border_lines(topo, arcs),
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/package/countries-50m.json")
