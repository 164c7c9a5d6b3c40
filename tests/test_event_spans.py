"""Where a party's phrase ends: a place or body's description after a comma, a clause with its own subject
or an infinitive, and a preposition left without its date are cut; a person's description, a title before a
name, an acronym in brackets and a participle are kept.

Sentences of our own (gold/events_spans.jsonl), written and annotated before dyad ran on them.
"""

from __future__ import annotations

from conftest import ROOT, gold_records
from dyad.nlp.extract import extract
from dyad.nlp.noun_phrases import noun_phrase
from dyad.nlp.pipeline import load_pipeline

GOLD = ROOT / "gold" / "events_spans.jsonl"
RECORDS = gold_records(GOLD)
# Dev sentences whose primary event's target phrase is exactly the gold's: 5 of 10 before, 8 after (the ranker
# keeps "Donetsk, a city held by Russian forces", the core that names the party; Mercosur is known to no
# table, so its agreement has no party).
DEV_FLOOR = 8


def _target(text: str) -> list[str]:
    events = extract(text).events
    chosen = [e for e in events if e.primary] or list(events)
    return [text[s.start : s.end] for s in chosen[0].target_spans] if chosen else []


def test_target_spans_dev_floor() -> None:
    dev = [r for r in RECORDS if r["split"] == "dev"]
    right = [r["id"] for r in dev if _target(r["text"]) == [r["target"]]]
    assert len(right) >= DEV_FLOOR, right


def _phrase(text: str, head: str) -> str:
    doc = load_pipeline("md")(text)
    token = next(t for t in doc if t.text == head)
    start, end = noun_phrase(token, with_conjuncts=False)
    return text[start:end]


def test_a_place_or_body_described_after_a_comma_is_cut_a_person_kept() -> None:
    assert _phrase("Troops shelled Mosul, the second city of the north, at dawn.", "Mosul") == "Mosul"
    assert (
        _phrase("Police arrested Amina Diallo, a well-known lawyer, on Friday.", "Diallo")
        == "Amina Diallo, a well-known lawyer"
    )


def test_a_clause_with_an_infinitive_or_a_subject_is_cut_a_participle_kept() -> None:
    assert _phrase("Peru rejected Bolivia's request to reopen the border.", "request") == "Bolivia's request"
    assert (
        _phrase("Mali expelled soldiers based in the northern town of Gao.", "soldiers")
        == "soldiers based in the northern town of Gao"
    )


def test_a_preposition_whose_object_is_a_date_is_cut_with_it() -> None:
    assert _phrase("Rebels attacked a camp built by the army in 2019.", "camp") == "a camp built by the army"
