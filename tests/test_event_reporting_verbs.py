"""A verb of saying with no code of its own is no act: what is said is coded by its own words, or not at all.

The sentences are our own (written and annotated before dyad ran on them). Each names the (source country,
target country, CAMEO root) keys a reader finds in it; ``None`` marks a sentence that reports talk with no
act in it.
"""

from __future__ import annotations

import pytest

from conftest import event_keys
from dyad.nlp.extract import extract

SENTENCES: list[object] = [
    ("A Kremlin spokesman said the dispute was too minor to damage ties with Finland.", set()),
    (
        "The Chilean defence minister said the navy would stage drills off the northern coast next month.",
        set(),
    ),
    pytest.param(
        "Argentina's economy minister said Buenos Aires was open to new talks with the IMF.",
        set(),
        # Another class: a noun of meeting under an adjective ("open to talks") is coded as a meeting.
        marks=pytest.mark.xfail(strict=True, reason="talks one is open to are coded as held"),
    ),
    ("The Kenyan foreign ministry said relations with Uganda had never been better.", set()),
    ("Brazil's president said the fires in the Amazon were a matter for his government alone.", set()),
    ("Tokyo said it was weighing further measures against North Korean shipping firms.", set()),
    ("The Peruvian interior minister said the border with Bolivia would stay open over the holidays.", set()),
    ("A Norwegian diplomat said the talks with Russia on fishing quotas had been useful.", set()),
    (
        "A spokesman for the Polish government said Warsaw had expelled two Belarusian diplomats.",
        {("POL", "BLR", "16")},
    ),
    (
        "The Indonesian navy said it had seized a Vietnamese fishing boat near the Natuna islands.",
        {("IDN", "VNM", "17")},
    ),
    (
        "Officials in Ankara said Turkish troops had shelled Kurdish positions in northern Iraq.",
        {("TUR", "IRQ", "19")},
    ),
    pytest.param(
        "Seoul said the missile launch by Pyongyang was a grave provocation.",
        {("KOR", "PRK", "11")},
        # Missed before and after: the lexicon has no word of this accusation, the classifier no code.
        marks=pytest.mark.xfail(strict=True, reason="an accusation in words the lexicon lacks"),
    ),
]


@pytest.mark.parametrize(("text", "wanted"), SENTENCES)
def test_reported_talk_is_coded_by_what_is_said(text: str, wanted: set[tuple[str, str, str]]) -> None:
    assert event_keys(extract(text).events) == wanted
