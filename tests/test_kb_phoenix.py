"""The knowledge-base build's readers of the Phoenix dictionaries: actors (people, bodies, armed groups
and their dates), the regions of its country entries and the agents dictionary's nouns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dyad.codebooks.kb_agents import agent_sectors, read_agents
from dyad.codebooks.kb_facts import Drops
from dyad.codebooks.kb_phoenix import read_phoenix, regional_group
from dyad.codebooks.kb_regions import read_regions
from dyad.model import SECTORS


def test_phoenix_entries_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "# comment\n"
        "NURI_AL_MALIKI_  # CountryInfo.txt\n+NOURI_AL-MALIKI\n+PRIME_MINISTER_MALIKI\n"
        "\t[IRQELI 680101-000101]\n\t[IRQGOV 20060520-20140908]\n\t[IRQELI]\n"
        "ABDEL_FATTAH_EL_SISI\n\t[EGYGOV > 140608]\n\t[EGYMIL 2004017-20061201]\n"
        "ANCIENT_KING_\n\t[EGYGOV 19000101-19100101]\n\n"
        "UN_ [IGOUNO]\nU.N._\n\nAL_QAEDA_CHIEF_ [IMGMUSALQ]\n\n"
        "HEALTH_GROUP_INC_\t[MNCUSA]\tOther Consumer Services\t$991,000,000\n",
        encoding="utf-8",
    )
    drops = Drops()
    facts = list(read_phoenix(path, frozenset({"IRQ", "EGY", "MUS", "USA"}), drops))
    assert any(f.name == "Health Group Inc" for f in facts)  # a note after the codes is no part of the name
    maliki = [f for f in facts if f.name == "Nuri al Maliki"]
    assert [(f.sector, f.start, f.end) for f in maliki] == [
        (None, dt.date(1968, 1, 1), dt.date(2000, 1, 1)),
        ("GOV", dt.date(2006, 5, 20), dt.date(2014, 9, 8)),
        (None, None, None),
    ]
    sisi = [f for f in facts if f.name == "Abdel Fattah el Sisi"]
    assert [(f.sector, f.start, f.end) for f in sisi] == [("GOV", dt.date(2014, 6, 8), None)]
    un = next(f for f in facts if f.name == "UN")
    assert (un.country, un.sector, un.aliases) == ("UN", "IGO", ("U.N.",))
    chief = next(f for f in facts if f.name == "Al Qaeda Chief")
    assert (chief.country, chief.sector) == (None, "REB")  # MUS here is "Muslim", not Mauritius
    assert drops.counts[("phoenix", "malformed date")] == 1
    assert drops.counts[("phoenix", "implausible period (starts before 1920)")] == 1


def test_phoenix_roots_written_one_under_another(tmp_path: Path) -> None:
    """Roots one under another with the codes after the last are spellings of that entry, not of the coded
    entry above them; a root alone after a coded entry is still that entry's spelling."""
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "NORTH_LAND\n+NORTH_LANDERS\n\t[NLD]\n\t[NLDGOV >20110709]\n"
        "NORTH_LAND_PEOPLES_FRONT\nNORTH_LAND_PEOPLE'S_FRONT\n+NLPF\n\t[NLDREB 19830516-20050109]\n"
        "KAREL_DOMBROVSKY_\nKAREL_J._DOMBROVSKY\nPRESIDENT_DOMBROVSKY\n\t[NLDGOV 20050109-20110711]\n"
        "NORTH_LAND_ARMY [NLDMIL]\nN.L.A.\n\n",
        encoding="utf-8",
    )
    facts = list(read_phoenix(path, frozenset({"NLD"}), Drops()))
    names = {f.name: (f.aliases, f.sector) for f in facts}
    assert names["North Land Peoples Front"] == (("North Land People's Front", "NLPF"), "REB")
    assert names["Karel Dombrovsky"] == (("Karel J. Dombrovsky", "President Dombrovsky"), "GOV")
    assert names["North Land Army"] == (("N.L.A.",), "MIL")
    assert {f.aliases for f in facts if f.name == "North Land"} == {("North Landers",)}


def test_phoenix_armed_groups_of_a_region(tmp_path: Path) -> None:
    """An armed group Phoenix codes by a region only keeps its sector, with the country its name names, if
    one; a region's code with another sector, or none, gives nothing."""
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "NORTH_LAND_FREEDOM_ARMY_ [WEUREB]\n\nHILL_TRIBES_UNION_(HTU)_ [SEAREB]\n+HTU_\n\n"
        "LOWLAND_PORT_AUTHORITY_ [SEABUS]\n\nNORTH_LANDER_AND_SOUTH_LANDER_FRONT_ [EAFREB]\n",
        encoding="utf-8",
    )
    places = {"north land": "NLD", "north lander": "NLD", "south lander": "SLD"}
    facts = {f.name: f for f in read_phoenix(path, frozenset({"NLD", "SLD"}), Drops(), places)}
    assert (facts["North Land Freedom Army"].country, facts["North Land Freedom Army"].sector) == (
        "NLD",
        "REB",
    )
    assert (facts["Hill Tribes Union"].country, facts["Hill Tribes Union"].sector) == (None, "REB")
    assert "Lowland Port Authority" not in facts
    assert facts["North Lander and South Lander Front"].country is None  # two countries named: neither


