"""The server: a REST API over the store (FastAPI, OpenAPI at /openapi.json) and the map page.

    app = create_app(config, "warmonitor.db")   # then: uvicorn, or `warmonitor serve`

Reads are open; every write needs an analyst's bearer token (`warmonitor users add`).
"""

from warmonitor.api.app import create_app

__all__ = ["create_app"]
