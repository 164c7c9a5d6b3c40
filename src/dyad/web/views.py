"""What each dashboard page and analysis endpoint shows, as plain dicts: the JSON twin of every page.

Handlers call these; these call the store and analysis functions the CLI uses. Nothing here writes SQL.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, TypeVar

from dyad import parameters, pipeline
from dyad.analysis.dyads import Bucket, DyadSeries, dyad_series
from dyad.briefs.brief import Brief, build_brief
from dyad.errors import QueryError
from dyad.store import coverage, geo, network, queries
from dyad.store.queries import Query
from dyad.store.series import pair_events
from dyad.web.settings import Settings

T = TypeVar("T")
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def run(settings: Settings, work: Callable[[sqlite3.Connection], T]) -> T:
    conn = settings.open()
    try:
        return work(conn)
    finally:
        conn.close()


def _code(value: str) -> str:
    """A country named in a URL path: resolved like every country parameter; unknown ones are 404."""
    return parameters.country(value, "country", in_path=True)


def pair_series(
    settings: Settings, a: str, b: str, *, since: str | None, until: str | None, by: Bucket
) -> DyadSeries:
    a, b = _code(a), _code(b)
    return run(settings, lambda conn: dyad_series(conn, a, b, since=since, until=until, by=by))


def pair_brief(settings: Settings, a: str, b: str, *, since: str | None, until: str | None) -> Brief:
    a, b = _code(a), _code(b)
    return run(settings, lambda conn: build_brief(conn, a, b, since=since, until=until))


def nodes(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes of a network: every edge end, with its event count and event-weighted mean Goldstein."""
    found: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for side in ("source", "target"):
            node = found.setdefault(
                edge[side],
                {"id": edge[side], "name": edge[f"{side}_name"], "country": edge[f"{side}_country"]},
            )
            node.setdefault("events", 0)
            node.setdefault("_g", 0.0)
            node["events"] += edge["events"]
            node["_g"] += edge["mean_goldstein"] * edge["events"]
    out = []
    for node in found.values():
        total = node.pop("_g")
        node["mean_goldstein"] = round(total / node["events"], 3) if node["events"] else None
        out.append(node)
    return sorted(out, key=lambda n: (-n["events"], n["id"]))


