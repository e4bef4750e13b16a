"""Linker on in-memory records: ordering, taxonomies, backlinks, drafts and reference errors."""
from __future__ import annotations

from chronicle.dates import parse_date
from chronicle.link.site import link_site
from chronicle.content.model import Content, Event, Person, Place, SiteConfig, Stop


def event(slug: str, date: str, **fields) -> Event:
    return Event(slug=slug, title=fields.pop("title", slug.title()), start=parse_date(date),
                 path=f"content/events/{slug}.md", **fields)


def content(*events: Event, people=(), places=()) -> Content:
    return Content(SiteConfig(title="T"), tuple(events), tuple(people), tuple(places))


def test_orders_by_start_then_precision_then_title_then_slug():
    site, _ = link_site(content(event("b", "1958-11-28"), event("z", "1958", title="Same"),
                                event("a", "1958", title="Same"), event("c", "-0043"), event("d", "1958-11")))
    assert [e.slug for e in site.events] == ["c", "a", "z", "d", "b"]


def test_place_pages_include_route_stops_and_years_cover_the_whole_interval():
    trip = event("trip", "2018-12-30", end=parse_date("2019-01-02"), places=("hanoi",),
                 route=(Stop("pyongyang"), Stop("hanoi", mode="car")))
    site, problems = link_site(content(trip, places=(Place("hanoi", "Hanoi"), Place("pyongyang", "Pyongyang"))))
    assert problems == []
    assert [e.slug for e in site.events_by_place["pyongyang"]] == ["trip"]
    assert list(site.years) == [2018, 2019]


def test_backlinks_come_from_wiki_links_and_related_in_timeline_order():
    site, _ = link_site(content(
        event("late", "2019", body="See [[target]]."), event("early", "1950", related=("target",)),
        event("target", "1958"), event("self", "1960", body="[[self]] is not a backlink"),
        people=(Person("kim", "Kim", body="Went to [[target|the target]]."),)))
    assert [e.slug for e in site.backlinks["target"]] == ["early", "late", "kim"]
    assert "self" not in site.backlinks


def test_tags_group_events_by_slug():
    site, _ = link_site(content(event("a", "1958", tags=("train-journeys",)), event("b", "1950", tags=("train-journeys",))))
    assert {tag: [e.slug for e in events] for tag, events in site.tags.items()} == {"train-journeys": ["b", "a"]}


def test_references_to_drafts_are_dropped_not_errors():
    site, problems = link_site(content(event("a", "1958", related=("d",), body="[[d]]"),
                                       event("d", "1959", draft=True)))
    assert problems == []
    assert [e.slug for e in site.events] == ["a"] and site.events[0].related == ()
    with_drafts, _ = link_site(content(event("a", "1958", related=("d",)), event("d", "1959", draft=True)),
                               include_drafts=True)
    assert with_drafts.events[0].related == ("d",)


def test_unknown_slugs_are_errors_with_suggestions():
    trip = event("a", "1958", people=("kim-jong-eun",), lines={"people": 4})
    _, problems = link_site(content(trip, people=(Person("kim-jong-un", "Kim Jong Un"),)))
    assert [p.format() for p in problems] == [
        "content/events/a.md:4: unknown person 'kim-jong-eun' (did you mean 'kim-jong-un'?)"]
