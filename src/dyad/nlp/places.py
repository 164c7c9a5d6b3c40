"""The ``dyad_places`` component: places named in the article, with country, kind and coordinates.

Gazetteer names (``dyad.codebooks.places``) are matched with one compiled ``PhraseMatcher``; place entities
(GPE, LOC, FAC) the gazetteer does not know are kept with kind ``place`` and no coordinates, so one unknown
place never hides the others.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.codebooks.places import PlaceEntry, gazetteer
from dyad.model import Place
from dyad.model import Span as TextSpan

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_matchers: dict[int, PhraseMatcher] = {}
_lock = threading.Lock()


def _matcher(nlp: Language) -> PhraseMatcher:
    with _lock:
        key = id(nlp.vocab)
        if key not in _matchers:
            matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            matcher.add("DYAD_PLACE", [nlp.make_doc(s) for s in gazetteer()])
            _matchers[key] = matcher
        return _matchers[key]


class PlaceFinder:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        table = gazetteer()
        spans = filter_spans([doc[s:e] for _, s, e in _matcher(self.nlp)(doc)])
        covered = {i for s in spans for i in range(s.start, s.end)}
        found: dict[tuple[str, str | None, str], list[Span]] = defaultdict(list)
        entries: dict[tuple[str, str | None, str], PlaceEntry | None] = {}
        for span in spans:
            known = table[span.text]
            key = (known.name, known.country, known.kind)
            found[key].append(span)
            entries[key] = known
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS and not any(i in covered for i in range(ent.start, ent.end)):
                name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                # Datelines are upper case ("WASHINGTON —"): try the name as a title too.
                entry = table.get(name) or table.get(name.title())
                key = (entry.name, entry.country, entry.kind) if entry else (name, None, "place")
                found[key].append(ent)
                entries[key] = entry
        places = []
        for key, mentions in found.items():
            entry = entries[key]
            places.append(
                Place(
                    name=key[0],
                    country=key[1],
                    kind=key[2],
                    lat=entry.lat if entry else None,
                    lon=entry.lon if entry else None,
                    mentions=tuple(TextSpan(s.start_char, s.end_char, s.text) for s in mentions),
                )
            )
        places.sort(key=lambda p: p.mentions[0].start)
        doc._.dyad_places = places
        return doc


@Language.factory("dyad_places")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp)
