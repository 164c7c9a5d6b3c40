"""The tables of the actor knowledge base: the shipped table built from open data (``actors_kb.tsv.gz``),
read lazily, and a user's file of additions and overrides (``--kb FILE`` or ``$DYAD_KB``, CSV or YAML)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import os
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.codebooks.kb import ActorKB
from dyad.codebooks.kb_facts import Entity, PersonRole, lookup_key, name_key
from dyad.errors import CodebookError
from dyad.model import SECTORS

SHIPPED = "actors_kb.tsv.gz"
ENV = "DYAD_KB"
_FIELDS = ("name", "aliases", "kind", "country", "sector", "role", "start", "end", "source")


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
        index, spans, key = self._index, self._spans, lookup_key  # locals: this loop runs 61,000 times
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
