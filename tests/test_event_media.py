"""The medium a party speaks on or to ("on Twitter", "in an interview with the BBC", "broadcast by Al
Jazeera") is no party of its act (issue 15, precision): a guard, since all of our own sentences
(gold/events_media.jsonl, written and annotated before dyad ran on them) were read right when written."""

from __future__ import annotations

import json

from conftest import ROOT, event_keys
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_media.jsonl"
RECORDS = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _wrong(record: dict[str, object]) -> bool:
    keys = event_keys(extract(str(record["text"])).events, with_negated=True)
    present = record["present"]
    absent = record["absent"]
    assert isinstance(present, list) and isinstance(absent, list)
    return not all(tuple(k) in keys for k in present) or any(tuple(k) in keys for k in absent)


def test_media_dev_all_right() -> None:
    wrong = [r["id"] for r in RECORDS if r["split"] == "dev" and _wrong(r)]
    assert not wrong, wrong
