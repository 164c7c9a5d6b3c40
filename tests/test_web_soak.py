"""A short run of bench/soak.py: a few hundred mixed hostile requests against a real server give no 5xx and
no connection reset (the full soak is 10,000 against the Wikinews store)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from web_store import build_store


def test_soak_of_hostile_requests(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.db")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--db", str(store), "--requests", "400",
         "--clients", "4", "--seconds", "240"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5xx: 0  resets: 0  server alive at the end: True" in done.stdout
    assert done.stdout.startswith("400 requests")
