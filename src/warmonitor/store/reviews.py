"""Analyst review: confirm, correct or reject a stored event, kept as history.

Every review is a row of ``reviews`` (who, when, what, why); nothing is overwritten. The machine's
reading stays in ``events.event_json`` as it was coded. A correction is merged into
``events.reviewed_json`` (the latest value of each corrected field) and the event's query columns
take the reviewed values, so filters, the map and every export show what the analyst decided.
Ingest never writes those columns again (writer.py only inserts events), so machine output never
silently overwrites a human correction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from warmonitor.coding.taxonomy import load_taxonomy
from warmonitor.model import FIGURE_KINDS, Actor, Event, EventDate, Figure, Place
from warmonitor.store.codec import event_from_dict
from warmonitor.store.connection import Connection
from warmonitor.store.countries import country_by_iso2, find_country
from warmonitor.store.fatalities import acled_fatalities
from warmonitor.store.writer import event_row, write_actor, write_place

ACTIONS = ("confirm", "correct", "reject")
STATUS_BY_ACTION = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}

# The fields a correction may change, in the order they are shown.
CORRECTABLE = ("event_type", "sub_event_type", "actor1", "actor2", "location", "date", "figures")

# The event columns a correction rewrites: every query column that depends on a correctable field.
_REVIEWED_COLUMNS = (
    "event_type",
    "sub_event_type",
    "plover_type",
    "plover_mode",
    "actor1",
    "actor2",
    "place_key",
    "country_code",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "date_start",
    "date_end",
    "date_precision",
    "fatalities",
)

_NOTE_MAX = 4000
_NAME_MAX = 200


class ReviewError(ValueError):
    """A review that cannot be taken: the message says which field and why."""


@dataclass(frozen=True)
class Review:
    id: int
    event_id: str
    action: str  # one of ACTIONS
    changes: dict[str, Any] = field(default_factory=dict)  # checked corrections (correct only)
    note: str | None = None
    user_name: str | None = None
    created_at: str = ""


def checked_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The corrections in their stored form; ReviewError naming the first bad field."""
    if not isinstance(changes, Mapping):
        raise ReviewError("changes must be an object of corrected fields")
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ReviewError(
            f"cannot correct {', '.join(unknown)}: correctable fields are {', '.join(CORRECTABLE)}"
        )
    checked: dict[str, Any] = {}
    for name in CORRECTABLE:
        if name in changes:
            checked[name] = _CHECKS[name](changes[name])
    return checked


def reviewed_event(machine: Event, reviewed: Mapping[str, Any]) -> Event:
    """The machine's event with the corrections applied.

    A corrected value equal to the machine's keeps the machine's span, so the text it was read
    from is still highlighted.
    """
    event = machine
    if "sub_event_type" in reviewed or "event_type" in reviewed:
        sub_event_type = reviewed.get("sub_event_type", machine.sub_event_type)
        entry = load_taxonomy().get(sub_event_type)
        event_type = reviewed.get("event_type", entry.event_type if entry else machine.event_type)
        if entry is None or entry.event_type != event_type:
            raise ReviewError(
                f"'{sub_event_type}' is not a sub-event type of '{event_type}'; give both "
                "event_type and sub_event_type as ACLED spells them"
            )
        event = dataclasses.replace(
            event,
            event_type=event_type,
            sub_event_type=sub_event_type,
            plover_type=entry.plover_type,
            plover_mode=entry.plover_mode,
        )
    for role in ("actor1", "actor2"):
        if role in reviewed:
            actor = _actor(getattr(machine, role), reviewed[role])
            event = dataclasses.replace(event, **{role: actor})
    if "location" in reviewed:
        event = dataclasses.replace(event, location=_place(machine.location, reviewed["location"]))
    if "date" in reviewed:
        event = dataclasses.replace(event, date=_date(reviewed["date"]))
    if "figures" in reviewed:
        event = dataclasses.replace(
            event, figures=tuple(_figure(machine.figures, f) for f in reviewed["figures"])
        )
    return event


