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
      echo '{"id": "a1", "text": "Blinken met Wang Yi.", "date": "2024-04-26"}' | dyad extract -
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


# --- evaluation ------------------------------------------------------------------------------------------


@main.group("eval")
def eval_group() -> None:
    """Score extractors against gold data (precision, recall, F1)."""


@eval_group.command("actors")
@click.argument("gold", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--seed",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("../shared/gold/dev/seed/seed.gold.json"),
    show_default=True,
    help="Also check the seed's actors (skipped when the file is absent).",
)
@click.option(
    "--pronouns",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("gold/seed.pronouns.jsonl"),
    show_default=True,
    help="Our annotation of the seed's pronouns, checked with the seed.",
)
@click.option(
    "--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy model."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every error) as JSON.")
@click.option("--errors", is_flag=True, help="List every wrongly resolved mention.")
def eval_actors_command(
    gold: tuple[Path, ...], seed: Path, pronouns: Path, model: Any, as_json: bool, errors: bool
) -> None:
    """Accuracy of actor country, sector and both on mention-in-context GOLD (default gold/actors.jsonl
    and gold/actors.heldout.jsonl), and the seed's actors.

    \b
    Examples:
      dyad eval actors
      dyad eval actors gold/actors.jsonl --errors
      dyad eval actors --model sm --json
    """
    from dyad.evaluation.actors import evaluate, evaluate_seed, read_gold

    defaults = (Path("gold/actors.jsonl"), Path("gold/actors.heldout.jsonl"))
    files = gold or tuple(p for p in defaults if p.exists())
    result: dict[str, Any] = {"model": model, "gold": {}, "seed": None}
    try:
        for path in files:
            score = evaluate(read_gold(path), model=model)
            result["gold"][str(path)] = {**score.summary(), "errors": score.errors}
        if seed.exists():
            checks = evaluate_seed(seed, pronouns if pronouns.exists() else None, model=model)
            result["seed"] = {
                "actors": len(checks),
                "right": sum(c.ok for c in checks),
                "checks": [c.to_dict() for c in checks],
            }
    except DyadError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for path, summary in result["gold"].items():
        click.echo(
            f"{path}: {summary['mentions']} mentions  country {summary['country']:.1%}  "
            f"sector {summary['sector']:.1%}  both {summary['both']:.1%}"
        )
        if errors:
            for error in summary["errors"]:
                click.echo("  " + json.dumps(error, ensure_ascii=False))
    if result["seed"]:
        seed_result = result["seed"]
        click.echo(f"seed: {seed_result['right']}/{seed_result['actors']} actors right in every mention")
        for check in seed_result["checks"]:
            if not check["ok"]:
                click.echo(f"  wrong: {check['name']}: {'; '.join(check['wrong']) or 'no mention checked'}")
