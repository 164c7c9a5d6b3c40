from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.store.database import SCHEMA_VERSION, connect, schema_version, transaction


def test_new_store_is_migrated_with_wal_and_foreign_keys(db_path: Path) -> None:
    conn = connect(db_path)
    assert schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "events", "quotes", "actors", "issue_tags", "articles_fts"} <= tables


def test_reopening_does_not_migrate_again(db_path: Path) -> None:
    connect(db_path).close()
    conn = connect(db_path)
    assert schema_version(conn) == SCHEMA_VERSION


def test_a_version_1_store_is_migrated_and_keeps_its_rows(db_path: Path) -> None:
    import sqlite3
    from importlib import resources

    from dyad.store.database import _statements

    old = sqlite3.connect(db_path, isolation_level=None)
    for statement in _statements(resources.files("dyad.store").joinpath("schema.sql").read_text("utf-8")):
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO articles(id, text, first_seen, text_hash) VALUES ('a', 't', '2024-01-01', 'h')")
    old.execute(
        "INSERT INTO issue_tags(article_id, issue_id, label, score, evidence, taxonomy_version)"
        " VALUES ('a', 'taiwan', 'Taiwan', 0.5, '[]', 'v1')"
    )
    old.close()
    conn = connect(db_path)
    assert schema_version(conn) == SCHEMA_VERSION == 3
    assert tuple(conn.execute("SELECT issue_id, extractor FROM issue_tags").fetchone()) == ("taiwan", "")
    assert conn.execute("SELECT count(*) FROM watchlists").fetchone()[0] == 0  # version 3


def test_failed_transaction_rolls_back(db_path: Path) -> None:
    conn = connect(db_path)
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute(
            "INSERT INTO articles(id, text, first_seen, text_hash) VALUES ('a', 't', '2024-01-01', 'h')"
        )
        raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_newer_schema_is_refused(db_path: Path) -> None:
    conn = connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this dyad"):
        connect(db_path)


def test_readonly_requires_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.db", readonly=True)
