"""The installed chronicle's version and where it was installed from."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import unquote, urlparse

from .. import __version__

DISTRIBUTION = "chronicle-timeline"


def version() -> str:
    """The version of the code that runs (an editable install's metadata may be older)."""
    return __version__


@dataclass(frozen=True)
class Origin:
    """Where this chronicle came from, as a new site's requirements.txt must name it.

    Exactly one of the two is set: a requirement any CI runner can install, or a local path
    (a source folder or an archive) that only this machine has, whose wheel must travel with the site.
    """

    requirement: str | None = None
    local_path: str | None = None


def origin() -> Origin:
    """How pip installed this chronicle, read from its PEP 610 direct_url.json.

    No direct_url.json: from a package index (or not installed), so the version names it.
    """
    try:
        direct = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    return origin_of(json.loads(direct) if direct else None)


def origin_of(direct: dict | None) -> Origin:
    """The Origin a direct_url.json describes (None: installed from an index)."""
    if not direct:
        return Origin(requirement=f"{DISTRIBUTION}=={version()}")
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info") or {}
    if vcs.get("commit_id"):  # a git (or hg...) URL at the exact commit it was installed at
        if url.startswith("file:///"):  # pip with packaging < 22 rejects a git+file:/// URL (no host)
            url = "file://localhost/" + url[len("file:///"):]
        return Origin(requirement=f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}")
    parsed = urlparse(url)
    if parsed.scheme == "file":  # a local folder, an editable checkout or a local archive
        return Origin(local_path=unquote(parsed.path))
    return Origin(requirement=f"{DISTRIBUTION} @ {url}")  # an archive on the web
