"""Gate: every built page is valid HTML by the Nu HTML Checker (inline SVG included)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from tests.quality.conftest import BuiltSite, node_tool


def test_every_page_passes_the_nu_html_checker(site: BuiltSite, java: Path) -> None:
    vnu = node_tool("vnu-jar/build/dist/vnu.jar")
    command = [str(java), "-jar", str(vnu), "--errors-only", "--skip-non-html", str(site.path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    messages = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not messages, f"Nu HTML Checker errors:\n{messages}"
