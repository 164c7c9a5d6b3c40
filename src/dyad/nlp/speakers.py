"""Quote speakers: finding the word that names the speaker where the parse leaves a cue without a
subject, and resolving a speaker, addressee or relaying mention to an actor (pronouns to the nearest
earlier speaker, bare offices to their holder, unknown names to an unresolved actor)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from dyad.codebooks.people import builtin_people, first_name_gender
from dyad.model import Actor, ActorRef, Speaker, stable_id
from dyad.model import Span as TextSpan
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.actors import actor_for
from dyad.nlp.descriptions import described_actor
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import (
    QuoteContext,
    inside_quote,
    paragraph_at,
    sentence_at,
    token_at,
    usable_tokens,
)
from dyad.nlp.spans import token_span

log = logging.getLogger(__name__)

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_ASKING = {"correspondent", "reporter", "interviewer", "by", "editor", "host"}  # who asks, in an introduction
_TITLE_WORDS = 8  # "Minister of State for the Armed Forces Luke Pollard": words from a title to its name


# -- finding the speaker's word -------------------------------------------------------------------------


def adjacent_noun(cue: Token, usable: Callable[[Token], bool], *, forward: bool = True) -> Token | None:
    """Where the parse gives a cue no subject: the noun right before it ("X, also known as Y, states"),
    else right after it ("said Tedros, the Director-General")."""
    sentence = cue.sent
    for token in reversed(sentence[: cue.i - sentence.start]):
        if not usable(token) or token.is_punct or token.pos_ in ("ADV", "AUX", "PART", "DET", "ADP", "NUM"):
            continue
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return token
        if token.pos_ == "VERB" and token.tag_ not in ("VBN", "VBG"):
            break  # a finite verb ends the subject; participles ("also known as ...") do not
    if not forward:
        return None
    for token in sentence[cue.i - sentence.start + 1 : cue.i - sentence.start + 6]:
        if (usable(token) and token.pos_ in ("PROPN", "PRON")) or (
            token.pos_ == "NOUN"
            and (token.dep_ == "nsubj" or (token.dep_ == "dobj" and token.head.i == cue.i))
        ):
            return token  # '"...;" read the statement': the parser took the inverted subject for an object
    return None


def previous_speaker_in_sentence(
    context: QuoteContext, cue: Token, usable: Callable[[Token], bool]
) -> Token | None:
    """The subject of the speech verb before ``cue`` in its paragraph: 'X remarked, "...," further
    remarking, "..."' where the parser lost the participle's link to X."""
    doc = cue.doc
    paragraph_start = context.text.rfind("\n", 0, cue.idx) + 1
    for token in reversed(doc[token_at(doc, paragraph_start) : cue.i]):
        if _is_speech_verb(token, usable):
            subject = cues.subject_of(token, usable)
            if subject is not None:
                return subject
    return None


def of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def document_author(tokens: list[Token]) -> Token | None:
    """ "The palace issued the following statement from the king:" - the author of a document noun."""
    lexicon = cues.lexicon()
    for token in tokens:
        if lexicon.noun(token, "document"):
            author = cues.author_of_document(token)
            if author is not None:
                return author
    return None


def colon_clause_subject(context: QuoteContext, span: QuotedSpan) -> Token | None:
    """The subject of the first clause before the colon that has one ('The court ruled ..., finding ...:')."""
    colon = len(context.text[: span.open_at].rstrip()) - 1
    paragraph_start = context.line_starts[paragraph_at(context, colon)]
    usable = usable_tokens(context)
    for token in context.doc[token_at(context.doc, paragraph_start) : token_at(context.doc, colon)]:
        if not usable(token) or not (
            token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"))
        ):  # "Resident Ali Khan was less sure:"
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and usable(c)), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            return subject
    return None


def previous_sentence_subject(context: QuoteContext, span: QuotedSpan) -> Token | None:
    """ "Elena Ruiz, a lawyer for the families, disagreed. "This is a cover-up."": a quotation opening its
    sentence with no cue of its own belongs to the subject (or agent) of the sentence right before it in
    its paragraph, when that sentence quotes nobody and its subject can speak; so a newly named speaker
    wins over the paragraph's running one."""
    text = context.text
    before = text[: span.open_at].rstrip(" \t")
    if not before or before[-1] not in ".!?" or before.endswith("\n"):
        return None
    index = sentence_at(context, len(before) - 1)
    sentence = context.sentences[index]
    if "\n" in text[sentence.start_char : span.open_at].strip():
        return None  # another paragraph
    if any(sentence.start_char <= s.open_at < len(before) for s in context.spans):
        return None  # a quote there: the quotation continues its speaker
    usable = usable_tokens(context)
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX") or inside_quote(context, root.idx):
        return None
    subject = cues.subject_of(root, usable)
    if subject is None or not sentence.start <= subject.i < sentence.end:
        return None
    if subject.lower_ in ("i", "we", "you", "me", "us") or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return subject if voices.can_speak(subject) else None


