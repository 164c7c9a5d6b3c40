"""Near-duplicates in Spark: the MinHash signatures and LSH bands of ``dyad ingest``, joined at scale.

Each article's signature and bands come from ``dyad.ingest.minhash`` (the same shingles, hashes and bands
as on one machine). Articles sharing a band bucket are candidates; a candidate whose estimated Jaccard
similarity reaches the threshold is a near-duplicate. Within a run the earliest copy (by publication
date, then id) is canonical, and every later copy is linked to it with ``canonical_id`` and
``similarity``, as the store links a copy to the article it saw first. Near-duplicates are still
extracted; series and briefs count canonical articles only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pyarrow as pa

from dyad.ingest.minhash import NUM_PERM, minhash

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

_SIGNATURES = "id string, rank string, signature array<bigint>, keys array<string>"
_ARROW = pa.schema(
    [
        ("id", pa.string()),
        ("rank", pa.string()),
        ("signature", pa.list_(pa.int64())),
        ("keys", pa.list_(pa.string())),
    ]
)


def _signatures(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for chunk in batches:
        ids, ranks = chunk.column("id").to_pylist(), chunk.column("rank").to_pylist()
        rows = []
        for article_id, rank, text in zip(ids, ranks, chunk.column("text").to_pylist(), strict=True):
            signature = minhash(text)
            rows.append(
                {
                    "id": article_id,
                    "rank": rank,
                    "signature": signature.signature.astype("int64").tolist(),
                    "keys": [f"{band}:{bucket}" for band, bucket in signature.bands()],
                }
            )
        yield pa.RecordBatch.from_pylist(rows, schema=_ARROW)


def near_duplicate_links(articles: DataFrame, *, threshold: float) -> DataFrame:
    """``(id, canonical_id, similarity)`` of every near-duplicate copy among ``articles``.

    Computed here, once, from one pass of signatures over the articles (the signing and the joins read
    small columns, never the articles' other fields), and returned persisted: one small row per copy.
    The caller unpersists it once joined.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    rank = F.coalesce(F.col("published"), F.lit("\uffff")).alias("rank")
    # Signed once: the self-join below reads the signatures four times.
    signed = (
        articles.select("id", rank, "text")
        .mapInArrow(_signatures, _SIGNATURES)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        keys = signed.select("id", "rank", F.explode("keys").alias("key"))
        x, y = keys.alias("x"), keys.alias("y")
        # y is an earlier copy of x (a strict order on (rank, id), so each pair is looked at once).
        pairs = (
            x.join(y, F.col("x.key") == F.col("y.key"))
            .where(
                (F.col("y.rank") < F.col("x.rank"))
                | ((F.col("y.rank") == F.col("x.rank")) & (F.col("y.id") < F.col("x.id")))
            )
            .select(
                F.col("x.id").alias("id"), F.col("y.id").alias("other"), F.col("y.rank").alias("other_rank")
            )
            .distinct()
        )
        sig_x = signed.select("id", F.col("signature").alias("sx"))
        sig_y = signed.select(F.col("id").alias("other"), F.col("signature").alias("sy"))
        equal = F.size(F.filter(F.zip_with("sx", "sy", lambda a, b: a == b), lambda same: same))
        scored = (
            pairs.join(sig_x, "id")
            .join(sig_y, "other")
            .withColumn("similarity", equal / F.lit(float(NUM_PERM)))
            .where(F.col("similarity") >= threshold)
        )
        earliest = F.min(F.struct("other_rank", "other", "similarity"))
        first = (
            scored.groupBy("id")
            .agg(earliest.alias("m"))
            .select("id", F.col("m.other").alias("match"), F.col("m.similarity").alias("match_similarity"))
        )
        # A copy of a copy points at the first copy's own canonical, as the store's canonical_of does.
        hop = first.select(F.col("id").alias("match"), F.col("match").alias("match_canonical"))
        links = (
            first.join(hop, "match", "left")
            .select(
                "id",
                F.coalesce("match_canonical", "match").alias("canonical_id"),
                F.col("match_similarity").alias("similarity"),
            )
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        links.count()  # computed now, while the signatures are cached
    finally:
        signed.unpersist()
    return links


def with_links(articles: DataFrame, links: DataFrame) -> DataFrame:
    """``articles`` with ``canonical_id`` and ``similarity`` set from ``links`` on every copy."""
    from pyspark.sql import functions as F

    found = links.select(
        "id", F.col("canonical_id").alias("_canonical"), F.col("similarity").alias("_similarity")
    )
    return (
        articles.join(found, "id", "left")
        .withColumn("canonical_id", F.col("_canonical"))
        .withColumn("similarity", F.col("_similarity"))
        .drop("_canonical", "_similarity")
        .select(*articles.columns)
    )
