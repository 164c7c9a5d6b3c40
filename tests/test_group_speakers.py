"""Group speakers named by a description: "both sides", "each side", "the two delegations", "both
governments", "they" after "She and X", "their coalition"; each resolved to the actors the text names
together, on texts written for these tests."""

from __future__ import annotations

import pytest

from dyad.model import Extraction, Quote
from dyad.nlp.extract import extract

ARTICLE = "\n\n".join(
    [
        "The governments of Peru and Bolivia opened talks in La Paz on Monday. Officials worked through "
        "the night on the customs text. The trade ministers signed a protocol at dawn. Both sides called "
        'the accord "a fair bargain". Each side accused the other of "dragging its feet" for years.',
        "Talks between Chad's government and the FACT rebels resumed in Doha. Qatar and its partners offered "
        'to host a second round. The two delegations called the first round "useful but slow".',
        "Senator Ines Marlow said the bill was late. She and Senator Tom Adeyemi later issued a statement "
        'saying the party would vote against it, which they called "a matter of principle".',
        'Rebel groups in the north warned of "a long war". Their coalition said it would talk "only to the '
        'army".',
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2024-05-06", id="test-group-speakers")


def quote_at(extraction: Extraction, words: str) -> Quote:
    found = [q for q in extraction.quotes if q.kind in ("direct", "partial") and q.text == words]
    assert found, f"no quotation {words!r}"
    return found[0]


def members(quote: Quote) -> list[str]:
    assert quote.speaker is not None
    return [m.name for m in quote.speaker.members]


def test_both_sides_is_the_pair_named_sentences_before(extraction: Extraction) -> None:
    found = members(quote_at(extraction, "a fair bargain"))
    assert len(found) == 2 and any("Peru" in m for m in found) and any("Bolivia" in m for m in found)


def test_each_side_is_the_same_pair(extraction: Extraction) -> None:
    found = members(quote_at(extraction, "dragging its feet"))
    assert len(found) == 2 and found == members(quote_at(extraction, "a fair bargain"))


def test_a_counted_group_needs_members_the_text_names(extraction: Extraction) -> None:
    found = members(quote_at(extraction, "useful but slow"))  # not "Qatar and its partners"
    assert len(found) == 2 and not any("Qatar" in m for m in found)
    assert any("Chad" in m for m in found) and any("FACT" in m for m in found)


def test_they_after_a_pronoun_and_a_name(extraction: Extraction) -> None:
    found = members(quote_at(extraction, "a matter of principle"))
    assert found == ["Ines Marlow", "Tom Adeyemi"]


def test_their_coalition_speaks_as_the_groups(extraction: Extraction) -> None:
    quote = quote_at(extraction, "only to the army")
    assert quote.speaker is not None and quote.speaker.actor.name.lower().startswith("rebel groups")


def test_persons_of_two_states_counted_as_governments_are_their_states() -> None:
    text = (
        "Brazilian President Luiz Inácio Lula da Silva and Argentine President Javier Milei met in Brasília. "
        "Lula said trade had to grow. Milei said he agreed. Both governments called the meeting "
        '"a new start".'
    )
    quote = quote_at(extract(text, published="2024-07-08", id="g"), "a new start")
    assert quote.speaker is not None
    assert sorted(m.country for m in quote.speaker.members if m.country) == ["ARG", "BRA"]
    assert "Milei" not in quote.speaker.actor.name  # the states, not the two presidents


def test_a_headline_side_is_named_in_the_body() -> None:
    text = (
        'Analysis: border talks stall, and each side blames the other\'s "bad faith and delay"\n\n'
        "Kenya and Somalia ended two days of talks in Nairobi on Friday without a deal."
    )
    found = members(quote_at(extract(text, published="2024-03-01", id="h"), "bad faith and delay"))
    assert sorted(found) == ["Kenya", "Somalia"]


def test_a_state_body_named_by_its_state_takes_its_institutional_name() -> None:
    text = (
        'Russia\'s foreign ministry called the seizure "piracy". The Japanese government called it '
        '"regrettable". Kenya\'s interior ministry called the protest "unlawful".'
    )
    found = {
        q.text: q.speaker.actor.name
        for q in extract(text, published="2024-02-02", id="b").quotes
        if q.speaker
    }
    assert found["piracy"] == "Ministry of Foreign Affairs of Russia"
    assert found["regrettable"] == "Government of Japan"
    assert found["unlawful"] == "Ministry of Interior of Kenya"
