"""What the corpus covers: articles per day, per source and per language, and the busiest country pairs."""

from __future__ import annotations

import sqlite3
from typing import Any

from dyad.store.queries import Query, matching


def articles_per_day(conn: sqlite3.Connection, query: Query) -> list[dict[str, Any]]:
    sql, params = matching("articles", query)
    rows = conn.execute(
        f"SELECT substr(published, 1, 10) AS day, count(*) AS articles FROM ({sql})"
        " WHERE published IS NOT NULL GROUP BY day ORDER BY day",
        params,
    )
    return [{"day": r["day"], "articles": r["articles"]} for r in rows]


def articles_by(
    conn: sqlite3.Connection, query: Query, column: str, *, limit: int = 50
) -> list[dict[str, Any]]:
    """Article counts per ``publisher`` or ``language``."""
    if column not in ("publisher", "language"):
        raise ValueError(column)
    sql, params = matching("articles", query)
    rows = conn.execute(
        f"SELECT coalesce({column}, '') AS value, count(*) AS articles FROM ({sql})"
        " GROUP BY value ORDER BY articles DESC, value LIMIT ?",
        [*params, limit],
    )
    return [{column: r["value"] or None, "articles": r["articles"]} for r in rows]


def top_pairs(conn: sqlite3.Connection, query: Query, *, limit: int = 20) -> list[dict[str, Any]]:
    """Unordered country pairs by event count, with cooperation and conflict counts and mean Goldstein."""
    sql, params = matching("events", query)
    rows = conn.execute(
        "SELECT min(d.source_country, d.target_country) AS a, max(d.source_country, d.target_country) AS b,"
        " count(DISTINCT e.id) AS events, avg(e.goldstein) AS mean_goldstein,"
        " count(DISTINCT CASE WHEN e.quad_class IN (1, 2) THEN e.id END) AS cooperation,"
        " count(DISTINCT CASE WHEN e.quad_class IN (3, 4) THEN e.id END) AS conflict"
        f" FROM event_dyads d JOIN ({sql}) e ON e.id = d.event_id"
        " WHERE d.source_country IS NOT NULL AND d.target_country IS NOT NULL"
        " AND d.source_country != d.target_country"
        " GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?",
        [*params, limit],
    )
    return [
        {
            "a": r["a"],
            "b": r["b"],
            "events": r["events"],
            "cooperation": r["cooperation"],
            "conflict": r["conflict"],
            "mean_goldstein": round(r["mean_goldstein"], 3),
        }
        for r in rows
    ]
