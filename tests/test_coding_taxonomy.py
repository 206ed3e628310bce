"""The taxonomy the coder speaks: ACLED's 25 sub-event types with a PLOVER reading each."""

from warmonitor.coding.knowledge import load_knowledge
from warmonitor.coding.taxonomy import PLOVER_TYPES, load_taxonomy, plover_for

ACLED_EVENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def test_taxonomy_has_the_25_acled_sub_event_types():
    taxonomy = load_taxonomy()
    assert len(taxonomy) == 25
    assert {entry.event_type for entry in taxonomy.values()} == ACLED_EVENT_TYPES
    for entry in taxonomy.values():
        assert entry.plover_type is None or entry.plover_type in PLOVER_TYPES


def test_taxonomy_every_trigger_speaks_acled_and_plover():
    taxonomy = load_taxonomy()
    for trigger in load_knowledge().triggers:
        assert trigger.sub_event_type in taxonomy, trigger
        assert taxonomy[trigger.sub_event_type].event_type == trigger.event_type, trigger
        assert trigger.plover_type in PLOVER_TYPES, trigger


def test_taxonomy_crosswalk_follows_the_final_sub_event_type():
    # "attack" re-coded as an air strike by the weapon in its clause reads ASSAULT/aerial.
    assert plover_for("Air/drone strike", "ASSAULT", "aerial") == ("ASSAULT", "aerial")
    assert plover_for("Arrests", "COERCE", None) == ("COERCE", "arrest")
    assert plover_for("Government regains territory", "ASSAULT", "firearms") == ("COERCE", "seize")
    assert plover_for("Other", "THREATEN", None) == ("THREATEN", None)
