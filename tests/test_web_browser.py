"""The map page in a real browser: Playwright driving Debian's chromium, headless, against
`warmonitor serve`'s application on 127.0.0.1.

The database holds the store tests' invented reports, and a web page full of hostile HTML and
script, ingested through the real HTML reader and coder. Nothing in it may run.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_store_builders import (
    IRAQ_TEXT,
    article_id,
    battle_event,
    iraq_article,
    iraq_extraction,
    syria_extraction,
)
from warmonitor.config import Config, ServeConfig
from warmonitor.model import Extraction

CHROMIUM = Path("/usr/bin/chromium")
# Chromium's own traffic (updates, sync, lookups) would leave the machine: turned off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HOSTILE_PAGE = """<!doctype html><html><head><title>Raid on Dara'a &lt;script&gt;</title>
<script>window.__pwned = "head script";</script></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Gunmen raid checkpoint near Dara'a</h1>
<p>DARA'A, Syria, May 2 - Gunmen attacked a Syrian army checkpoint near Dara'a on Thursday,
killing four soldiers, a military source said. &lt;script&gt;window.__pwned = "text
script"&lt;/script&gt; &lt;img src=x onerror="window.__pwned = 'text image'"&gt;</p>
<p>Residents said the attackers fled toward the border <img src=x
onerror="window.__pwned = 'page image'"> after the clash.</p>
<iframe src="javascript:window.__pwned = 'frame'"></iframe>
</article></body></html>"""

HOSTILE_NAME = "<img src=x onerror=\"window.__pwned='actor'\">"


def chromium_or_skip() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium for these tests")
    pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium to run the browser tests")


def hostile_extraction() -> Extraction:
    """An invented report whose actor name and title are markup, told by its own article."""
    text = IRAQ_TEXT.replace("Wirenews", "Hostile Wire")
    article = iraq_article(
        id=article_id(text), text=text, title="<script>window.__pwned=1</script>"
    )
    event = battle_event(text)
    event = dataclasses.replace(
        event,
        id="d" * 64,
        actor1=dataclasses.replace(event.actor1, name=HOSTILE_NAME),
        location=dataclasses.replace(event.location, name="<b onmouseover=alert(1)>Tal Afar</b>"),
    )
    return Extraction(article=article, events=(event,))


@pytest.fixture(scope="module")
def server(tmp_path_factory, extractor) -> Iterator[tuple[str, dict[str, str], Path]]:
    import uvicorn

    from warmonitor.api import create_app
    from warmonitor.ingest.inputs import iter_articles
    from warmonitor.store import open_store

    chromium_or_skip()
    folder = tmp_path_factory.mktemp("browser")
    page_file = folder / "hostile.html"
    page_file.write_text(HOSTILE_PAGE, encoding="utf-8")
    db = folder / "browser.db"
    with open_store(str(db)) as store:
        store.save(iraq_extraction())
        store.save(syria_extraction())
        store.save(hostile_extraction())
        (article,) = iter_articles([str(page_file)], Config().ingest)
        hostile = extractor.extract(article)
        assert hostile.events, "the hostile page must give an event to show"
        store.save(hostile)
        tokens = {"analyst": store.add_user("ana", "analyst")}
    config = dataclasses.replace(Config(), serve=ServeConfig(cache_dir=folder / "cache"))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config, str(db)), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    tokens["hostile_event"] = hostile.events[0].id
    yield f"http://127.0.0.1:{port}", tokens, folder
    server.should_exit = True
    thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_or_skip()), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors, dialogs and every request it makes."""
    base = server[0]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.problems = []
    page.expected_problems = []  # pieces of console errors a test provokes on purpose
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(base + "/")
    page.wait_for_selector(".event-item", timeout=20_000)
    yield page
    context.close()
    assert all(url.startswith(base + "/") for url in page.requests), page.requests
    unexpected = [
        problem
        for problem in page.problems
        if not any(piece in problem for piece in page.expected_problems)
    ]
    assert unexpected == []


# Events drawn on their own, plus the events inside clusters.
MARKERS_ON_MAP = """() => document.querySelectorAll("path.event-marker").length +
  Array.from(document.querySelectorAll(".marker-cluster span"))
       .reduce((sum, label) => sum + Number(label.textContent), 0)"""


