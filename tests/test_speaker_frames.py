"""Quote speakers named outside the quote's own cue (sentences of our own): a pronoun in the paragraph
after the quotes of a named person, a lone surname after the full name, a description with a nationality
("the Kenyan leader"), "They" after plural role nouns opening a sentence, a quotation set off by dashes,
and a speaker the next sentence names by pointing back at the words ("With those words, X")."""

from __future__ import annotations

import pytest

from dyad.model import Quote
from dyad.nlp.extract import extract


def _quote(text: str, words: str) -> Quote:
    extraction = extract(text, published="2024-06-03", id="test-speaker-frames")
    for quote in extraction.quotes:
        if quote.kind in ("direct", "partial") and words in quote.text:
            return quote
    raise AssertionError(f"no quotation holding {words!r}: {[q.text for q in extraction.quotes]}")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # the parser runs the pronoun's sentence into the next paragraph's "..., said X"
            "ROME, Oct 9 (Wire) – Italian Economy Minister Marco Bellini cut the government's growth "
            'forecast on Wednesday. "The economy is stuck," he said. "We need investment, not excuses."'
            '\n\nHe said the budget rules were "out of date".\n\n"The minister is blaming everyone but '
            'himself," said Paolo Conti, leader of the opposition Democrats.',
            "out of date",
            "Marco Bellini",
        ),
        (  # a surname the actor index did not link to the full name it knows under another
            "Ugandan opposition leader Bobi Wine addressed supporters in Kampala on Sunday.\n\nWine said "
            'the vote had been "stolen in broad daylight".',
            "stolen in broad daylight",
            "Bobi Wine",
        ),
        (  # a description with a nationality: the nearest named person of that country
            "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on "
            'Monday. The Kenyan leader called the talks "frank and friendly".',
            "frank and friendly",
            "William Ruto",
        ),
        (
            "Tanzanian President Samia Suluhu Hassan met Kenyan President William Ruto in Arusha on "
            'Monday. The Tanzanian leader called the border dispute "a family matter".',
            "a family matter",
            "Samia Suluhu Hassan",
        ),
        (  # a quotation between dashes glosses its clause: the clause's subject speaks
            'The head of the Red Cross delegation, Maria Jensen, gave a blunt warning on Tuesday – "the '
            'wells are empty" – and asked the army for water tankers.',
            "the wells are empty",
            "Maria Jensen",
        ),
        (  # the dash before the quotation closes an aside, whose own verb does not speak (a guard)
            "Senator Paul Okoro answered the minister — which local papers called a rare rebuke — "
            '"This law shames every one of us."',
            "This law shames every one of us.",
            "Paul Okoro",
        ),
        (
            '"We are leaving the table for good." With those words, union negotiator Carla Mendes walked '
            "out of the wage talks on Thursday.",
            "We are leaving the table for good.",
            "Carla Mendes",
        ),
        (
            '"The whole harvest is lost." So said Ibrahim Sow, a rice farmer near Mopti, standing in his '
            "flooded field.",
            "The whole harvest is lost.",
            "Ibrahim Sow",
        ),
        (
            '"Nobody listens to the night shift." Those were the words of Elena Petrova, a nurse in Varna.',
            "Nobody listens to the night shift.",
            "Elena Petrova",
        ),
    ],
)
def test_speaker_named_outside_the_cue(text: str, words: str, speaker: str) -> None:
    quote = _quote(text, words)
    assert quote.speaker is not None and quote.speaker.actor.name == speaker, quote.speaker


def test_pronoun_takes_the_country_its_antecedent_was_named_with() -> None:
    text = (
        "Ugandan opposition leader Bobi Wine said on Monday that police had beaten his supporters. "
        '"They want us to be afraid," he told reporters.'
    )
    quote = _quote(text, "They want us to be afraid")
    assert quote.speaker is not None and quote.speaker.actor.country == "UGA", quote.speaker


def test_they_after_plural_role_noun_opening_the_sentence() -> None:
    text = (
        "NAIROBI, March 4 (Wire) – Ministers from Kenya, Ethiopia and Somalia met in Nairobi on Monday "
        'to coordinate drought relief. They called for "urgent funding" for herders.'
    )  # after a dateline the tagger takes "Ministers" for a name
    quote = _quote(text, "urgent funding")
    assert quote.speaker is not None
    assert {m.country for m in quote.speaker.members} == {"KEN", "ETH", "SOM"}, quote.speaker


def test_person_the_recogniser_took_for_a_place_keeps_the_organisation_named_with_him() -> None:
    text = (
        "MARRAKESH, Oct 12 (Wire) – The head of the World Bank, Ajay Banga, told finance ministers on "
        'Thursday that growth in poor countries was "far too slow".'
    )
    quote = _quote(text, "far too slow")
    assert quote.speaker is not None and quote.speaker.affiliation is not None, quote.speaker
    assert quote.speaker.affiliation.name == "World Bank"
