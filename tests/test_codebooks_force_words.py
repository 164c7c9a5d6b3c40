"""Integrity of force_words.tsv, the words that tell a verb of force told of words or of a game from one told
of force."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dyad.codebooks import force_words as table
from dyad.errors import CodebookError


def test_every_kind_has_words_each_one_lower_case_word() -> None:
    for kind in table.KINDS:
        words = table.force_words(kind)
        assert words, kind
        assert all(w == w.lower().strip() and " " not in w for w in words), sorted(words)


@pytest.fixture
def reloaded() -> Iterator[None]:
    """The table read again by the test, and again from the package after it."""
    table._words.cache_clear()
    yield
    table._words.cache_clear()


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        ([["hit", "striking"], ["hit", "striking"]], "listed twice"),
        ([["hit", "strike"]], "unknown kind"),
    ],
)
def test_a_faulty_line_is_an_error(
    lines: list[list[str]], error: str, reloaded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "rows", lambda name, columns: iter(enumerate(lines, start=1)))
    with pytest.raises(CodebookError, match=error):
        table.force_words("striking")
