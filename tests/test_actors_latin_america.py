"""The armed groups of Latin America's conflicts in the actor dictionary (data/actors.tsv), read
in mixed case and in ALL-CAPITALS wire copy after recasing. Every sentence is invented."""

from __future__ import annotations

import pytest
import spacy

from warmonitor.coding.actors import ActorResolver
from warmonitor.coding.knowledge import load_knowledge
from warmonitor.ingest.recase import recase
from warmonitor.ingest.text import clean_report


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _named(blank, text: str) -> list[tuple[str, str]]:
    """(canonical name, text as written) of every dictionary actor the text names."""
    resolver = ActorResolver(load_knowledge(), blank(text))
    return [(m.actor.name, m.actor.span.text) for m in resolver.mentions]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the FMLN", "Farabundo Marti National Liberation Front"),
        (
            "the Farabundo Martí National Liberation Front",
            "Farabundo Marti National Liberation Front",
        ),
        (
            "the Frente Farabundo Marti para la Liberacion Nacional",
            "Farabundo Marti National Liberation Front",
        ),
        ("the FPL", "Popular Liberation Forces"),
        ("the People's Revolutionary Army (ERP)", "People's Revolutionary Army"),
        ("Sendero Luminoso", "Shining Path"),
        ("the Communist Party of Peru-Shining Path", "Shining Path"),
        ("the Tupac Amaru Revolutionary Movement", "Tupac Amaru Revolutionary Movement"),
        ("the MRTA", "Tupac Amaru Revolutionary Movement"),
        ("the FARC-EP", "Revolutionary Armed Forces of Colombia"),
        ("FARC dissidents", "FARC dissidents"),
        ("the Army of National Liberation", "National Liberation Army"),
        ("the UC-ELN", "National Liberation Army"),
        ("the EPL", "Popular Liberation Army"),
        ("the M-19", "19th of April Movement"),
        ("the April 19 Movement", "19th of April Movement"),
        ("the Medellin cartel", "Medellin Cartel"),
        ("the Extraditables", "Medellin Cartel"),
        ("the Cali cartel", "Cali Cartel"),
        ("the URNG", "Guatemalan National Revolutionary Unity"),
        ("Contra rebels", "Contras"),
        ("the Nicaraguan Resistance", "Contras"),
        ("the FSLN", "Sandinista National Liberation Front"),
        ("the Sandinista People's Army", "Military Forces of Nicaragua"),
        ("the FPMR", "Manuel Rodriguez Patriotic Front"),
        ("the Cinchoneros", "Cinchonero Popular Liberation Movement"),
        ("the Morazanist Patriotic Front", "Morazanist Patriotic Front"),
        (
            "the Zarate Willka Armed Forces of Liberation",
            "Zarate Willka Armed Forces of Liberation",
        ),
        ("the EZLN", "Zapatista Army of National Liberation"),
        ("the Jalisco New Generation Cartel", "Jalisco New Generation Cartel"),
        ("MS-13", "Mara Salvatrucha"),
        ("the Atlacatl Battalion", "Military Forces of El Salvador"),
        ("UMOPAR", "Police Forces of Bolivia"),
    ],
)
def test_latin_american_group_is_named_canonically(blank, phrase: str, name: str) -> None:
    text = f"Witnesses said {phrase} attacked the town on Sunday."
    assert {n for n, _ in _named(blank, text)} == {name}


def test_latin_american_groups_keep_their_country_and_type() -> None:
    entries = {entry.name: entry for entry in load_knowledge().actors}
    assert entries["Shining Path"].country == "PER"
    assert entries["Farabundo Marti National Liberation Front"].type == "Rebel group"
    assert entries["Medellin Cartel"].type == "Political militia"
    assert entries["Medellin Cartel"].sector == "CRM"
    assert entries["Military Forces of Nicaragua"].type == "State forces"


@pytest.mark.parametrize(
    "text",
    [
        "The village lies far from the front line.",  # FAR is Guatemala's Rebel Armed Forces
        "The EPP group won the most seats in the European Parliament.",
        "Rebel armed forces advanced on the capital.",
        "Police patrolled the streets of Lautaro in southern Chile.",
        "The FAL rifles were seized in the raid.",
    ],
)
def test_words_that_only_look_like_latin_american_groups_name_none(blank, text: str) -> None:
    assert _named(blank, text) == []


WIRE = (
    "SAN SALVADOR, 4 FEB 90 -- FMLN TERRORISTS ATTACKED THE ARCE BATTALION IN SAN MIGUEL. "
    "IN LIMA, SENDERO LUMINOSO AND THE MRTA CLAIMED TWO BOMBINGS, WHILE IN COLOMBIA THE ELN, "
    "THE FARC AND THE M-19 HELD TALKS. IT IS FAR FROM OVER."
)


def test_recasing_keeps_latin_american_acronyms_and_names() -> None:
    recased = recase(WIRE)
    assert "FMLN terrorists attacked the Arce Battalion" in recased
    assert "Sendero Luminoso and the MRTA" in recased
    assert "the ELN, the FARC and the M-19" in recased
    assert "It is far from over." in recased  # an acronym elsewhere is still a word here


def test_recased_wire_names_the_groups(blank) -> None:
    names = [name for name, _ in _named(blank, recase(WIRE))]
    assert names == [
        "Farabundo Marti National Liberation Front",
        "Military Forces of El Salvador",
        "Shining Path",
        "Tupac Amaru Revolutionary Movement",
        "National Liberation Army",
        "Revolutionary Armed Forces of Colombia",
        "19th of April Movement",
    ]


def test_wire_attack_by_the_fmln_on_a_battalion(extract_text) -> None:
    report = clean_report(
        "SAN SALVADOR, 4 FEB 90 -- FMLN TERRORISTS ATTACKED THE ARCE BATTALION IN SAN MIGUEL "
        "DEPARTMENT YESTERDAY."
    )
    result = extract_text(report.text)
    attacks = [e for e in result.events if e.trigger.text == "attacked"]
    assert len(attacks) == 1
    assert attacks[0].actor1.name == "Farabundo Marti National Liberation Front"
    assert attacks[0].actor1.type == "Rebel group"
    assert attacks[0].actor2.name == "Military Forces of El Salvador"


def test_mixed_case_kidnapping_by_the_mrta(extract_text) -> None:
    result = extract_text("Rebels of the MRTA kidnapped a businessman in Lima on Tuesday.")
    kidnappings = [e for e in result.events if e.trigger.text == "kidnapped"]
    assert len(kidnappings) == 1
    assert kidnappings[0].actor1.name == "Tupac Amaru Revolutionary Movement"
    assert kidnappings[0].actor1.country == "PER"
