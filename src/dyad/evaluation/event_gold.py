"""Readers for the public event gold formats: ConfliBERT class TSV, ConfliBERT BIO spans, PLOVER GSR.

Each reader returns frozen records; a malformed line raises :class:`EvaluationError` naming file and line.
"""

from __future__ import annotations

import json
import re
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
    text: str  # tokens joined by single spaces
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


def read_span_gold(path: Path) -> list[SpanExample]:
    examples: list[SpanExample] = []
    tokens: list[tuple[str, str]] = []
    for number, line in enumerate([*_read(path).splitlines(), ""], start=1):
        if line.strip():
            token, _, tag = line.rstrip().rpartition(" ")
            if not token or not (tag == "O" or tag[:2] in ("B-", "I-")):
                raise EvaluationError(f"expected 'token TAG', got {line!r}", where=f"{path}:{number}")
            tokens.append((token, tag))
        elif tokens:
            examples.append(_span_example(tokens))
            tokens = []
    return examples


def _span_example(tokens: list[tuple[str, str]]) -> SpanExample:
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": [], "R": []}
    offset = 0
    current: tuple[str, int] | None = None
    last_end = 0
    for token, tag in tokens:
        start, end = offset, offset + len(token)
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != tag[2:])):
            if current is not None:
                spans[current[0]].append((current[1], last_end))
            current = (tag[2:], start)
        elif tag == "O" and current is not None:
            spans[current[0]].append((current[1], last_end))
            current = None
        last_end = end
        offset = end + 1
    if current is not None:
        spans[current[0]].append((current[1], last_end))
    text = " ".join(token for token, _ in tokens)
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