def test_phoenix_undated_leaders_are_people(tmp_path: Path) -> None:
    """An undated entry of an armed group's code named as a person (or spelt so by a synonym) is a person of
    the group's code; a group's one-word or army-named name is not."""
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "KHALID_AL_RASHIDI_\n+AL_RASHIDI\n\t[IMGMUSALQ]\n\n"
        "FAWZAN_BIN_HAMAD_\n+ABDULLAH_BIN_HAMAD\n\t[IMGMUSALQ]\n\n"
        "NORTH_HILLS_FRONT_ [NLDREB]\n+KATA-KATA_\n+OMAR_TAHIR_\n\n"
        "SAIF-UL-HAQ_ [AFGREB]\n+SAIF-UL-HAQ_LASHKAR_\n\n",
        encoding="utf-8",
    )
    facts = list(read_phoenix(path, frozenset({"NLD", "AFG"}), Drops()))
    kinds = {f.name: (f.kind, f.country, f.sector) for f in facts}
    assert kinds["Khalid al Rashidi"] == ("person", None, "REB")
    assert kinds["Fawzan bin Hamad"] == ("person", None, "REB")  # "Abdullah bin Hamad" spells him
    assert kinds["North Hills Front"] == ("organization", "NLD", "REB")
    assert kinds["Omar Tahir"] == ("person", "NLD", "REB")  # the front's leader
    assert "Kata-Kata" in next(f.aliases for f in facts if f.name == "North Hills Front")
    assert kinds["Saif-Ul-Haq"] == ("organization", "AFG", "REB")


def test_phoenix_stale_open_copies_and_religious_elites(tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "JOHN_EXAMPLE_  # CountryInfo.txt\n\t[IRQGOV 20110709-20130723]\n\t[IRQGOV >110709]\n"
        "\t[IRQGOV >150101]\n\n"
        "PREACHER_EXAMPLE\n+EXAMPLE\n\t[TURELIMUS]\n",
        encoding="utf-8",
    )
    drops = Drops()
    facts = list(read_phoenix(path, frozenset({"IRQ", "TUR", "MUS"}), drops))
    john = [(f.start, f.end) for f in facts if f.name == "John Example"]
    # The open copy of the 2011-2013 term is stale; the later open term is a term of its own.
    assert john == [(dt.date(2011, 7, 9), dt.date(2013, 7, 23)), (dt.date(2015, 1, 1), None)]
    assert drops.counts[("phoenix", "open-ended copy of a dated term (same code, same start)")] == 1
    preacher = next(f for f in facts if f.name == "Preacher Example")
    assert (preacher.country, preacher.sector) == ("TUR", "REL")  # an elite of a faith, not Mauritius


def test_phoenix_leaders_listed_under_their_body(tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "EXAMPLE_REGIONAL_GOVERNMENT\n+ERG\n+MASOUD_KARIMI\n+EXAMPLE_BRIGADES\n\t[IRQGOV]\n\n"
        "EXAMPLE_FRONT\n+AHMED_EXAMPLE_FRONT_BRIGADE\n\t[SYRREB]\n",
        encoding="utf-8",
    )
    drops = Drops()
    facts = list(read_phoenix(path, frozenset({"IRQ", "SYR"}), drops))
    leader = next(f for f in facts if f.name == "Masoud Karimi")
    assert (leader.kind, leader.country, leader.sector) == ("person", "IRQ", "GOV")
    body = next(f for f in facts if f.name == "Example Regional Government")
    assert body.kind == "organization" and "Masoud Karimi" not in body.aliases
    front = next(f for f in facts if f.name == "Example Front")  # a brigade's name stays the body's
    assert front.aliases == ("Ahmed Example Front Brigade",)


