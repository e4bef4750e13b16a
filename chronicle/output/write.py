"""Write stage: the only module that touches the output folder.

Files go to a temporary folder beside the target as they are rendered (by every render process:
nothing holds the whole site in memory), and the folder is swapped in only when everything was
written, so a failed or killed build never leaves a half-written or missing site. Files whose
bytes did not change are hard links to the previous site's, so they keep their mtimes and cost
no write. The swap is one atomic rename-exchange where the system has it (Linux renameat2);
elsewhere two renames, and a kill between them is repaired by the next build
(outputdir.repair_output).
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import stat
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..errors import OutputError, display_path
from .outputdir import (MARKER, MARKER_TEXT, describe, foreign_files, forget_made, made_by_us, note_made, old_path,
                        remove_tree, shown, staging_prefix)

AT_FDCWD = -100
_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile.mkdtemp names, so SUFFIX matches
RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class Written:
    """What a render process reports about a file it wrote: its path."""

    path: str


@dataclass(frozen=True)
class Staging:
    """The temporary folder the new site is written into, beside the output folder it replaces.

    A forked render process inherits it and writes its own files; only their Written facts travel back.
    """

    output: str  # the output folder, absolute
    folder: str  # the temporary folder

    def put(self, path: str, data: bytes) -> Written:
        """Write one file (or hard-link the previous site's identical one); OSError -> OutputError."""
        try:
            if not _link_unchanged(self.output, self.folder, path, data):
                _write_file(self.folder, path, data)
        except OSError as exc:
            raise _write_error(self.output, exc) from None
        return Written(path)

    def read(self, path: str) -> bytes:
        """A file written into the folder (for the service worker's version, which hashes them all)."""
        try:
            return _read(os.path.join(self.folder, *path.split("/")))
        except OSError as exc:
            raise _write_error(self.output, exc) from None


class StagedFiles(Mapping[str, bytes]):
    """Files written into a Staging, by path, read back one at a time when asked (never all at once)."""

    def __init__(self, staging: Staging, paths: Iterable[str]) -> None:
        self._staging = staging
        self._paths = list(dict.fromkeys(paths))

    def __getitem__(self, path: str) -> bytes:
        return self._staging.read(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


@contextlib.contextmanager
def staged_site(output_dir: str) -> Iterator[Staging]:
    """A Staging to write the new site into, swapped in for output_dir when the block ends.

    Any exception in the block (a BuildFailed in either render process) removes the temporary
    folder and leaves the previous site untouched. Call while holding the output's lock: another
    build's repair_output deletes temporary folders it finds.
    """
    output_dir = os.path.abspath(output_dir)
    folder = _open_staging(output_dir)
    try:
        yield Staging(output_dir, folder)
        _refuse_unrecorded(output_dir, folder)
    except BaseException:
        _discard(folder)
        raise
    try:
        _swap(folder, output_dir)
    except OSError as exc:
        _discard(folder)
        raise _write_error(output_dir, exc) from None
    except BaseException:
        _discard(folder)
        raise
    forget_made(output_dir)


def _open_staging(output_dir: str) -> str:
    """Make the temporary folder, the marker first so a killed build's folder is recognised as ours."""
    folder = None
    try:
        _refuse_foreign(output_dir)
        os.makedirs(os.path.dirname(output_dir), exist_ok=True)
        folder = _make_staging(output_dir)
        if not _link_unchanged(output_dir, folder, MARKER, MARKER_TEXT):
            _write_file(folder, MARKER, MARKER_TEXT)
        return folder
    except OSError as exc:
        _discard(folder)
        raise _write_error(output_dir, exc) from None


def _make_staging(output_dir: str) -> str:
    """A new private folder `.build-<name>.<8 random>` beside output_dir, recorded before it exists."""
    parent = os.path.dirname(output_dir)
    for _ in range(100):
        name = staging_prefix(output_dir) + "".join(secrets.choice(_NAME_LETTERS) for _ in range(8))
        note_made(output_dir, name)
        try:
            os.mkdir(os.path.join(parent, name), 0o700)
            return os.path.join(parent, name)
        except FileExistsError:  # someone else's folder: never ours to delete
            note_made(output_dir, name, made=False)
        except OSError:
            note_made(output_dir, name, made=False)
            raise
    raise FileExistsError(errno.EEXIST, "no free name for a temporary folder", parent)


def _refuse_unrecorded(output_dir: str, staging: str) -> None:
    """Stop before the swap when the output holds a file no build of ours wrote: the swap would delete it."""
    foreign = foreign_files(output_dir, staging)
    if not foreign:
        return
    more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
    raise OutputError(output_dir, f"refusing to build into {shown(output_dir)}: {display_path(os.path.join(output_dir, foreign[0]))}"
                                  f"{more} was not written by chronicle; move it into content/assets/ to publish "
                                  "it, or out of the folder, or choose another --output")


def _write_error(output_dir: str, exc: OSError) -> OutputError:
    return OutputError(output_dir, f"cannot write {shown(output_dir)}: {describe(exc)}; "
                                   "the previous site is unchanged")


def _refuse_foreign(output_dir: str) -> None:
    """Never replace a folder an earlier build did not make (the pipeline's guard says why first)."""
    if os.path.isdir(output_dir) and os.listdir(output_dir) and not made_by_us(output_dir):
        raise OutputError(output_dir, f"refusing to replace {shown(output_dir)}: it was not made by this generator")


def _write_file(root: str, path: str, data: bytes) -> None:
    target = os.path.join(root, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:  # written twice (a later writer wins): never truncate a link to the old site
        os.unlink(target)
        fd = os.open(target, flags, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _link_unchanged(output_dir: str, staging: str, path: str, data: bytes) -> bool:
    """Hard-link the previous site's file into staging when its bytes are data; False to write it.

    An unchanged file so keeps its inode and mtime (rsync and browsers see it unchanged) and
    costs no write; the swap stays atomic because the new tree is still complete before it.
    """
    old = os.path.join(output_dir, *path.split("/"))
    try:
        info = os.lstat(old)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            if handle.read(len(data) + 1) != data:
                return False
        target = os.path.join(staging, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(old, target, follow_symlinks=False)
        except FileExistsError:  # written twice: the later bytes win
            os.unlink(target)
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
    note_made(output_dir, os.path.basename(old))  # a kill between the renames: the next build puts it back
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
