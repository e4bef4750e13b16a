"""`python -m chronicle.publish`: the whole Pages publishing run, the one script the workflow calls.

Check the content, build it with the published base URL into a fresh artifact folder, then,
only when QUALITY_GATES is "true", validate the built pages (Nu HTML Checker, axe). It runs on
the user's content in the current folder and never on the generator's own tests.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Mapping, TextIO

from .cli import main as cli_main

ARTIFACT = "_site"


def parser() -> argparse.ArgumentParser:
    """The publish script's arguments."""
    p = argparse.ArgumentParser(prog="python -m chronicle.publish",
                                description="Check, build and optionally validate the site for deployment.")
    p.add_argument("--base-url", required=True, help="the published URL, e.g. https://user.github.io/repo/")
    p.add_argument("--output", default=ARTIFACT, help=f"the artifact folder to deploy (default: {ARTIFACT}/)")
    p.add_argument("--content", default="content", help="content folder (default: content/)")
    return p


def gates_on(env: Mapping[str, str]) -> bool:
    """Whether the user turned the quality gates on (QUALITY_GATES=true)."""
    return env.get("QUALITY_GATES", "").strip().lower() in ("true", "1", "yes")


def publish(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
            env: Mapping[str, str] = os.environ) -> int:
    """Run every publishing step in order; stop at the first that fails; return the exit code."""
    args = parser().parse_args(argv)
    paths = ["--content", args.content, "--base-url", args.base_url]
    steps = [("check", ["check", *paths]),
             ("build", ["build", *paths, "--output", args.output])]
    for name, command in steps:
        print(f"== {name}", file=out, flush=True)
        code = cli_main(command, out, err)
        if code != 0:
            return 1
    if not gates_on(env):
        print("Quality gates off (set QUALITY_GATES: \"true\" in the workflow to validate every page)", file=out)
        return 0
    from .commands.gates import run_gates  # needs Java, Chromium and playwright: only loaded when asked for
    return run_gates(args.output, args.base_url, out, err, env)


if __name__ == "__main__":
    sys.exit(publish())
