"""Round trip through the command line: import TimelineJS JSON, build, compare timeline.json."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "timelinejs" / "roundtrip.json"
SITE_YAML = "title: Round trip\nlanguage: en\nbase_url: https://example.github.io/repo/\n"


def build_py(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run build.py as a user would, from cwd."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def dates(slide: dict) -> tuple:
    """Start and end date objects with numbers, as TimelineJS reads them."""
    return tuple(tuple(sorted((k, int(v)) for k, v in slide[key].items() if k in ("year", "month", "day")))
                 if key in slide else None for key in ("start_date", "end_date"))


def test_import_then_build_gives_back_the_same_events_and_dates(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    imported = build_py("import", "timelinejs", str(FIXTURE), "--content", "content", cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "kept content/site.yaml: the title slide was not imported" in imported.stdout
    built = build_py("--content", "content", "--output", "site", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr

    original = json.loads(FIXTURE.read_text(encoding="utf-8"))
    exported = json.loads((tmp_path / "site" / "timeline.json").read_text(encoding="utf-8"))
    assert ({s["text"]["headline"]: dates(s) for s in exported["events"]}
            == {s["text"]["headline"]: dates(s) for s in original["events"]})
    assert ([(e["text"]["headline"], dates(e)) for e in exported["eras"]]
            == [(e["text"]["headline"], dates(e)) for e in original["eras"]])
    by_headline = {s["text"]["headline"]: s for s in exported["events"]}
    assert by_headline["Founding of Gojoseon"]["display_date"] == "c. 2333 BC"
    assert by_headline["Founding of Gojoseon"]["group"] == "myth-and-legend"
    assert by_headline["Kim Il Sung in Hà Nội"]["group"] == "state-visits"
    assert exported["title"]["text"]["headline"] == "Round trip"


def test_imported_events_reach_the_calendar_and_pages(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    build_py("import", "timelinejs", str(FIXTURE), "--content", "content", cwd=tmp_path)
    built = build_py("--content", "content", "--output", "site", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    calendar = (tmp_path / "site" / "calendar.ics").read_bytes()
    assert b"UID:kim-il-sung-in-ha-noi@example.github.io\r\n" in calendar
    assert b"DTSTART;VALUE=DATE:19581128\r\nDTEND;VALUE=DATE:19581203\r\n" in calendar
    assert b"caesar-assassinated" not in calendar  # BC: not expressible in iCalendar
    caesar = (tmp_path / "site" / "events" / "caesar-assassinated.html").read_text(encoding="utf-8")
    assert "Theatre of Pompey" in caesar and "https://example.org/caesar.jpg" in caesar
