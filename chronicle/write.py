"""Write stage: the only module that touches the output folder.

Files go to a temporary folder beside the target, which is swapped in only
when everything was written, so a failed build never leaves a half-written site.
"""
from __future__ import annotations

import os
import shutil
import tempfile


def write_site(files: dict[str, bytes], output_dir: str) -> None:
    """Write all files into output_dir atomically, replacing what was there."""
    output_dir = os.path.abspath(output_dir)
    parent = os.path.dirname(output_dir)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".build-", dir=parent)
    try:
        for path in sorted(files):
            _write_file(staging, path, files[path])
        _swap(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_file(root: str, path: str, data: bytes) -> None:
    target = os.path.join(root, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)


def _swap(staging: str, output_dir: str) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a site folder is not
    if not os.path.exists(output_dir):
        os.rename(staging, output_dir)
        return
    old = output_dir + ".old-" + os.path.basename(staging)
    os.rename(output_dir, old)
    try:
        os.rename(staging, output_dir)
    except OSError:
        os.rename(old, output_dir)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
