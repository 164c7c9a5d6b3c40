"""Shared fixtures. Tests that need ../shared skip with a clear reason where it is absent."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

from dyad.model import Event, Extraction, Quote

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
# The evaluation commands read gold and corpora they are not given from $DYAD_SHARED (evaluation/data.py).
if SHARED.is_dir():
    os.environ.setdefault("DYAD_SHARED", str(SHARED))


def shared_path(relative: str) -> Path:
    """A path under ../shared, skipping the test when the folder is not beside the checkout."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative} (development data, present in CI but not in a user's clone)")
    return path


def quote_starting(extraction: Extraction, words: str) -> Quote:
    """The quote of ``extraction`` whose text starts with ``words``; the test fails, listing them, if none."""
    for found in extraction.quotes:
        if found.text.startswith(words):
            return found
    raise AssertionError(f"no quote starting {words!r}: {[q.text for q in extraction.quotes]}")


EventKey = tuple[str, str, str]
K = TypeVar("K")  # a key the extraction is checked for: an event key, a country pair


def event_keys(events: Iterable[Event], *, with_negated: bool = False) -> set[EventKey]:
    """(source country, target country, CAMEO root) of every direction of the events, "-" for a party of none;
    an event told as not happening is left out unless ``with_negated``."""
    return {
        (s.country or "-", t.country or "-", e.cameo_root)
        for e in events if with_negated or not e.negated for s in e.source for t in e.target
    }  # fmt: skip


def gold_records(path: Path) -> list[dict[str, object]]:
    """The records of a gold file of our own sentences, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reads_right(record: dict[str, object]) -> bool:
    """Whether dyad reads a gold record of events right: every key it lists as present is read (negated
    events too), and no key it lists as absent is, where "*" stands for any country ("no consultation of
    Kenya's with anyone"; "a ban by Nigeria on whatever party it reads")."""
    from dyad.nlp.extract import extract  # spaCy loads only for the modules that ask for it

    keys = event_keys(extract(str(record["text"])).events, with_negated=True)
    present = record["present"]
    absent = record["absent"]
    assert isinstance(present, list) and isinstance(absent, list)
    found = all(any(_matches(k, key) for key in keys) for k in present)
    return found and not any(_matches(k, key) for k in absent for key in keys)


def _matches(wanted: list[str], key: EventKey) -> bool:
    return all(w in ("*", k) for w, k in zip(wanted, key, strict=True))


def asserted_pairs(events: tuple[Event, ...]) -> set[tuple[str, str]]:
    """The (source country, target country) pairs of the events not negated, "-" for a party of none."""
    return {
        (s.country or "-", t.country or "-")
        for e in events if not e.negated for s in e.source for t in e.target
    }  # fmt: skip


def assert_found(found: set[K], wanted: set[K], unwanted: set[K]) -> None:
    """Every wanted key is among those found and no unwanted one is; the found keys are the message."""
    assert wanted <= found, found
    assert not unwanted & found, found


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The md pipeline (spaCy loads only for the modules that ask for it)."""
    from dyad.nlp.pipeline import load_pipeline

    return load_pipeline("md")


@pytest.fixture
def seed_text() -> str:
    return shared_path("seeds/000_eaf92a312e30dd40.txt").read_text(encoding="utf-8")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"
