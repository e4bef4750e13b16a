"""Issue 18 #5 and #6: URLs, the importer, the command line and the locale never give a traceback.

Each case is a reproducer from the issue: one line naming the file (or option) and the value, a
non-zero exit, nothing written that the build would refuse.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.importing import command as importer
from chronicle.importing.command import run_import, unique_slug
from tests.support import MINIMAL_SITE, ROOT, build, cpu_seconds, run_cli

BAD_URL = "https://[::1/"
EVENT = "---\ntitle: A\ndate: 1958\n---\nBody.\n"


def _import(file: Path, content: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_import("timelinejs", str(file), str(content), out, err)
    return code, out.getvalue(), err.getvalue()


def _slides(*events: dict) -> str:
    return json.dumps({"events": list(events)})


def _slide(headline: str = "A", year: object = 1958, text: str = "") -> dict:
    return {"start_date": {"year": year}, "text": {"headline": headline, "text": text}}


# --- URL fields (#5) ----------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "build"])
def test_a_base_url_urllib_cannot_read_is_one_line_in_check_and_build(content, tmp_path, command):
    folder = content({"events/a.md": EVENT}, site_yaml=f'title: T\nbase_url: "{BAD_URL}"\n')
    args = ["check"] if command == "check" else ["--output", str(tmp_path / "site")]
    run = run_cli(*args, "--content", str(folder), cwd=tmp_path)
    assert run.code == 1
    assert "content/site.yaml:2: base_url: 'https://[::1/' is not a valid URL: invalid IPv6 URL" in run.error_lines
    assert "Traceback" not in run.err and not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_base_url_option_urllib_cannot_read_is_one_line(content, tmp_path, command):
    folder = content({"events/a.md": EVENT})
    args = ["check"] if command == "check" else ["--output", str(tmp_path / "site")]
    run = run_cli(*args, "--content", str(folder), "--base-url", BAD_URL, cwd=tmp_path)
    assert run.code == 1
    assert run.error_lines == ["--base-url: 'https://[::1/' is not a valid URL: invalid IPv6 URL"]


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_refused_base_url_is_only_its_error_not_also_a_no_base_url_warning(content, tmp_path, command):
    folder = content({"events/a.md": EVENT}, site_yaml=f'title: T\nbase_url: "{BAD_URL}"\n')
    args = ["check"] if command == "check" else ["--output", str(tmp_path / "site")]
    run = run_cli(*args, "--content", str(folder), cwd=tmp_path)
    assert run.code == 1
    assert run.err.splitlines()[:-1] == [
        "content/site.yaml:2: base_url: 'https://[::1/' is not a valid URL: invalid IPv6 URL"]
    assert "no 'base_url'" not in run.err


def test_a_base_url_port_out_of_range_is_one_line(content, tmp_path):
    run = run_cli("check", "--content", str(content({"events/a.md": EVENT})), "--base-url", "https://e.org:99999/",
                  cwd=tmp_path)
    assert run.error_lines == ["--base-url: 'https://e.org:99999/' is not a valid URL: port out of range 0-65535"]


def test_an_image_src_urllib_cannot_read_is_one_line(content, tmp_path):
    event = f'---\ntitle: A\ndate: 1958\nimage: {{src: "{BAD_URL}", alt: a}}\n---\nBody.\n'
    run = build(content({"events/a.md": event}), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == ["content/events/a.md:4: image: src 'https://[::1/' is not a valid URL: invalid IPv6 URL"]


@pytest.mark.parametrize("cname", ['"evil.com\\nx"', "https://evil.com/", '"a b.org"', "-x.org", '""'])
def test_cname_must_be_a_host_name(content, tmp_path, cname):
    run = build(content({"events/a.md": EVENT}, site_yaml=MINIMAL_SITE + f"cname: {cname}\n"), tmp_path / "site")
    assert run.code == 1
    assert len(run.error_lines) == 1 and run.error_lines[0].startswith("content/site.yaml:4: cname: ")
    assert not (tmp_path / "site").exists()


def test_cname_names_the_value_it_refuses(content, tmp_path):
    run = build(content({"events/a.md": EVENT}, site_yaml=MINIMAL_SITE + 'cname: "evil.com\\nx"\n'), tmp_path / "site")
    assert run.error_lines == ["content/site.yaml:4: cname: 'evil.com\\nx' is not a host name like "
                               "'history.example.org'"]


def test_a_host_name_cname_is_written(content, tmp_path):
    run = build(content({"events/a.md": EVENT}, site_yaml=MINIMAL_SITE + "cname: history.example.org\n"),
                tmp_path / "site")
    assert run.code == 0, run.err
    assert (tmp_path / "site/CNAME").read_text() == "history.example.org\n"


# --- the importer (#5) -----------------------------------------------------------------------------

def test_import_refuses_a_json_integer_of_more_than_4300_digits(tmp_path):
    file = tmp_path / "t.json"
    file.write_text('{"events": [{"start_date": {"year": 1' + "0" * 4400 + '}, "text": {"headline": "a"}}]}')
    code, _, err = _import(file, tmp_path / "content")
    assert (code, err) == (1, f"{file}: not a TimelineJS file: a number has more than 4,300 digits\n")
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_import_refuses_a_year_string_of_more_than_4300_digits(tmp_path, suffix):
    file = tmp_path / f"t.{suffix}"
    year = "1" * 4400
    file.write_text(_slides(_slide(year=year)) if suffix == "json" else f"Year,Headline\n{year},a\n")
    code, _, err = _import(file, tmp_path / "content")
    where = f"{file}: events[0]: start_date.year" if suffix == "json" else f"{file}:2: Year"
    assert (code, err) == (1, f"{where} '{year[:60]}…' is beyond 100,000,000,000, the largest year a build accepts\n")


def test_import_keeps_a_display_date_of_5000_digits_as_text(tmp_path):
    file = tmp_path / "t.json"
    file.write_text(json.dumps({"events": [{**_slide(), "display_date": "1" * 5000}]}))
    code, out, err = _import(file, tmp_path / "content")
    assert (code, err) == (0, "")
    assert "display dates kept as written (1)" in out


def test_import_refuses_json_nested_too_deeply(tmp_path):
    file = tmp_path / "t.json"
    file.write_text("[" * 100_000)
    assert _import(file, tmp_path / "content")[:3] == (
        1, "", f"{file}: not a TimelineJS file: lists or objects nested too deeply\n")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_import_reads_at_most_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 2 ** 20)  # the same code path, quicker than 100 MB
    code, _, err = _import(Path("/dev/zero"), tmp_path / "content")
    assert (code, err) == (1, "/dev/zero: larger than 1 MB: not a TimelineJS file, or split it into smaller ones\n")


def test_import_of_dev_zero_ends_with_one_line_at_the_real_limit(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("needs /dev/zero")
    run = subprocess.run([sys.executable, "-m", "chronicle", "import", "timelinejs", "/dev/zero", "--content",
                          str(tmp_path / "content")], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (run.returncode, run.stderr) == (
        1, "/dev/zero: larger than 100 MB: not a TimelineJS file, or split it into smaller ones\n")


# --- the command line (#5, #6) ---------------------------------------------------------------------

@pytest.mark.parametrize("port", ["70000", "65536", "-1", "x"])  # 0 stays: the system picks a free port
def test_serve_port_outside_1_to_65535_is_a_usage_error(tmp_path, port):
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--port", port], capture_output=True,
                         text=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[-1].startswith("build.py: error: argument --port: ")


def test_init_refuses_an_empty_folder_name(tmp_path):
    run = run_cli("init", "", cwd=tmp_path)
    assert (run.code, run.err) == (2, "chronicle init: the folder name is empty; give one, e.g. chronicle init "
                                      "my-timeline\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_missing_layouts_folder_is_an_error(content, tmp_path, command):
    folder = content({"events/a.md": EVENT})
    run = run_cli(*([command] if command == "check" else []), "--content", str(folder), "--layouts", "nope",
                  "--output", str(tmp_path / "site"), cwd=tmp_path)
    assert (run.code, run.err) == (1, "nope: --layouts: no such folder\n")
    assert not (tmp_path / "site").exists()


def test_a_layouts_file_is_an_error(content, tmp_path):
    (tmp_path / "layouts.txt").write_text("x")
    run = run_cli("--content", str(content({"events/a.md": EVENT})), "--layouts", "layouts.txt", cwd=tmp_path)
    assert (run.code, run.err) == (1, "layouts.txt: --layouts: is not a folder\n")


# --- the locale (#5) --------------------------------------------------------------------------------

def test_a_non_ascii_asset_name_builds_under_the_posix_locale(content, tmp_path):
    folder = content({"events/a.md": EVENT, "assets/é.txt": "hi"})
    env = {**os.environ, "LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(folder), "--output",
                          str(tmp_path / "site")], capture_output=True, env=env, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in run.stderr
    assert b'"assets/%C3%A9.txt"' in (tmp_path / "site/sw.js").read_bytes()
    assert (tmp_path / "site/assets/é.txt").read_text() == "hi"


# --- new and import write only what the build accepts (#6) ----------------------------------------

@pytest.mark.parametrize("title, message", [
    ("a\x1bb", "'a\\x1bb': title: contains the control character U+001B, which feeds and XML cannot carry; remove it"),
    ("a\udcffb", "'a\\udcffb': title: contains U+DCFF, a lone surrogate that UTF-8 cannot encode; remove it"),
])
def test_new_refuses_a_title_the_build_would_refuse(tmp_path, title, message):
    run = run_cli("new", "event", title, "--date", "1958", cwd=tmp_path)
    assert (run.code, run.err) == (1, f"error: {message}\n")
    assert not (tmp_path / "content").exists()


def test_new_refuses_a_name_the_build_would_refuse(tmp_path):
    run = run_cli("new", "person", "Kim\x07", cwd=tmp_path)
    assert run.code == 1 and run.err.startswith("error: 'Kim\\x07': name: contains the control character U+0007")


@pytest.mark.parametrize("slide, message", [
    (_slide("a\x1bb"), "title: contains the control character U+001B, which feeds and XML cannot carry; remove it"),
    (_slide("a\ud800b"), "title: contains U+D800, a lone surrogate that UTF-8 cannot encode; remove it"),
    (_slide("A", text="<p>" + "x" * 1_000_001 + "</p>"), "body has 1,000,003 characters; the limit is 1,000,000"),
])
def test_import_refuses_a_slide_the_build_would_refuse(tmp_path, slide, message):
    file = tmp_path / "t.json"
    file.write_text(_slides(_slide("fine"), slide))
    code, out, err = _import(file, tmp_path / "content")
    assert (code, out) == (1, "")
    assert err == f"{file}: events[1]: {message}\nnothing was written\n"
    assert not (tmp_path / "content").exists()


def test_import_writes_files_the_build_accepts(tmp_path):
    file = tmp_path / "t.json"
    file.write_text(_slides(_slide("Kim in Hà Nội", text="<p>Body <b>bold</b></p>" * 200), _slide("B", year="-44")))
    assert _import(file, tmp_path / "content")[0] == 0
    (tmp_path / "content/site.yaml").write_text(MINIMAL_SITE)
    assert run_cli("check", "--content", str(tmp_path / "content"), cwd=tmp_path).code == 0


# --- the importer's slug de-duplication is linear (#6) --------------------------------------------

def test_unique_slug_with_numbers_checks_each_candidate_once(monkeypatch):
    used, numbers, checks = set(), {}, []

    class Counting(set):
        def __contains__(self, item: object) -> bool:
            checks.append(item)
            return super().__contains__(item)

    used = Counting()
    slugs = [unique_slug("same", used, numbers) for _ in range(2000)]
    assert slugs[:3] == ["same", "same-2", "same-3"] and len(set(slugs)) == 2000
    assert len(checks) < 2 * 2000  # quadratic: 2,001,000


def test_16000_slides_with_one_headline_import_quickly(tmp_path):
    file = tmp_path / "t.json"
    file.write_text(_slides(*[_slide("Same") for _ in range(16_000)]))
    started = cpu_seconds()  # work done, not wall time: the suite shares the cores with other jobs
    code, out, err = _import(file, tmp_path / "content")
    seconds = cpu_seconds() - started
    assert (code, err) == (0, "")
    assert (tmp_path / "content/events/same-16000.md").exists()
    assert seconds < 60, seconds  # 81 s before, mostly the quadratic search


# --- found by the 30-minute fuzz soak -------------------------------------------------------------


@pytest.mark.parametrize("text", ['"\\u"', '{"events": [{"text": {"headline": "a\\u12x"}}]}', '["\\uZZZZ"]'])
def test_a_broken_unicode_escape_in_json_is_one_line(tmp_path, text):
    """Found by the soak after the import began to stream: ijson's parser raised json's own error."""
    file = tmp_path / "t.json"
    file.write_text(text, encoding="utf-8")
    code, _, err = _import(file, tmp_path / "content")
    assert code == 1
    assert err == f"{file}: not valid JSON: invalid \\uXXXX escape in a string\n", err
    assert not (tmp_path / "content").exists() or not any((tmp_path / "content").rglob("*.md"))

def test_import_leaves_out_media_whose_url_urllib_cannot_read(tmp_path):
    file = tmp_path / "t.json"
    file.write_text(json.dumps({"events": [{**_slide(), "media": {"url": BAD_URL}}]}))
    code, _, err = _import(file, tmp_path / "content")
    assert (code, err) == (0, f"{file}: warning: events[0]: media is not a web address (an embed code?); left out\n")


def test_import_refuses_a_float_year_beyond_what_the_build_accepts(tmp_path):
    file = tmp_path / "t.json"
    file.write_text(_slides(_slide(year=100000000001.0)))
    assert _import(file, tmp_path / "content")[::2] == (
        1, f"{file}: events[0]: start_date.year '100000000001' is beyond 100,000,000,000, the largest year a build "
           "accepts\n")


def test_import_refuses_a_title_or_era_the_build_would_refuse(tmp_path):
    file = tmp_path / "t.json"
    era = {"start_date": {"year": 1}, "end_date": {"year": 2}, "text": {"headline": "x\x07"}}
    file.write_text(json.dumps({"title": {"text": {"headline": "\x1b"}}, "events": [_slide()], "eras": [era]}))
    code, out, err = _import(file, tmp_path / "content")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{file}: title: site.yaml title: contains the control character U+001B, which feeds and XML cannot carry; "
        "remove it",
        f"{file}: eras[0]: eras.yaml name: contains the control character U+0007, which feeds and XML cannot carry; "
        "remove it", "nothing was written"]
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("flag", ["--base-url", "--content", "--output"])
def test_an_option_value_of_two_hyphens_is_a_usage_error(tmp_path, flag):
    run = run_cli("check", f"{flag}=--", cwd=tmp_path)
    assert (run.code, run.err) == (2, f"chronicle: {flag}: '--' is not a value\n")
