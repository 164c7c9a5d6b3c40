"""Reading news: readers for every format news arrives in, polite fetching, near-duplicate signatures.

This stage yields :class:`~dyad.model.Article` objects and knows no database; storing them (with
duplicate detection and extraction) is :mod:`dyad.pipeline`'s work::

    from dyad.ingest import read_sources
    from dyad.pipeline import Pipeline, Settings

    with Pipeline(Settings(db="dyad.db")) as pipeline:
        report = pipeline.ingest(read_sources(["examples/"]))
    report.new, report.duplicate, report.near_duplicate, report.failed
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyad.ingest.feeds import FetchMode
    from dyad.ingest.fetch import USER_AGENT, Fetcher, FetchPolicy
    from dyad.ingest.formats import FORMATS, Format
    from dyad.ingest.records import FieldMapping, InputFailure
    from dyad.ingest.sources import SourceReader, read_sources

# Names of the public API and the module of each, imported on first use: listing the formats (the
# command line's choices) must not load HTML extraction and language identification.
_HOMES = {
    "FORMATS": "formats",
    "Format": "formats",
    "USER_AGENT": "fetch",
    "FetchMode": "feeds",
    "FetchPolicy": "fetch",
    "Fetcher": "fetch",
    "FieldMapping": "records",
    "InputFailure": "records",
    "SourceReader": "sources",
    "read_sources": "sources",
}
__all__ = [
    "FORMATS",
    "USER_AGENT",
    "FetchMode",
    "FetchPolicy",
    "Fetcher",
    "FieldMapping",
    "Format",
    "InputFailure",
    "SourceReader",
    "read_sources",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'dyad.ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dyad.ingest.{_HOMES[name]}"), name)
