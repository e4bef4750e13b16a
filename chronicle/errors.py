"""Problems found while loading and linking content, in one format everywhere."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

# Characters that would break the one-line format or the output stream: C0/C1 controls, the
# Unicode line and paragraph separators (str.splitlines() splits on all of them) and lone
# surrogates (undecodable bytes in a file name), which no UTF-8 terminal can print.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, located at a file and line when known."""

    path: str
    line: int
    message: str
    warning: bool = False

    def format(self) -> str:
        """Render as `path:line: message` (line omitted when unknown)."""
        where = display_path(self.path)
        if self.line:
            where = f"{where}:{self.line}"
        kind = "warning: " if self.warning else ""
        return f"{one_line(where)}: {kind}{one_line(self.message)}"


def one_line(text: str) -> str:
    """Escape control characters repr-style (a newline becomes `\\n`): every message stays one line."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def display_path(path: str) -> str:
    """Show a path relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if not p.warning]


class BuildFailed(Exception):
    """Raised by a stage that cannot go on; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


class OutputError(BuildFailed):
    """The output folder cannot be written (refused, locked, disk full): one `error: ...` line.

    A BuildFailed too, so callers that only know BuildFailed still print it without a traceback.
    """

    def __init__(self, output: str, message: str):
        super().__init__([Problem(output, 0, message)])
        self.message = message  # names the folder itself, e.g. "cannot build into site/: ..."

    def __str__(self) -> str:
        return self.message

    def format(self) -> str:
        """The line the user sees."""
        return f"error: {one_line(self.message)}"
