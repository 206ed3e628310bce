"""Gun Violence Archive: does warmonitor read how many were killed and injured, in which city and
on which day, from US news of a shooting?

Each gold article is linked to one incident of the Gun Violence Archive, with its date, city,
state and numbers of killed and injured. The figures belong to the incident, not to the text:
``mentions.killed_number_in_text`` (and ``injured_...``) says whether the article states them, so
each count is scored twice, on the articles that state it and on all.

The articles are read as a monitor of American local news reads them, with the setting
places.home_countries = US: a report that names no country is in the United States.

The incident is warmonitor's main violent event of the article (the most confident; DESIGN.md
section 4): its killed count is the largest ``best`` of its "killed" figures, 0 when it has none
(an article that reports no death reports 0 deaths); the same for "wounded" against GVA's
injured. With no violent event, both counts are 0 and city and date are missed. The city matches
when the event's place, or the county it lies in, has the gold city's name (GVA writes "Salt Lake
City (Murray)" for a mailing city and the place within it, either of which counts, and "Polk
(county)" for Polk County; an independent city's county, "City of Baltimore", is that city, and
so are a New York borough's county and the District of Columbia, Washington); the date when the
event's date is that one day. A town of the city's name in another state is another town.

Several articles often report one incident: the articles are also grouped as the store would
merge their events (copies by text, independent reports by type, actors, place and date; see
eval/linking.py) and the groups scored pairwise against the incident ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from warmonitor.coding.gazetteer import normalize_name
from warmonitor.coding.taxonomy import VIOLENT_TYPES
from warmonitor.eval.gold import Score, read_gold
from warmonitor.eval.linking import group_reports, pairwise
from warmonitor.ingest.identity import article_id
from warmonitor.ingest.text import clean_report
from warmonitor.model import Article, Event, Extraction

DATASET = "gva"
GOLD_FILE = "gva.dev.jsonl"


@dataclass
class Share:
    """How many of ``total`` items were right."""

    right: int = 0
    total: int = 0

    def add(self, correct: bool) -> None:
        self.right += correct
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


# GVA's reports are American local news, and warmonitor reads them as a monitor of such news
# is set up to: a report that names no country is in the United States.
HOME_COUNTRIES = ("US",)


def score_gva(extractor, gold_dir: Path, limit: int | None = None) -> list[Score]:
    records = [r for r in read_gold(gold_dir / GOLD_FILE, limit) if (r.get("text") or "").strip()]
    config = extractor.config
    extractor = replace(
        extractor,
        config=replace(config, places=replace(config.places, home_countries=HOME_COUNTRIES)),
    )
    shares = {name: Share() for name in _METRICS}
    texts: list[str] = []
    main_events: list[Event | None] = []
    for record, extraction in zip(
        records, extractor.extract_many(gva_articles(records)), strict=True
    ):
        for name, correct in judge(record, extraction).items():
            if correct is not None:
                shares[name].add(correct)
        texts.append(extraction.article.text)
        main_events.append(incident_event(extraction))
    scores = [
        Score(DATASET, metric, shares[name].total, shares[name].value)
        for name, metric in _METRICS.items()
    ]
    groups = group_reports(texts, main_events, extractor.config.linking)
    pairs = pairwise(groups, [str(r["incident"]["id"]) for r in records])
    note = f"{pairs.predicted_pairs} pairs linked"
    for metric, value in (
        ("same-incident pairs precision", pairs.precision),
        ("same-incident pairs recall", pairs.recall),
        ("same-incident pairs F1", pairs.f1),
    ):
        scores.append(Score(DATASET, metric, pairs.gold_pairs, value, note))
    return scores


_METRICS = {
    "killed_stated": "killed count exact, articles stating it",
    "killed_all": "killed count exact, all articles",
    "injured_stated": "injured count exact, articles stating it",
    "injured_all": "injured count exact, all articles",
    "city_stated": "incident city, articles naming it",
    "city_all": "incident city, all articles",
    "date": "incident date exact (day)",
}


def gva_articles(records: list[dict[str, Any]]) -> Iterator[Article]:
    """The gold texts as ingest makes them: boilerplate removed, published on the given day."""
    for record in records:
        report = clean_report(record["text"], title=record.get("title"))
        yield Article(
            id=article_id(report.text),
            text=report.text,
            title=report.title,
            dateline=report.dateline,
            published=dt.date.fromisoformat(record["dct"]) if record.get("dct") else None,
            language="en",
            source_id=str(record["id"]),
        )


def judge(record: dict[str, Any], extraction: Extraction) -> dict[str, bool | None]:
    """Each metric's verdict on one article; None where the metric does not apply."""
    incident = record["incident"]
    stated = record.get("mentions") or {}
    event = incident_event(extraction)
    verdicts: dict[str, bool | None] = {}
    for kind, gold_key, name in (("killed", "killed", "killed"), ("wounded", "injured", "injured")):
        gold = incident.get(gold_key)
        if gold is None:
            verdicts[f"{name}_all"] = verdicts[f"{name}_stated"] = None
            continue
        right = count(event, kind) == int(gold)
        verdicts[f"{name}_all"] = right
        verdicts[f"{name}_stated"] = right if stated.get(f"{gold_key}_number_in_text") else None
    city = incident.get("city")
    right_city = bool(city) and event is not None and same_city(event, city, incident.get("state"))
    verdicts["city_all"] = right_city if city else None
    verdicts["city_stated"] = right_city if city and stated.get("city_in_text") else None
    gold_date = incident.get("date")
    verdicts["date"] = (
        event is not None and same_day(event, dt.date.fromisoformat(gold_date))
        if gold_date
        else None
    )
    return verdicts


