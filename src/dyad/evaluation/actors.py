"""`dyad eval actors`: mention-in-context actor resolution scored against gold.

Gold (``gold/actors.jsonl``, our own sentences): one mention per line, ``{"text", "published", "mention",
"start", "end", "country", "sector"}`` (null country or sector where none applies). Each text is run through
the pipeline once; the actor :func:`dyad.nlp.actors.actor_for` returns for the mention's span is scored on
country, sector and both (accuracy; a missing actor counts as wrong unless the gold is null/null).

The seed check (``$DYAD_SHARED/gold/dev/seed/seed.gold.json``) reads the seed's 13 actors: every occurrence of
each mention (and of a person's surname) in the seed text must resolve to the gold country and sector; a
gold country list ("US and Chinese defense chiefs") must be covered by the actors of that mention; and
our annotation of the seed's pronouns (``gold/seed.pronouns.jsonl``: offsets and the pronoun) must resolve
to the antecedent's country and sector.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dyad.errors import EvaluationError
from dyad.nlp.actors import actor_for, actors_for
from dyad.nlp.pipeline import ModelName, load_pipeline

# Later components (quotes, events, issues) do not change actors: skip them while scoring.
_LATER = ("dyad_quotes", "dyad_events", "dyad_issues")


@dataclass(frozen=True, slots=True)
class GoldMention:
    text: str
    published: str | None
    mention: str
    start: int
    end: int
    country: str | None
    sector: str | None
    where: str


@dataclass
class Score:
    """Accuracy of country, sector and both over scored mentions, with the errors."""

    total: int = 0
    country: int = 0
    sector: int = 0
    both: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: GoldMention, country: str | None, sector: str | None, name: str | None) -> None:
        self.total += 1
        ok_country, ok_sector = country == gold.country, sector == gold.sector
        self.country += ok_country
        self.sector += ok_sector
        self.both += ok_country and ok_sector
        if not (ok_country and ok_sector):
            self.errors.append(
                {
                    "where": gold.where,
                    "mention": gold.mention,
                    "gold": [gold.country, gold.sector],
                    "got": [country, sector],
                    "actor": name,
                    "text": gold.text,
                }
            )

    def summary(self) -> dict[str, Any]:
        def rate(n: int) -> float:
            return round(n / self.total, 4) if self.total else 0.0

        return {
            "mentions": self.total,
            "country": rate(self.country),
            "sector": rate(self.sector),
            "both": rate(self.both),
        }


def read_gold(path: Path) -> list[GoldMention]:
    """The mentions of a gold JSONL file; a malformed line raises :class:`EvaluationError` naming it."""
    if not path.exists():
        raise EvaluationError("no such gold file", where=str(path))
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            text = record["text"]
            mention = record["mention"]
            start = int(record.get("start", text.find(mention)))
            end = int(record.get("end", start + len(mention)))
            country, sector = record["country"], record["sector"]
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(f"bad gold record: {exc}", where=where) from exc
        if start < 0 or text[start:end] != mention:
            raise EvaluationError(f"mention {mention!r} is not at {start}-{end} of its text", where=where)
        cases.append(GoldMention(text, record.get("published"), mention, start, end, country, sector, where))
    return cases


def _process(nlp: Language, text: str, published: str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.dyad_published = published
    disabled = [name for name in _LATER if name in nlp.pipe_names]
    return nlp(doc, disable=disabled)


def evaluate(cases: Iterable[GoldMention], *, model: ModelName = "md") -> Score:
    nlp = load_pipeline(model)
    by_text: dict[tuple[str, str | None], list[GoldMention]] = defaultdict(list)
    for case in cases:
        by_text[(case.text, case.published)].append(case)
    score = Score()
    for (text, published), group in by_text.items():
        doc = _process(nlp, text, published)
        for case in group:
            actor = actor_for(doc, case.start, case.end)
            score.add(
                case,
                actor.country if actor else None,
                actor.sector if actor else None,
                actor.name if actor else None,
            )
    return score


# -- the seed -------------------------------------------------------------------------------------------


@dataclass
class SeedCheck:
    """One seed gold actor and whether every checked mention of it resolved right."""

    name: str
    country: str | list[str] | None
    sector: str | None
    checked: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.checked > 0 and not self.wrong

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "mentions_checked": self.checked,
            "ok": self.ok,
            "wrong": self.wrong,
        }


def evaluate_seed(path: Path, pronouns: Path | None = None, *, model: ModelName = "md") -> list[SeedCheck]:
    """Check the seed gold's actors (see the module docstring)."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["article"]).resolve().read_text(encoding="utf-8")
        published = gold.get("published")
        actors = gold["actors"]
    except (OSError, ValueError, KeyError) as exc:
        raise EvaluationError(f"cannot read the seed gold: {exc}", where=str(path)) from exc
    doc = _process(load_pipeline(model), text, published)
    checks = []
    for entry in actors:
        check = SeedCheck(entry["name"], entry["country"], entry["sector"])
        forms = {entry["mention"]}
        if "role" in entry and " " in entry["name"]:
            forms.add(entry["name"].split()[-1])  # every "Blinken", "Biden", "Yellen"
        for form in forms:
            for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                _check_span(doc, check, match.start(), match.end(), form)
        checks.append(check)
    if pronouns is not None:
        checks.extend(_pronoun_checks(doc, pronouns))
    return checks


def _pronoun_checks(doc: Doc, path: Path) -> list[SeedCheck]:
    """Our annotation of the seed's pronouns (offsets and a check snippet): each must resolve like its
    antecedent."""
    checks: dict[str, SeedCheck] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            start, end = int(record["start"]), int(record["end"])
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(f"bad pronoun record: {exc}", where=f"{path}:{number}") from exc
        if doc.text[start:end] != record["check"]:
            raise EvaluationError("offsets do not match the seed text", where=f"{path}:{number}")
        name = f"{record['name']} (pronouns)"
        check = checks.setdefault(name, SeedCheck(name, record["country"], record["sector"]))
        _check_span(doc, check, start, end, record["check"])
    return list(checks.values())


def _check_span(doc: Doc, check: SeedCheck, start: int, end: int, form: str) -> None:
    check.checked += 1
    if isinstance(check.country, list):
        found = {(a.country, a.sector) for a in actors_for(doc, start, end)}
        wanted = {(c, check.sector) for c in check.country}
        if not wanted <= found:
            check.wrong.append(f"{form}@{start}: got {sorted(map(str, found))}")
        return
    actor = actor_for(doc, start, end)
    got = (actor.country, actor.sector) if actor else (None, None)
    if got != (check.country, check.sector):
        check.wrong.append(f"{form}@{start}: got {got[0]}/{got[1]}")
