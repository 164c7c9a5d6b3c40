"""Judging by a name (dyad.nlp.predicates._judged_by_name): a verb of naming with its object and what it is
called criticises (111) or, for a name of praise, approves (051); the name may be a participle or an
adjective the parser hangs anywhere after the object. Sentences of our own (gold/events_verbs.jsonl
verb-79..88, written before dyad ran on them: dev 3/7 before, 5/7 after; "called the presidential election
rigged" and "branded the European resolution biased" find no target). Left: a name the parser reads as a
clause with the object for its subject ("called Japan's textbook revision distorted")."""

from __future__ import annotations

import pytest

from dyad.nlp.extract import extract


def _coded(text: str) -> list[tuple[set[str | None], set[str | None], str]]:
    return [
        ({a.country for a in e.source}, {a.country for a in e.target}, e.cameo) for e in extract(text).events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adjective after "as", which the parser hangs as a clause of its own
        ("Kyiv described the Hungarian veto as shameful.", ({"UKR"}, {"HUN"}, "111")),
        # a participle the parser hangs on the object
        ("Lithuania called the Belarusian border closure coordinated.", ({"LTU"}, {"BLR"}, "111")),
        # a claim so named is rejected (127)
        ("Ottawa called the Indian accusations fabricated.", ({"CAN"}, {"IND"}, "127")),
    ],
)
def test_names_after_the_object(text: str, expected: tuple[set[str], set[str], str]) -> None:
    assert expected in _coded(text)


def test_a_participle_with_its_own_phrase_is_no_name() -> None:
    """ "the Chinese fishermen detained in Palawan": the participle describes the object, it names nothing."""
    text = "Beijing called the Chinese fishermen detained in Palawan heroes of the nation."
    assert not [c for c in _coded(text) if c[2] == "111"]
