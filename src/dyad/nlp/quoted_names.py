"""Quoted names: which quoted spans are names, titles, glosses or sign texts ("Operation Peace Spring",
the word "marriage", also known as the "Radio Control Law", a "..." poster) rather than anybody's words."""

from __future__ import annotations

import re

from spacy.tokens import Token

from dyad.nlp import speech_cues as cues
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import QuoteContext, attachments, token_at
from dyad.nlp.spans import token_span

SHORT_QUOTE_WORDS = 3  # a quote this short with no speaker is a scare quote, not anybody's words
_SMALL_WORDS = {"of", "the", "and", "in", "for", "on", "a", "an", "to", "vs.", "vs", "de", "la", "at", "&"}


def is_name_or_gloss(context: QuoteContext, span: QuotedSpan) -> bool:
    text = context.text
    content = text[span.start : span.end].strip()
    words = content.split()
    before = text[: span.open_at].rstrip()
    after = text[(span.close_at or span.end) + 1 :].lstrip()
    if before.endswith("(") and after.startswith(")"):
        return True  # "Brexit ("British exit")"
    if len(words) <= 2 and any(ch.isdigit() for ch in content):
        return True  # "COVID-19", "2019-nCoV"
    if _is_title_case(words) and not content.endswith(("!", "?")):
        return True  # "Operation Peace Spring", "Blue House", case names
    lexicon = cues.lexicon()
    preceding = _words_before(context, span.open_at, 3)
    if preceding and _is_known_as(preceding):
        return True  # also known as the "Radio Control Law"
    if preceding and lexicon.noun(preceding[-1], "term") and not _clause_after(context, span, preceding[-1]):
        return True  # the word "marriage"
    if preceding and preceding[-1].lower_ == "for" and len(words) <= SHORT_QUOTE_WORDS:
        head = preceding[-2] if len(preceding) > 1 else None
        if head is not None and head.pos_ == "PROPN":
            return True  # "Brexit for "British exit""
    if (
        len(preceding) > 1
        and preceding[-1].lower_ == "of"
        and preceding[-2].pos_ == "PROPN"
        and re.match(r",\s+(a|an|the)\s", after)
    ):
        return True  # 'Anna Franowska of "Have no fear", an abuse victim support charity'
    following = _words_after(context, (span.close_at or span.end) + 1, 1)
    return bool(following) and lexicon.noun(following[0], "sign")  # "..." poster


def _clause_after(context: QuoteContext, span: QuotedSpan, noun: Token) -> bool:
    """ "said the election that returned Bongo for a third term "did not meet the conditions"": a quoted
    clause that hangs from a verb outside it, not from the noun before it, is no gloss of that noun."""
    inside = token_span(context.doc, context.text, span.start, span.end)
    if inside is None or not inside.text[:1].islower():
        return False  # the question "Is this person a citizen ...?"
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside):
        return False
    attached = attachments(context, span)
    return bool(attached) and all(t.i != noun.i and t.pos_ in ("VERB", "AUX") for t in attached)


def _is_title_case(words: list[str]) -> bool:
    alpha = [w.strip("\"'“”‘’.,;:()[]") for w in words]
    alpha = [w for w in alpha if w and any(ch.isalpha() for ch in w)]
    if not alpha or len(alpha) > 8:
        return False
    if len(alpha) == 1:
        return False  # one capitalised word may well be speech ("Never"); let cues decide
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in alpha) and alpha[0][0].isupper()


def _is_known_as(words: list[Token]) -> bool:
    lowered = [w.lower_ for w in words if w.lower_ not in ("the", "a", "an")]
    return lowered[-2:] == ["known", "as"] or lowered[-1:] in (["so-called"], ["titled"], ["entitled"])


def _words_before(context: QuoteContext, char: int, count: int) -> list[Token]:
    doc = context.doc
    index = token_at(doc, char)
    found: list[Token] = []
    for token in reversed(doc[max(0, index - count - 2) : index]):
        if token.is_punct or token.is_space:
            if found or token.text not in ('"', "“", "'", "‘", ","):
                break
            continue  # the quote's own opening mark, or the comma of "the question, “...”"
        found.insert(0, token)
        if len(found) == count:
            break
    return found


def _words_after(context: QuoteContext, char: int, count: int) -> list[Token]:
    doc = context.doc
    index = token_at(doc, char)
    return [t for t in doc[index : index + count + 1] if not (t.is_punct or t.is_space)][:count]
