"""A small store for the query, export and web tests, built from hand-made domain objects.

Articles are written by us; extraction results are real :class:`~dyad.model.Extraction` objects whose
spans point at the words of our sentences. Derived rows go in through ``dyad.store.extractions``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

from dyad.model import (
    Actor,
    ActorRef,
    Article,
    Event,
    Evidence,
    Extraction,
    IssueTag,
    Place,
    Plover,
    Quote,
    Span,
    Speaker,
    stable_id,
)
from dyad.store.database import connect, transaction
from dyad.store.extractions import save_extraction

USA_GOV = ActorRef("act-usa-gov", "United States", "USA", "GOV")
CHN_GOV = ActorRef("act-chn-gov", "China", "CHN", "GOV")
CHN_MIL = ActorRef("act-chn-mil", "People's Liberation Army", "CHN", "MIL")
RUS_GOV = ActorRef("act-rus-gov", "Russia", "RUS", "GOV")
TWN_GOV = ActorRef("act-twn-gov", "Taiwan", "TWN", "GOV")

# (day, source, verb, target, cameo, root, goldstein, quad, plover, issue, sentence template)
# The template marks source, verb and target as {s}, {v}, {t}.
EVENT_ROWS = [
    ("2024-04-01", USA_GOV, "criticized", CHN_GOV, "111", "11", -2.0, 3, "ACCUSE", "human-rights",
     "{s} {v} {t} over its treatment of Uyghurs in Xinjiang."),
    ("2024-04-03", CHN_GOV, "accused", USA_GOV, "112", "11", -2.0, 3, "ACCUSE", "taiwan",
     "{s} {v} {t} of meddling in Taiwan."),
    ("2024-04-08", USA_GOV, "met", CHN_GOV, "040", "04", 1.0, 1, "CONSULT", "trade-tariffs",
     "Officials of {s} {v} {t} to discuss tariffs on steel."),
    ("2024-04-10", CHN_MIL, "threatened", TWN_GOV, "138", "13", -7.0, 3, "THREATEN", "taiwan",
     "The {s} {v} {t} with drills near the island."),
    ("2024-04-15", CHN_GOV, "agreed with", USA_GOV, "057", "05", 8.0, 1, "AGREE", "fentanyl-narcotics",
     "{s} {v} {t} to curb fentanyl precursors."),
    ("2024-04-16", USA_GOV, "sanctioned", CHN_GOV, "163", "16", -8.0, 4, "SANCTION",
     "export-controls-technology", "{s} {v} {t} firms that sold chips to Russia."),
    ("2024-04-22", USA_GOV, "provided aid to", TWN_GOV, "070", "07", 7.0, 2, "AID", "taiwan",
     "{s} {v} {t} in a new package."),
    ("2024-05-02", RUS_GOV, "thanked", CHN_GOV, "051", "05", 3.4, 1, "AGREE", "russia-ukraine-war",
     "{s} {v} {t} for its support."),
]  # fmt: skip

QUOTES = [
    ("2024-04-03", CHN_GOV, USA_GOV, "taiwan", "The United States must stop arming Taiwan", "said"),
    ("2024-04-16", USA_GOV, CHN_GOV, "export-controls-technology", "We will protect our technology", "said"),
    ("2024-04-22", USA_GOV, TWN_GOV, "taiwan", "Our support for Taiwan is rock solid", "declared"),
]

ISSUE_LABELS = {
    "human-rights": "Human rights",
    "taiwan": "Taiwan",
    "trade-tariffs": "Trade and tariffs",
    "fentanyl-narcotics": "Fentanyl and narcotics",
    "export-controls-technology": "Export controls and technology",
    "russia-ukraine-war": "Russia's war in Ukraine",
}

XSS_TITLE = "Markup test <script>window.__pwned = 1</script>"
XSS_SENTENCE = "Washington <script>window.__pwned = 1</script> warned Beijing <b>today</b>."


def _span(text: str, piece: str, offset: int = 0) -> Span:
    start = text.index(piece, offset)
    return Span(start, start + len(piece), piece)


def _event_article(index: int) -> tuple[Article, Extraction]:
    day, src, verb, tgt, cameo, root, goldstein, quad, plover, issue, template = EVENT_ROWS[index]
    sentence = template.format(s=src.name, v=verb, t=tgt.name)
    sentence = sentence[0].upper() + sentence[1:]
    intro = f"Dateline {day}. "
    text = intro + sentence + " Analysts expect more talks this year."
    url = f"https://news.example.org/{day}/{index}"
    article = Article(
        id=Article.make_id(url=url, text=text),
        text=text,
        title=f"{src.name} and {tgt.name}: {verb}",
        url=url,
        source="news.example.org" if index % 2 == 0 else "wire.example.com",
        published=day,
        language="en",
    )
    s_start = len(intro)
    evidence = Evidence(sentence, 1, s_start, s_start + len(sentence), sentence, "test@1", 0.9 - index * 0.05)
    src_span = _span(text, src.name)
    verb_span = _span(text, verb, src_span.end)
    tgt_span = _span(text, tgt.name, verb_span.end)
    event = Event(
        id=stable_id("evt", article.id, index),
        source=(src,),
        target=(tgt,),
        cameo=cameo,
        cameo_root=root,
        goldstein=goldstein,
        quad_class=quad,
        plover=Plover(plover, None, None),
        negated=False,
        modality="asserted",
        reported_by=None,
        date=day,
        place="Taipei" if tgt is TWN_GOV else None,
        primary=True,
        evidence=evidence,
        source_spans=(src_span,),
        target_spans=(tgt_span,),
        predicate=verb_span,
    )
    actors = tuple(
        Actor(
            ref.id, ref.name, "state", ref.country, ref.sector, None, (_span(text, ref.name),), "test@1", 0.9
        )
        for ref in (src, tgt)
    )
    tag = IssueTag(
        issue, ISSUE_LABELS[issue], 0.8, (evidence_span(sentence, s_start),), "test-tax-1", "test@1"
    )
    places: tuple[Place, ...] = ()
    if tgt is TWN_GOV:
        places = (Place("Taipei", "TWN", "city", 25.03, 121.57, ()),)
    return article, Extraction(article.id, day, actors, places, (), (event,), (), (tag,), "test")


def evidence_span(sentence: str, start: int) -> Span:
    return Span(start, start + len(sentence), sentence)


def _quote_article(index: int) -> tuple[Article, Extraction]:
    day, speaker, addressee, issue, content, cue = QUOTES[index]
    sentence = f'"{content}," {speaker.name} {cue}.'
    text = f"Statement of {day}. " + sentence
    url = f"https://quotes.example.org/{day}/{index}"
    article = Article(
        Article.make_id(url=url, text=text),
        text,
        f"{speaker.name} speaks",
        url,
        "quotes.example.org",
        day,
        "en",
    )
    s_start = text.index(sentence)
    c = _span(text, content)
    evidence = Evidence(sentence, 1, s_start, s_start + len(sentence), sentence, "test@1", 0.85)
    quote = Quote(
        id=stable_id("quo", article.id, index),
        text=content,
        start=c.start,
        end=c.end,
        kind="direct",
        speaker=Speaker(speaker, _span(text, speaker.name, c.end)),
        cue=_span(text, cue, c.end),
        addressee=addressee,
        relayed_by=None,
        evidence=evidence,
    )
    actors = (
        Actor(speaker.id, speaker.name, "state", speaker.country, speaker.sector, None, (), "test@1", 0.9),
    )
    tag = IssueTag(
        issue, ISSUE_LABELS[issue], 0.7, (evidence_span(sentence, s_start),), "test-tax-1", "test@1"
    )
    return article, Extraction(article.id, day, actors, (), (), (), (quote,), (tag,), "test")


def _xss_article() -> tuple[Article, Extraction]:
    text = "Report. " + XSS_SENTENCE
    url = "https://evil.example.net/markup"
    article = Article(
        Article.make_id(url=url, text=text), text, XSS_TITLE, url, "evil.example.net", "2024-04-20", "en"
    )
    s_start = text.index(XSS_SENTENCE)
    evidence = Evidence(XSS_SENTENCE, 1, s_start, s_start + len(XSS_SENTENCE), XSS_SENTENCE, "test@1", 0.6)
    src = ActorRef("act-usa-gov", "Washington", "USA", "GOV")
    tgt = ActorRef("act-chn-gov", "Beijing", "CHN", "GOV")
    event = Event(
        id=stable_id("evt", article.id, "xss"),
        source=(src,),
        target=(tgt,),
        cameo="130",
        cameo_root="13",
        goldstein=-4.4,
        quad_class=3,
        plover=Plover("THREATEN", None, None),
        negated=False,
        modality="asserted",
        reported_by=None,
        date="2024-04-20",
        place=None,
        primary=True,
        evidence=evidence,
        source_spans=(_span(text, "Washington"),),
        target_spans=(_span(text, "Beijing"),),
        predicate=_span(text, "warned"),
    )
    return article, Extraction(article.id, "2024-04-20", (), (), (), (event,), (), (), "test")


def sample_extractions() -> list[tuple[Article, Extraction]]:
    items = [_event_article(i) for i in range(len(EVENT_ROWS))]
    items += [_quote_article(i) for i in range(len(QUOTES))]
    items.append(_xss_article())
    return items


def unreal_events() -> list[tuple[Article, Extraction]]:
    """Two events that did not happen: one negated, one hypothetical (series do not count them)."""
    out = []
    for index, (negated, modality) in enumerate([(True, "asserted"), (False, "hypothetical")]):
        article, extraction = _event_article(index)
        url = f"https://unreal.example.org/{index}"
        article = replace(article, id=Article.make_id(url=url, text=article.text + "."), url=url)
        event = replace(
            extraction.events[0], id=stable_id("evt", article.id), negated=negated, modality=modality
        )
        out.append((article, replace(extraction, id=article.id, events=(event,), issues=extraction.issues)))
    return out


def build_store(path: Path, extra: list[tuple[Article, Extraction]] | None = None) -> Path:
    """Write the sample articles and extractions (and ``extra`` ones), plus one near-duplicate article."""
    conn = connect(path)
    items = sample_extractions() + (extra or [])
    with transaction(conn):
        for article, extraction in items:
            _insert_article(conn, article)
            item_ids = [e.id for e in extraction.events] + [q.id for q in extraction.quotes]
            tagged = tuple(
                replace(t, items=tuple((item, 0.8) for item in item_ids)) for t in extraction.issues
            )
            save_extraction(conn, replace(extraction, issues=tagged))
        original = items[0][0]
        duplicate = Article(
            id=original.id + "-dup",
            text=original.text + " (syndicated)",
            title=original.title,
            url=(original.url or "") + "?syndicated",
            source="copy.example.com",
            published=original.published,
            language="en",
        )
        _insert_article(conn, duplicate, canonical=original.id)
    conn.close()
    return path


def _insert_article(conn: sqlite3.Connection, article: Article, canonical: str | None = None) -> None:
    conn.execute(
        "INSERT INTO articles(id, url, title, text, source, published, first_seen, language, text_hash,"
        " canonical_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.url,
            article.title,
            article.text,
            article.source,
            article.published,
            "2024-05-03T00:00:00Z",
            article.language,
            hashlib.sha1(article.text.encode()).hexdigest(),
            canonical,
        ),
    )
