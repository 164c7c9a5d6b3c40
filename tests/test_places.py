"""Places: gazetteer integrity and places found in our own sentences."""

from __future__ import annotations

from spacy.language import Language

from dyad.codebooks.places import KINDS, gazetteer


def test_gazetteer_integrity() -> None:
    table = gazetteer()
    for surface, entry in table.items():
        assert entry.kind in KINDS, surface
        assert entry.lat is None or -90 <= entry.lat <= 90, surface
        assert entry.lon is None or -180 <= entry.lon <= 180, surface
    for name in (
        "South China Sea",
        "Taiwan Strait",
        "Middle East",
        "Indo-Pacific",
        "Xinjiang",
        "Tibet",
        "Gaza",
    ):
        assert name in table


def test_places_in_text(nlp: Language) -> None:
    doc = nlp.make_doc(
        "Warships crossed the Taiwan Strait while talks in Geneva and Jakarta focused on Gaza and Xinjiang."
    )
    doc = nlp(doc, disable=["dyad_quotes", "dyad_events", "dyad_issues"])
    places = {p.name: p for p in doc._.dyad_places}
    assert places["Taiwan Strait"].kind == "strait" and places["Taiwan Strait"].country is None
    assert places["Geneva"].country == "CHE" and places["Geneva"].lat is not None
    assert places["Jakarta"].country == "IDN"
    assert places["Gaza"].country == "PSE"
    assert places["Xinjiang"].country == "CHN" and places["Xinjiang"].kind == "region"
    for place in places.values():
        for m in place.mentions:
            assert doc.text[m.start : m.end] == m.text
