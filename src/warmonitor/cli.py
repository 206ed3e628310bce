"""The command line: a thin edge over the library, and the only place that prints or exits.

warmonitor ingest examples/            # reports into ./warmonitor.db
warmonitor events --country Syria      # query what was stored
warmonitor extract report.txt --published 2017-06-30   # JSON, no database
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from warmonitor.config import Config, load_config
from warmonitor.errors import WarmonitorError
from warmonitor.export.contract import extraction_to_dict
from warmonitor.model import Article, FailedInput

app = typer.Typer(
    help="News reports in; a source-attributed, geolocated record of armed conflict out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build or inspect the offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
users_app = typer.Typer(help="Who may review events on the server.", no_args_is_help=True)
app.add_typer(users_app, name="users")

# Messages stay whole on one line whatever the terminal's width: logs are read line by line.
err = Console(stderr=True, highlight=False, soft_wrap=True)


SOURCES_HELP = (
    "Files (.txt, .html, .jsonl), WARC crawls (.warc, .warc.gz), RSS/Atom files, folders, "
    "http(s) URLs of news pages or feeds, or -."
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    geojson = "geojson"


@app.callback()
def main_options(
    ctx: typer.Context,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="A TOML file of settings.", exists=True)
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a setting: --set ingest.max_bytes=1000000"),
    ] = None,
) -> None:
    overrides = {}
    for item in settings or []:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--set {item}: write it as section.key=value")
        overrides[key.strip()] = value.strip()
    ctx.obj = _guard(lambda: load_config(config_file, overrides))


PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date (YYYY-MM-DD) for inputs that carry none; relative dates such as "
        "'on Friday' are resolved against it.",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Fetch URLs on loopback and private networks too (refused by default: a hostile "
        "link must not reach internal services).",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database: a SQLite path (default ./warmonitor.db) or a postgresql:// URL."
    ),
]


@app.command()
def extract(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help=SOURCES_HELP)],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here.")] = None,
    published: PublishedOption = None,
    with_text: Annotated[
        bool, typer.Option("--with-text", help="Include the cleaned text.")
    ] = False,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Read reports and print one JSON object per document (no database is touched).

    Example: warmonitor extract report.txt --published 2017-06-30 --with-text
    """
    from warmonitor.ingest.fetch import Fetcher
    from warmonitor.ingest.inputs import iter_articles
    from warmonitor.pipeline import Extractor
    from warmonitor.runs import internal_error

    config: Config = ctx.obj
    day = _parse_date(published)
    extractor = _guard(lambda: Extractor.load(config, on_progress=_note))
    failures = 0
    fetcher = Fetcher(config.fetch, allow_private=allow_private)
    with fetcher, _open_output(output) as out:
        articles = iter_articles(
            inputs, config.ingest, published=day, stdin=sys.stdin.buffer, fetcher=fetcher
        )
        for item in articles:
            if isinstance(item, FailedInput):
                failures += 0 if item.skipped else 1
                _report_failure(err, item)
                record = {"id": item.source_id, "error": item.message}
            else:
                try:
                    record = extraction_to_dict(extractor.extract(item), with_text=with_text)
                except Exception as exc:  # one bad document must not end the run
                    failures += 1
                    message = internal_error(item, exc)
                    err.print(f"[red]error:[/] {escape(message)}")
                    record = {"id": item.source_id or item.id, "error": message}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    if failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help=SOURCES_HELP)],
    db: DbOption = None,
    published: PublishedOption = None,
    allow_private: AllowPrivateOption = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Extract in this many local processes.")
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Extract on a Dask cluster (tcp://HOST:PORT); its workers must see --shards.",
        ),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            "--shards", help="Keep the workers' Parquet shards here (default: a temporary folder)."
        ),
    ] = None,
) -> None:
    """Read reports, code their events and store them; the same input twice adds nothing.

    Example: warmonitor ingest examples/ --db warmonitor.db
    """
    from warmonitor.runs import Tally

    config: Config = ctx.obj
    day = _parse_date(published)
    started = time.monotonic()
    if "-" in sources and (workers > 1 or scheduler):
        _fail("standard input (-) is read in one process; drop --workers and --scheduler")
    tally = Tally()
    if workers > 1 or scheduler:
        incomplete = _ingest_spread(
            config, sources, db, day, allow_private, workers, scheduler, shards, tally
        )
    else:
        incomplete = _ingest_here(config, sources, db, day, allow_private, tally)
    err.print(tally.summary(time.monotonic() - started))
    _name_incomplete(incomplete)
    if tally.failures:
        raise typer.Exit(1)


