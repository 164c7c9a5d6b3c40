"""The medium a party speaks on or to ("on Twitter", "in an interview with the BBC", "broadcast by Al
Jazeera") is no party of its act (issue 15, precision): a guard, since all of our own sentences
(gold/events_media.jsonl, written and annotated before dyad ran on them) were read right when written."""

from __future__ import annotations

from conftest import ROOT, event_keys, gold_records, reads_right
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_media.jsonl"
RECORDS = gold_records(GOLD)


def test_media_dev_all_right() -> None:
    wrong = [r["id"] for r in RECORDS if r["split"] == "dev" and not reads_right(r)]
    assert not wrong, wrong


def test_a_platform_of_an_object_s_phrase_is_no_party() -> None:
    """ "condemned the sanctions on Twitter": where the words were posted; placing the platform in the
    article's country made Cuba's criticism Cuba's of itself."""
    keys = event_keys(extract("Cuba denounced the embargo on Telegram on Friday.").events, with_negated=True)
    assert not any(k[0] == k[1] for k in keys), keys


def test_a_platform_a_measure_is_put_on_stays_its_target() -> None:
    keys = event_keys(extract("Russia imposed a ban on Instagram on Monday.").events, with_negated=True)
    assert any(k[0] == "RUS" and k[2] == "17" for k in keys), keys
