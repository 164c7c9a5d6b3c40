"""``dyad kb build``: the shipped actor knowledge base (``actors_kb.tsv.gz``) from the open data.

Reads the Phoenix actor dictionaries (``codebooks/petrarch/``) and the five folders of ``actors/`` under
the shared data directory, then:

* joins one person's facts across sources and spellings (same normalised name or multi-word alias, same
  country; a body such as NATO or the UN joins the person's one national record: Mark Rutte);
* keeps one row per distinct (country, sector, period), naming every source that gives it;
* drops a 2019 CIA observation already covered by a dated role (of the same office, for a head of state
  or government), and an open-ended role ("no end known
  when the source was taken") that another source dates with an end;
* closes an open-ended role the day before the same person's next known role starts, and a stale
  open-ended Phoenix office the day before the 2019 CIA list when no source shows it held that day;
* ends a head of state's or government's term the day before another person's term in that office
  starts (kb_succession);
* drops aliases that are titles ("President Obama", "Obama administration"; of a body only a post's title,
  "Chairman of the Federation Council", so that "Al-Qaeda in the Arabian Peninsula" stays a name).

The table is facts only: id, name, aliases, kind, country, sector, role, start, end, source.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dyad.codebooks._tables import rows
from dyad.codebooks.countries import countries, terms
from dyad.codebooks.kb_agents import AGENTS, agents_text, read_agents
from dyad.codebooks.kb_cia import gec_to_iso3, read_cia
from dyad.codebooks.kb_factbook import read_factbook
from dyad.codebooks.kb_facts import Drops, Fact, name_key
from dyad.codebooks.kb_given_names import given_names_text, read_given_names
from dyad.codebooks.kb_joins import middle_name_pairs, spelling_pairs
from dyad.codebooks.kb_phoenix import read_phoenix
from dyad.codebooks.kb_regions import (
    HOMONYMS,
    REGIONS,
    fold,
    homonyms_text,
    read_regions,
    regions_text,
    state_homonyms,
)
from dyad.codebooks.kb_rows import clean_rows
from dyad.codebooks.kb_sources import (
    country_resolver,
    read_congress,
    read_country_holders,
    read_ifg,
    read_world_leaders,
)
from dyad.codebooks.kb_succession import end_succeeded
from dyad.codebooks.people import GIVEN_NAMES, reload_first_names
from dyad.errors import CodebookError

COLUMNS = ("id", "name", "aliases", "kind", "country", "sector", "role", "start", "end", "source")
# Which source's spelling names an entity (proper case and full names first).
_NAMING = ("ifg", "congress", "wikidata", "factbook", "cia", "phoenix")
_POSTS = (
    r"president|presidents|minister|prime|secretary|senator|sen|rep|mr|mrs|ms|dr|gen|king|queen|vice|"
    r"chairman|leader|chief|premier|chancellor"
)
_TITLED = re.compile(rf"\b({_POSTS}|general|administration|government|us|u s|american|the)\b")
# A body's name may hold "the", "general", "government" or "American" ("Al-Qaeda in the Arabian Peninsula",
# "General Directorate of Foreign Security", "Kurdistan Regional Government", "American Jewish World
# Service"): only a post's word makes it a post's title, not the body's name ("Chairman of the Federation
# Council", "White House Press Secretary").
_POSTED = re.compile(rf"\b({_POSTS})\b")
PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)


@dataclass
class Entity:
    """One person or body of the table: its name and aliases, and its roles (facts; their own names and
    aliases are those of the source they came from)."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    rows: list[Fact]