def _ingest_here(config, sources, db, day, allow_private, tally) -> list:
    """Read, extract and store in this process, source by source."""
    from warmonitor.ingest.fetch import Fetcher
    from warmonitor.ingest.inputs import iter_articles
    from warmonitor.pipeline import Extractor
    from warmonitor.store import open_store

    extractor = _guard(lambda: Extractor.load(config, on_progress=_note))
    store = _guard(lambda: open_store(db or config.store.url))
    fetcher = Fetcher(config.fetch, allow_private=allow_private)
    with store, fetcher, _progress() as progress:
        groups = (
            (
                source,
                iter_articles(
                    [source],
                    config.ingest,
                    published=day,
                    stdin=sys.stdin.buffer,
                    fetcher=fetcher,
                ),
            )
            for source in sources
        )
        return _store_groups(progress, store, groups, extractor, config, tally, "ingesting")


def _ingest_spread(
    config, sources, db, day, allow_private, workers, scheduler, shards, tally
) -> list:
    """Extract on worker processes or a Dask cluster into Parquet shards, storing each shard
    here, in task order, as soon as it is ready."""
    import itertools
    import shutil
    import tempfile

    from warmonitor.scale import extracted_rows, plan_tasks
    from warmonitor.store import open_store

    store = _guard(lambda: open_store(db or config.store.url))
    tasks = plan_tasks(sources)
    folder = shards or Path(tempfile.mkdtemp(prefix="warmonitor-shards-"))
    where = f"the Dask cluster at {scheduler}" if scheduler else f"{workers} local processes"
    _note(f"{len(tasks)} tasks on {where}; shards in {folder}")
    try:
        with store, _progress() as progress:
            done = progress.add_task("tasks done", total=len(tasks))
            rows = extracted_rows(
                tasks,
                config,
                folder,
                workers=workers,
                scheduler=scheduler,
                allow_private=allow_private,
                published=day,
                on_done=lambda finished: progress.advance(done),
            )
            groups = itertools.groupby(rows, key=lambda row: row.source)
            try:
                return _store_groups(progress, store, groups, None, config, tally, "storing")
            except OSError as exc:
                _fail(f"{scheduler or 'the worker processes'}: cannot run the tasks ({exc})")
    finally:
        if shards is None:
            shutil.rmtree(folder, ignore_errors=True)


def _load_folder(config, folder: Path, store_url: str, tally) -> list:
    from warmonitor.runs import shard_sources
    from warmonitor.store import open_store

    store = _guard(lambda: open_store(store_url))
    with store, _progress() as progress:
        try:
            return _store_groups(
                progress, store, shard_sources(folder), None, config, tally, "storing"
            )
        except (OSError, ValueError) as exc:
            _fail(f"{folder}: cannot read the shards ({exc})")


def _store_groups(progress, store, groups, extractor, config, tally, label: str) -> list:
    """Store each source's items with its manifest; the manifests of sources not read whole."""
    from warmonitor.runs import ingest_sources, new_run_id

    _note_interrupted(store)
    task = progress.add_task(label, total=None)
    return ingest_sources(
        groups,
        extractor,
        store,
        tally,
        _reporter(progress.console),
        new_run_id(),
        config.linking,
        on_item=lambda: progress.advance(task),
    )


