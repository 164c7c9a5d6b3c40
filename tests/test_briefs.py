from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from dyad import __version__
from dyad.briefs.brief import build_brief
from dyad.briefs.render import render
from dyad.errors import QueryError
from dyad.store.database import connect
from extraction_builders import BLINKEN, CHN_GOV, PHL_GOV, USA_GOV, WANG, ArticleBuilder


@pytest.fixture
def conn(db_path: Path) -> sqlite3.Connection:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    one.event("The United States accused China of backing Russia's war.", USA_GOV, CHN_GOV, "accuse",
              issues=("russia-ukraine-war",))  # fmt: skip
    one.event(
        "China threatened the United States over Taiwan.", CHN_GOV, USA_GOV, "threaten", issues=("taiwan",)
    )
    one.quote("China must stop fuelling the war", BLINKEN, issues=("russia-ukraine-war",))
    one.quote("Taiwan is a red line <script>alert(1)</script>", WANG, issues=("taiwan",), addressee=USA_GOV)
    one.store(conn, url="https://news.example/one", title="Talks in Beijing")
    two = ArticleBuilder("art-2", "2024-06-20")
    two.event("The United States sanctioned Chinese firms supplying Russia.", USA_GOV, CHN_GOV, "sanction",
              issues=("russia-ukraine-war",))  # fmt: skip
    two.event("The United States met China on climate.", USA_GOV, CHN_GOV, "meet", issues=("climate",))
    two.store(conn, url="javascript:alert(1)", title="Sanctions")
    return conn


def test_issues_ranked_by_salience_and_conflict(conn: sqlite3.Connection) -> None:
    brief = build_brief(conn, "USA", "CHN")
    ids = [i.id for i in brief.issues]
    assert ids[0] == "russia-ukraine-war"  # most evidence and most hostile
    assert ids[-1] == "climate"  # cooperative: least of a divide
    assert brief.counts == {"articles": 2, "events": 4, "quotes": 2, "events_without_issue": 0}


def test_every_item_is_footnoted_to_article_sentence_and_url(conn: sqlite3.Connection) -> None:
    data = build_brief(conn, "USA", "CHN").to_dict()
    for issue in data["issues"]:
        notes = {f["n"]: f for f in issue["footnotes"]}
        for item in [*issue["events"], *issue["quotes"], *issue["context"]]:
            note = notes[item["footnote"]]
            assert note["article_id"] in {"art-1", "art-2"}
            assert note["sentence"]
        assert issue["events"] or issue["quotes"]
    war = data["issues"][0]
    assert {q["side"] for q in war["quotes"]} == {"USA"}
    assert [e["day"] for e in war["events"]] == ["2024-04-02", "2024-06-20"]
    first = war["footnotes"][0]
    assert (first["url"], first["sentence_index"]) == ("https://news.example/one", 0)


def test_thin_evidence_and_silent_sides_are_said(conn: sqlite3.Connection) -> None:
    data = build_brief(conn, "USA", "CHN").to_dict()
    climate = next(i for i in data["issues"] if i["id"] == "climate")
    assert "Thin evidence" in climate["thin_evidence"]
    assert "No quotes from USA or CHN" in climate["thin_evidence"]
    assert any("2 article(s)" in n for n in data["notes"])


def test_trend_compares_halves_of_the_period(conn: sqlite3.Connection) -> None:
    war = build_brief(conn, "USA", "CHN").issues[0]
    assert war.trend.direction == "steady"
    # 79 days of evidence: weekly buckets, from the Monday of the first day, empty weeks included
    assert war.trend.buckets[0][0] == "2024-04-01"
    assert len(war.trend.buckets) == 12
    assert sum(n for _, n, _ in war.trend.buckets) == 3
    single = build_brief(conn, "USA", "CHN", until="2024-04-30").issues[0]
    assert single.trend.direction == "single-source"  # one article: what it recounts is no trend
    same_day = ArticleBuilder("art-3", "2024-04-02")
    same_day.event("China accused the United States of meddling.", CHN_GOV, USA_GOV, "accuse",
                   issues=("russia-ukraine-war",))  # fmt: skip
    same_day.store(conn)
    one_day = build_brief(conn, "USA", "CHN", until="2024-04-30").issues[0]
    assert one_day.trend.direction == "single-period"
    assert "shows no trend" in one_day.trend.text


def test_period_and_empty_pair(conn: sqlite3.Connection) -> None:
    brief = build_brief(conn, "USA", "CHN", since="2024-06-01")
    assert {i.id for i in brief.issues} == {"russia-ukraine-war", "climate"}
    empty = build_brief(conn, "USA", "FRA")
    assert empty.issues == ()
    assert "nothing to brief" in empty.notes[0]
    with pytest.raises(QueryError):
        build_brief(conn, "USA", "USA")


