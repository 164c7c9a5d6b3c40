"""Placeholder for the dyad_dates component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_dates")
def dyad_dates(doc: Doc) -> Doc:
    doc._.dyad_dates = []
    return doc
