"""What the knowledge-base build reads from every source: one :class:`Fact` per (person or body, role,
period), the name normalisation all sources share, and the tally of what was dropped and why.

A fact is a fact of the open data, never a guess: name, aliases, country (ISO3 or an international body's
code), sector (``dyad.model.SECTORS``; None for an "elite" or former standing with no sector), role,
start and end (None: not given; an open end means "no end known when the source was taken").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization"]


Gender = Literal["m", "f"]


@dataclass(frozen=True, slots=True)
class PersonRole:
    """One person holding one role for a period (``end`` None: still in office)."""

    name: str
    country: str | None
    role: str
    sector: str | None
    start: dt.date | None
    end: dt.date | None
    gender: Gender | None = None
    source: str = "builtin"

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def distance(self, day: dt.date) -> int:
        """Days between ``day`` and the role's period (0 inside it)."""
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


@dataclass(frozen=True, slots=True)
class Entity:
    """One person or organisation and every dated role the sources give it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # person | organization
    roles: tuple[PersonRole, ...]


@dataclass(frozen=True, slots=True)
class Standing:
    """What an entity stood for on a day, and why."""

    entity: Entity
    role: PersonRole
    why: str


_SPACED = "_-.,\t"
_DROPPED = "'`()\""
_SPACED_WIDE = "‐‑–—"
_DROPPED_WIDE = "’ʻʼ"

# Role titles that put a post in another CAMEO sector than GOV (dyad's own tables make defence ministers
# and ministries MIL). A minister's or secretary's post is GOV unless it is defence; other titles are
# checked in order, the first match winning.
_MINISTER = re.compile(r"\b(minister|ministry|secretary|chancellor|whip|lord)\b", re.IGNORECASE)
_DEFENCE = re.compile(r"\b(defen[cs]e|armed forces|war|army|navy)\b", re.IGNORECASE)
_TITLE_SECTORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), sector)
    for pattern, sector in (
        (r"\bleader of (the )?opposition\b|\bopposition leader\b", "OPP"),
        (r"\bchief of (the )?(general |defen[cs]e |army |naval |air )?staff\b|\bjoint chiefs\b|\bcommander\b"
         r"|\barmy\b|\bnavy\b|\bair force\b|\bmarshal\b|\bmilitary\b", "MIL"),
        (r"\bchief justice\b|\bjustice of\b|\bjudge\b|\bsupreme court\b|\bconstitutional court\b", "JUD"),
        (r"\bintelligence\b|\bsecurity service\b|\bCIA\b|\bMossad\b", "SPY"),
        (r"\bpolice\b|\bgendarmerie\b", "COP"),
        (r"\bspeaker\b|\bparliament\b|\bsenate\b|\bnational assembly\b|\blegislat|\bsenator\b"
         r"|(?<!trade )\brepresentative\b(?! to)", "LEG"),
    )
)  # fmt: skip


def title_sector(title: str, default: str = "GOV") -> str:
    """The sector a post's title implies ("Minister of Defence": MIL, "Chief Justice": JUD), else
    ``default``."""
    if _MINISTER.search(title):
        return "MIL" if _DEFENCE.search(title) else default
    for pattern, sector in _TITLE_SECTORS:
        if pattern.search(title):
            return sector
    return default


def name_key(name: str) -> str:
    """The form names are matched in: no accents, no case, hyphens/underscores/dots as spaces
    ("Nouri al-Maliki", "NOURI_AL-MALIKI" and "Nouri Al Maliki" all give "nouri al maliki")."""
    text = name.lower()
    spaced, dropped = _SPACED, _DROPPED
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        spaced, dropped = spaced + _SPACED_WIDE, dropped + _DROPPED_WIDE
    for c in spaced:  # str.replace per character beats translate() or a regex on short names
        text = text.replace(c, " ")
    for c in dropped:
        text = text.replace(c, "")
    return " ".join(text.split())


# Particles of Arabic names that romanisations write apart, together or otherwise ("Abdul Jalil", "Abd
# al-Jalil", "Abdel Jalil", "Abdeljalil"; "ibn Salman", "bin Salman"; "el-Sisi", "al-Sisi"): see lookup_key.
_ABD = re.compile(
    r"\babd(?:[aeiou]l|u[rsztdn]|ush)?(?: (?:al|el|ul|ar|as|ash|at|az|an|ad|ud|ur))? "
    r"|\babd[aeiou]l(?=[a-z]{4})(?!l?lah)"  # "abdelaziz" but not "abdullah", "abdullahi"
)
_NASAB_WORD = re.compile(r"(?<=[a-z] )(?:ibn|ben)(?= [a-z])")
_EL_WORD = re.compile(r"(?<=[a-z] )el(?= [a-z])")


def lookup_key(name: str) -> str:
    """The form of a :func:`name_key` the knowledge base indexes names and looks mentions up by: the
    particles of Arabic names written one way ("abdul jalil", "abd al jalil", "abdel jalil" and
    "abdeljalil" all give "abd jalil"; "ibn" and "ben" inside a name give "bin"; "el" inside a name gives
    "al"), so that one name romanised two ways meets exactly. A name's first word is left alone ("Ben
    Wallace", "El Salvador"); "Abdullah" is one name, not "Abd" and "lah"."""
    key = name_key(name)
    if "abd" not in key and " ibn " not in key and " ben " not in key and " el " not in key:
        return key  # most names: substring tests beat a regex over the table's 60,000 names at load
    key = _ABD.sub("abd ", key)
    key = _NASAB_WORD.sub("bin", key)
    return _EL_WORD.sub("al", key).strip()


