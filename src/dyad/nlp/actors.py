"""Placeholder for the dyad_actors component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_actors")
def dyad_actors(doc: Doc) -> Doc:
    doc._.dyad_actors = []
    return doc
