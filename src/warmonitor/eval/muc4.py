"""MUC-4: role fillers of terrorist incidents in Latin American news (1989-92, ALL CAPITALS).

Scored per document the way document-level extraction is scored since Du & Cardie (2020) and
GRIT: for each role, the set of gold entities over all of a document's templates against the
set of fillers warmonitor predicts, micro-averaged over the documents. A predicted filler
matches a gold entity when their head nouns match (any of the entity's alternative names
counts; each gold entity is matched at most once). A document with no template is irrelevant:
everything predicted for it is a false positive. Optional templates and optional fillers are
neither required nor penalised: a prediction that matches one counts neither way.

How warmonitor's output is read as MUC roles (the product never speaks MUC):

- incident type: the sub-event type (and trigger) of each event, through :data:`INCIDENT_TYPES`;
  only the events that map to a MUC type ("violent events") give role fillers. MUC's templates
  cover past incidents a report recalls, which warmonitor lists as non-events of modality
  "historical" (background, not news); those count too, while forecasts, negated and
  hypothetical acts do not;
- perpetrator organisation: the violent events' ``actor1``, unless it stands for civilians or an
  unnamed armed group;
- victim: the violent events' ``actor2``, and the people their killed, wounded and kidnapped
  figures count (the figure's words and its ``who``);
- weapon: the WEAPON entities inside the sentences of violent events.

A predicted filler is known by every name it has (the words of its span, the canonical actor
name); it matches when any of them has the head of any of the gold alternatives.

The texts go through the product's own cleaner (:func:`warmonitor.ingest.text.clean_report`),
so the scores include the recasing every ALL-CAPITALS report gets on ingest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.eval.gold import Score, read_gold
from warmonitor.eval.metrics import prf
from warmonitor.ingest.identity import article_id
from warmonitor.ingest.text import clean_report
from warmonitor.model import Article, Event, Extraction

DATASET = "muc4"
GOLD_FILE = "muc4.dev.jsonl"

# ACLED sub-event type -> MUC-4 incident type. Looting and property destruction is split by its
# trigger below; sub-event types not listed (protests, arrests, agreements...) are no incident.
INCIDENT_TYPES = {
    "Armed clash": "ATTACK",
    "Attack": "ATTACK",
    "Air/drone strike": "ATTACK",
    "Shelling/artillery/missile attack": "ATTACK",
    "Chemical weapon": "ATTACK",
    "Sexual violence": "ATTACK",
    "Mob violence": "ATTACK",
    "Remote explosive/landmine/IED": "BOMBING",
    "Suicide bomb": "BOMBING",
    "Grenade": "BOMBING",
    "Abduction/forced disappearance": "KIDNAPPING",
}
_PROPERTY = "Looting/property destruction"
_FIRE_WORDS = re.compile(r"burn|torch|fire|arson|blaze|incinerat", re.IGNORECASE)
# MUC's roles, as named in the gold templates, and the names the scores are printed under.
ROLES = {"perp_org": "perpetrator organisation", "victim": "victim", "weapon": "weapon"}
_VICTIM_FIGURES = frozenset({"killed", "wounded", "kidnapped"})
# Numbers and days a template states, scored as sets per document like the role fillers:
VALUES = {
    # the template's "killed" (victim numbers with the effect DEATH) where the report states
    # it, against each violent event's killed figures added up;
    "killed": "killed number (stated)",
    # each exact victim number, against the numbers of people hurt, killed or taken in the
    # violent events;
    "victim_number": "victim number (exact)",
    # the incident's day where the template gives one, against the violent events dated to a
    # day.
    "date": "incident date (exact day)",
}
_NOT_PERPETRATORS = frozenset({"CVL"})

# Words that end a noun phrase's head: what follows them modifies it ("the bomb in the car",
# "peasants who were taken", "a vehicle filled with dynamite").
_POSTMODIFIERS = frozenset(
    re.split(
        r"\s+",
        """of in at on from with who which that whose near for by to during under inside outside
        into against loaded filled set placed planted carrying""",
    )
)
# "guerrillas of the ELN": the group a phrase's people are members of.
_MEMBER_OF = re.compile(r"\bof\s+(?:the\s+)?(.+)$", re.IGNORECASE | re.DOTALL)
_WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One gold filler: the head keys of all its alternative names."""

    keys: frozenset[str]
    optional: bool


