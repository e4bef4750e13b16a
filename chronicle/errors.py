"""Problems found while loading and linking content, in one format everywhere."""
from __future__ import annotations

import os
from dataclasses import dataclass


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
        return f"{where}: {kind}{self.message}"


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
        return f"error: {self.message}"
