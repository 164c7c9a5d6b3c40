"""Group speakers named by a count ("the three leaders", "both parties", "each side") or by a region of
several states ("European leaders", "West African leaders"), and pronouns coordinated with a name, on
texts of our own (issue 16)."""

from __future__ import annotations

import pytest

from conftest import quote_starting
from dyad.codebooks.countries import supranational_regions
from dyad.model import Extraction, Speaker
from dyad.nlp.extract import extract

ARTICLE = "\n\n".join(
    [
        "Senator Maria Lopez has opposed the port sale since it was announced. She and Senator Tom Reed "
        'wrote to the regulator on Tuesday that the deal was "bad for the coast".',
        "Peru and Ecuador held a new round of border talks in Tumbes. Each side blamed the other's "
        '"reckless" patrols for the delay.',
        "The mediator, Anne Holm, welcomed the decision of the Free Army and the People's Front to send "
        'envoys to Oslo. "Talks are the only road left. Nobody else will stop the killing," the mediator '
        "said.",
        'The two movements have each told the panel that they are "ready to talk", according to Holm.',
        "Chile's Gabriel Boric, Colombia's Gustavo Petro and Brazil's president, Luiz Inácio Lula da Silva, "
        'met in Bogotá on Friday. The three leaders said the region could not wait "another decade" for '
        "a rail link.",
        "Norway's Labour Party agreed on Monday to govern with its old rival, the Centre Party. Both parties "
        'called the pact "a fresh start".',
    ]
)
TARIFFS = (
    "The United States announced new tariffs on steel on Wednesday. European leaders called the tariffs "
    '"unjustified" and promised a measured response.'
)
SUMMIT = (
    'West African leaders said on Sunday that the coup in Niger was "unacceptable". The Economic Community '
    "of West African States (ECOWAS) gave the junta a week to step down."
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2024-03-15", id="test-group-speakers")


def members(speaker: Speaker | None) -> set[tuple[str, str | None]]:
    assert speaker is not None
    return {(m.name, m.country) for m in speaker.members}


def test_a_pronoun_coordinated_with_a_name_is_a_second_member(extraction: Extraction) -> None:
    found = quote_starting(extraction, "bad for the coast")
    assert {name for name, _ in members(found.speaker)} == {"Maria Lopez", "Tom Reed"}


def test_each_side_is_one_of_the_pair_named_before(extraction: Extraction) -> None:
    found = quote_starting(extraction, "reckless")
    assert members(found.speaker) == {("Peru", "PER"), ("Ecuador", "ECU")}


def test_a_counted_description_looks_back_past_a_quote_paragraph(extraction: Extraction) -> None:
    found = quote_starting(extraction, "ready to talk")
    assert {name for name, _ in members(found.speaker)} == {"Free Army", "People's Front"}


def test_a_list_parsed_as_an_apposition_is_counted_whole(extraction: Extraction) -> None:
    found = quote_starting(extraction, "another decade")
    assert {country for _, country in members(found.speaker)} == {"CHL", "COL", "BRA"}


def test_a_party_governing_with_its_rival_named_in_apposition_is_a_pair(extraction: Extraction) -> None:
    found = quote_starting(extraction, "a fresh start")
    names = {name for name, _ in members(found.speaker)}
    assert any("Labour" in n for n in names) and any("Centre" in n for n in names)


def test_a_regions_leaders_are_of_no_single_state() -> None:
    found = quote_starting(extract(TARIFFS, published="2025-04-03", id="t1"), "unjustified")
    assert found.speaker is not None and found.speaker.actor.country is None  # not the article's USA


def test_a_regions_leaders_are_its_bloc_where_the_text_names_it() -> None:
    found = quote_starting(extract(SUMMIT, published="2023-08-06", id="t2"), "unacceptable")
    assert found.speaker is not None and found.speaker.actor.country == "ECOWAS"


def test_the_region_table_names_known_blocs_and_regions_without_one() -> None:
    table = supranational_regions()
    assert table["west african"] == "ECOWAS" and table["european"] is None


def test_one_of_a_group_named_just_before_is_of_the_groups_country() -> None:
    text = (
        "Fishing crews in Senegal stayed in port on Monday near the border with Gambia. One captain said "
        'foreign trawlers had left the coast "empty".'
    )
    found = quote_starting(extract(text, published="2024-04-08", id="t3"), "empty")
    assert found.speaker is not None and found.speaker.actor.country == "SEN"


def test_a_document_issued_with_a_meetings_close_speaks_for_its_issuers() -> None:
    text = (
        "Ministers of the Andean states closed their meeting in Quito with a joint declaration on Sunday. "
        'The declaration called illegal mining "a threat to the whole region".'
    )
    found = quote_starting(extract(text, published="2024-04-08", id="t4"), "a threat to the whole region")
    assert found.speaker is not None and "Ministers" in found.speaker.actor.name


def test_a_blocs_ministers_are_one_group_of_the_bloc_and_the_ministers_repeat_it() -> None:
    text = (
        "Trade ministers of the Group of 20 met in Jaipur on Thursday to discuss supply chains. The "
        'ministers said export curbs on grain were "a threat to the poorest". They called for "calm and open '
        'markets".'
    )
    extraction = extract(text, published="2023-08-25", id="t5")
    for words in ("a threat to the poorest", "calm and open markets"):
        found = quote_starting(extraction, words)
        assert found.speaker is not None
        assert (found.speaker.actor.name, found.speaker.actor.country) == ("G20 trade ministers", "G20")


def test_a_blocs_leaders_named_by_its_owner_are_the_blocs() -> None:
    text = (
        "The African Union opened its summit in Addis Ababa on Saturday. The bloc's leaders called the "
        'fighting in eastern Congo "a stain on the continent".'
    )
    found = quote_starting(extract(text, published="2024-02-17", id="t6"), "a stain on the continent")
    assert found.speaker is not None
    assert (found.speaker.actor.name, found.speaker.actor.country) == ("AU leaders", "AU")


def test_an_indefinite_count_brings_in_new_people_not_the_parties_named_before() -> None:
    text = (
        "Kenya and Uganda signed a rail accord in Kampala on Tuesday. Two officials who attended the signing "
        'said the first trains would run "within three years".'
    )
    found = quote_starting(extract(text, published="2024-05-14", id="t7"), "within three years")
    assert found.speaker is not None and not found.speaker.members
    assert found.speaker.actor.country is None


def test_a_regions_group_with_no_bloc_repeated_by_its_noun_stays_of_no_state() -> None:
    text = (
        "Baltic foreign ministers met in Riga on Friday to discuss the security of undersea cables. The "
        'three foreign ministers said the sabotage had been "no accident".'
    )
    found = quote_starting(extract(text, published="2025-01-24", id="t8"), "no accident")
    assert found.speaker is not None
    assert (found.speaker.actor.name, found.speaker.actor.country) == ("Baltic foreign ministers", None)


def test_one_of_them_after_a_counted_group_is_one_member_of_it() -> None:
    text = (
        "Two Chilean miners trapped for three days near Copiapo were brought to the surface on Friday. "
        '"We never stopped believing," one of them told reporters.'
    )
    found = quote_starting(extract(text, published="2024-06-14", id="t-one-of"), "We never stopped")
    assert found.speaker is not None
    assert (found.speaker.actor.name, found.speaker.actor.country) == ("Chilean miner", "CHL")
