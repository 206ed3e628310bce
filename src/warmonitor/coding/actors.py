"""Actors: the organisations (or categories of people) that act and are acted upon.

A phrase is named canonically by, in order:
1. the actor dictionary (data/actors.tsv): "ISIL", "Daesh", "IS" all give "Islamic State";
2. a country's state forces: a demonym or country name with a force noun ("Iraqi forces",
   "the Syrian army", "Iraq's police") gives "Military Forces of Iraq" / "Police Forces of Iraq";
3. categories of people: civilians, protesters, rioters, unidentified gunmen;
4. words that stand for an armed group already named ("the group", "militants", "it"), which
   resolve to the last non-state armed actor mentioned before them in the document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warmonitor.coding.knowledge import ActorEntry, Country, Knowledge
from warmonitor.coding.syntax import document_entities, entities_in, noun_phrase, span_of
from warmonitor.model import Actor

_MILITARY_NOUNS = {
    "force",
    "troop",
    "army",
    "soldier",
    "military",
    "unit",
    "serviceman",
    "marine",
    "commando",
    "jet",
    "warplane",
    "aircraft",
    "drone",
    "navy",
    "artillery",
    "tank",
    "paratrooper",
    "airforce",
    "brigade",
    "division",
}
_POLICE_NOUNS = {
    "police",
    "policeman",
    "policemen",
    "policewoman",
    "policewomen",
    "cop",
    "constable",
    "constabulary",
    "gendarme",
    "gendarmerie",
    "officer",
}
# Nouns for a body of people that a police word before them makes police: "the police force",
# "police personnel", "a police team" are police, not the army that "force" alone would be.
_POLICE_BODIES = {"force", "personnel", "team", "party", "contingent", "squad", "unit", "official"}
_GOVERNMENT_NOUNS = {"government", "authority", "regime", "ministry", "official", "administration"}
_CIVILIAN_NOUNS = {
    "civilian",
    "people",
    "resident",
    "villager",
    "child",
    "woman",
    "family",
    "worshipper",
    "student",
    "farmer",
    "passenger",
    "man",
    "person",
    "shopper",
    "pilgrim",
    "refugee",
    "teacher",
    "journalist",
    "aid worker",
    "peasant",
    "priest",
    "nun",
    "cleric",
    "bishop",
    "mayor",
    "judge",
    "lawyer",
    "trader",
    "merchant",
    "driver",
    "doctor",
    "nurse",
    "engineer",
    "worker",
    "businessman",
}
_PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "marcher"}
_RIOTER_NOUNS = {"rioter", "mob", "looter"}
_UNIDENTIFIED_NOUNS = {"gunman", "gunmen", "assailant", "attacker", "bandit", "kidnapper"}
_ARMED_MODIFIERS = {"armed", "unidentified", "unknown", "masked", "hooded", "heavily"}
# Words that stand for an armed group named earlier in the document.
ANAPHORS = {
    "group",
    "rebel",
    "guerrilla",
    "guerilla",
    "subversive",
    "militant",
    "jihadist",
    "insurgent",
    "extremist",
    "fighter",
    "terrorist",
    "it",
    "they",
    "them",
    "its",
    "their",
    "organisation",
    "organization",
}
_NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_THOROUGHFARES = frozenset(
    {
        "street", "streets", "st", "avenue", "avenues", "ave", "road", "roads", "rd",
        "boulevard", "blvd", "drive", "dr", "lane", "ln", "highway", "hwy", "parkway",
        "pkwy", "expressway", "freeway", "interstate", "court", "ct", "place", "pl",
        "terrace", "way", "block",
    }
)  # fmt: skip
# Bodies of people that a nationality makes an actor when the dictionary does not name them.
_PEOPLE_NOUNS = {
    "diplomat",
    "envoy",
    "ambassador",
    "embassy",
    "official",
    "minister",
    "leader",
    "negotiator",
    "delegation",
    "delegate",
    "lawmaker",
    "legislator",
    "parliament",
    "deputy",
    "politician",
    "adviser",
    "advisor",
    "inspector",
    "observer",
    "peacekeeper",
    "detainee",
    "prisoner",
    "candidate",
    "youth",
    "national",
    "citizen",
    "elder",
    "militiaman",
    "militiamen",
    "opposition",
    "court",
}
_MILITARY_TARGETS = {
    "convoy",
    "patrol",
    "base",
    "checkpoint",
    "position",
    "outpost",
    "post",
    "camp",
    "barracks",
    "vehicle",
    "helicopter",
    "headquarters",
    "station",
}
_NON_STATE = {"Rebel group", "Political militia", "Identity militia"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A dictionary actor named at a character offset: the antecedents for "the group"."""

    actor: Actor
    start: int
    end: int


