"""Placeholder for the dyad_places component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_places")
def dyad_places(doc: Doc) -> Doc:
    doc._.dyad_places = []
    return doc
