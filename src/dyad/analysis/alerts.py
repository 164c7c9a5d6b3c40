"""What a watchlist fires on, computed from what the store holds (docs/alerts.md says it for users).

One run looks at the articles stored since the watchlist's last run (its cursor) and can raise:

- ``new``: per new article, the events and quotes in it that match the saved query;
- ``first``: the first event of a CAMEO root (kind) ever stored between two countries;
- ``spike``: a period (day, week or month) with at least ``min_count`` events and at least
  ``spike_ratio`` times the mean of the ``baseline`` periods before it;
- ``tone``: a period whose mean Goldstein score moved ``tone_shift`` points or more from the baseline's.

``first``, ``spike`` and ``tone`` count what docs/briefs.md counts: canonical articles, events that
happened. Baseline periods in which the store holds no article at all are not evidence of calm, so they
are left out of the mean, and a period with fewer than half its baseline covered raises nothing.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from dyad.analysis.dyads import bucket_key, bucket_range
from dyad.codebooks.cameo import codes
from dyad.model import Alert, AlertEvidence, Period, Watchlist
from dyad.store import watchlists as store
from dyad.store.queries import Query
from dyad.store.series import articles_per_day

MAX_EVIDENCE = 10  # evidence items listed in one alert; the alert's link lists them all


def evaluate(conn: sqlite3.Connection, watchlist: Watchlist, upto: int) -> list[Alert]:
    """The alerts of ``watchlist`` for the articles stored after its cursor up to row ``upto``."""
    query = Query.from_params(watchlist.query)
    counted = replace(query, asserted=True)
    after, rules = watchlist.cursor, watchlist.rules
    if upto <= after:
        return []
    found: list[Alert] = []
    if "new" in rules.kinds:
        found += _new(conn, watchlist, query, after, upto)
    if "first" in rules.kinds:
        found += _first(conn, watchlist, counted, after, upto)
    if "spike" in rules.kinds or "tone" in rules.kinds:
        days = {
            e["day"][:10] for e in store.new_items(conn, "events", counted, after, upto) if _is_day(e["day"])
        }
        for period in sorted({bucket_key(d, rules.period) for d in days}):
            found += _period_alerts(conn, watchlist, counted, period, upto)
    return found


def _is_day(value: str | None) -> bool:
    try:
        date.fromisoformat((value or "")[:10])
    except ValueError:
        return False
    return True


def _new(conn: sqlite3.Connection, watchlist: Watchlist, query: Query, after: int, upto: int) -> list[Alert]:
    items: dict[str, list[AlertEvidence]] = defaultdict(list)
    rows: dict[str, dict[str, Any]] = {}
    for kind in ("events", "quotes"):
        if kind == "quotes" and not store.applies("quotes", query):
            continue
        for row in store.new_items(conn, kind, query, after, upto):
            items[row["article_id"]].append(evidence(row, kind))
            rows.setdefault(row["article_id"], row)
    out = []
    for article_id, found in items.items():
        events = sum(1 for e in found if e.kind == "event")
        quotes = len(found) - events
        counts = ", ".join(
            f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((events, "event"), (quotes, "quote")) if n
        )
        row = rows[article_id]
        title = row.get("title") or row.get("publisher") or article_id
        day = (row.get("published") or row.get("day") or "")[:10] or None
        out.append(
            _alert(
                watchlist,
                f"new:{article_id}",
                "new",
                day,
                f"New: {counts} in “{title}”",
                {"events": events, "quotes": quotes},
                found,
                _link(watchlist.query),
            )
        )
    return out


def _first(
    conn: sqlite3.Connection, watchlist: Watchlist, query: Query, after: int, upto: int
) -> list[Alert]:
    by_kind: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for event_id, a, b, root in store.new_pairs(conn, query, after, upto):
        by_kind[(a, b, root)].append(event_id)
    if not by_kind:
        return []
    rows = {r["id"]: r for r in store.new_items(conn, "events", query, after, upto)}
    out = []
    for (a, b, root), ids in sorted(by_kind.items()):
        if store.seen_before(conn, query, a, b, root, after):
            continue
        found = [evidence(rows[i], "events") for i in dict.fromkeys(ids) if i in rows]
        name = root_name(root)
        days = sorted(e.day[:10] for e in found if e.day)
        out.append(
            _alert(
                watchlist,
                f"first:{a}-{b}:{root}",
                "first",
                days[0] if days else None,
                f"First “{name}” event between {a} and {b}",
                {"pair": [a, b], "cameo_root": root, "events": len(found)},
                found,
                _link({**watchlist.query, "pair": [a, b], "cameo_root": root, "asserted": True}),
            )
        )
    return out


def root_name(root: str) -> str:
    found = codes().get(root)
    return found.name if found else f"CAMEO {root}"


def period_bounds(period: str, by: Period) -> tuple[str, str]:
    """First and last day of a period key (a day, a week's Monday, or YYYY-MM)."""
    if by == "month":
        first = date.fromisoformat(f"{period}-01")
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first.isoformat(), (following - timedelta(days=1)).isoformat()
    start = date.fromisoformat(period)
    return period, (start + timedelta(days=6 if by == "week" else 0)).isoformat()


def baseline_periods(period: str, by: Period, count: int) -> list[str]:
    """The ``count`` periods before ``period``, oldest first."""
    first, _ = period_bounds(period, by)
    back = date.fromisoformat(first) - timedelta(days={"day": 1, "week": 7, "month": 31}[by] * count)
    keys = list(bucket_range(bucket_key(back.isoformat(), by), period, by))
    return keys[-count - 1 : -1]


def _period_alerts(
    conn: sqlite3.Connection, watchlist: Watchlist, query: Query, period: str, upto: int
) -> list[Alert]:
    rules = watchlist.rules
    earlier = baseline_periods(period, rules.period, rules.baseline)
    start, end = period_bounds(earlier[0], rules.period)[0], period_bounds(period, rules.period)[1]
    daily = store.daily_tallies(conn, query, start, end, upto)
    articles = articles_per_day(conn, since=start, until=end)
    events: dict[str, int] = defaultdict(int)
    goldstein: dict[str, float] = defaultdict(float)
    stored: dict[str, int] = defaultdict(int)  # canonical articles published in the period
    for day, (n, total) in daily.items():
        events[bucket_key(day, rules.period)] += n
        goldstein[bucket_key(day, rules.period)] += total
    for day, n in articles.items():
        if _is_day(day):
            stored[bucket_key(day, rules.period)] += n
    covered = [p for p in earlier if stored[p] > 0]
    if len(covered) * 2 < len(earlier):
        return []  # too little history to call anything unusual
    count, goldstein_sum = events[period], goldstein[period]
    base_events = sum(events[p] for p in covered)
    base_rate = base_events / len(covered)
    since, until = period_bounds(period, rules.period)
    link = _link({**watchlist.query, "since": since, "until": until, "asserted": True})
    measures: dict[str, Any] = {
        "period": period,
        "by": rules.period,
        "events": count,
        "baseline_periods": len(covered),
        "baseline_events": base_events,
        "baseline_rate": round(base_rate, 3),
    }
    out = []
    if "spike" in rules.kinds and count >= rules.min_count and count >= rules.spike_ratio * base_rate:
        ratio = f"{count / base_rate:.1f}×" if base_rate else "none before"
        title = (
            f"Spike: {count} events in the {rules.period} of {period} "
            f"(baseline {base_rate:.1f} per {rules.period}; {ratio})"
        )
        spike_measures = {**measures, "ratio": round(count / base_rate, 3) if base_rate else None}
        out.append(
            _alert(
                watchlist,
                f"spike:{rules.period}:{period}",
                "spike",
                period,
                title,
                spike_measures,
                _period_evidence(conn, query, since, until, upto),
                link,
            )
        )
    if "tone" in rules.kinds and count >= rules.min_count and base_events >= rules.min_count:
        mean = goldstein_sum / count
        base_mean = sum(goldstein[p] for p in covered) / base_events
        shift = mean - base_mean
        if abs(shift) >= rules.tone_shift:
            word = "more cooperative" if shift > 0 else "more hostile"
            title = (
                f"Tone: {word} in the {rules.period} of {period}: mean Goldstein {mean:+.1f} "
                f"against {base_mean:+.1f}"
            )
            tone_measures = {
                **measures,
                "mean_goldstein": round(mean, 3),
                "baseline_mean_goldstein": round(base_mean, 3),
                "shift": round(shift, 3),
            }
            out.append(
                _alert(
                    watchlist,
                    f"tone:{rules.period}:{period}",
                    "tone",
                    period,
                    title,
                    tone_measures,
                    _period_evidence(conn, query, since, until, upto),
                    link,
                )
            )
    return out


def _period_evidence(
    conn: sqlite3.Connection, query: Query, since: str, until: str, upto: int
) -> list[AlertEvidence]:
    rows = store.new_items(conn, "events", replace(query, since=since, until=until), 0, upto)
    return [evidence(r, "events") for r in rows]


def evidence(row: dict[str, Any], kind: str) -> AlertEvidence:
    """An event or quote list row as alert evidence."""
    if kind == "events":
        sides = [
            ",".join(sorted({a.get("country") or a.get("name") or "?" for a in row[s]}))
            for s in ("source", "target")
        ]
        summary = (
            f"{sides[0] or '?'} -> {sides[1] or '–'} {row['cameo']} {root_name(row['cameo_root'])} "
            f"(Goldstein {row['goldstein']:+.1f})"
        )
    else:
        country = f" ({row['speaker_country']})" if row.get("speaker_country") else ""
        summary = f"{row.get('speaker_name') or '?'}{country}: “{row['text']}”"
    return AlertEvidence(
        "event" if kind == "events" else "quote",
        row["id"],
        row["day"],
        summary,
        row["sentence"],
        row["article_id"],
        row.get("title"),
        row.get("url"),
        row.get("publisher"),
    )


def _alert(
    watchlist: Watchlist,
    key: str,
    kind: Any,
    period: str | None,
    title: str,
    measures: dict[str, Any],
    found: list[AlertEvidence],
    link: str,
) -> Alert:
    return Alert(
        watchlist.name,
        key,
        kind,
        period,
        title,
        measures,
        tuple(found[:MAX_EVIDENCE]),
        max(0, len(found) - MAX_EVIDENCE),
        link,
    )


def _link(filters: dict[str, Any] | Any, **extra: Any) -> str:
    """The dashboard's event list for these filters (lists as comma-separated values)."""
    merged = {k: v for k, v in {**dict(filters), **extra}.items() if v not in (None, "", (), [], False)}
    flat = {
        k: ",".join(v) if isinstance(v, list | tuple) else str(v).lower() if isinstance(v, bool) else v
        for k, v in merged.items()
    }
    return f"/events?{urlencode(flat)}"
