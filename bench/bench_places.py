"""What places cost: the gazetteer's size, build and load times, look-up speed, and the share of
extraction time spent finding and resolving places.

    python bench/bench_places.py                   # GVA dev articles, all of them
    python bench/bench_places.py --limit 500 --build

- build (with ``--build``): ``build_gazetteer`` into a temporary folder, timed;
- load: ``open_gazetteer`` on the built file in a fresh Python process (version check
  included), then its first look-up, timed in that process;
- look-ups: ``Gazetteer.resolve`` on every distinct toponym of the geoparsing gold file, its memo
  cleared so every name goes to SQLite, in names per second;
- share of extraction: each article is parsed by spaCy (timed), then coded by
  ``code_document`` (timed), inside which ``find_places`` is timed on its own. The share is
  places time / (parse time + coding time), the whole of ``extract`` for these articles.

Numbers go to stdout, progress to stderr. See bench/README.md for a measured run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD = REPO_ROOT.parent / "shared" / "gold"

_LOAD_SCRIPT = """
import sys, time
started = time.perf_counter()
from warmonitor.config import load_config
from warmonitor.coding.gazetteer import open_gazetteer
imported = time.perf_counter()
gazetteer = open_gazetteer(load_config(None, {}).gazetteer)
opened = time.perf_counter()
gazetteer.resolve("Mosul")
first = time.perf_counter()
print(imported - started, opened - imported, first - opened)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="GVA dev articles to code")
    parser.add_argument("--build", action="store_true", help="also time a fresh build")
    args = parser.parse_args()

    from warmonitor.coding import places as places_module
    from warmonitor.coding.document import code_document
    from warmonitor.coding.gazetteer import build_gazetteer
    from warmonitor.config import load_config
    from warmonitor.eval.gold import articles_for, read_gold
    from warmonitor.nlp.loader import load_nlp
    from warmonitor.pipeline import Extractor

    config = load_config(None, {})
    if args.build:
        with tempfile.TemporaryDirectory() as folder:
            stats = build_gazetteer(Path(folder) / "gazetteer.sqlite")
        print(
            f"build: {sum(stats.counts.values()):,} places ({stats.counts}), "
            f"{stats.names:,} names, {stats.file_bytes / 1e6:.1f} MB, {stats.build_seconds:.1f} s"
        )

    extractor = Extractor.load(config)
    gazetteer = extractor.gazetteer
    size = Path(gazetteer.path).stat().st_size if gazetteer.path else 0
    print(f"gazetteer file: {gazetteer.path} ({size / 1e6:.1f} MB)")

    loads = [
        [float(x) for x in subprocess.check_output([sys.executable, "-c", _LOAD_SCRIPT]).split()]
        for _ in range(3)
    ]
    best = min(loads, key=lambda times: times[1])
    print(
        f"load (fresh process, best of 3): import {best[0]:.2f} s, open {best[1]:.3f} s, "
        f"first look-up {best[2] * 1000:.1f} ms"
    )

    names = sorted(
        {
            toponym["name"]
            for line in (GOLD / "geoparsing.dev.jsonl").open(encoding="utf-8")
            for toponym in json.loads(line)["toponyms"]
        }
    )
    started = time.perf_counter()
    for name in names:
        gazetteer._resolved.clear()  # every name to SQLite, none from the memo
        gazetteer.resolve(name, context_countries=("US",))
    seconds = time.perf_counter() - started
    print(
        f"look-ups: {len(names):,} distinct gold toponyms, {len(names) / seconds:,.0f} names/s "
        f"({seconds / len(names) * 1000:.2f} ms each, uncached)"
    )

    records = [r for r in read_gold(GOLD / "gva.dev.jsonl", args.limit) if r.get("text")]
    articles = list(articles_for(records))
    nlp = load_nlp(config.nlp.model)
    timed_places = 0.0
    find_places = places_module.find_places

    def timed_find_places(*call_args, **call_kwargs):
        nonlocal timed_places
        begun = time.perf_counter()
        try:
            return find_places(*call_args, **call_kwargs)
        finally:
            timed_places += time.perf_counter() - begun

    import warmonitor.coding.document as document_module

    document_module.find_places = timed_find_places  # measured in place, restored below
    parse_seconds = code_seconds = 0.0
    place_count = 0
    try:
        texts = ((a.text, a) for a in articles)
        begun = time.perf_counter()
        for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=config.nlp.batch_size):
            parsed = time.perf_counter()
            parse_seconds += parsed - begun
            extraction = code_document(
                doc, article, extractor.knowledge, gazetteer, extractor.classifier
            )
            place_count += len(extraction.places)
            begun = time.perf_counter()
            code_seconds += begun - parsed
    finally:
        document_module.find_places = find_places
    total = parse_seconds + code_seconds
    print(
        f"extraction of {len(articles):,} GVA dev articles: parse {parse_seconds:.1f} s, "
        f"coding {code_seconds:.1f} s, of which places {timed_places:.1f} s "
        f"({place_count:,} place mentions)"
    )
    print(f"places share of extraction time: {timed_places / total:.1%}")


if __name__ == "__main__":
    main()
