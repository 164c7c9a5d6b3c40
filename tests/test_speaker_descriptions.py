"""Speakers named by a description, a title, a capital or a body of an organisation, and a short quoted
sentence after a quote (issue 16, dev4's error classes), on sentences of our own."""

from __future__ import annotations

import pytest

from conftest import quote_starting
from dyad.model import Extraction
from dyad.nlp.extract import extract

TEXT = "\n\n".join(
    [
        '"Rents have doubled in two years," said Minister for Housing and Urban Affairs Karin Olsen.',
        "The Nordlys, a bulk carrier, reached Tromso on Monday. Its owner, the Danish company Havbro "
        "Shipping, said it would send two more ships this winter.",
        "The Aurora Dawn left Gdansk on Sunday. Its next voyage would carry steel to Morocco, its operator "
        "said.",
        "Moscow says the new pipeline will be finished by 2027.",
        'Fish stocks are "in free fall", the Food and Agriculture Organization of the United Nations (FAO) '
        "said on Monday.",
        "Nadia Rahim, the agency's field coordinator in Goma, said the camps were full. Cholera had spread "
        "to two more camps, the agency said.",
        '"The harbour is no longer our problem," the mayor of Narvik, Ola Berg, said. "Roads are."',
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(TEXT, published="2025-03-04", id="test-speaker-descriptions")


def test_a_title_with_a_coordinated_portfolio_is_the_person_it_names(extraction: Extraction) -> None:
    found = quote_starting(extraction, "Rents have doubled")
    assert found.speaker is not None and found.speaker.actor.name == "Karin Olsen"


def test_a_description_with_a_named_apposition_is_that_name(extraction: Extraction) -> None:
    found = quote_starting(extraction, "it would send")
    assert found.speaker is not None and "Havbro" in found.speaker.actor.name


def test_its_operator_is_the_operator_not_whoever_its_stands_for(extraction: Extraction) -> None:
    found = quote_starting(extraction, "Its next voyage")
    assert found.speaker is not None and found.speaker.actor.name == "operator"


def test_a_capital_speaks_as_its_state(extraction: Extraction) -> None:
    found = quote_starting(extraction, "the new pipeline")
    assert found.speaker is not None and found.speaker.actor.country == "RUS"
    assert found.speaker.actor.name == "Russia"


def test_a_body_of_an_organisation_is_the_body(extraction: Extraction) -> None:
    found = quote_starting(extraction, "in free fall")
    assert found.speaker is not None and "Food and Agriculture Organization" in found.speaker.actor.name
    assert found.speaker.actor.country == "UN"


def test_an_employers_name_before_a_possessive_is_not_an_office(extraction: Extraction) -> None:
    found = quote_starting(extraction, "Cholera had spread")
    # The speaker is the agency; a lost speaker would not show the rule works.
    assert found.speaker is not None and found.speaker.actor.name != "Nadia Rahim"


def test_a_short_sentence_after_a_quote_goes_on_with_it(extraction: Extraction) -> None:
    found = quote_starting(extraction, "Roads are.")
    assert found.kind == "direct"
    assert found.speaker is not None and found.speaker.actor.name == "Ola Berg"
