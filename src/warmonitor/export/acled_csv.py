"""Stored events as CSV with ACLED's column names, in ACLED's order, then warmonitor's own.

Analysts' ACLED scripts should run on this file unchanged. Where our data is richer or coded
differently, each column's mapping is documented at the function that computes it; columns we
have no data for (associated actors, admin3, source scale, tags) are left empty rather than
guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from typing import Any, TextIO

from warmonitor.model import Actor, Event
from warmonitor.store.countries import Country, country_by_iso2
from warmonitor.store.fatalities import acled_fatalities
from warmonitor.store.records import StoredEvent

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
WARMONITOR_COLUMNS = (
    "warmonitor_event_id",
    "modality",
    "according_to",
    "review_status",
    "confidence",
)
COLUMNS = ACLED_COLUMNS + WARMONITOR_COLUMNS

# ACLED's "inter" codes by actor type (FIELD.md, Actors). Plurals are accepted because ACLED's
# own files spell the types both ways ("Rebel group", "Rebel Groups").
_INTER_CODES = {
    "state forces": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external/other forces": 8,
}

# ACLED's disorder types. Protests and riots are demonstrations; two sub-event types are both
# political violence and demonstrations: armed force against peaceful protesters, and mobs
# attacking people.
_DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_EVENT_TYPE = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence; Demonstrations",
}

# ACLED's code for a country we cannot name, so that event_id_cnty keeps its shape.
_UNKNOWN_ISO3 = "XXX"


def write_acled_csv(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write a header and one row per event to ``out``; the number of rows written.

    Lines end in "\\n"; open a file for it with ``newline=""``.
    """
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for stored in events:
        writer.writerow(acled_row(stored))
        written += 1
    return written


def acled_row(stored: StoredEvent) -> dict[str, Any]:
    """One event as an ACLED row; None values are written as empty cells."""
    event = stored.event
    location, date = event.location, event.date
    country = country_by_iso2(location.country_code if location else None)
    inter1, inter2 = inter_code(event.actor1), inter_code(event.actor2)
    start = date.start if date else None
    row: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(event, country),
        "event_date": start.isoformat() if start else None,
        "year": start.year if start else None,
        "time_precision": time_precision(date.precision) if date else None,
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "inter1": inter1,
        "actor2": event.actor2.name if event.actor2 else None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else None,
        "iso": country.numeric if country else None,
        "region": country.region if country else None,
        "country": country.name if country else None,
        "admin1": location.admin1 if location else None,
        "admin2": location.admin2 if location else None,
        "location": location.name if location else None,
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "geo_precision": geo_precision(location.precision) if location else None,
        "source": source_names(stored),
        "notes": notes(stored.sentence_text),
        "fatalities": acled_fatalities(event.figures),
        "timestamp": unix_timestamp(stored.updated_at),
        "warmonitor_event_id": event.id,
        "modality": event.modality,
        "according_to": event.according_to.name if event.according_to else None,
        "review_status": stored.review_status,
        "confidence": round(event.confidence, 3),
    }
    return {column: row.get(column) for column in COLUMNS}


def event_id_cnty(event: Event, country: Country | None) -> str:
    """ISO3 plus a number, ACLED's shape ("IRQ12345").

    The number is the first 8 hex digits of the event id read as an integer, so it is stable
    across exports; ids that do not start with hex digits are hashed first.
    """
    prefix = event.id[:8]
    if not re.fullmatch(r"[0-9a-fA-F]{8}", prefix):
        prefix = hashlib.sha256(event.id.encode()).hexdigest()[:8]
    return f"{country.iso3 if country else _UNKNOWN_ISO3}{int(prefix, 16)}"


def time_precision(date_precision: int) -> int:
    """UCDP date precision to ACLED's: 1 (the day) -> 1; 2-3 (days to a week) -> 2; 4-5 (a
    month or longer) -> 3."""
    if date_precision <= 1:
        return 1
    return 2 if date_precision <= 3 else 3


def geo_precision(place_precision: int) -> int:
    """UCDP location precision to ACLED's: 1-2 (the place or near it) -> 1; 3-4 (district or
    province) -> 2; 5 and up (a region, the country, international waters) -> 3."""
    if place_precision <= 2:
        return 1
    return 2 if place_precision <= 4 else 3


def inter_code(actor: Actor | None) -> int | None:
    if actor is None or actor.type is None:
        return None
    key = actor.type.strip().casefold()
    return _INTER_CODES.get(key) or _INTER_CODES.get(key.removesuffix("s"))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: both inter codes, smaller first (12, 17); a lone actor's code
    followed by 0 (60 for protesters on their own)."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


def disorder_type(event_type: str, sub_event_type: str) -> str | None:
    return _DISORDER_BY_SUB_EVENT_TYPE.get(sub_event_type) or _DISORDER_BY_EVENT_TYPE.get(
        event_type
    )


def source_names(stored: StoredEvent) -> str | None:
    """The agency (for a wire story) or outlet of every report, each once, joined by "; "."""
    names: list[str] = []
    for report in stored.reports:
        name = report.agency or report.outlet
        if name and name not in names:
            names.append(name)
    return "; ".join(names) or None


def notes(sentence_text: str | None) -> str | None:
    """The sentence the event was read from, on one line."""
    if not sentence_text:
        return None
    return " ".join(sentence_text.split())


def unix_timestamp(iso_utc: str) -> int | None:
    """ACLED's timestamp column: when the row last changed, in seconds since 1970."""
    try:
        moment = dt.datetime.fromisoformat(iso_utc)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())
