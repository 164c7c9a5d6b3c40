"""Given names of the open actor data, for ``dyad kb build``: the first names of thousands of office holders.

dyad's hand list of first names (``first_names.tsv``, about 380, mostly English) lacks most Arabic, African,
Slavic, Indian and Japanese ones ("Khalid", "Abdallah", "Oleksandr", "Hiroshi"), and with them the rules
that tell a person from a body ("Khalid Mishal" tagged as an organisation; Phoenix's undated leaders) go
blind. The build reads the first names of the people the open data lists: Wikidata's holders of office
(which give a gender), the US Congress and the UK ministers (gender too), the CIA's 2019 list of chiefs of
state and cabinet members (a first-name field, no gender; every country) and the people Phoenix dates roles
of (the first word of the entry's name; no gender). A name is kept when at least two people bear it (three
when no source gives a gender: "Bright" and "Come" of the CIA list have two) and it is no title ("Lord",
"Baroness", or a role noun of Phoenix's agents: "Colonel"), initial or place ("Milan", "Sydney"; nor the
first word of one, "Abu Dhabi TV" is no person, though Diego and Solomon are lost so), nor at
least as often a family name. Names written family name first are skipped: Wikidata's Chinese ministers
("Wang Yi"), the CIA's names that start with the family name in capitals ("NGUYEN Xuan Phuc"), and
Phoenix's people of the countries most of whose CIA names do ("KIM_JONG_UN", "CHEN_SHUI_BIAN"). Its gender
is the one at least nine in ten of its gendered bearers have, else none ("-"). Titles used as names
("Ayatollah", "Haji") remain: they start a person's name as a first name does.

The table (``given_names.tsv``: name, gender, bearers) adds to the hand list, which wins where both list a
name.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from dyad.codebooks._tables import tsv_text
from dyad.codebooks.kb_cia import gec_to_iso3
from dyad.codebooks.kb_facts import Drops, display_name
from dyad.codebooks.kb_phoenix import _entries

# Peers' and honorific titles that lists of ministers write before a name ("Lord Ahmad", "Baroness Scotland").
_TITLES = frozenset(
    {"lord", "lady", "baron", "baroness", "viscount", "earl", "sir", "dame", "sheikh", "prince", "princess",
     "king", "queen", "gen", "general", "dr", "mr", "mrs", "ms", "the", "hon"}
)  # fmt: skip
# Wikidata's lists that write names family name first ("Wang Yi").
_FAMILY_FIRST = frozenset({"china-ministers"})
_GENDERS = {"male": "m", "female": "f", "M": "m", "F": "f"}


def _word(name: str, last: bool = False) -> str:
    words = name.split()
    return words[-1 if last else 0] if len(words) > 1 else ""


def _people(actors: Path, phoenix: list[Path]) -> list[tuple[str, str, str | None]]:
    """(first name, family name, gender or None) of each person, once per source."""
    people: dict[tuple[str, str], tuple[str, str, str | None]] = {}
    for folder in sorted((actors / "wikidata-world-leaders" / "country-holders").iterdir()):
        path = folder / "holders21.csv"
        if not path.is_file() or folder.name in _FAMILY_FIRST:
            continue
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                gender = _GENDERS.get(row.get("gender") or "")
                name = row["person"]
                people[("wikidata", row["personID"])] = (_word(name), _word(name, True), gender)
    with (actors / "ifg-uk-ministers" / "person.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, gender = row["name"], _GENDERS.get(row["gender"])
            people[("ifg", row["id"])] = (_word(name), _word(name, True), gender)
    congress = actors / "congress-legislators"
    for file in ("legislators-current.yaml", "legislators-historical-2012plus-reconstructed.yaml"):
        with (congress / file).open(encoding="utf-8") as handle:
            for person in yaml.safe_load(handle):
                names, gender = person.get("name", {}), _GENDERS.get(person.get("bio", {}).get("gender", ""))
                people[("congress", person["id"]["bioguide"])] = (
                    names.get("first", ""),
                    names.get("last", ""),
                    gender,
                )
    cia = actors / "cia-world-leaders-2019"
    gec = gec_to_iso3(cia / "cia_countries_gec_iso2.csv")
    first_family: Counter[str] = Counter()  # per country: names the CIA writes family name first
    with (cia / "cia_world_leaders_2019_flat.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            first, last, words = row["first_name"].split(), row["last_name"].split(), row["person"].split()
            country = gec.get(row["gec_code"], "")
            first_family[country] += 1 if words[:1] and words[0].isupper() else -1
            if not first or words[:1] != first[:1]:
                continue  # "NGUYEN Xuan Phuc": the family name first (in capitals), or no first name
            people[("cia", row["person"])] = (first[0], last[-1] if last else "", None)
    for path in phoenix:
        for entry in _entries(path, Drops()):
            # People's entries only: roles dated ("[IRQGOV 20060520-20140908]"), and the root their name;
            # not of the countries that write the family name first ("KIM_JONG_UN", "CHEN_SHUI_BIAN").
            words = display_name(entry.root).split()
            if len(words) < 2 or not any(len(code.split()) > 1 for code in entry.codes):
                continue
            if any(first_family[code[:3]] > 0 for code in entry.codes):
                continue
            people[("phoenix", entry.root)] = (words[0], words[-1], None)
    return list(people.values())


def _plain(word: str) -> bool:
    """A word that can be a given name: letters (a hyphen or apostrophe inside), Latin script, not an
    initial."""
    letters = word.replace("-", "").replace("'", "")
    return (
        len(letters) >= 3 and letters.isalpha() and word[0].isupper() and all(ord(c) < 0x250 for c in letters)
    )


def read_given_names(
    actors: Path, phoenix: list[Path], known: frozenset[str], excluded: frozenset[str]
) -> list[tuple[str, str, int]]:
    """(name, gender m/f/-, bearers) of the given names of ``actors`` (the open actor data) and the people
    of the Phoenix files; ``known`` are the places and country words dyad reads, ``excluded`` words in
    lower case that are no given name here: the hand list's names, role nouns ("colonel", "mullah")."""
    people = _people(actors, phoenix)
    places = {words[0] for name in known if len(words := name.split()) > 1}  # "Abu" of "Abu Dhabi", "Sri"
    bearers: dict[str, Counter[str | None]] = defaultdict(Counter)
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    families: Counter[str] = Counter(last.lower() for _, last, _ in people if last)
    for first, _, gender in people:
        if _plain(first):
            bearers[first.lower()][gender] += 1
            spelling[first.lower()][first] += 1
    table = []
    for key, counts in bearers.items():
        total = sum(counts.values())
        name = spelling[key].most_common(1)[0][0]
        gendered = counts["m"] + counts["f"]
        if (
            total < (2 if gendered else 3)
            or key in excluded
            or key in _TITLES
            or name in known
            or name in places
            or families[key] >= total
        ):
            continue
        gender = next((g for g in ("m", "f") if gendered and counts[g] >= 0.9 * gendered), "-")
        table.append((name, gender, total))
    return sorted(table)


def given_names_text(names: list[tuple[str, str, int]]) -> str:
    header = (
        "# Given names of the open actor data and the gender most of their bearers have, built by `dyad kb\n"
        "# build` (Wikidata CC0, US Congress CC0, IfG CC BY 4.0, CIA public domain); see\n"
        "# dyad.codebooks.kb_given_names. The hand list first_names.tsv wins where both list a name.\n"
        "# name\tgender (m|f|-)\tbearers\n"
    )
    return tsv_text(header, names)
