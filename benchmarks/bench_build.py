"""Benchmark: full build time for synthetic timelines of growing size.

Usage: python benchmarks/bench_build.py [--events 100,1000,10000] [--repeat 3]
Prints the median wall time per size and the ratio to the smallest size.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.cli import main  # noqa: E402

PLACES = [("pyongyang", 39.02, 125.74), ("beijing", 39.91, 116.39), ("hanoi", 21.03, 105.85),
          ("dandong", 40.12, 124.38), ("wuhan", 30.58, 114.28)]
WORDS = ("delegation treaty border river harvest council railway famine congress envoy archive "
         "province garrison reform market letter journey winter bridge harbour").split()


def body_text(i: int) -> str:
    """300-600 words in paragraphs of 60, with some emphasis and a wiki-link, as a real entry has."""
    count = 300 + (i * 37) % 301
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(count)]
    words[5] = f"*{words[5]}*"
    words[17] = f"[[{PLACES[i % 5][0]}]]"
    return "\n\n".join(" ".join(words[k:k + 60]) for k in range(0, count, 60)) + "\n"


def make_content(root: Path, events: int) -> Path:
    """Write a synthetic content tree: events spread over 4,000 years, with routes and links."""
    (root / "events").mkdir(parents=True)
    (root / "people").mkdir()
    (root / "places").mkdir()
    (root / "site.yaml").write_text("title: Bench\nbase_url: https://example.org/\n")
    for slug, lat, lon in PLACES:
        (root / "places" / f"{slug}.md").write_text(f"---\nname: {slug.title()}\nlat: {lat}\nlon: {lon}\n---\n")
    (root / "people" / "someone.md").write_text("---\nname: Someone\n---\n")
    for i in range(events):
        year = -2000 + (i * 4000) // max(events, 1)
        stamp = f"{'-' if year < 0 else ''}{abs(year):04d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        route = "".join(f"  - place: {PLACES[(i + k) % 5][0]}\n    mode: train\n" for k in range(3)) if i % 10 == 0 else ""
        (root / "events" / f"event-{i:05d}.md").write_text(
            f"---\ntitle: Event {i}\ndate: {stamp}\nsummary: Synthetic event number {i}.\n"
            f"people: [someone]\nplaces: [{PLACES[i % 5][0]}]\ntags: [tag-{i % 20}]\n"
            + (f"route:\n{route}" if route else "")
            + f"sources:\n  - title: Source {i}\n    url: https://example.org/{i}\n---\n"
            + body_text(i))
    return root


def time_build(content: Path, output: Path) -> float:
    started = time.perf_counter()
    code = main(["--content", str(content), "--output", str(output)], io.StringIO(), io.StringIO())
    assert code == 0
    return time.perf_counter() - started


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    baseline = None
    for size in (int(s) for s in args.events.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            content = make_content(Path(tmp) / "content", size)
            times = [time_build(content, Path(tmp) / "site") for _ in range(args.repeat)]
        median = statistics.median(times)
        baseline = baseline or median / size
        print(f"{size:>6} events: median {median:.2f} s over {args.repeat} runs "
              f"({median / size * 1000:.2f} ms/event, x{median / size / baseline:.2f} per-event cost vs smallest)")


if __name__ == "__main__":
    main_bench()
