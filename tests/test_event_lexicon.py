"""Which entry codes a predicate: light and intent verbs coded by the pattern naming their object, phrasal
verbs, intents told as done, and verbs of speaking with no party. Our own sentences."""

from __future__ import annotations

import pytest

from dyad.codebooks.cameo import intended_acts
from dyad.nlp.pipeline import load_pipeline


def _keys(sentence: str) -> set[tuple[str | None, str | None, str]]:
    doc = load_pipeline("md")(sentence)
    return {(s.country, t.country, e.cameo) for e in doc._.dyad_events for s in e.source for t in e.target}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a light verb whose object is no predicate of the lexicon: the pattern naming the object codes it
        ("Peru expressed solidarity with Chile after the earthquake.", ("PER", "CHL", "051")),
        ("Mexico's president offered condolences to Guatemala after the landslide.", ("MEX", "GTM", "016")),
        # a plural pattern ("issue arrest warrants") holds for the singular
        ("A Spanish court issued an arrest warrant for Bolivia's former president.", ("ESP", "BOL", "173")),
        # phrasal verbs the dictionary lacks
        ("Ukraine on Tuesday handed back two Russian pilots.", ("UKR", "RUS", "084")),
        ("Ecuador's Congress voted to hold Peru's ambassador in contempt.", ("ECU", "PER", "173")),
        # an object pattern of ours refines a root-level entry of ours ("suspend": 160)
        ("The president of Tunisia suspended parliament on Sunday.", ("TUN", "TUN", "172")),
        # helping negotiate is mediating
        ("Norway helped negotiate the truce between Colombia and the rebels.", ("NOR", "COL", "045")),
        # speaking on the telephone is a call, both ways
        ("The presidents of Chile and Peru spoke on the phone on Friday.", ("PER", "CHL", "041")),
    ],
)
def test_pattern_codes_what_the_lexicon_does_not(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in _keys(sentence)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        # a particle the patterns know gives the verb another sense than the lexicon's "back" (051)
        ("Japan backed down in its dispute with China.", "051"),
        ("Turkey has sent back thousands of Syrians since June.", "070"),
        # speaking about something is no consultation
        ("Austria's chancellor spoke about Germany's border controls.", "040"),
        # delivering a speech is no aid
        ("Ghana's president delivered a speech to parliament.", "070"),
        # holding an election intends nothing towards another party (PETRARCH: 0341)
        ("Canada held a general election to choose the House of Commons.", "0341"),
        # what a light verb of expressing expresses stays an intent, however done (PETRARCH: 033, not 070)
        ("Kenya voiced readiness to help Somalia.", "070"),
    ],
)
def test_no_reading_the_context_rules_out(sentence: str, wrong: str) -> None:
    assert wrong not in {code for _, _, code in _keys(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # PETRARCH codes supplying aircraft as an intent to give military aid (0332): supplied, it is the aid
        ("Russia supplied fighter jets to Mali last year.", ("RUS", "MLI", "072")),
        ("Russia has supplied attack helicopters to Mali.", ("RUS", "MLI", "072")),
        ("Russia will supply attack helicopters to Mali.", ("RUS", "MLI", "070")),
        # and making a stop in a country as an intent to meet (036): made, it is the meeting's root
        ("Kenya's foreign minister made a stop in Uganda last week.", ("KEN", "UGA", "040")),
        ("Kenya's foreign minister will make a stop in Uganda next week.", ("KEN", "UGA", "036")),
        # offering to supply stays an offer
        ("Russia offered to supply attack helicopters to Mali.", ("RUS", "MLI", "030")),
    ],
)
def test_an_intent_told_as_done_is_the_act(sentence: str, expected: tuple[str, str, str]) -> None:
    keys = _keys(sentence)
    assert expected in keys
    assert not (expected[2] == "030" and ("RUS", "MLI", "072") in keys)


def test_a_thing_launched_is_no_party_to_the_attack() -> None:
    assert ("RUS", "UKR", "194") in _keys("Russia launched forty drones at Kharkiv from the Belgorod region.")
    assert not any(
        code == "194" for _, _, code in _keys("Forty drones were launched at Kharkiv from Belgorod.")
    )


def test_every_intent_maps_to_an_act() -> None:
    acts = intended_acts()
    assert acts["0332"] == "072" and acts["036"] == "040"
    assert all(i.startswith("03") and not a.startswith("03") for i, a in acts.items())
