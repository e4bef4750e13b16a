"""`serve`: the live preview. Content edits -> pages answered from memory, then site/.

Takes: the build options and file-system events. Gives: an HTTP server on loopback that makes
each page when a browser asks for it from the newest good Site, live reload, the error
overlay while a build fails, and a background build that writes site/.
Must never: serve a file from outside the site, stop watching after an error, or block
requests while an update runs.

Modules: server (HTTP and the command), live (the in-memory site), watch (file events),
overlay (errors on every page).
"""
