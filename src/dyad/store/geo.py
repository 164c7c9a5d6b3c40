"""Where the matching events are: counts per country (either side) and per named place with coordinates."""

from __future__ import annotations

import sqlite3
from typing import Any

from dyad.store.queries import Query, matching


def country_counts(conn: sqlite3.Connection, query: Query) -> list[dict[str, Any]]:
    """Events per country involved (as source or target), with their mean Goldstein score."""
    sql, params = matching("events", query)
    rows = conn.execute(
        "SELECT country, count(DISTINCT id) AS events, avg(goldstein) AS mean_goldstein FROM ("
        " SELECT d.source_country AS country, e.id, e.goldstein"
        f" FROM event_dyads d JOIN ({sql}) e ON e.id = d.event_id"
        " UNION ALL"
        f" SELECT d.target_country, e.id, e.goldstein FROM event_dyads d JOIN ({sql}) e ON e.id = d.event_id"
        ") WHERE country IS NOT NULL GROUP BY country ORDER BY events DESC, country",
        [*params, *params],
    )
    return [
        {"country": r["country"], "events": r["events"], "mean_goldstein": round(r["mean_goldstein"], 3)}
        for r in rows
    ]


def place_counts(conn: sqlite3.Connection, query: Query, *, limit: int = 500) -> list[dict[str, Any]]:
    """Places with coordinates: events located there, and mentions in the articles of matching events."""
    sql, params = matching("events", query)
    rows = conn.execute(
        "SELECT p.name, max(p.country) AS country, max(p.kind) AS kind, avg(p.lat) AS lat, avg(p.lon) AS lon,"
        " count(DISTINCT CASE WHEN e.place = p.name THEN e.id END) AS events,"
        " count(DISTINCT p.article_id) AS articles"
        f" FROM places p JOIN ({sql}) e ON e.article_id = p.article_id"
        " WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL"
        " GROUP BY p.name ORDER BY events DESC, articles DESC, p.name LIMIT ?",
        [*params, limit],
    )
    return [
        {
            "name": r["name"],
            "country": r["country"],
            "kind": r["kind"],
            "lat": round(r["lat"], 4),
            "lon": round(r["lon"], 4),
            "events": r["events"],
            "articles": r["articles"],
        }
        for r in rows
    ]