def principal_speaker(context: QuoteContext, before: int) -> Token | None:
    """Who issued a document the text never credits ("The proclamation said"): among the subjects of
    speech verbs and of verbs issuing a document before the quote, the person or organisation the article
    mentions most (latest on a tie)."""
    doc = context.doc
    lexicon = cues.lexicon()
    usable = usable_tokens(context)
    best: tuple[int, int, Token] | None = None
    for token in doc[: token_at(doc, before)]:
        issues = token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and lexicon.noun(c, "document") for c in token.children
        )  # "the court issued a ruling"
        if not issues and not _is_speech_verb(token, usable):
            continue
        subject = cues.subject_of(token, usable)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN") or lexicon.noun(subject, "document"):
            continue
        mention = _speaker_mention(subject)
        actor = _indexed_actor(doc, mention.start_char, mention.end_char)
        if actor is None or actor.kind not in ("person", "organization"):
            continue
        score = (len(actor.mentions), subject.i, subject)
        if best is None or score[:2] >= best[:2]:
            best = score
    return best[2] if best is not None else None


def _is_speech_verb(token: Token, usable: Callable[[Token], bool]) -> bool:
    entry = cues.lexicon().verb(token) if usable(token) else None
    return entry is not None and entry.kind == "speech" and not cues.is_hypothetical(token)


# -- resolving mentions to actors -----------------------------------------------------------------------


def speaker_for(context: QuoteContext, token: Token | None) -> Speaker | None:
    """The actor ``token`` names, with its mention; a group ("the Red Cross and government officials",
    "the leaders of Lithuania, Latvia and Estonia", "they" after them) with each member; a person named
    with an organisation with that organisation as affiliation."""
    if token is None:
        return None
    if token.lower_ == "they":
        group = _plural_antecedent(context, token)
        if group is not None:
            found = speaker_for(context, group)
            if found is not None and found.members:
                return Speaker(found.actor, _text_span(token.doc[token.i : token.i + 1]), None, found.members)
    mention = _turn_label(context, token) or _speaker_mention(token)
    members = _members(context, token) or _counted_group(context, token)
    ref = _group(members, token) if members else _resolve(context, mention)
    if ref is None:
        return None
    if ref.country is None and not members:
        ref = _with_context_country(context, token, ref)
    if ref.country is None and not members:
        ref = _owner_country(context, token, ref)
    named = any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "FAC") for t in mention)
    unnamed = not named and ref.id == _unresolved_ref(mention).id  # "fishermen in Scarborough", not "Erdoğan"
    if ref.country is None and not members and unnamed:
        # "Fishermen said": unnamed locals are of the country the text is about
        home = _home_country(token.doc)
        ref = ActorRef(ref.id, ref.name, home, ref.sector) if home is not None else ref
    affiliation = None if members else _affiliation(context, token, mention, ref)
    return Speaker(ref, _text_span(mention), affiliation, members)


def _turn_label(context: QuoteContext, token: Token) -> Span | None:
    """The label of a transcript turn ("Q", "HADDAD") as the layout gives it, where the parser ran the
    label into the question ("Q: How many ...?\n\nHADDAD: ...")."""
    for span in context.spans:
        if span.attribution is not None and span.attribution[0] == token.idx:
            return token_span(token.doc, context.text, *span.attribution)
    return None


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span.text)


def _members(context: QuoteContext, token: Token) -> tuple[ActorRef, ...]:
    """The actors of a coordinated speaker ("X and Y"), or of "the leaders of A, B and C"."""
    paragraph = paragraph_at(context, token.idx)
    conjuncts = [t for t in token.conjuncts if paragraph_at(context, t.idx) == paragraph]
    heads = [token, *conjuncts] if conjuncts else []
    if not heads and token.tag_ in ("NNS", "NNPS"):
        of = of_object(token)
        if of is not None and of.conjuncts:
            heads = [of, *of.conjuncts]
    found: list[ActorRef] = []
    for head in sorted(heads, key=lambda t: t.i):
        if not voices.can_speak(head):
            return ()
        ref = _resolve(context, _person_in(head) or _speaker_mention(head))
        if ref is not None and ref.id not in {r.id for r in found}:
            found.append(ref)
    return tuple(found) if len(found) > 1 else ()


_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _counted_group(context: QuoteContext, token: Token) -> tuple[ActorRef, ...]:
    """ "Macron, Scholz and Meloni met in Rome. The three leaders said": a counted plural description
    stands for the nearest earlier coordination of that many actors that can speak, in its own or the
    two sentences before."""
    if token.tag_ != "NNS" or token.ent_type_:
        return ()
    count = next(
        (
            _COUNTS[c.lower_]
            for c in token.children
            if c.dep_ in ("nummod", "det", "predet") and c.lower_ in _COUNTS
        ),
        None,
    )
    if count is None:
        return ()
    doc = token.doc
    first = context.sentences[max(0, sentence_at(context, token.idx) - 2)].start
    usable = usable_tokens(context)
    for candidate in reversed(doc[first : token.left_edge.i]):
        if not usable(candidate) or not candidate.conjuncts or candidate.dep_ == "conj":
            continue
        if len(candidate.conjuncts) + 1 != count:
            continue
        members = _members(context, candidate)
        if len(members) == count:
            return members
    if count == 2:  # "Ramaphosa met Ruto in Pretoria. The two presidents said"
        for verb in reversed(doc[first : token.left_edge.i]):
            pair = _host_and_guest(context, verb)
            if pair:
                return pair
    return ()


