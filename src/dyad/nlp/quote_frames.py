"""Where a quote's attribution may be: the per-document context, sentence and paragraph lookup, the
frame of words around each quote that are outside every quotation, and the words outside a quote that it
hangs from in the parse."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dyad.model import Speaker
from dyad.nlp import speech_cues as cues
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.spans import token_span

CONTINUATION_PARAGRAPHS = 2  # how far back a cue-less quote may inherit the previous speaker


@dataclass(slots=True)
class QuoteContext:
    """Per-document state: the sentence index, the last attributed speaker and the speakers' countries."""

    doc: Doc
    starts: list[int]
    sentences: list[Span]
    spans: list[QuotedSpan]
    line_starts: list[int]
    text: str
    last_speaker: tuple[Speaker, int] | None = None  # speaker and paragraph of the last quote
    datelines: tuple[tuple[int, int], ...] = ()  # "TBILISI, Oct 28 (Wire) – ": nobody speaks there
    # the country each named person speaking (by actor id) was given, for mentions that give none ("she")
    countries: dict[str, str] = field(default_factory=dict)
    # known people the text shows are someone else of their name ("John Lee, a paramedic in Sydney")
    namesakes: set[str] = field(default_factory=set)


def sentence_at(context: QuoteContext, char: int) -> int:
    return max(0, bisect.bisect_right(context.starts, char) - 1)


def paragraph_at(context: QuoteContext, char: int) -> int:
    return bisect.bisect_right(context.line_starts, char) - 1


def frame_of(context: QuoteContext, span: QuotedSpan) -> tuple[int, int]:
    """Indices of the first and last sentence a quote's attribution can be in."""
    text = context.text
    close = span.close_at if span.close_at is not None else span.end
    first = sentence_at(context, span.open_at)
    last = sentence_at(context, max(close, span.open_at))
    before = text[: span.open_at].rstrip()
    if before.endswith(":") and first > 0 and context.starts[first] >= len(before) - 1:
        first -= 1  # "X said:" split from its quote by the parser
    after = text[close + 1 : close + 3] if span.close_at is not None else ""
    sentence_end = context.sentences[last].end_char
    if (after[:1] in (",", " ") and sentence_end <= close + 2 and last + 1 < len(context.sentences)) and (
        text[close - 1 : close] == "," or after[:1] == ","
    ):
        last += 1  # '"...," he said.' split after the closing mark
    return first, last


def outside_tokens(context: QuoteContext, span: QuotedSpan, first: int, last: int) -> list[Token]:
    """Frame tokens that are not inside any quote and are not punctuation, kept to the quote's own
    paragraphs (the parser sometimes runs a sentence across a paragraph break), plus the paragraph
    before when the quote follows a colon."""
    text = context.text
    low = context.line_starts[paragraph_at(context, span.open_at)]
    if text[: span.open_at].rstrip().endswith(":"):
        low = context.line_starts[paragraph_at(context, len(text[: span.open_at].rstrip()) - 1)]
    end = span.close_at if span.close_at is not None else span.end
    high = text.find("\n", end)
    high = len(text) if high < 0 else high
    tokens = []
    for sentence in context.sentences[first : last + 1]:
        for token in sentence:
            if token.is_punct or token.is_space or inside_quote(context, token.idx):
                continue
            if low <= token.idx < high:
                tokens.append(token)
    return tokens


def inside_quote(context: QuoteContext, char: int) -> bool:
    return any(s.start <= char < s.end for s in context.spans)


def usable_tokens(context: QuoteContext) -> Callable[[Token], bool]:
    """Tokens that may name a speaker: not inside any quotation or dateline."""
    return lambda token: not inside_quote(context, token.idx) and not in_dateline(context, token.idx)


def in_dateline(context: QuoteContext, char: int) -> bool:
    return any(start <= char < end for start, end in context.datelines)


def token_at(doc: Doc, char: int) -> int:
    return max(0, min(len(doc), bisect.bisect_left(cues.token_starts(doc), char)))


def word_count(context: QuoteContext, span: QuotedSpan) -> int:
    return len(context.text[span.start : span.end].split())


def attachments(context: QuoteContext, span: QuotedSpan) -> list[Token]:
    """The words outside a quote that its words hang from in the parse."""
    return [head for _, head in attachment_edges(context, span)]


def attachment_edges(context: QuoteContext, span: QuotedSpan) -> list[tuple[Token, Token]]:
    """Each word of a quote that hangs from a word outside it, with that word."""
    inside = token_span(context.doc, context.text, span.start, span.end)
    if inside is None:
        return []
    return [(t, t.head) for t in inside if not (span.start <= t.head.idx < span.end) and t.head.i != t.i]


def attachments_path(context: QuoteContext, span: QuotedSpan) -> set[Token]:
    """The words the quote hangs from and their ancestors: the clauses that hold it."""
    return {a for t in attachments(context, span) for a in (t, *t.ancestors)}
