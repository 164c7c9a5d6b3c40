"""Storing a stream of articles in transactional batches, with duplicate and near-duplicate detection.

The store's side of ``dyad ingest`` (``dyad.pipeline`` chains it with extraction). Each batch is one
transaction: its new articles, their MinHash rows and whatever ``process_batch`` derives from them
(extraction) commit together. A process killed mid-run loses only the open batch; re-running
skips what was committed (article ids are content hashes) and stores the rest.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dyad.ingest.minhash import THRESHOLD, MinHash, minhash
from dyad.ingest.records import InputFailure
from dyad.model import Article
from dyad.store import articles as store
from dyad.store.database import transaction

ProcessBatch = Callable[[sqlite3.Connection, list[Article]], None]
DEFAULT_BATCH_SIZE = 200
# Failures kept in the report for the summary; ``on_failure`` still sees every one, and ``failed`` counts all.
MAX_KEPT_FAILURES = 1000


@dataclass
class IngestReport:
    """Counts so far: ``new`` and ``near_duplicate`` articles were stored (the latter linked to their
    canonical article), ``duplicate`` ones were already stored, ``failed`` inputs yielded no article."""

    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    batches: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def stored(self) -> int:
        return self.new + self.near_duplicate

    @property
    def read(self) -> int:
        return self.new + self.near_duplicate + self.duplicate + self.failed

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "near_duplicate": self.near_duplicate,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "failures": [str(f) for f in self.failures],  # the first MAX_KEPT_FAILURES of `failed`
        }


def ingest(
    items: Iterable[Article | InputFailure],
    conn: sqlite3.Connection,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_failure: Callable[[InputFailure], None] | None = None,
    process_batch: ProcessBatch | None = None,
    threshold: float = THRESHOLD,
) -> IngestReport:
    """Store every article of ``items`` (from :func:`dyad.ingest.read_sources`), a batch per transaction.

    ``process_batch(conn, articles)`` runs inside each batch's transaction with the articles newly stored by
    it, so rows derived from them commit atomically with the articles. An article whose estimated Jaccard
    similarity to a stored one reaches ``threshold`` is stored as its near-duplicate. Failures are
    counted, passed to ``on_failure`` as they happen and never stop the run.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = IngestReport()
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputFailure):
            report.failed += item.count
            if len(report.failures) < MAX_KEPT_FAILURES:
                report.failures.append(item)
            if on_failure:
                on_failure(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _store_batch(conn, batch, report, process_batch, threshold)
            batch = []
            if on_progress:
                on_progress(report)
    if batch:
        _store_batch(conn, batch, report, process_batch, threshold)
    if on_progress:
        on_progress(report)
    return report


def _store_batch(
    conn: sqlite3.Connection,
    batch: list[Article],
    report: IngestReport,
    process_batch: ProcessBatch | None,
    threshold: float,
) -> None:
    hashes = [minhash(article.text) for article in batch]  # CPU work outside the write lock
    new = duplicate = near = 0
    stored: list[Article] = []
    with transaction(conn):
        seen = store.existing_ids(conn, [a.id for a in batch])
        for article, signature in zip(batch, hashes, strict=True):
            if article.id in seen:
                duplicate += 1
                continue
            seen.add(article.id)
            bands = signature.bands()
            canonical, similarity = _nearest(conn, signature, bands, threshold)
            store.insert_article(
                conn,
                article,
                signature=signature.to_bytes(),
                bands=bands,
                canonical_id=canonical,
                similarity=similarity,
            )
            stored.append(article)
            if canonical:
                near += 1
            else:
                new += 1
        if process_batch and stored:
            process_batch(conn, stored)
    # Counted only once committed, so the report never claims rows a crash could have lost.
    report.new += new
    report.duplicate += duplicate
    report.near_duplicate += near
    report.batches += 1


def _nearest(
    conn: sqlite3.Connection, signature: MinHash, bands: list[tuple[int, str]], threshold: float
) -> tuple[str | None, float | None]:
    """The canonical article this one near-duplicates (and the estimated Jaccard), or (None, None)."""
    best_id, best = None, 0.0
    for article_id, blob in store.band_candidates(conn, bands):
        similarity = signature.similarity(MinHash.from_bytes(blob))
        if similarity > best or (similarity == best and best_id is not None and article_id < best_id):
            best_id, best = article_id, similarity
    if best_id is None or best < threshold:
        return None, None
    return store.canonical_of(conn, best_id), round(best, 4)
