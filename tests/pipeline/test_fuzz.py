"""Fuzzing: random front matter, dates, bodies and file names never crash the build.

Each case writes a small content tree into a temporary folder and runs the CLI in-process
(`check` for most cases, a full build for some). It must exit 0, or exit 1 with every stderr
line in the one-line format; never a traceback, never an internal class name.
benchmarks/soak_fuzz.py runs the same cases for minutes with random seeds.
"""
from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from tests.support import MINIMAL_SITE, Run, run_cli

# Tests never write into the repo: Hypothesis keeps its caches (and would keep failure patches) in cwd.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "chronicle-hypothesis")
LINE_FORMAT = re.compile(r"^\S.*:( \d+:)? .+$|^error: .+$")
INTERNAL_NAMES = ("Traceback", "LinedList", "LinedDict", "Error:", "Exception")
CI = settings(deadline=None, derandomize=True, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


# name -> (the case function, its strategies, its CI budget): benchmarks/soak_fuzz.py reruns them
FUZZ_CASES: dict[str, tuple[Callable, dict[str, st.SearchStrategy], int]] = {}


def fuzz(examples: int, **strategies: st.SearchStrategy):
    """A fuzz test: `examples` reproducible (derandomized) cases in CI; registered for the soak."""
    def wrap(case: Callable) -> Callable:
        FUZZ_CASES[case.__name__] = (case, strategies, examples)
        return settings(CI, max_examples=examples)(given(**strategies)(case))
    return wrap

# --- strategies -------------------------------------------------------------------------------

KEYS = ("title", "date", "end", "summary", "people", "places", "tags", "related", "route", "sources",
        "draft", "name", "native_name", "born", "died", "country", "lat", "lon", "place", "time", "mode",
        "note", "url", "publisher", "base_url", "language", "allow_html", "start", "image", "calendar")
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)  # lone surrogates cannot be written
CONTROL_TEXT = st.text(st.sampled_from("a \t\n\r\x00\x01\x0b\x1b\x7f\x85\u2028\ufeff\ufffe<&>'\":#-[]{}"), max_size=12)
NUMBERS = st.one_of(st.integers(), st.integers(min_value=10 ** 15, max_value=10 ** 400),
                    st.integers(min_value=-(10 ** 30), max_value=-1), st.floats(allow_nan=True))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT, CONTROL_TEXT,
                    st.sampled_from(["1958", "1958-11-28", "kim-jong-un", "hanoi", "https://e.org/x", "17:05"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(KEYS), TEXT), inner, max_size=4)),
    max_leaves=12)
FRONT = st.dictionaries(st.one_of(st.sampled_from(KEYS), TEXT), VALUES, max_size=8)
DATE_ALPHABET = "0123456789-/~?%XYSTZ:+.u "
DATES = st.one_of(st.text(st.sampled_from(DATE_ALPHABET), max_size=24), st.integers(min_value=-10 ** 25, max_value=10 ** 25),
                  st.from_regex(r"\A-?[0-9]{1,6}(-[0-9]{1,2}(-[0-9]{1,2})?)?[~?%]?(/-?[0-9]{1,5})?\Z"))
VALID_DATES = st.builds(
    lambda year, month, day, mark: ("-" if year < 0 else "") + f"{abs(year):04d}"
    + (f"-{month:02d}" + (f"-{min(day, 28):02d}" if day else "") if month else "") + mark,
    st.integers(-9999, 9999), st.integers(0, 12), st.integers(0, 31), st.sampled_from(["", "~", "?", "%"]))
BODY_ALPHABET = list("[]{}:<>*_`#!()^|-=\n \t\\&;/.'\"~") + list("ab19") + ["[[a]]", "[[a|b]]", "{: #x}", "<!--",
                                                                          "-->", "```", "    ", "[^1]", "[^1]: x",
                                                                          "<script>", "&amp;", "é", "北"]
BODIES = st.lists(st.sampled_from(BODY_ALPHABET), max_size=80).map("".join)
NAMES = st.text(st.one_of(st.sampled_from("ab-.  _A9é北\u200b\t~#%"), st.characters(exclude_categories=("Cs",))),
                min_size=1, max_size=40)


def yaml_text(value: object) -> str:
    """Front matter text for any value (PyYAML quotes what needs quoting)."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=None, width=10 ** 6)


def document(front: str, body: str = "Body.") -> str:
    return f"---\n{front}---\n{body}\n"


def person_and_place() -> dict[str, str]:
    """Referenced slugs that exist, so some random events link cleanly."""
    return {"people/kim-jong-un.md": document("name: Kim\n"), "places/hanoi.md": document("name: Hanoi\nlat: 21\nlon: 105\n")}


# --- running a case ---------------------------------------------------------------------------

def run_case(files: dict[str, str | bytes], full_build: bool = False, site_yaml: str = MINIMAL_SITE) -> Run:
    """Write the tree, run check (or a build), and assert the output is clean."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "content"
        write_raw(folder, {"site.yaml": site_yaml, **files})
        command = ["--output", str(Path(tmp) / "site")] if full_build else ["check"]
        run = run_cli(*command, "--content", str(folder), cwd=Path(tmp))
        assert_clean(run)
        if full_build and run.code == 0:
            for name in ("feed.xml", "sitemap.xml"):  # XML 1.0 well-formed whatever the content
                ET.parse(Path(tmp) / "site" / name)
    return run


