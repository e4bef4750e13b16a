"""Benchmark: the edit loop of issue 10, every target side by side with a bare Python floor and Hugo.

Usage: python benchmarks/bench_edit_loop.py [--events 1000,10000] [--repeat 3] [--no-serve | --serve-only]

For each size, on one synthetic corpus (benchmarks/bench_build.py: 300-600-word bodies, people,
places, tags), prints medians of --repeat runs of:
  cold        build into a new folder with no cache (and its peak memory)
  no-change   the same build again
  one edit    one event's body changed: wall time, files rewritten (new inode) vs files changed
  serve       `serve` running, an event retitled: time from the write to the live-reload message, then
              to the new bytes of the event page, its tag page and the search index (for a sharded
              index, the shard that holds the event), fetched one after the other
  hugo server `hugo server` on the same corpus, the same edit: its event page and tag page
  floor       a bare 2-process Python build (FLOOR, also used by bench_corpus.py): read + YAML + Python-Markdown + Jinja2 + write
  hugo        `hugo` on the same corpus as Hugo content with a minimal theme (when installed)
and the issue's targets with the measured ratio. Every number is measured in this run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import make_content  # noqa: E402

PEAK = "import os,resource,runpy,sys; sys.argv=sys.argv[1:]; sys.path.insert(0, os.path.dirname(sys.argv[0])); code=0\n" \
       "try: runpy.run_path(sys.argv[0], run_name='__main__')\n" \
       "except SystemExit as e: code=e.code or 0\n" \
       "r=max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n" \
       "print(f'PEAK_KB {r}', file=sys.stderr); sys.exit(code)"


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Run command; (seconds, peak resident KB of it and its children)."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    peak = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_KB")]
    return seconds, (peak[0] if peak else 0)


def chronicle(content: Path, output: Path) -> list[str]:
    return [sys.executable, "-c", PEAK, str(ROOT / "build.py"), "--content", str(content), "--output", str(output)]


def inodes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def edit_event(content: Path, number: int, stamp: str) -> Path:
    path = content / "events" / f"event-{number:05d}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n").rsplit("\n", 1)[0] + f"\nEdited {stamp}.\n", encoding="utf-8")
    return path


def bench_chronicle(content: Path, work: Path, repeat: int) -> dict[str, float]:
    """Cold, no-change and one-edit builds; their medians and counts."""
    colds, peaks, warm, edits = [], [], [], []
    for run in range(repeat):
        folder = work / f"cold-{run}"
        seconds, peak = timed(chronicle(content, folder / "site"))
        colds.append(seconds)
        peaks.append(peak)
    site = work / f"cold-{repeat - 1}" / "site"
    for _ in range(repeat):
        warm.append(timed(chronicle(content, site))[0])
    rewritten = changed = 0
    for run in range(repeat):
        before, old = inodes(site), {p: (site / p).read_bytes() for p in inodes(site)}
        edit_event(content, 7 + run, f"edit {run}")
        edits.append(timed(chronicle(content, site))[0])
        after = inodes(site)
        rewritten = sum(1 for p in after if after[p] != before.get(p))
        changed = sum(1 for p in after if (site / p).read_bytes() != old.get(p))
    return {"cold": statistics.median(colds), "peak_mb": max(peaks) / 1024, "nochange": statistics.median(warm),
            "edit": statistics.median(edits), "rewritten": rewritten, "changed": changed}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def retitle_event(content: Path, number: int, marker: str) -> None:
    path = content / "events" / f"event-{number:05d}.md"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, f"title: Event {number} {marker}", 1), encoding="utf-8")


SERVED = ("events/event-00003.html", "tags/tag-3.html", "assets/search-index.js")


async def _has_marker(client, port: int, path: str, marker: str) -> bool:
    """Whether the served file (for a sharded search index: one of its entry shards) shows the marker."""
    body = (await client.fetch(f"http://127.0.0.1:{port}/{path}", raise_error=False)).body
    if b"TIMELINE_SEARCH_SHARDS" not in body:
        return marker.encode() in body
    manifest = json.loads(body.split(b"=", 1)[1].strip().rstrip(b";"))
    for shard in range(manifest["shards"]):  # the search a reader runs needs every shard it may match
        url = f"http://127.0.0.1:{port}/{manifest['folder']}e{shard}.js"
        if marker.encode() in (await client.fetch(url, raise_error=False)).body:
            return True
    return False


async def _one_serve_edit(port: int, content: Path, run: int) -> dict[str, float]:
    """Retitle event 3; seconds from the write to the reload message and to each file's new bytes."""
    from tornado.httpclient import AsyncHTTPClient
    from tornado.websocket import websocket_connect

    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket_.write_message('{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}')
    await socket_.read_message()  # the server's hello
    await socket_.write_message(f'{{"command":"info","url":"http://127.0.0.1:{port}/{SERVED[0]}"}}')  # now a waiter
    client, marker = AsyncHTTPClient(), f"served{run}x{time.time_ns()}"
    started = time.perf_counter()
    retitle_event(content, 3, marker)
    seconds = {}
    while "reload" not in (await socket_.read_message() or "reload"):
        pass
    seconds["reload"] = time.perf_counter() - started
    for path in SERVED:  # as a browser would ask after the reload: one after the other
        while not await _has_marker(client, port, path, marker):
            if time.perf_counter() - started > 300:
                raise SystemExit(f"the edit never reached {path}")
        seconds[path] = time.perf_counter() - started
    socket_.close()
    return seconds


