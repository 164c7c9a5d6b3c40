"""Successions in the knowledge-base build: a one-holder office's term ends when another person holds it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dyad.codebooks.kb_build import merge
from dyad.codebooks.kb_cia import CIA_DAY
from dyad.codebooks.kb_facts import Drops, Fact
from dyad.codebooks.kb_succession import _alike, office
from dyad.codebooks.people import builtin_people

D = dt.date


def _ends(facts: list[Fact]) -> dict[tuple[str, str], dt.date | None]:
    return {(e.name, r.role): r.end for e in merge(facts, Drops()) for r in e.rows}


def test_a_term_ends_when_another_person_holds_the_office() -> None:
    ends = _ends(
        [
            # the snapshots miss the years between: the first holder's end is the third's start
            Fact(
                "Nora Quillan", (), "MLT", "GOV", "Prime Minister", D(2011, 3, 9), D(2020, 6, 26), "factbook"
            ),
            Fact("Pavel Dornick", (), "MLT", "GOV", "Prime Minister", CIA_DAY, CIA_DAY, "cia"),
            Fact("Ines Varga", (), "MLT", "GOV", "Prime Minister", D(2020, 6, 27), None, "factbook"),
            Fact("Olaf Brenner", (), "MLT", "GOV", "President", D(2014, 4, 4), None, "wikidata"),
            Fact("Ruth Calloway", (), "MLT", "GOV", "President", D(2019, 4, 4), None, "wikidata"),
        ]
    )
    quillan = ends[("Nora Quillan", "Prime Minister")]
    assert quillan is not None and D(2017, 6, 1) < quillan < D(2017, 8, 1)
    assert ends[("Pavel Dornick", "Prime Minister")] == D(2020, 6, 26)
    assert ends[("Ines Varga", "Prime Minister")] is None
    assert ends[("Olaf Brenner", "President")] == D(2019, 4, 3)


def test_offices_of_several_holders_stand_ins_and_respellings_end_nothing() -> None:
    ends = _ends(
        [
            Fact("Tomas Adler", (), "MLT", "GOV", "Minister of State", D(2012, 1, 1), None, "wikidata"),
            Fact("Hugo Sarto", (), "MLT", "GOV", "Minister of State", D(2015, 1, 1), None, "wikidata"),
            Fact("Lena Morrow", (), "MLT", "GOV", "President", D(2012, 1, 5), D(2021, 1, 1), "factbook"),
            Fact("Erik Pell", (), "MLT", "GOV", "Acting President", D(2016, 2, 2), D(2016, 9, 1), "factbook"),
            # one person under two spellings that no join put together
            Fact("Armin Sarkissian", (), "MLT", "GOV", "Premier", D(2018, 4, 9), None, "factbook"),
            Fact("Armin Sargsyan", (), "MLT", "GOV", "Premier", CIA_DAY, CIA_DAY, "cia"),
        ]
    )
    assert ends[("Tomas Adler", "Minister of State")] is None
    assert ends[("Lena Morrow", "President")] == D(2021, 1, 1)
    assert ends[("Armin Sarkissian", "Premier")] is None
    assert office("Taoiseach (Prime Minister)") == "taoiseach" and office("Interim Prime Minister") is None


def test_known_successions_in_the_shipped_table() -> None:
    people = builtin_people()
    wrong = []
    for line in (Path(__file__).parent / "data_successions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.endswith("\tmiss"):
            continue
        name, day, expected, title = line.split("\t")
        on = D.fromisoformat(day)
        found = people.explain(name, on)
        holds = (
            found is not None
            and not found.role.role.startswith("former")
            and title.lower() in found.role.role.lower()
            and found.role.held_on(on)
        )
        if holds != (expected == "holds"):
            wrong.append(line)
    assert wrong == []


def test_a_presidency_the_2019_list_names_is_not_hidden_by_a_vice_presidency() -> None:
    """A CIA observation of a head's office is covered only by that office: the Factbook's vice-president
    (to 2020, across its 2017-2020 gap) who is president on the CIA day ends the predecessor's term."""
    vice, to = "First Vice President", D(2020, 11, 16)
    ends = _ends(
        [
            Fact("Lucas Ferro", (), "MLT", "GOV", "President", D(2016, 7, 28), to, "factbook"),
            Fact("Marta Quiroga", (), "MLT", "GOV", vice, D(2016, 7, 28), to, "factbook"),
            Fact("Marta Quiroga", (), "MLT", "GOV", "President", CIA_DAY, CIA_DAY, "cia"),
        ]
    )
    ferro = ends[("Lucas Ferro", "President")]
    assert ferro is not None and ferro < CIA_DAY
    assert ("Marta Quiroga", "President") in ends


