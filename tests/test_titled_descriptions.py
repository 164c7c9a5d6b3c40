"""Speakers named by a bare description of their title ("the Chair", "the minister"): the nearest person
named with that title, chained through the same description; a capitalised body noun only for a body
named so (issue 16), on sentences of our own."""

from __future__ import annotations

import pytest

from conftest import quote_starting
from dyad.model import Extraction
from dyad.nlp.extract import extract

TEXT = "\n\n".join(
    [
        "The Chairperson of the Baltic Fisheries Council, Ingrid Solberg, opened the session in Riga on "
        'Monday. The Chairperson urged members to "cut quotas before the spring".',
        '"The cod will not wait for us," the Chairperson said.',
        "The talks were led by Tomas Keller, a veteran diplomat. Petra Lund, the harbour master, said the "
        'port would stay open. The diplomat said the new quotas were "a fair deal".',
        "The Nordic Shipping Union and the Port of Gdynia signed a pact on Wednesday. The Commission "
        'called the pact "premature".',
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(TEXT, published="2025-04-08", id="test-titled-descriptions")


def test_a_capitalised_title_is_the_person_named_with_it(extraction: Extraction) -> None:
    found = quote_starting(extraction, "cut quotas")
    assert found.speaker is not None and found.speaker.actor.name == "Ingrid Solberg"


def test_the_same_description_again_is_the_same_person(extraction: Extraction) -> None:
    found = quote_starting(extraction, "The cod will not wait")
    assert found.speaker is not None and found.speaker.actor.name == "Ingrid Solberg"


def test_a_description_is_the_person_of_that_title_not_the_last_subject(extraction: Extraction) -> None:
    found = quote_starting(extraction, "a fair deal")
    assert found.speaker is not None and found.speaker.actor.name == "Tomas Keller"


def test_a_capitalised_body_noun_is_no_other_body(extraction: Extraction) -> None:
    found = quote_starting(extraction, "premature")
    others = ("Nordic Shipping Union", "Port of Gdynia")
    assert found.speaker is None or found.speaker.actor.name not in others
