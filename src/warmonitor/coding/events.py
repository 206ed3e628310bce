"""From a parsed report to coded events: type, actors, place, date, figures, claimant, modality.

Each trigger in a sentence is one event mention. Its arguments are read from the parse (the
acting subject, the object or "against" phrase, the place and date phrases of its own clause),
then the document-level pass merges mentions of one event (a headline-like lead and a later
detailed sentence, a counter-attack and the district it retook) and ties figures to events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warmonitor.claims import disagreements
from warmonitor.coding.actors import ActorResolver, fill_country, holding_party
from warmonitor.coding.attribution import (
    continue_claimant,
    find_claimant,
    reporter_source,
    typed_claimant,
)
from warmonitor.coding.event_dates import (
    date_after,
    date_in_clause,
    date_near,
    day_of_the_hour_told,
    day_of_what_followed,
    first_day_of_report,
    is_background,
    narrows,
)
from warmonitor.coding.figures import (
    FigureMention,
    caused_by_the_conflict_itself,
    find_figures,
    with_claimant,
    without_the_event_dead,
)
from warmonitor.coding.knowledge import Knowledge, TriggerEntry
from warmonitor.coding.modality import read_modality
from warmonitor.coding.opinions import POLITICAL_TYPES, TERRITORIAL, SentenceOpinions
from warmonitor.coding.places import EMBEDDED, NAMED, PlaceMention
from warmonitor.coding.statements import statement_about
from warmonitor.coding.syntax import (
    AFTERMATH_VERBS,
    REPORTING_VERBS,
    UNDERGOING_VERBS,
    clause_owner,
    clause_subject,
    names_a_home,
    names_a_hospital_elsewhere,
    names_a_suburb_of,
    prepositional_objects,
    sentences_around,
    span_of,
)
from warmonitor.coding.taxonomy import VIOLENT_TYPES, load_taxonomy, plover_for
from warmonitor.coding.triggers import AGREE_VERBS, LIGHT_VERBS, Trigger, find_triggers
from warmonitor.geodesy import distance_km
from warmonitor.model import (
    EVENT_MODALITIES,
    Actor,
    Article,
    Event,
    EventDate,
    Figure,
    Place,
    Source,
    Territory,
)

_ARMED_TYPES = {
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "External/Other forces",
}
_STATE_TYPES = {"State forces"}
_RIOT_TYPES = {"Violent demonstration", "Mob violence"}
_VERBAL_PLOVER = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONSULT", "AGREE"}
_PROTEST_WORDS = re.compile(
    r"\b(?:protest|demonstrat|rall(?:y|ies)|march|sit-in|strike|crowd|picket|bandh|agitat)"
)
# A riot or a mob needs a crowd: a shooting that the classifier hears as one is still a shooting.
_CROWD_WORDS = re.compile(
    r"\b(?:riot|mob|crowd|protest|demonstrat|rall(?:y|ies)|march|lynch|vigilant|loot|rampag"
    r"|villagers|residents|youths|supporters|worshippers|students|workers|stone|torch|set fire)"
)
_TEAR_GAS = re.compile(r"\btear[- ]?gas|\bpepper spray")
_CHEMICAL_AGENT = re.compile(r"\b(?:chemical|chlorine|sarin|mustard|nerve agent|gas|toxic|poison)")
# The means that make violence an explosion or remote violence, each as the words news uses for
# it, matched on the sentence's lower-cased words joined by single spaces. Whole words and their
# inflections only: "Rocky Mount", "Jett" and "Chief Shelley Zimmerman" name no rocket, jet or
# shell, and "a murder-suicide" no suicide bomb. Spent shell casings are a shooting's, and a
# helicopter that takes the wounded to hospital strikes no one.
_WEAPON_SUB_TYPES = (
    (
        r"\b(?:air ?strikes?|air raids?|warplanes?|jets?|drones?"
        r"|helicopter gunships?|attack helicopters?"
        r"|helicopters? (?:fired|strafed|bombed|attacked))\b",
        "Air/drone strike",
        "aerial",
    ),
    (
        r"\bsuicide (?:- )?(?:bomb(?:s|ers?|ings?)?|attack(?:s|ers?)?|blasts?|vests?|car bombs?"
        r"|truck bombs?|squads?)\b|\bblew (?:him|her|them)sel(?:f|ves) up\b",
        "Suicide bomb",
        "suicide-attack",
    ),
    (
        r"\b(?:shell(?:s|ed|ing)?(?! (?:- )?casings?)|artillery|mortars?|rockets?|missiles?)\b",
        "Shelling/artillery/missile attack",
        "heavy-weapons",
    ),
    (
        r"\b(?:roadside bombs?|ieds?|improvised explosive|land ?mines?|car bombs?"
        r"|explosives?)\b",
        "Remote explosive/landmine/IED",
        "explosives",
    ),
    (r"\bgrenades?\b", "Grenade", "explosives"),
)
_MEANS_OF = {sub_type: re.compile(pattern) for pattern, sub_type, _ in _WEAPON_SUB_TYPES}
# What tells an explosion without naming its means: "a bomb went off", "the blast".
_EXPLOSION_WORDS = re.compile(r"\b(?:bomb\w*|blasts?|explo(?:sions?|ded?|ding)|detonat\w+)\b")
_OTHER_DISCOUNT = 0.15
_SPECIFICITY = {"Armed clash": 0, "Attack": 1}
_TOLL_BONUS = 0.05
_LEAD_TOLL_BONUS = 0.25
# What violence does to people: tolls that only a violent event can have.
_HARM_KINDS = frozenset({"killed", "wounded"})
_TOLL_KINDS = {
    "killed",
    "wounded",
    "displaced",
    "refugees",
    "trapped",
    "detained",
    "kidnapped",
    "missing",
}
# Verbs whose subject tells, probes or judges an act named by their object: "police are
# investigating the shooting" names no shooter.
_TELLING_VERBS = REPORTING_VERBS | {
    "investigate",
    "probe",
    "describe",
    "witness",
    "condemn",
    "recall",
    "mark",
    "blame",
    "examine",
    "review",
    "discuss",
    "cover",
}
_TARGET_PREPOSITIONS = {"against", "on", "with", "at", "targeting"}
# "killed in police firing", "wounded during a raid by troops", "died due to shelling".
_CAUSE_PREPOSITIONS = {"in", "during", "due"}
# Event nouns whose "of" phrase names the victim, never the doer.
_VICTIM_NOUNS = {
    "murder",
    "killing",
    "assassination",
    "kidnapping",
    "abduction",
    "massacre",
    "execution",
    "slaying",
    "torture",
    "rape",
    "disappearance",
}
# "gave aid to Mozambique", "talks with Israel", "demanded autonomy from Serbian authorities".
_ADDRESSEE_PREPOSITIONS = {"to", "with", "from", "against", "on"}
_PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
# The modalities of an act a statement may be about; "negated" covers "will not accept".
_STANCE_MODALITIES = {"future", "hypothetical", "negated"}


@dataclass(frozen=True, slots=True)
class _Mention:
    event: Event
    trigger: Trigger
    back_reference: bool = False  # "the ambush" in "X claimed responsibility for the ambush"
    # Whether the place and the date were read from the mention's own sentence, rather than
    # from the sentences before it: only its own say that it tells an event of its own.
    own_place: bool = True
    own_date: bool = True


class _ClaimantMemory:
    """The claimants cited so far, so that "he said" names the one cited before; a claimant the
    source list does not type is named as the actor it is ("the group said": the group the
    report is about; "the Civilian Joint Task Force": a militia)."""

    def __init__(self, doc: Doc, resolver: ActorResolver) -> None:
        self.last: Source | None = None
        self._doc = doc
        self._resolver = resolver

    def follow(self, source: Source) -> Source:
        source = typed_claimant(continue_claimant(source, self.last), self._doc, self._resolver)
        self.last = source
        return source


def document_resolver(
    doc: Doc, article: Article, knowledge: Knowledge, places: list[PlaceMention]
) -> ActorResolver:
    """The actor resolver of one report, which knows the country the report is filed from."""
    return ActorResolver(knowledge, doc, _home_country(article, places, knowledge))


def _home_country(article: Article, places: list[PlaceMention], knowledge: Knowledge):
    """The country the report is filed from: the dateline's, else the first country named."""
    for part in article.dateline:
        country = knowledge.demonyms.get(part.rsplit(",", 1)[-1].strip().casefold())
        if country is not None:
            return country
    return next(
        (
            knowledge.country_by_iso2(m.place.country_code)
            for m in places
            if m.place.country_code and m.place.mention == NAMED
        ),
        None,
    )


