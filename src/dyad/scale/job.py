"""The Spark extraction job: inputs -> articles -> near-duplicate links -> extraction -> Parquet tables.

Extraction runs ``dyad.nlp.extract.extract_articles``, the code behind ``dyad extract``, inside
``mapInArrow``: each Python worker builds the spaCy pipeline once (``load_pipeline`` keeps it in the worker
process, and Spark reuses its Python workers between tasks) and streams Arrow batches of articles through it.

Output: one Parquet folder per table under the output directory (see ``tables.py``), partitioned by
batch and publication day. The batch is a name for the run's inputs (by default a hash of their URIs), so
re-running the same inputs replaces exactly the partitions they wrote (dynamic partition overwrite), and
runs over other inputs are kept beside them.

Run it with ``dyad spark extract`` or, on a cluster, ``spark-submit .../dyad/cli/spark.py extract ...``.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dyad.ingest.records import FieldMapping
from dyad.model import stable_id
from dyad.scale.inputs import read_articles
from dyad.scale.near_duplicates import near_duplicate_links, with_links
from dyad.scale.tables import (
    ARROW_SCHEMA,
    PARTITION,
    SPARK_SCHEMA,
    TABLES,
    error_row,
    extraction_rows,
    table_columns,
)
from dyad.scale.tasks import balanced_tasks
from dyad.store.articles import article_from_row

if TYPE_CHECKING:
    from pyspark import Accumulator
    from pyspark.sql import DataFrame, SparkSession

    from dyad.nlp.pipeline import ModelName

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExtractReport:
    """What a run read, linked, extracted and wrote."""

    output: str
    batch: str
    rows: dict[str, int]
    duplicates: int
    near_duplicates: int
    read_errors: int
    extraction_errors: int
    seconds: float
    not_extracted: int = 0  # articles not in English (an ``errors`` row of stage "language" each)
    partitions: int = 0
    pipeline_loads: int = 0  # spaCy pipelines built by the Python workers: one per worker, not per task
    extracted: int = 0  # articles the workers extracted: the articles once each, unless a task was redone

    @property
    def articles(self) -> int:
        return self.rows.get("articles", 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": self.output,
            "batch": self.batch,
            "articles": self.articles,
            "rows": self.rows,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "read_errors": self.read_errors,
            "extraction_errors": self.extraction_errors,
            "not_extracted": self.not_extracted,
            "seconds": round(self.seconds, 2),
            "partitions": self.partitions,
            "pipeline_loads": self.pipeline_loads,
            "extracted": self.extracted,
        }


def batch_name(inputs: Sequence[str]) -> str:
    """The default batch of a run: the same input URIs always give the same name."""
    return stable_id("batch", *sorted(inputs))


def extract_to_parquet(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    model: ModelName = "md",
    batch: str | None = None,
    mapping: FieldMapping | None = None,
    fmt: str | None = None,
    partitions: int | None = None,
    threshold: float = 0.8,
) -> ExtractReport:
    """Read ``inputs``, extract every article and write the tables under ``output``.

    ``partitions`` is the number of extraction tasks (default: 4 per core of the cluster), so that slow
    articles spread over all workers. A record that cannot be read and an article the pipeline fails on
    become ``errors`` rows; neither stops the job.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    started = time.perf_counter()
    batch = batch or batch_name(inputs)
    parsed = read_articles(spark, inputs, batch=batch, mapping=mapping, fmt=fmt).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    cached = [parsed]  # unpersisted however the job ends: a session (a notebook, tests) outlives it
    try:
        read = parsed.where(F.col("table") == "articles")
        # The same article (same id: canonical URL, else normalised text) read twice is kept once.
        first = Window.partitionBy("id").orderBy(F.col("origin").asc_nulls_last())
        unique = (
            read.withColumn("_n", F.row_number().over(first))
            .where(F.col("_n") == 1)
            .drop("_n")
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        cached.append(unique)
        links = near_duplicate_links(unique, threshold=threshold)
        cached.append(links)
        tasks = partitions or spark.sparkContext.defaultParallelism * 4
        loads, done = spark.sparkContext.accumulator(0), spark.sparkContext.accumulator(0)
        extracted = balanced_tasks(with_links(unique, links), tasks).mapInArrow(
            _extractor(model, batch, loads, done), SPARK_SCHEMA
        )
        # Clustered once by output partition, one task per core: each day of each table is then written
        # by one task (one file per partition and run), and no table's write shuffles again.
        writers = spark.sparkContext.defaultParallelism
        rows = (
            extracted.unionByName(parsed.where(F.col("table") == "errors"))
            .repartition(writers, *PARTITION)
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        cached.append(rows)
        # The first action extracts every article, once; the writes read the cached rows.
        tally = rows.groupBy("table", "stage", F.col("canonical_id").isNotNull().alias("copy")).count()
        counts: Counter[str] = Counter()
        stages: Counter[str] = Counter()
        near = 0
        for r in tally.collect():
            counts[r["table"]] += r["count"]
            if r["table"] == "errors":
                stages[r["stage"]] += r["count"]
            elif r["table"] == "articles" and r["copy"]:
                near += r["count"]
        read_count = read.count()
        # The tables are written at once, one job each: while the driver plans or commits one job (moving
        # each day's files into place), the other jobs' tasks keep the cores busy.
        with ThreadPoolExecutor(max_workers=len(TABLES)) as pool:
            written = [pool.submit(write_table, rows.where(F.col("table") == t), output, t) for t in TABLES]
            for future in written:
                future.result()
    finally:
        for frame in reversed(cached):
            frame.unpersist()
    report = ExtractReport(
        output=output,
        batch=batch,
        rows={t: counts.get(t, 0) for t in TABLES},
        duplicates=read_count - counts.get("articles", 0),
        near_duplicates=near,
        read_errors=stages.get("read", 0),
        extraction_errors=stages.get("extract", 0),
        not_extracted=stages.get("language", 0),
        seconds=time.perf_counter() - started,
        partitions=tasks,
        pipeline_loads=loads.value,
        extracted=done.value,
    )
    log.info("spark extract: %s", report.to_dict())
    return report


def write_table(rows: DataFrame, output: str, table: str) -> None:
    """Write one table's rows, replacing only the partitions they fall in.

    A task writes one file for each partition its rows fall in: rows clustered by :data:`PARTITION` (as
    the job's are) give one file per partition and run.
    """
    partition_by = list(PARTITION) if table != "errors" else ["batch"]
    (
        rows.select(*table_columns(table))
        .write.mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(*partition_by)
        .parquet(f"{output.rstrip('/')}/{table}")
    )


# Models this Python worker process has built: ``load_pipeline`` keeps them for the process's lifetime.
_built: set[str] = set()


def _first_build(model: str) -> bool:
    """Whether this worker process is about to build ``model`` (a module function, so its state is the
    worker's, not a copy shipped with each task)."""
    first = model not in _built
    _built.add(model)
    return first


def _extractor(model: ModelName, batch: str, loads: Accumulator[int], done: Accumulator[int]) -> Any:
    """The function each extraction task runs over its Arrow batches of article rows."""

    def extract(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        # Imported here: on a worker this loads spaCy, once per Python worker process.
        from dyad.nlp.extract import ExtractionFailure, extract_articles
        from dyad.nlp.pipeline import load_pipeline, pipeline_name

        if _first_build(model):
            loads.add(1)
        pipeline = pipeline_name(load_pipeline(model))
        for chunk in batches:
            articles = chunk.to_pylist()
            out: list[dict[str, Any]] = []
            results = extract_articles((article_from_row(a) for a in articles), model=model)
            for row, result in zip(articles, results, strict=True):
                out.append({**row, "pipeline": pipeline})
                if isinstance(result, ExtractionFailure):
                    # An article not in English is a "language" row: recorded as not extracted, no error.
                    stage = "language" if result.skipped else "extract"
                    out.append(
                        error_row(stage=stage, where=row["origin"], reason=result.reason, batch=batch,
                                  article_id=row["id"], pub_date=row["pub_date"])
                    )  # fmt: skip
                else:
                    out.extend(
                        extraction_rows(result, article_id=row["id"], pub_date=row["pub_date"], batch=batch)
                    )  # fmt: skip
            done.add(len(articles))
            yield pa.RecordBatch.from_pylist(out, schema=ARROW_SCHEMA)

    return extract
