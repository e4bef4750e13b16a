"""Stage: bodies. Markdown bodies -> sanitized HTML, rendered once and cached.

Takes: a linked Site (bodies, wiki-link targets, site settings). Gives: each entry's body as
HTML that passed the allow-list sanitizer, with wiki-links resolved and asset addresses made
relative; the body cache and the key of the generator's code.
Must never: publish markup the sanitizer has not seen, let a body's size or nesting make the
build slow or crash (limits are refused with one line), or write into the output folder.

Modules: markup (one body to safe HTML), mdlimits (Python-Markdown kept linear), sanitize
(the allow-list), rendered (every body, from the cache or on every core), cache (the cache).
"""
