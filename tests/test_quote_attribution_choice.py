"""Which attribution a quote gets, on texts written for these tests: a pledge or call the quote hangs from
is its maker's words, not those of a speaker in the next clause; a document speaks for the body named
before it ("a navy report") or for the body of the official who reads it out; a subject the parser cut
from its participle ("ministers meeting in Lima") still speaks; a quote in a conjunct of a reported
clause's verb is the reporter's; a he inside a reported clause that already uses him for another person
is the reporter; "they" after "He and X" is the two of them."""

from __future__ import annotations

import pytest

from dyad.model import Extraction
from dyad.nlp.extract import extract
from quote_helpers import quotation_at, speaker

ARTICLE = "\n\n".join(
    [
        "Kenya's President William Ruto closed the trade fair in Mombasa with a promise to make exports "
        '"cheaper and quicker", but traders say port fees keep rising.',
        'A navy report seen on Friday called Somalia\'s coastguard "poorly equipped" for the task.',
        "Leaders of the Southern African Development Community met in Gaborone on Saturday. The bloc's "
        'executive secretary, Elias Magosi, read out a communique that called the unrest "deeply '
        'troubling".',
        "Nordic foreign ministers meeting in Oslo on Monday called for the talks to resume, saying the "
        'Sudanese army deserved "no further patience".',
        "Peru's foreign minister, Elmer Schialer, said the government welcomed the accord but would "
        '"study every clause".',
        "Tanzania's finance minister, Mwigulu Nchemba, said the opposition leader had criticised him over "
        'the budget, which he called "the fairest in a decade".',
        'Senator Ana Lima said the port deal was "rushed". She and senator Paulo Reis later issued a '
        "joint letter saying their committee would review the contract, which they described as "
        '"a gift to speculators".',
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2025-03-10", id="test-attribution-choice")


def test_a_promise_is_its_makers_not_a_speaker_in_the_next_clause(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "cheaper and quicker")
    assert speaker(quote) == "William Ruto"
    assert quote.cue is not None and quote.cue.text == "promise"


def test_a_body_named_before_a_report_is_its_author(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "poorly equipped")
    assert quote.speaker is not None and "navy" in quote.speaker.actor.name.lower()


def test_a_communique_read_out_is_the_readers_bodys(extraction: Extraction) -> None:
    assert speaker(quotation_at(extraction, "deeply troubling")) != "Elias Magosi"


def test_a_subject_cut_from_its_participle_still_speaks(extraction: Extraction) -> None:
    name = speaker(quotation_at(extraction, "no further patience")) or ""
    assert "ministers" in name


def test_a_quote_in_a_conjunct_of_a_reported_verb_is_the_reporters(extraction: Extraction) -> None:
    assert speaker(quotation_at(extraction, "study every clause")) == "Elmer Schialer"


def test_he_in_a_reported_clause_that_uses_him_for_another_is_the_reporter(extraction: Extraction) -> None:
    assert speaker(quotation_at(extraction, "the fairest in a decade")) == "Mwigulu Nchemba"


def test_they_after_he_and_another_is_both(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "a gift to speculators")
    assert quote.speaker is not None
    assert {m.name for m in quote.speaker.members} == {"Ana Lima", "Paulo Reis"}
