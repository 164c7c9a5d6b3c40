"""A share of a trade or supply in the simple present ("sends three-quarters of its exports to") is a
standing relation, not an act; the same verb with a count of its own ("sends 500 rescue workers") is one.

The sentences are our own (written and annotated before dyad ran on them).
"""

from __future__ import annotations

import pytest

from dyad.nlp.extract import extract

STANDING = [
    ("Germany buys about a third of its gas from Russia.", "buys"),
    ("Mexico sends around 80 percent of its exports to the United States.", "sends"),
    ("Russia supplies most of the weapons used by the Indian army.", "supplies"),
    ("Japan imports nearly all of its oil from Saudi Arabia and the United Arab Emirates.", "imports"),
    ("Norway provides about a fifth of the gas burned in Poland.", "provides"),
    ("Canada sells the bulk of its crude oil to the United States.", "sells"),
]
ACTS = [
    ("Japan sends 500 rescue workers to Turkey after the earthquake.", "sends"),
    ("China buys three million tonnes of Australian barley.", "buys"),
]


def _verbs(text: str) -> set[str]:
    return {e.predicate.text for e in extract(text).events if e.predicate is not None}


@pytest.mark.parametrize(("text", "verb"), STANDING)
def test_a_standing_share_is_no_act(text: str, verb: str) -> None:
    assert verb not in _verbs(text)


@pytest.mark.parametrize(("text", "verb"), ACTS)
def test_a_count_of_its_own_is_an_act(text: str, verb: str) -> None:
    assert verb in _verbs(text)
