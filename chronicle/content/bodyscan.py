"""What link needs from each body, its wiki-links, asset addresses and citations, scanned once per distinct text.

A long-running process (`serve`) hands one BodyScans to every link, so after an edit only the
edited body is scanned again; a one-off build passes none and scans every body once.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from .citations import Citation, find_citations
from .media import AssetRef, body_asset_refs
from .wikilinks import WikiLink, find_wikilinks


class BodyScan(NamedTuple):
    """One body's wiki-links, `assets/...` addresses and citations, with lines within the body."""

    wikilinks: tuple[WikiLink, ...]
    assets: tuple[AssetRef, ...]
    citations: tuple[Citation, ...] = ()


def scan_body(body: str) -> BodyScan:
    """Read the body once for everything link checks."""
    return BodyScan(tuple(find_wikilinks(body)), body_asset_refs(body), tuple(find_citations(body)))


class BodyScans:
    """Scans by body text, kept between links.

    Mutable on purpose: the caller owns it and passes it to each link_site. It holds the bodies of
    the latest link only, so an edited body's old text does not stay in memory.
    """

    def __init__(self) -> None:
        self._scans: dict[str, BodyScan] = {}

    def scan_all(self, bodies: Iterable[str]) -> dict[str, BodyScan]:
        """{body: its scan} for these bodies: remembered ones reused, the rest scanned now."""
        known = self._scans
        self._scans = {body: known[body] if body in known else scan_body(body) for body in bodies}
        return self._scans

    def __len__(self) -> int:
        return len(self._scans)
