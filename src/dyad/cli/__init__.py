"""The ``dyad`` command line: parses options, calls the Python API, formats output.

Commands live in one module per stage (``corpus``, ``extraction``, ``relations``, ``evaluation``, and the
Spark commands in ``spark``); each has ``--help`` with examples.
"""

from __future__ import annotations

import logging
import sys

import click

from dyad._version import __version__
from dyad.cli.common import fail
from dyad.cli.corpus import articles_command, ingest_command, reprocess_command, stats_command
from dyad.cli.evaluation import eval_group
from dyad.cli.extraction import extract_command, train_group
from dyad.cli.relations import brief_command, dyad_command, export_command, serve_command
from dyad.cli.spark import load_command, spark_group

__all__ = ["fail", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dyad")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """dyad: who did what to whom between countries, with the sentence that says so.

    \b
    Examples:
      dyad ingest examples/            # read articles into ./dyad.db
      dyad articles "Taiwan Strait"    # full-text search
      dyad brief USA CHN --format md   # the major divides between two countries
      dyad stats --format json
    """
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


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
    eval_group,
    train_group,
    spark_group,
    load_command,
):
    main.add_command(command)
