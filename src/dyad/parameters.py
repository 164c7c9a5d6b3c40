"""One set of rules for every parameter a user gives dyad: the API's and the dashboard's URL parameters
and path segments, and the command line's options.

Each function takes the raw value and returns it normalised, or raises :class:`~dyad.errors.QueryError`
naming the parameter, the value and what is accepted; a path segment that names nothing dyad knows raises
:class:`~dyad.errors.NotFoundError` (HTTP 404). :class:`~dyad.store.queries.Query` checks every filter
with these functions, so a filter is judged the same wherever it comes from.

- :func:`day`, :func:`period`: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real calendar date;
  ``since`` not after ``until``.
- :func:`country`, :func:`countries`, :func:`pair`: an ISO 3166 alpha-3 code (``USA``), an alpha-2 code
  (``US``), a name or alias of our tables (``China``, ``the United States``) or a group code (``EU``,
  ``NATO``), resolved to the code the store holds. ``AU`` is the African Union: Australia is ``AUS``.
- :func:`text`, :func:`identifier`: no control characters (a NUL byte is a common probe), bounded length.
- :func:`confidence`: a confidence floor, a number in [0, 1].
- :func:`search_expression`: the full-text syntax (phrases, ``AND``/``OR``/``NOT``, parentheses, ``word*``,
  ``title:``/``text:``) checked before SQLite sees it, turned into an FTS5 expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import pycountry

from dyad.errors import NotFoundError, QueryError

MAX_TEXT = 1000  # characters of one free-text parameter (a search, a publisher name)
MAX_IDENTIFIER = 200
MAX_COUNTRIES = 50
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OPERATORS = {"AND", "OR", "NOT"}
_SEARCH_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
_COLUMN_TERM = re.compile(r"^(title|text):(.+)$")
_PREFIX_TERM = re.compile(r"^\w+\*$")


def text(value: str | None, name: str, *, limit: int = MAX_TEXT) -> str | None:
    """Free text (a publisher, a language, a search): no control characters, at most ``limit`` long."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"{name} must be text, got {type(value).__name__}")
    if found := _CONTROL.search(value):
        raise QueryError(f"{name} contains the control character {found.group()!r}; remove it")
    if len(value) > limit:
        raise QueryError(f"{name} is {len(value):,} characters long; at most {limit:,} are accepted")
    return value


def identifier(value: str, name: str) -> str:
    """An id or exact name (actor, issue, article): non-empty text of at most 200 characters."""
    checked = text(value, name, limit=MAX_IDENTIFIER)
    if not checked or not checked.strip():
        raise QueryError(f"{name} is empty")
    return checked.strip()


def confidence(value: float | None, name: str = "min_confidence") -> float | None:
    """A confidence floor: None (no floor) or a number in [0, 1]."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise QueryError(f"{name} must lie in [0, 1], got {value}")
    return value


def day(value: str | None, name: str) -> str | None:
    """A day, month or year as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, a real date (no 2024-02-30)."""
    if value is None:
        return None
    value = (text(value, name, limit=40) or "").strip()
    match = _DAY.match(value)
    if not match:
        raise QueryError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, dom = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, dom)
    except ValueError as exc:
        raise QueryError(f"{name} {value!r} is not a date: {exc}") from None
    return value


def period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Both bounds checked, and ``since`` not after ``until`` (``2024-05`` to ``2024`` is a period)."""
    since, until = day(since, "since"), day(until, "until")
    if since and until and since[: len(until)] > until[: len(since)]:
        raise QueryError(f"since {since} is after until {until}")
    return since, until


