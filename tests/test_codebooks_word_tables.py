"""Integrity of the small word tables (force_words.tsv, contest_words.tsv, name_tones.tsv) and their one
loader."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dyad.codebooks import word_tables as tables
from dyad.errors import CodebookError
from dyad.nlp.predicates import praises


@pytest.mark.parametrize("table", sorted(tables.KINDS))
def test_every_kind_has_words_each_one_lower_case_word(table: tables.Table) -> None:
    for kind in tables.KINDS[table]:
        words = tables.words(table, kind)
        assert words, kind
        assert all(w == w.lower().strip() and " " not in w for w in words), sorted(words)


def test_a_name_is_praise_or_blame_never_both() -> None:
    assert not tables.words("name_tones.tsv", "praise") & tables.words("name_tones.tsv", "blame")


def test_blame_outweighs_praise() -> None:
    assert praises({"hero"})
    assert not praises({"great", "mistake"})
    assert not praises({"unilateral", "step"})


def test_contest_words_are_the_lists_contests_py_held() -> None:
    """The table holds what dyad.nlp.contests listed in code before it was data (no behaviour change)."""
    expected = {
        "contending": "win lose contest boycott run campaign withdraw pull lead call urge organise organize"
        " stage address promise pledge vow",
        "contest": "election elections vote poll polls ballot seat primary runoff nomination presidency"
        " majority landslide opposition protest protests rally rallies march marches demonstration"
        " demonstrations",
        "polling": "win lose contest boycott gain retain take",
        "poll": "election vote poll seat majority landslide runoff primary plurality",
        "fighters": "rebel fighter militia militiaman insurgent guerrilla guerilla militant",
    }
    for kind, words in expected.items():
        assert tables.words("contest_words.tsv", kind) == set(words.split()), kind
    assert set(tables.KINDS["contest_words.tsv"]) == set(expected)


@pytest.fixture
def reloaded() -> Iterator[None]:
    """The tables read again by the test, and again from the package after it."""
    tables._words.cache_clear()
    yield
    tables._words.cache_clear()


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
    monkeypatch.setattr(tables, "rows", lambda name, columns: iter(enumerate(lines, start=1)))
    with pytest.raises(CodebookError, match=error):
        tables.words("force_words.tsv", "striking")
