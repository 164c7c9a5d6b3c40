"""From text to :class:`~dyad.model.Extraction`: run the pipeline and collect what the components left.

:func:`extract_articles` is the one function that extracts articles: ``dyad extract``, the worker pool of
``dyad ingest`` and ``dyad reprocess`` (``workers.py``) and Spark's ``mapInArrow`` tasks all call it, so
the rule of which articles are read (:func:`not_extracted`: English or unknown language) holds on every
path. A failure on one document is logged and reported as an :class:`ExtractionFailure`; it never stops a
batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from dyad.errors import ExtractionError
from dyad.model import Article, Extraction
from dyad.nlp.pipeline import ModelName, load_pipeline, pipeline_name

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """An article the pipeline could not process, and why; ``skipped``: it was not tried (its language)."""

    article_id: str | None
    reason: str
    skipped: bool = False


def not_extracted(article: Article) -> str | None:
    """Why the pipeline does not read ``article``, or None when it does.

    The models read English. Unknown language is read as English (most sources do not say); a detected or
    declared other language is not.
    """
    language = article.language
    if language is None or language.lower().split("-")[0] == "en":
        return None
    return f"not extracted: language {language!r} (the pipeline reads English)"


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    id: str | None = None,
    model: ModelName = "md",
) -> Extraction:
    """Extract actors, places, dates, events, quotes and issues from one article's text."""
    nlp = load_pipeline(model)
    doc = _prepare(nlp, text, article_id=id, published=published, title=title)
    try:
        doc = _run(nlp, doc)
    except Exception as exc:
        raise ExtractionError(f"extraction failed: {exc}", where=id) from exc
    return to_extraction(nlp, doc)


def extract_articles(
    articles: Iterable[Article], *, model: ModelName = "md", batch_size: int = 16
) -> Iterator[Extraction | ExtractionFailure]:
    """Extract from many articles in input order, batching the pretrained model's work.

    An article in another language than English yields a skipped :class:`ExtractionFailure`.
    """
    nlp = load_pipeline(model)
    batch: list[Article] = []
    for article in articles:
        reason = not_extracted(article)
        if reason is not None:
            if batch:  # the articles before it come out first: results stay in input order
                yield from _extract_batch(nlp, batch)
                batch = []
            yield ExtractionFailure(article.id, reason, skipped=True)
            continue
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _extract_batch(nlp, batch)
            batch = []
    if batch:
        yield from _extract_batch(nlp, batch)


def _extract_batch(nlp: Language, batch: list[Article]) -> Iterator[Extraction | ExtractionFailure]:
    docs = [_prepare(nlp, a.text, article_id=a.id, published=a.published, title=a.title) for a in batch]
    try:
        processed: list[Doc | ExtractionFailure] = list(_pipe(nlp, docs))
    except Exception:
        # One bad document spoils a batch; redo it one by one so only that document fails.
        processed = []
        for doc, article in zip(docs, batch, strict=True):
            try:
                processed.append(_run(nlp, doc))
            except Exception as exc:
                log.warning("extraction failed for %s: %s", article.id, exc)
                processed.append(ExtractionFailure(article.id, f"{type(exc).__name__}: {exc}"))
    for item in processed:
        yield item if isinstance(item, ExtractionFailure) else to_extraction(nlp, item)


def _prepare(
    nlp: Language, text: str, *, article_id: str | None, published: str | None, title: str | None
) -> Doc:
    doc = nlp.make_doc(text)
    doc._.dyad_article_id = article_id
    doc._.dyad_published = published
    doc._.dyad_title = title
    return doc


def _run(nlp: Language, doc: Doc) -> Doc:
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _pipe(nlp: Language, docs: list[Doc]) -> Iterator[Doc]:
    stream: Iterable[Doc] = docs
    for _, component in nlp.pipeline:
        pipe = getattr(component, "pipe", None)
        stream = pipe(stream) if pipe is not None else map(component, stream)
    return iter(stream)


def to_extraction(nlp: Language, doc: Doc) -> Extraction:
    """Collect the components' results from a processed doc."""
    return Extraction(
        id=doc._.dyad_article_id,
        published=doc._.dyad_published,
        actors=tuple(doc._.dyad_actors or ()),
        places=tuple(doc._.dyad_places or ()),
        dates=tuple(doc._.dyad_dates or ()),
        events=tuple(doc._.dyad_events or ()),
        quotes=tuple(doc._.dyad_quotes or ()),
        issues=tuple(doc._.dyad_issues or ()),
        pipeline=pipeline_name(nlp),
    )
