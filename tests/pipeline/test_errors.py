"""Bad input: one line per problem with file and line, exit 1, and the old site untouched."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, build, run_cli, tree

GOOD_EVENT = """\
---
title: Good event
date: 1958-11-28
---
Fine.
"""


def event(front: str, body: str = "Body.") -> str:
    return f"---\n{front.strip()}\n---\n{body}\n"


BAD_INPUTS = [
    # (files, expected stderr lines)
    ({"events/a.md": event("title: A\ndate: 2019-02-30")},
     ["content/events/a.md:3: date: invalid date '2019-02-30': day 30 does not exist in February 2019"]),
    ({"events/a.md": event("title: A\ndate: 19xx")},
     ["content/events/a.md:3: date: invalid date '19xx': not a date: '19xx' is an older EDTF draft form; write 19XX"]),
    ({"events/a.md": event("title: A\ndate: someday")},
     ["content/events/a.md:3: date: invalid date 'someday': not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ ? or %"]),
    ({"events/a.md": event("title: A\ndate: 2019-13")},
     ["content/events/a.md:3: date: invalid date '2019-13': month 13 does not exist"]),
    ({"events/a.md": event("title: A\ndate: 2019-02-28\nend: 2019-02-01")},
     ["content/events/a.md:4: end 2019-02-01 is before the start 2019-02-28"]),
    ({"events/a.md": event("title: A\ndate: 1958\ntitle: B")},
     ["content/events/a.md:4: duplicate key 'title' (first on line 2)"]),
    ({"events/a.md": event("date: 1958")},
     ["content/events/a.md:2: missing required key 'title'"]),
    ({"events/a.md": event("title: [x, y]\ndate: 1958")},
     ["content/events/a.md:2: title: expected text, got a list"]),
    ({"events/a.md": event("title: A\ndate: 1958\npeople: kim")},
     ["content/events/a.md:4: people: expected a list, e.g. [kim]"]),
    ({"events/a.md": event("title: A\ndate: 1958\npeople: [kim-jong-eun]"),
      "people/kim-jong-un.md": "---\nname: Kim Jong Un\n---\n"},
     ["content/events/a.md:4: unknown person 'kim-jong-eun' (did you mean 'kim-jong-un'?)"]),
    ({"events/a.md": event("title: A\ndate: 1958", "See [[hanio]]."),
      "places/hanoi.md": "---\nname: Hanoi\n---\n"},
     ["content/events/a.md:5: unknown wiki-link target 'hanio' (did you mean 'hanoi'?)"]),
    ({"events/a.md": event("title: A\ndate: 1958\nroute:\n  - place: pyongyang\n  - place: hanio"),
      "places/hanoi.md": "---\nname: Hanoi\n---\n", "places/pyongyang.md": "---\nname: Pyongyang\n---\n"},
     ["content/events/a.md:6: unknown place 'hanio' (did you mean 'hanoi'?)"]),
    ({"events/a.md": event("title: A\ndate: 1958\nrelated: [nothing-here]")},
     ["content/events/a.md:4: unknown event 'nothing-here'"]),
    ({"events/Hà Nội.md": GOOD_EVENT},
     ["content/events/Hà Nội.md: invalid file name 'Hà Nội.md': rename it to 'ha-noi.md' (a-z, 0-9 and hyphens)"]),
    ({"events/a.md": b"---\ntitle: Caf\xe9\ndate: 1958\n---\n"},
     ["content/events/a.md:2: not UTF-8: byte 0xe9 at offset 14; save the file as UTF-8"]),
    ({"events/a.md": "title: A\ndate: 1958\n"},
     ["content/events/a.md:1: missing front matter: the file must start with a '---' line"]),
    ({"events/a.md": "---\ntitle: A\ndate: 1958\n"},
     ["content/events/a.md:1: front matter is not closed: add a '---' line after it"]),
    ({"events/a.md": event("title: A\ndate: 1958\nsummary: &big [1, 2]\ntags: *big")},
     ["content/events/a.md:5: YAML aliases (*big) are not supported here; write the value out"]),
    ({"events/a.md": event("title: !!python/object/apply:os.system ['true']\ndate: 1958")},
     ["content/events/a.md:2: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"]),
    ({"events/a.md": event("title: A\ndate: 1958\nsources:\n  - title: x\n    url: javascript:alert(1)")},
     ["content/events/a.md:6: url: 'javascript:alert(1)' is not an http:// or https:// URL"]),
    ({"places/a.md": "---\nname: A\nlat: 95\nlon: 10\n---\n"},
     ["content/places/a.md:3: lat: 95 is outside -90..90"]),
    ({"places/a.md": "---\nname: A\nlat: 40\n---\n"},
     ["content/places/a.md:2: 'lat' and 'lon' go together: add 'lon'"]),
    ({"events/a.md": event("title: A\ndate: 1958\nroute:\n  - place: x\n    time: 25:00"),
      "places/x.md": "---\nname: X\n---\n"},
     ["content/events/a.md:6: time: invalid time '25:00': use HH:MM, e.g. '17:05'"]),
    ({"events/a.md": event("title: A\ndate: 1958"), "people/a.md": "---\nname: A\n---\n"},
     ["content/people/a.md: slug 'a' is already used by content/events/a.md; "
      "slugs must be unique across events, people and places"]),
]


def test_duplicate_slug_names_the_newer_file_first(content, tmp_path):
    folder = content({"places/panmunjom.md": "---\nname: Panmunjom\n---\n"})
    an_hour_ago = os.stat(folder / "places/panmunjom.md").st_mtime - 3600
    os.utime(folder / "places/panmunjom.md", (an_hour_ago, an_hour_ago))
    assert run_cli("new", "event", "Panmunjom", "--date", "1953-07-27", cwd=tmp_path).code == 0
    run = build(folder, tmp_path / "site")
    assert run.error_lines == ["content/events/panmunjom.md: slug 'panmunjom' is already used by "
                               "content/places/panmunjom.md; slugs must be unique across events, people and places"]


@pytest.mark.parametrize("files, expected", BAD_INPUTS, ids=lambda v: str(v)[:40] if isinstance(v, list) else None)
def test_reports_bad_input_with_file_and_line_and_keeps_site(content, tmp_path, files, expected):
    folder = content(files)
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("previous site")
    run = build(folder, output)
    assert run.code == 1
    assert run.error_lines == expected
    assert run.err.splitlines()[-1].startswith("build failed: ")
    assert tree(output) == {"index.html": b"previous site"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-")]


def test_reports_every_problem_sorted_by_file_and_line(content, tmp_path):
    folder = content({
        "events/b.md": event("title: B\ndate: 1958-02-30"),
        "events/a.md": event("title: A\ndate: 1958\npeople: [nobody]\nplaces: [nowhere]"),
    })
    run = build(folder, tmp_path / "site")
    assert run.error_lines == [
        "content/events/a.md:4: unknown person 'nobody'",
        "content/events/a.md:5: unknown place 'nowhere'",
        "content/events/b.md:3: date: invalid date '1958-02-30': day 30 does not exist in February 1958",
    ]
    assert run.err.splitlines()[-1] == "build failed: 3 errors; nothing was written"


def test_warns_on_unknown_key_and_still_builds(content, tmp_path):
    folder = content({"events/a.md": event("title: A\ndate: 1958\npalces: [x]")})
    run = build(folder, tmp_path / "site")
    assert run.code == 0
    assert run.err.splitlines() == ["content/events/a.md:4: warning: unknown key 'palces' ignored (did you mean 'places'?)"]


def test_site_yaml_errors_name_the_file_and_line(content, tmp_path):
    folder = content({"events/a.md": GOOD_EVENT}, site_yaml="title: T\nallow_html: yes please\nbase_url: https://example.org/\n")
    run = build(folder, tmp_path / "site")
    assert run.error_lines == ["content/site.yaml:2: allow_html: expected true or false, got 'yes please'"]


def test_missing_site_yaml_is_an_error(tmp_path):
    folder = tmp_path / "content"
    (folder / "events").mkdir(parents=True)
    run = build(folder, tmp_path / "site")
    assert run.error_lines == ["content/site.yaml: missing site.yaml (needs at least 'title')"]


def test_alias_bomb_fails_fast_without_expanding(content, tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    folder = content({"events/a.md": "---\ntitle: A\ndate: 1958\n" + "\n".join(lines) + "\n---\n"})
    run = build(folder, tmp_path / "site")
    assert run.error_lines == ["content/events/a.md:5: YAML aliases (*a0) are not supported here; write the value out"]


def test_template_error_is_one_line_with_template_and_line(content, tmp_path):
    folder = content({"events/a.md": GOOD_EVENT})
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "list.html").write_text("{% extends 'base.html' %}\n{% block main %}{{ nope( }}{% endblock %}\n")
    run = build(folder, tmp_path / "site", "--layouts", str(layouts))
    assert run.code == 1
    assert len(run.error_lines) == 1
    assert run.error_lines == ["layouts/list.html:2: template error: unexpected '}', expected ')'"]


def test_cli_exits_1_without_traceback(content, tmp_path):
    folder = content({"events/a.md": event("title: A\ndate: 2019-02-30")})
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(folder),
                             "--output", str(tmp_path / "site")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == ("content/events/a.md:3: date: invalid date '2019-02-30': "
                                             "day 30 does not exist in February 2019")


def test_check_reports_the_same_errors_and_writes_nothing(content, tmp_path):
    from tests.support import run_cli
    folder = content({"events/a.md": event("title: A\ndate: 2019-13")})
    run = run_cli("check", "--content", str(folder), "--output", str(tmp_path / "site"), cwd=tmp_path)
    assert run.code == 1
    assert run.error_lines == ["content/events/a.md:3: date: invalid date '2019-13': month 13 does not exist"]
    assert not (tmp_path / "site").exists()
