"""Frames that name a quote's speaker outside its own sentence's cue: a quotation set between dashes as an
aside to the clause before it ('The commander replied online – "the government broke it first" – and
said ...'), and a quotation whose speaker the next sentence names by pointing back at the words ('"We will
not negotiate." With those words, X suspended the talks'; 'So said X'; 'Those were the words of X')."""

from __future__ import annotations

import re

from spacy.tokens import Token

from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import QuoteContext, inside_quote, paragraph_at, token_at, usable_tokens

_DASHES = ("–", "—", "-")
# The words a reporter uses to point back at a quotation just given; the speaker is the sentence's subject
# ("With those words, X ..."), the subject after the verb ("So said X"), or whose words they were ("Those
# were the words of X", "That was the verdict of X").
_WORDS = r"(?:words?|remarks?|comments?|message|warning|verdict|view|plea|answer|reply)"
_POINTING_SUBJECT = re.compile(rf"(?:with|in) (?:those|these|such) {_WORDS}\b", re.IGNORECASE)
_POINTING_AFTER_VERB = re.compile(r"so (?:said|says|wrote|writes)\b", re.IGNORECASE)
_POINTING_OF = re.compile(
    rf"(?:those|these|that|this|such) (?:was|were|is|are) the {_WORDS} of\b", re.IGNORECASE
)


def dash_aside(context: QuoteContext, span: QuotedSpan) -> tuple[Token, Token] | None:
    """The verb and speaker of a quotation opened right after a dash, as an aside or a closing gloss to
    its clause ('X had one message – "go home"', '... gave a warning – "the money is running out" – as he
    ...'): the nearest verb before the dash in its sentence and its subject, when that can speak."""
    text = context.text
    before = text[: span.open_at].rstrip(" \t")
    if not before.endswith(_DASHES) or span.close_at is None:
        return None
    after = text[span.close_at + 1 :].lstrip(" \t,.")
    if after and not after.startswith(_DASHES) and text[span.close_at + 1 :].lstrip(" \t")[:1] not in ".\n":
        return None  # "– "..." said X": a cue of its own follows
    dash = len(before) - 1
    low = max(context.line_starts[paragraph_at(context, dash)], *(before.rfind(p) + 1 for p in ".!?"))
    earlier = [at for at in (before.find(f" {d} ", low, dash) for d in _DASHES) if at >= 0]
    if earlier:  # "X commented – which the BBC noted as unusual – "...": not the aside's own verb
        dash = min(earlier) + 1
    usable = usable_tokens(context)
    doc = context.doc
    for token in reversed(doc[token_at(doc, low) : token_at(doc, dash)]):
        if not usable(token) or inside_quote(context, token.idx) or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.dep_ in ("aux", "auxpass"):
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and usable(c)), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and voices.can_speak(subject):
            return token, subject
    return None


def pointed_speaker(context: QuoteContext, span: QuotedSpan) -> Token | None:
    """The speaker the sentence right after a quotation names by pointing back at its words, in the same
    paragraph: '"...." With those words, X suspended the talks', 'So said X, a farmer', 'Those were the
    words of X'."""
    if span.close_at is None:
        return None
    text = context.text
    at = span.close_at + 1
    rest = text[at:]
    stripped = rest.lstrip(" \t")
    if "\n" in rest[: len(rest) - len(stripped)]:
        return None
    start = at + len(rest) - len(stripped)
    doc = context.doc
    usable = usable_tokens(context)
    first = token_at(doc, start)
    if first >= len(doc):
        return None
    sentence = doc[first].sent
    if _POINTING_SUBJECT.match(stripped):
        root = sentence.root
        return _speaking(cues.subject_of(root, usable) if root.pos_ in ("VERB", "AUX") else None)
    if _POINTING_AFTER_VERB.match(stripped) and first + 2 < len(doc):
        # "So said Ibrahim Sow, ...": the name right after the verb, whatever the parse hangs it on
        named = doc[first + 2]
        while named.dep_ in ("compound", "flat") and named.head.i > named.i:
            named = named.head
        return _speaking(named) if named.pos_ in ("NOUN", "PROPN") else None
    pointing = _POINTING_OF.match(stripped)
    if pointing:
        of = token_at(doc, start + pointing.end() - 2)
        owner = next((c for c in doc[of].children if c.dep_ == "pobj"), None) if of < len(doc) else None
        return _speaking(owner)
    return None


def _speaking(token: Token | None) -> Token | None:
    return token if token is not None and voices.can_speak(token) else None
