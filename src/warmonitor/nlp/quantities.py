"""Numbers of people as news writes them, read into ranges.

"900,000", "about 200", "four to five", "between 20 and 30", "at least 12", "dozens",
"tens of thousands", "hundreds of thousands", "a dozen", "1.5 million".

The rule for vague words (DESIGN.md): each maps to a range and ``best`` is its ``low``, because
the conservative reading is the one an analyst can defend:

    a few 2-5, several 3-9, a dozen 12, dozens 24-99, scores 40-99, hundreds 200-999,
    thousands 2,000-9,999, tens of thousands 20,000-99,999,
    hundreds of thousands 200,000-999,999, millions 2,000,000-9,999,999

Qualifiers move the bounds: "at least N" and "more than N" leave ``high`` open (None);
"up to N", "nearly N" and "fewer than N" leave ``low`` open (None) with ``best`` = ``high``;
"about N" keeps N and marks it approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Longest first, so that "hundreds of thousands" is not read as "hundreds".
_VAGUE: tuple[tuple[str, int, int], ...] = (
    ("hundreds of thousands", 200_000, 999_999),
    ("tens of thousands", 20_000, 99_999),
    ("millions", 2_000_000, 9_999_999),
    ("thousands", 2_000, 9_999),
    ("hundreds", 200, 999),
    ("scores", 40, 99),
    ("dozens", 24, 99),
    ("a dozen", 12, 12),
    ("several", 3, 9),
    ("a few", 2, 5),
)

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")(?:[- ](?:"
    + "|".join(k for k in _UNITS if _UNITS[k] < 10)
    + r"))?"
    r"(?:\s+(?:hundred|thousand|million)(?:\s+and\s+\w+)?)*)"
)
_DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million|billion))?"
NUMBER = rf"(?:{_DIGIT_NUMBER}|{_WORD_NUMBER})"

_OPEN_ABOVE = r"at least|more than|over|in excess of|upwards of|no fewer than|no less than"
_OPEN_BELOW = r"up to|as many as|nearly|almost|fewer than|less than|under|at most|close to"
_ABOUT = r"about|around|approximately|roughly|some|an estimated|estimated|circa|an approximate"
QUALIFIER = rf"(?:{_OPEN_ABOVE}|{_OPEN_BELOW}|{_ABOUT})"

QUANTITY_PATTERN = re.compile(
    rf"\b(?:(?P<qual>{QUALIFIER})\s+)?"
    rf"(?:between\s+(?P<lo>{NUMBER})\s+and\s+(?P<hi>{NUMBER})"
    rf"|(?P<a>{NUMBER})(?:\s+(?:to|or)\s+|\s*[-–]\s*(?=\d))(?P<b>{NUMBER})"
    rf"|(?P<vague>" + "|".join(re.escape(v[0]) for v in _VAGUE) + r")"
    rf"|(?P<n>{NUMBER}))\b",
    re.IGNORECASE,
)


# People are counted in whole numbers: a fraction is a count only of a scale ("1.5 million").
_FRACTION_WITHOUT_SCALE = re.compile(
    r"\d\.\d+(?!\d|\s+(?:hundred|thousand|million|billion)\b)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of things read from text; ``start``/``end`` index the string it was read from."""

    low: int | None
    best: int | None
    high: int | None
    approximate: bool
    start: int
    end: int
    vague: str | None = None  # the vague word, when there was no number


def parse_number(text: str) -> int | None:
    """'900,000' -> 900000, 'four' -> 4, 'twenty-five' -> 25, '1.5 million' -> 1500000."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    total, current = 0, 0.0
    for word in words:
        if word == "and":
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
    return int(round(total + current))


def iter_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text``, left to right."""
    found: list[Quantity] = []
    for match in QUANTITY_PATTERN.finditer(text):
        quantity = _read_match(match)
        if quantity is not None:
            found.append(quantity)
    return found


_NO_BEFORE = re.compile(r"\bno[\s-]+$", re.IGNORECASE)


def _is_reference_mark(match: re.Match[str]) -> bool:
    text, (start, end) = match.string, match.span()
    return start > 0 and text[start - 1] == "[" and text[end : end + 1] == "]"


def _read_match(match: re.Match[str]) -> Quantity | None:
    if _FRACTION_WITHOUT_SCALE.search(match.group(0)):
        return None  # "41.68006 -83.56046", "3.5 miles": a measure, no count of anyone
    if _is_reference_mark(match):
        return None  # "killed six people.[37]": an encyclopedia's footnote, no count
    if match.group(0).lower() == "one" and _NO_BEFORE.search(match.string, 0, match.start()):
        return None  # "no one was hurt": nobody
    qualifier = (match.group("qual") or "").lower()
    start, end = match.span()
    if match.group("vague"):
        word = match.group("vague").lower()
        low, high = next((lo, hi) for name, lo, hi in _VAGUE if name == word)
        return Quantity(low, low, high, True, start, end, vague=word)
    if match.group("lo") or match.group("a"):
        low = parse_number(match.group("lo") or match.group("a"))
        high = parse_number(match.group("hi") or match.group("b"))
        if low is None or high is None or low > high:
            return None
        return Quantity(low, low, high, True, start, end)
    value = parse_number(match.group("n"))
    if value is None:
        return None
    if re.fullmatch(_OPEN_ABOVE, qualifier):
        bump = 1 if qualifier in ("more than", "over", "in excess of", "upwards of") else 0
        return Quantity(value + bump, value + bump, None, True, start, end)
    if re.fullmatch(_OPEN_BELOW, qualifier):
        top = value - 1 if qualifier in ("fewer than", "less than", "under") else value
        return Quantity(None, top, top, True, start, end)
    return Quantity(value, value, value, bool(qualifier), start, end)
