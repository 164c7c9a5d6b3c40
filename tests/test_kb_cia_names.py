"""A CIA list entry is a name alone, so every word after the capitalised family name is the name's (made-up
names; the Factbook's prose keeps its own limit: "Ruben ALTAMIRA Soto resigned")."""

from __future__ import annotations

import pytest

from dyad.codebooks.kb_factbook import holder
from dyad.codebooks.kb_facts import Drops

CASES = [
    ("Marisol PENATE Ayala de Figueroa", "Marisol Penate Ayala de Figueroa", "Marisol Penate"),
    ("Luisa Fernanda QUIROS Vega de la Cruz", "Luisa Fernanda Quiros Vega de la Cruz", "Luisa Quiros"),
    ("Teresa ALBAN Ruiz Soto Lema", "Teresa Alban Ruiz Soto Lema", "Teresa Alban"),
    ("Ana Belen TORRADO de Maceo", "Ana Belen Torrado de Maceo", "Ana Torrado"),
    ("Jorge Ivan CASTELLS Mora", "Jorge Ivan Castells Mora", "Jorge Castells"),
    ("Sultan OMAR Rafiuddin Al-Musta'in Billah Shah", "Omar Rafiuddin Al-Musta'in Billah Shah", "Omar"),
]


@pytest.mark.parametrize(("person", "name", "alias"), CASES)
def test_cia_name_read_whole(person: str, name: str, alias: str | None) -> None:
    parsed = holder(person, Drops(), "Ambassador to the US", alone=True)
    assert parsed is not None
    assert parsed[1] == name
    if alias is not None:
        assert alias in parsed[2]


def test_factbook_prose_after_a_name_still_cut() -> None:
    parsed = holder("President Ruben ALTAMIRA Soto resigned in the crisis of last year", Drops())
    assert parsed is None or parsed[1] == "Ruben Altamira Soto"