def read_all(shared: Path, drops: Drops, regions: Sequence[tuple[str, str]] = ()) -> list[Fact]:
    """Every fact of every source under ``shared`` (the folder holding ``actors/`` and ``codebooks/``);
    ``regions`` (name, ISO3) name the country of armed groups that Phoenix codes by a region only."""
    actors, phoenix = shared / "actors", shared / "codebooks" / "petrarch"
    missing = [p for p in (actors, phoenix) if not p.is_dir()]
    if missing:
        raise CodebookError("the open actor data is not there", where=", ".join(map(str, missing)))
    known = frozenset(countries())
    gec = gec_to_iso3(actors / "cia-world-leaders-2019" / "cia_countries_gec_iso2.csv")
    facts: list[Fact] = []
    places = {
        surface.lower(): t.code
        for surface, t in terms().items()
        if t.kind in ("country", "demonym") and t.code
    }
    places.update((name.lower(), code) for name, code in regions)
    for name in PHOENIX_FILES:
        facts.extend(read_phoenix(phoenix / name, known, drops, places))
    facts.extend(read_congress(actors / "congress-legislators", drops))
    facts.extend(read_ifg(actors / "ifg-uk-ministers", drops))
    leaders = actors / "wikidata-world-leaders"
    facts.extend(
        read_world_leaders(
            leaders / "world-leaders-2021" / "wikidata_all_snapshots_versions.csv", country_resolver(), drops
        )
    )
    facts.extend(read_country_holders(leaders / "country-holders", drops))
    facts.extend(
        read_factbook(actors / "factbook-executive" / "factbook_executive_versions.jsonl", gec, drops)
    )
    facts.extend(read_cia(actors / "cia-world-leaders-2019" / "cia_world_leaders_2019_flat.csv", gec, drops))
    return facts


# Title words that are also family names: last in a name of several words, they are the family name
# ("Hun Sen", "Angus King", "George Prime"), not a title ("King Abdullah", "Sen. Graham").
_SURNAME_TITLES = frozenset({"sen", "king", "prime"})
_SUFFIX = re.compile(r"(?: (?:jr|sr|ii|iii|iv))+$")


def _titled(name: str, person: bool = True) -> bool:
    key = _SUFFIX.sub("", name_key(name))
    if " " in key and key.rsplit(" ", 1)[1] in _SURNAME_TITLES:
        key = key.rsplit(" ", 1)[0]
    return (_TITLED if person else _POSTED).search(key) is not None


def _clean_names(fact: Fact) -> tuple[str, tuple[str, ...]] | None:
    names = [n for n in (fact.name, *fact.aliases) if n.strip()]
    if fact.kind != "person":
        # Mentions are looked up without their article ("the Security Council"): so are bodies' names.
        names = [n[4:] if n[:4].lower() == "the " and len(n) > 4 else n for n in names]
    clean = [n for n in names if not _titled(n, fact.kind == "person")]
    if not clean:
        return None
    return clean[0], tuple(n for n in clean[1:] if name_key(n) != name_key(clean[0]))


