"""Real TimelineJS files import without loss and then build (issue 11, 'Import real TimelineJS files')."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
import yaml

from chronicle.importing import command as importer
from chronicle.errors import display_path
from chronicle.importing.media import headline_from, slide_media
from chronicle.importing.command import run_import
from tests.support import build

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timelinejs"
DEEP = FIXTURES / "deep_time.json"
WOMEN = FIXTURES / "women_in_computing.json"  # TimelineJS3's own example (MPL-2.0, see NOTICE.md)
SITE = "title: Imported\nbase_url: https://example.github.io/repo/\n"


def run(file: Path, content: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_import("timelinejs", str(file), str(content), out, err)
    return code, out.getvalue(), err.getvalue()


def meta(content: Path, slug: str) -> dict:
    return yaml.safe_load((content / "events" / f"{slug}.md").read_text("utf-8").split("---\n")[1])


def body(content: Path, slug: str) -> str:
    return (content / "events" / f"{slug}.md").read_text("utf-8").split("---\n", 2)[2]


def test_deep_time_warns_per_slide_and_summarises_what_was_made_and_lost(tmp_path):
    code, out, err = run(DEEP, tmp_path / "c")
    assert code == 0
    where = display_path(str(DEEP))
    assert err.splitlines() == [
        f"{where}: warning: title: a list of 2; the first is the title, the rest are left out",
        f"{where}: warning: events[8]: no start year: skipped, as TimelineJS skips it",
        f"{where}: warning: events[1]: no headline: titled 'An asteroid strikes Chicxulub.'",
        f"{where}: warning: events[6]: media 'images/portrait.png' is a relative address: no such file "
        "beside the input, and no --media-base URL to resolve it against; left out",
        f"{where}: warning: events[9]: no headline: titled '1900'"]
    assert out.splitlines()[-4:] == [
        f"imported 9 event(s) and 2 era(s) from {display_path(str(DEEP))}",
        "slides: 13 read, 9 event(s) written, 1 skipped",
        "made: titles from text or date (2), images (1), media links (1), "
        "dates read from display dates (4), display dates kept as written (3)",  # '1740s' no longer moves 1745
        "lost: slide backgrounds (1), media that cannot be shown (1), title slides after the first (1)"]
    assert yaml.safe_load((tmp_path / "c" / "site.yaml").read_text())["title"] == "Deep time"


@pytest.mark.parametrize("slug, expected", [
    ("the-big-bang", {"date": "Y-13799999999"}),  # beyond -10000..9999: an extended year
    ("an-asteroid-strikes-chicxulub", {"date": "Y-65999999"}),
    ("a-letter", {"date": "1667-08-28"}),  # 'August 28, 1667'
    ("salons", {"date": "1745", "display_date": "1740s"}),  # the slide's own year wins over '1740s'
    ("mid-decade", {"date": "1735", "display_date": "mid 1730s"}),  # 173X sorted it before 1731
    ("a-long-reign", {"date": "1715", "end": "1740"}),  # 'Between 1715-1740'
    ("a-portrait", {"date": "1843~"}),  # 'c. 1843'
    ("tres-de-mayo", {"date": "1808-05-03", "display_date": "Le 3 mai 1808"}),
    ("1900", {"date": "1900"}),
])
def test_display_dates_become_edtf_or_display_date_never_a_body_note(tmp_path, slug, expected):
    run(DEEP, tmp_path / "c")
    found = meta(tmp_path / "c", slug)
    assert {k: found[k] for k in ("date", "end", "display_date") if k in found} == expected
    assert "Date as shown" not in body(tmp_path / "c", slug)


def test_media_become_images_links_or_quotations(tmp_path):
    content = tmp_path / "c"
    assert run(WOMEN, content)[0] == 0
    assert meta(content, "ada-lovelace")["image"] == {
        "src": "https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/"
               "713px-Ada_Lovelace_portrait.jpg",
        "alt": "Portrait by Alfred Edward Chalon", "caption": "Portrait by Alfred Edward Chalon",
        "credit": "Wikimedia Commons"}
    assert body(content, "and-the-women-who-made-it-work").endswith(
        "Media: [Jean Bartik talks about the ENIAC women](https://www.youtube.com/watch?v=aPweFhhXFvY)"
        " (Computer History Museum)\n")
    assert body(content, "edith-clarke-bucking-the-trend").startswith("\n> There is no demand")
    assert "image" not in meta(content, "rozsa-peter-writes-recursion")  # a Wikipedia page: a link


@pytest.mark.parametrize("url, image, link", [
    ("https://x.org/a.PNG", "https://x.org/a.PNG", ""),
    ("//x.org/a.webp", "https://x.org/a.webp", ""),
    ("https://i.imgur.com/abc", "https://i.imgur.com/abc", ""),
    ("https://commons.wikimedia.org/wiki/File:A.jpg", None,
     "Media: [Cap](https://commons.wikimedia.org/wiki/File:A.jpg)"),
    ("https://twitter.com/x/status/1", None, "Media: [Cap](https://twitter.com/x/status/1)"),
    ("https://www.google.com/maps/place/X/@1,2,3z", None,
     "Media: [Cap](https://www.google.com/maps/place/X/@1,2,3z)"),
    ("javascript:alert(1)", None, ""),
    ("a.png", None, ""),
])
def test_media_urls_are_images_links_or_reported(url, image, link):
    media = slide_media(url, "Cap", "", "T")
    assert (media.image["src"] if media.image else None, media.link) == (image, link)
    assert bool(media.problem) == (image is None and not link)


def test_alt_text_falls_back_to_the_headline():
    assert slide_media("https://x.org/a.jpg", "", "", "Ada").image == {
        "src": "https://x.org/a.jpg", "alt": "Image for Ada"}


@pytest.mark.parametrize("text, date, title", [
    ("<p>One. Two.</p>", "1900", "One."),
    ("", "1900", "1900"),
    ("<p>" + "long " * 30 + "</p>", "1900", ("long " * 15).strip() + "…"),
])
def test_headline_from_first_sentence_or_date(text, date, title):
    assert headline_from(text, date) == title
    assert len(headline_from(text, date)) <= 80


def test_eras_merge_into_existing_file_keeping_it(tmp_path):
    content = tmp_path / "c"
    content.mkdir()
    (content / "eras.yaml").write_text("# mine\n- name: Enlightenment\n  start: '1700'\n  end: '1799'\n")
    assert run(DEEP, content)[0] == 0
    text = (content / "eras.yaml").read_text()
    assert text.startswith("# mine\n")
    assert [e["name"] for e in yaml.safe_load(text)] == ["Enlightenment", "Revolution"]


def test_era_clash_is_reported_and_nothing_is_written(tmp_path):
    content = tmp_path / "c"
    content.mkdir()
    (content / "eras.yaml").write_text("- name: Revolution\n  start: '1789'\n  end: '1815'\n")
    code, out, err = run(DEEP, content)
    assert (code, out) == (1, "")
    assert (f"{display_path(str(DEEP))}: eras[1]: era 'Revolution' is already in {content / 'eras.yaml'} as "
            "1789..1815, not 1789..1799") in err.splitlines()
    assert err.splitlines()[-1] == "nothing was written"
    assert sorted(os.listdir(content)) == ["eras.yaml"]


def test_failed_write_restores_a_merged_eras_file(tmp_path, monkeypatch):
    content = tmp_path / "c"
    content.mkdir()
    original = "- name: Old\n  start: '1500'\n  end: '1600'\n"
    (content / "eras.yaml").write_text(original)
    real, calls = os.replace, []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(importer.os, "replace", failing)
    assert run(DEEP, content)[0] == 1
    monkeypatch.undo()
    assert (content / "eras.yaml").read_text() == original
    assert sorted(p.name for p in content.rglob("*") if p.is_file()) == ["eras.yaml"]


@pytest.mark.parametrize("fixture", [DEEP, WOMEN, FIXTURES / "roundtrip.json",
                                     FIXTURES / "template.csv"])
def test_imported_files_build_cleanly(tmp_path, fixture):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(SITE)
    assert run(fixture, content)[0] == 0
    result = build(content, tmp_path / "site")
    assert result.code == 0, result.err
    assert [line for line in result.err.splitlines() if ": warning:" in line] == []
    exported = json.loads((tmp_path / "site" / "timeline.json").read_text("utf-8"))
    assert len(exported["events"]) == len(list((content / "events").iterdir()))
