"""Reported speech and belief as attributions, and `dyad eval quotes` on attribution gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from dyad.cli import main
from dyad.errors import EvaluationError
from dyad.evaluation.attributions import (
    is_attribution_gold,
    read_attribution_gold,
    score_attributions,
)
from dyad.model import ActorRef, Evidence, Extraction, Quote, Speaker
from dyad.model import Span as TextSpan
from dyad.nlp.extract import extract

ARTICLE = "\n\n".join(
    [
        "Health Minister Ana Duarte said on Monday that the outbreak had been contained.",
        "At least forty people were injured in the blast, according to the regional police.",
        "Investigators suspect the fire was started deliberately.",
        "The company has reportedly cut its workforce by half.",
        "It was reported that the border had been closed.",
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2025-03-04", id="test-attributions")


def reported(extraction: Extraction, words: str) -> Quote:
    for quote in extraction.quotes:
        if quote.kind in ("indirect", "belief") and quote.text.startswith(words):
            return quote
    raise AssertionError(f"no reported speech starting {words!r}: {[q.text for q in extraction.quotes]}")


def test_said_that_clause_with_source_and_cue(extraction: Extraction) -> None:
    quote = reported(extraction, "the outbreak")
    assert quote.text == "the outbreak had been contained"
    assert quote.kind == "indirect" and quote.cue is not None and quote.cue.text == "said"
    assert quote.source is not None and quote.source.text == "Health Minister Ana Duarte"
    assert quote.source_head is not None and quote.source_head.text == "Duarte"
    assert quote.speaker is not None and quote.speaker.actor.name == "Ana Duarte"


def test_according_to_frame_is_left_out_of_the_content(extraction: Extraction) -> None:
    quote = reported(extraction, "At least forty")
    assert quote.text == "At least forty people were injured in the blast"
    assert quote.cue is not None and quote.cue.text == "according to"
    assert quote.source is not None and quote.source.text == "the regional police"


def test_belief_verbs_are_beliefs(extraction: Extraction) -> None:
    quote = reported(extraction, "the fire")
    assert quote.kind == "belief" and quote.cue is not None and quote.cue.text == "suspect"


def test_hearsay_adverb_and_impersonal_passive_have_no_source(extraction: Extraction) -> None:
    hearsay = reported(extraction, "The company")
    assert hearsay.cue is not None and hearsay.cue.text == "reportedly" and hearsay.source is None
    impersonal = reported(extraction, "the border")
    assert impersonal.cue is not None and impersonal.cue.text == "It was reported"
    assert impersonal.source is None and impersonal.speaker is None


def test_every_span_is_the_text_it_names(extraction: Extraction) -> None:
    for quote in extraction.quotes:
        for span in (quote.cue, quote.source, quote.source_head):
            if span is not None:
                assert ARTICLE[span.start : span.end] == span.text


# -- scoring ---------------------------------------------------------------------------------------------

TEXT = "Title: Talks\nDate: 2025-01-02\n\nThe envoy said talks went well, according to aides."


def _gold(folder: Path, rows: list[dict[str, object]]) -> Path:
    (folder / "texts").mkdir()
    (folder / "texts" / "talks.txt").write_text(TEXT, encoding="utf-8")
    path = folder / "attribution.dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


BODY = TEXT.split("\n\n", 1)[1]


def _row(kind: str, content: str, source: str | None, cue: str, speaker: str) -> dict[str, object]:
    start = BODY.index(content)
    row: dict[str, object] = {
        "article": "talks", "file": "texts/talks.txt", "split": "dev", "kind": kind,
        "start": start, "end": start + len(content), "check": content[:30],
        "cue": cue, "cue_start": BODY.index(cue), "cue_end": BODY.index(cue) + len(cue),
        "speaker": {"name": speaker, "country": "NOR"},
    }  # fmt: skip
    if source is not None:
        s = BODY.index(source)
        row["source"] = {"start": s, "end": s + len(source), "check": source}
        row["source"] |= {"head_start": s, "head_end": s + 1}
    return row


def _predicted(content: str, source: str, cue: str, speaker: str, kind: str = "indirect") -> Quote:
    start = BODY.index(content)

    def span(words: str) -> TextSpan:
        return TextSpan(BODY.index(words), BODY.index(words) + len(words), words)

    return Quote(
        id=content,
        text=content,
        start=start,
        end=start + len(content),
        kind=kind,  # type: ignore[arg-type]
        speaker=Speaker(ActorRef("a", speaker, "NOR", None), span(source)),
        cue=span(cue),
        addressee=None,
        relayed_by=None,
        evidence=Evidence(BODY, 0, start, start + len(content), content, "test@0"),
        source=span(source),
    )


def test_attribution_gold_reads_own_texts_after_their_header(tmp_path: Path) -> None:
    path = _gold(tmp_path, [_row("indirect", "talks went well", "The envoy", "said", "envoy")])
    assert is_attribution_gold(path)
    (article,) = read_attribution_gold(path)
    assert article.published == "2025-01-02" and article.attributions[0].cue == (10, 14)
    bad = _row("indirect", "talks went well", "The envoy", "said", "envoy") | {"check": "walks"}
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="check"):
        read_attribution_gold(path)


def test_scores_per_kind_and_family(tmp_path: Path) -> None:
    rows = [
        _row("indirect", "talks went well", "The envoy", "said", "envoy"),
        _row("indirect", "The envoy said talks went well", "aides", "according to", "aides"),
    ]
    (article,) = read_attribution_gold(_gold(tmp_path, rows))
    predicted = [
        _predicted("talks went well", "The envoy", "said", "Envoy"),
        _predicted("envoy said talks went well", "aides", "according", "someone else"),
        _predicted("The envoy", "The envoy", "said", "Envoy", kind="partial"),  # another family
    ]
    summary = score_attributions(article, predicted).summary()
    indirect = summary["indirect"]
    assert indirect["content_exact"]["recall"] == 0.5 and indirect["content_overlap"]["recall"] == 1.0
    assert indirect["source_exact"]["f1"] == 1.0
    assert indirect["cue_exact"]["recall"] == 0.5 and indirect["cue_overlap"]["recall"] == 1.0
    assert indirect["speaker_accuracy"] == 0.5
    assert summary["partial"]["content_overlap"]["precision"] == 0.0
    assert summary["all"]["content_overlap"]["precision"] == round(2 / 3, 4)


def test_cli_prints_the_table_per_kind(tmp_path: Path) -> None:
    path = _gold(tmp_path, [_row("indirect", "talks went well", "The envoy", "said", "envoy")])
    result = CliRunner().invoke(main, ["eval", "quotes", str(path)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert {"direct", "partial", "indirect", "belief", "quoted", "reported", "all"} <= set(lines)
    assert lines["indirect"].split()[1] == "1" and lines["indirect"].endswith("(1)")  # gold 1, matched 1


GOLD = ROOT / "gold" / "quotes"


@pytest.mark.parametrize(
    ("name", "content", "source", "cue", "speaker"),
    # Floors just under the measured figures (reported content overlap F1, source exact F1, cue exact F1;
    # speaker accuracy on direct and partial quotes): dev 0.887/0.831/0.865/0.954, dev2 (16 Wikinews
    # articles annotated to sort speaker errors into classes) 0.771/0.656/0.700/0.969, held-out
    # 0.824/0.767/0.770/0.860 (only ever measured; 0.820 on quotes before the dev2 error classes were fixed);
    # dev3 (15 texts of ours dense in partial quotes) 0.868/0.778/0.839/0.923 (on its first 7 texts 0.833
    # before their error classes were fixed, 0.923 after), held-out 2 (5 more texts, only measured)
    # 0.883/0.857/0.883/0.879; dev2's speaker accuracy rose to 0.990 with dev3's classes. dev4 and held-out 3
    # (15 more texts of ours, written before dyad ran on them), first measured 0.947/0.884/0.947/0.922 and
    # 0.889/0.852/0.852/0.933; dev4's speaker accuracy 0.969 after its error classes were fixed. dev5 (13 more
    # texts of ours, nearly all partial quotes, written before dyad ran on them in two batches) first
    # measured 0.844/0.756/0.822/0.881 on its first 8 texts (0.926 after their error classes were fixed),
    # 0.863/0.797/0.824/0.888 with the second 5, 0.908 after theirs; "accused X of Y" read as reported speech
    # raised dev5 to 0.906/0.843/0.868 and dev3 to 0.890/0.802/0.861. Held-out 4 (4 texts written with dev5)
    # and held-out 5 (1 text written with dev5's second batch), measured once after these changes:
    # 0.918/0.787/0.853/0.781 and 0.923/0.769/0.923/1.000 (held-out 4's quoted speaker was 0.781 before them).
    # Session 7: dev6, dev7, dev8 (17 texts of ours dense in group speakers and partial quotes, written in
    # three batches before dyad ran on each) and held-out 6, 7, 8 (7 texts written with them, only measured).
    # Speaker rules fitted to dev6-8 (counted groups, titles, relayed pronouns, loose fragments, dateline
    # subjects) raised their quoted speaker 0.816/0.826/0.929 -> 0.959/0.913/0.964 but lost 4 quotes on the
    # older held-out sets (Wikinews held-out 0.954 -> 0.907) and, on 235 unlabelled Wikinews articles, made
    # 5 speakers wrong for 2 made right: they were reverted. Figures without them: dev6 0.891/0.818/0.818/
    # 0.816, dev7 0.800/0.756/0.756/0.826, dev8 0.913/0.870/0.913/0.929, held-out 6 0.946/0.909/0.946/0.769,
    # held-out 7 0.929/0.929/0.929/0.727, held-out 8 1.000/1.000/1.000/0.833. Session 8: every dateline
    # form is a sentence of its own (dyad.nlp.datelines): dev5 0.930/0.896/0.934/0.898 -> 0.927/0.904/0.936/
    # 0.878, its quoted speaker floor 0.89 -> 0.87 (one text's first sentence, parsed without its dateline,
    # reads "X, Y and Z" as an apposition: "the three leaders" finds no three-member coordination).
    [
        ("attribution.dev.jsonl", 0.85, 0.8, 0.83, 0.93),
        ("attribution.dev2.jsonl", 0.75, 0.63, 0.68, 0.97),
        ("attribution.dev3.jsonl", 0.87, 0.78, 0.84, 0.89),
        ("attribution.heldout.jsonl", 0.8, 0.74, 0.75, 0.84),
        ("attribution.heldout2.jsonl", 0.86, 0.83, 0.86, 0.86),
        ("attribution.dev4.jsonl", 0.93, 0.86, 0.93, 0.95),
        ("attribution.heldout3.jsonl", 0.87, 0.83, 0.83, 0.91),
        ("attribution.dev5.jsonl", 0.88, 0.81, 0.84, 0.87),
        ("attribution.heldout4.jsonl", 0.89, 0.76, 0.83, 0.76),
        ("attribution.heldout5.jsonl", 0.9, 0.74, 0.9, 0.95),
        ("attribution.dev6.jsonl", 0.87, 0.8, 0.8, 0.8),
        ("attribution.dev7.jsonl", 0.78, 0.73, 0.73, 0.81),
        ("attribution.dev8.jsonl", 0.9, 0.85, 0.9, 0.91),
        ("attribution.heldout6.jsonl", 0.93, 0.89, 0.93, 0.75),
        ("attribution.heldout7.jsonl", 0.9, 0.9, 0.9, 0.7),
        ("attribution.heldout8.jsonl", 0.95, 0.95, 0.95, 0.8),
        ("attribution.dev9.jsonl", 0.95, 0.93, 0.95, 0.95),
        ("attribution.heldout9.jsonl", 0.9, 0.88, 0.88, 0.95),
    ],
)
def test_floors_on_the_attribution_dev_gold(
    name: str, content: float, source: float, cue: float, speaker: float
) -> None:
    from dyad.evaluation.attributions import evaluate_attributions

    path = GOLD / name
    if not path.is_file():
        pytest.skip(f"attribution gold {name} not present")
    try:
        articles = read_attribution_gold(path)
    except EvaluationError as exc:
        pytest.skip(f"../shared/corpus/wikinews missing: {exc}")
    total, _ = evaluate_attributions(articles)
    summary = total.summary()
    assert summary["reported"]["content_overlap"]["f1"] >= content
    assert summary["reported"]["source_exact"]["f1"] >= source
    assert summary["reported"]["cue_exact"]["f1"] >= cue
    assert summary["quoted"]["speaker_accuracy"] >= speaker


# -- store ------------------------------------------------------------------------------------------------


def test_store_keeps_every_attribution_with_source_cue_and_group(
    tmp_path: Path, extraction: Extraction
) -> None:
    from dataclasses import replace

    from dyad.store.database import connect, transaction
    from dyad.store.extractions import load_extraction, save_extraction
    from extraction_builders import insert_article

    conn = connect(tmp_path / "store.db")
    first = extraction.quotes[0]
    assert first.speaker is not None
    members = (ActorRef("a1", "Ana Duarte", "PRT", "GOV"), ActorRef("a2", "Rui Costa", "BRA", "GOV"))
    group = replace(first, speaker=replace(first.speaker, members=members, affiliation=members[0]))
    saved = replace(extraction, id="art-1", quotes=(group, *extraction.quotes[1:]))
    insert_article(conn, "art-1", ARTICLE, published="2025-03-04")
    with transaction(conn):
        save_extraction(conn, saved)
    loaded = load_extraction(conn, "art-1")
    assert loaded is not None and loaded.quotes == saved.quotes
    kinds = {r[0] for r in conn.execute("SELECT kind FROM quotes")}
    assert {"indirect", "belief"} <= kinds
    row = conn.execute(
        "SELECT source, cue_start, cue_end, speaker_affiliation FROM quotes WHERE id = ?", (group.id,)
    ).fetchone()
    assert group.source is not None and group.cue is not None
    assert tuple(row) == (group.source.text, group.cue.start, group.cue.end, "Ana Duarte")
    countries = [r[0] for r in conn.execute("SELECT country FROM quote_speakers ORDER BY name")]
    assert countries == ["PRT", "BRA"]


def test_a_version_1_store_is_migrated_in_place(tmp_path: Path) -> None:
    import sqlite3
    from importlib import resources

    from dyad.store.database import SCHEMA_VERSION, connect, schema_version

    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.executescript(resources.files("dyad.store").joinpath("schema.sql").read_text(encoding="utf-8"))
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION >= 2
    columns = {r[1] for r in conn.execute("PRAGMA table_info(quotes)")}
    assert {"source", "source_start", "source_end", "cue_start", "cue_end", "speaker_affiliation"} <= columns
    assert conn.execute("SELECT count(*) FROM quote_speakers").fetchone()[0] == 0


# -- who can speak -----------------------------------------------------------------------------------------

SPEAKERS = "\n\n".join(
    [
        "The tanker reported that its engine had failed.",
        "The hotel's website estimated that 120 people were inside.",
        "Some of the opposition parties said the vote had been rigged.",
        "The Red Cross and government officials said that 5,000 homes were destroyed.",
        "The presidents of Lithuania, Latvia and Estonia met in Riga on Friday. They called the plan "
        "“unacceptable”.",
        "Human Rights Watch's Asia director Sophie Lin said the army had burned villages.",
    ]
)


@pytest.fixture(scope="module")
def speakers() -> Extraction:
    return extract(SPEAKERS, published="2025-03-04", id="test-voices")


def test_things_never_speak_and_documents_speak_for_their_author(speakers: Extraction) -> None:
    tanker = reported(speakers, "its engine")
    assert tanker.speaker is None  # a ship never speaks; no operator is named
    assert tanker.source is not None and tanker.source.text == "The tanker"
    website = reported(speakers, "120 people")
    assert website.speaker is not None and "hotel" in website.speaker.actor.name.lower()
    assert website.source is not None and website.source.text == "The hotel's website"


def test_partitive_speaks_as_its_group(speakers: Extraction) -> None:
    quote = reported(speakers, "the vote")
    assert quote.speaker is not None and "parties" in quote.speaker.actor.name
    assert quote.source is not None and quote.source.text == "Some of the opposition parties"


def test_several_speakers_are_a_group_with_each_members_country(speakers: Extraction) -> None:
    together = reported(speakers, "5,000 homes")
    assert together.speaker is not None and len(together.speaker.members) == 2
    leaders = next(q for q in speakers.quotes if q.text == "unacceptable")
    assert leaders.speaker is not None
    assert {m.country for m in leaders.speaker.members} == {"LTU", "LVA", "EST"}
    assert leaders.speaker.actor.country is None  # no country shared by all


def test_person_named_with_an_organisation_is_the_person(speakers: Extraction) -> None:
    quote = reported(speakers, "the army")
    assert quote.speaker is not None and quote.speaker.actor.name == "Sophie Lin"
    assert quote.speaker.affiliation is not None and quote.speaker.affiliation.name == "Human Rights Watch"


def test_noun_classes_come_from_word_vectors() -> None:
    from dyad.nlp.pipeline import load_pipeline
    from dyad.nlp.voices import can_speak

    nlp = load_pipeline("md")
    doc = nlp.make_doc("officials spokesperson protesters loan tanker season")
    for token, pos in zip(doc, ["NOUN"] * 6, strict=True):
        token.pos_ = pos
        token.lemma_ = token.lower_.rstrip("s") if token.lower_ != "protesters" else "protester"
    assert [can_speak(t) for t in doc] == [True, True, True, False, False, False]


LAYOUTS = "\n\n".join(
    [
        "TBILISI, Oct 28 (Wire) – International observers said on Monday that the vote had been marred by "
        "fraud, according to a preliminary statement.",
        "Foreign Minister Anna Lindqvist spoke to our correspondent Tom Berg in Stockholm on Wednesday.",
        "BERG: Will Sweden increase its aid to the region?",
        "LINDQVIST: We will. The government decided this morning to add 200 million kronor.",
        "BERG: Is that enough?",
        "LINDQVIST: It is never enough, but it is a start.",
    ]
)


@pytest.fixture(scope="module")
def layouts() -> Extraction:
    return extract(LAYOUTS, published="2024-10-28", id="test-layouts")


def test_a_dateline_never_speaks(layouts: Extraction) -> None:
    quote = reported(layouts, "the vote")
    assert quote.speaker is not None and "observers" in quote.speaker.actor.name.lower()


def test_transcript_turns_are_their_speakers_words(layouts: Extraction) -> None:
    turns = {q.text: q for q in layouts.quotes if q.kind == "direct"}
    answer = turns["It is never enough, but it is a start."]
    assert answer.speaker is not None and answer.speaker.actor.name == "Anna Lindqvist"
    assert answer.source is not None and answer.source.text == "LINDQVIST"
    question = turns["Is that enough?"]
    assert question.speaker is not None and question.speaker.actor.name == "Tom Berg"
    assert not any(q.kind == "indirect" and "government decided" in q.text for q in layouts.quotes)
