"""Act nouns: deverbal nouns coded as their verbs ("the deportation of X by Y"), and duties as tariffs, each
with its own parties, or undergone by the subject of "faces" or "is under" ("Mexico faces US duties").
Sentences of our own (gold/events_act_nouns.jsonl), written before dyad was run on them.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, gold_records
from dyad.codebooks.cameo import lexicon
from dyad.evaluation.events import check_tricky
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_act_nouns.jsonl"
RECORDS = gold_records(GOLD)
# Dev sentences right: 2 of 9 before act nouns, 7 after (the deportation by an agent after a verb of judging
# and a suspension, left out of the act nouns, still miss); of the 4 on acts undergone, 1 before, 3 after;
# of the 3 on measures aimed at a party, 1 before, 3 after.
DEV_FLOOR = 13


@pytest.mark.parametrize(
    ("noun", "verb"), [("deportation", "deport"), ("seizure", "seize"), ("abduction", "abduct")]
)
def test_act_noun_is_coded_as_its_verb(noun: str, verb: str) -> None:
    entry = lexicon()[(noun, "NOUN", "")]
    assert entry.cameo == lexicon()[(verb, "VERB", "")].cameo and "of" in entry.target_preps


def test_act_nouns_dev_floor() -> None:
    dev = [r for r in RECORDS if r["split"] == "dev"]
    passed = [r["id"] for r in dev if not check_tricky(r, extract(r["text"]).events)]
    assert len(passed) >= DEV_FLOOR, passed


def test_act_noun_without_a_party_is_no_event() -> None:
    assert extract("The deportation policy of the new government remains unclear.").events == ()


def test_act_undergone_targets_the_subject() -> None:
    events = extract("Cuba has lived under American sanctions for decades.").events
    assert [({s.country for s in e.source}, {t.country for t in e.target}, e.cameo) for e in events] == [
        ({"USA"}, {"CUB"}, "163")
    ]
