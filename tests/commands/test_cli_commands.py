"""The `chronicle` command: --version, new, init, and defaults relative to the current folder."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle import __version__
from chronicle.commands.version import version
from tests.support import MINIMAL_SITE, ROOT, run_cli, write_tree

# In-process `init` pins chronicle as an index install would (conftest.py: index_install).
pytestmark = pytest.mark.usefixtures("index_install")


def chronicle(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m chronicle` as a user would, from cwd."""
    return subprocess.run([sys.executable, "-m", "chronicle", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})


def test_version_prints_the_installed_version(tmp_path: Path) -> None:
    assert run_cli("--version", cwd=tmp_path).out == f"chronicle {version()}\n"
    assert chronicle("--version", cwd=tmp_path).stdout == f"chronicle {version()}\n"


def test_the_version_is_written_in_one_place() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = {attr = "chronicle.__version__"}' in pyproject
    assert not re.search(r'^version\s*=\s*"', pyproject, re.MULTILINE)
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


NEW_FILES = [
    (["event", "Kim Il Sung's train: 1958", "--date", "1958-11-28"], "content/events/kim-il-sung-s-train-1958.md",
     "---\ntitle: 'Kim Il Sung''s train: 1958'\ndate: '1958-11-28'\n---\nWrite the text here.\n"),
    (["event", "Caesar dies", "--date", "-0043"], "content/events/caesar-dies.md",
     "---\ntitle: Caesar dies\ndate: '-0043'\n---\nWrite the text here.\n"),
    (["event", "Armistice", "--date", "1953-07~"], "content/events/armistice.md",
     "---\ntitle: Armistice\ndate: 1953-07~\n---\nWrite the text here.\n".replace("1953-07~", "'1953-07~'")),
    (["person", "Hồ Chí Minh"], "content/people/ho-chi-minh.md", "---\nname: Hồ Chí Minh\n---\nWrite the text here.\n"),
    (["place", "Hà Nội", "--lat", "21.03", "--lon", "105.85"], "content/places/ha-noi.md",
     "---\nname: Hà Nội\nlat: 21.03\nlon: 105.85\n---\nWrite the text here.\n"),
    (["place", "Somewhere"], "content/places/somewhere.md", "---\nname: Somewhere\n---\nWrite the text here.\n"),
    (["event", "판문점 정전협정", "--date", "1953-07-27"], "content/events/panmunjeom-jeongjeonhyeobjeong.md",
     "---\ntitle: 판문점 정전협정\ndate: '1953-07-27'\n---\nWrite the text here.\n"),
    (["person", "Владимир Ленин"], "content/people/vladimir-lenin.md",
     "---\nname: Владимир Ленин\n---\nWrite the text here.\n"),
    (["place", "北京"], "content/places/beijing.md", "---\nname: 北京\n---\nWrite the text here.\n"),
    (["event", "판문점 정전협정", "--date", "1953-07-27", "--slug", "armistice"], "content/events/armistice.md",
     "---\ntitle: 판문점 정전협정\ndate: '1953-07-27'\n---\nWrite the text here.\n"),
    (["page", "About"], "content/pages/about.md", "---\ntitle: About\n---\nWrite the text here.\n"),
    (["page", "Method & sources", "--slug", "method"], "content/pages/method.md",
     "---\ntitle: Method & sources\n---\nWrite the text here.\n"),
]


