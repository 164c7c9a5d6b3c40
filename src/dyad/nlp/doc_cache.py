"""Values computed once per document and kept in its ``user_data``.

The pipeline's components ask the same questions of a document many times (a token's lexicon entry, its
verb pattern, the document's entities): spaCy rebuilds some answers on every access and others cost a
parse walk. These two helpers keep each answer with the document, so it lives and dies with it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from spacy.tokens import Doc

T = TypeVar("T")


def once(doc: Doc, name: str, build: Callable[[], T]) -> T:
    """``build()``, computed on the first call for ``doc`` and ``name`` and kept for the later ones."""
    data = doc.user_data
    if name not in data:
        data[name] = build()
    return cast(T, data[name])


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy joins it from every token on each access (about a
    millisecond an article, and half a dozen components read it)."""
    return once(doc, "dyad_text", lambda: doc.text)


def per_key(doc: Doc, name: str, key: Hashable, find: Callable[[], T]) -> T:
    """``find()`` for one ``key`` (a token index, a word) of the table ``name`` kept with ``doc``."""
    # Called some hundred thousand times per 60 articles: one lookup of the table, one of the key.
    table = doc.user_data.get(name)
    if table is None:
        table = doc.user_data[name] = {}
    if key in table:
        return cast(T, table[key])
    found = table[key] = find()
    return found