def markers_on_map(page) -> int:
    """The events the map shows, once its zoom animation has settled."""
    counts = [page.evaluate(MARKERS_ON_MAP)]
    while len(counts) < 3 or len(set(counts[-3:])) > 1:
        page.wait_for_timeout(200)
        counts.append(page.evaluate(MARKERS_ON_MAP))
    return counts[-1]


def test_the_page_shows_markers_a_timeline_and_a_list(page, server):
    page.wait_for_function("() => document.querySelectorAll('#timeline rect').length > 0")
    mapped = len(page.request.get(server[0] + "/api/events.geojson").json()["features"])
    stored = page.request.get(server[0] + "/api/events?limit=100").json()["count"]
    assert 4 <= mapped <= stored
    assert markers_on_map(page) == mapped
    assert page.locator(".event-item").count() == stored
    assert page.inner_text("#status").startswith(f"{mapped} events on the map")
    page.screenshot(path=str(server[2] / "map.png"))
    assert (server[2] / "map.png").read_bytes()[:4] == b"\x89PNG"


def test_a_filter_narrows_map_timeline_and_list(page):
    before, bars = page.locator(".event-item").count(), page.locator("#timeline rect").count()
    mapped = markers_on_map(page)
    page.fill("#filters input[name=country]", "Syria")
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"() => document.querySelectorAll('.event-item').length < {before}")
    items = page.locator(".event-item").all_inner_texts()
    assert items and all("Tal Afar" not in item for item in items)
    assert 0 < markers_on_map(page) < mapped
    assert page.locator("#timeline rect").count() <= bars
    page.click("#filters button[type=reset]")
    page.wait_for_function(f"() => document.querySelectorAll('.event-item').length === {before}")


def test_hostile_text_is_shown_and_never_run(page, server):
    for event_id in (server[1]["hostile_event"], "d" * 64):
        page.evaluate(
            "id => document.querySelector(`[data-event-id='${id}'] button`).click()", event_id
        )
        page.wait_for_selector("#article-text mark")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#article-text img, #article-text script, #event-view img").count() == 0
        if event_id == "d" * 64:
            assert HOSTILE_NAME in page.inner_text("#event-facts")  # shown as the text it is
        page.click("#close-event")
    page.locator(f"[data-event-id='{server[1]['hostile_event']}'] button").click()
    page.wait_for_function(
        "() => document.querySelector('#article-text').textContent.includes('<img src=x')"
    )
    page.mouse.move(10, 10)
    assert page.evaluate("window.__pwned") is None


def test_review_end_to_end(page, server):
    event_id = battle_event().id
    page.locator(f"[data-event-id='{event_id}'] button").click()
    page.wait_for_selector("#article-text mark.figure")
    assert page.inner_text("#review-history") == "not reviewed yet"
    page.fill("#sign-in input[name=token]", server[1]["analyst"])
    page.click("#sign-in button[type=submit]")
    page.select_option("#review-form select[name=action]", "correct")
    page.fill("#review-form input[name=killed]", "15")
    page.fill("#review-form textarea[name=note]", "the ministry's later toll")
    page.click("#review-form button[type=submit]")
    saved = "Saved: correct by ana"
    page.wait_for_function(
        f"() => document.querySelector('#review-status').textContent.startsWith('{saved}')"
    )
    assert "the ministry's later toll" in page.inner_text("#review-history")
    assert "figures" in page.inner_text("#event-facts")
    assert "15 killed" in page.locator(f"[data-event-id='{event_id}']").text_content()
    # A wrong token is refused with the server's message, and nothing changes.
    page.expected_problems.append("status of 401 (Unauthorized)")
    page.fill("#sign-in input[name=token]", "wm_wrong")
    page.click("#sign-in button[type=submit]")
    page.select_option("#review-form select[name=action]", "reject")
    page.click("#review-form button[type=submit]")
    page.wait_for_function(
        "() => document.querySelector('#review-status').textContent.includes('unknown token')"
    )
    assert "rejected" not in page.locator(f"[data-event-id='{event_id}']").text_content()


def test_the_map_is_drawn_from_this_server_alone(page):
    # The page fixture checks that every request went to this server; these were among them.
    assert any(url.endswith("/basemap.geojson") for url in page.requests)
    assert any("/static/leaflet/leaflet.js" in url for url in page.requests)
    # The countries: 250 outlines drawn from the Natural Earth basemap.
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 150"
    )
