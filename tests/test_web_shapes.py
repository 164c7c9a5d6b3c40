"""Map shapes built at set-up: TopoJSON arcs decoded into rings keyed by ISO alpha-3 code."""

from __future__ import annotations

import json
from pathlib import Path

from dyad.web.shapes import build, countries, unwrap

# Two squares sharing an edge, quantised: arcs are delta-encoded integers scaled by the transform.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [
        [[10, 0], [0, 10]],  # shared edge (10,0)->(10,10)
        [[10, 10], [-10, 0], [0, -10], [10, 0]],  # rest of the west square
        [[10, 0], [10, 0], [0, 10], [-10, 0]],  # rest of the east square
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "250", "properties": {"name": "France"}, "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "id": "276", "properties": {"name": "Germany"}, "arcs": [[[2, -1]]]},
                {"type": "Polygon", "properties": {"name": "Nowhere"}, "arcs": [[0, 1]]},
            ],
        }
    },
}


def test_topology_decodes_into_coded_rings() -> None:
    shapes = countries(TOPOLOGY)
    assert set(shapes) == {"FRA", "DEU"}
    assert shapes["FRA"]["rings"] == [[[10, 0], [10, 10], [0, 10], [0, 0], [10, 0]]]
    assert shapes["DEU"]["rings"] == [[[10, 0], [20, 0], [20, 10], [10, 10], [10, 0]]]


def test_rings_stay_continuous_across_the_antimeridian() -> None:
    assert unwrap([(179.0, 60.0), (-179.0, 61.0), (-178.0, 62.0)]) == [
        (179.0, 60.0),
        (181.0, 61.0),
        (182.0, 62.0),
    ]


def test_build_writes_the_dashboard_file(tmp_path: Path) -> None:
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    assert build(source, tmp_path / "out" / "shapes.json") == 2
    written = json.loads((tmp_path / "out" / "shapes.json").read_text(encoding="utf-8"))
    assert set(written["countries"]) == {"FRA", "DEU"}
