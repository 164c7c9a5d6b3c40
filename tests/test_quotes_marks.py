"""Quotation-mark scanning on raw text (no parse): styles, nesting, apostrophes, paragraphs, stray marks."""

from __future__ import annotations

import pytest

from dyad.nlp.quotation_marks import find_quotes


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said "we will stay" today.', ["we will stay"]),
        ("She said “we will stay” today.", ["we will stay"]),
        ("She said ‘we will stay’ today.", ["we will stay"]),
        ("She said 'we will stay' today.", ["we will stay"]),
        ("Il a dit « nous restons » hier.", [" nous restons "]),
        ("Er sagte „wir bleiben“ gestern.", ["wir bleiben"]),
    ],
)
def test_every_mark_style(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_apostrophes_are_not_quotes() -> None:
    text = "Greece’s minister said the Workers' Party can’t win and the ’90s are over."
    assert contents(text) == []


def test_nested_quote_stays_inside_outer() -> None:
    text = "He said, “They told me ‘never again’ and I believed them.” Then he left."
    assert contents(text) == ["They told me ‘never again’ and I believed them."]


def test_single_quote_closing_after_apostrophe_word() -> None:
    text = "The minister ordered 'heightened alert' from troops in the Workers’ district."
    assert contents(text) == ["heightened alert"]


def test_multi_paragraph_quote_reopened() -> None:
    text = (
        "The envoy said: “We came to listen.\n\n"
        "“We will come back next month with a proposal,” she added.\n\nNothing else was said."
    )
    quotes = find_quotes(text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert text[quote.start : quote.end].startswith("We came to listen.")
    assert text[quote.start : quote.end].endswith("with a proposal,")
    assert quote.paragraphs == 2 and quote.balanced


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = 'The mayor said "the bridge will open soon.\n\nLater the council said "no date is set" for now.'
    found = contents(text)
    assert found == ["the bridge will open soon.", "no date is set"]
    assert find_quotes(text)[0].balanced is False


def test_straight_quotes_pair_by_context() -> None:
    text = '"First," he said, "second." Then "third" came.'
    assert contents(text) == ["First,", "second.", "third"]


def test_block_quote_with_attribution_line() -> None:
    text = "The court ruled:\n\n Member states may order removal worldwide.\n\n – Court of Justice\n\nMore."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].family == "block"
    assert text[quotes[0].start : quotes[0].end] == "Member states may order removal worldwide."
    assert quotes[0].attribution is not None
    assert text[slice(*quotes[0].attribution)] == "Court of Justice"
