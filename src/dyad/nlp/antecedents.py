"""What a pronoun naming a speaker stands for: the nearest earlier speaker or named subject that agrees
with it ("... told the court. She also said"), the subject of the sentences before ("The ministry
summoned ... It said"), or the group named before "they"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from dyad.codebooks.countries import Role, roles
from dyad.codebooks.people import first_name_gender
from dyad.model import ActorRef
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.quote_frames import QuoteContext, paragraph_at, sentence_at, token_at, usable_tokens
from dyad.nlp.representatives import representatives
from dyad.nlp.speaker_mentions import consistent, indexed_ref, speaker_mention, surname_of, unresolved_ref
from dyad.nlp.speaker_words import is_speech_verb

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_LOOK_BACK = 2  # paragraphs a bare "the rebels" looks back for the group it repeats
# Sectors too wide to make two nouns one group: "Hamas negotiators ... the leaders" are not the same people.
_ANY_SECTOR = frozenset({"GOV"})
_MEMBERS = frozenset({"member"})  # "members of the union ... the protesters": of whatever kind
_GROUP_OF = frozenset({"of", "from", "for"})  # "fighters of X", "doctors from X", "negotiators for X"
_CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp")  # a subject there is not the sentence's


def earlier_speaker(context: QuoteContext, pronoun: Span) -> tuple[ActorRef, int] | None:
    """The subject of the nearest speech verb before ``pronoun`` in its own or the two previous sentences
    (that agrees with he or she), with the subject's token index."""
    doc = context.doc
    first = context.sentences[max(0, sentence_at(context, pronoun.start_char) - 2)].start
    usable = usable_tokens(context)
    for token in reversed(doc[first : pronoun.start]):
        if not is_speech_verb(token, usable) or any(t.dep_ == "relcl" for t in (token, *token.ancestors)):
            continue  # not "X, who was described as ... by the police, ...": a relative clause's speaker
        subject = cues.subject_of(token, usable)
        if subject is not None and _names_another(token, subject, pronoun, usable):
            continue
        if subject is not None and not voices.can_speak(subject):
            subject = voices.voice_of(subject)  # "a statement agreeing ...": its author
        if subject is None or subject.i >= pronoun.start or subject.lower_ in cues.PERSONAL_PRONOUNS:
            continue
        if pronoun.text.lower() in _PERSON_PRONOUNS and not _could_be_person(subject):
            continue
        one_person = subject.ent_type_ == "PERSON" and not subject.conjuncts
        if pronoun.text.lower() in ("they", "them") and one_person:
            continue  # "Vucic dismissed ... Serb mayors ... were absent. They called": not one person
        mention = speaker_mention(subject)
        actor = indexed_ref(doc, mention.start_char, mention.end_char)
        ref = actor if actor is not None and consistent(actor, mention) else unresolved_ref(mention)
        ref = representatives(context, subject) or ref  # "the seven ministers said ... They": the bloc's
        if _agrees(pronoun, ref):
            return ref, subject.i
    return None


def _names_another(verb: Token, subject: Token, pronoun: Span, usable: Callable[[Token], bool]) -> bool:
    """ "Lindner said the chancellor had demanded that he suspend the debt brake, which he called ...",
    "X said the opposition leader had attacked him over the plan, which he described as ...": a speech
    act reported inside another's words, whose own clause already uses he (she) for somebody other than
    its subject, is not what a later he (she) stands for; the reporter is."""
    same = {"he": ("he", "him"), "him": ("he", "him"), "she": ("she", "her"), "her": ("she", "her")}
    forms = same.get(pronoun.text.lower())
    if forms is None or not any(is_speech_verb(a, usable) for a in verb.ancestors):
        return False
    return any(
        t.lower_ in forms and t.tag_ == "PRP" and t.i < pronoun.start and t.i != subject.i
        for t in _arguments(verb)
    )


def _arguments(verb: Token) -> list[Token]:
    """The verb's own objects and the subject of a that-clause in the subjunctive ("criticised him",
    "spoke to him", "demanded that he suspend ...": a bare verb, which the tagger may call present tense,
    with no auxiliary): never its subject; not the subject of an ordinary reported clause ("did not say
    he had ordered it": himself)."""
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            found.append(child)
        elif child.dep_ == "prep":
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif (
            child.dep_ == "ccomp"
            and child.tag_ in ("VB", "VBP")
            and all(c.dep_ != "aux" for c in child.children)
        ):
            found.extend(c for c in child.children if c.dep_ in SUBJECT_DEPS)
    return found


