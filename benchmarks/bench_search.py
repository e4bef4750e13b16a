"""Measure search latency per keystroke over a synthetic timeline of 10,000 events.

Usage: python benchmarks/bench_search.py [--events N] [--keep DIR]

Writes synthetic content into a temporary folder, builds it with build.py, opens
search.html from file:// in headless Debian Chromium and types queries one key at a
time. For each keystroke it times, inside the page with performance.now():
  search   window.timelineSearch(query) alone;
  keystroke the input event handler: search, render the result list and lay it out.
Prints the median and maximum of each; the budget is 50 ms per keystroke. A sharded index
(past chronicle.formats.searchshards.SHARD_THRESHOLD entries) also gets, per query, the shards and bytes
it loads against the whole index.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
BUDGET_MS = 50.0
QUERIES = ("ha noi", "Hà Nội", "김정은", "train journey", "summit talks border",
           "kim jong un", "zzzz nothing", "a", "dong dang 1958", "pyongyang beijing",
           "xq", "talks", "treaty station", "vi", "e")
PEOPLE = (("kim-jong-un", "Kim Jong Un", "김정은"), ("kim-il-sung", "Kim Il Sung", "김일성"),
          ("ho-chi-minh", "Ho Chi Minh", "Hồ Chí Minh"), ("mao-zedong", "Mao Zedong", "毛泽东"))
PLACES = (("hanoi", "Hanoi", "Hà Nội"), ("dong-dang", "Dong Dang", "Đồng Đăng"),
          ("pyongyang", "Pyongyang", "평양"), ("beijing", "Beijing", "北京"))

SEARCH_JS = """(queries) => {
  const times = [];
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      const t0 = performance.now();
      window.timelineSearch(query.slice(0, n));
      times.push(performance.now() - t0);
    }
  }
  return times;
}"""
KEYSTROKE_JS = """(queries) => {
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const times = [];
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      input.value = query.slice(0, n);
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', {bubbles: true}));
      void list.getBoundingClientRect().height;  // force style and layout
      times.push(performance.now() - t0);
    }
  }
  return times;
}"""


def words(rng: random.Random, vocabulary: list[str], count: int) -> str:
    """A run of pseudo-random words."""
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def event_text(rng: random.Random, index: int, vocabulary: list[str]) -> str:
    """One synthetic event file with people, places, tags and a Markdown body."""
    year = 1900 + index % 125
    month = 1 + index % 12
    day = 1 + index % 28
    people = rng.sample(PEOPLE, 2)
    places = rng.sample(PLACES, 2)
    body = "\n\n".join(
        f"{words(rng, vocabulary, 40)} [[{people[0][0]}]] **{words(rng, vocabulary, 3)}** "
        f"in [[{places[0][0]}]], {words(rng, vocabulary, 30)}." for _ in range(3))
    return (f"---\ntitle: \"{words(rng, vocabulary, 4).title()} {index}\"\n"
            f"date: \"{year}-{month:02d}-{day:02d}\"\n"
            f"summary: \"{words(rng, vocabulary, 15).capitalize()}.\"\n"
            f"people: [{people[0][0]}, {people[1][0]}]\n"
            f"places: [{places[0][0]}, {places[1][0]}]\n"
            f"tags: [{rng.choice(vocabulary)}, {rng.choice(vocabulary)}]\n---\n{body}\n")


def write_content(root: Path, count: int) -> None:
    """Write site.yaml, people, places and `count` events below root."""
    rng = random.Random(20190227)
    syllables = ["ka", "to", "ri", "na", "mo", "su", "le", "vi", "da", "po", "ng", "hu",
                 "train", "summit", "border", "talks", "journey", "station", "treaty"]
    vocabulary = sorted({"".join(rng.sample(syllables, rng.randint(2, 3))) for _ in range(3000)})
    for folder in ("events", "people", "places"):
        (root / folder).mkdir(parents=True)
    (root / "site.yaml").write_text("title: Benchmark\nlanguage: en\n"
                                    "base_url: https://example.org/bench/\n", encoding="utf-8")
    for slug, name, native in PEOPLE:
        (root / "people" / f"{slug}.md").write_text(
            f"---\nname: {name}\nnative_name: \"{native}\"\n---\n", encoding="utf-8")
    for slug, name, native in PLACES:
        (root / "places" / f"{slug}.md").write_text(
            f"---\nname: {name}\nnative_name: \"{native}\"\n---\n", encoding="utf-8")
    for index in range(count):
        (root / "events" / f"event-{index:05d}.md").write_text(
            event_text(rng, index, vocabulary), encoding="utf-8")


def build(content: Path, output: Path) -> float:
    """Build the site with build.py; return the seconds it took."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "build.py", "--content", str(content),
                    "--output", str(output)], cwd=REPO, check=True)
    return time.perf_counter() - started


