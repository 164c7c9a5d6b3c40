"""Countries, organisations and role nouns: who a name in the news stands for.

``countries.tsv`` holds our own table of names, aliases, demonyms, capitals and seats of power;
``pycountry`` adds the official ISO names of every other country so nothing falls through.
``organizations.tsv`` maps institutions, non-state groups and international organisations to a country
(or an IGO code) and a sector; ``roles.tsv`` maps role nouns ("officials", "defense chiefs") to a sector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import pycountry

from dyad.codebooks._tables import rows, split
from dyad.errors import CodebookError
from dyad.model import SECTORS

TermKind = Literal["country", "demonym", "metonym", "organization", "place"]


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None
    lat: float | None
    lon: float | None
    metonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    country: str | None  # ISO3, an IGO code, or None for transnational groups
    sector: str
    kind: Literal["organization", "group"]


# CAMEO's party codes for bodies of no state, by their sector: an international non-governmental organisation
# (Amnesty International, the Red Cross) is NGO, an international militarised group (al-Qaeda, Islamic State)
# IMG. The tables list such bodies without a country on purpose; as parties of an event they take these codes.
TRANSNATIONAL = {"NGO": "NGO", "REB": "IMG"}


@dataclass(frozen=True, slots=True)
class Role:
    role: str  # lowercase singular
    plural: str | None
    sector: str
    kind: Literal["person", "organization"]


@dataclass(frozen=True, slots=True)
class Term:
    """What one surface form (exact case) stands for."""

    surface: str
    kind: TermKind
    code: str | None  # ISO3 or IGO code
    sector: str | None
    name: str  # canonical name of the country or organisation
    org_kind: Literal["organization", "group"] | None = None


@cache
def countries() -> dict[str, Country]:
    """Our table by ISO3, plus every other ISO 3166 country from pycountry (names only)."""
    table: dict[str, Country] = {}
    for number, f in rows("countries.tsv", 10):
        iso3 = f[0]
        if iso3 in table:
            raise CodebookError(f"duplicate country {iso3}", where=f"countries.tsv:{number}")
        table[iso3] = Country(
            iso3=iso3,
            name=f[1],
            aliases=split(f[2]),
            demonyms=split(f[3]),
            capital=f[4] or None,
            capital_lat=float(f[5]) if f[5] else None,
            capital_lon=float(f[6]) if f[6] else None,
            lat=float(f[7]) if f[7] else None,
            lon=float(f[8]) if f[8] else None,
            metonyms=split(f[9]),
        )
    for entry in pycountry.countries:
        if entry.alpha_3 in table:
            continue
        names = {entry.name, getattr(entry, "common_name", entry.name)}
        common = getattr(entry, "common_name", entry.name)
        table[entry.alpha_3] = Country(
            entry.alpha_3, common, tuple(sorted(names - {common})), (), None, None, None, None, None, ()
        )
    return table


def country(code: str) -> Country | None:
    return countries().get(code)


def country_name(code: str | None) -> str | None:
    """The display name of a country or international organisation code."""
    if code is None:
        return None
    found = countries().get(code)
    if found is not None:
        return found.name
    org = igo_names().get(code)
    return org or code


@cache
def organizations() -> tuple[Organization, ...]:
    found: list[Organization] = []
    seen: set[str] = set()
    for number, f in rows("organizations.tsv", 5):
        if f[3] not in SECTORS:
            raise CodebookError(f"unknown sector {f[3]!r}", where=f"organizations.tsv:{number}")
        if f[4] not in ("organization", "group"):
            raise CodebookError(f"unknown kind {f[4]!r}", where=f"organizations.tsv:{number}")
        if f[0] in seen:
            raise CodebookError(f"duplicate organisation {f[0]!r}", where=f"organizations.tsv:{number}")
        seen.add(f[0])
        kind: Literal["organization", "group"] = "group" if f[4] == "group" else "organization"
        found.append(Organization(f[0], split(f[1]), f[2] or None, f[3], kind))
    return tuple(found)


@cache
def igo_names() -> dict[str, str]:
    """IGO code -> name of the organisation that code was first given to (e.g. ``UN`` -> United Nations)."""
    names: dict[str, str] = {}
    for org in organizations():
        if org.sector in ("IGO", "JUD") and org.country and org.country not in countries():
            names.setdefault(org.country, org.name)
    return names


@cache
def supranational_regions() -> dict[str, str | None]:
    """Regions of several states as written before a noun ("west african") -> the code of the bloc of
    that region's states (``ECOWAS``), or None where no bloc is."""
    known = igo_names()
    table: dict[str, str | None] = {}
    for number, (region, code) in rows("supranational_regions.tsv", 2):
        if (code and code not in known) or region in table or region != region.lower():
            raise CodebookError(
                f"bad or repeated region {region!r} / bloc {code!r}",
                where=f"supranational_regions.tsv:{number}",
            )
        table[region] = code or None
    return table


@cache
def roles() -> dict[str, Role]:
    """Role nouns by every surface form (singular and plural, lowercase)."""
    table: dict[str, Role] = {}
    for number, f in rows("roles.tsv", 4):
        if f[2] not in SECTORS:
            raise CodebookError(f"unknown sector {f[2]!r}", where=f"roles.tsv:{number}")
        if f[3] not in ("person", "organization"):
            raise CodebookError(f"unknown kind {f[3]!r}", where=f"roles.tsv:{number}")
        kind: Literal["person", "organization"] = "person" if f[3] == "person" else "organization"
        role = Role(f[0], f[1] or None, f[2], kind)
        for surface in (f[0], f[1]):
            if not surface:
                continue
            if surface in table and table[surface].role != role.role:
                raise CodebookError(f"role form {surface!r} listed twice", where=f"roles.tsv:{number}")
            table[surface] = role
    return table


def _without_article(surface: str) -> str:
    return surface[4:] if surface.lower().startswith("the ") else surface


@cache
def terms() -> dict[str, Term]:
    """Every exact-case surface form of a country, demonym, seat of power or organisation."""
    table: dict[str, Term] = {}

    def add(surface: str, term: Term) -> None:
        surface = _without_article(surface)
        # First writer wins: our hand-written table is read before pycountry's names.
        table.setdefault(surface, term)
        if surface[:1].islower():  # "al-Qaeda" starts a sentence as "Al-Qaeda"
            table.setdefault(surface[:1].upper() + surface[1:], term)

    for c in countries().values():
        for surface in (c.name, *c.aliases):
            add(surface, Term(surface, "country", c.iso3, None, c.name))
        for surface in c.demonyms:
            add(surface, Term(surface, "demonym", c.iso3, None, c.name))
        for surface in c.metonyms:
            add(surface, Term(surface, "metonym", c.iso3, "GOV", c.name))
    for org in organizations():
        for surface in (org.name, *org.aliases):
            add(surface, Term(surface, "organization", org.country, org.sector, org.name, org.kind))
    return table
