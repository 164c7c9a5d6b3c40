"""The ``dyad`` command line: parses options, calls the Python API, formats output.

Commands live in one module per stage (``corpus``, ``extraction``, ``relations``, ``evaluation``, and the
Spark commands in ``spark``); each has ``--help`` with examples.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from dyad._version import __version__
from dyad.cli.common import fail
from dyad.cli.corpus import articles_command, ingest_command, reprocess_command, stats_command
from dyad.cli.evaluation import eval_group
from dyad.cli.extraction import extract_command, train_group
from dyad.cli.kb import kb_group
from dyad.cli.relations import brief_command, dyad_command, export_command, serve_command
from dyad.cli.spark import load_command, spark_group
from dyad.cli.watch import watch_group
from dyad.codebooks import kb_tables
from dyad.codebooks.people import use_user_kb
from dyad.errors import DyadError

__all__ = ["fail", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dyad")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option(
    "--kb",
    "kb_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your actor file (CSV or YAML) of additions and overrides to the knowledge base; "
    "it takes precedence on every path (default $DYAD_KB).",
)
def main(verbose: int, kb_file: Path | None) -> None:
    """dyad: who did what to whom between countries, with the sentence that says so.

    \b
    Examples:
      dyad ingest examples/            # read articles into ./dyad.db
      dyad articles "Taiwan Strait"    # full-text search
      dyad brief USA CHN --format md   # the major divides between two countries
      dyad stats --format json
      dyad kb lookup "Nouri al-Maliki" --date 2010-11-11
    """
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Through the environment, so worker processes and Spark tasks started from here read it too; a bad
    # file fails now, naming the record, not in the middle of a batch.
    try:
        if kb_file is not None:
            use_user_kb(kb_file)
        elif os.environ.get(kb_tables.ENV):
            kb_tables.user_kb()
    except DyadError as exc:
        fail(exc)


for command in (
    ingest_command,
    articles_command,
    stats_command,
    reprocess_command,
    extract_command,
    dyad_command,
    brief_command,
    export_command,
    serve_command,
    watch_group,
    eval_group,
    train_group,
    kb_group,
    spark_group,
    load_command,
):
    main.add_command(command)
