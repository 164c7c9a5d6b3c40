"""Successions in the knowledge-base build: a one-holder office's term ends when another person holds it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dyad.codebooks.kb_build import merge
from dyad.codebooks.kb_factbook import CIA_DAY
from dyad.codebooks.kb_facts import Drops, Fact
from dyad.codebooks.kb_succession import office
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
