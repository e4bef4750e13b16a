"""Issue 23: the import keeps every date where the file puts it, and loses nothing silently."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from chronicle.importing.dates import dates_from_display
from tests.importing.test_import import front_matter, run, write_csv
from tests.importing.test_import_convert import _tl
from tests.support import build, run_cli

SITE = "title: Imported\nlanguage: en\nbase_url: https://example.github.io/repo/\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def slide(headline: str, start: dict, **fields) -> dict:
    return {"start_date": start, "text": {"headline": headline}, **fields}


def write_json(folder: Path, events: list[dict], name: str = "timeline.json", **top) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"events": events, **top}), encoding="utf-8")
    return path


def event_meta(content: Path, slug: str) -> dict:
    return front_matter((content / "events" / f"{slug}.md").read_text("utf-8"))


def content_with_site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(SITE, encoding="utf-8")
    return content


# --- the slide's own date wins over its display text --------------------------------------------

@pytest.mark.parametrize("start, end, display, expected", [
    ("1735", None, "mid 1730s", ("1735", None, "mid 1730s")),  # not 173X, which sorts before 1731
    ("1745", None, "1740s", ("1745", None, "1740s")),
    ("1863-07", None, "Summer 1863", ("1863-07", None, "Summer 1863")),  # not 1863-22 (June)
    ("1715", None, "Between 1715-1740", ("1715", None, "Between 1715-1740")),  # no end made up
    ("1863-07-04", None, "1862", ("1863-07-04", None, "1862")),  # disagrees: kept as written
    # What the text may do: narrow the slide's own date, or qualify it.
    ("1667", None, "August 28, 1667", ("1667-08-28", None, None)),
    ("1843", None, "c. 1843", ("1843~", None, None)),
    ("1715", "1740", "Between 1715-1740", ("1715", "1740", None)),
])
def test_display_text_never_moves_the_slides_date(start, end, display, expected):
    assert dates_from_display(display, _tl(start), _tl(end) if end else None) == expected


def test_an_imported_year_stays_on_its_year_page_and_in_order(tmp_path):
    source = write_json(tmp_path / "in", [
        slide("Mid decade", {"year": "1735"}, display_date="mid 1730s"),
        slide("A letter", {"year": 1731, "month": 6, "day": 7}),
        slide("Summer", {"year": 1863, "month": 7}, display_date="Summer 1863"),
        slide("A reign", {"year": 1715}, display_date="Between 1715-1740")])
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", source, content)
    assert code == 0, err
    assert event_meta(content, "a-reign") == {"title": "A reign", "date": "1715", "display_date": "Between 1715-1740"}
    assert event_meta(content, "summer")["date"] == "1863-07"
    built = build(content, tmp_path / "site")
    assert built.code == 0, built.err
    year = (tmp_path / "site/years/1735.html").read_text(encoding="utf-8")
    assert "events/mid-decade.html" in year
    assert not (tmp_path / "site/years/1730.html").exists()
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    listed = re.sub(r"<svg.*?</svg>", "", index, flags=re.S)
    assert listed.index("events/a-letter.html") < listed.index("events/mid-decade.html")


# --- groups in any script ------------------------------------------------------------------------

def test_groups_without_latin_letters_become_tags_and_the_summary_says_so(tmp_path):
    source = write_json(tmp_path / "in", [
        slide("Revolution", {"year": 1917}, group="Революция"),
        slide("War", {"year": 1941}, group="Война"),
        slide("Lost letters", {"year": 1950}, group="??"),
        slide("More lost letters", {"year": 1951}, group="??"),
        slide("Plain", {"year": 1960}, group="State visits")])
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", source, content)
    assert code == 0, err
    tags = {slug: event_meta(content, slug).get("tags") for slug in
            ("revolution", "war", "lost-letters", "more-lost-letters", "plain")}
    assert tags == {"revolution": ["Revolyutsiya (Революция)"], "war": ["Voyna (Война)"],
                    "lost-letters": ["Group 1 (??)"], "more-lost-letters": ["Group 1 (??)"],
                    "plain": ["state-visits"]}
    assert "made: groups named in letters a-z (3)" in out
    built = build(content, tmp_path / "site")
    assert built.code == 0, built.err
    assert "events/revolution.html" in (tmp_path / "site/tags/revolyutsiya.html").read_text(encoding="utf-8")
    group = (tmp_path / "site/tags/group-1.html").read_text(encoding="utf-8")
    assert "events/lost-letters.html" in group and "events/more-lost-letters.html" in group


def test_the_summary_never_says_nothing_was_lost_when_something_was(tmp_path):
    source = write_json(tmp_path / "in", [slide("A", {"year": 1958})],
                        title=[{"text": {"headline": "One"}}, {"text": {"headline": "Two"}}])
    code, out, err = run("timelinejs", source, content_with_site(tmp_path))
    assert code == 0, err
    assert "lost: title slides after the first (1)" in out.splitlines()
    assert "lost: nothing" not in out


# --- relative media ----------------------------------------------------------------------------

def test_relative_images_beside_the_input_are_copied_into_assets(tmp_path):
    (tmp_path / "in/images").mkdir(parents=True)
    (tmp_path / "in/images/portrait.png").write_bytes(PNG)
    source = write_json(tmp_path / "in", [
        slide("A portrait", {"year": 1843}, media={"url": "images/portrait.png", "caption": "Ada"}),
        slide("Again", {"year": 1844}, media={"url": "./images/portrait.png"})])
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", source, content)
    assert (code, err) == (0, "")
    assert event_meta(content, "a-portrait")["image"] == {"src": "assets/images/portrait.png", "alt": "Ada",
                                                          "caption": "Ada"}
    assert event_meta(content, "again")["image"]["src"] == "assets/images/portrait.png"
    assert (content / "assets/images/portrait.png").read_bytes() == PNG
    assert "media files copied into assets/ (2)" in out and "lost: nothing" in out
    built = build(content, tmp_path / "site")
    assert built.code == 0, built.err
    assert (tmp_path / "site/assets/images/portrait.png").read_bytes() == PNG
    assert 'src="../assets/images/portrait.png"' in (tmp_path / "site/events/a-portrait.html").read_text("utf-8")


def test_relative_media_resolve_with_media_base(tmp_path):
    source = write_json(tmp_path / "in", [slide("A portrait", {"year": 1843}, media={"url": "images/portrait.png"})])
    content = content_with_site(tmp_path)
    ran = run_cli("import", "timelinejs", str(source), "--content", str(content),
                  "--media-base", "https://example.org/timeline/", cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert event_meta(content, "a-portrait")["image"]["src"] == "https://example.org/timeline/images/portrait.png"


def test_relative_media_that_cannot_be_found_are_reported(tmp_path):
    source = write_json(tmp_path / "in", [slide("A portrait", {"year": 1843}, media={"url": "images/portrait.png"}),
                                          slide("Outside", {"year": 1844}, media={"url": "../secret.png"})])
    (tmp_path / "secret.png").write_bytes(PNG)
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", source, content)
    assert code == 0
    assert err.splitlines() == [
        f"{source}: warning: events[0]: media 'images/portrait.png' is a relative address: no such file beside "
        "the input, and no --media-base URL to resolve it against; left out",
        f"{source}: warning: events[1]: media '../secret.png' is a relative address: no such file beside "
        "the input, and no --media-base URL to resolve it against; left out"]
    assert "lost: media that cannot be shown (2)" in out
    assert not (content / "assets").exists()


def test_a_media_base_that_is_no_web_address_is_refused(tmp_path):
    source = write_json(tmp_path / "in", [slide("A", {"year": 1843})])
    ran = run_cli("import", "timelinejs", str(source), "--content", str(content_with_site(tmp_path)),
                  "--media-base", "ftp://example.org/", cwd=tmp_path)
    assert ran.code == 1
    assert "--media-base 'ftp://example.org/' is not an http(s) address" in ran.err


# --- times of day ------------------------------------------------------------------------------

def test_times_of_day_are_kept_as_edtf(tmp_path):
    source = write_json(tmp_path / "in", [
        slide("Arrival", {"year": 2019, "month": 2, "day": 26, "hour": 10, "minute": 5}),
        slide("Talks", {"year": 2019, "month": 2, "day": 27, "hour": "18", "minute": "30", "second": "15"},
              end_date={"year": 2019, "month": 2, "day": 27, "hour": 21}),
        slide("A month", {"year": 2019, "month": 2, "hour": 9})])
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", source, content)
    assert code == 0, err
    assert event_meta(content, "arrival")["date"] == "2019-02-26T10:05"
    assert (event_meta(content, "talks")["date"], event_meta(content, "talks")["end"]) == (
        "2019-02-27T18:30:15", "2019-02-27T21:00")
    assert event_meta(content, "a-month")["date"] == "2019-02"  # EDTF has no time without a day
    assert "times of day kept (2)" in out
    assert "lost: time of day (1)" in out
    built = build(content, tmp_path / "site")
    assert built.code == 0, built.err
    assert "26 February 2019, 10:05" in (tmp_path / "site/events/arrival.html").read_text("utf-8")


@pytest.mark.parametrize("cell, date", [("17:00", "2019-02-23T17:00"), ("5:00 PM", "2019-02-23T17:00"),
                                        ("12:15 am", "2019-02-23T00:15"), ("09:05:30", "2019-02-23T09:05:30")])
def test_the_spreadsheet_time_cell_is_kept(tmp_path, cell, date):
    sheet = write_csv(tmp_path, f"2019,2,23,{cell},,,,,,Train,,,,,,,,\n")
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", sheet, content)
    assert code == 0, err
    assert event_meta(content, "train")["date"] == date
    assert "lost: nothing" in out


# --- streamed: copies and group tags are staged with the events --------------------------------

def test_an_image_copied_before_the_file_breaks_leaves_nothing_behind(tmp_path):
    """The import streams: the image is copied (staged) at the first slide, 200 slides before the
    JSON error; neither it nor content/assets/ may stay."""
    (tmp_path / "in/images").mkdir(parents=True)
    (tmp_path / "in/images/portrait.png").write_bytes(PNG)
    first = json.dumps(slide("A portrait", {"year": 1843}, media={"url": "images/portrait.png"}, group="Война"))
    rest = ",\n".join(json.dumps(slide(f"E {i}", {"year": 1900 + i})) for i in range(200))
    source = tmp_path / "in/timeline.json"
    source.write_text('{"events": [\n' + first + ",\n" + rest + ',\n{"start_date": {"year": 1958}} x\n]}',
                      encoding="utf-8")
    content = content_with_site(tmp_path)
    code, out, err = run("timelinejs", source, content)
    assert (code, out) == (1, "")
    assert err == f"{source}:203: not valid JSON: unexpected 'x' (column 32)\n"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == ["site.yaml"]


def test_an_other_image_already_in_assets_is_a_conflict_and_the_same_one_is_kept(tmp_path):
    (tmp_path / "in/images").mkdir(parents=True)
    (tmp_path / "in/images/portrait.png").write_bytes(PNG)
    source = write_json(tmp_path / "in", [
        slide("A portrait", {"year": 1843}, media={"url": "images/portrait.png"}),
        slide("Again", {"year": 1844}, media={"url": "images/portrait.png"})])
    content = content_with_site(tmp_path)
    (content / "assets/images").mkdir(parents=True)
    (content / "assets/images/portrait.png").write_bytes(b"mine")
    code, out, err = run("timelinejs", source, content)
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{content / 'assets/images/portrait.png'}: already exists",
                                "nothing was written: the import never overwrites files (1 already exist)"]
    assert (content / "assets/images/portrait.png").read_bytes() == b"mine"
    assert not (content / "events").exists()
    (content / "assets/images/portrait.png").write_bytes(PNG)  # the same bytes: kept, nothing copied
    code, out, err = run("timelinejs", source, content)
    assert (code, err) == (0, "")
    assert not any("assets" in line for line in out.splitlines() if line.startswith("wrote "))
    assert event_meta(content, "again")["image"]["src"] == "assets/images/portrait.png"
