"""Soak the fuzz tests: run tests/pipeline/test_fuzz.py's and test_fuzz_inputs.py's strategies for N minutes with random seeds.

Usage: python benchmarks/soak_fuzz.py MINUTES [--only NAME[,NAME...]]

Each round runs every fuzz case of tests/pipeline/test_fuzz.py and tests/pipeline/test_fuzz_inputs.py (FUZZ_CASES) once with a fresh random seed
(not derandomized, no example database) and a few hundred examples. Prints, per test, the
cases run and the failures found, with the shrunk failing example of each; exits 1 if any.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import Phase, given, seed, settings  # noqa: E402

from tests.pipeline import test_fuzz, test_fuzz_inputs  # noqa: E402
from tests.pipeline.test_fuzz import CI  # noqa: E402

FUZZ_CASES = {**test_fuzz.FUZZ_CASES, **test_fuzz_inputs.FUZZ_CASES}

ROUND_EXAMPLES = 200


def run_once(name: str, examples: int, rng: random.Random) -> tuple[int, str | None]:
    """Run one fuzz case with a random seed: (cases run, the failure with its shrunk example or None)."""
    case, strategies, _ = FUZZ_CASES[name]
    calls = []

    def counted(**kwargs):
        calls.append(1)
        case(**kwargs)

    soak = settings(CI, max_examples=examples, derandomize=False, database=None,
                    phases=[Phase.generate, Phase.shrink])
    try:
        seed(rng.getrandbits(64))(soak(given(**strategies)(counted)))()
    except Exception:  # a failing example: report it and go on with the next case
        return len(calls), traceback.format_exc(limit=-3)
    return len(calls), None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("minutes", type=float)
    parser.add_argument("--only", help="run only the tests whose name contains this (or one of a,b,c)")
    args = parser.parse_args()
    tests, rng = [name for name in FUZZ_CASES if args.only is None or any(part in name for part in args.only.split(","))], random.Random()
    cases, failures, reports = Counter(), Counter(), []
    deadline = time.monotonic() + args.minutes * 60
    while time.monotonic() < deadline:
        for name in tests:
            count, failure = run_once(name, ROUND_EXAMPLES, rng)
            cases[name] += count
            if failure:
                failures[name] += 1
                reports.append(f"--- {name}\n{failure}")
            if time.monotonic() >= deadline:
                break
    for report in reports:
        print(report)
    for name in tests:
        print(f"{name:60s} {cases[name]:7d} cases  {failures[name]} failing round(s)")
    print(f"total: {sum(cases.values())} cases, {sum(failures.values())} failing round(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
