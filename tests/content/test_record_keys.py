"""Messages about a nested record's keys name the record: 'image: missing required key 'alt''."""
from __future__ import annotations

import pytest

from tests.support import build

PLACE = "---\nname: Hanoi\n---\n"


@pytest.mark.parametrize("rel, text, line", [
    ("events/a.md", "---\ntitle: A\ndate: 1958\nimage:\n  src: https://example.org/a.png\n---\n",
     "content/events/a.md:5: image: missing required key 'alt'"),
    ("people/ho.md", "---\nname: Ho\nimage:\n  alt: A portrait\n---\n",
     "content/people/ho.md:4: image: missing required key 'src'"),
    ("places/hue.md", "---\nname: Hue\nimage:\n  src: https://example.org/h.png\n---\n",
     "content/places/hue.md:4: image: missing required key 'alt'"),
    ("events/a.md", "---\ntitle: A\ndate: 1958\nroute:\n  - mode: train\n---\n",
     "content/events/a.md:5: route: missing required key 'place'"),
])
def test_missing_key_of_a_record_names_the_record(content, tmp_path, rel, text, line):
    run = build(content({rel: text, "places/hanoi.md": PLACE}), tmp_path / "site")
    assert (run.code, run.error_lines) == (1, [line])


def test_unknown_key_of_a_record_names_the_record(content, tmp_path):
    text = "---\ntitle: A\ndate: 1958\nimage:\n  src: https://example.org/a.png\n  alt: A\n  captoin: B\n---\n"
    run = build(content({"events/a.md": text}), tmp_path / "site")
    assert run.code == 0
    assert run.err.splitlines() == [
        "content/events/a.md:7: warning: image: unknown key 'captoin' ignored (did you mean 'caption'?)"]
