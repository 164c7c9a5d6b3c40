"""Country shapes for the world map, built at set-up from the ``world-atlas`` npm package (Natural Earth).

``make install`` fetches the package with ``npm pack`` and runs ``python -m dyad.web.shapes SRC OUT``, which
decodes its TopoJSON into plain longitude/latitude rings keyed by ISO alpha-3 code (the codes dyad stores),
written to ``web/static/vendor/`` (not in the repository). Without it the map draws countries as circles at
their centres.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pycountry

from dyad.errors import InputError

# Natural Earth features without an ISO numeric code, by name.
_UNNUMBERED = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)  # consecutive arcs share their end point
    return ring


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep a ring continuous across the antimeridian (179 -> -179 becomes 179 -> 181), so a flat map draws
    it as one shape instead of a band across the world."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in ring:
        if out:
            jump = lon + shift - out[-1][0]
            if jump > 180:
                shift -= 360
            elif jump < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def countries(topology: dict[str, Any], layer: str = "countries") -> dict[str, dict[str, Any]]:
    """ISO alpha-3 code -> {"name", "rings"} for every country of the layer that has a code."""
    arcs = decode_arcs(topology)
    out: dict[str, dict[str, Any]] = {}
    for geometry in topology["objects"][layer]["geometries"]:
        name = (geometry.get("properties") or {}).get("name", "")
        found = (
            pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
            if geometry.get("id")
            else None
        )
        code = found.alpha_3 if found else _UNNUMBERED.get(name)
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [unwrap(_ring(arcs, ring)) for polygon in polygons for ring in polygon]
        entry = out.setdefault(code, {"name": name, "rings": []})
        entry["rings"].extend([[list(p) for p in ring] for ring in rings if len(ring) > 2])
    return out


def build(source: Path, target: Path) -> int:
    """Write the map shapes; returns the number of countries."""
    try:
        topology = json.loads(source.read_text(encoding="utf-8"))
        shapes = countries(topology)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"not a world-atlas TopoJSON file: {exc}", where=str(source)) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    document = {"source": "world-atlas (Natural Earth 1:110m), built by dyad.web.shapes", "countries": shapes}
    target.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    return len(shapes)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m dyad.web.shapes WORLD_ATLAS_COUNTRIES_JSON OUTPUT_JSON")
    count = build(Path(sys.argv[1]), Path(sys.argv[2]))
    sys.stderr.write(f"{count} country shapes -> {sys.argv[2]}\n")
