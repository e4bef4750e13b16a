"""Publishing anyone's timeline: init -> new -> the workflow's own publish script -> an artifact.

Also: a real `pip install` of the package into a fresh virtual environment builds a new site
without the repository, and the optional quality gates run only when turned on.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml

from chronicle.publish import publish
from tests.support import ROOT, run_cli

# In-process `init` pins chronicle as an index install would (conftest.py: index_install).
pytestmark = pytest.mark.usefixtures("index_install")

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BASE_URL = "https://someone.github.io/my-timeline/"
NODE_MODULES = ROOT / "tests" / "node_modules"


def new_site(parent: Path) -> Path:
    """`chronicle init` plus one event from `chronicle new`: what a new user has after two commands."""
    assert run_cli("init", "my-timeline", cwd=parent).code == 0
    site = parent / "my-timeline"
    made = run_cli("new", "event", "Armistice signed at Panmunjom", "--date", "1953-07-27", cwd=site)
    assert made.code == 0, made.err
    return site


def publish_step() -> dict:
    """The workflow step that builds the site."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    return next(step for step in steps if "chronicle.publish" in step.get("run", ""))


def python_shim(bin_dir: Path) -> None:
    """`python` in bin_dir: this interpreter, in its own environment (a symlink to a virtual
    environment's python, outside that environment, would not find its site-packages)."""
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    (bin_dir / "python").chmod(0o755)


