"""Bodies no table knows, read from the words of their names (codebooks/body_words.tsv, nlp/body_names.py),
and table bodies another state's name claims; on sentences of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import actor_of, coded
from dyad.codebooks.body_words import body_words, read_name
from dyad.model import SECTORS

_DAY = "2025-05-04"


def test_table_of_body_words() -> None:
    table = body_words()
    assert all(w.sector in (*SECTORS, "ARMED", None) for w in table.values())
    # A portfolio or cause is read before the kind of body it names.
    assert table[("state", "security")].rank < table[("ministry",)].rank
    assert table[("independence",)].rank < table[("army",)].rank


@pytest.mark.parametrize(
    ("name", "state_words", "expected"),
    [
        ("ministry of state security", (), (True, "SPY")),
        ("ministry of public security", (), (True, "COP")),
        ("ministry of internal affairs", (), (True, "GOV")),
        ("hill country independence army", (), (True, "REB")),
        ("movement for the liberation of the north", (), (True, "REB")),
        ("lowland people's party", (), (True, "PTY")),
        ("ruritanian defence force", (0,), (True, "MIL")),  # a state's own army
        ("ruritanian special forces", (0,), (True, "MIL")),
        ("3rd army", (), (True, "MIL")),
        ("redwater army", (), (True, "REB")),  # an army named by anything but a state is a group's
        ("free ruritanian army", (1,), (True, "REB")),
        ("toronto congress centre", (), (False, None)),  # no body's head noun ends it
        ("order in council", (), (False, None)),  # the head is the word before "in"
        ("union", (), (False, None)),  # a head noun alone is no name
        ("salvation army", (), (True, "NGO")),
        ("party for socialism and liberation", (), (True, "PTY")),  # a party's name says so first
        ("national disaster response force", (), (True, "MIL")),  # a force in the singular: a state's
        ("european weather agency", (), (True, "IGO")),  # an agency of several states
        ("electoral college", (), (True, "GOV")),
        ("national transitional council", (), (True, "REB")),  # rebels' or separatists' council
        ("transitional national council", (), (True, "REB")),
        ("transitional military council", (), (True, "MIL")),  # a junta's
        ("national security council", (), (True, "GOV")),
    ],
)
def test_sector_of_a_name(name: str, state_words: tuple[int, ...], expected: tuple[bool, str | None]) -> None:
    reading = read_name(name.split(), state_words)
    assert (reading is not None, reading.sector if reading else None) == expected


def test_bodies_named_by_their_words(nlp: Language) -> None:
    text = "The Ministry of Public Security in Hanoi said the consultancy had stolen data."
    assert coded(nlp, text, "Ministry of Public Security", _DAY) == ("VNM", "COP")
    text = "Cuba's Directorate of Intelligence denied the report."
    assert coded(nlp, text, "Directorate of Intelligence", _DAY) == ("CUB", "SPY")
    text = "The Kachin Independence Army captured a border post from Myanmar's military on Sunday."
    assert coded(nlp, text, "Kachin Independence Army", _DAY) == ("MMR", "REB")
    text = "The Rwandan Defence Force said it had closed the border with Burundi."
    assert coded(nlp, text, "Rwandan Defence Force", _DAY) == ("RWA", "MIL")
    text = "The Sahel Liberation Front said it had attacked a convoy near Gao in Mali."
    assert coded(nlp, text, "Sahel Liberation Front", _DAY) == ("MLI", "REB")
    text = "Nigeria's Department of State Services detained two journalists in Abuja."
    assert coded(nlp, text, "Department of State Services", _DAY) == ("NGA", "SPY")


def test_name_against_a_fuller_one_of_the_knowledge_base(nlp: Language) -> None:
    """A state's army by its words is not the armed group whose fuller name the knowledge base knows."""
    assert coded(nlp, "The Syrian Army shelled two towns near Idlib.", "Syrian Army", _DAY) == ("SYR", "MIL")


def test_table_body_of_another_state(nlp: Language) -> None:
    text = "Kenya's Ministry of Defence said two soldiers had been wounded."
    assert coded(nlp, text, "Ministry of Defence", _DAY) == ("KEN", "MIL")
    text = "The Workers' Party of Brazil chose its candidate."
    assert coded(nlp, text, "Workers' Party", _DAY) == ("BRA", "PTY")
    text = "The Ministry of Defence in London said so."
    assert coded(nlp, text, "Ministry of Defence", _DAY) == ("GBR", "MIL")


