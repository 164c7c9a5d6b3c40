"""The Parquet table layout of the Spark job, without Spark: every field of ``to_dict`` survives a row."""

from __future__ import annotations

import json

from dyad.model import (
    Actor,
    ActorRef,
    DateRef,
    Event,
    Evidence,
    Extraction,
    IssueTag,
    Place,
    Plover,
    Quote,
    Span,
    Speaker,
)
from dyad.scale.tables import (
    ARROW_SCHEMA,
    ITEM_TABLES,
    extraction_from_rows,
    extraction_rows,
    item_from_row,
    item_issues_from_rows,
    table_columns,
)

# An article of our own, with one of everything.
TEXT = (
    "Foreign Minister Ana Lima of Brazil met her Argentine counterpart in Buenos Aires on Monday. "
    '"We will sign the accord," Lima told reporters.'
)
BRA = ActorRef("act-bra-lima", "Ana Lima", "BRA", "GOV")
ARG = ActorRef("act-arg-gov", "Argentine counterpart", "ARG", "GOV")
EVIDENCE = Evidence(TEXT[:91], 0, 0, 91, TEXT[:91], "dyad_events@1", 0.87654321)


def sample() -> Extraction:
    event = Event(
        id="evt-1", source=(BRA,), target=(ARG,), cameo="040", cameo_root="04", goldstein=1.0, quad_class=1,
        plover=Plover("CONSULT", "visit", None), negated=False, modality="asserted", reported_by=None,
        date="2024-04-22", place="Buenos Aires", primary=True, evidence=EVIDENCE,
        source_spans=(Span(0, 33, TEXT[0:33]),), target_spans=(Span(44, 65, TEXT[44:65]),),
        predicate=Span(34, 37, "met"),
    )  # fmt: skip
    quote = Quote(
        id="quo-1", text="We will sign the accord,", start=93, end=117, kind="direct",
        speaker=Speaker(BRA, Span(119, 123, "Lima")), cue=Span(124, 128, "told"), addressee=None,
        relayed_by=None, evidence=Evidence(TEXT[92:], 1, 92, len(TEXT), TEXT[92:], "dyad_quotes@1", 0.9),
    )  # fmt: skip
    return Extraction(
        id="art-1",
        published="2024-04-22T10:00:00",
        actors=(Actor("act-bra-lima", "Ana Lima", "person", "BRA", "GOV", "foreign minister",
                      (Span(17, 25, "Ana Lima"), Span(119, 123, "Lima")), "dyad_actors@1", 0.95),),
        places=(Place("Buenos Aires", "ARG", "city", -34.6, -58.38, (Span(69, 81, "Buenos Aires"),)),),
        dates=(DateRef("Monday", 85, 91, "2024-04-22", "day", "past"),),
        events=(event,),
        quotes=(quote,),
        issues=(IssueTag("trade-tariffs", "Trade and tariffs", 0.61234, (Span(0, 91, TEXT[:91]),), "tax-1",
                         "dyad_issues@1", items=(("evt-1", 0.6),)),),
        pipeline="dyad test",
    )  # fmt: skip


def test_table_fields_are_the_output_fields() -> None:
    extraction = sample()
    lists = {name: getattr(extraction, name) for name in ITEM_TABLES}
    assert set(ITEM_TABLES) == {k for k, v in extraction.to_dict().items() if isinstance(v, list)}
    for name, items in lists.items():
        assert [f for f, _ in ITEM_TABLES[name].fields] == list(items[0].to_dict()), name
    for table in ("articles", "errors", *ITEM_TABLES):
        assert all(ARROW_SCHEMA.get_field_index(c) >= 0 for c in table_columns(table))


def test_rows_give_back_the_output_and_the_extraction() -> None:
    extraction = sample()
    rows = list(
        extraction_rows(extraction, article_id="art-1", pub_date="2024-04-22", batch="b",
                        item_issues={"evt-1": [("trade-tariffs", 0.6)]})
    )  # fmt: skip
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
    assert item_issues_from_rows(by_table) == {"evt-1": [("trade-tariffs", 0.6)]}
    article = {"id": "art-1", "published": extraction.published, "pipeline": "dyad test"}
    rebuilt = extraction_from_rows(article, by_table)
    assert rebuilt.to_dict() == expected
    assert rebuilt.actors[0].extractor == "dyad_actors@1"
    assert rebuilt.issues[0].taxonomy_version == "tax-1"
