"""A speaker named by a bare role noun of a state's or a society's own bodies ("police", "unions", "the
opposition") is of the country the text is about; a role tied to another body in its own phrase is not.
Sentences of our own."""

from __future__ import annotations

import pytest

from dyad.model import ActorRef
from dyad.nlp.extract import extract


def _speaker(text: str, words: str) -> ActorRef:
    extraction = extract(text, published="2024-06-03", id="test-speaker-countries")
    quote = next(q for q in extraction.quotes if q.kind in ("direct", "partial") and words in q.text)
    assert quote.speaker is not None, quote
    return quote.speaker.actor


@pytest.mark.parametrize(
    ("text", "words", "country"),
    [
        ("Thailand reopened two border crossings on Monday. Thai traders had waited for weeks, and Bangkok "
         "said trade with Myanmar would resume. Authorities said the crossings would stay open "
         '"around the clock".',
         "around the clock", "THA"),
        ("Protests spread across Kenya on Tuesday against the finance bill. Unions called the bill "
         '"a tax on survival".', "a tax on survival", "KEN"),
        ("Peru's president dissolved Congress on Wednesday. The opposition called the move "
         '"a coup in all but name".', "a coup in all but name", "PER"),
    ],
)  # fmt: skip
def test_a_home_body_by_its_role_is_of_the_text_country(text: str, words: str, country: str) -> None:
    assert _speaker(text, words).country == country


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The International Monetary Fund approved a new loan to Kenya on Monday. A spokesperson for the "
         'fund called the plan "credible".', "credible"),
    ],
)  # fmt: skip
def test_staff_of_another_body_are_not_of_the_text_country(text: str, words: str) -> None:
    assert _speaker(text, words).country != "KEN"


def _members(text: str, words: str) -> list[tuple[str, str | None]]:
    extraction = extract(text, published="2024-06-03", id="test-speaker-countries")
    quote = next(q for q in extraction.quotes if q.kind == "partial" and words in q.text)
    assert quote.speaker is not None, quote
    return [(m.name, m.country) for m in quote.speaker.members]


def test_a_member_without_a_country_shares_the_others_of_the_text_country() -> None:
    members = _members(
        "Olaf Scholz and Lena Hartwig, the head of his party's youth wing, toured Dresden on Monday, a day "
        'after the French president\'s visit to Berlin. They said the vote would be "a test for the centre".',
        "a test for the centre",
    )
    assert members == [("Olaf Scholz", "DEU"), ("Lena Hartwig", "DEU")]


def test_a_state_named_by_another_name_is_of_its_country() -> None:
    members = _members(
        'Britain and Norway signed a gas deal in Oslo on Monday. The two countries called it "a bridge to '
        'net zero".',
        "a bridge to net zero",
    )
    assert members == [("Britain", "GBR"), ("Norway", "NOR")]


def test_officials_in_two_states_are_a_group_of_both() -> None:
    members = _members(
        'Officials in Kenya and Uganda said the outbreak was "under control".', "under control"
    )
    assert [country for _, country in members] == ["KEN", "UGA"]


def test_a_person_keeps_the_country_of_her_first_mention_when_named_by_a_pronoun() -> None:
    text = (
        "Egypt and Ethiopia ended another round of talks on the dam on Monday.\n\n"
        '"The river is our life," said Hafsa Nour, a water researcher at the University of Khartoum.\n\n'
        'Sudan has asked to join the talks. She called the talks "a closed room" for her country.'
    )
    assert _speaker(text, "a closed room") == _speaker(text, "The river is our life")
    assert _speaker(text, "a closed room").country == "SDN"


def test_a_judge_the_index_gives_no_country_is_of_the_text_country() -> None:
    text = (
        "Kenya's High Court blocked the deployment of police officers to Haiti on Friday, a setback for the "
        'United States, which had funded the mission. Judge Amos Wekesa called the plan "unconstitutional".'
    )
    assert _speaker(text, "unconstitutional").country == "KEN"


def test_a_known_persons_namesake_placed_elsewhere_is_of_that_place_later_too() -> None:
    text = (
        "Plumbers in Cape Town say water restrictions have cut their work by half. David Lammy, a plumber "
        'in Cape Town\'s southern suburbs, said orders had "dried up". Lammy said he had "never seen it this '
        'bad".'
    )
    first, later = _speaker(text, "dried up"), _speaker(text, "never seen it this bad")
    assert (first.name, first.country) == ("David Lammy", "ZAF")
    assert later.country == "ZAF"


def test_a_known_person_visiting_a_place_keeps_their_country() -> None:
    text = (
        "Ukraine's president met foreign visitors in Kyiv on Wednesday. Antony Blinken, a frequent visitor "
        'to Kyiv, said more help was "on the way".'
    )
    assert _speaker(text, "on the way").country == "USA"


def test_staff_of_an_international_body_speak_for_it_not_for_where_they_serve() -> None:
    # Session 12, sentences of our own: a person the knowledge base does not know, named with an
    # international organisation and the country of his posting, is of the organisation.
    extraction = extract(
        "Jonas Berg, the UNHCR representative in Uganda, said arrivals had doubled.",
        published="2025-02-11",
        id="test-igo-staff",
    )
    countries = {q.text: q.speaker.actor.country for q in extraction.quotes if q.speaker is not None}
    assert countries["arrivals had doubled"] == "UN"
