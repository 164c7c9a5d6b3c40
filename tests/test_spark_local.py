"""`dyad spark extract` without --master, outside spark-submit, runs locally with the driver's interpreter
(the `python3` on PATH is another Python, without dyad)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytestmark = pytest.mark.spark

TEXT = (
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fishing quotas. "
    "Chile's minister said the talks had been useful and would continue next month."
)


def test_extract_without_master_uses_the_drivers_python(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"url": "https://local.example/1", "text": TEXT}) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYSPARK_", "SPARK_"))}
    dyad = Path(sys.executable).with_name("dyad")
    done = subprocess.run(
        [str(dyad), "spark", "extract", str(source), "--output", str(tmp_path / "out"), "--model", "sm",
         "--format", "json", "--partitions", "1"],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ModuleNotFoundError" not in done.stderr
    summary = json.loads(done.stdout)
    assert summary["articles"] == summary["extracted"] == 1 and summary["extraction_errors"] == 0, summary
