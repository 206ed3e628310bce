"""The learned event classifier: training, the rules' readings, saving, and how the coder uses it.

Small classifiers are trained here on invented sentences, so that each test knows what the model
has seen; the gold-trained one is exercised by the session fixture and the accuracy gate."""

import datetime as dt
import pickle

import pytest

from tests.conftest import GOLD, shared_file
from warmonitor.coding.classifier import (
    NO_EVENT,
    EventClassifiers,
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
    save_classifier(EventClassifiers(marches_model, _political_model()), path)
    loaded = load_classifier(path)
    assert loaded is not None and loaded.trained_on == "invented sentences; invented acts"
    text = "Workers paraded to the ministry."
    assert _opinion(loaded.sub_event, text) == _opinion(marches_model, text)
    assert loaded.plover is not None and loaded.plover.classes == ("REQUEST", "THREATEN", "none")


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


def _only(model):
    return EventClassifiers(model)


def _extract(extractor, text):
    article = Article(id=article_id(text), text=text, published=dt.date(2024, 5, 10), language="en")
    return extractor.extract(article)


def test_coder_tells_an_event_the_lexicon_has_no_word_for(extractor, marches_model):
    text = "Thousands of dockworkers paraded through Mombasa on Tuesday."
    rules = _extract(extractor.with_classifier(None), text)
    learned = _extract(extractor.with_classifier(_only(marches_model)), text)
    assert not rules.events
    (event,) = learned.events
    assert event.sub_event_type == "Peaceful protest" and event.event_type == "Protests"
    assert event.trigger.text == "paraded"
    assert event.location is not None and event.location.name == "Mombasa"
    assert event.date is not None and event.date.start == dt.date(2024, 5, 7)


def test_coder_keeps_forecasts_out_even_when_the_classifier_is_sure(extractor, marches_model):
    text = "Thousands of dockworkers could parade through Mombasa next week."
    assert not _extract(extractor.with_classifier(_only(marches_model)), text).events


def test_coder_retypes_an_event_but_keeps_its_id(extractor):
    text = "Militants attacked the village of Kauri with jets overhead, residents said."
    rules = _extract(extractor.with_classifier(None), text)
    (ruled,) = rules.events
    units = [
        TrainingUnit(text, readings_of(ruled.sub_event_type, ruled.plover_type), "Armed clash")
    ]
    units += [TrainingUnit(t, (NO_EVENT,), NO_EVENT) for t in FLOODS]
    retyped = _extract(extractor.with_classifier(_only(fit_classifier(units, "retype"))), text)
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
    riot_model = _only(fit_classifier(units, "riot"))
    (event,) = _extract(extractor.with_classifier(riot_model), text).events
    assert event.sub_event_type == ruled.sub_event_type


def test_training_set_reads_every_case_snippet_through_the_rules(extractor, tmp_path):
    from warmonitor.training import FOLDS, read_training_set

    gold = shared_file(GOLD / "case2021_task2.dev.jsonl").parent
    training = read_training_set(extractor, gold)
    assert len(training.sub_event) == 381
    assert {r.fold for r in training.sub_event} == set(range(FOLDS))
    labels = {r.unit.label for r in training.sub_event}
    assert NO_EVENT in labels and "Armed clash" in labels
    # The PLOVER model learns from the 322 PLOVER records, CASE's snippets (less the diplomatic
    # ones, which name no PLOVER type) and ordinary sentences that tell no political act.
    plover_ids = [r.record_id for r in training.plover]
    assert sum(i.startswith("PLOVER-") for i in plover_ids) == 322
    plover_labels = {r.unit.label for r in training.plover}
    assert {"THREATEN", "CONSULT", "ASSAULT", NO_EVENT} <= plover_labels
    # A fold left out is really left out, of both models.
    model = training.fit(leave_out=lambda r: r.fold == 0)
    assert str(sum(r.fold != 0 for r in training.sub_event)) in model.sub_event.trained_on
    assert model.plover is not None
    assert str(sum(r.fold != 0 for r in training.plover)) in model.plover.trained_on
    # Both models read one set of features, and still do after saving and loading.
    assert model.plover.features is model.sub_event.features
    path = tmp_path / "both.pickle"
    save_classifier(model, path)
    loaded = load_classifier(path)
    assert loaded is not None and loaded.plover is not None
    assert loaded.plover.features is loaded.sub_event.features


DEMANDS = [
    "The ministry nudged the neighbouring government to hand over the two suspects.",
    "The council nudged the governor to clear the border crossing at once.",
    "The opposition nudged the president to free the jailed journalists.",
    "The federation nudged the league to give back the confiscated trucks.",
]
THREATS = [
    "The government vowed to cut off electricity to the breakaway region unless it paid.",
    "The rebels vowed to blockade the capital if the talks failed.",
    "The union vowed to shut down the ports unless wages were raised.",
    "The ministry vowed to expel the ambassador if the shelling went on.",
]
ORDINARY = [
    "The shop stays open until nine on weekdays.",
    "The school held its annual sports day on the field.",
    "The weather was mild for the time of year.",
    "Traffic on the bridge was slow in the morning.",
]


def _political_model():
    units = [TrainingUnit(t, (NO_EVENT,), "REQUEST") for t in DEMANDS]
    units += [TrainingUnit(t, (NO_EVENT,), "THREATEN") for t in THREATS]
    units += [TrainingUnit(t, (NO_EVENT,), NO_EVENT) for t in ORDINARY]
    return fit_classifier(units, "invented acts")


def test_coder_tells_a_political_act_the_lexicon_has_no_word_for(extractor, marches_model):
    text = "Kenya nudged Uganda to clear the Busia crossing on Tuesday."
    classifiers = EventClassifiers(marches_model, _political_model())
    assert not _extract(extractor.with_classifier(None), text).events
    (event,) = _extract(extractor.with_classifier(classifiers), text).events
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")
    assert event.plover_type == "REQUEST" and event.trigger.text == "nudged"
    assert event.actor1 is not None and event.actor1.country == "KEN"
    assert event.actor2 is not None and event.actor2.country == "UGA"


def test_coder_tells_no_political_act_in_an_ordinary_sentence(extractor, marches_model):
    text = "The market in Busia stays open until nine on weekdays."
    classifiers = EventClassifiers(marches_model, _political_model())
    assert not _extract(extractor.with_classifier(classifiers), text).events


def test_coder_keeps_the_lexicons_political_type(extractor, marches_model):
    # "threatened" is in the lexicon: the PLOVER model, which reads a demand, does not overrule.
    text = "Kenya threatened to close the Busia crossing, its foreign minister said on Tuesday."
    classifiers = EventClassifiers(marches_model, _political_model())
    (event,) = _extract(extractor.with_classifier(classifiers), text).events
    assert event.plover_type == "THREATEN"
