"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from dyad.errors import DyadError


def fail(error: DyadError) -> None:
    """Print one error line and exit non-zero."""
    click.echo(f"error: {error}", err=True)
    sys.exit(1)


def warn_set_aside(messages: Iterable[str]) -> None:
    """One warning line per shipped model file the run went without; the run and its exit status stand."""
    for message in messages:
        click.echo(f"warning: {message}", err=True)


def db_option(func: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Store (default $DYAD_DB or ./dyad.db).",
    )(func)


field_option = click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=COLUMN",
    help="Read article field NAME (text, title, date, url, source, author, language) from COLUMN of "
    "JSON/CSV (on Spark also Parquet) records; dotted names reach into nested JSON. Repeatable.",
)
table_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)


OptionDecorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def input_format_option(formats: Sequence[str], help: str) -> OptionDecorator:
    """``--as FORMAT``: read every input as one of ``formats`` instead of guessing from its suffix."""
    return click.option("--as", "forced_format", type=click.Choice(list(formats)), help=help)


def text_or_json_option(help: str) -> OptionDecorator:
    """``--format text|json`` (text by default) for a command's report or listing."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=help)


model_option = click.option(
    "--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy model."
)
taxonomy_option = click.option(
    "--taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Issue taxonomy YAML replacing the bundled one.",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extraction processes; each loads the spaCy model once.",
)


def spreadsheet_option(func: Any) -> Any:
    return click.option(
        "--spreadsheet-safe/--no-spreadsheet-safe",
        default=True,
        show_default=True,
        help="CSV/TSV: text cells starting with = + - @ tab or CR get a leading ' so spreadsheets show "
        "them as text, never run them (OWASP's rule against CSV injection).",
    )(func)


def extraction_options(func: Any) -> Any:
    """Options shared by ingest, reprocess and eval dyads: how extraction runs (``pipeline.Settings``)."""
    for option in reversed([workers_option, model_option, taxonomy_option]):
        func = option(func)
    return func


def echo_tree(value: dict[str, Any], indent: int = 0) -> None:
    for key, item in value.items():
        if isinstance(item, dict):
            click.echo(f"{' ' * indent}{key}:")
            echo_tree(item, indent + 2)
        else:
            click.echo(f"{' ' * indent}{key}: {item}")
