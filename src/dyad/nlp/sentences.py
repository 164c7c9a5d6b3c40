"""The ``dyad_sentences`` component: sentence starts the parser must respect, set before it runs.

Where a quotation closes a paragraph (``... responsibly."`` and a new paragraph) the parser often ends the
sentence before the closing mark, so the mark and the paragraph break open the next one
(``"\\n\\nZhao said ...``): the quote's sentence loses its end and the next is shown with a stray mark. A
closing mark after a sentence's final punctuation, at the end of a line (a paragraph, as
:mod:`dyad.nlp.quotation_marks` reads news text), ends its sentence: the mark and the line break start no
sentence, and the next line's first word starts one. Everything else the parser splits as it would.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dyad.nlp.doc_cache import once
from dyad.nlp.quotation_marks import QuotedSpan, find_quotes

_FINAL = ".?!…"
_INNER_CLOSE = "'’”\")]"  # marks and brackets a sentence's final punctuation may sit inside


def quoted_spans(doc: Doc) -> list[QuotedSpan]:
    """The quotations of the document's text (:func:`find_quotes`), found once per document."""
    return once(doc, "dyad_quoted_spans", lambda: find_quotes(doc.text))


@Language.component("dyad_sentences")
def dyad_sentences(doc: Doc) -> Doc:
    text = doc.text
    for span in quoted_spans(doc):
        if span.close_at and _ends_sentence(text, span.close_at):
            _end_line(doc, span.close_at)
    return doc


def _ends_sentence(text: str, at: int) -> bool:
    """Does the mark at ``at`` close a sentence at the end of its line ('... "up."' then a new line)?"""
    before = text[:at].rstrip(_INNER_CLOSE)
    after = text[at + 1 :]
    return before.endswith(tuple(_FINAL)) and "\n" in after[: len(after) - len(after.lstrip())]


def _end_line(doc: Doc, at: int) -> None:
    mark = doc.char_span(at, at + 1)
    if mark is None:  # the mark is inside a longer token: nothing to place
        return
    following = mark.start
    while following < len(doc) and (following == mark.start or doc[following].is_space):
        if following:
            doc[following].is_sent_start = False
        following += 1
    if following < len(doc):
        doc[following].is_sent_start = True
