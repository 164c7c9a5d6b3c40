"""Placeholder for the dyad_entity_labels component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_entity_labels")
def dyad_entity_labels(doc: Doc) -> Doc:
    return doc
