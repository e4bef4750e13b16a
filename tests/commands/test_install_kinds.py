"""A site made by `chronicle init` deploys on its first push, however chronicle was installed.

Each case installs chronicle one way into a fresh virtual environment (from a package index, a
git URL at a commit, a local folder, an editable checkout), runs `chronicle init` there, removes
what only this machine has, then does what the Pages workflow does in a second fresh virtual
environment: its install step (`pip install -r requirements.txt`) and its publish step. Nothing
here sees the repository's checkout: chronicle comes from a copy in tmp_path. Slow (marked
`slow`): each case makes two virtual environments and installs the dependencies (from pip's
cache when it can).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest
import yaml

from chronicle.commands.version import DISTRIBUTION, Origin, origin_of, version
from tests.support import run_cli
from tests.commands.test_publish import BASE_URL, GIT_IDENTITY, WORKFLOW, copy_source

WHEEL = f"chronicle_timeline-{version()}-py3-none-any.whl"


def workflow_step(name_has: str) -> str:
    """The `run` text of the Pages workflow's build step whose name or run contains name_has."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    return next(s["run"] for s in steps if name_has in s.get("name", "") + s.get("run", ""))


def clean_env(bin_dir: Path, **extra: str) -> dict[str, str]:
    """This machine's environment (pip's index settings and cache) with bin_dir first on PATH and
    nothing that would point Python at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, "PATH": f"{bin_dir}:/usr/bin:/bin", "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a command; fail the test with its output if it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def fresh_venv(folder: Path) -> Path:
    """A new virtual environment with pip and nothing else; return its bin folder."""
    venv.create(folder, with_pip=True)
    return folder / "bin"


def git_remote(source: Path, tmp_path: Path) -> tuple[str, str]:
    """Commit source into a bare repository (a git server); return its file:// URL and the commit."""
    env = {**clean_env(Path("/usr/bin")), **GIT_IDENTITY}
    bare = tmp_path / "remote.git"
    run(["git", "init", "-q", "--bare", str(bare)], tmp_path, env)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "chronicle"],
                    ["push", "-q", str(bare), "HEAD"]):
        run(["git", *command], source, env)
    commit = run(["git", "rev-parse", "HEAD"], source, env).stdout.strip()
    return bare.as_uri(), commit


def install(kind: str, source: Path, tmp_path: Path, pip: list[str], env: dict[str, str]) -> str:
    """Install chronicle into the first venv the given way; return the requirement init must write."""
    if kind == "index":
        index = tmp_path / "index"  # a package index: a folder of wheels, found by name
        run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(index), str(source)], tmp_path, env)
        run([*pip, "install", "--quiet", "--find-links", str(index), f"{DISTRIBUTION}=={version()}"], tmp_path, env)
        return f"{DISTRIBUTION}=={version()}"
    if kind == "git":
        url, commit = git_remote(source, tmp_path)
        run([*pip, "install", "--quiet", f"git+{url}@{commit}"], tmp_path, env)
        return f"{DISTRIBUTION} @ git+{url.replace('file:///', 'file://localhost/')}@{commit}"
    run([*pip, "install", "--quiet", *(["-e"] if kind == "editable" else []), str(source)], tmp_path, env)
    return f"./vendor/{WHEEL}"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["index", "git", "local", "editable"])
