"""The actor knowledge base: who a name stood for on a given day.

Two layers answer: a user's file of additions and overrides (``--kb FILE`` or ``$DYAD_KB``; CSV or YAML
with the columns of the shipped table), which takes precedence, and the table built from open data by
``dyad kb build`` (``actors_kb.tsv.gz``, see ``docs/knowledge-base.md``). The hand tables
(``people.tsv``, ``organizations.tsv``) sit between them (``dyad.codebooks.people``).

A person's standing on a day is the role in force then (the most recent appointment when several are);
a role that ended less than a month before still counts (news reports on a term just ended), and so does one
starting less than a month after (an election winner, a minister-designate); after every
known role has ended the person is a former office holder: the country stays, the sector goes. Names
shared by several entities are told apart by which one held a role that day, the countries the article
names (``hints``), and how much the sources say about each.

Which names may stand for one another (other spellings, fuller forms) is ``dyad.codebooks.kb_spellings``; the
tables are read by ``dyad.codebooks.kb_tables``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from dyad.codebooks.kb_facts import Entity, PersonRole, Standing, lookup_key, spelling_keys
from dyad.codebooks.kb_spellings import (
    NASAB,
    NASAB_WORD,
    adds_country,
    letter_variants,
    respelled,
    subsequence,
)

RECENT = dt.timedelta(days=31)
# Ranks the sources print with an officer's office ("Prime Minister Sr. Gen.", "President Col.").
_MILITARY_RANK = re.compile(r"(?:^|\s)(?:(?:Gen|Col|Capt|Maj|Adm|Brig|Lt)\.|Field Marshal)(?:\s|$)")


class ActorKB:
    """Entities indexed by every normalised name and alias."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = list(entities)
        self._last: dict[str, list[str]] | None = None
        self._head: dict[str, list[str]] | None = None
        self._spellings: dict[str, list[str]] | None = None
        self._index: dict[str, list[int]] = defaultdict(list)
        for n, entity in enumerate(self._entities):
            for surface in {lookup_key(entity.name), *(lookup_key(a) for a in entity.aliases)}:
                if surface:
                    self._index[surface].append(n)

    @property
    def entities(self) -> list[Entity]:
        return [self._entity(n) for n in range(len(self))]

    def __len__(self) -> int:
        return len(self._entities)

    def _entity(self, n: int) -> Entity:
        return self._entities[n]

    def candidates(self, name: str) -> list[Entity]:
        """Entities of that name or alias, with those of another spelling of it in the same country
        ("Mahinda Rajapaksa": Mahinda Rajapakse); failing those, of a fuller form of it with the same last
        name ("Najib Razak": Najib Tun Razak, "Bambang Yudhoyono": Susilo Bambang Yudhoyono); failing
        those, of another spelling ("Saud al-Faisal": Saud al Faysal bin Abd al Aziz al Saud)."""
        return self._candidates(name)[0]

    def _candidates(self, name: str) -> tuple[list[Entity], dict[str, str]]:
        """:meth:`candidates`, and how those that only stand near the name, not for it, were found (by
        id: "spelled" or "fuller"; see :meth:`resolve`)."""
        key = lookup_key(name)
        words = key.split()
        found = self._index.get(key)
        if found:
            exact = [self._entity(n) for n in found]
            if len(words) < 2:
                return exact, {}
            countries = {r.country for e in exact for r in e.roles if r.country}
            others = [self._entity(n) for n in self._spelled(key) if n not in found]
            return exact + [e for e in others if any(r.country in countries for r in e.roles)], {}
        if len(words) < 2:
            return [], {}
        fuller = self._fuller(words)
        if fuller:
            # The same first name with more names inside or after it ("Cristina Fernandez de Kirchner",
            # "Khaled El-Enany Ezz") is the person's fuller form; one that adds a name before the first,
            # or spells it out from an initial, or a body's longer name, may be anyone's ("Yuri Alexander
            # Pimentel", "Peter Wilson", the "Kurdish Democratic Party" for "Democratic party").
            near = {
                e.id: "fuller"
                for e, first in fuller
                if e.kind != "person" or len(words[0]) == 1 or words[0] != first
            }
            people = [e for e, _ in fuller if e.kind == "person"]
            if len(people) > 1 and len({r.country for e in people for r in e.roles if r.country}) > 1:
                # "Ahmed Ali" is in the fuller names of nine people of several countries (Ethiopia's Abiy
                # Ahmed Ali among them): a common name, which stands for one of them only in an article
                # that names their country.
                near.update({e.id: "common" for e in people})
            return [e for e, _ in fuller], near
        if len(words[-1]) < 4:  # "Kim Moon-soo" and "Kim Man Su" share a key: short syllables say too little
            return [], {}
        spelled = [self._entity(n) for n in self._spelled(key)]
        return spelled, {e.id: "spelled" for e in spelled}

    def _fuller(self, words: list[str]) -> list[tuple[Entity, str]]:
        """Entities of a fuller name with the words of ``words`` in order (see :meth:`candidates`), each
        with the first word of that name."""
        by_last, by_head = self._partial_index()
        # A fuller name may add given names, never a country the text does not name: "National
        # Transitional Council" is not the "Syrian National Transitional Council".
        fuller = [
            s
            for s in by_last.get(words[-1], ())
            if subsequence(words, s.split()) and not adds_country(words, s.split())
        ]
        # "Alvaro Uribe": Alvaro Uribe Velez (a second family name after the first).
        fuller += [
            s
            for s in by_head.get(" ".join(words[:2]), ())
            if s.split()[:-1] == words  # not "ali al" + 2
        ]
        found = {n: surface.split()[0] for surface in fuller for n in self._index[surface]}
        return [(self._entity(n), first) for n, first in found.items()]

    def _spelled(self, key: str) -> list[int]:
        """Entities (numbers) with a multi-word name or alias of the same :func:`spelling_key`, or whose
        name starts with it before a patronymic ("bin", "ibn"), built on first use."""
        if self._spellings is None:
            surfaces = [s for s in self._index if " " in s]
            forms = list(surfaces)
            for surface in forms[:]:
                if NASAB_WORD.search(surface):
                    words = surface.split()
                    cut = next((i for i, w in enumerate(words) if w in NASAB and i >= 2), None)
                    if cut is not None:
                        surfaces.append(surface)
                        forms.append(" ".join(words[:cut]))
            self._spellings = defaultdict(list)
            for surface, spelled in zip(surfaces, spelling_keys(forms), strict=True):
                self._spellings[spelled].append(surface)
        forms = letter_variants(key)
        same = [
            s
            for form, spelled in zip(forms, spelling_keys(forms), strict=True)
            for s in self._spellings.get(spelled, [])
            if s != key and respelled(form, s)
        ]
        return list(dict.fromkeys(n for s in same for n in self._index[s]))

    def _partial_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Multi-word names and aliases by their last word and by their first two, built on first use."""
        if self._last is None:
            self._last, self._head = defaultdict(list), defaultdict(list)
            for surface in self._index:
                words = surface.split()
                if len(words) > 1:
                    self._last[words[-1]].append(surface)
                    self._head[" ".join(words[:2])].append(surface)
        assert self._head is not None
        return self._last, self._head

    def resolve(
        self, name: str, on: dt.date | None, hints: Sequence[str] = (), *, kind: str | None = None
    ) -> Standing | None:
        """The entity ``name`` most likely stands for on ``on`` and its standing then."""
        found, near = self._candidates(name)
        found = [e for e in found if kind is None or e.kind == kind]
        standings = [s for s in (standing(e, on) for e in found) if s is not None]
        if near:
            standings = [
                s for s in standings if s.entity.id not in near or _backed(s, near[s.entity.id], hints)
            ]
        if not standings:
            return None

        def rank(s: Standing) -> tuple[int, int, int, int]:
            in_force = _in_office(s)
            return (
                int(in_force and s.role.sector is not None),
                int(in_force),
                int(s.role.country in hints),
                len(s.entity.roles),
            )

        return max(standings, key=rank)


def _backed(s: Standing, how: str, hints: Sequence[str]) -> bool:
    """A weak match (``how``: "spelled", "fuller" or "common"; see :meth:`ActorKB._candidates`) that the
    article backs. Another spelling must be of a country the article names ("Muammar Qaddafi" in a story on
    Libya), not anyone who reads alike ("Mmusi Maimane": Moussa Mamane of Niger, in a story on South
    Africa). So must a name that adds a first name, unless its holder is in office that day ("Bambang
    Yudhoyono" meeting Obama in Washington): "Governor Alexander Pimentel" in a story on the Philippines is
    not Venezuela's former Yuri Alexander Pimentel. An article that names no country backs both; a
    common name only ever by its country."""
    if any(r.country in hints for r in s.entity.roles):
        return True
    if how == "common":
        return False
    return not hints or (how == "fuller" and s.entity.kind == "person" and _in_office(s) and not guessed(s))


def guessed(s: Standing) -> bool:
    """The standing is a term the build widened from the 2019 CIA list's one day
    (``kb_rows._observed_term``): likely, not known, so it backs no match to a name the article only
    comes near ("De La Fuente", a US candidate, is not Chile's minister Gabriel De La Fuente)."""
    return s.role.source == "cia"


def _in_office(s: Standing) -> bool:
    """The standing is a role in force on the day (or a standing fact)."""
    return s.why.startswith(("in force", "standing"))


def standing(entity: Entity, on: dt.date | None) -> Standing | None:
    """The role ``entity`` held on ``on`` (see the module docstring for the rules)."""
    roles = entity.roles
    if not roles:
        return None
    dated = [r for r in roles if r.start is not None or r.end is not None]
    undated = [r for r in roles if r.start is None and r.end is None]
    if on is None:
        current = [r for r in dated if r.end is None] or dated
        if current:
            best = max(current, key=lambda r: (r.start or dt.date.min, r.sector is not None))
            return Standing(entity, best, "most recent role (no date given)")
        return Standing(entity, _pick(undated), "standing fact")
    held = [r for r in dated if r.held_on(on)]
    if held:
        return Standing(entity, _pick(held), "in force on the date")
    recent = [r for r in dated if r.end is not None and r.end < on <= r.end + RECENT]
    if recent:
        return Standing(entity, _pick(recent), "ended less than a month before the date")
    coming = [r for r in dated if r.start is not None and on < r.start <= on + RECENT]
    if coming:
        return Standing(entity, _pick(coming), "starts less than a month after the date (incoming)")
    if undated:
        return Standing(entity, _pick(undated), "standing fact (no dates in the sources)")
    past = [r for r in dated if r.end is not None and r.end < on]
    if past:
        last = max(past, key=lambda r: r.end or dt.date.min)
        role = replace(last, sector=None, role=f"former {last.role}", start=last.end, end=None)
        return Standing(entity, role, "every known role had ended by the date")
    first = min(dated, key=lambda r: r.start or dt.date.max)
    # An officer who took office with a rank ("Sr. Gen. Min Aung Hlaing", "Capt. Ibrahim Traore") was an
    # officer before it.
    sector = "MIL" if any(_MILITARY_RANK.search(r.role) for r in dated) else None
    role = replace(first, sector=sector, role=f"before {first.role}", start=None, end=first.start)
    why = "before any known role (an officer: the roles carry a military rank)" if sector else ""
    return Standing(entity, role, why or "before any known role")


def _pick(roles: list[PersonRole]) -> PersonRole:
    """Of several roles at once, one with a sector, the latest appointment, a named post over a code."""
    return max(roles, key=lambda r: (r.sector is not None, r.start or dt.date.min, not r.role.isupper()))
