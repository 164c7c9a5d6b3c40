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
    """The quotation holding ``words`` (before any reported statement that also holds them)."""
    for quote in sorted(extraction.quotes, key=lambda q: q.kind in ("indirect", "belief")):
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


# Speakers named by office, document, apposition or an earlier title; written for these tests.
TARIFFS = "\n\n".join(
    [
        "Washington imposed new tariffs on American imports of steel on Monday, the US Commerce Department "
        "said.",
        'The president said the measures were "long overdue" and promised American workers more help.',
        'Senator Mary Cole opposed the tariffs. The proclamation said the tariffs "protect the national '
        'security of the United States" from next week.',
        'The Daily Ledger quoted Tom Reyes, a steel worker from Ohio, as saying "this saves our town" after '
        "the announcement.",
        '"We are deeply concerned," said Ana Torres, the trade commissioner, in Brussels.',
        "The protests were led by bishop Luis Moreno of Detroit. Speaking to a crowd, the bishop said the "
        'tariffs were "a blessing for working families".',
        'Researchers at the University of Michigan found the tariffs were "unlikely to help" most workers.',
        'Lisa Grant of "Jobs first", a workers\' group, said the tariffs were "a lifeline for the valley".',
    ]
)
PALACE = (
    "Thailand's election commission met in Bangkok on Friday. The palace said the nomination of a royal "
    'was "highly inappropriate" for Thailand.'
)


@pytest.fixture(scope="module")
def tariffs() -> Extraction:
    return extract(TARIFFS, published="2019-06-03", id="test-quotes-tariffs")


def test_bare_office_is_its_holder_in_the_articles_country_and_time(tariffs: Extraction) -> None:
    assert speaker_name(quote_at(tariffs, "long overdue")) == "Donald Trump"
    later = extract(TARIFFS, published="2023-06-05", id="test-quotes-tariffs")
    assert speaker_name(quote_at(later, "long overdue")) == "Joe Biden"
    palace = extract(PALACE, published="2019-02-09", id="test-quotes-palace")
    assert speaker_name(quote_at(palace, "highly inappropriate")) == "Maha Vajiralongkorn"


def test_a_bare_office_is_of_the_country_the_article_is_about_not_of_a_body_it_names_more() -> None:
    # The United Nations, named four times, is no state: the floods in Kenya make the article Kenya's.
    text = (
        "The UN warned on Monday that the UN food agency had run out of money. UN officials met again on "
        "Tuesday. The UN appealed for funds to feed families hit by floods in Nairobi, Kenya.\n\n"
        "The president said the floods were a national disaster."
    )
    extraction = extract(text, published="2024-05-02", id="test-quotes-body-home")
    assert speaker_name(quote_at(extraction, "national disaster")) == "William Ruto"


def test_uncredited_document_speaks_for_the_main_speaker(tariffs: Extraction) -> None:
    assert speaker_name(quote_at(tariffs, "national security")) == "Donald Trump"


def test_quoted_as_saying_and_name_before_apposition(tariffs: Extraction) -> None:
    relayed = quote_at(tariffs, "saves our town")
    assert speaker_name(relayed) == "Tom Reyes"
    assert relayed.relayed_by is not None and "Ledger" in relayed.relayed_by.name
    assert speaker_name(quote_at(tariffs, "deeply concerned")) == "Ana Torres"


def test_title_refers_back_to_the_person_named_with_it(tariffs: Extraction) -> None:
    assert speaker_name(quote_at(tariffs, "blessing")) == "Luis Moreno"


def test_findings_are_speech(tariffs: Extraction) -> None:
    found = quote_at(tariffs, "unlikely to help")
    assert found.cue is not None and found.cue.text == "found"


def test_organisation_named_in_quotes_is_not_a_quote(tariffs: Extraction) -> None:
    assert not [q for q in tariffs.quotes if q.text == "Jobs first"]
    assert speaker_name(quote_at(tariffs, "lifeline")) == "Lisa Grant"


