"""Which paths below content/ may be read: regular files that stay inside the content folder.

A symlink out of content/ would publish whatever it points at (~/.ssh, /etc) on a public site,
and a FIFO or device would block the build or never end; both are refused before a byte is read.
Symlinks that stay inside content/ are followed for files (one image under two names is
harmless) but not for folders, whose links could loop or repeat a tree.
"""
from __future__ import annotations

import os
import stat

from ..errors import Problem

KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device"}


def path_problem(path: str, root: str, folder: bool = False) -> Problem | None:
    """Why path (a file, or a folder if asked) must not be read as content below root; None if it may."""
    if not os.path.lexists(path):
        return None  # missing: the caller knows whether that matters
    if not os.path.exists(path):
        return Problem(path, 0, f"broken symlink: {os.readlink(path)} does not exist")
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return Problem(path, 0, f"symlink points outside {os.path.basename(real_root)}/: {real}")
    mode = os.stat(path).st_mode
    if folder:
        return None if stat.S_ISDIR(mode) else Problem(path, 0, "should be a folder, but is a file")
    if stat.S_ISDIR(mode):
        return Problem(path, 0, "is a folder where a file belongs: it must be a file")
    if not stat.S_ISREG(mode):
        return Problem(path, 0, f"is {KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not a file: "
                                "only regular files are read")
    return None


def list_files(folder: str, root: str, problems: list[Problem]) -> list[str]:
    """Every readable file below folder, sorted; problems for links out, loops and special files."""
    refused = path_problem(folder, root, folder=True)
    if refused or not os.path.isdir(folder):
        problems.extend([refused] if refused else [])
        return []
    found = []
    for parent, dirs, names in os.walk(folder):  # never follows folder links, so never loops
        dirs.sort()
        for name in [d for d in dirs if os.path.islink(os.path.join(parent, d))]:
            path = os.path.join(parent, name)
            problems.append(path_problem(path, root, folder=True) or Problem(
                path, 0, "symlinked folder is not followed (it could loop): move or copy the files instead"))
        for name in sorted(names):
            path = os.path.join(parent, name)
            refused = path_problem(path, root)
            problems.extend([refused] if refused else [])
            found += [] if refused else [path]
    return found
