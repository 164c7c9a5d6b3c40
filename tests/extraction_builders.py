"""Hand-built articles and extractions for store, analysis and brief tests (no NLP model needed).

The sentences are written for these tests; each builder computes real character offsets into its text.
"""

from __future__ import annotations

import sqlite3

from dyad.model import (
    Actor,
    ActorRef,
    Article,
    Event,
    Evidence,
    Extraction,
    IssueTag,
    Quote,
    Span,
    Speaker,
    stable_id,
)

USA_GOV = ActorRef("act-usa-gov", "United States", "USA", "GOV")
CHN_GOV = ActorRef("act-chn-gov", "China", "CHN", "GOV")
BLINKEN = ActorRef("act-blinken", "Antony Blinken", "USA", "GOV")
WANG = ActorRef("act-wang", "Wang Yi", "CHN", "GOV")
PHL_GOV = ActorRef("act-phl-gov", "Philippines", "PHL", "GOV")

# (cameo, root, goldstein, quad class) of the codes these tests use
CODES = {
    "accuse": ("112", "11", -2.0, 3),
    "warn": ("1123", "11", -2.0, 3),
    "sanction": ("163", "16", -8.0, 4),
    "meet": ("040", "04", 1.0, 1),
    "aid": ("070", "07", 7.0, 2),
    "threaten": ("130", "13", -4.4, 3),
}


def insert_article(
    conn: sqlite3.Connection,
    article_id: str,
    text: str,
    *,
    published: str | None,
    url: str | None = None,
    title: str | None = None,
    canonical_id: str | None = None,
) -> Article:
    conn.execute(
        "INSERT INTO articles(id, url, title, text, source, published, first_seen, text_hash, canonical_id)"
        " VALUES (?, ?, ?, ?, 'test', ?, '2024-05-01T00:00:00Z', ?, ?)",
        (article_id, url, title, text, published, stable_id("h", article_id, text), canonical_id),
    )
    return Article(id=article_id, text=text, title=title, url=url, published=published)


class ArticleBuilder:
    """Accumulates sentences and the events, quotes and issue tags found in them."""

    def __init__(self, article_id: str, published: str | None) -> None:
        self.article_id = article_id
        self.published = published
        self.text = ""
        self.sentences = 0
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.issue_spans: dict[str, list[Span]] = {}
        self.item_issues: dict[str, list[tuple[str, float]]] = {}
        self.actors: dict[str, ActorRef] = {}

    def sentence(self, text: str) -> tuple[int, int, int]:
        start = len(self.text) + (1 if self.text else 0)
        self.text = f"{self.text} {text}" if self.text else text
        index = self.sentences
        self.sentences += 1
        return start, start + len(text), index

    def paragraph(self) -> None:
        """End the paragraph: the next sentence starts a new one."""
        self.text += "\n"

    def _evidence(self, text: str) -> Evidence:
        start, end, index = self.sentence(text)
        return Evidence(text, index, start, end, text, "test@1", 0.9)

    def event(
        self,
        text: str,
        source: ActorRef,
        target: ActorRef,
        kind: str,
        *,
        issues: tuple[str, ...] = (),
        date: str | None = None,
    ) -> Event:
        cameo, root, goldstein, quad = CODES[kind]
        evidence = self._evidence(text)
        event = Event(
            id=stable_id("evt", self.article_id, evidence.start, cameo),
            source=(source,),
            target=(target,),
            cameo=cameo,
            cameo_root=root,
            goldstein=goldstein,
            quad_class=quad,
            plover=None,
            negated=False,
            modality="asserted",
            reported_by=None,
            date=date,
            place=None,
            primary=True,
            evidence=evidence,
        )
        self.events.append(event)
        self.actors.update({source.id: source, target.id: target})
        self._tag(event.id, evidence, issues)
        return event

    def quote(
        self,
        said: str,
        speaker: ActorRef,
        *,
        issues: tuple[str, ...] = (),
        addressee: ActorRef | None = None,
    ) -> Quote:
        text = f'"{said}," {speaker.name} said.'
        evidence = self._evidence(text)
        quote = Quote(
            id=stable_id("quo", self.article_id, evidence.start),
            text=said,
            start=evidence.start + 1,
            end=evidence.start + 1 + len(said),
            kind="direct",
            speaker=Speaker(speaker, None),
            cue=None,
            addressee=addressee,
            relayed_by=None,
            evidence=evidence,
        )
        self.quotes.append(quote)
        self.actors[speaker.id] = speaker
        self._tag(quote.id, evidence, issues)
        return quote

    def _tag(self, item_id: str, evidence: Evidence, issues: tuple[str, ...]) -> None:
        for issue in issues:
            self.issue_spans.setdefault(issue, []).append(Span(evidence.start, evidence.end, evidence.text))
        if issues:
            self.item_issues[item_id] = [(issue, 0.8) for issue in issues]

    def extraction(self) -> Extraction:
        actors = tuple(
            Actor(
                id=ref.id,
                name=ref.name,
                kind="state" if ref.name == ref.country or ref.id.endswith("gov") else "person",
                country=ref.country,
                sector=ref.sector,
                role=None,
                mentions=self._mentions(ref.name),
                extractor="test@1",
            )
            for ref in self.actors.values()
        )
        issues = tuple(
            IssueTag(
                issue, issue.replace("-", " ").title(), 0.5 + 0.1 * len(spans), tuple(spans), "tax-1", "t@1"
            )
            for issue, spans in self.issue_spans.items()
        )
        return Extraction(
            id=self.article_id,
            published=self.published,
            actors=actors,
            events=tuple(self.events),
            quotes=tuple(self.quotes),
            issues=issues,
            pipeline="dyad test",
        )

    def _mentions(self, name: str) -> tuple[Span, ...]:
        spans, at = [], self.text.find(name)
        while at >= 0:
            spans.append(Span(at, at + len(name), name))
            at = self.text.find(name, at + 1)
        return tuple(spans)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        url: str | None = None,
        title: str | None = None,
        canonical_id: str | None = None,
    ) -> Article:
        return insert_article(
            conn,
            self.article_id,
            self.text,
            published=self.published,
            url=url,
            title=title,
            canonical_id=canonical_id,
        )
