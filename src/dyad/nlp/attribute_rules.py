"""The pretrained model's attribute ruler, its matches found by comparing arrays.

The ruler (tag -> part of speech and morphology, and exceptions such as "n't" -> PART) runs spaCy's
``Matcher`` with some 180 one- and two-token patterns; twenty of them test sets or regular expressions,
which the matcher checks by calling Python for every token: some 7% of the pipeline's CPU time went
there. :func:`index_rules` gives the ruler a ``match`` that tests each pattern over the document's columns
of token attributes at once and returns the same matches, in the same order, so the ruler's
``set_annotations`` writes the same attributes. A ruler holding any pattern this cannot read keeps spaCy's
matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

RULER = "attribute_ruler"
# The token attributes the patterns may test: columns of ``Doc.to_array``, as the matcher reads them.
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SETS = ("IN", "NOT_IN")

Column = npt.NDArray[np.uint64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class _Test:
    """One condition on one column: equal to a value, in or not in a set, or a regular expression."""

    column: int
    operator: str  # "==", "IN", "NOT_IN", "REGEX"
    operand: int | tuple[int, ...] | str


@dataclass(frozen=True, slots=True)
class _Rule:
    """One rule of the ruler: its index, the matcher's key for it, and its patterns, each a tuple per token
    of the indices of its tests in :attr:`IndexedMatches._tests`."""

    index: int
    key: int  # the hash of the rule's index as a string, as the ruler's matcher keys it
    patterns: tuple[tuple[tuple[int, ...], ...], ...]


class IndexedMatches:
    """``AttributeRuler.match`` over arrays: each pattern tested on all tokens at once."""

    def __init__(self, ruler: AttributeRuler, rules: list[_Rule], tests: list[_Test]) -> None:
        self._ruler = ruler
        self._indexed = (ruler.attrs, len(ruler.attrs))  # the rules read, to notice rules added later
        self._rules = rules
        self._tests = tests
        self._strings = ruler.vocab.strings
        self._attrs = [IDS[name] for name in _COLUMNS]
        # The values a pattern demands: one absent from the document rules the pattern out at no cost.
        self._needs = [
            tuple(
                (t.column, cast(int, t.operand))
                for token in pattern
                for t in (tests[i] for i in token)
                if t.operator == "=="
            )
            for rule in rules
            for pattern in rule.patterns
        ]
        # Per expression, the values known to match and all values tried (words recur across documents).
        self._regex_answers: dict[str, tuple[set[int], set[int]]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches as its own ``match`` gives them: (rule, key, start, end), sorted."""
        attrs, count = self._indexed
        if self._ruler.attrs is not attrs or len(attrs) != count:  # rules added or cleared since
            return AttributeRuler.match(self._ruler, doc)  # type: ignore[no-any-return]
        length = len(doc)
        if not length:
            return []
        table = cast(Column, doc.to_array(self._attrs))  # one uint64 column per attribute
        columns = [table[:, i] for i in range(len(self._attrs))]
        present = [set(column.tolist()) for column in columns]
        masks: dict[int, Mask] = {}
        out: list[tuple[int, int, int, int]] = []
        needs = iter(self._needs)
        for rule in self._rules:
            spans: list[tuple[int, int]] = []
            for pattern in rule.patterns:
                width = len(pattern)
                if width > length or any(value not in present[c] for c, value in next(needs)):
                    continue
                hits: Mask | None = None
                for offset, tests in enumerate(pattern):
                    for i in tests:
                        mask = masks.get(i)
                        if mask is None:
                            mask = masks[i] = self._mask(self._tests[i], columns, present)
                        part = mask[offset : length - width + 1 + offset]
                        hits = part if hits is None else hits & part
                if hits is not None:
                    spans.extend((s, s + width) for s in np.flatnonzero(hits).tolist())
            if len(rule.patterns) > 1:  # the matcher reports a span once per key
                spans = sorted(set(spans))
            out.extend((rule.index, rule.key, start, end) for start, end in spans)
        return out

    def _mask(self, test: _Test, columns: list[Column], present: list[set[int]]) -> Mask:
        """Which tokens pass ``test``: the values of the document that pass it are found first (a set
        operation), and most tests have none or one."""
        values = columns[test.column]
        if test.operator == "==":
            equal: Mask = values == test.operand
            return equal
        if test.operator == "REGEX":
            passing = self._regex(str(test.operand), present[test.column])
        else:
            passing = present[test.column].intersection(cast(tuple[int, ...], test.operand))
        mask = np.zeros(len(values), dtype=np.bool_)
        for value in passing:
            mask |= values == value
        return ~mask if test.operator == "NOT_IN" else mask

    def _regex(self, expression: str, values: set[int]) -> set[int]:
        """The values whose string holds a match of ``expression`` (answers kept: words recur)."""
        matching, seen = self._regex_answers.setdefault(expression, (set(), set()))
        for value in values - seen:
            if re.search(expression, self._strings[value]):
                matching.add(value)
            seen.add(value)
        return values & matching


def index_rules(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the array matcher, when it reads every pattern of the ruler."""
    if RULER not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe(RULER)
    if not isinstance(ruler, AttributeRuler):
        return
    tests: list[_Test] = []
    rules = _compile(ruler, tests)
    if rules is not None:
        ruler.match = IndexedMatches(ruler, rules, tests)  # type: ignore[method-assign]


def _compile(ruler: AttributeRuler, tests: list[_Test]) -> list[_Rule] | None:
    """The ruler's rules with their tests (added to ``tests``, each once), or None when a pattern uses
    what the arrays cannot test (an operator, another attribute)."""
    strings = ruler.vocab.strings
    rules = []
    for index in range(len(ruler.attrs)):
        name = str(index)
        patterns = []
        for pattern in ruler.matcher.get(name)[1]:
            tokens = []
            for spec in pattern:
                conditions = [_test(attr, value) for attr, value in spec.items()]
                if not conditions or any(c is None for c in conditions):
                    return None
                tokens.append(tuple(_index(cast(_Test, c), tests) for c in conditions))
            if not tokens:
                return None
            patterns.append(tuple(tokens))
        rules.append(_Rule(index, strings[name], tuple(patterns)))
    return rules


def _index(test: _Test, tests: list[_Test]) -> int:
    if test not in tests:
        tests.append(test)
    return tests.index(test)


def _test(attr: str, value: object) -> _Test | None:
    """The array test of one attribute's condition, or None for one the matcher reads otherwise."""
    if attr not in _COLUMNS:
        return None
    column = _COLUMNS.index(attr)
    if isinstance(value, bool):
        return _Test(column, "==", int(value)) if attr == "IS_SPACE" else None
    if isinstance(value, str) and attr != "IS_SPACE":
        return _Test(column, "==", get_string_id(value))
    if not isinstance(value, dict) or len(value) != 1 or attr == "IS_SPACE":
        return None
    ((operator, operand),) = value.items()
    if operator == "REGEX" and isinstance(operand, str):
        return _Test(column, operator, operand)
    if operator in _SETS and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
        return _Test(column, operator, tuple(sorted({get_string_id(v) for v in operand})))
    return None