def _host_and_guest(context: QuoteContext, verb: Token) -> tuple[ActorRef, ...]:
    """The subject and object of a verb of meeting ("X met Y", "X held talks with Y") when both are named."""
    if verb.pos_ != "VERB" or not usable_tokens(context)(verb):
        return ()
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    guest = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
    if guest is None:
        with_ = next((c for c in verb.subtree if c.lower_ == "with" and c.dep_ == "prep"), None)
        guest = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ is not None else None
    if subject is None or guest is None or subject.conjuncts or guest.conjuncts:
        return ()
    found: list[ActorRef] = []
    for head in (subject, guest):
        if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "ORG", "GPE"):
            return ()
        ref = _resolve(context, _person_in(head) or _speaker_mention(head))
        if ref is None or ref.id in {r.id for r in found}:
            return ()
        found.append(ref)
    return tuple(found)


def _person_in(head: Token) -> Span | None:
    """ "Enlargement Commissioner Olivér Várhelyi" as one of several speakers: the person it names."""
    nested = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    words = {t.i for t in head.subtree} - nested
    for ent in cues.entities(head.doc):
        if ent.label_ == "PERSON" and (all(t.i in words for t in ent) or ent.start == head.i + 1):
            return ent  # inside the conjunct, or right after its title where the parse cut it off
    return None


def _group(members: tuple[ActorRef, ...], token: Token) -> ActorRef:
    """One actor for several speakers: named by the phrase, with the country and sector they share."""
    countries = {m.country for m in members}
    sectors = {m.sector for m in members}
    phrase = token.doc[token.left_edge.i : token.right_edge.i + 1].text
    of = of_object(token)
    listed = not token.conjuncts and of is not None and bool(of.conjuncts)  # "the leaders of A, B and C"
    name = " ".join(phrase.split()) if listed else _joined(members)
    for prefix in ("the ", "The "):
        name = name.removeprefix(prefix)
    return ActorRef(
        stable_id("act", "group", *sorted(m.id for m in members)),
        name,
        countries.pop() if len(countries) == 1 else None,
        sectors.pop() if len(sectors) == 1 else None,
    )


def _joined(members: tuple[ActorRef, ...]) -> str:
    names = [m.name for m in members]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plural_antecedent(context: QuoteContext, pronoun: Token) -> Token | None:
    """ "The three leaders met ... They called": the nearest earlier subject, in this or the two sentences
    before, when it names several actors (a single one leaves "they" to the usual resolution)."""
    doc = pronoun.doc
    first = context.sentences[max(0, sentence_at(context, pronoun.idx) - 2)].start
    usable = usable_tokens(context)
    for token in reversed(doc[first : pronoun.i]):
        if (
            token.dep_ not in ("nsubj", "nsubjpass")
            or not usable(token)
            or token.lower_ in cues.PERSONAL_PRONOUNS
        ):
            continue
        several = bool(token.conjuncts) or token.tag_ in ("NNS", "NNPS")
        return token if several and voices.can_speak(token) else None
    return None


def _affiliation(context: QuoteContext, token: Token, mention: Span, ref: ActorRef) -> ActorRef | None:
    """The organisation a person is named with: "Human Rights Watch's Asia director Sophie Lin", "Jasim
    Uddin, a spokesperson for the fire service", "Nikki Holland of the National Crime Agency"."""
    if not any(t.ent_type_ == "PERSON" for t in mention):
        return None
    doc = token.doc
    phrase = [t for t in token.subtree if not (mention.start <= t.i < mention.end)]
    for ent in cues.entities(doc):
        if ent.label_ == "ORG" and any(ent.start <= t.i < ent.end for t in phrase):
            actor = _actor_for(doc, ent.start_char, ent.end_char)
            return actor if actor is not None and actor.id != ref.id else _unresolved_ref(ent)
    for word in phrase:
        owner = word.dep_ == "poss" and word.pos_ == "PROPN"  # "Human Rights Watch's Asia director"
        of = (
            word.dep_ == "pobj" and word.head.lower_ in ("for", "of", "at") and word.pos_ in ("NOUN", "PROPN")
        )
        if owner or of:
            if word.ent_type_ in ("GPE", "NORP") or not voices.can_speak(word):
                continue
            return actor_ref(doc, word, named_only=False)
    return None


