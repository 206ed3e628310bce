"""Finding event triggers in a sentence: verbs by lemma, nouns and multi-word phrases by words."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from warmonitor.coding.knowledge import Knowledge, TriggerEntry
from warmonitor.coding.syntax import is_age, prepositional_objects, struck_by_gunfire

# Light verbs whose object noun is the event: "launched a counter-attack", "carried out strikes".
LIGHT_VERBS = {
    "launch",
    "mount",
    "carry",
    "conduct",
    "stage",
    "wage",
    "begin",
    "step",
    "unleash",
    "claim",
    "lead",
    "fight",
    "perpetrate",
    "commit",
    "intensify",
    "continue",
}
# Verbs of agreement: their subjects are the parties, their objects the deal.
AGREE_VERBS = {"agree", "sign", "reach", "announce", "declare", "accept", "broker", "conclude"}
# A verb trigger needs an object of the right sort to mean what the lexicon says.
_TERRITORY_NOUNS = {
    "city",
    "town",
    "village",
    "district",
    "territory",
    "area",
    "province",
    "region",
    "base",
    "airport",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "hill",
    "bridge",
    "road",
    "camp",
    "checkpoint",
    "position",
    "outpost",
    "stronghold",
    "redoubt",
    "capital",
    "most",
    "part",
    "control",
    "parts",
    "zone",
    "field",
    "dam",
    "crossing",
    "port",
    "headquarters",
    "country",
}


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token  # the head word: the verb, or the noun of a phrase
    span: SpacySpan  # every word of the trigger
    entry: TriggerEntry


def find_triggers(sentence: SpacySpan, knowledge: Knowledge) -> list[Trigger]:
    verbs, phrases, pattern = _trigger_tables(knowledge.triggers)
    found: list[Trigger] = []
    used: set[int] = set()
    for match in pattern.finditer(sentence.text.lower()):
        entry = phrases.get(match.group("words"))
        span = sentence.doc.char_span(
            sentence.start_char + match.start(),
            sentence.start_char + match.end(),
            alignment_mode="expand",
        )
        if entry is None or span is None or any(t.i in used for t in span):
            continue
        head = span.root
        if entry.pos == "VERB" and head.pos_ not in ("VERB", "AUX"):
            continue
        if entry.pos == "NOUN" and head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        if entry.rule == "clash" and _a_struggle_to_live(head):
            continue
        used.update(t.i for t in span)
        found.append(Trigger(head, span, entry))
    for token in sentence:
        if token.i in used or (token.pos_ != "VERB" and not _mistagged_verb(token)):
            continue
        if token.i > 0 and token.doc[token.i - 1].tag_ == "HYPH":
            continue  # the end of a compound adjective: "non-life-threatening injuries"
        # A phrasal verb however inflected: "handed over", "pulled its troops out".
        phrasal = (
            phrases.get(f"{token.lemma_.lower()} {c.lower_}")
            for c in token.children
            if c.dep_ == "prt"
        )
        entry = next((e for e in phrasal if e is not None and e.pos == "VERB"), None)
        lemma = _MISTAGGED_VERBS.get(token.lower_, token.lemma_.lower())
        entry = entry or next((e for e in verbs.get(lemma, ()) if _object_fits(token, e)), None)
        if entry is None and struck_by_gunfire(token):
            entry = next(iter(verbs.get("shoot", ())), None)  # "was hit by a stray bullet"
        if entry is None or (lemma in _HARM_VERBS and _harm_by_mishap(token)):
            continue
        if entry.rule == "clash" and _a_struggle_to_live(token):
            continue
        used.add(token.i)
        found.append(Trigger(token, sentence.doc[token.i : token.i + 1], entry))
    # "police seized rockets": the rockets are what was seized, not a rocket attack.
    seized = {o.i for t in found if t.entry.rule == "weapons" for o in _objects_of(t.token)}
    found = [t for t in found if t.entry.pos == "VERB" or t.token.i not in seized]
    return sorted(found, key=lambda t: t.token.i)


def _a_struggle_to_live(word: Token) -> bool:
    """ "still battling serious injuries", "fighting for his life", "her fight against cancer",
    "fighting to survive": one's own struggle against a wound or an illness, no clash."""
    against = [c for c in word.children if c.dep_ == "dobj"]
    against += prepositional_objects(word, ("for", "against", "with"))
    if any(t.lemma_.lower() in _OWN_STRUGGLES for t in against):
        return True
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in _STAYING_ALIVE for c in word.children)


_OWN_STRUGGLES = frozenset(
    {"life", "injury", "wound", "cancer", "illness", "disease", "infection", "addiction"}
)
_STAYING_ALIVE = frozenset({"survive", "live", "recover", "breathe"})


@functools.lru_cache(maxsize=4)
def _trigger_tables(
    triggers: tuple[TriggerEntry, ...],
) -> tuple[dict[str, list[TriggerEntry]], dict[str, TriggerEntry], re.Pattern[str]]:
    """Verb lemmas, phrase words, and one pattern for every phrase (longest first, plural -s
    allowed), built once rather than per sentence."""
    # A verb may have several readings told apart by its object ("seized the town" is
    # territory, "seized 50 rifles" disrupted weapons use); the lexicon's order decides ties.
    verbs: dict[str, list[TriggerEntry]] = {}
    for t in triggers:
        if t.pos == "VERB" and " " not in t.words:
            verbs.setdefault(t.words, []).append(t)
    phrases = {t.words: t for t in triggers if t.pos == "NOUN" or " " in t.words}
    alternatives = "|".join(re.escape(w) for w in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?P<words>{alternatives})s?(?![\w-])")
    return verbs, phrases, pattern


