"""The filter options every listing command shares, turned into one :class:`~dyad.store.queries.Query`.

The HTTP API takes the same names as URL parameters (``?since=2024-04-01&pair=USA,CHN``), so a command
line and a URL that say the same thing select the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from dyad.store.queries import Query

F = TypeVar("F", bound=Callable[..., Any])

FILTER_OPTIONS: list[tuple[str, dict[str, Any]]] = [
    ("--since", {"help": "First day: YYYY, YYYY-MM or YYYY-MM-DD (inclusive)."}),
    ("--until", {"help": "Last day: YYYY, YYYY-MM or YYYY-MM-DD (inclusive)."}),
    ("--source", {"help": "Publisher, as stored (e.g. apnews.com)."}),
    ("--language", {"help": "Article language (ISO 639-1)."}),
    ("--country", {"multiple": True, "help": "A side is this country (repeatable): USA, US, or a name."}),
    ("--pair", {"help": "Country pair A,B (either direction unless --directed)."}),
    ("--directed", {"is_flag": True, "help": "With --pair: only events from A to B."}),
    ("--actor", {"help": "Actor id or exact name."}),
    ("--sector", {"help": "Actor sector (GOV, MIL, ...)."}),
    ("--cameo-root", {"help": "CAMEO root code 01..20."}),
    ("--plover", {"help": "PLOVER event type (e.g. ACCUSE)."}),
    (
        "--quad-class",
        {"type": int, "help": "1 verbal coop., 2 material coop., 3 verbal conflict, 4 material."},
    ),
    ("--issue", {"help": "Issue id of the taxonomy (e.g. taiwan)."}),
    ("--min-confidence", {"type": float, "help": "Lowest extractor confidence, 0..1."}),
    ("--text", {"help": "Full-text query over articles (FTS5: phrases, AND/OR/NOT)."}),
    ("--duplicates", {"is_flag": True, "help": "Include near-duplicate articles (counted once by default)."}),
    ("--asserted", {"is_flag": True, "help": "Only events that happened (not negated or hypothetical)."}),
]


def query_options(func: F) -> F:
    """Add the shared filter options to a click command; read them back with :func:`query_from`."""
    for name, attrs in reversed(FILTER_OPTIONS):
        func = click.option(name, default=None if not attrs.get("is_flag") else False, **attrs)(func)
    return func


def query_from(options: dict[str, Any]) -> Query:
    """The :class:`Query` the shared options describe (removes them from ``options``)."""
    names = [name.lstrip("-").replace("-", "_") for name, _ in FILTER_OPTIONS]
    params = {name: options.pop(name) for name in names}
    params["countries"] = ",".join(params.pop("country") or ())
    return Query.from_params(params)
