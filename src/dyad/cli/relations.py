"""Commands over stored extractions: dyad series, briefs, exports and the web server."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from dyad.cli.common import (
    db_option,
    fail,
    model_option,
    spreadsheet_option,
    table_format_option,
    taxonomy_option,
)
from dyad.cli.filters import F, query_from, query_options
from dyad.errors import DyadError


def _period_options(func: F) -> F:
    """--since and --until of a pair's series and brief."""
    since = click.option("--since", help="From YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")
    until = click.option("--until", help="To YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")
    return since(until(func))


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@db_option
@_period_options
@click.option(
    "--by",
    type=click.Choice(["day", "week", "month"]),
    default="month",
    show_default=True,
    help="Bucket size.",
)
@click.option("--min-confidence", type=float, help="Count only events at least this sure, 0..1.")
@table_format_option
def dyad_command(
    a: str,
    b: str,
    db: Path | None,
    since: str | None,
    until: str | None,
    by: Any,
    min_confidence: float | None,
    fmt: str,
) -> None:
    """Events between countries A and B: per direction and combined, by QuadClass, mean Goldstein, issues.

    A and B are ISO 3166 alpha-3 or alpha-2 codes, or names (USA, US, "United States"). QuadClass:
    1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. Near-duplicate
    articles count once; negated and hypothetical events are not counted.

    \b
    Examples:
      dyad dyad USA CHN
      dyad dyad USA CHN --since 2024-01-01 --by week --format csv > usa-chn.csv
      dyad dyad USA CHN --min-confidence 0.6
    """
    from dyad.analysis.dyads import dyad_series
    from dyad.parameters import country
    from dyad.store.database import connect

    try:
        conn = connect(db, readonly=True)
        series = dyad_series(
            conn,
            country(a, "A"),
            country(b, "B"),
            since=since,
            until=until,
            by=by,
            min_confidence=min_confidence,
        )
    except DyadError as exc:
        fail(exc)
    rows = list(series.rows())
    if fmt == "json":
        click.echo(json.dumps(series.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        heading = ("bucket", "direction", "events", "q1", "q2", "q3", "q4", "gold")
        click.echo("{:10} {:10} {:>6} {:>4} {:>4} {:>4} {:>4} {:>6}  issues".format(*heading))
        for r in rows:
            gold = f"{r['mean_goldstein']:+.2f}" if r["mean_goldstein"] is not None else "-"
            click.echo(
                f"{r['bucket']:10} {r['direction']:10} {r['events']:>6} {r['quad1']:>4} {r['quad2']:>4} "
                f"{r['quad3']:>4} {r['quad4']:>4} {gold:>6}  {r['issues']}"
            )


@click.command("brief")
@click.argument("a")
@click.argument("b")
@db_option
@_period_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.option(
    "--taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Issue taxonomy YAML (labels and sub-issues) instead of the bundled one.",
)
def brief_command(
    a: str,
    b: str,
    db: Path | None,
    since: str | None,
    until: str | None,
    fmt: Any,
    output: Path | None,
    taxonomy: Path | None,
) -> None:
    """The major divides between countries A and B, ranked by salience and conflict, every claim footnoted.

    For each issue: what happened (events with dates), what each side said (quotes with speakers), the
    trend over the period and footnotes to article, sentence and URL. Says so when evidence is thin.

    \b
    Examples:
      dyad brief USA CHN
      dyad brief USA CHN --since 2024-04-01 --format html -o usa-chn.html
    """
    from dyad.briefs.brief import build_brief
    from dyad.briefs.render import render
    from dyad.codebooks.taxonomy import load_taxonomy
    from dyad.parameters import country
    from dyad.store.database import connect

    try:
        conn = connect(db, readonly=True)
        brief = build_brief(
            conn, country(a, "A"), country(b, "B"), since=since, until=until, taxonomy=load_taxonomy(taxonomy)
        )
        text = render(brief, fmt)
    except DyadError as exc:
        fail(exc)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@click.command("export")
@click.argument("kind", type=click.Choice(["events", "quotes", "actors"]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "ndjson", "gdelt", "plover"]),
    default="csv",
    show_default=True,
    help="csv, ndjson, GDELT 2.0 event columns, or PLOVER JSON fields.",
)
@click.option("--shape", type=click.Choice(["dyadic", "monadic"]), default="dyadic", help="Events only.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the codebook.")
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Store (default $DYAD_DB or dyad.db)."
)
@spreadsheet_option
@query_options
def export_command(
    kind: Any,
    fmt: Any,
    shape: Any,
    output: Path | None,
    meta: Path | None,
    db: Path | None,
    spreadsheet_safe: bool,
    **options: Any,
) -> None:
    """Export every matching event, quote or actor, streamed, with no row cap.

    The codebook and provenance (dyad version, the query, each column) go to a JSON sidecar:
    OUTPUT.meta.json beside -o OUTPUT, or the file given with --meta. CSV and TSV (gdelt) cells that start
    like a spreadsheet formula get a leading ' unless --no-spreadsheet-safe; NDJSON is written exactly.

    \b
    Examples:
      dyad export events --pair USA,CHN --since 2024-01-01 -o usa-chn.csv
      dyad export events --format gdelt --shape dyadic > events.tsv
      dyad export quotes --format ndjson --issue taiwan
    """
    from dyad.export import metadata, write_export
    from dyad.store.database import connect

    try:
        query = query_from(options)
        conn = connect(db, readonly=True)
        if output is None:
            write_export(conn, kind, query, fmt, sys.stdout, shape=shape, safe=spreadsheet_safe)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                write_export(conn, kind, query, fmt, handle, shape=shape, safe=spreadsheet_safe)
        sidecar = meta or (output.with_name(output.name + ".meta.json") if output else None)
        if sidecar:
            sidecar.write_text(
                json.dumps(metadata(kind, query, fmt, shape, safe=spreadsheet_safe), indent=2) + "\n",
                encoding="utf-8",
            )
    except DyadError as exc:
        fail(exc)


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default)."
)
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Store (default $DYAD_DB or dyad.db)."
)
@click.option(
    "--allow-writes", is_flag=True, help="Enable write endpoints; each needs the DYAD_TOKEN bearer token."
)
@model_option
@taxonomy_option
def serve_command(
    host: str, port: int, db: Path | None, allow_writes: bool, model: Any, taxonomy: Path | None
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the dashboard over a store.

    \b
    Examples:
      dyad serve --db demo.db                 # then open http://127.0.0.1:8000/
      DYAD_TOKEN=secret dyad serve --allow-writes --taxonomy my-issues.yaml
    """
    from dyad.pipeline import Settings
    from dyad.web.app import serve

    try:
        extraction = Settings(db=db, model=model, taxonomy=taxonomy)
        serve(db, host=host, port=port, allow_writes=allow_writes, extraction=extraction)
    except DyadError as exc:
        fail(exc)
