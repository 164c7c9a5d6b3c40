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
from dyad.scale.commands import load_command, spark_group


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


# --- ingest, articles, stats -----------------------------------------------------------------------------


def _db_option(func: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Store (default $DYAD_DB or ./dyad.db).",
    )(func)


def _extraction_options(func: Any) -> Any:
    """Options shared by ingest, reprocess and eval dyads: how extraction runs."""
    for option in reversed(
        [
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=1,
                show_default=True,
                help="Extraction processes; each loads the spaCy model once.",
            ),
            click.option(
                "--model",
                type=click.Choice(["md", "sm"]),
                default="md",
                show_default=True,
                help="spaCy model.",
            ),
            click.option(
                "--taxonomy",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="Issue taxonomy YAML replacing the bundled one.",
            ),
        ]
    ):
        func = option(func)
    return func


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|- ...")
@_db_option
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=COLUMN",
    help="Read article field NAME (text, title, date, url, source, author, language) from COLUMN of "
    "JSON/CSV records; dotted names reach into nested JSON. Repeatable.",
)
@click.option(
    "--as",
    "forced_format",
    type=click.Choice(["text", "html", "jsonl", "json", "csv", "feed", "warc"]),
    help="Read every input as this format (default: by file suffix; '-' is JSON Lines).",
)
@click.option(
    "--fetch",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Feed entries: fetch the linked page when the entry lacks full text (auto), always, or never.",
)
@click.option(
    "--rate-limit", type=float, default=1.0, show_default=True, help="Seconds between requests to a host."
)
@click.option(
    "--timeout", type=float, default=20.0, show_default=True, help="Seconds before a request gives up."
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=200, show_default=True, help="Articles per commit."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Summary format.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display (errors are still printed).")
@click.option(
    "--extract/--no-extract",
    default=True,
    show_default=True,
    help="Extract actors, events, quotes and issues from new articles (stored with them).",
)
@_extraction_options
def ingest_command(
    inputs: tuple[str, ...],
    db: Path | None,
    fields: tuple[str, ...],
    forced_format: Any,
    fetch: Any,
    rate_limit: float,
    timeout: float,
    batch_size: int,
    fmt: str,
    quiet: bool,
    extract: bool,
    workers: int,
    model: Any,
    taxonomy: Path | None,
) -> None:
    """Read articles from files, directories, feeds, web pages, WARC archives or stdin into the store.

    Formats by suffix: .txt (optional Title:/Date:/URL:/Source: header, blank line, body), .html/.htm,
    .jsonl/.json/.csv (fields text, title, date, url, source; others kept as metadata), .rss/.atom/.xml
    feeds, .warc/.warc.gz; any of them .gz-compressed; directories recursively; - for JSON Lines on
    stdin. Re-ingesting adds nothing; near-duplicates are stored and linked to their canonical article.
    Each bad input prints one error line; the exit status is 1 if any input failed.

    \b
    Examples:
      dyad ingest examples/
      dyad ingest news.jsonl.gz --field text=body --field date=meta.published
      dyad ingest https://example.org/world/rss.xml --rate-limit 2
      dyad ingest CC-NEWS-20240422.warc.gz --db cc.db
      cat articles.jsonl | dyad ingest -
    """
    from dyad.ingest import FetchPolicy, FieldMapping, SourceReader, ingest
    from dyad.ingest.progress import ProgressDisplay
    from dyad.store.database import connect, default_path

    db_path = db or default_path()
    try:
        reader = SourceReader(
            inputs,
            mapping=FieldMapping.parse(fields),
            fetch=fetch,
            fetch_policy=FetchPolicy(min_interval=rate_limit, timeout=timeout),
            forced_format=forced_format,
        )
        conn = connect(db_path)
    except DyadError as exc:
        fail(exc)
    display = None if quiet else ProgressDisplay(sys.stderr, reader)

    def report_failure(failure: Any) -> None:
        if display:
            display.interrupt()
        click.echo(f"error: {failure}", err=True)

    from dyad.nlp.workers import Extractor

    extractor = None
    try:
        extractor = Extractor(workers=workers, model=model, taxonomy=taxonomy) if extract else None
        report = ingest(
            reader,
            conn,
            batch_size=batch_size,
            on_progress=display.update if display else None,
            on_failure=report_failure,
            process_batch=extractor.store if extractor else None,
        )
    except KeyboardInterrupt:
        click.echo("\ninterrupted: committed batches are kept; run the same command to finish", err=True)
        sys.exit(130)
    except DyadError as exc:
        fail(exc)
    finally:
        conn.close()
        if extractor:
            extractor.close()
    if display:
        display.finish(report)
    extracted = extractor.report if extractor else None
    if fmt == "json":
        summary = {"db": str(db_path), **report.to_dict()}
        if extracted:
            summary["extraction"] = {
                "extracted": extracted.extracted,
                "failed": extracted.failed,
                "skipped_not_english": extracted.skipped,
                "events": extracted.events,
                "quotes": extracted.quotes,
                "failures": [f"{a}: {r}" for a, r in extracted.failures],
            }
        click.echo(json.dumps(summary, indent=2))
    else:
        click.echo(
            f"{report.new} new, {report.near_duplicate} near-duplicate, {report.duplicate} already stored, "
            f"{report.failed} failed -> {db_path}"
        )
        if extracted:
            click.echo(
                f"extracted {extracted.extracted} ({extracted.events} events, {extracted.quotes} quotes), "
                f"{extracted.failed} failed, {extracted.skipped} not in English (not extracted)"
            )
            for article_id, reason in extracted.failures:
                click.echo(f"error: {article_id}: extraction failed: {reason}", err=True)
    if report.failed:
        sys.exit(1)


@main.command("articles")
@click.argument("query", required=False)
@_db_option
@click.option("--since", help="Published on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Published on or before (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--source", help="Publisher as stored (e.g. en.wikinews.org).")
@click.option("--lang", "--language", "language", help="Language code (ISO 639-1, e.g. en).")
@click.option("--distinct", is_flag=True, help="Hide near-duplicates (show canonical articles only).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Rows per page; 0 = all."
)
@click.option(
    "--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page number (1-based)."
)
@click.option("--offset", type=click.IntRange(min=0), help="Rows to skip (instead of --page).")
@click.option("--with-text", is_flag=True, help="Include the full text (json and csv).")
def articles_command(
    query: str | None,
    db: Path | None,
    since: str | None,
    until: str | None,
    source: str | None,
    language: str | None,
    distinct: bool,
    fmt: str,
    limit: int,
    page: int,
    offset: int | None,
    with_text: bool,
) -> None:
    """List stored articles, optionally matching a full-text QUERY, with the total number of matches.

    QUERY searches titles and texts: words (all must appear), "quoted phrases", AND, OR, NOT,
    parentheses, prefix* and title:word. Results are paged, never silently capped: the total is always
    printed (on stderr for csv).

    \b
    Examples:
      dyad articles "Taiwan Strait"
      dyad articles '"export controls" AND (China OR Beijing)' --since 2024-01 --format json
      dyad articles sanction* NOT Russia --lang en --limit 50 --page 2
      dyad articles --source en.wikinews.org --limit 0 --format csv > articles.csv
    """
    from dyad.store.articles import ArticleQuery, search
    from dyad.store.database import connect

    start = offset if offset is not None else (page - 1) * limit
    article_query = ArticleQuery(
        text=query,
        since=since,
        until=until,
        source=source,
        language=language,
        canonical_only=distinct,
        limit=limit or None,
        offset=start,
    )
    try:
        conn = connect(db, readonly=True)
        result = search(conn, article_query)
    except DyadError as exc:
        fail(exc)
    shown = f"{start + 1}-{start + len(result.items)}" if result.items else "none"
    more = start + len(result.items) < result.total
    summary = f"{result.total} articles match; showing {shown}" + (
        f" (next: --page {page + 1})" if more and offset is None else ""
    )
    records = [item.to_dict(with_text=with_text) for item in result.items]
    if fmt == "json":
        payload = {"total": result.total, "offset": start, "limit": limit or None, "items": records}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        columns = [k for k in (records[0] if records else {"id": None}) if k != "metadata"]
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        click.echo(summary, err=True)
    else:
        click.echo(summary)
        for item in result.items:
            a = item.article
            mark = "≈" if item.canonical_id else " "
            day = (a.published or "")[:10] or "?"
            line = f"{a.id}{mark} {day:10}  {(a.source or '?')[:22]:22} {a.language or '?':3} {a.title or ''}"
            click.echo(line)
            if item.snippet:
                click.echo(f"    {' '.join(item.snippet.split())}")


@main.command("stats")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_command(db: Path | None, fmt: str) -> None:
    """Counts over the store: articles, near-duplicates, languages, sources, publication dates.

    \b
    Examples:
      dyad stats
      dyad stats --db demo.db --format json
    """
    from dyad.store.database import connect
    from dyad.store.stats import store_stats

    try:
        conn = connect(db, readonly=True)
        result = store_stats(conn)
    except DyadError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _echo_tree(result)


def _echo_tree(value: dict[str, Any], indent: int = 0) -> None:
    for key, item in value.items():
        if isinstance(item, dict):
            click.echo(f"{' ' * indent}{key}:")
            _echo_tree(item, indent + 2)
        else:
            click.echo(f"{' ' * indent}{key}: {item}")


# --- extraction, dyads, briefs ---------------------------------------------------------------------------


@main.command("reprocess")
@_db_option
@click.option("--since", help="Only articles published on or after YYYY-MM-DD.")
@click.option("--until", help="Only articles published on or before YYYY-MM-DD.")
@_extraction_options
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=64, show_default=True, help="Articles per commit."
)
def reprocess_command(
    db: Path | None,
    since: str | None,
    until: str | None,
    workers: int,
    model: Any,
    taxonomy: Path | None,
    batch_size: int,
) -> None:
    """Re-run extraction on stored articles after a model or taxonomy change.

    Replaces each article's derived rows (actors, places, events, quotes, issue tags) and nothing else;
    articles and their near-duplicate links stay as they are.

    \b
    Examples:
      dyad reprocess --workers 2
      dyad reprocess --since 2024-01-01 --taxonomy my-issues.yaml
    """
    from dyad.nlp.workers import Extractor, reprocess
    from dyad.store.database import connect

    def progress(done: int, total: int) -> None:
        click.echo(f"\r{done}/{total} articles", err=True, nl=done == total)

    try:
        conn = connect(db)
        with Extractor(workers=workers, model=model, taxonomy=taxonomy) as extractor:
            report = reprocess(
                conn, extractor, since=since, until=until, batch_size=batch_size, on_progress=progress
            )
    except DyadError as exc:
        fail(exc)
    click.echo(
        f"{report.extracted} re-extracted ({report.events} events, {report.quotes} quotes), "
        f"{report.failed} failed"
    )
    for article_id, reason in report.failures:
        click.echo(f"error: {article_id}: {reason}", err=True)


