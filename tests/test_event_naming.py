"""Calling a party by a name (issue 15, precision): "called the pilot a hero" praises (CAMEO 051), "called
the election a farce" criticises (111); the words of praise and blame are data (name_tones.tsv). Sentences of
our own (gold/events_naming.jsonl), written and annotated before dyad ran on them."""

from __future__ import annotations

import pytest

from conftest import ROOT, gold_records, reads_right
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_naming.jsonl"
RECORDS = gold_records(GOLD)
# Dev sentences read right: 3 of 10 before, 7 after (nm-1, nm-8: "the Ugandan pilot", "the Nigerian singer"
# are given no country; nm-3: "court ruling" parsed as a verb).
DEV_FLOOR = 7


def test_naming_dev_floor() -> None:
    right = [r["id"] for r in RECORDS if r["split"] == "dev" and reads_right(r)]
    assert len(right) >= DEV_FLOOR, right


@pytest.mark.parametrize(
    "text",
    [
        "Spain called the Moroccan decision a great mistake.",  # blame outweighs praise
        "Kenya called the Somali plan not a success.",  # praise denied
        "The Dutch minister called the Belgian proposal a far-right fantasy.",
    ],
)
def test_blame_is_no_praise(text: str) -> None:
    cameos = [e.cameo for e in extract(text).events]
    assert "111" in cameos and "051" not in cameos, cameos


def test_a_telephone_call_names_nothing() -> None:
    """A proper name after the object is its name, not what it is called."""
    events = extract("Obama called the Mexican president Enrique Pena Nieto on Monday.").events
    assert not any(e.cameo in ("111", "051") for e in events), [e.cameo for e in events]
