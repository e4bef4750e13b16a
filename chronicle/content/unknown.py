"""Files and folders in content/ that the generator does not read: warned about, never silently skipped.

A folder named `event/` or a file `era.yaml` is almost always a typo, and a build that quietly
leaves it out looks like success while the reader's page is missing.
"""
from __future__ import annotations

import difflib
import os

from ..errors import Problem

KNOWN_FILES = ("site.yaml", "eras.yaml", "bibliography.yaml", "bibliography.yml", "bibliography.json",
               "bibliography.bib")
KNOWN_FOLDERS = ("events", "people", "places", "pages", "assets")


def unknown_entries(content_dir: str) -> list[Problem]:
    """A warning for each entry of content_dir that is neither a known file nor a known folder."""
    if not os.path.isdir(content_dir):
        return []
    problems = []
    for name in sorted(os.listdir(content_dir)):
        path = os.path.join(content_dir, name)
        if name.startswith("."):  # .git, .DS_Store, editor files: never content
            continue
        folder = os.path.isdir(path)
        if name in (KNOWN_FOLDERS if folder else KNOWN_FILES) or (not folder and name.endswith(".csl")):
            continue  # a .csl file is a citation style that site.yaml may name
        problems.append(Problem(path, 0, _message(name, folder), warning=True))
    return problems


def _message(name: str, folder: bool) -> str:
    what = "folder" if folder else "file"
    candidates = [*KNOWN_FOLDERS, *KNOWN_FILES]
    close = difflib.get_close_matches(name.rstrip("/"), candidates, n=1, cutoff=0.6)
    if close:
        return f"unknown {what} '{name}' ignored (did you mean '{close[0]}'?)"
    listing = ", ".join([*KNOWN_FILES[:2], *(f"{f}/" for f in KNOWN_FOLDERS)])  # the bibliography is optional
    return f"unknown {what} '{name}' ignored; content/ holds only {listing}"
