"""Copies of one story: found by MinHash, stored once, every copy a report of its events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from warmonitor.config import LinkingConfig
from warmonitor.dedup import COPY_CONTAINMENT, containment, fingerprint, is_copy
from warmonitor.ingest.identity import article_id
from warmonitor.ingest.text import clean_report
from warmonitor.model import Article
from warmonitor.runs import Tally, ingest_item
from warmonitor.store import open_store
from warmonitor.store.records import Report, independent_source_count

LINKING = LinkingConfig()
WIRE = (
    "BAMAKO, March 4 (Reuters) - Gunmen ambushed an army convoy near the central Malian town of "
    "Mopti on Monday, killing seven soldiers and wounding twelve, the army said in a statement.\n\n"
    "The attackers, riding motorbikes, fired rockets at the lead vehicles before fleeing towards "
    "the border with Burkina Faso, a local official told Reuters.\n\n"
    "No group claimed the attack, but militants linked to al Qaeda are active in the area and have "
    "killed hundreds of soldiers and civilians over the past year.\n\n"
    "The army said reinforcements had been sent and that an operation to track down the attackers "
    "was under way."
)
# The same wire story on another site: its own caption, its own closing line, a paragraph cut.
COPY = (
    "Please enable Javascript to watch this video.\n\n"
    + WIRE.rsplit("\n\n", 1)[0]
    + "\n\nFollow our coverage of the Sahel for more."
)
# The same event, written apart by another agency: not a copy.
REWRITE = (
    "DAKAR, March 5 (AFP) - Seven Malian soldiers died and a dozen were hurt when suspected "
    "jihadists attacked their convoy close to Mopti on Monday, according to the armed forces.\n\n"
    "Witnesses said the assailants arrived on motorcycles and used rocket launchers. Nobody has "
    "claimed responsibility for the ambush in central Mali, where groups tied to al-Qaeda and the "
    "Islamic State operate."
)


def article(text: str, outlet: str, published: str = "2024-03-04") -> Article:
    """The article ingest makes of a report: its dateline and agency read off the text."""
    report = clean_report(text)
    return Article(
        id=article_id(report.text),
        text=report.text,
        dateline=report.dateline,
        agency=report.agency,
        outlet=outlet,
        published=dt.date.fromisoformat(published),
        language="en",
        source_id=f"{outlet}.html",
    )


def test_a_copy_is_similar_and_a_rewrite_is_not() -> None:
    wire, copy, rewrite = (fingerprint(t) for t in (WIRE, COPY, REWRITE))
    assert fingerprint(WIRE) == wire  # the same on every run and machine
    assert containment(wire, copy) >= COPY_CONTAINMENT and is_copy(copy, wire)
    assert containment(wire, rewrite) < 0.2 and not is_copy(wire, rewrite)
    assert len(wire.bands) == 32 and len(set(wire.bands)) == 32


def test_the_first_half_of_a_story_is_a_copy() -> None:
    half = WIRE.split("\n\n")[0] + "\n\n" + WIRE.split("\n\n")[1]
    assert is_copy(fingerprint(half), fingerprint(WIRE))


def test_a_copy_is_stored_as_a_report_of_the_story_events(extractor, tmp_path: Path) -> None:
    reported: list[str] = []
    tally = Tally()
    with open_store(str(tmp_path / "copies.db")) as store:
        for item in (article(WIRE, "wire.example"), article(COPY, "daily.example", "2024-03-05")):
            ingest_item(item, extractor, store, tally, lambda k, m: reported.append(m), LINKING)
        assert (tally.added, tally.copies, reported) == (2, 1, [])
        events = store.query_events()
        stored_events = store.counts()["events"]
        # Again: nothing new.
        again = Tally()
        copy = article(COPY, "daily.example")
        ingest_item(copy, extractor, store, again, lambda k, m: reported.append(m), LINKING)
        assert (again.added, again.copies, store.counts()["events"]) == (0, 0, stored_events)
    assert events, "the wire story has events"
    for stored in events:
        outlets = sorted(report.outlet for report in stored.reports)
        assert outlets == ["daily.example", "wire.example"]
        assert stored.independent_sources == 1  # one story, two sites
        assert len({report.story_id for report in stored.reports}) == 1


@pytest.mark.parametrize(
    ("reports", "count"),
    [
        # Copies of one story on three sites: one source.
        ([("a", "s1", None, "x.com"), ("b", "s1", None, "y.com"), ("c", "s1", None, "z.com")], 1),
        # Two stories of one agency: one source.
        ([("a", "s1", "Reuters", "x.com"), ("b", "s2", "Reuters", "y.com")], 1),
        # An agency story and an outlet's own story: two.
        ([("a", "s1", "Reuters", "x.com"), ("b", "s2", None, "y.com")], 2),
        # One outlet's follow-up is not independent of its first story.
        ([("a", "s1", None, "x.com"), ("b", "s2", None, "x.com"), ("c", "s3", "AP", "z.com")], 2),
        # Nothing known but the articles: each counts.
        ([("a", None, None, None), ("b", None, None, None)], 2),
    ],
)
def test_independent_sources(reports, count) -> None:
    built = tuple(
        Report(
            article_id=a, source_id=None, url=None, outlet=o, published=None, agency=g, story_id=s
        )
        for a, s, g, o in reports
    )
    assert independent_source_count(built) == count


def test_an_independent_report_is_merged_into_the_stored_event(extractor, tmp_path: Path) -> None:
    tally = Tally()
    with open_store(str(tmp_path / "linked.db")) as store:
        wire = article(WIRE, "wire.example")
        ingest_item(wire, extractor, store, tally, lambda k, m: None, LINKING)
        second = article(REWRITE, "afp.example", "2024-03-05")
        ingest_item(second, extractor, store, tally, lambda k, m: None, LINKING)
        assert tally.copies == 0 and tally.merged >= 1
        # Merged events are not stored again.
        assert store.counts()["events"] == tally.events
        told_twice = [e for e in store.query_events() if len(e.reports) == 2]
        aliases = store._conn.execute("SELECT alias_id, event_id FROM event_aliases").fetchall()
        resolved = {alias: store.get_event(alias).event.id for alias, _ in aliases}
    assert len(told_twice) == tally.merged == len(aliases)
    for event in told_twice:
        assert [r.outlet for r in event.reports] == ["wire.example", "afp.example"]
        assert event.independent_sources == 2  # two agencies, written apart
        # Each report keeps the figures it gave, with offsets into its own text.
        first, later = event.reports
        assert first.figures == event.event.figures
        for figure in later.figures:
            assert second.text[figure.span.start : figure.span.end] == figure.span.text
    assert resolved == {alias: event_id for alias, event_id in aliases}


def test_reports_that_disagree_on_a_toll_show_the_range(tmp_path: Path) -> None:
    from warmonitor.export.events_json import stored_event_to_dict
    from warmonitor.model import Event, EventDate, Extraction, Figure, Place, Source, Span

    def report(text: str, killed: int, claimant: str) -> Extraction:
        art = article(text, f"{claimant.lower()}.example")
        at = art.text.index(str(killed))
        figure = Figure(
            "killed",
            killed,
            killed,
            killed,
            False,
            "civilians",
            Span(at, at + len(str(killed)), str(killed)),
            Source(claimant, "media"),
        )
        place = Place("Mopti", None, 2453348, 14.48, -4.18, "ML", "Mopti", None, "PPLA", 1)
        event = Event(
            id=f"event-{claimant}",
            article_id=art.id,
            sentence=Span(0, 10, art.text[:10]),
            trigger=Span(0, 1, art.text[0]),
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            plover_type=None,
            plover_mode=None,
            actor1=None,
            actor2=None,
            location=place,
            date=EventDate(dt.date(2024, 3, 4), dt.date(2024, 3, 4), 1),
            figures=(figure,),
            according_to=Source(claimant, "media"),
        )
        return Extraction(article=art, events=(event,))

    with open_store(str(tmp_path / "ranges.db")) as store:
        store.save(report("Shells killed 7 people in Mopti on Monday.", 7, "Wire"), None, LINKING)
        store.save(report("Twelve? No: 12 died in Mopti's shelling.", 12, "Radio"), None, LINKING)
        (event,) = store.query_events()
    line = stored_event_to_dict(event)
    assert [len(r["figures"]) for r in line["reports"]] == [1, 1]
    (spread,) = line["figure_ranges_across_reports"]
    assert (spread["low"], spread["high"], spread["claimants"]) == (7, 12, ["Wire", "Radio"])
