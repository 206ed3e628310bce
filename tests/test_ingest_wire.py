"""Bylines, datelines and agency names, one rule at a time."""

from __future__ import annotations

import pytest

from warmonitor.ingest.wire import (
    canonical_agency,
    parse_byline,
    parse_dateline,
    split_authors,
    title_case_place,
)


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        ("Ann Lee; Omar Diallo", ("Ann Lee", "Omar Diallo")),
        ("Ann Lee, Omar Diallo and Sara Haddad", ("Ann Lee", "Omar Diallo", "Sara Haddad")),
        ("Ann Lee & Omar Diallo", ("Ann Lee", "Omar Diallo")),
        ("Ann Lee; Reuters", ("Ann Lee",)),
        ("ANN LEE", ("Ann Lee",)),
        ("Ann Lee; Ann Lee", ("Ann Lee",)),
    ],
)
def test_split_authors(raw: str, authors: tuple[str, ...]) -> None:
    assert split_authors(raw) == authors


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MOSUL", "Mosul"),
        ("GAZA CITY", "Gaza City"),
        ("UNITED NATIONS", "United Nations"),
        ("PORT-AU-PRINCE", "Port-au-Prince"),
        ("DEIR AL-ZOR", "Deir al-Zor"),
        ("AL-HASAKA", "Al-Hasaka"),
        ("N'DJAMENA", "N'Djamena"),
        ("Kyiv", "Kyiv"),
        ("WASHINGTON, US", "Washington, US"),
    ],
)
def test_title_case_place(name: str, expected: str) -> None:
    assert title_case_place(name) == expected


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("AP", "AP"),
        ("Agence France-Presse", "AFP"),
        ("DPA", "dpa"),
        ("Anadolu Agency", "Anadolu"),
        ("al jazeera", "Al Jazeera"),
        ("Sudan Tribune", None),
    ],
)
def test_canonical_agency(name: str, canonical: str | None) -> None:
    assert canonical_agency(name) == canonical


@pytest.mark.parametrize(
    "line",
    ["By Friday", "By the end of the week, 40 people had died.", "Byline", "By 2024"],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_dateline_end_is_where_the_report_starts() -> None:
    paragraph = "MOSUL, Iraq/RAQQA, Syria (Reuters) – U.S.-backed Iraqi forces pressed on."
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert paragraph[dateline.end :] == "U.S.-backed Iraqi forces pressed on."
