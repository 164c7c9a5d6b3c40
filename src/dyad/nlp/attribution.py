"""Which speech cue a quote belongs to, who is its speaker, addressee and relaying source, and which
quoted spans are names, titles, glosses or sign texts rather than anybody's words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.nlp import authors, voices
from dyad.nlp import speech_cues as cues
from dyad.nlp.antecedents import pronoun_antecedent
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import object_of
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_asides import dash_aside, pointed_speaker
from dyad.nlp.quote_frames import (
    CONTINUATION_PARAGRAPHS,
    QuoteContext,
    attachment_edges,
    attachments,
    attachments_path,
    frame_of,
    inside_quote,
    outside_tokens,
    paragraph_at,
    sentence_at,
    token_at,
    usable_tokens,
    word_count,
)
from dyad.nlp.quoted_names import SHORT_QUOTE_WORDS, is_name_or_gloss
from dyad.nlp.spans import token_span
from dyad.nlp.speaker_words import (
    adjacent_noun,
    colon_clause_subject,
    document_author,
    headline_speaker,
    previous_sentence_subject,
    previous_speaker_in_sentence,
    principal_speaker,
)

_CONTINUATION_WORDS = 3  # a quote of at least this many words may stand alone after "..., he said."
_PART_WORDS = {"part", "parts", "portion", "section", "excerpt", "passage", "rest", "much"}  # part of a text


@dataclass(frozen=True, slots=True)
class Attribution:
    """The words a quote is credited to, not yet resolved to actors; a negative confidence drops it."""

    cue: Token | None
    speaker: Token | None
    addressee: Token | None
    relay: Token | None
    confidence: float
    source: Token | None = None  # the words the text credits, before resolving ("the statement")


def attribute(context: QuoteContext, span: QuotedSpan) -> Attribution | None:
    """Who said the quote, or None when it is a name, title, gloss or scare quote."""
    doc = context.doc
    if span.family == "block" and span.attribution is not None:
        mention = token_span(doc, context.text, *span.attribution)
        speaker = mention.root if mention is not None and len(mention) else None
        return Attribution(None, speaker, None, None, 0.8, speaker)
    if is_name_or_gloss(context, span):
        return None
    first, last = frame_of(context, span)
    outside = outside_tokens(context, span, first, last)
    lexicon = cues.lexicon()
    aside = dash_aside(context, span)
    if aside is not None:  # the parse of a sentence broken by dashes hangs its verbs anywhere
        verb, subject = aside
        return Attribution(verb if lexicon.verb(verb) is not None else None, subject, None, None, 0.7)
    verbs = [
        t
        for t in outside
        if (entry := lexicon.verb(t)) is not None and entry.kind not in ("belief", "sanction")
    ]
    according = [t for t in outside if cues.according_to(t) is not None]
    relays = [t for t in verbs if cues.relay_agent(t) is not None]
    speech = _own_clause([t for t in verbs if t not in relays and not cues.is_hypothetical(t)], context, span)
    speech = [t for t in speech if not _closed_relative(context, span, t)]
    if speech:
        cue, firm = _choose_cue(context, span, speech)
        spoken = None if firm else _speech_act(context, span)
        if spoken is not None:
            return spoken  # "with a pledge to keep trade "open", but exporters say": the pledge's
        if firm or not according:
            return _from_verb(context, span, cue, according + relays, outside)
    if according:
        cue = _nearest(span, according)
        source = cues.according_to(cue)
        voice = voices.voice_of(source) if source is not None else None
        return Attribution(cue, voice, None, None, 0.85, source)
    spoken = _speech_act(context, span)
    if spoken is not None:
        return spoken
    document = document_author(outside)
    if document is not None:
        return Attribution(None, document, None, None, 0.75)
    holding = attachments_path(context, span)
    holders = [
        t
        for t in outside
        if (entry := lexicon.verb(t)) is not None
        and entry.kind in ("belief", "sanction")
        and t in holding
        and not cues.is_hypothetical(t)
    ]
    if holders:  # "the firm expects "continued growth"", "police detained six people for "looting"""
        return _from_verb(context, span, _nearest(span, holders), [], outside)
    return _continuation(context, span, outside)


