"""Spark throughput with 1 and 2 local executors on the same input, against the single-machine pipeline.

The same Wikinews articles (read by ``dyad ingest``'s CSV reader, written to one JSONL file) go through:

1. ``extract_articles`` in this process: the single-machine pipeline of ``dyad extract``;
2. ``dyad spark extract`` in a ``local[1]`` session (one executor core, one Python worker);
3. the same in a ``local[2]`` session (two cores, two Python workers).

Each Spark session first runs a warm-up job on 16 of the articles, so its Python workers have loaded the
spaCy model (once each, kept for the timed job) and the JVM has compiled the code that writes Parquet; each
timed job then reads, deduplicates, extracts and writes Parquet.
The local[1] and local[2] sessions alternate ``--runs`` times and the fastest run of each counts, so that
a burst of other work on a shared machine does not decide the ratio (every run is printed, with the load).

    .venv/bin/python bench/spark.py --articles 295 --runs 3

Prints articles/s of each run, the local[2]/local[1] speed-up (the target: >= 1.6) and Spark's cost per
article against the single-machine pipeline (seconds per article, Spark local[1] / in-process).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from dyad.ingest import read_sources
from dyad.model import Article
from dyad.nlp.extract import extract_articles
from dyad.nlp.pipeline import load_pipeline

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews"


def write_input(articles: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"url": a.url, "date": a.published, "title": a.title, "text": a.text, "source": a.source}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def spark_run(master: str, source: Path, warmup: Path, work: Path, model: str, partitions: int) -> float:
    """Seconds of one timed extraction job in a fresh session with ``master``."""
    from dyad.scale.job import extract_to_parquet
    from dyad.scale.session import spark_session

    spark = spark_session(
        master, app_name=f"dyad-bench-{master}", config={"spark.sql.shuffle.partitions": "8"}
    )
    try:
        cores = spark.sparkContext.defaultParallelism
        # Warm-up: one task per core, so every Python worker loads the model before the clock starts.
        extract_to_parquet(spark, [str(warmup)], tempfile.mkdtemp(dir=work), model=model, partitions=cores)  # type: ignore[arg-type]
        started = time.perf_counter()
        report = extract_to_parquet(
            spark,
            [str(source)],
            tempfile.mkdtemp(dir=work),  # a new folder: every run writes all its partitions
            model=model,
            partitions=partitions,  # type: ignore[arg-type]
        )
        seconds = time.perf_counter() - started
        print(
            f"  {master}: {report.articles} articles in {seconds:.1f} s ({report.pipeline_loads} pipeline"
            f" builds in the timed job; load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        return seconds
    finally:
        spark.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=295)
    parser.add_argument("--model", choices=["md", "sm"], default="md")
    parser.add_argument("--partitions", type=int, default=16, help="Extraction tasks of each Spark job.")
    parser.add_argument("--runs", type=int, default=3, help="Timed runs of each Spark master (best counts).")
    args = parser.parse_args()
    if not WIKINEWS.exists():
        sys.exit(f"needs {WIKINEWS}")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    articles = [a for a in read_sources([str(WIKINEWS)]) if isinstance(a, Article)][: args.articles]
    n = len(articles)
    warm = articles[-16:]  # the warm-up of both sides, so neither starts colder than the other
    with tempfile.TemporaryDirectory(prefix="dyad-bench-spark-") as tmp:
        work = Path(tmp)
        source, warmup = work / "articles.jsonl", work / "warmup.jsonl"
        write_input(articles, source)
        write_input(warm, warmup)

        load_pipeline(args.model)  # type: ignore[arg-type]
        list(extract_articles(warm, model=args.model))  # type: ignore[arg-type]
        started = time.perf_counter()
        done = sum(1 for _ in extract_articles(articles, model=args.model))  # type: ignore[arg-type]
        single = time.perf_counter() - started
        print(
            f"  single machine (extract_articles, 1 process): {done} articles in {single:.1f} s"
            f" (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )

        times: dict[str, list[float]] = {"local[1]": [], "local[2]": []}
        for _ in range(args.runs):
            for master, runs in times.items():
                runs.append(spark_run(master, source, warmup, work, args.model, args.partitions))
        one, two = min(times["local[1]"]), min(times["local[2]"])

    print(f"articles: {n}, model: {args.model}, CPU cores on this machine: {os.cpu_count()}")
    print(f"single machine : {n / single:7.2f} articles/s  ({single / n * 1000:.0f} ms/article)")
    print(
        f"spark local[1] : {n / one:7.2f} articles/s  ({one / n * 1000:.0f} ms/article; best of {args.runs})"
    )
    print(
        f"spark local[2] : {n / two:7.2f} articles/s  ({two / n * 1000:.0f} ms/article; best of {args.runs})"
    )
    print(f"speed-up local[2] / local[1]: {one / two:.2f}x (target >= 1.6)")
    print(f"cost per article, spark local[1] / single machine: {one / single:.2f}x")


if __name__ == "__main__":
    main()
