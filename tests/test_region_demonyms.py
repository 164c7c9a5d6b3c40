"""A people's name after a region's word names the region's people, not a state's: "Latin American
governments", "South American leaders", "Central American migrants" are of no single state (not the United
States'), while "South African" and "North Korean" stay their states'.

The sentences are our own, written and annotated (the countries below) before dyad was run on them; the
ones marked held out were not looked at while the rule was written, and were run once at the end. Each pairs
a phrase with the country its actor must have (None: no single state's).
"""

from __future__ import annotations

import pytest

from dyad.nlp.extract import extract

# (sentence, phrase, the country its actor must have)
DEV: list[tuple[str, str, str | None] | object] = [
    (
        "Venezuela urged Latin American governments to reject the new sanctions.",
        "Latin American governments",
        None,
    ),
    pytest.param(
        "South American leaders met in Brasilia on Tuesday to discuss the Amazon.",
        "South American leaders",
        None,
        marks=pytest.mark.xfail(
            reason="a role with no state's people before it takes the state of the sentence's place",
            strict=True,
        ),
    ),
    ("Mexico deported hundreds of Central American migrants last week.", "Central American migrants", None),
    ("North American officials said the trade talks would resume in June.", "North American officials", None),
    ("Several Latin American presidents criticised the decision.", "Latin American presidents", None),
    pytest.param(
        "The summit brought together South American foreign ministers in Lima.",
        "South American foreign ministers",
        None,
        marks=pytest.mark.xfail(
            reason="a role with no state's people before it takes the state of the sentence's place",
            strict=True,
        ),
    ),
    ("American officials said the talks in Doha had stalled.", "American officials", "USA"),
    ("South African police arrested three men in Durban on Friday.", "South African police", "ZAF"),
]

HELDOUT: list[tuple[str, str, str | None] | object] = [
    ("Central American governments asked Washington for more aid.", "Central American governments", None),
    pytest.param(
        "Latin American diplomats walked out of the meeting in Geneva.",
        "Latin American diplomats",
        None,
        marks=pytest.mark.xfail(
            reason="a role with no state's people before it takes the state of the sentence's place",
            strict=True,
        ),
    ),
    ("North Korean troops fired artillery near the border on Monday.", "North Korean troops", "PRK"),
    ("South American farmers protested against the trade deal with Europe.", "South American farmers", None),
]


def _country(sentence: str, phrase: str) -> str | None:
    start = sentence.index(phrase)
    actors = [
        a
        for a in extract(sentence, published="2025-03-04").actors
        if any(start <= m.start < start + len(phrase) for m in a.mentions)
    ]
    return actors[0].country if actors else None  # no actor at all is no state's either


@pytest.mark.parametrize(("sentence", "phrase", "country"), DEV, ids=lambda c: str(c)[:40])
def test_a_regions_people(sentence: str, phrase: str, country: str | None) -> None:
    assert _country(sentence, phrase) == country


@pytest.mark.parametrize(("sentence", "phrase", "country"), HELDOUT, ids=lambda c: str(c)[:40])
def test_a_regions_people_heldout(sentence: str, phrase: str, country: str | None) -> None:
    assert _country(sentence, phrase) == country
