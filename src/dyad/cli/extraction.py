"""Commands that run or train the extractors directly: extract, train."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from dyad.cli.common import fail, model_option, warn_set_aside
from dyad.errors import DyadError


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|- ...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one JSON array of results; jsonl: one result object per line.",
)
@model_option
@click.option(
    "--learn-people",
    "people_db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Resolve names through the people learned in this store, and record new ones there.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    help="Keep only events at least this sure (their calibrated confidence), 0..1.",
)
def extract_command(
    inputs: tuple[str, ...], fmt: str, model: Any, people_db: Path | None, min_confidence: float | None
) -> None:
    """Extract actors, places, dates, events, quotes and issues from articles, without storing them.

    Reads the same inputs as `dyad ingest` (files, directories, URLs; - for JSON Lines records
    {"id", "text", "date", "title", "url"} on stdin) and prints one result per article in input order
    (see docs/output.md); `id` echoes the record's id when it has one. Each bad input or failed article
    prints one error line; the exit status is then 1. An article in another language than English is
    not extracted (one line on stderr says so; no error).

    \b
    Examples:
      dyad extract article.txt
      echo '{"id": "a1", "text": "Blinken met Wang Yi.", "date": "2024-04-26"}' | dyad extract -
      dyad extract news.jsonl --model sm --learn-people dyad.db
      dyad extract article.txt --min-confidence 0.7
    """
    from dyad.ingest import InputFailure, read_sources
    from dyad.nlp.events import set_aside_models
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
                if result.skipped:  # not in English: said, but no error
                    shown = ids.get(result.article_id or "", result.article_id)
                    click.echo(f"{shown}: {result.reason}", err=True)
                    continue
                failed += 1
                click.echo(f"error: {result.article_id}: extraction failed: {result.reason}", err=True)
                continue
            if min_confidence is not None:
                result = result.with_events_at_least(min_confidence)
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
        warn_set_aside(set_aside_models())
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


@click.group("train")
def train_group() -> None:
    """Build the statistical models dyad ships, from the development gold."""


@train_group.command("events")
@click.option(
    "--gold-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with the ConfliBERT class TSV and BIO spans and the PLOVER GSR (default: "
    "$DYAD_SHARED/gold/dev).",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write event_classifier.npz and event_spans.json to (the shipped ones are in "
    "src/dyad/codebooks).",
)
def train_events_command(gold_dir: Path | None, output: Path) -> None:
    """Fit the event class and CAMEO root models and the phrase rankers (coefficients only) on the dev gold.

    \b
    Examples:
      dyad train events --gold-dir ../shared/gold/dev --output models/
      dyad train events --output src/dyad/codebooks    # replace the shipped models (with $DYAD_SHARED set)
    """
    from dyad.evaluation.data import DEV_GOLD, given_or_shared
    from dyad.evaluation.events import train_shipped

    try:
        gold_dir = given_or_shared(gold_dir, DEV_GOLD, "--gold-dir DIR")
        output.mkdir(parents=True, exist_ok=True)
        stats = train_shipped(gold_dir, output)
    except DyadError as exc:
        fail(exc)
    click.echo(f"wrote {output}: {stats['examples']} class examples, {stats['span_examples']} span examples")


@train_group.command("confidence")
@click.option(
    "--gold",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("gold/events/wire.dev.jsonl"),
    show_default=True,
    help="Untuned article-level dev gold (texts no rule was written for): it sets the confidences' level "
    "and scores every choice.",
)
@click.option(
    "--tuned-gold",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("gold/events/wikinews.dev.jsonl"),
    show_default=True,
    help="Article-level dev gold the rules were tuned on: it helps weigh the traits, down-weighted as "
    "cross-validation chooses. Held-out parts are refused.",
)
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the Wikinews CSV files the gold points into (default: $DYAD_SHARED/corpus/wikinews).",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("src/dyad/codebooks"),
    show_default=True,
    help="Folder for event_confidence.json.",
)
def train_confidence_command(gold: Path, tuned_gold: Path, corpus: Path | None, output: Path) -> None:
    """Fit the calibrated event confidence and its floor on the article-level dev gold; print, for each
    part, the cross-validated (by article, nothing scored by a model that saw its article) precision and
    recall at each floor, the reliability table of the out-of-fold confidences (keys per band, mean
    confidence, share right) and its expected calibration error.

    \b
    Example:
      dyad train confidence
    """
    from dyad.evaluation.confidence import train_confidence
    from dyad.evaluation.data import WIKINEWS, given_or_shared

    try:
        report = train_confidence(gold, tuned_gold, given_or_shared(corpus, WIKINEWS, "--corpus DIR"), output)
    except DyadError as exc:
        fail(exc)
    click.echo(f"floor {report['floor']}; C {report['C']}, tuned weight {report['tuned_weight']} "
               f"(per outer fold {report['fold_settings']})")  # fmt: skip
    click.echo("weights: " + ", ".join(f"{k} {w:+.2f}" for k, w in report["weights"].items())
               + f", bias {report['bias']:+.2f}")  # fmt: skip
    for name, part in report["parts"].items():
        click.echo(f"{name}: {part['articles']} articles, {part['events']} events (out of fold)")
        for floor, root in part["cross_validated"].items():
            click.echo(f"  floor {floor}: P {root['precision']:.3f}  R {root['recall']:.3f}  "
                       f"F1 {root['f1']:.3f}")  # fmt: skip
        tables = [("all keys", part["calibration"], part["ece"])]
        tables.append(("at the floor", part["calibration_at_floor"], part["ece_at_floor"]))
        for title, table, ece in tables:
            click.echo(f"  reliability, {title}: ECE {ece}")
            for row in table:
                if row["keys"]:
                    click.echo(f"    band {row['band']}: {row['keys']} keys, mean confidence "
                               f"{row['mean_confidence']:.2f}, right {row['right']:.2f}")  # fmt: skip
    click.echo(f"wrote {output / 'event_confidence.json'}")
