"""The built-in people knowledge base: top officials with dated roles (``people.tsv``).

A name resolves to the role its holder had on the article's date, so a 2019 article about "Pompeo"
gets the US Secretary of State and a 2024 article about "Shoigu" gets Russia's Security Council secretary.
The same interface is served by the store (``dyad.store.people``), which adds people learned from the corpus.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

from dyad.codebooks._tables import rows, split
from dyad.codebooks.kb import RECENT, ActorKB, guessed
from dyad.codebooks.kb_facts import Entity, Gender, PersonRole, Standing
from dyad.codebooks.kb_tables import ENV, shipped_kb, user_kb
from dyad.errors import CodebookError
from dyad.model import SECTORS

# The dated-role types live with the knowledge base's facts; callers import them from here too.
__all__ = [
    "OPEN_SOURCES", "BuiltinPeople", "Entity", "Gender", "PeopleKB", "PersonRole", "Standing",
    "best_role", "builtin_people", "first_name_gender", "from_open_data", "has_first_name",
    "known_first_names", "reload_first_names", "use_user_kb",
]  # fmt: skip

OPEN_SOURCES = frozenset({"phoenix", "congress", "ifg", "wikidata", "factbook", "cia"})


def from_open_data(role: PersonRole) -> bool:
    """The role comes from the table built from open data (its source names only those sources)."""
    return all(part in OPEN_SOURCES for part in role.source.split("+"))


class PeopleKB(Protocol):
    """Who a name stands for on a given day, and (for a learning KB) new facts from articles."""

    def lookup(self, name: str, on: dt.date | None, hints: Sequence[str] = ()) -> PersonRole | None: ...

    def holder(self, country: str, role: str, on: dt.date | None) -> PersonRole | None: ...

    def learn(self, fact: PersonRole, *, article_id: str | None, evidence: str) -> None: ...


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def best_role(candidates: list[PersonRole], on: dt.date | None) -> PersonRole | None:
    """The role held on ``on`` (or nearest to it); several different people: ambiguous, None."""
    if not candidates:
        return None
    if on is None:
        current = [c for c in candidates if c.end is None] or candidates
        ranked = sorted(current, key=lambda c: c.start or dt.date.min, reverse=True)
    else:
        # Two roles in force (the day one post is left for the next): the most recent appointment.
        ranked = sorted(candidates, key=lambda c: (c.distance(on), -(c.start or dt.date.min).toordinal()))
        inside = [c for c in ranked if c.held_on(on)]
        if len({c.name for c in inside}) > 1:
            return None
        if not inside and len({c.name for c in ranked}) > 1:
            return None
    return ranked[0]


class BuiltinPeople:
    """The people a name can stand for, in order of precedence: the user's file (``--kb``/``$DYAD_KB``),
    the hand table ``people.tsv`` for the roles it holds in force, then the knowledge base built from
    open data (``dyad.codebooks.kb``). Names are matched case-insensitively."""

    def __init__(
        self,
        roles: tuple[PersonRole, ...],
        aliases: dict[str, set[str]],
        open_kb: ActorKB | None = None,
        user: ActorKB | None = None,
    ) -> None:
        self.roles = roles
        self.open_kb = open_kb
        self.user = user
        self._by_surface: dict[str, list[PersonRole]] = defaultdict(list)
        for role in roles:
            for surface in {role.name, *aliases.get(role.name, set())}:
                self._by_surface[surface.lower()].append(role)
        self._by_office: dict[tuple[str, str], list[PersonRole]] = defaultdict(list)
        for role in roles:
            if role.country:
                self._by_office[(role.country, role.role.lower())].append(role)

    def surfaces(self) -> list[str]:
        """The hand table's names and aliases, and the user's (the open table is matched by lookup)."""
        users = [n for e in self.user.entities for n in (e.name, *e.aliases)] if self.user else []
        return list(dict.fromkeys([*self._by_surface, *users]))

    def lookup(self, name: str, on: dt.date | None, hints: Sequence[str] = ()) -> PersonRole | None:
        found = self.explain(name, on, hints)
        return found.role if found is not None else None

    def explain(self, name: str, on: dt.date | None, hints: Sequence[str] = ()) -> Standing | None:
        """What ``name`` resolves to on ``on`` and why (the layer and rule that decided)."""
        if self.user is not None:
            found = self.user.resolve(name, on, hints, kind="person")
            if found is not None:
                return found
        hand = self._by_surface.get(name.lower(), [])
        if hand and (on is None or any(c.held_on(on) for c in hand)):
            best = best_role(hand, on)
            if best is not None:
                return Standing(_hand_entity(best.name, hand), best, "hand table (people.tsv), in force")
        if self.open_kb is not None:
            found = self.open_kb.resolve(name, on, hints, kind="person")
            if found is not None:
                return found
        best = best_role(hand, on)
        if best is None:
            return None
        if on is not None and " " not in name.strip() and best.distance(on) > RECENT.days:
            # A lone surname ("Rubio", "Wong") years away from the hand table's role names that person
            # only if the open data has them in some role that day (a senator before he was secretary
            # of state); otherwise it is more likely someone else of that name.
            full = self.open_kb.resolve(best.name, on, hints, kind="person") if self.open_kb else None
            if full is None or not full.why.startswith(_IN_FORCE) or guessed(full):
                return None
            return Standing(full.entity, full.role, f"surname of {best.name} (people.tsv), {full.why}")
        return Standing(_hand_entity(best.name, hand), best, "hand table (people.tsv), nearest role")

    def organization(self, name: str, on: dt.date | None, hints: Sequence[str] = ()) -> Standing | None:
        """A named body of the user's file or the open table ("the Nusra Front", "PDVSA")."""
        for kb in (self.user, self.open_kb):
            found = kb.resolve(name, on, hints, kind="organization") if kb is not None else None
            if found is not None:
                return found
        return None

    def candidates(self, name: str) -> list[tuple[str, list[Entity]]]:
        """Every entity ``name`` can stand for, by layer (for ``dyad kb lookup``)."""
        hand = self._by_surface.get(name.lower(), [])
        layers = [
            ("your file", self.user.candidates(name) if self.user else []),
            ("hand table", [_hand_entity(n, hand) for n in dict.fromkeys(r.name for r in hand)]),
            ("open data", self.open_kb.candidates(name) if self.open_kb else []),
        ]
        return [(layer, found) for layer, found in layers if found]

    def holder(self, country: str, role: str, on: dt.date | None) -> PersonRole | None:
        candidates = self._by_office.get((country, role.lower()), [])
        if on is not None:
            candidates = [c for c in candidates if c.held_on(on)]
        return best_role(candidates, on)

    def learn(self, fact: PersonRole, *, article_id: str | None, evidence: str) -> None:
        """The built-in table is fixed: learning needs a store (``dyad.store.people.StorePeople``)."""


