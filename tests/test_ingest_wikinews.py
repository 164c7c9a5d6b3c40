"""Integration: the Wikinews corpus (295 real articles, CSV url,date,title,text) ingests whole, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from dyad.ingest import read_sources
from dyad.store.articles import stats
from dyad.store.batches import ingest
from dyad.store.database import connect

pytestmark = pytest.mark.shared


def test_wikinews_ingests_all_295_then_nothing(db_path: Path) -> None:
    corpus = shared_path("corpus/wikinews")
    conn = connect(db_path)
    first = ingest(read_sources([str(corpus)]), conn)
    assert first.failed == 0, [str(f) for f in first.failures]
    assert first.stored == 295
    missing = conn.execute(
        "SELECT count(*) FROM articles WHERE title IS NULL OR url IS NULL OR published IS NULL"
    ).fetchone()[0]
    assert missing == 0
    result = stats(conn)
    assert result["articles"] == 295
    assert result["published"]["first"].startswith("2019") and result["published"]["last"].startswith("202")
    assert result["top_sources"] == {"en.wikinews.org": 295}
    # Stubs too short to classify stay unknown; English reports quoting speakers in Russian or Hindi stay en.
    assert set(result["languages"]) <= {"en", "unknown"} and result["languages"]["en"] >= 290
    second = ingest(read_sources([str(corpus)]), conn)
    assert (second.new, second.near_duplicate, second.duplicate, second.failed) == (0, 0, 295, 0)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 295
