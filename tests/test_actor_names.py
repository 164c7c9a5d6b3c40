"""Actor names and countries read from the phrase around a name: bodies named by an "of" complement,
counterparts, coordinated leaders. Our own sentences."""

from __future__ import annotations

import pytest

from dyad.model import Actor
from dyad.nlp.extract import extract


def _actor(text: str, mention: str) -> Actor:
    """The actor with a mention reading ``mention``."""
    actors = extract(text, published="2025-03-18").actors
    found = [a for a in actors if any(m.text == mention for m in a.mentions)]
    assert found, (mention, [(a.name, [m.text for m in a.mentions]) for a in actors])
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Norway's Ministry of Trade and Industry said exports fell.",
            "Norway's Ministry of Trade and Industry",
            "NOR",
        ),
        (
            "Kenya's Ministry of Public Service announced new rules.",
            "Kenya's Ministry of Public Service",
            "KEN",
        ),
        ("The statement by Peru's Ministry of Health said cases rose.", "Peru's Ministry of Health", "PER"),
        (
            "The Ministry of the Interior of Chile said two men were held.",
            "Ministry of the Interior of Chile",
            "CHL",
        ),
    ],
)
def test_a_body_is_named_with_its_of_complement(text: str, name: str, country: str) -> None:
    actor = _actor(text, name if not name.startswith("Ministry") else "The " + name)
    assert (actor.name, actor.country) == (name, country)


def test_two_ministries_of_one_state_are_two_actors() -> None:
    text = "Chile's Ministry of Mining and Chile's Ministry of Finance signed an agreement."
    assert _actor(text, "Chile's Ministry of Mining") != _actor(text, "Chile's Ministry of Finance")


def test_a_body_complement_ends_before_another_name() -> None:
    text = "Scientists at the University of Leeds and Blue Reef Surveys tagged the whales."
    assert _actor(text, "the University of Leeds").name == "University of Leeds"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "The Dutch envoy Eva Smit and her Kenyan counterpart, Special Envoy Amani Otieno, signed a pact.",
            "Amani Otieno",
            "KEN",
        ),
        (
            "Poland's defence minister met his Brazilian counterpart, Defence Minister Paulo Neves, in Rome.",
            "Paulo Neves",
            "BRA",
        ),
        (
            "Ireland's farm minister wrote to her Spanish counterpart, Minister Lucia Romero, about quotas.",
            "Lucia Romero",
            "ESP",
        ),
    ],
)
def test_a_titled_name_takes_the_country_of_the_noun_it_stands_in_apposition_to(
    text: str, name: str, country: str
) -> None:
    assert _actor(text, name).country == country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Officials in Brasilia said President Morrow and President Lula would meet. Brazil agreed.",
            "Morrow",
        ),
        (
            "Indian officials said Prime Minister Modi and Prime Minister Ashby spoke. Delhi agreed.",
            "Ashby",
        ),
        (
            "Kenyan media said President Ruto and President Calloway met in Nairobi. Kenya hosted them.",
            "Calloway",
        ),
    ],
)
def test_a_holder_of_one_office_coordinated_with_another_holder_is_not_of_that_state(
    text: str, name: str
) -> None:
    assert _actor(text, name).country is None


def test_holders_of_two_offices_coordinated_may_be_of_one_state() -> None:
    text = "Kenyan media said President William Ruto and Minister Otieno Wambua toured Mombasa."
    assert _actor(text, "Otieno Wambua").country == "KEN"