@dataclass
class Tally:
    """True positives, false positives and false negatives of one role, over documents."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


def score_muc4(extractor, gold_dir: Path, limit: int | None = None) -> list[Score]:
    """Head-noun role-filler scores and incident-type scores on the MUC-4 dev documents."""
    records = read_gold(gold_dir / GOLD_FILE, limit)
    extractions = extractor.extract_many(muc4_articles(records))
    tallies = {role: Tally() for role in (*ROLES, "incident_type", *VALUES)}
    for record, extraction in zip(records, extractions, strict=True):
        predicted = predicted_fillers(extraction)
        for role in (*ROLES, "incident_type"):
            tallies[role].add(match_fillers(gold_entities(record, role), predicted[role]))
        values = predicted_values(extraction)
        for key in VALUES:
            tallies[key].add(match_values(gold_values(record, key), values[key]))
    fillers = Tally()
    for role in ROLES:
        fillers.add(tallies[role])
    rows = [(f"{name} F1 (head noun)", tallies[role]) for role, name in ROLES.items()]
    rows.append(("role fillers micro F1 (head noun)", fillers))
    rows.append(("incident type F1", tallies["incident_type"]))
    rows += [(f"{name} F1", tallies[key]) for key, name in VALUES.items()]
    return [_score(metric, tally) for metric, tally in rows]


def muc4_articles(records: list[dict[str, Any]]) -> Iterator[Article]:
    """The gold texts as ingest makes them: cleaned and, being in capitals, recased."""
    for record in records:
        report = clean_report(record["text"])
        yield Article(
            id=article_id(report.text),
            text=report.text,
            dateline=report.dateline,
            published=dt.date.fromisoformat(record["dct"]) if record.get("dct") else None,
            language="en",
            source_id=str(record["id"]),
        )


def _score(metric: str, tally: Tally) -> Score:
    result = prf(tally.true_positives, tally.false_positives, tally.false_negatives)
    note = f"P {result.precision:.3f} R {result.recall:.3f}"
    return Score(DATASET, metric, result.support, result.f1, note)


# -- gold ------------------------------------------------------------------------------------


def gold_entities(record: dict[str, Any], role: str) -> list[GoldEntity]:
    """A document's gold entities for ``role`` over all its templates, merged by head."""
    entities: list[GoldEntity] = []
    for template in record.get("templates", []):
        optional_indexes = set(template.get("optional_fillers", {}).get(role, []))
        for index, alternatives in enumerate(_role_values(template, role)):
            keys = frozenset(k for name in alternatives for k in head_keys(name))
            if keys:
                optional = template.get("optional", False) or index in optional_indexes
                entities = _merge(entities, GoldEntity(keys, optional))
    return entities


def _role_values(template: dict[str, Any], role: str) -> list[list[str]]:
    if role == "incident_type":
        return [template.get("incident_type_alternatives") or [template["incident_type"]]]
    return template.get(role, [])


def _merge(entities: list[GoldEntity], new: GoldEntity) -> list[GoldEntity]:
    """Add ``new``, or fold it into an entity with the same head: head matching cannot tell
    "the bomb" of one template from "a bomb" of another, so neither can the gold."""
    for index, entity in enumerate(entities):
        if entity.keys & new.keys:
            merged = GoldEntity(entity.keys | new.keys, entity.optional and new.optional)
            return [*entities[:index], merged, *entities[index + 1 :]]
    return [*entities, new]


# -- matching --------------------------------------------------------------------------------


def head_keys(phrase: str) -> frozenset[str]:
    """The head noun of a phrase, normalised, and with the word before it joined on.

    The head is the last word before any post-modifier or comma ("the bomb placed in the car"
    -> "bomb"), singular and without hyphens ("AK-47s" -> "ak47"). The joined key lets
    "machine gun" meet "MACHINEGUN". An incident type is its own key.
    """
    words = _WORDS.findall(phrase.split(",")[0].casefold())
    for index, word in enumerate(words):
        if index > 0 and word in _POSTMODIFIERS:
            words = words[:index]
            break
    words = [_singular(re.sub(r"['’]s$", "", word).replace("-", "")) for word in words]
    words = [word for word in words if word]
    if not words:
        return frozenset()
    keys = {words[-1]}
    if len(words) > 1:
        keys.add(words[-2] + words[-1])
    return frozenset(keys)


def same_head(predicted: str, gold: str) -> bool:
    """Do two phrases share a head noun (see :func:`head_keys`)?"""
    return bool(head_keys(predicted) & head_keys(gold))


def _singular(word: str) -> str:
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ss|x|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def match_fillers(gold: list[GoldEntity], predicted: list[frozenset[str]]) -> Tally:
    """Count one document's matches: each prediction against a gold entity not yet matched,
    required entities first."""
    tally = Tally()
    unmatched = sorted(gold, key=lambda entity: entity.optional)
    for keys in _distinct(predicted):
        hit = next((entity for entity in unmatched if entity.keys & keys), None)
        if hit is None:
            tally.false_positives += 1
            continue
        unmatched.remove(hit)
        tally.true_positives += not hit.optional
    tally.false_negatives = sum(not entity.optional for entity in unmatched)
    return tally