@pytest.mark.parametrize(("args", "path", "text"), NEW_FILES, ids=[p for _, p, _ in NEW_FILES])
def test_new_writes_a_skeleton_that_builds(tmp_path: Path, args: list[str], path: str, text: str) -> None:
    write_tree(tmp_path, {"content/site.yaml": MINIMAL_SITE})
    run = run_cli("new", *args, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (0, f"Wrote {path}\n", "")
    assert (tmp_path / path).read_text(encoding="utf-8") == text
    checked = run_cli("check", cwd=tmp_path)
    assert (checked.code, checked.err) == (0, "")


NEW_REFUSALS = [
    (["event", "No date"], "error: an event needs --date, e.g. --date 1958-11-28"),
    (["event", "Bad day", "--date", "2019-02-30"], "error: --date '2019-02-30': day 30 does not exist in February 2019"),
    (["event", "  ", "--date", "1958"], "error: the title must not be empty"),
    (["person", "Kim", "--date", "1912"], "error: --date is for events, not a person"),
    (["place", "North", "--lat", "91", "--lon", "0"], "error: --lat '91' is not a number between -90 and 90"),
    (["place", "East", "--lat", "0", "--lon", "east"], "error: --lon 'east' is not a number between -180 and 180"),
    (["place", "Half", "--lat", "10"], "error: give both --lat and --lon, or neither"),
    (["person", "Kim Il Sung", "--slug", "Kim Il Sung"],
     "error: --slug: invalid slug 'Kim Il Sung' (did you mean 'kim-il-sung'?)"),
    (["page", "About", "--date", "1999"], "error: --date is for events, not a page"),
]


@pytest.mark.parametrize(("args", "line"), NEW_REFUSALS, ids=[line for _, line in NEW_REFUSALS])
def test_new_refuses_with_one_line(tmp_path: Path, args: list[str], line: str) -> None:
    run = run_cli("new", *args, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (1, "", line + "\n")
    assert not (tmp_path / "content").exists() or not any((tmp_path / "content").rglob("*.md"))


def test_new_never_overwrites(tmp_path: Path) -> None:
    write_tree(tmp_path, {"content/people/kim-il-sung.md": "---\nname: Kim Il Sung\n---\nMine.\n"})
    run = run_cli("new", "person", "Kim Il Sung", cwd=tmp_path)
    assert (run.code, run.err) == (1, "error: content/people/kim-il-sung.md already exists; "
                                      "choose another title or edit that file\n")
    assert (tmp_path / "content/people/kim-il-sung.md").read_text(encoding="utf-8").endswith("Mine.\n")


@pytest.mark.parametrize("args", [["new"], ["new", "era", "Cold War"], ["new", "event"], ["init"], ["init", "a", "b"]])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    run = run_cli(*args, cwd=tmp_path)
    assert run.code == 2 and run.err.startswith(f"usage: chronicle {args[0]} ")


def test_new_writes_into_the_content_option(tmp_path: Path) -> None:
    run = run_cli("new", "person", "Ada", "--content", "elsewhere", cwd=tmp_path)
    assert run.code == 0 and (tmp_path / "elsewhere/people/ada.md").is_file()


INIT_FILES = [".github/workflows/pages.yml", ".gitignore", "README.md", "content/events/first-event.md",
              "content/site.yaml", "requirements.txt"]


def test_init_creates_a_site_that_builds_at_once(tmp_path: Path) -> None:
    run = run_cli("init", "my-timeline", cwd=tmp_path)
    assert (run.code, run.err) == (0, "")
    site = tmp_path / "my-timeline"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == INIT_FILES
    built = run_cli("--base-url", "https://me.github.io/my-timeline/", cwd=site)
    assert (built.code, built.err) == (0, "")
    assert "The first event" in (site / "site/events/first-event.html").read_text(encoding="utf-8")
    assert "<title>My timeline</title>" in (site / "site/index.html").read_text(encoding="utf-8")


def test_init_gitignore_leaves_out_the_body_cache(tmp_path: Path) -> None:
    run_cli("init", "t", cwd=tmp_path)
    ignored = (tmp_path / "t/.gitignore").read_text(encoding="utf-8").splitlines()
    assert "/.chronicle-cache/" in ignored and "/site/" in ignored


def test_init_workflow_is_the_repository_workflow(tmp_path: Path) -> None:
    run_cli("init", "t", cwd=tmp_path)
    ours = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert (tmp_path / "t/.github/workflows/pages.yml").read_text(encoding="utf-8") == ours


def test_init_pins_the_generator_for_the_workflow(tmp_path: Path) -> None:
    run_cli("init", "t", cwd=tmp_path)
    lines = (tmp_path / "t/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("chronicle-timeline")


@pytest.mark.parametrize("existing", [{"notes.txt": "mine"}, {"content/site.yaml": "title: Mine\n"}])
def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, existing: dict[str, str]) -> None:
    write_tree(tmp_path / "site", existing)
    run = run_cli("init", "site", cwd=tmp_path)
    assert (run.code, run.err) == (1, "error: site is not an empty folder; `init` only creates new sites\n")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [Path(next(iter(existing))).parts[0]]


def test_init_accepts_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli("init", "empty", cwd=tmp_path).code == 0


def test_init_dot_accepts_a_new_repository_with_its_readme_and_licence(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "my-timeline", {".git/HEAD": "ref: refs/heads/main\n", "README.md": "# Mine\n",
                                                "LICENSE": "CC BY 4.0\n"})
    run = run_cli("init", ".", cwd=repo)
    assert (run.code, run.err) == (0, "")
    assert "Kept your README.md" in run.out and run.out.endswith("Next: chronicle build\n")
    assert (repo / "README.md").read_text(encoding="utf-8") == "# Mine\n"
    assert (repo / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert "title: My timeline" in (repo / "content/site.yaml").read_text(encoding="utf-8")
    assert (repo / ".github/workflows/pages.yml").is_file() and (repo / "requirements.txt").is_file()


def test_init_gitignore_keeps_the_build_cache_and_locks_out_of_git(tmp_path: Path) -> None:
    run_cli("init", "t", cwd=tmp_path)
    site = tmp_path / "t"
    assert run_cli("--base-url", "https://me.github.io/t/", cwd=site).code == 0
    (site / ".site.lock").write_text("", encoding="utf-8")  # as a build in progress holds it
    git = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["git", "init", "-q"], cwd=site, env=git, check=True)
    subprocess.run(["git", "add", "."], cwd=site, env=git, check=True)
    added = subprocess.run(["git", "ls-files"], cwd=site, env=git, capture_output=True, text=True).stdout.split()
    assert (site / ".chronicle-cache").is_dir()
    assert not [path for path in added if path.startswith((".chronicle-cache/", "site/", ".site.lock"))]
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "`.chronicle-cache/`" in readme and "`.site.lock`" in readme


def test_without_a_content_folder_says_to_run_init(tmp_path: Path) -> None:
    for command in ([], ["check"], ["serve", "--port", "0"]):
        run = chronicle(*command, cwd=tmp_path)
        assert (run.returncode, run.stdout) == (1, "")
        assert run.stderr == ("error: no content folder content/ here; run `chronicle init DIR` to create a site "
                              "(or `chronicle init .`), or cd into one\n")
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert run_cli("init", "f", cwd=tmp_path).err == "error: f is not an empty folder; `init` only creates new sites\n"


def test_defaults_are_the_current_folder_and_built_in_layouts(tmp_path: Path) -> None:
    write_tree(tmp_path, {"content/site.yaml": MINIMAL_SITE,
                          "content/events/e.md": "---\ntitle: An event\ndate: 1999\n---\nText.\n"})
    run = chronicle(cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site/events/e.html").is_file() and (tmp_path / "site/assets/style.css").is_file()


def test_a_layouts_folder_in_the_current_folder_overrides_one_template(tmp_path: Path) -> None:
    write_tree(tmp_path, {"content/site.yaml": MINIMAL_SITE, "layouts/404.html": "Lost: {{ site.title }}\n"})
    assert chronicle("build", cwd=tmp_path).returncode == 0
    assert (tmp_path / "site/404.html").read_text(encoding="utf-8") == "Lost: Test timeline\n"
    assert (tmp_path / "site/index.html").is_file()  # the other templates: built in


def test_build_py_keeps_its_own_folder_as_default(tmp_path: Path) -> None:
    elsewhere = subprocess.run([sys.executable, str(ROOT / "build.py"), "check"], cwd=tmp_path,
                               capture_output=True, text=True, check=False)
    at_home = subprocess.run([sys.executable, "build.py", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (elsewhere.returncode, elsewhere.stdout) == (at_home.returncode, at_home.stdout)
    assert elsewhere.stdout.startswith("OK: ")
