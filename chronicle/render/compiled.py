"""Compiled templates kept for the life of the process, so a second build skips Jinja's compiler.

Parsing and compiling the layouts costs more than rendering a small site (about 0.2 s of a
0.3 s build of five pages), and `serve`, the tests and any program that builds more than once
would pay it on every build. Jinja hands each compiled template to a BytecodeCache keyed by the
template's name and file and checked against its source's checksum; this one keeps the code
objects in memory only. Nothing is written to disk: a code object read back from a folder in
the checkout would run with the builder's rights, so a file cache would be a way in (issue 18).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

LIMIT = 512  # templates kept; a site has about twenty, so this is a few hundred layouts folders


class CompiledTemplates(jinja2.BytecodeCache):
    """An in-memory BytecodeCache: code objects by (key, environment settings), checked by checksum."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._store: OrderedDict[tuple, tuple[str, CodeType]] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()  # serve renders from more than one thread

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            found = self._store.get(_slot(bucket))
        if found is not None and found[0] == bucket.checksum:  # the file changed: compile again
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None:
            return
        slot = _slot(bucket)
        with self._lock:
            self._store[slot] = (bucket.checksum, bucket.code)
            self._store.move_to_end(slot)
            while len(self._store) > self._limit:
                self._store.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._store.clear()


def _slot(bucket: Bucket) -> tuple:
    """The cache key plus every environment setting that changes the compiled code."""
    env = bucket.environment
    settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                env.keep_trailing_newline, env.optimized, env.is_async, repr(env.autoescape),
                tuple(sorted(env.extensions)), env.undefined)
    return (bucket.key, settings)


# One per process, like the re module's pattern cache: a compiled template depends only on its
# source (checked by checksum) and the settings in the key, so sharing it cannot change a page.
COMPILED = CompiledTemplates()
