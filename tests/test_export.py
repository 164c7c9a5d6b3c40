"""Exports: every matching row, in CSV, NDJSON, GDELT 2.0 and PLOVER layouts, with a codebook sidecar."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_path
from dyad.cli import main
from dyad.errors import QueryError
from dyad.export import DYADIC_COLUMNS, GDELT_FIELDS, MONADIC_COLUMNS, PLOVER_FIELDS, export_rows, metadata
from dyad.store import queries
from dyad.store.database import connect
from dyad.store.queries import Query
from web_store import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("export") / "store.db")


@pytest.fixture(scope="module")
def conn(store: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(store, readonly=True)
    yield connection
    connection.close()


def exported(
    conn: sqlite3.Connection, kind: queries.Kind, fmt: str, query: Query, shape: str = "dyadic"
) -> str:
    return "".join(export_rows(kind, queries.stream(conn, kind, query), fmt, shape))  # type: ignore[arg-type]


def test_dyadic_csv_has_one_row_per_event_dyad(conn: sqlite3.Connection) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(conn, "events", "csv", Query()))))
    events = list(queries.stream(conn, "events", Query()))
    assert len(rows) == sum(len(e["source"]) * len(e["target"]) for e in events) == len(events)
    assert list(rows[0]) == [name for name, _ in DYADIC_COLUMNS]
    by_id = {e["id"]: e for e in events}
    for row in rows:
        event = by_id[row["event_id"]]
        assert row["source_country"] == event["source"][0]["country"]
        assert row["target_name"] == event["target"][0]["name"]
        assert row["goldstein"] == str(event["goldstein"])
        assert row["issues"] == ";".join(event["issues"])
        assert row["url"] == event["url"]


def test_monadic_has_one_row_per_actor_and_role(conn: sqlite3.Connection) -> None:
    lines = exported(conn, "events", "ndjson", Query(pair=("USA", "CHN")), "monadic").splitlines()
    rows = [json.loads(line) for line in lines]
    assert list(rows[0]) == [name for name, _ in MONADIC_COLUMNS]
    assert len(rows) == 2 * queries.count(conn, "events", Query(pair=("USA", "CHN")))
    assert {r["role"] for r in rows} == {"source", "target"}
    for r in rows:
        assert r["other_country"] == ({"USA", "CHN"} - {r["actor_country"]}).pop()


def test_gdelt_layout(conn: sqlite3.Connection) -> None:
    text = exported(conn, "events", "gdelt", Query(cameo_root="16"))
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == GDELT_FIELDS and len(GDELT_FIELDS) == 61
    record = dict(zip(rows[0], rows[1], strict=True))
    assert len(rows) == 2
    assert record["SQLDATE"] == "20240416"
    assert record["MonthYear"] == "202404" and record["Year"] == "2024"
    assert record["Actor1Code"] == "USAGOV" and record["Actor1CountryCode"] == "USA"
    assert record["Actor2Name"] == "CHINA" and record["Actor2Type1Code"] == "GOV"
    assert (record["EventCode"], record["EventBaseCode"], record["EventRootCode"]) == ("163", "163", "16")
    assert record["QuadClass"] == "4" and record["GoldsteinScale"] == "-8.0"
    assert record["IsRootEvent"] == "1"
    assert record["DATEADDED"] == "20240503000000"
    assert record["SOURCEURL"].startswith("https://")


def test_gdelt_field_names_match_the_codebook() -> None:
    path = shared_path("codebooks/cameo/gdelt2-events-fields.csv")
    with path.open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert names == GDELT_FIELDS


def test_plover_layout(conn: sqlite3.Connection) -> None:
    rows = [json.loads(line) for line in exported(conn, "events", "plover", Query(plover="AID")).splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == PLOVER_FIELDS
    assert (row["event"], row["src_actor"], row["src_agent"], row["tgt_actor"]) == (
        "AID",
        "USA",
        "GOV",
        "TWN",
    )
    assert row["date"] == "2024-04-22" and row["date8"] == "20240422"
    assert row["text"].startswith("United States provided aid to Taiwan")
    assert row["dyad"]["cameo"] == "070"


def test_quotes_and_actors(conn: sqlite3.Connection) -> None:
    quotes = [
        json.loads(line) for line in exported(conn, "quotes", "ndjson", Query(issue="taiwan")).splitlines()
    ]
    assert {q["speaker_country"] for q in quotes} == {"USA", "CHN"}
    assert all(q["issues"] == "taiwan" for q in quotes)
    actors = list(csv.DictReader(io.StringIO(exported(conn, "actors", "csv", Query()))))
    assert len(actors) == queries.count(conn, "actors", Query())


@pytest.mark.parametrize(
    ("kind", "fmt", "shape"), [("quotes", "gdelt", "dyadic"), ("events", "plover", "monadic")]
)
def test_layouts_that_do_not_fit_are_refused(
    conn: sqlite3.Connection, kind: str, fmt: str, shape: str
) -> None:
    with pytest.raises(QueryError):
        exported(conn, kind, fmt, Query(), shape)  # type: ignore[arg-type]


def test_every_layout_has_a_codebook() -> None:
    gdelt = dict(
        metadata("events", Query(), "gdelt")["columns"][i].values() for i in range(len(GDELT_FIELDS))
    )
    assert gdelt["Actor2Name"] == "target actor name, upper case"
    assert gdelt["Actor1Geo_Lat"] == "not filled by dyad (empty)"
    assert all(c["description"] for c in metadata("events", Query(), "plover")["columns"])


def test_metadata_is_the_codebook_and_the_query() -> None:
    meta = metadata("events", Query(pair=("USA", "CHN")), "csv", "monadic")
    assert meta["query"] == {"pair": ["USA", "CHN"]}
    assert meta["shape"] == "monadic" and meta["dyad_version"]
    assert [c["name"] for c in meta["columns"]] == [n for n, _ in MONADIC_COLUMNS]
    assert all(c["description"] for c in meta["columns"])


def test_cli_export_writes_the_file_and_its_sidecar(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "usa-chn.csv"
    result = CliRunner().invoke(
        main, ["export", "events", "--db", str(store), "--pair", "USA,CHN", "--directed", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 4
    assert {(r["source_country"], r["target_country"]) for r in rows} == {("USA", "CHN")}
    meta = json.loads((tmp_path / "usa-chn.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["query"] == {"pair": ["USA", "CHN"], "directed": True}


def test_cli_export_streams_to_stdout_and_reports_bad_filters(store: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "quotes", "--db", str(store), "--format", "ndjson"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 3
    bad = runner.invoke(main, ["export", "quotes", "--db", str(store), "--cameo-root", "04"])
    assert bad.exit_code == 1
    assert "do not apply to quotes" in bad.output


def test_cli_min_confidence_filters_exports_and_series(store: Path) -> None:
    # Every stored event of the test store has confidence 0.9.
    runner = CliRunner()
    for floor, expected in (("0.5", True), ("0.95", False)):
        export = ["export", "events", "--db", str(store), "--format", "ndjson", "--min-confidence", floor]
        result = runner.invoke(main, export)
        assert result.exit_code == 0, result.output
        assert bool(result.output.strip()) is expected
        series = runner.invoke(main, ["dyad", "USA", "CHN", "--db", str(store), "--format", "json",
                                      "--min-confidence", floor])  # fmt: skip
        assert series.exit_code == 0, series.output
        assert (json.loads(series.output)["totals"]["combined"]["events"] > 0) is expected
