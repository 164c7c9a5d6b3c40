"""Speakers and cues of partial quotations: the subject of the verb whose complement holds the fragment,
pronouns resolved to an antecedent that agrees (a person for "she", several for "they"), on texts written
for these tests."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.model import Extraction
from dyad.nlp.authors import read_out_for
from dyad.nlp.extract import extract
from dyad.nlp.speech_cues import contact_subject, subject_of
from quote_helpers import quotation_at, speaker

ARTICLE = "\n\n".join(
    [
        "Interior Minister Ana Ruiz told the assembly on Tuesday that the commission had become "
        '"an obstacle to reform" and accused it of spreading "false hope". She said the country would '
        'manage "on its own terms".',
        'President Marek Novak dismissed the report as "pure fiction". Dock workers in the northern port, '
        "who walked out last week, were not consulted. They called the plan "
        '"a betrayal of our families" and said they would stay on strike.',
        'The officers said the vote that gave Novak a second term "did not meet the standards" of a fair '
        "election.",
        'The envoy said Hanoi had called the seizure of the vessel "illegal and provocative".',
        "Boric, Petro and Lula met in Brasília on Monday. The three leaders said the region could not wait "
        '"another decade" for a deal. They called the current talks "a recipe for failure".',
        'The premier accused the opposition of spreading "fear and lies" in the capital. The court declared '
        "three days of mourning.",
    ]
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(ARTICLE, published="2025-05-06", id="test-partial-speakers")


def test_headline_verb_the_tagger_took_for_a_sign_noun() -> None:
    headline = 'Chile, Peru sign fisheries pact; UN hails "a model for the region"'
    found = extract(
        headline + "\n\nMinister Ana Ruiz told the assembly.", published="2025-05-06", id="h"
    ).quotes
    assert [q.speaker.actor.name for q in found if q.kind == "partial" and q.speaker] == ["United Nations"]
    sign = extract('Protesters carried a sign reading "No to the pact".', published="2025-05-06", id="s")
    assert not [
        q for q in sign.quotes if q.kind in ("direct", "partial")
    ]  # a real sign still speaks for nobody


def test_subject_across_a_semicolon_yields_to_the_verbs_own() -> None:
    # the parse a headline got: "Chile, Peru end fisheries row; UN hails ..." with both names on "hails"
    words = ["Chile", ",", "Peru", "end", "fisheries", "row", ";", "UN", "hails", "it"]
    heads = [8, 3, 3, 8, 5, 3, 8, 8, 8, 8]
    deps = ["nsubj", "punct", "nsubj", "ccomp", "compound", "dobj", "punct", "nsubj", "ROOT", "dobj"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    subject = subject_of(doc[8])
    assert subject is not None and subject.text == "UN"


def test_she_stands_for_a_person_not_a_body(extraction: Extraction) -> None:
    assert speaker(quotation_at(extraction, "on its own terms")) == "Ana Ruiz"


def test_coordinated_verb_is_the_fragments_cue(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "false hope")
    assert speaker(quote) == "Ana Ruiz"
    assert quote.cue is not None and quote.cue.text == "accused"


def test_they_stands_for_several_not_the_last_person(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "a betrayal of our families")
    assert speaker(quote) is not None and "workers" in (speaker(quote) or "").lower()


def test_quoted_clause_after_a_term_noun_is_speech(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "did not meet the standards")
    assert quote.kind == "partial"
    assert "officers" in (speaker(quote) or "").lower()


def test_fragment_belongs_to_the_verb_reported_inside_another(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "illegal and provocative")
    assert quote.speaker is not None and quote.speaker.actor.country == "VNM"
    assert quote.cue is not None and quote.cue.text == "had called"


def test_they_after_a_counted_group_with_a_reported_clause_between(extraction: Extraction) -> None:
    quote = quotation_at(extraction, "a recipe for failure")
    assert quote.speaker is not None and len(quote.speaker.members) == 3


def test_accused_and_charge_are_reported_speech(extraction: Extraction) -> None:
    reported = [q for q in extraction.quotes if q.kind == "indirect"]
    charge = next(q for q in reported if q.text.startswith("the opposition of"))
    assert charge.text == 'the opposition of spreading "fear and lies" in the capital'
    assert charge.cue is not None and charge.cue.text == "accused"
    assert not any("mourning" in q.text for q in reported)  # a noun's own of-phrase is no charge


def test_contact_relative_clause_has_its_own_subject() -> None:
    # the parse a sentence got: "Gunmen burned the depot, an act the charity today condemned as ...", with
    # "condemned" a conjunct of "burned" and "charity" an apposition of "act"
    words = ["Gunmen", "burned", "the", "depot", ",", "an", "act", "the", "charity", "today", "condemned"]
    heads = [1, 1, 3, 1, 3, 6, 3, 8, 6, 10, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "det", "appos", "det", "appos", "npadvmod", "conj"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=["NOUN"] * 11)
    subject = contact_subject(doc[10])
    assert subject is not None and subject.text == "charity"
    # set off by commas it is an apposition, no subject: "the depot, the charity's store, burned"
    words = ["the", "depot", ",", "the", "store", ",", "burned"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 6, 1, 4, 1, 1, 6],
        pos=["NOUN"] * 7,
        deps=["det", "nsubj", "punct", "det", "appos", "punct", "ROOT"],
    )
    assert contact_subject(doc[6]) is None


def test_judgement_in_a_contact_relative_clause_is_its_subjects() -> None:
    text = (
        "Armed settlers uprooted hundreds of olive trees near the village and set fire to a barn, an "
        'attack the Norwegian Refugee Council yesterday denounced as "intolerable".'
    )
    quotes = extract(text, published="2025-05-06", id="contact").quotes
    assert [speaker(q) for q in quotes if q.kind == "partial"] == ["Norwegian Refugee Council"]


def test_document_read_out_speaks_for_its_issuer_not_its_reader() -> None:
    # the parse a sentence got: "The tribunal's order, read out by Judge Lind, said ...", with "read" a
    # finite verb whose subject is "order" and whose agent is the judge
    words = ["The", "tribunal", "'s", "order", ",", "read", "out", "by", "Judge", "Lind", ",", "said"]
    heads = [1, 3, 1, 5, 3, 11, 5, 5, 9, 7, 5, 11]
    deps = [
        "det",
        "poss",
        "case",
        "nsubj",
        "punct",
        "ccomp",
        "prt",
        "agent",
        "compound",
        "pobj",
        "punct",
        "ROOT",
    ]
    pos = ["DET", "NOUN", "PART", "NOUN", "PUNCT", "VERB", "ADP", "ADP", "PROPN", "PROPN", "PUNCT", "VERB"]
    lemmas = ["the", "tribunal", "'s", "order", ",", "read", "out", "by", "Judge", "Lind", ",", "say"]
    doc = Doc(
        English().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas
    )  # "by" needs lower_
    document = read_out_for(doc[9])
    assert document is not None and document.text == "order"
    assert read_out_for(doc[1]) is None  # the issuer itself is nobody's reader


def test_ruling_read_out_by_a_judge_is_the_courts() -> None:
    text = (
        "The Federal Court of Malaysia's verdict, read out by Chief Justice Aminah Yusof, called the "
        'detention "without any basis in law".'
    )
    quotes = extract(text, published="2025-05-06", id="read-out").quotes
    assert [speaker(q) for q in quotes if q.kind == "partial"] == ["Federal Court of Malaysia"]
