"""Who announces, declares or unveils an act names its actor ("Manila announced a trade deal with Tokyo"):
the nominal act takes the announcer as its source, where before it was left without one and dropped.

The sentences are our own (written and annotated before dyad ran on them). Each names (source country,
target country) pairs a reader finds in it, and pairs no event may have.
"""

from __future__ import annotations

import pytest

from conftest import assert_found, asserted_pairs
from dyad.nlp.extract import extract

SENTENCES: list[object] = [
    pytest.param(
        "Japan announced new export controls on Chinese chip makers on Tuesday.",
        {("JPN", "CHN")},
        set(),
        # Another class: the noun of the act is no word of the lexicon.
        marks=pytest.mark.xfail(strict=True, reason="the act's noun has no code of its own"),
    ),
    ("The Kenyan government announced a security pact with Ethiopia.", {("KEN", "ETH")}, set()),
    (
        "Egypt's president announced a gas deal with Cyprus during a visit to Nicosia.",
        {("EGY", "CYP")},
        set(),
    ),
    ("The Turkish defence ministry announced joint naval drills with Azerbaijan.", {("TUR", "AZE")}, set()),
    ("Canada announced sanctions against three Iranian officials.", {("CAN", "IRN")}, set()),
    pytest.param(
        "The French foreign minister unveiled a new aid package for Lebanon.",
        {("FRA", "LBN")},
        set(),
        # Another class: the noun of the act is no word of the lexicon.
        marks=pytest.mark.xfail(strict=True, reason="the act's noun has no code of its own"),
    ),
    (
        "The Australian prime minister announced a free trade agreement with India.",
        {("AUS", "IND")},
        set(),
    ),
    ("Chile announced the expulsion of two Venezuelan diplomats.", {("CHL", "VEN")}, set()),
    pytest.param(
        "Norway's government announced a moratorium on arms sales to Saudi Arabia.",
        {("NOR", "SAU")},
        set(),
        # Another class: the noun of the act is no word of the lexicon.
        marks=pytest.mark.xfail(strict=True, reason="the act's noun has no code of its own"),
    ),
    pytest.param(
        "The Thai army announced the capture of a Cambodian soldier near the border.",
        {("THA", "KHM")},
        set(),
        # Another class: the noun of the act is no word of the lexicon.
        marks=pytest.mark.xfail(strict=True, reason="the act's noun has no code of its own"),
    ),
    (
        "A UN spokesman announced the Israeli strike on a school in Gaza.",
        set(),
        {("UN", "PSE")},  # the UN told of Israel's act
    ),
    (
        "The Ukrainian air force announced a Russian missile attack on Kyiv overnight.",
        {("RUS", "UKR")},
        {("UKR", "UKR")},
    ),
    (
        "Egypt announced a truce it had mediated between Israel and Hamas.",
        set(),
        # Who brokers an act it announces is no party of it; the mediation, told in a relative clause with
        # a pronoun for its actor, is no event of its own (dyad.nlp.event_sides.relative_named).
        {("EGY", "ISR"), ("EGY", "PSE")},
    ),
    (
        "The Swiss government announced a peace accord it facilitated between Armenia and Azerbaijan.",
        set(),
        {("CHE", "ARM"), ("CHE", "AZE")},
    ),
    (
        "Qatar announced a prisoner exchange it brokered between Russia and Ukraine.",
        set(),
        {("QAT", "RUS"), ("QAT", "UKR")},
    ),
    (
        "Reuters reported the Saudi air strikes on Houthi positions in Yemen.",
        set(),
        {("GBR", "YEM")},  # who reports an act is not its actor
    ),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), SENTENCES)
def test_announced_act(text: str, wanted: set[tuple[str, str]], unwanted: set[tuple[str, str]]) -> None:
    assert_found(asserted_pairs(extract(text, published="2025-06-10").events), wanted, unwanted)
