"""BodyScans: a process that links again after an edit reuses what it read from unchanged bodies.

The memo must never change what link reports: same Site, same problems, and an edited body's
new wiki-links and asset addresses are the ones checked.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from chronicle.content.bodyscan import BodyScans
from chronicle.dates import parse_date
from chronicle.link.site import link_site
from chronicle.content.model import Content, Event, Person, Place, SiteConfig


def event(slug: str, date: str, body: str = "", body_line: int = 6) -> Event:
    return Event(slug=slug, title=slug.title(), start=parse_date(date), path=f"content/events/{slug}.md",
                 body=body, body_line=body_line)


def site_content(*events: Event) -> Content:
    return Content(SiteConfig(title="T"), tuple(events), (Person("kim", "Kim", body="Met [[hanoi]].\n"),),
                   (Place("hanoi", "Hanoi"),), assets=("/c/assets/map.png",), assets_root="/c/assets")


BODIES = {
    "links and a typo": "Went to [[hanoi]] with [[kim|him]].\n\nThen [[hanio]].\n",
    "fenced code": "```\n[[not-a-link]]\n```\n[[hanoi]] and `[[code-span]]`\n~~~\n[[nor-this]]\n~~~\n[[kimm]]",
    "indented code": "Text\n\n    [[indented]]\n\n[[kim]] [[kin]] [[hanoi]]",
    "assets": "![m](assets/map.png) ![x](ASSETS/missing.png)\n[r]: assets/gone.png\n`](assets/in-code.png)`\n",
    "crlf": "One\r\n[[hanoi]]\r\n[[nowhere]]\r\n",
    "nothing to scan": "Plain words only.\n",
}


def problem_lines(problems) -> list[str]:
    return [p.format() for p in problems]


@pytest.mark.parametrize("name", BODIES)
def test_a_reused_scans_gives_the_same_site_and_problems_as_no_scans(name: str):
    content = site_content(event("a", "1958", BODIES[name]), event("b", "1959", "[[a]]"))
    plain_site, plain_problems = link_site(content)
    scans = BodyScans()
    first = link_site(content, scans=scans)
    second = link_site(content, scans=scans)
    assert first == second == (plain_site, plain_problems)


def test_problems_keep_their_messages_and_lines_through_the_memo():
    content = site_content(event("a", "1958", BODIES["fenced code"] + "\n" + BODIES["assets"]))
    scans = BodyScans()
    link_site(content, scans=scans)
    _, problems = link_site(content, scans=scans)
    assert problem_lines(problems) == [
        "content/events/a.md:13: unknown wiki-link target 'kimm' (did you mean 'kim'?)",
        "content/events/a.md:14: warning: body links to ASSETS/missing.png, which is not in content/assets/",
        "content/events/a.md:15: warning: body links to assets/gone.png, which is not in content/assets/",
    ]


def test_an_edited_body_is_scanned_again():
    scans = BodyScans()
    before, problems = link_site(site_content(event("a", "1958", "[[hanoi]]"), event("b", "1959")), scans=scans)
    assert problems == [] and [e.slug for e in before.backlinks["hanoi"]] == ["a", "kim"]
    edited = site_content(event("a", "1958", "[[b]] and [[hanio]]\n![x](assets/new.png)"), event("b", "1959"))
    after, problems = link_site(edited, scans=scans)
    assert problem_lines(problems) == [
        "content/events/a.md:6: unknown wiki-link target 'hanio' (did you mean 'hanoi'?)",
        "content/events/a.md:7: warning: body links to assets/new.png, which is not in content/assets/",
    ]
    assert [e.slug for e in after.backlinks["hanoi"]] == ["kim"]
    assert [e.slug for e in after.backlinks["b"]] == ["a"]


def test_a_moved_body_reports_its_new_lines():
    scans = BodyScans()
    link_site(site_content(event("a", "1958", "[[nowhere]]", body_line=6)), scans=scans)
    _, problems = link_site(site_content(event("a", "1958", "[[nowhere]]", body_line=9)), scans=scans)
    assert problem_lines(problems) == ["content/events/a.md:9: unknown wiki-link target 'nowhere'"]


def test_scans_hold_only_the_bodies_of_the_latest_link():
    scans = BodyScans()
    original = site_content(event("a", "1958", "[[hanoi]]"), event("b", "1959", "[[a]]"))
    link_site(original, scans=scans)
    assert len(scans) == 4  # the bodies of a, b, kim and (empty) hanoi
    for text in ("edit 1 [[b]]", "edit 2 [[b]]", "edit 3 [[b]]"):
        content = replace(original, events=(event("a", "1958", text), original.events[1]))
        link_site(content, scans=scans)
    assert len(scans) == 4
