"""Placeholder for the dyad_quotes component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_quotes")
def dyad_quotes(doc: Doc) -> Doc:
    doc._.dyad_quotes = []
    return doc
