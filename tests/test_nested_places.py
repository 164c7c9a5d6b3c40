"""A place named inside an organisation's name is no actor of its own: the organisation is, of the place's
country (nlp/actors.py); on sentences of our own, annotated before dyad was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import parsed
from dyad.nlp.actors import actor_for

# (text, organisation's name, its country, its sector)
_NESTED = [
    ("The University of Washington said it would join the trial.", "University of Washington", "USA", "EDU"),
    ("The Bank of England raised rates on Thursday.", "Bank of England", "GBR", "GOV"),
    (
        "The University of Toronto opened a laboratory for battery research.",
        "University of Toronto",
        "CAN",
        "EDU",
    ),
    ("The Bank of Ghana held its main lending rate steady at the meeting.", "Bank of Ghana", "GHA", "GOV"),
    (
        "Researchers at the University of Nairobi published the survey on Tuesday.",
        "University of Nairobi",
        "KEN",
        "EDU",
    ),
    (
        "The Central Bank of Kenya cut its benchmark rate by half a point.",
        "Central Bank of Kenya",
        "KEN",
        "GOV",
    ),
    ("The University of Tokyo and a carmaker signed a research deal.", "University of Tokyo", "JPN", "EDU"),
    ("The Bank of Korea warned that household debt was rising fast.", "Bank of Korea", "KOR", "GOV"),
    (
        "Students at the University of Ottawa marched against the fee rise.",
        "University of Ottawa",
        "CAN",
        "EDU",
    ),
    ("The Reserve Bank of India left its key rate unchanged.", "Reserve Bank of India", "IND", "GOV"),
    ("The Bank of Canada kept its key rate at three percent.", "Bank of Canada", "CAN", "GOV"),
    (
        "The University of Cape Town suspended classes after the protest.",
        "University of Cape Town",
        "ZAF",
        "EDU",
    ),
]


@pytest.mark.parametrize(("text", "name", "country", "sector"), _NESTED)
def test_place_inside_a_name_is_the_bodys(
    nlp: Language, text: str, name: str, country: str, sector: str
) -> None:
    doc = parsed(nlp, text, "2025-05-04")
    start = text.index(name)
    end = start + len(name)
    actor = actor_for(doc, start, end)
    assert actor is not None and (actor.country, actor.sector) == (country, sector), actor
    inside = [
        a
        for a in doc._.dyad_actors
        if a is not actor and all(start <= m.start and m.end <= end for m in a.mentions)
    ]
    assert not inside, inside


def test_place_outside_a_name_stays_an_actor(nlp: Language) -> None:
    """A control: the capital named on its own still stands for its government."""
    text = "The University of Washington said Washington had cut its research grants."
    doc = parsed(nlp, text, "2025-05-04")
    at = text.index("Washington had")
    actor = actor_for(doc, at, at + len("Washington"))
    assert actor is not None and (actor.country, actor.sector) == ("USA", "GOV"), actor