def _note_interrupted(store) -> None:
    interrupted = store.interrupted_sources()
    if interrupted:
        names = ", ".join(run.source for run in interrupted)
        _note(f"an earlier run was interrupted while reading {names}; what it stored is kept")


def _name_incomplete(incomplete: list) -> None:
    if incomplete:
        named = "; ".join(f"{run.source} ({_errors(run.failures)})" for run in incomplete)
        err.print(
            f"[red]error:[/] not every source was read whole: {escape(named)}; "
            "fix them and run again (what was stored is kept)"
        )


@app.command()
def load(
    ctx: typer.Context,
    shards: Annotated[Path, typer.Argument(help="A folder of Parquet shards from --shards.")],
    db: DbOption = None,
) -> None:
    """Store the Parquet shards of a cluster run, in task order, as ingest would have.

    Example: warmonitor load shards/ --db warmonitor.db
    """
    from warmonitor.runs import Tally

    config: Config = ctx.obj
    if not shards.is_dir():
        _fail(f"{shards}: no such folder; give the folder that --shards wrote")
    started = time.monotonic()
    tally = Tally()
    incomplete = _load_folder(config, shards, db or config.store.url, tally)
    err.print(tally.summary(time.monotonic() - started))
    _name_incomplete(incomplete)
    if tally.failures:
        raise typer.Exit(1)


def _errors(count: int) -> str:
    return f"{count} error" + ("s" if count != 1 else "")


