"""Test helpers: write a content tree, run the CLI in-process, read built trees."""
from __future__ import annotations

import io
import os
import resource
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from chronicle.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "tests" / "fixtures" / "demo"
# A frozen copy of the shipped timeline: rich content for the browser and quality gates, so they
# test the generator and keep passing when a fork replaces content/ (tests/shipped/ tests content/).
SHOWCASE = ROOT / "tests" / "fixtures" / "showcase"

MINIMAL_SITE = "title: Test timeline\nlanguage: en\nbase_url: https://example.github.io/repo/\n"


@dataclass
class Run:
    """The result of one CLI run."""

    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        """stderr lines without the final 'build failed' summary."""
        return [line for line in self.err.splitlines() if not line.startswith("build failed")]


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text} below root (text is dedented); return root."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """Run build.py's main in-process, from cwd so paths print relative to it."""
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        code = main(list(args), out, err)
    finally:
        os.chdir(old)
    return Run(code, out.getvalue(), err.getvalue())


def build(content_dir: Path, output: Path, *extra: str) -> Run:
    """Build content_dir into output, running from content_dir's parent."""
    return run_cli("--content", str(content_dir), "--output", str(output), *extra, cwd=content_dir.parent)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below folder, keyed by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cpu_seconds() -> float:
    """CPU time used by this process and its finished children (a build's workers).

    The complexity guards compare work, not wall time: with the suite on every core and other
    jobs on a shared machine, a linear build can wait seconds for a core; a quadratic one
    still burns its minutes of CPU.
    """
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

