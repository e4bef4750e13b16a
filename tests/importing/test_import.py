"""`import timelinejs`: files written, conflicts, bad rows, all-or-nothing (tmp_path only)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from chronicle.importing import command as importer
from chronicle.errors import display_path
from chronicle.importing.command import run_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timelinejs"
HEADER = ("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
          "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n")


def run(kind: str, file: Path, content: Path) -> tuple[int, str, str]:
    """Run the import; return exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = run_import(kind, str(file), str(content), out, err)
    return code, out.getvalue(), err.getvalue()


def files_below(folder: Path) -> dict[str, str]:
    """Every file below folder as text, keyed by relative path."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def front_matter(text: str) -> dict:
    """The YAML between the --- lines of an event file."""
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def write_csv(tmp_path: Path, rows: str, name: str = "sheet.csv") -> Path:
    """A spreadsheet export with the template header and the given rows."""
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_imports_csv_template_into_events_site_and_eras(tmp_path):
    code, out, err = run("timelinejs", FIXTURES / "template.csv", tmp_path / "content")
    files = files_below(tmp_path / "content")
    assert (code, err) == (0, "")
    assert sorted(files) == ["eras.yaml", "events/caesar-assassinated.md",
                             "events/kim-il-sung-in-ha-noi.md", "events/train-to-dong-dang-2.md",
                             "events/train-to-dong-dang.md", "site.yaml"]
    assert yaml.safe_load(files["site.yaml"]) == {"title": "Trains of State",
                                                  "description": "Leaders who travel by rail."}
    assert yaml.safe_load(files["eras.yaml"]) == [{"name": "Cold War", "start": "1945", "end": "1991"}]
    assert files["events/kim-il-sung-in-ha-noi.md"] == (
        "---\n"
        "title: Kim Il Sung in Hà Nội\n"
        "date: '1958-11-28'\n"
        "end: '1958-12-02'\n"
        "tags:\n- state-visits\n"
        "image:\n  src: https://example.org/photo.jpg\n  alt: Arrival, Hanoi\n"
        "  caption: Arrival, Hanoi\n  credit: KCNA\n"
        "---\n\n"
        "Flew from **Guangzhou**.\n\n- Beijing\n- Wuhan\n")
    assert out.splitlines()[-4:] == [
        f"imported 4 event(s) and 1 era(s) from {display_path(str(FIXTURES / 'template.csv'))}",
        "slides: 6 read, 4 event(s) written, 0 skipped",
        "made: images (1), display dates kept as written (1), times of day kept (1)",
        "lost: slide backgrounds (1)"]  # 'Spring 2019' on 23 February no longer moves the date
    assert sum(line.startswith("wrote ") for line in out.splitlines()) == 6


def test_csv_dates_become_edtf_with_bc_years_shifted(tmp_path):
    run("timelinejs", FIXTURES / "template.csv", tmp_path / "c")
    caesar = front_matter((tmp_path / "c/events/caesar-assassinated.md").read_text("utf-8"))
    assert caesar == {"title": "Caesar assassinated", "date": "-0043-03-15", "tags": ["rome"]}


def test_short_plain_text_becomes_summary_and_a_season_never_moves_the_slides_day(tmp_path):
    run("timelinejs", FIXTURES / "template.csv", tmp_path / "c")
    first = (tmp_path / "c/events/train-to-dong-dang.md").read_text("utf-8")
    second = (tmp_path / "c/events/train-to-dong-dang-2.md").read_text("utf-8")
    assert front_matter(first)["summary"] == "A long ride, over three days."
    # 'Spring 2019' (March to May) on 23 February: the slide's day wins, the text is kept as written.
    assert (front_matter(second)["date"], front_matter(second)["display_date"]) == ("2019-02-23", "Spring 2019")
    assert front_matter(first)["date"] == "2019-02-23T17:00"  # the Time cell, kept
    assert second.endswith("---\n")  # no note in the body


def test_imports_json_with_title_eras_groups_and_media(tmp_path):
    code, out, err = run("timelinejs", FIXTURES / "roundtrip.json", tmp_path / "c")
    assert (code, err) == (0, "")
    files = files_below(tmp_path / "c")
    assert yaml.safe_load(files["site.yaml"])["title"] == "Rails & Rulers"
    assert yaml.safe_load(files["eras.yaml"]) == [
        {"name": "Before the common era", "start": "-2999", "end": "0000"},
        {"name": "Cold War", "start": "1945-09-02", "end": "1991-12-26"}]
    dates = {name: (meta["date"], meta.get("end")) for name, text in files.items()
             if name.startswith("events/") for meta in [front_matter(text)]}
    assert dates == {
        "events/founding-of-gojoseon.md": ("-2332~", None),
        "events/caesar-assassinated.md": ("-0043-03-15", None),
        "events/the-year-1-bc.md": ("0000", None),
        "events/kim-il-sung-in-ha-noi.md": ("1958-11-28", "1958-12-02"),
        "events/korean-war.md": ("1950-06", "1953-07-27"),
        "events/train-to-dong-dang.md": ("2019-02-23T17:00", "2019-02-26"),  # hour and minute kept
    }
    caesar = files["events/caesar-assassinated.md"]
    assert front_matter(caesar)["image"] == {"src": "https://example.org/caesar.jpg",
                                             "alt": "The Death of Caesar",
                                             "caption": "The Death of Caesar",
                                             "credit": "Jean-Léon Gérôme"}
    assert caesar.split("---\n", 2)[2] == (
        "\nStabbed in the **Theatre of Pompey**.\n\n"
        "See [the Ides of March](https://en.wikipedia.org/wiki/Ides_of_March).\n")


def test_bad_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    sheet = write_csv(tmp_path, "1958,,,,,,,,,Fine,,,,,,,,\n"
                                "abc,,,,,,,,,Bad year,,,,,,,,\n"
                                "2019,2,30,,,,,,,Bad day,,,,,,,,\n"
                                "2019,,,,2018,,,,,Backwards,,,,,,,,\n"
                                "2019,,,,,,,,,,,,,,,,,\n"  # no headline: no longer refused
                                "2019,,,,,,,,,Odd type,,,,,,chapter,,\n")
    code, out, err = run("timelinejs", sheet, tmp_path / "content")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{sheet}:3: Year 'abc' is not a number",
        f"{sheet}:4: Day '30' does not exist in February 2019",
        f"{sheet}:5: ends (2018) before it starts (2019)",
        f"{sheet}:7: Type 'chapter' is not blank, 'title' or 'era'",
    ]
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("rows, message", [
    ("0,,,,,,,,,Zero,,,,,,,,\n", "Year '0' does not exist in TimelineJS (1 BC is -1)"),
    ("1958,13,,,,,,,,M,,,,,,,,\n", "Month '13' is not 1-12"),
    ("1958,,4,,,,,,,D,,,,,,,,\n", "Day is given without Month"),
    ("1945,,,,,,,,,Open era,,,,,,era,,\n", "no end year: every era needs one"),
])
def test_each_bad_value_has_a_clear_message(tmp_path, rows, message):
    sheet = write_csv(tmp_path, rows)
    code, _, err = run("timelinejs", sheet, tmp_path / "content")
    assert (code, err) == (1, f"{sheet}:2: {message}\n")


def test_quoted_multiline_cells_do_not_shift_line_numbers(tmp_path):
    sheet = write_csv(tmp_path, '1958,,,,,,,,,"Two\nlines",,,,,,,,\nx,,,,,,,,,Bad,,,,,,,,\n')
    assert run("timelinejs", sheet, tmp_path / "c")[2] == f"{sheet}:4: Year 'x' is not a number\n"


def test_a_quote_left_open_is_an_error_not_merged_rows(tmp_path):
    sheet = write_csv(tmp_path, '1958,,,,,,,,,Fine,,,,,,,,\n1959,,,,,,,,,"Open,,,,,,,,\n1960,,,,,,,,,B,,,,,,,,\n')
    code, _, err = run("timelinejs", sheet, tmp_path / "c")
    assert (code, err) == (1, f"{sheet}:3: not readable as CSV: unexpected end of data "
                              "(a quote left open?)\n")
    assert not (tmp_path / "c").exists()


def test_json_problems_name_the_slide(tmp_path):
    source = tmp_path / "t.json"
    source.write_text('{"events": [{"start_date": {"year": 1958}, "text": {"headline": "A"}},'
                      ' {"start_date": {"year": "19x8"}}], "eras": [{"start_date": {"year": 1}}]}')
    code, _, err = run("timelinejs", source, tmp_path / "c")
    assert code == 1
    assert err.splitlines() == [f"{source}: events[1]: start_date.year '19x8' is not a number",
                                f"{source}: eras[0]: no end year: every era needs one"]


def test_invalid_json_reports_its_line(tmp_path):
    source = tmp_path / "t.json"
    source.write_text('{"events": [\n  {"start_date": {"year": 1958}},,\n]}')
    code, _, err = run("timelinejs", source, tmp_path / "c")
    assert code == 1 and err.startswith(f"{source}:2: not valid JSON: ")


def test_refuses_to_overwrite_and_writes_nothing(tmp_path):
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    (content / "events" / "korean-war.md").write_text("mine\n")
    code, out, err = run("timelinejs", FIXTURES / "roundtrip.json", content)
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{content / 'events' / 'korean-war.md'}: already exists",
                                "nothing was written: the import never overwrites files (1 already exist)"]
    assert files_below(content) == {"events/korean-war.md": "mine\n"}


def test_existing_empty_eras_yaml_is_merged_into(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "eras.yaml").write_text("[]\n")
    assert run("timelinejs", FIXTURES / "template.csv", content)[0] == 0
    assert yaml.safe_load((content / "eras.yaml").read_text()) == [
        {"name": "Cold War", "start": "1945", "end": "1991"}]


def test_existing_site_yaml_is_kept_and_the_title_skipped(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: Mine\n")
    code, out, _ = run("timelinejs", FIXTURES / "template.csv", content)
    assert code == 0
    assert (content / "site.yaml").read_text() == "title: Mine\n"
    assert f"kept {content / 'site.yaml'}: the title slide was not imported" in out


def test_a_failed_write_leaves_no_files_behind(tmp_path, monkeypatch):
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        os.rename(source, target)

    monkeypatch.setattr(importer.os, "replace", failing_replace)
    code, out, err = run("timelinejs", FIXTURES / "roundtrip.json", tmp_path / "content")
    assert (code, out) == (1, "")
    assert err == "error: [Errno 28] No space left on device; nothing was written\n"
    assert files_below(tmp_path / "content") == {}


def test_unknown_kind_and_missing_file_are_one_line_errors(tmp_path):
    assert run("tiki", tmp_path / "x.json", tmp_path)[:3:2] == (
        1, "error: unknown import kind 'tiki' (expected: timelinejs)\n")
    assert run("timelinejs", tmp_path / "x.json", tmp_path)[:3:2] == (
        1, f"{tmp_path / 'x.json'}: no such file\n")


def test_accepts_a_byte_order_mark_and_warns_on_unknown_columns_and_embeds(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("\ufeffyear,headline,media,notes\n1958,A,<iframe src=x></iframe>,n\n",
                     encoding="utf-8")
    code, out, err = run("timelinejs", sheet, tmp_path / "c")
    assert code == 0
    assert err.splitlines() == [
        f"{sheet}:1: warning: column 'notes' is not a TimelineJS column; ignored",
        f"{sheet}:2: warning: media is not a web address (an embed code?); left out"]
    assert front_matter((tmp_path / "c/events/a.md").read_text("utf-8")) == {"title": "A",
                                                                           "date": "1958"}


def test_import_output_loads_without_problems(tmp_path):
    from chronicle.link.site import link_site
    from chronicle.content.load import load_content

    shutil.copy(FIXTURES / "roundtrip.json", tmp_path / "t.json")
    assert run("timelinejs", tmp_path / "t.json", tmp_path / "content")[0] == 0
    loaded, problems = load_content(str(tmp_path / "content"))
    site, link_problems = link_site(loaded)
    # A TimelineJS file cannot say where the site will be published: the one warning asks for it.
    assert [p.message for p in problems + link_problems] == [
        "no 'base_url': feed.xml, calendar.ics and sitemap.xml need the published address; "
        "add e.g. 'base_url: https://user.github.io/repo/'"]
    assert all(p.warning for p in problems + link_problems)
    assert len(site.events) == 6 and len(site.eras) == 2


def test_import_memory_follows_the_largest_slide_not_the_file(tmp_path):
    """Issue 18: the whole file was parsed into Python objects (a 50 MB import took 930 MB).

    1,000 small slides, each with an unknown key holding 1,000 empty lists (3 MB): read whole, the
    lists alone take 64 MB; streamed, one slide's at a time. The import runs in a child of a child,
    so RUSAGE_CHILDREN counts it alone (Linux gives ru_maxrss in KiB).
    """
    pytest.importorskip("resource")  # Unix only
    extra = "[" + ",".join(["[]"] * 1000) + "]"
    source = tmp_path / "big.json"
    source.write_text('{"events": [\n' + ",\n".join(
        f'{{"start_date": {{"year": {1000 + i}}}, "text": {{"headline": "Event {i}"}}, "x": {extra}}}'
        for i in range(1000)) + "]}\n")
    measure = ("import resource, subprocess, sys\n"
               "run = subprocess.run([sys.executable, '-m', 'chronicle', 'import', 'timelinejs', sys.argv[1],"
               " '--content', sys.argv[2]], capture_output=True, text=True)\n"
               "print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, repr(run.stderr))\n")
    result = subprocess.run([sys.executable, "-c", measure, str(source), str(tmp_path / "content")],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path, check=True)
    code, peak_kib, err = result.stdout.split(" ", 2)
    assert (code, err.strip()) == ("0", "''")
    assert len(os.listdir(tmp_path / "content" / "events")) == 1000
    assert int(peak_kib) < 70 * 1024, f"peak RSS {int(peak_kib) // 1024} MB"


def test_json_broken_after_many_events_is_one_line_with_its_place_and_nothing_is_written(tmp_path):
    """Streamed: 300 events are read and staged before the parser meets the error; none may stay."""
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    (content / "events" / "mine.md").write_text("mine\n")
    source = tmp_path / "t.json"
    good = ",\n".join(f'{{"start_date": {{"year": {1000 + i}}}, "text": {{"headline": "E {i}"}}}}' for i in range(300))
    source.write_text('{"events": [\n' + good + ',\n  {"start_date": {"year": 1958}} x\n]}')
    code, out, err = run("timelinejs", source, content)
    assert (code, out) == (1, "")
    assert err == f"{source}:302: not valid JSON: unexpected 'x' (column 34)\n"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == ["events", "events/mine.md"]


def test_json_ending_midway_is_one_line_and_leaves_no_folder(tmp_path):
    source = tmp_path / "t.json"
    source.write_text('{"events": [\n{"start_date": {"year": 1958}, "text": {"headline": "A"}},\n{"start_')
    code, out, err = run("timelinejs", source, tmp_path / "new" / "content")
    assert (code, out) == (1, "")
    assert err == f"{source}:3: not valid JSON: the file ends inside a value (column 9)\n"
    assert not (tmp_path / "new").exists()
