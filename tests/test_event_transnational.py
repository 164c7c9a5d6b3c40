"""Parties of no state (issue 15, recall): an international NGO (Amnesty International, Human Rights Watch,
the Red Cross) or an international militant group (al-Qaeda, Islamic State) is listed without a country on
purpose, and its events were left out for want of a party; CAMEO and our article gold code them NGO and IMG.
Sentences of our own (gold/events_transnational.jsonl), written and annotated before dyad ran on them; each
lists the keys that must be read and the keys that must not."""

from __future__ import annotations

from conftest import ROOT, event_keys, gold_records, reads_right
from dyad.nlp.extract import extract
from dyad.parameters import resolve_country

GOLD = ROOT / "gold" / "events_transnational.jsonl"
RECORDS = gold_records(GOLD)
# Dev texts read right: 0 of 10 before NGO and IMG parties, 9 after (tn-4: "bombed" is coded as a bombing,
# 18, not an air strike, 19).
DEV_FLOOR = 9


def test_transnational_dev_floor() -> None:
    right = [r["id"] for r in RECORDS if r["split"] == "dev" and reads_right(r)]
    assert len(right) >= DEV_FLOOR, right


def test_a_member_named_by_its_group_is_of_the_group() -> None:
    """ "Al-Qaeda militants" are al-Qaeda's, not placed in the state where they act."""
    events = extract("Al-Qaeda militants attacked a Malian army base near Gao on Tuesday.").events
    keys = event_keys(events)
    assert ("IMG", "MLI", "19") in keys, keys
    assert ("MLI", "MLI", "19") not in keys, keys


def test_a_role_noun_alone_names_no_transnational_body() -> None:
    """ "Rebels" of no group named stay the rebels of the state where they fight."""
    events = extract("BAMAKO, May 2 - Rebels attacked a Malian army base near Gao on Tuesday.").events
    assert not any("IMG" in key[:2] for key in event_keys(events))


def test_the_codes_can_be_queried() -> None:
    assert resolve_country("NGO") == "NGO"
    assert resolve_country("img") == "IMG"