def code_events(
    doc: Doc,
    article: Article,
    knowledge: Knowledge,
    places: list[PlaceMention],
    resolver: ActorResolver,
    opinions: SentenceOpinions | None = None,
    last_resorts: LastResorts | None = None,
) -> tuple[list[Event], list[Event], list[Figure]]:
    """(events, non-events, document-level figures) of one parsed article.

    With ``opinions`` (the learned classifier's view of the sentences), a confident classifier
    re-types the rules' events and tells events in sentences where the rules found none."""
    reporter = reporter_source(article)
    claimants = _ClaimantMemory(doc, resolver)
    mentions: list[_Mention] = []
    figures: list[FigureMention] = []
    for sentence in doc.sents:
        triggers = find_triggers(sentence, knowledge)
        told = len(mentions)
        for trigger in triggers:
            mention = _code_trigger(
                trigger, triggers, article, knowledge, resolver, places, reporter, claimants
            )
            if mention is not None:
                mentions.append(mention)
        untold = opinions.untold_event(sentence) if opinions and len(mentions) == told else None
        if untold is not None:
            mention = _code_trigger(
                untold, [untold], article, knowledge, resolver, places, reporter, claimants
            )
            if mention is not None:
                mentions.append(mention)
        for figure in find_figures(sentence, knowledge):
            claim = find_claimant(figure.anchor, knowledge)
            source = claimants.follow(claim[0]) if claim else reporter
            figures.append(with_claimant(figure, source))
    events = [m for m in mentions if m.event.modality in EVENT_MODALITIES]
    non_events = [m.event for m in mentions if m.event.modality not in EVENT_MODALITIES]
    # An act not done stays out; a promise, threat or demand to do it is an event of its own.
    statements = (_statement(m, resolver, knowledge, article) for m in mentions)
    events += [s for s in statements if s is not None and s.event.modality in EVENT_MODALITIES]
    merged = _merge_mentions(events)
    if opinions is not None:
        # Events, not mentions, are re-typed: two tellings of one shooting stay one event.
        merged = [_second_opinion(m, opinions) for m in merged]
    merged, loose = _attach_figures(merged, figures, places)
    resorts = last_resorts or LastResorts()
    # The report's main violent event: the most confident, the first among equals.
    violent = [m for m in merged if m.event.event_type in VIOLENT_TYPES]
    lead = max(violent, key=lambda m: m.event.confidence, default=None)
    filled = [_filled_in(m, resorts, article, places, leads=m is lead) for m in merged]
    if lead is not None:
        index = merged.index(lead)
        filled[index] = _in_the_one_town(filled[index], doc, places)
        if filled[index].location is None:
            filled[index] = replace(filled[index], location=_the_reports_one_town(doc, places))
    return filled, non_events, loose


@dataclass(frozen=True, slots=True)
class LastResorts:
    """Where a report places what it tells when its sentences do not say."""

    jurisdiction: Place | None = None  # the town of the police force it cites
    dateline: Place | None = None  # the town it was filed from


def _filled_in(
    mention: _Mention,
    resorts: LastResorts,
    article: Article,
    places: list[PlaceMention],
    *,
    leads: bool,
) -> Event:
    """The last resorts, once mentions are merged, for an event still without a place or a
    day: the place a sentence just after it says "it happened" in, else the town of the police
    force the report cites, else the town it was filed from; and a day named just after it,
    else, for the report's main violent event (the one it ``leads`` with), the first day it
    names, and for any violent event the day of what followed it; for the main one, last, the
    day of the hour it tells with no day."""
    event = mention.event
    jurisdiction = resorts.jurisdiction
    if event.location is None:
        told_after = _where_it_happened(mention.trigger.token, places)
        event = replace(event, location=told_after or jurisdiction or resorts.dateline)
    elif jurisdiction is not None and _neighbourhood_of(event.location, jurisdiction):
        where = event.location
        event = replace(
            event,
            location=replace(jurisdiction, span=where.span, sub_place=where.name, mention=NAMED),
        )
    elif jurisdiction is not None and _holds(event.location, jurisdiction):
        # "according to Chicago Police and the Cook County medical examiner's office": the
        # county is the examiner's; the town's police place the attack in their town.
        event = replace(event, location=jurisdiction)
    if event.date is None or event.date.span is None or event.date.precision > 1:
        days = _last_resort_days(mention, article, leads=leads)
        day = next((d for d in days if narrows(event.date, d)), None)
        if day is not None:
            event = replace(event, date=day)
    return event


# "Police say it happened Wednesday in Waitsfield", "The shooting took place in Elgin".
_HAPPENING_VERBS = frozenset({"happen", "occur"})
# As for its day, a report says where an event happened in the sentences just after it.
_LOOKAHEAD_SENTENCES = 2


def _where_it_happened(anchor: Token, places: list[PlaceMention]) -> Place | None:
    """The town or district named by one of the next sentences that tells where "it
    happened" (the lead tells what, the next sentence where, as with its day)."""
    sentences, here = sentences_around(anchor)
    for sentence in sentences[here + 1 : here + 1 + _LOOKAHEAD_SENTENCES]:
        if not any(_tells_a_happening(t) for t in sentence if t.pos_ == "VERB"):
            continue
        named = [
            m
            for m in places
            if m.place.mention == NAMED
            and m.place.span is not None
            and m.place.precision <= 3
            and sentence.start_char <= m.place.span.start < sentence.end_char
            and not names_a_hospital_elsewhere(anchor.doc[m.token_index])
        ]
        if named:
            return min(named, key=lambda m: (m.place.precision, m.place.span.start)).place
    return None


