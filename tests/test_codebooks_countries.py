"""Integrity of the country, organisation, role and people tables."""

from __future__ import annotations

import pycountry

from dyad.codebooks.countries import countries, igo_names, organizations, roles, terms
from dyad.codebooks.people import builtin_people
from dyad.model import SECTORS


def test_country_codes_are_iso3_and_demonyms_resolve() -> None:
    table = countries()
    iso = {c.alpha_3 for c in pycountry.countries} | {"XKX"}  # Kosovo: user-assigned code (EU, IMF)
    assert set(table) <= iso
    every = terms()
    expected = {"U.S.": "USA", "America": "USA", "Chinese": "CHN", "Iranian": "IRN", "Kremlin": "RUS",
                "Downing Street": "GBR", "Taipei": "TWN", "Beijing": "CHN"}  # fmt: skip
    for surface, code in expected.items():
        assert every[surface].code == code, surface
    assert every["Washington"].kind == "metonym" and every["Washington"].sector == "GOV"


def test_organisations_and_roles_use_known_codes() -> None:
    countries_and_igos = set(countries()) | set(igo_names())
    for org in organizations():
        assert org.sector in SECTORS
        assert org.country is None or org.country in countries_and_igos, org.name
    by_name = {o.name: o for o in organizations()}
    assert (by_name["Hamas"].country, by_name["Hamas"].sector) == ("PSE", "REB")
    assert (by_name["Hezbollah"].country, by_name["Hezbollah"].sector) == ("LBN", "REB")
    assert (by_name["Houthis"].country, by_name["Houthis"].sector) == ("YEM", "REB")
    assert roles()["defense chiefs"].sector == "MIL"
    assert roles()["lawmakers"].sector == "LEG"
    assert roles()["protesters"].sector == "CVL"


def test_people_roles_are_dated_and_coded() -> None:
    kb = builtin_people()
    assert len({r.country for r in kb.roles}) >= 60
    import datetime as dt

    assert kb.lookup("Pompeo", dt.date(2019, 6, 1)).role == "Secretary of State"  # type: ignore[union-attr]
    assert kb.lookup("Rubio", dt.date(2019, 6, 1)) is not None
    shoigu = kb.lookup("Shoigu", dt.date(2024, 6, 1))
    assert shoigu is not None and shoigu.sector == "GOV"
    assert kb.lookup("Shoigu", dt.date(2020, 6, 1)).sector == "MIL"  # type: ignore[union-attr]


def test_first_names_give_gender_only_when_clear() -> None:
    from dyad.codebooks.people import first_name_gender

    assert first_name_gender("Amy Klobuchar") == "f"
    assert first_name_gender("Bernie Sanders") == "m"
    assert first_name_gender("Xi Jinping") is None  # a family name first says nothing
    assert first_name_gender("Klobuchar") is None
