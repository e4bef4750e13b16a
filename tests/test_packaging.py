"""Ready to release: `python -m build` makes an sdist and a wheel that twine accepts, and the
wheel carries the default layouts without a symlink (a Windows checkout has none).

The checkout is copied first, without any symlink, so the build writes nothing into the
repository and proves it needs none.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from chronicle import __version__
from tests.support import DEMO, ROOT, build

DIST = f"chronicle_timeline-{__version__}"


def copy_checkout(target: Path) -> Path:
    """What a release is built from, copied with symlinks refused (as on Windows)."""
    target.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "build.py"):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("chronicle", "layouts"):
        shutil.copytree(ROOT / folder, target / folder, ignore=_pycache_and_symlinks)
    return target


def _pycache_and_symlinks(folder: str, names: list[str]) -> set[str]:
    """Left out of the copy: caches, and any symlink, which a Windows checkout would not have."""
    return {n for n in names if n == "__pycache__" or os.path.islink(os.path.join(folder, n))}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` run in a copy of the checkout, as a maintainer types it there."""
    work = tmp_path_factory.mktemp("release")
    source = copy_checkout(work / "source")
    made = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist")],
                          cwd=source, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    return work / "dist"


def test_python_m_build_makes_an_sdist_and_a_wheel_that_twine_accepts(dist: Path) -> None:
    names = sorted(p.name for p in dist.iterdir())
    assert names == [f"{DIST}-py3-none-any.whl", f"{DIST}.tar.gz"]
    checked = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2


def test_the_wheel_carries_every_layout_file_and_the_sdist_the_layouts_folder(dist: Path) -> None:
    layouts = sorted(p.relative_to(ROOT / "layouts").as_posix() for p in (ROOT / "layouts").rglob("*") if p.is_file())
    with zipfile.ZipFile(dist / f"{DIST}-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        shipped = sorted(n.removeprefix("chronicle/layouts/") for n in wheel.namelist()
                         if n.startswith("chronicle/layouts/"))
        assert f"Version: {__version__}" in wheel.read(f"{DIST}.dist-info/METADATA").decode()
    assert shipped == layouts
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "chronicle").rglob("*.py")
                     if "__pycache__" not in p.parts and p.parent.name != "data")
    assert [m for m in modules if m not in names] == []  # every stage folder is a package of the wheel
    with tarfile.open(dist / f"{DIST}.tar.gz") as sdist:
        in_sdist = {n.removeprefix(f"{DIST}/") for n in sdist.getnames()}
    assert {f"layouts/{name}" for name in layouts} <= in_sdist
    assert not [name for name in in_sdist if name.startswith("chronicle/layouts")]


def test_the_wheel_in_a_fresh_venv_builds_the_same_site_as_the_checkout(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
        if key in os.environ:
            env[key] = os.environ[key]
    installed = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                                str(dist / f"{DIST}-py3-none-any.whl")],
                               cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr[-2000:]
    shutil.copytree(DEMO, tmp_path / "project/content")
    built = subprocess.run([str(bin_dir / "chronicle"), "build"], cwd=tmp_path / "project", env=env,
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[-1].startswith("Built 27 pages")
    reference = build(DEMO, tmp_path / "reference")
    assert reference.code == 0, reference.err
    assert _same_tree(tmp_path / "project/site", tmp_path / "reference")


def _same_tree(left: Path, right: Path) -> bool:
    """Every file byte-identical, in every subfolder (dircmp only compares the top level)."""
    files = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    return files == sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file()) and all(
        (left / f).read_bytes() == (right / f).read_bytes() for f in files)
