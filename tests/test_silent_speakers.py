"""Things never speak (issue 16): an occasion ("a press conference", "the trial"), a living or natural thing
or an abstraction gives its words to whoever the text names as holding it, else to nobody; a body named
with an occasion word still speaks; who saw a document is not its author. Sentences of our own."""

from __future__ import annotations

import pytest

from dyad.model import Quote
from dyad.nlp.extract import extract


def _quote(text: str, words: str) -> Quote | None:
    extraction = extract(text, published="2025-02-11", id="test-silent-speakers")
    return next((q for q in extraction.quotes if words in q.text), None)


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("A press conference held by the dockworkers' union on Friday claimed that the port had cut wages "
         "twice this year.", "cut wages", "union"),
        ('The Episcopal Conference of Colombia met in Bogota on Sunday. The conference said the land reform '
         'was "a threat to rural families".', "rural families", "Episcopal Conference of Colombia"),
    ],
)  # fmt: skip
def test_the_holder_or_the_body_speaks(text: str, words: str, name: str) -> None:
    quote = _quote(text, words)
    assert quote is not None and quote.speaker is not None, quote
    assert name in quote.speaker.actor.name


@pytest.mark.parametrize(
    ("text", "words", "wrong"),
    [
        ("An autopsy determined that the whale had swallowed large amounts of plastic.",
         "swallowed", "autopsy"),
        ("The research suggested that the comet was far older than the planets around it.",
         "comet", "research"),
        ("The election should decide who leads the party, the rebels insisted.",
         "leads the party", "election"),
        ('A cabinet memo seen by journalists called the rail plan "unaffordable".',
         "unaffordable", "journalists"),
    ],
)  # fmt: skip
def test_nobody_rather_than_a_thing(text: str, words: str, wrong: str) -> None:
    quote = _quote(text, words)
    assert quote is None or quote.speaker is None or wrong not in quote.speaker.actor.name.lower(), quote
