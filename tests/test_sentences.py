"""Sentence starts set before the parser: a quotation that closes a paragraph keeps its closing mark, a wire
dateline is a sentence of its own."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

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


def _tagged(text: str) -> Doc:
    nlp = load_pipeline()
    return nlp.get_pipe("tagger")(nlp.get_pipe("tok2vec")(nlp.make_doc(text)))


def test_within_a_line_an_attribution_is_left_to_the_parser() -> None:
    """'"Why now?" Ruiz asked.', '"Go." He left.': a name, a pronoun or a noun phrase after a quotation
    may begin its attribution, so nothing is set there."""
    for text in (
        '"Why now?" Ruiz asked the minister.',
        '"Enough." He left the room.',
        '"Stop!" the guard shouted.',
    ):
        doc = dyad_sentences(_tagged(text))
        assert all(token.is_sent_start is None for token in doc[1:]), text


def test_within_a_line_a_word_no_attribution_begins_with_starts_a_sentence() -> None:
    # An editor's "[.]" hides the final stop from the parser, which ran both into one sentence.
    text = (
        'The envoy told reporters, "We expect nothing from this round of talks[.]" As of Monday there had '
        "been no reply from the other side."
    )
    assert _sentences(text)[-1] == "As of Monday there had been no reply from the other side."


def test_the_first_word_after_a_dateline_stays_with_its_sentence() -> None:
    # The parser ended a sentence at the lone adjective, leaving the forces without a nationality.
    text = "KYIV, June 2 - Russian forces shelled a hospital in Kherson on Monday."
    assert _sentences(text) == ["KYIV, June 2 -", "Russian forces shelled a hospital in Kherson on Monday."]


def test_a_wire_dateline_is_a_sentence_of_its_own() -> None:
    text = (
        "QUITO, Feb 9 - Ecuador's president expelled the Colombian ambassador on Monday.\n\n"
        "BOGOTA (Wire) - Colombia recalled its envoy."
    )
    assert _sentences(text) == [
        "QUITO, Feb 9 -",
        "Ecuador's president expelled the Colombian ambassador on Monday.",
        "BOGOTA (Wire) -",
        "Colombia recalled its envoy.",
    ]


@pytest.mark.parametrize("dateline", ["MAPUTO, Sept 3 (Wire) –", "OSLO, 4 March 2024 –", "KIGALI –"])
def test_every_dateline_form_the_quote_frames_knew_is_a_sentence_of_its_own(dateline: str) -> None:
    # The splitter once knew only "PLACE, Mon dd - " and "PLACE (Agency) - ": these stayed in the story's
    # first sentence.
    text = f"{dateline} Kenyan police detained twelve protesters on Monday."
    assert _sentences(text) == [dateline, "Kenyan police detained twelve protesters on Monday."]


def test_a_paragraph_after_a_finished_sentence_starts_a_sentence() -> None:
    text = (
        "The cyclone, the worst to hit the coast in 50 years, has killed more than 900 people.\n\n"
        "Chile and Peru, which both border the region, have sent army engineers."
    )
    assert _sentences(text) == [
        "The cyclone, the worst to hit the coast in 50 years, has killed more than 900 people.",
        "Chile and Peru, which both border the region, have sent army engineers.",
    ]


def test_a_heading_then_a_blank_line_starts_a_sentence() -> None:
    text = "Monday, March 4, 2024\n\nThe finance minister resigned on Monday after a week of protests."
    assert _sentences(text)[-1] == "The finance minister resigned on Monday after a week of protests."


def test_a_line_broken_inside_a_sentence_goes_on() -> None:
    text = "The finance minister said the budget talks with the\nunions would resume on Friday in Lima."
    assert len(_sentences(text)) == 1


def test_a_numbered_paragraph_s_sentence_starts_after_its_number() -> None:
    text = "The drill ended on Friday.\n\n4. The foreign minister stated that the drill went well."
    assert "The foreign minister stated that the drill went well." in _sentences(text)


def test_a_transcript_turn_s_words_start_after_its_label() -> None:
    text = (
        "Q: Will the ministry raise fuel prices this year?\n\n"
        "OKAFOR: Not this year. We will keep the subsidy until March.\n\n"
        "Q: And after March?\n\n"
        "OKAFOR: That depends on the price of crude oil."
    )
    sentences = _sentences(text)
    assert "Not this year." in sentences, sentences
