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
from itertools import islice
from typing import Any, TypeVar

from dyad import parameters, pipeline
from dyad.analysis.dyads import Bucket, DyadSeries, dyad_series
from dyad.briefs.brief import Brief, build_brief
from dyad.codebooks.countries import country_name
from dyad.codebooks.taxonomy import load_taxonomy
from dyad.errors import QueryError
from dyad.store import articles, coverage, geo, network, queries
from dyad.store.queries import Query
from dyad.store.series import pair_events
from dyad.web import summary
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
    settings: Settings,
    a: str,
    b: str,
    *,
    since: str | None,
    until: str | None,
    by: Bucket,
    min_confidence: float | None = None,
) -> DyadSeries:
    a, b = _code(a), _code(b)
    since, until = summary.day_bounds(since, until)
    return run(
        settings,
        lambda conn: dyad_series(conn, a, b, since=since, until=until, by=by, min_confidence=min_confidence),
    )


def pair_brief(settings: Settings, a: str, b: str, *, since: str | None, until: str | None) -> Brief:
    a, b = _code(a), _code(b)
    since, until = summary.day_bounds(since, until)
    return run(
        settings, lambda conn: build_brief(conn, a, b, since=since, until=until, taxonomy=load_taxonomy())
    )


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
        "events": queries.count(conn, "events", Query(asserted=True)),
        "extracted_events": queries.count(conn, "events", Query()),
        "quotes": queries.count(conn, "quotes", Query()),
        "articles_per_day": timeline(coverage.articles_per_day(conn, query)),
        "publishers": coverage.articles_by(conn, query, "publisher", limit=15),
        "languages": coverage.articles_by(conn, query, "language", limit=15),
        "top_pairs": coverage.top_pairs(
            conn, Query(since=query.since, until=query.until, asserted=True), limit=15
        ),
        "top_issues": issues.items,
    }


def _bucket_bounds(key: str, by: Bucket) -> tuple[str, str]:
    """First and last day of a bucket, so a click on it can ask for exactly its events."""
    if by == "month":
        return key, key  # YYYY-MM: the query's prefix comparison covers the month
    start = date.fromisoformat(key)
    return key, (start + timedelta(days=6 if by == "week" else 0)).isoformat()


MAX_BUCKETS = 200  # more bars than this are unreadable (and slow): a finer choice is coarsened


def _bucket(
    first: str | None, last: str | None, since: str | None, until: str | None, by: Bucket | None
) -> tuple[Bucket, str | None]:
    """The bucket of the pair's charts over the period (or its days with evidence, ``first`` to ``last``),
    and why it is not the one asked for (None when it is).

    Without a choice: days for up to a month of shown period, weeks up to half a year, months beyond. A
    choice that would draw more than MAX_BUCKETS bars is coarsened to weeks, then months."""
    start, stop = since or first, until or last
    if not start or not stop:
        return by or "month", None
    span = (date.fromisoformat(stop) - date.fromisoformat(start)).days + 1
    if by is None:
        return ("day" if span <= 31 else "week" if span <= 183 else "month"), None
    counts: dict[Bucket, float] = {"day": span, "week": span / 7, "month": span / 30.44}
    order: tuple[Bucket, ...] = ("day", "week", "month")
    for choice in order[order.index(by) :]:
        if counts[choice] <= MAX_BUCKETS or choice == "month":
            break
    if choice == by:
        return by, None
    return choice, f"{round(counts[by])} {by}s would be too many bars to read: shown by {choice}."


def pair_parameters(
    a: str, b: str, since: str | None, until: str | None
) -> tuple[tuple[str, str], tuple[str | None, str | None]]:
    """The pair page's countries and period as the store has them; raises on anything wrong (400, 404)."""
    a, b = _code(a), _code(b)
    if a == b:
        raise QueryError(f"a pair needs two different countries, got {a} twice")
    return (a, b), summary.day_bounds(since, until)


