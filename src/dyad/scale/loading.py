"""Loading Spark output into the SQLite store, so the CLI, briefs and dashboard work on it.

Articles go through ``dyad ingest``'s own batches (``dyad.ingest.ingest``): the same identity, duplicate
and near-duplicate rules as any ingest, one transaction per batch. Then each article's extraction, rebuilt
from its Parquet rows, replaces its derived rows through the store's ``save_extraction`` (or
``record_failure`` for an article the pipeline failed on), one transaction per round of about 2,000
articles. Loading twice changes nothing; loading a newer run of the same articles replaces their
extractions.

Reading is DuckDB over the Parquet folders (``duckdb_views``), a range of publication days at a time, so
memory holds one round of output, not the whole run. No Spark is needed.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import DyadError
from dyad.ingest import ingest
from dyad.scale.duckdb_views import connect as connect_views
from dyad.scale.duckdb_views import sql_string
from dyad.scale.tables import ITEM_TABLES, extraction_from_rows, item_issues_from_rows
from dyad.store.articles import article_from_row
from dyad.store.database import transaction
from dyad.store.extractions import record_failure, save_extraction

log = logging.getLogger(__name__)

# Articles read and stored per round: one round's rows are held in memory.
CHUNK = 2000


@dataclass
class LoadReport:
    articles: int = 0  # articles in the output (once each)
    new: int = 0
    near_duplicate: int = 0
    duplicate: int = 0  # already in the store
    extractions: int = 0
    failed_extractions: int = 0
    errors: int = 0  # articles whose extraction could not be stored

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def load_output(
    output: str | Path, conn: sqlite3.Connection, *, on_chunk: Callable[[LoadReport], None] | None = None
) -> LoadReport:
    """Load every article of the Spark output under ``output`` into the store behind ``conn``."""
    views = connect_views(output)
    report = LoadReport()
    for where in _day_ranges(views):
        articles = _rows(
            views,
            # An article written by several runs (batches) is taken once, from the latest batch name.
            "SELECT * EXCLUDE (_n) FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY batch DESC)"
            f" AS _n FROM articles WHERE {where}) WHERE _n = 1"
            " ORDER BY pub_date NULLS LAST, canonical_id IS NOT NULL, published NULLS LAST, id",
        )
        chosen = {(a["id"], a["batch"]) for a in articles}
        items: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for table in ITEM_TABLES:
            for row in _rows(views, f"SELECT * FROM {table} WHERE {where}"):
                if (row["article_id"], row["batch"]) in chosen:
                    items.setdefault(row["article_id"], {}).setdefault(table, []).append(row)
        failures = {
            (r["article_id"], r["batch"]): r["reason"]
            for r in _rows(views, f"SELECT * FROM errors WHERE stage = 'extract' AND {where}")
        }
        ingested = ingest((article_from_row(a) for a in articles), conn)
        report.articles += len(articles)
        report.new += ingested.new
        report.near_duplicate += ingested.near_duplicate
        report.duplicate += ingested.duplicate
        with transaction(conn):
            for article in articles:
                _save(conn, article, items.get(article["id"], {}), failures, report)
        if on_chunk:
            on_chunk(report)
    log.info("dyad load %s: %s", output, report.to_dict())
    return report


def _day_ranges(views: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """Conditions selecting consecutive publication days of about ``CHUNK`` articles, oldest first.

    Earlier days load first: a near-duplicate's canonical copy is published no later than the copy. The
    bounds are literals so DuckDB reads only the partitions in range.
    """
    days = views.execute(
        "SELECT pub_date, count(*) FROM articles WHERE pub_date IS NOT NULL GROUP BY 1 ORDER BY 1"
    ).fetchall()
    first, size = None, 0
    for index, (day, count) in enumerate(days):
        first = first or day
        size += count
        if size >= CHUNK or index == len(days) - 1:
            yield f"pub_date BETWEEN {sql_string(first)} AND {sql_string(day)}"
            first, size = None, 0
    yield "pub_date IS NULL"


def _save(
    conn: sqlite3.Connection,
    article: dict[str, Any],
    items: dict[str, list[dict[str, Any]]],
    failures: dict[tuple[str, str], str],
    report: LoadReport,
) -> None:
    reason = failures.get((article["id"], article["batch"]))
    try:
        if reason is not None:
            record_failure(conn, article["id"], reason, pipeline=article["pipeline"] or "")
            report.failed_extractions += 1
        else:
            extraction = extraction_from_rows(article, items)
            save_extraction(conn, extraction, item_issues=item_issues_from_rows(items))
            report.extractions += 1
    except DyadError as exc:  # one article that cannot be stored rolls back alone (a savepoint each)
        log.warning("%s: %s", article["id"], exc)
        report.errors += 1


def _rows(views: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = views.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in _fetch(cursor)]


def _fetch(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(1000):
        yield from batch
