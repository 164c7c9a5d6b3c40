"""Extraction of many articles on one machine: in this process or in N worker processes.

Each worker process loads the spaCy pipeline once (at start) and runs :func:`dyad.nlp.extract.
extract_articles` over chunks of whole articles; results come back in input order. This module knows no
database: :mod:`dyad.pipeline` stores what it returns. A failure on one article is an outcome with its
reason, never an exception that stops the batch.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.codebooks.taxonomy import load_taxonomy
from dyad.errors import ExtractionError
from dyad.model import Article, Extraction
from dyad.nlp.lifeline import tie_to_parent

if TYPE_CHECKING:  # spaCy loads in the processes that extract, not in those that only store outcomes
    from dyad.nlp.pipeline import ModelName

# Articles per task sent to a worker: large enough to amortise pickling, small enough to balance load.
CHUNK = 4


@dataclass(frozen=True, slots=True)
class Extracted:
    """The outcome for one article: its extraction, or the reason there is none.

    ``skipped``: the article was not tried (not in English, see ``nlp.extract.not_extracted``). The issues
    of each event and quote travel in the extraction's issue tags (``IssueTag.items``).
    """

    article_id: str
    extraction: Extraction | None
    error: str | None = None
    skipped: bool = False


class Extractor:
    """Extracts articles with ``workers`` processes (1: in this process), each loading ``model`` once.

    ``chunk``: articles per task sent to a worker process. :meth:`close` shuts the worker processes down
    (``dyad.pipeline.Pipeline`` does, as a context manager).
    """

    def __init__(
        self,
        *,
        workers: int = 1,
        model: ModelName = "md",
        taxonomy: Path | None = None,
        chunk: int = CHUNK,
    ) -> None:
        if workers < 1:
            raise ExtractionError(f"--workers must be at least 1, got {workers}")
        if chunk < 1:
            raise ExtractionError(f"the worker chunk must be at least 1 article, got {chunk}")
        self.workers = workers
        self.model = model
        self.taxonomy = taxonomy
        self.chunk = chunk
        # Read (and checked) here, so a bad taxonomy file fails before any worker starts.
        self.taxonomy_version = load_taxonomy(taxonomy).version
        self.cpu_seconds = 0.0  # spent extracting, summed over every process
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                # spawn: workers start clean (no inherited threads or locks) and load the model themselves
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                # the worker dies with this process, however this process dies (nlp/lifeline.py)
                initargs=(model, str(taxonomy) if taxonomy else None, os.getpid()),
            )
        else:
            _start_worker(model, str(taxonomy) if taxonomy else None)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def extract(self, articles: Sequence[Article]) -> Iterator[Extracted]:
        """One :class:`Extracted` per article, in input order."""
        if self._pool is None:
            results, cpu = _extract_chunk(list(articles))
            self.cpu_seconds += cpu
            yield from results
            return
        size = self.chunk
        chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        for results, cpu in self._pool.map(_extract_chunk, chunks):
            self.cpu_seconds += cpu
            yield from results

    def extract_all(self, articles: Iterable[Article], batch: int = 64) -> Iterator[Extracted]:
        """Extract a long stream of articles, ``batch`` at a time (each batch spread over the workers)."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= batch:
                yield from self.extract(pending)
                pending = []
        if pending:
            yield from self.extract(pending)


# -- inside a worker process ------------------------------------------------------------------------------

_worker_model: ModelName = "md"


def _start_worker(model: ModelName, taxonomy: str | None, parent: int | None = None) -> None:
    """Load the pipeline once per process (and the taxonomy the issue tagger should use); a pooled worker
    is first tied to its ``parent``, so that it never outlives it."""
    global _worker_model
    from dyad.nlp.pipeline import load_pipeline

    if parent is not None:
        tie_to_parent(parent)
    _worker_model = model
    nlp = load_pipeline(model)
    # The pipeline is cached per process: swap its issue tagger when it holds another taxonomy.
    if getattr(nlp.get_pipe("dyad_issues"), "taxonomy", None) is not load_taxonomy(taxonomy):
        nlp.replace_pipe("dyad_issues", "dyad_issues", config={"taxonomy": taxonomy})


def _extract_chunk(articles: list[Article]) -> tuple[list[Extracted], float]:
    """The outcome of each article, and the CPU seconds this process spent on them."""
    from dyad.nlp.extract import ExtractionFailure, extract_articles

    started = time.process_time()
    results: list[Extracted] = []
    for article, outcome in zip(articles, extract_articles(articles, model=_worker_model), strict=True):
        if isinstance(outcome, ExtractionFailure):
            results.append(Extracted(article.id, None, error=outcome.reason, skipped=outcome.skipped))
        else:
            results.append(Extracted(article.id, outcome))
    return results, time.process_time() - started