def merge(facts: list[Fact], drops: Drops) -> list[Entity]:
    """Group facts into entities (see the module docstring) and clean their rows."""
    cleaned: list[Fact] = []
    for fact in facts:
        names = _clean_names(fact)
        if names is None:
            drops.add(fact.source, "only titles for a name")
            continue
        cleaned.append(replace(fact, name=names[0], aliases=names[1]))
    cleaned = _without_dependencies(cleaned, drops)
    cleaned = _with_administrations(cleaned, drops)
    parent = list(range(len(cleaned)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, fact in enumerate(cleaned):
        for n in {fact.name, *fact.aliases}:
            if " " in name_key(n):
                by_key[(fact.kind, name_key(n))].append(i)
    iso3 = frozenset(countries())
    for indices in by_key.values():
        national: dict[str | None, int] = {}
        bodies: list[int] = []
        for i in indices:
            country = cleaned[i].country
            if country in iso3:
                if country in national:
                    union(i, national[country])
                else:
                    national[country] = i
            else:
                bodies.append(i)
        anchor = next(iter(national.values())) if len(national) == 1 else None
        for i in bodies[1:]:
            if cleaned[i].country == cleaned[bodies[0]].country:
                union(i, bodies[0])
        if anchor is not None and bodies:
            union(bodies[0], anchor)
    for a, b in spelling_pairs(cleaned, iso3):
        if find(a) != find(b):
            drops.add("merge", "one person under two spellings in one country joined")
            union(a, b)
    for a, b in middle_name_pairs(cleaned, iso3):
        if find(a) != find(b):
            drops.add("merge", "one person with and without middle names in one country joined")
            union(a, b)
    groups: dict[int, list[Fact]] = defaultdict(list)
    for i, fact in enumerate(cleaned):
        groups[find(i)].append(fact)
    listed = frozenset(f.country for f in cleaned if f.source == "cia")
    entities = [_entity(group, drops, listed) for group in groups.values()]
    end_succeeded(entities, drops)
    entities.sort(key=lambda e: (name_key(e.name), e.kind, e.rows[0].country or "" if e.rows else ""))
    return entities


# US posts that are not the president's to fill, or that outlast a presidency: state offices, judges, the
# service chiefs, the Speaker, the FBI director's ten-year term, the Federal Reserve.
_NOT_APPOINTED = re.compile(
    r"(?i:\bgovernor\b|\bmayor\b|\bjustice\b|\bjudge\b|\bchief of staff of the\b|\bjoint chiefs\b"
    r"|\bchief of naval\b|\bcommandant\b|\bnational guard\b|\bFBI\b|\bfederal bureau\b|\bfederal reserve\b"
    r"|\binspector general\b|\bcomptroller\b|\bspeaker\b)|\bState of [A-Z]"
)


def _with_administrations(facts: list[Fact], drops: Drops) -> list[Fact]:
    """A US federal post that Wikidata leaves open (its snapshot is of 2022: Antony Blinken, Secretary of
    State from 2021-01-26) ends when the president it was taken under leaves office for another
    (Congress's list of presidents): appointees go with their administration."""
    terms = sorted(
        (f.start, f.end, f.name)
        for f in facts
        if f.source == "congress" and f.role == "President" and f.start is not None
    )
    out = []
    for fact in facts:
        if (
            fact.source == "wikidata" and fact.country == "USA" and fact.end is None
            and fact.start is not None and fact.sector != "JUD" and fact.role != "President"
            and not _NOT_APPOINTED.search(fact.role)
        ):  # fmt: skip
            start = fact.start
            under = [t for t in terms if t[0] <= start and (t[1] is None or start < t[1])]
            later = [t[0] for t in terms if under and t[0] > start and t[2] != under[-1][2]]
            if later:
                drops.add("wikidata", "open US federal post ended with its administration")
                fact = replace(fact, end=later[0] - dt.timedelta(days=1))
        out.append(fact)
    return out


def _without_dependencies(facts: list[Fact], drops: Drops) -> list[Fact]:
    """A head of state listed for dependencies too (the US president for Guam, the French one for New
    Caledonia, the British monarch for every realm's territories) is kept under the state only."""
    states = {iso3 for _, f in rows("countries.tsv", 10) for iso3 in [f[0]]}
    heads_of_state = {
        name_key(f.name) for f in facts if f.country in states and f.source in ("factbook", "cia")
    }
    kept = []
    for fact in facts:
        if (
            fact.source in ("factbook", "cia")
            and fact.country not in states
            and name_key(fact.name) in heads_of_state
        ):
            drops.add(fact.source, "a state's leader listed again for one of its dependencies")
            continue
        kept.append(fact)
    return kept


def _entity(group: list[Fact], drops: Drops, listed: frozenset[str | None]) -> Entity:
    ranked = sorted(group, key=lambda f: _NAMING.index(f.source) if f.source in _NAMING else len(_NAMING))
    best = [f.name for f in ranked if f.source == ranked[0].source]
    name = Counter(best).most_common(1)[0][0]
    aliases: dict[str, str] = {}
    for fact in ranked:
        for n in (fact.name, *fact.aliases):
            key = name_key(n)
            if key != name_key(name) and key not in aliases and (" " in key or fact.source == "phoenix"):
                aliases[key] = n
    rows = clean_rows([replace(f, sector=_body_sector(f)) for f in group], drops, listed)
    kind = "person" if any(f.kind == "person" for f in group) else "organization"
    return Entity(name, tuple(aliases.values()), kind, rows)


def _body_sector(fact: Fact) -> str | None:
    """A post of an international body (country ``EU``, ``UN``, ...) is IGO, a court's JUD."""
    if fact.country is None or fact.country in countries() or fact.sector in ("IGO", "JUD"):
        return fact.sector
    return "JUD" if fact.country in ("ICC", "ICJ") else "IGO"


def table_text(entities: list[Entity], header: str) -> str:
    """The TSV text of the table: a comment header, then one row per role (aliases on an entity's first)."""
    out = io.StringIO()
    out.write(header)
    out.write("\t".join(COLUMNS) + "\n")
    for number, entity in enumerate(entities, start=1):
        for n, row in enumerate(entity.rows):
            fields = [
                str(number), entity.name, "|".join(entity.aliases) if n == 0 else "", entity.kind,
                row.country or "", row.sector or "", row.role, _day(row.start), _day(row.end), row.source,
            ]  # fmt: skip
            out.write(
                "\t".join(
                    f.replace("\t", " ").replace("|", "/") if i != 2 else f for i, f in enumerate(fields)
                )
                + "\n"
            )
    return out.getvalue()


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


HEADER = (
    "# dyad actor knowledge base, built by `dyad kb build` from open data (sources and licences: NOTICE).\n"
    "# One row per role; rows of one entity share its id, aliases are on its first row. Dates ISO;\n"
    "# an empty end: no end known when the source was taken; no dates at all: a standing fact.\n"
    "# An empty sector: a country with no sector (an elite or former standing).\n"
)


def build(shared: Path, out: Path) -> tuple[list[Entity], Drops]:
    """Build the table from ``shared`` into ``out`` (gzip, byte-for-byte reproducible)."""
    drops = Drops()
    # Given names first: the Phoenix reader tells people from bodies by them (read from the package, so
    # a build elsewhere than there uses the shipped list; the tests check it is not stale).
    petrarch = shared / "codebooks" / "petrarch"
    agents = read_agents(petrarch / "Phoenix.agents.txt", drops)
    from dyad.codebooks.places import gazetteer

    known = frozenset(terms()) | frozenset(gazetteer())
    regions = read_regions(petrarch / PHOENIX_FILES[0], frozenset(countries()), known, drops)
    hand = frozenset(f[0].lower() for _, f in rows("first_names.tsv", 2))
    roles = frozenset(phrase for phrase in agents if " " not in phrase)
    given = read_given_names(
        shared / "actors",
        [petrarch / name for name in PHOENIX_FILES],
        known | {r for r, _ in regions},
        hand | roles,
    )
    out.with_name(GIVEN_NAMES).write_text(given_names_text(given), encoding="utf-8")
    reload_first_names()
    entities = merge(read_all(shared, drops, regions), drops)
    data = table_text(entities, HEADER).encode("utf-8")
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle,
    ):
        handle.write(data)
    # Sub-national places beside the table: "British Columbia", "New South Wales" (see kb_regions).
    out.with_name(REGIONS).write_text(regions_text(regions), encoding="utf-8")
    names = {fold(n): code for code, c in countries().items() for n in (c.name, *c.aliases)}
    out.with_name(HOMONYMS).write_text(homonyms_text(state_homonyms(names)), encoding="utf-8")
    # Role nouns of PETRARCH's agents dictionary, for the sector of named people (see kb_agents).
    out.with_name(AGENTS).write_text(agents_text(agents), encoding="utf-8")
    return entities, drops
