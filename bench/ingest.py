"""Ingest throughput and memory: `dyad ingest` (no extraction) on Wikinews grown to about 5,000 articles.

The 295 Wikinews articles are recombined into distinct new ones (copy k of article i joins the first half of
article i to the second half of article i + k, under its own URL), so every article is stored as new and
passes through the whole path: CSV reader, language detection, MinHash and LSH lookup, SQLite + FTS5.
The generated corpus is written to a CSV file first; each run then ingests from the file in a fresh child
process, so its memory is that run's alone: resident memory is sampled while ingest runs (ru_maxrss would
report the language model's loading peak instead).

    .venv/bin/python bench/ingest.py --articles 5000 --small 1000

Prints, per run: articles/s, peak resident memory, and the ratio to the baseline measured in the same child
process (parsing the same CSV with the csv module, rows/s); then the memory ratio of the large run to the
small one (and of their growth over the warmed-up process), which stay near 1.0 when ingest streams.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews"
FIELDS = ["url", "date", "title", "text"]


def wikinews_rows() -> list[dict[str, str]]:
    csv.field_size_limit(10**8)
    rows: list[dict[str, str]] = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows


def recombined(rows: list[dict[str, str]], count: int) -> Iterator[dict[str, str]]:
    """``count`` distinct articles made of halves of two Wikinews articles (copy 0 is the original)."""
    n = len(rows)
    for index in range(count):
        copy, i = divmod(index, n)
        row = rows[i]
        if copy == 0:
            yield row
            continue
        head, tail = row["text"], rows[(i + copy) % n]["text"]
        text = head[: len(head) // 2] + "\n\n" + tail[len(tail) // 2 :]
        yield {
            "url": f"{row['url']}?copy={copy}",
            "date": row["date"],
            "title": f"{row['title']} ({copy})",
            "text": text,
        }


def write_corpus(path: Path, rows: list[dict[str, str]], count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(recombined(rows, count))
    return path


def child(corpus: Path, db: Path) -> None:
    """Run in a fresh process: baseline parse, then the timed ingest; prints one JSON line."""
    from dyad.ingest import read_sources
    from dyad.ingest.language import detect_language
    from dyad.pipeline import Pipeline, Settings
    from dyad.store.database import connect

    detect_language("Warm up the language model so that its loading is not timed as ingest.")
    csv.field_size_limit(10**8)
    started = time.perf_counter()
    with corpus.open(encoding="utf-8", newline="") as f:
        parsed = sum(1 for _ in csv.DictReader(f))
    parse_seconds = time.perf_counter() - started
    conn = connect(db)
    before = _resident()
    sampler = _PeakSampler()
    sampler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    report = Pipeline(Settings(extract=False)).ingest(read_sources([str(corpus)]), conn)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    sampler.stop()
    conn.close()
    print(
        json.dumps(
            {
                "parsed": parsed,
                "parse_rate": parsed / parse_seconds,
                "new": report.new,
                "near_duplicate": report.near_duplicate,
                "failed": report.failed,
                "seconds": seconds,
                "rate": report.stored / seconds,
                "cpu_rate": report.stored / cpu_seconds,  # steadier than wall time on a shared machine
                "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                "rss_before": before,
                "ingest_peak": sampler.peak,
            }
        )
    )


def _resident() -> int:
    """Resident memory of this process now, in bytes (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


class _PeakSampler(threading.Thread):
    """Samples resident memory every 20 ms: the peak while ingesting, apart from start-up peaks (model
    loading) that ru_maxrss would report instead."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _resident()
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, _resident())

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.peak = max(self.peak, _resident())


def run(corpus: Path, db: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=5000, help="Articles in the large run.")
    parser.add_argument("--small", type=int, default=1000, help="Articles in the small run.")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    if not WIKINEWS.exists():
        sys.exit(f"needs {WIKINEWS}")
    rows = wikinews_rows()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for count in (args.small, args.articles):
            corpus = write_corpus(Path(tmp) / f"corpus-{count}.csv", rows, count)
            results[count] = run(corpus, Path(tmp) / f"bench-{count}.db")
    print(f"Wikinews ({len(rows)} articles) recombined; ingest without extraction, one process")
    for count, r in results.items():
        print(
            f"{count:>6,} articles: {r['rate']:6.1f} articles/s wall, {r['cpu_rate']:6.1f} per CPU second "
            f"({r['new']:.0f} new, {r['near_duplicate']:.0f} near-duplicate, {r['failed']:.0f} failed, "
            f"{r['seconds']:.1f} s); RSS during ingest {r['rss_before'] / 1e6:.1f} -> peak "
            f"{r['ingest_peak'] / 1e6:.1f} MB (process peak incl. start-up {r['peak_rss'] / 1e6:.1f} MB)"
        )
        print(
            f"        baseline csv parse {r['parse_rate']:,.0f} rows/s; "
            f"ingest / parse = {r['rate'] / r['parse_rate']:.4f}"
        )
    small, large = results[args.small], results[args.articles]
    ratio = large["ingest_peak"] / small["ingest_peak"]
    growth = (large["ingest_peak"] - large["rss_before"]) / max(
        1.0, small["ingest_peak"] - small["rss_before"]
    )
    print(
        f"peak memory during ingest {args.articles:,} / {args.small:,} articles = {ratio:.2f}; "
        f"growth over the warmed-up process {growth:.2f}x "
        f"(input {args.articles / args.small:.1f}x larger); throughput {args.articles:,} / {args.small:,} = "
        f"{large['rate'] / small['rate']:.2f}"
    )


if __name__ == "__main__":
    main()
