"""Sub-national places (states, provinces, regions, cities) and their country, for ``dyad kb build``.

Phoenix's country entries (``CANADA_ [CAN]`` then ``+ONTARIO_``, ``+BRITISH_COLUMBIA_``, ...; MIT) list a
country's regions, cities and landmarks beside its names and misspellings. The build keeps the names of more
than one word ("British Columbia", "New South Wales", "West Bengal": "British" or "Wales" alone would name
another country), and a one-word name only where ISO 3166-2 (``pycountry``, already a dependency) lists a
subdivision of that name in the same country ("Ontario", "Texas", "Balochistan"): a lone word such as
"Austin", "Phoenix" or "Murray" is too often a person or something else. ISO 3166-2 adds its own first-level
subdivisions of more than one word ("Khyber Pakhtunkhwa", "North Darfur"). A name given for two countries
is dropped, and so is one that dyad's country table already reads (a country, demonym or capital).

The table (``regions.tsv``: name, country) lets the lexicon read "British Columbia Premier" as Canadian,
not British, and "the governor of New Jersey" as American, not of Jersey.

A state of a federation that bears another country's name (ISO 3166-2: the US state of Georgia, Nigeria's
Niger State) is no region of the table; ``region_homonyms.tsv`` lists it (:func:`state_homonyms`), so that
a body named after it ("the Georgia Bureau of Investigation") is read as the state's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from dyad.codebooks._tables import tsv_text
from dyad.codebooks.kb_facts import Drops, spelling_key
from dyad.codebooks.kb_phoenix import _entries

SOURCE = "regions"
REGIONS = "regions.tsv"
HOMONYMS = "region_homonyms.tsv"
_SMALL = frozenset({"and", "of", "the", "de", "del", "la", "le", "y", "da", "do", "du", "des", "upon", "on"})
# ISO 3166-2 first-level types that are regions people are governed by (not districts or municipalities).
_FIRST_LEVEL = frozenset(
    {"State", "Province", "Territory", "Union territory", "Regional state", "Autonomous region",
     "Autonomous community", "Region", "Governorate", "Land", "Country", "Republic", "Federal district",
     "Autonomous province", "Capital territory", "Federal capital territory", "Autonomous republic"}
)  # fmt: skip
# Words ISO 3166-2 adds to Chinese and other names ("Guangdong Sheng", "Xinjiang Uygur Zizhiqu").
_SUFFIXES = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Uygur|Zhuangzu|Huizu|Zangzu|Tebiexingzhengqu)\b.*$")


# Words of generic names that several countries use ("North West", "Eastern Province", "Far North",
# "Central Region"): a name of these words only names no one country.
_GENERIC = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
     "lower", "far", "middle", "mid", "region", "province", "state", "district", "territory", "capital",
     "coast", "islands", "island", "highlands", "lakes", "lake", "valley", "river", "bay", "desert", "the",
     "of", "and", "great", "new", "old", "national", "city", "area", "department"}
)  # fmt: skip


def fold(text: str) -> str:
    """Accents and case folded: "Québec" and "QUEBEC" meet."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _proper(raw: str) -> str:
    """ "NEW_SOUTH_WALES_" -> "New South Wales", "JAMMU_AND_KASHMIR" -> "Jammu and Kashmir"."""
    words = [w for w in re.split(r"[_\s]+", re.sub(r"\(.*?\)", " ", raw).strip("_ +")) if w]
    out = []
    for n, word in enumerate(words):
        lower = word.lower()
        if n and lower in _SMALL:
            out.append(lower)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


@dataclass
class _Iso:
    """A country's ISO 3166-2 subdivisions: every name folded, the first-level names of several words,
    and the first-level names of one word by their spelling key."""

    folded: set[str] = field(default_factory=set)
    first: list[str] = field(default_factory=list)
    spelled: dict[str, str] = field(default_factory=dict)


@cache
def _subdivisions() -> dict[str, list[Any]]:
    """ISO 3166-2 subdivisions by ISO 3166-1 alpha-2 code."""
    found: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        found[sub.country_code].append(sub)
    return found


