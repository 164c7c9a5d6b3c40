"""Integrity of name_tones.tsv, the tone of the names a speaker calls a party by."""

from __future__ import annotations

from collections import Counter

from dyad.codebooks._tables import rows
from dyad.codebooks.name_tones import TABLE, praises


def test_each_word_has_one_tone() -> None:
    """The loader keeps a word's last tone: a word listed twice would lose one silently."""
    counts = Counter(word for _, (word, _tone) in rows(TABLE, 2))
    assert not [w for w, n in counts.items() if n > 1]


def test_blame_outweighs_praise() -> None:
    assert praises({"hero"})
    assert not praises({"great", "mistake"})
    assert not praises({"unilateral", "step"})
