"""kill -9 in the middle of an ingest loses nothing committed, and re-running completes the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ingest_helpers import write_jsonl

ARTICLES = 3000
BATCH = 50


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def _dyad(*args: str) -> list[str]:
    return [sys.executable, "-c", "from dyad.cli import main; main()", *args]


def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", ARTICLES, words=60)
    db = tmp_path / "killed.db"
    command = _dyad("ingest", str(source), "--db", str(db), "--batch-size", str(BATCH), "--no-extract", "-q")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _committed(db) < 4 * BATCH and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    committed = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < committed < ARTICLES and committed % BATCH == 0  # whole batches only
    # Every committed article has all its rows: signature, bands and full-text entry.
    assert conn.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0] == committed
    assert conn.execute("SELECT count(DISTINCT article_id) FROM minhash_bands").fetchone()[0] == committed
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Officials'").fetchone()[
        0
    ] == (committed)
    urls = [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY rowid")]
    assert urls == [f"https://news.example/{n}" for n in range(committed)]  # a prefix of the input, in order
    conn.close()

    rerun = subprocess.run(
        [*command[:-1], "--format", "json"], capture_output=True, text=True, timeout=300, check=True
    )
    assert f'"duplicate": {committed}' in rerun.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (
        ARTICLES,
        ARTICLES,
    )
    conn.close()