def run_publish_step(site: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the workflow's publish step, its `run` text exactly, with bash as Actions does."""
    bin_dir = site.parent / "bin"
    python_shim(bin_dir)  # `python` on the runner: the one with chronicle
    path = f"{bin_dir}:/usr/bin:/bin"
    return subprocess.run(["bash", "-e", "-c", publish_step()["run"]], cwd=site, capture_output=True, text=True,
                          check=False, env={"PATH": path, "PYTHONPATH": str(ROOT), "BASE_URL": BASE_URL, **env})


def test_new_site_publishes_to_a_deployable_artifact_with_the_workflow_step(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    result = run_publish_step(site, {"QUALITY_GATES": "false"})
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    artifact = site / "_site"
    for page in ("index.html", "404.html", ".nojekyll", "events/first-event.html",
                 "events/armistice-signed-at-panmunjom.html", "assets/style.css"):
        assert (artifact / page).is_file(), page
    assert f"<id>{BASE_URL}</id>" in (artifact / "feed.xml").read_text(encoding="utf-8")
    assert not (site / "site").exists()  # the workflow deploys _site/; it never needs a committed site/
    assert "Quality gates off" in result.stdout


def test_publish_stops_at_the_check_and_writes_nothing(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    event = site / "content/events/armistice-signed-at-panmunjom.md"
    event.write_text(event.read_text(encoding="utf-8").replace("1953-07-27", "1953-02-30"), encoding="utf-8")
    result = run_publish_step(site, {})
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("content/events/armistice-signed-at-panmunjom.md:3: ")
    assert "1953-02-30" in result.stderr.splitlines()[0]
    assert not (site / "_site").exists()


@pytest.mark.parametrize(("env", "line"), [
    ({"QUALITY_GATES": "true"}, "error: quality gates: the Nu HTML Checker (npm vnu-jar) not found: set VNU_JAR to its path (unset)"),
    ({"QUALITY_GATES": "true", "VNU_JAR": "/nowhere/vnu.jar"},
     "error: quality gates: the Nu HTML Checker (npm vnu-jar) not found: set VNU_JAR to its path (/nowhere/vnu.jar)"),
])
def test_quality_gates_without_their_tools_fail_with_one_line(tmp_path: Path, env: dict[str, str], line: str) -> None:
    site = new_site(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(site)
    try:
        code = publish(["--base-url", BASE_URL], out, err, env)
    finally:
        os.chdir(old)
    assert (code, err.getvalue()) == (1, line + "\n")


@pytest.mark.browser
def test_quality_gates_validate_a_new_site(tmp_path: Path) -> None:
    tools = {"VNU_JAR": NODE_MODULES / "vnu-jar/build/dist/vnu.jar", "AXE_JS": NODE_MODULES / "axe-core/axe.min.js",
             "CHROMIUM": Path("/usr/bin/chromium"), "java": Path("/usr/bin/java")}
    missing = [str(path) for path in tools.values() if not path.exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"missing {missing}")
        pytest.skip(f"missing {missing}: apt-get install chromium default-jre-headless; cd tests && npm ci")
    site = new_site(tmp_path)
    env = {key: str(path) for key, path in tools.items() if key.isupper()}
    result = run_publish_step(site, {"QUALITY_GATES": "true", "HOME": str(tmp_path), **env})
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert "== Nu HTML Checker" in result.stdout and "== axe" in result.stdout


def copy_source(target: Path) -> Path:
    """The files `pip install .` needs, so the install never writes build/ or egg-info into the repo."""
    target.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "layouts", target / "layouts")
    shutil.copytree(ROOT / "chronicle", target / "chronicle", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return target


def venv_seeing_this_environment(env_dir: Path) -> None:
    """A virtual environment whose imports fall back to this interpreter's packages (the
    dependencies, pip, setuptools), whether or not the tests themselves run in a venv."""
    venv.create(env_dir, with_pip=False)
    own = Path(sysconfig.get_paths(vars={"base": str(env_dir), "platbase": str(env_dir)})["purelib"])
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (own / "this-environment.pth").write_text("".join(f"{path}\n" for path in sorted(ours)), encoding="utf-8")


def test_pip_install_gives_a_chronicle_command_that_builds_a_new_site(tmp_path: Path) -> None:
    source = copy_source(tmp_path / "source")
    env_dir = tmp_path / "venv"
    venv_seeing_this_environment(env_dir)  # the dependencies come from here
    bin_dir = env_dir / "bin"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "PIP_NO_INDEX": "1",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # Offline: the wheel is built with this environment's setuptools, then installed by name from
    # a folder, as from a package index (tests/test_install_kinds.py tries every install kind).
    python = str(bin_dir / "python")
    wheel = [python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", "wheels", str(source)]
    built_wheel = subprocess.run(wheel, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert built_wheel.returncode == 0, built_wheel.stderr
    assert not (source / "build").exists()  # setup.py sends setuptools' scratch folders to a temporary one
    assert not list(source.glob("*.egg-info"))
    shutil.rmtree(source)  # the installed command must not need the source tree
    pip = [python, "-m", "pip", "install", "--no-deps", "--ignore-installed", "--quiet", "--find-links", "wheels",
           "chronicle-timeline"]
    installed = subprocess.run(pip, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    work = tmp_path / "work"
    work.mkdir()
    for command in (["--version"], ["init", "t"]):
        result = subprocess.run([str(bin_dir / "chronicle"), *command], cwd=work, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    built = subprocess.run([str(bin_dir / "chronicle"), "build", "--base-url", BASE_URL], cwd=work / "t", env=env,
                           capture_output=True, text=True)
    assert (built.returncode, built.stderr) == (0, "")
    assert (work / "t/site/events/first-event.html").is_file() and (work / "t/site/assets/style.css").is_file()
    where = subprocess.run([str(bin_dir / "python"), "-c", "import chronicle; print(chronicle.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(env_dir))


# Following the README's publishing steps: every command of its fenced block runs as written,
# except these, which need GitHub or the network and are replaced or skipped on purpose.
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
NOT_RUN = {
    "pip install": "skipped: the test environment already has this chronicle installed",
    "git remote add": "skipped: no GitHub in a test",
    "git push": "skipped: no GitHub in a test (the workflow's step is run above instead)",
    "git clone": f"replaced: git clone {ROOT} (the fork's content as committed here)",
}


def readme_block(heading: str) -> list[str]:
    """The commands of the first ```sh block after a heading of the README's publishing section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Publishing on GitHub Pages\n"):]
    after = section[section.index(f"### {heading}\n"):]
    block = after[after.index("```sh\n") + 6:]
    return [line for line in block[:block.index("```")].splitlines() if line.strip()]


def follow(commands: list[str], start: Path) -> list[str]:
    """Run each README command with bash from start, following `cd`; return what was not run, and why."""
    shims = start.parent / "shims"
    python_shim(shims)
    (shims / "chronicle").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m chronicle "$@"\n', encoding="utf-8")
    (shims / "chronicle").chmod(0o755)
    env = {"PATH": f"{shims}:/usr/bin:/bin", "HOME": str(start.parent), **GIT_IDENTITY}
    cwd, not_run = start, []
    for command in commands:
        reason = next((why for prefix, why in NOT_RUN.items() if command.startswith(prefix)), None)
        if command.startswith("git clone"):
            command = f"git clone --quiet {ROOT} {command.split()[-1].removesuffix('.git').rsplit('/', 1)[-1]}"
        elif reason:
            not_run.append(f"{command}  # {reason}")
            continue
        if command.startswith("cd "):
            cwd = cwd / command[3:]
            continue
        result = subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return not_run


def test_readme_publishing_steps_work_in_a_new_empty_repository(tmp_path: Path) -> None:
    start = tmp_path / "empty"
    start.mkdir()
    skipped = follow(readme_block("A new, empty repository"), start)
    assert [line.split()[0:2] for line in skipped] == [["pip", "install"], ["git", "remote"], ["git", "push"]]
    site = start / "my-timeline"
    assert (site / "_site/events/armistice-signed-at-panmunjom.html").is_file()
    committed = subprocess.run(["git", "ls-files"], cwd=site, capture_output=True, text=True).stdout.split()
    assert ".github/workflows/pages.yml" in committed and "requirements.txt" in committed
    assert not any(path.startswith(("site/", "_site/")) for path in committed)
    assert run_publish_step(site, {}).returncode == 0  # what GitHub then runs


def test_readme_publishing_steps_work_in_a_fork(tmp_path: Path) -> None:
    start = tmp_path / "empty"
    start.mkdir()
    skipped = follow(readme_block("A fork of this repository"), start)
    assert [line.split()[0:2] for line in skipped] == [["pip", "install"], ["git", "push"]]
    fork = start / "chronicle"
    assert sorted(p.name for p in (fork / "content/events").iterdir()) == ["armistice-signed-at-panmunjom.md"]
    assert (fork / "site/events/armistice-signed-at-panmunjom.html").is_file()
    assert (fork / "_site/events/armistice-signed-at-panmunjom.html").is_file()
    index = (fork / "site/index.html").read_text(encoding="utf-8")
    assert "Kim Il Sung leads the DPRK" not in index  # the shipped timeline's era bands are gone too
    log = subprocess.run(["git", "show", "--name-only", "--format=%s", "HEAD"], cwd=fork, capture_output=True, text=True)
    assert log.stdout.startswith("My timeline") and "site/events/armistice-signed-at-panmunjom.html" in log.stdout