def _last_resort_days(mention: _Mention, article: Article, *, leads: bool) -> Iterator[EventDate]:
    """The days the last resorts find, in their order, each looked for only when wanted."""
    token, published = mention.trigger.token, article.published
    resorts = [date_after]
    if leads:
        resorts.append(first_day_of_report)
    if mention.event.event_type in VIOLENT_TYPES:
        resorts.append(day_of_what_followed)
    if leads:
        resorts.append(day_of_the_hour_told)
    for resort in resorts:
        day = resort(token, published)
        if day is not None:
            yield day


def _in_the_one_town(event: Event, doc: Doc, places: list[PlaceMention]) -> Event:
    """The report's main violent event, placed only in a county or a state, is placed in the
    one town the report names inside it: "Sheriff's deputies ... in Clark County" in a report
    whose only town is Las Vegas, Clark County. A report leads with one attack; the town it
    names is where that attack was, or near it ("a home near Eutaw"), and a town whose police
    it cites ("Cadiz Police") is named too."""
    where = event.location
    if where is None or where.feature_code not in ("ADM1", "ADM2"):
        return event
    town = _one_named_town(
        m
        for m in places
        if (m.place.country_code, m.place.admin1) == (where.country_code, where.admin1)
        and (where.feature_code == "ADM1" or m.place.admin2 == where.admin2)
        and not names_a_hospital_elsewhere(doc[m.token_index])
    )
    return event if town is None else replace(event, location=town)


def _the_reports_one_town(doc: Doc, places: list[PlaceMention]) -> Place | None:
    """The one town a report names anywhere, for its main violent event when nothing else
    places it: "A Chicago church deacon was gunned down on his couch" is in Chicago. Named only
    as a word of something else, it places the event near there (precision 2 at best). The
    town of a hospital a victim was taken to does not ("flown to a Jackson hospital")."""
    town = _one_named_town(m for m in places if not names_a_hospital_elsewhere(doc[m.token_index]))
    return None if town is None else replace(town, precision=max(town.precision, 2))


def _one_named_town(mentions: Iterable[PlaceMention]) -> Place | None:
    """The town among ``mentions`` named in the text, if they name exactly one."""
    towns = {
        m.place.geonameid: m.place
        for m in mentions
        if m.place.mention in (NAMED, EMBEDDED)
        and m.place.feature_code is not None
        and m.place.feature_code.startswith("PPL")
    }
    return next(iter(towns.values())) if len(towns) == 1 else None


# A town this far from the town whose police report the event, in the same province, is more
# likely a namesake of one of its neighbourhoods ("Chicago police ... in Chatham" is not
# Chatham, Illinois, 300 km away, but Chicago's Chatham).
_NEIGHBOURHOOD_KM = 40.0
# A populated place this close to the town whose police report the event is one of its
# neighbourhoods: GeoNames files Chicago's East Garfield Park as a town of its own, but the
# report placed the shooting in Chicago, where the Chicago police act.
_WITHIN_TOWN_KM = 15.0


def _holds(area: Place, town: Place) -> bool:
    """A county or a state that the town lies in."""
    if area.feature_code not in ("ADM1", "ADM2") or area.geonameid == town.geonameid:
        return False
    same_state = (area.country_code, area.admin1) == (town.country_code, town.admin1)
    return same_state and (area.feature_code == "ADM1" or area.admin2 == town.admin2)


def _neighbourhood_of(place: Place, town: Place) -> bool:
    if (
        town.feature_code is None
        or not town.feature_code.startswith("PPL")
        or place.feature_code is None
        or not place.feature_code.startswith("PPL")
        or place.sub_place is not None
        or place.geonameid == town.geonameid
        or (place.country_code, place.admin1) != (town.country_code, town.admin1)
        or None in (place.lat, place.lon, town.lat, town.lon)
    ):
        return False
    distance = distance_km(place.lat, place.lon, town.lat, town.lon)
    return distance > _NEIGHBOURHOOD_KM or distance <= _WITHIN_TOWN_KM


def _statement(
    mention: _Mention, resolver: ActorResolver, knowledge: Knowledge, article: Article
) -> _Mention | None:
    """The statement of intent made about a mention's act (coding.statements), as an event:
    "Strategic developments: Other" in ACLED's terms, a promise, threat, demand or refusal in
    PLOVER's."""
    act = mention.event
    if act.modality not in _STANCE_MODALITIES:
        return None
    statement = statement_about(act, mention.trigger.token, resolver, knowledge)
    if statement is None:
        return None
    word = statement.word
    entry = TriggerEntry(
        words=word.lemma_.lower(),
        pos="VERB",
        event_type="Strategic developments",
        sub_event_type="Other",
        plover_type=statement.plover_type,
        plover_mode=None,
        rule="statement",
    )
    event = replace(
        act,
        # The act's offset keeps apart the ids of two statements made in one sentence.
        id=_event_id(
            article.id, word.idx, f"statement {statement.plover_type} {act.trigger.start}"
        ),
        trigger=span_of(word),
        event_type=entry.event_type,
        sub_event_type=entry.sub_event_type,
        plover_type=entry.plover_type,
        plover_mode=None,
        actor1=statement.party,
        actor2=statement.target,
        figures=(),
        territory=None,
        modality="asserted" if statement.told_by_party else "claimed",
        # Below the act's own confidence: what was said ranks under what was done.
        confidence=round(max(act.confidence - _OTHER_DISCOUNT, 0.0), 3),
    )
    return _Mention(event, Trigger(word, word.doc[word.i : word.i + 1], entry))


def _second_opinion(mention: _Mention, opinions: SentenceOpinions) -> _Mention:
    """The event under the classifier's sub-event type where it wins (coding.opinions)."""
    event = mention.event
    sentence = mention.trigger.token.sent
    sub_event_type = opinions.second_opinion(sentence, event.sub_event_type, event.plover_type)
    if sub_event_type != event.sub_event_type and _fits(event, sub_event_type, mention):
        event = _retyped(event, sub_event_type)
    if event.event_type == "Strategic developments" and event.plover_type not in POLITICAL_TYPES:
        # A political act the lexicon has no kind for is the PLOVER model's to name.
        act = opinions.political_act(sentence, event.sub_event_type, event.plover_type)
        if act is not None and act != event.plover_type:
            event = replace(event, plover_type=act, plover_mode=None)
    return mention if event is mention.event else replace(mention, event=event)


