"""A new site's copy of this chronicle when no package index or git URL can name it.

`chronicle init` from a local folder or an editable checkout builds that source's wheel with
pip and puts it in the site's vendor/ folder, so the Pages workflow installs the very same code.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from typing import TextIO

VENDOR = "vendor"


class VendorError(Exception):
    """The wheel could not be built; the message is one line."""


def vendor_wheel(source: str, site: str, out: TextIO) -> str:
    """Build source's wheel into site/vendor/; return its path relative to site."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir"]
    if not os.path.exists(source):
        raise VendorError(f"chronicle was installed from {source}, which is gone, so its wheel cannot be "
                          "built for the new site; reinstall chronicle from a folder, a git URL or PyPI")
    print(f"Building chronicle's wheel from {source} (pip wheel --no-deps) into {VENDOR}/", file=out, flush=True)
    with tempfile.TemporaryDirectory(prefix="chronicle-wheel-") as wheels:
        try:
            done = subprocess.run([*command, wheels, source], capture_output=True, text=True, check=False)
        except OSError as exc:
            raise VendorError(f"cannot build chronicle's wheel from {source}: {exc}") from None
        built = [name for name in os.listdir(wheels) if name.endswith(".whl")]
        if done.returncode != 0 or len(built) != 1:
            raise VendorError(f"cannot build chronicle's wheel from {source}: {last_line(done.stderr)}")
        os.makedirs(os.path.join(site, VENDOR), exist_ok=True)
        shutil.copy2(os.path.join(wheels, built[0]), os.path.join(site, VENDOR, built[0]))
    return f"{VENDOR}/{built[0]}"


def last_line(stderr: str) -> str:
    """The line of pip's output that says what went wrong (its last non-empty, non-hint line)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and not line.lstrip().startswith("hint:")]
    errors = [line for line in lines if line.startswith("ERROR:") or line.startswith("error:")]
    return (errors or lines or ["pip gave no reason"])[-1]
