"""The tone of the names a speaker calls a party by (``name_tones.tsv``): "called the pilot a hero" praises
the pilot, "called the election a farce" blames whoever held it."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from dyad.codebooks._tables import rows
from dyad.errors import CodebookError

TABLE = "name_tones.tsv"
PRAISE, BLAME = "praise", "blame"


@cache
def _tones() -> dict[str, str]:
    tones: dict[str, str] = {}
    for number, (word, tone) in rows(TABLE, 2):
        if tone not in (PRAISE, BLAME):
            raise CodebookError(f"unknown tone {tone!r}", where=f"{TABLE}:{number}")
        tones[word] = tone
    return tones


def praises(words: Collection[str]) -> bool:
    """Whether a name of these words (lemmas, lower case) praises: a word of praise and none of blame."""
    found = {_tones().get(w) for w in words}
    return PRAISE in found and BLAME not in found
