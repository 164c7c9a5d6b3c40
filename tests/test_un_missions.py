"""UN peace operations and political missions named by their acronyms or full names ("UNIFIL", "the United
Nations Mission in South Sudan") are bodies of the UN (UN, IGO), not of the country they serve in; on
sentences of our own, written and annotated before dyad was run on them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actor_helpers import coded

CASES = [
    ("2024-10-14", "UNIFIL said two of its positions near Naqoura had been hit by tank fire.", "UNIFIL"),
    ("2014-01-03", "UNMISS opened its bases in Juba to 20,000 civilians fleeing the fighting.", "UNMISS"),
    ("2016-06-01", "MINUSMA said a rocket attack on its camp in Gao had killed a peacekeeper.", "MINUSMA"),
    ("2017-05-09", "MINUSCA sent reinforcements to Bangassou after an attack by armed men.", "MINUSCA"),
    ("2015-02-20", "UNAMID said its patrols were denied access to the village in North Darfur.", "UNAMID"),
    ("2010-01-14", "MINUSTAH lost its head of mission when its headquarters collapsed.", "MINUSTAH"),
    ("2012-11-21", "MONUSCO helicopters fired on the rebels advancing on Goma.", "MONUSCO"),
    ("2013-03-06", "UNDOF said 21 of its observers had been seized on the Golan Heights.", "UNDOF"),
    ("2011-03-02", "The United Nations Mission in South Sudan opened new offices in Malakal.",
     "United Nations Mission in South Sudan"),
    ("2021-08-30", "UNAMA urged the Taliban to let its female staff return to work.", "UNAMA"),
]  # fmt: skip


@pytest.mark.parametrize(("published", "text", "mention"), CASES)
def test_un_mission_is_the_uns(nlp: Language, published: str, text: str, mention: str) -> None:
    assert coded(nlp, text, mention, published) == ("UN", "IGO")