def _with_context_country(context: QuoteContext, token: Token, ref: ActorRef) -> ActorRef:
    """A speaker the actor index left without a country takes the one its own phrase names ("Indian
    Prime Minister ...", "a spokesperson for the Indonesian police")."""
    doc = token.doc
    for word in token.subtree:
        if word.ent_type_ in ("GPE", "NORP") and word.i != token.i:
            for ent in cues.entities(doc):
                if ent.start <= word.i < ent.end:
                    actor = _actor_for(doc, ent.start_char, ent.end_char)
                    if actor is not None and actor.country is not None:
                        return ActorRef(ref.id, ref.name, actor.country, ref.sector)
    return ref


def _owner_country(context: QuoteContext, token: Token, ref: ActorRef) -> ActorRef:
    """ "several of the bloc's member states", "staff of the agency": people of a body the text names by a
    description take the country of the body it stands for."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None) or of_object(token)
    if owner is None or owner.pos_ != "NOUN":
        return ref
    body = described_actor(context, cues.mention_span(owner))
    return ActorRef(ref.id, ref.name, body.country, ref.sector) if body is not None and body.country else ref


def _speaker_mention(token: Token) -> Span:
    """The words naming a speaker: the person's name where the word is a title, else its noun phrase,
    never running back across a paragraph break ("Gaza?\n\nEIDE": the parser joined a turn label to the
    line before)."""
    mention = _named_mention(token) or cues.mention_span(token)
    breaks = [t.i for t in mention if t.is_space and "\n" in t.text and t.i < token.i]
    return token.doc[breaks[-1] + 1 : mention.end] if breaks else mention


def _named_mention(token: Token) -> Span | None:
    """The person's name when the subject is a title: "The Vice President, Mike Pence, said", "medical
    anthropologist Monica Schoch-Spana told" (where the parser made the institution the subject)."""
    if token.ent_type_ == "PERSON":
        return None
    doc = token.doc
    people = [e for e in cues.entities(doc) if e.label_ == "PERSON"]
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and (
                doc[child.left_edge.i - 1].text == ","
                or (token.pos_ == "NOUN" and child.left_edge.i == token.i + 1)
            )
            and (token.pos_ != "PROPN" or child.ent_type_ == "PERSON" or _known_person(child))
            and not any(c.dep_ == "det" for c in child.children)
        ):  # not "said Tedros Adhanom Ghebreyesus, the Director-General": there the name is the subject
            return cues.mention_span(child)  # NER sometimes calls the person an ORG: the parse decides
    subtree = range(token.left_edge.i, token.right_edge.i + 1)
    for ent in people:
        if ent.start in subtree and ent.root.dep_ == "appos" and doc[ent.start - 1].text == ",":
            return ent  # "the President of Ghana, Nana Akufo-Addo,": the apposition hangs lower
    titled = _name_after_title(token, people)
    if titled is not None:
        return titled
    end = token.right_edge.i + 1
    if end + 1 < len(doc) and doc[end].text == "," and token.pos_ in ("NOUN", "PROPN"):
        for ent in people:
            if (
                ent.start == end + 1
                and ent.end < len(doc)
                and doc[ent.end].text == ","
                and ent.root.dep_ not in ("nsubj", "nsubjpass")  # not "According to the daily X, Duda left"
            ):
                return (
                    ent  # "the address of the President of Ghana, Nana Akufo-Addo,": the parse hung it lower
                )
    verb = token.head
    for ent in people:
        if not (token.i < ent.start and ent.end <= verb.i):
            continue
        between = [t for t in doc[ent.end : verb.i] if not (t.is_punct or t.is_space)]
        if between:
            continue
        if ent.start > 0 and doc[ent.start - 1].text == "," and doc[ent.end : verb.i].text.strip() == ",":
            return ent  # "the director of Amnesty International, Mariela Belski, said"
        path = list(ent.root.ancestors)
        inner = path[: path.index(verb)] if verb in path else path
        if not any(t.dep_ in ("prep", "pobj", "poss") for t in inner):
            return ent  # not "a lawyer for Trump said"
    return None


def _known_person(token: Token) -> bool:
    """ "The WHO Director-General, Tedros Adhanom Ghebreyesus,": a name the recogniser took for an
    organisation that the people the knowledge base lists include."""
    name = cues.mention_span(token).text
    return builtin_people().lookup(name, _published(token.doc)) is not None


def _name_after_title(token: Token, people: list[Span]) -> Span | None:
    """'"...," tweeted Mayor of London Sadiq Khan': the name that ends a title, where the parser broke
    the phrase up; not a name governed by a preposition ("a lawyer for Trump")."""
    doc = token.doc
    limit = min(len(doc), token.i + _TITLE_WORDS + 1)
    for ent in people:
        if not token.i < ent.start <= limit or doc[ent.start - 1].pos_ == "ADP":
            continue
        between = doc[token.i + 1 : ent.start]
        if all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET") or t.lower_ in ("of", "for") for t in between):
            return ent  # "Minister of State for the Armed Forces Luke Pollard"
    return None