def test_phoenix_dated_bodies_and_states_are_no_people(tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Test.actors.txt"
    path.write_text(
        "EXAMPLE_NATIONAL_AUTHORITY\n\t[PSEGOV >19950101]\n\n"
        "SAMPLE_RELIEF_TEAM_\t[NGOHINDEN211DEV]\n\n"
        "GEORGE_CHURCH_  # CountryInfo.txt\n\t[GRDGOV 20010101-20050101]\n\n"
        "EXAMPLIA\n+EXAMPLIAN\n+PORT_SAMPLE\n\t[SDNSSD <20050709]\n\t[SSD >20110709]\n\n"
        "EXAMPLE_STATE_OF_THE_WEST\n+ABU_SAMIR_AL_KHATIBI_\n+AHMED_MANSOURI\n\t[IMGMUSISI >19990101]\n",
        encoding="utf-8",
    )
    drops = Drops()
    facts = list(read_phoenix(path, frozenset({"PSE", "GRD", "SDN", "SSD"}), drops))
    kinds = {f.name: f.kind for f in facts}
    # A body's name keeps a body's kind though Phoenix dates its code; digits inside a code are no date.
    assert kinds["Example National Authority"] == "organization"
    assert kinds["Sample Relief Team"] == "organization"
    assert kinds["George Church"] == "person"  # a first name, then a word of a body's: a person
    # A state through its changes of status is no entity at all (its towns are no people).
    assert "Examplia" not in kinds and "Port Sample" not in kinds
    # Leaders listed under a dated body are people of its code, a kunya too.
    leader = next(f for f in facts if f.name == "Abu Samir al Khatibi")
    assert (leader.kind, leader.country, leader.sector) == ("person", None, "REB")
    assert kinds["Ahmed Mansouri"] == "person" and kinds["Example State of the West"] == "organization"


def test_regions_from_phoenix_country_entries(tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(
        "CANADA_  [CAN]\n+CANADIAN_\n+BRITISH_COLUMBIA_\n+NORTH_WEST_\n+ONTARIO_\n+QUBEC_\n+AUSTIN_\n"
        "+NEW_JERSEY_\n"
        "ROLAND_MICHENER_  # CountryInfo.txt\n\t[CANGOV 670417-740114]\n\n"
        "UNITED_STATES_  [USA]\n+NEW_JERSEY_\n+TEXAS_\n+CHARLOTTE_\n",
        encoding="utf-8",
    )
    drops = Drops()
    found = dict(read_regions(path, frozenset({"CAN", "USA"}), frozenset({"Canadian"}), drops))
    # Several words: kept; one word: only where ISO 3166-2 lists it for the country ("QUBEC" is
    # Phoenix's spelling of Quebec); a name of two countries, a person's name or a known term: not.
    assert {
        "British Columbia": "CAN",
        "Ontario": "CAN",
        "Quebec": "CAN",
        "Texas": "USA",
    }.items() <= found.items()
    assert not {
        "Austin",
        "Charlotte",
        "New Jersey",
        "Qubec",
        "Canadian",
        "Roland Michener",
        "North West",
    } & set(found)
    assert drops.counts[("regions", "name of places in several countries")] == 1
    assert found["Nova Scotia"] == "CAN"  # ISO 3166-2's own first-level names of several words


def test_states_that_bear_a_countrys_name() -> None:
    from dyad.codebooks.places import region_homonyms

    # ISO 3166-2's US state of Georgia; no region of a province or prefecture ("Gaza" in Mozambique).
    assert region_homonyms()["Georgia"] == ("USA", "GEO")
    assert "Gaza" not in region_homonyms()


def test_agent_nouns_from_the_agents_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text(
        "# a file of our own in the dictionary's format\n"
        "!PERSON! = MAN, WOMAN\n"
        "SALES!PERSON! [~BUS]\n"
        "RIOT_SQUAD {RIOT_SQUADS} [~COP]\n"
        "CAR_THIEF [~CRM]\n"
        "BARD [~MED]\nBARD [~REL]\n"
        "VILLAGE_IMAM [~MUS]\n",
        encoding="utf-8",
    )
    drops = Drops()
    found = read_agents(path, drops)
    assert found["salesman"] == found["sales woman"] == "BUS"
    assert found["riot squad"] == found["riot squads"] == "COP"
    assert found["village imam"] == "REL"  # a faith's code alone is its clergy
    assert "car thief" not in found and "bard" not in found  # no dyad sector; two sectors
    reasons = {reason for _, reason in drops.counts}
    assert "phrase given two sectors" in reasons


def test_shipped_agent_nouns_are_consistent() -> None:
    table = agent_sectors()
    assert len(table) > 2000
    assert set(table.values()) <= set(SECTORS)
    assert all(phrase == phrase.lower().strip() and "_" not in phrase for phrase in table)


def test_regional_groups() -> None:
    # An armed group of one region and no state, not a group of the world.
    assert regional_group("SEAREB") and regional_group("IMGSEAMUSASF") and regional_group("CFRREB")
    assert not regional_group("INTREB") and not regional_group("IMGMUSALQ") and not regional_group("PHLREB")
