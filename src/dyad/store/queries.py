"""One query object for every list: the CLI, screens, the HTTP API, exports and briefs all read through it.

A :class:`Query` is a frozen set of filters. :func:`page` compiles it to SQL for one record kind
(``events``, ``quotes``, ``actors``, ``articles``, ``issues``) and returns one page with a total and an opaque
keyset ``next`` token; :func:`stream` yields every matching row with no cap, in the same order. Both build
their SQL from the same :func:`_compile`, so an export holds exactly the rows a screen pages through.
:func:`search` (``dyad articles``) ranks articles by full-text relevance with the same article filters.
Text filters compare as users type them: source and language case-insensitively.

Filters that do not apply to a record kind (a CAMEO root on quotes) raise :class:`QueryError` rather
than being silently ignored. Near-duplicate articles (``canonical_id`` set) count once: their rows are left
out unless ``duplicates`` is true.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal, get_args

from dyad import parameters
from dyad.errors import QueryError
from dyad.store.articles import ARTICLE_COLUMNS, ArticlePage, stored_article
from dyad.store.records import ROW_BUILDERS, SELECTS
from dyad.store.series import counted_events

Kind = Literal["events", "quotes", "actors", "articles", "issues"]
KINDS: tuple[Kind, ...] = get_args(Kind)
MAX_PAGE = 1000
_SECTOR = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Query:
    """Filters shared by every list; ``None`` or empty means "no filter"."""

    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None  # same; "2024-04" includes every day of April
    source: str | None = None  # publisher, as stored in articles.source (any case)
    language: str | None = None
    countries: tuple[str, ...] = ()  # any side is one of these (ISO alpha-3 or IGO code)
    pair: tuple[str, str] | None = None  # (A, B): events from A to B (and B to A unless directed)
    directed: bool = False
    actor: str | None = None  # actor id or exact name (case-insensitive)
    sector: str | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    issue: str | None = None
    min_confidence: float | None = None
    text: str | None = None  # SQLite FTS5 query over article titles and texts
    asserted: bool = False  # events that happened: not negated, not hypothetical or conditional
    duplicates: bool = False  # include near-duplicate articles

    def __post_init__(self) -> None:
        # The one validation layer (dyad.parameters) judges every filter, whoever builds the query.
        parameters.period(self.since, self.until)
        for code in self.countries:
            parameters.country(code, "countries")
        if self.pair is not None:
            parameters.pair(self.pair)
        for name in ("source", "language", "plover", "issue"):
            parameters.text(getattr(self, name), name, limit=parameters.MAX_IDENTIFIER)
        if self.actor is not None:
            parameters.identifier(self.actor, "actor")
        if self.text is not None:
            parameters.search_expression(self.text)
        if self.sector is not None and not _SECTOR.match(self.sector):
            raise QueryError(f"sector must be a 3-letter code such as GOV or MIL, got {self.sector!r}")
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise QueryError(f"quad_class must be 1, 2, 3 or 4, got {self.quad_class}")
        if self.cameo_root is not None and not re.match(r"^(0[1-9]|1[0-9]|20)$", self.cameo_root):
            raise QueryError(f"cameo_root must be 01..20, got {self.cameo_root!r}")
        parameters.confidence(self.min_confidence)
        if self.directed and self.pair is None:
            raise QueryError("directed needs a pair")

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Query:
        """Build a query from loosely typed parameters (CLI options, URL query strings).

        ``countries`` may be a comma-separated string; ``pair`` may be ``"USA,CHN"``; countries given by
        alpha-2 code or name become the store's codes (:func:`dyad.parameters.country`); a CAMEO root of
        ``4`` becomes ``04``.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(k for k, v in params.items() if k not in known and v not in (None, "", ()))
        if unknown:
            raise QueryError(f"unknown filter(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values: dict[str, Any] = {k: v for k, v in params.items() if v not in (None, "", ())}
        if "countries" in values:
            values["countries"] = parameters.countries(values["countries"])
        if "pair" in values:
            values["pair"] = parameters.pair(values["pair"])
        for name in ("sector", "plover"):
            if name in values:
                values[name] = str(values[name]).strip().upper()
        for name in ("since", "until"):
            if name in values:
                values[name] = parameters.day(values[name], name)
        if "cameo_root" in values:
            values["cameo_root"] = str(values["cameo_root"]).strip().zfill(2)
        if "quad_class" in values:
            values["quad_class"] = _number(int, "quad_class", values["quad_class"])
        if "min_confidence" in values:
            values["min_confidence"] = _number(float, "min_confidence", values["min_confidence"])
        for name in ("directed", "duplicates", "asserted"):
            if name in values and not isinstance(values[name], bool):
                values[name] = str(values[name]).lower() in ("1", "true", "yes", "on")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The filters that are set, for provenance stamps and ``next`` links."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value in (None, (), False):
                continue
            out[key] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    next: str | None


def page(
    conn: sqlite3.Connection, kind: Kind, query: Query, *, limit: int = 50, after: str | None = None
) -> Page:
    """One page of ``kind`` rows matching ``query``, after the position ``after`` (a ``next`` token)."""
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must lie in 1..{MAX_PAGE}, got {limit}")
    sql, params = _compile(kind, query)
    total = int(_execute(conn, f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
    keyed, keyed_params = _after(sql, params, after)
    fetched = _execute(
        conn, f"{keyed} ORDER BY sort_key DESC, key ASC LIMIT ?", [*keyed_params, limit + 1]
    ).fetchall()
    build = ROW_BUILDERS[kind]
    items = [build(row) for row in fetched[:limit]]
    token = _token(fetched[limit - 1]) if len(fetched) > limit else None
    return Page(items, total, token)


def stream(conn: sqlite3.Connection, kind: Kind, query: Query) -> Iterator[dict[str, Any]]:
    """Every row of ``kind`` matching ``query``, in page order, without a cap (a lazy cursor)."""
    sql, params = _compile(kind, query)
    build = ROW_BUILDERS[kind]
    for row in _execute(conn, f"{sql} ORDER BY sort_key DESC, key ASC", params):
        yield build(row)


def count(conn: sqlite3.Connection, kind: Kind, query: Query) -> int:
    sql, params = _compile(kind, query)
    return int(_execute(conn, f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def _execute(conn: sqlite3.Connection, sql: str, params: list[Any]) -> sqlite3.Cursor:
    """Run a compiled query; a full-text expression SQLite cannot parse is the user's error, not ours."""
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise QueryError(f"cannot parse full-text query: {exc}") from exc
        raise


def matching(kind: Kind, query: Query) -> tuple[str, list[Any]]:
    """SQL of the rows of ``kind`` matching ``query`` (unordered), for aggregates over the same filters."""
    return _compile(kind, query)


# --- compilation -----------------------------------------------------------------------------------------

# Which filters each kind understands; the rest raise QueryError when set.
_APPLIES: dict[Kind, frozenset[str]] = {
    "events": frozenset(
        {"since", "until", "source", "language", "countries", "pair", "directed", "actor", "sector",
         "cameo_root", "plover", "quad_class", "issue", "min_confidence", "text", "duplicates", "asserted"}
    ),
    "quotes": frozenset(
        {"since", "until", "source", "language", "countries", "pair", "directed", "actor", "sector",
         "issue", "min_confidence", "text", "duplicates"}
    ),
    "actors": frozenset(
        {"since", "until", "source", "language", "countries", "actor", "sector", "issue",
         "min_confidence", "text", "duplicates"}
    ),
    "articles": frozenset(
        {"since", "until", "source", "language", "countries", "pair", "directed", "actor", "cameo_root",
         "plover", "quad_class", "issue", "text", "duplicates"}
    ),
    "issues": frozenset({"since", "until", "source", "language", "countries", "issue", "text", "duplicates"}),
}  # fmt: skip


def _compile(kind: Kind, query: Query) -> tuple[str, list[Any]]:
    """SQL selecting ``kind`` rows with a ``sort_key`` and a unique ``key`` column, and its parameters."""
    if kind not in KINDS:
        raise QueryError(f"unknown list {kind!r}; one of {', '.join(KINDS)}")
    extra = sorted(set(query.to_dict()) - _APPLIES[kind])
    if extra:
        raise QueryError(f"filter(s) {', '.join(extra)} do not apply to {kind}")
    where, params = _article_filters(query)
    if kind == "events":
        w, p = _event_filters(query, "e")
    elif kind == "quotes":
        w, p = _quote_filters(query)
    elif kind == "actors":
        w, p = _actor_filters(query, "ac")
    elif kind == "articles":
        w, p = _article_only_filters(query)
    else:
        w, p = _issue_filters(query)
    where += w
    params += p
    select, group = SELECTS[kind]
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    sql = f"{select}{clause}{group}"
    if group:  # aggregated kinds: sort on the aggregate, so wrap before keyset filtering
        sql = f"SELECT * FROM ({sql})"
    return sql, params


def _article_filters(query: Query) -> tuple[list[str], list[Any]]:
    """Filters on the article ``a`` every kind joins."""
    where: list[str] = []
    params: list[Any] = []
    if not query.duplicates:
        where.append("a.canonical_id IS NULL")
    if query.source:
        where.append("a.source = ? COLLATE NOCASE")
        params.append(query.source)
    if query.language:
        where.append("a.language = ? COLLATE NOCASE")
        params.append(query.language)
    if query.text:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(parameters.search_expression(query.text))
    return where, params


def search(conn: sqlite3.Connection, query: Query, *, limit: int | None = 20, offset: int = 0) -> ArticlePage:
    """Articles matching ``query`` (the filters of the ``articles`` list), best match first with a text
    query (FTS5 bm25, with a snippet), newest first without; ``limit`` rows (None: all) after ``offset``,
    and the total."""
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError("limit and offset must not be negative")
    extra = sorted(set(query.to_dict()) - _APPLIES["articles"])
    if extra:
        raise QueryError(f"filter(s) {', '.join(extra)} do not apply to articles")
    where, params = _article_filters(replace(query, text=None))
    w, p = _article_only_filters(query)
    where, params = where + w, params + p
    join, order, snippet = "", "a.published IS NULL, a.published DESC, a.id", "NULL"
    if query.text and query.text.strip():
        join = "JOIN articles_fts f ON f.rowid = a.rowid"
        where.append("articles_fts MATCH ?")
        params.append(parameters.search_expression(query.text))
        order, snippet = "bm25(articles_fts), a.id", "snippet(articles_fts, 1, '[', ']', '…', 16)"
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    total = _execute(conn, f"SELECT count(*) FROM articles a {join} {condition}", params).fetchone()[0]
    rows = _execute(
        conn,
        f"SELECT {', '.join('a.' + c for c in ARTICLE_COLUMNS)}, {snippet} AS snippet "
        f"FROM articles a {join} {condition} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else limit, offset],
    ).fetchall()
    return ArticlePage(total=int(total), offset=offset, items=[stored_article(row) for row in rows])


def _dates(query: Query, column: str) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    # Comparing same-length prefixes makes "until 2024-04" include every day of April.
    for bound, op in ((query.since, ">="), (query.until, "<=")):
        if bound:
            where.append(f"substr({column}, 1, {len(bound)}) {op} ?")
            params.append(bound)
    return where, params


def _country_sides(query: Query, first: str, second: str) -> tuple[list[str], list[Any]]:
    """The query's countries and pair on the two country columns of an event's dyad (source, target) or a
    quote (speaker, addressee): a country on either side; the pair in its direction, or either way round
    unless the query is directed."""
    conds: list[str] = []
    params: list[Any] = []
    if query.countries:
        marks = ", ".join("?" * len(query.countries))
        conds.append(f"({first} IN ({marks}) OR {second} IN ({marks}))")
        params += [*query.countries, *query.countries]
    if query.pair:
        a, b = query.pair
        if query.directed:
            conds.append(f"({first} = ? AND {second} = ?)")
            params += [a, b]
        else:
            conds.append(f"(({first} = ? AND {second} = ?) OR ({first} = ? AND {second} = ?))")
            params += [a, b, b, a]
    return conds, params


def _dyad_exists(query: Query, event: str) -> tuple[list[str], list[Any]]:
    """One EXISTS over event_dyads, so pair, actor and sector all hold for the same dyad."""
    conds, params = _country_sides(query, "d.source_country", "d.target_country")
    if query.actor:
        conds.append(
            "(d.source_id = ? OR d.target_id = ?"
            " OR lower(d.source_name) = lower(?) OR lower(d.target_name) = lower(?))"
        )
        params += [query.actor] * 4
    if query.sector:
        conds.append("(d.source_sector = ? OR d.target_sector = ?)")
        params += [query.sector, query.sector]
    if not conds:
        return [], []
    return [
        f"EXISTS (SELECT 1 FROM event_dyads d WHERE d.event_id = {event}.id AND {' AND '.join(conds)})"
    ], params


def _event_codes(query: Query, event: str) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for value, column in (
        (query.cameo_root, "cameo_root"),
        (query.plover, "plover_type"),
        (query.quad_class, "quad_class"),
    ):
        if value is not None:
            where.append(f"{event}.{column} = ?")
            params.append(value)
    return where, params


def _event_filters(query: Query, event: str) -> tuple[list[str], list[Any]]:
    where, params = _dates(query, f"{event}.day")
    for w, p in (_dyad_exists(query, event), _event_codes(query, event)):
        where += w
        params += p
    if query.issue:
        where.append(f"{event}.id IN (SELECT item_id FROM item_issues WHERE issue_id = ?)")
        params.append(query.issue)
    if query.min_confidence is not None:
        where.append(f"{event}.confidence >= ?")
        params.append(query.min_confidence)
    if query.asserted:
        # What dyad series count, so a chart's bar and its event list agree.
        where.append(counted_events(event))
    return where, params


def _quote_filters(query: Query) -> tuple[list[str], list[Any]]:
    where, params = _dates(query, "q.day")
    # A quote belongs to a pair when one side speaks and the other is addressed.
    sides, side_params = _country_sides(query, "q.speaker_country", "q.addressee_country")
    where += sides
    params += side_params
    if query.actor:
        where.append("(q.speaker_id = ? OR lower(q.speaker_name) = lower(?))")
        params += [query.actor, query.actor]
    if query.sector:
        where.append("q.speaker_sector = ?")
        params.append(query.sector)
    if query.issue:
        where.append("q.id IN (SELECT item_id FROM item_issues WHERE issue_id = ?)")
        params.append(query.issue)
    if query.min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(query.min_confidence)
    return where, params


def _actor_filters(query: Query, actor: str) -> tuple[list[str], list[Any]]:
    where, params = _dates(query, "a.published")
    if query.countries:
        where.append(f"{actor}.country IN ({', '.join('?' * len(query.countries))})")
        params += list(query.countries)
    if query.actor:
        where.append(f"({actor}.id = ? OR lower({actor}.name) = lower(?))")
        params += [query.actor, query.actor]
    if query.sector:
        where.append(f"{actor}.sector = ?")
        params.append(query.sector)
    if query.issue:
        where.append("a.id IN (SELECT article_id FROM issue_tags WHERE issue_id = ?)")
        params.append(query.issue)
    if query.min_confidence is not None:
        where.append(f"{actor}.confidence >= ?")
        params.append(query.min_confidence)
    return where, params


def _articles_of(countries: tuple[str, ...]) -> str:
    """Articles with an actor of one of ``countries``."""
    return f"a.id IN (SELECT article_id FROM actors WHERE country IN ({', '.join('?' * len(countries))}))"


def _article_only_filters(query: Query) -> tuple[list[str], list[Any]]:
    where, params = _dates(query, "a.published")
    if query.countries:
        where.append(_articles_of(query.countries))
        params += list(query.countries)
    if query.actor:
        where.append("a.id IN (SELECT article_id FROM actors WHERE id = ? OR lower(name) = lower(?))")
        params += [query.actor, query.actor]
    if query.issue:
        where.append("a.id IN (SELECT article_id FROM issue_tags WHERE issue_id = ?)")
        params.append(query.issue)
    event_where: list[str] = []
    event_params: list[Any] = []
    for w, p in (
        _dyad_exists(Query(pair=query.pair, directed=query.directed), "ev"),
        _event_codes(query, "ev"),
    ):
        event_where += w
        event_params += p
    if event_where:
        where.append(
            f"EXISTS (SELECT 1 FROM events ev WHERE ev.article_id = a.id AND {' AND '.join(event_where)})"
        )
        params += event_params
    return where, params


def _issue_filters(query: Query) -> tuple[list[str], list[Any]]:
    where, params = _dates(query, "a.published")
    if query.countries:
        where.append(_articles_of(query.countries))
        params += list(query.countries)
    if query.issue:
        where.append("t.issue_id = ?")
        params.append(query.issue)
    return where, params


# --- keyset tokens ---------------------------------------------------------------------------------------


def _token(row: sqlite3.Row) -> str:
    raw = json.dumps([row["sort_key"], row["key"]], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _after(sql: str, params: list[Any], token: str | None) -> tuple[str, list[Any]]:
    if not token:
        return sql, params
    try:
        padded = token + "=" * (-len(token) % 4)
        sort_key, key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError, TypeError):
        raise QueryError(f"invalid next token {token!r}; use the `next` value of the previous page") from None
    if not isinstance(key, str) or not isinstance(sort_key, str | int | float):
        raise QueryError(f"invalid next token {token!r}; use the `next` value of the previous page")
    wrapped = f"SELECT * FROM ({sql}) WHERE (sort_key < ? OR (sort_key = ? AND key > ?))"
    return wrapped, [*params, sort_key, sort_key, key]


def _number(kind: type[int] | type[float], name: str, value: Any) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name} must be a number, got {value!r}") from None
