"""CI checks what it claims: the README's test command as written, every Python the package
claims, and lower bounds that are the ones pyproject.toml declares."""
from __future__ import annotations

import re

from tests.support import ROOT

CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The fenced commands under the README's "Two commands" heading, in order."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_ci_runs_the_readmes_two_commands_exactly() -> None:
    install_and_build, install_and_test = readme_commands()
    lines = [line.strip().removesuffix(" || exit 1") for line in CI.splitlines()]
    assert install_and_build == "pip install -e . && python build.py"
    assert install_and_build in lines
    assert install_and_test in lines
    assert 'python3 -m venv "$work/newest"' in CI  # a new venv, not the machine's Python


def test_ci_builds_on_every_python_the_package_claims() -> None:
    claimed = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', PYPROJECT)
    in_ci = re.search(r'^PYTHONS="([^"]+)"', CI, re.MULTILINE).group(1).split()
    assert in_ci == claimed
    assert f'requires-python = ">={claimed[0]}"' in PYPROJECT


def test_minimum_versions_are_the_declared_lower_bounds() -> None:
    declared = {name.lower(): version for name, version in
                re.findall(r'^\s*"([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)[,"]', PYPROJECT, re.MULTILINE)}
    pinned = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "tests/minimum-versions.txt").read_text(),
                             re.MULTILINE))
    assert {name: _release(v) for name, v in pinned.items()} == {name: _release(v) for name, v in declared.items()}


def _release(version: str) -> tuple[int, ...]:
    """1.45 and 1.45.0 are the same release."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
