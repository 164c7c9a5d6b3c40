"""`dyad eval quotes`: gold loading, matching rules, and the pinned floors on the seed and Wikinews gold."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, shared_path
from dyad.cli import main
from dyad.errors import EvaluationError
from dyad.evaluation.quotes import GoldParty, evaluate, read_gold, same_party, score_article
from dyad.model import ActorRef, Evidence, Quote, Speaker

TEXT = 'The envoy said "talks went well" and added "we will return soon."'


def write_corpus(folder: Path) -> None:
    with (folder / "news.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "date", "title", "text"])
        writer.writerow(["https://example.org/wiki/Envoy_visit", "2025-01-02", "Envoy visit", TEXT])


def gold_row(start: int, end: int, **extra: object) -> str:
    row = {"article": "Envoy_visit", "file": "news.csv", "start": start, "end": end}
    row["check"] = TEXT[start:end][:30]
    row.update({"kind": "partial", "speaker": {"name": "The envoy", "country": "NOR", "named": False}})
    row.update(extra)
    return json.dumps(row)


def make_quote(start: int, end: int, speaker: ActorRef | None) -> Quote:
    evidence = Evidence(TEXT, 0, start, end, TEXT[start:end], "test@0")
    return Quote(
        id=f"q{start}",
        text=TEXT[start:end],
        start=start,
        end=end,
        kind="partial",
        speaker=Speaker(speaker, None) if speaker else None,
        cue=None,
        addressee=None,
        relayed_by=None,
        evidence=evidence,
    )


def test_read_gold_verifies_check_snippets(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    first = TEXT.index("talks")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_row(first, first + len("talks went well")) + "\n", encoding="utf-8")
    articles = read_gold(gold, tmp_path)
    assert len(articles) == 1 and articles[0].quotes[0].speaker == GoldParty("The envoy", "NOR", False)
    gold.write_text(gold_row(first + 1, first + 9) + "\n", encoding="utf-8")  # offsets no longer fit
    bad = gold_row(first, first + 5).replace('"check": "talks"', '"check": "walks"')
    gold.write_text(bad + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError) as error:
        read_gold(gold, tmp_path)
    assert "gold.jsonl:1" in str(error.value)


def test_read_gold_reports_missing_fields_and_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "x"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="missing fields"):
        read_gold(gold, tmp_path)
    with pytest.raises(EvaluationError, match="not found"):
        read_gold(tmp_path / "absent.jsonl", tmp_path)


def test_scoring_exact_overlap_and_speakers(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    first, second = TEXT.index("talks"), TEXT.index("we will")
    gold = tmp_path / "gold.jsonl"
    lines = [
        gold_row(first, first + len("talks went well")),
        gold_row(second, len(TEXT) - 1, speaker={"name": "Jonas Gahr Store", "country": "NOR"}),
    ]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    article = read_gold(gold, tmp_path)[0]
    envoy = ActorRef("a1", "Norwegian envoy", "NOR", "GOV")
    store = ActorRef("a2", "Store", "NOR", "GOV")
    predicted = [make_quote(first, first + len("talks went well"), envoy)]
    predicted.append(make_quote(second, second + 7, store))
    counts = score_article(article, predicted)
    summary = counts.summary()
    assert summary["exact"]["f1"] == 0.5 and summary["overlap"]["f1"] == 1.0
    assert summary["speaker_accuracy"] == 1.0  # anonymous by country, named by surname


def test_same_party_rules() -> None:
    forces = GoldParty("Syrian Democratic Forces", "SYR")
    assert same_party(forces, ActorRef("x", "SDF", "SYR", None))
    assert same_party(GoldParty("Antony Blinken", "USA"), ActorRef("x", "Blinken", "USA", "GOV"))
    assert not same_party(GoldParty("Antony Blinken", "USA"), ActorRef("x", "Matthew Miller", "USA", "GOV"))
    official = GoldParty("senior State Department official", "USA", named=False)
    assert same_party(official, ActorRef("x", "State Department", "USA", "GOV"))
    assert not same_party(GoldParty("Wang Yi", "CHN"), ActorRef("x", "Beijing", "CHN", "GOV"))
    # titles are dropped from both names, so a first name with an honorific matches either way round
    princess = ActorRef("x", "Ubolratana Mahidol", "THA", None)
    assert same_party(GoldParty("Princess Ubolratana", "THA"), princess)
    assert same_party(
        GoldParty("Ubolratana Mahidol", "THA"), ActorRef("x", "Princess Ubolratana", "THA", None)
    )
    assert not same_party(
        GoldParty("Tedros Adhanom Ghebreyesus", "WHO"), ActorRef("x", "Director", None, None)
    )
    assert not same_party(GoldParty("Gray Miller", "USA"), ActorRef("x", "Judge", "USA", None))


@pytest.mark.shared
@pytest.mark.slow
def test_seed_quotes_all_right_through_the_cli() -> None:
    seed = shared_path("gold/dev/seed/seed.gold.json")
    result = CliRunner().invoke(main, ["eval", "quotes", str(seed), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["gold"] == 7
    assert summary["exact"]["recall"] == 1.0 and summary["exact"]["precision"] == 1.0
    assert summary["speaker_accuracy"] == 1.0
    assert summary["addressee"] == "1/1" and summary["relayed_by"] == "1/1"


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    ("split", "content_f1", "speaker"),
    # Floors pinned just under the measured figures (content F1 / speaker accuracy: dev 1.000/0.971,
    # dev2 0.941/0.958, dev3 1.000/1.000, dev4 1.000/1.000, held-out 0.989/0.907). The held-out speaker
    # figure was 0.930 under a name matcher that let any one-word gold name match any multi-word
    # prediction; fixed, the same extractor scored 0.907, the first issue-16 speaker rules 0.884, and the
    # speaker rules built on the second attribution dev set 0.907 (that file is only measured). Session 12's
    # speakers named outside the cue (6a864c9: dash asides, 'with those words', nationality descriptions, lone
    # surnames) lost one of its 43 quotes, 0.884, while the pooled held-out kept 231 right; the change stays
    # for its gains on our own passages and the floor records the loss rather than hiding it.
    [
        ("dev", 0.95, 0.96),
        ("dev2", 0.9, 0.95),
        ("dev3", 0.95, 0.95),
        ("dev4", 0.95, 0.95),
        ("heldout", 0.95, 0.88),
    ],
)
def test_wikinews_floors(split: str, content_f1: float, speaker: float) -> None:
    corpus = shared_path("corpus/wikinews")
    total, _ = evaluate(read_gold(ROOT / "gold" / "quotes" / f"wikinews.{split}.jsonl", corpus))
    summary = total.summary()
    assert summary["exact"]["f1"] >= content_f1
    assert summary["speaker_accuracy"] >= speaker
