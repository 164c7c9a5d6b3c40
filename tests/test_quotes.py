"""The dyad_quotes component on an article written for these tests, and its speech-cue lexicon."""

from __future__ import annotations

import pytest

from dyad.model import Extraction, Quote
from dyad.nlp.extract import extract
from dyad.nlp.speech_cues import lexicon

ARTICLE = "\n\n".join(
    [
        "Foreign Minister Penny Wong met Indonesian Foreign Minister Retno Marsudi in Jakarta on Monday.",
        "“Our two countries share an ocean and a future,” Wong said after the talks. “We will keep "
        "talking, even when we disagree.”",
        "Marsudi told Wong that Indonesia “will not accept any militarisation of the region,” a "
        "senior Australian official said.",
        "According to Marsudi, the talks were “frank and useful.”",
        'Treasury official Mark Byrne said the deal was "a good start" for both economies.',
        "The opposition called the visit a “photo opportunity” and the trip was dubbed “Operation "
        "Good Neighbour” by local media.",
        "Protesters outside the embassy carried a banner reading “Hands off our seas”.",
        "The talks covered the treaty known as the “Lombok Treaty”, which both sides described as vital.",
        "Marsudi warned that the region could not afford another conflict.",
        "“There is no alternative to dialogue,” she said, “and dialogue needs patience.”",
        "Wong said: «We came to listen.",
        "«We will come back next month with a proposal.»",
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2025-03-04", id="test-quotes")


def quote_at(extraction: Extraction, words: str) -> Quote:
    for quote in extraction.quotes:
        if words in quote.text:
            return quote
    raise AssertionError(f"no quote containing {words!r}: {[q.text for q in extraction.quotes]}")


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.actor.name if quote.speaker else None


def test_offsets_span_content_without_marks(extraction: Extraction) -> None:
    for quote in extraction.quotes:
        assert ARTICLE[quote.start : quote.end] == quote.text
        assert quote.text[:1] not in '“”"«»'


def test_speaker_after_quote_and_continuation(extraction: Extraction) -> None:
    first = quote_at(extraction, "share an ocean")
    assert first.kind == "direct" and speaker_name(first) == "Penny Wong"
    assert first.cue is not None and first.cue.text == "said"
    follow_up = quote_at(extraction, "keep talking")
    assert speaker_name(follow_up) == "Penny Wong"


def test_relayed_words_keep_their_speaker_and_addressee(extraction: Extraction) -> None:
    quote = quote_at(extraction, "militarisation")
    assert quote.kind == "partial"
    assert speaker_name(quote) == "Retno Marsudi"
    assert quote.addressee is not None and quote.addressee.name == "Penny Wong"
    assert quote.relayed_by is not None and quote.relayed_by.country == "AUS"


def test_according_to_and_title_speakers(extraction: Extraction) -> None:
    assert speaker_name(quote_at(extraction, "frank and useful")) == "Retno Marsudi"
    partial = quote_at(extraction, "a good start")
    assert partial.kind == "partial" and speaker_name(partial) == "Mark Byrne"


def test_speaker_in_the_middle_and_pronoun(extraction: Extraction) -> None:
    before = quote_at(extraction, "no alternative")
    after = quote_at(extraction, "needs patience")
    assert before.speaker is not None and after.speaker is not None
    assert before.speaker.mention is not None and before.speaker.mention.text == "she"
    assert before.speaker.actor == after.speaker.actor
    assert before.speaker.actor.name == "Retno Marsudi"  # "she": the last speaker named before


def test_multi_paragraph_guillemets(extraction: Extraction) -> None:
    quote = quote_at(extraction, "We came to listen")
    assert quote.text.endswith("with a proposal.")
    assert speaker_name(quote) == "Penny Wong"


def test_names_titles_and_signs_are_not_quotes(extraction: Extraction) -> None:
    texts = [q.text for q in extraction.quotes]
    assert "Operation Good Neighbour" not in texts
    assert "Hands off our seas" not in texts
    assert "Lombok Treaty" not in texts
    assert speaker_name(quote_at(extraction, "photo opportunity")) is not None


def test_indirect_speech(extraction: Extraction) -> None:
    quote = quote_at(extraction, "the region could not afford")
    assert quote.kind == "indirect" and speaker_name(quote) == "Retno Marsudi"
    assert quote.cue is not None and quote.cue.text == "warned"


def test_evidence_and_ids(extraction: Extraction) -> None:
    ids = [q.id for q in extraction.quotes]
    assert len(ids) == len(set(ids))
    for quote in extraction.quotes:
        assert quote.evidence.extractor.startswith("dyad_quotes@")
        assert 0 < quote.confidence <= 1
        assert quote.text.strip()[:10] in quote.evidence.sentence or quote.kind != "indirect"
        data = quote.to_dict()
        expected = {"id", "text", "start", "end", "kind", "speaker", "cue", "addressee", "relayed_by"}
        assert expected <= set(data)


def test_rerun_is_idempotent(extraction: Extraction) -> None:
    again = extract(ARTICLE, published="2025-03-04", id="test-quotes")
    assert [q.id for q in again.quotes] == [q.id for q in extraction.quotes]


def test_lexicon_integrity() -> None:
    table = lexicon()
    assert table.verbs["say"].kind == "speech"
    assert table.verbs["tell"].takes_addressee
    assert table.verbs["dub"].kind == "naming"
    assert table.nouns["banner"].kind == "sign"
    assert table.nouns["statement"].kind == "document"
    assert all(entry.lemma == entry.lemma.lower().strip() for entry in table.verbs.values())
