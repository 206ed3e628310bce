"""Page tokens and field selection for /api/events.

A page token is the sort key of a page's last event, base64url-encoded JSON. It is not a secret
and not signed: a forged token only moves where the next page starts, so it is checked for shape
and otherwise trusted.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from warmonitor.api.guards import ApiError
from warmonitor.export.events_json import EVENT_FIELDS
from warmonitor.store.records import PageKey

ORDERS = ("date", "updated")


def page_token(key: PageKey) -> str:
    raw = json.dumps([key.order, key.value, key.event_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def page_key(token: str | None, order: str) -> PageKey | None:
    if token is None:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        decoded = None
    valid = (
        isinstance(decoded, list)
        and len(decoded) == 3
        and decoded[0] in ORDERS
        and (decoded[1] is None or isinstance(decoded[1], str))
        and isinstance(decoded[2], str)
    )
    if not valid:
        raise ApiError(400, "page: not a page token; use the 'next' value of a previous page")
    if decoded[0] != order:
        raise ApiError(400, f"page: the token was made for order={decoded[0]}, not order={order}")
    return PageKey(decoded[0], decoded[1], decoded[2])


def selected_fields(fields: str | None) -> tuple[str, ...] | None:
    """The fields asked for (None: all); ApiError naming any unknown field."""
    if fields is None:
        return None
    names = tuple(dict.fromkeys(name.strip() for name in fields.split(",") if name.strip()))
    unknown = [name for name in names if name not in EVENT_FIELDS]
    if unknown or not names:
        raise ApiError(
            400,
            f"fields: unknown {', '.join(unknown) or '(none given)'}; "
            f"choose among {', '.join(EVENT_FIELDS)}",
        )
    return names


def only(record: dict[str, Any], names: tuple[str, ...] | None) -> dict[str, Any]:
    return record if names is None else {name: record[name] for name in names}
