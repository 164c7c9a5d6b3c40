"""Reading news into the store: readers for every format news arrives in, dedupe, transactional batches.

The Python API under ``dyad ingest``::

    from dyad.ingest import ingest, read_sources
    from dyad.store.database import connect

    report = ingest(read_sources(["examples/"]), connect("dyad.db"))
    report.new, report.duplicate, report.near_duplicate, report.failed
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from dyad.ingest.batches import DEFAULT_BATCH_SIZE, IngestReport, ProcessBatch, ingest
from dyad.ingest.feeds import FetchMode
from dyad.ingest.fetch import USER_AGENT, Fetcher, FetchPolicy
from dyad.ingest.records import FieldMapping, InputFailure
from dyad.ingest.sources import FORMATS, Format, SourceReader
from dyad.model import Article

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FORMATS",
    "USER_AGENT",
    "FetchMode",
    "FetchPolicy",
    "Fetcher",
    "FieldMapping",
    "Format",
    "IngestReport",
    "InputFailure",
    "ProcessBatch",
    "SourceReader",
    "ingest",
    "read_sources",
]


def read_sources(
    targets: Sequence[str],
    *,
    mapping: FieldMapping | None = None,
    fetch: FetchMode = "auto",
    fetch_policy: FetchPolicy | None = None,
    forced_format: Format | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputFailure]:
    """Every article of the files, directories, URLs and ``-`` (stdin JSONL) in ``targets``, streamed;
    each input that yields no article gives an :class:`InputFailure` naming it and the reason."""
    return iter(
        SourceReader(
            targets,
            mapping=mapping or FieldMapping(),
            fetch=fetch,
            fetch_policy=fetch_policy or FetchPolicy(),
            forced_format=forced_format,
            stdin=stdin,
        )
    )
