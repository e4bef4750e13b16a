"""The build manifest: what the last build read and wrote, so a rebuild with nothing changed does nothing.

It lives beside the body cache (`.chronicle-cache/<output name>.manifest.json`). After a build it
records the generator key and options, every input file (content/, the user's layouts, the built-in
layouts and data) with its stat and a content hash, the summary and warnings, and every output
file with its stat and inode. The next build returns that summary without loading anything when
the key, the input files (by stat, or by hash where only the stat changed: a `touch` or a git
checkout is no change) and the output tree (no file edited, deleted or added by hand) all agree.
Any doubt (no manifest, a damaged one, a symlinked folder or special file among the inputs) means
a full build: the manifest can make a build faster, never wrong and never failed.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any, Mapping, Optional

from ..bodies.cache import cache_path, key_of
from ..errors import Problem
from ..options import DEFAULT_LAYOUTS

if TYPE_CHECKING:
    from ..options import Options

FORMAT = 1
PACKAGE_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
_LIBRARIES = ("Jinja2", "MarkupSafe", "PyYAML")  # shape pages but are not in the body cache's key
# A file modified within this long before the scan may change again within the same mtime tick
# (coarse file systems), so its stat is not trusted next time: it is hashed again.
RACY_NS = 2_000_000_000

Stat = tuple[int, int]  # size, mtime_ns
Files = dict[str, list]  # relative path -> [size, mtime_ns, digest]


class Untracked(Exception):
    """An input the manifest cannot vouch for (symlinked folder, special file, unreadable): always build."""


@dataclass(frozen=True)
class Inputs:
    """Every input file below each root (real path), with stat and digest, and the folders."""

    files: Mapping[str, Files]
    folders: Mapping[str, list[str]]


@dataclass(frozen=True)
class Plan:
    """What build() needs from the manifest: where it is, the inputs now, and the summary to reuse if any."""

    path: str
    key: str
    inputs: Inputs
    unchanged: Optional[dict[str, Any]]  # the recorded Summary fields (without seconds), or None


def manifest_path(output: str) -> str:
    """`<parent>/.chronicle-cache/<output name>.manifest.json`, beside the body cache."""
    return os.path.splitext(cache_path(output))[0] + ".manifest.json"


def build_key(options: Options) -> str:
    """Everything besides the input files that shapes the output or the printed lines."""
    versions = [f"{name}={_version(name)}" for name in _LIBRARIES]
    paths = (options.content, options.layouts, options.output)
    where = [os.getcwd(), *(os.path.realpath(p) for p in paths)]  # warnings print paths relative to cwd
    settings = [*paths, str(options.drafts), repr(options.base_url), repr(os.environ.get("SOURCE_DATE_EPOCH"))]
    return key_of("manifest", str(FORMAT), sys.version, *versions, *where, *settings)


def plan_build(options: Options) -> Plan | None:
    """Read the inputs and the manifest; None when the inputs cannot be tracked (build, record nothing)."""
    path = manifest_path(options.output)
    key = build_key(options)
    recorded = _read(path)
    try:
        inputs = scan_inputs(_roots(options.content, options.layouts), _hints(recorded))
    except Untracked:
        return None
    unchanged = None
    if recorded:
        with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError, IndexError):
            unchanged = _unchanged(recorded, key, inputs, os.path.realpath(options.output))
    if unchanged is not None and _stats_moved(recorded["inputs"], inputs.files):
        _write(path, {**recorded, "inputs": inputs.files})  # touched files: next time no hashing
    return Plan(path, key, inputs, unchanged)


def record_build(plan: Plan, output: str, summary: Any) -> None:
    """Record a successful build (call while holding the output's lock, after the swap)."""
    fields = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary) if f.name != "seconds"}
    fields["notes"] = list(fields["notes"])
    fields["warnings"] = [dataclasses.astuple(p) for p in fields["warnings"]]
    try:
        outputs, folders = scan_output(os.path.realpath(output))
    except OSError:
        _remove(plan.path)  # plan.path: the manifest of the output as given, which may be a symlink
        return
    _write(plan.path, {"format": FORMAT, "key": plan.key, "inputs": plan.inputs.files,
                       "input_folders": plan.inputs.folders, "outputs": outputs,
                       "output_folders": folders, "summary": fields})


def forget_build(output: str) -> None:
    """Keep only what the output holds: its inputs could not be tracked, so no later build may skip.

    The list of output files stays, so the next build still knows which files chronicle wrote.
    """
    try:
        outputs, folders = scan_output(os.path.realpath(output))
    except OSError:
        _remove(manifest_path(output))
        return
    _write(manifest_path(output), {"format": FORMAT, "key": None, "outputs": outputs, "output_folders": folders})


def recorded_outputs(output: str) -> set[str]:
    """The files the last recorded build wrote into output (relative paths); empty when unknown."""
    recorded = _read(manifest_path(output))
    outputs = recorded.get("outputs") if recorded else None
    return set(outputs) if isinstance(outputs, dict) else set()


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def _unchanged(recorded: dict, key: str, inputs: Inputs, target: str) -> dict[str, Any] | None:
    """The recorded Summary fields if nothing changed since; None otherwise."""
    if recorded["format"] != FORMAT or recorded["key"] != key or recorded["input_folders"] != inputs.folders:
        return None
    if not _same_digests(recorded["inputs"], inputs.files):  # equal stats reused the recorded digests
        return None
    try:
        outputs, folders = scan_output(target)
    except OSError:
        return None
    if outputs != recorded["outputs"] or folders != recorded["output_folders"]:
        return None
    return _summary_fields(recorded["summary"])


