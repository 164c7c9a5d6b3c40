"""Role nouns and the sector they give a person, for ``dyad kb build``: PETRARCH's agents dictionary.

``Phoenix.agents.txt`` (MIT) lists about 2,300 nouns and noun phrases of people and groups by what they do,
each with a CAMEO agent code: ``DETECTIVE [~COP]``, ``OPPOSITION_LEADER [~OPP]``, ``MUSLIM_CLERIC [~MUS]``,
``BUSINESS!PERSON! [~BUS]``. dyad's own role table (``roles.tsv``) makes role mentions of about 200 of them;
this table only gives a sector to a named person whose title or apposition uses a noun that table lacks
("senior detective Darren Gough", "Anicet Ekane, a 74-year-old opposition politician").

The build keeps the first code's sector as dyad reads Phoenix codes (a faith's clergy is REL) and drops
codes that are no dyad sector (criminals, unidentified armed forces) and phrases given two sectors; a
health or farming trade ("DOCTOR [~HLH]", "FARMER [~AGR]") is a private person's, CVL. Words are matched
whole (PETRARCH's few stems, such as "MINISTR", then match nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from dyad.codebooks._tables import rows, tsv_text
from dyad.codebooks.kb_facts import Drops
from dyad.codebooks.kb_phoenix import phoenix_sector

SOURCE = "agents"
AGENTS = "agent_nouns.tsv"
_LINE = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[~(?P<code>[A-Z]+)\]")
_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


def read_agents(path: Path, drops: Drops) -> dict[str, str]:
    """Lower-case phrase (words joined by spaces) -> dyad sector."""
    found: dict[str, set[str]] = {}
    for phrase, sector in _phrases(path, drops):
        found.setdefault(phrase, set()).add(sector)
    out = {}
    for phrase, sectors in found.items():
        if len(sectors) > 1:
            drops.add(SOURCE, "phrase given two sectors")
            continue
        out[phrase] = next(iter(sectors))
    return out


def _phrases(path: Path, drops: Drops) -> Iterator[tuple[str, str]]:
    substitutions: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = _SUBSTITUTION.match(line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = _LINE.match(line)
        if match is None:
            drops.add(SOURCE, "line not of the form PHRASE [~CODE]")
            continue
        sector = phoenix_sector(match.group("code"))
        if sector is None:
            drops.add(SOURCE, "code that is no dyad sector (criminal, armed, ...)")
            continue
        forms = [match.group("phrase").strip()]
        forms += [p.strip() for p in (match.group("plurals") or "").split(",") if p.strip()]
        for form in forms:
            for expanded in _expand(form, substitutions):
                yield " ".join(w for w in expanded.lower().replace("_", " ").split()), sector


def _expand(form: str, substitutions: dict[str, list[str]]) -> Iterator[str]:
    """ "BUSINESS!PERSON!" -> "BUSINESSMAN_", "BUSINESS_MAN_", ... (a substitution set stands for words)."""
    for name, words in substitutions.items():
        if name in form:
            for word in words:
                yield from _expand(form.replace(name, word + "_"), substitutions)
                yield from _expand(form.replace(name, "_" + word + "_"), substitutions)
            return
    yield form


def agents_text(agents: dict[str, str]) -> str:
    head = (
        "# Role nouns and the sector they give a named person, built by `dyad kb build` from PETRARCH's\n"
        "# Phoenix.agents.txt (MIT); see dyad.codebooks.kb_agents.\n# phrase\tsector\n"
    )
    return tsv_text(head, sorted(agents.items()))


@cache
def agent_sectors() -> dict[str, str]:
    """The shipped table: lower-case phrase -> sector."""
    return {fields[0]: fields[1] for _, fields in rows(AGENTS, 2)}
