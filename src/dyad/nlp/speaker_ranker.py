"""A learned second opinion on a quote's speaker: the rules' choice and the other actors that could
have said the quote (subjects of speech verbs and named people or bodies in its sentence and the ones
around it, the previous quote's speaker), each with a few cheap features of how it relates to the quote,
scored by a logistic regression trained on the development attribution gold (``tools/train_speakers.py``).

Applied with numpy; scikit-learn is needed only to train. Without ``codebooks/speaker_ranker.npz`` the
rules' choice stands."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from dyad.model import Speaker
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.attribution import Attribution
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import CONTINUATION_PARAGRAPHS, QuoteContext, frame_of, paragraph_at, usable_tokens
from dyad.nlp.speaker_mentions import unresolved_ref
from dyad.nlp.speakers import speaker_for

MODEL_FILE = "speaker_ranker.npz"
_RELATIVE = {"who", "whom", "which", "that", "whose"}
FEATURES = (
    "rule",  # the rules' choice
    "rule_cue",  # ... decided by a speech cue
    "rule_continuation",  # ... carried on from an earlier quote (no cue)
    "cue_subject",  # the subject of the quote's own cue
    "speech_subject",  # the subject of a speech verb in the quote's sentences
    "speech_subject_before",  # ... in the sentence before
    "speech_subject_after",  # ... in the sentence after
    "subject",  # the subject of any verb
    "inverted",  # '"...," said X': a subject after its speech verb
    "frame",  # in the quote's sentences
    "before_sentence",  # in the sentence before
    "after_sentence",  # in the sentence after
    "after_quote",  # after the closing mark
    "distance",  # log of the characters between the word and the quote
    "pronoun",
    "person",
    "organisation",
    "place",  # a country or nationality ("Russia said")
    "noun",  # a description ("the minister")
    "last_speaker",  # the previous quote's speaker
    "earlier_quotes",  # log of how many quotes this actor already has
    "unresolved",  # the actor index does not know it
    "first_mention",  # a name the text has not used before
    "group",
)


@dataclass(slots=True)
class Candidate:
    """One actor that may have said the quote, with its features (flags are OR-ed and the distance is
    the least over the words that name it)."""

    speaker: Speaker
    values: dict[str, float] = field(default_factory=dict)

    def vector(self) -> np.ndarray:
        return np.array([self.values.get(name, 0.0) for name in FEATURES], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Ranker:
    weights: np.ndarray
    bias: float
    margin: float  # how much better than the rules' choice another candidate must score


@lru_cache(maxsize=1)
def shipped_ranker() -> Ranker | None:
    """The ranker in the codebooks, or None (the rules decide): it is not shipped, since it does not beat
    the rules; ``dyad train speakers --output src/dyad/codebooks`` writes one."""
    resource = resources.files("dyad.codebooks").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return load(path)


def load(path: Path) -> Ranker | None:
    """A ranker file, or None when it was trained on other features (the rules decide until retrained)."""
    with np.load(path) as data:
        if [str(n) for n in data["features"]] != list(FEATURES):
            return None
        return Ranker(data["weights"].astype(np.float64), float(data["bias"]), float(data["margin"]))


def choose_speaker(
    context: QuoteContext, span: QuotedSpan, attribution: Attribution, rule: Speaker | None
) -> Speaker | None:
    """The rules' speaker, unless the ranker scores another candidate higher by its margin. A quote the
    rules gave nobody keeps nobody: the development gold has no such quote to learn from."""
    ranker = shipped_ranker()
    if ranker is None or rule is None:
        return rule
    found = candidates(context, span, attribution, rule)
    if len(found) < 2:
        return rule
    scores = np.stack([c.vector() for c in found]) @ ranker.weights + ranker.bias
    best = int(np.argmax(scores))
    ruled = next((i for i, c in enumerate(found) if c.values.get("rule")), None)
    if ruled is not None and scores[best] - scores[ruled] < ranker.margin:
        return rule
    return found[best].speaker


def candidates(
    context: QuoteContext, span: QuotedSpan, attribution: Attribution, rule: Speaker | None
) -> list[Candidate]:
    """The rules' speaker and every other actor within a sentence of the quote that could speak."""
    first, last = frame_of(context, span)
    low, high = max(0, first - 1), min(len(context.sentences) - 1, last + 1)
    usable = usable_tokens(context)
    paragraph = paragraph_at(context, span.open_at)
    close = span.close_at if span.close_at is not None else span.end
    lexicon = cues.lexicon()
    cue_subject = cues.subject_of(attribution.cue, usable) if attribution.cue is not None else None
    found: dict[str, Candidate] = {}

    def add(speaker: Speaker | None, values: dict[str, float]) -> None:
        if speaker is None:
            return
        candidate = found.setdefault(speaker.actor.id, Candidate(speaker))
        for name, value in values.items():
            old = candidate.values.get(name)
            candidate.values[name] = (
                min(old, value) if name == "distance" and old is not None else max(old or 0.0, value)
            )

    if rule is not None:
        add(rule, {"rule": 1.0, "rule_cue": float(attribution.cue is not None),
                   "rule_continuation": float(attribution.cue is None)})  # fmt: skip
    if (
        context.last_speaker is not None
        and paragraph - context.last_speaker[1] <= CONTINUATION_PARAGRAPHS * 2
    ):
        add(context.last_speaker[0], {"last_speaker": 1.0})
    seen: set[int] = set()
    for index in range(low, high + 1):
        sentence = context.sentences[index]
        where = (
            "frame" if first <= index <= last else "before_sentence" if index < first else "after_sentence"
        )
        for token in sentence:
            if token.i in seen or not _could_speak(token, usable):
                continue
            seen.add(token.i)
            if abs(paragraph_at(context, token.idx) - paragraph) > 2:
                continue  # the next paragraph but one: a blank line between paragraphs counts as one
            subject = token.dep_ in ("nsubj", "nsubjpass")
            agent = token.dep_ == "pobj" and token.head.dep_ == "agent"  # "was criticised by X"
            verb = token.head if subject else token.head.head if agent else None
            speech = verb is not None and (entry := lexicon.verb(verb)) is not None and entry.kind == "speech"
            if not (
                subject or token.ent_type_ in ("PERSON", "ORG") or token.i == getattr(cue_subject, "i", -1)
            ):
                continue
            distance = span.open_at - token.idx if token.idx < span.open_at else max(0, token.idx - close)
            values = {
                where: 1.0,
                "subject": float(subject),
                "cue_subject": float(cue_subject is not None and token.i == cue_subject.i),
                "inverted": float(speech and verb is not None and token.i > verb.i),
                "after_quote": float(token.idx > close),
                "distance": math.log1p(distance) / 5,
            }
            if speech:
                name = {"frame": "speech_subject", "before_sentence": "speech_subject_before"}.get(
                    where, "speech_subject_after"
                )
                values[name] = 1.0
            add(speaker_for(context, token), values)
    for candidate in found.values():
        _describe(context, candidate)
    return list(found.values())


