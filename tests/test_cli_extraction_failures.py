"""An article whose extraction fails makes `dyad ingest` and `dyad reprocess` exit with status 1 (after
storing everything else), with one error line naming the article."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.model import Article
from dyad.nlp import extract as extraction
from ingest_helpers import write_jsonl


@pytest.fixture
def failing_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline fails on the second article of each batch, as a real failure would surface."""
    real = extraction.extract_articles

    def extract_articles(articles: Sequence[Article], **options: object) -> Iterator[object]:
        for number, outcome in enumerate(real(articles, **options), start=1):  # type: ignore[arg-type]
            yield extraction.ExtractionFailure(articles[1].id, "E035 broken span") if number == 2 else outcome

    monkeypatch.setattr(extraction, "extract_articles", extract_articles)


def test_ingest_and_reprocess_exit_1_when_an_extraction_fails(tmp_path: Path, failing_second: None) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", 3, words=40)
    db = str(tmp_path / "store.db")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(source), "--db", db, "--model", "sm", "-q"])
    assert ingested.exit_code == 1, ingested.output
    assert "3 new" in ingested.stdout and "1 failed" in ingested.stdout
    assert "extraction failed: E035 broken span" in ingested.stderr
    again = runner.invoke(main, ["reprocess", "--db", db, "--model", "sm"])
    assert again.exit_code == 1, again.output
    assert "E035 broken span" in again.stderr
