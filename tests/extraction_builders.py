"""Hand-built articles and extractions for store, analysis and brief tests (no NLP model needed).

The sentences are written for these tests; each builder computes real character offsets into its text.
"""

from __future__ import annotations

import sqlite3

from dyad.model import (
    Actor,
    ActorRef,
    Article,
    DateRef,
    Event,
    Evidence,
    Extraction,
    IssueTag,
    Place,
    Plover,
    Quote,
    QuoteKind,
    Span,
    Speaker,
    stable_id,
)
from dyad.store.database import transaction
from dyad.store.extractions import save_extraction

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

    def _evidence(self, text: str, confidence: float = 0.9) -> Evidence:
        start, end, index = self.sentence(text)
        return Evidence(text, index, start, end, text, "test@1", confidence)

    def event(
        self,
        text: str,
        source: ActorRef,
        target: ActorRef,
        kind: str,
        *,
        issues: tuple[str, ...] = (),
        date: str | None = None,
        confidence: float = 0.9,
        reported_by: ActorRef | None = None,
    ) -> Event:
        cameo, root, goldstein, quad = CODES[kind]
        evidence = self._evidence(text, confidence)
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
            reported_by=reported_by,
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
        kind: QuoteKind = "direct",
    ) -> Quote:
        text = f'"{said}," {speaker.name} said.'
        evidence = self._evidence(text)
        quote = Quote(
            id=stable_id("quo", self.article_id, evidence.start),
            text=said,
            start=evidence.start + 1,
            end=evidence.start + 1 + len(said),
            kind=kind,
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
                issue,
                issue.replace("-", " ").title(),
                0.5 + 0.1 * len(spans),
                tuple(spans),
                "tax-1",
                "t@1",
                items=tuple(
                    (item, score)
                    for item, pairs in self.item_issues.items()
                    for i, score in pairs
                    if i == issue
                ),
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

    def store(
        self,
        conn: sqlite3.Connection,
        *,
        url: str | None = None,
        title: str | None = None,
        canonical_id: str | None = None,
    ) -> None:
        """:meth:`insert` the article, then save its extraction (as ``dyad extract`` does)."""
        self.insert(conn, url=url, title=title, canonical_id=canonical_id)
        with transaction(conn):
            save_extraction(conn, self.extraction())


# An article of our own, with one of everything (for round trips through the store and Parquet).
FULL_TEXT = (
    "Foreign Minister Ana Lima of Brazil met her Argentine counterpart in Buenos Aires on Monday. "
    '"We will sign the accord," Lima told reporters.'
)
LIMA = ActorRef("act-bra-lima", "Ana Lima", "BRA", "GOV")
ARG_GOV = ActorRef("act-arg-gov", "Argentine counterpart", "ARG", "GOV")
# Scores and confidences at the output's precision (4 decimals), so that a round trip gives back the object.
FULL_EVIDENCE = Evidence(FULL_TEXT[:91], 0, 0, 91, FULL_TEXT[:91], "dyad_events@1", 0.8765)


def one_of_everything() -> Extraction:
    event = Event(
        id="evt-1", source=(LIMA,), target=(ARG_GOV,), cameo="040", cameo_root="04", goldstein=1.0,
        quad_class=1,
        plover=Plover("CONSULT", "visit", None), negated=False, modality="asserted", reported_by=None,
        date="2024-04-22", place="Buenos Aires", primary=True, evidence=FULL_EVIDENCE,
        source_spans=(Span(0, 33, FULL_TEXT[0:33]),), target_spans=(Span(44, 65, FULL_TEXT[44:65]),),
        predicate=Span(34, 37, "met"),
    )  # fmt: skip
    quote = Quote(
        id="quo-1", text="We will sign the accord,", start=93, end=117, kind="direct",
        speaker=Speaker(LIMA, Span(119, 123, "Lima")), cue=Span(124, 128, "told"), addressee=None,
        relayed_by=None,
        evidence=Evidence(FULL_TEXT[92:], 1, 92, len(FULL_TEXT), FULL_TEXT[92:], "dyad_quotes@1", 0.9),
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
        issues=(IssueTag("trade-tariffs", "Trade and tariffs", 0.6123, (Span(0, 91, FULL_TEXT[:91]),),
                         "tax-1", "dyad_issues@1", items=(("evt-1", 0.6),)),),
        pipeline="dyad test",
    )  # fmt: skip
