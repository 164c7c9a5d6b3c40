"""Loading Spark output into the SQLite store, so the CLI, briefs and dashboard work on it.

Articles go through ``dyad ingest``'s own pipeline (``dyad.pipeline``, without extraction): the same
identity, duplicate and near-duplicate rules as any ingest, one transaction per batch. Then each article's
extraction, rebuilt from its Parquet rows, is stored by the pipeline as one it made itself (``Pipeline.
save``: derived rows replaced, or the failure and its reason recorded), one transaction per round of about
2,000 articles. Loading twice changes nothing; loading a newer run of the same articles replaces their
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

from dyad.nlp.workers import Extracted
from dyad.pipeline import Pipeline, Settings
from dyad.scale.duckdb_views import connect as connect_views
from dyad.scale.duckdb_views import sql_string
from dyad.scale.tables import ITEM_TABLES, extraction_from_rows
from dyad.store.articles import article_from_row
from dyad.store.database import transaction

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
    not_extracted: int = 0  # not in English: recorded as not extracted, with the reason
    errors: int = 0  # articles whose extraction could not be stored (recorded as failed)

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def load_output(
    output: str | Path, conn: sqlite3.Connection, *, on_chunk: Callable[[LoadReport], None] | None = None
) -> LoadReport:
    """Load every article of the Spark output under ``output`` into the store behind ``conn``."""
    views = connect_views(output)
    report = LoadReport()
    # Articles are stored as ingest stores them; their outcomes come from Spark, not from extraction here.
    pipeline = Pipeline(Settings(extract=False))
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
            (r["article_id"], r["batch"]): (r["reason"], r["stage"] == "language")
            for r in _rows(views, f"SELECT * FROM errors WHERE stage IN ('extract', 'language') AND {where}")
        }
        ingested = pipeline.ingest((article_from_row(a) for a in articles), conn)
        report.articles += len(articles)
        report.new += ingested.new
        report.near_duplicate += ingested.near_duplicate
        report.duplicate += ingested.duplicate
        with transaction(conn):
            for article in articles:
                outcome = _outcome(article, items.get(article["id"], {}), failures)
                pipeline.save(conn, [outcome], stamp=article["pipeline"] or "")
        stored = pipeline.report
        report.extractions = stored.extracted
        report.failed_extractions = stored.failed - stored.unstorable
        report.not_extracted = stored.skipped
        report.errors = stored.unstorable
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


def _outcome(
    article: dict[str, Any],
    items: dict[str, list[dict[str, Any]]],
    failures: dict[tuple[str, str], tuple[str, bool]],
) -> Extracted:
    """What Spark made of one article: its extraction rebuilt from its rows, or its failure."""
    failure = failures.get((article["id"], article["batch"]))
    if failure is not None:
        reason, skipped = failure
        return Extracted(article["id"], None, error=reason, skipped=skipped)
    return Extracted(article["id"], extraction_from_rows(article, items))


def _rows(views: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = views.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in _fetch(cursor)]


def _fetch(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(1000):
        yield from batch
