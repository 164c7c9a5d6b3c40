"""The brief over the seed alone: the real pipeline, from ingest with extraction to the rendered brief."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import shared_path
from dyad.briefs.brief import Brief, build_brief
from dyad.briefs.render import render
from dyad.codebooks.taxonomy import load_taxonomy
from dyad.model import Article
from dyad.pipeline import Pipeline, Settings
from dyad.store.database import connect
from dyad.store.extractions import extraction_failures

pytestmark = [pytest.mark.slow, pytest.mark.shared]

SEED_URL = "https://apnews.com/seed-us-china-divides"
# The seed's six divides; human rights and detained citizens are one divide the taxonomy may split in two.
DIVIDES = {
    "russia-ukraine-war": {"russia-ukraine-war"},
    "middle-east": {"middle-east"},
    "taiwan": {"taiwan"},
    "south-china-sea": {"south-china-sea"},
    "human-rights": {"human-rights", "detained-citizens"},
    "fentanyl": {"fentanyl"},
}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    text = shared_path("seeds/000_eaf92a312e30dd40.txt").read_text(encoding="utf-8")
    article = Article(
        id=Article.make_id(url=SEED_URL, text=text),
        text=text,
        title="Blinken heads to China: the major divides",
        url=SEED_URL,
        source="AP",
        published="2024-04-22",
    )
    conn = connect(Path(tmp_path_factory.mktemp("seed")) / "seed.db")
    with Pipeline(Settings(model="md")) as pipeline:
        pipeline.ingest([article], conn)
    assert pipeline.report.extracted == 1
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def brief(seed_store: sqlite3.Connection) -> Brief:
    return build_brief(seed_store, "USA", "CHN", taxonomy=load_taxonomy())


def test_seed_is_extracted_without_failure(seed_store: sqlite3.Connection) -> None:
    assert extraction_failures(seed_store) == []


def test_brief_lists_the_six_divides_with_evidence_and_footnotes(brief: Brief) -> None:
    sections = {s.id: s for s in brief.issues}
    for divide, ids in DIVIDES.items():
        found = [sections[i] for i in ids if i in sections]
        assert found, f"divide {divide} missing from {sorted(sections)}"
        for section in found:
            assert section.events or section.quotes, divide
            assert section.footnotes and all(f.url == SEED_URL for f in section.footnotes), divide
            assert all(f.published == "2024-04-22" for f in section.footnotes)
    quoted = [d for d, ids in DIVIDES.items() if any(sections[i].quotes for i in ids if i in sections)]
    assert len(quoted) >= 4, f"quotes only on {quoted}"


def test_quotes_name_speakers_and_sides(brief: Brief) -> None:
    quotes = [q for s in brief.issues for q in s.quotes]
    assert quotes
    assert all(q["side"] in {"USA", "CHN"} and q["speaker"] for q in quotes)
    assert any("Taiwan Strait" in q["text"] for q in quotes)


def test_one_article_one_day_is_said_plainly(brief: Brief) -> None:
    assert any("rests on 1 article" in n for n in brief.notes)
    assert all(s.trend.direction == "single-source" for s in brief.issues)
    assert all(s.thin for s in brief.issues)


def test_rendered_brief_footnotes_every_claim(brief: Brief) -> None:
    text = render(brief, "md")
    cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
    defined = {int(n) for n in re.findall(r"^\[\^(\d+)\]:", text, flags=re.M)}
    assert cited and cited == defined
