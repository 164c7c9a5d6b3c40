"""Placeholder for the dyad_events component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_events")
def dyad_events(doc: Doc) -> Doc:
    doc._.dyad_events = []
    return doc
