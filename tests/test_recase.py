"""Recasing ALL-CAPITALS wire copy (warmonitor.ingest.recase); invented reports only."""

from __future__ import annotations

import pytest

from warmonitor.ingest.recase import is_all_capitals, recase
from warmonitor.ingest.text import clean_report

WIRE = (
    "SAN SALVADOR, 12 MAY 91 -- GUERRILLAS OF THE NATIONAL LIBERATION ARMY [ELN] ATTACKED A "
    "POLICE POST IN USULUTAN ON MONDAY. COLONEL ESTEBAN QUIRARTE SAID THE ATTACKERS FIRED AN "
    "AK-47 RIFLE. I SAW TWO SALVADORAN SOLDIERS WOUNDED, A WITNESS SAID."
)


@pytest.fixture(scope="module")
def recased() -> str:
    return recase(WIRE)


def test_recase_keeps_the_length_and_the_letters(recased: str) -> None:
    assert len(recased) == len(WIRE)
    assert recased.upper() == WIRE


def test_recase_lower_cases_ordinary_words(recased: str) -> None:
    assert "attacked a police post" in recased
    assert "the attackers fired" in recased


def test_recase_capitalises_names_the_project_knows(recased: str) -> None:
    assert "San Salvador" in recased  # gazetteer
    assert "National Liberation Army" in recased  # actors.tsv alias
    assert "Salvadoran soldiers" in recased  # demonyms.tsv


def test_recase_keeps_acronyms_in_capitals(recased: str) -> None:
    assert "[ELN]" in recased
    assert "AK-47 rifle" in recased


def test_recase_capitalises_sentences_calendar_and_titled_names(recased: str) -> None:
    assert "Monday" in recased
    assert "12 May 91" in recased
    assert "Colonel Esteban Quirarte said" in recased
    assert ". I saw two" in recased
    assert "Usulutan" in recased  # not an English word: a name


def test_recase_leaves_a_common_word_that_is_also_a_small_town_alone() -> None:
    text = "THE GUERRILLAS BLEW UP THE BAR AND A CHAIR FACTORY NEAR THE BORDER WITH PERU."
    recased = recase(text)
    assert "the bar and a chair factory" in recased
    assert recased.endswith("Peru.")


def test_recase_leaves_mixed_case_text_untouched() -> None:
    text = "Gunmen attacked a POLICE post in Usulutan on Monday, the ELN said."
    assert not is_all_capitals(text)
    assert recase(text) is text


def test_is_all_capitals_needs_enough_letters() -> None:
    assert not is_all_capitals("UN SAYS")
    assert is_all_capitals("THE ARMY SAYS REBELS ATTACKED THE TOWN AT DAWN")


def test_clean_report_recases_wire_copy_and_keeps_offsets() -> None:
    report = clean_report(WIRE)
    assert report.dateline  # parsed from the capitals, before recasing
    assert "Guerrillas of the National Liberation Army [ELN] attacked" in report.text
    assert report.text.upper() in WIRE