def previous_subject(context: QuoteContext, pronoun: Span) -> tuple[ActorRef, int] | None:
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
        mention = speaker_mention(subject)
        named = subject.pos_ == "PROPN" or any(t.ent_type_ == "PERSON" for t in mention)
        if not _could_be_person(subject) or not named:
            return None
        actor = indexed_ref(doc, mention.start_char, mention.end_char)
        if actor is None or not consistent(actor, mention) or not _agrees(pronoun, actor):
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
    if own is not None and paragraph_at(context, own.idx) == paragraph_at(context, pronoun.idx):
        return own  # the parser may run a paragraph into the next one's sentence: not across that break
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
    if token.tag_ not in ("NN", "NNP") or voices.is_body(token):
        return False  # not "the mission" or "the coalition"
    return token.ent_type_ not in ("GPE", "ORG", "NORP", "LOC") or surname_of(token) is not None


def plural_antecedent(context: QuoteContext, pronoun: Token) -> Token | None:
    """ "The three leaders met ... They called": the nearest earlier subject, in this or the two sentences
    before, when it names several actors (a single one leaves "they" to the usual resolution)."""
    doc = pronoun.doc
    first = context.sentences[max(0, sentence_at(context, pronoun.idx) - 2)].start
    usable = usable_tokens(context)
    for token in reversed(doc[first : pronoun.i]):
        if (
            token.dep_ not in SUBJECT_DEPS
            or not usable(token)
            or (token.lower_ in cues.PERSONAL_PRONOUNS and not token.conjuncts)  # but "He and X issued"
            or token.tag_ in ("WP", "WDT")  # "Serb mayors, who resigned ...": the noun before it decides
            or token.head.dep_ in _CLAUSES  # "The three leaders said the region could not wait ..."
        ):
            continue
        several = bool(token.conjuncts) or voices.is_plural(token)
        return token if several and voices.can_speak(token) else None
    return None


def repeated_group(context: QuoteContext, description: Token) -> Token | None:
    """ "M23 rebels seized the town. ... the rebels said", "Members of the union marched ... the
    protesters", "The Arakan Army captured ... the insurgents said": a bare definite plural ("the rebels",
    with no words of its own) repeats the nearest earlier group, within two paragraphs, that the text named
    and described with the same noun or one of the same kind (the role's sector: rebels, fighters and
    insurgents; protesters, demonstrators and supporters), or a named organisation of that sector; "members
    of X" is of any kind. None where the nearest such noun is nobody's ("Rebels seized ... the rebels")."""
    own_words = [(c.dep_, c.lower_) for c in description.children]  # not "Senators", "our fighters"
    if description.tag_ != "NNS" or description.ent_type_ or own_words != [("det", "the")]:
        return None
    if not voices.can_speak(description):
        return None
    role = _plural_role(description)
    doc = description.doc
    first = token_at(
        doc, context.line_starts[max(0, paragraph_at(context, description.idx) - _LOOK_BACK * 2)]
    )
    usable = usable_tokens(context)
    for earlier in reversed(doc[first : description.left_edge.i]):
        if not usable(earlier) or earlier.dep_ == "conj":
            continue
        if earlier.ent_type_ == "ORG":
            if role is not None and role.sector not in _ANY_SECTOR and _organisation_of(earlier, role.sector):
                return earlier  # "The Arakan Army ... the insurgents"
            continue
        if not voices.is_plural(earlier):
            continue
        lemma = earlier.lemma_.lower()
        other = _plural_role(earlier)
        same = lemma == description.lemma_.lower() or lemma in _MEMBERS
        if role is not None and other is not None and role.sector not in _ANY_SECTOR:
            same = same or other.sector == role.sector
        if same:
            return earlier if _named_group(earlier) else None
    return None


def _plural_role(token: Token) -> Role | None:
    """The role of a plural noun naming people ("rebels", "protesters"), for its sector."""
    role = roles().get(token.lower_)
    return role if role is not None and role.kind == "person" and voices.is_plural(token) else None


def _organisation_of(token: Token, sector: str) -> bool:
    """The last word of an organisation's name the actor index knows as of ``sector`` ("the Arakan Army")."""
    entity = cues.entity_around(token)
    if entity is None or entity.end - 1 != token.i:
        return False
    actor = indexed_ref(token.doc, entity.start_char, entity.end_char)
    return actor is not None and actor.sector == sector


def _named_group(noun: Token) -> bool:
    """A plural noun the text names as of someone: "M23 rebels", "Houthi militants", "Hamas's fighters",
    "members of Peru's General Confederation of Workers", "negotiators for the government and the ELN"."""
    for child in noun.children:
        # "M23 rebels": a capitalised word is a name except a sentence's first ("Opposition supporters")
        named = child.pos_ == "PROPN" or child.ent_type_ or child.text.isupper()
        named = named or not (child.is_lower or child.is_sent_start)
        if child.dep_ in ("compound", "amod", "nmod", "poss") and named:
            return True
        if child.dep_ == "prep" and child.lower_ in _GROUP_OF:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if any(w.pos_ == "PROPN" for w in (pobj, *pobj.conjuncts)):  # not "of Senegal's party"
                    return True
    return False
