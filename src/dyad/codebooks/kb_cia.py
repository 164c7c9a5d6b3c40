"""Reading the CIA's World Leaders list of 2019-06-04 (public domain) into knowledge-base facts: each
office holder is one dated observation, whose term the merge widens (kb_rows). Names are read as the
Factbook's are (kb_factbook.holder), and the list's GEC codes give the Factbook's entities their states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pycountry

from dyad.codebooks.kb_factbook import holder
from dyad.codebooks.kb_facts import Drops, Fact, name_key, title_sector
from dyad.codebooks.kb_sources import csv_rows

CIA_DAY = dt.date(2019, 6, 4)


def read_cia(path: Path, gec_iso3: dict[str, str], drops: Drops) -> Iterator[Fact]:
    """Office holders on 2019-06-04 only: each row is a one-day observation."""
    for row in csv_rows(path):
        person = row["person"].strip()
        if not person:
            drops.add("cia", "office without a holder")
            continue
        if row["region_specific"]:
            drops.add("cia", "office of a special region (merged offices in the scrape)")
            continue
        country = gec_iso3.get(row["gec_code"])
        if country is None:
            drops.add("cia", "entity without an ISO code")
            continue
        parsed = holder(person, Drops(), row["office_title"], alone=True) if row["last_name"] else None
        name = parsed[1] if parsed else person
        aliases = parsed[2] if parsed else []
        yield Fact(name, tuple(aliases), country, title_sector(row["office_title"]), row["office_title"],
                   CIA_DAY, CIA_DAY, "cia")  # fmt: skip


def gec_to_iso3(path: Path) -> dict[str, str]:
    """CIA GEC codes -> ISO3, through the 2019 GEC -> ISO2 table. Where that table repeats the GEC code
    (entities without an ISO code: Akrotiri ``ax`` is not Aland), the code is kept only when the ISO
    country's name starts like the CIA's."""
    table: dict[str, str] = {}
    for row in csv_rows(path):
        code = row["iso2_as_given"].strip().upper()
        found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
        if found is None:
            continue
        if code.lower() == row["gec_code"].lower():
            ours = name_key(row["country"]).split()[:1]
            theirs = {
                name_key(getattr(found, a, "")).split()[0]
                for a in ("name", "common_name", "official_name")
                if getattr(found, a, "")
            }
            if not ours or ours[0] not in theirs:
                continue
        table[row["gec_code"]] = found.alpha_3
    return table