def test_titles_naming_the_country_and_terms_dated_to_the_year() -> None:
    """Wikidata's "Prime Minister of Malta" is the one-holder office; its start "2023" (1 January) ends
    an open term at the end of that year, no term a source ends, and none within its own first year; a
    day a source gives as a term's end is not moved before it by a successor dated by the election."""
    assert office("President of Malta", "MLT") == "president"
    assert office("Prime Minister of the Solomon Islands", "SLB") == "prime minister"
    assert office("Prime Minister of Azad Kashmir", "PAK") is None  # a region's, not the state's
    pm = "Prime Minister of Malta"
    ends = _ends(
        [
            Fact("Karl Vassallo", (), "MLT", "GOV", pm, D(2019, 1, 1), None, "wikidata"),
            Fact("Rita Zammit", (), "MLT", "GOV", pm, D(2023, 1, 1), None, "wikidata"),
            Fact("Anton Borg", (), "MLT", "GOV", "President", D(2014, 7, 24), D(2021, 7, 7), "wikidata"),
            Fact("Nora Camilleri", (), "MLT", "GOV", "President", D(2021, 6, 2), None, "wikidata"),
        ]
    )
    assert ends[("Karl Vassallo", pm)] == D(2023, 12, 31)  # the year the office changed hands
    assert ends[("Anton Borg", "President")] == D(2021, 7, 7)
    ends = _ends(
        [
            Fact(
                "Paul Grech", (), "MLT", "GOV", "Prime Minister", D(2020, 3, 1), D(2023, 11, 26), "factbook"
            ),
            Fact("Rita Zammit", (), "MLT", "GOV", pm, D(2023, 1, 1), None, "wikidata"),
            Fact("Ivo Farrugia", (), "MLT", "GOV", "Prime Minister", D(2023, 11, 27), None, "factbook"),
        ]
    )
    assert ends[("Paul Grech", "Prime Minister")] == D(2023, 11, 26)  # a year ends no dated term
    assert ends[("Rita Zammit", pm)] is None  # took office late in 2023, after the year's 1 January


def test_one_ruler_under_two_spellings_ends_no_term_of_his_own() -> None:
    """A ruler named with the country by one source, without it by another; a family name written first."""
    assert _alike("Vasilios I of Malta", "Wasilios")
    assert _alike("Teodor Ubiang", "Ubiang Nguerra Mbasor")
    assert not _alike("Karl Vassallo", "Rita Zammit")


def test_a_factbook_term_ends_where_another_source_ends_the_same_term() -> None:
    """The Factbook's 2017-2020 gap carries an ousted president to its next version; a source's day ends
    the term, unless the source's next term of the person goes on from it."""
    entities = merge(
        [
            Fact("Hamid Osman", (), "MLT", "GOV", "President", D(1993, 10, 16), D(2020, 11, 23), "factbook"),
            Fact("Hamid Osman", (), "MLT", "GOV", "President", D(1989, 6, 30), D(2019, 4, 11), "wikidata"),
            Fact(
                "Hana Mori", (), "MLT", "GOV", "Prime Minister", D(2012, 12, 26), D(2020, 9, 16), "factbook"
            ),
            Fact(
                "Hana Mori", (), "MLT", "GOV", "Prime Minister", D(2012, 12, 26), D(2014, 12, 24), "wikidata"
            ),
            Fact(
                "Hana Mori", (), "MLT", "GOV", "Prime Minister", D(2014, 12, 24), D(2017, 11, 1), "wikidata"
            ),
        ],
        Drops(),
    )
    ends = {e.name: r.end for e in entities for r in e.rows if r.source == "factbook"}
    assert ends == {"Hamid Osman": D(2019, 4, 11), "Hana Mori": D(2020, 9, 16)}
