"""The ``dyad_sentences`` component: sentence starts the parser must respect, set before it runs.

Where a quotation closes a paragraph (``... responsibly."`` and a new paragraph) the parser often ends the
sentence before the closing mark, so the mark and the paragraph break open the next one
(``"\\n\\nZhao said ...``): the quote's sentence loses its end and the next is shown with a stray mark. A
closing mark after a sentence's final punctuation ends its sentence when its line ends there (a line is a
paragraph, as :mod:`dyad.nlp.quotation_marks` reads news text) or when the next word is one no attribution
begins with (``... say[.]" As of Tuesday``, where an editor's brackets hid the stop from the parser): the
mark and the space after it start no sentence, and that word starts one. A name, a pronoun or a noun
phrase after the mark may begin the quotation's attribution (``"Why?" Ruiz asked.``): the parser decides
there, as everywhere else.

A paragraph starts a sentence (after a blank line, or a line ending in a sentence's final punctuation).

A wire story's dateline ("CARACAS, July 23 - Venezuelan President Hugo Chavez broke off relations with
Colombia") is a sentence of its own: parsed with the story's first sentence, its place becomes a second
subject of the first verb (and a party of its act).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyad.nlp.datelines import find_datelines
from dyad.nlp.doc_cache import doc_text, once
from dyad.nlp.quotation_marks import QuotedSpan, find_quotes

_FINAL = ".?!…"
_INNER_CLOSE = "'’”\")]"  # marks and brackets a sentence's final punctuation may sit inside
# Tags of the words an attribution after a quotation may begin with: a name, a pronoun, a noun phrase.
_ATTRIBUTION_STARTS = frozenset({"NNP", "NNPS", "PRP", "PRP$", "DT", "NN", "NNS", "JJ", "CD", "``", "''"})


def quoted_spans(doc: Doc) -> list[QuotedSpan]:
    """The quotations of the document's text (:func:`find_quotes`), found once per document."""
    return once(doc, "dyad_quoted_spans", lambda: find_quotes(doc_text(doc)))


@Language.component("dyad_sentences")
def dyad_sentences(doc: Doc) -> Doc:
    text = doc_text(doc)
    _paragraph_starts(doc, text)
    for span in quoted_spans(doc):
        if span.family == "block" and span.attribution is not None:
            # A transcript turn's words start a sentence after its label ("HADDAD: About 640,000 ..."):
            # the label is no subject of the answer, whose words would be read as its phrase.
            words = doc.char_span(span.start, span.start + 1, alignment_mode="expand")
            if words is not None and words.start > 0:
                doc[words.start].is_sent_start = True
        at = span.close_at
        if not at or not _ends_sentence(text, at):
            continue
        mark = doc.char_span(at, at + 1)
        if mark is None:  # the mark is inside a longer token: nothing to place
            continue
        following = mark.end
        while following < len(doc) and doc[following].is_space:
            following += 1
        if following == len(doc):
            continue
        line_ends = "\n" in text[at + 1 : doc[following].idx]
        if line_ends or _opens_sentence(doc[following]):
            for token in doc[mark.start : following]:
                token.is_sent_start = False
            doc[following].is_sent_start = True
    for _, end in find_datelines(text):
        after = doc.char_span(end, end + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
            # The parser may end a sentence at a lone first word it cannot attach ("KYIV, Aug 15 - Russian
            # drones struck": "Russian" alone, the drones nobody's): the sentence goes on past it.
            if after.start + 1 < len(doc) and not doc[after.start].is_punct:
                doc[after.start + 1].is_sent_start = False
    return doc


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the text just before ``at`` ends in a sentence's final punctuation, perhaps inside closing
    quotation marks or brackets."""
    return text[max(0, at - 8) : at].rstrip(_INNER_CLOSE).endswith(tuple(_FINAL))


_LINE_BREAK = re.compile(r"[ \t\xa0]*\n\s*")


def _paragraph_starts(doc: Doc, text: str) -> None:
    """A paragraph starts a sentence: after a blank line, or after a line that ends a sentence (a line
    broken inside a sentence, as in text wrapped by width, goes on). The parser otherwise joins about one
    paragraph in six of our news stories to the sentence before it ("... has killed 4,000 people.\n\nIndia
    and China have sent rescue teams": India and China the objects of "killed")."""
    for found in _LINE_BREAK.finditer(text):
        end = found.end()
        if end >= len(text) or found.start() == 0:
            continue
        blank = found.group().count("\n") > 1
        if not blank and not _ends_sentence(text, found.start()):
            continue
        start = doc.char_span(end, end + 1, alignment_mode="expand")
        if start is not None and start.start > 0:
            doc[_after_enumerator(doc, start.start)].is_sent_start = True


# "3. ", "iv. ", "(b) ", "2) ", "- ", "• ": not "J. Smith said" (an initial).
_ENUMERATOR = re.compile(r"(?:[(]?(?:\d{1,2}|[a-z]|[ivx]{1,4})[)]|(?:\d{1,2}|[ivx]{1,4})[.]|[-•*–])\s")


def _after_enumerator(doc: Doc, first: int) -> int:
    """The first word of a paragraph after its list number or bullet ("3. Minister Kihara stated", "(b) The
    ministry"): the number is no subject of the sentence."""
    found = _ENUMERATOR.match(doc_text(doc), doc[first].idx)
    if found is None:
        return first
    after = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
    return after.start if after is not None else first


def _opens_sentence(token: Token) -> bool:
    """Does a capitalised word after a closed quotation begin a sentence of its own ('... say." As of
    Tuesday ...', '... win." But critics ...'), where no attribution can begin with it ('"Why?" Ruiz
    asked', '"Stop!" the guard shouted', '"Go." He left': names, pronouns and noun phrases)?"""
    return token.text[:1].isupper() and token.tag_ not in _ATTRIBUTION_STARTS
