"""Successions of the knowledge-base build: a term of a one-holder office ends when a source shows another
person holding that office of that country.

A term whose end no source gives, or whose end comes from the next holder's start in a later snapshot, can
outlive its holder: the Factbook snapshots miss 2017-03 to 2020-11, so Enda Kenny was Ireland's Taoiseach
until Micheál Martin's start in 2020, while the 2019 CIA list names Leo Varadkar in the office on
2019-06-04. Only heads of state and government are taken as one-holder offices, by their exact title or
that title of the country ("President of Brazil") (ministers of state, deputies and ministers without
portfolio are many at once; the Factbook's "Head of State" of Bosnia is a rotating chair of a presidency
of three); acting and interim holders serve beside the holder they stand in for, and end nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Protocol

from dyad.codebooks.countries import countries
from dyad.codebooks.kb_cia import CIA_DAY
from dyad.codebooks.kb_facts import Drops, Fact, name_key
from dyad.codebooks.kb_sources import country_resolver

_DAY = dt.timedelta(days=1)
_BRIEF = dt.timedelta(days=30)
# Title (lower case, no parenthesis) -> the office it names; "Taoiseach (Prime Minister)" is the Taoiseach.
_OFFICES = {
    "president": "president",
    "prime minister": "prime minister",
    "taoiseach": "taoiseach",
    "premier": "premier",
    "chancellor": "chancellor",
    "federal chancellor": "chancellor",
    "king": "monarch",
    "queen": "monarch",
    "emperor": "monarch",
    "president of the government": "prime minister",
    "supreme leader": "supreme leader",
}
_STAND_IN = re.compile(r"\b(acting|interim|caretaker|transitional|provisional)\b", re.IGNORECASE)


class _Holder(Protocol):
    name: str
    rows: list[Fact]


def office(role: str, country: str | None = None) -> str | None:
    """The one-holder office a role title names, or None (another post, or an acting holder). Wikidata's
    and the Factbook's titles may name the country: "President of Brazil", "Prime Minister of the
    Solomon Islands", "President of the Islamic Republic of Afghanistan", "President of the Republic" (not
    "Prime Minister of Azad Kashmir", in Pakistan)."""
    if _STAND_IN.search(role):
        return None
    title = re.sub(r"\s*\([^)]*\)", "", role).strip()
    of = re.fullmatch(r"(.+?) of (.+)", title)
    if of and country is not None and (of[2] == "the Republic" or country_resolver()(of[2]) == country):
        title = of.group(1)
    return _OFFICES.get(title.lower())


def end_succeeded(entities: Sequence[_Holder], drops: Drops) -> None:
    """End each one-holder term by the start of another person's term in the office (the day before it);
    a 2019 CIA observation (a term guessed around its day: kb_rows._observed_term) ends a term that
    claims the office on its day, at the guessed start, and only one that began before it (the CIA list
    can be stale: Mari Alkatiri, Timor-Leste's prime minister to 2018, is still named in 2019)."""
    iso3 = frozenset(countries())
    terms: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for e, entity in enumerate(entities):
        for r, row in enumerate(entity.rows):
            held = office(row.role, row.country)
            # Phoenix's dates are often its observation windows, not terms (kb_rows.clean_rows).
            if held and row.country in iso3 and row.start is not None and row.source != "phoenix":
                terms[(row.country, held)].append((e, r))
    for holders in terms.values():
        cutters = [(e, r) for e, r in holders if _sure(e, r, holders, entities)]
        for e, r in holders:
            row = entities[e].rows[r]
            assert row.start is not None
            end = _own_end(row, entities[e].rows)
            for e2, r2 in cutters:
                if e2 == e or _alike(entities[e].name, entities[e2].name):
                    continue
                cut = _cut(row, entities[e2].rows[r2])
                if cut is not None and (end is None or end > cut):
                    end = cut
            if end != row.end:
                drops.add("merge", "term ended by another person's term in the one-holder office")
                entities[e].rows[r] = replace(row, end=end)


def _own_end(row: Fact, rows: list[Fact]) -> dt.date | None:
    """The end of a Factbook term, or the earlier end another source gives the person's same term in that
    office: the Factbook's versions miss 2017-03 to 2020-11, so Omar al-Bashir, ousted on 2019-04-11,
    was Sudan's president until its next version named no one."""
    if row.source != "factbook" or row.start is None:
        return row.end
    held = office(row.role, row.country)
    same = [x for x in rows if x.country == row.country and office(x.role, x.country) == held]

    def after(day: dt.date) -> bool:  # a source's next term (Barack Obama's second, Shinzo Abe's cabinets)
        return any(
            x.source != "factbook" and (x.start or dt.date.min) <= day + _DAY <= (x.end or dt.date.max)
            for x in same
        )

    ends = [
        other.end
        for other in same
        if other.end is not None
        and _dated_end(other)
        and (other.start or dt.date.min) <= row.start <= other.end < (row.end or dt.date.max)
        and not after(other.end)
    ]
    return min(ends, default=row.end)


def _cut(row: Fact, other: Fact) -> dt.date | None:
    """The day ``other``, another person's term in ``row``'s office, ends ``row``, or None. Wikidata's
    heads of state and government are dated to the year (1 January of "2023" for Christopher Luxon, New
    Zealand's prime minister from November): such a start ends no term that a source ends, and an
    open-ended one only at the end of that year (the year the office changed hands, both in it); a
    term dated so is not ended by another that starts in its first year. A term whose end a source gives
    is not ended before it (:func:`_dated_end`)."""
    assert row.start is not None and other.start is not None
    if not row.start < other.start or (other.source == "cia" and row.source == "cia"):
        return None
    if other.source == "cia" and (row.end or dt.date.max) < CIA_DAY:
        return None
    if _to_the_year(row) and other.start.year == row.start.year:
        return None
    if _dated_end(row) and other.start <= (row.end or dt.date.min):
        return None
    if _to_the_year(other):
        return dt.date(other.start.year, 12, 31) if row.end is None else None
    return other.start - _DAY


def _dated_end(row: Fact) -> bool:
    """The term's end is a day a source gives (Wikidata's holders lists, Congress, the IfG), not one the
    build derived from the Factbook's versions: a successor dated before it is dated by the election
    (Isaac Herzog "since" 2 June 2021; Reuven Rivlin served to 7 July), and ends nothing."""
    sources = set(row.source.split("+"))
    given = sources & {"wikidata", "congress", "ifg"}
    if not given or row.end is None or _to_the_year(row):  # a year's end, or one the build derived
        return False
    return (row.end.month, row.end.day) != (12, 31)


def _to_the_year(row: Fact) -> bool:
    """A Wikidata start on 1 January: most likely a bare year (kb_rows.clean_rows reads it so too)."""
    return row.source == "wikidata" and row.start is not None and (row.start.month, row.start.day) == (1, 1)


def _sure(e: int, r: int, holders: list[tuple[int, int]], entities: Sequence[_Holder]) -> bool:
    """A term that may end another: not a brief one (a Factbook version of a week naming Dinesh Gunawardena
    Sri Lanka's prime minister again in 2024, after Harini Amarasuriya took office), not one of several
    begun that day in the office (the Factbook's "President" for Austria's three acting presidents of
    2017), not a CIA observation of one whom another source shows leaving the office before its day (the
    list names Petro Poroshenko after Volodymyr Zelenskyy took office), nor one of two head offices the
    person took that day (a Factbook text read as a president's and a prime minister's start)."""
    row = entities[e].rows[r]
    assert row.start is not None
    if row.end is not None and row.end - row.start < _BRIEF:
        return False
    held = office(row.role, row.country)
    if row.source == "cia" and any(
        other.end is not None and other.end < CIA_DAY and office(other.role, other.country) == held
        for other in entities[e].rows
    ):
        return False
    if any(e2 != e and entities[e2].rows[r2].start == row.start for e2, r2 in holders):
        return False
    return not any(
        other.start == row.start and office(other.role, other.country) not in (None, held)
        for other in entities[e].rows
    )


def _alike(a: str, b: str) -> bool:
    """Maybe one person under two spellings that the joins left apart ("Abdallah Hamdouk", "Abdalla
    Hamdok"; "Armen Sarkissian", "Armen Sargsyan"; "Rick Houenipwela", "Rick Hou"; Wikidata's "Abdullah
    II of Jordan", the CIA's "Abdallah II"): one name's words all in the other, two alike words after the
    given name, or a family name written first in one name ("Obiang Nguema Mbasogo", "Teodoro Obiang").
    A son succeeding his father is missed, and so is a namesake."""
    ka, kb = (_words(n) for n in (a, b))
    if set(ka) <= set(kb) or set(kb) <= set(ka):  # "Tsai", "Tsai Ing-wen"; "Hamad", "Hamad bin Isa"
        return True
    wa, wb = (_surnames(n) for n in (ka, kb))
    if any(w in wb for w in ka if len(w) > 3) or any(w in wa for w in kb if len(w) > 3):
        return True
    return any(
        x.startswith(y) or y.startswith(x) or SequenceMatcher(None, x, y).ratio() >= 0.65
        for x in wa
        for y in wb
    )


def _words(name: str) -> list[str]:
    """A name's words, without a ruler's "of <country>" ("Vajiralongkorn I of Thailand")."""
    return re.sub(r" of .*$", "", name_key(name)).replace("ı", "i").split()


def _surnames(words: list[str]) -> list[str]:
    return [w for w in words[1:] if len(w) > 2] or words
