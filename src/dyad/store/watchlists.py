"""Watchlists and their alerts in the store, and the reads alerts are computed from.

A watchlist keeps its filters as the JSON of ``Query.to_dict()``, so it holds exactly what a query holds.
Alerts are keyed per watchlist (``UNIQUE (watchlist_id, key)``): recording the same alert twice is a no-op,
which is what keeps a re-run, a crash between runs or two overlapping runs from alerting twice.

"New" means stored after the watchlist's ``cursor``, an ``articles.rowid``: rows only ever get larger row
numbers, so ``rowid > cursor`` is exactly what arrived since the last run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from dyad.errors import QueryError, StoreError
from dyad.model import Alert, AlertEvidence, AlertRules, Watchlist
from dyad.store.queries import Kind, Query, matching
from dyad.store.records import ROW_BUILDERS

_NEW = "article_id IN (SELECT id FROM articles WHERE rowid > ? AND rowid <= ?)"


def has_tables(conn: sqlite3.Connection) -> bool:
    """Whether the store has the watchlist tables (a read-only connection to an older store has not)."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watchlists'")
    return found.fetchone() is not None


def _watchlist(row: sqlite3.Row) -> Watchlist:
    return Watchlist(
        name=row["name"],
        query=json.loads(row["query"]),
        rules=AlertRules.from_dict(json.loads(row["rules"])),
        webhook=row["webhook"],
        created=row["created"],
        last_run=row["last_run"],
        cursor=row["cursor"],
    )


def add_watchlist(conn: sqlite3.Connection, watchlist: Watchlist) -> Watchlist:
    """Store a new watchlist; a name already taken is the user's error."""
    try:
        conn.execute(
            "INSERT INTO watchlists(name, query, rules, webhook, created, cursor) VALUES (?, ?, ?, ?, ?, ?)",
            (
                watchlist.name,
                json.dumps(dict(watchlist.query), sort_keys=True),
                json.dumps(watchlist.rules.to_dict(), sort_keys=True),
                watchlist.webhook,
                watchlist.created,
                watchlist.cursor,
            ),
        )
    except sqlite3.IntegrityError:
        raise QueryError(f"a watchlist named {watchlist.name!r} exists; remove it first") from None
    return watchlist


def watchlists(conn: sqlite3.Connection) -> list[Watchlist]:
    if not has_tables(conn):
        return []
    return [_watchlist(r) for r in conn.execute("SELECT * FROM watchlists ORDER BY name")]


def watchlist(conn: sqlite3.Connection, name: str) -> Watchlist:
    row = (
        conn.execute("SELECT * FROM watchlists WHERE name = ?", (name,)).fetchone()
        if has_tables(conn)
        else None
    )
    if row is None:
        raise QueryError(f"no watchlist named {name!r}; `dyad watch list` shows them")
    return _watchlist(row)


def remove_watchlist(conn: sqlite3.Connection, name: str) -> None:
    """Remove a watchlist and its alerts."""
    if conn.execute("DELETE FROM watchlists WHERE name = ?", (name,)).rowcount == 0:
        raise QueryError(f"no watchlist named {name!r}; `dyad watch list` shows them")


def article_cursor(conn: sqlite3.Connection) -> int:
    """The row number of the last article stored (0 for an empty store)."""
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])


def applies(kind: Kind, query: Query) -> bool:
    """Whether every filter of ``query`` applies to ``kind`` (a CAMEO root does not apply to quotes)."""
    try:
        matching(kind, query)
    except QueryError:
        return False
    return True


def new_items(
    conn: sqlite3.Connection, kind: Kind, query: Query, after: int, upto: int
) -> list[dict[str, Any]]:
    """List rows of ``kind`` matching ``query`` in articles stored after row ``after`` up to ``upto``."""
    sql, params = matching(kind, query)
    rows = conn.execute(f"SELECT * FROM ({sql}) WHERE {_NEW} ORDER BY sort_key, key", [*params, after, upto])
    build = ROW_BUILDERS[kind]
    return [build(row) for row in rows]


