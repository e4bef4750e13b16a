"""Stage: write. Made files -> the output folder, atomically and only where it is safe.

Takes: the files the render stage makes, and the output path. Gives: a site swapped in whole
when everything succeeded (a temporary folder, then one atomic exchange), unchanged files
kept with their inode and time, the build manifest for fast no-change rebuilds, a status line.
Must never: replace a folder chronicle did not make, leave a half-written site, or run two
builds into one output at once.

Modules: write (the only module that writes the site), outputdir (which folders a build may
replace, the lock, repair after a kill), manifest (what the last build read and wrote),
progress (the status line).
"""