def write_review(
    conn: Connection,
    event_id: str,
    action: str,
    changes: Mapping[str, Any] | None,
    note: str | None,
    user_name: str,
    now: str,
) -> Review:
    """Record a review of a stored event inside the caller's transaction."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action '{action}': give one of {', '.join(ACTIONS)}")
    if note is not None and len(note) > _NOTE_MAX:
        raise ReviewError(f"the note is longer than {_NOTE_MAX} characters")
    row = conn.execute(
        "SELECT event_json, reviewed_json FROM events WHERE id = ?", (event_id,)
    ).fetchone()
    if row is None:
        raise ReviewError(f"no event with id '{event_id}'")
    checked: dict[str, Any] = {}
    if action == "correct":
        checked = checked_changes(changes or {})
        if not checked:
            raise ReviewError("a correction needs changes: the fields corrected and their values")
        merged = json.loads(row["reviewed_json"] or "{}") | checked
        event = reviewed_event(event_from_dict(json.loads(row["event_json"])), merged)
        _update_columns(conn, event, merged, now)
    elif changes:
        raise ReviewError(f"'{action}' takes no changes; use the action 'correct' to change fields")
    conn.execute(
        "UPDATE events SET review_status = ?, updated_at = ? WHERE id = ?",
        (STATUS_BY_ACTION[action], now, event_id),
    )
    (review_id,) = conn.execute(
        "INSERT INTO reviews (event_id, action, changes, note, user_name, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (
            event_id,
            action,
            json.dumps(checked, ensure_ascii=False) if checked else None,
            note,
            user_name,
            now,
        ),
    ).fetchone()
    return Review(review_id, event_id, action, checked, note, user_name, now)


def select_reviews(
    conn: Connection, event_id: str | None = None, limit: int | None = None
) -> list[Review]:
    """The review history, oldest first: of one event, or of all events; the latest ``limit``."""
    sql = "SELECT * FROM reviews"
    params: list[Any] = []
    if event_id is not None:
        sql += " WHERE event_id = ?"
        params.append(event_id)
    sql += " ORDER BY created_at DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = conn.execute(sql, params).fetchall()[::-1]
    return [
        Review(
            id=row["id"],
            event_id=row["event_id"],
            action=row["action"],
            changes=json.loads(row["changes"]) if row["changes"] else {},
            note=row["note"],
            user_name=row["user_name"],
            created_at=row["created_at"],
        )
        for row in rows
    ]


def _update_columns(conn: Connection, event: Event, reviewed: Mapping[str, Any], now: str) -> None:
    for actor in (event.actor1, event.actor2):
        if actor is not None:
            write_actor(conn, actor)
    place_key = write_place(conn, event.location) if event.location is not None else None
    values = event_row(event, place_key, now)
    values["fatalities"] = acled_fatalities(event.figures)
    assignments = ", ".join(f"{column} = ?" for column in _REVIEWED_COLUMNS)  # constant names
    conn.execute(
        f"UPDATE events SET {assignments}, reviewed_json = ? WHERE id = ?",
        (
            *(values[column] for column in _REVIEWED_COLUMNS),
            json.dumps(dict(reviewed), ensure_ascii=False),
            event.id,
        ),
    )


# Checks of each correctable field: the value as sent to its stored form.


def _check_type_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReviewError("event_type and sub_event_type are ACLED names, as text")
    return value.strip()


def _check_actor(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, Mapping) or not _is_name(value.get("name")):
        raise ReviewError("an actor is null, a name, or an object with a 'name'")
    actor = {"name": value["name"].strip()}
    for key in ("type", "sector", "country"):
        if value.get(key) is not None:
            if not _is_name(value[key]):
                raise ReviewError(f"an actor's '{key}' is text")
            actor[key] = value[key].strip()
    return actor


def _check_location(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not _is_name(value.get("name")):
        raise ReviewError("a location is null or an object with a 'name', 'lat' and 'lon'")
    lat, lon = value.get("lat"), value.get("lon")
    if not _is_number(lat) or not -90 <= lat <= 90:
        raise ReviewError("a location's 'lat' is a number from -90 to 90")
    if not _is_number(lon) or not -180 <= lon <= 180:
        raise ReviewError("a location's 'lon' is a number from -180 to 180")
    place: dict[str, Any] = {"name": value["name"].strip(), "lat": float(lat), "lon": float(lon)}
    country = value.get("country_code")
    if country is not None:
        found = (
            country_by_iso2(country) if isinstance(country, str) and len(country) == 2 else None
        ) or (find_country(country) if isinstance(country, str) else None)
        if found is None:
            raise ReviewError(f"unknown country '{country}' in the location")
        place["country_code"] = found.iso2
    for key in ("admin1", "admin2"):
        if value.get(key) is not None:
            if not _is_name(value[key]):
                raise ReviewError(f"a location's '{key}' is text")
            place[key] = value[key].strip()
    precision = value.get("precision", 1)
    if not isinstance(precision, int) or isinstance(precision, bool) or not 1 <= precision <= 7:
        raise ReviewError("a location's 'precision' is a whole number from 1 to 7")
    place["precision"] = precision
    return place


def _check_date(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("start"), str):
        raise ReviewError("a date is null or an object with 'start' (YYYY-MM-DD)")
    try:
        start = dt.date.fromisoformat(value["start"])
        end = dt.date.fromisoformat(value["end"]) if value.get("end") is not None else start
    except (TypeError, ValueError):
        raise ReviewError("a date's 'start' and 'end' are days written YYYY-MM-DD") from None
    if end < start:
        raise ReviewError("a date's 'end' is before its 'start'")
    precision = value.get("precision", 1 if start == end else 3)
    if not isinstance(precision, int) or isinstance(precision, bool) or not 1 <= precision <= 5:
        raise ReviewError("a date's 'precision' is a whole number from 1 to 5")
    return {"start": start.isoformat(), "end": end.isoformat(), "precision": precision}


def _check_figures(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 50:
        raise ReviewError("figures is a list (at most 50) of {kind, best, low?, high?, who?}")
    figures = []
    for item in value:
        if not isinstance(item, Mapping) or item.get("kind") not in FIGURE_KINDS:
            raise ReviewError(f"a figure's 'kind' is one of {', '.join(FIGURE_KINDS)}")
        best = item.get("best")
        if not _is_count(best):
            raise ReviewError("a figure's 'best' is a whole number, 0 or more")
        low = item.get("low", best)
        high = item.get("high", best)
        if not _is_count(low) or (high is not None and not _is_count(high)):
            raise ReviewError("a figure's 'low' and 'high' are whole numbers, 0 or more")
        if low > best or (high is not None and best > high):
            raise ReviewError("a figure needs low <= best <= high")
        figure: dict[str, Any] = {"kind": item["kind"], "low": low, "best": best, "high": high}
        if item.get("who") is not None:
            if not _is_name(item["who"]):
                raise ReviewError("a figure's 'who' is text")
            figure["who"] = item["who"].strip()
        scope = item.get("scope", "event")
        if scope not in ("event", "cumulative"):
            raise ReviewError("a figure's 'scope' is 'event' or 'cumulative'")
        figure["scope"] = scope
        figures.append(figure)
    return figures


_CHECKS = {
    "event_type": _check_type_name,
    "sub_event_type": _check_type_name,
    "actor1": _check_actor,
    "actor2": _check_actor,
    "location": _check_location,
    "date": _check_date,
    "figures": _check_figures,
}


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= _NAME_MAX


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10**9


# Stored corrections back to model values.


def _actor(machine: Actor | None, value: Mapping[str, Any] | None) -> Actor | None:
    if value is None:
        return None
    if machine is not None and machine.name == value["name"] and len(value) == 1:
        return machine
    return Actor(
        name=value["name"],
        type=value.get("type"),
        sector=value.get("sector"),
        country=value.get("country"),
        span=machine.span if machine is not None and machine.name == value["name"] else None,
    )


def _place(machine: Place | None, value: Mapping[str, Any] | None) -> Place | None:
    if value is None:
        return None
    same_name = machine is not None and machine.name == value["name"]
    return Place(
        name=value["name"],
        span=machine.span if same_name and machine is not None else None,
        geonameid=None,
        lat=value["lat"],
        lon=value["lon"],
        country_code=value.get("country_code"),
        admin1=value.get("admin1"),
        admin2=value.get("admin2"),
        feature_code=None,
        precision=value["precision"],
    )


def _date(value: Mapping[str, Any] | None) -> EventDate | None:
    if value is None:
        return None
    return EventDate(
        start=dt.date.fromisoformat(value["start"]),
        end=dt.date.fromisoformat(value["end"]),
        precision=value["precision"],
    )


def _figure(machine: tuple[Figure, ...], value: Mapping[str, Any]) -> Figure:
    for figure in machine:
        if (figure.kind, figure.low, figure.best, figure.high) == (
            value["kind"],
            value["low"],
            value["best"],
            value["high"],
        ):
            return figure  # the analyst kept it: its text and claimant stay
    return Figure(
        kind=value["kind"],
        low=value["low"],
        best=value["best"],
        high=value["high"],
        approximate=False,
        who=value.get("who"),
        span=None,
        scope=value.get("scope", "event"),
    )