@app.command()
def watch(
    ctx: typer.Context,
    feeds: Annotated[Path, typer.Argument(help="A text file of RSS/Atom feed URLs, one per line.")],
    every: Annotated[
        str, typer.Option("--every", help="How often each feed is polled: 90s, 15m, 1h.")
    ] = "15m",
    once: Annotated[
        bool, typer.Option("--once", help="Poll the due feeds once and exit (for cron).")
    ] = False,
    db: DbOption = None,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Poll feeds, ingest the reports they list, and remember what was seen across restarts.

    Example: warmonitor watch feeds.txt --every 15m
    """
    from warmonitor.ingest.fetch import Fetcher
    from warmonitor.pipeline import Extractor
    from warmonitor.runs import Tally
    from warmonitor.store import open_store
    from warmonitor.watching import is_due, next_due, parse_interval, poll_feed, read_feed_list

    config: Config = ctx.obj
    try:
        interval = parse_interval(every)
    except ValueError as exc:
        _fail(f"--every {exc}")
    feed_list = _guard(lambda: read_feed_list(feeds))
    for problem in feed_list.problems:
        err.print(f"[red]error:[/] {escape(problem)}")
    if not feed_list.urls:
        _fail(f"{feeds}: lists no feed URL; write one http(s) URL per line")
    extractor = _guard(lambda: Extractor.load(config, on_progress=_note))
    store = _guard(lambda: open_store(db or config.store.url))
    fetcher = Fetcher(config.fetch, allow_private=allow_private)
    failed_feeds = 0
    # A watch stops on Ctrl-C, even when started by a process that ignores the interrupt
    # (a supervisor, a test runner's worker): that ignoring is inherited, and would make it
    # poll until killed.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with store, fetcher:
        try:
            while True:
                started = time.monotonic()
                now = dt.datetime.now(dt.UTC)
                tally = Tally()
                due = [url for url in feed_list.urls if is_due(store.feed_state(url), now)]
                failed_feeds = 0
                with _progress() as progress:
                    task = progress.add_task("polling feeds", total=len(due))
                    for url in due:
                        outcome = poll_feed(
                            url,
                            fetcher=fetcher,
                            store=store,
                            extractor=extractor,
                            ingest=config.ingest,
                            every=interval,
                            now=now,
                            tally=tally,
                            report=_reporter(progress.console),
                        )
                        failed_feeds += not outcome.ok
                        progress.advance(task)
                seconds = time.monotonic() - started
                err.print(
                    f"{len(due)} feeds polled ({failed_feeds} failed); " + tally.summary(seconds)
                )
                if once:
                    break
                wake = next_due([store.feed_state(u) for u in feed_list.urls], now + interval)
                pause = max((wake - dt.datetime.now(dt.UTC)).total_seconds(), 1.0)
                _note(f"next poll at {wake:%Y-%m-%d %H:%M:%S} UTC")
                time.sleep(pause)
        except KeyboardInterrupt:
            err.print("watch stopped; what was seen is remembered for the next run")
            return
    if once and (failed_feeds or tally.failures or feed_list.problems):
        raise typer.Exit(1)


@app.command()
def events(
    ctx: typer.Context,
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="Country name, ISO2 or ISO3.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    sub_event_type: Annotated[
        str | None, typer.Option("--sub-type", help="ACLED sub-event type.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name.")] = None,
    place: Annotated[
        str | None, typer.Option(help="Part of a place, admin1 or admin2 name.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.", min=0)] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table, csv (ACLED columns), json, geojson."),
    ] = OutputFormat.table,
) -> None:
    """Query stored events.

    Example: warmonitor events --country Syria --type Battles --format csv > syria.csv
    """
    from warmonitor.export.acled_csv import write_acled_csv
    from warmonitor.export.events_json import write_events_jsonl
    from warmonitor.export.geojson import write_geojson
    from warmonitor.store import EventFilter

    config: Config = ctx.obj
    filters = EventFilter(
        country=country,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        place=place,
        date_from=_parse_date(since),
        date_to=_parse_date(until),
        limit=limit,
    )
    with _open_existing_store(db or config.store.url) as store:
        found = _guard(lambda: store.query_events(filters))
    if output_format is OutputFormat.csv:
        write_acled_csv(found, sys.stdout)
    elif output_format is OutputFormat.json:
        write_events_jsonl(found, sys.stdout)
    elif output_format is OutputFormat.geojson:
        write_geojson(found, sys.stdout)
    else:
        _print_event_table(found)


@app.command()
def show(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="An event id (or its first 6+ characters).")],
    db: DbOption = None,
) -> None:
    """Print one event with the sentence it was read from and every span it used.

    Example: warmonitor show 3f2a9c
    """
    config: Config = ctx.obj
    with _open_existing_store(db or config.store.url) as store:
        stored = _guard(lambda: store.get_event(event_id))
        if stored is None:
            _fail(f"no event with id {event_id!r}; list ids with 'warmonitor events'")
        article = store.get_article(stored.event.article_id)
    _print_event(stored, article)


@app.command()
def control(
    ctx: typer.Context,
    db: DbOption = None,
    place: Annotated[
        str | None, typer.Option(help="Part of a place's name, territory or province.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="An actor's name, alias or part of its name.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, csv or json.")
    ] = OutputFormat.table,
) -> None:
    """Who holds which place: the control timeline of places, conflicting claims side by side.

    With --actor, the table also lists what that actor holds, has lost or disputes.

    Example: warmonitor control --place Raqqa
    """
    from warmonitor.coding.knowledge import actor_names
    from warmonitor.export.control import (
        control_timelines,
        holdings,
        write_control_csv,
        write_control_jsonl,
    )

    config: Config = ctx.obj
    actors = actor_names(actor) if actor else ()
    with _open_existing_store(db or config.store.url) as store:
        found = _guard(lambda: store.query_control(place, actors))
    timelines = control_timelines(found)
    if output_format is OutputFormat.csv:
        write_control_csv(timelines, sys.stdout)
    elif output_format is OutputFormat.json:
        write_control_jsonl(timelines, sys.stdout)
    elif output_format is OutputFormat.geojson:
        _fail("control records export as table, csv or json")
    else:
        _print_control(timelines, holdings(timelines, actors) if actors else None, actor)
    err.print(f"{len(found)} control records, {len(timelines)} places")


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option(help="Folder of the gold JSONL files.")] = Path(
        "../shared/gold"
    ),
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Only these sets: case2021, plover, indiapolice, muc4, geoparsing, gva."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Only the first N records of each set.", min=1)
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write scores here.")
    ] = None,
    show_confusion: Annotated[
        bool, typer.Option("--confusion", help="Print CASE 2021's confusion pairs.")
    ] = False,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Score the rules without the classifier.")
    ] = False,
) -> None:
    """Score warmonitor on the human-annotated gold sets and print one table.

    The event classifier is trained afresh from the gold folder: the sets it learns from are
    scored by 5-fold cross-validation, so no score comes from sentences the model has seen.

    Example: warmonitor eval --gold ../shared/gold --json scores.json
    """
    from warmonitor.eval.runner import GOLD_SETS, run_evaluation
    from warmonitor.pipeline import Extractor

    config: Config = ctx.obj
    if not gold.is_dir():
        _fail(f"{gold}: no such folder; pass --gold DIR, the folder of the gold JSONL files")
    extractor = _guard(lambda: Extractor.load(config, on_progress=_note))
    report = _guard(
        lambda: run_evaluation(
            extractor,
            gold,
            sets or GOLD_SETS,
            limit=limit,
            rules_only=rules_only,
            on_progress=_note,
        )
    )
    table = Table(pad_edge=False)
    for column in ("set", "metric", "items", "score", "note"):
        table.add_column(column)
    for score in report.scores:
        table.add_row(
            score.dataset,
            score.metric,
            str(score.items),
            f"{score.score:.3f}",
            escape(score.note or ""),
        )
    console = Console()
    console.width = max(console.width, 120)  # piped output keeps whole metric names
    console.print(table)
    if show_confusion:
        for name, matrix in report.confusions.items():
            console.print(f"[bold]{name}[/]: most frequent confusions (gold -> predicted)")
            for (truth, guess), count in matrix.most_common():
                if truth != guess:
                    console.print(f"  {count:3d}  {escape(truth)} -> {escape(guess)}")
    if json_path is not None:
        payload = {
            "method": report.method,
            "scores": [dataclasses.asdict(score) for score in report.scores],
            "seconds": report.seconds,
        }
        json_path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    err.print(
        "evaluated " + ", ".join(f"{name} in {sec:.0f} s" for name, sec in report.seconds.items())
    )


@app.command()
def train(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option(help="Folder of the gold JSONL files.")] = Path(
        "../shared/gold"
    ),
) -> None:
    """Train the event classifiers on the public annotated sentences and save them in the cache.

    Example: warmonitor train --gold ../shared/gold
    """
    from warmonitor.coding.classifier import save_classifier
    from warmonitor.pipeline import Extractor
    from warmonitor.training import train_classifier

    config: Config = ctx.obj
    if not gold.is_dir():
        _fail(f"{gold}: no such folder; pass --gold DIR, the folder of the gold JSONL files")
    started = time.monotonic()
    # The rules alone read the training snippets; an old classifier file is about to be replaced.
    rules_only = dataclasses.replace(
        config, classifier=dataclasses.replace(config.classifier, enabled=False)
    )
    extractor = _guard(lambda: Extractor.load(rules_only, on_progress=_note))
    _note("reading the annotated snippets through the rules")
    classifier = _guard(lambda: train_classifier(extractor, gold))
    _guard(lambda: save_classifier(classifier, config.classifier.path))
    err.print(
        f"event classifiers written to {escape(str(config.classifier.path))}: trained on"
        f" {escape(classifier.trained_on)} in {time.monotonic() - started:.0f} s"
    )


@gazetteer_app.command("build")
def gazetteer_build(ctx: typer.Context) -> None:
    """Build the offline gazetteer from installed packages (done automatically on first use).

    Example: warmonitor gazetteer build
    """
    from warmonitor.coding.gazetteer import build_gazetteer

    config: Config = ctx.obj
    stats = _guard(lambda: build_gazetteer(config.gazetteer.path, on_progress=_note))
    counts = ", ".join(f"{n:,} {kind}" for kind, n in stats.counts.items())
    err.print(
        f"gazetteer written to {escape(str(config.gazetteer.path))}: {counts} "
        f"({stats.file_bytes / 1e6:.1f} MB in {stats.build_seconds:.1f} s)"
    )


@app.command()
def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (8000).", min=1, max=65535)] = None,
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json) and the map page.

    Reads are open to anyone who can reach the server; reviews need an analyst's token
    (warmonitor users add NAME --role analyst).

    Example: warmonitor serve --db warmonitor.db --port 8000
    """
    import uvicorn

    from warmonitor.api import create_app
    from warmonitor.store.postgres import redacted

    config: Config = ctx.obj
    url = db or config.store.url
    with _open_existing_store(url):
        pass  # refuses a missing database with a message, before the server starts
    server_app = _guard(lambda: create_app(config, url))
    bind_host, bind_port = host or config.serve.host, port or config.serve.port
    shown = redacted(url)  # a PostgreSQL password is never printed
    err.print(f"serving {escape(shown)} at http://{bind_host}:{bind_port}/ (Ctrl-C stops)")
    uvicorn.run(server_app, host=bind_host, port=bind_port, log_level="warning")


class Role(StrEnum):
    viewer = "viewer"
    analyst = "analyst"


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The user's name, as reviews will show it.")],
    role: Annotated[Role, typer.Option(help="viewer (reads) or analyst (reviews too).")],
    db: DbOption = None,
) -> None:
    """Add a user and print its token, once: only its hash is stored.

    Example: warmonitor users add ana --role analyst
    """
    from warmonitor.store import open_store

    config: Config = ctx.obj
    with _guard(lambda: open_store(db or config.store.url)) as store:
        try:
            token = _guard(lambda: store.add_user(name, role.value))
        except ValueError as exc:
            _fail(str(exc))
    print(token)
    err.print(f"user {escape(name)} ({role.value}) added; the token above is shown only once")


