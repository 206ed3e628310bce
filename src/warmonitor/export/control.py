"""Control timelines: who held each place when, by whose account, and what an actor holds.

Stored control records (store/control.py) are grouped by place: the GeoNames place when the
record has one, else the territory's words. Within a place, records about the same part of it
(its sub-place: "industrial district", "Old City") dated within three days of each other, or
made by the same report, form one *moment*. A moment
whose claimants name different holders is **disputed**, and its claims are shown side by side
rather than one of them chosen: a monitor saying the group retook a district and an army
spokesman saying the army still holds it are both kept. Two things one claimant says are never
a dispute.

What an actor holds is read off each place's latest moment: the actor holds it when that
moment's holder is the actor, has lost it when the moment took it from the actor, and the place
is disputed when claimants disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from warmonitor.export.contract import control_to_dict
from warmonitor.store.control import StoredControl

HOLDS, LOST, DISPUTED = "holds", "lost", "disputed"
# How many days apart two claims may be dated and still answer each other.
_SLACK_DAYS = 3

_CSV_COLUMNS = (
    "place",
    "territory",
    "kind",
    "from_actor",
    "to_actor",
    "date_start",
    "date_end",
    "date_precision",
    "according_to",
    "source_type",
    "disputed",
    "country_code",
    "latitude",
    "longitude",
    "geonameid",
    "area_km2",
    "population_best",
    "event_id",
    "article_id",
    "url",
)


@dataclass(frozen=True)
class Moment:
    """What the reports say about one part of a place over one stretch of days."""

    start: dt.date | None
    end: dt.date | None
    part: str | None  # the sub-place ("industrial district"), None for the place as a whole
    claims: tuple[StoredControl, ...]

    @property
    def holders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.record.to_actor for c in self.claims if c.record.to_actor))

    @property
    def disputed(self) -> bool:
        """Two claimants name different holders."""
        claims = [
            (c.record.to_actor, c.record.according_to.name if c.record.according_to else None)
            for c in self.claims
            if c.record.to_actor is not None
        ]
        return any(h1 != h2 and s1 != s2 for h1, s1 in claims for h2, s2 in claims)


@dataclass(frozen=True)
class PlaceTimeline:
    """Every moment of one place, oldest first."""

    label: str  # "Ar Raqqah (SY)", or the territory's words when no place was resolved
    moments: tuple[Moment, ...]

    @property
    def latest(self) -> Moment:
        return self.moments[-1]


@dataclass(frozen=True)
class Holding:
    """A place an actor holds, has lost or disputes, as of its latest moment."""

    timeline: PlaceTimeline
    status: str  # HOLDS, LOST or DISPUTED
    moment: Moment


def control_timelines(stored: Iterable[StoredControl]) -> list[PlaceTimeline]:
    """Stored records grouped into places and moments, places in order of first record."""
    by_place: dict[str, list[StoredControl]] = {}
    labels: dict[str, str] = {}
    for item in stored:
        record = item.record
        place = record.place
        key = f"geonames:{place.geonameid}" if place and place.geonameid else record.territory
        key = key.casefold()
        by_place.setdefault(key, []).append(item)
        if key not in labels:
            labels[key] = (
                f"{place.name} ({place.country_code})"
                if place and place.country_code
                else place.name
                if place
                else record.territory
            )
    return [PlaceTimeline(labels[key], _moments(items)) for key, items in by_place.items()]


def _moments(items: list[StoredControl]) -> tuple[Moment, ...]:
    ordered = sorted(items, key=lambda c: (_start(c) or dt.date.max, _end(c) or dt.date.max))
    moments: list[Moment] = []
    for item in ordered:
        part = item.record.place.sub_place if item.record.place else None
        part = part.casefold() if part else None
        joined = False
        for i, moment in enumerate(moments):
            if moment.part == part and _overlaps(moment, item):
                moments[i] = Moment(
                    _min(moment.start, _start(item)),
                    _max(moment.end, _end(item)),
                    part,
                    (*moment.claims, item),
                )
                joined = True
                break
        if not joined:
            moments.append(Moment(_start(item), _end(item), part, (item,)))
    return tuple(moments)


def holdings(timelines: Iterable[PlaceTimeline], actors: tuple[str, ...]) -> list[Holding]:
    """What the actors (names or pieces of names, any case) hold, lost or dispute."""
    wanted = [a.casefold() for a in actors]

    def named(name: str | None) -> bool:
        return name is not None and any(w in name.casefold() for w in wanted)

    found: list[Holding] = []
    for timeline in timelines:
        latest = timeline.latest
        if any(named(h) for h in latest.holders):
            found.append(Holding(timeline, DISPUTED if latest.disputed else HOLDS, latest))
        elif any(named(c.record.from_actor) for c in latest.claims):
            found.append(Holding(timeline, LOST, latest))
    return found


def control_item_to_dict(item: StoredControl, *, disputed: bool = False) -> dict[str, Any]:
    """A stored record for `warmonitor control --format json`: the record's contract fields,
    whether its moment is disputed, and the report that made the claim."""
    return {
        **control_to_dict(item.record),
        "disputed": disputed,
        "report": {
            "article_id": item.article_id,
            "url": item.url,
            "outlet": item.outlet,
            "agency": item.agency,
            "published": item.published.isoformat() if item.published else None,
        },
    }


def timeline_to_dict(timeline: PlaceTimeline) -> dict[str, Any]:
    """A place's timeline for the API: its moments oldest first, each with its claims."""
    return {
        "place": timeline.label,
        "moments": [
            {
                "start": moment.start.isoformat() if moment.start else None,
                "end": moment.end.isoformat() if moment.end else None,
                "part": moment.part,
                "holders": list(moment.holders),
                "disputed": moment.disputed,
                "claims": [
                    control_item_to_dict(c, disputed=moment.disputed) for c in moment.claims
                ],
            }
            for moment in timeline.moments
        ],
    }


