"""Stage: link. Validated records -> one Site: slugs resolved, ordered, cross-referenced.

Takes: the records and problems of the load stage. Gives: the Site (events in order, people,
places, tags, years, backlinks) and the problems only the whole set can show (unknown or
misspelled slugs with a did-you-mean, duplicate tags), plus where each page lives (urls).
Must never: read or write files, or render anything.

Modules: site (records -> Site), sources (works, citations and each page's numbered sources), urls
(the path of every page, relative to the site root).
"""
