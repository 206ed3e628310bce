"""Geoparsing: are the places warmonitor reads the places the text names, and is each on the map
where it belongs?

The gold file joins three research corpora (LGL, GeoVirus, GeoWebNews), each article with its
toponyms as character spans and, for place names, coordinates (and GeoNames ids where the corpus
has them). GeoWebNews also marks spans that are no place to geocode (literal expressions like "the
area", non-locational uses); only spans with coordinates are scored, as the gold README says.

Per corpus:
- toponym precision, recall and F1: a predicted place matches a gold toponym when their spans
  overlap (each gold toponym matched once);
- of the matched toponyms: exact GeoNames id (over those whose gold has an id), the share placed
  within 161 km (100 miles, the usual tolerance) and the mean error in km.

Resolution is scored on the toponyms warmonitor itself found, end to end, not on gold spans fed
in: the product has no way to be told where the names are. A place predicted on a toponym that
has no coordinates (an unresolved LGL name, a GeoWebNews "the area" or demonym) counts neither
way; one predicted on a span GeoWebNews marks as no place at all is a false positive.

geotext (see :mod:`warmonitor.eval.geotext_peer`) is scored the same way on the same articles,
its rows named "geotext, <corpus>: ...", whenever it is installed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from warmonitor.coding.gazetteer import Gazetteer
from warmonitor.eval.geotext_peer import PEER, CountryPoint, GeotextPeer, geotext_available
from warmonitor.eval.gold import Score, articles_for, read_gold
from warmonitor.eval.metrics import prf
from warmonitor.geodesy import distance_km
from warmonitor.model import Place

logger = logging.getLogger(__name__)

DATASET = "geoparsing"
GOLD_FILE = "geoparsing.dev.jsonl"
NEAR_KM = 161.0


@dataclass
class CorpusTally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    with_id: int = 0  # matched toponyms whose gold has a GeoNames id
    same_id: int = 0
    located: int = 0  # matched toponyms both sides put on the map
    near: int = 0
    error_km: float = 0.0


def score_geoparsing(extractor, gold_dir: Path, limit: int | None = None) -> list[Score]:
    """warmonitor's scores per corpus, then geotext's on the same articles when it is installed
    (the evaluation environment); without it, a warning says how to install it."""
    records = read_gold(gold_dir / GOLD_FILE, limit)
    tallies: dict[str, CorpusTally] = defaultdict(CorpusTally)
    for record, extraction in zip(
        records, extractor.extract_many(articles_for(records)), strict=True
    ):
        corpus = record["corpus"]
        marked = _MENTIONS_MARKED.get(corpus, _EVERY_MENTION)
        tally_article(
            tallies[corpus],
            gold_toponyms(record),
            tuple(p for p in extraction.places if p.mention in marked),
            unscored_spans(record),
        )
    scores: list[Score] = []
    for corpus in sorted(tallies):
        scores.extend(_scores(corpus, tallies[corpus]))
    if geotext_available():
        scores.extend(_peer_scores(GeotextPeer(_country_point(extractor.gazetteer)), records))
    else:
        logger.warning(
            "geotext is not installed, so it is not scored beside warmonitor; install the "
            "evaluation environment (pip install --require-hashes -r requirements-eval.lock)"
        )
    return scores


def _peer_scores(peer: GeotextPeer, records: list[dict[str, Any]]) -> list[Score]:
    tallies: dict[str, CorpusTally] = defaultdict(CorpusTally)
    for record in records:
        tally_article(
            tallies[record["corpus"]],
            gold_toponyms(record),
            peer.places(record["text"]),
            unscored_spans(record),
        )
    return [
        replace(score, metric=f"{PEER}, {score.metric}")
        for corpus in sorted(tallies)
        for score in _scores(corpus, tallies[corpus])
    ]


def _country_point(gazetteer: Gazetteer) -> CountryPoint:
    def point(code: str) -> tuple[float, float] | None:
        entry = gazetteer.country(code)
        if entry is None or entry.lat is None or entry.lon is None:
            return None
        return entry.lat, entry.lon

    return point


def gold_toponyms(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's toponyms that name a place on the map."""
    return [t for t in record["toponyms"] if t.get("lat") is not None and t.get("lon") is not None]


# How each corpus marks places (its annotation guidelines): LGL and GeoWebNews also mark
# demonyms ("Russian") and place names inside organisations' names ("Kentucky State Police");
# GeoVirus marks place names only. warmonitor's places are mapped to each scheme here.
_MENTIONS_MARKED = {"geovirus": frozenset({"named"})}
_EVERY_MENTION = frozenset({"named", "adjectival", "embedded"})

# GeoWebNews types of spans that name no place: a prediction there is a false positive.
_NOT_PLACES = frozenset({"Non_Toponym", "Homonym"})


def unscored_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    """Spans of toponyms with no coordinates (LGL's unresolved names, GeoWebNews' "the area"
    and demonyms): a place predicted there is neither right nor wrong."""
    return [
        (t["start"], t["end"])
        for t in record["toponyms"]
        if (t.get("lat") is None or t.get("lon") is None) and t.get("type") not in _NOT_PLACES
    ]


def tally_article(
    tally: CorpusTally,
    gold: list[dict[str, Any]],
    places: tuple[Place, ...],
    unscored: Sequence[tuple[int, int]] = (),
) -> None:
    predicted = [p for p in places if p.span is not None]
    taken: set[int] = set()
    for place in predicted:
        match = next(
            (
                i
                for i, toponym in enumerate(gold)
                if i not in taken
                and place.span is not None
                and place.span.start < toponym["end"]
                and toponym["start"] < place.span.end
            ),
            None,
        )
        if match is None:
            span = place.span
            if span is None or not any(s < span.end and span.start < e for s, e in unscored):
                tally.false_positives += 1
            continue
        taken.add(match)
        tally.true_positives += 1
        toponym = gold[match]
        if toponym.get("geonameid") is not None:
            tally.with_id += 1
            tally.same_id += place.geonameid == int(toponym["geonameid"])
        if place.lat is not None and place.lon is not None:
            tally.located += 1
            error = distance_km(place.lat, place.lon, toponym["lat"], toponym["lon"])
            tally.near += error <= NEAR_KM
            tally.error_km += error
    tally.false_negatives += len(gold) - len(taken)


def _scores(corpus: str, tally: CorpusTally) -> list[Score]:
    found = prf(tally.true_positives, tally.false_positives, tally.false_negatives)
    located = max(tally.located, 1)
    scores = [
        Score(
            DATASET,
            f"{corpus}: toponym F1",
            found.support,
            found.f1,
            f"P {found.precision:.3f} R {found.recall:.3f}",
        )
    ]
    if tally.with_id:  # GeoVirus gives coordinates only
        scores.append(
            Score(
                DATASET,
                f"{corpus}: exact GeoNames id of found toponyms",
                tally.with_id,
                tally.same_id / tally.with_id,
            )
        )
    scores.append(
        Score(
            DATASET,
            f"{corpus}: found toponyms within 161 km",
            tally.located,
            tally.near / located,
            f"mean error {tally.error_km / located:.0f} km",
        )
    )
    return scores
