"""Opening the SQLite store: location, pragmas, schema version and migrations.

All SQL of dyad lives in this package. The store is one SQLite file in WAL mode with foreign keys on;
each batch of writes is one transaction, so a killed process loses nothing already committed.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from dyad.errors import StoreError

DEFAULT_DB = "dyad.db"
SCHEMA_VERSION = 3


def default_path() -> Path:
    """``$DYAD_DB`` when set, else ``./dyad.db``."""
    return Path(os.environ.get("DYAD_DB") or DEFAULT_DB)


def _migrations() -> list[str]:
    """Migration scripts in order; index i takes the store from version i to i + 1."""
    folder = resources.files("dyad.store")
    names = ("schema.sql", "schema_2.sql", "schema_3.sql")
    return [folder.joinpath(name).read_text(encoding="utf-8") for name in names]


def connect(path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and create or migrate) the store at ``path``.

    ``readonly`` opens an existing file without creating or migrating it (used by the web server).
    """
    db_path = Path(path) if path is not None else default_path()
    try:
        if readonly:
            if not db_path.exists():
                raise StoreError("no such database; run `dyad ingest` first", where=str(db_path))
            conn = sqlite3.connect(
                f"file:{db_path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
        else:
            if db_path.parent and not db_path.parent.exists():
                db_path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are ours (see `transaction`), never implicit.
            conn = sqlite3.connect(db_path, check_same_thread=False, timeout=30.0, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database: {exc}", where=str(db_path)) from exc
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the store to :data:`SCHEMA_VERSION`, one migration per transaction."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this dyad ({SCHEMA_VERSION}); upgrade dyad"
        )
    for version, script in enumerate(_migrations()[current:], start=current + 1):
        with transaction(conn):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements (``executescript`` would commit outside our transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One explicit transaction: committed on success, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    else:
        conn.commit()
