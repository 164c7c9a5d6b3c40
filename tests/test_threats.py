"""Threats told without a verb of threatening (dyad.nlp.threats): a retaliation still to come, and a hostile
act made to hang on a condition. Sentences of our own."""

from __future__ import annotations

import pytest

from dyad.nlp.extract import extract


def _coded(text: str) -> list[tuple[set[str | None], set[str | None], str]]:
    return [
        ({a.country for a in e.source}, {a.country for a in e.target}, e.cameo)
        for e in extract(text).events
        if not e.negated
    ]


@pytest.mark.parametrize(
    ("text", "source", "target", "cameo"),
    [
        # a retaliation to come, against whom it is named
        ("Manila said it would retaliate against China.", "PHL", "CHN", "130"),
        # an act that "will not go unanswered": the sayer threatens the act's actor
        ("Tehran said Israel's strike would not go unanswered.", "IRN", "ISR", "130"),
        # a hostile act its actor says it will do on a condition threatens it: cutting ties (161), 1313
        (
            "Ankara would cut diplomatic ties with Vienna if Austria recognised the group, the Turkish "
            "foreign minister said.",
            "TUR",
            "AUT",
            "1313",
        ),
    ],
)
def test_threats(text: str, source: str, target: str, cameo: str) -> None:
    assert ({source}, {target}, cameo) in _coded(text)


@pytest.mark.parametrize(
    "text",
    [
        # answering questions threatens nobody
        "The Chilean ministry will respond to questions from Peruvian reporters on Monday.",
        # a retaliation done is its means' act, no threat
        "Chad retaliated against Sudan by closing the border.",
        # what the writer sees possible on a condition is no threat
        "Ankara could cut diplomatic ties with Vienna if Austria recognised the group.",
    ],
)
def test_no_threat(text: str) -> None:
    assert not [c for c in _coded(text) if c[2].startswith("13")]


def test_the_condition_is_no_threat() -> None:
    """The act threatened is the main clause's; the act in the condition is its occasion."""
    coded = _coded(
        "Kenya will impose tariffs on Uganda if Kampala bans Kenyan milk, its trade minister said."
    )
    assert ({"KEN"}, {"UGA"}, "1312") in coded
    assert not [c for c in coded if c[0] == {"UGA"} and c[2].startswith("13")]
