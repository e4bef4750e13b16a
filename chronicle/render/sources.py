"""Sources as pages show them: each page's numbered list, sources.html, and "Sources differ"."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from ..content.model import Cited, Event, Person, Place, Site, Source, StandalonePage
from ..dates.text import date_text, range_text
from ..formats.cite import format_works
from ..language.i18n import strings
from ..link.sources import claim_source_name
from .listing import Link, Prepared

Entry = Event | Person | Place | StandalonePage


@dataclass(frozen=True)
class SourceRow:
    """One numbered source of a page, ready for the template."""

    number: int
    work: Markup | None  # the formatted bibliography entry, for a work of the bibliography
    source: Source | None  # the source as written in front matter (title, publisher...)
    date: str
    url: str | None
    archive: str | None
    accessed: str
    locators: tuple[str, ...]
    quote: str | None
    work_href: str | None  # its entry on sources.html


@dataclass(frozen=True)
class WorkRow:
    """One work on sources.html."""

    anchor: str
    html: Markup
    url: str | None
    archive: str | None
    citing: list[Link]


@dataclass(frozen=True)
class ClaimRow:
    """One date a source gives, where sources differ."""

    date: str
    source: str
    href: str
    note: str | None


def formatted(site: Site, ready: Prepared) -> dict[str, Markup]:
    """Every work's formatted entry, made once per process."""
    return ready.once("formatted works", lambda: format_works(site.works, site.style_path))


def work_anchor(ident: str) -> str:
    """The id of a work's entry on sources.html."""
    return "work-" + ident


def source_rows(site: Site, entry: Entry, root: str, ready: Prepared) -> list[SourceRow]:
    """The entry's numbered sources: works formatted by the CSL style, the rest as written."""
    lang, works, rows = site.config.language, site.works, []
    t = strings(lang)
    entries = formatted(site, ready) if any(row.ref for row in site.cited.get(entry.slug, ())) else {}
    for row in site.cited.get(entry.slug, ()):
        work = works.get(row.ref) if row.ref else None
        source = row.source
        archive = (source.archive if source else None) or (work.archive if work else None)
        accessed = source.accessed if source and source.accessed else None
        rows.append(SourceRow(
            row.number, entries.get(row.ref) if work else None, source if work is None else None,
            date_text(source.date, lang) if source and source.date and work is None else "",
            (source.url if source and source.url else None) or (work.url if work else None), archive,
            t["accessed"].format(date=date_text(accessed, lang)) if accessed else "",
            row.locators, source.quote if source else None,
            f"{root}sources.html#{quote(work_anchor(row.ref), safe='')}" if work else None))
    return rows


def sources_page_context(site: Site, ready: Prepared) -> dict:
    """sources.html: every work in the style's order, each with the entries that cite it."""
    entries = formatted(site, ready)
    rows = [WorkRow(work_anchor(ident), html, site.works[ident].url, site.works[ident].archive,
                    ready.entry_links(site.cited_by.get(ident, ()), ""))
            for ident, html in entries.items()]
    t = strings(site.config.language)
    count = t["work_count_one"] if len(rows) == 1 else t["works_count"].format(n=len(rows))
    return {"works": rows, "count": count}


def claim_rows(site: Site, event: Event) -> list[ClaimRow]:
    """What each source says in `date_claims`, linked to the source in the page's list."""
    t = strings(site.config.language)
    rows = site.cited.get(event.slug, ())
    result = []
    for claim in event.date_claims:
        number = _row_number(rows, event, claim.source)
        work = site.works.get(claim.source)
        if number is not None:
            name = claim_source_name(site.works, event, claim.source)
            label = t["claim_source"].format(n=number)
            label, href = (f"{name} ({label})" if name else label), f"#source-{number}"
        elif work is not None:
            label, href = work.title, f"../sources.html#{quote(work_anchor(work.id), safe='')}"
        else:
            continue  # link has reported it
        result.append(ClaimRow(range_text(claim.date, claim.end, site.config.language), label, href, claim.note))
    return result


def _row_number(rows: tuple[Cited, ...], event: Event, source: str) -> int | None:
    if source.isdigit() and 0 < int(source) <= len(event.sources):
        written = event.sources[int(source) - 1]
        for row in rows:
            if row.source == written or (written.ref and row.ref == written.ref):
                return row.number
        return None
    return next((row.number for row in rows if row.ref == source), None)
