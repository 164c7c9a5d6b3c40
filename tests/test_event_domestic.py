"""Acts on a state's own people named without their country, and acts whose target only the story names.

"Police in Nairobi fired tear gas at crowds": a group of people named by what they are ("crowds", "the crew",
"opposition supporters", "striking miners") is of the country where the act happens; "Armenia threatened
retaliation" after an Azerbaijani attack threatens Azerbaijan, the other state of the story's pair. Sentences
of our own (gold/events_domestic.jsonl and the ones below), written and annotated before dyad ran on them.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, event_keys, gold_records
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_domestic.jsonl"
RECORDS = gold_records(GOLD)
# Dev texts whose events are exactly the gold's (source, target, root), per class: domestic groups 6 of 10
# before, 8 after; acts naming no target 3 of 16 before (with denials coded), 12 after (7 with offers and
# threats to the story's other state, 3 with promises of elections or reform to the state's people, 2 with
# yielding to the story's other state).
DEV_FLOORS = {"dom": 8, "tl": 12}


@pytest.mark.parametrize("kind", sorted(DEV_FLOORS))
def test_domestic_dev_floor(kind: str) -> None:
    dev = [r for r in RECORDS if r["split"] == "dev" and r["id"].startswith(f"{kind}-")]
    right = [
        r["id"]
        for r in dev
        if event_keys(extract(r["text"]).events, with_negated=True)
        == {(e["source"], e["target"], e["root"]) for e in r["events"]}
    ]
    assert len(right) >= DEV_FLOORS[kind], right


def test_a_crowd_is_of_the_country_where_it_is_fired_on() -> None:
    events = extract(
        "QUITO, March 3 - Ecuador's government declared a state of emergency on Tuesday. Police fired tear "
        "gas at crowds near the presidential palace."
    ).events
    assert ("ECU", "ECU", "17") in event_keys(events, with_negated=True)


def test_a_threat_naming_nobody_threatens_the_other_state_of_the_story() -> None:
    events = extract(
        "Chinese coast guard ships rammed a Vietnamese fishing boat near the Paracel Islands on Sunday. "
        "Hanoi warned of consequences."
    ).events
    assert ("VNM", "CHN", "13") in event_keys(events, with_negated=True)
    assert ("VNM", "VNM", "13") not in event_keys(events, with_negated=True)


def test_an_offer_naming_nobody_is_made_to_the_other_state_of_the_story() -> None:
    events = extract(
        "Russia accused Georgia on Friday of provoking the clashes in South Ossetia. Tbilisi offered talks."
    ).events
    assert ("GEO", "RUS", "03") in event_keys(events, with_negated=True)


def test_a_promise_of_elections_is_made_to_the_state_s_own_people() -> None:
    events = extract("Chad's transitional president promised to hold elections within a year.").events
    assert ("TCD", "TCD", "03") in event_keys(events, with_negated=True)


def test_a_promise_of_aid_naming_nobody_is_no_promise_to_the_giver_s_people() -> None:
    events = extract("Japan pledged new funding for the vaccine programme on Tuesday.").events
    assert ("JPN", "JPN", "03") not in event_keys(events, with_negated=True)


def test_yielding_naming_nobody_yields_to_the_other_state_of_the_story() -> None:
    events = extract(
        "Britain imposed sanctions on Belarus's potash exports in 2021. London eased the measures on Monday."
    ).events
    assert ("GBR", "BLR", "08") in event_keys(events, with_negated=True)


def test_troops_of_one_s_own_pulled_back_are_no_addressee() -> None:
    events = extract(
        "Ethiopia accused Sudan of seizing farmland on the border. Khartoum withdrew its troops on Sunday."
    ).events
    assert ("SDN", "ETH", "08") in event_keys(events, with_negated=True)


def test_setting_fire_to_a_building_destroys_property() -> None:
    events = extract("Protesters in Lima set fire to the headquarters of the ruling party on Monday.").events
    assert "1712" in {e.cameo for e in events}
