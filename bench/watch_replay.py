"""Replay the 2025 Wikipedia current-events items day by day through watchlists, as cron would see them.

Each day's items are ingested (with extraction) into a fresh store, then every watchlist runs; the alerts
each day raises are printed as ``DAY  WATCHLIST  KIND  PERIOD  TITLE``, then a count per watchlist and
kind, the seconds spent in extraction and in watchlist runs, and whether any alert key fired twice.

    .venv/bin/python bench/watch_replay.py --since 2025-04-01 --until 2025-06-30 \\
        --watch india-pakistan:pair=IND,PAK --watch israel-iran:pair=ISR,IRN
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from dyad.analysis.watching import create, run
from dyad.ingest.records import make_article
from dyad.model import AlertRules
from dyad.pipeline import Pipeline, Settings
from dyad.store.database import connect

CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "current-events" / "current-events-2025.jsonl"
)


def article(item: dict[str, Any]) -> Any:
    """A current-events item as an article: its first cited report gives the URL and publisher."""
    cited = (item.get("sources") or [{}])[0]
    return make_article(
        {
            "text": item["text"],
            "date": item["date"],
            "title": f"{item['id']}: {item['text'][:80]}",
            "url": cited.get("url"),
            "source": cited.get("name"),
        },
        origin=f"current-events:{item['id']}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--since", default="2025-01-01")
    parser.add_argument("--until", default="2025-12-31")
    parser.add_argument("--watch", action="append", default=[], metavar="NAME:FILTER=VALUE;...")
    parser.add_argument("--period", default="week", choices=["day", "week", "month"])
    parser.add_argument("--baseline", type=int, default=8)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: needs {CORPUS}", file=sys.stderr)
        return 0
    items = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        if args.since <= item["date"] <= args.until:
            by_day[item["date"]].append(item)
    rules = AlertRules(period=args.period, baseline=args.baseline, min_count=args.min_count)
    with (
        tempfile.TemporaryDirectory() as folder,
        Pipeline(Settings(db=Path(folder) / "replay.db")) as pipeline,
    ):
        conn = connect(Path(folder) / "replay.db")
        for spec in args.watch:
            name, _, filters = spec.partition(":")
            params = dict(pair.split("=", 1) for pair in filters.split(";") if pair)
            create(conn, name, params, rules)
        keys: Counter[tuple[str, str]] = Counter()
        kinds: Counter[tuple[str, str]] = Counter()
        extracting = watching = 0.0
        for day in sorted(by_day):
            started = time.perf_counter()
            pipeline.ingest([article(i) for i in by_day[day]], conn)
            extracting += time.perf_counter() - started
            started = time.perf_counter()
            reports = run(conn, deliver=False)
            watching += time.perf_counter() - started
            for report in reports:
                if report.error:
                    print(f"{day}  {report.watchlist}  error: {report.error}")
                for alert in report.alerts:
                    keys[(alert.watchlist, alert.key)] += 1
                    kinds[(alert.watchlist, alert.kind)] += 1
                    if alert.kind != "new":
                        print(f"{day}  {alert.watchlist}  {alert.kind:5}  {alert.period}  {alert.title}")
        conn.close()
    print("\nalerts per watchlist and kind:")
    for (name, kind), n in sorted(kinds.items()):
        print(f"  {name:20} {kind:5} {n}")
    repeated = [k for k, n in keys.items() if n > 1]
    print(
        f"days {len(by_day)}, items {sum(map(len, by_day.values()))}; extraction {extracting:.1f} s, "
        f"watchlist runs {watching:.2f} s; alert keys fired twice: {len(repeated)}"
    )
    return 1 if repeated else 0


if __name__ == "__main__":
    sys.exit(main())