@main.command("dyad")
@click.argument("a")
@click.argument("b")
@_db_option
@click.option("--since", help="From YYYY-MM-DD (inclusive).")
@click.option("--until", help="To YYYY-MM-DD (inclusive).")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
def dyad_command(
    a: str, b: str, db: Path | None, since: str | None, until: str | None, by: Any, fmt: str
) -> None:
    """Events between countries A and B: per direction and combined, by QuadClass, mean Goldstein, issues.

    A and B are ISO 3166 alpha-3 codes (or names). QuadClass: 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict. Near-duplicate articles count once; negated and
    hypothetical events are not counted.

    \b
    Examples:
      dyad dyad USA CHN
      dyad dyad USA CHN --since 2024-01-01 --by week --format csv > usa-chn.csv
    """
    from dyad.analysis.dyads import country_code, dyad_series
    from dyad.store.database import connect

    try:
        conn = connect(db, readonly=True)
        series = dyad_series(conn, country_code(a), country_code(b), since=since, until=until, by=by)
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


@main.command("brief")
@click.argument("a")
@click.argument("b")
@_db_option
@click.option("--since", help="From YYYY-MM-DD (inclusive).")
@click.option("--until", help="To YYYY-MM-DD (inclusive).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
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
    from dyad.analysis.dyads import country_code
    from dyad.briefs.brief import build_brief
    from dyad.briefs.render import render
    from dyad.codebooks.taxonomy import load_taxonomy
    from dyad.store.database import connect

    try:
        conn = connect(db, readonly=True)
        brief = build_brief(
            conn, country_code(a), country_code(b), since=since, until=until, taxonomy=load_taxonomy(taxonomy)
        )
        text = render(brief, fmt)
    except DyadError as exc:
        fail(exc)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


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
            from dyad.nlp.actors import use_people
            from dyad.nlp.pipeline import load_pipeline

            use_people(load_pipeline(model), None)  # the pipeline outlives this store connection
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


@eval_group.command("events")
@click.option(
    "--gold-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/gold/dev"),
    show_default=True,
    help="Folder with confliBERT/ (class TSV, BIO spans) and plover/PLOVER_GSR_CAMEO.txt.",
)
@click.option(
    "--seed",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("../shared/gold/dev/seed/seed.gold.json"),
    show_default=True,
    help="Seed gold JSON (its events are scored by direction and CAMEO root); --no-seed skips it.",
)
@click.option("--no-seed", is_flag=True, help="Do not score the seed.")
@click.option(
    "--tricky",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("gold/events_tricky.jsonl"),
    show_default=True,
    help="Our tricky sentences (dev and held-out), checked event by event; skipped when absent.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_events_command(gold_dir: Path, seed: Path, no_seed: bool, tricky: Path, as_json: bool) -> None:
    """Event coding, 5-fold cross-validated: ConfliBERT class macro-F1, ConfliBERT S/T span F1, PLOVER type
    accuracy; and the seed's gold events found with the right direction and root.

    The statistical part is retrained for each fold without the fold's sentences (needs scikit-learn).

    \b
    Examples:
      dyad eval events
      dyad eval events --json --no-seed
    """
    from dyad.evaluation.events import evaluate_dev

    try:
        result = evaluate_dev(gold_dir, None if no_seed else seed, tricky if tricky.is_file() else None)
    except DyadError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    spans = result["conflibert_spans"]
    click.echo(f"ConfliBERT class (n={result['conflibert_class']['n']}): "
               f"macro-F1 {result['conflibert_class']['macro_f1']:.3f}")  # fmt: skip
    click.echo(f"ConfliBERT spans (n={spans['n']}): source F1 {spans['source']['f1']:.3f}, "
               f"target F1 {spans['target']['f1']:.3f}")  # fmt: skip
    click.echo(
        f"PLOVER GSR (n={result['plover']['n']}): type accuracy {result['plover']['type_accuracy']:.3f}, "
        f"source country {result['plover']['source_country_accuracy']['accuracy']:.3f}, "
        f"target country {result['plover']['target_country_accuracy']['accuracy']:.3f}"
    )
    if "seed" in result:
        click.echo(f"seed: {result['seed']['found']}/{result['seed']['total']} gold events found")
        for event in result["seed"]["events"]:
            click.echo(f"  {'ok ' if event['found'] else 'MISS'} {event['sentence']}: {event['events']}")
    for split, scores in result.get("tricky", {}).items():
        click.echo(f"tricky sentences ({split}): {scores['passed']}/{scores['total']} right")
        for sentence in scores["sentences"]:
            if sentence["problems"]:
                click.echo(f"  {sentence['id']}: {'; '.join(sentence['problems'])}")


@eval_group.command("issues")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Issue taxonomy YAML (replacing or extending the bundled one).",
)
@click.option(
    "--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy model."
)
@click.option("--threshold", type=click.FloatRange(0, 1), help="Paragraph score needed for a tag.")
@click.option(
    "--calibrate", is_flag=True, help="Fit the tagger's weights on the first GOLD file; sweep thresholds."
)
@click.option(
    "--topics",
    is_flag=True,
    help="Also the silver check: recall on current-events items whose topic headings name an issue.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every error) as JSON.")
