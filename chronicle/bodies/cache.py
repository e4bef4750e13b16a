"""The build cache: rendered bodies kept between builds, keyed by everything they depend on.

It lives in `.chronicle-cache/` beside the output folder (git-ignores it; deleting it only makes
the next build slower). Keys are sha256 digests of the generator's own code, the settings and the
inputs, so a changed body, setting, wiki-link target or generator never reuses a stale value.
A damaged or unreadable cache is treated as empty: the cache can make a build faster, never fail it.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from functools import lru_cache
from importlib import metadata
from typing import Iterable, Iterator

CACHE_DIR = ".chronicle-cache"
_LIBRARIES = ("Markdown", "nh3")


def cache_path(output: str) -> str:
    """`<parent>/.chronicle-cache/<output name>.sqlite`, beside the output folder."""
    parent, name = os.path.split(os.path.abspath(output))
    return os.path.join(parent, CACHE_DIR, f"{name}.sqlite")


def _modules(package: str) -> list[str]:
    """Every .py file of the package, in every stage folder, in a fixed order."""
    found = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
    return found


@lru_cache(maxsize=1)  # the code does not change while a process runs
def generator_version() -> str:
    """A digest of the package's code and the versions of the libraries that turn Markdown into HTML."""
    digest = hashlib.sha256()
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for path in _modules(package):  # any module of any stage may shape a body
        digest.update(os.path.relpath(path, package).encode())
        with open(path, "rb") as handle:
            digest.update(handle.read())
    for library in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)};".encode())
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    """The cache key of a value computed from parts (and the generator's code)."""
    digest = hashlib.sha256(generator_version().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


class BodyCache:
    """Rendered bodies by key, in one SQLite file (None: no file)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._db = self._open() if path else None

    def _open(self) -> sqlite3.Connection | None:
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
            # A cache need not survive a power cut: without a sync per commit, opening and
            # storing take well under a millisecond instead of 20-100 ms. A file damaged by a
            # crash raises sqlite3.Error, and _discard removes it so the next build starts afresh.
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
            return db
        except (OSError, sqlite3.Error):
            self._remove()  # damaged: start again next time
            return None

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The cached values of those keys that are cached."""
        found: dict[str, str] = {}
        if self._db is None:
            return found
        try:
            for key in keys:
                if key not in found:
                    row = self._db.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
                    if row:
                        found[key] = row[0]
        except sqlite3.Error:
            self._discard()
            return {}
        return found

    def store(self, values: dict[str, str], used: set[str] | None = None) -> None:
        """Add values; with `used` (every key this build used), drop the rest once stale rows outnumber live ones."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", values.items())
                (rows,) = self._db.execute("SELECT COUNT(*) FROM bodies").fetchone()
                if used is not None and rows > 2 * len(used) + 100:
                    self._prune(used)
        except sqlite3.Error:
            self._discard()  # a cache that cannot be written only makes the next build slower

    def _prune(self, used: set[str]) -> None:
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM used")
        self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in used))
        self._db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM used)")

    def close(self) -> None:
        """Close the file; the cache object is not used after this."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _discard(self) -> None:
        """Close and delete a damaged file; this build goes on without a cache."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        self._db = None
        self._remove()

    def _remove(self) -> None:
        with contextlib.suppress(OSError):
            os.remove(self.path)


@contextlib.contextmanager
def body_cache(output: str | None) -> Iterator[BodyCache]:
    """The cache beside output (no file for None), closed afterwards."""
    cache = BodyCache(cache_path(output) if output else None)
    try:
        yield cache
    finally:
        cache.close()
