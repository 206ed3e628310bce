"""Dates as news writes them, resolved against the day the report was published.

Precision follows UCDP's ``date_prec``: 1 the exact day, 2 a span of 2-6 days, 3 the week,
4 a span of 8-30 days or the month, 5 a longer span up to the year. A weekday ("on Friday")
is the latest such day on or before publication, because wire copy reports what has happened.
Without a publication date, relative expressions cannot be resolved and return None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUMBER_WORDS = {
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    start: dt.date
    end: dt.date
    precision: int


def resolve_date(text: str, published: dt.date | None) -> ResolvedDate | None:
    """Read one date expression ("on Friday", "last week", "June 28, 2017", "in 2014")."""
    if published is not None and (holiday := _holiday(text.lower(), published)) is not None:
        return ResolvedDate(holiday, holiday, 1)  # before months: "the Fourth of July"
    absolute = _resolve_absolute(text.lower(), published)
    if absolute is not None:
        return absolute
    if published is None:
        return None
    return _resolve_relative(text.lower().strip(), published)


def names_a_calendar_day(text: str) -> bool:
    """ "June 11", "Oct. 29", "7/16/2016": a day told by its date rather than its weekday,
    as news tells a day more than a week back."""
    lower = text.lower()
    return bool(
        re.search(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}", lower)
        or re.search(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", lower)
        or _NUMERIC_DATE.search(lower)
        or _ISO_DATE.search(lower)
    )


def _resolve_absolute(text: str, published: dt.date | None) -> ResolvedDate | None:
    day_month = re.search(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?", text
    )
    month_day = re.search(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", text
    )
    numeric = _numeric_date(text, published)
    if numeric is not None:
        return ResolvedDate(numeric, numeric, 1)
    match = day_month or month_day
    if match:
        month = _MONTHS[match.group("month")]
        day = int(match.group("day"))
        year = _year_for(match.group("year"), month, day, published)
        if year is None:
            return None
        try:
            day_date = dt.date(year, month, day)
        except ValueError:
            return None
        return ResolvedDate(day_date, day_date, 1)
    month_only = re.search(rf"\b{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b", text)
    if month_only and (month_only.group("year") or published):
        month = _MONTHS[month_only.group("month")]
        year = _year_for(month_only.group("year"), month, 1, published)
        if year is None:
            return None
        last = calendar.monthrange(year, month)[1]
        return ResolvedDate(dt.date(year, month, 1), dt.date(year, month, last), 4)
    year_only = re.fullmatch(r"(?:in |since |during )?(?P<year>(?:19|20)\d{2})", text.strip())
    if year_only:
        year = int(year_only.group("year"))
        return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), 5)
    return None


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_RECENT_DAYS = 61
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


def _numeric_date(text: str, published: dt.date | None) -> dt.date | None:
    """ "12/23/16", "2016-12-23". A day and month both 12 or under ("3/5/16") are read in
    whichever order, American or European, alone puts the day in the two months before
    publication; news tells what just happened. Otherwise such a date is no reading."""
    iso = _ISO_DATE.search(text)
    if iso:
        return _valid_date(*(int(part) for part in iso.groups()))
    match = _NUMERIC_DATE.search(text)
    if match is None:
        return None
    first, second, year_text = match.groups()
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    readings = {
        d
        for d in (
            _valid_date(year, int(first), int(second)),
            _valid_date(year, int(second), int(first)),
        )
        if d is not None
    }
    if len(readings) == 1:
        return readings.pop()
    if published is None:
        return None
    recent = [d for d in readings if 0 <= (published - d).days <= _RECENT_DAYS]
    return recent[0] if len(recent) == 1 else None


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(year: str | None, month: int, day: int, published: dt.date | None) -> int | None:
    if year:
        return int(year)
    if published is None:
        return None
    # A date without a year is the latest such date on or before publication.
    candidate = published.year
    try:
        if dt.date(candidate, month, min(day, 28)) > published:
            candidate -= 1
    except ValueError:
        return None
    return candidate


def _resolve_relative(text: str, published: dt.date) -> ResolvedDate | None:
    span = _weekday_span(text, published)
    if span is not None:
        return span
    if re.search(r"\bovernight\b", text):
        return ResolvedDate(published - dt.timedelta(days=1), published, 2)
    if re.search(r"\b(?:weekend)\b", text):
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if "last" in text.split() and saturday == published:
            saturday -= dt.timedelta(days=7)
        return ResolvedDate(saturday, min(saturday + dt.timedelta(days=1), published), 2)
    if re.search(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", text):
        return ResolvedDate(published, published, 1)
    if re.search(r"\b(?:yesterday|last night)\b", text):
        day = published - dt.timedelta(days=1)
        return ResolvedDate(day, day, 1)
    if match := re.search(r"\b(" + "|".join(_WEEKDAYS) + r")\b", text):
        back = (published.weekday() - _WEEKDAYS[match.group(1)]) % 7
        if "last" in text.split() and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
        return ResolvedDate(day, day, 1)
    if match := re.search(r"\b(\w+)\s+(day|week|month)s?\s+ago\b", text):
        count = _count(match.group(1))
        if count is not None and match.group(2) == "day":
            day = published - dt.timedelta(days=count)
            return ResolvedDate(day, day, 1)
        if count is not None:
            # "two weeks ago": about that day, so the week around it; "three months ago": the
            # month around it.
            days, half, precision = (
                (7 * count, 3, 3)
                if match.group(2) == "week"
                else (
                    30 * count,
                    15,
                    4,
                )
            )
            middle = published - dt.timedelta(days=days)
            return ResolvedDate(
                middle - dt.timedelta(days=half), middle + dt.timedelta(days=half), precision
            )
    if re.search(r"\blast week\b", text):
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return ResolvedDate(monday, monday + dt.timedelta(days=6), 3)
    if re.search(r"\bthis week\b", text):
        monday = published - dt.timedelta(days=published.weekday())
        return ResolvedDate(monday, published, 3)
    if re.search(r"\blast month\b", text):
        end = published.replace(day=1) - dt.timedelta(days=1)
        return ResolvedDate(end.replace(day=1), end, 4)
    if re.search(r"\bthis month\b", text):
        return ResolvedDate(published.replace(day=1), published, 4)
    if re.search(r"\blast year\b", text):
        year = published.year - 1
        return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), 5)
    if re.search(r"\bthis year\b", text):
        return ResolvedDate(dt.date(published.year, 1, 1), published, 5)
    if match := re.search(r"\b(?:past|last)\s+(\w+)\s+(day|week|month)s?\b", text):
        count = _count(match.group(1))
        if count is not None:
            days = count * {"day": 1, "week": 7, "month": 30}[match.group(2)]
            precision = 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 30 else 5
            return ResolvedDate(published - dt.timedelta(days=days), published, precision)
    return None


# Days news names by their feast rather than their date: (month, day), or (month, weekday,
# which one: 1st, 2nd... or -1 for the last) for those that move.
_FIXED_HOLIDAYS = {
    r"christmas eve": (12, 24),
    r"christmas(?: day)?": (12, 25),
    r"boxing day": (12, 26),
    r"new year['’]?s eve": (12, 31),
    r"new year['’]?s(?: day)?": (1, 1),
    r"valentine['’]?s day": (2, 14),
    r"halloween": (10, 31),
    r"(?:the )?fourth of july": (7, 4),
}
_MOVING_HOLIDAYS = {
    r"thanksgiving(?: day)?": (11, 3, 4),  # the fourth Thursday of November
    r"memorial day": (5, 0, -1),  # the last Monday of May
    r"labor day": (9, 0, 1),  # the first Monday of September
}


def names_a_feast(text: str) -> bool:
    """ "New Year's Eve", which spaCy tags as an event rather than a date."""
    lowered = text.lower()
    return any(re.search(rf"\b{p}\b", lowered) for p in (*_FIXED_HOLIDAYS, *_MOVING_HOLIDAYS))


def _holiday(text: str, published: dt.date) -> dt.date | None:
    """The latest such feast on or before publication: "a Christmas Day shooting"."""
    for pattern, (month, day) in _FIXED_HOLIDAYS.items():
        if re.search(rf"\b{pattern}\b", text):
            feast = dt.date(published.year, month, day)
            return feast if feast <= published else dt.date(published.year - 1, month, day)
    for pattern, (month, weekday, which) in _MOVING_HOLIDAYS.items():
        if re.search(rf"\b{pattern}\b", text):
            feast = _nth_weekday(published.year, month, weekday, which)
            return (
                feast
                if feast <= published
                else _nth_weekday(published.year - 1, month, weekday, which)
            )
    return None


def _nth_weekday(year: int, month: int, weekday: int, which: int) -> dt.date:
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).weekday() == weekday
    ]
    return days[which - 1] if which > 0 else days[which]


def _weekday_span(text: str, published: dt.date) -> ResolvedDate | None:
    """ "between Monday and Wednesday", "from Friday to Sunday", "since Tuesday", "Monday and
    Tuesday": the days from the first to the second (or to publication), the latest such days
    on or before publication; precision 2 (two to six days)."""
    names = "|".join(_WEEKDAYS)
    if match := re.search(rf"\bsince\s+(?:last\s+)?({names})\b", text):
        start = _latest(match.group(1), published)
        return ResolvedDate(start, published, 1 if start == published else 2)
    pair = re.search(rf"\b({names})\s+(?:and|to|through|until|-|–)\s+({names})\b", text)
    if pair is None:
        return None
    end = _latest(pair.group(2), published)
    start = end - dt.timedelta(days=(_WEEKDAYS[pair.group(2)] - _WEEKDAYS[pair.group(1)]) % 7)
    return ResolvedDate(start, end, 1 if start == end else 2)


def _latest(weekday: str, published: dt.date) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - _WEEKDAYS[weekday]) % 7)


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


_CLOCK_TIME = re.compile(r"\b(?P<hour>\d{1,2})(?::\d{2})?\s*(?P<half>[ap])\.?\s?m\b\.?")
_HOURS_NAMED = {"noon": 12, "midday": 12, "midnight": 0, "early morning": 5, "morning": 9}


def hour_of_day(text: str) -> int | None:
    """The hour a time of day without a day names, 0-23: "just after 3:30 a.m." 3, "10:45
    p.m." 22, "noon" 12, "early morning" 5; None for anything else ("Friday night")."""
    lowered = text.lower()
    clock = _CLOCK_TIME.search(lowered)
    if clock is not None:
        hour = int(clock.group("hour"))
        if not 1 <= hour <= 12:
            return None
        return hour % 12 + (12 if clock.group("half") == "p" else 0)
    words = re.sub(r"^(?:just |shortly )?(?:after|before|about|around|in the|at)\s+", "", lowered)
    return _HOURS_NAMED.get(words.strip())


# Days told from another day the report names: "the day before", "a day later", "that night".
_FROM_A_TOLD_DAY = re.compile(
    r"^(?:(?:on|during|by|in|at)\s+)?(?:(?P<before>the day before|the previous (?:day|night|"
    r"evening)|a day (?:earlier|before)|the night before|the day prior)|(?P<after>the next "
    r"(?:day|morning)|the following (?:day|morning)|a day later)|(?P<same>(?:earlier |later )?"
    r"that (?:day|night|morning|afternoon|evening)))$"
)


def days_from_a_told_day(text: str) -> int | None:
    """How many days a phrase dated from another told day lies after it: -1 for "the day
    before", 1 for "the next day", 0 for "that night"; None for any other phrase."""
    match = _FROM_A_TOLD_DAY.match(text.lower().strip())
    if match is None:
        return None
    return -1 if match.group("before") else 1 if match.group("after") else 0