def test_json_is_stamped_and_has_the_documented_shape(conn: sqlite3.Connection) -> None:
    data = json.loads(render(build_brief(conn, "USA", "CHN", since="2024-01-01"), "json"))
    assert data["pair"] == ["USA", "CHN"]
    assert data["period"]["since"] == "2024-01-01"
    assert data["stamp"]["dyad"] == __version__
    assert data["stamp"]["taxonomy"] == ["tax-1"]
    assert data["stamp"]["query"] == {"pair": ["USA", "CHN"], "since": "2024-01-01", "until": None}
    assert set(data["issues"][0]) >= {"id", "label", "events", "quotes", "trend", "footnotes"}


def test_html_escapes_article_text_and_drops_unsafe_links(conn: sqlite3.Connection) -> None:
    html = render(build_brief(conn, "USA", "CHN"), "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="https://news.example/one"' in html
    assert 'href="javascript:' not in html


def test_markdown_lists_issues_quotes_and_sources(conn: sqlite3.Connection) -> None:
    text = render(build_brief(conn, "USA", "CHN"), "md")
    assert text.startswith("# USA–CHN: the major divides")
    assert "## 1. Russia Ukraine War" in text
    assert "Antony Blinken" in text
    assert "\\<script\\>" in text and "<script>" not in text
    assert "[^1]: Talks in Beijing" in text
    assert "<https://news.example/one>" in text
    assert "javascript:" not in text


def test_near_duplicates_count_once(conn: sqlite3.Connection) -> None:
    copy = ArticleBuilder("art-1-copy", "2024-04-02")
    copy.event("The United States accused China of backing Russia's war.", USA_GOV, CHN_GOV, "accuse",
               issues=("russia-ukraine-war",))  # fmt: skip
    copy.store(conn, canonical_id="art-1")
    brief = build_brief(conn, "USA", "CHN")
    assert brief.counts["events"] == 4 and brief.counts["articles"] == 2


def test_evidence_involves_both_countries(conn: sqlite3.Connection) -> None:
    """A US speaker on a US matter, in an article that also names China, is no US-China evidence."""
    mixed = ArticleBuilder("art-4", "2024-05-01")
    mixed.event("China warned the Philippines.", CHN_GOV, PHL_GOV, "threaten")
    mixed.paragraph()
    for _ in range(4):
        mixed.sentence("Voters queued for hours in the rain outside polling stations across the state.")
    mixed.quote("Our election will be free and fair", BLINKEN, issues=("elections",))
    mixed.quote("The vote count is on schedule", BLINKEN, issues=("elections",))
    mixed.store(conn)
    brief = build_brief(conn, "USA", "CHN")
    assert "elections" not in {i.id for i in brief.issues}
    assert "elections" not in {i for i, _ in brief.more_issues}
    assert brief.counts["quotes"] == 2  # Blinken naming China, Wang addressing the United States
    # The sentence before a quote often names whom it is about: a quote right after China is named counts.
    near = ArticleBuilder("art-6", "2024-05-02")
    near.event("China warned the Philippines.", CHN_GOV, PHL_GOV, "threaten")
    near.paragraph()
    near.quote("We will defend our ally", BLINKEN, issues=("south-china-sea",))
    near.store(conn)
    assert build_brief(conn, "USA", "CHN").counts["quotes"] == 3


def test_repeated_sentences_are_merged(conn: sqlite3.Connection) -> None:
    again = ArticleBuilder("art-5", "2024-06-21")
    again.event("The United States sanctioned Chinese firms supplying Russia.", USA_GOV, CHN_GOV, "sanction",
                issues=("russia-ukraine-war",))  # fmt: skip
    again.store(conn)
    war = build_brief(conn, "USA", "CHN").to_dict()["issues"][0]
    sentences = [e["sentence"] for e in war["events"]]
    assert len(sentences) == len(set(sentences)) == 2
    assert war["counts"]["events"] == 3 and war["omitted"]["events"] == 0


def test_their_own_words_come_before_reported_speech(db_path: Path) -> None:
    conn = connect(db_path)
    b = ArticleBuilder("art-9", "2024-05-01")
    b.event("China warned the United States over Taiwan.", CHN_GOV, USA_GOV, "warn", issues=("taiwan",))
    for n in range(5):
        b.quote(
            f"the island will be defended, part {n}",
            WANG,
            issues=("taiwan",),
            addressee=BLINKEN,
            kind="indirect",
        )
    b.quote("Taiwan is a red line", WANG, issues=("taiwan",), addressee=BLINKEN)
    b.store(conn)
    taiwan = next(i for i in build_brief(conn, "USA", "CHN").to_dict()["issues"] if i["id"] == "taiwan")
    kinds = [q["kind"] for q in taiwan["quotes"]]
    assert kinds[0] == "direct" and kinds[1:] == ["indirect"] * (len(kinds) - 1)


def test_reported_speech_relaying_a_listed_quote_is_not_listed_again(db_path: Path) -> None:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    one.quote("China must stop arming Russia's war machine", BLINKEN, issues=("russia-ukraine-war",))
    # The State Department relays the same words ("...," Blinken said, according to the department).
    relayed = '"China must stop arming Russia\'s war machine," Blinken said'
    one.quote(relayed, USA_GOV, issues=("russia-ukraine-war",), kind="indirect")
    one.quote("China is helping Russia rebuild its defence industry", USA_GOV, issues=("russia-ukraine-war",),
              kind="indirect")  # fmt: skip
    one.event("The United States accused China of backing Russia's war.", USA_GOV, CHN_GOV, "accuse",
              issues=("russia-ukraine-war",))  # fmt: skip
    one.store(conn, url="https://news.example/one", title="Talks")
    issues = build_brief(conn, "USA", "CHN").to_dict()["issues"]
    (war,) = [i for i in issues if i["id"] == "russia-ukraine-war"]
    texts = [q["text"] for q in war["quotes"]]
    assert texts == [
        "China must stop arming Russia's war machine",
        "China is helping Russia rebuild its defence industry",
    ]


def test_an_act_someone_claims_says_who_reports_it(db_path: Path) -> None:
    # Words a speaker says are the speaker's claim, not an act seen: the brief says whose, in every format.
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    one.event('"The United States keeps arming Taipei," Wang said.', USA_GOV, CHN_GOV, "aid",
              issues=("taiwan",), reported_by=WANG)  # fmt: skip
    one.event("The United States accused China of backing Russia's war.", USA_GOV, CHN_GOV, "accuse",
              issues=("taiwan",))  # fmt: skip
    one.store(conn, url="https://news.example/one", title="Talks")
    brief = build_brief(conn, "USA", "CHN")
    (taiwan,) = [i for i in brief.to_dict()["issues"] if i["id"] == "taiwan"]
    assert sorted(str(e["reported_by"]) for e in taiwan["events"]) == ["None", "Wang Yi"]
    markdown = render(brief, "md")
    assert markdown.count("as reported by Wang Yi") == 1
    assert "as reported by Wang Yi" in render(brief, "html")


def test_an_act_its_own_side_tells_is_said_by_it_not_reported(db_path: Path) -> None:
    # A minister on his own state's act speaks for the acting side: no third party reports it.
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    one.event('"China will answer every provocation in the strait," Wang said.', CHN_GOV, USA_GOV, "threaten",
              issues=("taiwan",), reported_by=WANG)  # fmt: skip
    one.event('"China keeps arming the rebels," Blinken said.', CHN_GOV, USA_GOV, "aid", issues=("taiwan",),
              reported_by=BLINKEN)  # fmt: skip
    one.store(conn, url="https://news.example/one", title="Talks")
    brief = build_brief(conn, "USA", "CHN")
    (taiwan,) = [i for i in brief.to_dict()["issues"] if i["id"] == "taiwan"]
    assert sorted((e["reported_by"], e["own_claim"]) for e in taiwan["events"]) == [
        ("Antony Blinken", False),
        ("Wang Yi", True),
    ]
    for fmt in ("md", "html"):
        text = render(brief, fmt)
        assert "said by Wang Yi" in text and "reported by Wang Yi" not in text
        assert "as reported by Antony Blinken" in text


def test_one_act_several_articles_report_is_one_claim_with_a_footnote_each(db_path: Path) -> None:
    conn = connect(db_path)
    first = ArticleBuilder("art-1", "2024-06-13")
    first.event("The United States imposed sanctions on four Chinese shipping firms on Thursday.", USA_GOV,
                CHN_GOV, "sanction", issues=("sanctions",), date="2024-06-13")  # fmt: skip
    first.event("Washington sanctioned a Chinese bank on Monday.", USA_GOV, CHN_GOV, "sanction",
                issues=("sanctions",), date="2024-06-10")  # fmt: skip
    first.event("The step is the second round of U.S. sanctions this month.", USA_GOV, CHN_GOV, "sanction",
                issues=("sanctions",), date="2024-06")  # fmt: skip
    first.store(conn, url="https://news.example/one", title="US sanctions shippers")
    second = ArticleBuilder("art-2", "2024-06-14")
    second.event("Thursday's U.S. sanctions on Chinese shippers were the second round this year.", USA_GOV,
                 CHN_GOV, "sanction", issues=("sanctions",))  # fmt: skip
    second.store(conn, url="https://news.example/two", title="Shippers hit")
    later = ArticleBuilder("art-3", "2024-06-28")
    later.event("The United States imposed new sanctions on Chinese drone makers on Friday.", USA_GOV,
                CHN_GOV, "sanction", issues=("sanctions",))  # fmt: skip
    later.store(conn, url="https://news.example/three", title="Drone makers hit")
    brief = build_brief(conn, "USA", "CHN")
    (sanctions,) = [i for i in brief.to_dict()["issues"] if i["id"] == "sanctions"]
    assert sanctions["counts"]["events"] == 5  # every report counts
    claims = [(e["day"], len(e["footnotes"])) for e in sanctions["events"]]
    # The first article's undated recap and the second article's report join Thursday's act; Monday's
    # sanction, dated apart in the same story, and the one two weeks later are acts of their own.
    assert claims == [("2024-06-10", 1), ("2024-06-13", 3), ("2024-06-28", 1)]
    joined = sanctions["events"][1]["footnotes"]
    markdown = render(brief, "md")
    assert "".join(f"[^{n}]" for n in joined) in markdown
    html = render(brief, "html")
    assert all(f'href="#fn-{n}"' in html for n in joined)


def test_an_event_and_a_quote_of_one_sentence_cite_it_once(db_path: Path) -> None:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02T14:00:00+00:00")
    said = "The United States keeps arming Taipei"
    event = one.event(f'"{said}," Wang said.', USA_GOV, CHN_GOV, "aid", issues=("taiwan",), reported_by=WANG)
    quote = one.quote(said, WANG, issues=("taiwan",))
    start = event.evidence.start + 1
    one.quotes[-1] = replace(quote, evidence=replace(event.evidence, start=start, end=start + len(said)))
    one.store(conn, url="https://news.example/one", title="Talks")
    brief = build_brief(conn, "USA", "CHN")
    (taiwan,) = [i for i in brief.to_dict()["issues"] if i["id"] == "taiwan"]
    assert [e["footnote"] for e in taiwan["events"]] == [q["footnote"] for q in taiwan["quotes"]]
    (note,) = [f for f in taiwan["footnotes"] if f["n"] == taiwan["events"][0]["footnote"]]
    assert (note["start"], note["end"]) == (event.evidence.start, event.evidence.end)  # the sentence's span
    markdown = render(brief, "md")
    assert "Talks, test 2024-04-02, sentence 1" in markdown  # the day it was published
    assert ", 2024-04-02," in render(brief, "html")


def test_quoted_words_are_shown_without_the_comma_that_led_into_the_attribution(db_path: Path) -> None:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    one.quote("The United States keeps arming Taipei,", WANG, issues=("taiwan",), addressee=USA_GOV)
    one.store(conn, url="https://news.example/one", title="Talks")
    brief = build_brief(conn, "USA", "CHN")
    (taiwan,) = [i for i in brief.to_dict()["issues"] if i["id"] == "taiwan"]
    assert [q["text"] for q in taiwan["quotes"]] == ["The United States keeps arming Taipei"]
    assert "“The United States keeps arming Taipei” [^" in render(brief, "md")


def test_an_act_both_sides_do_in_one_sentence_is_shown_as_mutual(db_path: Path) -> None:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", "2024-04-02")
    agreed = one.event("The two ministers agreed to reopen their consulates.", USA_GOV, CHN_GOV, "meet",
                       issues=("taiwan",))  # fmt: skip
    back = replace(agreed, id="evt-back", source=agreed.target, target=agreed.source)
    one.events.append(back)
    one.item_issues[back.id] = one.item_issues[agreed.id]
    one.event("The United States accused China of backing Russia's war.", USA_GOV, CHN_GOV, "accuse",
              issues=("taiwan",))  # fmt: skip
    one.store(conn, url="https://news.example/one", title="Talks")
    brief = build_brief(conn, "USA", "CHN")
    (taiwan,) = [i for i in brief.to_dict()["issues"] if i["id"] == "taiwan"]
    assert sorted((e["cameo"], e["mutual"]) for e in taiwan["events"]) == [("040", True), ("112", False)]
    markdown = render(brief, "md")
    assert "United States ↔ China, CAMEO 040" in markdown or "China ↔ United States, CAMEO 040" in markdown
    assert "United States → China, CAMEO 112" in markdown
    assert "↔" in render(brief, "html")


def test_items_of_an_undated_article_are_said_to_be_undated(db_path: Path) -> None:
    conn = connect(db_path)
    one = ArticleBuilder("art-1", None)
    one.event("The United States accused China of backing Russia's war.", USA_GOV, CHN_GOV, "accuse",
              issues=("taiwan",))  # fmt: skip
    one.store(conn, url="https://news.example/one", title="Talks")
    brief = build_brief(conn, "USA", "CHN")
    for fmt in ("md", "html"):
        text = render(brief, fmt)  # type: ignore[arg-type]
        assert "undated: United States" in text and "None" not in text, fmt
