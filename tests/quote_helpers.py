"""Lookups shared by the quote tests: a quotation by its exact words, and the name of its speaker."""

from __future__ import annotations

from dyad.model import Extraction, Quote


def quotation_at(extraction: Extraction, words: str) -> Quote:
    """The direct or partial quotation whose text is exactly ``words``."""
    found = [q for q in extraction.quotes if q.kind in ("direct", "partial") and q.text == words]
    assert found, f"no quotation {words!r}"
    return found[0]


def speaker(quote: Quote) -> str | None:
    return quote.speaker.actor.name if quote.speaker is not None else None
