from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.store.database import connect
from extraction_builders import BLINKEN, CHN_GOV, USA_GOV, ArticleBuilder


@pytest.fixture
def db(db_path: Path) -> Path:
    conn = connect(db_path)
    b = ArticleBuilder("art-1", "2024-04-22")
    b.event("China warned the United States over Taiwan.", CHN_GOV, USA_GOV, "warn", issues=("taiwan",))
    b.event(
        "The United States sanctioned Chinese banks.", USA_GOV, CHN_GOV, "sanction", issues=("sanctions",)
    )
    b.quote("We will express our concerns clearly", BLINKEN, issues=("taiwan",))
    b.store(conn, url="https://news.example/a", title="Blinken in Beijing")
    conn.close()
    return db_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_dyad_json_csv_and_table(db: Path) -> None:
    code, out = _run("dyad", "USA", "China", "--db", str(db), "--format", "json", "--by", "day")
    assert code == 0, out
    data = json.loads(out)
    assert data["pair"] == ["USA", "CHN"]
    assert data["totals"]["combined"]["events"] == 2
    assert data["series"][0]["bucket"] == "2024-04-22"
    code, out = _run("dyad", "USA", "CHN", "--db", str(db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["bucket"], r["direction"], r["events"]) for r in rows} >= {("2024-04", "USA->CHN", "1")}
    code, out = _run("dyad", "USA", "CHN", "--db", str(db))
    assert code == 0 and "CHN->USA" in out and "taiwan:1" in out


def test_brief_formats(db: Path, tmp_path: Path) -> None:
    code, out = _run("brief", "USA", "CHN", "--db", str(db), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [i["id"] for i in data["issues"]] == ["taiwan", "sanctions"]  # more evidence beats harsher events
    code, out = _run("brief", "USA", "CHN", "--db", str(db))
    assert "# USA–CHN: the major divides" in out and "Blinken in Beijing" in out
    target = tmp_path / "brief.html"
    code, out = _run("brief", "USA", "CHN", "--db", str(db), "--format", "html", "-o", str(target))
    assert code == 0 and target.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_bad_arguments_give_one_error_line(db: Path, tmp_path: Path) -> None:
    code, out = _run("dyad", "USA", "Atlantis", "--db", str(db))
    assert code == 1 and "unknown country 'Atlantis'" in out
    code, out = _run("brief", "USA", "CHN", "--db", str(db), "--since", "yesterday")
    assert code == 1 and "YYYY-MM-DD" in out
    code, out = _run("brief", "USA", "CHN", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in out
