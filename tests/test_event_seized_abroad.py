"""A seizure of a thing no table names, made at a place of another state ("seized a tanker off the coast of
Venezuela"), is an act on that state; a seizure at home names no other party.

The sentences are our own (written and annotated before dyad ran on them). Each names (source country,
target country) pairs a reader finds in it, and pairs no event may have.
"""

from __future__ import annotations

import pytest

from conftest import assert_found, asserted_pairs
from dyad.nlp.extract import extract

SENTENCES: list[tuple[str, set[tuple[str, str]], set[tuple[str, str]]]] = [
    (
        "The Indian coast guard seized a fishing trawler off the coast of Sri Lanka.",
        {("IND", "LKA")},
        set(),
    ),
    ("Russian border guards seized a cargo ship near the coast of Estonia.", {("RUS", "EST")}, set()),
    ("The US Navy seized a shipment of rifles in the waters off Yemen.", {("USA", "YEM")}, set()),
    ("Turkish forces seized a weapons depot in northern Syria.", {("TUR", "SYR")}, set()),
    ("The Chinese coast guard seized a supply boat near the Philippines.", {("CHN", "PHL")}, set()),
    ("Spanish police seized two tonnes of cocaine in Algeciras.", set(), {("ESP", "ESP")}),
    (
        "Dutch customs officers seized a container of counterfeit watches at the port of Rotterdam.",
        set(),
        {("NLD", "NLD")},
    ),
    (
        "The Moroccan navy seized a smuggling boat off the coast of Morocco on Sunday.",
        set(),
        {("MAR", "MAR")},
    ),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), SENTENCES)
def test_seized_abroad(text: str, wanted: set[tuple[str, str]], unwanted: set[tuple[str, str]]) -> None:
    assert_found(asserted_pairs(extract(text, published="2025-06-10").events), wanted, unwanted)
