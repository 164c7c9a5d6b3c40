"""The Parquet table layout of the Spark job, without Spark: every field of ``to_dict`` survives a row."""

from __future__ import annotations

import json

from dyad.scale.tables import (
    ARROW_SCHEMA,
    ITEM_TABLES,
    extraction_from_rows,
    extraction_rows,
    item_from_row,
    table_columns,
)
from extraction_builders import one_of_everything


def test_table_fields_are_the_output_fields() -> None:
    extraction = one_of_everything()
    lists = {name: getattr(extraction, name) for name in ITEM_TABLES}
    assert set(ITEM_TABLES) == {k for k, v in extraction.to_dict().items() if isinstance(v, list)}
    for name, items in lists.items():
        assert [f for f, _ in ITEM_TABLES[name].fields] == list(items[0].to_dict()), name
    for table in ("articles", "errors", *ITEM_TABLES):
        assert all(ARROW_SCHEMA.get_field_index(c) >= 0 for c in table_columns(table))


def test_rows_give_back_the_output_and_the_extraction() -> None:
    extraction = one_of_everything()
    rows = list(extraction_rows(extraction, article_id="art-1", pub_date="2024-04-22", batch="b"))
    by_table: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        json.dumps(row)  # every value is a plain scalar: nested values travel as JSON text
        by_table.setdefault(str(row["table"]), []).append(row)
    expected = extraction.to_dict()
    for name in ITEM_TABLES:
        assert [item_from_row(name, r) for r in by_table[name]] == expected[name]
    events = by_table["events"][0]
    assert events["day"] == "2024-04-22" and by_table["quotes"][0]["day"] == "2024-04-22"
    assert json.loads(str(events["dyads"])) == [{"source": "BRA", "target": "ARG"}]
    assert json.loads(str(events["item_issues"])) == [{"issue": "trade-tariffs", "score": 0.6}]
    article = {"id": "art-1", "published": extraction.published, "pipeline": "dyad test"}
    rebuilt = extraction_from_rows(article, by_table)
    assert rebuilt.to_dict() == expected
    assert rebuilt == extraction  # lossless: the extractors and the taxonomy version come back too
