"""IndiaPoliceEvents scoring: our events mapped to the dataset's police labels, sentence by
sentence. The report texts here are invented; the gold files are only read, never copied."""

import pytest

from tests.conftest import GOLD, shared_file
from warmonitor.eval.indiapolice import (
    LABELS,
    labels_by_sentence,
    police_labels,
    score_indiapolice,
    sentence_spans,
)


def _labels(result) -> set[str]:
    return set().union(*(police_labels(e) for e in result.events))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police opened fire on a mob in Ahmedabad on Tuesday.", {"FORCE", "ANY_ACTION"}),
        ("Police arrested 40 people in Ahmedabad on Monday.", {"ARREST", "ANY_ACTION"}),
        (
            "Two people were killed when police fired at a crowd in Vadodara on Monday.",
            {"KILL", "FORCE", "ANY_ACTION"},
        ),
        (
            "Police lobbed tear gas shells to disperse the crowd in Ahmedabad on Friday.",
            {"FORCE", "ANY_ACTION"},
        ),
        ("The police lathicharged the protesters in Ahmedabad on Sunday.", {"FORCE", "ANY_ACTION"}),
        ("Three men were taken into custody in Jaipur on Sunday.", {"ARREST", "ANY_ACTION"}),
        ("The police force detained 12 men in Kolkata on Monday.", {"ARREST", "ANY_ACTION"}),
        # The police are attacked, not acting.
        ("A mob attacked the police in Ahmedabad on Tuesday.", set()),
    ],
)
def test_eval_indiapolice_label_mapping(extract_text, text, expected):
    assert _labels(extract_text(text)) == expected


def test_eval_indiapolice_police_force_is_not_the_army(extract_text):
    result = extract_text("The police force detained 12 men in Kolkata on Monday.")
    assert result.events[0].actor1.name == "Police Forces of India"


def test_eval_indiapolice_sentence_spans_survive_mojibake_and_spacing():
    text = "Police said: \u201cwe acted.\u201d  They left.\n\nCurfew was lifted."
    gold = [
        "Police said: \u00e2\u20ac\u0153we acted.\u00e2\u20ac",
        "\u009d They  left.",
        '"',
        "Curfew was lifted.",
    ]
    spans = sentence_spans(text, gold)
    assert text[spans[0][0] : spans[0][1]].startswith("Police said")
    assert text[spans[1][0] : spans[1][1]].strip() == "They left."
    assert spans[2][0] == spans[2][1]  # no letters: nothing lands on it
    assert text[spans[3][0] : spans[3][1]] == "Curfew was lifted."


def test_eval_indiapolice_event_lands_on_the_sentence_of_its_trigger(extract_text):
    text = "Ahmedabad remained tense on Monday. Police arrested 40 people in Ahmedabad."
    gold = ["Ahmedabad remained tense on Monday.", "Police arrested 40 people in Ahmedabad."]
    predicted = labels_by_sentence(extract_text(text).events, sentence_spans(text, gold))
    assert predicted == [set(), {"ARREST", "ANY_ACTION"}]


def test_eval_indiapolice_scores_the_real_gold(extractor):
    gold = shared_file(GOLD / "indiapoliceevents_docs.dev.jsonl").parent
    scores = score_indiapolice(extractor, gold, limit=20)
    assert len(scores) == 2 * len(LABELS)
    by_metric = {s.metric: s for s in scores}
    assert by_metric["police ARREST F1 per article"].items == 20
    assert by_metric["police ARREST F1 per sentence"].items > 20
    for score in scores:
        assert 0.0 <= score.score <= 1.0 and score.note.startswith("P ")
    # The first 20 articles report arrests and police firing plainly enough to be found.
    assert by_metric["police ARREST F1 per article"].score >= 0.5
    assert by_metric["police ANY_ACTION F1 per article"].score >= 0.4
