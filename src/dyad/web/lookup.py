"""Finding things by name: what a page that does not exist suggests instead, and the names the forms
offer as you type (countries and issues from the codebooks, actors from the store).

Ids are not what a reader knows: a missing actor, issue or country is matched against names, closest first.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from difflib import get_close_matches
from functools import lru_cache
from typing import Any

from dyad.codebooks.countries import countries, igo_names
from dyad.codebooks.taxonomy import load_taxonomy
from dyad.store import queries
from dyad.store.queries import Query

SUGGESTIONS = 6


def _closest(wanted: str, choices: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Choices whose key contains ``wanted`` or is close to it; keys are lower-case names and ids."""
    key = wanted.strip().lower().replace("-", " ").replace("_", " ")
    if not key:
        return []
    found = [name for name in choices if key in name]
    found += get_close_matches(key, list(choices), n=SUGGESTIONS, cutoff=0.6)
    out: list[dict[str, str]] = []
    for name in found:
        if choices[name] not in out:
            out.append(choices[name])
    return out[:SUGGESTIONS]


def actors_like(conn: sqlite3.Connection, wanted: str) -> list[dict[str, str]]:
    choices: dict[str, dict[str, str]] = {}
    for actor in queries.stream(conn, "actors", Query()):
        link = {"href": f"/actor/{actor['id']}", "label": f"{actor['name']} ({actor['country'] or '?'})"}
        choices.setdefault(actor["name"].lower(), link)
        choices.setdefault(actor["id"].lower(), link)
    return _closest(wanted, choices)


PICKED = 12  # actor names offered as you type


def actor_names(conn: sqlite3.Connection, typed: str) -> list[dict[str, str]]:
    """Actors whose name holds every word typed, names starting with them first, then the most written
    about: the options of an actor field. The value is the actor's name (filters take an id or an exact
    name, so the field shows what a reader knows), or its id where another actor bears the same name."""
    words = typed.casefold().split()
    if not words or len(typed.strip()) < 2:
        return []
    found = []
    names: Counter[str] = Counter()
    for actor in queries.stream(conn, "actors", Query()):
        name = actor["name"].casefold()
        names[name] += 1
        if all(w in name for w in words):
            found.append((not name.startswith(words[0]), -(actor["articles"] or 0), actor))
    found.sort(key=lambda f: f[:2])
    return [
        {"value": a["name"] if names[a["name"].casefold()] == 1 else a["id"], "label": _named(a)}
        for _, _, a in found[:PICKED]
    ]


def actor_name(conn: sqlite3.Connection, actor_id: str) -> str | None:
    """An actor's name with its country, as the pickers show it; None for an id not in the store."""
    found = queries.page(conn, "actors", Query(actor=actor_id), limit=1).items
    return _named(found[0]) if found else None


def _named(actor: dict[str, Any]) -> str:
    where = "·".join(part for part in (actor["country"], actor["sector"]) if part)
    return f"{actor['name']} ({where})" if where else str(actor["name"])


def issues_like(wanted: str) -> list[dict[str, str]]:
    choices: dict[str, dict[str, str]] = {}
    for issue in load_taxonomy().issues:
        link = {"href": f"/issue/{issue.id}", "label": issue.label}
        choices.setdefault(issue.label.lower(), link)
        choices.setdefault(issue.id.replace("-", " "), link)
    return _closest(wanted, choices)


def countries_like(wanted: str) -> list[dict[str, str]]:
    choices: dict[str, dict[str, str]] = {}
    for code, country in countries().items():
        link = {"href": f"/country/{code}", "label": f"{country.name} ({code})"}
        choices.setdefault(country.name.lower(), link)
        choices.setdefault(code.lower(), link)
    return _closest(wanted, choices)


@lru_cache(maxsize=1)
def pickers() -> dict[str, list[dict[str, str]]]:
    """What the forms' inputs offer as you type: country codes with names, issue ids with labels."""
    return {
        "countries": [{"value": code, "label": c.name} for code, c in sorted(countries().items())]
        + [{"value": code, "label": name} for code, name in sorted(igo_names().items())],
        "issues": [{"value": i.id, "label": i.label} for i in load_taxonomy().issues],
    }