def _summary_fields(recorded: dict) -> dict[str, Any]:
    """The Summary fields (but seconds) as recorded; KeyError, TypeError or ValueError when malformed."""
    counts = {name: int(recorded[name]) for name in ("pages", "files", "events", "people", "places")}
    notes = tuple(str(note) for note in recorded["notes"])
    warnings = tuple(Problem(str(p), int(n), str(m), bool(w)) for p, n, m, w in recorded["warnings"])
    return {**counts, "notes": notes, "warnings": warnings}


def _same_digests(recorded: Mapping[str, Files], files: Mapping[str, Files]) -> bool:
    """Same roots, same files and the same content in each (stats may differ)."""
    if recorded.keys() != files.keys():
        return False
    return all(recorded[root].keys() == found.keys()
               and all(recorded[root][rel][2] == entry[2] for rel, entry in found.items())
               for root, found in files.items())


def _stats_moved(recorded: Mapping[str, Files], files: Mapping[str, Files]) -> bool:
    return any(recorded[root][rel][:2] != entry[:2] for root, found in files.items() for rel, entry in found.items())


def _hints(recorded: dict | None) -> dict[str, Files]:
    """The recorded input files by root, when well formed: their digests need no rehashing."""
    inputs = recorded.get("inputs") if recorded else None
    if not isinstance(inputs, dict) or not all(isinstance(v, dict) for v in inputs.values()):
        return {}
    return inputs


def _roots(content: str, layouts: str) -> list[str]:
    """The folders whose files can change the output: content, the user's layouts, the built-in ones, data."""
    return list(dict.fromkeys(os.path.realpath(p) for p in (content, layouts, DEFAULT_LAYOUTS, PACKAGE_DATA)))


def scan_inputs(roots: list[str], recorded: Mapping[str, Files]) -> Inputs:
    """Stat every file below roots; hash those whose stat is not the recorded one (or was racy)."""
    now = time.time_ns()
    files: dict[str, Files] = {}
    folders: dict[str, list[str]] = {}
    for root in roots:
        found, folders[root] = _walk_inputs(root)
        known = recorded.get(root, {})
        files[root] = {rel: _entry(os.path.join(root, rel), info, link, known.get(rel), now)
                       for rel, (info, link) in found.items()}
    return Inputs(files, folders)


def _walk_inputs(root: str) -> tuple[dict[str, tuple[os.stat_result, bool]], list[str]]:
    """Every regular file below root with its stat and whether it is a symlink, and every folder.

    Untracked for anything else (a symlinked folder the build may follow, a FIFO a hash would block on).
    """
    files: dict[str, tuple[os.stat_result, bool]] = {}
    folders: list[str] = []
    pending = [""]
    while pending:
        rel_dir = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(root, rel_dir)))
        except FileNotFoundError:
            continue  # a missing folder (no layouts/): the build says whether that matters
        except OSError as exc:
            raise Untracked(str(exc)) from None
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_symlink() and entry.is_dir():
                raise Untracked(rel)
            if entry.is_dir():
                folders.append(rel)
                pending.append(rel)
                continue
            info = _stat(entry)
            if not stat.S_ISREG(info.st_mode):
                raise Untracked(rel)
            files[rel] = (info, entry.is_symlink())
    return files, sorted(folders)


def _stat(entry: os.DirEntry) -> os.stat_result:
    try:
        return entry.stat()
    except OSError as exc:  # a broken symlink: the build reports it
        raise Untracked(str(exc)) from None


def _entry(path: str, info: os.stat_result, link: bool, known: list | None, now: int) -> list:
    """[size, mtime_ns, digest]: the recorded digest when the stat is unchanged, else a fresh hash.

    A racy or symlinked file is recorded with mtime -1 so that it is hashed again next time
    (a symlink can be pointed at another file with the same stat).
    """
    size, mtime = info.st_size, info.st_mtime_ns
    if isinstance(known, list) and len(known) == 3 and known[:2] == [size, mtime]:
        return [size, mtime, known[2]]
    trusted = not link and now - mtime >= RACY_NS
    return [size, mtime if trusted else -1, _digest(path)]


def _digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else hashlib.sha256(handle.read()).hexdigest()
    except OSError as exc:
        raise Untracked(str(exc)) from None


def scan_output(target: str) -> tuple[dict[str, list[int]], list[str]]:
    """Every file below the output folder with [size, mtime_ns, inode], and every folder."""
    files: dict[str, list[int]] = {}
    folders: list[str] = []
    pending = [""]
    while pending:
        rel_dir = pending.pop()
        for entry in os.scandir(os.path.join(target, rel_dir)):
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(rel)
                pending.append(rel)
            else:
                info = entry.stat(follow_symlinks=False)
                files[rel] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return files, sorted(folders)


def _read(path: str) -> dict | None:
    """The manifest as recorded, or None when missing or unreadable."""
    try:
        with open(path, "rb") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: str, data: dict) -> None:
    """Write atomically (temporary file, then rename); a manifest that cannot be written is no error."""
    temporary = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".manifest.", dir=os.path.dirname(path))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError, TypeError):
            os.remove(temporary)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