def _distinct(predicted: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    """The predicted set: a filler named again (same head) is one filler."""
    distinct: list[frozenset[str]] = []
    for keys in predicted:
        if keys and not any(keys & seen for seen in distinct):
            distinct.append(keys)
    return distinct


# -- warmonitor's output as MUC roles ---------------------------------------------------------


def incident_type(event: Event) -> str | None:
    """The MUC-4 incident type of a warmonitor event, or None when it is no MUC incident."""
    if event.sub_event_type == _PROPERTY:
        return "ARSON" if _FIRE_WORDS.search(event.trigger.text) else "ROBBERY"
    return INCIDENT_TYPES.get(event.sub_event_type)


def predicted_fillers(extraction: Extraction) -> dict[str, list[frozenset[str]]]:
    """Each role's predicted fillers, each as the head keys of all its names."""
    # MUC-4's templates cover every incident a report describes, past ones included; warmonitor
    # files those as background history, apart from its events, and they are read here too.
    history = [e for e in extraction.non_events if e.modality == "historical"]
    told = [*extraction.events, *history]
    violent = [event for event in told if incident_type(event) is not None]
    weapons = [entity for entity in extraction.entities if entity.label == "WEAPON"]
    return {
        "incident_type": [_names(incident_type(event) or "") for event in violent],
        "perp_org": [names for event in violent if (names := _perpetrator(event))],
        "victim": [names for event in violent for names in _victims(event)],
        "weapon": [
            _names(weapon.text)
            for weapon in weapons
            if any(e.sentence.start <= weapon.start < e.sentence.end for e in violent)
        ],
    }


def _perpetrator(event: Event) -> frozenset[str]:
    """The names of the organisation behind a violent event, if the event names one.

    Civilians and unnamed armed groups are no organisation, but "terrorists of the Farabundo
    Marti National Liberation Front" names the group its members belong to."""
    actor = event.actor1
    if actor is None or actor.sector in _NOT_PERPETRATORS:
        return frozenset()
    group = _MEMBER_OF.search(actor.span.text) if actor.span is not None else None
    names = [group.group(1)] if group else []
    if not actor.name.startswith("Unidentified"):
        names.extend(_actor_names(actor))
    return _names(*names)


def _victims(event: Event) -> Iterator[frozenset[str]]:
    if event.actor2 is not None:
        yield _names(*_actor_names(event.actor2))
    for figure in event.figures:
        if figure.kind in _VICTIM_FIGURES:
            yield _names(figure.span.text, figure.who or "")


def _actor_names(actor) -> tuple[str, ...]:
    return (actor.span.text, actor.name) if actor.span is not None else (actor.name,)


def _names(*names: str) -> frozenset[str]:
    return frozenset(key for name in names for key in head_keys(name))


# -- numbers and dates -----------------------------------------------------------------------


def gold_values(record: dict[str, Any], key: str) -> set[Any]:
    """The values a document's required templates state for ``key`` (see :data:`VALUES`)."""
    found: set[Any] = set()
    for template in record.get("templates", []):
        if template.get("optional"):
            continue
        if key == "killed" and template.get("killed_exact") and template.get("killed"):
            found.add(template["killed"])
        elif key == "victim_number":
            found.update(
                number["min"]
                for number in template.get("victim_number") or ()
                if number.get("min") is not None and number["min"] == number.get("max")
            )
        elif key == "date":
            span = template.get("date_range") or {}
            if span.get("start") and span["start"] == span.get("end"):
                found.add(dt.date.fromisoformat(span["start"]))
    return found


def predicted_values(extraction: Extraction) -> dict[str, set[Any]]:
    """What warmonitor's violent events say for each of :data:`VALUES`."""
    history = [e for e in extraction.non_events if e.modality == "historical"]
    violent = [e for e in (*extraction.events, *history) if incident_type(e) is not None]
    killed = {
        total
        for event in violent
        if (total := sum(f.best or 0 for f in event.figures if f.kind == "killed"))
    }
    victims = {f.best for e in violent for f in e.figures if f.kind in _VICTIM_FIGURES and f.best}
    days = {
        e.date.start
        for e in violent
        if e.date is not None and e.date.precision == 1 and e.date.start is not None
    }
    return {"killed": killed, "victim_number": victims, "date": days}


def match_values(gold: set[Any], predicted: set[Any]) -> Tally:
    hits = len(gold & predicted)
    return Tally(hits, len(predicted) - hits, len(gold) - hits)