class ActorResolver:
    """Names actor phrases within one document."""

    def __init__(self, knowledge: Knowledge, doc: Doc, home: Country | None = None):
        self._knowledge = knowledge
        # The country a report is filed from: "the army" unqualified is that country's army.
        self.home = home
        self.mentions: tuple[ActorMention, ...] = tuple(
            _find_mentions(doc.text, _alias_matcher(knowledge.actors))
        )

    def resolve(self, token: Token) -> Actor | None:
        """The actor a parse token's phrase names, or None."""
        if token.pos_ == "PRON":
            speaker = _speaker_of(token)
            actor = self.resolve(speaker) if speaker is not None else None
            if actor is not None:
                # "Somali forces said they had killed...": "they" is the speaker.
                return actor
        head = _classifier_of(token)
        phrase = noun_phrase(token)
        return self.resolve_phrase(phrase, head=head)

    def resolve_phrase(self, phrase: SpacySpan, *, head: Token) -> Actor | None:
        named = [m for m in self.mentions if phrase.start_char <= m.start < phrase.end_char]
        if named:
            # The mention nearest the phrase's head names it ("an alliance of ... the SDF").
            best = min(named, key=lambda m: abs(m.start - head.idx))
            return replace(best.actor, span=span_of(phrase))
        state = self._state_actor(phrase, head)
        if state is not None:
            return state
        category = _category_actor(phrase, head)
        if category is not None:
            # "Iraqi civilians" are Iraq's, wherever the event is.
            return fill_country(category, self._country_in(phrase, head))
        if head.lemma_.lower() in ANAPHORS or head.lower_ in ANAPHORS:
            antecedent = self.antecedent(head.idx) or self.first_named_group()
            if antecedent is not None:
                return replace(antecedent, span=span_of(phrase))
            if head.pos_ != "PRON":
                return Actor(
                    "Unidentified Armed Group", "Political militia", "REB", None, span_of(phrase)
                )
        return self._named_as_written(phrase, head)

    def _named_as_written(self, phrase: SpacySpan, head: Token) -> Actor | None:
        """An actor the dictionary does not know, named as the text names it.

        A country acting ("Iran rejected the offer", "Washington demanded") is its government;
        a people ("Palestinians blamed Israel") or a body of people given a nationality
        ("expelled two Russian diplomats") keeps its name with the country it gives; a named
        person or organisation ("Lt. Gen. Prosper Avril") keeps its name, with the country its
        phrase gives and no type, since nothing in the text says which kind of actor it is."""
        entity = next(
            (
                e
                for e in entities_in(phrase)
                if e.start <= head.i < e.end and e.label_ in _NAMED_LABELS
            ),
            None,
        )
        if entity is None:
            return self._nationals(phrase, head)
        if entity.text.split()[-1].lower().rstrip(".") in _THOROUGHFARES:
            return None  # "a shooting on Stricker and School Streets": an address, not a party
        country = self._country_named(entity.text)
        if entity.label_ == "GPE" or (entity.label_ in ("ORG", "PERSON") and country is not None):
            # spaCy's small model tags some countries as people or organisations ("Niger").
            if country is None and head.dep_ == "nsubj":
                # Only an acting capital stands for its government: "shelled Kabul" is a place.
                country = self._knowledge.capitals.get(_without_article(entity.text).casefold())
            if country is None:
                return None
            name = f"Government of {country.name}"
            return Actor(name, "State forces", "GOV", country.iso3, span_of(phrase))
        if entity.label_ == "NORP":
            if country is None:
                return None
            return Actor(entity.text, None, None, country.iso3, span_of(phrase))
        country = self._country_in(phrase, head)
        return Actor(entity.text, None, None, country.iso3 if country else None, span_of(phrase))

    def _nationals(self, phrase: SpacySpan, head: Token) -> Actor | None:
        """People of a named body and nationality: "Russian diplomats", "Iraqi Kurds"."""
        if head.lemma_.lower() not in _PEOPLE_NOUNS and head.ent_type_ != "NORP":
            return None
        country = self._country_in(phrase, head)
        if country is None:
            return None
        words = [t for t in phrase if t.i <= head.i]
        while words and (words[0].pos_ in ("DET", "NUM", "ADV", "ADP") or words[0].like_num):
            words.pop(0)
        if not words:
            return None
        name = phrase.doc[words[0].i : head.i + 1].text
        return Actor(name, None, None, country.iso3, span_of(phrase))

    def _country_named(self, text: str) -> Country | None:
        """The country a name or demonym gives: "the United States", "Palestinians"."""
        key = _without_article(text).casefold()
        demonyms = self._knowledge.demonyms
        if key in demonyms:
            return demonyms[key]
        if key.endswith("s") and key[:-1] in demonyms:
            return demonyms[key[:-1]]
        return None

    def first_named_group(self) -> Actor | None:
        """ "Militants ambushed a convoy ... JNIM claimed responsibility": named only later."""
        return next((m.actor for m in self.mentions if m.actor.type in _NON_STATE), None)

    def antecedent(self, offset: int) -> Actor | None:
        """The non-state armed actor that "the group" or "it" stands for at ``offset``.

        News keeps one protagonist group and calls it "the group" after naming it, while a
        rival is named in full each time; so the most often named group before the offset wins,
        and the most recent one breaks ties."""
        counts: dict[str, tuple[int, int, Actor]] = {}
        for order, mention in enumerate(self.mentions):
            if mention.start < offset and mention.actor.type in _NON_STATE:
                seen = counts.get(mention.actor.name, (0, 0, mention.actor))[0]
                counts[mention.actor.name] = (seen + 1, order, mention.actor)
        if not counts:
            return None
        return max(counts.values(), key=lambda item: (item[0], item[1]))[2]

    def _state_actor(self, phrase: SpacySpan, head: Token) -> Actor | None:
        lemma = head.lemma_.lower()
        if lemma in _POLICE_NOUNS or _is_police_body(head):
            template, sector = "Police Forces of {}", "GOV"
        elif lemma in _MILITARY_NOUNS:
            template, sector = "Military Forces of {}", "MIL"
        elif lemma in _GOVERNMENT_NOUNS:
            template, sector = "Government of {}", "GOV"
        else:
            return None
        country = self._country_in(phrase, head) or self.home
        if country is None:
            return None
        return Actor(
            name=template.format(country.name),
            type="State forces",
            sector=sector,
            country=country.iso3,
            span=span_of(phrase),
        )

    def _country_in(self, phrase: SpacySpan, head: Token) -> Country | None:
        """The demonym or country nearest before the head noun ("U.S.-backed Iraqi forces")."""
        demonyms = self._knowledge.demonyms
        for token in reversed(phrase.doc[phrase.start : head.i]):
            # A multi-word country ("South Sudan's army") is read whole, before its last word.
            if token.ent_type_ in ("GPE", "NORP"):
                entity = next(
                    (e for e in document_entities(phrase.doc) if e.start <= token.i < e.end), None
                )
                if entity is not None and entity.text.casefold() in demonyms:
                    return demonyms[entity.text.casefold()]
            for width in (3, 2, 1):
                # "South Sudan" untagged: the longest known name ending at this word.
                start = max(phrase.start, token.i - width + 1)
                words = phrase.doc[start : token.i + 1].text.casefold()
                if words in demonyms:
                    return demonyms[words]
        return None


