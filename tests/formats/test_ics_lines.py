"""calendar.ics content lines at the folding limit and with control characters (fast paths keep the bytes)."""
from __future__ import annotations

import pytest

from chronicle.formats.ics import escape_text, fold


@pytest.mark.parametrize("line, expected", [
    ("", b"\r\n"),
    ("S:" + "a" * 73, b"S:" + b"a" * 73 + b"\r\n"),  # 75 octets: one line
    ("S:" + "a" * 74, b"S:" + b"a" * 73 + b"\r\n a\r\n"),  # 76: folded
    ("S:" + "a" * 72 + "é", b"S:" + b"a" * 72 + b"\r\n \xc3\xa9\r\n"),  # 74 + 2 octets: é moves down
    ("S:" + "a" * 71 + "é", b"S:" + b"a" * 71 + b"\xc3\xa9\r\n"),  # exactly 75 octets with é
    ("S:" + "a" * 220, b"S:" + b"a" * 73 + b"\r\n " + b"a" * 74 + b"\r\n " + b"a" * 73 + b"\r\n"),
])
def test_folds_at_75_octets_between_characters(line, expected):
    assert fold(line) == expected


@pytest.mark.parametrize("text, expected", [
    ("tab\tkept", "tab\tkept"), ("nul\x00 bell\x07 vt\x0b us\x1f del\x7f", "nul bell vt us del"),
    ("a\nb", "a\\nb"), ("é 김 \u2028", "é 김 \u2028"), ("\x80 stays", "\x80 stays"),
])
def test_escape_drops_control_characters_but_tab(text, expected):
    assert escape_text(text) == expected