def incident_event(extraction: Extraction) -> Event | None:
    """The article's main violent event: the most confident one."""
    violent = [e for e in extraction.events if e.event_type in VIOLENT_TYPES]
    return max(violent, key=lambda e: e.confidence, default=None)


def count(event: Event | None, kind: str) -> int:
    """The event's number of ``kind`` (killed, wounded): the largest figure, 0 when none."""
    if event is None:
        return 0
    values = [f.best for f in event.figures if f.kind == kind and f.best is not None]
    return max(values, default=0)


def same_city(event: Event, city: str, state: str | None = None) -> bool:
    """The event is placed in ``city`` (of ``state``, when given): a town of that name in
    another state, or abroad, is another town."""
    place = event.location
    if place is None:
        return False
    if state and (place.country_code != "US" or place.admin1 != state):
        return False
    wanted = {normalize_name(name) for name in gold_city_names(city)}
    names = (place.name, place.admin2, place.span.text if place.span else None)
    if place.admin2 and place.admin2.startswith(_INDEPENDENT_CITY):
        # An independent city is its own county: a neighbourhood in "City of Baltimore" is in
        # Baltimore.
        names += (place.admin2.removeprefix(_INDEPENDENT_CITY),)
    borough = _BOROUGHS.get((place.admin2 or place.name, place.admin1 or ""))
    district = _DISTRICTS.get(place.admin1 or "")
    names += tuple(city for city in (borough, district) if city is not None)
    return any(name and normalize_name(name) in wanted for name in names)


_INDEPENDENT_CITY = "City of "
# Cities that are a county and no more: New York's boroughs. GVA names the borough, and a
# shooting in East Flatbush, in Kings County, is in Brooklyn.
_BOROUGHS = {
    ("Kings County", "New York"): "Brooklyn",
    ("Queens County", "New York"): "Queens",
    ("Bronx County", "New York"): "Bronx",
    ("Richmond County", "New York"): "Staten Island",
    ("New York County", "New York"): "New York",
}
# A city that is a first-level division of GeoNames: a place in the District is in Washington.
_DISTRICTS = {"District of Columbia": "Washington"}


_QUALIFIED = re.compile(r"^(?P<city>[^()]+?)\s*\((?P<within>[^()]+)\)$")


def gold_city_names(city: str) -> tuple[str, ...]:
    """The names GVA's city field accepts. It qualifies some: "Salt Lake City (Murray)" is the
    mailing city and the place within it that the incident was in, either of which the report
    may name; "Polk (county)" is Polk County, a county and no city."""
    qualified = _QUALIFIED.match(city.strip())
    if qualified is None:
        return (city,)
    name, within = qualified.group("city"), qualified.group("within")
    if within.lower() == "county":
        return (f"{name} County",)
    return (name, within)


def same_day(event: Event, day: dt.date) -> bool:
    date = event.date
    return date is not None and date.start == day and date.end == day