def _speech_act(context: QuoteContext, span: QuotedSpan) -> Attribution | None:
    """ "Leaders ended their summit with a pledge to make debt relief "faster"", "Russia's demand for
    "guarantees"": a quote under a pledge, call, warning or demand, below any relative clause, is its
    maker's words, when the noun's phrase or clause names the maker; the noun is the cue."""
    lexicon = cues.lexicon()
    for token in attachments(context, span):
        for ancestor in (token, *token.ancestors):
            if lexicon.noun(ancestor, "speech"):
                owner = authors.speech_act_owner(ancestor)
                if owner is None:
                    return None
                return Attribution(ancestor, voices.voice_of(owner) or owner, None, None, 0.85, owner)
            if ancestor.dep_ == "relcl" or lexicon.verb(ancestor) is not None:
                break  # "a pledge which X called "hollow"": the relative clause's own cue
    return None


def _closed_relative(context: QuoteContext, span: QuotedSpan, cue: Token) -> bool:
    """ "Police detained six people for "spreading rumours", including X, who had warned ...": a cue in a
    relative clause after the quote that does not hold it says nothing about it."""
    clause = next((t for t in (cue, *cue.ancestors) if t.dep_ == "relcl"), None)
    if clause is None or cue.idx < span.open_at:
        return False  # "X, who said on the floor, "..."": the parse may leave the quote outside
    inside = token_span(context.doc, context.text, span.start, span.end)
    if inside is None or not len(inside):
        return False
    return not any(clause.left_edge.i <= t.i <= clause.right_edge.i for t in inside)


def _own_clause(candidates: list[Token], context: QuoteContext, span: QuotedSpan) -> list[Token]:
    """The cues between the semicolons around the quote, when there are any: 'Smith called it an
    "interesting" case; Miller said "..."'."""
    text = context.text
    close = span.close_at if span.close_at is not None else span.end
    low = max((i for i in _semicolons(context, span.open_at, before=True)), default=-1)
    high = min((i for i in _semicolons(context, close, before=False)), default=len(text))
    own = [t for t in candidates if low < t.idx < high]
    return own or candidates


def _semicolons(context: QuoteContext, at: int, *, before: bool) -> list[int]:
    sentence = context.sentences[sentence_at(context, at)]
    text = context.text
    low, high = (sentence.start_char, at) if before else (at, sentence.end_char)
    return [i for i in range(low, high) if text[i] == ";" and not inside_quote(context, i)]


def _choose_cue(context: QuoteContext, span: QuotedSpan, candidates: list[Token]) -> tuple[Token, bool]:
    """The cue a quote belongs to, and whether the parse or layout ties them firmly: a cue right before
    it ('X said: "..."'); else one the quote hangs from directly ("told Wang that “...”"); else the
    innermost cue whose clause holds the quote, the words of whoever that verb reports ('One of them said
    Bangkok had called the isolation "counterproductive"'), but not an infinitive ('urged ... to ask
    "..."': the urging) nor a modal one ('said Blinken would reiterate "..."': the preview is the
    official's), not reaching past a relative clause ("the decision, which Ross called “a stunt”");
    weaker: after '"...," ' the one that follows, after a colon or comma the one before, else the
    nearest."""
    text = context.text
    close = span.close_at if span.close_at is not None else span.end
    after = [t for t in candidates if t.idx > close]
    before = [t for t in candidates if t.idx < span.open_at]
    lead = text[: span.open_at].rstrip()[-1:]
    if lead in (":", ",") and before and _is_lead_in(before[-1], span):
        return max(before, key=lambda t: t.idx), True  # 'X said: "..."', '"...," he said, "..."'
    edges = attachment_edges(context, span)
    attached = [head for word, head in edges if word.dep_ != "conj"]  # not '... but would "read ..."'
    held = attached + [t.head for t in attached if t.dep_ == "prep"]  # 'described as "..."', 'warned of'
    direct = [t for t in candidates if t in held]
    if direct:
        return _nearest(span, direct), True
    governing = _governing(edges, set(candidates))
    if governing:
        finite = [t for t in governing if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)]
        return max(finite or governing, key=_depth), True
    trailing_comma = text[close - 1 : close] == "," or text[close + 1 : close + 2] == ","
    if trailing_comma and after:
        return min(after, key=lambda t: t.idx), False
    if lead in (":", ",") and before:
        return max(before, key=lambda t: t.idx), False
    return _nearest(span, candidates), False


def _governing(edges: list[tuple[Token, Token]], candidates: set[Token]) -> list[Token]:
    """Cues among the ancestors of the quote's attachment words, up to the first relative clause, or
    with- or adverbial clause with its own subject; not a cue the quote reaches as a conjunct of its
    verb, an act beside the cue rather than its words ('said the government welcomed the deal but would
    "read the fine print"': the words are the reporter's)."""
    found = []
    for below, token in edges:
        for ancestor in (token, *token.ancestors):
            if ancestor in candidates and not (below.dep_ == "conj" and below not in candidates):
                found.append(ancestor)
                if ancestor.dep_ == "conj":
                    break  # 'said ... and accused Belgrade of running "parallel structures"': its own cue
            if (
                ancestor.dep_ == "relcl"
                or cues.absolute_subject(ancestor) is not None
                or _own_clause_cue(ancestor)
            ):
                break  # a relative clause, or a with- or after-clause that names its own speaker
            below = ancestor
    return found


