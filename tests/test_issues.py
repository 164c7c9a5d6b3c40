"""The dyad_issues tagger: issues per article with evidence, per event and quote, and its gold scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from conftest import ROOT, shared_path
from dyad.codebooks.taxonomy import load_taxonomy
from dyad.evaluation.issues import (
    DEFAULT_GOLD,
    TOPIC_LABELS,
    GoldItem,
    evaluate,
    issue_pipeline,
    read_gold,
    read_seed_gold,
    read_topic_labels,
    score,
    tag,
)
from dyad.model import Evidence, Extraction, IssueTag, Quote
from dyad.nlp.issues import ParagraphIssues, _dominant, issues_for_span

TRADE_AND_TAIWAN = (
    "Washington raised tariffs on Chinese steel and solar panels to 50%, and Beijing's commerce ministry "
    "promised retaliatory duties on American farm goods.\n\n"
    "Chinese warships and fighter jets circled Taiwan for a second day of drills, and Taipei said it had "
    "put its missile units on alert."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return issue_pipeline("md")


def ids(doc_tags: object) -> set[str]:
    return {t.id for t in doc_tags}  # type: ignore[attr-defined]


def test_paragraphs_keep_their_own_issues(nlp: Language) -> None:
    doc = nlp(TRADE_AND_TAIWAN)
    tags = {t.id: t for t in doc._.dyad_issues}
    assert {"trade-tariffs", "taiwan"} <= set(tags)
    for tag_ in tags.values():
        assert 0.0 < tag_.score <= 1.0 and tag_.evidence
        assert tag_.score == round(tag_.score, 4)  # the output's precision: the store and Parquet agree
        for span in tag_.evidence:
            assert TRADE_AND_TAIWAN[span.start : span.end] == span.text
    assert all("Taiwan" in s.text or "Taipei" in s.text for s in tags["taiwan"].evidence)
    assert tags["taiwan"].to_dict().keys() >= {"id", "label", "score", "evidence"}
    trade_sentence = TRADE_AND_TAIWAN.index("Washington")
    span_issues = dict(issues_for_span(doc, trade_sentence, trade_sentence + 40))
    assert "trade-tariffs" in span_issues and "taiwan" not in span_issues
    drills = TRADE_AND_TAIWAN.index("Chinese warships")
    assert [i for i, _ in issues_for_span(doc, drills, drills + 30)] == ["taiwan"]


def test_a_mention_is_not_an_issue(nlp: Language) -> None:
    text = (
        "Taiwan's largest chipmaker reported record profits as demand for servers grew, and its chief "
        "executive said a new factory in Arizona would open next year."
    )
    assert "taiwan" not in ids(nlp(text)._.dyad_issues)
    assert nlp("The bakery on Main Street will close for renovation until the spring.")._.dyad_issues == []
    assert nlp("")._.dyad_issues == []


def test_children_imply_their_parent(nlp: Language) -> None:
    doc = nlp(
        "Houthi fighters in Yemen fired drones at two merchant vessels in the Red Sea, and Hezbollah "
        "launched rockets at northern Israel, in attacks the groups said were coordinated with Tehran."
    )
    found = ids(doc._.dyad_issues)
    assert "proxy-groups" in found and "middle-east" in found


def test_events_and_quotes_get_the_issues_of_their_paragraph(nlp: Language) -> None:
    doc = nlp.make_doc(TRADE_AND_TAIWAN)
    start = TRADE_AND_TAIWAN.index("Chinese warships")
    end = TRADE_AND_TAIWAN.index(".", start)
    evidence = Evidence(TRADE_AND_TAIWAN[start:end], 2, start, end, TRADE_AND_TAIWAN[start:end], "test@1")
    quote = Quote("quo-1", evidence.text, start, end, "indirect", None, None, None, None, evidence)
    doc._.dyad_quotes = [quote]
    for _, component in nlp.pipeline:
        doc = component(doc)
    tags = {t.id: t for t in doc._.dyad_issues}
    assert [item for item, _ in tags["taiwan"].items] == ["quo-1"]
    assert tags["trade-tariffs"].items == ()
    assert tags["taiwan"].to_dict()["items"][0]["id"] == "quo-1"

    mapping = Extraction(id="a", published=None, quotes=(quote,), issues=tuple(tags.values())).item_issues()
    assert [issue for issue, _ in mapping["quo-1"]] == ["taiwan"]


def test_a_user_taxonomy_replaces_the_default(tmp_path: Path) -> None:
    path = tmp_path / "water.yaml"
    path.write_text(
        "version: w1\nissues:\n  - id: water\n    label: Water disputes\n"
        "    description: Disputes between countries over rivers, dams and the sharing of water.\n"
        "    cues: {keywords: [dam, river, water sharing]}\n",
        encoding="utf-8",
    )
    custom = issue_pipeline("md", str(path))
    tags = custom("Egypt warned Ethiopia that filling the giant dam on the Nile river threatens its water.")
    assert [(t.id, t.taxonomy_version) for t in tags._.dyad_issues] == [("water", "w1")]


def test_gold_files_are_well_formed() -> None:
    taxonomy = load_taxonomy()
    dev, held = (read_gold(ROOT / p, taxonomy) for p in DEFAULT_GOLD)
    assert len(dev) >= 60 and 0.2 <= len(held) / (len(dev) + len(held)) <= 0.3
    all_ids = [i.id for i in dev + held]
    assert len(all_ids) == len(set(all_ids))
    texts = [i.text for i in dev + held]
    assert len(texts) == len(set(texts))
    covered = taxonomy.with_ancestors({i for item in dev for i in item.issues})
    assert covered == {i.id for i in taxonomy.issues}  # the dev gold exercises every issue


@pytest.mark.slow
def test_scores_stay_above_their_floors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    results = evaluate(list(DEFAULT_GOLD))
    assert results["issues"].f1 >= 0.9, results["issues"].to_dict()
    assert results["issues.heldout"].f1 >= 0.9, results["issues.heldout"].to_dict()


def test_seed_divides_are_found_with_their_evidence(nlp: Language) -> None:
    gold = shared_path("gold/dev/seed/seed.gold.json")
    taxonomy = load_taxonomy()
    seed = read_seed_gold(gold, taxonomy)
    predictions = tag(nlp, [seed])
    scores = score([seed], predictions, taxonomy)
    assert scores.recall == 1.0, scores.to_dict()
    assert scores.evidence_hits == scores.evidence_total == 7
    assert json.loads(json.dumps([t.to_dict() for t in predictions[0]]))


def test_a_paragraph_without_cues_continues_the_one_before(nlp: Language) -> None:
    text = (
        "Chinese warships and fighter jets circled Taiwan for a second day of drills, and Taipei said it had "
        "put its missile units on alert.\n\n"
        "The ministry said the ships had stayed for hours and that it would keep watching them closely."
    )
    doc = nlp(text)
    second = text.index("The ministry")
    assert [issue for issue, _ in issues_for_span(doc, second, second + 20)] == ["taiwan"]
    (score,) = [s for i, s in issues_for_span(doc, second, second + 20)]
    assert score < next(t.score for t in doc._.dyad_issues if t.id == "taiwan")


def test_scoring_forgives_a_more_specific_issue_but_not_a_broader_one() -> None:
    taxonomy = load_taxonomy()

    def tags(*issue_ids: str) -> list[IssueTag]:
        return [IssueTag(i, i, 0.9, (), taxonomy.version, "test@1") for i in issue_ids]

    items = [
        GoldItem("a", "text", ("middle-east",)),
        GoldItem("b", "text", ("iran",)),
        GoldItem("c", "text", ()),
    ]
    scores = score(items, [tags("iran", "middle-east"), tags("middle-east"), tags("taiwan")], taxonomy)
    assert (scores.tp, scores.fp, scores.fn) == (2, 1, 1)  # a: 1 tp; b: middle-east tp, iran fn; c: taiwan fp
    assert scores.errors == [
        {"id": "b", "missed": ["iran"], "extra": []},
        {"id": "c", "missed": [], "extra": ["taiwan"]},
    ]


def testread_topic_labels_name_issues_of_the_taxonomy() -> None:
    labels = read_topic_labels(ROOT / TOPIC_LABELS, load_taxonomy())
    assert len(labels) >= 20 and len({t for t, _ in labels}) == len(labels)


def test_a_round_up_paragraph_is_not_continued() -> None:
    def unit(**scores: float) -> ParagraphIssues:
        roots = {"iran": "middle-east", "middle-east": "middle-east"}
        return ParagraphIssues(0, 10, ((0, 10),), dict(scores), {}, {i: roots.get(i, i) for i in scores})

    assert sorted(_dominant(unit(iran=0.9, **{"middle-east": 0.9, "sanctions": 0.66}))) == [
        "iran",
        "middle-east",
    ]
    assert _dominant(unit(**{"middle-east": 0.72, "trade-tariffs": 0.70})) == []
