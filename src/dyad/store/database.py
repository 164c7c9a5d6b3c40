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
SCHEMA_VERSION = 4
# Seconds a connection waits for another process's write transaction before giving up.
BUSY_TIMEOUT = 30.0


def default_path() -> Path:
    """``$DYAD_DB`` when set, else ``./dyad.db``."""
    return Path(os.environ.get("DYAD_DB") or DEFAULT_DB)


def _migrations() -> list[str]:
    """Migration scripts in order; index i takes the store from version i to i + 1."""
    folder = resources.files("dyad.store")
    names = ("schema.sql", "schema_2.sql", "schema_3.sql", "attributions.sql")
    return [folder.joinpath(name).read_text(encoding="utf-8") for name in names]


def default_busy_timeout() -> float:
    """``$DYAD_BUSY_TIMEOUT`` seconds when set, else :data:`BUSY_TIMEOUT`."""
    raw = os.environ.get("DYAD_BUSY_TIMEOUT")
    if not raw:
        return BUSY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1e6:
        raise StoreError(f"DYAD_BUSY_TIMEOUT must be a number of seconds, got {raw!r}")
    return value


def connect(
    path: str | os.PathLike[str] | None = None, *, readonly: bool = False, busy_timeout: float | None = None
) -> sqlite3.Connection:
    """Open (and create or migrate) the store at ``path``.

    ``readonly`` opens an existing file without creating or migrating it (used by the web server). A write
    waits up to ``busy_timeout`` seconds (default :func:`default_busy_timeout`) for another process's
    transaction, then fails with a :class:`StoreError` saying the store is locked.
    """
    db_path = Path(path) if path is not None else default_path()
    timeout = default_busy_timeout() if busy_timeout is None else busy_timeout
    try:
        if readonly:
            if not db_path.exists():
                raise StoreError("no such database; run `dyad ingest` first", where=str(db_path))
            conn = sqlite3.connect(
                f"file:{db_path}?mode=ro",
                uri=True,
                check_same_thread=False,
                isolation_level=None,
                timeout=timeout,
            )
        else:
            if db_path.parent and not db_path.parent.exists():
                db_path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are ours (see `transaction`), never implicit.
            conn = sqlite3.connect(db_path, check_same_thread=False, timeout=timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        if _is_locked(exc):
            raise StoreError(_LOCKED, where=str(db_path)) from exc
        raise StoreError(f"cannot open database: {exc}", where=str(db_path)) from exc
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the store to :data:`SCHEMA_VERSION` in one transaction; safe when several processes open a
    new store at once (the first migrates, the others find it done)."""
    if _current(conn) == SCHEMA_VERSION:
        return
    with transaction(conn):
        # Read again under the write lock: another process may have migrated while this one waited.
        current = _current(conn)
        for version, script in enumerate(_migrations()[current:], start=current + 1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")


def _current(conn: sqlite3.Connection) -> int:
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this dyad ({SCHEMA_VERSION}); upgrade dyad"
        )
    return current


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


_LOCKED = (
    "the store is locked by another process (an ingest or reprocess?) for longer than the busy timeout; "
    "run again when it is done, or wait longer with DYAD_BUSY_TIMEOUT=SECONDS (default 30)"
)


def _is_locked(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One explicit transaction: committed on success, rolled back on any error. Waiting too long for
    another process's transaction is a :class:`StoreError`, not a raw ``database is locked``."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _is_locked(exc):
            raise StoreError(_LOCKED, where=_file(conn)) from exc
        raise
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    else:
        try:
            conn.commit()
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                conn.rollback()
                raise StoreError(_LOCKED, where=_file(conn)) from exc
            raise


def _file(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else None