def bench_serve(content: Path, work: Path, repeat: int) -> dict[str, float]:
    """Medians: write -> reload message, and write -> new bytes of the page, its tag page, the search index."""
    import asyncio
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
                               "--output", str(work / "serve-site"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{SERVED[0]}"
    try:
        deadline = time.monotonic() + 600
        while fetch(url) is None:
            if time.monotonic() > deadline:
                raise SystemExit("serve did not start")
            time.sleep(0.2)
        runs = []
        for run in range(repeat):
            time.sleep(1.5)  # no edit while the background write of site/ starts: as an author pausing
            runs.append(asyncio.run(_one_serve_edit(port, content, run)))
        return {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    finally:
        server.terminate()
        server.wait(timeout=30)


FLOOR = r'''
import os, sys, multiprocessing
import yaml, markdown, jinja2
src, out = sys.argv[1], sys.argv[2]
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2  # as many processes as the build it is set beside
LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml where there is one, as chronicle uses
TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html><head><title>{{ title }}</title></head><body><h1>{{ title }}</h1>{{ body|safe }}</body></html>")
def one(names):
    md = markdown.Markdown(extensions=["footnotes", "tables", "attr_list", "toc"])
    for kind, name in names:
        text = open(os.path.join(src, kind, name), encoding="utf-8").read()
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=LOADER)  # strings: BC dates are not datetime
        html = TEMPLATE.render(title=meta.get("title") or meta.get("name"), body=md.reset().convert(body))
        os.makedirs(os.path.join(out, kind), exist_ok=True)
        with open(os.path.join(out, kind, name[:-3] + ".html"), "w", encoding="utf-8") as f:
            f.write(html)
    return len(names)
if __name__ == "__main__":
    names = [(k, n) for k in ("events", "people", "places") for n in sorted(os.listdir(os.path.join(src, k)))]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(one, [names[k::workers] for k in range(workers)])
'''


def bench_floor(content: Path, work: Path, repeat: int) -> float:
    script = work / "floor.py"
    script.write_text(FLOOR, encoding="utf-8")
    times = []
    for run in range(repeat):
        times.append(timed([sys.executable, str(script), str(content), str(work / f"floor-{run}")])[0])
    return statistics.median(times)


HUGO_LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>"
                            "{{ block \"main\" . }}{{ end }}</body></html>\n",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}"
                            "{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">prev</a>{{ end }}"
                            "{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">next</a>{{ end }}"
                            "{{ range .Params.tags }}<a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a>{{ end }}{{ end }}\n",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}"
                          "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
}