@click.option("--errors", is_flag=True, help="List each article's missed and extra issues.")
def eval_issues_command(
    gold: tuple[Path, ...],
    taxonomy: Path | None,
    model: Any,
    threshold: float | None,
    calibrate: bool,
    topics: bool,
    as_json: bool,
    errors: bool,
) -> None:
    """Issue tagging: precision, recall and F1 per article against GOLD files.

    GOLD files are JSON lines {"id", "text", "issues"} or the seed's JSON gold. Default:
    gold/issues.jsonl (dev), gold/issues.heldout.jsonl and ../shared/gold/dev/seed/seed.gold.json.

    \b
    Examples:
      dyad eval issues
      dyad eval issues gold/issues.heldout.jsonl --errors
      dyad eval issues --calibrate gold/issues.jsonl
      dyad eval issues --topics      # + ../shared/corpus/current-events, labels gold/issues.topics.tsv
    """
    from dyad.evaluation import issues as evaluation
    from dyad.evaluation.issues import DEFAULT_GOLD, SEED_GOLD, calibration, evaluate, report_line

    paths = list(gold) or [p for p in (*DEFAULT_GOLD, SEED_GOLD) if p.exists()]
    if not paths:
        fail(DyadError("no gold file given and none found (run from the project folder)"))
    tax = str(taxonomy) if taxonomy else None
    try:
        if calibrate:
            weights, swept = calibration(paths[0], model=model, taxonomy=tax)
            click.echo(f"weights fitted on {paths[0]}: {json.dumps(weights)}")
            for value, scores in swept:
                click.echo(report_line(f"@{value:.2f}", scores))
            return
        results = evaluate(paths, model=model, taxonomy=tax, threshold=threshold)
        silver = evaluation.topic_recall(model=model, taxonomy=tax) if topics else None
    except DyadError as exc:
        fail(exc)
    if as_json:
        payload = {k: v.to_dict() for k, v in results.items()}
        click.echo(json.dumps({**payload, **({"topics": silver.to_dict()} if silver else {})}, indent=2))
        return
    for name, scores in results.items():
        click.echo(report_line(name, scores))
        if errors:
            for error in scores.errors:
                click.echo("  " + json.dumps(error, ensure_ascii=False))
    for line in silver.lines() if silver else ():
        click.echo(line)


