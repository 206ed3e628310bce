"""Read endpoints: events (pages, one event, exports), articles, places, actors, control, health.

Every filter is bound as an SQL parameter by the store; names that reach SQL (orders, fields)
are checked against allowlists first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials

from warmonitor.api.guards import (
    ERROR_RESPONSES,
    NOT_FOUND,
    ApiError,
    bearer,
    require_reader,
)
from warmonitor.api.paging import ORDERS, only, page_key, page_token, selected_fields
from warmonitor.coding.knowledge import actor_names
from warmonitor.errors import StoreError
from warmonitor.export.acled_csv import COLUMNS, acled_row
from warmonitor.export.contract import document_to_dict, event_to_dict
from warmonitor.export.control import control_timelines, holding_to_dict, holdings, timeline_to_dict
from warmonitor.export.events_json import stored_event_to_dict
from warmonitor.export.geojson import event_feature
from warmonitor.export.parquet import write_events_parquet
from warmonitor.store import EventFilter, Store
from warmonitor.store.queries import country_code
from warmonitor.store.records import REVIEW_STATUSES
from warmonitor.store.reviews import Review
from warmonitor.store.users import User

# Answers are JSON objects; endpoints build them as plain dicts of JSON values and send them
# as they are. FastAPI's generic encoder would walk every value again, and on a page of a
# hundred events it costs twice what the query and the dicts cost together.
ANSWER = dict[str, Any]


def answer(content: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(content, status)


_TEXT = {"max_length": 200}
_EXPORT_PAGE = 500


def borrowed_store(request: Request) -> Iterator[Store]:
    with request.app.state.pool.store() as store:
        yield store


StoreDep = Annotated[Store, Depends(borrowed_store)]


def reader(
    request: Request,
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User | None:
    """Who reads: nobody in particular on an open server, else a user with a valid token."""
    if request.app.state.config.serve.open_reads:
        return None
    token = credentials.credentials if credentials is not None else None
    return require_reader(store.user_by_token(token) if token else None, bool(token))


ReaderDep = Annotated[User | None, Depends(reader)]

# Every data endpoint checks the reader first (a no-op on an open server).
router = APIRouter(responses=ERROR_RESPONSES, dependencies=[Depends(reader)])
health_router = APIRouter()


def event_filters(
    since: Annotated[dt.date | None, Query(description="Events on or after this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this day.")] = None,
    country: Annotated[str | None, Query(description="Name, ISO2 or ISO3.", **_TEXT)] = None,
    admin1: Annotated[str | None, Query(description="Province, state.", **_TEXT)] = None,
    event_type: Annotated[
        str | None, Query(alias="type", description="ACLED event type.", **_TEXT)
    ] = None,
    sub_event_type: Annotated[
        str | None, Query(alias="sub_type", description="ACLED sub-event type.", **_TEXT)
    ] = None,
    actor: Annotated[
        str | None, Query(description="Part of an actor's name, or an alias (ISIS).", **_TEXT)
    ] = None,
    place: Annotated[
        str | None, Query(description="Part of a location, admin1 or admin2 name.", **_TEXT)
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="west,south,east,north in degrees (west > east crosses 180).", **_TEXT),
    ] = None,
    q: Annotated[
        str | None, Query(description="Text in the sentence, actors, place or title.", **_TEXT)
    ] = None,
    updated_since: Annotated[
        dt.datetime | None, Query(description="Changed at or after this time (UTC if naive).")
    ] = None,
    review_status: Annotated[Literal[REVIEW_STATUSES] | None, Query()] = None,  # type: ignore[valid-type]
    include_rejected: Annotated[
        bool, Query(description="Also events an analyst rejected.")
    ] = False,
) -> EventFilter:
    if country is not None:
        try:
            country_code(country)
        except StoreError as exc:
            raise ApiError(400, f"country: {exc}") from None
    if actor is not None:
        actor = actor_names(actor)[-1]  # an alias finds its actor's canonical name
    return EventFilter(
        country=country,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        place=place,
        date_from=since,
        date_to=until,
        admin1=admin1,
        bbox=_bbox(bbox) if bbox is not None else None,
        text=q,
        updated_since=_utc(updated_since) if updated_since is not None else None,
        review_status=review_status,
        include_rejected=include_rejected or review_status == "rejected",
    )


FilterDep = Annotated[EventFilter, Depends(event_filters)]


@health_router.get("/health", tags=["server"])
def health(store: StoreDep) -> dict[str, str]:
    """200 when the server can read its database."""
    store.list_users()  # a real query: fails when the database is gone or locked
    return {"status": "ok"}


@router.get("/api/events", tags=["events"], response_model=ANSWER)
def list_events(
    request: Request,
    store: StoreDep,
    filters: FilterDep,
    order: Annotated[
        Literal[ORDERS],  # type: ignore[valid-type]
        Query(description="date: newest first, undated last; updated: least recently changed."),
    ] = "date",
    limit: Annotated[int | None, Query(ge=1, description="Events per page.")] = None,
    page: Annotated[str | None, Query(description="The 'next' token of the previous page.")] = None,
    fields: Annotated[
        str | None, Query(description="Comma-separated fields to return (default: all).")
    ] = None,
) -> Response:
    """One page of events matching the filters, and the token of the next page."""
    serve = request.app.state.config.serve
    size = limit or serve.default_page_size
    if size > serve.max_page_size:
        raise ApiError(400, f"limit: at most {serve.max_page_size} events a page")
    names = selected_fields(fields)
    found, next_key = store.query_page(filters, order, page_key(page, order), size)
    token = page_token(next_key) if next_key is not None else None
    return answer(
        {
            "events": [only(stored_event_to_dict(stored), names) for stored in found],
            "count": len(found),
            "next": token,
            "next_url": str(request.url.include_query_params(page=token)) if token else None,
        }
    )


@router.get("/api/timeline", tags=["events"], response_model=ANSWER)
def timeline(store: StoreDep, filters: FilterDep) -> Response:
    """How many matching events (and fatalities) start on each day, oldest day first."""
    days = store.timeline(filters)
    return answer({"days": [{"day": d, "events": n, "fatalities": f} for d, n, f in days]})


ExportLimit = Annotated[
    int | None, Query(ge=1, description="At most this many events (newest first).")
]


@router.get("/api/events.csv", tags=["exports"], response_class=Response)
def export_csv(request: Request, filters: FilterDep, limit: ExportLimit = None) -> Response:
    """Every matching event as CSV with ACLED's column names, newest first (capped)."""

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for stored in _all_events(request, filters, limit):
            writer.writerow(acled_row(stored))
            if out.tell() > 64_000:
                yield _drain(out)
        yield _drain(out)

    return _export(request, lines(), "text/csv; charset=utf-8", "events.csv")


