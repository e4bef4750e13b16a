"""The shipped timeline (content/): sourced, linked, located, true to the fact sheet, and published."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.link.site import link_site
from chronicle.content.load import load_content
from tests.support import ROOT, tree

CONTENT = ROOT / "content"

# Key dates from ../shared/facts.yaml: slug -> (date, end) as EDTF text.
KEY_DATES = {
    "1950-dprk-drv-relations": ("1950-01-31", None),
    "1957-ho-chi-minh-visits-pyongyang": ("1957-07-08", "1957-07-12"),
    "1958-kim-il-sung-journey-through-china": ("1958-11-21", "1958-12"),
    "1958-kim-il-sung-visits-north-vietnam": ("1958-11-28", "1958-12-02"),
    "2018-03-kim-jong-un-train-to-beijing": ("2018-03-25", "2018-03-28"),
    "2018-06-singapore-summit": ("2018-06-10", "2018-06-13"),
    "2018-11-ri-yong-ho-visits-vietnam": ("2018-11-29", "2018-12-02"),
    "2019-01-kim-jong-un-train-to-beijing": ("2019-01-07", "2019-01-10"),
    "2019-02-train-to-dong-dang": ("2019-02-23", "2019-02-26"),
    "2019-02-hanoi-summit": ("2019-02-27", "2019-02-28"),
    "2019-03-official-visit-and-train-home": ("2019-03-01", "2019-03-05"),
    "2019-04-train-to-vladivostok": ("2019-04-24", "2019-04-27"),
    "2023-09-train-to-vostochny": ("2023-09-10", "2023-09-19"),
    "2025-09-01-missile-institute-visit": ("2025-09-01", None),
    "2025-09-train-to-beijing": ("2025-09-01", "2025-09-02"),
    "2025-09-03-victory-day-parade": ("2025-09-03", None),
    "2025-09-kim-xi-talks-and-return": ("2025-09-04", "2025-09-05"),
}


@pytest.fixture(scope="module")
def loaded():
    content, load_problems = load_content(str(CONTENT))
    site, link_problems = link_site(content)
    return content, site, load_problems + link_problems


def test_content_loads_and_links_with_no_errors_or_warnings(loaded):
    _, _, problems = loaded
    assert [p.format() for p in problems] == []


def test_every_event_has_a_source_with_a_url(loaded):
    _, site, _ = loaded
    assert [e.slug for e in site.events if not any(s.url for s in e.sources)] == []


def test_every_route_place_has_coordinates(loaded):
    _, site, _ = loaded
    unlocated = {stop.place for e in site.events for stop in e.route if not site.places[stop.place].located}
    assert unlocated == set()


@pytest.mark.parametrize("slug, dates", sorted(KEY_DATES.items()))
def test_key_dates_match_the_fact_sheet(loaded, slug, dates):
    _, site, _ = loaded
    event = site.events_by_slug[slug]
    assert (event.start.iso(), event.end.iso() if event.end else None) == dates


def test_1958_journey_flies_to_hanoi_and_never_says_train(loaded):
    _, site, _ = loaded
    journey = site.events_by_slug["1958-kim-il-sung-journey-through-china"]
    stops = [(s.place, s.mode) for s in journey.route]
    assert stops[:5] == [("pyongyang", None), ("beijing", None), ("wuhan", None), ("guangzhou", None), ("hanoi", "plane")]
    assert "train" not in {s.mode for e in site.events if e.start.year == 1958 for s in e.route}


def test_2019_train_passes_every_sourced_stop_then_goes_by_car(loaded):
    _, site, _ = loaded
    route = site.events_by_slug["2019-02-train-to-dong-dang"].route
    assert [s.place for s in route] == ["pyongyang", "sinuiju", "dandong", "tianjin", "wuhan", "changsha",
                                        "hengyang", "nanning", "pingxiang", "dong-dang", "hanoi"]
    assert [s.mode for s in route][1:] == ["train"] * 9 + ["car"]
    assert "zhengzhou" not in {s.place for s in route}  # unconfirmed: only mentioned as a claim


def test_ri_yong_ho_visit_is_2018_not_2019(loaded):
    _, site, _ = loaded
    visit = site.events_by_slug["2018-11-ri-yong-ho-visits-vietnam"]
    assert visit.start.year == 2018 and "ri-yong-ho" in visit.people


def test_native_names_use_their_scripts(loaded):
    _, site, _ = loaded
    assert site.people["kim-jong-un"].native_name.startswith("김정은")
    assert site.places["hanoi"].native_name.startswith("Hà Nội")
    assert site.places["beijing"].native_name == "北京"
    assert site.places["vladivostok"].native_name == "Владивосток"


def test_gauge_claim_is_presented_as_a_claim(loaded):
    _, site, _ = loaded
    body = site.events_by_slug["2019-02-train-to-dong-dang"].body
    assert "gauge" in body and "dual-gauge" in body


@pytest.fixture(scope="module")
def build_run(tmp_path_factory) -> tuple[Path, str]:
    """The shipped timeline built by build.py: the output folder and what the build printed."""
    output = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run([sys.executable, "build.py", "--output", str(output)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "the real timeline must build with no warnings"
    return output, result.stdout


@pytest.fixture(scope="module")
def built(build_run) -> Path:
    return build_run[0]


def test_readme_build_line_is_what_the_build_prints(build_run):
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    example = re.search(r"A build ends with one line, e\.g\. `([^`]+)`", readme).group(1)
    printed = build_run[1].splitlines()[-1]
    # The same counts; the time varies and this build writes elsewhere than site/.
    assert example.split(" in ")[0] == printed.split(" in ")[0], printed
    assert re.fullmatch(r"[0-9.]+ s -> site", example.split(" in ")[1])


def test_built_site_has_a_page_for_every_event_person_and_place(loaded, built):
    content, _, _ = loaded
    expected = ([f"events/{e.slug}.html" for e in content.events] + [f"people/{p.slug}.html" for p in content.people]
                + [f"places/{p.slug}.html" for p in content.places])
    assert [path for path in expected if not (built / path).is_file()] == []


def test_committed_site_is_current(built):
    committed = ROOT / "site"
    actual, expected = tree(built), tree(committed)
    stale = sorted(path for path in set(actual) | set(expected) if actual.get(path) != expected.get(path))
    assert stale == [], "site/ is out of date: run `python build.py` and commit site/"


def test_dandong_lists_antung_without_an_invented_date(loaded, built):
    # The place-names source the Dandong page cites says it was romanised Antung; neither the fact
    # sheet nor the seeds date the change, so the name carries no from/until and never stands in
    # for Dandong on an event page. Peking, Canton and Saigon are in neither source: not added.
    _, site, _ = loaded
    (antung,) = site.places["dandong"].names
    assert (antung.name, antung.start, antung.until) == ("Antung", None, None)
    page = (built / "places/dandong.html").read_text(encoding="utf-8")
    assert '<span class="native">Antung</span>' in page
    assert not any(name.dated for place in site.places.values() for name in place.names)


# Era ends to the day: the Twentieth Amendment ends a presidential term on 20 January; the DPRK
# was founded on 9 September 1948 and Kim Il Sung died on 8 July 1994 (see content/eras.yaml).
ERAS = {"Donald Trump's first presidency": ((2017, 1, 20), (2021, 1, 20)),
        "Kim Il Sung leads the DPRK": ((1948, 9, 9), (1994, 7, 8))}


@pytest.mark.parametrize("name", ERAS)
def test_eras_start_and_end_on_their_days_in_the_built_lanes_view(loaded, name):
    import datetime as dt
    import json
    import re

    page = (ROOT / "site" / "timeline.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="tv-data">(.*?)</script>', page, re.S).group(1))
    era = next(e for e in data["eras"] if e["name"] == name)
    epoch = dt.date(1970, 1, 1).toordinal()
    first, last = (dt.date(*day) for day in ERAS[name])
    assert era["s"] == first.toordinal() - epoch
    assert era["e"] == last.toordinal() - epoch + 1  # drawn to the end of its last day
