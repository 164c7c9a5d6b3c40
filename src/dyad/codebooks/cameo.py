"""CAMEO codes (names, Goldstein, QuadClass), the CAMEO -> PLOVER crosswalk and dyad's predicate lexicon.

Package data files, loaded once:

- ``cameo_codes.tsv``: every CAMEO code of GDELT's Goldstein table, with its name and QuadClass (GDELT's
  convention: roots 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20
  material conflict). Names of 163-166 follow the CAMEO manual, as PETRARCH-2's dictionary (sanctions:
  163) and the PLOVER crosswalk do; GDELT's name table shifts them (163 "Halt negotiations").
- ``cameo_plover.tsv``: PLOVER type, mode and context per CAMEO code, after the 2021 crosswalk. Root 02
  (appeals) is not in that table; PLOVER's REQUEST merges CAMEO 02 and 10, so 02 codes take the row of
  their 10 analogue. Root 01 (statements) has no PLOVER type.
- ``cameo_lexicon.tsv``: our verbs and nominal predicates, written for dependency parses.
- ``act_nouns.tsv``: act nouns derived from our coded verbs ("deportation" < "deport"), coded as the verb.
- ``cameo_intents.tsv``: the act each intent code (root 03) intends, for acts a verb pattern codes as intents.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dyad.errors import CodebookError
from dyad.model import Plover

FRAMES = ("", "report", "appeal", "intent", "deny", "light")
PREDICATE_POS = ("VERB", "NOUN", "ADJ")
VIOLENT_ROOTS = ("18", "19", "20")  # assault, fight, unconventional mass violence


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One predicate: a lemma with its part of speech and optional particle, and what it means."""

    lemma: str
    pos: str
    particle: str
    target_preps: tuple[str, ...]
    frame: str
    cameo: str | None  # None: frame-only word (say, vow, hold ...), no event by itself


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("dyad.codebooks").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def codes() -> dict[str, CameoCode]:
    """Every CAMEO code by code string ("111", "0841", ...)."""
    table: dict[str, CameoCode] = {}
    for line, row in enumerate(_rows("cameo_codes.tsv"), start=2):
        code = row["code"]
        if code in table:
            raise CodebookError(f"duplicate CAMEO code {code}", where=f"cameo_codes.tsv:{line}")
        try:
            table[code] = CameoCode(code, row["name"], float(row["goldstein"]), int(row["quad_class"]))
        except ValueError as exc:
            raise CodebookError(f"bad row for {code}: {exc}", where=f"cameo_codes.tsv:{line}") from exc
    return table


def code(value: str) -> CameoCode:
    """The code ``value``; raises :class:`CodebookError` when it is not a CAMEO code."""
    found = codes().get(value)
    if found is None:
        raise CodebookError(f"unknown CAMEO code {value!r}")
    return found


@lru_cache(maxsize=1)
def plover_table() -> dict[str, Plover]:
    table: dict[str, Plover] = {}
    for line, row in enumerate(_rows("cameo_plover.tsv"), start=2):
        if row["cameo"] in table or row["cameo"] not in codes():
            raise CodebookError(f"duplicate or unknown code {row['cameo']}", where=f"cameo_plover.tsv:{line}")
        table[row["cameo"]] = Plover(row["type"], row["mode"] or None, row["context"] or None)
    return table


def plover(cameo: str) -> Plover | None:
    """PLOVER type/mode/context for a CAMEO code: its own row, else its parent's (``0841`` -> ``084``)."""
    table = plover_table()
    for prefix in (cameo, cameo[:3], cameo[:2] + "0", cameo[:2]):
        if prefix in table:
            return table[prefix]
    return None


def plover_event(cameo: str, modality: str, negated: bool) -> Plover | None:
    """PLOVER coding of an event, after PLOVER's own definitions of AGREE, THREATEN and REJECT.

    The CAMEO code names the action; PLOVER types the event: refusing cooperation is REJECT, a promised,
    planned or conditional cooperative act is AGREE, a promised or conditional hostile act is THREATEN.
    """
    base = plover(cameo)
    if base is None:
        return None
    quad = code(cameo).quad_class
    if negated and quad in (1, 2) and cameo[:2] not in ("01", "02"):
        return Plover("REJECT", None, base.context)
    if modality != "asserted" and not negated:
        if quad in (1, 2) and cameo[:2] not in ("02", "03"):
            return Plover("AGREE", None, base.context)
        if quad in (3, 4) and cameo[:2] not in ("10", "11", "12", "13"):
            return Plover("THREATEN", None, base.context)
    return base


@lru_cache(maxsize=1)
def intended_acts() -> dict[str, str]:
    """The act each CAMEO intent code (root 03) intends (``0332`` -> ``072``), where it has one."""
    table: dict[str, str] = {}
    for line, row in enumerate(_rows("cameo_intents.tsv"), start=2):
        intent, act = row["intent"], row["act"]
        if intent in table or not intent.startswith("03") or act.startswith("03"):
            raise CodebookError(f"duplicate or misplaced intent {intent}", where=f"cameo_intents.tsv:{line}")
        if intent not in codes() or act not in codes():
            raise CodebookError(f"unknown CAMEO code in {intent} -> {act}", where=f"cameo_intents.tsv:{line}")
        table[intent] = act
    return table


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str, str], LexiconEntry]:
    """Predicate entries keyed by (lemma, pos, particle)."""
    table: dict[tuple[str, str, str], LexiconEntry] = {}
    for line, row in enumerate(_rows("cameo_lexicon.tsv"), start=2):
        where = f"cameo_lexicon.tsv:{line}"
        key = (row["lemma"], row["pos"], row["particle"])
        cameo = None if row["cameo"] == "-" else row["cameo"]
        if key in table:
            raise CodebookError(f"duplicate lexicon entry {key}", where=where)
        if row["pos"] not in PREDICATE_POS or row["frame"].replace("-", "") not in FRAMES:
            raise CodebookError(f"bad part of speech or frame in {key}", where=where)
        if cameo is not None and cameo not in codes():
            raise CodebookError(f"unknown CAMEO code {cameo} for {key}", where=where)
        if cameo is None and row["frame"].replace("-", "") == "":
            raise CodebookError(f"{key} has neither a code nor a frame", where=where)
        preps = () if row["target"] == "-" else tuple(p for p in row["target"].split(",") if p)
        frame = row["frame"].replace("-", "")
        table[key] = LexiconEntry(row["lemma"], row["pos"], row["particle"], preps, frame, cameo)
    _add_act_nouns(table)
    return table


# The patient of a deverbal act noun ("the deportation of migrants"), besides its verb's own targets.
ACT_NOUN_PREPS = ("of",)


def _add_act_nouns(table: dict[tuple[str, str, str], LexiconEntry]) -> None:
    """Nominal entries for the act nouns of ``act_nouns.tsv``, coded as their verbs are."""
    for line, row in enumerate(_rows("act_nouns.tsv"), start=2):
        verb = table.get((row["verb"], "VERB", ""))
        key = (row["noun"], "NOUN", "")
        if verb is None or verb.cameo is None or verb.frame or key in table:
            raise CodebookError(
                f"{key}: no coded verb {row['verb']!r}, or already an entry", where=f"act_nouns.tsv:{line}"
            )
        preps = (*verb.target_preps, *(p for p in ACT_NOUN_PREPS if p not in verb.target_preps))
        table[key] = LexiconEntry(row["noun"], "NOUN", "", preps, "", verb.cameo)
