"""The REST API over a real SQLite file: pages, filters, one event, exports, reviews with tokens,
JSON errors, security headers and the rate limit."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tests.conftest import BACKENDS, new_store_url
from tests.test_store_builders import (
    ISLAMIC_STATE,
    battle_event,
    civilians_event,
    iraq_article,
    iraq_extraction,
    syria_extraction,
    tal_afar,
)
from warmonitor.api import create_app
from warmonitor.api.guards import CONTENT_SECURITY_POLICY
from warmonitor.config import Config, ServeConfig
from warmonitor.export.acled_csv import COLUMNS
from warmonitor.model import ControlRecord, Source
from warmonitor.store import open_store

BATTLE = battle_event().id


def iraq_with_control():
    extraction = iraq_extraction()
    event = battle_event()
    record = ControlRecord(
        kind="change",
        territory="Tal Afar",
        place=tal_afar(),
        from_actor="Military Forces of Iraq",
        to_actor=ISLAMIC_STATE,
        date=event.date,
        according_to=Source("Iraqi military", "military"),
        span=event.sentence,
        event_id=event.id,
    )
    return dataclasses.replace(extraction, control=(record,))


def seed(url: str) -> dict[str, str]:
    """Store the invented reports and two users at ``url``; their tokens."""
    with open_store(url) as store:
        store.save(iraq_with_control())
        store.save(syria_extraction())
        return {
            "analyst": store.add_user("ana", "analyst"),
            "viewer": store.add_user("vic", "viewer"),
        }


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory) -> tuple[str, dict[str, str]]:
    """The API's database, on SQLite and on PostgreSQL."""
    url = new_store_url(request.param, tmp_path_factory.mktemp("api"), request)
    return url, seed(url)


