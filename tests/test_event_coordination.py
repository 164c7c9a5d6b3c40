"""Argument structure of events (issue 15): coordinated parties ("X, Y and Z met", "X and Y clashed",
"talks between X and Y", "met with his Y and Z counterparts"), claims reported by a third party ("Kyiv
said Russian forces shelled ..." is Russia's act on Ukraine, not Ukraine's), and acts told in subordinate
clauses (after-clauses, participial clauses, relative clauses). Sentences of our own
(gold/events_coord.jsonl), written and annotated before dyad ran on them; each lists the keys that must be
read and the keys that must not. The held-out third is scored once, at the end of a piece of work."""

from __future__ import annotations

from conftest import ROOT, event_keys, gold_records, reads_right
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_coord.jsonl"
RECORDS = gold_records(GOLD)
# Dev texts read right: the first 17, 13 before this work and 16 after it (the one left: "X clashed with Y"
# is read one way, as the dev gold reads "talks with"); with the 12 written after, 27 of 29.
DEV_FLOOR = 27
# The held-out third (13 texts), scored once at the end of the work: 11/13 before it, 13/13 after.
HELDOUT_FLOOR = 13


def test_coordination_dev_floor() -> None:
    right = [r["id"] for r in RECORDS if r["split"] == "dev" and reads_right(r)]
    assert len(right) >= DEV_FLOOR, right


def test_coordination_heldout_floor() -> None:
    right = sum(1 for r in RECORDS if r["split"] == "heldout" and reads_right(r))
    assert right >= HELDOUT_FLOOR  # a count only: the held-out texts are not looked into


def test_talks_between_two_states_go_both_ways() -> None:
    keys = event_keys(extract("Talks between Morocco and Algeria opened in Geneva on Monday.").events)
    assert {("MAR", "DZA", "04"), ("DZA", "MAR", "04")} <= keys, keys
    assert not any(k[1] == "CHE" for k in keys), keys


def test_talks_between_three_states_go_every_way() -> None:
    keys = event_keys(
        extract("Talks between Peru, Chile and Bolivia on the shared aquifer ended on Friday.").events
    )
    wanted = {(a, b, "04") for a in ("PER", "CHL", "BOL") for b in ("PER", "CHL", "BOL") if a != b}
    assert wanted <= keys, keys


def test_trade_between_two_states_is_no_act_of_either() -> None:
    keys = event_keys(extract("Trade between Kenya and Uganda fell sharply last year.").events)
    assert ("UGA", "KEN", "06") not in keys, keys


def test_clashes_between_protesters_and_police_are_a_riot_both_ways() -> None:
    events = extract(
        "LIMA, May 3 - Dozens were hurt in clashes between protesters and police outside Congress in Lima."
    ).events
    keys = event_keys(events)
    assert ("PER", "PER", "14") in keys, keys
    assert ("PER", "PER", "19") not in keys, keys


def test_an_act_told_by_a_light_verb_s_relative_clause_is_its_subject_s() -> None:
    keys = event_keys(
        extract("Lithuania condemned the missile strike that Russia carried out on Kyiv on Sunday.").events
    )
    assert ("RUS", "UKR", "19") in keys, keys


def test_a_measure_a_relative_clause_says_who_imposed() -> None:
    keys = event_keys(
        extract("The tariffs, which Washington imposed on Ottawa in March, will stay, officials said.").events
    )
    assert ("USA", "CAN", "16") in keys, keys


def test_a_joined_clause_s_subject_is_no_target_of_the_first_verb() -> None:
    keys = event_keys(
        extract(
            "Estonia and Finland demanded her immediate release, and Canada condemned the arrest as unlawful."
        ).events
    )
    assert not {("EST", "CAN", "10"), ("FIN", "CAN", "10")} & keys, keys
