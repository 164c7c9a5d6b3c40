"""A wire story's dateline: one definition for the sentence splitter, quote frames and the web summary."""

from __future__ import annotations

import pytest

from dyad.nlp.datelines import find_datelines


@pytest.mark.parametrize(
    "dateline",
    [
        "SEOUL, Aug 18 - ",
        "GENEVA (Reuters) - ",
        "GENEVA (Reuters), Aug 18 - ",
        "NAIROBI, Kenya, Feb. 2 - ",
        "TBILISI, Oct 28 (Wire) – ",
        "GENEVA/N'DJAMENA – ",
        "THE HAGUE, 9 August 2023 – ",
        "PORT-AU-PRINCE — ",
    ],
)
def test_a_dateline_opening_the_story_is_found_whole(dateline: str) -> None:
    text = f"Title of the story\n\n{dateline}The minister arrived on Tuesday."
    start = text.index(dateline)
    assert find_datelines(text) == ((start, start + len(dateline)),)


def test_no_dateline_in_a_sentence_or_past_the_first_paragraphs() -> None:
    assert find_datelines("The EU - and NATO - met on Monday.") == ()
    late = "One.\n\nTwo.\n\nThree.\n\nFour.\n\nROME, May 2 - Five."
    assert find_datelines(late) == ()