def _without_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _is_police_body(head: Token) -> bool:
    return head.lemma_.lower() in _POLICE_BODIES and any(
        child.dep_ in ("compound", "amod") and child.lemma_.lower() in _POLICE_NOUNS
        for child in head.children
    )


def _speaker_of(pronoun: Token) -> Token | None:
    """The subject of the reporting verb whose clause a pronoun stands in."""
    from warmonitor.coding.syntax import REPORTING_VERBS

    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
        return None
    reporting = verb.head
    if reporting.lemma_ not in REPORTING_VERBS:
        return None
    subject = next((c for c in reporting.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ != "PRON":
        return subject
    return None


def _classifier_of(token: Token) -> Token:
    """ "a Malian army convoy": the convoy is the army's, so "army" says whose it is."""
    if token.lemma_.lower() in _MILITARY_TARGETS:
        for child in token.children:
            lemma = child.lemma_.lower()
            if child.dep_ in ("compound", "amod") and (
                lemma in _MILITARY_NOUNS or lemma in _POLICE_NOUNS
            ):
                return child
    return token


def holding_party(name: str) -> str:
    """Who holds territory that an actor takes: a state's army takes it for the government."""
    if name.startswith("Military Forces of "):
        return "Government of " + name.removeprefix("Military Forces of ")
    return name


def fill_country(actor: Actor | None, country: Country | None) -> Actor | None:
    """Categories of people take the country of the event: "Civilians (Iraq)"."""
    if actor is None or country is None or actor.country is not None:
        return actor
    if (
        actor.type in ("Civilians", "Protesters", "Rioters")
        or actor.name == "Unidentified Armed Group"
    ):
        return replace(actor, name=f"{actor.name} ({country.name})", country=country.iso3)
    return actor


def _category_actor(phrase: SpacySpan, head: Token) -> Actor | None:
    lemma = head.lemma_.lower()
    span = span_of(phrase)
    if lemma in _CIVILIAN_NOUNS and not _ARMED_MODIFIERS & {c.lower_ for c in head.children}:
        return Actor("Civilians", "Civilians", "CVL", None, span)
    if lemma in ("man", "people", "person"):
        # "armed men", "unidentified men": attackers whose group the text does not name.
        return Actor("Unidentified Armed Group", "Political militia", "REB", None, span)
    if lemma in _PROTESTER_NOUNS:
        return Actor("Protesters", "Protesters", "CVL", None, span)
    if lemma in _RIOTER_NOUNS:
        return Actor("Rioters", "Rioters", "CVL", None, span)
    if lemma in _UNIDENTIFIED_NOUNS or head.lower_ in _UNIDENTIFIED_NOUNS:
        return Actor("Unidentified Armed Group", "Political militia", "REB", None, span)
    return None


def _actor_of(entry: ActorEntry, text: str, start: int, end: int) -> Actor:
    from warmonitor.model import Span

    return Actor(
        name=entry.name,
        type=entry.type,
        sector=entry.sector,
        country=entry.country,
        span=Span(start, end, text[start:end]),
        wikidata=entry.wikidata,
    )


@dataclass(frozen=True, slots=True)
class _AliasMatcher:
    """Every alias of the actor dictionary in two patterns, longest alternative first, so that
    "Islamic State group" beats "Islamic State" and the text is scanned twice, not per alias."""

    exact: re.Pattern[str]  # all-capital and short aliases ("IS", "SDF") match case-sensitively
    folded: re.Pattern[str]
    entries: dict[str, ActorEntry]  # alias key -> entry


def _alias_key(text: str, *, fold: bool) -> str:
    key = " ".join(text.replace("’", "'").split())
    return key.casefold() if fold else key


@functools.lru_cache(maxsize=4)
def _alias_matcher(entries: tuple[ActorEntry, ...]) -> _AliasMatcher:
    exact: list[str] = []
    folded: list[str] = []
    table: dict[str, ActorEntry] = {}
    for entry in entries:
        for alias in entry.aliases:
            if not alias:
                continue
            fold = not (alias.isupper() or len(alias) <= 3)
            key = _alias_key(alias, fold=fold)
            table.setdefault(("f:" if fold else "e:") + key, entry)
            (folded if fold else exact).append(alias)

    def compile_all(aliases: list[str], flags: int) -> re.Pattern[str]:
        bodies = [
            re.escape(a).replace(r"\ ", r"\s+").replace("'", "['’]")
            for a in sorted(set(aliases), key=len, reverse=True)
        ]
        return re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w])", flags)

    return _AliasMatcher(compile_all(exact, 0), compile_all(folded, re.IGNORECASE), table)


def _find_mentions(text: str, matcher: _AliasMatcher) -> list[ActorMention]:
    candidates = []
    for prefix, pattern, fold in (("e:", matcher.exact, False), ("f:", matcher.folded, True)):
        for match in pattern.finditer(text):
            entry = matcher.entries.get(prefix + _alias_key(match.group(), fold=fold))
            if entry is not None:
                candidates.append((match.start(), match.end(), entry))
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    found: list[ActorMention] = []
    for start, end, entry in candidates:
        if found and start < found[-1].end:
            continue  # inside a longer alias already taken
        found.append(ActorMention(_actor_of(entry, text, start, end), start, end))
    return found
