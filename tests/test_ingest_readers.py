"""Each reader turns its format into articles with the right fields."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from conftest import EXAMPLES
from dyad.ingest import FieldMapping, InputFailure, read_sources
from dyad.ingest.records import canonical_url, normalise_date
from dyad.ingest.text import split_header
from dyad.model import Article
from ingest_helpers import article_text, html_page, write_jsonl, write_warc


def _articles(*targets: str | Path, **options: object) -> list[Article]:
    items = list(read_sources([str(t) for t in targets], **options))  # type: ignore[arg-type]
    failures = [str(i) for i in items if isinstance(i, InputFailure)]
    assert not failures, failures
    return [i for i in items if isinstance(i, Article)]


def test_text_with_header(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Title: Ministers meet\nDate: 22 April 2024\nURL: https://News.Example/a?utm_source=x#top\n"
        "Source: Example Wire\n\nThe ministers met in Geneva.\n\nThey agreed to talk again.\n",
        encoding="utf-8",
    )
    [article] = _articles(path)
    assert article.title == "Ministers meet"
    assert article.published == "2024-04-22"
    assert article.url == "https://news.example/a"
    assert article.source == "Example Wire"
    assert article.text == "The ministers met in Geneva.\n\nThey agreed to talk again."
    assert article.id == Article.make_id(url="https://news.example/a", text=article.text)
    assert article.origin == str(path)


def test_text_without_header_keeps_colon_lines() -> None:
    header, body = split_header("Note: this is not a header\nIt is the first paragraph.")
    assert header == {} and body.startswith("Note:")
    header, body = split_header("Title: T\nKeywords: a, b\n\nBody")
    assert header == {"title": "T", "keywords": "a, b"} and body == "Body"


def test_text_without_url_has_text_identity(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some  article\ttext about talks.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("some article text   about TALKS.", encoding="utf-8")
    a, b = _articles(tmp_path)
    assert a.url is None and a.id == b.id


def test_html_metadata_with_trafilatura(tmp_path: Path) -> None:
    [article] = _articles(EXAMPLES / "taiwan-strait-transit.html")
    assert article.title and article.title.startswith("US destroyer sails through Taiwan Strait")
    assert article.url == "https://harbourtimes.example/asia/2025/05/07/taiwan-strait-transit"
    assert article.source == "Harbour Times"
    assert article.author == "Kenji Sato"
    assert article.published == "2025-05-07"
    assert article.text.startswith("TAIPEI — A United States Navy destroyer")  # the repeated headline is cut
    assert article.text.count("\n\n") == 4  # five paragraphs, separated as every reader separates them
    assert "Eastern Theater Command" in article.text
    assert "Subscribe" not in article.text and "newsletter" not in article.text  # boilerplate removed
    assert article.language == "en"


def test_jsonl_fields_metadata_and_language() -> None:
    articles = _articles(EXAMPLES / "wire-feed.jsonl")
    assert len(articles) == 5
    first = articles[0]
    assert first.metadata == {"section": "World"}
    assert first.source == "Dyad Example Wire"
    assert first.origin and first.origin.endswith("wire-feed.jsonl:1")
    assert {a.language for a in articles} == {"en", "fr"}
    assert articles[1].published == "2025-06-20T16:05:00+00:00"


def test_field_mapping_and_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    records = [
        {"body": "Text one about the summit.", "meta": {"headline": "One", "when": "2024-01-02"}, "k": 1},
        {"body": "Text two about the summit.", "meta": {"headline": "Two", "when": "2024-01-03"}, "k": 2},
    ]
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    mapping = FieldMapping.parse(["title=meta.headline", "date=meta.when"])
    one, two = _articles(path, mapping=mapping)
    assert (one.title, one.published, one.text) == ("One", "2024-01-02", "Text one about the summit.")
    assert two.metadata == {"k": 2}
    assert one.origin and one.origin.endswith("x.json#1")


def test_json_single_object_and_large_array_stream(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": "A single article.", "title": "Solo"}), encoding="utf-8")
    assert [a.title for a in _articles(single)] == ["Solo"]
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps([{"text": article_text(n, 400), "url": f"https://x.example/{n}"} for n in range(300)])
    )
    assert len(_articles(many)) == 300  # records straddle the 64 KB read chunks


def test_csv_aliases_and_multiline_fields() -> None:
    articles = _articles(EXAMPLES / "regional-briefs.csv")
    assert len(articles) == 3
    hotline = articles[0]
    assert hotline.title and hotline.title.startswith("US and Chinese defence chiefs")
    assert hotline.published == "2025-08-05"
    assert hotline.source == "dyad.example"  # no source column: the URL's host
    assert "\n\n" in hotline.text
    assert articles[1].origin and articles[1].origin.endswith(
        "regional-briefs.csv:9"
    )  # line where the record starts


def test_feed_file_uses_entry_content_without_fetching() -> None:
    articles = _articles(EXAMPLES / "us-china-diplomacy.rss")
    assert [a.published for a in articles] == ["2025-05-21T14:00:00+00:00", "2025-10-09T18:30:00+00:00"]
    assert articles[0].source == "Dyad Example Wire: US-China"
    assert articles[0].author == "Staff reporter"
    assert "zero-tolerance" in articles[0].text and "<p>" not in articles[0].text


def test_warc_html_responses(tmp_path: Path) -> None:
    pages = [(f"https://cc.example/{n}", html_page(f"Story {n}", article_text(n))) for n in range(3)]
    for suffix, compressed in (("a.warc.gz", True), ("b.warc", False)):
        articles = _articles(write_warc(tmp_path / suffix, pages, gzip=compressed))
        assert [a.url for a in articles] == [u for u, _ in pages]
        assert articles[0].title == "Story 0" and articles[0].source == "Loopback News"
        assert articles[0].metadata.get("crawled")


def test_gzip_is_transparent(tmp_path: Path) -> None:
    plain = write_jsonl(tmp_path / "a.jsonl", 5)
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    txt = tmp_path / "c.txt.gz"
    txt.write_bytes(gzip.compress(b"Title: Zipped\n\nA zipped article body."))
    assert len(_articles(packed)) == 5
    assert _articles(txt)[0].title == "Zipped"


def test_directories_recursive_sorted_and_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b.txt").write_text("Second article body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article body.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article format", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    assert [a.text for a in _articles(tmp_path)] == ["First article body.", "Second article body."]


def test_examples_directory_reads_every_sample() -> None:
    articles = _articles(EXAMPLES)
    assert len(articles) >= 12
    assert sum("China" in a.text and "United States" in a.text for a in articles) >= 8


def test_stdin_jsonl() -> None:
    data = b'{"text": "From stdin one."}\n\n{"text": "From stdin two.", "title": "T"}\n'
    articles = _articles("-", stdin=io.BytesIO(data))
    assert [a.origin for a in articles] == ["stdin:1", "stdin:3"]


def test_canonical_url_and_dates() -> None:
    assert canonical_url("HTTPS://WWW.Example.com:443/a/b?id=3&utm_medium=x&fbclid=y#frag") == (
        "https://www.example.com/a/b?id=3"
    )
    assert canonical_url("http://example.com:8080") == "http://example.com:8080/"
    assert normalise_date("Mon, 22 Apr 2024 10:00:00 GMT") == "2024-04-22T10:00:00+00:00"
    assert normalise_date("2024-04-22T10:00:00Z") == "2024-04-22T10:00:00+00:00"
    assert normalise_date("April 22, 2024") == "2024-04-22"
    assert normalise_date("2024-04") == "2024-04"
    assert normalise_date("not a date at all") is None
