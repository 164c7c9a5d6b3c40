"""Concurrent use of one store: schema creation safe when several processes open a new file at once, and a
writer that waits too long for the lock gets one clear error line, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.store.database import SCHEMA_VERSION, connect, schema_version, transaction
from ingest_helpers import write_jsonl


def _create_schema(conn: sqlite3.Connection) -> None:
    """What another process's first migration does, inside the transaction it holds."""
    statement = ""
    for line in resources.files("dyad.store").joinpath("schema.sql").read_text(encoding="utf-8").splitlines():
        statement += line + "\n"
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    conn.execute("PRAGMA user_version = 1")  # the first migration; the opener makes the rest


def test_a_second_opener_waits_for_the_first_migration(db_path: Path) -> None:
    first = sqlite3.connect(db_path, isolation_level=None)
    first.execute("PRAGMA journal_mode = WAL")  # readers are not blocked: the opener reads version 0
    first.execute("BEGIN IMMEDIATE")  # another process is creating the schema right now
    outcome: list[object] = []

    def open_second() -> None:
        try:
            conn = connect(db_path)
            outcome.append(schema_version(conn))
            conn.close()
        except Exception as exc:  # the test reports whatever the opener raised
            outcome.append(exc)

    opener = threading.Thread(target=open_second)
    opener.start()
    time.sleep(0.5)  # the second opener has read version 0 and waits for the lock
    _create_schema(first)
    first.execute("COMMIT")
    opener.join(30)
    first.close()
    assert outcome == [SCHEMA_VERSION]


def test_two_ingests_on_a_new_store_both_succeed(tmp_path: Path, db_path: Path) -> None:
    inputs = [write_jsonl(tmp_path / f"in{n}.jsonl", 3, start=n * 10) for n in range(2)]
    dyad = str(Path(sys.executable).with_name("dyad"))
    command = [dyad, "ingest", "--db", str(db_path), "--no-extract", "-q", "--format", "json"]
    runs = [
        subprocess.Popen([*command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in inputs
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in results]
    assert sum(json.loads(out)["new"] for out, _ in results) == 6


def test_a_writer_locked_out_gets_a_store_error(db_path: Path) -> None:
    connect(db_path).close()
    holder = connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        waiting = connect(db_path, busy_timeout=0.2)
        with pytest.raises(StoreError, match="locked by another process") as caught, transaction(waiting):
            pass
        assert caught.value.where == str(db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_ingest_locked_out_says_so_in_one_line(tmp_path: Path, db_path: Path) -> None:
    connect(db_path).close()
    source = write_jsonl(tmp_path / "in.jsonl", 2)
    holder = connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = subprocess.run(
            [str(Path(sys.executable).with_name("dyad")), "ingest", str(source), "--db", str(db_path),
             "--no-extract", "-q"],
            capture_output=True, text=True, env={**os.environ, "DYAD_BUSY_TIMEOUT": "0.3"}, timeout=120,
        )  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if line.strip()]
    assert line.startswith("error: ") and "locked by another process" in line and "DYAD_BUSY_TIMEOUT" in line
