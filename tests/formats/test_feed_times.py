"""feed.xml: an entry's and the feed's 'updated' keep the time of day of a moment."""
from __future__ import annotations

import pytest

from tests.support import build

EVENT = "---\ntitle: {title}\ndate: '{date}'\n---\nBody.\n"


@pytest.mark.parametrize("date, updated", [
    ("1985-04-12", "1985-04-12T00:00:00Z"),
    ("1985-04-12T23:20Z", "1985-04-12T23:20:00Z"),
    ("1985-04-12T23:20:30", "1985-04-12T23:20:30Z"),
    # RFC 3339 times with a zone are written as UTC, as the feed's other times are.
    ("1985-04-12T23:20+05:30", "1985-04-12T17:50:00Z"),
    ("1985-04-12T23:20-02:00", "1985-04-13T01:20:00Z"),
    ("1985-04-12T10:00/1985-04-12T18:45Z", "1985-04-12T18:45:00Z"),
])
def test_entry_and_feed_updated_keep_the_time_of_a_moment(content, tmp_path, date, updated):
    root = content({"events/launch.md": EVENT.format(title="Launch", date=date)})
    assert build(root, tmp_path / "site").code == 0
    feed = (tmp_path / "site/feed.xml").read_text(encoding="utf-8")
    assert feed.count(f"<updated>{updated}</updated>") == 2  # the feed's and the entry's


def test_feed_updated_is_the_latest_moment_of_the_latest_day(content, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = content({"events/morning.md": EVENT.format(title="Morning", date="2019-02-28T09:00Z"),
                    "events/evening.md": EVENT.format(title="Evening", date="2019-02-28T21:15Z"),
                    "events/day.md": EVENT.format(title="Day", date="2019-02-28")})
    assert build(root, tmp_path / "site").code == 0
    feed = (tmp_path / "site/feed.xml").read_text(encoding="utf-8")
    assert feed.index("<updated>2019-02-28T21:15:00Z</updated>") < feed.index("<entry>")