@users_app.command("list")
def users_list(ctx: typer.Context, db: DbOption = None) -> None:
    """List users and their roles (never their tokens)."""
    config: Config = ctx.obj
    with _open_existing_store(db or config.store.url) as store:
        for user in store.list_users():
            print(f"{user.name}\t{user.role}\t{user.created_at}")


@users_app.command("remove")
def users_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The user to remove; its token stops working.")],
    db: DbOption = None,
) -> None:
    """Remove a user: its token no longer works. Its reviews stay in the history."""
    config: Config = ctx.obj
    with _open_existing_store(db or config.store.url) as store:
        if not _guard(lambda: store.remove_user(name)):
            _fail(f"no user named '{name}'")
    err.print(f"user {escape(name)} removed")


def _print_control(timelines: list, held: list | None, actor: str | None) -> None:
    console = Console()
    console.width = max(console.width, 150)
    for timeline in timelines:
        table = Table(title=escape(timeline.label), title_justify="left", pad_edge=False)
        for column in ("date", "territory", "change", "holder", "according to", ""):
            table.add_column(column, overflow="fold")
        for moment in timeline.moments:
            for claim in moment.claims:
                record = claim.record
                date = record.date
                when = ""
                if date is not None and date.start is not None:
                    when = date.start.isoformat()
                    if date.end and date.end != date.start:
                        when += f"..{date.end.isoformat()}"
                change = (
                    f"{record.from_actor or '?'} -> {record.to_actor or '?'}"
                    if record.kind == "change"
                    else "holds"
                )
                source = record.according_to
                table.add_row(
                    *map(
                        escape,
                        (
                            when,
                            record.territory,
                            change,
                            record.to_actor or "",
                            f"{source.name} ({source.type or 'unknown'})" if source else "",
                            "DISPUTED" if moment.disputed else "",
                        ),
                    )
                )
            if moment is not timeline.moments[-1]:
                table.add_section()
        console.print(table)
    if held is not None:
        console.print(f"[bold]{escape(actor or '')}[/]: what it holds, lost or disputes")
        for holding in held:
            moment = holding.moment
            since = moment.start.isoformat() if moment.start else "undated"
            console.print(f"  {holding.status:9} {escape(holding.timeline.label)} (as of {since})")
        if not held:
            console.print("  nothing on record")


