"""Throughput and peak memory of warmonitor's extraction against bare spaCy on the same texts.

Times ``warmonitor.pipeline.process_batch`` (what ``extract`` and ``ingest`` run) on the article
texts of the team's gold file ``../shared/gold/gva.dev.jsonl`` and, in the same run, bare spaCy
``nlp.pipe`` with the same model, batch size and number of processes. Each side runs in its own
fresh Python subprocess, so that one side's memory high-water mark cannot pollute the other's.

    python bench/bench_extract.py --limit 300               # a quick check
    python bench/bench_extract.py --processes 2 --json bench/results/p2.json

Loading (spaCy model, gazetteer, coder knowledge) is timed apart and kept out of the throughput;
each side parses its first 5 texts untimed before the clock starts. The table goes to stdout,
progress to stderr. See bench/README.md for what the numbers mean and a measured baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.metadata
import json
import logging
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    from warmonitor.config import Config
    from warmonitor.model import Article, Extraction

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO_ROOT.parent / "shared" / "gold" / "gva.dev.jsonl"
SIDES = ("warmonitor", "spacy")
WARMUP_TEXTS = 5
# Articles per process_batch call: a multiple of the spaCy batch size (16), small enough that two
# workers share the last chunks evenly.
DEFAULT_CHUNK_SIZE = 64
# A pool worker that cannot load its extractor would be restarted forever; give up after this.
WORKER_READY_TIMEOUT_SECONDS = 900

log = logging.getLogger("bench_extract")


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    title: str | None


@dataclass(frozen=True, slots=True)
class SideResult:
    """What one side measured; ``output_count`` (events found, or spaCy tokens) shows it worked."""

    side: str
    processes: int
    articles: int
    words: int
    load_seconds: float
    seconds: float
    cpu_seconds: float
    main_peak_mb: float
    worker_peak_mb: float | None
    output_count: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds

    @property
    def cpu_per_wall(self) -> float:
        """CPU seconds per wall second: about ``processes`` when the machine was ours alone."""
        return self.cpu_seconds / self.seconds

    @property
    def peak_mb(self) -> float:
        """The process's high-water mark; with a pool, main + processes x the largest worker.

        The pool figure is an upper bound: forked workers share pages with their parent and the
        kernel reports only the largest worker's peak, not each one's.
        """
        if self.worker_peak_mb is None:
            return self.main_peak_mb
        return self.main_peak_mb + self.processes * self.worker_peak_mb

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {
            "articles_per_second": self.articles_per_second,
            "words_per_second": self.words_per_second,
            "cpu_per_wall": self.cpu_per_wall,
            "peak_mb": self.peak_mb,
        }


# --- the gold texts ---------------------------------------------------------------------------


def read_gold_records(path: Path, limit: int | None) -> tuple[list[GoldRecord], int]:
    """The first ``limit`` records that have a text (all if None), and how many had none.

    Records without text are those ingest would refuse as empty; neither side sees them.
    """
    records: list[GoldRecord] = []
    empty = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            value = json.loads(line)
            text = value.get("text") or ""
            if not text.strip():
                empty += 1
                continue
            title = " ".join((value.get("title") or "").split()) or None
            records.append(GoldRecord(id=str(value["id"]), text=text, title=title))
            if limit is not None and len(records) == limit:
                break
    return records, empty


def count_words(records: Sequence[GoldRecord]) -> int:
    return sum(len(record.text.split()) for record in records)


def build_articles(records: Sequence[GoldRecord]) -> list[Article]:
    """Articles as ingest builds them from a JSONL record whose text needs no cleaning."""
    from warmonitor.ingest.identity import article_id
    from warmonitor.model import Article

    return [
        Article(
            id=article_id(record.text),
            text=record.text,
            title=record.title,
            language="en",
            source_id=record.id,
        )
        for record in records
    ]


def iter_chunks(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- measuring --------------------------------------------------------------------------------


def peak_rss_mb(who: int) -> float:
    """``ru_maxrss`` of ``resource.RUSAGE_SELF`` or ``RUSAGE_CHILDREN`` (reaped children only)."""
    maxrss = resource.getrusage(who).ru_maxrss
    # Linux reports kibibytes, macOS bytes.
    return maxrss / (1 << 20) if sys.platform == "darwin" else maxrss / 1024


def cpu_seconds_used() -> float:
    """User and system CPU time of this process and its reaped children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def count_events(extractions: Sequence[Extraction]) -> int:
    return sum(len(extraction.events) for extraction in extractions)


# --- the warmonitor side ----------------------------------------------------------------------


