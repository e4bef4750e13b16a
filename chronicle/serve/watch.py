"""File-system events for `serve`: rebuild in a background thread, then tell browsers to reload.

watchfiles (inotify, FSEvents or ReadDirectoryChangesW through the Rust `notify` crate) reports
an edit within milliseconds and costs nothing while idle, where stat-polling every file every
800 ms cost seconds at 10,000 entries. Without watchfiles, livereload's own polling is used.
"""
from __future__ import annotations

import threading
from typing import Callable, Sequence

from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher

DEBOUNCE_MS = 400  # a burst of saves (an editor writing a backup, then the file) is one rebuild
STEP_MS = 20  # quiet time after the last event before rebuilding
RETRY_S = 1.0  # after the watcher itself failed (a watched folder removed): try again this often


class EventWatcher(Watcher):
    """livereload's watcher with nothing to poll: our thread reports changes instead."""

    def start(self, callback: Callable[[], None]) -> bool:  # noqa: D102 (livereload's API)
        return True  # True: livereload starts no polling of its own

    def examine(self) -> tuple[None, None]:  # noqa: D102 (livereload's API)
        return None, None


def reload_browsers() -> None:
    """Ask every connected page to reload (on the server's event loop)."""
    LiveReloadHandler.reload_waiters(path="*")


class Watching(threading.Event):
    """The watcher's stop event, and its thread, to be joined before the process exits."""

    thread: threading.Thread

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching and wait for the thread: one still inside watchfiles' native code when the
        interpreter shuts down aborted the process on Python 3.10 ("exception not rethrown")."""
        self.set()
        self.thread.join(timeout)


def watch_in_background(folders: Sequence[str], rebuild: Callable[[set[str]], bool],
                        reload: Callable[[], None], failed: Callable[[Exception], None]) -> Watching:
    """Rebuild (then reload) after each burst of changes below folders; set the returned event to stop.

    rebuild gets the paths that changed (empty when only polling could tell that something did).
    An exception is passed to failed and watching starts again: the thread never ends before stop.
    """
    stop = Watching()
    stop.thread = threading.Thread(target=_keep_watching, args=(folders, rebuild, reload, failed, stop),
                                   daemon=True, name="chronicle-watch")
    stop.thread.start()
    return stop


def _keep_watching(folders: Sequence[str], rebuild: Callable[[set[str]], bool], reload: Callable[[], None],
                   failed: Callable[[Exception], None], stop: threading.Event) -> None:
    last = ""
    while not stop.is_set():
        try:
            _watch(folders, lambda changed: _step(rebuild, reload, failed, changed), stop)
        except Exception as exc:  # noqa: BLE001 (reported; a dead watcher would freeze the preview silently)
            if repr(exc) != last:  # once, not every RETRY_S while a watched folder stays missing
                failed(exc)
                reload()  # so open pages show the overlay
            last = repr(exc)
            stop.wait(RETRY_S)


def _step(rebuild: Callable[[set[str]], bool], reload: Callable[[], None], failed: Callable[[Exception], None],
          changed: set[str]) -> None:
    """Rebuild, then reload (also after a failure: pages then show the error overlay)."""
    try:
        rebuild(changed)
    except Exception as exc:  # noqa: BLE001 (reported; the watcher goes on with the next edit)
        failed(exc)
    reload()


def _watch(folders: Sequence[str], changed: Callable[[set[str]], None], stop: threading.Event) -> None:
    try:
        from watchfiles import watch
    except ImportError:
        return _poll(folders, changed, stop)
    for changes in watch(*folders, stop_event=stop, debounce=DEBOUNCE_MS, step=STEP_MS,
                         raise_interrupt=False):
        changed({path for _, path in changes})


def _poll(folders: Sequence[str], changed: Callable[[set[str]], None], stop: threading.Event) -> None:
    """The fallback: livereload's stat-polling watcher, asked twice a second."""
    watcher = Watcher()
    for folder in folders:
        watcher.watch(folder)
    while not stop.wait(0.5):
        if watcher.examine()[0]:
            changed(set())
