"""Dates resolved against the publication date, with granularity and direction from tense."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from dyad.model import DateRef
from dyad.nlp.dates import _named_day


def _dates(nlp: Language, text: str, published: str | None = "2024-04-22") -> dict[str, DateRef]:
    doc = nlp.make_doc(text)
    doc._.dyad_published = published
    doc = nlp(doc, disable=["dyad_quotes", "dyad_events", "dyad_issues"])
    return {d.text: d for d in doc._.dyad_dates}


def test_weekday_direction_from_tense(nlp: Language) -> None:
    found = _dates(nlp, "The ministers will hold talks that begin Wednesday, an official said Friday.")
    assert (found["Wednesday"].value, found["Wednesday"].direction) == ("2024-04-24", "future")
    assert (found["Friday"].value, found["Friday"].direction) == ("2024-04-19", "past")


def test_relative_periods(nlp: Language) -> None:
    found = _dates(nlp, "Prices rose last week after the deal signed last year; more talks come next month.")
    assert (found["last week"].value, found["last week"].granularity) == ("2024-04-15/2024-04-21", "week")
    assert (found["last year"].value, found["last year"].granularity) == ("2023", "year")
    assert (found["next month"].value, found["next month"].direction) == ("2024-05", "future")


def test_vague_kept_vague(nlp: Language) -> None:
    found = _dates(nlp, "Tensions have grown in recent months.")
    assert found["recent months"].value is None
    assert found["recent months"].granularity == "vague"


def test_explicit_dates_and_no_publication_date(nlp: Language) -> None:
    found = _dates(nlp, "The treaty was signed on 5 March 2019.")
    assert found["5 March 2019"].value == "2019-03-05"
    unknown = _dates(nlp, "The envoy arrived on Monday.", published=None)
    assert unknown["Monday"].value is None


def test_past_n_units_is_a_day_range(nlp: Language) -> None:
    found = _dates(nlp, "He has spoken with his counterpart several times over the past six months.")
    assert found["the past six months"].value == "2023-10-22/2024-04-22"
    assert found["the past six months"].direction == "past"


def test_weekday_of_publication_is_that_day(nlp: Language) -> None:
    found = _dates(nlp, "The foreign minister said Monday that talks would resume next Monday.")
    assert (found["Monday"].value, found["Monday"].direction) == ("2024-04-22", "present")
    assert found["next Monday"].value == "2024-04-29"


def test_ages_durations_and_counts_are_no_dates(nlp: Language) -> None:
    found = _dates(nlp, "The envoy, 83, left after 10 years; 45 days ago a 30-year pact was signed in 2019.")
    for text in ("10 years", "30-year"):
        assert found[text].value is None, text
    assert all(d.value is None for t, d in found.items() if t.strip() == "83")
    assert found["45 days ago"].value == "2024-03-08" and found["2019"].value == "2019"


def test_event_dates_never_follow_publication_unless_future() -> None:
    from dyad.nlp.extract import extract

    text = "Germany imposed sanctions on Russia on Monday. Germany will impose sanctions on Iran on Friday."
    events = {e.target[0].country: e for e in extract(text, published="2024-04-24").events if e.target}
    assert events["RUS"].date is not None and events["RUS"].date <= "2024-04-24"
    assert events["IRN"].modality == "future" and events["IRN"].date == "2024-04-26"


def _dateparser_day(text: str, base: dt.date | None, future: bool) -> dt.date | None:
    """The day dateparser reads, with the settings of ``dates._parse``."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
        settings["PREFER_DATES_FROM"] = "future" if future else "past"
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


@pytest.mark.parametrize("base", [dt.date(2019, 6, 14), dt.date(2020, 2, 29), dt.date(2021, 12, 31), None])
def test_named_days_read_as_dateparser_reads_them(base: dt.date | None) -> None:
    # The shapes read without dateparser, with the days where the year's choice turns: publication day
    # itself, month ends, February 29, an impossible day; weekdays that do and do not fit the date.
    texts = ["june 14", "14 june", "december 31", "jan 1", "february 29", "feb 28", "april 31", "sep 30",
             "may 21 2019", "21 may 2019", "tuesday may 21 2019", "friday may 21 2019", "monday 2 march 2020",
             "february 29 2019", "february 29 2096", "june 05"]  # fmt: skip
    read = 0
    for text in texts:
        for future in (False, True):
            named = _named_day(text, base, future)
            if named is not None:
                read += 1
                assert named == _dateparser_day(text, base, future), (text, base, future)
    assert read >= 8  # the shapes are read here, not handed on


def test_other_shapes_left_to_dateparser() -> None:
    base = dt.date(2019, 6, 14)
    others = ("next wednesday july 31", "tuesday may 21", "may 21st 2019", "sept 3", "may 2019", "21 of may")
    for text in others:
        assert _named_day(text, base, False) is None, text
