"""What a build is asked to do and what it reports: small records every command needs.

Kept apart from the pipeline so that `build` with nothing changed imports only this, the
manifest and the cache key (about a tenth of the import time of the whole generator).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import Problem

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
# A wheel carries the top-level layouts/ inside the package (pyproject.toml maps it there), so
# an installed `chronicle` builds without the repository; a checkout or an editable install
# reads layouts/ beside the package. No symlink: a Windows checkout has none.
_PACKAGED_LAYOUTS = os.path.join(_PACKAGE, "layouts")
DEFAULT_LAYOUTS = (_PACKAGED_LAYOUTS if os.path.isdir(_PACKAGED_LAYOUTS)
                   else os.path.join(os.path.dirname(_PACKAGE), "layouts"))


@dataclass(frozen=True)
class Options:
    """Where to read and write, and what to include."""

    content: str
    layouts: str
    output: str
    drafts: bool = False
    base_url: str | None = None
    jobs: int | None = None  # processes at once; None: one per core this process may use


@dataclass(frozen=True)
class Summary:
    """What a build did, for the summary line."""

    pages: int
    files: int
    events: int
    people: int
    places: int
    seconds: float
    notes: tuple[str, ...]
    warnings: tuple[Problem, ...]

    def line(self, output: str) -> str:
        """One line: pages written, entries, seconds."""
        return (f"Built {self.pages} pages ({self.files} files) from {self.events} events, "
                f"{self.people} people and {self.places} places in {self.seconds:.2f} s -> {output}")