def _own_clause_cue(verb: Token) -> bool:
    """ "Spain recalls its ambassador after the Israeli government accused X of being "antisemitic"": an
    adverbial clause with its own subject."""
    return verb.dep_ == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _is_lead_in(cue: Token, span: QuotedSpan) -> bool:
    """'X said, "..."': the cue sits right before the quote (a few words at most)."""
    return span.open_at - (cue.idx + len(cue.text)) < 40


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _nearest(span: QuotedSpan, tokens: list[Token]) -> Token:
    close = span.close_at if span.close_at is not None else span.end

    def distance(token: Token) -> int:
        return span.open_at - token.idx if token.idx < span.open_at else token.idx - close

    return min(tokens, key=distance)


def _from_verb(
    context: QuoteContext, span: QuotedSpan, cue: Token, relays: list[Token], frame: list[Token]
) -> Attribution | None:
    lexicon = cues.lexicon()
    entry = lexicon.verb(cue)
    assert entry is not None
    if entry.kind == "naming":
        return None
    passive = cues.is_passive_without_agent(cue)
    anywhere = usable_tokens(context)
    paragraph = paragraph_at(context, cue.idx)

    def usable(token: Token) -> bool:
        # the parser runs sentences across paragraph breaks; a cue's speaker is in its own paragraph
        return anywhere(token) and paragraph_at(context, token.idx) == paragraph

    quoted = cues.quoted_as(cue)
    outer = cues.outer_speech_verb(cue)  # 'warned that ... and urged allies to "stand firm"'
    contact = None if passive or outer is not None else cues.contact_subject(cue)  # "an act X condemned as"
    if contact is not None and not usable(contact):
        contact = None
    speaker = (
        None if passive else (contact or cues.subject_of(outer or cue, usable) or adjacent_noun(cue, usable))
    )
    reporter = cues.reporting_subject(cue, usable)
    if reporter is not None:
        speaker = reporter
    if quoted is not None:
        speaker = quoted[0]
    read_out = authors.read_out_for(speaker) if speaker is not None else None
    if read_out is not None:
        speaker = voices.voice_of(read_out) or speaker  # the issuer of a document read out, not its reader
    if speaker is not None and speaker.lower_ in ("which", "that", "who"):
        speaker = adjacent_noun(speaker, usable, forward=False) or speaker
    written = speaker
    if _sign_before(cue, usable):
        return None  # "a banner from People's Vote saying ...", even where the parse lost the link
    if speaker is not None and lexicon.noun(speaker, "sign"):
        return None  # a banner or placard "reading" something is nobody's speech
    if speaker is not None and speaker.lower_ == "it":
        speaker = pronoun_antecedent(context, speaker) or speaker  # "The ministry ... It said"
    if speaker is not None and speaker.lower_ in _PART_WORDS:
        speaker = object_of(speaker) or speaker  # "Part of the judge's statement reads"
    if speaker is not None and (not voices.can_speak(speaker) or voices.reads_as_text(speaker)):
        # a document speaks for its author ("the court's ruling"; uncredited: the article's main
        # speaker); a thing, a measure or an abstraction speaks for nobody
        document = lexicon.noun(speaker, "document")
        speaker = voices.voice_of(speaker) or (principal_speaker(context, span.open_at) if document else None)
    if speaker is None and not passive:
        speaker = previous_speaker_in_sentence(context, cue, usable)  # '"...," further remarking, "..."'
    if speaker is None and word_count(context, span) <= SHORT_QUOTE_WORDS:
        return None  # "was called the 'breadbasket'": a label with no speaker
    relay = quoted[1] if quoted is not None and quoted[1] is not None else _relay(cue, speaker, relays, frame)
    addressee = cues.addressee_of(cue, entry)
    return Attribution(cue, speaker, addressee, relay, 0.9 if speaker is not None else 0.6, written)


def _sign_before(cue: Token, usable: Callable[[Token], bool]) -> bool:
    lexicon = cues.lexicon()
    window = [t for t in cue.doc[max(cue.sent.start, cue.i - 8) : cue.i] if usable(t)]
    return any(lexicon.noun(t, "sign") for t in window[-6:])


