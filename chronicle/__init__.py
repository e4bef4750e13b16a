"""Chronicle: a static-site generator for historical timelines.

Data flows one way, one folder per stage; a module may import from its own stage and the
stages above it in this list, never from one below (tests/test_layout.py enforces it):

    errors, options, parallel   what every stage may use: problems, build options, the process pool
    language/    UI words per site language, travel-mode names
    dates/       EDTF text -> Date values, and their words
    content/     load: files -> validated records (Event, Person, Place, pages, site.yaml)
    link/        records -> Site: slugs resolved, backlinks, ordering, URLs
    bodies/      Markdown bodies -> sanitized HTML, cached
    formats/     what the site publishes besides pages: search, feeds, ics, JSON, offline
    figures/     SVG figures: the time axis, the timeline view, maps and routes
    render/      Site -> pages through the Jinja templates
    output/      the written site: staging, the atomic swap, the build manifest
    pipeline     load -> link -> render -> write, for `build` and `check`
    serve/       the live preview, answering from memory
    commands/    init, new, the publishing gates, the version; what new and import may write
    importing/   TimelineJS files -> content/ files
    cli, publish, __main__   the command lines
"""

__version__ = "0.1.0"  # the one place that holds it: pyproject.toml reads it from here
