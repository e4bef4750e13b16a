"""The installed chronicle's version and where it was installed from."""
from __future__ import annotations

import json
from importlib import metadata

from .. import __version__

DISTRIBUTION = "chronicle-timeline"


def version() -> str:
    """The version of the code that runs (an editable install's metadata may be older)."""
    return __version__


def requirement() -> str:
    """A pip requirement for this chronicle that a CI runner can install.

    A git install from an https URL is pinned to its commit (PEP 610 direct_url.json); anything
    else (a local folder, an editable install) can only be named by version.
    """
    try:
        direct = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    info = json.loads(direct) if direct else {}
    commit = info.get("vcs_info", {}).get("commit_id")
    if commit and str(info.get("url", "")).startswith("https://"):
        return f"{DISTRIBUTION} @ git+{info['url']}@{commit}"
    return f"{DISTRIBUTION}=={version()}"