def _relay(cue: Token, speaker: Token | None, relays: list[Token], frame: list[Token]) -> Token | None:
    """Who passes the words on: an outer speech verb with another subject, "according to X", "as
    reported by X"."""
    lexicon = cues.lexicon()
    for ancestor in cue.ancestors:
        if ancestor not in frame:
            break
        entry = lexicon.verb(ancestor)
        if entry is None or entry.kind != "speech":
            continue
        outer = cues.subject_of(ancestor)
        if (
            outer is not None
            and speaker is not None
            and outer.i != speaker.i
            and outer not in speaker.subtree
        ):
            return outer
    for token in relays:
        source = cues.according_to(token) or cues.relay_agent(token)
        if source is not None and (speaker is None or source.i != speaker.i):
            return source
    return None


def _continuation(context: QuoteContext, span: QuotedSpan, outside: list[Token]) -> Attribution | None:
    """A quote with no cue: a whole sentence or more of quotation continues the last speaker; one
    introduced by a colon belongs to the subject of the clause before it ('The court ruled ...: "..."')."""
    if word_count(context, span) < _CONTINUATION_WORDS and not _short_sentence_after_quote(
        context, span, outside
    ):
        return None
    pointed = pointed_speaker(context, span)
    if pointed is not None:  # '"...." With those words, X suspended the talks'
        return Attribution(None, pointed, None, None, 0.6)
    if context.text[: span.open_at].rstrip().endswith(":"):
        introducer = colon_clause_subject(context, span)
        if introducer is not None:
            return Attribution(None, introducer, None, None, 0.6)
    introducer = previous_sentence_subject(context, span)
    if introducer is not None:
        return Attribution(None, introducer, None, None, 0.6)
    if headline_speaker(context, span) is not None:
        return Attribution(None, None, None, None, 0.6)  # the interviewee, resolved when built
    if len(outside) > 2:
        return None
    author = _introduced_document(context, span)
    if author is not None:
        return Attribution(None, author, None, None, 0.6, author)
    if context.last_speaker is not None:
        paragraph = paragraph_at(context, span.open_at)
        if paragraph - context.last_speaker[1] <= CONTINUATION_PARAGRAPHS * 2:
            return Attribution(None, None, None, None, 0.7)
    return Attribution(None, None, None, None, 0.5)


def _short_sentence_after_quote(context: QuoteContext, span: QuotedSpan, outside: list[Token]) -> bool:
    """'"The ice is no longer the main obstacle," he said. "Politics is."': a short quotation that is a
    whole sentence of its own, right after a quotation in the same paragraph, goes on with it."""
    if any(not (t.is_punct or t.is_space) for t in outside):
        return False
    if not context.text[span.start : span.end].rstrip().endswith((".", "!", "?")):
        return False
    index = context.spans.index(span)
    if index == 0:
        return False
    previous = context.spans[index - 1]
    return paragraph_at(context, previous.start) == paragraph_at(context, span.open_at)


def _introduced_document(context: QuoteContext, span: QuotedSpan) -> Token | None:
    """ "The following is an excerpt from the address of the President of Ghana, ...", then the quotation
    as a paragraph of its own: the document's author speaks."""
    text = context.text
    paragraph = paragraph_at(context, span.open_at)
    if text[context.line_starts[paragraph] : span.open_at].strip():
        return None  # the quote does not open its paragraph
    previous = paragraph - 1
    while (
        previous >= 0 and not text[context.line_starts[previous] : context.line_starts[previous + 1]].strip()
    ):
        previous -= 1
    if previous < 0:
        return None
    doc = context.doc
    first, last = (
        token_at(doc, context.line_starts[previous]),
        token_at(doc, context.line_starts[previous + 1]),
    )
    return document_author([t for t in doc[first:last] if not inside_quote(context, t.idx)])


def coordinated_with(
    context: QuoteContext, index: int, decisions: dict[int, Attribution | None]
) -> Attribution | None:
    """'calling it "null and void" and "geographically ridiculous"': the second shares the first's fate."""
    if index == 0 or index - 1 not in decisions:
        return None
    previous = context.spans[index - 1]
    if previous.close_at is None:
        return None
    between = context.text[previous.close_at + 1 : context.spans[index].open_at].strip(" ,")
    if between not in ("and", "or", "&", ""):
        return None
    if between == "" and context.text[previous.close_at + 1 : context.spans[index].open_at] != " ":
        return None
    decision = decisions[index - 1]
    return decision if decision is not None else Attribution(None, None, None, None, -1.0)