def _resolve(context: QuoteContext, mention: Span) -> ActorRef | None:
    """The actor a mention stands for. A pronoun is first read as the nearest earlier speaker ('The head
    of ... told the court "...". She also said'), the way reporters chain attributions; then the actor
    index decides, and a pronoun nobody resolved falls back on the last quote's speaker."""
    pronoun = cues.is_pronoun(mention) or (
        len(mention) == 1 and mention[0].tag_ == "PRP$"
    )  # "Their statement"
    if pronoun:
        found = [f for f in (_earlier_speaker(context, mention), _previous_subject(context, mention)) if f]
        if found:
            return max(found, key=lambda f: f[1])[0]  # a newly named subject wins over an older speaker
        antecedent = pronoun_antecedent(context, mention[0])
        if antecedent is not None and voices.can_speak(antecedent):
            return _resolve(context, _speaker_mention(antecedent))
    labelled = _labelled_person(context, mention)
    if labelled is not None:
        return labelled
    person = _surname_of(mention[0]) if len(mention) == 1 else None
    if person is not None:
        return _actor_for(context.doc, person.start_char, person.end_char) or _unresolved_ref(person)
    actor = _actor_for(context.doc, mention.start_char, mention.end_char)
    body = _body_in_place(mention, actor)
    if body is not None:
        return body
    if actor is not None and _nested(context.doc, mention, actor):
        unnamed = _unresolved_ref(mention)  # "critics of the government": not the government
        return ActorRef(unnamed.id, unnamed.name, actor.country, None)
    unit = _unit_of(mention, actor)
    if unit is not None:
        return unit
    holder = _office_holder(context, mention, actor)
    if holder is not None:
        return holder
    described = described_actor(context, mention) if actor is None or actor.name.islower() else None
    if described is not None:
        return described  # "The minister": the index knew no more than the description
    if actor is not None and _consistent(actor, mention):
        return actor
    if pronoun:
        return context.last_speaker[0].actor if context.last_speaker is not None else None
    return _unresolved_ref(mention)


_UNITS = {
    "mission", "delegation", "office", "secretariat", "commission", "committee", "department", "team",
    "bureau", "unit", "branch", "panel", "division", "directorate", "wing", "envoy", "representation",
}  # fmt: skip


def _unit_of(mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "The observer mission of the OSCE", "the UN human rights office": a unit of an organisation
    speaks as that unit (named with its organisation, in its country), not as the whole organisation."""
    head = mention.root
    if actor is None or head.pos_ != "NOUN" or head.ent_type_ or head.lemma_.lower() not in _UNITS:
        return None
    owner = next(
        (
            c
            for c in head.children
            if c.dep_ in ("poss", "nmod", "compound") and c.ent_type_ == "ORG" and c.pos_ == "PROPN"
        ),
        None,
    )
    of = of_object(head)
    if owner is None and of is not None and of.ent_type_ == "ORG" and of.pos_ == "PROPN":
        owner = of
    if owner is None:
        return None
    entity = next((e for e in cues.entities(head.doc) if e.start <= owner.i < e.end), None)
    if entity is None:
        return None
    words = [t for t in entity if t.tag_ != "POS" and t.lower_ != "the"]
    modifiers = [
        word
        for child in head.lefts
        if child.dep_ in ("compound", "amod") and not child.ent_type_
        for word in child.subtree
    ]
    name = " ".join(t.text for t in [*words, *modifiers, head])
    own = _actor_for(head.doc, entity.start_char, entity.end_char) or actor
    return ActorRef(stable_id("act", "unit", name.lower()), name, own.country, own.sector)


def _body_in_place(mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "the Tobago House of Assembly", "the Kremlin": a body's name the index read as the state named in
    or by it is the body, in that state's country."""
    if actor is None or actor.country is None:
        return None
    doc = mention.doc
    entity = next(
        (e for e in cues.entities(doc) if e.label_ == "ORG" and e.start <= mention.root.i < e.end), None
    )
    if entity is None:
        return None
    indexed = _indexed_actor(doc, mention.start_char, mention.end_char)
    if indexed is None or indexed.kind != "state" or _unresolved_ref(entity).name == indexed.name:
        return None
    unnamed = _unresolved_ref(entity)
    return ActorRef(unnamed.id, unnamed.name, indexed.country, None)


def _nested(doc: Doc, mention: Span, actor: ActorRef) -> bool:
    """Whether the actor a plural description resolves to is only named inside it ("critics of the
    government", "residents of Gaza", "some of the parties in parliament"): the speakers are people
    related to that actor, not the actor."""
    head = mention.root
    if head.pos_ in ("PRON", "DET", "NUM", "ADJ") and of_object(head) is not None:
        head = of_object(head) or head  # "some of the parties in parliament"
    places = ("of", "in", "at", "from")
    if head.tag_ != "NNS" or head.ent_type_ or not any(t.lower_ in places and t.i > head.i for t in mention):
        return False
    own = _actor_for(doc, head.idx, head.idx + len(head.text))
    return own is None or own.id != actor.id


def _labelled_person(context: QuoteContext, mention: Span) -> ActorRef | None:
    """A transcript's speaker label ("EIDE") is the person of that surname the text names; in a Q/A
    transcript Q is the interviewer and A the person the introduction names."""
    label = mention.text.strip()
    if label in ("Q", "A") and _is_turn_label(context, mention):
        return _interviewer() if label == "Q" else _interviewee(context, mention)
    if len(label) < 2 or not label.isupper() or not label.replace("-", "").isalpha():
        return None
    doc = context.doc
    for ent in cues.entities(doc):
        if ent.label_ == "PERSON" and ent[-1].text.upper() == label:
            return _actor_for(doc, ent.start_char, ent.end_char) or _unresolved_ref(ent)
    return None


def _is_turn_label(context: QuoteContext, mention: Span) -> bool:
    return any(s.attribution == (mention.start_char, mention.end_char) for s in context.spans)


def headline_speaker(context: QuoteContext, span: QuotedSpan) -> Speaker | None:
    """ "Q&A: "Hospitals are not targets" – an aid group's director on ...": a quotation in the title of
    an interview transcript (its first paragraph, before the first turn) is the interviewee's."""
    turns = [s for s in context.spans if s.attribution is not None]
    if not turns or paragraph_at(context, span.open_at) != 0 or span.open_at >= turns[0].open_at:
        return None
    labels = {context.text[s.attribution[0] : s.attribution[1]].strip() for s in turns if s.attribution}
    if "A" not in labels and len(labels) < 2:
        return None
    ref = _interviewee(context, context.doc[0:0])
    return Speaker(ref, None, None, ()) if ref is not None else None


def _interviewer() -> ActorRef:
    return ActorRef(stable_id("act", "mention", "interviewer"), "interviewer", None, None)


def _interviewee(context: QuoteContext, label: Span) -> ActorRef | None:
    """The last person the text names before its first turn, not the one asking ("our correspondent X",
    "interviewed by X"): "We spoke to its international president, Dr Amara Diallo"."""
    first = min(s.open_at for s in context.spans if s.attribution is not None)
    doc = context.doc
    for ent in reversed([e for e in cues.entities(doc) if e.label_ == "PERSON" and e.end_char < first]):
        before = {t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]}
        if not before & _ASKING:
            return _actor_for(doc, ent.start_char, ent.end_char) or _unresolved_ref(ent)
    return None


