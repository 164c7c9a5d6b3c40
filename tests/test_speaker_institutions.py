"""A state's ministry or embassy speaking, named by its state's name or demonym, is named as the
institution ("Ministry of Foreign Affairs of Chile"), however the text words it; other bodies keep the words
the text uses. Sentences of our own."""

from __future__ import annotations

import pytest

from dyad.model import Speaker
from dyad.nlp.extract import extract


def _speaker(text: str, words: str) -> Speaker:
    extraction = extract(text, published="2024-06-03", id="test-speaker-institutions")
    quote = next(q for q in extraction.quotes if q.kind == "partial" and words in q.text)
    assert quote.speaker is not None, quote
    return quote.speaker


@pytest.mark.parametrize(
    ("text", "words", "name", "country"),
    [
        ('Chile\'s foreign ministry called the expulsion "a hostile act".', "a hostile act",
         "Ministry of Foreign Affairs of Chile", "CHL"),
        ('The Peruvian foreign ministry called the vote "deeply flawed".', "deeply flawed",
         "Ministry of Foreign Affairs of Peru", "PER"),
        ('Ghana\'s finance ministry described the deal as "a lifeline".', "a lifeline",
         "Ministry of Finance of Ghana", "GHA"),
        ('Canada\'s embassy in Manila called the detention "unacceptable".', "unacceptable",
         "Embassy of Canada", "CAN"),
        ('Vietnam\'s government called the claims "groundless".', "groundless",
         "Vietnam's government", "VNM"),
        ('The European Commission called the new fishing quotas "a fair balance".', "a fair balance",
         "European Commission", "EU"),
    ],
)  # fmt: skip
def test_a_state_body_speaks_by_its_institutional_name(
    text: str, words: str, name: str, country: str
) -> None:
    actor = _speaker(text, words).actor
    assert (actor.name, actor.country) == (name, country)


def test_a_person_speaking_for_a_ministry_has_it_by_its_institutional_name() -> None:
    speaker = _speaker(
        'A spokeswoman for Austria\'s interior ministry, Lisa Brenner, called the route "closed for good".',
        "closed for good",
    )
    assert speaker.actor.name == "Lisa Brenner"
    assert speaker.affiliation is not None and speaker.affiliation.name == "Ministry of Interior of Austria"
