"""Front matter: `calendar:` for an event's dates and route stops, `names:` on people and places."""
import pytest

from tests.support import build


def _doc(front: str) -> str:
    return f"---\n{front.strip()}\n---\nBody.\n"


@pytest.mark.parametrize("front, line, message", [
    ("title: A\ndate: 1377-05-30\ncalendar: islamic-umalqura", 3,
     "date: invalid date '1377-05-30': day 30 does not exist in Jumada al-Awwal 1377 AH (29 days)"),
    ("title: A\ndate: 1300-01-01\ncalendar: islamic-umalqura", 3,
     "date: invalid date '1300-01-01': the Umm al-Qura calendar covers 1343-1500 AH (1924-2077) only; "
     "write calendar: islamic (tabular) for other years"),
    ("title: A\ndate: 5708-02-05\nend: 5708-02-31\ncalendar: hebrew", 4,
     "end: invalid date '5708-02-31': day 31 does not exist in Iyar 5708 AM (29 days)"),
    ("title: A\ndate: 1958\ncalendar: persain", 4, "calendar: unknown calendar 'persain' (did you mean 'persian'?)"),
])
def test_an_invalid_date_in_a_calendar_is_one_line_naming_file_line_and_value(content, tmp_path, front, line,
                                                                               message):
    run = build(content({"events/a.md": _doc(front)}), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == [f"content/events/a.md:{line}: {message}"]
    assert "Traceback" not in run.err


def test_a_route_stop_date_follows_its_events_calendar(content, tmp_path):
    site = tmp_path / "site"
    run = build(content({
        "events/trip.md": _doc("title: Trip\ndate: 1377-05-17\ncalendar: islamic-umalqura\nroute:\n"
                               "  - place: a\n    date: 1377-05-17\n  - place: b\n    date: 1377-05-19"),
        "places/a.md": _doc("name: A"), "places/b.md": _doc("name: B"),
    }), site)
    assert (run.code, run.err) == (0, "")
    page = (site / "events/trip.html").read_text()
    assert "<td>19 Jumada al-Awwal 1377 AH (11 December 1957)</td>" in page


def test_a_route_stop_date_invalid_in_its_calendar_is_an_error(content, tmp_path):
    run = build(content({
        "events/trip.md": _doc("title: Trip\ndate: 1377-05-17\ncalendar: islamic\nroute:\n"
                               "  - place: a\n    date: 1377-05-31"),
        "places/a.md": _doc("name: A"),
    }), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == ["content/events/trip.md:7: date: invalid date '1377-05-31': "
                               "day 31 does not exist in Jumada al-Awwal 1377 AH (30 days)"]


def test_names_with_an_until_before_their_from_is_an_error(content, tmp_path):
    run = build(content({"places/p.md": _doc("name: Beijing\nnames:\n  - name: Peking\n"
                                             "    from: 1950\n    until: 1900")}), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == ["content/places/p.md:4: names: until 1900 is before from 1950 for 'Peking'"]


@pytest.mark.parametrize("item, message", [
    ("  - lang: en", "names: missing required key 'name'"),
    ("  - name: Peking\n    from: someday", "from: invalid date 'someday': not a date: use YYYY, YYYY-MM or "
                                          "YYYY-MM-DD, optionally with ~ ? or %"),
])
def test_a_bad_name_record_is_one_line(content, tmp_path, item, message):
    run = build(content({"people/p.md": _doc(f"name: P\nnames:\n{item}")}), tmp_path / "site")
    assert run.code == 1
    assert len(run.error_lines) == 1 and run.error_lines[0].endswith(message), run.error_lines
    assert run.error_lines[0].startswith("content/people/p.md:")
