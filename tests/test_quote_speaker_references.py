"""Speakers a quote's frame names only by reference: a definite description ("the minister", "the
organisation"), a text standing for its author ("the agency's latest assessment"), a pronoun after a
newly named subject, a name the recogniser mistook for an organisation."""

from __future__ import annotations

import pytest

from dyad.model import ActorRef, Quote
from dyad.nlp.extract import extract


def _quote(text: str, words: str) -> Quote:
    extraction = extract(text, published="2024-06-03", id="test-speaker-references")
    for quote in sorted(extraction.quotes, key=lambda q: q.kind in ("indirect", "belief")):
        if words in quote.text:
            return quote
    raise AssertionError(f"no quote containing {words!r}: {[q.text for q in extraction.quotes]}")


def _speaker_actor(text: str, words: str) -> ActorRef:
    quote = _quote(text, words)
    assert quote.speaker is not None, quote
    return quote.speaker.actor


def _speaker(text: str, words: str) -> str:
    return _speaker_actor(text, words).name


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # a person's role noun stands for the person just named, whatever title the text gave
            "Transport Secretary Lena Varga presented the rail budget to parliament on Monday. The "
            'minister called the cuts "painful but fair".',
            "painful but fair",
            "Lena Varga",
        ),
        (  # a body's noun stands for the organisation last named
            "Oxfam said on Monday that food aid to the region had fallen by a third. The organisation "
            'described the cuts as "a betrayal of the poorest".',
            "betrayal of the poorest",
            "Oxfam",
        ),
        (  # of the bodies named before, the one that was a clause's subject
            "Hamas said on Sunday that the talks had stalled. Aid deliveries fell by half, according to "
            'Oxfam. The group called the new conditions "impossible to accept".',
            "impossible to accept",
            "Hamas",
        ),
        (  # a text nearer to documents than to agents speaks for its author
            "UNHCR said on Tuesday that arrivals on the islands had doubled. The agency's latest "
            'assessment warns of "a summer of record crossings".',
            "record crossings",
            "UNHCR",
        ),
        (  # a newly named subject wins over an older speaker of the other gender
            "Finance Minister Peter Lang said the budget would balance by 2026. Health Minister Maria "
            "Ortega, who had asked for more, defended the compromise. She said hospitals would get "
            '"every cent they were promised".',
            "every cent",
            "Maria Ortega",
        ),
        (  # "described as": the cue the quote hangs from, not an earlier one in the sentence
            'The envoy called the truce "fragile", and both armies agreed to what the United Nations '
            'described as "daily corridors" for civilians.',
            "daily corridors",
            "United Nations",
        ),
        (  # a kin noun takes the nearest named person of its gender
            "Prosecutors charged Anna Weber and her husband John Weber with fraud. The wife said she was "
            '"ashamed of nothing".',
            "ashamed of nothing",
            "Anna Weber",
        ),
        (  # "in the words of X" credits X like "according to X"
            'Exports fell for a third month. In the words of one shipping broker, the market had "simply '
            'stopped breathing".',
            "stopped breathing",
            "broker",
        ),
        (  # a body named with a place is the body, not the state named in it
            'The barge was "leaking steadily", according to the Tobago House of Assembly.',
            "leaking steadily",
            "Tobago House of Assembly",
        ),
        (  # a description followed by its name is the name
            "Satellite images analysed by the environmental group Caribbean Waters Watch suggest the slick "
            'is "growing by the hour".',
            "growing by the hour",
            "Caribbean Waters Watch",
        ),
        (  # a known person the recogniser took for an organisation, in apposition to a title
            'The WHO Director-General, Tedros Adhanom Ghebreyesus, called the outbreak "a warning to '
            'every health ministry".',
            "a warning to every",
            "Tedros",
        ),
        (  # a title with its abbreviation in brackets, where the parse made the title the subject
            'Member of Parliament (MP) Arthur Benn of the Labour Party commented, "It would be a scandal if '
            'the house were kept from voting."',
            "It would be a scandal",
            "Arthur Benn",
        ),
    ],
)
def test_speaker_named_by_reference(text: str, words: str, speaker: str) -> None:
    assert speaker.lower() in _speaker(text, words).lower()


def test_an_unnamed_official_in_between_keeps_the_description_unnamed() -> None:
    text = (
        "Minister Lena Varga opened the talks in Vienna. A ministry official, who asked not to be named, "
        'said a deal was close. The official said the terms were "fair to both sides".'
    )
    assert "Varga" not in _speaker(text, "fair to both sides")


def test_members_of_a_described_body_take_its_country() -> None:
    text = (
        "Russia said on Wednesday that it would respond. European Union ambassadors approved the loan. "
        "Moscow called it theft. Russia's envoy left the room. But several of the bloc's member states "
        'called the plan "legally fragile".'
    )
    assert _speaker_actor(text, "legally fragile").country == "EU"


def test_a_surname_with_diacritics_is_the_known_leader() -> None:
    text = (
        "Turkish President Recep Tayyip Erdoğan spoke to reporters in Ankara. Erdoğan said the operation "
        'was "to prevent the creation of a terror corridor".'
    )
    assert _speaker_actor(text, "terror corridor").country == "TUR"


def test_sources_and_media_are_speakers_not_texts() -> None:
    text = 'Sources from the ministry said the talks were "close to collapse".'
    assert _speaker(text, "close to collapse").lower().startswith("sources")


def test_a_dateline_dash_is_no_part_of_the_speaker() -> None:
    text = 'LIMA, May 3 (Wire) – Peruvian farmers said the drought was "the worst in memory".'
    name = _speaker(text, "worst in memory")
    assert not name.startswith(("–", "-")), name


def test_a_turn_label_is_the_speaker_where_the_parse_ran_it_into_the_question() -> None:
    text = (
        "We spoke to Dr Rania Haddad, UNICEF's chief of health, by video link from Amman on Thursday. The "
        "interview has been edited for length.\n\nQ: How many children do you need to reach?\n\n"
        "HADDAD: About 640,000 under the age of ten, in two rounds four weeks apart. Reaching 90 per cent "
        "of them is the minimum for the campaign to work.\n\nQ: Is that realistic under the current "
        "conditions?\n\nHADDAD: It is possible, but only if the pauses hold.\n"
    )
    assert _speaker(text, "How many children") == "interviewer"
    assert "Haddad" in _speaker(text, "About 640,000")


def test_unnamed_locals_are_of_the_country_the_text_is_about() -> None:
    text = (
        "Trinidad and Tobago declared a national emergency as oil spread along the coast of Tobago. Prime "
        "Minister Keith Rowley said the spill was a crime. Many of the fishermen in Scarborough called the "
        'ban on fishing "a second disaster".'
    )
    assert _speaker_actor(text, "a second disaster").country == "TTO"
