"""Reading inputs in Spark: JSONL, JSON, CSV, WARC/WARC.gz (CC-NEWS) and Parquet from any filesystem URI.

Spark lists and reads the files (``s3a://``, ``hdfs://``, ``gs://``, local paths: whatever its Hadoop
configuration reaches); the bytes are parsed on the workers by the very readers of ``dyad ingest`` (the
registry ``ingest.formats.READERS``: every format but feeds, which fetch linked pages), so an article read
here has the same id, text and fields as on one machine. Parquet datasets are read by Spark itself. JSON Lines
and Parquet are split by Spark into many tasks; a CSV, JSON or WARC file is parsed whole by one task (a
quoted CSV field or a gzip member can span any split), one file at a time, as CC-NEWS ships its WARCs.

Every input that does not yield an article becomes an ``errors`` row with where and why; none fails the job.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import pyarrow as pa

from dyad.errors import InputError
from dyad.ingest.formats import Format, ReadContext, read_stream
from dyad.ingest.records import FieldMapping, InputFailure
from dyad.ingest.sources import file_format
from dyad.ingest.structured import article_from_json
from dyad.scale import FORMATS
from dyad.scale.tables import ARROW_SCHEMA, COLUMNS, SPARK_SCHEMA, article_row, error_row

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)


def input_format(path: str) -> str | None:
    """The format of a file from its name as ``dyad ingest`` reads it (``.gz`` looked through)."""
    name = path.rsplit("/", 1)[-1]
    if name.lower().removesuffix(".gz").endswith(".parquet"):
        return "parquet"
    fmt, _ = file_format(name)
    return fmt if fmt in FORMATS else None


def list_inputs(spark: SparkSession, uris: Sequence[str], *, fmt: str | None = None) -> dict[str, list[str]]:
    """The files under ``uris`` (files, folders searched recursively, globs), grouped by format.

    Listing goes through Spark's Hadoop filesystem, so every scheme the cluster is configured for works.
    A URI that matches nothing is an :class:`InputError`; a file of an unknown format is skipped with a
    warning unless ``fmt`` names the format of all of them.
    """
    jvm: Any = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    found: dict[str, list[str]] = {}
    for uri in uris:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path) or []
        if not statuses:
            raise InputError("no such file or folder", where=uri)
        for status in statuses:
            for file_path in _files(fs, status):
                kind = fmt or input_format(file_path)
                if kind is None:
                    log.warning("%s: not a format dyad reads; skipped (or give --format)", file_path)
                    continue
                found.setdefault(kind, []).append(file_path)
    return found


def _files(fs: Any, status: Any) -> Iterator[str]:
    if not status.isDirectory():
        yield str(status.getPath().toString())
        return
    listing = fs.listFiles(status.getPath(), True)
    while listing.hasNext():
        path = str(listing.next().getPath().toString())
        name = path.rsplit("/", 1)[-1]
        if not name.startswith(("_", ".")):  # _SUCCESS, .crc and other engine bookkeeping
            yield path


def read_articles(
    spark: SparkSession,
    uris: Sequence[str],
    *,
    batch: str,
    mapping: FieldMapping | None = None,
    fmt: str | None = None,
) -> DataFrame:
    """Articles and input errors of ``uris`` as rows of the run's wide frame (``table`` says which)."""
    mapping = mapping or FieldMapping()
    frames: list[DataFrame] = []
    for kind, files in sorted(list_inputs(spark, uris, fmt=fmt).items()):
        if kind == "jsonl":
            frames.append(_jsonl(spark, files, mapping, batch))
        elif kind == "parquet":
            frames.append(_parquet(spark, files, mapping, batch))
        else:
            frames.append(_whole_files(spark, files, cast(Format, kind), mapping, batch))
    if not frames:
        raise InputError("no input files of a known format", where=", ".join(uris))
    result = frames[0]
    for frame in frames[1:]:
        result = result.unionByName(frame)
    return result


def _jsonl(spark: SparkSession, files: list[str], mapping: FieldMapping, batch: str) -> DataFrame:
    from pyspark.sql import functions as F

    lines = spark.read.text(files).select(F.col("_metadata.file_path").alias("path"), F.col("value"))

    def parse(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for chunk in batches:
            rows = []
            for path, line in zip(
                chunk.column("path").to_pylist(), chunk.column("value").to_pylist(), strict=True
            ):
                if line.strip():
                    rows.append(_record_row(line, path, mapping, batch))
            yield _batch(rows)

    return lines.mapInArrow(parse, SPARK_SCHEMA)


def _parquet(spark: SparkSession, files: list[str], mapping: FieldMapping, batch: str) -> DataFrame:
    from pyspark.sql import functions as F

    table = spark.read.parquet(*files)
    records = table.select(
        F.col("_metadata.file_path").alias("path"), F.to_json(F.struct(*table.columns)).alias("value")
    )

    def parse(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for chunk in batches:
            paths, values = chunk.column("path").to_pylist(), chunk.column("value").to_pylist()
            yield _batch([_record_row(v, p, mapping, batch) for p, v in zip(paths, values, strict=True)])

    return records.mapInArrow(parse, SPARK_SCHEMA)


def _record_row(line: str, where: str, mapping: FieldMapping, batch: str) -> dict[str, Any]:
    """One JSON record (a JSONL line or a Parquet row) as an article row, or an error row."""
    try:
        return article_row(article_from_json(line, where, mapping), batch=batch)
    except InputError as exc:
        return error_row(stage="read", where=where, reason=exc.message, record=line, batch=batch)


def _whole_files(
    spark: SparkSession, files: list[str], fmt: Format, mapping: FieldMapping, batch: str
) -> DataFrame:
    names = [name for name, _ in COLUMNS]

    def parse(item: tuple[str, bytes]) -> Iterator[tuple[Any, ...]]:
        path, data = item
        for row in _file_rows(path, data, fmt, mapping, batch):
            yield tuple(row.get(name) for name in names)

    # binaryFiles reads through Spark's Hadoop filesystem: every URI scheme the cluster knows.
    rdd = spark.sparkContext.binaryFiles(",".join(files), minPartitions=len(files)).flatMap(parse)
    return spark.createDataFrame(rdd, SPARK_SCHEMA)


def _file_rows(
    path: str, data: bytes, fmt: Format, mapping: FieldMapping, batch: str
) -> Iterator[dict[str, Any]]:
    stream: BinaryIO = io.BytesIO(data)
    if path.endswith(".gz") and input_format(path) != "warc":  # warcio reads gzip members itself
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    try:
        for item in read_stream(fmt, stream, path, ReadContext(mapping)):
            if isinstance(item, InputFailure):
                yield error_row(
                    stage="read", where=item.where or path, reason=item.error.message, batch=batch
                )
            else:
                yield article_row(item, batch=batch)
    except (InputError, OSError, EOFError, ValueError) as exc:  # a truncated gzip, a file cut short
        reason = exc.message if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        yield error_row(stage="read", where=path, reason=reason, batch=batch)


def _batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist(rows, schema=ARROW_SCHEMA)
