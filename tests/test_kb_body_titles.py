"""Bodies of the open data whose names hold a word of a person's title ("the", "General", "American",
"Government": "Al-Qaeda in the Arabian Peninsula", "General Electric", "American Civil Liberties Union"),
which the build kept out as titles before session 12; on sentences of our own, written and annotated before
dyad was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import coded, marking_still_wrong

# (published, text, mention, (country, sector)); a body of no state has no country.
CASES = [
    ("2014-03-02", "The American Civil Liberties Union sued the city over its surveillance cameras.",
     "American Civil Liberties Union", ("USA", "NGO")),
    ("2013-05-20", "The Democratic Front for the Liberation of Palestine rejected the talks in Washington.",
     "Democratic Front for the Liberation of Palestine", ("PSE", "REB")),
    ("2015-11-30", "Friends of the Earth called the climate deal a betrayal of the poorest countries.",
     "Friends of the Earth", (None, "NGO")),
    ("2014-07-11", "The Kurdistan Regional Government began exporting oil through its own pipeline.",
     "Kurdistan Regional Government", ("IRQ", "GOV")),
    ("2012-09-18", "General Electric won an order for gas turbines from the Algerian utility.",
     "General Electric", ("USA", "BUS")),
    ("2011-02-14", "The Economic and Social Commission for Asia and the Pacific cut its growth forecast.",
     "Economic and Social Commission for Asia and the Pacific", ("UN", "IGO")),
    ("2010-01-09", "The Front for the Liberation of the Cabinda Enclave claimed the attack on the Togo team "
     "bus.", "Front for the Liberation of the Cabinda Enclave", ("AGO", "REB")),
    ("2016-09-05", "The International Union for the Conservation of Nature moved the giant panda off its "
     "endangered list.", "International Union for the Conservation of Nature", (None, "NGO")),
    ("2013-10-22", "The American Jewish Joint Distribution Committee sent doctors to the refugee camps.",
     "American Jewish Joint Distribution Committee", ("USA", "NGO")),
    ("2012-06-30", "Al-Qaeda in the Arabian Peninsula withdrew from two towns in Abyan province.",
     "Al-Qaeda in the Arabian Peninsula", ("YEM", "REB")),
    ("2015-04-16", "The American Association for the Advancement of Science criticised the budget cuts.",
     "American Association for the Advancement of Science", ("USA", "NGO")),
    ("2009-08-27", "Feed the Children flew food to the flooded districts.",
     "Feed the Children", (None, "NGO")),
    ("2014-12-03", "The Humane Society of the United States asked Congress to ban horse slaughter.",
     "Humane Society of the United States", ("USA", "NGO")),
    ("2011-07-19", "Bread for the World urged lawmakers to protect food aid in the budget deal.",
     "Bread for the World", ("USA", "NGO")),
]  # fmt: skip


# Still wrong after the build keeps these names (6 of 14; 12 of 14 were wrong before), and why.
_STILL_WRONG = {
    "Friends of the Earth": "spaCy reads no organisation there",
    "Feed the Children": "spaCy reads no organisation there",
    "Bread for the World": "the open data knows only the Bread for the World Institute",
    "Economic and Social Commission for Asia and the Pacific": "the parser's entity ends early",
    "Al-Qaeda in the Arabian Peninsula": "no country in the open data; the parser splits the name",
    "Humane Society of the United States": "the state in the name wins over the open data's sector",
}


@pytest.mark.parametrize(
    ("published", "text", "mention", "expected"),
    marking_still_wrong(CASES, _STILL_WRONG),
)
def test_body_named_with_a_title_word(
    nlp: Language, published: str, text: str, mention: str, expected: tuple[str | None, str | None]
) -> None:
    assert coded(nlp, text, mention, published) == expected
