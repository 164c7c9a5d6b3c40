"""A shipped model file the run cannot use (written for other features) is set aside: the run goes on
without it, and the command says so in its output, not only in a log line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.nlp import event_confidence, set_aside
from dyad.nlp.events import set_aside_models
from dyad.nlp.pipeline import load_pipeline
from ingest_helpers import write_jsonl


@pytest.fixture
def stale_confidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    load_pipeline("sm")  # built with the real files first: the process's pipeline stays as it is
    folder = tmp_path / "codebooks"
    folder.mkdir()
    stale = {"features": ["score"], "weights": [1.0], "bias": 0.0, "floor": 0.0}
    (folder / event_confidence.MODEL_FILE).write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(event_confidence, "resources", SimpleNamespace(files=lambda package: folder))
    monkeypatch.setattr(set_aside, "_SET_ASIDE", {})
    event_confidence.shipped_confidence.cache_clear()
    yield
    event_confidence.shipped_confidence.cache_clear()


def test_a_stale_confidence_file_is_named_with_what_the_run_loses(stale_confidence: None) -> None:
    (message,) = set_aside_models()
    assert message.startswith("event_confidence.json set aside (features ['score'] are not")
    assert "no event is left out below a floor until `dyad train confidence` rebuilds it" in message


def test_ingest_says_so_and_still_succeeds(tmp_path: Path, stale_confidence: None) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", 2, words=30)
    runner = CliRunner()
    ingest = ["ingest", str(source), "--model", "sm", "-q"]
    result = runner.invoke(main, [*ingest, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout
    assert "warning: event_confidence.json set aside" in result.stderr
    as_json = runner.invoke(main, [*ingest, "--db", str(tmp_path / "t.db"), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    summary = json.loads(as_json.stdout)
    assert summary["extraction"]["set_aside_models"][0].startswith("event_confidence.json set aside")


def test_nothing_is_said_when_the_shipped_files_fit() -> None:
    assert set_aside_models() == []
