"""Fuzzing what is not content: the importer's files, `new`/`init` arguments, URL fields, serve's paths.

Each case must exit 0, 1 or 2 (usage) with one-line messages and never a traceback; and whatever
`import` or `new` wrote with exit 0 must pass `check` (never exit 0 with output the build refuses);
and whatever `check` accepts must build. The example counts are small so the suite stays fast:
CHRONICLE_FUZZ_SCALE=20 runs twenty times as many; benchmarks/soak_fuzz.py runs them with random seeds.
"""
from __future__ import annotations

import atexit
import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable
from unittest.mock import patch

from hypothesis import given, reject, settings
from hypothesis import strategies as st

from chronicle.serve.live import LiveSite, request_path
from chronicle.serve.overlay import BuildStatus
from chronicle.commands.version import origin_of
from chronicle.pipeline import Options
from chronicle.serve.server import answer
from chronicle.serve.guard import host_allowed
from tests.support import MINIMAL_SITE, ROOT, Run, run_cli
from tests.pipeline.test_fuzz import CI, CONTROL_TEXT, DATES, INTERNAL_NAMES, LINE_FORMAT, NUMBERS, TEXT, document, write_raw

SCALE = float(os.environ.get("CHRONICLE_FUZZ_SCALE", "1"))
# name -> (the case function, its strategies, its CI budget): benchmarks/soak_fuzz.py reruns them
FUZZ_CASES: dict[str, tuple[Callable, dict[str, st.SearchStrategy], int]] = {}


def fuzz(examples: int, **strategies: st.SearchStrategy):
    """A fuzz test: `examples` (times CHRONICLE_FUZZ_SCALE) derandomized cases; registered for the soak."""
    def wrap(case: Callable) -> Callable:
        FUZZ_CASES[case.__name__] = (case, strategies, examples)
        return settings(CI, max_examples=max(1, int(examples * SCALE)))(given(**strategies)(case))
    return wrap


# --- strategies -------------------------------------------------------------------------------

ANY_TEXT = st.text(max_size=30)  # lone surrogates included: in-process arguments can hold them
URL_PARTS = ["https://", "http://", "HTTPS://", "javascript:", "[", "]", "::1", ":", "/", "?", "#", "@", "%", "%0a",
             "e.org", "xn--", "-", ".", "..", "80", "99999", "0", " ", "\n", "\t", "\x00", "é", "北", "\u2028", "a"]
URLS = st.one_of(st.lists(st.sampled_from(URL_PARTS), max_size=10).map("".join), TEXT, CONTROL_TEXT,
                 st.sampled_from(["https://[::1/", "https://[::1]:99999/", "https://e.org:0/", "https://:80/",
                                  "https://e.org/x y", "https://user@e.org/", "evil.com\nx", "e.org."]))
JSON_SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS.filter(lambda n: n == n), TEXT, CONTROL_TEXT, ANY_TEXT,
                         st.sampled_from(["1958", "-44", "0", "12", "31", "1" * 4400, "<p>x</p>", "<script>x</script>",
                                          "https://e.org/a.jpg", "https://[::1/", "era", "title", ""]))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["year", "month", "day", "hour", "headline", "text", "url", "caption", "credit", "display_date"]), inner,
        max_size=4)), max_leaves=10)
DATE_PART = st.one_of(JSON_SCALARS, st.integers(-3000, 3000), st.integers(1, 12))
SLIDES = st.fixed_dictionaries({}, optional={
    "start_date": st.fixed_dictionaries({"year": DATE_PART}, optional={"month": DATE_PART, "day": DATE_PART}),
    "end_date": st.fixed_dictionaries({}, optional={"year": DATE_PART, "month": DATE_PART}),
    "text": st.fixed_dictionaries({}, optional={"headline": JSON_VALUES, "text": JSON_VALUES}),
    "media": st.fixed_dictionaries({}, optional={"url": st.one_of(URLS, JSON_SCALARS), "caption": JSON_SCALARS}),
    "display_date": JSON_SCALARS, "group": JSON_SCALARS, "background": JSON_VALUES})
TIMELINES = st.one_of(
    st.fixed_dictionaries({"events": st.lists(SLIDES, max_size=4)},
                          optional={"title": st.one_of(SLIDES, st.lists(SLIDES, max_size=2)),
                                    "eras": st.one_of(st.lists(SLIDES, max_size=2), JSON_SCALARS)}),
    JSON_VALUES)
