"""Stage: load. The files under content/ -> validated, typed records.

Takes: the content folder (Markdown with YAML front matter, site.yaml, assets/). Gives: plain
frozen dataclasses (Event, Person, Place, StandalonePage, SiteConfig) and every problem found,
each naming its file and line; a body's wiki-links and asset addresses, scanned once.
Must never: resolve one entry against another (that is link), render HTML, or write anything;
nor read outside content/ (symlinks out, FIFOs and devices are refused).

Modules: load (the stage's entry point), contentfiles (which paths may be read), yamlread
(safe, lined YAML), schema and fields (front-matter keys and their validators), model (the
records), media and imagesize (images and assets), unknown (files it does not read),
bodyscan, wikilinks and citations (what link needs from each body), bibliography (the works).
"""