def hugo_site(content: Path, work: Path) -> Path:
    """The corpus as a Hugo site: same bodies, tags/people/places as taxonomies, a minimal theme."""
    site = work / "hugo"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = []\n'
                                    '[taxonomies]\ntag = "tags"\nperson = "people"\nplace = "places"\n')
    for rel, text in HUGO_LAYOUTS.items():
        (site / "layouts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / rel).write_text(text)
    for kind in ("events", "people", "places"):
        (site / "content" / kind).mkdir()
        for source in (content / kind).iterdir():  # Hugo's date must be AD: the date goes in a param
            text = source.read_text(encoding="utf-8").replace("\ndate:", "\nwhen:", 1)
            (site / "content" / kind / source.name).write_text(text, encoding="utf-8")
    return site


def bench_hugo(content: Path, work: Path, repeat: int) -> dict[str, float] | None:
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    site = hugo_site(content, work)
    colds, peaks, warm = [], [], []
    for run in range(repeat):
        seconds, peak = timed([sys.executable, "-c", "import resource,subprocess,sys; c=subprocess.call(sys.argv[1:]);"
                               "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
                               "sys.exit(c)", hugo, "--quiet", "-s", str(site), "-d", str(work / f"hugo-{run}")])
        colds.append(seconds)
        peaks.append(peak)
    return {"cold": statistics.median(colds), "peak_mb": max(peaks) / 1024}


def bench_hugo_server(content: Path, work: Path, repeat: int) -> dict[str, float] | None:
    """`hugo server` on the Hugo copy of the corpus: write -> new bytes of the event page and its tag page."""
    hugo, site = shutil.which("hugo"), work / "hugo"
    if not hugo or not site.exists():
        return None
    port = free_port()
    server = subprocess.Popen([hugo, "server", "-s", str(site), "--port", str(port), "--bind", "127.0.0.1",
                               "--baseURL", f"http://127.0.0.1:{port}/"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    urls = [f"http://127.0.0.1:{port}/events/event-00003/", f"http://127.0.0.1:{port}/tags/tag-3/"]
    try:
        deadline = time.monotonic() + 600
        while fetch(urls[0]) is None:
            if time.monotonic() > deadline:
                raise SystemExit("hugo server did not start")
            time.sleep(0.2)
        runs = []
        for run in range(repeat):
            time.sleep(1.5)
            marker = f"hugo{run}x{time.time_ns()}"
            started = time.perf_counter()
            retitle_event(site / "content", 3, marker)
            seconds = {}
            for url in urls:
                while marker.encode() not in (fetch(url) or b""):
                    if time.perf_counter() - started > 300:
                        raise SystemExit(f"hugo never served the edit at {url}")
                    time.sleep(0.002)
                seconds[url.split("/", 3)[3]] = time.perf_counter() - started
            runs.append(seconds)
        return {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(size: int, ours: dict, serve: dict | None, floor: float, hugo: dict | None,
           hugo_serve: dict | None = None) -> None:
    print(f"\n== {size:,} entries ==")
    print(f"{'':<28}{'chronicle':>11}{'floor':>9}{'hugo':>9}")
    hugo_cold = hugo["cold"] if hugo else None
    print(f"{'cold build (s)':<28}{ours['cold']:>11.2f}{floor:>9.2f}{_n(hugo_cold):>9}")
    print(f"{'peak memory (MB)':<28}{ours['peak_mb']:>11.0f}{'':>9}{_n(hugo and hugo['peak_mb'], 0):>9}")
    print(f"{'no-change rebuild (s)':<28}{ours['nochange']:>11.2f}")
    print(f"{'one-edit rebuild (s)':<28}{ours['edit']:>11.2f}   files rewritten {ours['rewritten']}, "
          f"bytes changed {ours['changed']}")
    report_serve(size, serve, hugo_serve, header=False)
    target_serve = 0.150 if size <= 1000 else 0.300
    rows = [("serve edit <= %.0f ms" % (target_serve * 1000), serve and serve[SERVED[-1]], target_serve, None),
            ("cold / floor <= 1.25", ours["cold"] / floor, 1.25, None)]
    if hugo_cold:
        rows += [("cold / hugo <= 1.0", ours["cold"] / hugo_cold, 1.0, None),
                 ("peak / hugo peak <= 0.25", ours["peak_mb"] / max(hugo["peak_mb"], 1), 0.25, None),
                 ("no-change / hugo cold <= 0.15", ours["nochange"] / hugo_cold, 0.15, None)]
    rows += [("one edit: rewritten == changed", ours["rewritten"] - ours["changed"], 0, None)]
    for name, value, limit, _ in rows:
        if value is None:
            continue
        print(f"  target {name:<32} measured {value:>8.3f}  {'met' if value <= limit else 'NOT met'}")


def report_serve(size: int, serve: dict | None, hugo_serve: dict | None, header: bool = True) -> None:
    """The serve loop: write -> reload message, then each file's new bytes; hugo server's beside."""
    if header:
        print(f"\n== {size:,} entries: serve ==")
    if serve is not None:
        print(f"{'serve: write -> reload (s)':<28}{serve['reload']:>11.3f}")
        for path in SERVED:
            print(f"{'  -> ' + path:<40}{serve[path]:>8.3f}   (cumulative, fetched in this order)")
    for path, seconds in (hugo_serve or {}).items():
        print(f"{'  hugo server -> ' + path:<40}{seconds:>8.3f}   (cumulative)")
    if header and serve is not None:
        limit = 0.150 if size <= 1000 else 0.300
        print(f"  target serve edit <= {limit * 1000:.0f} ms: measured {serve[SERVED[-1]] * 1000:.0f} ms "
              f"{'met' if serve[SERVED[-1]] <= limit else 'NOT met'}")


def _n(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--serve-only", action="store_true", help="only the serve loops (ours and hugo server)")
    args = parser.parse_args()
    for size in (int(s) for s in args.events.split(",")):
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            work = Path(tmp)
            content = make_content(work / "content", size)
            if args.serve_only:
                hugo_site(content, work)
                serve = bench_serve(content, work, args.repeat)
                report_serve(size, serve, bench_hugo_server(content, work, args.repeat))
                continue
            floor = bench_floor(content, work, args.repeat)
            hugo = bench_hugo(content, work, args.repeat)
            ours = bench_chronicle(content, work, args.repeat)
            serve = None if args.no_serve else bench_serve(content, work, args.repeat)
            hugo_serve = None if args.no_serve else bench_hugo_server(content, work, args.repeat)
            report(size, ours, serve, floor, hugo, hugo_serve)
            sys.stdout.flush()
            os.sync()


if __name__ == "__main__":
    main()
