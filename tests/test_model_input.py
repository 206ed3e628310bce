"""The acceptance reading of the model input (../shared/examples/reuters-mosul-raqqa.expected.md):
each item of its Document, Events 1-3, figures, places and "Not events" sections is checked here.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from tests.conftest import CONTRACT_EVENT_KEYS, MODEL_INPUT, shared_file

PUBLISHED = dt.date(2017, 6, 30)


@pytest.fixture(scope="module")
def result(config, extractor):
    from warmonitor.ingest.inputs import iter_articles

    (article,) = list(
        iter_articles([str(shared_file(MODEL_INPUT))], config.ingest, published=PUBLISHED)
    )
    return extractor.extract(article)


def _event(result, sub_event_type):
    found = [e for e in result.events if e.sub_event_type == sub_event_type]
    assert found, f"no {sub_event_type!r} event among {[e.sub_event_type for e in result.events]}"
    return found[0]


def _all_figures(result):
    return list(result.figures) + [f for e in result.events for f in e.figures]


def test_document_metadata(result):
    article = result.article
    assert article.title == "Islamic State under pressure in Iraqi and Syrian strongholds"
    assert article.authors == ("Stephen Kalin", "Goran Tomasevic")
    assert article.agency == "Reuters"
    assert [d.split(",")[0] for d in article.dateline] == ["Mosul", "Raqqa"]
    assert article.truncated is True
    assert article.published == PUBLISHED


def test_document_boilerplate_removed(result):
    text = result.article.text
    for boilerplate in (
        "Read the full article",
        "Leave a Reply",
        "Your email address",
        "(Reuters)",
    ):
        assert boilerplate not in text
    assert text.startswith("U.S.-backed Iraqi forces pressed")


def test_event_1_armed_clash_in_mosul_old_city(result):
    event = _event(result, "Armed clash")
    assert event.event_type == "Battles"
    assert event.actor1.name == "Military Forces of Iraq"
    assert event.actor1.type == "State forces" and event.actor1.country == "IRQ"
    assert event.actor2.name == "Islamic State"
    assert event.location.name == "Mosul" and event.location.country_code == "IQ"
    assert event.location.sub_place.lower() == "old city"
    assert event.location.precision == 2
    assert event.location.admin1 is not None
    assert (event.date.start, event.date.end, event.date.precision) == (PUBLISHED, PUBLISHED, 1)
    assert event.modality == "asserted"
    assert event.according_to.name == "Reuters" and event.according_to.type == "media"


def test_event_2_islamic_state_retakes_raqqa_industrial_district(result):
    event = _event(result, "Non-state actor overtakes territory")
    assert event.actor1.name == "Islamic State"
    assert event.actor2.name == "Syrian Democratic Forces"
    assert event.location.geonameid == 172955 and event.location.country_code == "SY"
    assert "industrial" in event.location.sub_place
    assert event.according_to.name == "Syrian Observatory for Human Rights"
    assert event.according_to.type == "monitor"
    assert event.territory.from_actor == "Syrian Democratic Forces"
    assert event.territory.to_actor == "Islamic State"
    assert "industrial district" in event.territory.place


def test_event_3_syrian_army_drives_islamic_state_from_aleppo_province(result):
    event = _event(result, "Government regains territory")
    assert event.actor1.name == "Military Forces of Syria" and event.actor1.type == "State forces"
    assert event.actor2.name == "Islamic State"
    assert event.location.feature_code.startswith("ADM1") and event.location.country_code == "SY"
    assert event.location.precision == 4
    assert event.according_to.type == "military" and event.according_to.anonymous
    assert event.territory.from_actor == "Islamic State"
    assert event.territory.to_actor == "Government of Syria"


def test_the_main_event_is_the_lead(result):
    main = max(result.events, key=lambda e: e.confidence)
    assert main.sub_event_type == "Armed clash"


def test_figure_900000_displaced_according_to_aid_organizations(result):
    (figure,) = [f for f in _all_figures(result) if f.kind == "displaced" and f.best == 900_000]
    assert figure.scope == "cumulative"
    assert figure.according_to.type == "NGO/IGO"
    assert "aid organizations" in figure.according_to.name


def test_figure_about_200_fighters_according_to_the_general(result):
    (figure,) = [f for f in _all_figures(result) if f.kind == "fighters"]
    assert figure.best == 200 and figure.approximate
    assert "Saadi" in figure.according_to.name
    assert figure.according_to.type == "military"


def test_figure_thousands_killed_and_tens_of_thousands_trapped(result):
    figures = _all_figures(result)
    (killed,) = [f for f in figures if f.kind == "killed"]
    assert (killed.low, killed.approximate, killed.who, killed.scope) == (
        2000,
        True,
        "civilians",
        "cumulative",
    )
    assert killed.according_to.type == "NGO/IGO"
    (trapped,) = [f for f in figures if f.kind == "trapped"]
    assert trapped.low == 20_000 and trapped.approximate
    assert trapped.according_to.type == "witness"


def test_dozens_of_civilians_displaced(result):
    (figure,) = [f for f in _all_figures(result) if f.kind == "displaced" and f.low == 24]
    assert figure.approximate and figure.who == "civilians"


def test_figure_hundreds_of_thousands_under_islamic_state_rule(result):
    (figure,) = [f for f in _all_figures(result) if f.kind == "ruled"]
    assert (figure.low, figure.best, figure.high) == (200_000, 200_000, 999_999)
    assert figure.span.text == "hundreds of thousands of people"  # "over" is no qualifier here


def _control(result, kind, to_actor):
    return [c for c in result.control if c.kind == kind and c.to_actor == to_actor]


def test_control_both_territorial_changes_with_their_claimants(result):
    (raqqa,) = _control(result, "change", "Islamic State")
    assert raqqa.from_actor == "Syrian Democratic Forces"
    assert raqqa.place.geonameid == 172955 and "industrial district" in raqqa.territory
    assert raqqa.according_to.type == "monitor"
    assert raqqa.event_id == _event(result, "Non-state actor overtakes territory").id
    (aleppo,) = _control(result, "change", "Government of Syria")
    assert aleppo.from_actor == "Islamic State"
    assert aleppo.place.feature_code.startswith("ADM1") and aleppo.place.country_code == "SY"
    assert aleppo.according_to.type == "military" and aleppo.according_to.anonymous


def test_control_standing_claims_of_islamic_state(result):
    standing = {c.territory: c for c in _control(result, "standing", "Islamic State")}
    # "the group still controls territory west and south of the city": the city is Mosul, and
    # the hundreds of thousands under its sway go with the claim.
    west = standing["territory west and south of the city"]
    assert west.place.name == "Mosul" and west.population.low == 200_000
    assert west.date.start == PUBLISHED and west.date.span is None
    # "its fighters still occupy an area as big as Belgium": Belgium gives the size, not the
    # place, and "one estimate" is an anonymous claimant.
    (area,) = [c for c in standing.values() if "Belgium" in c.territory]
    assert 30_000 < area.area_km2 < 31_000
    assert area.place is None or area.place.country_code != "BE"
    assert area.according_to.anonymous
    # "Mosul, long held by IS".
    assert standing["Mosul"].place.name == "Mosul"


def test_control_never_from_the_forecast(result):
    text = result.article.text
    forecast = text.index("four to five days")
    assert not [c for c in result.control if c.span.start <= forecast < c.span.end]


def test_places_that_must_resolve(result):
    by_name = {(p.name, p.country_code, p.feature_code) for p in result.places}
    names = {p.name for p in result.places}
    assert any(p.name == "Mosul" and p.country_code == "IQ" for p in result.places)
    assert any(p.geonameid == 172955 for p in result.places)
    assert any(
        p.country_code == "SY" and p.feature_code.startswith("ADM1") for p in result.places
    ), by_name
    for country, code in (("Iraq", "IQ"), ("Syria", "SY"), ("Belgium", "BE")):
        assert any(p.country_code == code and p.precision == 6 for p in result.places), country
    assert any(p.country_code == "GB" and p.precision == 6 for p in result.places), "Britain"
    assert any(p.feature_code == "STM" and "Tigris" in p.name for p in result.places), names


def test_old_city_and_industrial_district_are_sub_places(result):
    for place in result.places:
        if place.span is not None and (
            "Old City" in place.span.text or "industrial" in place.span.text
        ):
            assert place.name in ("Mosul", "Ar Raqqah", "Raqqa")
            assert place.sub_place is not None


def test_not_events(result):
    text = result.article.text
    for phrase in ("four to five days", "only days away from a victory", "would in effect mark"):
        start = text.index(phrase)
        assert not [e for e in result.events if e.sentence.start <= start < e.sentence.end], phrase
    assert not [e for e in result.events if e.trigger.text.lower().startswith("captur")]
    assert all(f.span is None or "days" not in f.span.text for f in _all_figures(result))
    assert len(result.events) <= 4
    forecasts = [e for e in result.non_events if e.trigger.text == "capture"]
    assert forecasts and forecasts[0].modality in ("future", "hypothetical")


def test_extract_command_emits_the_contract():
    path = shared_file(MODEL_INPUT)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "warmonitor",
            "extract",
            str(path),
            "--published",
            "2017-06-30",
            "--with-text",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    record = json.loads(completed.stdout.splitlines()[0])
    assert record["id"] == str(path)
    assert set(record) >= {"id", "document", "entities", "places", "events", "figures"}
    text = record["document"]["text"]
    for event in record["events"]:
        assert set(event) >= CONTRACT_EVENT_KEYS
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
    for place in record["places"]:
        assert text[place["start"] : place["end"]] == place["text"]
