"""Keep Python-Markdown's cost linear on hostile bodies, and refuse what cannot be.

Bodies come from strangers' pull requests. Python-Markdown keeps the blocks of a body in a
list it pops and inserts at the front (quadratic in the number of blocks), re-reads a block
of reference definitions once per definition, and finds footnote markers with a pattern that
rescans to the end of the paragraph from every `[^`. These are replaced here by equivalents
whose cost grows with the length of the body; what remains linear but slow per byte (many
tiny paragraphs) is bounded by a count of blocks, refused with a message naming the limit.
"""
from __future__ import annotations

import re
from collections import deque

import markdown
from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.footnotes import FootnoteInlineProcessor
from markdown import util
from markdown.treeprocessors import InlineProcessor, Treeprocessor

MAX_NESTING = 100  # elements inside each other (a list level is two: ul, li); prose needs ten
MAX_BLOCKS = 10_000  # blank-line-separated parts with text; a 600-word entry has about 10
_BLOCK_START = re.compile(r"(?:\A|\n[ \t]*\n)[ \t\n]*\S")
# Footnote labels never hold brackets or line breaks: the scan stops at the next '['.
_FOOTNOTE_MARKER = r"\[\^([^\]\[\n]*)\]"


def count_blocks(body: str) -> int:
    """The number of blank-line-separated parts of a body that hold text."""
    return sum(1 for _ in _BLOCK_START.finditer(body))


def harden_blocks(converter: markdown.Markdown) -> None:
    """Give a converter front-constant block queues, one-pass references and linear footnote markers."""
    parser = converter.parser
    parse_blocks = parser.parseBlocks
    parser.parseBlocks = lambda parent, blocks: parse_blocks(parent, _BlockQueue(blocks))
    parser.blockprocessors.register(_OnePassReferences(parser), "reference", 15)
    converter.treeprocessors.register(_NestingLimit(converter), "nesting_limit", 100)
    converter.treeprocessors.register(_ResumingInline(converter), "inline", 20)
    if "footnote" in converter.inlinePatterns:
        footnotes = converter.inlinePatterns["footnote"].footnotes
        converter.inlinePatterns.register(FootnoteInlineProcessor(_FOOTNOTE_MARKER, footnotes), "footnote", 175)


class NestedTooDeeply(Exception):
    """A body nests lists or block quotes more than MAX_NESTING levels deep."""


class _NestingLimit(Treeprocessor):
    """Refuse trees nested deeper than MAX_NESTING, before anything else walks them.

    Python-Markdown before 3.11 recursed once per level while parsing (a RecursionError
    near 1,000 levels); 3.11 parses any depth. One fixed limit gives the same answer
    whichever version a machine resolves, and keeps later recursive walks safe.
    """

    def run(self, root) -> None:  # noqa: D102 (Python-Markdown's API)
        stack = [(root, 0)]
        while stack:  # iterative: the tree may be deeper than Python recurses
            element, depth = stack.pop()
            if depth > MAX_NESTING:
                raise NestedTooDeeply()
            stack.extend((child, depth + 1) for child in element)


class _ResumingInline(InlineProcessor):
    """Inline patterns that go on after a match instead of starting the paragraph again.

    Before 3.11, Python-Markdown searched a paragraph from its start after every inline match,
    so `[a](b)[` repeated 5,000 times (35 KB) took 20 to 40 s; 3.11 resumes just past the
    placeholder it inserted, as this does for the older versions Python 3.10 can install.
    """

    def _InlineProcessor__applyPattern(self, pattern, data: str, patternIndex: int,  # noqa: N802,N803
                                       startIndex: int = 0) -> tuple[str, bool, int]:  # noqa: N803
        stashed = len(self.stashed_nodes)
        data, matched, index = super()._InlineProcessor__applyPattern(pattern, data, patternIndex, startIndex)
        if matched and index == 0 and len(self.stashed_nodes) > stashed:
            # The new node's placeholder, named as Python-Markdown names it: unique in the text.
            placeholder = util.INLINE_PLACEHOLDER % ("%04d" % (len(self.stashed_nodes) - 1))
            found = data.find(placeholder, startIndex)
            index = found + len(placeholder) if found >= 0 else 0
        return data, matched, index


class _BlockQueue(deque):
    """The block list with O(1) `pop(0)` and `insert(0, x)`, the only ways block processors use it."""

    def pop(self, index: int = -1) -> str:  # type: ignore[override]
        if index == 0:
            return self.popleft()
        if index == -1:
            return super().pop()
        value = self[index]
        del self[index]
        return value

    def insert(self, index: int, value: str) -> None:
        if index == 0:
            self.appendleft(value)
        else:
            super().insert(index, value)


class _OnePassReferences(ReferenceProcessor):
    """Read every definition at the head of a block in one pass.

    Python-Markdown stops at a definition that spans lines and leaves the rest of the block for
    the next pass, so `[a]:` on every line costs one pass over the whole block per line.
    """

    def run(self, parent, blocks) -> bool:  # noqa: D102 (Python-Markdown's API)
        block = blocks.pop(0)
        first = self.RE.search(block)
        if not first:
            blocks.insert(0, block)
            return False
        start = end = first.start()
        for match in self.RE.finditer(block, start):
            if block[end:match.start()].strip("\n"):
                break
            link = match.group(2).lstrip("<").rstrip(">")
            self.parser.md.references[match.group(1).strip().lower()] = (link, match.group(5) or match.group(6))
            end = match.end()
        if block[end:].strip():
            blocks.insert(0, block[end:].lstrip("\n"))
        if block[:start].strip():
            blocks.insert(0, block[:start].rstrip("\n"))
        return True
