"""Long builds show a status line on a terminal's stderr, and nothing when stderr is piped."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from chronicle.pipeline import Options, build
from tests.support import ROOT


class Terminal(io.StringIO):
    """stderr as a terminal."""

    def isatty(self) -> bool:
        return True


def _build(demo: Path, tmp_path: Path, stream: io.StringIO) -> str:
    build(Options(str(demo), str(ROOT / "layouts"), str(tmp_path / "site")), status=stream)
    return stream.getvalue()


def test_a_long_build_on_a_terminal_shows_its_stage_and_clears_the_line(demo, tmp_path, monkeypatch):
    monkeypatch.setattr("chronicle.output.progress.DELAY", 0.0)  # every build is long enough
    shown = _build(demo, tmp_path, Terminal())
    assert shown.startswith("\r\033[Kbuilding: ") and shown.endswith("\r\033[K")
    assert "\n" not in shown


@pytest.mark.parametrize("delay", [0.0, 2.0])
def test_piped_stderr_gets_no_status_line(demo, tmp_path, monkeypatch, delay):
    monkeypatch.setattr("chronicle.output.progress.DELAY", delay)
    assert _build(demo, tmp_path, io.StringIO()) == ""


def test_a_short_build_shows_nothing(demo, tmp_path):
    assert _build(demo, tmp_path, Terminal()) == ""
