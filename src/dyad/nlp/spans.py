"""Character spans to token spans, safely.

``Doc.char_span(..., alignment_mode="expand")`` raises E035 when a span starts or ends in the whitespace
between tokens such that the expanded start passes the expanded end (an empty or blank span). Every
component maps character spans through :func:`token_span`, which trims blanks and answers ``None`` instead.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def token_span(doc: Doc, text: str, start: int, end: int) -> Span | None:
    """The smallest span of whole tokens covering ``text[start:end]``, or None if that text is blank.

    ``text`` is ``doc.text``, passed in because spaCy rebuilds it on every access.
    """
    start, end = max(start, 0), min(end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return doc.char_span(start, end, alignment_mode="expand")
