"""Sources against the bibliography: unknown works, each page's numbered source list, who cites what.

A page's list holds its front-matter sources first, in order, then each work its body cites
that they do not name, in order of first citation; a work appears once, with every locator.
"""
from __future__ import annotations

import difflib
import os
from collections import defaultdict
from dataclasses import replace

from ..content.bibliography import Work
from ..content.citations import Citation
from ..content.model import Cited, Content, Event, Person, Place, Source, StandalonePage
from ..errors import Problem

Entry = Event | Person | Place | StandalonePage


def with_works(content: Content) -> Content:
    """Content whose `ref:` sources also carry their work's title, URL and archived copy.

    So whatever reads a source (`source.url`, a feed, a test) sees the work it names; fields
    the source sets itself win.
    """
    works = {work.id: work for work in content.works}
    if not works:
        return content

    def resolved(entry):
        sources = getattr(entry, "sources", ())
        if not any(source.ref in works for source in sources if source.ref):
            return entry
        return replace(entry, sources=tuple(_filled(source, works.get(source.ref)) for source in sources))

    return replace(content, events=tuple(map(resolved, content.events)),
                   people=tuple(map(resolved, content.people)), places=tuple(map(resolved, content.places)))


def _filled(source: Source, work: Work | None) -> Source:
    if work is None:
        return source
    return replace(source, title=source.title or work.title, url=source.url or work.url,
                   archive=source.archive or work.archive)


def source_problems(entry: Entry, works: dict[str, Work], citations: tuple[Citation, ...],
                    known_works: bool) -> list[Problem]:
    """Unknown works named by `ref:`, by a body's citations and by `date_claims`."""
    problems = []
    for source in getattr(entry, "sources", ()):
        if source.ref is not None and source.ref not in works:
            problems.append(Problem(entry.path, source.line,
                                    f"unknown work '{source.ref}'{_suggest(source.ref, works, known_works)}"))
    for citation in citations:
        for cite in citation.cites:
            if cite.id not in works:
                problems.append(Problem(entry.path, entry.body_line + citation.line - 1,
                                        f"unknown citation '@{cite.id}'{_suggest(cite.id, works, known_works)}"))
    if isinstance(entry, Event):
        problems += _claim_problems(entry, works, known_works)
    return problems


def _claim_problems(event: Event, works: dict[str, Work], known_works: bool) -> list[Problem]:
    problems = []
    numbers = {str(n) for n in range(1, len(event.sources) + 1)}
    for claim in event.date_claims:
        if claim.source not in works and claim.source not in numbers:
            own = f"; give a bibliography id or a source number 1-{len(event.sources)}" if event.sources else ""
            problems.append(Problem(event.path, claim.line, f"date claim: unknown source '{claim.source}'"
                                                           f"{_suggest(claim.source, works, known_works) or own}"))
        own_date = event.start.iso() if event.end is None else f"{event.start.iso()}/{event.end.iso()}"
        if claim.iso() == own_date:
            problems.append(Problem(event.path, claim.line, f"date claim {claim.iso()} is the event's own "
                                                           "date: list only the dates sources give instead"))
    return problems


def _suggest(ident: str, works: dict[str, Work], known_works: bool) -> str:
    """' (did you mean 'x'?)', or where the work should go when there is no bibliography."""
    if not known_works:
        return " (there is no content/bibliography.yaml, .json or .bib to hold it)"
    close = difflib.get_close_matches(ident, list(works), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def cited_rows(entry: Entry, works: dict[str, Work], citations: tuple[Citation, ...]) -> tuple[Cited, ...]:
    """The entry's numbered sources: front matter first, then works only its body cites."""
    rows: list[list] = []  # [source, ref, locators], made into Cited at the end
    row_of: dict[str, int] = {}
    for source in getattr(entry, "sources", ()):
        if source.ref is not None and source.ref in row_of:  # the same work twice: one row, both places
            _add(rows[row_of[source.ref]][2], source.pages)
            continue
        if source.ref is not None:
            row_of[source.ref] = len(rows)
        rows.append([source, source.ref, [source.pages] if source.pages else []])
    for citation in citations:
        for cite in citation.cites:
            if cite.id not in works:
                continue  # reported by source_problems
            if cite.id not in row_of:
                row_of[cite.id] = len(rows)
                rows.append([None, cite.id, []])
            _add(rows[row_of[cite.id]][2], cite.locator)
    return tuple(Cited(n, source, ref, tuple(locators)) for n, (source, ref, locators) in enumerate(rows, start=1))


def _add(locators: list[str], locator: str | None) -> None:
    if locator and locator not in locators:
        locators.append(locator)


def citing_entries(cited: dict[str, tuple[Cited, ...]], entries: dict[str, Entry]) -> dict[str, tuple[Entry, ...]]:
    """{work id: the entries that cite it}, in the order the entries are given."""
    found: dict[str, list[Entry]] = defaultdict(list)
    for slug, rows in cited.items():
        for row in rows:
            if row.ref is not None:
                found[row.ref].append(entries[slug])
    return {ref: tuple(users) for ref, users in found.items()}


def style_path(content: Content, problems: list[Problem]) -> str:
    """The site's own CSL file (checked to exist), or '' for the built-in Chicago author-date."""
    name = content.config.citation_style
    if not name:
        return ""
    path = os.path.join(os.path.dirname(content.config_path), name)
    if not os.path.isfile(path):
        problems.append(Problem(content.config_path, 0, f"citation_style: no file '{name}' under content/"))
        return ""
    return path


def claim_source_name(works: dict[str, Work], event: Event, source: str) -> str:
    """What a date claim's source is called: its work's title, or the inline source's title or publisher."""
    if source in works:
        return works[source].title
    if source.isdigit() and 0 < int(source) <= len(event.sources):
        written = event.sources[int(source) - 1]
        return written.title or written.publisher or written.url or ""
    return ""