CSV_CELLS = st.one_of(st.sampled_from(["", "1958", "-44", "0", "13", "2", "29", "title", "era", "Title", "x,y",
                                       '"', "a\nb", "1" * 4400, "<b>x</b>", "https://[::1/", "\x1b"]),
                      TEXT, CONTROL_TEXT, ANY_TEXT)
CSV_HEADERS = st.lists(st.sampled_from(["Year", "Month", "Day", "End Year", "Display Date", "Headline", "Text",
                                        "Media", "Type", "Group", "Background", "Other", ""]), min_size=1,
                       max_size=8)


# --- checking a run ---------------------------------------------------------------------------

def assert_clean(run: Run, codes: tuple[int, ...] = (0, 1)) -> None:
    """An allowed exit code, one-line messages, never a traceback or a Python class name."""
    assert run.code in codes, (run.code, run.err)
    for name in INTERNAL_NAMES:
        assert name not in run.err, run.err
    lines = run.err.splitlines()
    # The importer's closing line, like the build's 'build failed: ...' count: not a problem line.
    assert all(LINE_FORMAT.match(line) or line.startswith("nothing was written") for line in lines), run.err
    assert run.err == "".join(line + "\n" for line in lines)
    if run.code:
        assert lines, "an error exit without a message"


def assert_builds(content: Path, cwd: Path) -> None:
    """What import or new wrote passes check (site.yaml added when they wrote none)."""
    if not (content / "site.yaml").exists():
        (content / "site.yaml").write_text(MINIMAL_SITE, encoding="utf-8")
    run = run_cli("check", "--content", str(content), cwd=cwd)
    assert run.code == 0, run.err


