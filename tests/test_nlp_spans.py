from __future__ import annotations

import spacy

from dyad.nlp.spans import token_span


def test_blank_or_inverted_spans_give_none_instead_of_e035() -> None:
    doc = spacy.blank("en")("China  and   Russia  agreed.")
    text = doc.text
    gap = text.index("and") + 3  # inside the run of spaces after "and"
    assert token_span(doc, text, gap, gap + 2) is None
    assert token_span(doc, text, gap + 2, gap) is None
    assert token_span(doc, text, 0, 0) is None


def test_partial_words_expand_and_blanks_are_trimmed() -> None:
    doc = spacy.blank("en")("China  and   Russia  agreed.")
    text = doc.text
    span = token_span(doc, text, 1, text.index("Russia") + 2)
    assert span is not None and span.text == "China  and   Russia"
    padded = token_span(doc, text, text.index("and") - 1, text.index("Russia") + 8)
    assert padded is not None and padded.text == "and   Russia"