def _fits(event: Event, sub_event_type: str, mention: _Mention) -> bool:
    """ACLED's definitions, which a sentence-level classifier cannot know, still hold."""
    # State forces never riot or march: where the police act on a crowd, "Violent
    # demonstration" is the crowd's event, not the one the rules coded.
    crowd_only = sub_event_type == "Peaceful protest" or sub_event_type in _RIOT_TYPES
    if crowd_only and event.actor1 is not None and event.actor1.type in _STATE_TYPES:
        return False
    # An explosion or its means is named: a shooting the classifier hears as a grenade attack is
    # still a shooting.
    means = _MEANS_OF.get(sub_event_type)
    if means is not None:
        words = _sentence_words(mention.trigger.token.sent)
        named = means.search(words) or (
            sub_event_type != "Grenade" and _EXPLOSION_WORDS.search(words)
        )
        if not named:
            return False
    if sub_event_type in _RIOT_TYPES and not _CROWD_WORDS.search(
        mention.trigger.token.sent.text.lower()
    ):
        return False
    # A statement stays a statement: "the minister urged restraint after police fired on
    # protesters" tells the urging; the firing is an event of its own, with its own word.
    if event.plover_type in _VERBAL_PLOVER and load_taxonomy()[sub_event_type].event_type in (
        VIOLENT_TYPES | {"Protests", "Riots"}
    ):
        return False
    # Armed clashes are between armed, organised sides; civilians are attacked, never clash.
    actors = (event.actor1, event.actor2)
    if sub_event_type == "Armed clash" and any(
        actor is not None and actor.type == "Civilians" for actor in actors
    ):
        return False
    # Nor is a shooting with no armed side named a clash, unless its word says so ("a
    # shootout"): "a father of three was shot and killed" is an attack on him.
    if (
        sub_event_type == "Armed clash"
        and mention.trigger.entry.rule != "clash"
        and not any(actor is not None and actor.type in _ARMED_TYPES for actor in actors)
    ):
        return False
    # A protest event needs protesters: "massacre" in a sentence about a governor is not one.
    if load_taxonomy()[sub_event_type].event_type == "Protests":
        return bool(_PROTEST_WORDS.search(mention.trigger.token.sent.text.lower()))
    # A chemical weapon is named as one; riot-control agents are not chemical weapons in
    # ACLED's codebook, so tear gas does not count.
    if sub_event_type == "Chemical weapon":
        sentence = _TEAR_GAS.sub(" ", mention.trigger.token.sent.text.lower())
        return bool(_CHEMICAL_AGENT.search(sentence))
    return True


def _code_trigger(
    trigger: Trigger,
    siblings: list[Trigger],
    article: Article,
    knowledge: Knowledge,
    resolver: ActorResolver,
    places: list[PlaceMention],
    reporter: Source | None,
    claimants: _ClaimantMemory,
) -> _Mention | None:
    token = trigger.token
    if trigger.entry.rule == "violence" and caused_by_the_conflict_itself(token):
        return None  # a cumulative toll of the war, kept as a figure
    anchor = _clause_anchor(token)
    claim = find_claimant(anchor, knowledge)
    according_to = claimants.follow(claim[0]) if claim else reporter
    modality = read_modality(token, claimed=claim is not None)
    actor1_token, actor2_token = _argument_tokens(token, anchor, trigger.entry.pos)
    actor1 = resolver.resolve(actor1_token) if actor1_token is not None else None
    actor2 = resolver.resolve(actor2_token) if actor2_token is not None else None
    if actor1 is None:
        actor1 = _perpetrator_in_phrase(token, resolver)
    if actor2 is None and token.lemma_.lower() in _VICTIM_NOUNS:
        # "the murder of six Jesuit priests", "the kidnapping of the mayor".
        victim = _prepositional_object(token, {"of"})
        actor2 = resolver.resolve(victim) if victim is not None else None
    if actor2 is None:
        actor2 = _target_in_clause(token, anchor, resolver, exclude=actor1)
    if actor2 is None and trigger.entry.event_type == "Strategic developments":
        actor2 = _addressee(token, resolver, exclude=actor1)
    if trigger.entry.rule == "territory_leave":
        # "withdrew from Kherson", "handed the town over to the army": the place left is no
        # party; the one it was handed to is.
        receiver = _prepositional_object(token, {"to"})
        actor2 = resolver.resolve(receiver) if receiver is not None else None
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    # spaCy sometimes names the event word itself ("Kidnappings") as an organisation.
    actor1 = None if _covers(actor1, trigger) else actor1
    actor2 = None if _covers(actor2, trigger) else actor2
    owners = {t.token.i: _clause_anchor(t.token) for t in siblings}
    own_location = _location_for(trigger, anchor, owners, places, claim)
    location = own_location or _location_before(anchor, places)
    clause_date = date_in_clause(anchor, owners, article.published)
    date = date_near(clause_date, anchor, article.published)
    if is_background(date, article.published) and modality in EVENT_MODALITIES:
        modality = "historical"
    if date is None and article.published is not None:
        # No date in the clause: the week before publication, and the precision says so.
        date = EventDate(article.published - dt.timedelta(days=6), article.published, 3, None)
    country = knowledge.country_by_iso2(location.country_code) if location else resolver.home
    actor1, actor2 = fill_country(actor1, country), fill_country(actor2, country)
    event_type, sub_event_type, plover_mode, territory = _classify(
        trigger, actor1, actor2, location
    )
    plover_type, plover_mode = plover_for(sub_event_type, trigger.entry.plover_type, plover_mode)
    if event_type is None:
        return None
    sentence = token.sent
    event = Event(
        id=_event_id(article.id, trigger.span.start_char, sub_event_type),
        article_id=article.id,
        sentence=span_of(sentence),
        trigger=span_of(trigger.span),
        event_type=event_type,
        sub_event_type=sub_event_type,
        plover_type=plover_type,
        plover_mode=plover_mode,
        actor1=actor1,
        actor2=actor2,
        location=location,
        date=date,
        according_to=according_to,
        modality=modality,
        territory=territory,
        # A place read from the sentences before says less about the event than its own.
        confidence=_confidence(
            actor1, actor2, own_location, date, sentence, modality, sub_event_type
        ),
    )
    if _is_generic(trigger, actor1, actor2, location, date):
        return None
    nobody_nowhere = actor1 is None and actor2 is None and location is None
    if (
        nobody_nowhere
        and event_type not in VIOLENT_TYPES
        and (trigger.entry.pos == "NOUN" or sub_event_type == "Other")
    ):
        return None  # "threatening", "an arrest report": nothing to code
    return _Mention(
        event,
        trigger,
        _is_back_reference(trigger, actor1, actor2, own_location),
        own_place=own_location is not None,
        own_date=clause_date is not None and clause_date.span is not None,
    )


def _is_generic(
    trigger: Trigger,
    actor1: Actor | None,
    actor2: Actor | None,
    location: Place | None,
    date: EventDate | None,
) -> bool:
    """ "Kidnappings for ransom have become common": a plural noun with no one, nowhere and no
    day of its own speaks of a kind of event, not of one that happened."""
    token = trigger.token
    return (
        token.tag_ in ("NNS", "NNPS")
        and actor1 is None
        and actor2 is None
        and location is None
        and (date is None or date.span is None)
    )


def _is_back_reference(
    trigger: Trigger, actor1: Actor | None, actor2: Actor | None, location: Place | None
) -> bool:
    """ "The attack came a day after...", "claimed responsibility for the ambush": a definite
    noun that points back at an event already told, adding at most who did it."""
    token = trigger.token
    if token.pos_ not in ("NOUN", "PROPN") or actor2 is not None or location is not None:
        return False
    definite = any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its")
        for c in token.children
    )
    return definite and (actor1 is None or _is_responsibility_claim(token))


