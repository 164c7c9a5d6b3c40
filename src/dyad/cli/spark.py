"""The ``dyad spark`` commands and ``dyad load``: parse options, call the scale API, print the outcome.

``spark extract`` and ``spark aggregate`` run in the active Spark session: a local one by default (or
``--master``), the cluster's when the same commands run through ``spark-submit`` (this file is the
submitted script: ``spark-submit .../dyad/cli/spark.py extract ...``).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from dyad.cli.common import (
    fail,
    field_option,
    input_format_option,
    model_option,
    table_format_option,
    text_or_json_option,
)
from dyad.errors import DyadError
from dyad.scale import FORMATS


def _conf(pairs: tuple[str, ...]) -> dict[str, str]:
    conf: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--conf")
        conf[key.strip()] = value
    return conf


_master = click.option(
    "--master",
    help="Spark master for a run outside spark-submit (default: the submitted one, else local[*]).",
)
_conf_option = click.option(
    "--conf",
    "conf",
    multiple=True,
    metavar="KEY=VALUE",
    help="Spark setting, as in spark-submit. Repeatable.",
)


@click.group("spark")
def spark_group() -> None:
    """Run dyad on Apache Spark: extraction and series over millions of articles, into Parquet.

    Needs Java 17 and `pip install 'dyad[spark]'`; see docs/cluster.md for clusters.

    \b
    Examples:
      dyad spark extract news/*.warc.gz --output out/ --master 'local[4]'
      dyad spark extract s3a://bucket/cc-news/2024/04/ --output s3a://bucket/dyad/
      dyad spark aggregate out/
      dyad spark query out/ "SELECT cameo_root, count(*) FROM events GROUP BY 1"
      dyad load out/ --db dyad.db
    """


@spark_group.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", required=True, help="Folder (or URI) to write the Parquet tables under.")
@model_option
@input_format_option(FORMATS, "Read every input file as this format (default: by file suffix).")
@field_option
@click.option("--batch", help="Name of this run's partitions (default: a hash of the INPUT URIs).")
@click.option("--partitions", type=click.IntRange(min=1), help="Extraction tasks (default: 4 per core).")
@click.option(
    "--threshold", type=click.FloatRange(0, 1), default=0.8, show_default=True, help="Near-duplicate Jaccard."
)
@text_or_json_option("Summary format.")
@_master
@_conf_option
def extract_command(
    inputs: tuple[str, ...],
    output: str,
    model: str,
    forced_format: str | None,
    fields: tuple[str, ...],
    batch: str | None,
    partitions: int | None,
    threshold: float,
    fmt: str,
    master: str | None,
    conf: tuple[str, ...],
) -> None:
    """Extract actors, places, dates, events, quotes and issues from INPUT... into Parquet under --output.

    INPUT: files, folders (searched recursively) or globs, on any filesystem Spark reads (local, hdfs://,
    s3a://, gs://): JSONL, JSON, CSV, WARC/WARC.gz (CC-NEWS), HTML, text and Parquet. The extraction is
    that of `dyad extract`. Tables: articles/ actors/ places/ dates/ events/ quotes/ issues/ errors/, each
    partitioned by run (batch) and publication day (pub_date); re-running the same inputs replaces the
    same partitions. Unreadable records and failed articles go to errors/ and never stop the job.

    \b
    Examples:
      dyad spark extract ../shared/corpus/wikinews --output out/ --master 'local[2]'
      dyad spark extract s3a://news/cc-news/*.warc.gz --output s3a://news/dyad/ --batch 2024-04
    """
    from dyad.ingest.records import FieldMapping
    from dyad.scale.job import extract_to_parquet
    from dyad.scale.session import spark_session

    try:
        spark = spark_session(master, config=_conf(conf))
        report = extract_to_parquet(
            spark,
            list(inputs),
            output,
            model=model,  # type: ignore[arg-type]
            batch=batch,
            mapping=FieldMapping.parse(list(fields)),
            fmt=forced_format,
            partitions=partitions,
            threshold=threshold,
        )
    except DyadError as exc:
        fail(exc)
        return
    summary = report.to_dict()
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2))
    else:
        click.echo(
            f"{report.articles} articles ({report.near_duplicates} near-duplicates,"
            f" {report.duplicates} duplicates dropped) in {report.seconds:.1f} s"
            f" -> {output} (batch {report.batch})"
        )
        click.echo("rows: " + ", ".join(f"{t} {n}" for t, n in report.rows.items()))
        click.echo(
            f"errors: {report.read_errors} unreadable records, {report.extraction_errors} failed articles"
            f" ({report.not_extracted} not in English, not extracted)"
        )
    if report.read_errors or report.extraction_errors:
        sys.exit(1)


@spark_group.command("aggregate")
@click.argument("output", metavar="DIR")
@_master
@_conf_option
def aggregate_command(output: str, master: str | None, conf: tuple[str, ...]) -> None:
    """Compute the dyad and issue series of `dyad dyad` for every pair, into DIR/series/.

    \b
    Examples:
      dyad spark aggregate out/
      dyad spark query out/ "SELECT * FROM dyad_series WHERE a = 'CHN' AND b = 'USA' AND unit = 'month'"
    """
    from dyad.scale.aggregate import aggregate
    from dyad.scale.session import spark_session

    try:
        written = aggregate(spark_session(master, config=_conf(conf)), output)
    except DyadError as exc:
        fail(exc)
        return
    click.echo(", ".join(f"{name}: {rows} rows" for name, rows in written.items()))


@spark_group.command("query")
@click.argument("output", metavar="DIR")
@click.argument("sql")
@table_format_option
def query_command(output: str, sql: str, fmt: str) -> None:
    """Run SQL (DuckDB) over the Parquet tables under DIR, without Spark and without loading.

    Views: articles, actors, places, dates, events, quotes, issues, errors, dyad_series, issue_series.
    Nested fields are JSON text (json_extract_string(evidence, '$.sentence')).

    \b
    Examples:
      dyad spark query out/ "SELECT pub_date, count(*) FROM articles GROUP BY 1 ORDER BY 1"
      dyad spark query out/ "SELECT stage, reason, \\"where\\" FROM errors" --format json
    """
    from dyad.scale.duckdb_views import query

    try:
        columns, rows = query(output, sql)
    except DyadError as exc:
        fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], indent=2, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        _table(columns, rows)


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
    click.echo(f"({len(rows)} rows)", err=True)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


@click.command("load")
@click.argument("output", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Store (default $DYAD_DB or ./dyad.db)."
)
@text_or_json_option("Summary format.")
def load_command(output: Path, db: Path | None, fmt: str) -> None:
    """Load the Parquet output of `dyad spark extract` into the store, for the CLI, briefs and dashboard.

    Articles are deduplicated and linked to near-duplicates as by `dyad ingest`; their extractions are
    stored as Spark computed them (no re-extraction). Loading twice changes nothing.

    \b
    Examples:
      dyad load out/ --db dyad.db && dyad brief USA CHN --db dyad.db
    """
    from dyad.scale.loading import load_output
    from dyad.store.database import connect

    try:
        report = load_output(output, connect(db))
    except DyadError as exc:
        fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(
            f"{report.articles} articles: {report.new} new, {report.near_duplicate} near-duplicates,"
            f" {report.duplicate} already stored; {report.extractions} extractions,"
            f" {report.failed_extractions} failures and {report.not_extracted} not in English loaded"
        )
    if report.errors:
        click.echo(f"error: {report.errors} extractions could not be stored (recorded as failed)", err=True)
        sys.exit(1)


def submit(argv: list[str] | None = None) -> None:
    """spark-submit entry point: the ``dyad spark`` commands, run in the submitted Spark session."""
    spark_group.main(args=list(argv if argv is not None else sys.argv[1:]), prog_name="dyad-spark-job")


if __name__ == "__main__":
    submit()