def import_case(name: str, data: str | bytes) -> None:
    """Import one file into an empty content folder; if it says it worked, the build must accept it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_raw(root, {name: data})
        run = run_cli("import", "timelinejs", name, "--content", "content", cwd=root)
        assert_clean(run)
        if run.code == 0 and (root / "content").exists():
            assert_builds(root / "content", root)


# --- the fuzz tests ---------------------------------------------------------------------------

@fuzz(150, timeline=TIMELINES)
def test_random_timelinejs_json_never_crashes_and_imports_only_what_builds(timeline):
    text = json.dumps(timeline, ensure_ascii=True)  # \ud800 escapes: JSON carries lone surrogates so
    import_case("t.json", text)


@fuzz(60, text=st.lists(st.sampled_from(list('{}[]":,0123456789-.eE \n') + ['"events"', '"year"', "true", "null",
                                                                           "\\u", "\\ud800", "1" * 5000, "[" * 3000]),
                        max_size=40).map("".join))
def test_random_json_syntax_never_crashes(text):
    import_case("t.json", text)


@fuzz(120, header=CSV_HEADERS, rows=st.lists(st.lists(CSV_CELLS, max_size=8), max_size=4), raw=st.booleans())
def test_random_timelinejs_csv_never_crashes_and_imports_only_what_builds(header, rows, raw):
    if raw:  # cells joined by hand: stray quotes and line breaks as a broken export writes them
        text = "\n".join(",".join(row) for row in [header, *rows])
    else:
        buffer = io.StringIO()
        try:
            csv.writer(buffer).writerows([header, *rows])
        except csv.Error:  # Python 3.10's writer cannot quote NUL; the raw branch still sends it
            reject()
        text = buffer.getvalue()
    import_case("t.csv", text.encode("utf-8", "surrogatepass"))


@fuzz(150, kind=st.sampled_from(["event", "person", "place", "thing"]), title=st.one_of(ANY_TEXT, CONTROL_TEXT),
      date=st.one_of(st.none(), DATES.map(str), ANY_TEXT), lat=st.one_of(st.none(), ANY_TEXT, NUMBERS.map(str)),
      lon=st.one_of(st.none(), ANY_TEXT, NUMBERS.map(str)))
def test_random_new_arguments_never_crash_and_write_only_what_builds(kind, title, date, lat, lon):
    options = [flag for name, value in (("--date", date), ("--lat", lat), ("--lon", lon)) if value is not None
               for flag in (name, value)]
    if any(value.startswith("-") for value in options[1::2]) or title.startswith("-"):
        return  # argparse reads '-x' as an option: a usage error, not what is fuzzed here
    with tempfile.TemporaryDirectory() as tmp:
        run = run_cli("new", kind, title, *options, cwd=Path(tmp))
        assert_clean(run, (0, 1, 2))
        if run.code == 0:
            assert_builds(Path(tmp) / "content", Path(tmp))


@fuzz(80, name=st.one_of(ANY_TEXT, CONTROL_TEXT, st.sampled_from(["", " ", ".", "a/b", "-", "~"])))
def test_random_init_names_never_crash_and_make_a_site_that_builds(name):
    if name.startswith(("/", "-")) or ".." in name or "\x00" in name or len(name.encode("utf-8", "replace")) > 200:
        return  # outside the temporary folder, an option, or no file name at all
    # As if installed from a package index: an editable install would build a wheel for each case
    # (2-3 s); tests/commands/test_install_kinds.py covers each install kind.
    with tempfile.TemporaryDirectory() as tmp, patch("chronicle.commands.scaffold.origin", lambda: origin_of(None)):
        run = run_cli("init", name, cwd=Path(tmp))
        assert_clean(run, (0, 1, 2))
        if run.code == 0:
            site = Path(tmp) / name
            assert run_cli("check", "--content", str(site / "content"), cwd=Path(tmp)).code == 0


@fuzz(120, field=st.sampled_from(["base_url", "cname", "image", "option"]), value=URLS)
def test_random_url_fields_never_crash_and_what_check_accepts_builds(field, value):
    site, event, extra = MINIMAL_SITE, "title: A\ndate: 1958\n", []
    quoted = json.dumps(value)  # a YAML double-quoted scalar
    if field in ("base_url", "cname"):
        site = "title: T\nlanguage: en\n" + f"{field}: {quoted}\n"
    elif field == "image":
        event += f"image: {{src: {quoted}, alt: a}}\n"
    else:
        extra = [f"--base-url={value}"]  # the = form: a value may start with "-"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_raw(root / "content", {"site.yaml": site, "events/a.md": document(event)})
        check = run_cli("check", "--content", "content", *extra, cwd=root)
        assert_clean(check, (0, 1, 2) if extra else (0, 1))  # 2: '--base-url=--' is a usage error
        if check.code == 0:  # the base_url traceback came from render after check said OK
            built = run_cli("--content", "content", "--output", "site", *extra, cwd=root)
            assert_clean(built)
            assert built.code == 0, built.err


_LIVE: dict[str, LiveSite] = {}


def _live_site() -> LiveSite:
    """One small site in memory, made once per process: each request case costs microseconds."""
    if not _LIVE:
        folder = Path(tempfile.mkdtemp(prefix="chronicle-fuzz-serve-"))
        atexit.register(shutil.rmtree, folder, True)
        write_raw(folder / "content", {"site.yaml": MINIMAL_SITE, "events/a.md": document("title: A\ndate: 1958\n"),
                                       "assets/é x.txt": "asset"})
        live = LiveSite(Options(str(folder / "content"), str(ROOT / "layouts"), str(folder / "site")))
        live.update()
        _LIVE["site"] = live
    return _LIVE["site"]


PATH_PARTS = ["/", "..", ".", "%2e", "%2f", "index.html", "events", "events/", "a.html", "assets/", "é x.txt",
              "sw.js", "assets/register-sw.js", "search-index.js", "404.html", "\x00", "\\", "~", "?", "#", "//"]


@fuzz(300, parts=st.lists(st.one_of(st.sampled_from(PATH_PARTS), ANY_TEXT), max_size=8), broken=st.booleans(),
      header=st.one_of(URLS, st.sampled_from(["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "[::1", ":8000"])))
def test_random_request_paths_and_hosts_never_crash_serve(parts, broken, header):
    status = BuildStatus(["content/events/a.md:3: date: invalid date"] if broken else [])
    code, path, data = answer(_live_site(), status, request_path("".join(parts)))
    assert code in (200, 302, 404) and isinstance(data, bytes)
    if code == 200 and broken and path.endswith(".html"):
        assert b"chronicle-build-errors" in data
    assert isinstance(host_allowed(header, "127.0.0.1", 8000), bool)
