"""Check a content file before `new` or `import` writes it, with the build's own loader and limits.

So neither command exits 0 having written a file the next build refuses.
"""
from __future__ import annotations

import os
import re

from ..errors import Problem
from ..content.fields import codepoint
from ..content.load import BUILDERS, document_from
from ..bodies.markup import MAX_BODY_CHARS

_SURROGATE = re.compile("[\ud800-\udfff]")  # UTF-8 cannot encode them: the write itself would fail


def text_problems(path: str, kind: str, text: str, meta: dict | None = None) -> list[Problem]:
    """The errors the build would report for text written to path (kind: 'events', 'people', ...).

    meta: the front matter before YAML escaped it, so a lone surrogate is named by its key.
    """
    for key, value in (meta or {}).items():
        if isinstance(value, str) and (bad := _SURROGATE.search(value)):
            return [Problem(path, 0, f"{key}: {_surrogate(bad.group(0))}")]
    if bad := _SURROGATE.search(text):
        return [Problem(path, text.count("\n", 0, bad.start()) + 1, _surrogate(bad.group(0)))]
    problems: list[Problem] = []
    document = document_from(path, text, problems)
    record = BUILDERS[kind](os.path.basename(path)[:-3], document, problems) if document else None
    if record is not None and len(record.body) > MAX_BODY_CHARS:
        problems.append(Problem(path, document.body_line,
                                f"body has {len(record.body):,} characters; the limit is {MAX_BODY_CHARS:,}"))
    return [problem for problem in problems if not problem.warning]


def _surrogate(char: str) -> str:
    return f"contains {codepoint(char)}, a lone surrogate that UTF-8 cannot encode; remove it"