def _could_speak(token: Token, usable: Callable[[Token], bool]) -> bool:
    if token.pos_ not in ("PROPN", "NOUN", "PRON") or not usable(token):
        return False
    if token.lower_ in _RELATIVE:
        return False  # "who": its noun is a candidate of its own
    if token.dep_ == "compound" or (token.ent_type_ and token.ent_iob_ == "I" and token.head.ent_iob_ == "I"):
        return False  # the head of a name speaks, not its first word
    return voices.can_speak(token)


def _describe(context: QuoteContext, candidate: Candidate) -> None:
    """Features of the actor and the words that name it."""
    speaker = candidate.speaker
    values = candidate.values
    mention = speaker.mention
    doc = context.doc
    words = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention else None
    labels = {t.ent_type_ for t in words if t.ent_type_} if words is not None else set()
    pronoun = words is not None and len(words) == 1 and words[0].lower_ in cues.PERSONAL_PRONOUNS
    values["pronoun"] = float(pronoun)
    values["person"] = float("PERSON" in labels)
    values["organisation"] = float("ORG" in labels)
    values["place"] = float(bool(labels & {"GPE", "NORP"}) and "PERSON" not in labels)
    values["noun"] = float(not pronoun and not labels)
    values["group"] = float(bool(speaker.members))
    values["unresolved"] = float(words is not None and speaker.actor.id == unresolved_ref(words).id)
    earlier = context.text[: mention.start] if mention else ""
    values["first_mention"] = float(bool(labels) and mention is not None and mention.text not in earlier)
    values["earlier_quotes"] = math.log1p(context.spoken.get(speaker.actor.id, 0))
