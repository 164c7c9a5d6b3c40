"""The one pipeline: articles -> store (dedupe) -> extraction -> derived rows, and re-extraction.

Every edge runs dyad through this module: ``dyad ingest`` and ``dyad reprocess``, the API's article POST,
``dyad load`` (Spark output), ``dyad eval dyads`` and the benches. How it runs is one :class:`Settings`
object; what runs is :class:`Pipeline`::

    from dyad.ingest import read_sources
    from dyad.pipeline import Pipeline, Settings

    with Pipeline(Settings(db="dyad.db", workers=2)) as pipeline:
        report = pipeline.ingest(read_sources(["examples/"]))  # store, dedupe, extract, store
        pipeline.reprocess(since="2024-01-01")                  # after a model or taxonomy change
        outcomes = list(pipeline.extract(articles))             # extraction only, nothing stored

The stages stay ignorant of each other: ``ingest/`` reads, ``nlp/`` extracts (``nlp.extract.
extract_articles``, in worker processes by ``nlp.workers``), ``store/`` writes; only this module chains
them. Each batch of articles and everything derived from it commit in one transaction; one article that
fails (or that is not in English) is recorded as such and never stops a batch.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from dyad.codebooks.people import use_user_kb
from dyad.codebooks.taxonomy import load_taxonomy
from dyad.errors import DyadError, ExtractionError
from dyad.ingest.minhash import THRESHOLD
from dyad.ingest.records import InputFailure
from dyad.model import Article
from dyad.store import batches
from dyad.store.batches import DEFAULT_BATCH_SIZE, IngestReport
from dyad.store.database import connect, default_path, transaction
from dyad.store.extractions import article_ids, load_articles, record_failure, save_extraction

if TYPE_CHECKING:  # spaCy loads only when something is extracted
    from dyad.nlp.pipeline import ModelName
    from dyad.nlp.workers import Extracted, Extractor

__all__ = ["ExtractionReport", "IngestReport", "Pipeline", "Settings"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """How the pipeline runs. Every field has the default of the matching ``dyad`` option.

    - ``db``: the SQLite store (``--db``; None: ``$DYAD_DB``, else ``./dyad.db``).
    - ``model``: the spaCy model, ``"md"`` or ``"sm"`` (``--model``).
    - ``taxonomy``: an issue taxonomy YAML replacing the bundled one (``--taxonomy``; None: bundled).
    - ``extract``: extract new articles as they are stored (``--extract/--no-extract``).
    - ``workers``: extraction processes, each loading the model once (``--workers``; 1: in this process).
    - ``batch_size``: articles per ingest transaction (``dyad ingest --batch-size``).
    - ``reprocess_batch_size``: articles per re-extraction transaction (``dyad reprocess --batch-size``).
    - ``worker_chunk``: articles per task sent to a worker process (amortises pickling, balances load;
      None: ``nlp.workers.CHUNK``).
    - ``extract_batch``: articles extracted at a time when nothing is stored (``Pipeline.extract``).
    - ``near_duplicate``: the estimated Jaccard similarity at which a new article is stored as the
      near-duplicate of a stored one (MinHash, ``ingest/minhash.py``; Spark's ``--threshold``).
    - ``kb``: the user's actor file of additions and overrides, CSV or YAML (``--kb``; None: ``$DYAD_KB``).
    """

    db: Path | None = None
    model: ModelName = "md"
    taxonomy: Path | None = None
    extract: bool = True
    workers: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    reprocess_batch_size: int = 64
    worker_chunk: int | None = None
    extract_batch: int = 64
    near_duplicate: float = THRESHOLD
    kb: Path | None = None

    def __post_init__(self) -> None:
        for name in ("workers", "batch_size", "reprocess_batch_size", "worker_chunk", "extract_batch"):
            if (getattr(self, name) or 1) < 1:
                raise ExtractionError(f"{name} must be at least 1, got {getattr(self, name)}")
        if not 0.0 < self.near_duplicate <= 1.0:
            raise ExtractionError(f"near_duplicate must lie in (0, 1], got {self.near_duplicate}")

    @property
    def db_path(self) -> Path:
        """The store's path: ``db``, else ``$DYAD_DB``, else ``./dyad.db``."""
        return Path(os.fspath(self.db)) if self.db is not None else default_path()


@dataclass
class ExtractionReport:
    """Counts over every article whose outcome was stored, cumulative over a pipeline's life.

    ``failed`` counts failed extractions and extractions the store refused (``unstorable``, a subset);
    ``skipped`` the articles not extracted because of their language. ``failures`` holds (article id,
    reason) of each failed one; ``set_aside`` a message per shipped model file extraction ran without.
    """

    extracted: int = 0
    failed: int = 0
    skipped: int = 0
    unstorable: int = 0
    events: int = 0
    quotes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)


