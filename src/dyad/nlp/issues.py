"""Placeholder for the dyad_issues component (being built; see the issue tracker)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyad_issues")
def dyad_issues(doc: Doc) -> Doc:
    doc._.dyad_issues = []
    return doc
