"""The ``dyad`` command line: parses options, calls the Python API, formats output.

Commands are grouped by stage; each has ``--help`` with examples.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from dyad import __version__
from dyad.errors import DyadError
from dyad.filters import query_from, query_options


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dyad")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """dyad: who did what to whom between countries, with the sentence that says so.

    \b
    Examples:
      dyad ingest examples/            # read articles into ./dyad.db
      dyad articles "Taiwan Strait"    # full-text search
      dyad stats --format json
    """
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def fail(error: DyadError) -> None:
    """Print one error line and exit non-zero."""
    click.echo(f"error: {error}", err=True)
    sys.exit(1)


@main.command("export")
@click.argument("kind", type=click.Choice(["events", "quotes", "actors"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "ndjson", "gdelt", "plover"]), default="csv")
@click.option("--shape", type=click.Choice(["dyadic", "monadic"]), default="dyadic", help="Events only.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the codebook.")
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Store (default $DYAD_DB or dyad.db)."
)
@query_options
def export_command(
    kind: Any, fmt: Any, shape: Any, output: Path | None, meta: Path | None, db: Path | None, **options: Any
) -> None:
    """Export every matching event, quote or actor, streamed, with no row cap.

    The codebook and provenance (dyad version, the query, each column) go to a JSON sidecar:
    OUTPUT.meta.json beside -o OUTPUT, or the file given with --meta.

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
            write_export(conn, kind, query, fmt, sys.stdout, shape=shape)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                write_export(conn, kind, query, fmt, handle, shape=shape)
        sidecar = meta or (output.with_name(output.name + ".meta.json") if output else None)
        if sidecar:
            sidecar.write_text(
                json.dumps(metadata(kind, query, fmt, shape), indent=2) + "\n", encoding="utf-8"
            )
    except DyadError as exc:
        fail(exc)


@main.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default)."
)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Store (default $DYAD_DB or dyad.db)."
)
@click.option(
    "--allow-writes", is_flag=True, help="Enable write endpoints; each needs the DYAD_TOKEN bearer token."
)
def serve_command(host: str, port: int, db: Path | None, allow_writes: bool) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the dashboard over a store.

    \b
    Examples:
      dyad serve --db demo.db                 # then open http://127.0.0.1:8000/
      DYAD_TOKEN=secret dyad serve --allow-writes
    """
    from dyad.web.app import serve

    try:
        serve(db, host=host, port=port, allow_writes=allow_writes)
    except DyadError as exc:
        fail(exc)


# --- extract -------------------------------------------------------------------------------------------


@main.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|- ...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one JSON array of results; jsonl: one result object per line.",
)
@click.option(
    "--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy model."
)
@click.option(
    "--learn-people",
    "people_db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Resolve names through the people learned in this store, and record new ones there.",
)
def extract_command(inputs: tuple[str, ...], fmt: str, model: Any, people_db: Path | None) -> None:
    """Extract actors, places, dates, events, quotes and issues from articles, without storing them.

    Reads the same inputs as `dyad ingest` (files, directories, URLs; - for JSON Lines records
    {"id", "text", "date", "title", "url"} on stdin) and prints one result per article in input order
    (see docs/output.md); `id` echoes the record's id when it has one. Each bad input or failed article
    prints one error line; the exit status is then 1.

    \b
    Examples:
      dyad extract article.txt
      echo '{"id": "a1", "text": "Blinken met Wang Yi in Beijing.", "date": "2024-04-26"}' | dyad extract - --format jsonl
      dyad extract news.jsonl --model sm --learn-people dyad.db
    """
    from dyad.ingest import InputFailure, read_sources
    from dyad.nlp.extract import ExtractionFailure, extract_articles

    failed = 0
    ids: dict[str, str] = {}

    def articles() -> Any:
        nonlocal failed
        for item in read_sources(inputs):
            if isinstance(item, InputFailure):
                failed += 1
                click.echo(f"error: {item}", err=True)
                continue
            ids[item.id] = str(item.metadata.get("id", item.id))
            yield item

    conn = None
    try:
        if people_db is not None:
            from dyad.nlp.actors import use_people
            from dyad.nlp.pipeline import load_pipeline
            from dyad.store.database import connect
            from dyad.store.people import StorePeople

            conn = connect(people_db)
            use_people(load_pipeline(model), StorePeople(conn))
        if fmt == "json":
            click.echo("[")
        first = True
        for result in extract_articles(articles(), model=model):
            if isinstance(result, ExtractionFailure):
                failed += 1
                click.echo(f"error: {result.article_id}: extraction failed: {result.reason}", err=True)
                continue
            record = result.to_dict()
            record["id"] = ids.get(result.id or "", result.id)
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                body = json.dumps(record, ensure_ascii=False, indent=2)
                click.echo(("" if first else ",\n") + body, nl=False)
            first = False
        if fmt == "json":
            click.echo("\n]")
    except DyadError as exc:
        fail(exc)
    finally:
        if conn is not None:
            conn.close()
    if failed:
        sys.exit(1)