def _print_event_table(found: list) -> None:
    from warmonitor.store.fatalities import acled_fatalities

    console = Console()
    # Piped output gets a width that fits the columns instead of rich's 80-column default.
    console.width = max(console.width, 150)
    table = Table(show_lines=False, pad_edge=False)
    for column in (
        "id",
        "date",
        "sub-event type",
        "actor 1",
        "actor 2",
        "location",
        "killed",
        "according to",
    ):
        table.add_column(column, overflow="fold")
    for stored in found:
        event = stored.event
        location = event.location
        where = None
        if location is not None:
            parts = (location.sub_place, location.name, location.country_code)
            where = ", ".join(x for x in parts if x)
        table.add_row(
            *map(
                escape,
                (
                    event.id[:10],
                    event.date.start.isoformat() if event.date and event.date.start else "",
                    event.sub_event_type,
                    event.actor1.name if event.actor1 else "",
                    event.actor2.name if event.actor2 else "",
                    where or "",
                    str(acled_fatalities(event.figures)),
                    event.according_to.name if event.according_to else "",
                ),
            )
        )
    console.print(table)
    err.print(f"{len(found)} events")


def _print_event(stored, article: Article | None) -> None:
    from warmonitor.export.events_json import stored_event_to_dict

    console = Console(soft_wrap=True)
    event = stored.event
    console.print(
        f"[bold]{escape(event.event_type)} / {escape(event.sub_event_type)}[/]  ({event.id})"
    )
    if article is not None:
        sentence = Text(article.text[event.sentence.start : event.sentence.end])
        base = event.sentence.start
        marks = [(event.trigger.start, event.trigger.end, "bold red")]
        for actor in (event.actor1, event.actor2):
            if actor is not None and actor.span is not None:
                marks.append((actor.span.start, actor.span.end, "bold cyan"))
        if event.location is not None and event.location.span is not None:
            marks.append((event.location.span.start, event.location.span.end, "bold green"))
        for figure in event.figures:
            if figure.span is not None:
                marks.append((figure.span.start, figure.span.end, "bold magenta"))
        if event.according_to is not None and event.according_to.span is not None:
            span = event.according_to.span
            marks.append((span.start, span.end, "bold yellow"))
        for start, end, style in marks:
            if base <= start and end <= event.sentence.end:
                sentence.stylize(style, start - base, end - base)
        console.print(sentence)
        console.print(
            "[dim]trigger red, actors cyan, place green, figures magenta, source yellow[/]"
        )
    console.print_json(json.dumps(stored_event_to_dict(stored), ensure_ascii=False))


@contextmanager
def _open_existing_store(url: str) -> Iterator:
    from warmonitor.store import open_store

    if "://" not in url and not Path(url).exists():
        _fail(f"{url}: no such database; create it with 'warmonitor ingest SOURCE...'")
    store = _guard(lambda: open_store(url))
    with store:
        yield store


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror})")
    with handle:
        yield handle


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"{value!r} is not a date; write it as YYYY-MM-DD")


def _note(message: str) -> None:
    err.print(f"[dim]{message}[/]")


def _guard(action):
    try:
        return action()
    except WarmonitorError as exc:
        _fail(str(exc))


def _reporter(console: Console):
    def report(kind: str, message: str) -> None:
        colour = "yellow" if kind == "skipped" else "red"
        console.print(f"[{colour}]{kind}:[/] {escape(message)}")

    return report


def _report_failure(console: Console, failure: FailedInput) -> None:
    if failure.skipped:
        console.print(f"[yellow]skipped:[/] {escape(failure.message)}")
    else:
        console.print(f"[red]error:[/] {escape(failure.message)}")


def _fail(message: str):
    err.print(f"[red]error:[/] {escape(message)}")
    raise typer.Exit(2)


def main() -> None:
    app()