def pair_page(
    settings: Settings, a: str, b: str, *, since: str | None, until: str | None, by: Bucket | None
) -> Callable[[], dict[str, Any]]:
    """The pair page: the 30-second summary, both directions over time, issues over time, each side's
    latest events and quotes, and the brief. Every count is of the events docs/briefs.md defines.

    The parameters are checked now; the data is read when the returned function is called (the page
    sends its head first)."""
    (a, b), (since, until) = pair_parameters(a, b, since, until)

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        first, last = _evidence_days(conn, a, b, since, until)
        bucket, coarsened = _bucket(first, last, since, until, by)
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
                if any(row["combined"]["issues"].get(issue) for row in data["series"])
            ],
        }
        latest = {}
        for src, tgt in ((a, b), (b, a)):
            q = Query(pair=(src, tgt), directed=True, since=since, until=until, asserted=True)
            latest[f"{src}->{tgt}"] = list(islice(queries.stream(conn, "events", q), 8))  # no total needed
        quotes = {}
        for side, other in ((a, b), (b, a)):
            q = Query(pair=(side, other), directed=True, since=since, until=until)
            quotes[side] = list(islice(queries.stream(conn, "quotes", q), 6))
        brief = build_brief(conn, a, b, since=since, until=until, taxonomy=load_taxonomy()).to_dict()
        days = [row["bucket"] for row in data["series"] if row["combined"]["events"]]
        return {
            "pair": [a, b],
            "period": {"since": since, "until": until, "first": first, "last": last},
            "by": bucket,
            "coarsened": coarsened,
            "summary": {
                "combined": summary.shares(series.totals["combined"]),
                "directions": {d: summary.shares(series.totals[d]) for d in series.directions[:2]},
                "buckets_with_events": len(days),
                "undated": series.totals["combined"].events
                - sum(row["combined"]["events"] for row in data["series"]),
                "change": summary.change(conn, a, b, since=since, until=until, first=first, last=last),
                "latest": summary.latest_significant(conn, a, b, since, until),
                "divides": summary.divides(brief),
            },
            "series": data,
            "heatmap": heatmap,
            "latest_events": latest,
            "latest_quotes": quotes,
            "brief": brief,
            "labels": _issue_labels(conn),
        }

    return lambda: run(settings, work)


def pair_chart(data: dict[str, Any]) -> dict[str, Any]:
    """What the pair page's charts draw, and nothing else: the page ships it, the JSON twin has the rest."""
    a, b = data["pair"]
    directions = (f"{a}->{b}", f"{b}->{a}")
    keep = ("events", "quad_classes", "mean_goldstein", "events_per_1000_articles")
    rows = [
        {
            "bucket": row["bucket"],
            "since": row["since"],
            "until": row["until"],
            "articles": row["articles"],
            **{d: {k: row[d][k] for k in keep} for d in directions},
        }
        for row in data["series"]["series"]
    ]
    shown = {i["id"] for i in data["heatmap"]["issues"]}
    return {
        "pair": data["pair"],
        "by": data["by"],
        "series": {"series": rows},
        "heatmap": data["heatmap"],
        "labels": {k: v for k, v in data["labels"].items() if k in shown},
    }


def _evidence_days(
    conn: sqlite3.Connection, a: str, b: str, since: str | None, until: str | None
) -> tuple[str | None, str | None]:
    days = sorted(e.day[:10] for e in pair_events(conn, a, b, since=since, until=until) if e.day)
    return (days[0], days[-1]) if days else (None, None)


def _issue_labels(conn: sqlite3.Connection) -> dict[str, str]:
    return {i["id"]: i["label"] for i in queries.stream(conn, "issues", Query(duplicates=True))}


def issue_page(settings: Settings, issue: str, query: Query) -> dict[str, Any]:
    q = Query(**{**_fields(query), "issue": issue})

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        info = queries.page(conn, "issues", Query(issue=issue, since=q.since, until=q.until), limit=1).items
        return {
            "issue": info[0] if info else {"id": issue, "label": issue, "articles": 0},
            "articles_per_day": timeline(
                coverage.articles_per_day(conn, Query(issue=issue, since=q.since, until=q.until))
            ),
            "top_pairs": coverage.top_pairs(conn, q, limit=10),
            "events": queries.page(conn, "events", q, limit=20).items,
            "quotes": queries.page(conn, "quotes", replace(q, asserted=False), limit=10).items,
            "query": q.to_dict(),
        }

    return run(settings, work)


def actor_page(settings: Settings, actor: str, query: Query) -> dict[str, Any]:
    q = Query(**{**_fields(query), "actor": actor})

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        info = queries.page(conn, "actors", Query(actor=actor), limit=1).items
        edges = network.edges(conn, q, limit=50)
        return {
            "actor": info[0] if info else None,
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
    """One page of a list; articles found by words carry the passage around them (``hits``)."""

    def work(conn: sqlite3.Connection) -> dict[str, Any]:
        page = queries.page(conn, kind, query, limit=limit, after=after)
        if kind == "articles" and query.text:
            found = articles.snippets(conn, [a["id"] for a in page.items], query.text)
            for item in page.items:
                if item["id"] in found:
                    item["hits"] = _pieces(found[item["id"]])
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
    if lvl == "country":  # names a reader knows, not codes
        for edge in edges:
            for side in ("source", "target"):
                edge[f"{side}_name"] = country_name(edge[side]) or edge[side]
    return {"edges": edges, "nodes": nodes(edges), "level": lvl, "query": query.to_dict()}


def _fields(query: Query) -> dict[str, Any]:
    return {name: getattr(query, name) for name in Query.__dataclass_fields__}


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces, so a template can mark the matches and escape everything."""
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(articles.HIT_START)):
        hit, _, rest = part.partition(articles.HIT_END) if i else ("", "", part)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest, False))
    return out


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