@pytest.fixture
def fresh(seeded, request, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A seeded database of the same kind for a test that writes, so the others keep theirs."""
    url = new_store_url("sqlite" if "://" not in seeded[0] else "postgresql", tmp_path, request)
    return url, seed(url)


def client_for(url: str, **serve: int) -> TestClient:
    config = dataclasses.replace(Config(), serve=dataclasses.replace(ServeConfig(), **serve))
    return TestClient(create_app(config, url))


@pytest.fixture(scope="module")
def client(seeded) -> TestClient:
    with client_for(seeded[0], default_page_size=2, max_page_size=5) as client:
        yield client


def test_health_and_security_headers(client: TestClient):
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_openapi_lists_every_endpoint_and_no_cdn_docs(client: TestClient):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/events.csv",
        "/api/events.geojson",
        "/api/events.parquet",
        "/api/articles/{article_id}",
        "/api/places",
        "/api/actors",
        "/api/control",
        "/api/timeline",
        "/api/reviews",
        "/health",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_pages_walk_every_event_once(client: TestClient):
    seen, url = [], "/api/events"
    while url:
        body = client.get(url).json()
        assert body["count"] == len(body["events"]) <= 2
        seen += [event["event_id"] for event in body["events"]]
        url = body["next_url"]
    assert len(seen) == len(set(seen)) == 3  # two Iraqi events, one Syrian
    everything = client.get("/api/events", params={"limit": 5}).json()
    assert [e["event_id"] for e in everything["events"]] == seen and everything["next"] is None


def test_page_size_is_capped_and_tokens_checked(client: TestClient):
    response = client.get("/api/events", params={"limit": 6})
    assert response.status_code == 400
    assert response.json() == {"error": "limit: at most 5 events a page", "status": 400}
    assert client.get("/api/events", params={"page": "not-a-token"}).status_code == 400
    token = client.get("/api/events").json()["next"]
    response = client.get("/api/events", params={"page": token, "order": "updated"})
    assert response.status_code == 400 and "order=date" in response.json()["error"]


def test_field_selection(client: TestClient):
    body = client.get("/api/events", params={"fields": "event_id,location"}).json()
    assert all(set(event) == {"event_id", "location"} for event in body["events"])
    response = client.get("/api/events", params={"fields": "event_id,password"})
    assert response.status_code == 400 and "password" in response.json()["error"]


def ids(client: TestClient, **params) -> set[str]:
    response = client.get("/api/events", params={"limit": 5, **params})
    assert response.status_code == 200, response.text
    return {event["event_id"] for event in response.json()["events"]}


def test_filters(client: TestClient):
    iraq = {BATTLE, civilians_event().id}
    assert ids(client, country="Iraq") == iraq == ids(client, country="IRQ")
    assert ids(client, admin1="Nineveh") == iraq
    assert ids(client, actor="ISIS") >= {BATTLE}  # an alias finds Islamic State
    assert ids(client, type="Battles") >= {BATTLE}
    assert ids(client, bbox="42,36,43,37") == {BATTLE}
    assert ids(client, q="killing at least 12") == {BATTLE}
    assert ids(client, since="2024-03-04", until="2024-03-04") == {BATTLE}
    assert ids(client, updated_since="2999-01-01T00:00:00+02:00") == set()


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"country": "Narnia"}, "unknown country"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "0,50,10,40"}, "south <= north"),
        ({"since": "yesterday"}, "since"),
        ({"review_status": "maybe"}, "review_status"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filters_are_json_errors(client: TestClient, params, words):
    response = client.get("/api/events", params=params)
    assert response.status_code in (400, 422)
    assert words in response.json()["error"]


def test_one_event_with_reports_sentence_and_reviews(client: TestClient):
    body = client.get(f"/api/events/{BATTLE[:10]}").json()
    assert body["event_id"] == BATTLE
    assert body["sentence_text"].startswith("Islamic State militants attacked")
    assert body["reports"][0]["article_id"] == iraq_article().id
    assert body["article"]["title"] == iraq_article().title
    assert body["actor1"]["text"] == "Islamic State militants"
    assert body["machine"] is None and body["reviews"] == []
    missing = client.get("/api/events/" + "f" * 64)
    assert missing.status_code == 404 and missing.json()["error"].startswith("no event")


def test_article_with_text_and_its_events(client: TestClient):
    body = client.get(f"/api/articles/{iraq_article().id}").json()
    assert body["text"] == iraq_article().text
    assert set(body["events"]) == {BATTLE, civilians_event().id}
    assert client.get("/api/articles/nope").status_code == 404


def test_places_actors_and_control(client: TestClient):
    places = client.get("/api/places").json()["places"]
    assert {"Tal Afar", "Mosul"} <= {place["name"] for place in places}
    assert all(place["events"] >= 1 for place in places)
    iraq_places = client.get("/api/places", params={"country": "Iraq"}).json()["places"]
    assert all(place["country_code"] == "IQ" for place in iraq_places)
    actors = client.get("/api/actors", params={"q": "islamic"}).json()["actors"]
    assert [actor["name"] for actor in actors] == [ISLAMIC_STATE]
    control = client.get("/api/control", params={"actor": "ISIS"}).json()
    (timeline,) = control["places"]
    assert timeline["moments"][0]["holders"] == [ISLAMIC_STATE]
    assert control["holdings"][0]["status"] == "holds"


def test_exports(client: TestClient):
    response = client.get("/api/events.csv", params={"country": "Iraq"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 2
    assert {row["warmonitor_event_id"] for row in rows} == {BATTLE, civilians_event().id}
    collection = client.get("/api/events.geojson").json()
    assert collection["type"] == "FeatureCollection"
    assert BATTLE in {feature["id"] for feature in collection["features"]}
    table = pq.read_table(io.BytesIO(client.get("/api/events.parquet").content))
    assert table.num_rows == 3 and table.column_names == list(COLUMNS)
    assert str(table.schema.field("fatalities").type) == "int64"


def test_timeline_counts_events_and_fatalities_per_day(client: TestClient):
    days = client.get("/api/timeline").json()["days"]
    assert [d["day"] for d in days] == sorted(d["day"] for d in days)
    events = client.get("/api/events", params={"limit": 5}).json()["events"]
    dated = [e for e in events if e["date"] and e["date"]["start"]]
    assert sum(d["events"] for d in days) == len(dated)
    battle = next(d for d in days if d["day"] == "2024-03-04")
    assert battle == {"day": "2024-03-04", "events": 1, "fatalities": 12}
    iraq = client.get("/api/timeline", params={"country": "Iraq", "q": "army post"}).json()
    assert sum(d["events"] for d in iraq["days"]) == 2


def test_exports_take_a_limit_newest_first(client: TestClient):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?limit=1").text)))
    newest = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    assert [row["warmonitor_event_id"] for row in rows] == [newest["event_id"]]
    assert client.get("/api/events.geojson", params={"limit": 0}).status_code == 422


def test_writes_need_an_analyst_token(client: TestClient, seeded):
    tokens = seeded[1]
    review = {"event_id": BATTLE, "action": "confirm"}
    response = client.post("/api/reviews", json=review)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["error"]
    response = client.post("/api/reviews", json=review, headers=bearer("wm_forged"))
    assert response.status_code == 401 and "unknown token" in response.json()["error"]
    response = client.post("/api/reviews", json=review, headers=bearer(tokens["viewer"]))
    assert response.status_code == 403 and "viewer" in response.json()["error"]
    assert client.get(f"/api/events/{BATTLE}").json()["review_status"] == "unreviewed"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_review_flow_over_http(fresh):
    analyst = bearer(fresh[1]["analyst"])
    civilians = civilians_event().id
    with client_for(fresh[0]) as client:
        response = client.post(
            "/api/reviews",
            json={
                "event_id": civilians[:8],
                "action": "correct",
                "changes": {"date": {"start": "2024-02-27", "end": "2024-03-01"}},
                "note": "the week before the report",
            },
            headers=analyst,
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["review"]["user"] == "ana" and body["review"]["action"] == "correct"
        assert body["event"]["review_status"] == "corrected"
        assert body["event"]["date"]["start"] == "2024-02-27"
        event = client.get(f"/api/events/{civilians}").json()
        assert event["machine"]["date"]["start"] != "2024-02-27"
        assert [r["note"] for r in event["reviews"]] == ["the week before the report"]
        bad = client.post(
            "/api/reviews",
            json={"event_id": civilians, "action": "correct", "changes": {"confidence": 1}},
            headers=analyst,
        )
        assert bad.status_code == 422 and "cannot correct confidence" in bad.json()["error"]
        extra = client.post(
            "/api/reviews",
            json={"event_id": civilians, "action": "reject", "user": "someone-else"},
            headers=analyst,
        )
        assert extra.status_code == 422
        unknown = client.post(
            "/api/reviews", json={"event_id": "f" * 64, "action": "reject"}, headers=analyst
        )
        assert unknown.status_code == 404
        client.post("/api/reviews", json={"event_id": BATTLE, "action": "reject"}, headers=analyst)
        assert BATTLE not in ids(client)  # rejected events leave the map by default
        assert BATTLE in ids(client, review_status="rejected")
        history = client.get("/api/reviews").json()["reviews"]
        assert [(r["event_id"], r["action"]) for r in history] == [
            (civilians, "correct"),
            (BATTLE, "reject"),
        ]
        csv_rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv").text)))
        status = {row["warmonitor_event_id"]: row["review_status"] for row in csv_rows}
        assert status[civilians] == "corrected"


def test_errors_are_json(client: TestClient):
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.json()["error"] == "no such path: /nowhere"
    response = client.delete("/api/events")
    assert response.status_code == 405 and response.json()["status"] == 405
    response = client.post("/api/reviews", content=b"{not json", headers=bearer("x"))
    assert response.status_code in (401, 422)
    assert json.loads(response.text)["error"]


def test_a_server_with_closed_reads_asks_every_reader_for_a_token(seeded):
    url, tokens = seeded
    with client_for(url, open_reads=False) as client:
        for path in ("/api/events", f"/api/events/{BATTLE}", "/api/places", "/api/reviews"):
            refused = client.get(path)
            assert refused.status_code == 401, path
            assert "asks for a token to read" in refused.json()["error"]
            assert client.get(path, headers=bearer(tokens["viewer"])).status_code == 200
        assert client.get("/api/events.csv", headers=bearer("wm_forged")).status_code == 401
        assert client.get("/health").status_code == 200
        assert client.get("/").status_code == 200  # the page itself holds no data
        review = {"event_id": BATTLE, "action": "confirm"}
        viewer = client.post("/api/reviews", json=review, headers=bearer(tokens["viewer"]))
        assert viewer.status_code == 403


def test_rate_limit(seeded):
    with client_for(seeded[0], rate_limit_per_minute=3) as client:
        assert [client.get("/api/places").status_code for _ in range(3)] == [200] * 3
        refused = client.get("/api/places")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "too many requests" in refused.json()["error"]
        assert refused.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert client.get("/health").status_code == 200  # probes are never refused


def test_a_missing_date_sorts_last(fresh):
    with open_store(fresh[0]) as store:
        store.review(BATTLE, "correct", "ana", {"date": None})
    with client_for(fresh[0]) as client:
        events = client.get("/api/events").json()["events"]
    assert events[-1]["event_id"] == BATTLE and events[-1]["date"] is None
    assert [e["date"]["start"] for e in events[:-1]] == sorted(
        (e["date"]["start"] for e in events[:-1]), reverse=True
    )
