"""The map page at ``/``: the HTML, our script and style, Leaflet, and the offline basemap.

Everything the page loads comes from this server: Leaflet and its marker clustering from the
xstatic packages, country outlines from Natural Earth (basemap.py). The template is rendered
with autoescaping, and the script builds the page's contents with text nodes only, so nothing
an article says is ever read as HTML.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from warmonitor.coding.taxonomy import load_taxonomy
from warmonitor.web.basemap import basemap_json

_HERE = Path(__file__).parent


def mount_page(app: FastAPI) -> None:
    """Add the page, its files and the basemap to ``app``."""
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,  # every value in the HTML is escaped
        undefined=jinja2.StrictUndefined,
    )
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def page(request: Request) -> HTMLResponse:
        types: dict[str, list[str]] = {}
        for entry in load_taxonomy().values():
            types.setdefault(entry.event_type, []).append(entry.sub_event_type)
        html = templates.get_template("index.html").render(event_types=types)
        return HTMLResponse(html)

    @router.get("/basemap.geojson")
    def basemap(request: Request) -> Response:
        data = basemap_json(request.app.state.config.serve.cache_dir)
        return Response(
            data,
            media_type="application/geo+json",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.include_router(router)
    app.mount("/static/app", StaticFiles(directory=_HERE / "static"), name="app")
    app.mount("/static/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount(
        "/static/markercluster", StaticFiles(directory=markercluster.BASE_DIR), name="cluster"
    )
