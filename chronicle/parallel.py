"""Run a pure function over slices of a list on every core: the parent and forked children.

Each child inherits the site and templates by fork (nothing is pickled on the way in), works
through its slice and sends the results back through a pipe (the render stage's results are
small: each process writes its own files). Where fork is missing (Windows) or the list
is short, everything runs in this process. The output never depends on how the work was split.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import traceback
from typing import Callable, Sequence, TypeVar

from .errors import BuildFailed, OutputError

Item = TypeVar("Item")
Result = TypeVar("Result")

PR_SET_PDEATHSIG = 1  # linux/prctl.h
MIN_ITEMS = 200  # below this, forking costs more than it saves


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells), at least 1."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13: the affinity, where there is one
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):  # a container or `taskset` may allow fewer than cpu_count()
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def split_map(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
              workers: int | None = None) -> list[Result]:
    """work(items) computed in `workers` slices at once (None: one per available core), in the order of items."""
    workers = available_cores() if workers is None else workers
    if workers < 2 or len(items) < MIN_ITEMS or not _can_fork():
        return work(items)
    size = -(-len(items) // workers)
    slices = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    children = []
    for part in slices[1:]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(work, part, sender, os.getpid()), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver))
    try:
        results = work(slices[0])
        for child, receiver in children:
            results += _collect(child, receiver)
    finally:
        for child, _ in children:  # after a failure here, the children's work is not wanted
            if child.is_alive():
                child.terminate()
                child.join()
    return results


def _end_with_parent(parent: int) -> None:
    """Let the kernel kill this process when its parent dies (Linux).

    A killed build's orphaned worker would go on writing and keep the output's lock, which it
    inherited, so the next build found the lock taken. Elsewhere the worker ends with its work.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def _child(work: Callable, part: Sequence, sender, parent: int) -> None:
    """In the child: run work on its slice and send ("ok", results) or what went wrong."""
    _end_with_parent(parent)
    try:
        sender.send(("ok", work(part)))
    except OutputError as failure:  # the output folder: still one `error: ...` line in the parent
        sender.send(("output", (failure.problems[0].path, failure.message)))
    except BuildFailed as failure:  # BuildFailed does not survive pickling: send its problems
        sender.send(("failed", failure.problems))
    except BaseException:  # noqa: BLE001 - re-raised in the parent with the child's traceback
        sender.send(("crashed", traceback.format_exc()))
    finally:
        sender.close()


def _collect(child, receiver) -> list:
    """The child's results; its failure raised here as if the parent had run the slice."""
    try:
        kind, value = receiver.recv()
    except EOFError:
        kind, value = "crashed", f"worker process ended with exit code {child.exitcode}"
    finally:
        receiver.close()
        child.join()
    if kind == "output":
        raise OutputError(*value)
    if kind == "failed":
        raise BuildFailed(value)
    if kind == "crashed":
        raise RuntimeError(f"a render worker failed:\n{value}")
    return value
