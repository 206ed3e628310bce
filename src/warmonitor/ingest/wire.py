"""Bylines, datelines and news agencies: who wrote a report, where it was filed from, for whom.

Agency names are stored in one canonical spelling each: the short form the agency itself uses in
its datelines ("(Reuters)", "(AP)", "(AFP)", "(dpa)"), so that the same wire story carries the
same agency whether a site printed "Associated Press" or "AP". :data:`AGENCY_ALIASES` is the
table; an agency it does not know is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower-cased spelling -> canonical spelling. Aliases are the forms that appear in datelines,
# bylines and page metadata.
AGENCY_ALIASES: dict[str, str] = {
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "the associated press": "AP",
    "associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "aa": "Anadolu",
    "efe": "EFE",
    "agencia efe": "EFE",
    "ansa": "ANSA",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "cnn": "CNN",
    "bbc": "BBC",
    "bbc news": "BBC",
    "al jazeera": "Al Jazeera",
    "aljazeera": "Al Jazeera",
    "tass": "TASS",
    "itar-tass": "TASS",
    "interfax": "Interfax",
    "upi": "UPI",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
}

# Words that may start lower-case inside a place or person name ("Deir al-Zor", "Port-au-Prince",
# "Ursula von der Leyen"); any other word of a name must start with a capital.
_NAME_PARTICLES = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "al el ad ar as ash at az ez es an de du da di dos das der den la le les los las of the "
        "sur au aux en van von bin ibn ben bint y e"
    ).split()
)
# All-capital tokens that are abbreviations, not shouted words, and so stay as written.
_KEEP_UPPER = frozenset({"US", "UK", "UAE", "DRC", "U.S.", "U.K.", "U.N.", "UN", "EU"})

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "KABUL, Dec 3" / "LONDON, 12 March 2024": the date in a dateline is dropped (it repeats the
# publication date, without a year).
_DATELINE_DATE = re.compile(
    rf",\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?\s*$", re.IGNORECASE
)
# The separator after a dateline is an en or em dash, or a hyphen (one or two). Without an agency
# in brackets before it, a hyphen must be followed by a space ("STOCKTON- Police say"), or
# "AL-QAEDA" would end a dateline.
_DATELINE_WITH_AGENCY = re.compile(
    r"^(?P<head>[^()\n–—―]{2,100}?)\s*\((?P<agency>[^()\n]{1,40})\)\s*(?:[–—―]+|-{1,2}|:)\s*"
)
_DATELINE_BARE = re.compile(r"^(?P<head>[^()\n–—―]{2,80}?)\s*(?:[–—―]+\s*|\s?-{1,2}\s+)")

_PLACE_WORD = re.compile(r"^(?:[A-Z0-9][\w'’.\-]*|[a-z]{1,4}-[A-Z][\w'’.\-]*)$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.\-]*|[a-z]{1,4}-[A-Z][\w'’.\-]*)$")

_BYLINE = re.compile(r"^(?:By|BY|by)\s*:?\s+(?P<body>\S.{0,150}?)\s*$")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\bAND\b)\s*")
# "By Ali Ahmed in Kabul": where the reporter was is not part of the name.
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.\- ]*$")
# Job titles some sites append to a byline ("By Ann Lee, Staff Writer").
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|desk|bureau|special to)\b",
    re.IGNORECASE,
)
_AGENCY_TAIL = re.compile(r"\s*(?:\|\s*|[–—―]\s*|\s-\s*|,\s*)(?P<agency>[^|,–—―()]+?)\s*$")
_AGENCY_PAREN = re.compile(r"\s*\((?P<agency>[^()]+)\)\s*$")


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...]
    agency: str | None


@dataclass(frozen=True, slots=True)
class Dateline:
    places: tuple[str, ...]  # ("Mosul, Iraq", "Raqqa, Syria")
    agency: str | None
    end: int  # where the report's own words start in the paragraph


def canonical_agency(name: str) -> str | None:
    """The canonical spelling of a known news agency, or None if ``name`` is not one."""
    return AGENCY_ALIASES.get(" ".join(name.split()).casefold())


def title_case_place(name: str) -> str:
    """ "GAZA CITY" -> "Gaza City", "DEIR AL-ZOR" -> "Deir al-Zor"; mixed case is left alone."""
    return " ".join(
        _title_case_word(word, first=index == 0) for index, word in enumerate(name.split())
    )


def _title_case_word(word: str, *, first: bool) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or word in _KEEP_UPPER:
        return word
    pieces = word.split("-")
    cased = []
    for index, piece in enumerate(pieces):
        lower = piece.lower()
        if lower in _NAME_PARTICLES and not (first and index == 0):
            cased.append(lower)
        elif len(piece) > 2 and piece[1] in "'’":  # N'DJAMENA -> N'Djamena
            cased.append(piece[0] + piece[1] + piece[2:].capitalize())
        else:
            cased.append(piece.capitalize())
    return "-".join(cased)


def _is_name(words: list[str], pattern: re.Pattern[str]) -> bool:
    if not words or not pattern.match(words[0]):
        return False
    return all(pattern.match(word) or word.lower() in _NAME_PARTICLES for word in words[1:])


def split_authors(raw: str) -> tuple[str, ...]:
    """Author names from a metadata or byline string: "A; B", "A, B and C", "A & B".

    Parts that are job titles ("Staff Writer") or news agencies are dropped; names written in
    capitals are title-cased. Order is kept and repeats are removed.
    """
    names: list[str] = []
    for part in _AUTHOR_SEPARATOR.split(raw):
        name = _IN_PLACE.sub("", part.strip(" .:|"))
        if not name or _ROLE.search(name) or canonical_agency(name):
            continue
        name = " ".join(name.split())
        if name.isupper():
            name = title_case_place(name)
        if name not in names:
            names.append(name)
    return tuple(names)


def parse_byline(line: str) -> Byline | None:
    """Read a byline ("By A and B", "By A | Reuters", "By A (AP)", "By A in Kabul").

    Returns None unless every name looks like a person's name of two words or more (or the
    byline names an agency alone: "By Reuters Staff"), so that a sentence such as "By Tuesday,
    the army had retaken the town." is never taken for a byline.
    """
    match = _BYLINE.match(line.strip())
    if match is None:
        return None
    body = match.group("body").rstrip(" .")
    agency: str | None = None
    # Peel agencies and job titles off the end: "A and B, Staff Writers | Reuters".
    while True:
        tail = _AGENCY_PAREN.search(body) or _AGENCY_TAIL.search(body)
        if tail is None:
            break
        words = tail.group("agency").strip()
        known = canonical_agency(words) or canonical_agency(_ROLE.sub("", words).strip())
        if known:
            agency = agency or known
        elif not _ROLE.search(words) and tail.re is _AGENCY_TAIL:
            break  # "A, B": a list of names, not a suffix
        body = body[: tail.start()].rstrip()
    if not body:
        return Byline((), agency) if agency else None
    if agency is None and (known := canonical_agency(_ROLE.sub("", body).strip())):
        return Byline((), known)  # "By Reuters Staff", "By The Associated Press"
    parts = [_IN_PLACE.sub("", p.strip()) for p in _AUTHOR_SEPARATOR.split(body) if p.strip()]
    authors: list[str] = []
    for part in parts:
        if known := canonical_agency(part):  # "By Ann Lee and The Associated Press"
            agency = agency or known
            continue
        words = part.split()
        if len(words) < 2 or len(words) > 5 or not _is_name(words, _NAME_WORD):
            return None
        authors.append(title_case_place(part) if part.isupper() else part)
    if not authors and agency is None:
        return None
    return Byline(tuple(authors), agency)


def _parse_places(head: str) -> tuple[str, ...] | None:
    head = _DATELINE_DATE.sub("", head.strip())
    places: list[str] = []
    for segment in head.split("/"):
        parts = [part.strip() for part in segment.split(",")]
        if not 1 <= len(parts) <= 3:
            return None
        for part in parts:
            words = part.split()
            if not 1 <= len(words) <= 5 or not _is_name(words, _PLACE_WORD):
                return None
        places.append(", ".join(title_case_place(part) for part in parts))
    return tuple(places)


def _is_shouted(place: str) -> bool:
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse_dateline(paragraph: str) -> Dateline | None:
    """Read a wire dateline at the start of a paragraph.

    Accepted: "MOSUL, Iraq/RAQQA, Syria (Reuters) – ", "KABUL, Dec 3 (Reuters) - ",
    "Kyiv, Ukraine (CNN)—", "UNITED NATIONS — ". Without a known agency in brackets, the first
    place must be written in capitals, which is what tells a dateline from a sentence that
    happens to start with capitalised words and a dash.
    """
    match = _DATELINE_WITH_AGENCY.match(paragraph)
    if match is not None:
        places = _parse_places(match.group("head"))
        raw_agency = " ".join(match.group("agency").split())
        agency = canonical_agency(raw_agency)
        if places and _RELEASE_DATE.fullmatch(raw_agency):
            # "Edmonton, Ky. (November 28, 2016) –": a release's place and day, no agency.
            return Dateline(places, None, match.end())
        if places and (agency or (_is_shouted(match.group("head")) and _is_agency(raw_agency))):
            return Dateline(places, agency or raw_agency, match.end())
    match = _DATELINE_BARE.match(paragraph)
    if match is not None and _is_shouted(match.group("head")):
        places = _parse_places(match.group("head"))
        if places:
            return Dateline(places, None, match.end())
    return None


def _is_agency(name: str) -> bool:
    """An unknown name in dateline brackets: short and capitalised, like "Sudan Tribune", or a
    broadcaster's call name and channel, like "CBS 8"."""
    words = [word for word in name.split() if not word.isdigit()]
    return 1 <= len(words) <= 4 and _is_name(words, _NAME_WORD)


_RELEASE_DATE = re.compile(rf"{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}", re.IGNORECASE)
