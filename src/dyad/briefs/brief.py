""" "The major divides between A and B": issues ranked by salience and conflict, every claim footnoted.

For each issue the brief gives what happened (events between the pair, with dates), what each side said
(quotes by speakers of either country), coverage passages the issue was tagged on, and the trend over the
period. Every item carries a footnote to its article, sentence and URL. Where the evidence is thin (few
items, one article, one day) the brief says so instead of reading a trend into it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from dyad import parameters
from dyad._version import __version__
from dyad.analysis.dyads import Bucket
from dyad.briefs.evidence import distinct, quote_about_pair, same_acts, tags_about_pair, text_key
from dyad.briefs.footnotes import Footnote, Footnotes
from dyad.briefs.trend import Trend, bucket_for, trend
from dyad.codebooks.taxonomy import Taxonomy
from dyad.errors import QueryError
from dyad.model import stored_own_claim
from dyad.store import series
from dyad.store.series import ArticleRef, IssueEvidence, PairEvent, PairQuote

MAX_EVENTS = 8  # per issue; the rest are counted, never silently dropped
MAX_QUOTES = 4  # per side and issue
MAX_CONTEXT = 3  # tagged passages per issue
MAX_ISSUES = 12
THIN_ITEMS = 3  # fewer events + quotes than this is thin evidence
_KIND_ORDER = {"direct": 0, "partial": 1, "indirect": 2, "belief": 3}
_QUOTE_EDGES = " ,.;:!?\"'\u201c\u201d\u2018\u2019"
_RELAYED_WORDS = 4  # a direct quote this long inside reported speech is that quote relayed


@dataclass(frozen=True, slots=True)
class IssueSection:
    id: str
    label: str
    rank: int
    salience: float
    conflict: float
    events: tuple[dict[str, Any], ...]
    quotes: tuple[dict[str, Any], ...]
    context: tuple[dict[str, Any], ...]
    omitted: dict[str, int]
    trend: Trend
    footnotes: tuple[Footnote, ...]
    thin: str | None
    counts: dict[str, int]
    subissues: tuple[str, ...] = ()  # labels of the sub-issues folded into this one

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "subissues": list(self.subissues),
            "rank": self.rank,
            "salience": round(self.salience, 3),
            "conflict": round(self.conflict, 3),
            "events": list(self.events),
            "quotes": list(self.quotes),
            "context": list(self.context),
            "omitted": self.omitted,
            "trend": self.trend.to_dict(),
            "thin_evidence": self.thin,
            "counts": self.counts,
            "footnotes": [f.to_dict() for f in self.footnotes],
        }


@dataclass(frozen=True, slots=True)
class Brief:
    a: str
    b: str
    since: str | None
    until: str | None
    first_day: str | None
    last_day: str | None
    issues: tuple[IssueSection, ...]
    more_issues: tuple[tuple[str, str], ...]
    counts: dict[str, int]
    notes: tuple[str, ...]
    taxonomy: tuple[str, ...]
    generated_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": [self.a, self.b],
            "period": {
                "since": self.since,
                "until": self.until,
                "first_evidence": self.first_day,
                "last_evidence": self.last_day,
            },
            "issues": [i.to_dict() for i in self.issues],
            "more_issues": [{"id": i, "label": label} for i, label in self.more_issues],
            "evidence": self.counts,
            "notes": list(self.notes),
            "stamp": {
                "dyad": __version__,
                "taxonomy": list(self.taxonomy),
                "query": {"pair": [self.a, self.b], "since": self.since, "until": self.until},
                "generated_at": self.generated_at,
            },
        }


def build_brief(
    conn: sqlite3.Connection,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    max_issues: int = MAX_ISSUES,
    taxonomy: Taxonomy | None = None,
) -> Brief:
    """The divides between countries ``a`` and ``b`` over ``[since, until]``, from the stored extractions.

    With a ``taxonomy``, sub-issues count towards their top issue and labels come from it.
    """
    if a == b:
        raise QueryError(f"a brief needs two different countries, got {a} twice")
    since, until = parameters.days(since, until)
    events = series.pair_events(conn, a, b, since=since, until=until)
    quotes = series.pair_quotes(conn, a, b, since=since, until=until)
    tags = series.pair_issue_tags(conn, a, b, since=since, until=until)
    article_ids = sorted(
        {e.article_id for e in events} | {q.article_id for q in quotes} | {t.article_id for t in tags}
    )
    articles = series.articles(conn, article_ids)
    mentions = series.country_mentions(conn, article_ids, (a, b))
    quotes = [q for q in quotes if quote_about_pair(q, a, b, mentions)]
    tags = tags_about_pair(tags, a, b, mentions)
    events, quotes, tags, subs = _fold(taxonomy, events, quotes, tags)
    labels = series.issue_labels(conn)
    if taxonomy is not None:
        labels.update({i.id: i.label for i in taxonomy.issues})
    article_ids = sorted(
        {e.article_id for e in events} | {q.article_id for q in quotes} | {t.article_id for t in tags}
    )
    days = sorted(
        d for d in [*(e.day for e in events), *(q.day for q in quotes), *(t.day for t in tags)] if d
    )
    by = bucket_for(days)
    # An issue's tag is the issue's coverage; its events and quotes are what happened and what was said.
    issue_ids = (
        {i for e in events for i in e.issues}
        | {i for q in quotes for i in q.issues}
        | {t.issue_id for t in tags}
    )
    scores = {i: _score(i, events, quotes, tags) for i in issue_ids}
    ranked = sorted(issue_ids, key=lambda i: (-scores[i][0] * (1 + scores[i][1]), i))
    footnotes = Footnotes(articles)
    sections = []
    for rank, issue in enumerate(ranked[:max_issues], start=1):
        salience, conflict = scores[issue]
        section = _section(
            issue, labels.get(issue, issue), rank, salience, conflict, events, quotes, tags, a, b,
            articles, footnotes, days, by,
        )  # fmt: skip
        folded = tuple(sorted(labels.get(x, x) for x in subs.get(issue, ())))
        sections.append(replace(section, subissues=folded))
    unclassified = sum(1 for e in events if not e.issues)
    counts = {
        "articles": len(article_ids),
        "events": len(events),
        "quotes": len(quotes),
        "events_without_issue": unclassified,
    }
    return Brief(
        a=a,
        b=b,
        since=since,
        until=until,
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        issues=tuple(sections),
        more_issues=tuple((i, labels.get(i, i)) for i in ranked[max_issues:]),
        counts=counts,
        notes=tuple(_notes(a, b, counts, days, len(ranked), max_issues)),
        taxonomy=tuple(sorted({t.taxonomy_version for t in tags})),
    )


def _score(
    issue: str, events: list[PairEvent], quotes: list[PairQuote], tags: list[IssueEvidence]
) -> tuple[float, float]:
    """(salience, conflict): how much the pair's coverage is about the issue, and how hostile its events are.

    Salience adds the issue's tag scores over articles to its events and quotes. Conflict is the share
    of its events in verbal or material conflict (QuadClass 3, 4), shrunk towards one half by one
    pseudo-event, so an issue known only from quotes or a single event is neither divide nor accord.
    """
    mine = [e for e in events if issue in e.issues]
    said = sum(1 for q in quotes if issue in q.issues)
    coverage = sum(t.score for t in tags if t.issue_id == issue)
    hostile = sum(1 for e in mine if e.quad_class >= 3)
    return coverage + len(mine) + said, (hostile + 0.5) / (len(mine) + 1)


def _fold(
    taxonomy: Taxonomy | None,
    events: list[PairEvent],
    quotes: list[PairQuote],
    tags: list[IssueEvidence],
) -> tuple[list[PairEvent], list[PairQuote], list[IssueEvidence], dict[str, set[str]]]:
    """Sub-issues (Xinjiang, Tibet) fold into their top issue (human rights): one divide, one section.

    Returns the items with top issue ids and, per top issue, the sub-issues that contributed.
    """

    def top(issue: str) -> str:
        if taxonomy is None or issue not in taxonomy:
            return issue
        ancestors = taxonomy.ancestors(taxonomy.get(issue).id)
        return ancestors[-1] if ancestors else taxonomy.get(issue).id

    subs: dict[str, set[str]] = {}
    for issue in (
        {i for e in events for i in e.issues}
        | {i for q in quotes for i in q.issues}
        | {t.issue_id for t in tags}
    ):
        if top(issue) != issue:
            subs.setdefault(top(issue), set()).add(issue)
    folded_tags: dict[tuple[str, str], IssueEvidence] = {}
    for t in tags:
        key = (t.article_id, top(t.issue_id))
        kept = folded_tags.get(key)
        if kept is None or t.score > kept.score:
            spans = t.spans + (kept.spans if kept else ())
            folded_tags[key] = replace(t, issue_id=key[1], spans=tuple(dict.fromkeys(spans)))
        else:
            folded_tags[key] = replace(kept, spans=tuple(dict.fromkeys(kept.spans + t.spans)))
    return (
        [replace(e, issues=tuple(sorted({top(i) for i in e.issues}))) for e in events],
        [replace(q, issues=tuple(sorted({top(i) for i in q.issues}))) for q in quotes],
        list(folded_tags.values()),
        subs,
    )


def _section(
    issue: str,
    label: str,
    rank: int,
    salience: float,
    conflict: float,
    events: list[PairEvent],
    quotes: list[PairQuote],
    tags: list[IssueEvidence],
    a: str,
    b: str,
    articles: dict[str, ArticleRef],
    footnotes: Footnotes,
    days: list[str],
    by: Bucket,
) -> IssueSection:
    mine = [e for e in events if issue in e.issues]
    said = [q for q in quotes if issue in q.issues]
    passages = [t for t in tags if t.issue_id == issue]
    used: list[Footnote] = []

    def cite(article_id: str, evidence: dict[str, Any]) -> int:
        note = footnotes.cite(
            article_id,
            evidence["sentence"],
            evidence.get("sentence_index"),
            evidence["start"],
            evidence["end"],
        )
        if note not in used:
            used.append(note)
        return note.n

    # One item per sentence (or quoted text): wire copies and several events read from one sentence
    # would repeat it; and one claim per act several articles tell, with a footnote to each report. The
    # repeats still count.
    acts = same_acts(distinct(mine, lambda e: e.data["evidence"]["sentence"]))
    # An act both sides do in one sentence ("The two ministers agreed to ...") is shown as mutual, not as
    # the one direction that happened to come first.
    told = {_told(e) for e in mine}
    event_items = tuple(
        _event_item(
            act[0], [cite(e.article_id, e.data["evidence"]) for e in act], _told(act[0], reverse=True) in told
        )
        for act in acts[:MAX_EVENTS]
    )
    quote_items: list[dict[str, Any]] = []
    distinct_quotes = 0
    quoted = [text_key(q.data["text"]).strip(_QUOTE_EDGES) for q in said if q.data.get("kind") == "direct"]
    quoted = [text for text in quoted if len(text.split()) >= _RELAYED_WORDS]
    for side in (a, b):
        theirs = sorted(
            distinct(
                [q for q in said if q.speaker_country == side and not _relays_a_quote(q, quoted)],
                lambda q: q.data["text"],
            ),
            key=_quoted_first,
        )
        distinct_quotes += len(theirs)
        for q in theirs[:MAX_QUOTES]:
            quote_items.append(_quote_item(q, cite(q.article_id, q.data["evidence"])))
    # Passages the issue was tagged on, other than sentences already shown as events or quotes.
    shown = [(n.article_id, n.start, n.end) for n in used]
    texts = {text_key(n.sentence) for n in used}
    context_items: list[dict[str, Any]] = []
    more_context = 0
    for t in passages:
        for start, end in t.spans:
            if any(aid == t.article_id and s < end and start < e for aid, s, e in shown):
                continue
            if text_key(articles[t.article_id].text[start:end]) in texts:
                continue
            texts.add(text_key(articles[t.article_id].text[start:end]))
            if len(context_items) >= MAX_CONTEXT:
                more_context += 1
                continue
            text = articles[t.article_id].text[start:end]
            note = cite(t.article_id, _passage(text, start, end))
            context_items.append({"day": t.day, "text": text, "footnote": note})
            shown.append((t.article_id, start, end))
    omitted = {
        "events": len(acts) - len(event_items),
        "quotes": distinct_quotes - len(quote_items),
        "context": more_context,
    }
    sources = {e.article_id for e in mine} | {q.article_id for q in said} | {t.article_id for t in passages}
    thin = None
    if len(mine) + len(said) < THIN_ITEMS or len(sources) < 2:
        thin = f"Thin evidence: {len(mine)} event(s) and {len(said)} quote(s) from {len(sources)} article(s)."
    missing = [side for side in (a, b) if not any(q.speaker_country == side for q in said)]
    if missing:
        silent = f"No quotes from {' or '.join(missing)} on this issue in the period."
        thin = f"{thin} {silent}" if thin else silent
    return IssueSection(
        id=issue,
        label=label,
        rank=rank,
        salience=salience,
        conflict=conflict,
        events=event_items,
        quotes=tuple(quote_items),
        context=tuple(context_items),
        omitted=omitted,
        trend=trend(mine, said, passages, days, by),
        footnotes=tuple(used),
        thin=thin,
        counts={
            "events": len(mine),
            "conflict_events": sum(1 for e in mine if e.quad_class >= 3),
            "quotes": len(said),
            "articles": len(sources),
        },
    )


def _passage(text: str, start: int, end: int) -> dict[str, Any]:
    return {"sentence": text, "sentence_index": None, "start": start, "end": end}


def _told(e: PairEvent, reverse: bool = False) -> tuple[str, ...]:
    """Where and what act an event tells, in its direction (or, with ``reverse``, the other)."""
    ends = (e.target, e.source) if reverse else (e.source, e.target)
    return (e.article_id, e.data["evidence"]["sentence"], e.data["cameo"], *ends)


def _event_item(e: PairEvent, footnotes: list[int], mutual: bool = False) -> dict[str, Any]:
    """The claim of event ``e``, with the footnotes of every report of its act (its own first); ``mutual``
    where its sentence tells the same act in the other direction too."""
    d = e.data
    return {
        "id": e.id,
        "day": e.day,
        "date": d.get("date"),
        "source": [s["name"] for s in d["source"]],
        "target": [t["name"] for t in d["target"]],
        "direction": f"{e.source}->{e.target}",
        "mutual": mutual,
        "cameo": d["cameo"],
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "modality": d.get("modality"),
        # Whose claim the act is ("officials say ...", or the speaker of the quotation it is told in), and
        # whether that is the acting side's own claim about itself (said by it, not reported by another).
        "reported_by": (d.get("reported_by") or {}).get("name"),
        "own_claim": stored_own_claim(d),
        "sentence": d["evidence"]["sentence"],
        "footnote": footnotes[0],
        "footnotes": list(dict.fromkeys(footnotes)),
    }


def _relays_a_quote(q: PairQuote, quoted: list[str]) -> bool:
    """Reported speech whose words hold one of the direct quotations ``quoted`` ('"...," Whitaker said',
    according to the Pentagon): the same words again, under the one who relayed them."""
    if q.data.get("kind") not in ("indirect", "belief"):
        return False
    words = text_key(q.data["text"])
    return any(text in words for text in quoted)


def _quoted_first(q: PairQuote) -> int:
    """Their own words before reported speech and belief (the sort is stable: time order otherwise)."""
    return _KIND_ORDER.get(q.data.get("kind", ""), len(_KIND_ORDER))


def _quote_item(q: PairQuote, footnote: int) -> dict[str, Any]:
    d = q.data
    speaker = d.get("speaker") or {}
    return {
        "id": q.id,
        "day": q.day,
        "side": q.speaker_country,
        "speaker": speaker.get("name"),
        "kind": d["kind"],
        # The words as quoted alone: the comma that led into "..., she said" is no part of them.
        "text": d["text"].rstrip().rstrip(",;:").rstrip(),
        "addressee": (d.get("addressee") or {}).get("name"),
        "relayed_by": (d.get("relayed_by") or {}).get("name"),
        "footnote": footnote,
    }


def _notes(a: str, b: str, counts: dict[str, int], days: list[str], issues: int, shown: int) -> Iterable[str]:
    if counts["articles"] == 0:
        yield f"No stored article links {a} and {b} in this period: there is nothing to brief."
        return
    if counts["articles"] < 3:
        yield (
            f"This brief rests on {counts['articles']} article(s); read it as a summary of that coverage, "
            "not as a measured trend."
        )
    if days and days[0] == days[-1]:
        yield f"All dated evidence is from {days[0]}."
    if counts["events_without_issue"]:
        yield f"{counts['events_without_issue']} event(s) between {a} and {b} match no issue of the taxonomy."
    if issues > shown:
        yield f"{issues - shown} further issue(s) with less evidence are listed at the end, not detailed."