def _office_holder(context: QuoteContext, mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "The president said", "the palace said": who held that office, in the country the article is
    about, on the article's date; unless the actor index already tied the title to a person who held it."""
    offices = cues.bare_office(mention)
    published = _published(context.doc)
    if published is None:
        return None
    if not offices:
        return _country_office(context, mention, actor, published)
    people = builtin_people()
    if actor is not None:
        known = people.lookup(actor.name, published)
        if known is not None and known.role.lower() in offices and known.held_on(published):
            return None
    titled = _titled_person(context, mention, offices)
    if titled is not None:
        return titled
    country = _home_country(context.doc)
    if country is None:
        return None
    for office in offices:
        holder = people.holder(country, office, published)
        if holder is None:
            continue
        for candidate in context.doc._.dyad_actors or ():
            if candidate.name == holder.name:
                ref: ActorRef = candidate.ref
                return ref
        return ActorRef(stable_id("act", "person", holder.name), holder.name, holder.country, holder.sector)
    return None


def _country_office(
    context: QuoteContext, mention: Span, actor: ActorRef | None, published: dt.date
) -> ActorRef | None:
    """ "Brazil's president", "the president of Brazil", "Kenya's foreign minister": the person who held
    that office in that country on the article's date, where the actor index stopped at the country."""
    if actor is None or actor.country is None or any(t.ent_type_ == "PERSON" for t in mention):
        return None
    head = mention.root
    if head.pos_ != "NOUN" or head.tag_ != "NN" or any(t.lower_ in cues.NOT_CURRENT for t in mention):
        return None
    place = {t.i for t in mention if t.ent_type_ in ("GPE", "NORP")}
    if not place:
        return None
    filler = ("det", "case", "prep", "punct")
    if any(t.i > head.i and t.i not in place and t.dep_ not in filler for t in mention):
        return None  # "the president of the football federation of Brazil"
    office = [t.lower_ for t in mention if t.i <= head.i and t.i not in place and t.dep_ not in filler]
    holder = builtin_people().holder(actor.country, " ".join(office), published)
    if holder is None:
        return None
    for candidate in context.doc._.dyad_actors or ():
        if candidate.name == holder.name:
            ref: ActorRef = candidate.ref
            return ref
    return ActorRef(stable_id("act", "person", holder.name), holder.name, holder.country, holder.sector)


def _titled_person(context: QuoteContext, mention: Span, offices: tuple[str, ...]) -> ActorRef | None:
    """ "archbishop Jorge Eduardo Scheinig ... the archbishop said": the nearest earlier person named with
    that title (just before the name or in an apposition after it)."""
    doc = context.doc
    people = [e for e in cues.entities(doc) if e.label_ == "PERSON" and e.end <= mention.start]
    for ent in reversed(people):
        if any(_titled(doc, ent, office, mention.start) for office in offices):
            return _actor_for(doc, ent.start_char, ent.end_char) or _unresolved_ref(ent)
    return None


def _titled(doc: Doc, ent: Span, office: str, limit: int) -> bool:
    """The office is the title right before the name ("Prime Minister Igor Matovič", not "State
    Department spokesperson Matthew Miller") or its apposition (", the archbishop of ...")."""
    size = len(office.split())
    before = " ".join(t.lower_ for t in doc[max(0, ent.start - size) : ent.start])
    after = " ".join(t.lower_ for t in doc[ent.end : min(limit, ent.end + size + 2)])
    return before == office or any(after.startswith(f", {det}{office}") for det in ("", "the ", "a ", "an "))


def _published(doc: Doc) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(doc._.dyad_published or "")[:10])
    except ValueError:
        return None


