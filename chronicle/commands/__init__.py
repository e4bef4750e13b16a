"""The commands around a build: `init`, `new`, the publishing gates and the version.

Takes: command-line arguments and the current folder. Gives: a new site (content/, a Pages
workflow, .gitignore, README), skeleton entries a build accepts at once, the optional quality
gates on a built site, the installed version and requirement line, and archived copies of sources.
Must never: overwrite a user's file (archive only inserts `archive:` lines, into files that still
load after it), or write one the build would reject.

Modules: scaffold (init and new), gates (Nu HTML Checker and axe), version (what is installed),
archive (`chronicle archive` and `check --links`: the Wayback Machine, run by the author).
"""