_IN_FORCE = ("in force", "ended less than a month", "starts less than a month")


def _hand_entity(name: str, roles: list[PersonRole]) -> Entity:
    return Entity(f"people.tsv:{name}", name, (), "person", tuple(r for r in roles if r.name == name))


@cache
def builtin_people() -> BuiltinPeople:
    roles: list[PersonRole] = []
    aliases: dict[str, set[str]] = defaultdict(set)
    for number, f in rows("people.tsv", 8):
        where = f"people.tsv:{number}"
        if f[4] not in SECTORS:
            raise CodebookError(f"unknown sector {f[4]!r}", where=where)
        if f[7] not in ("m", "f"):
            raise CodebookError(f"gender must be m or f, not {f[7]!r}", where=where)
        try:
            start, end = _date(f[5]), _date(f[6])
        except ValueError as exc:
            raise CodebookError(f"bad date: {exc}", where=where) from exc
        if start and end and end < start:
            raise CodebookError("role ends before it starts", where=where)
        gender: Gender = "m" if f[7] == "m" else "f"
        roles.append(PersonRole(f[0], f[2] or None, f[3], f[4], start, end, gender))
        aliases[f[0]].update(split(f[1]))
    return BuiltinPeople(tuple(roles), aliases, shipped_kb(), user_kb())


# Words that make a name a body's, not a person's ("George Washington University", "Jean Monnet Foundation",
# Phoenix's dated "PALESTINIAN_AUTHORITY").
BODY_WORDS = frozenset(
    {"party", "front", "council", "corps", "bank", "group", "foundation", "institute", "university",
     "college", "school", "airlines", "airways", "company", "corporation", "association", "union", "league",
     "movement", "army", "brigade", "brigades", "forces", "force", "committee", "commission", "agency",
     "ministry", "court", "hospital", "centre", "center", "club", "fund", "trust", "news", "times", "post",
     "press", "network", "motors", "holdings", "capital", "partners", "industries", "energy", "airport",
     "church", "society", "alliance", "coalition", "congress", "assembly", "department", "office", "service",
     "services", "media", "prize", "award", "cup", "festival", "organization", "organisation", "battalion",
     "authority", "government", "regime", "republic", "declaration", "federation", "treaty", "team"}
)  # fmt: skip


GIVEN_NAMES = "given_names.tsv"  # written by `dyad kb build` (codebooks/kb_given_names.py)


@cache
def _first_names() -> dict[str, Gender | None]:
    """First names and their gender: the hand list, then the given names of the open data (gender "-":
    none known) that the hand list lacks."""
    table: dict[str, Gender | None] = {}
    for number, f in rows("first_names.tsv", 2):
        if f[1] not in ("m", "f") or f[0] in table:
            raise CodebookError(f"bad or duplicate first name {f[0]!r}", where=f"first_names.tsv:{number}")
        table[f[0]] = "m" if f[1] == "m" else "f"
    for number, f in rows(GIVEN_NAMES, 3):
        if f[1] not in ("m", "f", "-"):
            raise CodebookError(f"bad gender {f[1]!r}", where=f"{GIVEN_NAMES}:{number}")
        table.setdefault(f[0], "m" if f[1] == "m" else "f" if f[1] == "f" else None)
    return table


@cache
def known_first_names() -> frozenset[str]:
    """Every first name dyad knows, in lower case."""
    return frozenset(name.lower() for name in _first_names())


def reload_first_names() -> None:
    """Read the first-name tables again (``dyad kb build`` has rewritten ``given_names.tsv``)."""
    _first_names.cache_clear()
    known_first_names.cache_clear()


def has_first_name(name: str) -> bool:
    """A full name that starts with a known first name ("Khaled Mishal")."""
    parts = name.split()
    return len(parts) > 1 and parts[0] in _first_names()


def first_name_gender(name: str) -> Gender | None:
    """The gender a full name's first name usually indicates ("Amy Klobuchar": f), None if unknown."""
    parts = name.split()
    return _first_names().get(parts[0]) if len(parts) > 1 else None


def use_user_kb(path: Path) -> ActorKB:
    """Make ``path`` the user's file for this process and the processes it starts (through ``$DYAD_KB``),
    reading it now so a bad file fails before any work, naming the record."""
    os.environ[ENV] = str(Path(path).resolve())
    builtin_people.cache_clear()
    found = user_kb()
    assert found is not None
    return found
