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
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.codebooks.kb_facts import (
    ARABIC_ARTICLES,
    DIGRAPHS,
    Entity,
    PersonRole,
    Standing,
    name_key,
    spelling_key,
    spelling_keys,
)
from dyad.errors import CodebookError
from dyad.model import SECTORS

SHIPPED = "actors_kb.tsv.gz"
ENV = "DYAD_KB"
RECENT = dt.timedelta(days=31)
_NASAB = frozenset({"bin", "ibn", "bint", "ben"})  # "Saud al-Faisal" is Saud al-Faisal bin Abdulaziz ...
_NASAB_WORD = re.compile(r" (?:bin|ibn|bint|ben) ")
# Ranks the sources print with an officer's office ("Prime Minister Sr. Gen.", "President Col.").
_MILITARY_RANK = re.compile(r"(?:^|\s)(?:(?:Gen|Col|Capt|Maj|Adm|Brig|Lt)\.|Field Marshal)(?:\s|$)")
_FIELDS = ("name", "aliases", "kind", "country", "sector", "role", "start", "end", "source")


class ActorKB:
    """Entities indexed by every normalised name and alias."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = list(entities)
        self._last: dict[str, list[str]] | None = None
        self._head: dict[str, list[str]] | None = None
        self._spellings: dict[str, list[str]] | None = None
        self._index: dict[str, list[int]] = defaultdict(list)
        for n, entity in enumerate(self._entities):
            for surface in {name_key(entity.name), *(name_key(a) for a in entity.aliases)}:
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
        key = name_key(name)
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
            if _subsequence(words, s.split()) and not _adds_country(words, s.split())
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
                if _NASAB_WORD.search(surface):
                    words = surface.split()
                    cut = next((i for i, w in enumerate(words) if w in _NASAB and i >= 2), None)
                    if cut is not None:
                        surfaces.append(surface)
                        forms.append(" ".join(words[:cut]))
            self._spellings = defaultdict(list)
            for surface, spelled in zip(surfaces, spelling_keys(forms), strict=True):
                self._spellings[spelled].append(surface)
        same = [s for s in self._spellings.get(spelling_key(key), []) if s != key and _respelled(key, s)]
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
        if near and hints:
            # Another spelling is a weak match: it must be of a country the article names ("Muammar
            # Qaddafi" in a story on Libya), not anyone who reads alike ("Mmusi Maimane": Moussa Mamane of
            # Niger, in a story on South Africa). So is a name that adds a first name, unless its holder is
            # in office that day ("Bambang Yudhoyono" meeting Obama in Washington): "Governor Alexander
            # Pimentel" in a story on the Philippines is not Venezuela's former Yuri Alexander Pimentel.
            standings = [
                s
                for s in standings
                if s.entity.id not in near
                or any(r.country in hints for r in s.entity.roles)
                or (near[s.entity.id] == "fuller" and s.entity.kind == "person" and _in_office(s))
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


def _in_office(s: Standing) -> bool:
    """The standing is a role in force on the day (or a standing fact)."""
    return s.why.startswith(("in force", "standing"))


def _subsequence(short: list[str], long: list[str]) -> bool:
    """Every word of ``short`` in ``long``, in order, the first words alike ("najib razak" in "najib tun
    razak"; a two-word name also matches after a first given name: "bambang yudhoyono"); an initial
    stands for any word it begins ("k p sharma oli": Khadga Prasad Sharma Oli)."""
    if len(short) > len(long) or not (_alike(short[0], long[0]) or _alike(short[0], long[1])):
        return False
    if len(short) == len(long) and not any(len(word) == 1 for word in short):
        return False
    rest = iter(long)
    return all(any(_alike(word, other) for other in rest) for word in short)


def _adds_country(short: list[str], long: list[str]) -> bool:
    """``long`` has a word naming a country (or its people) that ``short`` lacks."""
    added = set(long) - set(short)
    return bool(added) and not added.isdisjoint(_country_words())


@cache
def _country_words() -> frozenset[str]:
    """Single-word country names, aliases and demonyms, as :func:`name_key` forms ("syrian", "libya")."""
    from dyad.codebooks.countries import countries

    out = set()
    for c in countries().values():
        for surface in (c.name, *c.aliases, *c.demonyms):
            key = name_key(surface)
            if key and " " not in key:
                out.add(key)
    return frozenset(out)


def _respelled(key: str, surface: str) -> bool:
    """``surface`` (of the same spelling key) may be another spelling of ``key``: word for word (Arabic
    articles and initials aside, a name cut before "bin"/"ibn"), each word of the same length to a letter
    and a few letters apart, vowels counting half ("Mohamed", "Muhammad"; "Hussein", "Husayn";
    "Tsapkala", "Tsepkalo"). Names that share only consonants are other people: "Tom Barrack" is not the
    British minister "Tom Brake", "Cecilia Sala" not "Clay Sell", "John Korir" not "John Kerry"."""
    ours, theirs = _plain_words(key), _plain_words(surface)
    if len(theirs) > len(ours):
        cut = next((i for i, w in enumerate(theirs) if w in _NASAB and i >= 2), None)
        theirs = theirs[:cut] if cut is not None else theirs
    return len(ours) == len(theirs) and all(
        abs(len(a) - len(b)) <= 1 and _edits(_simple(a), _simple(b)) <= max(len(a), len(b)) // 3
        for a, b in zip(ours, theirs, strict=True)
    )


def _plain_words(key: str) -> list[str]:
    """A name key's words without Arabic articles and initials."""
    return [w for w in key.split() if len(w) > 1 and w not in ARABIC_ARTICLES]


def _simple(word: str) -> str:
    """The word with digraphs simplified ("q" as "k", "kh" as "k")."""
    for digraph, simple in DIGRAPHS:
        word = word.replace(digraph, simple)
    return word


def _edits(a: str, b: str) -> float:
    """Edit distance in which a vowel changed, added or dropped costs half a letter."""
    row = [0.0]
    for y in b:
        row.append(row[-1] + _letter_cost(y))
    for x in a:
        prev = row[0]
        row[0] = prev + _letter_cost(x)
        for j, y in enumerate(b, start=1):
            change = 0.0 if x == y else 0.5 if x in _VOWELS and y in _VOWELS else 1.0
            prev, row[j] = row[j], min(row[j] + _letter_cost(x), row[j - 1] + _letter_cost(y), prev + change)
    return row[-1]


_VOWELS = frozenset("aeiouy")


def _letter_cost(c: str) -> float:
    return 0.5 if c in _VOWELS else 1.0


def _alike(word: str, other: str) -> bool:
    return word == other or (len(word) == 1 and other.startswith(word))


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


# -- reading ------------------------------------------------------------------------------------------


def _entities(records: Iterable[tuple[str, dict[str, str]]], origin: str) -> list[Entity]:
    """Entities from table records (where, fields); rows of one id (or, lacking ids, one name) join."""
    grouped: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    for where, record in records:
        key = record.get("id") or name_key(record.get("name", ""))
        if not key:
            raise CodebookError("a row without a name", where=where)
        grouped[key].append((where, record))
    out = []
    for key, group in grouped.items():
        first = group[0][1]
        aliases = tuple(
            a.strip() for where, r in group for a in (r.get("aliases") or "").split("|") if a.strip()
        )
        roles = tuple(_role(first["name"], where, r, origin) for where, r in group)
        out.append(
            Entity(
                key,
                first["name"].strip(),
                tuple(dict.fromkeys(aliases)),
                first.get("kind") or "person",
                roles,
            )
        )
    return out


def _role(name: str, where: str, record: dict[str, str], origin: str) -> PersonRole:
    sector = (record.get("sector") or "").strip() or None
    if sector is not None and sector not in SECTORS:
        raise CodebookError(f"unknown sector {sector!r} (one of {', '.join(SECTORS)})", where=where)
    try:
        start = _day(record.get("start"))
        end = _day(record.get("end"))
    except ValueError as exc:
        raise CodebookError(f"bad date: {exc}", where=where) from exc
    if start and end and end < start:
        raise CodebookError("role ends before it starts", where=where)
    country = (record.get("country") or "").strip() or None
    source = (record.get("source") or "").strip() or origin
    return PersonRole(
        name.strip(), country, (record.get("role") or "").strip(), sector, start, end, None, source
    )


def _day(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


class ShippedKB(ActorKB):
    """The shipped table, indexed at load by name but parsed entity by entity when first asked for
    (loading stays well under a second)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._header = lines[0].split("\t")
        self._spans: list[tuple[int, int]] = []
        self._cache: dict[int, Entity] = {}
        self._last = self._head = None
        self._spellings = None
        self._index = defaultdict(list)
        index, spans, key = self._index, self._spans, name_key  # locals: this loop runs 61,000 times
        prefix, start = "\n", 1
        for n in range(1, len(lines)):
            line = lines[n]
            if line.startswith(prefix):  # a further role of the entity above
                continue
            ident, name, aliases, _ = line.split("\t", 3)
            if n > 1:
                spans.append((start, n))
            prefix, start = ident + "\t", n
            number = len(spans)
            index[key(name)].append(number)
            if aliases:
                for alias in aliases.split("|"):
                    found = index[key(alias)]
                    if number not in found:
                        found.append(number)
        if len(lines) > 1:
            spans.append((start, len(lines)))

    def __len__(self) -> int:
        return len(self._spans)

    def _entity(self, n: int) -> Entity:
        found = self._cache.get(n)
        if found is None:
            first, last = self._spans[n]
            records = (
                (f"{SHIPPED}: row {i}", dict(zip(self._header, self._lines[i].split("\t"), strict=True)))
                for i in range(first, last)
            )
            found = self._cache[n] = _entities(records, "open data")[0]
        return found


@cache
def shipped_kb() -> ShippedKB:
    """The table built from open data that ships in the package."""
    raw = resources.files("dyad.codebooks").joinpath(SHIPPED).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return ShippedKB([line for line in text.splitlines() if line and not line.startswith("#")])


def read_user_kb(path: Path) -> ActorKB:
    """A user's CSV or YAML file of additions and overrides: the columns of the shipped table (``name``
    required; ``aliases`` separated by ``|``; dates ISO; an empty end is still in office)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodebookError(f"cannot read the knowledge-base file: {exc}", where=str(path)) from exc
    records: list[tuple[str, dict[str, str]]] = []
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data: Any = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise CodebookError(f"not valid YAML: {exc}", where=str(path)) from exc
        if isinstance(data, dict):
            data = data.get("actors", [])
        if not isinstance(data, list):
            raise CodebookError(
                "expected a list of actors (or a mapping with an 'actors' list)", where=str(path)
            )
        for n, item in enumerate(data, start=1):
            if not isinstance(item, dict) or not item.get("name"):
                raise CodebookError("each actor needs a name", where=f"{path}: actor {n}")
            aliases = item.get("aliases") or []
            item = {**item, "aliases": "|".join(aliases) if isinstance(aliases, list) else str(aliases)}
            records.append((f"{path}: actor {n}", {k: "" if v is None else v for k, v in item.items()}))
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise CodebookError(
                f"the CSV header must name the columns ({', '.join(_FIELDS)})", where=str(path)
            )
        for n, row in enumerate(reader, start=2):
            if not (row.get("name") or "").strip():
                raise CodebookError("a row without a name", where=f"{path}:{n}")
            records.append((f"{path}:{n}", {k: v or "" for k, v in row.items() if k}))
    return ActorKB(_entities(records, f"user:{path.name}"))


@cache
def _user_kb(path: str) -> ActorKB:
    return read_user_kb(Path(path))


def user_kb() -> ActorKB | None:
    """The user's file named by ``$DYAD_KB`` (set by ``--kb``), read once per process."""
    path = os.environ.get(ENV, "").strip()
    return _user_kb(path) if path else None