def test_a_new_site_installs_its_requirements_and_publishes(tmp_path: Path, kind: str) -> None:
    source = copy_source(tmp_path / "source")
    maker = fresh_venv(tmp_path / "maker")
    env = clean_env(maker, PIP_FIND_LINKS=str(tmp_path / "index"))
    requirement = install(kind, source, tmp_path, [str(maker / "python"), "-m", "pip"], env)
    if kind == "local":
        assert not (source / "build").exists() and not list(source.glob("*.egg-info"))  # `pip install .`
    made = run([str(maker / "chronicle"), "init", "my-timeline"], tmp_path, env)
    vendored = kind in ("local", "editable")
    assert ("Building chronicle's wheel from" in made.stdout) == vendored
    shutil.rmtree(source)  # only the index or the git server remain
    site = tmp_path / "my-timeline"
    lines = (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert requirement in lines and lines[-1] == (f"{DISTRIBUTION}=={version()}" if vendored else requirement)
    assert (site / "vendor" / WHEEL).is_file() == vendored
    assert ("## chronicle's wheel in vendor/" in (site / "README.md").read_text(encoding="utf-8")) == vendored

    runner = fresh_venv(tmp_path / "runner")  # the workflow's runner: a new Python, this site's files
    runner_env = clean_env(runner, PIP_FIND_LINKS=str(tmp_path / "index"), BASE_URL=BASE_URL, QUALITY_GATES="false")
    run(["bash", "-e", "-c", workflow_step("Install chronicle")], site, runner_env)
    where = run([str(runner / "python"), "-c", "import chronicle; print(chronicle.__file__)"], site, runner_env)
    assert where.stdout.startswith(str(tmp_path / "runner"))
    published = run(["bash", "-e", "-c", workflow_step("python -m chronicle.publish")], site, runner_env)
    assert published.stderr == ""
    assert (site / "_site/index.html").is_file() and (site / "_site/events/first-event.html").is_file()


def test_init_says_in_one_line_when_the_wheel_cannot_be_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "chronicle-src"
    checkout.mkdir()
    (checkout / "pyproject.toml").write_text("[project\n", encoding="utf-8")  # not TOML: pip cannot build it
    monkeypatch.setattr("chronicle.commands.scaffold.origin", lambda: Origin(local_path=str(checkout)))  # an editable install
    made = run_cli("init", "t", cwd=tmp_path)
    assert made.code == 1
    assert len(made.err.splitlines()) == 1
    assert made.err.startswith(f"error: cannot build chronicle's wheel from {checkout}: ")
    assert made.out == f"Building chronicle's wheel from {checkout} (pip wheel --no-deps) into vendor/\n"
    assert not (tmp_path / "t").exists()
    shutil.rmtree(checkout)
    assert run_cli("init", "t", cwd=tmp_path).err == (
        f"error: chronicle was installed from {checkout}, which is gone, so its wheel cannot be built for the new "
        "site; reinstall chronicle from a folder, a git URL or PyPI\n")


ORIGINS = [
    (None, Origin(requirement=f"{DISTRIBUTION}=={version()}")),
    ({"url": "https://github.com/me/chronicle", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
     Origin(requirement=f"{DISTRIBUTION} @ git+https://github.com/me/chronicle@abc123")),
    ({"url": "file:///srv/git/chronicle.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
     Origin(requirement=f"{DISTRIBUTION} @ git+file://localhost/srv/git/chronicle.git@abc123")),
    ({"url": "file:///home/me/chronicle", "dir_info": {"editable": True}}, Origin(local_path="/home/me/chronicle")),
    ({"url": "file:///home/me/my%20chronicle", "dir_info": {}}, Origin(local_path="/home/me/my chronicle")),
    ({"url": "file:///tmp/chronicle_timeline-0.1.0-py3-none-any.whl", "archive_info": {}},
     Origin(local_path="/tmp/chronicle_timeline-0.1.0-py3-none-any.whl")),
    ({"url": "https://example.org/chronicle-0.1.0.tar.gz", "archive_info": {}},
     Origin(requirement=f"{DISTRIBUTION} @ https://example.org/chronicle-0.1.0.tar.gz")),
]


@pytest.mark.parametrize(("direct_url", "expected"), ORIGINS, ids=[str(d)[:50] for d, _ in ORIGINS])
def test_reads_how_chronicle_was_installed_from_direct_url_json(direct_url: dict | None, expected: Origin) -> None:
    assert origin_of(direct_url) == expected
