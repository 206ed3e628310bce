"""What every response carries and every write needs: security headers, rate limits, tokens.

- Every response gets a strict Content-Security-Policy: scripts, styles and data only from this
  server, no inline script, no frames, no plugins. The page loads nothing from elsewhere, so an
  article full of hostile HTML, shown as text, can run nothing.
- Each client address may make ``rate_limit_per_minute`` requests a minute; past it, 429 with
  Retry-After. /health is exempt, so a load balancer's probes never trip it.
- Writes need ``Authorization: Bearer TOKEN`` of an analyst: 401 without a known token, 403 with a
  viewer's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel

from warmonitor.store.users import User

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

bearer = HTTPBearer(auto_error=False, description="A token from `warmonitor users add`.")

_WINDOW_SECONDS = 60.0
_UNLIMITED_PATHS = frozenset({"/health"})


class ErrorAnswer(BaseModel):
    """Every error: a message a person can act on, and the HTTP status again."""

    error: str
    status: int


def _error(description: str) -> dict:
    return {"model": ErrorAnswer, "description": description}


# The errors any endpoint may answer, documented in the OpenAPI description.
ERROR_RESPONSES: dict[int | str, dict] = {
    400: _error("A parameter is wrong; the message names it."),
    422: _error("The request does not match the schema; the message names the field."),
    429: _error("Too many requests from this address; see Retry-After."),
    503: _error("The database cannot answer now."),
}
NOT_FOUND: dict[int | str, dict] = {404: _error("Nothing has this id.")}
WRITE_RESPONSES: dict[int | str, dict] = {
    401: _error("No token, or an unknown one."),
    403: _error("The token is a viewer's; writes need an analyst's."),
}


class ApiError(Exception):
    """An answer other than success, with a message for the client (rendered as JSON)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message, "status": status}, status, headers=headers)


class RateLimiter:
    """Fixed one-minute windows per client address, kept in memory (one server process)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def retry_after(self, client: str) -> float | None:
        """Count a request; None when it may go ahead, else the seconds until it may."""
        now = self._clock()
        started, count = self._windows.get(client, (now, 0))
        if now - started >= _WINDOW_SECONDS:
            started, count = now, 0
        if count >= self.per_minute:
            return _WINDOW_SECONDS - (now - started)
        self._windows[client] = (started, count + 1)
        if len(self._windows) > 10_000:  # forget clients whose window has passed
            self._windows = {c: w for c, w in self._windows.items() if now - w[0] < _WINDOW_SECONDS}
        return None


def guard_middleware(
    limiter: RateLimiter,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        client = request.client.host if request.client else "unknown"
        wait = None if request.url.path in _UNLIMITED_PATHS else limiter.retry_after(client)
        if wait is not None:
            response = error_response(
                429,
                f"too many requests: at most {limiter.per_minute} a minute; try again later",
                {"Retry-After": str(max(1, math.ceil(wait)))},
            )
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return guard


def require_reader(user: User | None, token_given: bool) -> User:
    """The user a read is made as, on a server whose reads are not open; ApiError 401."""
    if user is None:
        message = (
            "unknown token: ask for a new one ('warmonitor users add NAME --role viewer')"
            if token_given
            else "this server asks for a token to read: send 'Authorization: Bearer TOKEN'"
        )
        raise ApiError(401, message, {"WWW-Authenticate": "Bearer"})
    return user


def require_analyst(user: User | None, token_given: bool) -> User:
    """The user a write is made as; ApiError 401 or 403 when the token does not allow it."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if user is None:
        message = (
            "unknown token: ask for a new one ('warmonitor users add NAME --role analyst')"
            if token_given
            else "this request changes data: send 'Authorization: Bearer TOKEN' with an "
            "analyst's token"
        )
        raise ApiError(401, message, challenge)
    if not user.may_review:
        raise ApiError(403, f"user '{user.name}' is a viewer; reviews need an analyst's token")
    return user
