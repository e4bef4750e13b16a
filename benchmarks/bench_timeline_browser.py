"""Frame times of timeline.html in Chromium while panning and zooming N events.

Usage: python benchmarks/bench_timeline_browser.py [--events N] [--frames F] [--width W]

Builds a site of N generated events (people, places and tags spread over 1900-2025, some
intervals, some approximate) into a temporary folder, opens its timeline.html from file://
in /usr/bin/chromium, and drives a scripted pan (one step per animation frame) and a zoom
sweep. Frame time is the gap between requestAnimationFrame timestamps; prints the median, p95
and the worst frame for each, and the share of frames over 16.7 ms (60 fps).
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PEOPLE = [f"person-{n}" for n in range(12)]
PLACES = [f"place-{n}" for n in range(20)]

SCRIPT = """async ([kind, frames]) => {
  const view = window.timelineView, [lo, hi] = view.range(), span = hi - lo, stamps = [];
  // Start zoomed to a decade, where marks (not only clusters) are drawn.
  view.set(1960, 1970);
  await new Promise(r => requestAnimationFrame(r));
  for (let f = 0; f < frames; f++) {
    await new Promise(r => requestAnimationFrame(t => { stamps.push(t); r(); }));
    if (kind === "pan") { const [a, b] = view.range(); view.set(a + (b - a) * 0.01, b + (b - a) * 0.01); }
    else { const k = Math.pow(span / 10, 1 / frames), [a, b] = view.range(), m = (a + b) / 2;
           view.set(m - (b - a) * k / 2, m + (b - a) * k / 2); }
  }
  return stamps.slice(1).map((t, i) => t - stamps[i]);
}"""


def write_content(folder: Path, events: int) -> None:
    """A site of generated events; deterministic."""
    rng = random.Random(12)
    (folder / "events").mkdir(parents=True)
    (folder / "people").mkdir()
    (folder / "places").mkdir()
    (folder / "site.yaml").write_text("title: Bench\nbase_url: https://example.org/\n", encoding="utf-8")
    for slug in PEOPLE:
        (folder / "people" / f"{slug}.md").write_text(f"---\nname: {slug.title()}\n---\n", encoding="utf-8")
    for n, slug in enumerate(PLACES):
        (folder / "places" / f"{slug}.md").write_text(f"---\nname: {slug.title()}\ncountry: C{n % 5}\n---\n",
                                                      encoding="utf-8")
    for i in range(events):
        year, month, day = rng.randint(1900, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        if i % 5 == 0:
            date += f"/{year + rng.randint(0, 3)}-{month:02d}-28"
        elif i % 7 == 0:
            date = f"{year}~"
        people = rng.sample(PEOPLE, rng.randint(1, 2))
        (folder / "events" / f"e{i}.md").write_text(
            f"---\ntitle: Event number {i}\ndate: \"{date}\"\npeople: [{', '.join(people)}]\n"
            f"places: [{rng.choice(PLACES)}]\ntags: [t{i % 9}]\n---\n", encoding="utf-8")


def summary(name: str, gaps: list[float]) -> str:
    gaps = sorted(gaps)
    p95 = gaps[int(len(gaps) * 0.95) - 1]
    slow = sum(g > 17.5 for g in gaps) / len(gaps)  # a missed vsync, not rAF jitter around 16.7
    return (f"{name}: {len(gaps)} frames, median {statistics.median(gaps):.1f} ms, p95 {p95:.1f} ms, "
            f"worst {gaps[-1]:.1f} ms, {slow:.0%} missed a 60 Hz frame")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--frames", type=int, default=240)
    ap.add_argument("--width", type=int, default=1280)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    try:
        write_content(work / "content", args.events)
        subprocess.run([sys.executable, str(REPO / "build.py"), "--content", str(work / "content"),
                        "--output", str(work / "site")], check=True, capture_output=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            page.goto((work / "site" / "timeline.html").as_uri())
            page.wait_for_selector(".tv-svg a")
            print(f"{args.events:,} events, {args.width} px wide, Chromium headless")
            for kind in ("pan", "zoom"):
                print(summary(kind, page.evaluate(SCRIPT, [kind, args.frames])))
            nodes = page.evaluate("document.querySelectorAll('.tv-svg *').length")
            print(f"SVG nodes at the end: {nodes:,}")
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