def measure(site: Path) -> dict[str, list[float]]:
    """Open search.html in Chromium and time every keystroke of every query."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        timings = {}
        for name, script in (("search", SEARCH_JS), ("keystroke", KEYSTROKE_JS)):
            started = time.perf_counter()  # a fresh page: no earlier query helps
            page.goto((site / "search.html").as_uri())
            page.wait_for_function("typeof window.timelineSearch === 'function'")
            print(f"search.html loaded in {time.perf_counter() - started:.2f} s")
            timings[name] = page.evaluate(script, list(QUERIES))
        page.fill("#search-input", "")
        page.locator("#search-input").press_sequentially("ha noi")  # real keys
        page.wait_for_selector("#search-results a")
        browser.close()
    return timings


def shard_loads(site: Path) -> None:
    """Print what each query loads of a sharded index (as search.js chooses), against all of it."""
    from chronicle.formats.search import normalise
    from chronicle.formats.searchshards import gram_file, grams_of

    folder = site / "assets" / "search"
    text = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    if not folder.is_dir():
        return
    manifest = json.loads(text.split(" = ", 1)[1].rstrip(";\n"))
    sizes = {p.stem: p.stat().st_size for p in folder.iterdir()}
    tables = {}
    for query in QUERIES:
        keep, gram_names = set(range(manifest["shards"])), set()
        for gram in (g for word in normalise(query).split() for g in grams_of(word)):
            name = f"g{gram_file(gram, manifest['grams'])}"
            gram_names.add(name)
            if name not in tables:
                raw = (folder / f"{name}.js").read_text(encoding="utf-8")
                tables[name] = json.loads(raw[raw.index("{"):raw.rindex("}") + 1])
            held = tables[name].get(gram, [])
            keep &= keep if held == 1 else set(held)
        loaded = len(text) + sum(sizes[n] for n in gram_names) + sum(sizes[f"e{n}"] for n in keep)
        print(f"{query!r:>24}: {len(keep)}/{manifest['shards']} shards, {loaded / 1e6:.2f} MB "
              f"of {(len(text) + sum(sizes.values())) / 1e6:.1f} MB")


def report(name: str, values: list[float]) -> bool:
    """Print median and max (and the slowest prefixes); return True when within budget."""
    worst = max(values)
    print(f"{name:>9}: median {statistics.median(values):6.2f} ms, max {worst:6.2f} ms "
          f"over {len(values)} keystrokes")
    prefixes = [query[:n] for query in QUERIES for n in range(1, len(query) + 1)]
    slowest = sorted(zip(values, prefixes), reverse=True)[:3]
    print(" " * 11 + "slowest: " + ", ".join(f"{q!r} {ms:.1f} ms" for ms, q in slowest))
    return worst < BUDGET_MS


def main() -> int:
    """Generate, build, measure and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build here instead of a temporary folder")
    parser.add_argument("--reuse", action="store_true", help="measure the site kept by --keep")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or Path(temporary)
        if not (args.reuse and (root / "site" / "search.html").exists()):
            write_content(root / "content", args.events)
            seconds = build(root / "content", root / "site")
            print(f"built {args.events} events in {seconds:.1f} s")
        index = root / "site" / "assets" / "search-index.js"
        print(f"search-index.js: {index.stat().st_size / 1e6:.1f} MB")
        shard_loads(root / "site")
        timings = measure(root / "site")
    ok = report("search", timings["search"]) & report("keystroke", timings["keystroke"])
    print("within budget" if ok else f"OVER BUDGET ({BUDGET_MS:.0f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
