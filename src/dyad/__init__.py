"""dyad: evidence-backed events, quotes and issues between countries, extracted from international news.

The public Python API::

    import dyad
    result = dyad.extract(text, published="2024-04-22")
    result.to_dict()["events"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad._version import __version__

__all__ = ["__version__", "extract"]

if TYPE_CHECKING:
    from dyad.model import Extraction
    from dyad.nlp.pipeline import ModelName


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    id: str | None = None,
    model: ModelName = "md",
) -> Extraction:
    """Extract actors, places, dates, events, quotes and issues from one article (see docs/output.md)."""
    from dyad.nlp.extract import extract as _extract  # spaCy loads only when extraction is asked for

    return _extract(text, published=published, title=title, id=id, model=model)
