"""The ``dyad`` command line: parses options, calls the Python API, formats output.

Commands are grouped by stage; each has ``--help`` with examples.
"""

from __future__ import annotations

import logging
import sys

import click

from dyad import __version__
from dyad.errors import DyadError


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