def _is_responsibility_claim(token: Token) -> bool:
    return token.head.lower_ == "for" and token.head.head.lemma_ == "responsibility"


def _covers(actor: Actor | None, trigger: Trigger) -> bool:
    """The actor's phrase is the event word itself. A noun phrase's event word is its last one:
    in "police firing" the police are who fired, not a misreading of the firing."""
    span = actor.span if actor is not None else None
    word = trigger.span[-1] if trigger.entry.pos == "NOUN" else trigger.span[0]
    return span is not None and span.start <= word.idx < span.end


def _clause_anchor(token: Token) -> Token:
    """The verb carrying a noun trigger's clause: "launched" for "launched a counter-attack"."""
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        head = token.head
        if head.pos_ == "VERB" and (head.lemma_ in LIGHT_VERBS or token.dep_ != "pobj"):
            return head
        if token.dep_ == "pobj" and head.lower_ in ("to", "on") and head.head.lemma_ in AGREE_VERBS:
            return head.head  # "agreed on Wednesday to a 30-day ceasefire"
    return token


def _argument_tokens(token: Token, anchor: Token, pos: str) -> tuple[Token | None, Token | None]:
    """(acting, acted-upon) argument heads of a trigger."""
    if token.pos_ in ("NOUN", "PROPN"):
        if _is_responsibility_claim(token):
            # "JNIM claimed responsibility for the ambush": the claimant is the perpetrator.
            claim_verb = token.head.head.head
            return clause_subject(claim_verb), None
        actor1 = next((c for c in token.children if c.dep_ == "poss"), None)
        agent = _agent_of(token)
        if actor1 is None and agent is not None:
            actor1 = agent
        actor2 = _prepositional_object(token, _TARGET_PREPOSITIONS)
        if anchor.i != token.i and anchor.lemma_ in UNDERGOING_VERBS:
            return actor1, actor2 or clause_subject(anchor)
        if actor1 is None and anchor.i != token.i and anchor.lemma_ not in _TELLING_VERBS:
            actor1 = clause_subject(anchor)
        return actor1, actor2
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    if passive:
        return _agent_of(token), next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    actor1 = clause_subject(token)
    actor2 = next((c for c in token.children if c.dep_ == "dobj"), None)
    if actor2 is None and actor1 is not None and token.lemma_ in AGREE_VERBS:
        # "the army and an armed faction agreed": the second party is the conjunct.
        actor2 = next((c for c in actor1.children if c.dep_ == "conj"), None)
    if actor2 is None:
        actor2 = _prepositional_object(token, _TARGET_PREPOSITIONS)
    return actor1, actor2


def _agent_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _perpetrator_in_phrase(token: Token, resolver: ActorResolver) -> Actor | None:
    """Who did it, told inside a noun phrase rather than as a subject: "a police lathicharge",
    "the army's shelling", and, for a toll told passively or intransitively, the cause it names
    ("killed in police firing", "died in firing by the police", "killed in an air strike by
    coalition jets")."""
    nouns = [token] if _is_nominal(token) else list(_cause_nouns(token))
    for noun in nouns:
        for doer in _doers_of(noun):
            actor = resolver.resolve(doer)
            if actor is not None and actor.type in _ARMED_TYPES:
                return actor
    return None


def _is_nominal(token: Token) -> bool:
    """A noun, or a gerund standing as one ("died in firing by the police")."""
    gerund = token.tag_ == "VBG" and token.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")
    return token.pos_ in ("NOUN", "PROPN") or gerund