def holding_to_dict(holding: Holding) -> dict[str, Any]:
    latest = holding.moment
    return {
        "place": holding.timeline.label,
        "status": holding.status,
        "part": latest.part,
        "since": latest.start.isoformat() if latest.start else None,
        "holders": list(latest.holders),
    }


def write_control_jsonl(timelines: Iterable[PlaceTimeline], out: TextIO) -> int:
    count = 0
    for timeline in timelines:
        for moment in timeline.moments:
            for item in moment.claims:
                row = control_item_to_dict(item, disputed=moment.disputed)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
    return count


def write_control_csv(timelines: Iterable[PlaceTimeline], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for timeline in timelines:
        for moment in timeline.moments:
            for item in moment.claims:
                writer.writerow(_csv_row(timeline, moment, item))
                count += 1
    return count


def _csv_row(timeline: PlaceTimeline, moment: Moment, item: StoredControl) -> dict[str, Any]:
    record = item.record
    place, date, source = record.place, record.date, record.according_to
    return {
        "place": timeline.label,
        "territory": record.territory,
        "kind": record.kind,
        "from_actor": record.from_actor or "",
        "to_actor": record.to_actor or "",
        "date_start": date.start.isoformat() if date and date.start else "",
        "date_end": date.end.isoformat() if date and date.end else "",
        "date_precision": date.precision if date else "",
        "according_to": source.name if source else "",
        "source_type": (source.type or "") if source else "",
        "disputed": int(moment.disputed),
        "country_code": (place.country_code or "") if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geonameid": place.geonameid if place and place.geonameid else "",
        "area_km2": record.area_km2 if record.area_km2 is not None else "",
        "population_best": record.population.best if record.population else "",
        "event_id": record.event_id or "",
        "article_id": item.article_id,
        "url": item.url or "",
    }


def _start(item: StoredControl) -> dt.date | None:
    date = item.record.date
    return date.start if date else None


def _end(item: StoredControl) -> dt.date | None:
    date = item.record.date
    return (date.end or date.start) if date else None


def _overlaps(moment: Moment, item: StoredControl) -> bool:
    """Claims about one stretch of days: dates within a few days of each other (a change on
    Tuesday and a denial as of Wednesday answer each other), or made by the same report."""
    if any(claim.article_id == item.article_id for claim in moment.claims):
        return True
    start, end = _start(item), _end(item)
    if start is None or moment.start is None:
        return start is None and moment.start is None  # undated claims form one moment
    slack = dt.timedelta(days=_SLACK_DAYS)
    return start <= (moment.end or moment.start) + slack and (end or start) + slack >= moment.start


def _min(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else a or b


def _max(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a and b else a or b