def measure_warmonitor(
    records: Sequence[GoldRecord], processes: int, chunk_size: int
) -> SideResult:
    from warmonitor.config import Config
    from warmonitor.pipeline import process_batch

    config = Config()
    articles = build_articles(records)
    warmup = articles[:WARMUP_TEXTS]
    if processes == 1:
        started = time.perf_counter()
        process_batch(config, [])  # loads and caches the Extractor of this process
        load_seconds = time.perf_counter() - started
        process_batch(config, warmup)
        cpu_before = cpu_seconds_used()
        started = time.perf_counter()
        events = sum(
            count_events(process_batch(config, chunk))
            for chunk in iter_chunks(articles, chunk_size)
        )
        seconds = time.perf_counter() - started
        cpu_seconds = cpu_seconds_used() - cpu_before
        worker_peak_mb = None
    else:
        context = multiprocessing.get_context()
        ready: Queue[tuple[float, float]] = context.Queue()
        pool = context.Pool(processes, initializer=prepare_worker, initargs=(config, warmup, ready))
        with pool:
            readiness = [ready.get(timeout=WORKER_READY_TIMEOUT_SECONDS) for _ in range(processes)]
            load_seconds = max(load for load, _ in readiness)
            cpu_before = cpu_seconds_used() + sum(cpu for _, cpu in readiness)
            started = time.perf_counter()
            batches = pool.imap(
                functools.partial(process_batch, config), iter_chunks(articles, chunk_size)
            )
            events = sum(count_events(extractions) for extractions in batches)
            seconds = time.perf_counter() - started
            pool.close()
            pool.join()  # reaped workers are what RUSAGE_CHILDREN reports on
        cpu_seconds = cpu_seconds_used() - cpu_before
        worker_peak_mb = peak_rss_mb(resource.RUSAGE_CHILDREN)
    return SideResult(
        side="warmonitor",
        processes=processes,
        articles=len(articles),
        words=count_words(records),
        load_seconds=load_seconds,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        main_peak_mb=peak_rss_mb(resource.RUSAGE_SELF),
        worker_peak_mb=worker_peak_mb,
        output_count=events,
    )


def prepare_worker(
    config: Config, warmup: Sequence[Article], ready: Queue[tuple[float, float]]
) -> None:
    """Pool initializer: load this worker's Extractor, warm it up, report (load s, CPU s so far)."""
    from warmonitor.pipeline import process_batch

    started = time.perf_counter()
    process_batch(config, [])
    load_seconds = time.perf_counter() - started
    process_batch(config, warmup)
    ready.put((load_seconds, cpu_seconds_used()))


# --- the bare spaCy side ----------------------------------------------------------------------


def measure_spacy(records: Sequence[GoldRecord], processes: int) -> SideResult:
    import spacy

    from warmonitor.config import Config

    settings = Config().nlp  # the model and batch size warmonitor uses
    texts = [record.text for record in records]
    started = time.perf_counter()
    nlp = spacy.load(settings.model)
    load_seconds = time.perf_counter() - started
    for _ in nlp.pipe(texts[:WARMUP_TEXTS], batch_size=settings.batch_size):
        pass
    cpu_before = cpu_seconds_used()
    started = time.perf_counter()
    # Forking the workers is part of what nlp.pipe(n_process=N) costs, so it is timed; spaCy
    # joins them before the generator ends, so RUSAGE_CHILDREN sees them.
    docs = nlp.pipe(texts, batch_size=settings.batch_size, n_process=processes)
    tokens = sum(len(doc) for doc in docs)
    seconds = time.perf_counter() - started
    cpu_seconds = cpu_seconds_used() - cpu_before
    return SideResult(
        side="spacy",
        processes=processes,
        articles=len(texts),
        words=count_words(records),
        load_seconds=load_seconds,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        main_peak_mb=peak_rss_mb(resource.RUSAGE_SELF),
        worker_peak_mb=peak_rss_mb(resource.RUSAGE_CHILDREN) if processes > 1 else None,
        output_count=tokens,
    )


def measure_side(side: str, args: argparse.Namespace) -> SideResult:
    records, empty = read_gold_records(args.gold, args.limit)
    log.info(
        "%s: %d articles (%d records without text skipped), %d process(es)",
        side,
        len(records),
        empty,
        args.processes,
    )
    if side == "warmonitor":
        result = measure_warmonitor(records, args.processes, args.chunk_size)
    else:
        result = measure_spacy(records, args.processes)
    log.info(
        "%s: load %.1f s, %d articles in %.1f s, output count %d",
        side,
        result.load_seconds,
        result.articles,
        result.seconds,
        result.output_count,
    )
    return result


# --- the driver -------------------------------------------------------------------------------


