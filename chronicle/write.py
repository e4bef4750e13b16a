"""Write stage: the only module that touches the output folder.

Files go to a temporary folder beside the target, which is swapped in only when everything
was written, so a failed or killed build never leaves a half-written or missing site. Files
whose bytes did not change are hard links to the previous site's, so they keep their mtimes and
cost no write. The swap is one atomic rename-exchange where the system has it (Linux renameat2);
elsewhere two renames, and a kill between them is repaired by the next build
(outputdir.repair_output).
"""
from __future__ import annotations

import ctypes
import errno
import os
import stat
import tempfile

from .errors import OutputError
from .outputdir import MARKER, MARKER_TEXT, describe, made_by_us, old_path, remove_tree, shown, staging_prefix

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def write_site(files: dict[str, bytes], output_dir: str, previous: dict[str, bytes] | None = None) -> None:
    """Write all files into output_dir atomically, replacing what was there; OSError -> OutputError.

    previous: the files this process wrote there last time (serve), so unchanged ones are
    known without reading them back.
    """
    output_dir = os.path.abspath(output_dir)
    staging = None
    try:
        _refuse_foreign(output_dir)
        os.makedirs(os.path.dirname(output_dir), exist_ok=True)
        staging = tempfile.mkdtemp(prefix=staging_prefix(output_dir), dir=os.path.dirname(output_dir))
        if not _link_unchanged(output_dir, staging, MARKER, MARKER_TEXT, None):
            _write_file(staging, MARKER, MARKER_TEXT)  # first, so a killed build's folder is recognised
        for path in sorted(files):
            if not _link_unchanged(output_dir, staging, path, files[path], previous):
                _write_file(staging, path, files[path])
        _swap(staging, output_dir)
    except OSError as exc:
        _discard(staging)
        raise OutputError(output_dir, f"cannot write {shown(output_dir)}: {describe(exc)}; "
                                      "the previous site is unchanged") from None
    except BaseException:
        _discard(staging)
        raise


def _refuse_foreign(output_dir: str) -> None:
    """Never replace a folder an earlier build did not make (the pipeline's guard says why first)."""
    if os.path.isdir(output_dir) and os.listdir(output_dir) and not made_by_us(output_dir):
        raise OutputError(output_dir, f"refusing to replace {shown(output_dir)}: it was not made by this generator")


def _write_file(root: str, path: str, data: bytes) -> None:
    target = os.path.join(root, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)


def _link_unchanged(output_dir: str, staging: str, path: str, data: bytes,
                    previous: dict[str, bytes] | None) -> bool:
    """Hard-link the previous site's file into staging when its bytes are data; False to write it.

    An unchanged file so keeps its inode and mtime (rsync and browsers see it unchanged) and
    costs no write; the swap stays atomic because the new tree is still complete before it.
    """
    old = os.path.join(output_dir, *path.split("/"))
    try:
        info = os.lstat(old)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        if previous is None or previous.get(path) != data:
            fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                if handle.read(len(data) + 1) != data:
                    return False
        target = os.path.join(staging, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(old, target, follow_symlinks=False)
        return True
    except OSError:
        return False  # missing, unreadable, or a file system without hard links: write it


def _swap(staging: str, output_dir: str) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a site folder is not
    if not os.path.lexists(output_dir):
        os.rename(staging, output_dir)
        return
    if exchange(staging, output_dir):
        _discard(staging)  # now holds the previous site
        return
    old = old_path(output_dir, staging)
    os.rename(output_dir, old)
    try:
        os.rename(staging, output_dir)
    except OSError:
        os.rename(old, output_dir)  # put the previous site back
        raise
    _discard(old)


def exchange(first: str, second: str) -> bool:
    """Swap two paths in one atomic step; False where the system cannot (not Linux, old kernel, some file systems)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), second)


def _discard(folder: str | None) -> None:
    """Delete a temporary folder; the new site is in place, so a failure here is not the build's."""
    if folder and os.path.isdir(folder):
        try:
            remove_tree(folder)
        except OSError:
            pass  # the next build removes it (outputdir.repair_output)
