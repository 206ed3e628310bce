"""The API under load on a million events, side by side with Datasette on the same SQLite file.

1. Builds (once; ``--db`` keeps it) a SQLite database of ``--events`` synthetic events in
   warmonitor's schema: invented events over 40 places in 20 countries, ten years, six event
   types and a dozen actors, one report each, half with a killed figure. Rows are written
   straight into the tables (the coder is not what is measured here).
2. Starts ``warmonitor serve`` and ``datasette serve`` (``--datasette``, installed only in the
   benchmark environment; without it only warmonitor is measured) on 127.0.0.1.
3. For each filtered query (country, type, date range, bounding box, actor, a combination, and
   the next page of one), asks each server ``--requests`` times one after the other: p50 and
   p95 latency. Datasette gets the equivalent table query (same filter, same order, same page
   size, counts and facets off); it answers bare rows, warmonitor whole events with their
   reports and figures.
4. Then ``--clients`` threads ask the queries in turn for ``--seconds``: requests per second.

    python bench/bench_api.py --datasette /tmp/ds/bin/datasette
    python bench/bench_api.py --events 100000 --json bench/results/api.json

Numbers go to stdout, progress to stderr. Nothing here fails when the numbers get worse. Every
request goes to 127.0.0.1; loops are bounded in count and time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]

# (place, ISO2 country, admin1, lat, lon): real places, invented events.
PLACES = [
    ("Mosul", "IQ", "Nineveh", 36.335, 43.119),
    ("Tal Afar", "IQ", "Nineveh", 36.377, 42.450),
    ("Baghdad", "IQ", "Baghdad", 33.341, 44.401),
    ("Ar Raqqah", "SY", "Raqqa", 35.950, 39.009),
    ("Aleppo", "SY", "Aleppo", 36.202, 37.158),
    ("Idlib", "SY", "Idlib", 35.931, 36.634),
    ("Sanaa", "YE", "Sanaa", 15.355, 44.207),
    ("Al Hudaydah", "YE", "Al Hudaydah", 14.798, 42.954),
    ("Mogadishu", "SO", "Banaadir", 2.037, 45.344),
    ("Baidoa", "SO", "Bay", 3.114, 43.650),
    ("Gao", "ML", "Gao", 16.272, -0.043),
    ("Mopti", "ML", "Mopti", 14.484, -4.183),
    ("Maiduguri", "NG", "Borno", 11.846, 13.160),
    ("Kaduna", "NG", "Kaduna", 10.523, 7.438),
    ("Goma", "CD", "North Kivu", -1.679, 29.228),
    ("Bunia", "CD", "Ituri", 1.567, 30.252),
    ("Kandahar", "AF", "Kandahar", 31.613, 65.710),
    ("Kabul", "AF", "Kabul", 34.528, 69.172),
    ("Mandalay", "MM", "Mandalay", 21.975, 96.083),
    ("Malakal", "SS", "Upper Nile", 9.533, 31.660),
    ("Juba", "SS", "Central Equatoria", 4.859, 31.571),
    ("El Fasher", "SD", "North Darfur", 13.628, 25.349),
    ("Khartoum", "SD", "Khartoum", 15.552, 32.532),
    ("Donetsk", "UA", "Donetsk", 48.023, 37.802),
    ("Kharkiv", "UA", "Kharkiv", 49.994, 36.231),
    ("Gaza", "PS", "Gaza Strip", 31.502, 34.467),
    ("Tripoli", "LY", "Tripoli", 32.887, 13.191),
    ("Benghazi", "LY", "Benghazi", 32.117, 20.068),
    ("Ouagadougou", "BF", "Centre", 12.365, -1.534),
    ("Djibo", "BF", "Sahel", 14.101, -1.631),
    ("Port-au-Prince", "HT", "Ouest", 18.543, -72.339),
    ("Culiacan", "MX", "Sinaloa", 24.799, -107.389),
    ("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.008, 71.578),
    ("Quetta", "PK", "Balochistan", 30.188, 67.012),
    ("Cabo Delgado", "MZ", "Cabo Delgado", -12.333, 39.320),
    ("Marawi", "PH", "Lanao del Sur", 7.999, 124.293),
    ("Tigray", "ET", "Tigray", 14.032, 38.316),
    ("Bamenda", "CM", "North-West", 5.960, 10.146),
    ("Diffa", "NE", "Diffa", 13.315, 12.611),
    ("Kidal", "ML", "Kidal", 18.441, 1.408),
]
TYPES = [
    ("Battles", "Armed clash", "ASSAULT", "firearms"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "aerial"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "artillery"),
    ("Violence against civilians", "Attack", "ASSAULT", "firearms"),
    ("Protests", "Peaceful protest", "PROTEST", "demonstrate"),
    ("Strategic developments", "Arrests", "COERCE", "arrest"),
]
ACTORS = [
    ("Islamic State", "Rebel group"),
    ("al-Shabaab", "Rebel group"),
    ("Houthis", "Rebel group"),
    ("JNIM", "Rebel group"),
    ("Boko Haram", "Rebel group"),
    ("Taliban", "Rebel group"),
    ("Military Forces of Iraq", "State forces"),
    ("Military Forces of Syria", "State forces"),
    ("Military Forces of Somalia", "State forces"),
    ("Military Forces of Mali", "State forces"),
    ("Police Forces of Nigeria", "State forces"),
    ("Civilians", "Civilians"),
]
SENTENCE = (
    "Fighters attacked a checkpoint near the town on Monday, killing five people, officials said."
)

# (name, warmonitor query, Datasette table query): the same filter, order and page size.
QUERIES = [
    ("newest", {}, {}),
    ("country", {"country": "SY"}, {"country_code": "SY"}),
    ("type", {"type": "Battles"}, {"event_type": "Battles"}),
    (
        "date range",
        {"since": "2019-03-01", "until": "2019-03-31"},
        {"date_start__gte": "2019-03-01", "date_start__lte": "2019-03-31"},
    ),
    (
        "bbox",
        {"bbox": "42,35,45,37"},
        {
            "longitude__gte": "42",
            "longitude__lte": "45",
            "latitude__gte": "35",
            "latitude__lte": "37",
        },
    ),
    ("actor", {"actor": "Houthis"}, {"actor1": "Houthis"}),
    (
        "country+type+year",
        {"country": "IQ", "type": "Battles", "since": "2020-01-01", "until": "2020-12-31"},
        {
            "country_code": "IQ",
            "event_type": "Battles",
            "date_start__gte": "2020-01-01",
            "date_start__lte": "2020-12-31",
        },
    ),  # fmt: skip
]
PAGE = 100


def build(path: Path, events: int, seed: int = 7) -> None:
    """A database of ``events`` synthetic events, written straight into warmonitor's tables."""
    from warmonitor.export.contract import event_to_dict  # noqa: F401 (the record's shape)
    from warmonitor.model import Actor, Event, EventDate, Figure, Place, Source, Span
    from warmonitor.store import open_store
    from warmonitor.store.codec import event_to_record
    from warmonitor.store.fatalities import acled_fatalities

    rng = random.Random(seed)
    articles = max(1, events // 50)
    now = "2025-01-01T00:00:00Z"
    started = time.monotonic()
    with open_store(str(path)) as store:
        conn = store._conn
        conn.execute("BEGIN")
        for name, actor_type in ACTORS:
            conn.execute(
                "INSERT INTO actors (name, type) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (name, actor_type),
            )
        for place, cc, admin1, lat, lon in PLACES:
            conn.execute(
                "INSERT INTO places (place_key, name, lat, lon, country_code, admin1) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (f"name:{place}|{cc}", place, lat, lon, cc, admin1),
            )
        conn.execute("INSERT INTO sources (name, type) VALUES ('officials', 'government')")
        article_rows = [
            (f"{i:064x}", f"bench-{i}", f"Report {i}. {SENTENCE}", now) for i in range(articles)
        ]
        conn.executemany(
            "INSERT INTO articles (id, source_id, text, ingested_at) VALUES (?, ?, ?, ?)",
            article_rows,
        )
        sentence = Span(len("Report 0. "), len("Report 0. ") + len(SENTENCE), SENTENCE)
        first_day = dt.date(2015, 1, 1)
        batch: list[tuple] = []
        reports: list[tuple] = []
        figures: list[tuple] = []
        for i in range(events):
            place, cc, admin1, lat, lon = rng.choice(PLACES)
            event_type, sub_type, plover, mode = rng.choice(TYPES)
            actor1, actor2 = rng.sample(ACTORS, 2)
            day = first_day + dt.timedelta(days=rng.randrange(3650))
            article = f"{i // 50:064x}"
            killed = rng.randrange(1, 40) if rng.random() < 0.5 else None
            figure = (
                (Figure("killed", killed, killed, killed, False, "people", Span(0, 4, "five"),
                        Source("officials", "government")),)
                if killed else ()
            )  # fmt: skip
            event = Event(
                id=f"{i:016x}",
                article_id=article,
                sentence=sentence,
                trigger=Span(sentence.start + 10, sentence.start + 18, "attacked"),
                event_type=event_type,
                sub_event_type=sub_type,
                plover_type=plover,
                plover_mode=mode,
                actor1=Actor(actor1[0], actor1[1], None, None),
                actor2=Actor(actor2[0], actor2[1], None, None),
                location=Place(place, None, None, lat + rng.uniform(-0.2, 0.2),
                               lon + rng.uniform(-0.2, 0.2), cc, admin1, None, "PPL", 1),
                date=EventDate(day, day, 1),
                figures=figure,
                according_to=Source("officials", "government"),
                confidence=0.8,
            )  # fmt: skip
            batch.append(
                (
                    event.id, article, sentence.start, sentence.end, event_type, sub_type,
                    plover, mode, actor1[0], actor2[0], f"name:{place}|{cc}", cc, admin1,
                    place, event.location.lat, event.location.lon, 1, day.isoformat(),
                    day.isoformat(), 1, "asserted", "officials", 0.8,
                    acled_fatalities(figure), json.dumps(event_to_record(event)), now, now,
                )
            )  # fmt: skip
            reports.append((event.id, article, now))
            if killed:
                figures.append((article, event.id, "killed", killed, killed, killed, 0,
                                "people", "event", 0, 4, "five", "officials"))  # fmt: skip
            if len(batch) == 20_000 or i == events - 1:
                conn.executemany(
                    "INSERT INTO events (id, article_id, sentence_start, sentence_end, "
                    "event_type, sub_event_type, plover_type, plover_mode, actor1, actor2, "
                    "place_key, country_code, admin1, location, latitude, longitude, "
                    "geo_precision, date_start, date_end, date_precision, modality, "
                    "according_to, confidence, fatalities, event_json, created_at, updated_at) "
                    "VALUES (" + ", ".join("?" * 27) + ")",
                    batch,
                )
                conn.executemany(
                    "INSERT INTO event_reports (event_id, article_id, created_at) VALUES (?, ?, ?)",
                    reports,
                )
                conn.executemany(
                    "INSERT INTO figures (article_id, event_id, kind, low, best, high, "
                    "approximate, who, scope, start_char, end_char, text, source_name) "
                    "VALUES (" + ", ".join("?" * 13) + ")",
                    figures,
                )
                batch, reports, figures = [], [], []
                print(f"  {i + 1:,} events written", file=sys.stderr)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    print(f"built {events:,} events in {time.monotonic() - started:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], url: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise SystemExit(f"{command[0]} stopped: {proc.stderr.read()[-500:]}")
    proc.kill()
    raise SystemExit(f"{command[0]} did not answer within 120 s")


def latencies(client: httpx.Client, url: str, params: dict, count: int) -> list[float]:
    found = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url, params=params)
        found.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} {params}: {response.status_code} {response.text[:200]}")
    return found


