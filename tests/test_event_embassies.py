"""An embassy or consulate that acts speaks for the state it serves, not for the state it stands in: "the
United States embassy in Addis Ababa urged restraint" is the United States'. (Acted on, "its embassy in
Kabul" stands for the state hosting it: tests/test_events.py.)

The stories are our own, written and annotated (the pairs below) before dyad was run on them; the ones
marked held out were not looked at while the rule was written, and were run once at the end. Each names the
(source, target) pairs its act must give, and the pairs it must not give: the host state acting on itself.
"""

from __future__ import annotations

import pytest

from conftest import assert_found, asserted_pairs
from dyad.nlp.extract import extract

Pair = tuple[str, str]

# (story, pairs it must give, pairs it must not give)
DEV: list[tuple[str, set[Pair], set[Pair]]] = [
    (
        "The United States embassy in Nairobi urged the Kenyan government to release the detained "
        "journalists.",
        {("USA", "KEN")},
        {("KEN", "KEN")},
    ),
    (
        "The German embassy in Ankara criticised Turkey's decision to detain the reporter.",
        {("DEU", "TUR")},
        {("TUR", "TUR")},
    ),
    (
        "The Chinese embassy in Manila accused the Philippines of provoking tensions in the South China Sea.",
        {("CHN", "PHL")},
        {("PHL", "PHL")},
    ),
    (
        "The Russian embassy in Washington denounced the new American sanctions as illegal.",
        {("RUS", "USA")},
        {("USA", "USA")},
    ),
    (
        "On Tuesday the Indian embassy in Kathmandu thanked Nepal for its help after the bus crash.",
        {("IND", "NPL")},
        {("NPL", "NPL")},
    ),
    (
        "The Australian consulate in Bali praised Indonesian police for the quick arrest of the suspects.",
        {("AUS", "IDN")},
        {("IDN", "IDN")},
    ),
    (
        "The Canadian embassy in Beijing called on China to grant consular access to the two detained "
        "citizens.",
        {("CAN", "CHN")},
        {("CHN", "CHN")},
    ),
    (
        "The French embassy in Bamako condemned the attack on the Malian army base.",
        {("FRA", "MLI")},
        {("MLI", "MLI")},
    ),
]

HELDOUT: list[tuple[str, set[Pair], set[Pair]]] = [
    (
        "The Turkish embassy in Berlin criticised Germany for allowing the rally to go ahead.",
        {("TUR", "DEU")},
        {("DEU", "DEU")},
    ),
    (
        "The Iranian embassy in London accused Britain of harbouring dissidents.",
        {("IRN", "GBR")},
        {("GBR", "GBR")},
    ),
    (
        "The Egyptian embassy in Khartoum urged Sudan's army and the paramilitaries to agree a ceasefire.",
        {("EGY", "SDN")},
        {("SDN", "SDN")},
    ),
    (
        "The Brazilian embassy in Caracas welcomed Venezuela's decision to free the prisoners.",
        {("BRA", "VEN")},
        {("VEN", "VEN")},
    ),
]


def _check(text: str, wanted: set[Pair], unwanted: set[Pair]) -> None:
    assert_found(asserted_pairs(extract(text, published="2025-03-04").events), wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DEV, ids=lambda c: str(c)[:40])
def test_an_acting_embassy_speaks_for_its_state(text: str, wanted: set[Pair], unwanted: set[Pair]) -> None:
    _check(text, wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), HELDOUT, ids=lambda c: str(c)[:40])
def test_an_acting_embassy_speaks_for_its_state_heldout(
    text: str, wanted: set[Pair], unwanted: set[Pair]
) -> None:
    _check(text, wanted, unwanted)
