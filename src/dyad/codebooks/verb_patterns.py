"""Verb patterns at field scale: PETRARCH-2's CAMEO verb dictionary turned into dyad's own compact table.

PETRARCH-2's ``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) groups verbs into blocks that share a default
code and a list of patterns; a pattern names what must surround the verb (``*``) for a more specific code:
a particle (``SET OFF``), an object noun (``* SANCTIONS``), a noun phrase in braces (``{ARMS SHIPMENT}``), a
prepositional phrase (``(TO BORDER)``), synonym sets (``&WEAPON``) and actor slots (``$`` source, ``+``
target, ``%`` compound, ``^`` skip). :func:`build` reads that file and writes ``verb_patterns.tsv``: one row
per verb lemma and pattern with synonym sets expanded, keeping only what a dependency parse can check
(particle, object head and its modifier, one preposition and its object's head). Patterns that constrain
the words before the verb (``&MILITARY * EXERCISES``) are left out: the subject's words are an actor
question, not a verb one. ``[042:043]`` (a visit and its hosting) keeps both codes, forward and reverse.
A block's verbs are loose synonyms ("rule" beside "order", "dismiss" beside "export"): a pattern holds for
the verb its comment names (TABARI's verb it was written for), and a verb's own code (``DISMISS [110]``)
is its default before the block's.

dyad's own patterns (``verb_patterns_dyad.tsv``, same columns) are merged in: where one names the same
context as PETRARCH's it replaces it, else it is added (listings and designations the 2.0 dictionary lacks).

Run ``python -m dyad.codebooks.verb_patterns ../shared/codebooks/petrarch/CAMEO.2.0.txt`` to rebuild the
table; :func:`patterns` loads it. Only facts (lemmas, words, codes) are kept: see ``NOTICE``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.codebooks._tables import rows, split
from dyad.codebooks.cameo import codes
from dyad.errors import CodebookError

TABLE = "verb_patterns.tsv"
OWN = "verb_patterns_dyad.tsv"
SYNONYMS = "verb_synonyms.tsv"
OWN_SYNONYMS = "verb_synonyms_dyad.tsv"
COLUMNS = ("lemma", "particle", "object", "prep", "prep_object", "code", "reverse")
_PARTICLE_WORDS = "up down out off away back forward aside over in on through around together apart behind"
_PREPOSITION_WORDS = (
    "for in of to against with from on into by as over at under during toward towards after out between "
    "about behind through off before up aside along upon until"
)
PARTICLES = frozenset(_PARTICLE_WORDS.split())
PREPOSITIONS = frozenset(_PREPOSITION_WORDS.split())
SLOTS = frozenset("$+%^")
NO_EVENT = "---"
_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
# A block's header: "---  FREEZE   [---]  ---"; four are written "[180]---  ---", with no space.
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([0-9-]*)(?::([0-9]*))?\]")


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One pattern of one verb lemma: every non-empty field must be found around the verb."""

    lemma: str
    particle: str
    object: str  # "head" or "modifier head"
    prep: str
    prep_object: str
    code: str  # CAMEO code, or "---": this reading is no event
    reverse: str  # code of the event from target to source ("" when none)

    @property
    def weight(self) -> int:
        """How specific the pattern is: the number of words it demands besides the verb."""
        return sum(bool(f) for f in (self.particle, self.prep, self.prep_object)) + len(self.object.split())


# -- reading PETRARCH's format -------------------------------------------------------------------------


