"""The ``dyad_dates`` component: every DATE entity resolved against the publication date.

Relative expressions are resolved by rule ("Wednesday", "last week", "this month", "last year", "three days
ago"); weekdays take their direction from the tense of the verb they modify ("talks that begin Wednesday"
is after publication, "said Friday" before). Explicit dates go to ``dateparser`` with the publication date
as ``RELATIVE_BASE`` (never ``search_dates`` over raw text), but for the plain shapes ("May 21, 2019", "June
12"), read here as dateparser reads them. Vague spans ("recent months") keep value None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyad.model import DateRef, Direction, Granularity
from dyad.nlp.article_context import published_date

_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "a": 1, "an": 1, "several": None, "few": None, "a few": None}  # fmt: skip
_VAGUE = re.compile(
    r"\b(recent|recently|coming|past few|years?|months?|weeks?|days?|decades?|centur(y|ies)|era|time)\b"
)
_AGO = re.compile(r"^(?P<n>\d+|[a-z]+) (?P<unit>day|week|month|year)s? ago$")
_LAST_N = re.compile(r"^(the )?(past|last|next|coming) (?P<n>\d+|[a-z]+) (?P<unit>day|week|month|year)s$")
_YEAR = re.compile(r"^(in )?(?P<y>(19|20)\d\d)$")
_MONTH_YEAR = re.compile(r"^(?P<m>[a-z]+)\.? (of )?(?P<y>(19|20)\d\d)$")
_DURATION = re.compile(
    r"\b\d+(\.\d+)?[- ]?(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(y|ies))\b"
)
_COUNT = re.compile(r"\d{1,3}|(19|20)\d\d ?s")
# The plain explicit dates: "may 21", "21 may 2019", "tuesday may 21 2019" (a weekday only beside a year).
_NAMED_DAY = re.compile(
    r"^(?:(?P<weekday>[a-z]+) (?=\S+ \S+ \d{4}$))?"
    r"(?:(?P<month>[a-z]+) (?P<day>\d{1,2})|(?P<day_first>\d{1,2}) (?P<month_after>[a-z]+))"
    r"(?: (?P<year>(?:19|20)\d\d))?$"
)
_FUTURE_AUX = frozenset(
    {"will", "would", "shall", "'ll", "going", "plan", "plans", "scheduled", "due", "expected"}
)


@Language.component("dyad_dates")
def dyad_dates(doc: Doc) -> Doc:
    published = published_date(doc)
    dates = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            dates.append(resolve(ent, published))
    doc._.dyad_dates = dates
    return doc


def tense(span: Span) -> Direction:
    """Past, future or present from the verb the date expression modifies."""
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # Token objects are not unique
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "unknown"
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return "future"
    if verb.tag_ in ("VBD", "VBN") or aux & {"did", "was", "were", "had", "has", "have"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "future"  # present tense with a date: scheduled ("talks that begin Wednesday")
    return "unknown"


def resolve(span: Span, published: dt.date | None) -> DateRef:
    text = span.text
    lower = " ".join(text.lower().replace(",", " ").split())
    lower = re.sub(
        r"^(the|this past|on|in|by|since|until) ",
        lambda m: "" if m.group(1) != "this past" else "last ",
        lower,
    )
    value, granularity, direction = _rule(lower, span, published)
    return DateRef(text, span.start_char, span.end_char, value, granularity, direction)


def _rule(lower: str, span: Span, base: dt.date | None) -> tuple[str | None, Granularity, Direction]:
    if lower in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return (base.isoformat() if base else None), "day", "present"
    if lower == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat() if base else None, "day", "past"
    if lower == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat() if base else None, "day", "future"
    words = lower.split()
    if lower in _WEEKDAYS or (
        len(words) == 2 and words[1] in _WEEKDAYS and words[0] in ("last", "next", "this")
    ):
        day = _WEEKDAYS[words[-1]]
        named: dict[str, Direction] = {"last": "past", "next": "future"}
        direction: Direction = named.get(words[0], "unknown") if len(words) == 2 else "unknown"
        if direction == "unknown":
            direction = tense(span)
        if base is None:
            return None, "day", direction
        if day == base.weekday() and len(words) == 1:
            # News names the publication day itself by its weekday ("said Monday" in Monday's paper).
            return base.isoformat(), "day", "present"
        if direction == "past":
            delta = (base.weekday() - day) % 7 or 7
            return (base - dt.timedelta(days=delta)).isoformat(), "day", "past"
        delta = (day - base.weekday()) % 7 or 7
        return (base + dt.timedelta(days=delta)).isoformat(), "day", "future"
    relative = _relative_unit(lower, base)
    if relative is not None:
        return relative
    m = _AGO.match(lower)
    if m and base is not None:
        n = _number(m.group("n"))
        unit = m.group("unit")
        if n is not None:
            return _shift(base, unit, -n), _granularity(unit), "past"
    m = _LAST_N.match(lower)
    if m and base is not None:
        n = _number(m.group("n"))
        unit = m.group("unit")
        if n is not None:
            if m.group(2) in ("past", "last"):
                return f"{_shift_day(base, unit, -n)}/{base.isoformat()}", _granularity(unit), "past"
            return f"{base.isoformat()}/{_shift_day(base, unit, n)}", _granularity(unit), "future"
    m = _YEAR.match(lower)
    if m:
        year = int(m.group("y"))
        return str(year), "year", _compare(year, base.year if base else None)
    m = _MONTH_YEAR.match(lower)
    if m and m.group("m") in _MONTHS:
        month, year = _MONTHS[m.group("m")], int(m.group("y"))
        return (
            f"{year:04d}-{month:02d}",
            "month",
            _compare((year, month), (base.year, base.month) if base else None),
        )
    if lower in _MONTHS:
        return _bare_month(_MONTHS[lower], span, base)
    if _VAGUE.search(lower) and not re.search(r"\d", lower):
        return None, "vague", _vague_direction(lower, span)
    if _DURATION.search(lower) or _COUNT.fullmatch(lower):
        # An age, a duration or a count ("83 years later", "10 years", "30-year", "75") is no date.
        return None, "vague", _vague_direction(lower, span)
    return _parse(lower, span, base)


def _relative_unit(lower: str, base: dt.date | None) -> tuple[str | None, Granularity, Direction] | None:
    m = re.match(
        r"^(last|this|next|earlier this|later this|the previous|the coming) (week|month|year)$", lower
    )
    if not m:
        return None
    which, unit = m.group(1), m.group(2)
    offset = {"last": -1, "the previous": -1, "next": 1, "the coming": 1}.get(which, 0)
    direction: Direction = "past" if offset < 0 else "future" if offset > 0 else "present"
    if which == "earlier this":
        direction = "past"
    elif which == "later this":
        direction = "future"
    if base is None:
        return None, _granularity(unit), direction
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", "week", direction
    if unit == "month":
        month_index = base.year * 12 + base.month - 1 + offset
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month", direction
    return str(base.year + offset), "year", direction


def _bare_month(month: int, span: Span, base: dt.date | None) -> tuple[str | None, Granularity, Direction]:
    """ "in October": the nearest such month before publication for past tense, else the next one."""
    direction = tense(span)
    if base is None:
        return None, "month", direction
    if month == base.month:
        return f"{base.year:04d}-{month:02d}", "month", "present"
    if direction == "future":
        year = base.year if month > base.month else base.year + 1
    else:
        direction = "past"
        year = base.year if month < base.month else base.year - 1
    return f"{year:04d}-{month:02d}", "month", direction


def _parse(lower: str, span: Span, base: dt.date | None) -> tuple[str | None, Granularity, Direction]:
    """Explicit dates ("April 5", "5 March 2019") through dateparser, anchored on the publication date."""
    direction = tense(span)
    named = _named_day(lower, base, direction == "future")
    if named is not None:
        return named.isoformat(), "day", _compare(named, base)
    import dateparser  # slow to import: only the dates _named_day leaves need it

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
        settings["PREFER_DATES_FROM"] = "future" if direction == "future" else "past"
    parsed = dateparser.parse(lower, languages=["en"], settings=settings)
    if parsed is None:
        return None, "vague", direction
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", lower)) and not re.fullmatch(r"(19|20)\d\d", lower)
    if has_day:
        day = parsed.date()
        return day.isoformat(), "day", _compare(day, base)
    return (
        f"{parsed.year:04d}-{parsed.month:02d}",
        "month",
        _compare((parsed.year, parsed.month), (base.year, base.month) if base else None),
    )


def _named_day(lower: str, base: dt.date | None, future: bool) -> dt.date | None:
    """The day a plain explicit date names, as dateparser reads it (about a millisecond a call there, and
    half the dates it was asked are of these shapes): a weekday beside a year is not checked; a day without
    a year is the nearest such day on or before publication, or after it for a ``future`` tense. None for
    any other shape, a day no calendar has, or a day without year and no publication date: dateparser's.
    ``tests/test_dates.py`` checks both read the same."""
    m = _NAMED_DAY.match(lower)
    if m is None or (m.group("weekday") is not None and m.group("weekday") not in _WEEKDAYS):
        return None
    month = _MONTHS.get(m.group("month") or m.group("month_after"))
    day = int(m.group("day") or m.group("day_first"))
    if month is None:
        return None
    if m.group("year") is not None:
        try:
            return dt.date(int(m.group("year")), month, day)
        except ValueError:
            return None
    if base is None:
        return None
    # The nearest year with such a day (February 29 comes every four years, a century's at most eight).
    for year in range(base.year, base.year + 9) if future else range(base.year, base.year - 9, -1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if (found > base) if future else (found <= base):
            return found
    return None


def _compare(value: object, base: object) -> Direction:
    if base is None:
        return "unknown"
    if value < base:  # type: ignore[operator]
        return "past"
    if value > base:  # type: ignore[operator]
        return "future"
    return "present"


def _vague_direction(lower: str, span: Span) -> Direction:
    if re.search(r"\b(recent|recently|past|last|ago|earlier)\b", lower):
        return "past"
    if re.search(r"\b(coming|next|future)\b", lower):
        return "future"
    return tense(span)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def _granularity(unit: str) -> Granularity:
    return {"day": "day", "week": "week", "month": "month", "year": "year"}.get(unit, "vague")  # type: ignore[return-value]


def _shift(base: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return (base + dt.timedelta(weeks=n)).isoformat()
    if unit == "month":
        index = base.year * 12 + base.month - 1 + n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return str(base.year + n)


def _shift_day(base: dt.date, unit: str, n: int) -> str:
    """The day ``n`` units from ``base`` (a range end: "the past six months" runs day to day)."""
    if unit in ("day", "week"):
        return _shift(base, unit, n)
    months = n * (12 if unit == "year" else 1)
    index = base.year * 12 + base.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(base.day, calendar.monthrange(year, month)[1])).isoformat()
