"""The pipeline with the real (small) spaCy model: worker processes, ingest, reprocess, the language rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.model import Article
from dyad.nlp.extract import ExtractionFailure, extract_articles
from dyad.pipeline import Pipeline, Settings
from dyad.store.database import connect
from dyad.store.extractions import load_extraction

pytestmark = pytest.mark.slow

TEXTS = [
    "Japan's foreign minister met her South Korean counterpart in Seoul on Monday to discuss North Korea.",
    "The European Union imposed new sanctions on Russia over the war in Ukraine, officials said on Tuesday.",
    '"We will defend our sovereignty," Philippine President Ferdinand Marcos said after Chinese ships '
    "blocked a resupply mission in the South China Sea.",
    "Canada expelled two Indian diplomats on Thursday.",
]
ARTICLES = [
    Article(id=f"art-{i}", text=t, published=f"2024-05-0{i + 1}", url=f"https://news.example/{i}")
    for i, t in enumerate(TEXTS)
]
TAXONOMY = """\
version: "test-1"
issues:
  - id: maritime
    label: Maritime incidents
    description: Ships blocked, rammed or boarded at sea.
    cues:
      keywords: [resupply mission, South China Sea]
"""


def _shape(article_id: str, db: Path) -> tuple[object, ...]:
    x = load_extraction(connect(db), article_id)
    assert x is not None
    return (
        tuple((a.name, a.country) for a in x.actors),
        tuple((e.cameo, e.evidence.start) for e in x.events),
        tuple((q.text, q.speaker.actor.name if q.speaker else None) for q in x.quotes),
        tuple(i.id for i in x.issues),
    )


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    with Pipeline(Settings(db=one, model="sm", batch_size=3)) as pipeline:
        pipeline.ingest(ARTICLES)
    with Pipeline(Settings(db=two, model="sm", batch_size=3, workers=2, worker_chunk=1)) as pipeline:
        pipeline.ingest(ARTICLES)
        assert pipeline.report.extracted == len(ARTICLES) and pipeline.report.failed == 0
    for article in ARTICLES:
        assert _shape(article.id, one) == _shape(article.id, two)


def test_reprocess_replaces_derived_rows_only(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    conn = connect(db)
    Pipeline(Settings(extract=False)).ingest(ARTICLES, conn)  # --no-extract
    assert conn.execute("SELECT count(*) FROM extractions").fetchone()[0] == 0
    articles_before = conn.execute("SELECT id, text, first_seen FROM articles ORDER BY id").fetchall()
    with Pipeline(Settings(model="sm", reprocess_batch_size=2)) as pipeline:
        pipeline.reprocess(conn, since="2024-05-02")
    assert conn.execute("SELECT count(*) FROM extractions").fetchone()[0] == 3
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    custom = tmp_path / "issues.yaml"
    custom.write_text(TAXONOMY, encoding="utf-8")
    with Pipeline(Settings(db=db, model="sm", taxonomy=custom)) as pipeline:
        pipeline.reprocess()
    assert conn.execute("SELECT count(*) FROM extractions").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] >= events
    assert {r[0] for r in conn.execute("SELECT DISTINCT taxonomy FROM extractions")} == {"test-1"}
    assert {r[0] for r in conn.execute("SELECT DISTINCT issue_id FROM issue_tags")} <= {"maritime"}
    assert conn.execute("SELECT count(*) FROM issue_tags WHERE article_id = 'art-2'").fetchone()[0] == 1
    assert conn.execute("SELECT id, text, first_seen FROM articles ORDER BY id").fetchall() == articles_before


FRENCH = Article(id="fr-1", text="La France et l'Allemagne ont signé un traité.", language="fr")


@pytest.mark.parametrize("workers", [1, 2])
def test_articles_in_other_languages_are_marked_not_extracted(tmp_path: Path, workers: int) -> None:
    conn = connect(tmp_path / "store.db")
    with Pipeline(Settings(model="sm", workers=workers)) as pipeline:
        pipeline.ingest([FRENCH, ARTICLES[0]], conn)
        stamp = pipeline.stamp
    assert (pipeline.report.extracted, pipeline.report.skipped, pipeline.report.failed) == (1, 1, 0)
    reason, stored_stamp = conn.execute(
        "SELECT error, pipeline FROM extractions WHERE article_id = 'fr-1'"
    ).fetchone()
    assert "language 'fr'" in reason
    # One stamp for every outcome: that of the extractions (the model is not loaded to compute it).
    extracted = conn.execute("SELECT pipeline FROM extractions WHERE article_id = 'art-0'").fetchone()[0]
    assert stored_stamp == stamp == extracted


def test_the_language_rule_is_that_of_the_one_extraction_function() -> None:
    """dyad extract, the worker pool and Spark's tasks all run ``extract_articles``: it skips French."""
    results = list(extract_articles([ARTICLES[0], FRENCH, ARTICLES[1]], model="sm"))
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractionFailure", "Extraction"]
    skipped = results[1]
    assert isinstance(skipped, ExtractionFailure) and skipped.skipped and skipped.article_id == "fr-1"
    assert [r.id for r in results if not isinstance(r, ExtractionFailure)] == ["art-0", "art-1"]