def _synonyms(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.lstrip().startswith("#"):
            continue  # a comment inside a set ("&CURRENCY" opens with one) does not end it
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = sets.setdefault(text, [])
        elif text.startswith("+") and current is not None:
            current.append(_word(text[1:]))
        elif not text:
            current = None
    return sets


def _word(raw: str) -> str:
    """PETRARCH spells multi-word forms with ``_`` and marks words not to inflect with a trailing one."""
    return " ".join(w for w in raw.lower().split("_") if w)


def _alternatives(item: str, synonyms: dict[str, list[str]]) -> list[str]:
    """A word, or a synonym set by name (``&weapon``) when the dictionary defines it."""
    if item.startswith("&"):
        return [item.lower()] if item in synonyms else []
    return [_word(item)]


def _groups(tokens: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Top-level items of a pattern side: ("word", [w]), ("brace", words) or ("paren", tokens)."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("(", "{"):
            close = ")" if token == "(" else "}"
            depth, j = 0, i
            while j < len(tokens):
                depth += tokens[j] in ("(", "{")
                depth -= tokens[j] in (")", "}")
                if depth == 0:
                    break
                j += 1
            inner = [t for t in tokens[i + 1 : j] if t not in ("{", "}")]
            yield ("paren" if close == ")" else "brace"), inner
            i = j + 1
        else:
            yield "word", [token]
            i += 1


def _heads(words: list[str], synonyms: dict[str, list[str]]) -> list[str]:
    """Every "modifier head" reading of a phrase's words (its last two content words), slots left out."""
    content = [w for w in words if w not in SLOTS]
    if not content:
        return [""]
    head = _alternatives(content[-1], synonyms)
    modifiers = _alternatives(content[-2], synonyms) if len(content) > 1 else [""]
    found = []
    for h in head:
        h = h.split()[-1]
        for m in modifiers:
            m = m.split()[-1] if m else ""
            found.append(f"{m} {h}".strip())
    return found


def _readings(post: list[str], synonyms: dict[str, list[str]]) -> Iterator[tuple[str, str, str, str]]:
    """(particle, object, prep, prep_object) readings of the words after the verb."""
    particle, objects, prep, prep_objects = "", [""], "", [""]
    seen_object = False
    groups = list(_groups(post))
    if groups and groups[0][0] == "word" and groups[0][1][0].lower() in PARTICLES:
        particle = groups.pop(0)[1][0].lower()
    noun: list[str] = []
    for kind, words in groups:
        if kind == "paren":
            if not prep and words and words[0].lower() in PREPOSITIONS:
                prep = words[0].lower()
                prep_objects = _heads(words[1:], synonyms)
            if noun:
                seen_object = True
        elif not seen_object and not (kind == "word" and words[0] in SLOTS):
            noun.extend(words)
        elif noun:
            seen_object = True
    if noun:
        objects = _heads(noun, synonyms)
    for obj in objects:
        for prep_object in prep_objects:
            yield particle, obj, prep, prep_object


Verb = tuple[str, str, str]  # lemma, particle, object


def _verb_line(text: str) -> Verb | None:
    """(lemma, particle, object) of a verb line; ``+SHUT_DOWN`` is "shut" with "down"."""
    word = text.split("{", 1)[0].split()[0]
    if not word.startswith("+"):
        return (_word(word), "", "") if re.fullmatch(r"[A-Z][A-Z'-]*_?", word) else None
    parts = _word(word[1:]).split()
    if len(parts) != 2:
        return None
    if parts[1] in PARTICLES or parts[1] in PREPOSITIONS:
        return parts[0], parts[1], ""
    return parts[0], "", parts[1]


def _verb_names(text: str) -> list[str]:
    """The spellings a verb line gives its verb: the word and its forms in braces (``FIND {FOUND}``)."""
    forms = text.split("{", 1)[1].split("}", 1)[0].replace(",", " ").split() if "{" in text else []
    return [w.lstrip("+").rstrip("_").upper() for w in (text.split("{", 1)[0].split()[0], *forms)]


def _own_code(text: str) -> str | None:
    """The code a verb line gives its verb alone (``DISMISS [110]`` in a block without one)."""
    found = _CODE.search(text.split("{", 1)[0] + text.split("}", 1)[-1] if "{" in text else text)
    return found.group(1) if found is not None and not found.group(2) else None


def _written_for(line: str, named: dict[str, Verb], verbs: list[Verb]) -> list[Verb]:
    """The verbs a pattern line is for. The dictionary gathers TABARI's verbs into blocks of synonyms, and
    each pattern's comment still names the verb it was written for (``- * GUILTY [173] # FOUND``): a
    pattern holds for that verb only ("rule" takes none of "order"'s patterns, "dismiss" none of
    "export"'s); one whose comment names no verb of its block holds for all of them."""
    comment = line.split("#", 1)[1].split() if "#" in line else []
    verb = named.get(comment[0].lstrip("+").upper()) if comment else None
    return [verb] if verb is not None else verbs


def parse(text: str) -> tuple[list[VerbPattern], dict[str, list[str]]]:
    """Every verb pattern of a PETRARCH-2 verb dictionary (duplicates dropped) and its synonym sets."""
    lines = text.splitlines()
    synonyms = _synonyms(lines)
    start = next((i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS")), None)
    if start is None:
        raise CodebookError("no '####### VERB PATTERNS' section", where="CAMEO verb dictionary")
    found: dict[tuple[str, ...], VerbPattern] = {}
    verbs: list[Verb] = []
    named: dict[str, Verb] = {}
    in_patterns = False
    for number, line in enumerate(lines[start + 1 :], start=start + 2):
        text_line = line.split("#", 1)[0].rstrip()
        block = _BLOCK.match(text_line)
        if block:
            verbs, named, in_patterns = [], {}, False
            default = block.group(2)
            pending_default: str | None = None if default == "---" else default
            continue
        if not text_line.strip():
            continue
        if text_line.startswith("-"):
            if not in_patterns:
                in_patterns = True
                _defaults(found, verbs, pending_default)
            _pattern(found, _written_for(line, named, verbs), text_line, synonyms, number)
        elif not in_patterns:
            verb = _verb_line(text_line.strip())
            if verb is not None:
                verbs.append(verb)
                named.update(dict.fromkeys(_verb_names(text_line.strip()), verb))
                # A verb's own code comes before its block's: the first reading of a context wins.
                _defaults(found, [verb], _own_code(text_line) or pending_default)
    sets = {name.lower(): sorted({w.split()[-1] for w in words}) for name, words in synonyms.items() if words}
    return list(found.values()), sets


def _defaults(found: dict[tuple[str, ...], VerbPattern], verbs: list[Verb], code: str | None) -> None:
    if code is None or not (code.isdigit() or code == NO_EVENT):
        return
    for lemma, particle, obj in verbs:
        _add(found, VerbPattern(lemma, particle, obj, "", "", code, ""))


def _pattern(found: dict[tuple[str, ...], VerbPattern], verbs: list[Verb], line: str,
             synonyms: dict[str, list[str]], number: int) -> None:  # fmt: skip
    codes = _CODE.search(line)
    if codes is None:
        return  # a pattern without a code (a few in the file) says nothing
    forward, reverse = codes.group(1), codes.group(2) or ""
    forward_ok = forward.isdigit() or forward == NO_EVENT or (forward == "" and reverse.isdigit())
    if not forward_ok or (reverse and not reverse.isdigit()):
        raise CodebookError(f"bad code {codes.group(0)}", where=f"CAMEO verb dictionary:{number}")
    body = _TOKEN.findall(line[1 : codes.start()])
    if "*" not in body:
        return
    star = body.index("*")
    if any(t not in SLOTS for t in body[:star]):
        return  # constrains the subject's words
    for lemma, verb_particle, verb_object in verbs:
        for particle, obj, prep, prep_object in _readings(body[star + 1 :], synonyms):
            if verb_particle and particle and particle != verb_particle:
                continue
            pattern = VerbPattern(
                lemma, verb_particle or particle, obj or verb_object, prep, prep_object, forward, reverse
            )
            _add(found, pattern)


def _add(found: dict[tuple[str, ...], VerbPattern], pattern: VerbPattern) -> None:
    key = (pattern.lemma, pattern.particle, pattern.object, pattern.prep, pattern.prep_object)
    found.setdefault(key, pattern)  # the dictionary's first reading of a context wins


# PETRARCH-2 writes CAMEO 1.1b3's numbering of statements: 016 denies responsibility, 018 is an empathetic
# comment, 019 accord. GDELT's table, which dyad's codes and our gold follow, numbers them 127 (reject
# accusation, deny responsibility), 016 and 018: read unchanged, "denied the charges" was a statement of
# sympathy. (Its other roots hold the same acts; some leaves under 12 and 16 differ within the root.)
PETRARCH_CODES = {"016": "127", "018": "016", "019": "018"}


def _known(value: str, known: Mapping[str, object]) -> str:
    """``value`` in dyad's numbering, or its parent where GDELT's table lacks a PETRARCH-only leaf code
    ("1722" -> "172")."""
    if not value or value == NO_EVENT:
        return value
    value = PETRARCH_CODES.get(value, value)
    for candidate in (value, value[:3]):
        if candidate in known:
            return candidate
    return ""


def context(pattern: VerbPattern) -> tuple[str, ...]:
    """What a pattern demands around its verb: the key under which one reading replaces another."""
    return (pattern.lemma, pattern.particle, pattern.object, pattern.prep, pattern.prep_object)


def own_patterns() -> list[VerbPattern]:
    """dyad's own patterns, merged into the table by :func:`build`."""
    return list(_read(OWN))


@lru_cache(maxsize=1)
def own_contexts() -> frozenset[tuple[str, ...]]:
    """The contexts dyad's own patterns name: written against dyad's lexicon, they refine its entries."""
    return frozenset(context(p) for p in own_patterns())


def _read(name: str) -> Iterator[VerbPattern]:
    """The patterns of a table in the package, each code checked against CAMEO's."""
    known = codes()
    for number, fields in rows(name, len(COLUMNS)):
        if fields[0] == "lemma":
            continue
        pattern = VerbPattern(*fields)
        for value in (pattern.code, pattern.reverse):
            if value and value != NO_EVENT and value not in known:
                raise CodebookError(f"unknown CAMEO code {value}", where=f"{name}:{number}")
        yield pattern


def build(source: Path, target: Path) -> int:
    """Write the table of ``source``'s patterns to ``target``; returns the number of rows."""
    from dataclasses import replace

    known = codes()
    found = []
    parsed, sets = parse(source.read_text(encoding="utf-8"))
    own = {context(p): p for p in own_patterns()}
    for pattern in parsed:
        if context(pattern) in own:
            continue
        code, reverse = _known(pattern.code, known), _known(pattern.reverse, known)
        if code or reverse:
            found.append(replace(pattern, code=code or "", reverse=reverse))
    found.extend(own.values())
    found.sort(key=lambda p: (p.lemma, p.particle, p.object, p.prep, p.prep_object))
    header = [
        "# Verb patterns derived by dyad.codebooks.verb_patterns from PETRARCH-2's CAMEO.2.0.txt",
        "# (MIT, Open Event Data Alliance; see NOTICE), dyad's own verb_patterns_dyad.tsv merged over them.",
        "# Facts only: lemma, context words, CAMEO codes.",
        "# code '---': the context makes the verb no event; reverse: code of the target's act on the source.",
        "\t".join(COLUMNS),
    ]
    body = [
        "\t".join((p.lemma, p.particle, p.object, p.prep, p.prep_object, p.code, p.reverse)) for p in found
    ]
    target.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    synonyms = [f"{name}\t{'|'.join(words)}" for name, words in sorted(sets.items())]
    target.with_name(SYNONYMS).write_text(
        "\n".join([header[0], "# Synonym sets named in the patterns (&name): their head words.", *synonyms])
        + "\n",
        encoding="utf-8",
    )
    return len(found)


@lru_cache(maxsize=1)
def patterns() -> dict[str, tuple[VerbPattern, ...]]:
    """The shipped patterns by verb lemma, most specific first."""
    table: dict[str, list[VerbPattern]] = {}
    for pattern in _read(TABLE):
        table.setdefault(pattern.lemma, []).append(pattern)
    return {lemma: tuple(sorted(found, key=lambda p: -p.weight)) for lemma, found in table.items()}


@lru_cache(maxsize=1)
def synonym_sets() -> dict[str, frozenset[str]]:
    """The synonym sets the patterns name (``&weapon`` -> its head words): PETRARCH's, and dyad's own
    (``verb_synonyms_dyad.tsv``, same columns) for the sets its own patterns name."""
    sets: dict[str, frozenset[str]] = {}
    for table in (SYNONYMS, OWN_SYNONYMS):
        for _, (name, words) in rows(table, 2):
            sets[name] = sets.get(name, frozenset()) | frozenset(split(words))
    return sets


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: python -m dyad.codebooks.verb_patterns CAMEO.2.0.txt [OUT.tsv]", file=sys.stderr)
        return 2
    out = Path(argv[1]) if len(argv) == 2 else Path(__file__).with_name(TABLE)
    print(f"{build(Path(argv[0]), out)} patterns -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
