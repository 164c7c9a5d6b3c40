"""The ``dyad_quotes`` component: every quotation with its speaker, addressee and relaying source.

Steps, per document:

1. :func:`~dyad.nlp.quotation_marks.find_quotes` finds the quoted spans in the raw text (every mark style,
   nested and multi-paragraph quotes, stray marks, block quotes), once per document for this component and
   :mod:`dyad.nlp.sentences`.
2. Each span gets a *frame*: the sentences it touches, plus the sentence before when the quote follows a
   colon. Speech cues are looked for in the frame's words outside any quote.
3. Names, titles, glosses and sign texts are set aside ("Operation Peace Spring", the word "marriage",
   a banner reading "united in diversity"); short quotes need a speech cue to count as someone's words.
4. The cue's subject is the speaker mention; a relative pronoun, participle or document noun leads to
   the real speaker ("a statement which read" -> whoever released the statement). The mention is resolved
   to an actor by ``dyad.nlp.actors.actor_for`` (so "he" becomes the person); the object of "told"/"urged" is
   the addressee; an outer speech verb with another subject, "according to X" or "as reported by X" is the
   relaying source.
5. A quote with no cue in its frame continues the previous quote's speaker (a paragraph of quotation
   after "..., he said.").
6. Reported speech and belief without quotation marks ("X said that ...", "according to X", "police
   suspect ...", "reportedly") become ``indirect`` and ``belief`` attributions
   (:mod:`dyad.nlp.reported_speech`).

Steps 2 and 5 read :mod:`dyad.nlp.quote_frames`, steps 3 and 4 are :mod:`dyad.nlp.attribution`, and the
speaker's word is found in :mod:`dyad.nlp.speaker_words` and resolved to an actor in :mod:`dyad.nlp.speakers`
(pronouns in :mod:`dyad.nlp.antecedents`, offices and bodies in :mod:`dyad.nlp.institutions`); this module
assembles the :class:`~dyad.model.Quote` objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from dyad.model import Evidence, Quote, QuoteKind, stable_id
from dyad.nlp.attribution import Attribution, attribute, coordinated_with
from dyad.nlp.datelines import find_datelines
from dyad.nlp.doc_cache import doc_text
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import (
    CONTINUATION_PARAGRAPHS,
    QuoteContext,
    frame_of,
    paragraph_at,
    sentence_at,
)
from dyad.nlp.reported_speech import EXTRACTOR, cue_span, reported_speech, source_span
from dyad.nlp.sentences import quoted_spans
from dyad.nlp.speaker_mentions import actor_ref
from dyad.nlp.speaker_words import headline_speaker
from dyad.nlp.speakers import speaker_for


@Language.component("dyad_quotes")
def dyad_quotes(doc: Doc) -> Doc:
    doc._.dyad_quotes = extract_quotes(doc)
    return doc


def quotations_holding(doc: Doc, char: int) -> Iterator[Quote]:
    """The direct and partial quotations of the doc whose words hold the character at ``char``, in text
    order; a quotation nested in another (a quote inside a transcript turn) is one more, so a caller that
    wants one with a speaker takes the first that has one."""
    return (q for q in doc._.dyad_quotes or () if q.kind in ("direct", "partial") and q.start <= char < q.end)


def extract_quotes(doc: Doc) -> list[Quote]:
    """Direct, partial and indirect quotes of a parsed doc, in text order."""
    text = doc_text(doc)
    spans = quoted_spans(doc)
    sentences = list(doc.sents)
    context = QuoteContext(
        doc=doc,
        starts=[s.start_char for s in sentences],
        sentences=sentences,
        spans=spans,
        line_starts=[m.start() for m in re.finditer(r"(?m)^", text)],
        text=text,
        datelines=find_datelines(text),
    )
    quotes: list[Quote] = []
    decisions: dict[int, Attribution | None] = {}
    for index, span in enumerate(spans):
        inherited = coordinated_with(context, index, decisions)
        view = _inside_turn(context, span)
        attribution = inherited if inherited is not None else attribute(view, span)
        if attribution is None and view is not context:
            view = context  # no frame of its own inside the turn: the turn's speaker
            attribution = attribute(context, span)
        decisions[index] = attribution
        if attribution is None:
            continue
        quote = _build(context, span, attribution, view)
        if quote is not None:
            quotes.append(quote)
    quotes.extend(reported_speech(context))
    return sorted(quotes, key=lambda q: q.start)


def _inside_turn(context: QuoteContext, span: QuotedSpan) -> QuoteContext:
    """ "A: ... Critics call it "a new form of colonialism" ...": a quotation inside a transcript turn is
    framed by the turn's own words (its cue and speaker are there), not only by the turn's label."""
    turns = [
        s
        for s in context.spans
        if s is not span and s.attribution is not None and s.start <= span.open_at and span.end <= s.end
    ]
    if not turns:
        return context
    return replace(context, spans=[s for s in context.spans if s not in turns])


def _build(
    context: QuoteContext, span: QuotedSpan, attribution: Attribution, view: QuoteContext | None = None
) -> Quote | None:
    if attribution.confidence < 0:
        return None
    doc = context.doc
    paragraph = paragraph_at(context, span.open_at)
    speaker = speaker_for(view or context, attribution.speaker)
    if speaker is None and attribution.cue is None:
        speaker = headline_speaker(context, span)
    if speaker is None and attribution.cue is None and context.last_speaker is not None:
        previous, previous_paragraph = context.last_speaker
        if paragraph - previous_paragraph <= CONTINUATION_PARAGRAPHS * 2:
            speaker = previous
    if speaker is not None:
        context.last_speaker = (speaker, paragraph)
    cue = attribution.cue
    confidence = attribution.confidence - (0.2 if not span.balanced else 0.0)
    sentence_index = sentence_at(context, span.start)
    first, last = frame_of(context, span)
    sentence = context.text[context.sentences[first].start_char : context.sentences[last].end_char].strip()
    text = context.text[span.start : span.end]
    written = attribution.source or (attribution.speaker if cue is not None else None)
    source, head = source_span(written) if written is not None else (None, None)
    return Quote(
        id=stable_id("quo", doc._.dyad_article_id or "", span.start, span.end, text),
        text=text,
        start=span.start,
        end=span.end,
        kind=_kind(context.text, span),
        speaker=speaker,
        cue=cue_span(cue) if cue is not None else None,
        addressee=actor_ref(doc, attribution.addressee, named_only=True),
        relayed_by=actor_ref(doc, attribution.relay, named_only=False),
        evidence=Evidence(
            sentence=sentence,
            sentence_index=sentence_index,
            start=span.start,
            end=span.end,
            text=text,
            extractor=EXTRACTOR,
            confidence=max(0.05, confidence),
        ),
        source=source,
        source_head=head,
    )


def _kind(text: str, span: QuotedSpan) -> QuoteKind:
    """Direct when the quotation is a sentence of its own (capitalised, or a clause after "that" or a
    colon); partial when it is a fragment inside the reporter's sentence."""
    if span.family == "block":
        return "direct"
    content = text[span.start : span.end].lstrip("[.… '‘\"“")
    lead = text[: span.open_at].rstrip()
    if content[:1].isupper() or lead.endswith((":", " that")) or text[span.start : span.start + 1] == "[":
        return "direct"
    return "partial"
