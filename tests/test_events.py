"""Event extraction: predicates, coding and the quality gates (seed gold, tricky sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, gold_records, shared_path
from dyad.codebooks.cameo import plover_event
from dyad.errors import EvaluationError
from dyad.evaluation.event_gold import read_class_gold, read_span_gold
from dyad.evaluation.event_scores import evaluate_heldout, score_class, score_spans
from dyad.evaluation.events import check_tricky, cv_folds, load_dev, score_seed, score_tricky
from dyad.model import Event
from dyad.nlp.extract import extract

TRICKY = ROOT / "gold" / "events_tricky.jsonl"
RECORDS = gold_records(TRICKY)
# Floors only go up: held-out sentences were written with the dev ones, before the extractor.
HELDOUT_FLOOR = 6
SEED_FLOOR = 15
# Cross-validated exact-match span F1 on the ConfliBERT dev spans (measured 0.834 / 0.612, session 11).
SOURCE_SPAN_FLOOR = 0.82
TARGET_SPAN_FLOOR = 0.60
# Cross-validated ConfliBERT sentence class macro-F1 (measured 0.891; 0.839 before the main verb's terms,
# 0.794 while the lexicon's code decided the class in code_sentence).
CLASS_FLOOR = 0.88


def _events(text: str) -> tuple[Event, ...]:
    return extract(text).events


def _by_code(events: tuple[Event, ...], root: str) -> Event:
    found = [e for e in events if e.cameo_root == root]
    assert found, f"no {root} event in {[e.cameo for e in events]}"
    return found[0]


@pytest.mark.parametrize("record", [r for r in RECORDS if r["split"] == "dev"], ids=lambda r: r["id"])
def test_tricky_dev_sentence(record: dict) -> None:  # type: ignore[type-arg]
    assert check_tricky(record, _events(record["text"])) == []


def test_tricky_heldout_floor() -> None:
    heldout = [r for r in RECORDS if r["split"] == "heldout"]
    passed = [r["id"] for r in heldout if not check_tricky(r, _events(r["text"]))]
    assert len(passed) >= HELDOUT_FLOOR, passed


def test_condemn_is_usa_to_chn_criticism() -> None:
    event = _by_code(_events("The US has sharply condemned Chinese naval drills that menace Taiwan."), "11")
    assert event.cameo == "111" and event.quad_class == 3 and event.goldstein == -2.0
    assert {a.country for a in event.source} == {"USA"} and {a.country for a in event.target} == {"CHN"}
    assert event.primary and event.plover is not None and event.plover.type == "ACCUSE"
    assert [s.text for s in event.source_spans] == ["The US"]
    assert event.evidence.sentence.startswith("The US") and event.evidence.extractor.startswith(
        "dyad_events@"
    )


def test_appeal_keeps_the_request_hypothetical() -> None:
    events = _events(
        "Blinken has urged China to play a bigger role and press Iran not to widen the conflict."
    )
    appeal = _by_code(events, "02")
    assert appeal.primary and appeal.modality == "asserted"
    assert {a.country for a in appeal.source} == {"USA"} and {a.country for a in appeal.target} == {"CHN"}
    for event in events:
        if event is not appeal:
            assert event.modality != "asserted" or event.negated


def test_no_evidence_negates_the_claim() -> None:
    text = "Although Washington says it has seen no sign that China is really arming Russia, diplomats worry."
    for event in _events(text):
        if {a.country for a in event.source} == {"CHN"} and {a.country for a in event.target} == {"RUS"}:
            assert event.negated


def test_between_makes_an_undirected_pair() -> None:
    event = _by_code(
        _events("A call between President Joe Biden and Chinese leader Xi Jinping lasted an hour."), "04"
    )
    assert {a.country for a in event.source} | {a.country for a in event.target} == {"USA", "CHN"}


def test_plover_follows_modality_and_negation() -> None:
    assert plover_event("042", "asserted", False).type == "CONSULT"  # type: ignore[union-attr]
    assert plover_event("042", "intent", False).type == "AGREE"  # type: ignore[union-attr]
    assert plover_event("190", "future", False).type == "THREATEN"  # type: ignore[union-attr]
    assert plover_event("036", "asserted", True).type == "REJECT"  # type: ignore[union-attr]
    assert plover_event("010", "asserted", False) is None


def test_seed_gold_events() -> None:
    gold = shared_path("gold/dev/seed/seed.gold.json")
    result = score_seed(gold)
    arming = [e for e in result["events"] if "arming Russia" in e["sentence"]]
    assert arming and arming[0]["found"], arming
    assert result["found"] >= SEED_FLOOR, [e for e in result["events"] if not e["found"]]


def test_gold_readers_name_the_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "class.tsv"
    bad.write_text("A sentence.\t1\nAnother sentence.\tseven\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"class\.tsv:2"):
        read_class_gold(bad)
    spans = tmp_path / "spans.txt"
    spans.write_text("France B-S\nprotested O\n\nbroken\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"spans\.txt:4"):
        read_span_gold(spans)


def test_cross_validated_span_floors() -> None:
    folder = shared_path("gold/dev")
    dev = load_dev(folder)
    scores = score_spans(dev.span_items, dev.span_gold, cv_folds(dev.span_items, dev.pool, dev.span_gold))
    assert scores["source"]["f1"] >= SOURCE_SPAN_FLOOR, scores
    assert scores["target"]["f1"] >= TARGET_SPAN_FLOOR, scores


def test_heldout_folder_is_scored_with_the_shipped_models(tmp_path: Path) -> None:
    folder = tmp_path / "test" / "confliBERT"
    folder.mkdir(parents=True)
    (folder / "cameo_class_test.tsv").write_text(
        "Chile condemned the Peruvian navy on Monday.\t3\nThe minister spoke about the weather.\t0\n",
        encoding="utf-8",
    )
    tagged = [("Chile", "B-S"), ("condemned", "O"), ("the", "B-T"), ("Peruvian", "I-T"), ("navy", "I-T"),
              ("on", "O"), ("Monday", "O"), (".", "O")]  # fmt: skip
    (folder / "cameo_ner_test.txt").write_text("".join(f"{w} {t}\n" for w, t in tagged), encoding="utf-8")
    result = evaluate_heldout(tmp_path / "test")
    assert set(result["files"]) == {"class", "spans"}
    assert result["conflibert_class"]["n"] == 2
    assert result["conflibert_class"]["accuracy"] == 1.0, result["conflibert_class"]
    assert result["conflibert_spans"]["source"]["f1"] == 1.0, result["conflibert_spans"]
    assert result["conflibert_spans"]["target"]["f1"] == 1.0, result["conflibert_spans"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvaluationError, match=r"no \*class"):
        evaluate_heldout(tmp_path / "empty")


def test_span_gold_reads_as_running_text(tmp_path: Path) -> None:
    words = ["Chile", "’", "s", "navy", "(", "CN", ")", "warned", "Peru", ",", "officials", "said", "."]
    tags = ["B-S", "I-S", "I-S", "I-S", "I-S", "I-S", "I-S", "O", "B-T", "O", "O", "O", "O"]
    path = tmp_path / "spans.txt"
    path.write_text("".join(f"{w} {t}\n" for w, t in zip(words, tags, strict=True)), encoding="utf-8")
    (example,) = read_span_gold(path)
    assert example.text == "Chile’s navy (CN) warned Peru, officials said."
    assert [example.text[a:b] for a, b in example.sources] == ["Chile’s navy (CN)"]
    assert [example.text[a:b] for a, b in example.targets] == ["Peru"]
    # Where the class file has the sentence as written, its layout wins.
    (example,) = read_span_gold(path, ["Chile’s navy (CN) warned  Peru, officials said."])
    assert [example.text[a:b] for a, b in example.targets] == ["Peru"]
    assert "warned  Peru" in example.text


def test_span_gold_offsets() -> None:
    path = shared_path("gold/dev/confliBERT/cameo_ner_train.txt")
    example = read_span_gold(path)[0]
    assert all(example.text[a:b].strip() == example.text[a:b] for a, b in example.sources | example.targets)


def test_phrase_closes_its_bracket() -> None:
    text = "South Africa issued a warning to the Lesotho Defence Force (LDF) about a coup."
    event = _by_code(_events(text), "13")
    assert [s.text for s in event.target_spans] == ["the Lesotho Defence Force (LDF)"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Yemeni Prime Minister Fahd al-Omari condemned the Saudi strike.",
            "Yemeni Prime Minister Fahd al-Omari",
        ),
        ("UN envoy Marie-Claire Dubois criticised the Malian junta.", "UN envoy Marie-Claire Dubois"),
    ],
)
def test_a_hyphenated_name_is_one_word_of_its_phrase(text: str, phrase: str) -> None:
    from dyad.nlp.noun_phrases import noun_phrase
    from dyad.nlp.pipeline import load_pipeline

    doc = load_pipeline("md")(text)
    head = next(t for t in doc if t.dep_ == "nsubj")
    start, end = noun_phrase(head, with_conjuncts=False)
    assert text[start:end] == phrase


def test_a_core_phrase_is_computed_wherever_it_differs() -> None:
    """``core_differs`` lets the readings skip a core phrase only where it equals the whole phrase."""
    from dyad.nlp.noun_phrases import core_differs, noun_phrase
    from dyad.nlp.pipeline import load_pipeline

    text = (
        "The head of the Lesotho Defence Force, General Maaparankoe Mahao, met envoys from Pretoria. "
        "Prime Minister Fahd al-Omari of Yemen, whose forces advanced, rejected the UN-backed plan. "
        "Protesters gathered near the embassy in Nairobi on Monday."
    )
    doc = load_pipeline("md")(text)
    differing = 0
    for head in (t for t in doc if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")):
        same = noun_phrase(head, False, core=True) == noun_phrase(head, False)
        if not core_differs(head):
            assert same, head.text
        differing += not same
    assert differing >= 3  # the sentences hold phrases whose core is shorter


def test_owner_of_the_object_is_the_target() -> None:
    (event,) = [e for e in _events("Japan summoned China's ambassador on Monday.") if e.cameo_root == "04"]
    assert [a.country for a in event.target] == ["CHN"]


def test_phrase_of_a_dropped_head_never_inverts() -> None:
    """A head that is itself punctuation or a dropped determiner keeps a one-token phrase (was E035)."""
    import spacy

    from dyad.nlp.noun_phrases import noun_phrase

    doc = spacy.blank("en")("They said '' a lot .")
    for token in doc:
        start, end = noun_phrase(token)
        assert start < end


def test_a_group_named_by_its_members_is_each_member() -> None:
    text = "Iran has increased cooperation with the navies of China, India and Russia."
    event = _by_code(_events(text), "06")
    assert [a.country for a in event.source] == ["IRN"]
    assert [a.country for a in event.target] == ["CHN", "IND", "RUS"]


def test_joining_something_is_no_meeting_of_the_joiners() -> None:
    text = "Australia, Bahrain and the United Kingdom joined the US-led coalition."
    assert not [e for e in _events(text) if e.cameo_root == "04"]


def test_verbs_known_only_from_vague_patterns_make_no_event() -> None:
    """ "died" (a pattern demanding no word, no object) and "leads" (a root-level 060) name no act."""
    assert _events("Hosni Mubarak died in a Cairo hospital on Tuesday.") == ()
    assert _events("William Barr leads the Justice Department.") == ()


def test_an_agentless_passive_arrest_is_the_authorities_act() -> None:
    text = "Police director Vladimir Rebic said at least 71 people were arrested in Belgrade on Friday night."
    event = _by_code(_events(text), "17")
    assert event.cameo == "173" and [(a.name, a.country) for a in event.source] == [("authorities", "SRB")]
    assert [a.country for a in event.target] == ["SRB"] and event.source_spans == ()


def test_going_to_ones_own_country_is_no_event() -> None:
    assert _events("The Iraqi prime minister returned to Iraq on Monday.") == ()


def test_cross_validated_class_floor() -> None:
    dev = load_dev(shared_path("gold/dev"), with_spans=False)
    scores = score_class(dev.class_items, dev.class_gold, cv_folds(dev.class_items, dev.pool))
    assert scores["macro_f1"] >= CLASS_FLOOR, scores


def test_transnational_group_is_not_of_the_articles_country() -> None:
    text = (
        "The United States said on Monday that al-Qaeda attacked a US base in 2019. "
        "American officials said al-Qaeda had threatened the United States for years."
    )
    for event in extract(text, published="2020-01-06").events:
        assert all(ref.country != "USA" for ref in event.source if "Qaeda" in ref.name), event


def test_held_out_tricky_sentences_are_counted_never_listed(tmp_path: Path) -> None:
    wrong = {"source": "FRA", "target": "DEU", "root": "19", "negated": False}  # nothing of the kind is told
    records = [
        {"id": "d1", "split": "dev", "text": "Japan met South Korea in Tokyo on Monday.", "events": [wrong]},
        {"id": "h1", "split": "heldout", "text": "Chile met Peru in Lima on Monday.", "events": [wrong]},
    ]
    path = tmp_path / "tricky.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    scores = score_tricky(path)
    assert scores["dev"]["passed"] == 0 and scores["dev"]["sentences"][0]["problems"]
    assert scores["heldout"] == {"passed": 0, "total": 1, "sentences": []}
    assert set(score_tricky(path, dev_only=True)) == {"dev"}


def test_a_person_titled_by_a_body_of_no_state_takes_no_country_from_the_article() -> None:
    # "accused Egypt" by a rights group's director is no act of Egypt on itself.
    events = _events("Human Rights Watch's Middle East director Dana Koury accused Egypt of jailing critics.")
    assert all(a.country != "EGY" for e in events for a in e.source), [e.source for e in events]
