"""A status line on stderr for builds that take a while: only on a terminal, never when piped."""
from __future__ import annotations

import threading
import time
from typing import TextIO

DELAY = 2.0  # seconds before the first line: short builds stay silent
INTERVAL = 0.5


class Progress:
    """Shows `building: <stage> (12.3 s)` on one rewritten line until the build ends.

    Mutable on purpose: the build names its stage, a timer thread prints it.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream if stream is not None and _is_terminal(stream) else None
        self.stage = "loading"
        self._delay, self._interval = DELAY, INTERVAL
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._thread = threading.Thread(target=self._run, daemon=True, name="chronicle-progress")

    def __enter__(self) -> Progress:
        if self.stream is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self._stop.set()
            self._thread.join()
            if self._shown:  # clear the line, so the summary or the errors start on a clean one
                self.stream.write("\r\033[K")
                self.stream.flush()

    def _run(self) -> None:
        if self._stop.wait(self._delay):
            return
        while True:
            seconds = time.monotonic() - self._started
            self.stream.write(f"\r\033[Kbuilding: {self.stage} ({seconds:.1f} s)")
            self.stream.flush()
            self._shown = True
            if self._stop.wait(self._interval):
                return


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
