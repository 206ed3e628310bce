"""The FastAPI application: routes, error answers, guards and the database pool, put together.

Nothing here runs at import: ``create_app`` builds a new application for a database, so tests
and the CLI each get their own.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from warmonitor.api import events, reviews
from warmonitor.api.guards import ApiError, RateLimiter, error_response, guard_middleware
from warmonitor.api.pool import StorePool
from warmonitor.config import Config
from warmonitor.errors import StoreError
from warmonitor.web.page import mount_page

log = logging.getLogger(__name__)

DESCRIPTION = """\
Armed-conflict events read from news reports: who did what to whom, where, when, how many were
killed, wounded or displaced, and according to whom. Reads are open; reviews need an analyst's
bearer token (`warmonitor users add NAME --role analyst`).
"""


def create_app(config: Config, db_url: str) -> FastAPI:
    """The application serving the database at ``db_url`` (StoreError if it cannot open)."""
    pool = StorePool(db_url, config.serve.connections)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="warmonitor",
        version="1",
        description=DESCRIPTION,
        # The interactive docs load scripts from a CDN: no request may leave the server.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.config = config
    app.middleware("http")(guard_middleware(RateLimiter(config.serve.rate_limit_per_minute)))
    _add_error_answers(app)
    app.include_router(events.health_router)
    app.include_router(events.router)
    app.include_router(reviews.router)
    mount_page(app)
    return app


def _add_error_answers(app: FastAPI) -> None:
    """Every error is JSON with a message a person can act on, never a traceback."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors()[:5]:
            where = " ".join(str(part) for part in error.get("loc", ()))
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return error_response(422, "; ".join(problems) or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        return error_response(exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("database error on %s: %s", request.url.path, exc)
        return error_response(503, f"the database cannot answer now ({exc})")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(500, "internal error; the server log has the details")
