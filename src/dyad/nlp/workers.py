"""Extraction of many articles on one machine: in this process or in N worker processes.

Each worker process loads the spaCy pipeline once (at start) and extracts whole articles; the parent
keeps the only database connection and stores each result in the caller's transaction, so ingest's
batches stay atomic. Results come back in input order. A failure on one article is recorded in the store
(``extractions.error``) and never stops the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from dyad.codebooks.taxonomy import load_taxonomy
from dyad.errors import DyadError, ExtractionError
from dyad.model import Article, Extraction
from dyad.nlp.pipeline import ModelName
from dyad.store.database import transaction
from dyad.store.extractions import article_ids, load_articles, record_failure, save_extraction

log = logging.getLogger(__name__)

# Articles per task sent to a worker: large enough to amortise pickling, small enough to balance load.
CHUNK = 4


@dataclass(frozen=True, slots=True)
class Extracted:
    """The outcome for one article: an extraction with the issues of its items, or the reason it failed."""

    article_id: str
    extraction: Extraction | None
    item_issues: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    error: str | None = None


@dataclass
class ExtractionReport:
    extracted: int = 0
    failed: int = 0
    skipped: int = 0  # not in English: recorded as not extracted, with the reason
    events: int = 0
    quotes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    cpu_seconds: float = 0.0  # spent extracting, summed over every process


class Extractor:
    """Extracts articles with ``workers`` processes (1: in this process), each loading ``model`` once.

    Use as a context manager so worker processes are shut down.
    """

    def __init__(self, *, workers: int = 1, model: ModelName = "md", taxonomy: Path | None = None) -> None:
        if workers < 1:
            raise ExtractionError(f"--workers must be at least 1, got {workers}")
        self.workers = workers
        self.model = model
        self.taxonomy = taxonomy
        # Read (and checked) here, so a bad taxonomy file fails before any worker starts.
        self.taxonomy_version = load_taxonomy(taxonomy).version
        self.report = ExtractionReport()  # cumulative over every batch stored
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                # spawn: workers start clean (no inherited threads or locks) and load the model themselves
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(model, str(taxonomy) if taxonomy else None),
            )
        else:
            _start_worker(model, str(taxonomy) if taxonomy else None)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    @property
    def pipeline(self) -> str:
        from dyad.nlp.pipeline import MODELS

        return f"dyad / {MODELS[self.model]}"

    def extract(self, articles: Sequence[Article]) -> Iterator[Extracted]:
        """One :class:`Extracted` per article, in input order."""
        if self._pool is None:
            results, cpu = _extract_chunk(list(articles))
            self.report.cpu_seconds += cpu
            yield from results
            return
        chunks = [list(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK)]
        for results, cpu in self._pool.map(_extract_chunk, chunks):
            self.report.cpu_seconds += cpu
            yield from results

    def store(self, conn: sqlite3.Connection, articles: list[Article]) -> None:
        """Extract ``articles`` and replace their derived rows, in the caller's transaction.

        Fits ingest's ``process_batch`` hook; counts add up in :attr:`report`.
        """
        report = self.report
        for article in articles:
            if not _english(article):
                reason = f"not extracted: language {article.language!r} (the pipeline reads English)"
                log.info("%s: %s", article.id, reason)
                record_failure(
                    conn, article.id, reason, pipeline=self.pipeline, taxonomy=self.taxonomy_version
                )
                report.skipped += 1
        for result in self.extract([a for a in articles if _english(a)]):
            try:
                if result.extraction is None:
                    raise ExtractionError(result.error or "extraction failed", where=result.article_id)
                save_extraction(
                    conn,
                    result.extraction,
                    article_id=result.article_id,
                    item_issues=result.item_issues,
                    taxonomy=self.taxonomy_version,
                )
                report.extracted += 1
                report.events += len(result.extraction.events)
                report.quotes += len(result.extraction.quotes)
            except DyadError as exc:
                log.info("%s: %s", result.article_id, exc.message)  # the caller reports failures
                record_failure(
                    conn,
                    result.article_id,
                    exc.message,
                    pipeline=self.pipeline,
                    taxonomy=self.taxonomy_version,
                )
                report.failed += 1
                report.failures.append((result.article_id, exc.message))


def _english(article: Article) -> bool:
    """Unknown language is read as English (most sources do not say); a detected other language is not."""
    return article.language is None or article.language.lower().split("-")[0] == "en"


def reprocess(
    conn: sqlite3.Connection,
    extractor: Extractor,
    *,
    since: str | None = None,
    until: str | None = None,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
) -> ExtractionReport:
    """Re-extract stored articles published in ``[since, until]``, one transaction per batch.

    Only derived rows are replaced; articles, their dedupe links and MinHash rows stay as they are.
    """
    ids = article_ids(conn, since=since, until=until)
    for at in range(0, len(ids), batch_size):
        batch = load_articles(conn, ids[at : at + batch_size])
        with transaction(conn):
            extractor.store(conn, batch)
        if on_progress:
            on_progress(min(at + batch_size, len(ids)), len(ids))
    return extractor.report


def extract_all(extractor: Extractor, articles: Iterable[Article], batch: int = 64) -> Iterator[Extracted]:
    """Extract a long stream of articles in batches (for evaluation and benchmarks)."""
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch:
            yield from extractor.extract(pending)
            pending = []
    if pending:
        yield from extractor.extract(pending)


# -- inside a worker process ------------------------------------------------------------------------------

_worker_model: ModelName = "md"


def _start_worker(model: ModelName, taxonomy: str | None) -> None:
    """Load the pipeline once per process (and the taxonomy the issue tagger should use)."""
    global _worker_model
    from dyad.nlp.pipeline import load_pipeline

    _worker_model = model
    nlp = load_pipeline(model)
    # The pipeline is cached per process: swap its issue tagger when it holds another taxonomy.
    if getattr(nlp.get_pipe("dyad_issues"), "taxonomy", None) is not load_taxonomy(taxonomy):
        nlp.replace_pipe("dyad_issues", "dyad_issues", config={"taxonomy": taxonomy})


def _extract_chunk(articles: list[Article]) -> tuple[list[Extracted], float]:
    """The outcome of each article, and the CPU seconds this process spent on them."""
    from dyad.nlp.extract import ExtractionFailure, extract_articles
    from dyad.nlp.issues import item_issues

    started = time.process_time()
    results: list[Extracted] = []
    for article, outcome in zip(articles, extract_articles(articles, model=_worker_model), strict=True):
        if isinstance(outcome, ExtractionFailure):
            results.append(Extracted(article.id, None, error=outcome.reason))
        else:
            results.append(Extracted(article.id, outcome, item_issues(outcome)))
    return results, time.process_time() - started
