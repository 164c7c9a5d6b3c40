"""Leaders of armed fighters named by them: "X's rebels", "fighters loyal to X", "militants led by X" make X a
rebel leader (REB) where no office holds them that day. Our own sentences, written and annotated before dyad
was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import coded

# (text, published, name, sector wanted)
CASES = [
    ("Riek Machar's rebels attacked the town of Malakal on Monday.", "2014-02-10", "Riek Machar", "REB"),
    ("Fighters loyal to Riek Machar seized the town of Bor overnight.", "2013-12-20", "Riek Machar", "REB"),
    ("Separatist fighters loyal to Aidarous al-Zubaidi seized the presidential palace in Aden.", "2019-08-10",
     "Aidarous al-Zubaidi", "REB"),
    ("Militants led by Tomas Barreno burned two police posts in the hills, the army said.", "2016-04-02",
     "Tomas Barreno", "REB"),
    ("Hundreds of Joseph Kony's fighters crossed into the Central African Republic.", "2010-03-15",
     "Joseph Kony", "REB"),
    # An office held that day stays what it makes the person.
    ("Shiite militias loyal to Nouri al-Maliki paraded through Baghdad.", "2014-06-20", "Nouri al-Maliki",
     "GOV"),
    ("Salva Kiir said that Riek Machar's rebels had shelled Malakal.", "2014-02-10", "Salva Kiir", "GOV"),
    # Troops, forces and supporters are no armed group's.
    ("Supporters of Amara Tenneh marched through the capital after the vote.", "2018-03-01", "Amara Tenneh",
     None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "name", "sector"), CASES)
def test_leaders_of_fighters(nlp: Language, text: str, published: str, name: str, sector: str | None) -> None:
    assert coded(nlp, text, name, published)[1] == sector
