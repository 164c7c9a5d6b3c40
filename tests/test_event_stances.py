"""A stance about another party's act ("skeptical of China's proposal", "expressed optimism about Ethiopia's
offer") is a pessimistic (012) or optimistic (013) comment toward that party; a mood that names nothing it
is about ("he remained optimistic") is none. Sentences of our own (gold/events_stance.jsonl), written and
annotated before dyad ran on them.
"""

from __future__ import annotations

from conftest import ROOT, gold_records
from dyad.evaluation.events import check_tricky
from dyad.nlp.extract import extract
from dyad.nlp.pipeline import load_pipeline
from dyad.nlp.predicates import sentence_predicates

GOLD = ROOT / "gold" / "events_stance.jsonl"
RECORDS = gold_records(GOLD)
# Dev sentences right: 2 of 10 before the stance words (the three naming no party), 8 after; the two left
# are right but for their reporter: "Japan said it was skeptical" is reported by Japan, as the project's
# convention has it (the tricky sentence rep-02), which our annotation left out.
DEV_FLOOR = 8


def _keys(text: str) -> list[tuple[set[str | None], set[str | None], str]]:
    return [
        ({s.country for s in e.source}, {t.country for t in e.target}, e.cameo) for e in extract(text).events
    ]


def test_stances_dev_floor() -> None:
    dev = [r for r in RECORDS if r["split"] == "dev"]
    passed = [r["id"] for r in dev if not check_tricky(r, extract(r["text"]).events)]
    assert len(passed) >= DEV_FLOOR, passed


def test_a_stance_about_a_party_is_a_comment_toward_it() -> None:
    assert _keys("Peru is sceptical about Chile's latest offer on the border.") == [({"PER"}, {"CHL"}, "012")]
    assert _keys("Ghana voiced optimism over Togo's plan for the railway.") == [({"GHA"}, {"TGO"}, "013")]


def test_a_mood_about_nothing_named_is_no_predicate() -> None:
    # In an article the story's parties would fill the missing side (a Wikinews dev article's "he remained
    # cautiously optimistic a deal would be reached" became Britain's comment on Britain).
    doc = load_pipeline("md")(
        "The Irish minister said she remained optimistic that an agreement would be signed."
    )
    assert "optimistic" not in {doc[p.token].text for p in sentence_predicates(doc[:])}
