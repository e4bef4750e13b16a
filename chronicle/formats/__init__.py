"""Stage: formats. A linked Site -> everything the site publishes besides pages.

Takes: the Site (and the text of rendered pages, for the service worker's version). Gives:
the search index and its shards, the Atom feed's context, calendar.ics, timeline.json
(TimelineJS), places.geojson, JSON-LD, and the offline service worker, each as bytes or a
template context.
Must never: write files itself (the render stage's sink does), or reach back into rendering.

Modules: search, searchshards, feeds, ics, timelinejs, geojson, jsonld, cite (the bibliography by
a CSL processor, and bibliography.json), exports (the export files together), exporturls
(absolute URLs), offline (the service worker).
"""
