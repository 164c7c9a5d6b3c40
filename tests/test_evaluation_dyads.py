from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dyad.errors import EvaluationError, QueryError
from dyad.evaluation.dyads import DyadCoverage, links, read_items, score
from dyad.parameters import country, resolve_country
from extraction_builders import BLINKEN, CHN_GOV, PHL_GOV, USA_GOV, WANG, ArticleBuilder


def test_names_map_to_codes() -> None:
    assert [resolve_country(n) for n in ("United States", "China", "The Bahamas", "NATO", "Atlantis")] == [
        "USA", "CHN", "BHS", "NATO", None,
    ]  # fmt: skip
    assert country("south korea") == "KOR"
    with pytest.raises(QueryError):
        country("Atlantis")


def test_event_quote_and_joint_act_link_a_pair() -> None:
    b = ArticleBuilder("a", "2025-01-01")
    b.event("China warned the Philippines.", CHN_GOV, PHL_GOV, "warn")
    x = b.extraction()
    assert links(x, "PHL", "CHN") == "event"
    assert links(x, "USA", "CHN") is None
    joint = replace(x.events[0], source=(CHN_GOV, USA_GOV), target=())
    assert links(replace(x, events=(joint,)), "USA", "CHN") == "event"
    negated = replace(x.events[0], negated=True)
    assert links(replace(x, events=(negated,)), "PHL", "CHN") is None
    q = ArticleBuilder("b", "2025-01-01")
    q.quote("We talked frankly", BLINKEN, addressee=WANG)
    assert links(q.extraction(), "CHN", "USA") == "quote"


def test_items_are_read_and_scored(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    records = [
        {
            "id": "1",
            "date": "2025-01-01",
            "text": "China warned the Philippines.",
            "dyads": [["China", "Philippines"]],
        },
        {
            "id": "2",
            "date": "2025-01-02",
            "text": "Somaliland held talks.",
            "dyads": [["Somaliland", "Taiwan"]],
        },
        {"id": "3", "date": "2025-01-03", "text": "Nothing here.", "dyads": []},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    coverage = DyadCoverage()
    items = list(read_items(path, coverage))
    assert [(i.article.id, i.pairs) for i in items] == [("1", (("CHN", "PHL"),)), ("2", ())]
    assert coverage.unmapped == {"Somaliland": 1}
    b = ArticleBuilder("1", "2025-01-01")
    b.event("China warned the Philippines.", CHN_GOV, PHL_GOV, "warn")
    score(items, {"1": b.extraction()}, coverage)
    assert (coverage.items, coverage.found, coverage.by_event) == (2, 1, 1)
    assert coverage.share == 0.5  # an item whose pair names no country counts as missed
    with pytest.raises(EvaluationError, match="bad record"):
        (tmp_path / "bad.jsonl").write_text('{"dyads": [["A", "B"]]}\n', encoding="utf-8")
        list(read_items(tmp_path / "bad.jsonl"))
