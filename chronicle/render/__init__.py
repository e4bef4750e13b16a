"""Stage: render. A linked Site + layouts -> the pages, through Jinja2 templates.

Takes: the Site, the templates (a theme's layouts/ over the built-in ones), bodies, figures and
formats. Gives: every page and export as bytes, handed to a sink as soon as it is made (on
every core), with template errors naming their file and line.
Must never: touch an output folder (the sink belongs to the write stage), or put logic in
templates: values arrive as context, prepared here.

Modules: render (the stage's entry point), pages (which pages exist and their contexts),
listing (prepared values: links, named entries, route rows), periods (a large index split
by period), scripts (language and direction of native-script names).
"""
