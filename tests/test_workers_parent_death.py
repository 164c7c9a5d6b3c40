"""kill -9 of a `--workers 2` ingest or reprocess leaves no worker and no resource tracker running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest_helpers import write_jsonl

pytestmark = pytest.mark.slow


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids of every live (not zombie) process."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            tree.setdefault(int(ppid), []).append(int(entry))
    return tree


def _descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    return {p for p in pids if p in {c for cs in _children().values() for c in cs}}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")
@pytest.mark.parametrize("command", ["ingest", "reprocess"])
def test_kill_9_leaves_no_worker(tmp_path: Path, command: str) -> None:
    dyad = str(Path(sys.executable).with_name("dyad"))
    source = write_jsonl(tmp_path / "in.jsonl", 60, words=300)
    db = tmp_path / "store.db"
    if command == "ingest":
        args = [dyad, "ingest", str(source), "--db", str(db), "--batch-size", "60", "-q"]
    else:
        subprocess.run([dyad, "ingest", str(source), "--db", str(db), "--no-extract", "-q"], check=True)
        args = [dyad, "reprocess", "--db", str(db)]
    run = subprocess.Popen(
        [*args, "--workers", "2", "--model", "sm"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and run.poll() is None:
            seen |= _descendants(run.pid)
            if len(seen) >= 3:  # two workers and the resource tracker
                break
            time.sleep(0.2)
        assert run.poll() is None and len(seen) >= 3, f"workers never started ({seen})"
        time.sleep(2)  # the workers are loading the model or extracting
        seen |= _descendants(run.pid)
        assert len(_alive(seen)) >= 3, (
            "the workers died on their own: they must be killed by the parent's death"
        )
        os.kill(run.pid, signal.SIGKILL)
        run.wait(10)
        deadline = time.monotonic() + 30
        while _alive(seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(seen), f"still running after the parent was killed: {sorted(_alive(seen))}"
    finally:
        for pid in _alive(seen):
            os.kill(pid, signal.SIGKILL)
