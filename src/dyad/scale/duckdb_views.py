"""DuckDB over the Parquet output: one view per table, queried in place (no Spark, no load).

    >>> from dyad.scale.duckdb_views import connect
    >>> con = connect("out/")
    >>> con.sql("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall()

Views: ``articles``, ``actors``, ``places``, ``dates``, ``events``, ``quotes``, ``issues``, ``errors``
and, after ``dyad spark aggregate``, ``dyad_series`` and ``issue_series``. Nested fields are JSON text:
``json_extract_string(evidence, '$.sentence')``. The partition columns ``pub_date`` and ``batch`` are
text; a table a run left empty is an empty view with its columns.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from dyad.errors import QueryError
from dyad.scale.tables import ARROW_SCHEMA, TABLES, table_columns

SERIES = ("dyad_series", "issue_series")


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def connect(output: str | Path, *, con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (new, in memory, or ``con``) with a view over every table under ``output``.

    ``output`` is a local folder or any URI DuckDB reads (``s3://`` with its httpfs extension loaded).
    """
    root = str(output).rstrip("/")
    if "://" not in root and not Path(root).is_dir():
        raise QueryError(f"no Spark output folder at {root}; run `dyad spark extract ... --output {root}`")
    con = con or duckdb.connect()
    for table in (*TABLES, *SERIES):
        folder = f"{root}/{table}" if table not in SERIES else f"{root}/series/{table}"
        files = f"{folder}/**/*.parquet"
        if _has_files(con, files):
            # Partition values stay text (a day is "2024-04-22", a missing one NULL), as Spark wrote them.
            con.execute(
                f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet({sql_string(files)},"
                " hive_partitioning = true, hive_types_autocast = false, union_by_name = true)"
            )
        elif table in TABLES:
            empty = pa.schema([ARROW_SCHEMA.field(name) for name in table_columns(table)]).empty_table()
            con.register(f"_{table}_empty", empty)
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _{table}_empty")
    return con


def _has_files(con: duckdb.DuckDBPyConnection, pattern: str) -> bool:
    rows = con.execute("SELECT count(*) FROM glob(?)", [pattern]).fetchall()
    return bool(rows and rows[0][0])


def query(output: str | Path, sql: str) -> tuple[list[str], list[tuple[object, ...]]]:
    """Run ``sql`` over the views of ``output``: the column names and the rows."""
    con = connect(output)
    try:
        relation = con.sql(sql)
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if relation is None:
        return [], []
    try:
        return list(relation.columns), relation.fetchall()
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {exc}") from exc