DIGRAPHS = (("kh", "k"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ck", "k"), ("q", "k"))
ARABIC_ARTICLES = ("al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ul", "ud")
_ARTICLE = re.compile(rf"\b(?:{'|'.join(ARABIC_ARTICLES)}) ")  # "Saad al-Hariri" is "Saad Hariri"
_INNER_VOWEL = re.compile(r"(?<=[a-z])[aeiouy]+")
_DOUBLED = re.compile(r"([a-z])\1+")


def spelling_key(key: str) -> str:
    """A coarser form of a :func:`name_key` that transliterations of one name share: Arabic articles
    dropped, digraphs simplified, vowels after a word's first letter dropped, doubled letters single
    ("rajapaksa" and "rajapakse", "faisal" and "faysal", "gaddafi", "qaddafi" and "kadhafi", "saad al
    hariri" and "saad hariri")."""
    return spelling_keys([key])[0]


def spelling_keys(keys: list[str]) -> list[str]:
    """:func:`spelling_key` of many keys at once (one pass of each rule over them all: the knowledge base
    indexes some 80,000 names this way on first use)."""
    if not keys:
        return []  # "".split("\n") is one empty key
    text = "\n".join(keys)
    text = _ARTICLE.sub("", text)
    for digraph, simple in DIGRAPHS:
        text = text.replace(digraph, simple)
    return _DOUBLED.sub(r"\1", _INNER_VOWEL.sub("", text)).split("\n")


def display_name(raw: str) -> str:
    """A readable name from an upper-case dictionary name ("NURI_AL_MALIKI_": "Nuri al Maliki",
    "AL-QAEDA_IN_THE_ARABIAN_PENINSULA": "Al-Qaeda in the Arabian Peninsula"); a
    bracketed qualifier goes ("AFRICAN_NATIONAL_CONGRESS_(SOUTH_AFRICA)_")."""
    raw = re.sub(r"\(.*?\)", " ", raw)
    words = [w for w in re.split(r"[_\s]+", raw.strip("_ +")) if w]
    small = {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "de",
        "da",
        "do",
        "dos",
        "del",
        "der",
        "van",
        "von",
        "la",
        "le",
        # English words inside a body's name ("National Aeronautics and Space Administration"): capitals
        # would read as the initials of "NASA" and of no name.
        "of",
        "and",
        "the",
        "for",
        "in",
        "on",
    }
    out = []
    for n, word in enumerate(words):
        lower = word.lower()
        if "." in word or (len(words) == 1 and len(word) <= 5):  # "U.N.", "FARC": acronyms stay
            out.append(word)
        elif n and lower in small:
            out.append(lower)
        elif word.isupper() or word.islower():
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
        else:
            out.append(word)
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Fact:
    """One role of one named person or body, from one source."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    role: str
    start: dt.date | None
    end: dt.date | None
    source: str
    kind: ActorKind = "person"


@dataclass
class Drops:
    """Rows a source reader skipped, counted by reason (reported by the build and in the docs)."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, source: str, reason: str, n: int = 1) -> None:
        self.counts[(source, reason)] += n

    def lines(self) -> list[str]:
        return [f"{source}\t{reason}\t{n}" for (source, reason), n in sorted(self.counts.items())]


def parse_day(value: str, *, end: bool = False) -> dt.date | None:
    """An ISO date, a year-month or a bare year (its first day, or its last for an end); '' gives None.
    Raises ValueError on anything else."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
    if re.fullmatch(r"\d{4}-\d{2}", value):  # month precision
        first = dt.date(int(value[:4]), int(value[5:]), 1)
        return (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1) if end else first
    return dt.date.fromisoformat(value[:10])


PLAUSIBLE_FROM = dt.date(1920, 1, 1)
PLAUSIBLE_TO = dt.date(2031, 12, 31)


def plausible(start: dt.date | None, end: dt.date | None) -> str | None:
    """Why a period cannot be right (None when it can): long before modern offices, after the data's
    horizon, or ending before it starts."""
    if start is not None and start < PLAUSIBLE_FROM:
        return f"starts before {PLAUSIBLE_FROM.year}"
    if end is not None and end < PLAUSIBLE_FROM:
        return f"ends before {PLAUSIBLE_FROM.year}"
    if (start is not None and start > PLAUSIBLE_TO) or (end is not None and end > PLAUSIBLE_TO):
        return f"dated after {PLAUSIBLE_TO.year}"
    if start is not None and end is not None and end < start:
        return "ends before it starts"
    return None