def days(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The :func:`period` as whole days: the first day of ``since``, the last of ``until``
    (``2024`` to ``2024-02`` is ``2024-01-01`` to ``2024-02-29``), for comparisons of full dates."""
    since, until = period(since, until)
    first = since + "-01-01"[len(since) - 4 :] if since else None
    if not until:
        return first, None
    year, month = int(until[:4]), int(until[5:7] or 12)
    if len(until) == 10:
        return first, until
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, (following - timedelta(days=1)).isoformat()


def country(value: str, name: str = "country", *, in_path: bool = False) -> str:
    """The store's code for a country or group given by code, alpha-2 code or name.

    Unknown values raise :class:`QueryError`, or :class:`NotFoundError` when ``in_path`` (a page or
    resource named in the URL path that does not exist)."""
    raw = (text(value, name, limit=MAX_IDENTIFIER) or "").strip()
    if not raw:
        raise QueryError(f"{name} is empty; give a country code such as USA or CHN")
    code = resolve_country(raw)
    if code is None:
        error = NotFoundError if in_path else QueryError
        raise error(
            f"unknown country {raw!r} in {name}: give an ISO 3166 alpha-3 code (USA), an alpha-2 code (US), "
            "a country name (China) or a group code (EU, NATO)"
        )
    return code


def countries(value: str | Iterable[str] | None, name: str = "countries") -> tuple[str, ...]:
    """Countries as a comma-separated string or a list; an empty item (``USA,,CHN``) is an error."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    if len(items) > MAX_COUNTRIES:
        raise QueryError(f"{name} lists {len(items)} countries; at most {MAX_COUNTRIES} are accepted")
    if any(not item.strip() for item in items):
        raise QueryError(f"{name} has an empty item in {value!r}; separate country codes by single commas")
    return tuple(dict.fromkeys(country(item, name) for item in items))


def pair(value: str | Iterable[str], name: str = "pair") -> tuple[str, str]:
    """Two different countries, as ``"USA,CHN"`` or a pair of values."""
    found = countries(value, name)
    if len(found) != 2:
        raise QueryError(f"{name} needs two different countries such as USA,CHN, got {value!r}")
    return found[0], found[1]


@cache
def _codes() -> frozenset[str]:
    from dyad.codebooks.countries import TRANSNATIONAL, organizations
    from dyad.codebooks.countries import countries as table

    groups = {org.country for org in organizations() if org.country}
    return frozenset(table()) | frozenset(groups) | frozenset(TRANSNATIONAL.values())


@cache
def _names() -> dict[str, str]:
    """Casefolded names, aliases and alpha-2 codes of every country and group -> its code."""
    from dyad.codebooks.countries import terms

    found: dict[str, str] = {}
    for entry in pycountry.countries:
        found.setdefault(entry.alpha_2.casefold(), entry.alpha_3)
    for surface, term in terms().items():
        if term.kind in ("country", "organization") and term.code in _codes():
            found.setdefault(surface.casefold(), term.code)
    return found


def resolve_country(raw: str) -> str | None:
    """The code of a country or group given by code, alpha-2 code, name or alias; None when unknown."""
    raw = raw.strip()
    upper = raw.upper()
    if upper in _codes():  # stored codes first: AU is the African Union, as the store has it
        return upper
    names = _names()
    for folded in (raw.casefold(), raw.split(" (")[0].casefold()):
        code = names.get(folded) or names.get(folded.removeprefix("the "))
        if code:
            return code
    return None


def search_expression(query: str, name: str = "text") -> str:
    """The SQLite FTS5 expression of a search, after checking its syntax.

    Operators (``AND``, ``OR``, ``NOT``), phrases, parentheses and ``word*`` pass through; other words are
    quoted, so punctuation ("U.S.", "Xi's", "5-point") cannot break the syntax. An operator without an
    operand on each side, an unbalanced parenthesis or quote, or empty parentheses is an error."""
    checked = text(query, name) or ""
    if checked.count('"') % 2:
        raise QueryError(f'unbalanced quote in {name} {checked!r}; close the phrase with a second "')
    parts: list[str] = []
    for token in _SEARCH_TOKEN.findall(checked):
        if token in _OPERATORS or token in ("(", ")") or token.startswith('"') or _PREFIX_TERM.match(token):
            parts.append(token)
        elif match := _COLUMN_TERM.match(token):
            parts.append(f'{match.group(1)}:"{match.group(2)}"')
        else:
            parts.append(f'"{token}"')
    if not parts:
        raise QueryError(f"{name} is an empty search")
    _check_grammar(parts, name, checked)
    return " ".join(parts)


def _check_grammar(tokens: list[str], name: str, query: str) -> None:
    """Operands and operators alternate (two operands side by side mean AND); parentheses balance."""
    depth = 0
    expecting = True  # an operand (a phrase or an opening parenthesis) must come next
    for token in tokens:
        if token == "(":
            if not expecting:
                expecting = True  # implicit AND before a group
            depth += 1
        elif token == ")":
            if expecting:
                raise QueryError(f"{name} {query!r}: nothing before ')'; an operand is missing")
            depth -= 1
            if depth < 0:
                raise QueryError(f"{name} {query!r}: ')' without a matching '('")
        elif token in _OPERATORS:
            if expecting:
                raise QueryError(f"{name} {query!r}: {token} needs a word or phrase on each side")
            expecting = True
        else:
            expecting = False
    if expecting:
        raise QueryError(f"{name} {query!r} ends where a word or phrase should follow")
    if depth:
        raise QueryError(f"{name} {query!r}: '(' without a matching ')'")
