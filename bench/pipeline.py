"""End-to-end ingest throughput: `dyad ingest` with extraction on 1 and 2 workers, against spaCy alone.

All three run in this one process on the same Wikinews texts (repeated to get volume; each copy has its own
URL, so every copy is stored and extracted). Model loading is timed apart from steady-state throughput:
the baseline loads its model before timing, the pipeline's workers are started (and load theirs) first.

    .venv/bin/python bench/pipeline.py --articles 40 --repeat 2

Prints articles/s and words/s per run, the ratios the targets are set on (workers 2 / workers 1 >= 1.6,
pipeline / spaCy alone >= 0.6) and peak resident memory of this process and of the largest worker.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

from dyad.ingest import ingest
from dyad.model import Article
from dyad.nlp.pipeline import MODELS
from dyad.nlp.workers import CHUNK, Extractor
from dyad.store.database import connect

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews"


def read_articles(limit: int, repeat: int) -> list[Article]:
    csv.field_size_limit(1 << 30)
    rows: list[dict[str, str]] = []
    for path in sorted(WIKINEWS.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    rows = [r for r in rows if r.get("text", "").strip()][:limit]
    return [
        Article(
            id=Article.make_id(url=f"{r['url']}#copy{copy}", text=r["text"]),
            text=r["text"],
            title=r["title"],
            url=f"{r['url']}#copy{copy}",
            published=r["date"],
            source="en.wikinews.org",
        )
        for copy in range(repeat)
        for r in rows
    ]


def spacy_alone(model: str, texts: list[str]) -> float:
    """Seconds for the pretrained model by itself (no dyad component), loaded before the clock starts."""
    import spacy

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        nlp = spacy.load(MODELS[model])
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def pipeline(model: str, workers: int, articles: list[Article], folder: Path) -> tuple[float, float]:
    """(start-up seconds, ingest seconds) of the whole pipeline into a fresh store."""
    started = time.perf_counter()
    with Extractor(workers=workers, model=model) as extractor:
        # One task per worker spawns every worker (and loads its model) before the clock starts.
        warm = [
            Article(id=f"warm-{i}", text="Japan and China held talks in Tokyo.")
            for i in range(CHUNK * workers)
        ]
        list(extractor.extract(warm))
        ready = time.perf_counter()
        conn = connect(folder / f"workers{workers}.db")
        ingest(articles, conn, process_batch=extractor.store, batch_size=64)
        done = time.perf_counter()
        conn.close()
        if extractor.report.failed:
            print(f"warning: {extractor.report.failed} extraction failures", file=sys.stderr)
    return ready - started, done - ready


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=40, help="distinct Wikinews articles")
    parser.add_argument("--repeat", type=int, default=2, help="copies of each")
    parser.add_argument("--model", choices=sorted(MODELS), default="md")
    args = parser.parse_args()
    if not WIKINEWS.exists():
        sys.exit(f"needs {WIKINEWS} (../shared beside the checkout)")
    articles = read_articles(args.articles, args.repeat)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles ({args.articles} x {args.repeat}), {words} words, model {args.model}, "
          f"{os.cpu_count()} CPUs")  # fmt: skip

    def line(name: str, seconds: float, setup: float | None = None) -> float:
        rate = len(articles) / seconds
        extra = f"  (start-up {setup:.1f} s)" if setup is not None else ""
        print(f"{name:22} {seconds:7.1f} s  {rate:6.2f} articles/s  {words / seconds:7.0f} words/s{extra}")
        return rate

    base = line("spaCy alone", spacy_alone(args.model, [a.text for a in articles]))
    with tempfile.TemporaryDirectory() as folder:
        setup1, run1 = pipeline(args.model, 1, articles, Path(folder))
        one = line("dyad ingest workers 1", run1, setup1)
        setup2, run2 = pipeline(args.model, 2, articles, Path(folder))
        two = line("dyad ingest workers 2", run2, setup2)
    print(f"workers 2 / workers 1:      {two / one:.2f}x  (target >= 1.6)")
    print(f"pipeline / spaCy alone:     {one / base:.2f}   (workers 1; target >= 0.60)")
    print(f"peak memory: this process {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