def new_pairs(
    conn: sqlite3.Connection, query: Query, after: int, upto: int
) -> list[tuple[str, str, str, str]]:
    """(event id, country, other country, CAMEO root) of every dyad between two different countries of
    the events matching ``query`` that were stored after row ``after`` (the countries in code order)."""
    sql, params = matching("events", query)
    rows = conn.execute(
        "SELECT DISTINCT m.id, min(d.source_country, d.target_country), max(d.source_country,"
        f" d.target_country), m.cameo_root FROM ({sql}) m JOIN event_dyads d ON d.event_id = m.id"
        f" WHERE m.{_NEW} AND d.source_country IS NOT NULL AND d.target_country IS NOT NULL"
        " AND d.source_country != d.target_country ORDER BY m.sort_key, m.key",
        [*params, after, upto],
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def seen_before(conn: sqlite3.Connection, query: Query, a: str, b: str, root: str, upto: int) -> bool:
    """Whether an event of CAMEO root ``root`` between ``a`` and ``b`` matching ``query`` was stored in
    an article up to row ``upto``."""
    sql, params = matching("events", query)
    found = conn.execute(
        f"SELECT 1 FROM ({sql}) m JOIN event_dyads d ON d.event_id = m.id"
        " WHERE m.article_id IN (SELECT id FROM articles WHERE rowid <= ?) AND m.cameo_root = ?"
        " AND ((d.source_country = ? AND d.target_country = ?) OR (d.source_country = ? AND"
        " d.target_country = ?)) LIMIT 1",
        [*params, upto, root, a, b, b, a],
    )
    return found.fetchone() is not None


def daily_tallies(
    conn: sqlite3.Connection, query: Query, first: str, last: str, upto: int
) -> dict[str, tuple[int, float]]:
    """Per day from ``first`` to ``last``: the events matching ``query`` stored up to row ``upto`` and the
    sum of their Goldstein scores."""
    sql, params = matching("events", query)
    rows = conn.execute(
        f"SELECT substr(day, 1, 10) AS d, count(*), sum(goldstein) FROM ({sql})"
        " WHERE article_id IN (SELECT id FROM articles WHERE rowid <= ?)"
        " AND substr(day, 1, 10) BETWEEN ? AND ? GROUP BY d",
        [*params, upto, first, last],
    )
    return {r[0]: (int(r[1]), float(r[2])) for r in rows}


# --- alerts ------------------------------------------------------------------------------------------------


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(
        watchlist=row["name"],
        key=row["key"],
        kind=row["kind"],
        period=row["period"],
        title=row["title"],
        measures=json.loads(row["measures"]),
        evidence=tuple(AlertEvidence.from_dict(e) for e in json.loads(row["evidence"])),
        omitted=row["omitted"],
        link=row["link"],
        id=row["id"],
        created=row["created"],
        delivered=row["delivered"],
    )


def _watchlist_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM watchlists WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise StoreError(f"watchlist {name!r} was removed while it ran")
    return int(row[0])


def record_run(
    conn: sqlite3.Connection, name: str, alerts: Iterable[Alert], *, cursor: int, when: str
) -> list[Alert]:
    """Store the alerts of one run and move the watchlist's cursor; returns the alerts that were new
    (an alert whose key the watchlist already has is left as it was)."""
    wid = _watchlist_id(conn, name)
    fresh: list[int] = []
    for alert in alerts:
        cur = conn.execute(
            "INSERT OR IGNORE INTO alerts(watchlist_id, key, kind, period, title, measures, evidence,"
            " omitted, link, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                wid,
                alert.key,
                alert.kind,
                alert.period,
                alert.title,
                json.dumps(dict(alert.measures), sort_keys=True),
                json.dumps([e.to_dict() for e in alert.evidence], ensure_ascii=False),
                alert.omitted,
                alert.link,
                when,
            ),
        )
        if cur.rowcount:
            fresh.append(int(cur.lastrowid or 0))
    conn.execute(
        "UPDATE watchlists SET cursor = max(cursor, ?), last_run = ? WHERE id = ?", (cursor, when, wid)
    )
    return _by_ids(conn, fresh)


_SELECT_ALERTS = "SELECT al.*, w.name FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id"


def _by_ids(conn: sqlite3.Connection, ids: list[int]) -> list[Alert]:
    found: list[Alert] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found += [_alert(r) for r in conn.execute(f"{_SELECT_ALERTS} WHERE al.id IN ({marks})", chunk)]
    return sorted(found, key=lambda a: a.id or 0)


def alerts(
    conn: sqlite3.Connection,
    *,
    watchlist: str | None = None,
    kind: str | None = None,
    before: int | None = None,
    limit: int = 50,
) -> list[Alert]:
    """Stored alerts, newest first; ``before`` (an alert id) pages back."""
    if not has_tables(conn):
        return []
    where: list[str] = []
    params: list[Any] = []
    for clause, value in (("w.name = ?", watchlist), ("al.kind = ?", kind), ("al.id < ?", before)):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = _SELECT_ALERTS + (f" WHERE {' AND '.join(where)}" if where else "")
    rows = conn.execute(f"{sql} ORDER BY al.id DESC LIMIT ?", [*params, limit])
    return [_alert(r) for r in rows]


def undelivered(conn: sqlite3.Connection, name: str) -> list[Alert]:
    """Alerts of a watchlist its webhook has not taken yet, oldest first."""
    rows = conn.execute(f"{_SELECT_ALERTS} WHERE w.name = ? AND al.delivered IS NULL ORDER BY al.id", (name,))
    return [_alert(r) for r in rows]


def mark_delivered(conn: sqlite3.Connection, ids: Iterable[int], when: str) -> None:
    conn.executemany("UPDATE alerts SET delivered = ? WHERE id = ?", [(when, i) for i in ids])