FRAMES = "\n\n".join(
    [
        "Senators debated the bill on Tuesday. Republican senators attacked the bill, with Senator John "
        "Kerrigan of Ohio calling it “a disaster for farmers” and Senator Ann Lowe of Iowa calling it "
        "“unworkable”.",
        "“We will not give up on this reform,” tweeted Mayor of Chicago Maria Delgado.",
        "Speaking to Reuters, an aide Tom Reyes said, “The votes are there, and the leadership knows it.”",
        "Kerrigan called the vote an “embarrassing” episode; Lowe said “Nobody read the final text.”",
        "The governor of Iowa issued a statement agreeing the matter should be decided by Congress: “Farmers "
        "need certainty more than anything else this year.”",
        "—The mayor of Chicago, Maria Delgado",
        "Frank Ortiz, the head of the Iowa Farm Bureau, said about the bill: “It leaves our members with "
        "more paperwork and less income than before.”",
        "The Iowa Farm Bureau released a statement on Monday. “Farmers were never consulted;” read the "
        "statement.",
        "The plan was described as “reckless” by opposition leader Jane Doe.",
        "A post on the farmers' union's Telegram channel said its members would “never give up”.",
        "The following is an excerpt from the address of the Governor of Ohio, Mike DeWine, to the "
        "legislature.",
        "“Ohio will not accept this bill in its present form.”",
        "Minister of State for Agriculture Paul Grant called the amendment “a step backwards”.",
        "The senators protested after the Iowa governor accused Congress of “betraying farmers”.",
    ]
)


@pytest.fixture(scope="module")
def frames() -> Extraction:
    return extract(FRAMES, published="2025-03-04", id="test-quote-frames")


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("a disaster for farmers", "John Kerrigan"),  # with-clause participle: its own subject
        ("unworkable", "Ann Lowe"),  # ... and the next one
        ("We will not give up", "Maria Delgado"),  # the name that ends a title after the cue
        ("The votes are there", "Tom Reyes"),  # a participle clause is not the subject
        ("embarrassing", "Kerrigan"),  # the cue of its own clause between semicolons
        ("Farmers need certainty", "governor of Iowa"),  # not the modal "should be decided by Congress"
        ("more paperwork", "Frank Ortiz"),  # not the line before, run into the sentence by the parser
        ("never consulted", "Iowa Farm Bureau"),  # "the statement": the one named before, by its issuer
        ("reckless", "Jane Doe"),  # "by X" hung on the quote by the parser
        ("never give up", "union"),  # a post on a channel: the channel's owner
        ("Ohio will not accept", "Mike DeWine"),  # the name in apposition to a title, however parsed
        ("a step backwards", "Paul Grant"),  # the name that ends a title with "of" and "for" in it
        ("betraying farmers", "governor"),  # the after-clause's cue, not the main clause's "protested"
    ],
)
def test_speaker_frames(frames: Extraction, words: str, speaker: str) -> None:
    name = speaker_name(quote_at(frames, words))
    assert name is not None and speaker in name, name


INTERVIEW = "\n\n".join(
    [
        "Q&A: the head of the Red Crescent on the floods",
        "We spoke to the society's president, Dr Leila Haddad, on Monday in Tunis.",
        "Q: How many families have lost their homes?",
        "A: More than ten thousand. Most of them are still in schools and mosques.",
        "Q: What do you need most?",
        "A: Clean water. Without it, disease will follow the flood.",
    ]
)


def test_question_and_answer_transcript() -> None:
    extraction = extract(INTERVIEW, published="2025-03-04", id="test-interview")
    answers = [q for q in extraction.quotes if q.text.startswith(("More than", "Clean water"))]
    questions = [q for q in extraction.quotes if q.text.startswith(("How many", "What do"))]
    assert len(answers) == 2 and len(questions) == 2
    assert all(speaker_name(q) == "Leila Haddad" for q in answers)
    assert all(speaker_name(q) == "interviewer" for q in questions)