def write_raw(root: Path, files: dict[str, str | bytes]) -> None:
    """Like support.write_tree, without dedenting: the fuzzed text is written as generated."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def assert_clean(run: Run) -> None:
    """Exit 0, or 1 with one-line problems; never a traceback or a Python class name."""
    assert run.code in (0, 1), (run.code, run.err)
    for name in INTERNAL_NAMES:
        assert name not in run.err, run.err
    lines = run.err.splitlines()
    assert all(LINE_FORMAT.match(line) for line in lines), run.err
    assert run.err == "".join(line + "\n" for line in lines)  # no stray '\r' or other line breaks
    if run.code == 1:
        assert lines, "exit 1 without a message"


# --- the fuzz tests ---------------------------------------------------------------------------

@fuzz(1500, kind=st.sampled_from(["events", "people", "places", "pages"]), front=FRONT)
def test_random_front_matter_never_crashes(kind, front):
    run_case({f"{kind}/a.md": document(yaml_text(front)), **person_and_place()})


@fuzz(400, front=FRONT, extra=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=3))
def test_random_site_and_eras_yaml_never_crash(front, extra):
    site = yaml_text({"title": "T", **extra}) if extra else MINIMAL_SITE
    run_case({"eras.yaml": yaml_text([front]), "events/a.md": document("title: A\ndate: 1958\n")}, site_yaml=site)


@fuzz(300, front=st.lists(st.sampled_from(list("ab: -[]{}'\"#&*!|>\t\n?,%@`") + ["\n  ", "title: ", "date: "]),
                     max_size=40).map("".join))
def test_random_yaml_syntax_never_crashes(front):
    run_case({"events/a.md": document(front + "\n")})


@fuzz(1500, key=st.sampled_from(["date", "end", "born", "route", "source", "era"]), value=DATES, quoted=st.booleans())
def test_random_dates_never_crash(key, value, quoted):
    written = f"'{value}'" if quoted and isinstance(value, str) else str(value)
    files = {
        "date": {"events/a.md": document(f"title: A\ndate: {written}\n")},
        "end": {"events/a.md": document(f"title: A\ndate: 0001\nend: {written}\n")},
        "born": {"people/a.md": document(f"name: A\nborn: {written}\ndied: {written}\n")},
        "route": {"events/a.md": document(f"title: A\ndate: 1958\nroute:\n  - place: hanoi\n    date: {written}\n")},
        "source": {"events/a.md": document(f"title: A\ndate: 1958\nsources:\n  - date: {written}\n")},
        "era": {"eras.yaml": f"- name: E\n  start: {written}\n  end: {written}\n"},
    }[key]
    run_case({**files, **person_and_place()})


@fuzz(60, start=st.one_of(VALID_DATES, DATES), end=st.one_of(st.none(), VALID_DATES, DATES))
def test_random_dates_build_a_whole_site(start, end):
    ending = f"end: '{end}'\n" if end is not None else ""
    run_case({"events/a.md": document(f"title: A\ndate: '{start}'\n{ending}")}, full_build=True)


@fuzz(500, body=BODIES)
def test_random_bodies_never_crash_the_check(body):
    run_case({"events/a.md": document("title: A\ndate: 1958\n", body), **person_and_place()})


@fuzz(120, body=BODIES, allow_html=st.booleans())
def test_random_bodies_build_a_whole_site(body, allow_html):
    site = MINIMAL_SITE + f"allow_html: {str(allow_html).lower()}\n"
    run_case({"events/a.md": document("title: A\ndate: 1958-11-28\n", body), "people/a-b.md": document("name: P\n", body),
              **person_and_place()}, full_build=True, site_yaml=site)


@fuzz(800, kind=st.sampled_from(["events", "people", "places", "pages", "assets", "."]), name=NAMES,
       md=st.booleans())
def test_random_file_names_never_crash(kind, name, md):
    name = name + ".md" if md else name
    if name in (".", "..") or "/" in name or "\x00" in name or len(name.encode("utf-8")) > 250:
        return  # not a file name any file system accepts
    run_case({f"{kind}/{name}": document("title: A\ndate: 1958\nname: N\n")})


@fuzz(60, name=NAMES, front=FRONT, title=st.one_of(TEXT, CONTROL_TEXT), summary=st.one_of(TEXT, CONTROL_TEXT))
def test_random_names_and_front_matter_build_a_whole_site(name, front, title, summary):
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"
    front = {"title": title or "T", "date": "1958-11-28", "summary": summary or None,
             **{k: v for k, v in front.items() if k not in ("title", "date", "summary")}}
    run_case({f"events/{slug}.md": document(yaml_text(front)), **person_and_place()}, full_build=True)


def test_fuzz_budget_is_at_least_five_thousand_cases():
    assert len(FUZZ_CASES) == 9
    assert sum(examples for _, _, examples in FUZZ_CASES.values()) >= 5000
