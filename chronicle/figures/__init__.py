"""Stage: figures. A linked Site -> the SVG figures and the timeline view's data.

Takes: the Site's events, places and journeys. Gives: the build-time time axis, route and
place maps over the projected base map, and the data and words of timeline.html.
Must never: read content files or write output; every figure is a value the pages embed.

Modules: axis and axis_scale (the time axis), timeline_view (the lanes view), maps, basemap
(Natural Earth land, projected and clipped; mapindex finds what is near a view, projection
leaves out what the clipper would drop) and travel (leg styles and the legend), figures
(what the pages ask for).
"""
