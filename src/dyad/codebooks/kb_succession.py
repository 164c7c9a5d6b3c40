"""Successions of the knowledge-base build: a term of a one-holder office ends when a source shows another
person holding that office of that country.

A term whose end no source gives, or whose end comes from the next holder's start in a later snapshot, can
outlive its holder: the Factbook snapshots miss 2017-03 to 2020-11, so Enda Kenny was Ireland's Taoiseach
until Micheál Martin's start in 2020, while the 2019 CIA list names Leo Varadkar in the office on
2019-06-04. Only heads of state and government are taken as one-holder offices, by their exact title
(ministers of state, deputies and ministers without portfolio are many at once; the Factbook's "Head of
State" of Bosnia is a rotating chair of a presidency of three); acting and interim
holders serve beside the holder they stand in for, and end nothing.
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
from dyad.codebooks.kb_factbook import CIA_DAY
from dyad.codebooks.kb_facts import Drops, Fact, name_key

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


def office(role: str) -> str | None:
    """The one-holder office a role title names, or None (another post, or an acting holder)."""
    if _STAND_IN.search(role):
        return None
    return _OFFICES.get(re.sub(r"\s*\([^)]*\)", "", role).strip().lower())


def end_succeeded(entities: Sequence[_Holder], drops: Drops) -> None:
    """End each one-holder term by the start of another person's term in the office (the day before it);
    a 2019 CIA observation (a term guessed around its day: kb_build._observed_term) ends a term that
    claims the office on its day, at the guessed start, and only one that began before it (the CIA list
    can be stale: Mari Alkatiri, Timor-Leste's prime minister to 2018, is still named in 2019)."""
    iso3 = frozenset(countries())
    terms: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for e, entity in enumerate(entities):
        for r, row in enumerate(entity.rows):
            held = office(row.role)
            # Phoenix's dates are often its observation windows, not terms (kb_build._clean_rows).
            if held and row.country in iso3 and row.start is not None and row.source != "phoenix":
                terms[(row.country, held)].append((e, r))
    for holders in terms.values():
        cutters = [(e, r) for e, r in holders if _sure(e, r, holders, entities)]
        for e, r in holders:
            row = entities[e].rows[r]
            assert row.start is not None
            end = row.end
            for e2, r2 in cutters:
                other = entities[e2].rows[r2]
                if e2 == e or _alike(entities[e].name, entities[e2].name) or other.start is None:
                    continue
                if not row.start < other.start or (other.source == "cia" and row.source == "cia"):
                    continue
                if other.source == "cia" and (row.end or dt.date.max) < CIA_DAY:
                    continue
                if end is None or end >= other.start:
                    end = other.start - _DAY
            if end != row.end:
                drops.add("merge", "term ended by another person's term in the one-holder office")
                entities[e].rows[r] = replace(row, end=end)


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
    if row.source == "cia" and any(
        other.end is not None and other.end < CIA_DAY and office(other.role) == office(row.role)
        for other in entities[e].rows
    ):
        return False
    if any(e2 != e and entities[e2].rows[r2].start == row.start for e2, r2 in holders):
        return False
    return not any(
        other.start == row.start and office(other.role) not in (None, office(row.role))
        for other in entities[e].rows
    )


def _alike(a: str, b: str) -> bool:
    """Maybe one person under two spellings that the joins left apart ("Abdallah Hamdouk", "Abdalla
    Hamdok"; "Armen Sarkissian", "Armen Sargsyan"; "Rick Houenipwela", "Rick Hou"): one name's words all
    in the other, or two alike words after the given name. A son succeeding his father is missed, and so
    is a namesake."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if set(ka) <= set(kb) or set(kb) <= set(ka):  # "Tsai", "Tsai Ing-wen"; "Hamad", "Hamad bin Isa"
        return True
    wa, wb = (_surnames(n) for n in (a, b))
    return any(
        x.startswith(y) or y.startswith(x) or SequenceMatcher(None, x, y).ratio() >= 0.65
        for x in wa
        for y in wb
    )


def _surnames(name: str) -> list[str]:
    words = name_key(name).replace("ı", "i").split()
    return [w for w in words[1:] if len(w) > 2] or words