@main.group("train")
def train_group() -> None:
    """Build the statistical models dyad ships, from the development gold."""


@train_group.command("events")
@click.option(
    "--gold-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/gold/dev"),
    show_default=True,
    help="Folder with the ConfliBERT class TSV and BIO spans and the PLOVER GSR.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("src/dyad/codebooks"),
    show_default=True,
    help="Folder for event_classifier.npz and event_spans.json.",
)
def train_events_command(gold_dir: Path, output: Path) -> None:
    """Fit the event class and CAMEO root models and the phrase rankers (coefficients only) on the dev gold.

    \b
    Example:
      dyad train events
    """
    from dyad.evaluation.events import train_shipped

    try:
        stats = train_shipped(gold_dir, output)
    except DyadError as exc:
        fail(exc)
    click.echo(f"wrote {output}: {stats['examples']} class examples, {stats['span_examples']} span examples")


# --- evaluation ------------------------------------------------------------------------------------------


@main.group("eval")
def eval_group() -> None:
    """Score extractors against gold data (precision, recall, F1)."""


@eval_group.command("quotes")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the Wikinews CSV files (default: ../shared/corpus/wikinews).",
)
@click.option(
    "--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy model."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every error) as JSON.")
@click.option("--errors", is_flag=True, help="List missed, extra and wrongly attributed quotes.")
def eval_quotes_command(gold: Path, corpus: Path | None, model: Any, as_json: bool, errors: bool) -> None:
    """Quote content (exact and overlap P/R/F1) and speaker accuracy against GOLD.

    GOLD is a JSONL file of quote offsets into Wikinews articles (gold/quotes/*.jsonl) or the seed's
    JSON gold (seed.gold.json), whose quotes are scored with their addressee and relaying source.

    \b
    Examples:
      dyad eval quotes gold/quotes/wikinews.dev.jsonl
      dyad eval quotes ../shared/gold/dev/seed/seed.gold.json --errors
    """
    from dyad.evaluation.quotes import evaluate, read_gold, report_lines

    try:
        total, _ = evaluate(read_gold(gold, corpus), model=model)
    except DyadError as exc:
        fail(exc)
    summary = total.summary()
    if as_json:
        click.echo(json.dumps({**summary, "errors": total.errors}, ensure_ascii=False, indent=2))
        return
    for line in report_lines(summary):
        click.echo(line)
    if errors:
        for error in total.errors:
            click.echo(json.dumps(error, ensure_ascii=False))


