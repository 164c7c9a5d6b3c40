"""Precision errors of events (issue 15): a party the actor's own phrase names ("Khartoum withdrew its
troops", "Moscow recalled its ambassador") is not whom its act is done to; an act told in an if or unless
clause ("would retaliate if Uganda banned Kenyan milk") is no act done; speaking to a news outlet is an
interview, no consultation; attacking a party for something is criticism, not force; beating a rival in a
game or a vote is no fight; an act asked about is not done; a rally of the government's own people is no
protest against it. Sentences of our own
(gold/events_self.jsonl), written and annotated before dyad ran on them; each lists the keys that must be
read and the keys that must not."""

from __future__ import annotations

from conftest import ROOT, event_keys, gold_records, reads_right
from dyad.nlp.extract import extract

GOLD = ROOT / "gold" / "events_self.jsonl"
RECORDS = gold_records(GOLD)
# Dev texts read right: 4 of 7 before the own-party and condition rules, 5 after (own-3's story pair is
# never told: "clashed" is no event; own-4's recall of an ambassador, no yielding, is not given to the
# story's other state). With the interview and words-of-force texts: 15 of 23 before those rules, 20 after
# (verbal-4's "attacked ... on migration": only a gerund after "on" is read as the matter). With the
# contest and question texts: 26 of 40 before those rules, 37 after; with the rally texts 40 of 48 before
# the rally rule, 45 after; with the same-country texts (titles, own embassies, platforms) 54 of 61 before
# the platform rule (platform-1..5 read the platform as a party of the speaker's country), 58 after.
DEV_FLOOR = 58


def test_self_dev_floor() -> None:
    right = [r["id"] for r in RECORDS if r["split"] == "dev" and reads_right(r)]
    assert len(right) >= DEV_FLOOR, right


def test_an_act_in_an_if_clause_is_not_done() -> None:
    events = extract("Kenya said it would retaliate if Uganda banned Kenyan milk.").events
    assert not any(k[0] == "UGA" for k in event_keys(events, with_negated=True))


def test_a_conditional_threat_is_still_read() -> None:
    events = extract("Kenya threatened to ban Ugandan sugar if Kampala banned Kenyan milk.").events
    assert ("KEN", "UGA", "13") in event_keys(events, with_negated=True)
    assert not any(k[0] == "UGA" for k in event_keys(events, with_negated=True))


def test_an_envoy_of_one_s_own_is_not_the_target() -> None:
    events = extract(
        "Lithuania expelled two Russian diplomats on Monday. Moscow recalled its ambassador."
    ).events
    assert ("RUS", "RUS", "16") not in event_keys(events, with_negated=True)


def test_a_pronoun_of_another_party_keeps_its_target() -> None:
    """ "his" is not the police's, "their" not a government's: the party is whom the act is done to."""
    arrest = extract("Police in Kampala arrested his supporters on Monday after Bobi Wine returned.").events
    assert ("UGA", "UGA", "17") in event_keys(arrest, with_negated=True)
    ban = extract("Kenya's government banned their newspaper after the journalists criticised the president.")
    assert ("KEN", "KEN", "17") in event_keys(ban.events, with_negated=True)


def test_an_interview_is_no_consultation() -> None:
    events = extract("Kenya's foreign minister spoke to the BBC on Monday about the border dispute.").events
    assert not any(k[0] == "KEN" and k[2] == "04" for k in event_keys(events, with_negated=True))


def test_a_counterpart_is_still_consulted() -> None:
    events = extract("Japan's foreign minister spoke with his South Korean counterpart by telephone.").events
    assert ("JPN", "KOR", "04") in event_keys(events, with_negated=True)


def test_attacking_a_party_for_something_is_criticism() -> None:
    keys = event_keys(extract("China attacked the United States on Monday for its tariffs on steel.").events)
    assert ("CHN", "USA", "11") in keys
    assert ("CHN", "USA", "19") not in keys


def test_force_told_with_its_time_stays_force() -> None:
    text = "Israeli jets attacked Syrian army positions near Damascus for the second day running."
    assert ("ISR", "SYR", "19") in event_keys(extract(text).events)


def test_a_win_in_a_game_is_no_fight() -> None:
    events = extract("Brazil beat Argentina 2-1 in the Copa America final on Sunday.").events
    assert not any(k[:2] == ("BRA", "ARG") for k in event_keys(events, with_negated=True))


def test_troops_defeating_forces_still_fight() -> None:
    events = extract("Azerbaijani troops defeated Armenian forces near Shusha after days of fighting.").events
    assert ("AZE", "ARM", "19") in event_keys(events)


def test_an_act_asked_about_is_not_done() -> None:
    whether = extract("Analysts questioned whether Russia had attacked the Ukrainian pipeline.").events
    assert not any(k[0] == "RUS" for k in event_keys(whether, with_negated=True))
    question = extract("Did Pakistan arrest the Indian fishermen before the talks?").events
    assert not any(k[0] == "PAK" for k in event_keys(question, with_negated=True))


def test_an_act_said_done_is_still_read() -> None:
    events = extract("Iran said on Tuesday that it had released the French citizens.").events
    assert ("IRN", "FRA", "08") in event_keys(events)


def test_a_president_s_rally_is_no_protest() -> None:
    events = extract("President Trump held a campaign rally in Tulsa on Saturday.").events
    assert ("USA", "USA", "14") not in event_keys(events, with_negated=True)


def test_citizens_protesting_still_protest() -> None:
    events = extract("Thousands of Serbians protested in Belgrade on Saturday against the government.").events
    assert ("SRB", "SRB", "14") in event_keys(events)
