"""People learned from the corpus: "X, the foreign minister of Y" recorded with its evidence and dates.

:class:`StorePeople` serves the same lookups as the built-in table (``dyad.codebooks.people``): the
built-in table answers first; names it does not know resolve through what earlier articles said, so a
later article naming only "X" gets X's country and sector.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from dyad.codebooks.people import BuiltinPeople, PersonRole, best_role, builtin_people
from dyad.store.database import transaction

_UPSERT = """
INSERT INTO people (name, role, country, sector, first_seen, last_seen, article_id, evidence)
VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM articles WHERE id = ?), ?)
ON CONFLICT (name, role, country) DO UPDATE SET
    first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)),
    last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))
"""


class StorePeople:
    """A people knowledge base backed by the store's ``people`` table, over the built-in table."""

    def __init__(self, conn: sqlite3.Connection, builtin: BuiltinPeople | None = None) -> None:
        self.conn = conn
        self.builtin = builtin or builtin_people()

    def lookup(self, name: str, on: dt.date | None, hints: Sequence[str] = ()) -> PersonRole | None:
        found = self.builtin.lookup(name, on, hints)
        if found is not None:
            return found
        rows = self.conn.execute(
            "SELECT name, role, country, sector, first_seen, last_seen FROM people "
            "WHERE name = ? COLLATE NOCASE OR name LIKE ? COLLATE NOCASE",
            (name, f"% {name}"),
        ).fetchall()
        return best_role([_role(row) for row in rows], on)

    def holder(self, country: str, role: str, on: dt.date | None) -> PersonRole | None:
        return self.builtin.holder(country, role, on)

    def learn(self, fact: PersonRole, *, article_id: str | None, evidence: str) -> None:
        """Record (or widen the dates of) one learned role; the first evidence sentence is kept."""
        day = fact.start.isoformat() if fact.start else None
        params = (fact.name, fact.role.lower(), fact.country, fact.sector, day, day, article_id, evidence)
        if self.conn.in_transaction:  # inside the caller's batch: its commit covers this row
            self.conn.execute(_UPSERT, params)
            return
        with transaction(self.conn):
            self.conn.execute(_UPSERT, params)

    def learned(self) -> list[PersonRole]:
        """Every learned role, by name."""
        rows = self.conn.execute(
            "SELECT name, role, country, sector, first_seen, last_seen FROM people ORDER BY name, role"
        ).fetchall()
        return [_role(row) for row in rows]


def _role(row: sqlite3.Row) -> PersonRole:
    first = dt.date.fromisoformat(row["first_seen"]) if row["first_seen"] else None
    # A learned role is known from its first to its last sighting; treat it as current after that.
    return PersonRole(row["name"], row["country"], row["role"], row["sector"], first, None, source="learned")