# --- Spark scale-out and loading its output (dyad/scale/commands.py) ------------------------------------

main.add_command(spark_group)
main.add_command(load_command)


@eval_group.command("dyads")
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("../shared/corpus/current-events/current-events-2025.jsonl"),
    show_default=True,
    help="JSONL items with `dyads` (the country-pair headings each item is filed under).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Extraction processes."
)
@click.option(
    "--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy model."
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items.")
@click.option("--floor", type=click.FloatRange(0, 1), help="Exit 1 when the share found is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_dyads_command(
    corpus: Path, workers: int, model: Any, limit: int | None, floor: float | None, as_json: bool
) -> None:
    """Share of items filed under a country pair in which dyad finds an event or quote between that pair.

    \b
    Examples:
      dyad eval dyads --workers 2
      dyad eval dyads --corpus items.jsonl --floor 0.7 --json
    """
    from dyad.evaluation.dyads import evaluate

    try:
        result = evaluate(corpus, workers=workers, model=model, limit=limit)
    except DyadError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"dyad coverage: {result.found}/{result.items} items = {result.share:.1%} "
            f"({result.by_event} by an event, {result.by_quote_only} by a quote only)"
        )
        if result.unmapped:
            click.echo(f"pair names without a code (counted as missed): {dict(result.unmapped.most_common(10))}")
    if floor is not None and result.share < floor:
        click.echo(f"error: dyad coverage {result.share:.1%} is below the floor {floor:.0%}", err=True)
        sys.exit(1)