def _home_country(doc: Doc) -> str | None:
    """The country whose actors the article mentions most, if one stands out."""
    counts: Counter[str] = Counter()
    for actor in doc._.dyad_actors or ():
        if actor.country is not None:
            counts[actor.country] += len(actor.mentions)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _earlier_speaker(context: QuoteContext, pronoun: Span) -> tuple[ActorRef, int] | None:
    """The subject of the nearest speech verb before ``pronoun`` in its own or the two previous sentences
    (that agrees with he or she), with the subject's token index."""
    doc = context.doc
    first = context.sentences[max(0, sentence_at(context, pronoun.start_char) - 2)].start
    usable = usable_tokens(context)
    for token in reversed(doc[first : pronoun.start]):
        if not _is_speech_verb(token, usable) or any(t.dep_ == "relcl" for t in (token, *token.ancestors)):
            continue  # not "X, who was described as ... by the police, ...": a relative clause's speaker
        subject = cues.subject_of(token, usable)
        if subject is not None and not voices.can_speak(subject):
            subject = voices.voice_of(subject)  # "a statement agreeing ...": its author
        if subject is None or subject.i >= pronoun.start or subject.lower_ in cues.PERSONAL_PRONOUNS:
            continue
        if pronoun.text.lower() in _PERSON_PRONOUNS and not _could_be_person(subject):
            continue
        mention = _speaker_mention(subject)
        actor = _actor_for(doc, mention.start_char, mention.end_char)
        ref = actor if actor is not None and _consistent(actor, mention) else _unresolved_ref(mention)
        if _agrees(pronoun, ref):
            return ref, subject.i
    return None


def _previous_subject(context: QuoteContext, pronoun: Span) -> tuple[ActorRef, int] | None:
    """ "..., the same day that he dropped out, Bloomberg endorsed Biden. "...," he said", "Brazil's
    environment minister, Marina Silva, defended the outcome. She said": he or she continues the named
    main-clause subject of its own sentence or the two before, with the subject's token index."""
    if pronoun.text.lower() not in _PERSON_PRONOUNS:
        return None
    doc = context.doc
    usable = usable_tokens(context)
    index = sentence_at(context, pronoun.start_char)
    for sentence in reversed(context.sentences[max(0, index - 2) : index + 1]):
        subject = next((c for c in sentence.root.children if c.dep_ == "nsubj" and usable(c)), None)
        if subject is None or subject.i >= pronoun.start or subject.lower_ in cues.PERSONAL_PRONOUNS:
            continue
        mention = _speaker_mention(subject)
        named = subject.pos_ == "PROPN" or any(t.ent_type_ == "PERSON" for t in mention)
        if not _could_be_person(subject) or not named:
            return None
        actor = _actor_for(doc, mention.start_char, mention.end_char)
        if actor is None or not _consistent(actor, mention) or not _agrees(pronoun, actor):
            return None
        return actor, subject.i
    return None


def _agrees(pronoun: Span, actor: ActorRef) -> bool:
    """He or she agrees with a person whose first name's usual gender is not the other one."""
    wanted = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun.text.lower())
    gender = first_name_gender(actor.name) if wanted is not None else None
    return gender is None or gender == wanted


