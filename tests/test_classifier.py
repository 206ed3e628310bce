"""The learned event classifier: training, the rules' readings, saving, and how the coder uses it.

Small classifiers are trained here on invented sentences, so that each test knows what the model
has seen; the gold-trained one is exercised by the session fixture and the accuracy gate."""

import datetime as dt
import pickle

import pytest

from tests.conftest import GOLD, shared_file
from warmonitor.coding.classifier import (
    NO_EVENT,
    TrainingUnit,
    fit_classifier,
    load_classifier,
    readings_of,
    save_classifier,
)
from warmonitor.errors import WarmonitorError
from warmonitor.ingest.identity import article_id
from warmonitor.model import Article

# "Parade" is not in the trigger lexicon: only the classifier can tell these.
MARCHES = [
    "Thousands paraded through the capital demanding the minister resign.",
    "Hundreds of teachers paraded to parliament over unpaid salaries.",
    "Students paraded peacefully through the city centre on Monday.",
    "Farmers paraded on the governor's office with banners and songs.",
    "Nurses paraded outside the hospital to demand better pay.",
]
FLOODS = [
    "Heavy rain flooded the lower town and washed away two bridges.",
    "The river burst its banks after a week of rain, flooding farms.",
    "Floods swept through the valley, cutting off several villages.",
    "Rain flooded roads across the province for a third day.",
    "Flood water covered the market after the dam overflowed.",
]
STRIKES = [
    "Jets bombed the rebel positions outside the town at dawn.",
    "Warplanes struck a fuel depot held by the insurgents.",
    "Drones hit a convoy of fighters on the highway.",
    "Aircraft bombed the hills where the militants were hiding.",
    "An air strike hit the group's command post overnight.",
]


def _units(readings=(NO_EVENT,)):
    return (
        [TrainingUnit(t, readings, "Peaceful protest") for t in MARCHES]
        + [TrainingUnit(t, readings, NO_EVENT) for t in FLOODS]
        + [TrainingUnit(t, readings, "Air/drone strike") for t in STRIKES]
    )


@pytest.fixture(scope="module")
def marches_model():
    return fit_classifier(_units(), "invented sentences")


def _opinion(model, text, readings=(NO_EVENT,)):
    return model.opinion(model.sentence_scores([text]), 0, readings)


def test_classifier_reads_unseen_sentences_by_their_words(marches_model):
    assert _opinion(marches_model, "Workers paraded to the ministry.").label == "Peaceful protest"
    assert _opinion(marches_model, "Rain flooded the main road again.").label == NO_EVENT
    assert _opinion(marches_model, "Warplanes bombed the depot.").label == "Air/drone strike"


def test_classifier_margin_is_positive_only_on_the_winning_side(marches_model):
    sure = _opinion(marches_model, "Thousands paraded through the capital.")
    assert sure.margin > 0
    unsure = _opinion(marches_model, "The committee will publish its report.")
    assert unsure.margin < sure.margin


def test_classifier_weighs_the_rules_reading():
    # The same words, told apart only by what the rules made of them.
    text = "The incident happened near the bridge on Sunday."
    units = [TrainingUnit(text, readings_of("Grenade", "ASSAULT"), "Grenade")] * 4 + [
        TrainingUnit(text, readings_of("Arrests", "COERCE"), "Arrests")
    ] * 4
    model = fit_classifier(units, "readings")
    assert _opinion(model, text, readings_of("Grenade", "ASSAULT")).label == "Grenade"
    assert _opinion(model, text, readings_of("Arrests", "COERCE")).label == "Arrests"


def test_classifier_needs_two_labels():
    with pytest.raises(WarmonitorError, match="two labels"):
        fit_classifier([TrainingUnit("a b c", (NO_EVENT,), NO_EVENT)] * 3, "one label")


def test_classifier_two_labels_keep_both_sides():
    units = [TrainingUnit(t, (NO_EVENT,), "Peaceful protest") for t in MARCHES] + [
        TrainingUnit(t, (NO_EVENT,), NO_EVENT) for t in FLOODS
    ]
    model = fit_classifier(units, "binary")
    assert _opinion(model, "Workers paraded to the ministry.").label == "Peaceful protest"
    assert _opinion(model, "The river flooded the farms.").label == NO_EVENT


