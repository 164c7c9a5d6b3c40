"""A state's words about its own nationals held or harmed abroad are aimed at whoever holds or harms them,
never at the nationals: no event of the state on itself.

The sentences are our own (written and annotated before dyad ran on them). The first ones must give no
(X, X) key for the state X that speaks; the last ones are domestic acts that must stay.
"""

from __future__ import annotations

import pytest

from conftest import event_keys
from dyad.nlp.extract import extract

ABROAD = [
    ("Germany condemned the prison sentence handed to a German journalist in Turkey.", "DEU"),
    ("France demanded the release of two French aid workers held in Mali.", "FRA"),
    ("Canada called for the immediate release of a Canadian businessman detained in China.", "CAN"),
    ("Australia protested against the detention of an Australian academic by Iranian authorities.", "AUS"),
    ("Sweden criticised the sentencing of a Swedish citizen in Iran.", "SWE"),
    ("Britain urged Egypt to free a British-Egyptian activist.", "GBR"),
    ("The Netherlands praised the release of a Dutch sailor by Somali pirates.", "NLD"),
    ("Japan demanded an apology for the beating of Japanese tourists in Bangkok.", "JPN"),
    ("Norway welcomed the return of Norwegian fishermen held by Russia.", "NOR"),
]
DOMESTIC = [
    ("The Kenyan government criticised the protesters for blocking roads.", ("KEN", "KEN", "11")),
    ("Belarusian police detained dozens of protesters in Minsk.", ("BLR", "BLR", "17")),
    pytest.param(
        "President Ruto praised Kenyan athletes after the marathon.",
        ("KEN", "KEN", "05"),
        marks=pytest.mark.xfail(strict=True, reason="no event before or after: Ruto has no country here"),
    ),
    ("Venezuela accused the opposition of plotting a coup.", ("VEN", "VEN", "11")),
]


def _keys(text: str) -> set[tuple[str, str, str]]:
    return event_keys(extract(text).events)


@pytest.mark.parametrize(("text", "state"), ABROAD)
def test_a_states_words_for_its_nationals_abroad_are_no_act_on_itself(text: str, state: str) -> None:
    assert not {k for k in _keys(text) if k[:2] == (state, state)}


@pytest.mark.parametrize(("text", "key"), DOMESTIC)
def test_domestic_acts_stay(text: str, key: tuple[str, str, str]) -> None:
    assert key in _keys(text)
