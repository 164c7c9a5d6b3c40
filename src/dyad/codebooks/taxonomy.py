"""The issue taxonomy: a versioned YAML file of issues, each with a description and cues, loaded once.

The bundled file (``taxonomy.yaml``) can be replaced by a user's file, or extended by one that starts with
``extends: default`` (or a path): its issues are added, an issue with an id already present replaces that
issue, and ``remove: [ids]`` drops issues. A bad file raises :class:`CodebookError` naming the file and
the entry. docs/taxonomy.md describes the format.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import CodebookError

DEFAULT = "default"
CUE_KINDS = ("keywords", "places", "actors")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISSUE_KEYS = {"id", "label", "description", "cues", "parent", "aliases"}
_FILE_KEYS = {"version", "extends", "issues", "remove"}


@dataclass(frozen=True, slots=True)
class Cues:
    """Phrases that point to an issue: keywords name it (strong), places and actors go with it (weak)."""

    keywords: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    def by_kind(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        yield from (("keywords", self.keywords), ("places", self.places), ("actors", self.actors))


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    label: str
    description: str
    cues: Cues
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Issues in file order, with lookups by id or alias and the parent/child structure."""

    version: str
    issues: tuple[Issue, ...]
    source: str  # the file(s) it was read from, for messages
    _index: dict[str, Issue] = field(init=False, repr=False, compare=False)
    _fingerprint: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Issue] = {}
        for issue in self.issues:
            for name in (issue.id, *issue.aliases):
                index[name] = issue
        object.__setattr__(self, "_index", index)
        # Hashed once: the issue tagger looks its description vectors up by it for every document.
        payload = json.dumps(
            [
                [i.id, i.description, i.label, i.parent, [list(c) for _, c in i.cues.by_kind()]]
                for i in self.issues
            ]
        )
        object.__setattr__(self, "_fingerprint", hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16])

    def __len__(self) -> int:
        return len(self.issues)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def get(self, name: str) -> Issue:
        """The issue with this id or alias; :class:`CodebookError` when there is none."""
        try:
            return self._index[name]
        except KeyError:
            raise CodebookError(f"no issue {name!r} in the taxonomy", where=self.source) from None

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Ids of the issue's parent, grandparent, ... (nearest first)."""
        chain: list[str] = []
        parent = self.get(name).parent
        while parent is not None:
            chain.append(parent)
            parent = self._index[parent].parent
        return tuple(chain)

    def children(self, name: str) -> tuple[str, ...]:
        issue_id = self.get(name).id
        return tuple(i.id for i in self.issues if i.parent == issue_id)

    def with_ancestors(self, names: Iterator[str] | list[str] | set[str] | tuple[str, ...]) -> set[str]:
        """Canonical ids of ``names`` plus all their ancestors: the ids a tag on ``names`` implies."""
        out: set[str] = set()
        for name in names:
            issue_id = self.get(name).id
            out.add(issue_id)
            out.update(self.ancestors(issue_id))
        return out

    @property
    def fingerprint(self) -> str:
        """A hash of the content, so derived data (e.g. description vectors) can be cached per taxonomy."""
        return self._fingerprint


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in ``path`` (None or "default": the bundled one), read once per process per path."""
    key = DEFAULT if path is None or str(path) == DEFAULT else str(Path(path).resolve())
    return _load_cached(key)


@lru_cache(maxsize=16)
def _load_cached(key: str) -> Taxonomy:
    if key == DEFAULT:
        text = resources.files("dyad.codebooks").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
        return _build(_parse(text, "taxonomy.yaml"), "taxonomy.yaml", base=None)
    path = Path(key)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodebookError(f"cannot read the taxonomy file: {exc.strerror or exc}", where=str(path)) from exc
    data = _parse(text, str(path))
    base = None
    if "extends" in data:
        extends = data["extends"]
        if not isinstance(extends, str) or not extends.strip():
            raise CodebookError(
                "'extends' must be 'default' or the path of another taxonomy file", where=str(path)
            )
        target = extends if extends == DEFAULT else str((path.parent / extends).resolve())
        if target == key:
            raise CodebookError("a taxonomy cannot extend itself", where=str(path))
        base = _load_cached(target)
    return _build(data, str(path), base=base)


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise CodebookError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", where=f"{where}{line}"
        ) from exc
    if not isinstance(data, dict):
        raise CodebookError("a taxonomy file must be a mapping with 'version' and 'issues'", where=where)
    _no_unknown_keys(data, _FILE_KEYS, "top-level key", where)
    version = data.get("version")
    if not isinstance(version, (str, int, float)) or not str(version).strip():
        raise CodebookError("a taxonomy file needs a 'version' (e.g. version: \"2026.1\")", where=where)
    if not isinstance(data.get("issues", []), list):
        raise CodebookError("'issues' must be a list of issues", where=where)
    return data


def _build(data: Mapping[str, Any], where: str, *, base: Taxonomy | None) -> Taxonomy:
    issues: dict[str, Issue] = {i.id: i for i in base.issues} if base else {}
    for number, entry in enumerate(data.get("issues") or [], start=1):
        issue = _issue(entry, f"{where}: issue #{number}")
        issues[issue.id] = issue  # a user's issue replaces the base issue of the same id
    removed = data.get("remove") or []
    if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
        raise CodebookError("'remove' must be a list of issue ids", where=where)
    for issue_id in removed:
        if issue_id not in issues:
            raise CodebookError(f"'remove' names {issue_id!r}, which is not in the taxonomy", where=where)
        del issues[issue_id]
    if not issues:
        raise CodebookError("the taxonomy has no issues", where=where)
    version = str(data["version"]).strip()
    if base is not None:
        version = f"{base.version}+{version}"
    taxonomy = Taxonomy(version=version, issues=tuple(issues.values()), source=where)
    _check_structure(taxonomy, where)
    return taxonomy


def _issue(entry: Any, where: str) -> Issue:
    if not isinstance(entry, dict):
        raise CodebookError("an issue must be a mapping with id, label, description and cues", where=where)
    issue_id = entry.get("id")
    if not isinstance(issue_id, str) or not _ID.match(issue_id):
        raise CodebookError(
            f"bad id {issue_id!r}: use lowercase letters, digits and single hyphens", where=where
        )
    where = f"{where} ({issue_id})"
    _no_unknown_keys(entry, _ISSUE_KEYS, "key", where)
    for key in ("label", "description"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CodebookError(f"'{key}' must be a non-empty string", where=where)
    cues = entry.get("cues") or {}
    if not isinstance(cues, dict):
        raise CodebookError("'cues' must be a mapping of keywords, places and actors", where=where)
    _no_unknown_keys(cues, set(CUE_KINDS), "cue kind", where)
    lists = {kind: _strings(cues.get(kind), f"cues.{kind}", where) for kind in CUE_KINDS}
    if not any(lists.values()):
        raise CodebookError("an issue needs at least one cue (keywords, places or actors)", where=where)
    parent = entry.get("parent")
    if parent is not None and (not isinstance(parent, str) or not _ID.match(parent)):
        raise CodebookError(f"bad parent {parent!r}", where=where)
    return Issue(
        id=issue_id,
        label=entry["label"].strip(),
        description=" ".join(entry["description"].split()),
        cues=Cues(**lists),
        parent=parent,
        aliases=_strings(entry.get("aliases"), "aliases", where),
    )


def _no_unknown_keys(mapping: Mapping[Any, Any], known: set[str], what: str, where: str) -> None:
    """Typos ("keyword:", "decription:") fail loudly instead of silently dropping a field."""
    unknown = sorted(str(k) for k in mapping if k not in known)
    if unknown:
        raise CodebookError(
            f"unknown {what}(s) {', '.join(unknown)}; expected {', '.join(sorted(known))}", where=where
        )


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise CodebookError(f"'{key}' must be a list", where=where)
    out: list[str] = []
    for item in value:
        # YAML reads some bare words as other types (e.g. "no" in YAML 1.1); accept scalars as written.
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
            raise CodebookError(f"'{key}' holds {item!r}; each entry must be a non-empty string", where=where)
        out.append(" ".join(str(item).split()))
    return tuple(dict.fromkeys(out))


def _check_structure(taxonomy: Taxonomy, where: str) -> None:
    seen: dict[str, str] = {}
    for issue in taxonomy.issues:
        for name in (issue.id, *issue.aliases):
            if name in seen:
                raise CodebookError(f"{name!r} names both {seen[name]!r} and {issue.id!r}", where=where)
            seen[name] = issue.id
    ids = {i.id for i in taxonomy.issues}
    for issue in taxonomy.issues:
        if issue.parent is not None and issue.parent not in ids:
            raise CodebookError(
                f"issue {issue.id!r} has parent {issue.parent!r}, which is not an issue", where=where
            )
        parent, steps = issue.parent, 0
        while parent is not None:
            steps += 1
            if parent == issue.id or steps > len(ids):
                raise CodebookError(f"issue {issue.id!r} is its own ancestor", where=where)
            parent = taxonomy.get(parent).parent
