"""Looking names up in the real gazetteer and resolving them to one place.

The gazetteer is built once per session (see test_gazetteer_build.py, which shares the path).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from warmonitor.coding.gazetteer import Gazetteer, GazetteerEntry, open_gazetteer
from warmonitor.config import GazetteerConfig


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The same path as test_gazetteer_build.py uses, so one session builds only once.
    if os.environ.get("WARMONITOR_CACHE"):
        path = GazetteerConfig().path
    else:
        path = tmp_path_factory.getbasetemp() / "gazetteer" / "gazetteer.sqlite"
    open_gazetteer(GazetteerConfig(path=path)).close()
    return path


@pytest.fixture(scope="module")
def gazetteer(gazetteer_path: Path) -> Iterator[Gazetteer]:
    with open_gazetteer(GazetteerConfig(path=gazetteer_path)) as opened:
        yield opened


def _resolved(gazetteer: Gazetteer, name: str, **options) -> GazetteerEntry:
    entry = gazetteer.resolve(name, **options)
    assert entry is not None, f"{name!r} {options} resolved to nothing"
    return entry


# -- the must-pass examples ---------------------------------------------------------------------


def test_mosul_is_the_iraqi_city_in_nineveh(gazetteer: Gazetteer) -> None:
    mosul = _resolved(gazetteer, "Mosul")
    assert (mosul.geonameid, mosul.kind, mosul.country_code) == (99072, "city", "IQ")
    assert mosul.admin1 == "Nineveh"  # the English name, not GeoNames' "Nīnawá"
    assert (mosul.country_iso3, mosul.country_name) == ("IRQ", "Iraq")
    assert mosul.lat == pytest.approx(36.34, abs=0.05)
    assert mosul.lon == pytest.approx(43.12, abs=0.05)
    assert mosul.population and mosul.population > 1_000_000


@pytest.mark.parametrize("name", ["Raqqa", "ar-Raqqa", "Al Raqqah", "Ar Raqqah", "al-Raqqa"])
def test_raqqa_spellings_reach_ar_raqqah(gazetteer: Gazetteer, name: str) -> None:
    raqqa = _resolved(gazetteer, name)
    assert (raqqa.geonameid, raqqa.country_code, raqqa.kind) == (172955, "SY", "city")


def test_aleppo_is_the_city_unless_a_governorate_is_asked_for(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Aleppo").geonameid == 170063
    governorate = _resolved(gazetteer, "Aleppo", kind="admin1")
    assert (governorate.geonameid, governorate.kind, governorate.feature_code) == (
        170062,
        "admin1",
        "ADM1",
    )
    assert governorate.country_code == "SY" and governorate.admin1 == governorate.name


@pytest.mark.parametrize(
    ("name", "code"), [("Iraq", "IQ"), ("Syria", "SY"), ("Belgium", "BE"), ("Britain", "GB")]
)
def test_country_names_mean_the_country(gazetteer: Gazetteer, name: str, code: str) -> None:
    country = _resolved(gazetteer, name)
    assert (country.kind, country.country_code, country.feature_code) == ("country", code, "PCLI")


@pytest.mark.parametrize("name", ["Tigris River", "the Tigris", "Tigris", "River Tigris"])
def test_the_tigris_is_the_river(gazetteer: Gazetteer, name: str) -> None:
    tigris = _resolved(gazetteer, name)
    assert (tigris.name, tigris.kind, tigris.feature_code, tigris.country_code) == (
        "Tigris",
        "feature",
        "STM",
        "IQ",
    )


@pytest.mark.parametrize(
    "name",
    [
        "Old City",
        "the Old City",
        "industrial district",
        "city",
        "capital",
        "the capital",
        "border",
        "border area",
        "north",
        "the north",
        "northern",
        "Friday",
        "March",
        "May",
        "city centre",
    ],
)
def test_generic_descriptors_resolve_to_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None


@pytest.mark.parametrize("name", ["Iraqi", "German", "American", "Kurdish"])
def test_demonyms_and_adjectives_are_not_places(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None


def test_paris_follows_the_context_country(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Paris", context_countries=["FR"]).geonameid == 2988507
    texas = _resolved(gazetteer, "Paris", context_countries=["US"])
    assert (texas.country_code, texas.admin1) == ("US", "Texas")
    assert _resolved(gazetteer, "Paris").country_code == "FR"


def test_springfield_in_the_us_is_the_most_populous_one(gazetteer: Gazetteer) -> None:
    candidates = [
        e for e in gazetteer.lookup("Springfield") if e.kind == "city" and e.country_code == "US"
    ]
    assert len(candidates) > 5
    largest = max(candidates, key=lambda e: e.population or 0)
    assert _resolved(gazetteer, "Springfield", context_countries=["US"]) == largest
    assert largest.admin1 == "Missouri"


@pytest.mark.parametrize("name", ["ALEPPO", "aleppo", "Ḩalab", "Halab", "HALAB"])
def test_lookups_ignore_case_and_diacritics(gazetteer: Gazetteer, name: str) -> None:
    assert 170063 in {entry.geonameid for entry in gazetteer.lookup(name)}
    assert _resolved(gazetteer, name).geonameid == 170063


# -- lookup and country ---------------------------------------------------------------------------


def test_lookup_returns_every_match_best_first(gazetteer: Gazetteer) -> None:
    entries = gazetteer.lookup("Aleppo")
    assert {(e.geonameid, e.kind) for e in entries} >= {(170063, "city"), (170062, "admin1")}
    assert entries[0].geonameid == 170063  # the primary-name match comes first


def test_lookup_of_an_unknown_or_non_latin_name_is_empty(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xyzzyqwv") == []
    assert gazetteer.lookup("حلب") == []
    assert gazetteer.lookup("") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IQ", "IQ"),
        ("iq", "IQ"),
        ("IRQ", "IQ"),
        ("Iraq", "IQ"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("U.S.", "US"),
        ("US", "US"),
        ("the United States", "US"),
        ("America", "US"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Congo", "CD"),
        ("DRC", "CD"),
        ("Republic of the Congo", "CG"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Palestine", "PS"),
        ("Kosovo", "XK"),
    ],
)
def test_country_accepts_codes_and_news_names(gazetteer: Gazetteer, text: str, code: str) -> None:
    country = gazetteer.country(text)
    assert country is not None and country.country_code == code and country.kind == "country"


def test_country_of_a_non_country_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("Mosul") is None
    assert gazetteer.country("ZZ") is None


def test_country_for_demonym(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_for_demonym("Iraqi").country_code == "IQ"
    assert gazetteer.country_for_demonym("U.S.").country_code == "US"
    assert gazetteer.country_for_demonym("Emirati").country_iso3 == "ARE"
    assert gazetteer.country_for_demonym("Kurdish") is None


# -- resolve: kinds, context and spellings --------------------------------------------------------


def test_kind_admin2_picks_the_district(gazetteer: Gazetteer) -> None:
    district = _resolved(gazetteer, "Mosul", kind="admin2")
    assert (district.kind, district.country_code, district.admin1) == ("admin2", "IQ", "Nineveh")


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Nineveh province", 92877),
        ("Nineveh Governorate", 92877),
        ("Nineveh", 92877),
        ("Anbar", 99592),
        ("Aleppo Governorate", 170062),
        ("Helmand province", 1140043),
        ("Helmand", 1140043),
        ("Idlib province", 169387),
    ],
)
def test_admin_units_by_name_and_type_word(gazetteer: Gazetteer, name: str, geonameid: int) -> None:
    entry = _resolved(gazetteer, name)
    assert (entry.geonameid, entry.kind) == (geonameid, "admin1")


@pytest.mark.parametrize(
    ("name", "country"), [("Kherson region", "UA"), ("Belgorod region", "RU"), ("Donetsk", "UA")]
)
def test_oblasts_are_reached_by_their_city_name(
    gazetteer: Gazetteer, name: str, country: str
) -> None:
    entry = _resolved(gazetteer, name, kind="admin1")
    assert (entry.kind, entry.country_code) == ("admin1", country)


def test_a_city_beats_the_admin_unit_it_gives_its_name_to(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Kherson").kind == "city"
    assert _resolved(gazetteer, "Idlib").kind == "city"
    assert _resolved(gazetteer, "New York").kind == "city"
    assert _resolved(gazetteer, "Washington").feature_code == "PPLC"


def test_a_province_beats_a_foreign_village_of_the_same_name(gazetteer: Gazetteer) -> None:
    borno = _resolved(gazetteer, "Borno")
    assert (borno.kind, borno.country_code) == ("admin1", "NG")


@pytest.mark.parametrize(
    ("name", "feature_code"),
    [
        ("Strait of Hormuz", "STRT"),
        ("Bab el-Mandeb", "STRT"),
        ("Black Sea", "SEA"),
        ("Sea of Azov", "SEA"),
        ("Golan Heights", "PLAT"),
        ("the Golan Heights", "PLAT"),
        ("Qandil Mountains", "MTS"),
        ("Mount Sinjar", "MTS"),
        ("Dnipro River", "STM"),
        ("Euphrates", "STM"),
        ("Bekaa Valley", "VAL"),
        ("Pankisi Gorge", "GRGE"),
        ("Sinai", "PEN"),
        ("the Sahel", "RGN"),
    ],
)
def test_natural_features_by_their_own_names(
    gazetteer: Gazetteer, name: str, feature_code: str
) -> None:
    entry = _resolved(gazetteer, name)
    assert (entry.kind, entry.feature_code) == ("feature", feature_code)
    assert entry.lat is not None and entry.lon is not None


def test_a_city_beats_the_river_named_like_it(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Dnipro").kind == "city"


def test_a_neighbour_of_a_context_country_is_preferred(gazetteer: Gazetteer) -> None:
    bethlehem = _resolved(gazetteer, "Bethlehem", context_countries=["IL"])
    assert (bethlehem.country_code, bethlehem.geonameid) == ("PS", 284315)


def test_a_translated_alternate_name_does_not_win_on_size(gazetteer: Gazetteer) -> None:
    # GeoNames lists "Bethlehem" among the names of Belém (Brazil, 1.5 million people).
    assert _resolved(gazetteer, "Bethlehem").country_code != "BR"


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Tal Afar", 90393),  # population unknown in GeoNames, only alternate names match
        ("Kiev", 703448),
        ("Kobani", 172256),
        ("Jenin", 283506),
        ("Khan Younis", 281124),
        ("Deir ez-Zor", 170794),
        ("Sana'a", 71137),
        ("Sanaa", 71137),
    ],
)
def test_news_spellings_of_conflict_places(gazetteer: Gazetteer, name: str, geonameid: int) -> None:
    assert _resolved(gazetteer, name).geonameid == geonameid


def test_nothing_fits_gives_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Xyzzyqwv") is None
    assert gazetteer.resolve("") is None
    assert gazetteer.resolve("Tigris", kind="admin1") is None


def test_resolve_rejects_an_unknown_kind(gazetteer: Gazetteer) -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        gazetteer.resolve("Mosul", kind="town")


def test_the_gazetteer_can_be_used_from_another_thread(gazetteer: Gazetteer) -> None:
    found: list[GazetteerEntry | None] = []
    worker = threading.Thread(target=lambda: found.append(gazetteer.resolve("Mosul")))
    worker.start()
    worker.join()
    assert found and found[0] is not None and found[0].geonameid == 99072


def test_resolve_is_fast_enough_for_batches(gazetteer: Gazetteer) -> None:
    names = ["Mosul", "Aleppo", "Raqqa", "Paris", "Springfield", "Old City", "Tigris", "Iraq"]
    started = time.perf_counter()
    for _ in range(250):
        for name in names:
            gazetteer.resolve(name, context_countries=("IQ", "SY"))
    assert time.perf_counter() - started < 10  # 2,000 resolutions; typically well under 1 s


def test_continents_are_places_and_beat_towns_named_after_them(gazetteer: Gazetteer) -> None:
    africa = _resolved(gazetteer, "Africa")
    assert (africa.kind, africa.geonameid, africa.feature_code) == ("continent", 6255146, "CONT")
    assert _resolved(gazetteer, "North America").kind == "continent"


def test_country_points_lie_near_the_countrys_middle(gazetteer: Gazetteer) -> None:
    from warmonitor.eval.geoparsing import distance_km

    # The geographic centre of the contiguous United States is near Lebanon, Kansas.
    us = gazetteer.country("US")
    assert us is not None and distance_km(us.lat, us.lon, 39.83, -98.58) < 50
    iraq = gazetteer.country("IQ")
    assert iraq is not None and distance_km(iraq.lat, iraq.lon, 33.0, 44.0) < 100


def test_provinces_lie_near_their_middle_not_their_biggest_valley(gazetteer: Gazetteer) -> None:
    from warmonitor.eval.geoparsing import distance_km

    # Utah's towns crowd the Wasatch Front; the state's middle is near 39.3 N 111.7 W.
    utah = _resolved(gazetteer, "Utah", kind="admin1")
    assert distance_km(utah.lat, utah.lon, 39.3, -111.7) < 120


def test_the_documents_state_decides_and_a_state_can_beat_a_country(gazetteer: Gazetteer) -> None:
    decatur = _resolved(gazetteer, "Decatur", context_admin1=[("US", "Georgia")])
    assert decatur.admin1 == "Georgia"
    assert _resolved(gazetteer, "Decatur").admin1 != "Georgia"  # the larger, in Illinois
    georgia = _resolved(gazetteer, "Georgia", context_countries=["US"])
    assert georgia.kind == "admin1" and georgia.country_code == "US"
    assert _resolved(gazetteer, "Georgia").kind == "country"
    assert gazetteer.names_admin1("Georgia") and not gazetteer.names_admin1("Iraq")


def test_a_village_listing_a_states_name_does_not_hide_the_state(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Minnesota").kind == "admin1"
    assert _resolved(gazetteer, "Virginia", context_countries=["US"]).kind == "admin1"


def test_provinces_go_by_their_english_names(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Kandahar", kind="admin1").name == "Kandahar"
    assert _resolved(gazetteer, "Aleppo", kind="admin1").name == "Aleppo"


def test_towns_without_a_district_link_get_the_district_named_like_them(
    gazetteer: Gazetteer,
) -> None:
    raqqa = _resolved(gazetteer, "Raqqa")
    assert raqqa.admin1 is not None and raqqa.admin2 is not None