class Pipeline:
    """Runs ingest, extraction and storage with one :class:`Settings`.

    The extractor (spaCy, and the worker processes when ``workers > 1``) starts on first use; use the
    pipeline as a context manager, or call :meth:`close`, so worker processes are shut down.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        if self.settings.kb is not None:
            use_user_kb(self.settings.kb)
        # Read (and checked) now, so a bad taxonomy file fails before anything is stored.
        self.taxonomy_version = load_taxonomy(self.settings.taxonomy).version
        self.report = ExtractionReport()
        self._extractor: Extractor | None = None
        self._stamp: str | None = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()
            self._extractor = None

    @property
    def extractor(self) -> Extractor:
        """The extractor, started on first use."""
        if self._extractor is None:
            from dyad.nlp.events import set_aside_models
            from dyad.nlp.workers import CHUNK, Extractor

            s = self.settings
            self._extractor = Extractor(
                workers=s.workers, model=s.model, taxonomy=s.taxonomy, chunk=s.worker_chunk or CHUNK
            )
            self.report.set_aside = set_aside_models()
        return self._extractor

    @property
    def stamp(self) -> str:
        """The pipeline name and versions recorded with each outcome (``Extraction.pipeline``)."""
        if self._stamp is None:
            from dyad.nlp.pipeline import pipeline_stamp

            self._stamp = pipeline_stamp(self.settings.model)
        return self._stamp

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds spent extracting so far, summed over every process."""
        return self._extractor.cpu_seconds if self._extractor is not None else 0.0

    def connect(self, *, readonly: bool = False) -> sqlite3.Connection:
        """A connection to the store of the settings (created with its schema when writable)."""
        return connect(self.settings.db_path, readonly=readonly)

    # -- extraction ----------------------------------------------------------------------------------

    def extract(self, articles: Iterable[Article]) -> Iterator[Extracted]:
        """The outcome of each article, in input order, storing nothing (evaluation, benches)."""
        return self.extractor.extract_all(articles, batch=self.settings.extract_batch)

    def save(
        self,
        conn: sqlite3.Connection,
        outcomes: Iterable[Extracted],
        *,
        stamp: str | None = None,
    ) -> None:
        """Store each outcome in the caller's transaction: an extraction replaces the article's derived
        rows, a failure (or a skipped article) is recorded with its reason. Counts go to :attr:`report`.

        ``stamp`` names the pipeline that failed on an article when another process ran it (``dyad load``
        passes Spark's); by default it is this pipeline's :attr:`stamp`.
        """
        report = self.report
        for outcome in outcomes:
            reason = outcome.error or "extraction failed"
            if outcome.extraction is not None:
                try:
                    save_extraction(
                        conn,
                        outcome.extraction,
                        article_id=outcome.article_id,
                        taxonomy=self.taxonomy_version,
                    )
                except DyadError as exc:  # refused rows roll back alone (a savepoint per article)
                    reason = exc.message
                    report.unstorable += 1
                else:
                    report.extracted += 1
                    report.events += len(outcome.extraction.events)
                    report.quotes += len(outcome.extraction.quotes)
                    continue
            log.info("%s: %s", outcome.article_id, reason)  # the caller reports failures
            record_failure(
                conn,
                outcome.article_id,
                reason,
                pipeline=stamp if stamp is not None else self.stamp,
                taxonomy=self.taxonomy_version,
            )
            if outcome.skipped:
                report.skipped += 1
            else:
                report.failed += 1
                report.failures.append((outcome.article_id, reason))

    def store(self, conn: sqlite3.Connection, articles: list[Article]) -> None:
        """Extract ``articles`` and store the outcomes in the caller's transaction (ingest's batch hook)."""
        self.save(conn, self.extractor.extract(articles))

    # -- ingest and reprocessing ---------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[Article | InputFailure],
        conn: sqlite3.Connection | None = None,
        *,
        on_progress: Callable[[IngestReport], None] | None = None,
        on_failure: Callable[[InputFailure], None] | None = None,
    ) -> IngestReport:
        """Store every article of ``items`` (``dyad.ingest.read_sources``) with duplicate and
        near-duplicate detection, extracting the new ones unless ``settings.extract`` is false.

        One transaction per ``settings.batch_size`` articles holds them and their derived rows. ``conn``
        defaults to a connection to ``settings.db``, closed at the end.
        """
        with _connection(self, conn) as db:
            return batches.ingest(
                items,
                db,
                batch_size=self.settings.batch_size,
                on_progress=on_progress,
                on_failure=on_failure,
                process_batch=self.store if self.settings.extract else None,
                threshold=self.settings.near_duplicate,
            )

    def reprocess(
        self,
        conn: sqlite3.Connection | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> ExtractionReport:
        """Re-extract stored articles published in ``[since, until]``, one transaction per batch.

        Only derived rows are replaced; articles, their dedupe links and MinHash rows stay as they are.
        """
        size = self.settings.reprocess_batch_size
        with _connection(self, conn) as db:
            ids = article_ids(db, since=since, until=until)
            for at in range(0, len(ids), size):
                batch = load_articles(db, ids[at : at + size])
                with transaction(db):
                    self.store(db, batch)
                if on_progress:
                    on_progress(min(at + size, len(ids)), len(ids))
        return self.report


@contextmanager
def _connection(pipeline: Pipeline, conn: sqlite3.Connection | None) -> Iterator[sqlite3.Connection]:
    """The caller's connection as is, or one to the settings' store, closed afterwards."""
    if conn is not None:
        yield conn
        return
    opened = pipeline.connect()
    try:
        yield opened
    finally:
        opened.close()