def _iso_names(alpha2: str) -> _Iso:
    iso = _Iso()
    for sub in _subdivisions().get(alpha2, []):
        forms = [f.strip() for f in re.split(r"[\[\]]", sub.name) if f.strip()]
        for form in forms:
            if "," in form:
                continue  # "Adygeya, Respublika": a local form no English text uses
            form = _SUFFIXES.sub("", form)
            iso.folded.add(fold(form))
            if sub.parent_code is None and sub.type in _FIRST_LEVEL:
                if " " in form:
                    iso.first.append(form)
                else:
                    iso.spelled.setdefault(spelling_key(fold(form)), _ascii(form))
    return iso


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def read_regions(
    path: Path, countries: frozenset[str], known: frozenset[str], drops: Drops
) -> list[tuple[str, str]]:
    """(name, ISO3) of the regions named in a Phoenix country file; ``countries`` are the ISO3 codes dyad
    knows, ``known`` the surface forms its country and place tables read already."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for entry in _entries(path, drops):
        codes = {c.split()[0] if c.split() else "" for c in entry.codes}
        if len(codes) != 1 or not re.fullmatch(r"[A-Z]{3}", next(iter(codes))):
            continue
        (country,) = codes
        for synonym in entry.synonyms:
            by_name[_proper(synonym)].add(country)
    alpha2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    iso: dict[str, _Iso] = {}

    def iso_of(country: str) -> _Iso:
        if country not in iso:
            iso[country] = _iso_names(alpha2[country]) if country in alpha2 else _Iso()
        return iso[country]

    for name, found in list(by_name.items()):
        for country in list(found):
            if country not in countries:
                found.discard(country)
                continue
            if " " in name or fold(name) in iso_of(country).folded:
                continue
            # "QUBEC", "SIND": Phoenix's spelling of an ISO region ("Quebec", "Sindh") gives the ISO one.
            spelled = iso_of(country).spelled.get(spelling_key(fold(name)))
            if spelled is not None:
                by_name[spelled].add(country)
    for country in {c for cs in by_name.values() for c in cs}:
        for form in iso_of(country).first:
            by_name[form].add(country)
            by_name[_ascii(form)].add(country)
    out: list[tuple[str, str]] = []
    for name, found in sorted(by_name.items()):
        if not found or len(name) < 3 or not re.search(r"[a-z]", name) or not name[0].isupper():
            continue
        if name in known:
            continue
        if all(w in _GENERIC for w in fold(name).replace("-", " ").split()):
            drops.add(SOURCE, "a name of generic words only (North West, Eastern Province)")
            continue
        if len(found) > 1:
            drops.add(SOURCE, "name of places in several countries")
            continue
        (country,) = found
        if " " not in name and fold(name) not in iso_of(country).folded:
            drops.add(SOURCE, "one-word name that ISO 3166-2 does not list for the country")
            continue
        out.append((name, country))
    return out


def regions_text(regions: list[tuple[str, str]]) -> str:
    header = (
        "# Sub-national places and their country, built by `dyad kb build` from the Phoenix country entries\n"
        "# (MIT) and ISO 3166-2 (pycountry); see dyad.codebooks.kb_regions.\n"
        "# name\tcountry\n"
    )
    return tsv_text(header, regions)


def state_homonyms(country_names: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, the state's ISO3, the ISO3 of the country of that name) of every first-level state of a
    federation (ISO 3166-2 type "State") that bears another country's name (``country_names``: names by
    ISO3 code): "Georgia" is a US state and a country."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out = set()
    for alpha2, subs in _subdivisions().items():
        for sub in subs:
            other = country_names.get(fold(sub.name))
            if sub.parent_code is None and sub.type == "State" and other not in (None, alpha3.get(alpha2)):
                out.add((_ascii(sub.name), alpha3[alpha2], other))
    return sorted(out)


def homonyms_text(homonyms: list[tuple[str, str, str]]) -> str:
    header = (
        "# States of a federation that bear another country's name, built by `dyad kb build` from\n"
        "# ISO 3166-2 (pycountry); see dyad.codebooks.kb_regions.\n"
        "# name\tstate's country\tcountry of the name\n"
    )
    return tsv_text(header, homonyms)
