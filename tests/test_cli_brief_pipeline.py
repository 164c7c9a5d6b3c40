"""The commands wired together with the real (small) model: ingest with extraction, reprocess, dyad, brief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main

pytestmark = pytest.mark.slow

ARTICLE = """\
Title: Manila protests to Beijing
Date: 2024-06-18
URL: https://news.example/manila-beijing

China accused the Philippines of provocations in the South China Sea on Tuesday, a day after Chinese coast
guard ships blocked a resupply mission to a Philippine outpost.

"We will not be intimidated," Philippine President Ferdinand Marcos said.
"""


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_ingest_extracts_then_reprocess_and_brief(tmp_path: Path) -> None:
    source = tmp_path / "manila.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "store.db")
    code, out = _run("ingest", str(source), "--db", db, "--model", "sm", "-q", "--format", "json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["new"] == 1 and summary["extraction"]["extracted"] == 1
    assert summary["extraction"]["events"] >= 1 and summary["extraction"]["quotes"] >= 1
    code, out = _run("reprocess", "--db", db, "--model", "sm")
    assert code == 0 and "1 re-extracted" in out, out
    code, out = _run("dyad", "PHL", "CHN", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["totals"]["combined"]["events"] >= 1, out
    code, out = _run("brief", "PHL", "CHN", "--db", db, "--format", "json")
    brief = json.loads(out)
    assert "south-china-sea" in [i["id"] for i in brief["issues"]]


def test_no_extract_stores_articles_only(tmp_path: Path) -> None:
    source = tmp_path / "manila.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "store.db")
    code, out = _run("ingest", str(source), "--db", db, "--no-extract", "-q", "--format", "json")
    assert code == 0 and "extraction" not in json.loads(out)
    code, out = _run("brief", "PHL", "CHN", "--db", db)
    assert code == 0 and "nothing to brief" in out
