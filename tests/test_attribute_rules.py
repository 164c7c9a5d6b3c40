"""The attribute ruler's array matcher: the same matches as spaCy's matcher, or spaCy's matcher kept."""

from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from dyad.nlp.attribute_rules import IndexedMatches, index_rules
from dyad.nlp.pipeline import MODELS, load_pipeline

# Written for the ruler's rules: contractions, "ain't", "gonna", "y'all", "nothin'", "there is", pronouns
# by case, determiners standing alone, spaces, and a text of one token.
TEXTS = (
    "The minister said she ain't gonna sign it, and y'all know nothin' changed.",
    "There is no deal. There were talks, but it hit a wall; they didn't agree and we're not sure.",
    "I told you that it was mine. You saw me and I saw it. Let's go, c'mon, we gotta leave.",
    "That is what those wanted:  all of this.\n\nShe does, he has, they had done it.",
    "Talks",
    "",
)


def _model(name: str = "md") -> Language:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        return spacy.load(MODELS[name])


@pytest.mark.parametrize("model", ["md", "sm"])
def test_the_arrays_find_the_matchers_matches(model: str) -> None:
    nlp = _model(model)
    ruler = nlp.get_pipe("attribute_ruler")
    spacys = ruler.match
    index_rules(nlp)
    assert isinstance(ruler.match, IndexedMatches)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(TEXTS))
    for doc in docs:
        assert ruler.match(doc) == spacys(doc), doc.text
    assert sum(len(spacys(doc)) for doc in docs) > 100


def test_the_pipeline_tags_as_spacy_does() -> None:
    ours, theirs = load_pipeline("md"), _model()
    assert isinstance(ours.get_pipe("attribute_ruler").match, IndexedMatches)
    for text in TEXTS:
        a, b = ours(text), theirs(text)
        assert [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in a] == [
            (t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in b
        ]


def test_a_pattern_the_arrays_cannot_read_keeps_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "not"}]], {"LEMMA": "not"})
    index_rules(nlp)
    assert isinstance(ruler.match, IndexedMatches)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    del ruler.match
    index_rules(nlp)
    assert not isinstance(ruler.match, IndexedMatches)
    assert [t.lemma_ for t in nlp("very very not")] == ["very", "very", "not"]


def test_rules_added_after_indexing_are_applied() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "not"}]], {"LEMMA": "not"})
    index_rules(nlp)
    ruler.add([[{"LOWER": "never"}]], {"LEMMA": "ever"})
    assert [t.lemma_ for t in nlp("never not")] == ["ever", "not"]
    ruler.clear()
    ruler.add([[{"LOWER": "never"}]], {"LEMMA": "nope"})
    assert [t.lemma_ for t in nlp("never")] == ["nope"]