def _cause_nouns(verb: Token) -> Iterator[Token]:
    """The nouns of "in"/"during" phrases and "due to" that tell what killed or wounded."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in _CAUSE_PREPOSITIONS:
            continue
        for child in prep.children:
            if child.dep_ == "pobj":
                yield child
            elif child.dep_ in ("prep", "pcomp") and child.lower_ == "to":  # "due to"
                yield from (c for c in child.children if c.dep_ == "pobj")


def _doers_of(noun: Token) -> Iterator[Token]:
    """Words of an event noun's phrase that may name its doer: the "by" phrase, the possessor,
    and the modifiers ("police" in "police firing", which the parse may also make the head, with
    "firing" hanging on it). Place names modify events too ("a Kabul bombing"), and say where."""
    agent = _agent_of(noun)
    if agent is not None:
        yield agent
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod")
            and child.ent_type_ not in _PLACE_ENTITIES
            and child.pos_ in ("NOUN", "PROPN")
        ):
            yield child
    if any(c.dep_ == "acl" and c.tag_ == "VBG" for c in noun.children):
        yield noun


def _prepositional_object(token: Token, prepositions: set[str]) -> Token | None:
    return next(iter(prepositional_objects(token, prepositions)), None)


def _target_in_clause(
    token: Token, anchor: Token, resolver: ActorResolver, exclude: Actor | None
) -> Actor | None:
    """ "retaken the district after mounting a counter-attack against the SDF": the SDF."""
    for node in anchor.subtree:
        if node.dep_ == "prep" and node.lower_ in ("against", "from"):
            obj = next((c for c in node.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            actor = resolver.resolve(obj)
            if actor is not None and (exclude is None or actor.name != exclude.name):
                return actor
    return None


def _addressee(token: Token, resolver: ActorResolver, exclude: Actor | None) -> Actor | None:
    """Whom a statement or a political act is aimed at, when its object names no actor:
    the owner of what is rejected or answered ("rejected a U.S. request", "denounced Serbia's
    suppression", "rejected an offer from Afghanistan"), the one told what to do ("demanded that
    the US cancel"), and the object of the act intended ("threatened to ban opposition
    candidates", "refused to deploy peacekeepers in Iraq")."""
    for candidate in _addressee_candidates(token):
        actor = resolver.resolve(candidate)
        if actor is not None and (exclude is None or actor.name != exclude.name):
            return actor
    return None


def _addressee_candidates(token: Token) -> Iterator[Token]:
    verbs = [token, *(c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB")]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "dobj":
                yield child
                yield from _owners_of(child)
            elif child.dep_ == "ccomp":
                yield from (c for c in child.children if c.dep_ == "nsubj")
            elif child.dep_ == "prep" and child.lower_ in _ADDRESSEE_PREPOSITIONS:
                yield from (c for c in child.children if c.dep_ == "pobj")


def _owners_of(noun: Token) -> Iterator[Token]:
    """Who a request, offer or policy belongs to: its possessor, its nationality, its author."""
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG")
        ):
            yield child
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def _location_for(
    trigger: Trigger,
    anchor: Token,
    owners: dict[int, Token],
    places: list[PlaceMention],
    claim: tuple[Source, Token] | None,
) -> Place | None:
    sentence = trigger.token.sent
    in_sentence = [
        m
        for m in places
        if m.place.span is not None
        and m.place.mention == NAMED
        and sentence.start_char <= m.place.span.start < sentence.end_char
        and not names_a_hospital_elsewhere(sentence.doc[m.token_index])
    ]
    if claim is not None:
        # "a Britain-based war monitor said": places inside the claimant's phrase are not where
        # the event happened.
        reporting = claim[1]
        holder = (
            reporting
            if reporting.lower_ == "according"
            else next((c for c in reporting.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        )
        if holder is not None:
            low, high = holder.left_edge.idx, holder.right_edge.idx + len(holder.right_edge)
            in_sentence = [m for m in in_sentence if not low <= m.place.span.start < high]
    own = [
        m
        for m in in_sentence
        if clause_owner(sentence.doc[m.token_index], owners) == trigger.token.i
    ]
    pool = own or [
        m
        for m in in_sentence
        if clause_owner(sentence.doc[m.token_index], owners) in (None, trigger.token.i)
    ]
    if not pool:
        return None
    doc = sentence.doc
    best = min(
        pool,
        key=lambda m: (
            _clauses_between(doc[m.token_index], anchor),
            m.place.precision,
            # "Jamaine Sutton of Dunbar was shot dead at a gas station in Charleston"
            names_a_home(doc[m.token_index]) or names_a_suburb_of(doc[m.token_index]),
            abs(m.token_index - trigger.token.i),
        ),
    )
    return best.place


# How many sentences back an event whose sentence names no place looks for one: a lead places
# an incident once, then the sentences after it go on telling it (its day: coding.event_dates).
_LOOKBACK_SENTENCES = 3


def _location_before(anchor: Token, places: list[PlaceMention]) -> Place | None:
    """For an event whose sentence names no place, where the report placed it: the town or
    district named by the closest of the sentences just before it ("A man was shot in Dayton
    on Friday. Police said he was hit twice"), else the one town the whole report names. The
    place's span shows where it was read."""
    sentences, here = sentences_around(anchor)
    local = [
        m
        for m in places
        if m.place.mention == NAMED
        and m.place.span is not None
        and m.place.precision <= 3
        and not names_a_hospital_elsewhere(anchor.doc[m.token_index])
    ]
    low = sentences[max(0, here - _LOOKBACK_SENTENCES)].start_char
    before = [m for m in local if low <= m.place.span.start < sentences[here].start_char]
    if before:
        return max(before, key=lambda m: m.place.span.start).place
    towns = {m.place.geonameid for m in local if m.place.geonameid is not None}
    if len(towns) == 1:
        return min(local, key=lambda m: m.place.span.start).place
    return None


# Dependencies that open a clause of their own: a place inside one ("after talks in Geneva
# failed, rebels attacked Idlib") belongs to that clause's happening, not to the event's.
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "parataxis", "csubj"})


def _clauses_between(token: Token, anchor: Token) -> int:
    """How many clause boundaries lie between a place's word and the event's anchor above it;
    a large number when the anchor is not above it at all."""
    crossed = 0
    for node in [token, *token.ancestors]:
        if node.i == anchor.i:
            return crossed
        if node.dep_ in _CLAUSE_DEPS:
            crossed += 1
    return 99


def _classify(
    trigger: Trigger, actor1: Actor | None, actor2: Actor | None, location: Place | None
) -> tuple[str | None, str, str | None, Territory | None]:
    entry = trigger.entry
    event_type, sub_type, mode = entry.event_type, entry.sub_event_type, entry.plover_mode
    if entry.rule in ("violence", "clash"):
        words = _sentence_words(trigger.token.sent)
        for _, weapon_sub_type, weapon_mode in _WEAPON_SUB_TYPES:
            if _MEANS_OF[weapon_sub_type].search(words):
                return "Explosions/Remote violence", weapon_sub_type, weapon_mode, None
        armed1 = actor1 is not None and actor1.type in _ARMED_TYPES
        armed2 = actor2 is not None and actor2.type in _ARMED_TYPES
        if actor2 is not None and actor2.type == "Civilians":
            return "Violence against civilians", "Attack", mode, None
        if entry.rule == "clash" or (armed1 and armed2) or armed2:
            return "Battles", "Armed clash", mode, None
        if entry.event_type == "Battles" and actor2 is None:
            return "Battles", "Armed clash", mode, None
        return event_type, sub_type, mode, None
    if entry.rule == "territory":
        place = _territory_place(location)
        gainer = actor1.name if actor1 else None
        loser = holding_party(actor2.name) if actor2 and actor2.country else None
        loser = loser or (actor2.name if actor2 else None)
        if actor1 is not None and actor1.type in _STATE_TYPES:
            sub_type = "Government regains territory"
            if actor1.country and gainer:
                gainer = holding_party(gainer)
        elif actor1 is not None:
            sub_type = "Non-state actor overtakes territory"
        return "Battles", sub_type, mode, Territory(loser, gainer, place)
    if entry.rule == "territory_leave":
        place = _territory_place(location)
        leaver = holding_party(actor1.name) if actor1 and actor1.country else None
        leaver = leaver or (actor1.name if actor1 else None)
        receiver = holding_party(actor2.name) if actor2 and actor2.country else None
        receiver = receiver or (actor2.name if actor2 else None)
        return event_type, sub_type, mode, Territory(leaver, receiver, place)
    return event_type, sub_type, mode, None


def _sentence_words(sentence: SpacySpan) -> str:
    return " ".join(t.lower_ for t in sentence)


def _retyped(event: Event, sub_event_type: str) -> Event:
    """The event under a sub-event type the classifier chose over the rules', with the fields
    that follow from it. Its id stays the rules' one, so a retrained classifier updates a stored
    event rather than adding another. The PLOVER type stays the trigger's (cross-validated on the
    PLOVER gold records, re-deriving it from the new sub-type lowered accuracy from 0.388 to
    0.339); only its mode follows the sub-type when both agree on the type."""
    entry = load_taxonomy()[sub_event_type]
    territory = None
    if sub_event_type in TERRITORIAL:
        territory = Territory(
            event.actor2.name if event.actor2 else None,
            event.actor1.name if event.actor1 else None,
            _territory_place(event.location),
        )
    # The same discount as _confidence gives a statement or a meeting.
    confidence = event.confidence + _OTHER_DISCOUNT * (
        (event.sub_event_type == "Other") - (sub_event_type == "Other")
    )
    return replace(
        event,
        event_type=entry.event_type,
        sub_event_type=sub_event_type,
        territory=territory,
        plover_mode=entry.plover_mode
        if entry.plover_type == event.plover_type
        else event.plover_mode,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
    )


def _territory_place(location: Place | None) -> str | None:
    """The territory that changed hands, as a reader would name it: "industrial district of
    Ar Raqqah", "Aleppo province" (a unit keeps its unit word), "Komanda"."""
    if location is None:
        return None
    if location.sub_place:
        return f"{location.sub_place} of {location.name}"
    if location.precision in (3, 4) and location.span is not None:
        return location.span.text
    return location.name


def _confidence(
    actor1: Actor | None,
    actor2: Actor | None,
    location: Place | None,
    date: EventDate | None,
    sentence: SpacySpan,
    modality: str,
    sub_event_type: str,
) -> float:
    score = 0.35
    score += 0.15 if actor1 is not None else 0.0
    score += 0.1 if actor2 is not None else 0.0
    score += 0.15 if location is not None else 0.0
    score += 0.05 if location is not None and location.precision <= 2 else 0.0
    score += 0.1 if date is not None and date.span is not None else 0.0
    score += 0.1 if sentence.start_char == 0 else 0.0  # the lead states the main event
    score -= 0.05 if modality == "claimed" else 0.0
    # A statement or a meeting is rarely what a conflict report is about.
    score -= _OTHER_DISCOUNT if sub_event_type == "Other" else 0.0
    return round(min(score, 1.0), 3)


def _event_id(article_id: str, trigger_start: int, sub_event_type: str) -> str:
    digest = hashlib.sha256(f"{article_id}:{trigger_start}:{sub_event_type}".encode()).hexdigest()
    return digest[:16]


def _merge_mentions(mentions: list[_Mention]) -> list[_Mention]:
    """Mentions of one event in one report become one event: the most specific reading wins.

    "ambushed a convoy ..., killing 12 soldiers" is one event told by two verbs; "the ambush"
    later in the report points back at it and may add who did it."""
    merged: list[_Mention] = []
    told_again: set[int] = set()  # attacks named in passing that a later telling filled in
    for mention in mentions:
        passing = _named_in_passing_before(merged, mention, told_again)
        if passing is not None:
            merged[passing] = _combine(merged[passing], mention)
            told_again.add(passing)
            continue
        if mention.back_reference or _adds_nothing(mention, merged):
            target = _referent(merged, mention)
            if target is not None:
                merged[target] = _combine(merged[target], mention, fill_only=True)
                continue
            if not _told_only_here(mention):
                continue
        governing = _governing_mention(merged, mention)
        if governing is not None:
            # "clashed with soldiers ..., killing nine people": the participle tells the toll
            # of the event its clause hangs on, whatever the victims' type.
            # A coordinated verb ("stormed a village and abducted 23 people") may be the more
            # specific reading, so only the participle defers to its head.
            participle = mention.trigger.token.dep_ == "advcl"
            merged[governing] = _combine(merged[governing], mention, fill_only=participle)
            continue
        for index, kept in enumerate(merged):
            if _same_event(kept, mention):
                merged[index] = _combine(kept, mention)
                break
        else:
            merged.append(mention)
    return merged


# What is done about an attack after it, whose sentence names the attack only as the thing
# it is about: "arrested a suspect in Sunday night's fatal shooting", "Arrests have been made in
# the Bunny's Truck Stop shooting", "are investigating the shooting death of".
_ABOUT_AN_ATTACK = AFTERMATH_VERBS | {
    "arrest",
    "investigate",
    "investigation",
    "make",
    "search",
    "seek",
    "want",
    "suspect",
}


def _named_in_passing_before(
    merged: list[_Mention], mention: _Mention, told_again: set[int]
) -> int | None:
    """A violent event named in passing in a sentence about its aftermath (an arrest, a charge,
    an investigation), which the first violent event told after it tells in full: "Deputies
    have arrested a suspect in Sunday night's fatal shooting on Carrie Street. ... A 29-year-old
    man was shot and killed, and three other people were injured." The full telling may read
    as another type of violence; both are the one attack the report is about."""
    event = mention.event
    if (
        event.event_type not in VIOLENT_TYPES
        or mention.back_reference
        or _adds_nothing(mention, merged)
    ):
        return None  # "Smith said the man died at the scene" retells, not tells
    for index, kept in enumerate(merged):
        if kept.event.event_type not in VIOLENT_TYPES:
            continue
        if index in told_again or kept.event.sentence == event.sentence:
            return None  # only the first violent telling after it, in a later sentence
        if not _in_passing(kept.trigger.token):
            return None
        if not _places_compatible(kept.event.location, event.location):
            return None
        if not _dates_compatible(kept.event.date, event.date):
            return None
        return index
    return None


def _in_passing(token: Token) -> bool:
    """The attack word is what an aftermath is about: the object of an arrest, a charge, an
    investigation, or a noun under its "in", "for" or "into"."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in _ABOUT_AN_ATTACK
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in ("in", "for", "into", "over", "with")
        and token.head.head.lemma_.lower() in _ABOUT_AN_ATTACK
    )


def _dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    """The two dates' ranges overlap or lie a day apart (an attack before midnight is told as
    the night's or the next morning's); a date not known is no contradiction."""
    gap = a.days_apart(b) if a is not None and b is not None else None
    return gap is None or gap <= 1


def _governing_mention(merged: list[_Mention], mention: _Mention) -> int | None:
    token = mention.trigger.token
    if (
        token.dep_ not in ("advcl", "conj", "xcomp")
        or mention.event.event_type not in VIOLENT_TYPES
    ):
        return None
    for index, kept in enumerate(merged):
        if kept.trigger.token.i == token.head.i and kept.event.event_type in VIOLENT_TYPES:
            return index
    return None


def _told_only_here(mention: _Mention) -> bool:
    """ "The shooting happened about 8:45 p.m. Sunday", where the report's telling of it read
    as no event ("who would want to gun down the boy"): a definite attack said to have happened
    on a day of its own is one that happened, and is that event."""
    token = mention.trigger.token
    return (
        mention.event.event_type in VIOLENT_TYPES
        and mention.own_date
        and token.dep_ == "nsubj"
        and _tells_a_happening(token.head)
    )


def _tells_a_happening(verb: Token) -> bool:
    """ "happened", "occurred", "took place"."""
    lemma = verb.lemma_.lower()
    return lemma in _HAPPENING_VERBS or (
        lemma == "take" and any(c.lower_ == "place" for c in verb.children)
    )


def _referent(merged: list[_Mention], mention: _Mention) -> int | None:
    """The event told before that a bare later mention points back at."""
    wanted = _kind(mention.event)
    for index in range(len(merged) - 1, -1, -1):
        found = merged[index].event
        if _kind(found) == wanted or (found.event_type in VIOLENT_TYPES and mention.back_reference):
            return index
    return None


def _adds_nothing(mention: _Mention, merged: list[_Mention]) -> bool:
    """ "Police said the man was shot twice": no actor, place or date of its own, after an event
    of the same type was told; it retells that event rather than reporting a new one."""
    event = mention.event
    bare = event.actor1 is None and event.actor2 is None and not mention.own_place
    same_kind = any(_kind(m.event) == _kind(event) for m in merged)
    return bare and not mention.own_date and same_kind


def _kind(event: Event) -> tuple[str, ...]:
    """What two mentions must share to be one event: an event type (an ambush retold as a
    shooting, a march later broken up), except that an arrest, a looting and a threat are not
    one another, though ACLED files them all under "Strategic developments"."""
    if event.event_type != "Strategic developments":
        return (event.event_type,)
    return (event.event_type, event.sub_event_type, event.plover_type or "")


def _same_event(a: _Mention, b: _Mention) -> bool:
    same_sentence = a.event.sentence == b.event.sentence
    if not same_sentence and _kind(a.event) != _kind(b.event):
        return False
    both_violent = a.event.event_type in VIOLENT_TYPES and b.event.event_type in VIOLENT_TYPES
    if same_sentence and not (both_violent or a.event.sub_event_type == b.event.sub_event_type):
        return False
    if not _actors_compatible(a.event, b.event, same_sentence=same_sentence):
        return False
    # "The Flagstaff shooting comes a week after eight students were shot in Roseburg"
    if not _dates_compatible(a.event.date, b.event.date):
        return False
    return _places_compatible(a.event.location, b.event.location)


def _actors_compatible(a: Event, b: Event, *, same_sentence: bool) -> bool:
    names_a = {x.name for x in (a.actor1, a.actor2) if x is not None}
    names_b = {x.name for x in (b.actor1, b.actor2) if x is not None}
    if not names_a or not names_b:
        # A mention that names no one retells an event of the same type rather than adding a
        # new one: reports describe one incident several times. The places still have to agree.
        return True
    if names_a <= names_b or names_b <= names_a:
        return True
    # "Three people were killed when a gunman opened fire": in one sentence, the victims of one
    # telling and the attacker of the other fill different roles, and nothing says they are two
    # events. Across sentences, other actors are as likely another event.
    return same_sentence and all(
        x is None or y is None or x.name == y.name
        for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2))
    )


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.country_code != b.country_code:
        return False
    # A country-level or province-level mention contains the more precise one.
    coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
    if coarse.precision >= 6:
        return True
    # A state holds its towns, a county those inside it.
    return coarse.admin1 == fine.admin1 and (
        coarse.precision == 4 or (coarse.precision == 3 and coarse.admin2 == fine.admin2)
    )


def _combine(kept: _Mention, new: _Mention, *, fill_only: bool = False) -> _Mention:
    primary, other = (kept, new)
    new_rank = _SPECIFICITY.get(new.event.sub_event_type, 2)
    if not fill_only and new_rank > _SPECIFICITY.get(kept.event.sub_event_type, 2):
        primary, other = new, kept
    event = primary.event
    location = event.location
    if other.event.location is not None and (
        location is None or other.event.location.precision < location.precision
    ):
        location = other.event.location
    date = event.date
    if (
        other.event.date is not None
        and other.event.date.span is not None
        and (date is None or date.span is None or narrows(date, other.event.date))
    ):
        date = other.event.date
    combined = replace(
        event,
        actor1=event.actor1 or other.event.actor1,
        actor2=event.actor2 or other.event.actor2,
        location=location,
        date=date,
        confidence=max(event.confidence, other.event.confidence),
    )
    return _Mention(combined, primary.trigger)


def _attach_figures(
    mentions: list[_Mention], figures: list[FigureMention], places: list[PlaceMention]
) -> tuple[list[_Mention], list[Figure]]:
    """Event-scope figures join the event of their clause, or the event at the same place; a
    toll told apart from any event ("Three victims were rushed to the hospital") joins the
    report's violent event when it tells only one."""
    attached: dict[int, list[FigureMention]] = {}
    loose: list[Figure] = []
    violent = [i for i, m in enumerate(mentions) if m.event.event_type in VIOLENT_TYPES]
    for figure in figures:
        target = None
        if figure.figure.scope == "event":
            target = _event_for_figure(figure, mentions, places)
            if target is None and violent and figure.figure.kind in _HARM_KINDS:
                target = _nearest_before(figure, mentions, violent)
            elif target is None and len(violent) == 1 and figure.figure.kind in _TOLL_KINDS:
                target = violent[0]
        if target is None:
            loose.append(figure.figure)
        else:
            attached.setdefault(target, []).append(figure)
    result = []
    for index, mention in enumerate(mentions):
        extra = tuple(f.figure for f in without_the_event_dead(attached.get(index, [])))
        if extra:
            figures = mention.event.figures + extra
            event = replace(mention.event, figures=figures, figure_ranges=disagreements(figures))
            mention = replace(mention, event=event)
        result.append(mention)
    return _ranked_by_toll(result), loose


def _ranked_by_toll(mentions: list[_Mention]) -> list[_Mention]:
    """The event that tells a toll is more likely the one the report is about, and in a report
    about violence the first told most of all: it leads with its incident and its toll, and
    recalls other violence, the trial or the vigil further down."""
    tolled = [
        i
        for i, m in enumerate(mentions)
        if m.event.event_type in VIOLENT_TYPES
        and any(f.kind in _HARM_KINDS for f in m.event.figures)
    ]
    lead = min(tolled, key=lambda i: mentions[i].trigger.token.i, default=None)
    top = max(mentions, key=lambda m: m.event.confidence, default=None)
    if top is None or top.event.event_type not in VIOLENT_TYPES:
        lead = None  # a report about a statement, an arrest or a protest stays about it
    ranked = list(mentions)
    for index in tolled:
        bonus = _LEAD_TOLL_BONUS if index == lead else _TOLL_BONUS
        event = ranked[index].event
        confidence = round(min(event.confidence + bonus, 1.0), 3)
        ranked[index] = replace(ranked[index], event=replace(event, confidence=confidence))
    return ranked


def _nearest_before(figure: FigureMention, mentions: list[_Mention], violent: list[int]) -> int:
    """A toll told apart from any event ("Three victims were rushed to the hospital") is the
    toll of the violence told last before it, else of the first told after it."""
    where = figure.anchor.idx
    before = [i for i in violent if mentions[i].trigger.token.idx < where]
    if before:
        return max(before, key=lambda i: mentions[i].trigger.token.idx)
    return min(violent, key=lambda i: mentions[i].trigger.token.idx)


def _event_for_figure(
    figure: FigureMention, mentions: list[_Mention], places: list[PlaceMention]
) -> int | None:
    anchor = figure.anchor
    here = [i for i, m in enumerate(mentions) if m.trigger.token.sent == anchor.sent]
    if figure.figure.kind in _HARM_KINDS:
        # "held in connection with the shooting that left three dead": a death toll is the
        # toll of violence, never of the arrest or the inquiry told in the same sentence.
        here = [i for i in here if mentions[i].event.event_type in VIOLENT_TYPES]
    if here:
        # "six were injured in police firing, 12 were killed by rioters": the toll belongs to
        # the event whose clause holds it, else to the sentence's first event.
        governing = {t.i: rank for rank, t in enumerate([anchor, *anchor.ancestors])}
        own = [i for i in here if mentions[i].trigger.token.i in governing]
        return min(own, key=lambda i: governing[mentions[i].trigger.token.i], default=here[0])
    if figure.figure.kind not in _TOLL_KINDS:
        return None  # fighters in a redoubt are not a toll of the fighting nearby
    sentence = anchor.sent
    here = [
        m.place.geonameid
        for m in places
        if m.place.span is not None
        and sentence.start_char <= m.place.span.start < sentence.end_char
    ]
    at_place = [
        index
        for index, mention in enumerate(mentions)
        if (location := mention.event.location) is not None
        and location.geonameid is not None
        and location.geonameid in here
    ]
    # A toll is the toll of violence: an arrest or an inquiry at the same place comes last.
    violent = [i for i in at_place if mentions[i].event.event_type in VIOLENT_TYPES]
    return (violent or at_place or [None])[0]