def test_classifier_survives_saving_and_loading(tmp_path, marches_model):
    path = tmp_path / "model.pickle"
    save_classifier(marches_model, path)
    loaded = load_classifier(path)
    assert loaded is not None and loaded.trained_on == "invented sentences"
    text = "Workers paraded to the ministry."
    assert _opinion(loaded, text) == _opinion(marches_model, text)


def test_classifier_of_another_format_is_ignored_not_loaded(tmp_path):
    path = tmp_path / "model.pickle"
    with path.open("wb") as handle:
        pickle.dump((0, "0.0"), handle)
        handle.write(b"whatever follows is never unpickled")
    assert load_classifier(path) is None
    assert load_classifier(tmp_path / "absent.pickle") is None


def test_classifier_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "model.pickle"
    path.write_bytes(b"not a pickle")
    with pytest.raises(WarmonitorError, match="warmonitor train"):
        load_classifier(path)


def _extract(extractor, text):
    article = Article(id=article_id(text), text=text, published=dt.date(2024, 5, 10), language="en")
    return extractor.extract(article)


def test_coder_tells_an_event_the_lexicon_has_no_word_for(extractor, marches_model):
    text = "Thousands of dockworkers paraded through Mombasa on Tuesday."
    rules = _extract(extractor.with_classifier(None), text)
    learned = _extract(extractor.with_classifier(marches_model), text)
    assert not rules.events
    (event,) = learned.events
    assert event.sub_event_type == "Peaceful protest" and event.event_type == "Protests"
    assert event.trigger.text == "paraded"
    assert event.location is not None and event.location.name == "Mombasa"
    assert event.date is not None and event.date.start == dt.date(2024, 5, 7)


def test_coder_keeps_forecasts_out_even_when_the_classifier_is_sure(extractor, marches_model):
    text = "Thousands of dockworkers could parade through Mombasa next week."
    assert not _extract(extractor.with_classifier(marches_model), text).events


def test_coder_retypes_an_event_but_keeps_its_id(extractor):
    text = "Militants attacked the village of Kauri with jets overhead, residents said."
    rules = _extract(extractor.with_classifier(None), text)
    (ruled,) = rules.events
    units = [
        TrainingUnit(text, readings_of(ruled.sub_event_type, ruled.plover_type), "Armed clash")
    ]
    units += [TrainingUnit(t, (NO_EVENT,), NO_EVENT) for t in FLOODS]
    retyped = _extract(extractor.with_classifier(fit_classifier(units, "retype")), text)
    (event,) = retyped.events
    assert ruled.sub_event_type != "Armed clash"
    assert event.sub_event_type == "Armed clash" and event.event_type == "Battles"
    assert event.id == ruled.id


def test_coder_does_not_let_state_forces_riot(extractor):
    text = "Police used tear gas on the crowd in Nairobi on Monday."
    rules = _extract(extractor.with_classifier(None), text)
    (ruled,) = rules.events
    units = [
        TrainingUnit(text, readings_of(ruled.sub_event_type, ruled.plover_type), label)
        for label in ("Violent demonstration", "Violent demonstration", "Chemical weapon")
    ]
    units += [TrainingUnit(t, (NO_EVENT,), NO_EVENT) for t in FLOODS]
    (event,) = _extract(extractor.with_classifier(fit_classifier(units, "riot")), text).events
    assert event.sub_event_type == ruled.sub_event_type


def test_training_set_reads_every_case_snippet_through_the_rules(extractor):
    from warmonitor.training import FOLDS, read_training_set

    gold = shared_file(GOLD / "case2021_task2.dev.jsonl").parent
    training = read_training_set(extractor, gold)
    assert len(training.records) == 381
    assert {r.fold for r in training.records} == set(range(FOLDS))
    labels = {r.unit.label for r in training.records}
    assert NO_EVENT in labels and "Armed clash" in labels
    # A fold left out is really left out.
    model = training.fit(leave_out=lambda r: r.fold == 0)
    assert str(sum(r.fold != 0 for r in training.records)) in model.trained_on