def _speaker_of(text: str, words: str) -> Quote:
    extraction = extract(text, published="2024-09-02", id="test-speaker-classes")
    return quote_at(extraction, words)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # "it" stands for the organisation that was the previous sentence's subject
            "The transport ministry suspended the airline's licence on Friday. It said the airline had "
            'shown "total disregard for safety".',
            "total disregard",
            "ministry",
        ),
        (  # "they" for a plural subject that can speak, with no speech verb before
            "Dock workers in Rotterdam walked out on Tuesday. They called the new rota "
            '"an insult to every family".',
            "insult to every",
            "Dock workers",
        ),
        (  # a colon after a clause with a copula: its subject speaks
            'Fisherman Tomas Lindqvist was not convinced: "We have been promised new quotas for years."',
            "promised new quotas",
            "Tomas Lindqvist",
        ),
        (  # a newly named speaker in the sentence before wins over the paragraph's running speaker
            'Energy Minister Rafael Ortiz opened the plant. "This is a clean future," he said.\n\n'
            'Biologist Marta Quiroga, who studies the river, disagreed. "The fish will not survive '
            'the summer."',
            "fish will not survive",
            "Marta Quiroga",
        ),
        (  # the same, where the new speaker is a passive's agent
            'Energy Minister Rafael Ortiz opened the plant. "This is a clean future," he said.\n\n'
            'The project was condemned by Marta Quiroga, a river biologist. "The fish will not survive '
            'the summer."',
            "fish will not survive",
            "Marta Quiroga",
        ),
    ],
)
def test_speaker_from_the_sentences_around(text: str, words: str, speaker: str) -> None:
    name = speaker_name(_speaker_of(text, words))
    assert name is not None and speaker in name, name


@pytest.mark.parametrize(
    ("text", "words", "members"),
    [
        (  # "the three leaders" after three coordinated names
            "Pedro Sanchez, Mette Frederiksen and Petr Fiala held talks in Prague on Monday.\n\n"
            'The three leaders described the proposal as "a dead end".',
            "dead end",
            ("Sanchez", "Frederiksen", "Fiala"),
        ),
        (  # "the two presidents" after one met the other
            "President Emmanuel Macron hosted President Cyril Ramaphosa in Paris on Thursday. The two "
            'presidents said the agreement was "a bridge between our continents".',
            "bridge between",
            ("Macron", "Ramaphosa"),
        ),
    ],
)
def test_counted_group_speaker_takes_the_earlier_members(
    text: str, words: str, members: tuple[str, ...]
) -> None:
    speaker = _speaker_of(text, words).speaker
    assert speaker is not None and len(speaker.members) == len(members)
    for surname, member in zip(members, speaker.members, strict=True):
        assert surname in member.name
    assert all(surname in speaker.actor.name for surname in members)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # a relative clause after the quote holds a cue that is not the quote's
            'Border guards arrested nine hikers for "illegal entry", among them a teacher, Anna Kovacs, who '
            "had warned about the fences.",
            "illegal entry",
            "Border guards",
        ),
        (  # "what it called": the pronoun in a clause under the main verb is its subject
            'The railway operator unveiled what it called a "timetable for a new century" on Monday.',
            "timetable for a new",
            "railway operator",
        ),
        (  # cataphora: "In what she called ..., MINISTER NAME signed"
            'In what she called "a debt to the next generation", Environment Minister Ingrid Dahl '
            "signed the forest pact.",
            "debt to the next",
            "Ingrid Dahl",
        ),
        (  # a belief's holder chose the words when no speech verb frames the quote
            'The central bank expects inflation to "ease gradually" over the winter.',
            "ease gradually",
            "central bank",
        ),
        (  # a quoted charge under a verb of punishing is the punisher's
            'Prosecutors charged the two editors with "undermining public order".',
            "undermining public order",
            "Prosecutors",
        ),
    ],
)
def test_speaker_of_quotes_without_a_speech_verb_of_their_own(text: str, words: str, speaker: str) -> None:
    name = speaker_name(_speaker_of(text, words))
    assert name is not None and speaker in name, name


def test_leaders_known_to_the_actor_base_have_their_country() -> None:
    text = (
        'Khalifa Haftar said the talks were "a waste of time". Adel Abdul Mahdi called the protests '
        '"legitimate".'
    )
    extraction = extract(text, published="2019-11-02", id="test-leaders")
    countries = {speaker_name(q): q.speaker.actor.country for q in extraction.quotes if q.speaker}
    assert countries.get("Khalifa Haftar") == "LBY" and countries.get("Adel Abdul Mahdi") == "IRQ", countries


