"""Weapon mentions as WEAPON entities (warmonitor.coding.weapons); invented reports only."""

from __future__ import annotations

import pytest

from warmonitor.coding.knowledge import load_knowledge
from warmonitor.coding.weapons import find_weapons
from warmonitor.config import NlpConfig
from warmonitor.nlp.loader import load_nlp


@pytest.fixture(scope="module")
def weapons_in():
    nlp = load_nlp(NlpConfig().model)
    lexicon = load_knowledge().weapons

    def run(text: str) -> list[str]:
        return [entity.text for entity in find_weapons(nlp(text), lexicon)]

    return run


def test_weapons_multi_word_names_win_over_their_last_word(weapons_in) -> None:
    assert weapons_in("A car bomb exploded outside the station.") == ["car bomb"]


def test_weapons_plurals_hyphens_and_case(weapons_in) -> None:
    found = weapons_in("They carried AK-47s, hand grenades and a MACHINE-GUN.")
    assert found == ["AK-47s", "hand grenades", "MACHINE-GUN"]


def test_weapons_irregular_plural_from_the_lexicon(weapons_in) -> None:
    assert weapons_in("The attackers used knives.") == ["knives"]


def test_weapons_side_by_side_are_one_mention(weapons_in) -> None:
    assert weapons_in("Police found an M-16 rifle in the car.") == ["M-16 rifle"]


def test_weapons_whole_words_only(weapons_in) -> None:
    assert weapons_in("The gunsmith sold a rifleman's guide about bombastic mortarboards.") == []


def test_weapons_a_verb_is_not_a_weapon(weapons_in) -> None:
    assert weapons_in("Rebels threatened to bomb the bridge.") == []


def test_weapons_join_the_document_entities_sorted_without_duplicates(extract_text) -> None:
    text = "Rebels fired AK-47 rifles and mortars at an army post near Mosul on Monday."
    entities = extract_text(text).entities
    weapons = [e.text for e in entities if e.label == "WEAPON"]
    assert weapons == ["AK-47 rifles", "mortars"]
    spans = [(e.start, e.end) for e in entities]
    assert spans == sorted(spans)
    assert len(set(spans)) == len(spans)
    assert all(text[e.start : e.end] == e.text for e in entities)
