"""Extraction tasks of about equal work, the ones holding the longest articles first.

An article's extraction time grows with its length, and news lengths are heavy-tailed: in the Wikinews
corpus the longest 6% of the articles hold half of the text. Hashing articles to tasks leaves some tasks
with several long articles, and when such a task starts last the other cores wait for it. Here each task
gets about the same share of the text, and since a stage starts its tasks in partition order, the tasks
holding the longest articles run first and what is left at the end is short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_KEY = "_task_key"


def partition_keys(spark: SparkSession, tasks: int) -> list[int]:
    """For each partition index ``i``, a key that ``repartition(tasks, key)`` sends to partition ``i``.

    Hash partitioning sends a row to ``pmod(hash(key), tasks)``; the keys are found with Spark's own
    ``hash``, so they hold for the running Spark.
    """
    from pyspark.sql import functions as F

    found: dict[int, int] = {}
    start = 0
    while len(found) < tasks:  # 64 candidates per partition: a second round is all but impossible
        stop = start + 64 * tasks
        probe = spark.range(start, stop).select(
            F.col("id").alias("key"), F.pmod(F.hash("id"), F.lit(tasks)).alias("task")
        )
        for row in probe.groupBy("task").agg(F.min("key").alias("key")).collect():
            found.setdefault(row["task"], row["key"])
        start = stop
    return [found[task] for task in range(tasks)]


def balanced_tasks(articles: DataFrame, tasks: int) -> DataFrame:
    """``articles`` in ``tasks`` partitions of about equal text, the longest articles in the first ones.

    Articles are taken longest first; an article goes to the task of the share of all text that precedes
    it (task ``i`` holds the text from ``i / tasks`` to ``(i + 1) / tasks``), so a task exceeds its share
    by at most one article, and an article longer than a share is a task of its own. Ranking needs one
    ordered pass over every article's id and length (not its text), in a single task.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    keys = partition_keys(articles.sparkSession, tasks)
    # One window over every article (a constant partition, said outright: Spark warns at each plan of an
    # unpartitioned window); it reads two small columns.
    longest_first = Window.partitionBy(F.lit(0)).orderBy(F.col("size").desc(), F.col("id"))
    all_rows = longest_first.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
    before = F.sum("size").over(longest_first) - F.col("size")
    share = F.floor(before * tasks / F.greatest(F.sum("size").over(all_rows), F.lit(1)))
    task = F.least(share, F.lit(tasks - 1)).cast("int")
    key = F.element_at(F.array(*(F.lit(k).cast("bigint") for k in keys)), task + 1)
    plan = articles.select("id", F.coalesce(F.length("text"), F.lit(0)).alias("size")).select(
        "id", key.alias(_KEY)
    )
    return articles.join(plan, "id").repartition(tasks, _KEY).drop(_KEY)
