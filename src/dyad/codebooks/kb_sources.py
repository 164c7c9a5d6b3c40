"""Reading ``../shared/actors/`` (see its README) into knowledge-base facts, one reader per source.

Every reader normalises its own date format to ``datetime.date`` and counts what it skips in a
:class:`~dyad.codebooks.kb_facts.Drops`: Wikidata rows whose holder is only a Q-id or whose start is
implausibly early (vandalism, "Islamic Emirate of Afghanistan / emir" from 827), rows seen in one snapshot
only with a start years before it. The CIA's Factbook and World Leaders are read by
:mod:`dyad.codebooks.kb_factbook`.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dyad.codebooks.countries import countries, terms
from dyad.codebooks.kb_facts import Drops, Fact, name_key, parse_day, plausible, title_sector

Resolve = Callable[[str], str | None]  # a country label or code -> ISO3


@cache
def country_resolver() -> Resolve:
    """Wikidata's English country labels ("People's Republic of China", "the Islamic Republic of
    Afghanistan") -> ISO3."""
    by_key = {name_key(surface): t.code for surface, t in terms().items() if t.kind == "country" and t.code}
    for country in countries().values():
        by_key.setdefault(name_key(country.name), country.iso3)

    def resolve(label: str) -> str | None:
        key = name_key(label)
        for candidate in (key, re.sub(r"^(the )?(kingdom of |(islamic )?republic of |state of )?", "", key)):
            if candidate in by_key:
                return by_key[candidate]
        return None

    return resolve


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _checked(fact: Fact, drops: Drops) -> Fact | None:
    problem = plausible(fact.start, fact.end)
    if problem:
        drops.add(fact.source, f"implausible period ({problem})")
        return None
    return fact


# -- US Congress and executive (CC0) -------------------------------------------------------------------


def read_congress(folder: Path, drops: Drops) -> Iterator[Fact]:
    """Members of Congress (LEG) and presidents and vice presidents (GOV), every dated term."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    removed = {
        row["bioguide"]: row["removed_date"]
        for row in csv_rows(folder / "legislators-historical-2012plus-provenance.csv")
    }
    files = (
        "legislators-current.yaml",
        "legislators-historical-2012plus-reconstructed.yaml",
        "executive.yaml",
    )
    titles = {
        "rep": "U.S. Representative",
        "sen": "U.S. Senator",
        "prez": "President",
        "viceprez": "Vice President",
    }
    for name in files:
        people = yaml.load((folder / name).read_text(encoding="utf-8"), Loader=loader)
        for person in people:
            names = _congress_names(person.get("name", {}))
            if not names:
                drops.add("congress", "person without a name")
                continue
            terms = person.get("terms", [])
            cap = removed.get(person.get("id", {}).get("bioguide", ""))
            for n, term in enumerate(terms):
                start, end = parse_day(str(term["start"])), parse_day(str(term["end"]))
                if n == len(terms) - 1 and cap and end and parse_day(cap) and parse_day(cap) < end:  # type: ignore[operator]
                    end = parse_day(cap)  # the recorded end of a last term is its scheduled end
                kind = term.get("type", "")
                fact = Fact(names[0], tuple(names[1:]), "USA", "LEG" if kind in ("rep", "sen") else "GOV",
                            titles.get(kind, kind), start, end, "congress")  # fmt: skip
                checked = _checked(fact, drops)
                if checked is not None:
                    yield checked


def _congress_names(name: dict[str, Any]) -> list[str]:
    first, last = name.get("first", ""), name.get("last", "")
    out = [name.get("official_full", ""), f"{first} {last}"]
    if name.get("nickname"):
        out.append(f"{name['nickname']} {last}")
    out.extend(f"{o.get('first', first)} {o.get('last', last)}" for o in name.get("other_names", []) or [])
    return [n.strip() for n in dict.fromkeys(out) if n and n.strip()]


# -- UK ministers (IfG, CC BY 4.0) ---------------------------------------------------------------------


def read_ifg(folder: Path, drops: Drops) -> Iterator[Fact]:
    """Every UK ministerial appointment since 1979 (GBR; GOV, or MIL for defence posts)."""
    names: dict[str, list[str]] = defaultdict(list)
    for row in csv_rows(folder / "person.csv"):
        for field in ("display_name", "name"):
            if row[field] and row[field] not in names[row["id"]]:
                names[row["id"]].append(row[field])
    organisations = {row["id"]: row["name"] for row in csv_rows(folder / "organisation.csv")}
    posts = {
        row["id"]: (row["name"], organisations.get(row["organisation_id"], ""))
        for row in csv_rows(folder / "post.csv")
    }
    for row in csv_rows(folder / "appointment.csv"):
        person = names.get(row["person_id"])
        post = posts.get(row["post_id"])
        if not person or post is None:
            drops.add("ifg", "appointment of an unknown person or post")
            continue
        title, department = post
        sector = title_sector(title if "defen" in title.lower() else f"{title} ({department})")
        fact = Fact(person[0], tuple(person[1:]), "GBR", sector, title,
                    parse_day(row["start_date"]), parse_day(row["end_date"]), "ifg")  # fmt: skip
        checked = _checked(fact, drops)
        if checked is not None:
            yield checked


# -- Wikidata (CC0): heads of state and government, per-country office holders -------------------------


def read_world_leaders(path: Path, resolve: Resolve, drops: Drops) -> Iterator[Fact]:
    """Heads of state and government from the union of all world-leaders-2021 snapshots."""
    for row in csv_rows(path):
        source = "wikidata"
        holder = row["officeholderLabel"].strip()
        if re.fullmatch(r"Q\d+", holder) or not holder:
            drops.add(source, "holder labelled only by a Q-id")
            continue
        country = resolve(row["country"])
        if country is None:
            drops.add(source, "country label not mapped to ISO3")
            continue
        try:
            start = parse_day(row["start_year"])
            end = parse_day(row["end_year"], end=True)
        except ValueError:
            drops.add(source, "malformed year")
            continue
        seen = parse_day(row["first_seen_date"])
        if int(row["n_snapshots"] or 0) < 2 and start and seen and (seen - start).days > 5 * 366:
            drops.add(source, "seen in one snapshot only, starting years before it (vandalism)")
            continue
        fact = Fact(
            holder, (), country, title_sector(row["positionLabel"]), row["positionLabel"], start, end, source
        )
        checked = _checked(fact, drops)
        if checked is not None:
            yield checked


def read_country_holders(folder: Path, drops: Drops) -> Iterator[Fact]:
    """Cabinet and senior posts per country (15 repositories, ISO3 in ``REPOS.csv``)."""
    for repo in csv_rows(folder / "REPOS.csv"):
        path = folder / repo["repo"].split("/")[-1] / "holders21.csv"
        if not path.exists():
            drops.add("wikidata", f"missing {path.parent.name}/holders21.csv")
            continue
        for row in csv_rows(path):
            person = row["person"].strip()
            if not person or re.fullmatch(r"Q\d+", person):
                drops.add("wikidata", "holder labelled only by a Q-id")
                continue
            try:
                start, end = parse_day(row["start"]), parse_day(row["end"], end=True)
            except ValueError:
                drops.add("wikidata", "malformed date")
                continue
            fact = Fact(
                person,
                (),
                repo["iso3"],
                title_sector(row["position"]),
                row["position"],
                start,
                end,
                "wikidata",
            )
            checked = _checked(fact, drops)
            if checked is not None:
                yield checked
