"""Reported speech spans (session 12): cues written with their particle or adverb, sources with their
participles or as a relative pronoun, parenthetical frames, and infinitives that report no statement.
Sentences of our own."""

from __future__ import annotations

import pytest

from dyad.model import Extraction, Quote
from dyad.nlp.extract import extract

ARTICLE = "\n\n".join(
    [
        "The opposition party has also called on voters to stay at home.",
        "The finance minister also said the deficit would shrink next year.",
        "She pointed out that fuel prices had fallen since March.",
        "A report released on Monday by the statistics office said that exports had doubled.",
        "The tariffs were defended by a trade spokesperson, Ines Varga, who said the duties were lawful.",
        "The new corridor, the aid agency said, would open within a week.",
        "The two presidents agreed to meet again in the spring.",
        "A senior diplomat, who asked not to be named, said the ceasefire was holding.",
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2025-05-06", id="test-reported-spans")


def reported(extraction: Extraction, words: str) -> Quote:
    for quote in extraction.quotes:
        if quote.kind in ("indirect", "belief") and quote.text.startswith(words):
            return quote
    raise AssertionError(f"no reported speech starting {words!r}: {[q.text for q in extraction.quotes]}")


def test_cue_keeps_its_particle_and_adverbs(extraction: Extraction) -> None:
    called = reported(extraction, "to stay at home")
    assert called.cue is not None and called.cue.text == "has also called on"
    also = reported(extraction, "the deficit")
    assert also.cue is not None and also.cue.text == "also said"
    pointed = reported(extraction, "fuel prices")
    assert pointed.cue is not None and pointed.cue.text == "pointed out"


def test_source_keeps_a_participle_that_describes_it(extraction: Extraction) -> None:
    quote = reported(extraction, "exports had doubled")
    assert quote.source is not None
    assert quote.source.text == "A report released on Monday by the statistics office"


def test_relative_pronoun_is_the_written_source_and_its_noun_speaks(extraction: Extraction) -> None:
    quote = reported(extraction, "the duties were lawful")
    assert quote.source is not None and quote.source.text == "who"
    assert quote.speaker is not None and quote.speaker.actor.name == "Ines Varga"


def test_parenthetical_frame_reports_the_whole_clause(extraction: Extraction) -> None:
    quote = reported(extraction, "The new corridor")
    assert quote.text == "The new corridor, the aid agency said, would open within a week"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.source is not None and quote.source.text == "the aid agency"


def test_agreeing_to_act_and_asking_anonymity_state_nothing(extraction: Extraction) -> None:
    texts = [q.text for q in extraction.quotes]
    assert not any(t.startswith("to meet again") for t in texts)
    assert not any("to be named" in t for t in texts)
    assert any(t == "the ceasefire was holding" for t in texts)


def test_blame_reports_whom_and_what_for() -> None:
    extraction = extract(
        "The relief agency blamed the border guards for the delays at the crossing.",
        published="2025-05-06",
        id="test-blame",
    )
    quote = reported(extraction, "the border guards")
    assert quote.text == "the border guards for the delays at the crossing"
    assert quote.cue is not None and quote.cue.text == "blamed"


def test_a_closing_relative_frame_is_another_attribution() -> None:
    extraction = extract(
        "The senator said the treasury had refused to fund the dam, which she called a betrayal of the west.",
        published="2025-05-06",
        id="test-relative-frame",
    )
    quote = reported(extraction, "the treasury")
    assert quote.text == "the treasury had refused to fund the dam"
