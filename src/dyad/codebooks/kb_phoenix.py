"""Reading PETRARCH's Phoenix actor dictionaries (``Phoenix.*.actors.txt``, MIT) into facts.

An entry is a root line (``NURI_AL_MALIKI_``), ``+`` synonym lines, and code lines
(``[IRQGOV 20060520-20140908]``, ``[USAGOV >090120]``, ``[IRQELI]``), codes also inline after the root.
A code is a country or bloc (``IRQ``, ``IGO``, ``NGO``, ``MNC``, ``IMG``) followed by three-letter
sector or organisation codes; dates are YYMMDD (two-digit year) or YYYYMMDD, ``>`` from, ``<`` until,
``A-B`` a period. A root with no code of its own directly after a coded entry is one more spelling of
it (``UN_ [IGOUNO]`` then ``U.N._``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dyad.codebooks.kb_facts import Drops, Fact, display_name, plausible
from dyad.codebooks.people import BODY_WORDS, known_first_names

SOURCE = "phoenix"

# Phoenix sector codes and what they are in dyad's sectors (None: an elite or other standing that
# gives a country but no sector).
_SECTORS: dict[str, str | None] = {
    "GOV": "GOV", "MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "COP": "COP", "SPY": "SPY",
    "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP", "PTY": "PTY", "BUS": "BUS",
    "MED": "MED", "EDU": "EDU", "REL": "REL", "NGO": "NGO", "IGO": "IGO", "CVL": "CVL",
    "REF": "REF", "LAB": "LAB", "HRI": "NGO", "ELI": None,
}  # fmt: skip
_RELIGIONS = frozenset({"CHR", "MOS", "JEW", "BUD", "HIN", "CTH", "SUN", "SHI", "CPT", "ORT"})
# Organisation codes inside IGO codes, as dyad's IGO codes (``organizations.tsv``).
_BODIES = {
    "EEC": "EU", "NAT": "NATO", "WBK": "WB", "WHO": "WHO", "IAE": "IAEA", "IMF": "IMF", "WTO": "WTO",
    "ASN": "ASEAN", "OPC": "OPEC", "AFU": "AU", "OAU": "AU", "ARL": "ARL", "ICC": "ICC", "ICJ": "ICJ",
    "OAS": "OAS", "WAS": "ECOWAS", "SAD": "SADC", "CIS": "CIS", "COE": "COE", "OIC": "OIC",
    "IAD": "IGAD", "ITP": "INTERPOL", "SAA": "SAARC", "EBR": "EBRD", "ADB": "ADB", "EAC": "EAC",
    "GCC": "GCC", "APE": "OAPEC",
}  # fmt: skip
# Phoenix's region codes (the Middle East, South Asia, West Europe, ...): an armed group coded by one of them
# ("KAYIN_NATIONAL_UNION_ [SEAREB]", "LORD'S_RESISTANCE_ARMY [CFRREB]") keeps its sector, without a country.
_REGIONAL = frozenset(
    {"INT", "MEA", "SAS", "SEA", "WEU", "EEU", "EAF", "SAF", "CFR", "AFR", "LAM", "SAM", "NMR", "ASA", "CAS"}
)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = r"(\d{8}|\d{6})"
_PERIOD = re.compile(rf"^{_DATE}\s*-\s*{_DATE}$")
_OPEN = re.compile(rf"^([<>])\s*{_DATE}$")


@dataclass
class _Entry:
    root: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    comment: str = ""


def read_phoenix(
    path: Path, countries: frozenset[str], drops: Drops, places: Mapping[str, str] | None = None
) -> Iterator[Fact]:
    """The facts of one Phoenix actor file; ``countries`` are the ISO3 codes dyad knows, ``places`` the
    lower-case names of countries, peoples and regions and their ISO3 code, which give an armed group coded
    by a region only the country its name says ("Eritrean Liberation Front" [EAFREB]: Eritrea)."""
    for entry in _entries(path, drops):
        for fact in _facts(entry, countries, drops):
            if fact.country is None and fact.role[:3] in _REGIONAL and places is not None:
                fact = _named_country(fact, places)
            yield fact


def _entries(path: Path, drops: Drops) -> Iterator[_Entry]:
    # (entry, follows the one before without a blank line, its codes are on its own line)
    entries: list[tuple[_Entry, bool, bool]] = []
    blank_since = True
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            if not raw.strip():
                blank_since = True
            continue
        current = entries[-1][0] if entries else None
        if line[0] in " \t":
            if current is not None:
                current.codes.extend(_CODE.findall(line))
            continue
        text = line.strip()
        if text.startswith("+"):
            if current is not None:
                current.synonyms.append(_CODE.sub("", text[1:]).strip())
            continue
        codes = _CODE.findall(text)
        # The name ends at its first code: words after the codes are a note on the entry, marked by a tab
        # rather than "#" ("ACCRETIVE_HEALTH_INC_ [MNCHLH] Other Consumer Services $991,000,000").
        first = _CODE.search(text)
        entry = _Entry((text[: first.start()] if first else text).strip(), codes=codes, comment=comment)
        entries.append((entry, not blank_since, bool(codes)))
        blank_since = False
    previous: _Entry | None = None
    above: _Entry | None = None  # roots written one under another, the codes after the last of them
    for number, (entry, follows, _) in enumerate(entries):
        if above is not None:
            entry.synonyms = [*above.synonyms, entry.root, *entry.synonyms]
            entry.root, entry.comment, above = above.root, above.comment + entry.comment, None
        after = entries[number + 1] if number + 1 < len(entries) else None
        if not entry.codes and after is not None and after[1] and not after[2]:
            # "LEONID_BREZHNEV_ / LEONID_ILYICH_BREZHNEV / ... / [RUSGOV 641014-821110]": the roots and
            # their synonyms are spellings of the entry whose codes follow the last of them, not of
            # the coded entry above ("SOUTH_SUDAN ... [SSD >20110709]" before the SPLM's two spellings).
            above = entry
            continue
        if not entry.codes and follows and previous is not None and previous.codes:
            previous.synonyms.extend([entry.root, *entry.synonyms])  # a further spelling of the entry above
            continue
        if previous is not None:
            yield previous
        previous = entry
    if previous is not None:
        yield previous


def _facts(entry: _Entry, countries: frozenset[str], drops: Drops) -> Iterator[Fact]:
    if not entry.codes:
        drops.add(SOURCE, "entry without any code")
        return
    names = [display_name(n) for n in [entry.root, *entry.synonyms] if n.strip("_ ")]
    names = [n for n in dict.fromkeys(names) if len(n) > 1]
    if not names:
        return
    codes = [c.split()[0] if c.split() else "" for c in entry.codes]
    if all(len(c) == 3 and c in countries for c in codes):
        drops.add(SOURCE, "country name entry (dyad's own country table covers it)")
        return
    # A code with a period ("PSEGOV >19940913") dates a person's term; digits inside a code
    # ("NGOHINDEN211DEV") are no date. A body's name dated so ("PALESTINIAN_AUTHORITY", "TAWHID_BRIGADE") is
    # still a body's.
    dated = any(len(c.split()) > 1 for c in entry.codes)
    decoded = [_decode(c, countries) for c in codes]
    if dated and all(country and not sector for country, sector in decoded) and "ELI" not in "".join(codes):
        # "SOUTH_SUDAN [SDNSSD <20050709] [SSD >20110709]", "ERITREA [ETHERI <910424] [ERI >930427]": a
        # state through its changes of status, with its towns as synonyms ("Asmara"), not a person.
        drops.add(SOURCE, "a state's entry dated by its changes of status (the country table covers it)")
        return
    person = (
        dated or "rulers" in entry.comment or "CountryInfo" in entry.comment or "ELI" in "".join(codes)
    ) and not _body_name(names[0])
    # "OSAMA_BIN_LADEN_ [IMGMUSALQ]": an undated entry of an armed group's code named as a person is the
    # group's leader, a person of its code, not one more name of the group; so is one a leader's name
    # among its synonyms spells ("+USAMA_BIN_LADIN": the root shares a word with it).
    person = person or (
        all(s == "REB" for _, s in decoded)
        and not _body_name(names[0])
        and any(_leader_name(n, "") and _shared_word(n, names[0]) for n in names)
    )
    if not person:
        # A body's entry that lists its leader ("KRG" with "+MASOUD_BARZANI", "Hezbollah" with
        # "+HASSAN_NASRALLAH"): the leader is a person of the body's code, not a name of the body.
        leaders = [n for n in names[1:] if _leader_name(n, names[0])]
        if leaders:
            names = [n for n in names if n not in leaders]
            for leader in leaders:
                drops.add(SOURCE, "a leader listed as a name of a body (made a person of its code)")
                for code in entry.codes:
                    fact = _fact([leader], code, countries, True, drops)
                    if fact is not None:
                        yield fact
    facts = [f for f in (_fact(names, code, countries, person, drops) for code in entry.codes) if f]
    # "[SSDGOV 20110709-20130723] [SSDGOV >110709]": the open-ended copy of a dated term is a stale
    # duplicate (the dictionary was not updated when the term ended), not a second term.
    closed = {(f.role, f.start) for f in facts if f.start is not None and f.end is not None}
    for fact in facts:
        if fact.end is None and fact.start is not None and (fact.role, fact.start) in closed:
            drops.add(SOURCE, "open-ended copy of a dated term (same code, same start)")
            continue
        yield fact


# Army, movement, party in the names of South Asian and Arab armed groups ("Saif-ul-Muslimeen Lashkar Jihad").
_ARMED = frozenset({"lashkar", "jaish", "harakat", "harkat", "jamaat", "tehrik", "tehreek", "hizb", "jabhat"})
# Words of a body's name: "Ali bin Abu Talib Brigades" or "Charles Martel Club" is no person; with the
# adjectives that Phoenix's bodies' names carry ("Islamic", "National", "People's").
_BODY_WORDS = BODY_WORDS | {"state", "islamic", "national", "people's", "command"} | _ARMED
_PARTICLES = frozenset({"al", "el", "abu", "bin", "ibn", "bint", "de", "da", "y"})


def _body_name(name: str) -> bool:
    """A name with a word of a body's that does not start with a known first name ("Palestinian Authority",
    "Abbey National"; not "Michael Church")."""
    words = [w.lower() for w in re.split(r"[\s-]+", name) if w]
    return bool(words) and words[0] not in known_first_names() and any(w in _BODY_WORDS for w in words)


def _shared_word(a: str, b: str) -> bool:
    """Two names with a word in common other than a particle ("Usama bin Ladin", "Osama bin Ladin")."""
    words = [{w.lower() for w in re.split(r"[\s-]+", n) if w} - _PARTICLES for n in (a, b)]
    return bool(words[0] & words[1])


def _leader_name(name: str, body: str) -> bool:
    """A synonym of a body that names a person: a known first name or a kunya ("Abu Bakr al-Baghdadi", "Abu
    Hurayra"), two to four words (hyphens join), no word of a body's name and none shared with the body's
    own name."""
    words = [w.lower() for w in re.split(r"[\s-]+", name) if w]
    own = {w.lower() for w in re.split(r"[\s-]+", body) if w} - _PARTICLES
    return (
        2 <= len(name.split()) <= 4  # "Mai-Mai", "Saif-ul-Muslimeen": one word, a group's name
        and (words[0] in known_first_names() or words[0] == "abu")
        and not any(w in _BODY_WORDS or w in own for w in words)
    )


def _fact(names: list[str], code: str, countries: frozenset[str], person: bool, drops: Drops) -> Fact | None:
    parts = code.split(None, 1)
    if not parts or parts[0] in ("---", "~"):
        drops.add(SOURCE, "empty or placeholder code")
        return None
    actor, when = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    country, sector = _decode(actor, countries)
    if country is None and sector is None:
        drops.add(SOURCE, "code without a country, body or sector")
        return None
    try:
        start, end = _period(when)
    except ValueError:
        drops.add(SOURCE, "malformed date")
        return None
    problem = plausible(start, end)
    if problem:
        drops.add(SOURCE, f"implausible period ({problem})")
        return None
    return Fact(
        name=names[0],
        aliases=tuple(names[1:]),
        country=country,
        sector=sector,
        role=actor,
        start=start,
        end=end,
        source=SOURCE,
        kind="person" if person else "organization",
    )


def _decode(code: str, countries: frozenset[str]) -> tuple[str | None, str | None]:
    """(country or body, sector) of a Phoenix code such as ``IRQGOV``, ``IGOUNOIAE``, ``MNCUSA``."""
    triples = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if not triples:
        return None, None
    head, rest = triples[0], triples[1:]
    country: str | None = None
    if head == "IGO":
        body = next((_BODIES[t] for t in reversed(rest) if t in _BODIES), None)
        return body or ("UN" if "UNO" in rest else None), "JUD" if "JUD" in rest else "IGO"
    if head in ("NGO", "MNC", "IMG"):
        # IMGMUSALQ: an international militant group, Muslim (not Mauritius), al-Qaeda.
        religious = _RELIGIONS | {"MUS"} if head == "IMG" else _RELIGIONS
        country = next((t for t in rest if t in countries and t not in religious), None)
        return country, {"NGO": "NGO", "MNC": "BUS", "IMG": "REB"}[head]
    if head in countries:
        country = head
    elif head in _SECTORS:  # a bare sector code ("[ELI]"): no country
        rest = triples
    elif head in _REGIONAL:
        sector = _sector(rest, _RELIGIONS)
        return None, sector if sector == "REB" else None  # an armed group of a region: no country
    else:
        return None, None  # other regional codes (WST, ...) name no country
    return country, _sector(rest, _RELIGIONS)


def regional_group(code: str) -> bool:
    """A Phoenix code of an armed group of one region and no state ("SEAREB", "IMGSEAMUSASF": the Karen
    National Union, the Moro Islamic Liberation Front), which is most likely of the state an article about
    it names; not of a group of the world ("INTREB", "IMGMUSALQ": al-Qaeda)."""
    triples = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if triples[:1] == ["IMG"]:
        triples = triples[1:]
    return bool(triples) and triples[0] in _REGIONAL and triples[0] != "INT"


def _named_country(fact: Fact, places: Mapping[str, str]) -> Fact:
    """A regional group's country, where its names name one country (by its name, a people's or a
    region's: "Free Aceh Movement", "Chadian People's Revolutionary Movement"); none where they name two."""
    found = set()
    for name in (fact.name, *fact.aliases):
        words = name.lower().replace("'s", "").split()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                code = places.get(" ".join(words[i : i + size]))
                if code is not None:
                    found.add(code)
    return replace(fact, country=found.pop()) if len(found) == 1 else fact


def _sector(triples: list[str], religions: frozenset[str]) -> str | None:
    found = [_SECTORS[t] for t in triples if t in _SECTORS]
    if "MIL" in triples and "GOV" in triples:
        return "MIL"  # a government's military post (dyad: defence ministers are MIL)
    if "LEG" in triples and "GOV" in triples:
        return "LEG"  # a legislature and its members ("KNESSET", "IMRAN_KHAN [PAKGOVLEG]", senators)
    if found and found[0] is not None:
        return found[0]
    if any(t in religions or (t == "MUS" and "ELI" in triples) for t in triples):
        return "REL"  # a religious figure: "[IRQREL]", "[TURELIMUS]" (an elite of a faith)
    return None


# Agent codes of private people's trades dyad has no sector for: a doctor, a nurse, a farmer or a
# fisherman described by nothing else is a civilian.
_CIVILIAN_TRADES = frozenset({"HLH", "AGR"})


def phoenix_sector(code: str) -> str | None:
    """The dyad sector of an agent code of ``Phoenix.agents.txt`` ("OPP", "GOVMED", "CHRCTH"): there a
    bare faith ("MUS", "CHR") is its clergy, a bare health or farming code ("DOCTOR [~HLH]") CVL."""
    triples = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if triples and all(t in _CIVILIAN_TRADES for t in triples):
        return "CVL"
    return _sector(triples, _RELIGIONS | {"MUS"})


def _period(when: str) -> tuple[dt.date | None, dt.date | None]:
    if not when:
        return None, None
    match = _PERIOD.match(when)
    if match:
        return _day(match.group(1)), _day(match.group(2))
    match = _OPEN.match(when)
    if match:
        day = _day(match.group(2))
        return (day, None) if match.group(1) == ">" else (None, day)
    raise ValueError(f"bad Phoenix date {when!r}")


def _day(value: str) -> dt.date:
    if len(value) == 6:
        year = int(value[:2])
        # Two-digit years: the files date from 2014-2015, so 00-30 are this century.
        value = f"{2000 + year if year <= 30 else 1900 + year}{value[2:]}"
    return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
