"""The words that tell a verb of force told of words or of a game from one told of force
(``force_words.tsv``): "attacked Trump for the tweet" criticises, "attacked positions for the second day" is
force; "beat Argentina 2-1 in the final" is a game."""

from __future__ import annotations

from functools import cache
from typing import Literal

from dyad.codebooks._tables import rows
from dyad.errors import CodebookError

TABLE = "force_words.tsv"
Kind = Literal["striking", "circumstance", "winning", "contest"]
KINDS: tuple[Kind, ...] = ("striking", "circumstance", "winning", "contest")


@cache
def _words() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for number, (word, kind) in rows(TABLE, 2):
        if kind not in found:
            raise CodebookError(f"unknown kind {kind!r}", where=f"{TABLE}:{number}")
        if word in found[kind]:
            raise CodebookError(f"{word!r} listed twice as {kind}", where=f"{TABLE}:{number}")
        found[kind].add(word)
    return {kind: frozenset(words) for kind, words in found.items()}


def force_words(kind: Kind) -> frozenset[str]:
    """The words of one kind (see the table's header)."""
    return _words()[kind]
