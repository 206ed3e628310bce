"""Analyst review over HTTP: POST a review with an analyst's token, GET the history."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, ConfigDict, Field

from warmonitor.api.events import (
    ANSWER,
    ReaderDep,
    StoreDep,
    answer,
    find_event,
    review_to_dict,
)
from warmonitor.api.guards import (
    ERROR_RESPONSES,
    NOT_FOUND,
    WRITE_RESPONSES,
    ApiError,
    bearer,
    require_analyst,
)
from warmonitor.export.events_json import stored_event_to_dict
from warmonitor.store.reviews import CORRECTABLE, ReviewError
from warmonitor.store.users import User

router = APIRouter(tags=["reviews"], responses=ERROR_RESPONSES | NOT_FOUND)


class ReviewIn(BaseModel):
    """A review of one event. ``changes`` (for "correct" only) maps corrected fields to values:
    event_type, sub_event_type (ACLED names), actor1/actor2 ({"name", "type"?} or null),
    location ({"name", "lat", "lon", "country_code"?, "admin1"?, "precision"?} or null),
    date ({"start", "end"?, "precision"?} or null), figures ([{"kind", "best", "low"?,
    "high"?, "who"?}])."""

    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(min_length=6, max_length=128)
    action: Literal["confirm", "correct", "reject"]
    changes: dict[str, Any] | None = None
    note: str | None = Field(default=None, max_length=4000)


def analyst(
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    token = credentials.credentials if credentials is not None else None
    user = store.user_by_token(token) if token else None
    return require_analyst(user, token_given=bool(token))


@router.post("/api/reviews", status_code=201, responses=WRITE_RESPONSES, response_model=ANSWER)
def post_review(
    review: ReviewIn, store: StoreDep, user: Annotated[User, Depends(analyst)]
) -> Response:
    """Confirm, correct or reject an event; kept as history with who and when. Answers the
    review and the event as it now reads."""
    stored = find_event(store, review.event_id)
    try:
        taken = store.review(stored.event.id, review.action, user.name, review.changes, review.note)
    except ReviewError as exc:
        raise ApiError(422, f"{exc} (correctable: {', '.join(CORRECTABLE)})") from None
    updated = find_event(store, stored.event.id)
    return answer({"review": review_to_dict(taken), "event": stored_event_to_dict(updated)}, 201)


@router.get("/api/reviews", response_model=ANSWER)
def list_reviews(
    store: StoreDep,
    _: ReaderDep,
    event_id: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Review history, oldest first: of one event, or the latest reviews of all events."""
    if event_id is not None:
        event_id = find_event(store, event_id).event.id
    history = store.review_history(event_id, limit)
    return answer({"reviews": [review_to_dict(r) for r in history]})
