"""timeline.html printed in real Chromium (issue 20, point 9): every event in date order under its
lane's heading, no near-empty pages, and no instruction that needs a screen."""
from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from tests.support import MINIMAL_SITE, build, write_tree

pytestmark = pytest.mark.browser

LANES = ["alpha", "bravo", "charlie", "delta"]
# An event per year, 1950-1979 and 1990-2019, the lanes taking turns; one more with no tag ('None
# named') alone in the 1980s, which a page per period printed as a page with one line.
EVENTS = {f"e{n:02d}": (f"Event number {n} in lane {LANES[n % 4]}", f"{1950 + n + (10 if n >= 30 else 0)}-0{1 + n % 9}-1{n % 10}",
                        LANES[n % 4]) for n in range(60)}
SCREEN_WORDS = re.compile(r"drag|scroll|arrow key|select to|zoom|skip to|ctrl|pinch|tap|click", re.I)


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("print")
    files = {"site.yaml": MINIMAL_SITE + "timeline:\n  lanes: tags\n",
             "events/untagged.md": "---\ntitle: An untagged event\ndate: 1985-06-01\n---\nBody.\n"}
    for slug, (title, date, tag) in EVENTS.items():
        files[f"events/{slug}.md"] = f"---\ntitle: {title}\ndate: {date}\ntags: [{tag}]\n---\nBody.\n"
    content = write_tree(root / "content", files)
    run = build(content, root / "site")
    assert run.code == 0, run.err
    return root / "site"


def open_print(page: object, site: Path) -> object:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((site / "timeline.html").as_uri())
    page.wait_for_selector(".tv-svg a.tv-mark")
    page.emulate_media(media="print")
    return page


def test_print_lists_every_event_in_date_order_under_its_lane(page: object, print_site: Path) -> None:
    text = open_print(page, print_site).evaluate("document.querySelector('main').innerText")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headings = [line for line in lines if line in LANES or line == "None named"]
    assert headings == [*LANES, "None named"]
    for lane in LANES:
        start = lines.index(lane)
        listed = [line for line in lines[start + 1:start + 16]]
        want = [f"{title} {date}" for title, date, tag in EVENTS.values() if tag == lane]
        assert [re.sub(r" \d+ \w+ (\d{4})$", r" \1", line) for line in listed] == [
            re.sub(r"-\d\d-\d\d$", "", w) for w in want]  # each event once, in date order
    assert lines[lines.index("None named") + 1].startswith("An untagged event")
    assert not SCREEN_WORDS.findall(text), SCREEN_WORDS.findall(text)


def page_text_runs(pdf: bytes) -> list[int]:
    """How many text-showing operators (Tj, TJ) each page of a PDF has, in page order.

    Chromium writes page objects and their Flate-compressed content streams as plain objects,
    so the standard library reads them; a near-empty page has few text runs.
    """
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}
    tree = next(body for body in objects.values() if re.search(rb"/Type /Pages\b", body))
    runs = []
    for kid in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", tree, re.S).group(1)):
        raw = objects[int(re.search(rb"/Contents (\d+) 0 R", objects[int(kid)]).group(1))]
        stream = raw.split(b"stream", 1)[1].lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
        runs.append(len(re.findall(rb"\bT[jJ]\b", zlib.decompress(stream) if b"/FlateDecode" in raw else stream)))
    return runs


def test_printed_pages_are_full_but_the_last(page: object, print_site: Path) -> None:
    pdf = open_print(page, print_site).pdf(format="A4")
    runs = page_text_runs(pdf)
    print("text runs per page", runs)
    assert len(runs) >= 2
    # Every page but the last is full: within 20 % of the fullest (a heading kept with its first
    # lines may move on), so no forced break leaves a page half empty.
    assert all(n >= max(runs) * 0.8 for n in runs[:-1]), runs


def test_print_follows_the_lanes_chosen_on_screen(page: object, print_site: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((print_site / "timeline.html").as_uri())
    page.wait_for_selector(".tv-svg a.tv-mark")
    page.select_option("#tv-facet", "people")  # no event names anyone: one lane, 'None named'
    page.emulate_media(media="print")
    headings = page.evaluate("[...document.querySelectorAll('.tv-print h3')].map(h => h.textContent)")
    assert headings == ["None named"]
    years = page.evaluate("[...document.querySelectorAll('.tv-print li .when')].map(w => +w.textContent.slice(-4))")
    assert len(years) == 61 and years == sorted(years)
