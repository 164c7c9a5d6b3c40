"""A bare definite plural ("the rebels", "the protesters", "the ministers") as a speaker repeats the group
the text named before with a noun of the same kind, on texts of our own (issue 16)."""

from __future__ import annotations

from conftest import quote_starting
from dyad.nlp.extract import extract


def speaker_of(text: str, quote: str) -> tuple[str, str | None, set[tuple[str, str | None]]]:
    found = quote_starting(extract(text, published="2024-05-02", id="test-repeated-group"), quote)
    assert found.speaker is not None
    actor = found.speaker.actor
    return actor.name, actor.country, {(m.name, m.country) for m in found.speaker.members}


def test_the_rebels_are_the_named_rebels_before() -> None:
    text = (
        "ELN guerrillas blew up an oil pipeline in Arauca on Thursday, the army said.\n\n"
        '"The pipeline feeds the companies that rob the region," the guerrillas said in a message.'
    )
    name, _, _ = speaker_of(text, "The pipeline feeds")
    assert "ELN" in name


def test_insurgents_repeat_a_named_armed_group_of_their_kind() -> None:
    text = (
        "The Kachin Independence Army overran two army outposts near Bhamo on Sunday. The insurgents said "
        'the outposts had been "abandoned by frightened soldiers".'
    )
    name, _, _ = speaker_of(text, "abandoned by frightened")
    assert name == "Kachin Independence Army"


def test_demonstrators_repeat_named_supporters() -> None:
    text = (
        "Supporters of the Patriotic Front gathered outside the courthouse in Lusaka. The demonstrators "
        'called the trial "a political execution".'
    )
    name, _, _ = speaker_of(text, "a political execution")
    assert "Patriotic Front" in name


def test_unnamed_rebels_stay_unnamed() -> None:
    text = (
        "M23 fighters shelled a village east of Goma on Sunday. On Monday, rebels attacked a police station "
        'in the north. "We acted in self-defence," the rebels said.'
    )
    name, _, _ = speaker_of(text, "We acted in self-defence")
    assert "M23" not in name


def test_the_ministers_are_the_two_named_ministers_who_met() -> None:
    text = (
        "Brazil's foreign minister, Mauro Vieira, met his Argentine counterpart, Gerardo Werthein, in "
        'Montevideo on Thursday. The ministers said the border bridge would be finished "within a year".'
    )
    _, _, members = speaker_of(text, "within a year")
    assert {country for _, country in members} == {"BRA", "ARG"}
