"""Files and folders in content/ the generator does not read are warnings, never silently skipped."""
from __future__ import annotations

import pytest

from tests.support import build

EVENT = "---\ntitle: A\ndate: 1958\n---\n"


@pytest.mark.parametrize("files, expected", [
    ({"event/a.md": EVENT}, "content/event: warning: unknown folder 'event' ignored (did you mean 'events'?)"),
    ({"era.yaml": "- name: X\n"}, "content/era.yaml: warning: unknown file 'era.yaml' ignored "
                                  "(did you mean 'eras.yaml'?)"),
    ({"site.yml": "title: x\n"}, "content/site.yml: warning: unknown file 'site.yml' ignored "
                                 "(did you mean 'site.yaml'?)"),
    ({"page/about.md": EVENT}, "content/page: warning: unknown folder 'page' ignored (did you mean 'pages'?)"),
    ({"notes.txt": "todo"}, "content/notes.txt: warning: unknown file 'notes.txt' ignored; content/ holds only "
                            "site.yaml, eras.yaml, events/, people/, places/, pages/, assets/"),
    ({"events/old/a.md": EVENT}, "content/events/old: warning: unknown folder 'old' ignored: "
                                 "events/ holds only '<slug>.md' files"),
])
def test_warns_about_unknown_entries_and_still_builds(content, tmp_path, files, expected):
    run = build(content({"events/a.md": EVENT, **files}), tmp_path / "site")
    assert run.code == 0, run.err
    assert expected in run.err.splitlines()


def test_known_entries_dot_files_and_assets_are_quiet(content, tmp_path):
    folder = content({"events/a.md": EVENT, "people/p.md": "---\nname: P\n---\n",
                      "places/x.md": "---\nname: X\n---\n", "pages/about.md": "---\ntitle: About\n---\n",
                      "assets/img/a.png": b"\x89PNG", "eras.yaml": "[]\n", ".DS_Store": b"", ".git/HEAD": "x"})
    run = build(folder, tmp_path / "site")
    assert run.code == 0, run.err
    assert "warning" not in run.err
