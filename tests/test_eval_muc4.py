"""MUC-4 role-filler scoring (warmonitor.eval.muc4): head-noun matching and a short real run."""

from __future__ import annotations

import datetime as dt

from tests.conftest import GOLD, shared_file
from warmonitor.eval.muc4 import (
    GOLD_FILE,
    GoldEntity,
    gold_entities,
    head_keys,
    incident_type,
    match_fillers,
    predicted_fillers,
    same_head,
    score_muc4,
)
from warmonitor.model import Actor, Article, Event, Extraction, Span


def test_muc4_head_is_the_last_noun_before_a_postmodifier() -> None:
    assert same_head("a powerful bomb placed in a car", "BOMB")
    assert same_head("terrorists of the Patriotic Front", "TERRORISTS")
    assert not same_head("terrorists of the Patriotic Front", "PATRIOTIC FRONT")


def test_muc4_head_ignores_case_plural_hyphens_and_spacing() -> None:
    assert same_head("AK-47s", "AK-47")
    assert same_head("the peasants", "PEASANT")
    assert same_head("two policemen", "POLICEMAN")
    assert same_head("a machine gun", "MACHINEGUN")
    assert not same_head("a truck bomb", "TRUCK")


def test_muc4_head_keys_of_an_empty_phrase() -> None:
    assert head_keys("--") == frozenset()


def _gold(*names: str, optional: bool = False) -> GoldEntity:
    return GoldEntity(frozenset(k for name in names for k in head_keys(name)), optional)


def test_muc4_any_alternative_matches_and_each_gold_entity_once() -> None:
    gold = [_gold("PATRIOTIC FRONT", "PF"), _gold("BOMB")]
    predicted = [head_keys("PF"), head_keys("the front"), head_keys("dynamite")]
    tally = match_fillers(gold, predicted)
    # "PF" takes the Patriotic Front, so "the front" finds it matched already; "dynamite"
    # matches nothing; the bomb is missed.
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (1, 2, 1)


def test_muc4_a_filler_named_twice_is_one_prediction() -> None:
    tally = match_fillers([_gold("BOMB")], [head_keys("a bomb"), head_keys("the bombs")])
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (1, 0, 0)


def test_muc4_optional_entities_neither_count_nor_penalise() -> None:
    gold = [_gold("RIFLE", optional=True), _gold("GRENADE")]
    tally = match_fillers(gold, [head_keys("rifles")])
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (0, 0, 1)


def test_muc4_an_irrelevant_document_makes_every_prediction_wrong() -> None:
    tally = match_fillers([], [head_keys("bomb")])
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (0, 1, 0)


def test_muc4_gold_entities_merge_across_templates_and_keep_optional_flags() -> None:
    record = {
        "templates": [
            {"optional": False, "weapon": [["BOMB"], ["RIFLE"]], "optional_fillers": {}},
            {"optional": False, "weapon": [["BOMBS"]], "optional_fillers": {"weapon": [0]}},
            {"optional": True, "weapon": [["GRENADE"]], "optional_fillers": {}},
        ]
    }
    entities = gold_entities(record, "weapon")
    assert [(sorted(e.keys), e.optional) for e in entities] == [
        (["bomb"], False),
        (["rifle"], False),
        (["grenade"], True),
    ]


def test_muc4_incident_types_from_warmonitor_sub_event_types() -> None:
    def event(sub_event_type: str, trigger: str) -> Event:
        span = Span(0, len(trigger), trigger)
        return Event("e", "a", span, span, "x", sub_event_type, None, None, None, None, None, None)

    assert incident_type(event("Remote explosive/landmine/IED", "exploded")) == "BOMBING"
    assert incident_type(event("Abduction/forced disappearance", "kidnapped")) == "KIDNAPPING"
    assert incident_type(event("Looting/property destruction", "torched")) == "ARSON"
    assert incident_type(event("Looting/property destruction", "looted")) == "ROBBERY"
    assert incident_type(event("Peaceful protest", "marched")) is None


def test_muc4_reads_recalled_incidents_but_not_forecasts() -> None:
    def murder(victim: str, modality: str) -> Event:
        span = Span(0, 6, "murder")
        actor = Actor(victim, "Civilians", "CVL", None, Span(10, 10 + len(victim), victim))
        return Event(
            "e" + victim,
            "a",
            span,
            span,
            "Violence against civilians",
            "Attack",
            "ASSAULT",
            None,
            None,
            actor,
            None,
            None,
            modality=modality,
        )

    extraction = Extraction(
        article=Article(id="a", text="x"),
        events=(murder("the mayor", "asserted"),),
        non_events=(murder("six priests", "historical"), murder("the judge", "future")),
    )
    victims = predicted_fillers(extraction)["victim"]
    assert {min(keys) for keys in victims} == {"mayor", "priest"}


def test_muc4_scores_twenty_real_documents(extractor) -> None:
    gold_dir = shared_file(GOLD / GOLD_FILE).parent
    scores = score_muc4(extractor, gold_dir, limit=20)
    metrics = {s.metric: s for s in scores}
    assert set(metrics) == {
        "perpetrator organisation F1 (head noun)",
        "victim F1 (head noun)",
        "weapon F1 (head noun)",
        "role fillers micro F1 (head noun)",
        "incident type F1",
        "killed number (stated) F1",
        "victim number (exact) F1",
        "incident date (exact day) F1",
    }
    assert all(0.0 <= s.score <= 1.0 and s.note.startswith("P ") for s in scores)
    assert metrics["victim F1 (head noun)"].items > 0
    assert metrics["incident type F1"].score > 0.0


def test_muc4_numbers_and_days_are_scored_as_sets() -> None:
    from warmonitor.eval.muc4 import gold_values, match_values

    record = {
        "templates": [
            {
                "optional": False,
                "killed": 2,
                "killed_exact": True,
                "victim_number": [{"min": 2, "max": 2}, {"min": 2, "max": None}],
                "date_range": {"start": "1990-01-05", "end": "1990-01-05"},
            },
            {  # optional templates are neither required nor penalised
                "optional": True,
                "killed": 5,
                "killed_exact": True,
                "victim_number": [{"min": 5, "max": 5}],
                "date_range": {"start": "1990-01-01", "end": "1990-01-09"},
            },
        ]
    }
    assert gold_values(record, "killed") == {2}
    assert gold_values(record, "victim_number") == {2}
    assert gold_values(record, "date") == {dt.date(1990, 1, 5)}
    tally = match_values({2}, {2, 7})
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (1, 1, 0)
