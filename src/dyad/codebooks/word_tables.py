"""The project's small word tables, one word and its kind a line, each read once: ``force_words.tsv`` (the
words that tell a verb of force told of words or of a game from one told of force: "attacked Trump for the
tweet" criticises, "beat Argentina 2-1 in the final" is a game), ``contest_words.tsv`` (who fights an
election or leads fighters) and ``name_tones.tsv`` (the tone of the names a speaker calls a party by: "called
the pilot a hero" praises). Each table's header says what its kinds are."""

from __future__ import annotations

from functools import cache
from typing import Literal

from dyad.codebooks._tables import rows
from dyad.errors import CodebookError

Table = Literal["force_words.tsv", "contest_words.tsv", "name_tones.tsv"]
KINDS: dict[Table, tuple[str, ...]] = {
    "force_words.tsv": ("striking", "circumstance", "winning", "contest"),
    "contest_words.tsv": ("contending", "contest", "polling", "poll", "fighters"),
    "name_tones.tsv": ("praise", "blame"),
}


@cache
def _words(table: Table) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in KINDS[table]}
    for number, (word, kind) in rows(table, 2):
        if kind not in found:
            raise CodebookError(f"unknown kind {kind!r}", where=f"{table}:{number}")
        if word in found[kind]:
            raise CodebookError(f"{word!r} listed twice as {kind}", where=f"{table}:{number}")
        found[kind].add(word)
    return {kind: frozenset(words) for kind, words in found.items()}


def words(table: Table, kind: str) -> frozenset[str]:
    """The words of one kind of a table (see the table's header)."""
    return _words(table)[kind]
