"""The medium a party speaks on or to ("on Twitter", "in an interview with the BBC", "broadcast by Al
Jazeera") is no party of its act (issue 15, precision): a guard, since all of our own sentences
(gold/events_media.jsonl, written and annotated before dyad ran on them) were read right when written."""

from __future__ import annotations

from conftest import ROOT, gold_records, reads_right

GOLD = ROOT / "gold" / "events_media.jsonl"
RECORDS = gold_records(GOLD)


def test_media_dev_all_right() -> None:
    wrong = [r["id"] for r in RECORDS if r["split"] == "dev" and not reads_right(r)]
    assert not wrong, wrong
