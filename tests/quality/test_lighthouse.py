"""Gate: Lighthouse (default mobile emulation, simulated throttling) scores the key pages.

Accessibility, best practices and SEO must be 100, performance at least 95. The index is
opened at the site root, the URL its canonical link names ("/" rather than "/index.html").
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.quality.conftest import CHROMIUM, BuiltSite, node_tool, require

PAGES = ["", "events/2019-02-train-to-dong-dang.html", "search.html"]
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
MINIMUM = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, "performance": 0.95}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def run_lighthouse(url: str, report: Path) -> dict:
    """Lighthouse's JSON report for url."""
    cli = node_tool("lighthouse/cli/index.js")
    node = require(Path(shutil.which("node") or "/usr/bin/node"), "install Node.js")
    command = [str(node), str(cli), url, "--output=json", f"--output-path={report}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}", "--quiet"]
    env = {**os.environ, "CHROME_PATH": str(require(CHROMIUM, "apt-get install chromium"))}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=240)
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stdout}\n{result.stderr}"
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    """Weighted audits of a category that did not score full marks."""
    audits = report["audits"]
    return [f"  {a['id']}: {a['score']} {a.get('displayValue', '')} - {a['title']}"
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and (a := audits[ref["id"]])["score"] is not None and a["score"] < 1]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES, ids=["index", "event-with-map", "search"])
def test_lighthouse_scores(site: BuiltSite, path: str, tmp_path: Path) -> None:
    report = run_lighthouse(site.url + path, tmp_path / "report.json")
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    print(f"Lighthouse {path or 'index'}: " + ", ".join(f"{k} {round(v * 100)}" for k, v in scores.items()))
    low = [name for name in CATEGORIES if scores[name] is None or scores[name] < MINIMUM[name]]
    details = "\n".join(f"{name} {scores[name]}:\n" + "\n".join(failing_audits(report, name)) for name in low)
    assert not low, f"{site.url + path} scored too low:\n{details}"
