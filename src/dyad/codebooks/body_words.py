"""The words of bodies' names and the sector they give a body no table knows (``body_words.tsv``): "Jubaland
Liberation Front" is an armed group, "the Ministry of State Security" an intelligence service, "the Aam Aadmi
Party" a party."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from dyad.codebooks._tables import rows
from dyad.errors import CodebookError
from dyad.model import SECTORS

TABLE = "body_words.tsv"
# A state's army or an armed group's, by the other words of the name (see the table's header).
ARMED = "ARMED"
# Words of the names of states' forces that name no group ("Rwandan Defence Force", "Special Forces", "2nd
# Army"): an army or forces named only by these and a state's name or people are that state's.
_GENERIC = frozenset(
    {"the", "of", "and", "national", "people's", "peoples", "people", "popular", "royal", "armed",
     "defence", "defense", "self-defence", "self-defense", "special", "air", "ground", "land", "naval",
     "border", "coast", "federal", "republican", "republic", "security", "peacekeeping", "coalition", "joint",
     "regular", "reserve", "territorial", "strategic", "rocket", "missile", "space", "expeditionary", "rapid",
     "reaction", "deployment", "task", "arab", "united", "allied", "army", "forces", "force", "'s"}
)  # fmt: skip
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth")
# Words after which a name's complement starts: the head is the word before them ("Ministry of State
# Security", "Movement for the Liberation of Azawad", "Islamic Army in Iraq"; "Order in Council" is no body).
_COMPLEMENT = frozenset({"of", "for", "in"})
# The sector that says whom a body's members are ("International", "European"): said in its complement, a
# word names what the body deals in instead ("the Ministry of International Trade").
_MEMBERSHIP = "IGO"


@dataclass(frozen=True, slots=True)
class BodyWord:
    sector: str | None
    head: bool  # it may end a name, which is then a body's
    rank: int  # its place in the table: the first found decides


@cache
def body_words() -> dict[tuple[str, ...], BodyWord]:
    table: dict[tuple[str, ...], BodyWord] = {}
    for number, (phrase, sector, position) in rows(TABLE, 3):
        where = f"{TABLE}:{number}"
        if sector != "-" and sector != ARMED and sector not in SECTORS:
            raise CodebookError(f"unknown sector {sector!r}", where=where)
        if position not in ("head", "word"):
            raise CodebookError(f"position must be head or word, not {position!r}", where=where)
        key = tuple(phrase.split())
        if key in table:
            raise CodebookError(f"duplicate phrase {phrase!r}", where=where)
        table[key] = BodyWord(None if sector == "-" else sector, position == "head", number)
    return table


@dataclass(frozen=True, slots=True)
class NameReading:
    head: int  # position of the name's head word
    sector: str | None


def read_name(words: Sequence[str], stately: Collection[int] = ()) -> NameReading | None:
    """What a name of lower-case ``words`` says, if its head word (the last before an "of", "for" or "in"
    complement: "Ministry of State Security", "Movement for the Liberation of Azawad") makes it a body's:
    the sector its words give (None: none). ``stately``: the positions of words naming a state or its
    people."""
    table = body_words()
    cut = next((i for i, w in enumerate(words) if w in _COMPLEMENT and i > 0), len(words))
    if cut < 2 and cut == len(words):
        return None  # one word alone ("Union", "Army") is no name
    head = cut - 1
    is_body = False
    best: tuple[int, str | None] | None = None
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            found = table.get(tuple(words[i : i + size]))
            if found is None:
                continue
            if found.head and i + size - 1 == head:
                is_body = True
            if found.sector == _MEMBERSHIP and i > cut:
                continue  # what the body studies or deals in: "Institute of International Relations"
            if found.sector is not None and (best is None or found.rank < best[0]):
                best = (found.rank, found.sector)
    if not is_body:
        return None
    sector = best[1] if best else None
    if sector == ARMED:
        own = [w for i, w in enumerate(words) if i not in stately and w not in _GENERIC]
        sector = "REB" if any(not _ORDINAL.fullmatch(w) for w in own) else "MIL"
    return NameReading(head, sector)