def throughput(url: str, params_list: list[dict], clients: int, seconds: float) -> float:
    done = [0] * clients
    stop = time.monotonic() + seconds

    def worker(slot: int) -> None:
        with httpx.Client(timeout=30) as client:
            turn = slot
            while time.monotonic() < stop:
                client.get(url, params=params_list[turn % len(params_list)])
                done[slot] += 1
                turn += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("bench/results/api-1m.db"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="per query and server")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--datasette", default=shutil.which("datasette"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.events)
    servers = {}
    port = free_port()
    env = os.environ | {"WARMONITOR_CACHE": str(args.db.parent / "cache")}
    warmonitor = start(
        [sys.executable, "-m", "warmonitor", "--set", "serve.rate_limit_per_minute=1000000000",
         "serve", "--db", str(args.db), "--port", str(port)],
        f"http://127.0.0.1:{port}/health",
        env,
    )  # fmt: skip
    servers["warmonitor"] = (warmonitor, f"http://127.0.0.1:{port}/api/events")
    if args.datasette:
        ds_port = free_port()
        table = f"http://127.0.0.1:{ds_port}/{args.db.stem}/events.json"
        datasette = start(
            [args.datasette, "serve", str(args.db), "--port", str(ds_port), "--immutable",
             str(args.db), "--setting", "sql_time_limit_ms", "10000",
             "--setting", "default_page_size", str(PAGE)],
            f"http://127.0.0.1:{ds_port}/-/versions.json",
        )  # fmt: skip
        servers["datasette"] = (datasette, table)
    else:
        print("Datasette not found (--datasette PATH): measuring warmonitor alone", file=sys.stderr)

    def params(server: str, query: tuple) -> dict:
        if server == "warmonitor":
            return query[1] | {"limit": str(PAGE)}
        return query[2] | {"_sort_desc": "date_start", "_size": str(PAGE), "_nocount": "1",
                           "_nofacet": "1", "_nosuggest": "1", "_shape": "objects"}  # fmt: skip

    results: dict = {"events": args.events, "page": PAGE, "queries": {}, "rps": {}}
    try:
        with httpx.Client(timeout=30) as client:
            # The second page of the "country" query: a keyset page that starts mid-way.
            first = client.get(servers["warmonitor"][1], params=params("warmonitor", QUERIES[1]))
            second = {"country": "SY", "page": first.json()["next"]}
            for query in [*QUERIES, ("country, page 2", second, None)]:
                row = {}
                for name, (_, url) in servers.items():
                    if query[2] is None and name != "warmonitor":
                        continue
                    p = query[1] | {"limit": str(PAGE)} if query[2] is None else params(name, query)
                    latencies(client, url, p, 5)  # warm caches
                    measured = latencies(client, url, p, args.requests)
                    row[name] = {
                        "p50_ms": round(statistics.median(measured), 2),
                        "p95_ms": round(percentile(measured, 0.95), 2),
                    }
                results["queries"][query[0]] = row
                print(f"  {query[0]}: {row}", file=sys.stderr)
        for name, (_, url) in servers.items():
            results["rps"][name] = round(
                throughput(url, [params(name, q) for q in QUERIES], args.clients, args.seconds), 1
            )
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=30)

    names = list(servers)
    print(f"\n{args.events:,} events, pages of {PAGE}; latency one request at a time")
    print(f"{'query':<20}" + "".join(f"{n + ' p50':>16}{n + ' p95':>16}" for n in names))
    for query, row in results["queries"].items():
        cells = "".join(
            f"{row[n]['p50_ms']:>13.1f} ms{row[n]['p95_ms']:>13.1f} ms" if n in row else " " * 32
            for n in names
        )
        print(f"{query:<20}{cells}")
    print(
        f"\nrequests per second, {args.clients} clients for {args.seconds:.0f} s, queries in turn:"
    )
    for name in names:
        print(f"  {name:<12}{results['rps'][name]:>10.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