def run_side_in_subprocess(side: str, args: argparse.Namespace) -> SideResult:
    """Run ``--side SIDE`` in a fresh interpreter and read the JSON line it prints."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--side",
        side,
        "--processes",
        str(args.processes),
        "--chunk-size",
        str(args.chunk_size),
        "--gold",
        str(args.gold),
    ]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    log.info("running the %s side in a fresh subprocess", side)
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"the {side} side failed with exit code {completed.returncode}")
    values = json.loads(completed.stdout.strip().splitlines()[-1])
    return SideResult(**{key: values[key] for key in SideResult.__dataclass_fields__})


def format_table(results: Sequence[SideResult]) -> str:
    headers = (
        "side",
        "proc",
        "articles",
        "words",
        "load s",
        "seconds",
        "articles/s",
        "words/s",
        "cpu s",
        "cpu/wall",
        "main MB",
        "worker MB",
        "peak MB",
    )
    rows = [
        (
            r.side,
            str(r.processes),
            str(r.articles),
            str(r.words),
            f"{r.load_seconds:.1f}",
            f"{r.seconds:.1f}",
            f"{r.articles_per_second:.2f}",
            f"{r.words_per_second:.0f}",
            f"{r.cpu_seconds:.1f}",
            f"{r.cpu_per_wall:.2f}",
            f"{r.main_peak_mb:.0f}",
            "-" if r.worker_peak_mb is None else f"{r.worker_peak_mb:.0f}",
            f"{r.peak_mb:.0f}",
        )
        for r in results
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])


def format_summary(warmonitor: SideResult, spacy: SideResult, loads: Sequence[float]) -> str:
    ratio = warmonitor.articles_per_second / spacy.articles_per_second
    return (
        f"summary: warmonitor {warmonitor.articles_per_second:.2f} articles/s, spaCy "
        f"{spacy.articles_per_second:.2f} articles/s, ratio warmonitor/spaCy {ratio:.3f} "
        f"({warmonitor.articles} articles, {warmonitor.processes} process(es), "
        f"load average {loads[0]:.2f} before, {loads[1]:.2f} after)"
    )


def build_report(
    args: argparse.Namespace,
    results: Sequence[SideResult],
    loads: Sequence[float],
    source: str | None,
) -> dict[str, Any]:
    warmonitor, spacy = results
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "spacy": importlib.metadata.version("spacy"),
            "warmonitor": importlib.metadata.version("warmonitor"),
        },
        "source": source,
        "load_average": {"before": loads[0], "after": loads[1]},
        "gold": str(args.gold),
        "limit": args.limit,
        "processes": args.processes,
        "chunk_size": args.chunk_size,
        "warmup_texts": WARMUP_TEXTS,
        "sides": {result.side: result.as_dict() for result in results},
        "ratio_articles_per_second": warmonitor.articles_per_second / spacy.articles_per_second,
    }


def describe_source_tree() -> str | None:
    """The commit measured, with "+changes" when src/ differs from it (others edit as we run)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{commit}+changes" if changes else commit


def positive_int(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{raw} is not a positive integer")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time warmonitor's extraction against bare spaCy nlp.pipe on the GVA texts.",
        epilog="Example: python bench/bench_extract.py --limit 300 --processes 2",
    )
    parser.add_argument(
        "--limit", type=positive_int, help="time only the first N articles (default: all)"
    )
    parser.add_argument(
        "--processes", type=positive_int, default=1, help="worker processes per side (default 1)"
    )
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument(
        "--chunk-size",
        type=positive_int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"articles per process_batch call (default {DEFAULT_CHUNK_SIZE})",
    )
    parser.add_argument(
        "--gold", type=Path, default=DEFAULT_GOLD, help=f"the GVA texts (default {DEFAULT_GOLD})"
    )
    parser.add_argument(
        "--side",
        choices=SIDES,
        help="measure one side in this process and print its numbers as one JSON line "
        "(what the driver runs in each subprocess; handy under cProfile)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="bench_extract: %(message)s")
    args = parse_args(argv)
    if not args.gold.is_file():
        print(
            f"bench_extract: {args.gold} not found; the benchmark reads the team's gold data "
            "from ../shared/gold next to the repository",
            file=sys.stderr,
        )
        return 2
    if args.side is not None:
        print(json.dumps(measure_side(args.side, args).as_dict()))
        return 0
    loads = [os.getloadavg()[0]]
    source = describe_source_tree()
    try:
        results = [run_side_in_subprocess(side, args) for side in SIDES]
    except RuntimeError as exc:
        print(f"bench_extract: {exc}", file=sys.stderr)
        return 1
    loads.append(os.getloadavg()[0])
    driver_mb = peak_rss_mb(resource.RUSAGE_SELF)
    log.info("driver peak RSS %.0f MB (a floor under each side's)", driver_mb)
    print(format_table(results))
    print(format_summary(*results, loads))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(build_report(args, results, loads, source), indent=2) + "\n"
        )
        log.info("wrote %s", args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
