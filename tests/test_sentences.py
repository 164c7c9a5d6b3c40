"""Sentence starts set before the parser: a quotation that closes a paragraph keeps its closing mark."""

from __future__ import annotations

import re

import pytest

from dyad.nlp.extract import extract
from dyad.nlp.pipeline import SENTENCES, load_pipeline
from dyad.nlp.sentences import dyad_sentences

PARAGRAPHS = (
    "The trade minister spoke for an hour in Lisbon on Monday. "
    '"We will not back down on the steel quotas."\n\n'
    "Reyes said the talks would go on in Madrid next week."
)


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in load_pipeline()(text).sents]


def test_the_sentences_component_runs_before_the_parser() -> None:
    names = load_pipeline().pipe_names
    assert names.index(SENTENCES) < names.index("parser")


@pytest.mark.parametrize(
    ("text", "ends", "next_start"),
    [
        (PARAGRAPHS, 'steel quotas."', "Reyes said"),
        (  # the final punctuation inside a nested quotation
            "The coach said: \"My father told me, 'Never stop running.'\"\n\n"
            "Ortiz scored twice in the final.",
            "running.'\"",
            "Ortiz scored",
        ),
        (  # curly marks, a question
            "The envoy paused. “Who will pay for the bridge?”\n\nMensah said the bank would decide.",
            "bridge?”",
            "Mensah said",
        ),
    ],
)
def test_a_quotation_closing_a_paragraph_keeps_its_closing_mark(
    text: str, ends: str, next_start: str
) -> None:
    sentences = _sentences(text)
    assert any(s.endswith(ends) for s in sentences), sentences
    assert any(s.startswith(next_start) for s in sentences), sentences
    assert not any(re.match(r"[\"'”’]\s", s) for s in sentences), sentences  # no stray closing mark


def test_the_evidence_of_an_item_after_such_a_paragraph_starts_with_its_own_words() -> None:
    text = (
        '"We will answer every provocation," the Iranian foreign minister told reporters in Tehran on Monday.'
        ' "Our patience has limits."\n\nIran warned Israel against any strike on its nuclear sites.\n\n'
        "Oil prices rose on Tuesday."
    )
    extraction = extract(text, published="2024-06-03", id="test-sentences")
    warnings = [e for e in extraction.events if "warned" in e.evidence.sentence]
    assert warnings, [e.evidence.sentence for e in extraction.events]
    # Its own words only: no closing mark before them, no paragraph break after them.
    words = "Iran warned Israel against any strike on its nuclear sites."
    assert {e.evidence.sentence for e in warnings} == {words}
    said = [q for q in extraction.quotes if "patience" in q.text]
    assert said and said[0].evidence.sentence.rstrip().endswith('limits."')


def test_within_a_line_the_parser_decides() -> None:
    """Only line ends are forced: '"Why?" Ruiz asked.' may be one sentence."""
    doc = dyad_sentences(load_pipeline().make_doc('"Why now?" Ruiz asked the minister. "Because," she said.'))
    assert all(token.is_sent_start is None for token in doc[1:])
