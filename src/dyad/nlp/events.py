"""The ``dyad_events`` component: who did what to whom, coded in CAMEO and PLOVER, with its sentence.

:mod:`dyad.nlp.event_coding` codes each sentence (lexicon over the parse, classifier where unsure); here the
noun phrases of each coded predicate become actors through :func:`dyad.nlp.actors.actor_for`, and an event
is kept when at least one side resolves to an actor. Each event carries its sentence, the span from its
first argument to its last, the predicate, the noun-phrase spans of both sides, negation, modality and the
actor reporting it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.cameo import code, plover_event
from dyad.model import ActorRef, DateRef, Event, Evidence, Place, Span, stable_id
from dyad.nlp.actor_phrases import PhraseModel, shipped_phrase_model
from dyad.nlp.actors import actor_for, actors_for
from dyad.nlp.event_classifier import EventModel, shipped_model
from dyad.nlp.event_coding import SentenceCoding, code_document
from dyad.nlp.predicates import noun_phrase

EXTRACTOR = "dyad_events@0.1.0"
RECIPROCAL_ROOTS = ("03", "04", "05", "06")


def _actors(
    doc: Doc, text: str, heads: Iterable[int], phrases: Iterable[tuple[int, int]]
) -> tuple[tuple[ActorRef, ...], tuple[Span, ...]]:
    refs: dict[str, ActorRef] = {}
    for head in heads:
        # The phrase's core names the actor ("Chinese attempts", not the clause that follows it); a core
        # naming nobody ("tariffs on goods imported from China") takes the party its whole phrase names.
        start, end = noun_phrase(doc[head], with_conjuncts=False, core=True)
        found = actors_for(doc, start, end)
        if not found:
            found = actors_for(doc, *noun_phrase(doc[head], with_conjuncts=False))[:1]
        for actor in found:
            refs.setdefault(actor.id, actor.ref)
    return tuple(refs.values()), tuple(Span(start, end, text[start:end]) for start, end in phrases)


def _sentence_date(dates: Iterable[DateRef], sent: SpacySpan) -> str | None:
    """The resolved value of the sentence's first date expression."""
    for date in dates:
        if sent.start_char <= date.start < sent.end_char:
            return date.value
    return None


def _sentence_place(places: Iterable[Place], sent: SpacySpan, parties: list[tuple[int, int]]) -> str | None:
    """The first place named in the sentence outside the parties' phrases ("in Shanghai", not "China")."""
    for place in places:
        for mention in place.mentions:
            inside = sent.start_char <= mention.start < sent.end_char
            if inside and not any(start <= mention.start < end for start, end in parties):
                return place.name
    return None


def to_events(doc: Doc, codings: list[SentenceCoding]) -> list[Event]:
    """Turn coded predicates into :class:`Event` objects with resolved actors and evidence."""
    events: list[Event] = []
    text = doc.text  # spaCy joins the tokens' text on every access: once per document
    for index, (sent, coding) in enumerate(zip(doc.sents, codings, strict=True)):
        date = _sentence_date(doc._.dyad_dates or (), sent)
        for number, (predicate, confidence) in enumerate(
            zip(coding.predicates, coding.confidences, strict=True)
        ):
            source, source_spans = _actors(doc, text, predicate.source_heads, predicate.sources)
            target, target_spans = _actors(doc, text, predicate.target_heads, predicate.targets)
            target = tuple(t for t in target if t not in source)  # an actor does not act on itself
            if not source and not target:
                continue
            if not target and len(source) > 1 and predicate.cameo[:2] in RECIPROCAL_ROOTS:
                # "The two sides agreed", "Hungarian and Romanian officials met": each side acts on the other.
                source, target = source[:1], source[1:]
            reported_by = None
            if predicate.reporter is not None:
                start, end = noun_phrase(doc[predicate.reporter], with_conjuncts=False)
                reporter = actor_for(doc, start, end)
                reported_by = reporter.ref if reporter is not None else None
            token = doc[predicate.token]
            spans = [*predicate.sources, *predicate.targets, (token.idx, token.idx + len(token))]
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            cameo = code(predicate.cameo)
            events.append(
                Event(
                    id=stable_id("evt", doc._.dyad_article_id, sent.start_char, predicate.token, cameo.code),
                    source=source,
                    target=target,
                    cameo=cameo.code,
                    cameo_root=cameo.root,
                    goldstein=cameo.goldstein,
                    quad_class=cameo.quad_class,
                    plover=plover_event(cameo.code, predicate.modality, predicate.negated),
                    negated=predicate.negated,
                    modality=predicate.modality,
                    reported_by=reported_by,
                    date=date,
                    place=_sentence_place(
                        doc._.dyad_places or (), sent, [*predicate.sources, *predicate.targets]
                    ),
                    primary=number == coding.primary,
                    evidence=Evidence(
                        sentence=sent.text,
                        sentence_index=index,
                        start=start,
                        end=end,
                        text=text[start:end],
                        extractor=EXTRACTOR,
                        confidence=confidence,
                    ),
                    source_spans=source_spans,
                    target_spans=target_spans,
                    predicate=Span(token.idx, token.idx + len(token), token.text),
                )
            )
    return events


class EventExtractor:
    """The spaCy component: codes each document's sentences and sets ``doc._.dyad_events``."""

    def __init__(self, model: EventModel | None, phrases: PhraseModel | None) -> None:
        self.model = model
        self.phrases = phrases

    def __call__(self, doc: Doc) -> Doc:
        doc._.dyad_events = to_events(doc, code_document(doc, self.model, self.phrases))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("dyad_events")
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(shipped_model(), shipped_phrase_model())