@pytest.mark.parametrize(
    "title",
    ["Brazil's president", "The president of Brazil"],
)
def test_a_country_office_is_its_holder_on_the_date(title: str) -> None:
    text = f'{title} said the new railway would be "a spine for the whole continent".'
    name = speaker_name(_speaker_of(text, "spine for the whole"))
    assert name is not None and "Lula" in name, name


def test_a_part_of_a_group_named_inside_a_place_is_not_the_place() -> None:
    text = 'Several of the unions in Lisbon described the pay offer as "an insult".'
    speaker = _speaker_of(text, "an insult").speaker
    assert speaker is not None and "unions" in speaker.actor.name, speaker.actor.name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('The monitoring mission of the OSCE described the count as "orderly".', "OSCE monitoring mission"),
        ('The UN human rights office called the sentences "deeply troubling".', "UN human rights office"),
    ],
)
def test_a_unit_of_an_organisation_speaks_as_the_unit(text: str, name: str) -> None:
    speaker = _speaker_of(text, text.split('"')[1]).speaker
    assert speaker is not None and speaker.actor.name == name, speaker.actor.name if speaker else None
    assert speaker.actor.country in ("OSCE", "UN")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # the parse hangs "ordering" on the reported clause; the court orders
            "The tribunal ruled on Friday that the ministry had broken the law, ordering the payment of "
            '"full compensation".',
            "full compensation",
            "tribunal",
        ),
        (
            "The mayor said the contractor had missed every deadline, calling the delays "
            '"an insult to taxpayers".',
            "insult to taxpayers",
            "mayor",
        ),
        (  # a voiced participle belongs to the reported event
            'Witnesses said the crowd marched on the palace, chanting "bread and peace".',
            "bread and peace",
            "crowd",
        ),
    ],
)
def test_a_trailing_participle_of_speech_continues_the_reporter(text: str, words: str, speaker: str) -> None:
    name = speaker_name(_speaker_of(text, words))
    assert name is not None and speaker in name, name


def test_a_trailing_participle_of_reported_speech_continues_the_reporter() -> None:
    text = "The navy said the ferry had lost power, adding that all passengers were safe."
    extraction = extract(text, published="2024-09-02", id="test-adding")
    added = next(q for q in extraction.quotes if q.text.startswith("all passengers"))
    first = next(q for q in extraction.quotes if q.text.startswith("the ferry"))
    assert speaker_name(added) == speaker_name(first) == "navy"
    assert first.text == "the ferry had lost power"


TRANSCRIPT = "\n\n".join(
    [
        'Interview: "The river is our only road"',
        "Amazonas governor Wilson Lima spoke to our correspondent Ana Reis in Manaus about the drought.",
        "Q: How low is the river?",
        "A: Lower than anyone alive has seen it.",
        'Q: Opponents call the new port "a white elephant". Are they wrong?',
        'A: They are. The port will carry medicine when the river fails. Brasilia has promised "to pay '
        'for the dredging", and we will hold them to it.',
    ]
)


def test_quotes_in_an_interview_title_and_inside_its_turns() -> None:
    extraction = extract(TRANSCRIPT, published="2024-10-01", id="test-transcript")
    assert speaker_name(quote_at(extraction, "our only road")) == "Wilson Lima"  # the title: the interviewee
    assert speaker_name(quote_at(extraction, "They are.")) == "Wilson Lima"
    assert speaker_name(quote_at(extraction, "Are they wrong")) == "interviewer"
    nested = {q.text: speaker_name(q) for q in extraction.quotes if q.kind == "partial"}
    assert nested["a white elephant"] == "Opponents"  # its own cue inside the turn
    assert nested["to pay for the dredging"] in ("Brasilia", "Brazil"), nested


def test_compounds_naming_people_can_speak() -> None:
    text = (
        'In the harbour on Monday, local lobstermen said the quotas were "a death sentence for the village".'
    )
    name = speaker_name(_speaker_of(text, "death sentence"))
    assert name is not None and "lobstermen" in name, name