def timeline(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Article counts on a continuous axis: every day (zeros included) up to a year, else every month."""
    valid = [d for d in days if d["day"] and len(d["day"]) == 10 and d["day"][4] == "-"]
    if not valid:
        return []
    first, last = date.fromisoformat(valid[0]["day"]), date.fromisoformat(valid[-1]["day"])
    counts: dict[str, int] = {}
    monthly = (last - first).days > 366
    for d in valid:
        key = d["day"][:7] if monthly else d["day"]
        counts[key] = counts.get(key, 0) + d["articles"]
    keys: list[str] = []
    current = first.replace(day=1) if monthly else first
    while current <= last:
        keys.append(current.isoformat()[:7] if monthly else current.isoformat())
        if monthly:
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        else:
            current += timedelta(days=1)
    return [{"day": key, "articles": counts.get(key, 0)} for key in keys]


def coverage_data(conn: sqlite3.Connection, query: Query) -> dict[str, Any]:
    """The home page: what the corpus covers and where the action is."""
    issues = queries.page(conn, "issues", Query(since=query.since, until=query.until), limit=15)
    return {
        "articles": queries.count(conn, "articles", Query(duplicates=True)),
        "distinct_articles": queries.count(conn, "articles", Query()),
        "events": queries.count(conn, "events", Query()),
        "quotes": queries.count(conn, "quotes", Query()),
        "articles_per_day": timeline(coverage.articles_per_day(conn, query)),
        "publishers": coverage.articles_by(conn, query, "publisher", limit=15),
        "languages": coverage.articles_by(conn, query, "language", limit=15),
        "top_pairs": coverage.top_pairs(conn, Query(since=query.since, until=query.until), limit=15),
        "top_issues": issues.items,
    }


def _bucket_bounds(key: str, by: Bucket) -> tuple[str, str]:
    """First and last day of a bucket, so a click on it can ask for exactly its events."""
    if by == "month":
        return key, key  # YYYY-MM: the query's prefix comparison covers the month
    start = date.fromisoformat(key)
    return key, (start + timedelta(days=6 if by == "week" else 0)).isoformat()


def _auto_bucket(conn: sqlite3.Connection, a: str, b: str, since: str | None, until: str | None) -> Bucket:
    """Days for up to a month of evidence, weeks up to half a year, months beyond."""
    days = sorted(e.day[:10] for e in pair_events(conn, a, b, since=since, until=until) if e.day)
    if not days:
        return "month"
    span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days
    return "day" if span <= 31 else "week" if span <= 180 else "month"


def pair_page(
    settings: Settings, a: str, b: str, *, since: str | None, until: str | None, by: Bucket | None
) -> dict[str, Any]:
    """The pair page: both directions over time, issues over time, each side's latest events and quotes,
    and the brief."""
    a, b = _code(a), _code(b)
    if a == b:
        raise QueryError(f"a pair needs two different countries, got {a} twice")

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        bucket = by or _auto_bucket(conn, a, b, since, until)
        series = dyad_series(conn, a, b, since=since, until=until, by=bucket)
        data = series.to_dict()
        for row in data["series"]:
            row["since"], row["until"] = _bucket_bounds(row["bucket"], bucket)
        issue_totals = data["totals"]["combined"]["issues"]
        keys = [row["bucket"] for row in data["series"]]
        heatmap = {
            "buckets": keys,
            "issues": [
                {
                    "id": issue,
                    "total": total,
                    "counts": [row["combined"]["issues"].get(issue, 0) for row in data["series"]],
                }
                for issue, total in issue_totals.items()
            ],
        }
        latest = {}
        for src, tgt in ((a, b), (b, a)):
            q = Query(pair=(src, tgt), directed=True, since=since, until=until)
            latest[f"{src}->{tgt}"] = queries.page(conn, "events", q, limit=8).items
        quotes = {}
        for side, other in ((a, b), (b, a)):
            q = Query(pair=(side, other), directed=True, since=since, until=until)
            quotes[side] = queries.page(conn, "quotes", q, limit=6).items
        brief = build_brief(conn, a, b, since=since, until=until).to_dict()
        return {
            "pair": [a, b],
            "period": {"since": since, "until": until},
            "by": bucket,
            "series": data,
            "heatmap": heatmap,
            "latest_events": latest,
            "latest_quotes": quotes,
            "brief": brief,
            "labels": _issue_labels(conn),
        }

    return run(settings, work)


def _issue_labels(conn: sqlite3.Connection) -> dict[str, str]:
    return {i["id"]: i["label"] for i in queries.stream(conn, "issues", Query(duplicates=True))}


def issue_page(settings: Settings, issue: str, query: Query) -> dict[str, Any]:
    q = Query(**{**_fields(query), "issue": issue})

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        info = queries.page(conn, "issues", Query(issue=issue, since=q.since, until=q.until), limit=1).items
        return {
            "issue": info[0] if info else {"id": issue, "label": issue, "articles": 0},
            "articles_per_day": coverage.articles_per_day(
                conn, Query(issue=issue, since=q.since, until=q.until)
            ),
            "top_pairs": coverage.top_pairs(conn, q, limit=10),
            "events": queries.page(conn, "events", q, limit=20).items,
            "quotes": queries.page(conn, "quotes", q, limit=10).items,
            "query": q.to_dict(),
        }

    return run(settings, work)


def actor_page(settings: Settings, actor: str, query: Query) -> dict[str, Any]:
    q = Query(**{**_fields(query), "actor": actor})

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        info = queries.page(conn, "actors", Query(actor=actor), limit=1).items
        edges = network.edges(conn, q, limit=50)
        return {
            "actor": info[0] if info else {"id": actor, "name": actor},
            "events": queries.page(conn, "events", q, limit=20).items,
            "quotes": queries.page(
                conn, "quotes", Query(actor=actor, since=q.since, until=q.until), limit=10
            ).items,
            "network": {"edges": edges, "nodes": nodes(edges)},
            "query": q.to_dict(),
        }

    return run(settings, work)


def country_page(settings: Settings, country: str, query: Query) -> dict[str, Any]:
    code = _code(country)
    q = Query(**{**_fields(query), "countries": (code,)})

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        return {
            "country": code,
            "partners": coverage.top_pairs(conn, q, limit=15),
            "events": queries.page(conn, "events", q, limit=20).items,
            "quotes": queries.page(
                conn, "quotes", Query(countries=(code,), since=q.since, until=q.until), limit=10
            ).items,
            "actors": queries.page(conn, "actors", Query(countries=(code,)), limit=15).items,
            "issues": queries.page(
                conn, "issues", Query(countries=(code,), since=q.since, until=q.until), limit=15
            ).items,
            "query": q.to_dict(),
        }

    return run(settings, work)


def list_page(
    settings: Settings, kind: queries.Kind, query: Query, *, limit: int, after: str | None
) -> dict[str, Any]:
    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        page = queries.page(conn, kind, query, limit=limit, after=after)
        return {"items": page.items, "total": page.total, "next": page.next, "query": query.to_dict()}

    return run(settings, work)


def map_page(settings: Settings, query: Query) -> dict[str, Any]:
    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        return {
            "countries": geo.country_counts(conn, query),
            "places": geo.place_counts(conn, query),
            "query": query.to_dict(),
        }

    return run(settings, work)


def network_page(settings: Settings, query: Query, *, level: str = "actor") -> dict[str, Any]:
    lvl: Any = "country" if level == "country" else "actor"
    edges = run(settings, lambda conn: network.edges(conn, query, level=lvl, limit=150))
    return {"edges": edges, "nodes": nodes(edges), "level": lvl, "query": query.to_dict()}


def _fields(query: Query) -> dict[str, Any]:
    return {name: getattr(query, name) for name in Query.__dataclass_fields__}


def segments(sentence: str, highlights: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """The sentence cut into (text, role) pieces, role None between highlights; overlaps keep the first."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for h in sorted(highlights, key=lambda h: (h["start"], h["end"])):
        start, end = max(h["start"], at), h["end"]
        if start >= end:
            continue
        if start > at:
            out.append((sentence[at:start], None))
        out.append((sentence[start:end], h["role"]))
        at = end
    if at < len(sentence):
        out.append((sentence[at:], None))
    return out


def add_article(settings: Settings, fields: dict[str, Any]) -> dict[str, Any]:
    """Store one posted article as ``dyad ingest`` does (``dyad.pipeline``): duplicate detection, then
    extraction unless ``"extract": false``. Writes are serialised; spaCy loads on the first extraction."""
    from dyad.ingest.records import make_article

    article = make_article(
        {k: fields.get(k) for k in ("text", "title", "url", "source", "date", "language", "author")},
        origin="http:POST /api/articles",
    )
    extract = fields.get("extract", True) is not False
    with _WRITE_LOCK:
        pipeline = _pipeline(replace(settings.pipeline, db=settings.db, extract=extract))
        before = pipeline.report.extracted
        conn = settings.writer()
        try:
            report = pipeline.ingest([article], conn)
        finally:
            conn.close()
        extracted = pipeline.report.extracted - before
    return {"id": article.id, **report.to_dict(), "extracted": extracted}


_WRITE_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _pipeline(settings: pipeline.Settings) -> pipeline.Pipeline:
    """One pipeline per settings for the server's life: the model loads once, not once per article."""
    return pipeline.Pipeline(settings)