@router.get("/api/events.geojson", tags=["exports"], response_class=Response)
def export_geojson(request: Request, filters: FilterDep, limit: ExportLimit = None) -> Response:
    """Every matching event with coordinates as a GeoJSON FeatureCollection (capped)."""

    def parts() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        first = True
        for stored in _all_events(request, filters, limit):
            feature = event_feature(stored)
            if feature is not None:
                yield ("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
                first = False
        yield "\n]}\n"

    return _export(request, parts(), "application/geo+json", "events.geojson")


@router.get("/api/events.parquet", tags=["exports"], response_class=Response)
def export_parquet(request: Request, filters: FilterDep, limit: ExportLimit = None) -> Response:
    """Every matching event as Parquet, the CSV's columns typed (capped)."""
    out = io.BytesIO()
    write_events_parquet(_all_events(request, filters, limit), out)
    return Response(
        out.getvalue(),
        media_type="application/vnd.apache.parquet",
        headers=_export_headers(request, "events.parquet"),
    )


@router.get("/api/events/{event_id}", tags=["events"], responses=NOT_FOUND, response_model=ANSWER)
def get_event(event_id: str, store: StoreDep) -> Response:
    """One event with every report, its sentence, the spans it was read from, the machine's
    reading when an analyst corrected it, and its review history."""
    stored = find_event(store, event_id)
    article = store.get_article(stored.event.article_id)
    machine = stored.machine_event
    return answer(
        {
            **stored_event_to_dict(stored),
            "sentence_text": stored.sentence_text,
            "article": document_to_dict(article) if article is not None else None,
            "machine": event_to_dict(machine) if machine is not None else None,
            "reviews": [review_to_dict(r) for r in store.review_history(stored.event.id)],
        }
    )


@router.get(
    "/api/articles/{article_id}", tags=["articles"], responses=NOT_FOUND, response_model=ANSWER
)
def get_article(article_id: str, store: StoreDep) -> Response:
    """One stored article with its text, and the events it reported."""
    if len(article_id) > 128:
        raise ApiError(404, "no such article")
    article = store.get_article(article_id)
    if article is None:
        raise ApiError(404, f"no article with id '{article_id}'")
    return answer(
        {
            **document_to_dict(article, with_text=True),
            "source_id": article.source_id,
            "events": store.events_of_article(article.id),
        }
    )


@router.get("/api/places", tags=["places"], response_model=ANSWER)
def list_places(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Part of the place's name.", **_TEXT)] = None,
    country: Annotated[str | None, Query(description="Name, ISO2 or ISO3.", **_TEXT)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Places where stored events happened, most events first."""
    code = None
    if country is not None:
        try:
            code = country_code(country)
        except StoreError as exc:
            raise ApiError(400, f"country: {exc}") from None
    found = store.list_places(q, code, limit)
    return answer({"places": [vars(place) for place in found]})


@router.get("/api/actors", tags=["actors"], response_model=ANSWER)
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Part of the actor's name.", **_TEXT)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Actors of stored events, most events first."""
    return answer({"actors": [vars(actor) for actor in store.list_actors(q, limit)]})


@router.get("/api/control", tags=["control"], response_model=ANSWER)
def list_control(
    store: StoreDep,
    place: Annotated[str | None, Query(description="Part of a place's name.", **_TEXT)] = None,
    actor: Annotated[str | None, Query(description="An actor's name or alias.", **_TEXT)] = None,
) -> Response:
    """Who holds which place: each place's timeline, disputed claims side by side; with an
    actor, what it holds, has lost or disputes."""
    actors = actor_names(actor) if actor else ()
    timelines = control_timelines(store.query_control(place, actors))
    held = [holding_to_dict(h) for h in holdings(timelines, actors)] if actors else None
    return answer({"places": [timeline_to_dict(t) for t in timelines], "holdings": held})


def review_to_dict(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "event_id": review.event_id,
        "action": review.action,
        "changes": review.changes or None,
        "note": review.note,
        "user": review.user_name,
        "created_at": review.created_at,
    }


def find_event(store: Store, event_id: str):
    if len(event_id) > 128:
        raise ApiError(404, "no such event")
    try:
        stored = store.get_event(event_id)
    except StoreError as exc:
        raise ApiError(400, str(exc)) from None
    if stored is None:
        raise ApiError(404, f"no event with id '{event_id}'")
    return stored


def _all_events(request: Request, filters: EventFilter, limit: int | None):
    """The matching events, newest first, page by page on a store of its own (a streamed answer
    outlives the request's), up to ``limit`` and the export cap."""
    cap = min(limit or math.inf, request.app.state.config.serve.max_export_events)
    sent = 0
    with request.app.state.pool.store() as store:
        key = None
        while sent < cap:
            found, key = store.query_page(filters, "date", key, min(_EXPORT_PAGE, cap - sent))
            yield from found
            sent += len(found)
            if key is None:
                return


def _export(request: Request, body: Iterator[str], media_type: str, name: str) -> Response:
    return StreamingResponse(body, media_type=media_type, headers=_export_headers(request, name))


def _export_headers(request: Request, name: str) -> dict[str, str]:
    cap = request.app.state.config.serve.max_export_events
    return {
        "Content-Disposition": f'attachment; filename="{name}"',
        # Exports are newest first and stop at the cap; page /api/events for more.
        "X-Export-Limit": str(cap),
    }


def _drain(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise ApiError(400, "bbox: give west,south,east,north in degrees") from None
    valid = (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90
    )  # NaN fails every comparison, so it is refused here too
    if not valid:
        raise ApiError(
            400, "bbox: longitudes from -180 to 180, latitudes from -90 to 90, south <= north"
        )
    return west, south, east, north


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