def pronoun_antecedent(context: QuoteContext, pronoun: Token) -> Token | None:
    """ "The foreign ministry summoned the ambassador. It said ...", "Nurses went on strike. They said
    ...": the main-clause subject of the nearest earlier sentence (of the two before, in the pronoun's
    paragraph) that has one, when it agrees in number and can speak or is a document ("The report ...
    It said": its author speaks); "it" never stands for a person, "they" for one actor."""
    lower = pronoun.lower_
    if lower not in ("it", "they", "he", "she"):
        return None
    usable = usable_tokens(context)
    own = _main_subject(pronoun, usable)
    if own is not None:
        return own
    if lower not in ("it", "they"):
        return None
    paragraph = paragraph_at(context, pronoun.idx)
    index = sentence_at(context, pronoun.idx)
    lexicon = cues.lexicon()
    for sentence in reversed(context.sentences[max(0, index - 2) : index]):
        if paragraph_at(context, sentence.start_char) != paragraph:
            return None
        root = sentence.root
        subject = cues.subject_of(root, usable) if root.pos_ in ("VERB", "AUX") else None
        if subject is None or not sentence.start <= subject.i < sentence.end:
            continue
        if subject.lower_ in cues.PERSONAL_PRONOUNS:
            if subject.lower_ == lower:
                continue  # "It summoned ... It said": the chain goes further back
            return None
        several = bool(subject.conjuncts) or (
            subject.tag_ in ("NNS", "NNPS") and subject.ent_type_ not in ("ORG", "GPE")
        )  # "the United Nations" is one
        if several != (lower == "they") or (lower == "it" and subject.ent_type_ in ("PERSON", "NORP")):
            return None
        return subject if voices.can_speak(subject) or lexicon.noun(subject, "document") else None
    return None


def _main_subject(pronoun: Token, usable: Callable[[Token], bool]) -> Token | None:
    """ "The government launched what it called ...", "In what she called ..., Minister X signed": a
    pronoun in a clause under its sentence's main verb stands for that verb's subject, when they agree."""
    root = pronoun.sent.root
    if pronoun.head.i == root.i or root.pos_ not in ("VERB", "AUX") or not usable(root):
        return None
    subject = cues.subject_of(root, usable)
    if subject is None or subject.lower_ in cues.PERSONAL_PRONOUNS or subject.i == pronoun.i:
        return None
    if pronoun.lower_ in _PERSON_PRONOUNS:
        return subject if subject.ent_type_ == "PERSON" else None
    several = bool(subject.conjuncts) or (
        subject.tag_ in ("NNS", "NNPS") and subject.ent_type_ not in ("ORG", "GPE")
    )
    if several != (pronoun.lower_ == "they") or subject.ent_type_ in ("PERSON", "NORP"):
        return None
    return subject if voices.can_speak(subject) else None


def _could_be_person(token: Token) -> bool:
    """He or she needs one person: a singular noun that is not a country, organisation or nationality."""
    lexicon = cues.lexicon()
    if any(lexicon.noun(token, kind) for kind in ("sign", "document", "term")):
        return False
    if token.tag_ not in ("NN", "NNP"):
        return False
    return token.ent_type_ not in ("GPE", "ORG", "NORP", "LOC") or _surname_of(token) is not None


def _surname_of(token: Token) -> Span | None:
    """The person a lone name stands for where the recogniser took it for a place or organisation:
    "Amman" (not Jordan's capital) in an article about Sudesh Amman, "Bloomberg" after Michael Bloomberg."""
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return None
    return next(
        (
            e
            for e in cues.entities(token.doc)
            if e.label_ == "PERSON" and len(e) > 1 and e[-1].text == token.text
        ),
        None,
    )


def _consistent(actor: ActorRef, mention: Span) -> bool:
    """Guard against a resolver slip: a proper-name mention must share a word (or its initials) with the
    actor it resolves to; descriptions and pronouns may resolve to anyone."""
    if not any(t.pos_ == "PROPN" for t in mention):
        return True
    actor_words = set(re.findall(r"\w+", actor.name))
    names = {t.text for t in mention if t.pos_ == "PROPN"}
    initials = "".join(w[0] for w in actor_words if w[0].isupper())
    if {_folded(w) for w in actor_words} & {_folded(n) for n in names}:
        return True  # "Erdoğan" is the knowledge base's "Recep Tayyip Erdogan"
    return any(sorted(n) == sorted(initials) for n in names)


def _folded(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def actor_ref(doc: Doc, token: Token | None, *, named_only: bool) -> ActorRef | None:
    if token is None:
        return None
    mention = cues.mention_span(token)
    actor = _actor_for(doc, mention.start_char, mention.end_char)
    if actor is not None:
        return actor
    if named_only and not any(t.pos_ == "PROPN" for t in mention):
        return None  # "told reporters", "told the court": no actor
    if cues.is_pronoun(mention):
        return None
    return _unresolved_ref(mention)


def _actor_for(doc: Doc, start: int, end: int) -> ActorRef | None:
    actor = _indexed_actor(doc, start, end)
    return actor.ref if actor is not None else None


def _indexed_actor(doc: Doc, start: int, end: int) -> Actor | None:
    try:
        return actor_for(doc, start, end)
    except Exception:  # the actor index failing on one mention must not lose the quote
        log.warning("actor_for failed on %r", doc.text[start:end], exc_info=True)
        return None


def _unresolved_ref(mention: Span) -> ActorRef:
    """A speaker the actor index does not know: named by its mention, with no country or sector."""
    name = " ".join(mention.text.split()).removesuffix("'s").removesuffix("’s")
    for prefix in ("the ", "a ", "an "):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    return ActorRef(stable_id("act", "mention", name.lower()), name, None, None)
