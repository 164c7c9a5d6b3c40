"""What the build made of the open data: one person under several names, names it used to drop or misread,
and trades PETRARCH codes by a sector dyad lacks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dyad.codebooks.kb_agents import agent_sectors, read_agents
from dyad.codebooks.kb_build import merge
from dyad.codebooks.kb_factbook import _factbook_country, holder
from dyad.codebooks.kb_facts import Drops, Fact
from dyad.codebooks.kb_phoenix import phoenix_sector


def _fact(name: str, country: str, start: dt.date, end: dt.date | None, source: str = "phoenix") -> Fact:
    return Fact(name, (), country, "GOV", f"{country}GOV", start, end, source)


def test_a_name_with_and_without_middle_names_is_one_person() -> None:
    """A dictionary revision respells a name with its middle name: one term goes on under it."""
    facts = [
        _fact("Julia Gillard", "AUS", dt.date(2008, 1, 1), dt.date(2010, 3, 31)),
        _fact("Julia Eileen Gillard", "AUS", dt.date(2010, 4, 1), None),
    ]
    entities = merge(facts, Drops())
    assert len(entities) == 1 and len(entities[0].rows) == 2


def test_middle_names_do_not_join_common_or_short_family_names() -> None:
    singhs = [
        _fact(f"{first} Singh", "IND", dt.date(2004, 1, 1), dt.date(2005, 1, 1))
        for first in ("Arun", "Manmohan", "Jaswant", "Rajnath")
    ]
    facts = [
        *singhs,
        _fact("Arun Kumar Singh", "IND", dt.date(2015, 5, 6), dt.date(2016, 8, 31), "wikidata"),
        _fact("Aung Kyi", "MMR", dt.date(2007, 11, 1), None),
        _fact("Aung San Suu Kyi", "MMR", dt.date(2016, 4, 6), None, "wikidata"),
        _fact("Maria Lopez", "ESP", dt.date(2004, 1, 1), None),
        _fact("Maria Luisa Lopez", "ESP", dt.date(2006, 1, 1), None),
        _fact("Maria Elena Lopez", "ESP", dt.date(2008, 1, 1), None),  # two fuller names: no telling
    ]
    names = {e.name for e in merge(facts, Drops())}
    assert {"Arun Singh", "Arun Kumar Singh", "Aung Kyi", "Aung San Suu Kyi", "Maria Lopez"} <= names


def test_arabic_articles_do_not_keep_two_spellings_apart() -> None:
    facts = [
        _fact("Bashar al Assad", "SYR", dt.date(2000, 7, 17), None),
        _fact("Bashar al-ASAD", "SYR", dt.date(2000, 7, 17), dt.date(2024, 12, 7), "factbook"),
        _fact("Omar al Bashir", "SDN", dt.date(1989, 6, 30), None),
        _fact("Omar al Bakri", "SDN", dt.date(2001, 1, 1), None),  # another family name
    ]
    entities = merge(facts, Drops())
    assert len(entities) == 3
    assad = next(e for e in entities if "SYR" in {r.country for r in e.rows})
    assert [(r.start, r.end) for r in assad.rows] == [(dt.date(2000, 7, 17), dt.date(2024, 12, 7))]


def test_family_names_that_are_titles_are_kept() -> None:
    facts = [
        _fact("Hun Sen", "KHM", dt.date(1985, 1, 14), None),
        _fact("Angus S. King, Jr.", "USA", dt.date(2013, 1, 3), dt.date(2019, 1, 3), "congress"),
        _fact("King Abdullah", "JOR", dt.date(1999, 2, 7), None),
        _fact("Sen. Bob Casey", "USA", dt.date(2007, 1, 4), dt.date(2025, 1, 3), "congress"),
    ]
    drops = Drops()
    assert sorted(e.name for e in merge(facts, drops)) == ["Angus S. King, Jr.", "Hun Sen"]
    assert any("only titles" in line for line in drops.lines())


def test_a_factbook_note_on_someone_is_no_holder() -> None:
    drops = Drops()
    for note in (
        "Jacob ZUMA resigned the presidency on 14 February 2018",
        "ASAD and his family flew to Moscow where they were granted political asylum",
        "Giorgio NAPOLITANO resigned 14 January 2015",
    ):
        assert holder(note, drops, "Head of State") is None
    bayrou = holder("François BAYROU (since 13 December 2024)", drops, "Head of Government")
    assert bayrou is not None and bayrou[:2] == ("Head of Government", "François Bayrou")
    kurz = holder("Sebastian KURZ elected chancellor (since 2 January 2020)", drops, "Head of Government")
    assert kurz is not None and kurz[1] == "Sebastian Kurz"


def test_a_factbook_note_on_a_titled_predecessor_is_no_holder() -> None:
    """A holder the text says has left (resigned, died, removed) is a note under a successor, title or
    not; one the text says took another post still holds the title."""
    drops = Drops()
    for note in (
        "President Ruben Dario ALTAMIRA Soto resigned 3 March 2016 and Vice President Ana PLAZA resigned",
        "Prime Minister Tove HALVARD died on 9 June 2020",
        "Vice President Jonas KERBEL was impeached and removed from office on 1 May 2019",
        "Governor Sir Alan PRESCOTT has resigned and left his post on 2 June 2017",
    ):
        assert holder(note, drops, "Head of State") is None, note
    acting = holder("Deputy Prime Minister Tomas REHAK became Acting President on 3 May 2021", drops)
    assert acting is not None and acting[:2] == ("Deputy Prime Minister", "Tomas Rehak")
    # the successor's term is not ended by the note on the predecessor, read as a new holder
    versions = [
        {"first_seen_date": "2016-04-01", "chief_of_state": "President Marta VOLANO (since 4 March 2016); "
         "President Ruben Dario ALTAMIRA Soto resigned 3 March 2016", "head_of_government": None},
        {"first_seen_date": "2017-02-01", "chief_of_state": "President Lucio FERRAND (since 14 January 2017)",
         "head_of_government": None},
    ]  # fmt: skip
    terms = {f.name: (f.start, f.end) for f in _factbook_country("GTM", versions, Drops())}
    assert terms == {
        "Marta Volano": (dt.date(2016, 3, 4), dt.date(2017, 1, 13)),
        "Lucio Ferrand": (dt.date(2017, 1, 14), None),
    }


def test_health_and_farming_trades_are_civilians(tmp_path: Path) -> None:
    """PETRARCH codes doctors and farmers by trades dyad has no sector for: private people, CVL."""
    assert phoenix_sector("HLH") == phoenix_sector("AGR") == "CVL"
    assert phoenix_sector("GOVHLH") == "GOV"  # a health ministry's official stays the government's
    agents = tmp_path / "agents.txt"
    agents.write_text("!PERSON! = MAN, WOMAN\nDOCTOR [~HLH]\nFISHER!PERSON! [~AGR]\nTHIEF [~CRM]\n")
    found = read_agents(agents, Drops())
    assert found["doctor"] == "CVL" and found["fisherman"] == "CVL" and "thief" not in found
    assert agent_sectors()["physician"] == "CVL"  # the shipped table


def test_factbook_glosses_titles_with_or_and_dates_before_prose() -> None:
    drops = Drops()
    sanchez = holder(
        "President of the Government (Prime Minister-equivalent) Pedro SANCHEZ Perez-Castejon (since 2 June "
        "2018)",
        drops,
    )
    assert sanchez is not None and sanchez[1:] == (
        "Pedro Sanchez Perez-Castejon", ["Pedro Sanchez"], dt.date(2018, 6, 2),
    )  # fmt: skip
    rajoy = holder(
        "President of the Government or Prime Minister Mariano RAJOY (since 20 December 2011)", drops
    )
    assert rajoy is not None and rajoy[1] == "Mariano Rajoy"
    obiang = holder("President Teodoro OBIANG (since 3 August 1979 when he seized power in a coup)", drops)
    assert obiang is not None and obiang[3] == dt.date(1979, 8, 3)
    king = holder(
        "King MUHAMMAD V (formerly Tuanku Muhammad Faris Petra) (selected on 14 October 2016", drops
    )
    assert king is not None and king[1] == "Muhammad V"


def test_a_new_name_under_the_old_date_is_no_respelling() -> None:
    """The text names a new holder but keeps the old one's "since": a slip, not one term going on."""

    def version(day: str, head: str) -> dict[str, str]:
        return {"first_seen_date": day, "chief_of_state": "President Elias KARAM (since 1 May 2019)",
                "head_of_government": head, "executive_branch_text": ""}  # fmt: skip

    rows = [
        version("2020-11-24", "Prime Minister Samir HADDAD (since 22 October 2020)"),
        version("2021-05-23", "Prime Minister Nabil AOUN (since 22 October 2020)"),
        version("2022-02-03", "Prime Minister Nabil AOUN (since 22 October 2020)"),
    ]
    facts = [f for f in _factbook_country("LBN", rows, Drops()) if f.role == "Prime Minister"]
    assert {(f.name, f.end) for f in facts} == {
        ("Samir Haddad", dt.date(2021, 5, 23)),
        ("Nabil Aoun", None),
    }