def test_a_body_of_the_tables_inside_a_name_keeps_its_reading(nlp: Language) -> None:
    # The name begins with a body the tables know and no other state is named: that body's, not a body
    # read from its words with a country taken from elsewhere in the sentence.
    text = "The US Treasury Department said it had frozen the assets of four Colombian generals."
    assert coded(nlp, text, "Treasury Department", _DAY) == ("USA", "GOV")
    text = "The African Union Commission urged Sudan's army to lift the siege."
    assert coded(nlp, text, "African Union", _DAY) == ("AU", "IGO")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (
            "Members of the Social Democratic Party voted on Sunday to leave the coalition in Vienna.",
            "Social Democratic Party",
        ),
        (
            "Leaders of the Christian Democratic Party met in Bern on Tuesday to pick a new chairman.",
            "Christian Democratic Party",
        ),
    ],
)
def test_word_before_a_table_body_names_another(nlp: Language, text: str, mention: str) -> None:
    """A word no table knows before a body of the tables names another body, not the US party."""
    actor = actor_of(nlp, text, mention, _DAY)
    assert actor is None or actor.country != "USA", actor


def test_state_before_a_table_body_keeps_it(nlp: Language) -> None:
    text = "The Iowa Democratic Party said on Monday that the caucus results would come late."
    assert coded(nlp, text, "Iowa Democratic Party", _DAY) == ("USA", "PTY")


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        (
            "Crews from the Nairobi Fire Service put out the blaze at the market by midnight.",
            "Nairobi Fire Service",
            "KEN",
        ),
        (
            "The Ankara Chamber Orchestra will tour four cities in the spring.",
            "Ankara Chamber Orchestra",
            "TUR",
        ),
    ],
)
def test_capital_inside_a_name_is_no_government(nlp: Language, text: str, mention: str, country: str) -> None:
    """A capital's name inside a longer name gives the body's country, not the capital's government."""
    assert coded(nlp, text, mention, _DAY) == (country, None)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("The Bolivian Red Cross sent medics to the mining town.", "Bolivian Red Cross", ("BOL", "NGO")),
        ("The Jordan Red Crescent handed out blankets in Zarqa.", "Jordan Red Crescent", ("JOR", "NGO")),
        (
            "The Uganda Red Cross Society trained volunteers in Gulu.",
            "Uganda Red Cross Society",
            ("UGA", "NGO"),
        ),
    ],
)
def test_national_branch_of_a_movement(
    nlp: Language, text: str, mention: str, expected: tuple[str, str]
) -> None:
    """A state's name before a movement of no state (the Red Cross) names its national society."""
    assert coded(nlp, text, mention, _DAY) == expected


def test_party_named_with_a_body_word_is_no_organ_of_it(nlp: Language) -> None:
    text = "The Alliance Party of Kenya said it would join the opposition."
    assert coded(nlp, text, "Alliance Party", _DAY) == ("KEN", "PTY")


def test_school_stands_where_its_name_places_it(nlp: Language) -> None:
    text = "The German University in Cairo opened a new engineering faculty."
    assert coded(nlp, text, "German University in Cairo", _DAY) == ("EGY", "EDU")
    text = "Students of the French University of Lahore staged a sit-in."
    assert coded(nlp, text, "French University of Lahore", _DAY) == ("PAK", "EDU")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("institute of international studies", (True, None)),  # what it studies, not whom it unites
        ("ministry of international cooperation", (True, "GOV")),
        ("council of representatives", (True, "LEG")),
        ("texas institute of technology", (True, "EDU")),
    ],
)
def test_complement_words(name: str, expected: tuple[bool, str | None]) -> None:
    reading = read_name(name.split())
    assert (reading is not None, reading.sector if reading else None) == expected


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        (
            "The Georgia Bureau of Investigation took over the case of the missing hiker near Macon.",
            "Georgia Bureau of Investigation",
            ("USA", "COP"),
        ),
        (
            "A chemist at the Georgia Institute of Technology built the cheaper battery.",
            "Georgia Institute of Technology",
            ("USA", "EDU"),
        ),
        # The country's own bodies follow "of" or take a possessive or its adjective.
        ("The Parliament of Georgia voted for the budget.", "Parliament of Georgia", ("GEO", "LEG")),
        ("Georgia's Interior Ministry said the border post was closed.", "Interior Ministry", ("GEO", "GOV")),
    ],
)
def test_a_state_named_as_a_country_names_its_bodies(
    nlp: Language, text: str, mention: str, expected: tuple[str, str]
) -> None:
    """A US state that bears a country's name ("Georgia") before a body's words is the state."""
    assert coded(nlp, text, mention, _DAY) == expected


def test_a_body_of_no_stated_kind_that_fights_elections_is_a_party(nlp: Language) -> None:
    text = "The Sunrise Alliance lost twelve seats in Zambia's election."
    assert coded(nlp, text, "Sunrise Alliance", _DAY) == ("ZMB", "PTY")
    text = "The Green Justice Front won a majority in the Malawian parliament."
    assert coded(nlp, text, "Green Justice Front", _DAY) == ("MWI", "PTY")
