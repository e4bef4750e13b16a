"""The commands around a build: `init`, `new`, the publishing gates and the version.

Takes: command-line arguments and the current folder. Gives: a new site (content/, a Pages
workflow, .gitignore, README), skeleton entries a build accepts at once, the optional quality
gates on a built site, and the installed version and requirement line.
Must never: overwrite a user's file, or write one the build would reject.

Modules: scaffold (init and new), gates (Nu HTML Checker and axe), version (what is installed).
"""
