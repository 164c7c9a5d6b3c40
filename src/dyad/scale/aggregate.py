"""The dyad and issue series of ``dyad dyad``, for every pair of countries at once, in Spark SQL.

The same counting rules as the store's series (``store/series.py``, behind ``dyad dyad``): events of
canonical articles only (near-duplicates count once), counted as ``Event.counted`` says (the SQL of
``store.series.counted_events``: neither negated nor hypothetical or conditional),
on their series day (the event's own date when the text gives a day, else the publication day); one
count per event and direction, however many actors of each country it names.

Written under ``DIR/series/``, partitioned by ``unit``: ``day``, ``week`` (buckets named by their Monday),
``month`` and ``all`` (one bucket, ``all``, for the whole period), as ``dyad dyad --by``:

- ``dyad_series``: ``bucket, a, b, direction ("A->B", "B->A" or "combined"), events, quad1..quad4,
  mean_goldstein`` with ``a < b``: the rows of ``dyad dyad A B --format csv`` for every pair;
- ``issue_series``: ``bucket, a, b, direction, issue, events``: the per-issue counts of the same rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.analysis.dyads import BUCKETS
from dyad.scale.tables import spark_schema
from dyad.store.series import counted_events

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

_DYADS = "array<struct<source:string,target:string>>"
_ISSUES = "array<struct<issue:string,score:double>>"

# One row per counted event and direction (source country -> target country), the directions being the
# event_dyads of dyad.model (every source with every target; a joint act between its sources both ways).
_DIRECTED = f"""
SELECT DISTINCT e.id, e.article_id, e.day, d.source, d.target, e.quad_class, e.goldstein, e.item_issues
FROM events_once e
JOIN articles_once art ON art.id = e.article_id
LATERAL VIEW explode(from_json(e.dyads, '{_DYADS}')) dv AS d
WHERE art.canonical_id IS NULL AND {counted_events("e")}
  AND e.day IS NOT NULL AND d.source IS NOT NULL AND d.target IS NOT NULL AND d.source <> d.target
"""

_BUCKET = {
    "day": "day",
    "week": "CAST(date_sub(to_date(day), (dayofweek(to_date(day)) + 5) % 7) AS STRING)",
    "month": "substr(day, 1, 7)",
    "all": "'all'",
}

# Each directed event counts in its direction and once in "combined" of its unordered pair (a joint act
# goes both ways but is one event), as in ``dyad dyad``.
_LABELLED = """
SELECT DISTINCT unit, bucket, a, b, direction, id, quad_class, goldstein, item_issues
FROM (SELECT *, least(source, target) AS a, greatest(source, target) AS b,
             explode(array(concat(source, '->', target), 'combined')) AS direction
      FROM bucketed)
"""

_DYAD_SERIES = """
SELECT unit, bucket, a, b, direction, count(*) AS events,
       sum(IF(quad_class = 1, 1, 0)) AS quad1, sum(IF(quad_class = 2, 1, 0)) AS quad2,
       sum(IF(quad_class = 3, 1, 0)) AS quad3, sum(IF(quad_class = 4, 1, 0)) AS quad4,
       round(avg(goldstein), 3) AS mean_goldstein
FROM labelled
GROUP BY unit, bucket, a, b, direction
"""

_ISSUE_SERIES = f"""
SELECT unit, bucket, a, b, direction, issue.issue AS issue, count(*) AS events
FROM labelled
LATERAL VIEW explode(from_json(item_issues, '{_ISSUES}')) iv AS issue
GROUP BY unit, bucket, a, b, direction, issue.issue
"""


def aggregate(spark: SparkSession, output: str) -> dict[str, int]:
    """Compute both series from the tables under ``output``; returns the rows written per series."""
    root = output.rstrip("/")
    # A run's rows may be written by several batches: each event and article counts once.
    for table in ("events", "articles"):
        rows = spark.read.schema(spark_schema(table)).parquet(f"{root}/{table}")
        rows.dropDuplicates(["id"]).createOrReplaceTempView(f"{table}_once")
    spark.sql(_DIRECTED).createOrReplaceTempView("directed")
    buckets = " UNION ALL ".join(
        f"SELECT '{unit}' AS unit, {_BUCKET[unit]} AS bucket, * FROM directed" for unit in (*BUCKETS, "all")
    )
    spark.sql(buckets).createOrReplaceTempView("bucketed")
    spark.sql(_LABELLED).createOrReplaceTempView("labelled")
    written = {}
    for name, sql in (("dyad_series", _DYAD_SERIES), ("issue_series", _ISSUE_SERIES)):
        frame = spark.sql(sql).repartition("unit")
        frame.write.mode("overwrite").option("partitionOverwriteMode", "static").partitionBy("unit").parquet(
            f"{root}/series/{name}"
        )
        written[name] = spark.read.parquet(f"{root}/series/{name}").count()
    return written
