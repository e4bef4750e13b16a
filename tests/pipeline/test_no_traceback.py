"""Absurd and hostile input: one line per problem, exit 1, the old site untouched, never a traceback."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support import build, cpu_seconds, run_cli, tree

HUGE = "1" + "0" * 400
LONG_YEAR = "a year beyond four digits needs the EDTF form 'Y12345'"


def event(front: str, body: str = "Body.") -> str:
    return f"---\n{front.strip()}\n---\n{body}\n"


def build_keeping_site(content, tmp_path: Path, files: dict, *extra: str):
    """Build `files` over a good previous site; on errors, assert that site is untouched."""
    folder, output = tmp_path / "content", tmp_path / "site"
    shutil.rmtree(folder, ignore_errors=True)
    assert build(content({"events/ok.md": event("title: Ok\ndate: 1958")}), output).code == 0
    before = tree(output)
    shutil.rmtree(folder)
    run = build(content(files), output, *extra)
    if run.code:
        assert tree(output) == before
    assert "Traceback" not in run.err
    return run


ONE_LINE_ERRORS = [
    # (files, expected stderr lines without the 'build failed' count)
    ({"eras.yaml": "- name: A\n  end: 1900\n"},
     ["content/eras.yaml:1: missing required key 'start'"]),
    ({"eras.yaml": "- start: 1800\n  end: 1900\n"},
     ["content/eras.yaml:1: missing required key 'name'"]),
    ({"events/a.md": event(f"title: A\ndate: {HUGE}")},
     [f"content/events/a.md:3: date: invalid date '{HUGE[:60]}…': {LONG_YEAR}"]),
    ({"events/a.md": event("title: A\ndate: 10000000000000000000")},
     [f"content/events/a.md:3: date: invalid date '10000000000000000000': {LONG_YEAR}"]),
    ({"events/a.md": event(f"title: A\ndate: 1958\nend: {2 ** 63}")},
     [f"content/events/a.md:4: end: invalid date '{2 ** 63}': {LONG_YEAR}"]),
    ({"events/a.md": event(f"title: A\ndate: 1{'0' * 4300}")},
     [f"content/events/a.md:3: date: invalid date '1{'0' * 59}…': {LONG_YEAR}"]),
    ({"places/a.md": f"---\nname: A\nlat: 1{'0' * 4300}\nlon: 0\n---\n"},
     [f"content/places/a.md:3: lat: expected a number, got '1{'0' * 59}…'"]),
    # Never a Python class name: the docs' words for what YAML gave.
    ({"events/a.md": event("title: A\ndate: {year: 1958}")},
     ["content/events/a.md:3: date: invalid date a mapping: expected a date like 1958-11-28"]),
    ({"events/a.md": event("title: A\ndate: [1958]")},
     ["content/events/a.md:3: date: invalid date a list: expected a date like 1958-11-28"]),
    ({"events/a.md": event("title: A\ndate: 1958.5")},
     ["content/events/a.md:3: date: invalid date '1958.5': expected a date like 1958-11-28"]),
    ({"events/a.md": event("title: A\ndate: true")},
     ["content/events/a.md:3: date: invalid date true/false: expected a date like 1958-11-28"]),
    # Echoed keys, values and file names are escaped: every message stays one line.
    ({"events/a.md": event('title: "A\\x01B"\ndate: 1958')},
     ["content/events/a.md:2: title: contains the control character U+0001, which feeds and XML cannot carry; "
      "remove it"]),
    ({"events/a.md": event('title: A\ndate: "1958\\n\\u2028x"')},
     ["content/events/a.md:3: date: invalid date '1958\\n\\u2028x': not a date: use YYYY, YYYY-MM or YYYY-MM-DD, "
      "optionally with ~ ? or %"]),
    ({"events/a\n.md": event("title: A\ndate: 1958")},
     ["content/events/a\\n.md: invalid file name 'a\\n.md': rename it to 'a.md' (a-z, 0-9 and hyphens)"]),
    ({"events/a.md": event('title: A\ndate: 1958\npeople: ["x\\ty"]')},
     ["content/events/a.md:4: people: invalid slug 'x\\ty' (did you mean 'x-y'?)"]),
]


@pytest.mark.parametrize("files, expected", ONE_LINE_ERRORS, ids=lambda v: repr(v)[:50] if isinstance(v, list) else None)
def test_absurd_input_is_one_line_per_problem_and_keeps_site(content, tmp_path, files, expected):
    run = build_keeping_site(content, tmp_path, files)
    assert run.code == 1
    assert run.error_lines == expected
    assert run.err.splitlines()[-1].startswith("build failed: ")


def test_escapes_control_characters_in_echoed_keys(content, tmp_path):
    run = build_keeping_site(content, tmp_path, {"events/a.md": event('title: A\ndate: 1958\n"pla\\nces": [x]')})
    assert run.code == 0
    assert run.err.splitlines() == ["content/events/a.md:4: warning: unknown key 'pla\\nces' ignored "
                                    "(did you mean 'places'?)"]


DATE_KEYS = [
    # (files with the year 193 unquoted in one date-typed key, the line of that key, the key)
    ({"events/a.md": event("title: A\ndate: 193")}, "events/a.md", 3, "date"),
    ({"events/a.md": event("title: A\ndate: 1958\nend: 193")}, "events/a.md", 4, "end"),
    ({"people/a.md": event("name: A\nborn: 193")}, "people/a.md", 3, "born"),
    ({"people/a.md": event("name: A\ndied: 193")}, "people/a.md", 3, "died"),
    ({"events/a.md": event("title: A\ndate: 1958\nroute:\n  - place: x\n    date: 193"),
      "places/x.md": event("name: X")}, "events/a.md", 6, "date"),
    ({"events/a.md": event("title: A\ndate: 1958\nsources:\n  - title: S\n    date: 193")}, "events/a.md", 6, "date"),
    ({"eras.yaml": "- name: A\n  start: 193\n  end: 1900\n"}, "eras.yaml", 2, "start"),
    ({"eras.yaml": "- name: A\n  start: 1800\n  end: 193\n"}, "eras.yaml", 3, "end"),
]


@pytest.mark.parametrize("files, path, line, key", DATE_KEYS)
@pytest.mark.parametrize("written, message", [
    ("193", "invalid date '193': a year has four digits: write 0193 or 193X"),
    ("'193'", "invalid date '193': a year has four digits: write 0193 or 193X"),
    ("12345", f"invalid date '12345': {LONG_YEAR}"),
    ("-43", "invalid date '-43': a year has four digits: write -0043"),
])
def test_unquoted_years_are_checked_like_text_in_every_date_key(content, tmp_path, files, path, line, key,
                                                                 written, message):
    files = {rel: text.replace("193", written) for rel, text in files.items()}
    run = build_keeping_site(content, tmp_path, files)
    assert run.code == 1
    assert run.error_lines == [f"content/{path}:{line}: {key}: {message}"]


def test_unquoted_four_digit_years_still_work(content, tmp_path):
    folder = content({"events/a.md": event("title: A\ndate: 1958\nend: 1960"),
                      "people/b.md": event("name: B\nborn: -0043\ndied: 1994")})
    assert build(folder, tmp_path / "site").code == 0
    assert (tmp_path / "site" / "years" / "1959.html").is_file()


def test_caps_the_year_pages_of_one_event_and_says_so(content, tmp_path):
    folder = content({"events/a.md": event("title: Long\ndate: -9999\nend: 9999")})
    run = build(folder, tmp_path / "site")
    assert run.code == 0
    assert run.err.splitlines() == ["content/events/a.md:4: warning: the event spans 19,999 years: it is listed on "
                                    "the year pages of its first and last year only (at most 1,000 year pages per "
                                    "event)"]
    assert sorted(p.name for p in (tmp_path / "site" / "years").iterdir()) == ["-9999.html", "9999.html"]


def test_a_thousand_years_still_get_every_year_page(content, tmp_path):
    folder = content({"events/a.md": event("title: Long\ndate: 1000\nend: 1999")})
    run = build(folder, tmp_path / "site")
    assert (run.code, run.err) == (0, "")
    assert len(list((tmp_path / "site" / "years").iterdir())) == 1000


YAML_SYNTAX = [
    # (front matter, expected error line): the line where the problem starts, with a hint
    ("title: A\ndate: [1958\nsummary: x",
     "content/events/a.md:3: invalid YAML: this '[' is never closed: add ']' or quote the value"),
    ("title: A\ntags: {a: 1\ndate: 1958",
     "content/events/a.md:3: invalid YAML: this '{' is never closed: add '}' or quote the value"),
    ("title: 'A\ndate: 1958\nsummary: x",
     "content/events/a.md:2: invalid YAML: this \"'\" is never closed: add \"'\" or quote the value"),
    ('title: A\nsummary: "x\ndate: 1958',
     "content/events/a.md:3: invalid YAML: this '\"' is never closed: add '\"' or quote the value"),
    ("title: A\ndate: 1958\n\ttags: [x]",
     "content/events/a.md:4: invalid YAML: tabs are not allowed for indentation; use spaces"),
    ("title: Trip: Part 1\ndate: 1958",
     "content/events/a.md:2: invalid YAML: quote values that contain ': ', e.g. title: \"Trip: Part 1\""),
    ("title: A\ndate: 1958\nsummary: " + "[" * 60 + "]" * 60,
     "content/events/a.md:4: YAML nested more than 50 levels deep; flatten it"),
    ("title: A\ndate: 1958\nsummary: " + "[" * 100_000,
     "content/events/a.md:4: YAML nested more than 50 levels deep; flatten it"),
]


@pytest.mark.parametrize("front, expected", YAML_SYNTAX, ids=lambda v: v[:30])
def test_yaml_syntax_errors_point_at_the_line_where_they_start(content, tmp_path, front, expected):
    run = build_keeping_site(content, tmp_path, {"events/a.md": event(front)})
    assert run.error_lines == [expected]


@pytest.mark.parametrize("url, message", [
    ("https://example.org/\r\nBEGIN:VALARM", "'https://example.org/\\r\\nBEGIN:VALARM' contains U+000D: a URL cannot; "
                                             "encode it (%20) or remove it"),
    ("https://example.org/a b/", "'https://example.org/a b/' contains a space: a URL cannot; encode it (%20) or "
                                 "remove it"),
    ("https://example.org/\x0b", "'https://example.org/\\x0b' contains U+000B: a URL cannot; encode it (%20) or "
                                 "remove it"),
])
def test_base_url_with_whitespace_or_control_characters_is_refused(content, tmp_path, url, message):
    quoted = url.replace("\r", "\\r").replace("\n", "\\n").replace("\x0b", "\\v")
    run = build_keeping_site(content, tmp_path, {"events/a.md": event("title: A\ndate: 1958-11-28")},
                             "--base-url", url)
    assert [line for line in run.error_lines if ": warning: " not in line] == [f"--base-url: {message}"]
    files = {"site.yaml": f'title: T\nbase_url: "{quoted}"\n', "events/a.md": event("title: A\ndate: 1958-11-28")}
    run = build_keeping_site(content, tmp_path, files)
    assert [line for line in run.error_lines if ": warning: " not in line] == [
        f"content/site.yaml:2: base_url: {message}"]


def test_source_url_with_a_newline_is_refused(content, tmp_path):
    files = {"events/a.md": event('title: A\ndate: 1958\nsources:\n  - title: S\n    url: "https://e.org/\\nx"')}
    run = build_keeping_site(content, tmp_path, files)
    assert run.error_lines == ["content/events/a.md:6: url: 'https://e.org/\\nx' contains U+000A: a URL cannot; "
                               "encode it (%20) or remove it"]


@pytest.mark.parametrize("char", ["\x01", "\x1f", "\x7f", "\x85", "\ufffe"])
def test_control_characters_in_text_are_refused_by_name(content, tmp_path, char):
    escaped = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    run = build_keeping_site(content, tmp_path, {"people/a.md": event(f'name: A\nsummary: "x{escaped}y"')})
    assert run.error_lines == [f"content/people/a.md:3: summary: contains the control character U+{ord(char):04X}, "
                               "which feeds and XML cannot carry; remove it"]


def test_feed_sitemap_and_calendar_stay_well_formed(content, tmp_path):
    title = "Tabs\tand <tags> & \"quotes\" 'ok' ü 北京 \U0001F600"
    files = {"events/a.md": event(f"title: |\n  {title}\n  second line\ndate: 1958-11-28\nsummary: a\\b;c,d\ntags: [x]"),
             "people/p.md": event("name: P\nsummary: x")}
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}entry/{atom}title").text == f"{title}\nsecond line"
    urls = [e.text for e in ET.parse(tmp_path / "site" / "sitemap.xml").getroot().iter()
            if e.tag.endswith("loc")]
    assert urls and all(re.fullmatch(r"https://example\.github\.io/repo/\S*", u) for u in urls)
    ics = (tmp_path / "site" / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    names = [line.split(":")[0].split(";")[0] for line in ics.split("\r\n")[:-1]]
    assert "BEGIN:VALARM" not in ics and all(re.fullmatch(r"[A-Z-]+", n) for n in names)
    assert f"\r\nSUMMARY:{title}\\nsecond line\r\n" in ics


@pytest.mark.parametrize("tags, message", [
    ("[index]", "content/events/a.md:4: tags: tag 'index' would replace the list of all tags, tags/index.html; "
                "choose another word"),
    ("[Index!]", "content/events/a.md:4: tags: tag 'Index!' would replace the list of all tags, tags/index.html; "
                 "choose another word"),
    ("[北京]", "content/events/a.md:4: tags: tag '北京' has no letters a-z or digits to name its page "
              "tags/<tag>.html; add a Latin-letter spelling"),
    ("['!!!']", "content/events/a.md:4: tags: tag '!!!' has no letters a-z or digits to name its page "
                "tags/<tag>.html; add a Latin-letter spelling"),
])
def test_tags_that_would_share_a_page_are_refused(content, tmp_path, tags, message):
    run = build_keeping_site(content, tmp_path, {"events/a.md": event(f"title: A\ndate: 1958\ntags: {tags}")})
    assert run.error_lines == [message]


def test_tags_written_alike_up_to_case_and_separators_are_one_tag(content, tmp_path):
    run = build(content({"events/a.md": event("title: A\ndate: 1958\ntags: [Train, train, untitled]"),
                         "events/b.md": event("title: B\ndate: 1959\ntags: [Train journeys, TRAIN-journeys]")}),
                tmp_path / "site")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (tmp_path / "site" / "tags").iterdir()) == [
        "index.html", "train-journeys.html", "train.html", "untitled.html"]


@pytest.mark.parametrize("files, message", [
    ({"events/a.md": event("title: A\ndate: 1958\ntags: [C++]"), "events/b.md": event("title: B\ndate: 1958\ntags: [C#]")},
     "content/events/b.md:4: tag 'C#' would share the page tags/c.html with 'C++' (content/events/a.md:4); "
     "spell them the same or choose distinct words"),
    ({"events/a.md": event("title: A\ndate: 1958\ntags: [Train, 'train!']")},
     "content/events/a.md:4: tag 'train!' would share the page tags/train.html with 'Train' (content/events/a.md:4); "
     "spell them the same or choose distinct words"),
    ({"events/a.md": event("title: A\ndate: 1958\ntags: [Hà Nội]"), "events/b.md": event("title: B\ndate: 1958\ntags: [Ha Noi]")},
     "content/events/b.md:4: tag 'Ha Noi' would share the page tags/ha-noi.html with 'Hà Nội' (content/events/a.md:4); "
     "spell them the same or choose distinct words"),
], ids=["c++/c#", "train!/train", "accents"])
def test_tags_spelled_differently_that_would_share_a_page_are_an_error_naming_both(content, tmp_path, files, message):
    run = build_keeping_site(content, tmp_path, files)
    assert (run.code, run.error_lines) == (1, [message])


def test_overlong_file_names_are_refused_before_writing(content, tmp_path):
    name = "a" * 251
    run = build_keeping_site(content, tmp_path, {f"events/{name}.md": event("title: A\ndate: 1958")})
    assert run.error_lines == [f"content/events/{name}.md: invalid file name '{name}.md': rename it to "
                               f"'{'a' * 200}.md' (a-z, 0-9 and hyphens)"]


HOSTILE_BODIES = {
    # 1 MB bodies in paragraphs under the Markdown paragraph limit; each took seconds to minutes in search.py
    "blank lines": "\n" * 1_000_000,
    "spaces and newlines": " \n" * 500_000,
    **{f"paragraphs of {unit!r}": "\n\n".join([unit * (40_000 // len(unit))] * 25)
       for unit in ("[", "![", "[^", "[[", "[[a|", "<", "<!--", "{:", "[a](", "[a]:\n")},
}


@pytest.mark.parametrize("unit", list(HOSTILE_BODIES))
def test_search_index_of_a_hostile_body_takes_under_a_second_per_megabyte(unit):
    from chronicle.formats.search import strip_markdown
    body = HOSTILE_BODIES[unit]
    started = cpu_seconds()
    strip_markdown(body, {})
    assert cpu_seconds() - started < len(body) / 1e6


def test_blank_lines_body_builds_in_under_two_seconds_per_megabyte(content, tmp_path):
    body = "\n" * 900_000 + "End."
    folder = content({"events/a.md": event("title: A\ndate: 1958", body)})
    started = cpu_seconds()
    run = build(folder, tmp_path / "site")
    assert run.code == 0, run.err
    assert cpu_seconds() - started < 1.0 + 2.0 * len(body) / 1e6  # a build's fixed cost, then 2 s/MB


def test_check_never_prints_a_traceback_for_a_bad_base_url_argument(content, tmp_path):
    folder = content({"events/a.md": event("title: A\ndate: 1958")})
    run = run_cli("check", "--content", str(folder), "--base-url", "javascript:alert(1)", cwd=tmp_path)
    assert run.code == 1
    assert run.error_lines == ["--base-url: 'javascript:alert(1)' is not an http:// or https:// URL"]
