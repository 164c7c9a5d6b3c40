"""Readers for the public event gold formats: ConfliBERT class TSV, ConfliBERT BIO spans, PLOVER GSR.

Each reader returns frozen records; a malformed line raises :class:`EvaluationError` naming file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import EvaluationError

# PLOVER 2016 category names of the GSR file -> the 2021 types our crosswalk produces.
PLOVER_2016_TO_2021 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# PLOVER 2016 category -> the CAMEO root it was built from (CONCEDE and RETREAT both come from 08).
PLOVER_2016_ROOTS = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
    "RETREAT": "08", "INVESTIGATE": "09", "DEMAND": "10", "DISAPPROVE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18", "FIGHT": "19",
}  # fmt: skip


def normalise(text: str) -> str:
    """A key under which the same sentence matches across files with different tokenisation."""
    return re.sub(r"\W+", "", text).lower()


@dataclass(frozen=True, slots=True)
class ClassExample:
    text: str
    label: int  # 0 statement/no event, 1-4 QuadClass


@dataclass(frozen=True, slots=True)
class SpanExample:
    text: str  # the sentence as running text
    sources: frozenset[tuple[int, int]]
    targets: frozenset[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class PloverExample:
    id: str
    text: str
    category: str  # PLOVER 2016 name, as in the file
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]

    @property
    def type_2021(self) -> str:
        return PLOVER_2016_TO_2021.get(self.category, self.category)

    @property
    def root(self) -> str:
        return PLOVER_2016_ROOTS[self.category]


def _read(path: Path) -> str:
    if not path.is_file():
        raise EvaluationError(f"gold file not found: {path}")
    return path.read_text(encoding="utf-8")


def read_class_gold(path: Path) -> list[ClassExample]:
    examples = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not text or label.strip() not in ("0", "1", "2", "3", "4"):
            raise EvaluationError("expected text<TAB>label with label 0-4", where=f"{path}:{number}")
        examples.append(ClassExample(text.strip(), int(label)))
    return examples


def read_span_gold(path: Path, natural: Iterable[str] = ()) -> list[SpanExample]:
    """BIO-tagged sentences, as text the parser reads well, with the tagged phrases' character spans.

    The file holds one token per line; joining the tokens with spaces would feed the parser "Israel ’ s"
    and "( LDF )", text no news article contains. Each sentence is laid out as its untokenised original
    when one of ``natural`` (the class file's sentences) has the same characters, else detokenised by rule.
    """
    originals = {normalise(text): text for text in natural}
    examples: list[SpanExample] = []
    tokens: list[tuple[str, str]] = []
    for number, line in enumerate([*_read(path).splitlines(), ""], start=1):
        if line.strip():
            token, _, tag = line.rstrip().rpartition(" ")
            if not token or not (tag == "O" or tag[:2] in ("B-", "I-")):
                raise EvaluationError(f"expected 'token TAG', got {line!r}", where=f"{path}:{number}")
            tokens.append((token, tag))
        elif tokens:
            words = [token for token, _ in tokens]
            original = originals.get(normalise(" ".join(words)))
            laid_out = (_align(words, original) if original else None) or detokenise(words)
            examples.append(_span_example(laid_out, [tag for _, tag in tokens]))
            tokens = []
    return examples


# No space before these tokens, none after the openers: how news text writes them.
_CLOSERS = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "n't", "’", "”", "'"}
_OPENERS = {"(", "[", "$", "“"}


def detokenise(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The words joined as running text ("Israel’s", "(LDF)"), with each word's character span."""
    text = ""
    offsets = []
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        glued = (
            not text
            or word in _CLOSERS
            or previous in _OPENERS
            or (word == "s" and previous in ("’", "'"))
            or (word == "-" or previous == "-")
        )
        if not glued:
            text += " "
        offsets.append((len(text), len(text) + len(word)))
        text += word
    return text, offsets


def _align(words: list[str], original: str) -> tuple[str, list[tuple[int, int]]] | None:
    """Each word's span in ``original``, found in order skipping whitespace; None when a word is not there."""
    offsets = []
    position = 0
    for word in words:
        while position < len(original) and original[position].isspace():
            position += 1
        if not original.startswith(word, position):
            return None
        offsets.append((position, position + len(word)))
        position += len(word)
    return original, offsets


def _span_example(laid_out: tuple[str, list[tuple[int, int]]], tags: list[str]) -> SpanExample:
    text, offsets = laid_out
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": [], "R": []}
    current: tuple[str, int] | None = None
    last_end = 0
    for (start, end), tag in zip(offsets, tags, strict=True):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != tag[2:])):
            if current is not None:
                spans[current[0]].append((current[1], last_end))
            current = (tag[2:], start)
        elif tag == "O" and current is not None:
            spans[current[0]].append((current[1], last_end))
            current = None
        last_end = end
    if current is not None:
        spans[current[0]].append((current[1], last_end))
    return SpanExample(text, frozenset(spans["S"]), frozenset(spans["T"]))


def _countries(actors: object) -> tuple[str, ...]:
    if not isinstance(actors, list):
        return ()
    return tuple(str(a["code"]) for a in actors if isinstance(a, dict) and len(str(a.get("code", ""))) == 3)


def read_plover_gold(path: Path) -> list[PloverExample]:
    try:
        records = json.loads(_read(path))
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"not JSON: {exc}", where=str(path)) from exc
    examples = []
    for record in records:
        category = record.get("event")
        if category not in PLOVER_2016_ROOTS or not record.get("text"):
            continue  # the DOCUMENT record documents the file
        examples.append(
            PloverExample(
                record["id"],
                record["text"],
                category,
                _countries(record.get("source")),
                _countries(record.get("target")),
            )
        )
    return examples
