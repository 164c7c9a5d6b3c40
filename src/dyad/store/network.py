"""Actor-to-actor and country-to-country event networks over the events a query selects.

Each edge is one directed (source, target) pair with its event count and mean Goldstein score, so a
drawing can weight edges by count and colour them from conflict (negative) to cooperation (positive).
"""

from __future__ import annotations

import sqlite3
from typing import Any, Literal

from dyad.store.queries import Query, matching

Level = Literal["actor", "country"]


def edges(
    conn: sqlite3.Connection, query: Query, *, level: Level = "actor", limit: int = 200
) -> list[dict[str, Any]]:
    """The ``limit`` heaviest directed edges between actors (or countries) of the matching events."""
    sql, params = matching("events", query)
    if level == "actor":
        ids = ("d.source_id", "d.target_id")
        names = ("max(d.source_name)", "max(d.target_name)")
        countries = ("max(d.source_country)", "max(d.target_country)")
    else:
        ids = names = countries = ("d.source_country", "d.target_country")
    rows = conn.execute(
        f"SELECT {ids[0]} AS source_id, {ids[1]} AS target_id, {names[0]} AS source_name,"
        f" {names[1]} AS target_name, {countries[0]} AS source_country, {countries[1]} AS target_country,"
        " count(DISTINCT e.id) AS events, avg(e.goldstein) AS mean_goldstein,"
        " sum(e.quad_class IN (1, 2)) AS cooperation, sum(e.quad_class IN (3, 4)) AS conflict"
        f" FROM event_dyads d JOIN ({sql}) e ON e.id = d.event_id"
        f" WHERE {ids[0]} IS NOT NULL AND {ids[1]} IS NOT NULL"
        f" GROUP BY {ids[0]}, {ids[1]} ORDER BY events DESC, source_id, target_id LIMIT ?",
        [*params, limit],
    )
    return [
        {
            "source": r["source_id"],
            "target": r["target_id"],
            "source_name": r["source_name"],
            "target_name": r["target_name"],
            "source_country": r["source_country"],
            "target_country": r["target_country"],
            "events": r["events"],
            "cooperation": r["cooperation"],
            "conflict": r["conflict"],
            "mean_goldstein": round(r["mean_goldstein"], 3),
        }
        for r in rows
    ]