# Past forms the small model tags as nouns after an age or a plain noun ("a 16-year-old shot a
# friend", "a baby shot on Sunday has died"), with the verb they are.
_MISTAGGED_VERBS = {"shot": "shoot"}
# What a noun "shot" has and the verb has not: "a shot", "the fatal shot", "gun shot".
_NOUN_MARKS = frozenset({"det", "poss", "amod", "compound", "nummod"})


def _mistagged_verb(token: Token) -> bool:
    if token.lower_ not in _MISTAGGED_VERBS or token.pos_ != "NOUN":
        return False
    marks = [c for c in token.children if c.dep_ in _NOUN_MARKS]
    if any(is_age(c) for c in marks):
        # "a 16-year-old shot a friend": the article and the age are the shooter's.
        marks = [c for c in marks if not is_age(c) and c.dep_ != "det"]
    return not marks


def _object_fits(verb: Token, entry: TriggerEntry) -> bool:
    if entry.rule == "weapons":
        # "seized 50 rifles", "explosive devices were found", "destroyed weapon depots"
        return any(_is_weapon(token) for token in _objects_of(verb))
    if entry.rule != "territory":
        return True
    # "captured the town", "took control of Gao", "drove it from its last territory", "the
    # district was retaken": the thing taken must be a place. "was taken to hospital" and
    # "captured a commander" are not territorial changes.
    return any(_is_place_like(token) for token in _objects_of(verb))


def _objects_of(verb: Token) -> list[Token]:
    """What the verb acts on: its object or passive subject, and "from"/"of"/"over" phrases."""
    taken = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    taken += prepositional_objects(verb, ("from", "of", "over"))
    for token in list(taken):
        # "dozens of heavy machine guns", "a cache of ammunition": the counted thing.
        taken += prepositional_objects(token, ("of",))
        taken += [c for c in token.children if c.dep_ == "conj"]
    return taken


# Verbs of the lexicon that tell harm done without saying by what: whether it was violence,
# the cause decides.
_HARM_VERBS = frozenset({"kill"})
# Causes of harm that are no one's attack: "killed in a car crash", "killed in a fall".
_MISHAPS = frozenset(
    {
        "accident",
        "crash",
        "collision",
        "wreck",
        "rollover",
        "derailment",
        "flood",
        "flooding",
        "storm",
        "earthquake",
        "quake",
        "avalanche",
        "landslide",
        "mudslide",
        "hurricane",
        "tornado",
        "cyclone",
        "typhoon",
        "lightning",
        "overdose",
        "fall",
        "stampede",
        "blaze",
    }
)
_MISHAP_VERBS = frozenset({"crash", "collide", "overturn", "derail", "drown"})
# A fire is a mishap when it burns a thing ("a house fire"); "sniper fire" is an attack.
_THINGS_THAT_BURN = frozenset(
    {"house", "apartment", "building", "home", "brush", "forest", "wild", "structure", "kitchen"}
)


def _harm_by_mishap(verb: Token) -> bool:
    """The harm came from an accident or a disaster the clause names: "was killed in a car
    crash", "were killed when a storm hit", "killed in a house fire"."""
    causes = prepositional_objects(verb, ("in", "by", "during", "after"))
    clauses = [c for c in verb.children if c.dep_ == "advcl"]
    if any(c.lemma_.lower() in _MISHAP_VERBS for c in clauses):
        return True  # "were killed when their helicopter crashed"
    # The small model may take the subject for the clause: "when a tornado hit the town".
    causes += clauses + [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    return any(_is_mishap(cause) for cause in causes)


def _is_mishap(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in _MISHAPS:
        return True
    return lemma == "fire" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _THINGS_THAT_BURN
        for c in noun.children
    )


_WEAPON_NOUNS = {
    "weapon",
    "arm",
    "ammunition",
    "firearm",
    "rifle",
    "pistol",
    "gun",
    "explosive",
    "device",
    "bomb",
    "ied",
    "grenade",
    "mine",
    "landmine",
    "cache",
    "depot",
    "round",
    "launcher",
    "kalashnikov",
    "missile",
    "rocket",
    "shell",
    "mortar",
    "detonator",
    "magazine",
    "materiel",
}


def _is_weapon(token: Token) -> bool:
    return token.lemma_.lower() in _WEAPON_NOUNS or token.lower_ in _WEAPON_NOUNS


def _is_place_like(token: Token) -> bool:
    """A place, or a noun for territory ("most of the district", "control of the city")."""
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if token.lemma_.lower() in _TERRITORY_NOUNS:
        if token.lemma_.lower() in ("most", "part", "parts", "control"):
            return (
                any(_is_place_like(pobj) for pobj in prepositional_objects(token, ("of",)))
                or token.lemma_.lower() == "control"
            )
        return True
    return False
