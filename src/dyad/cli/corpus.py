"""Commands that read news into the store and look at it: ingest, articles, stats, reprocess."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from dyad.cli.common import (
    db_option,
    echo_tree,
    extraction_options,
    fail,
    field_option,
    input_format_option,
    spreadsheet_option,
    text_or_json_option,
    warn_set_aside,
)
from dyad.errors import DyadError
from dyad.ingest.formats import FORMATS


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|- ...")
@db_option
@field_option
@input_format_option(FORMATS, "Read every input as this format (default: by file suffix; '-' is JSON Lines).")
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
@text_or_json_option("Summary format.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display (errors are still printed).")
@click.option(
    "--extract/--no-extract",
    default=True,
    show_default=True,
    help="Extract actors, events, quotes and issues from new articles (stored with them).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Then run every watchlist on what was stored and print its new alerts (see `dyad watch`).",
)
@extraction_options
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
    watch: bool,
    workers: int,
    model: Any,
    taxonomy: Path | None,
) -> None:
    """Read articles from files, directories, feeds, web pages, WARC archives or stdin into the store.

    Formats by suffix: .txt (optional Title:/Date:/URL:/Source: header, blank line, body), .html/.htm,
    .jsonl/.json/.csv (fields text, title, date, url, source; others kept as metadata), .rss/.atom/.xml
    feeds, .warc/.warc.gz; any of them .gz-compressed; directories recursively; - for JSON Lines on
    stdin. Re-ingesting adds nothing; near-duplicates are stored and linked to their canonical article.
    Each bad input prints one error line; the exit status is 1 if any input or any article's extraction
    failed (everything else is stored).

    \b
    Examples:
      dyad ingest examples/
      dyad ingest news.jsonl.gz --field text=body --field date=meta.published
      dyad ingest https://example.org/world/rss.xml --rate-limit 2
      dyad ingest CC-NEWS-20240422.warc.gz --db cc.db
      cat articles.jsonl | dyad ingest -
      dyad ingest news.jsonl --watch       # and print the alerts it raises
    """
    from dyad.cli.progress import ProgressDisplay
    from dyad.cli.watch import print_reports, run_watchlists
    from dyad.ingest import FetchPolicy, FieldMapping, SourceReader
    from dyad.pipeline import Pipeline, Settings

    try:
        settings = Settings(
            db=db, model=model, taxonomy=taxonomy, extract=extract, workers=workers, batch_size=batch_size
        )
        pipeline = Pipeline(settings)
        reader = SourceReader(
            inputs,
            mapping=FieldMapping.parse(fields),
            fetch=fetch,
            fetch_policy=FetchPolicy(min_interval=rate_limit, timeout=timeout),
            forced_format=forced_format,
        )
        conn = pipeline.connect()
    except DyadError as exc:
        fail(exc)
    display = None if quiet else ProgressDisplay(sys.stderr, reader)

    def report_failure(failure: Any) -> None:
        if display:
            display.interrupt()
        click.echo(f"error: {failure}", err=True)

    try:
        report = pipeline.ingest(
            reader,
            conn,
            on_progress=display.update if display else None,
            on_failure=report_failure,
        )
    except KeyboardInterrupt:
        click.echo("\ninterrupted: committed batches are kept; run the same command to finish", err=True)
        sys.exit(130)
    except DyadError as exc:
        fail(exc)
    finally:
        conn.close()
        pipeline.close()
    if display:
        display.finish(report)
    extracted = pipeline.report if extract else None
    reports = run_watchlists(settings.db_path) if watch else []
    if fmt == "json":
        summary = {"db": str(settings.db_path), **report.to_dict()}
        if extracted:
            summary["extraction"] = {
                "extracted": extracted.extracted,
                "failed": extracted.failed,
                "skipped_not_english": extracted.skipped,
                "events": extracted.events,
                "quotes": extracted.quotes,
                "failures": [f"{a}: {r}" for a, r in extracted.failures],
                "set_aside_models": extracted.set_aside,
            }
        if watch:
            summary["watchlists"] = [r.to_dict() for r in reports]
        click.echo(json.dumps(summary, indent=2))
    else:
        click.echo(
            f"{report.new} new, {report.near_duplicate} near-duplicate, {report.duplicate} already stored, "
            f"{report.failed} failed -> {settings.db_path}"
        )
        if extracted:
            click.echo(
                f"extracted {extracted.extracted} ({extracted.events} events, {extracted.quotes} quotes), "
                f"{extracted.failed} failed, {extracted.skipped} not in English (not extracted)"
            )
            for article_id, reason in extracted.failures:
                click.echo(f"error: {article_id}: extraction failed: {reason}", err=True)
    if extracted:
        warn_set_aside(extracted.set_aside)
    if (
        not print_reports(reports, None if fmt == "json" else "text")
        or report.failed
        or (extracted and extracted.failed)
    ):
        sys.exit(1)


@click.command("articles")
@click.argument("query", required=False)
@db_option
@click.option("--since", help="Published on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Published on or before (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--source", help="Publisher as stored (e.g. en.wikinews.org).")
@click.option("--lang", "--language", "language", help="Language code (ISO 639-1, e.g. en).")
@click.option("--distinct", is_flag=True, help="Hide near-duplicates (show canonical articles only).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format (the total is always printed).",
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Rows per page; 0 = all."
)
@click.option(
    "--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page number (1-based)."
)
@click.option("--offset", type=click.IntRange(min=0), help="Rows to skip (instead of --page).")
@click.option("--with-text", is_flag=True, help="Include the full text (json and csv).")
@spreadsheet_option
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
    spreadsheet_safe: bool,
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
    from dyad.store.database import connect
    from dyad.store.queries import Query, search

    start = offset if offset is not None else (page - 1) * limit
    try:
        article_query = Query(
            text=query, since=since, until=until, source=source, language=language, duplicates=not distinct
        )
        conn = connect(db, readonly=True)
        result = search(conn, article_query, limit=limit or None, offset=start)
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
        from dyad.export import delimited

        columns = [k for k in (records[0] if records else {"id": None}) if k != "metadata"]
        for chunk in delimited(records, columns, safe=spreadsheet_safe):
            sys.stdout.write(chunk)
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


@click.command("stats")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
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
        echo_tree(result)


@click.command("reprocess")
@db_option
@click.option("--since", help="Only articles published on or after YYYY-MM-DD.")
@click.option("--until", help="Only articles published on or before YYYY-MM-DD.")
@extraction_options
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
    articles and their near-duplicate links stay as they are. The exit status is 1 if any article's
    extraction failed (it is recorded as failed; the others are stored).

    \b
    Examples:
      dyad reprocess --workers 2
      dyad reprocess --since 2024-01-01 --taxonomy my-issues.yaml
    """
    from dyad.pipeline import Pipeline, Settings

    def progress(done: int, total: int) -> None:
        click.echo(f"\r{done}/{total} articles", err=True, nl=done == total)

    try:
        settings = Settings(
            db=db, model=model, taxonomy=taxonomy, workers=workers, reprocess_batch_size=batch_size
        )
        with Pipeline(settings) as pipeline:
            report = pipeline.reprocess(since=since, until=until, on_progress=progress)
    except DyadError as exc:
        fail(exc)
    click.echo(
        f"{report.extracted} re-extracted ({report.events} events, {report.quotes} quotes), "
        f"{report.failed} failed"
    )
    for article_id, reason in report.failures:
        click.echo(f"error: {article_id}: {reason}", err=True)
    warn_set_aside(report.set_aside)
    if report.failed:
        sys.exit(1)
