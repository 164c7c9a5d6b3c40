"""The gazetteer: places that matter in international news, with country, kind and coordinates.

Seas, straits, regions, territories and major cities come from ``places.tsv``; countries (centroids) and
capitals come from the country table, so every country name and capital resolves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dyad.codebooks._tables import rows, split
from dyad.codebooks.countries import countries
from dyad.errors import CodebookError

KINDS = frozenset({"country", "city", "region", "sea", "strait", "ocean", "territory"})


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None


@cache
def regions() -> dict[str, str]:
    """Sub-national places and their country ("British Columbia": CAN), built by ``dyad kb build``."""
    table: dict[str, str] = {}
    for number, f in rows("regions.tsv", 2):
        if f[0] in table:
            raise CodebookError(f"duplicate region {f[0]!r}", where=f"regions.tsv:{number}")
        table[f[0]] = f[1]
    return table


@cache
def region_homonyms() -> dict[str, tuple[str, str]]:
    """States of a federation that bear another country's name, with the state's country and the other
    ("Georgia": USA, GEO), built by ``dyad kb build``."""
    return {f[0]: (f[1], f[2]) for _, f in rows("region_homonyms.tsv", 3)}


@cache
def gazetteer() -> dict[str, PlaceEntry]:
    """Every exact-case surface form of a known place."""
    table: dict[str, PlaceEntry] = {}
    for number, f in rows("places.tsv", 6):
        where = f"places.tsv:{number}"
        if f[3] not in KINDS:
            raise CodebookError(f"unknown place kind {f[3]!r}", where=where)
        try:
            entry = PlaceEntry(f[0], f[2] or None, f[3], float(f[4]), float(f[5]))
        except ValueError as exc:
            raise CodebookError(f"bad coordinates: {exc}", where=where) from exc
        if f[0] in table:
            raise CodebookError(f"duplicate place {f[0]!r}", where=where)
        for surface in (f[0], *split(f[1])):
            table.setdefault(surface, entry)
    for c in countries().values():
        entry = PlaceEntry(c.name, c.iso3, "country", c.lat, c.lon)
        for surface in (c.name, *c.aliases):
            table.setdefault(surface[4:] if surface.startswith("the ") else surface, entry)
        if c.capital:
            table.setdefault(c.capital, PlaceEntry(c.capital, c.iso3, "city", c.capital_lat, c.capital_lon))
    return table
