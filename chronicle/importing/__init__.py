"""`import timelinejs`: a TimelineJS file (JSON or CSV) -> content/ files.

Takes: a TimelineJS3 JSON or spreadsheet CSV file. Gives: one Markdown file per slide and
person/place stubs, with every date kept where the file put it, and a summary of what could
not be carried over.
Must never: overwrite an existing file, write a file the build would reject, leave part of an
import behind, or hold the whole file in memory (it is streamed: memory follows the largest slide).

Modules: command (the command), reader (slides, checked), dates (TimelineJS dates -> EDTF),
html (slide HTML -> Markdown), media (media and headlines).
"""
