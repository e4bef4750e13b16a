"""Safe YAML reading that keeps the line of every key and value.

PyYAML's constructors are not used: they turn `1958-11-28` into a `date`, crash
on `0000-01-01`, read `17:00` as 1020 and `NO` as False. Instead the composed
node tree is converted here with YAML 1.2 core rules, so dates stay text for
the date parser. Tags never construct objects, and aliases are refused, so a
"billion laughs" document cannot blow up memory or time.
"""
from __future__ import annotations

import re

import yaml

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
MAX_DEPTH = 50  # lists and mappings inside each other; front matter needs three or four
_TOO_DEEP = f"YAML nested more than {MAX_DEPTH} levels deep; flatten it"
MAX_NUMBER_DIGITS = 1000  # longer digit runs stay text: int() refuses past 4,300 digits
# Syntax errors whose real cause is an opening bracket or quote far above the failure.
_OPENERS = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar")
_UNCLOSED = re.compile(r"expected ',' or|end of stream|document (start|end)")
_STANDARD_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}


# libyaml's parser is several times faster; the pure-Python one gives the same nodes.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_BaseLoader):
    """Composes without implicit typing: every plain scalar is tagged str."""

    yaml_implicit_resolvers: dict = {}


class YamlError(ValueError):
    """A YAML problem at a line (1-based, relative to the text given)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _AliasFound(YamlError):
    """A node met twice: the document uses an alias."""


class LinedDict(dict):
    """A mapping that remembers the line of each key, and its own line."""

    line: int = 0
    lines: dict


class LinedList(list):
    """A sequence that remembers the line of each item, and its own line."""

    line: int = 0
    lines: list


def read_yaml(text: str, first_line: int = 1):
    """Parse one YAML document into dicts, lists and scalars; lines count from first_line."""
    base = first_line - 1
    try:
        _check_depth(text, base)  # before composing: libyaml's composer recurses, and crashes on deep nesting
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as exc:
        line, message = syntax_problem(exc, text.split("\n"))
        raise YamlError(line + base, message) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 + base
        raise YamlError(line, f"invalid YAML: the character U+{exc.character:04X} is not allowed in YAML; "
                              "remove it") from None
    except (yaml.YAMLError, UnicodeError) as exc:
        raise YamlError(first_line, f"invalid YAML: {str(exc).splitlines()[0]}") from None
    if node is None:
        return None
    try:
        return _convert(node, set(), base)
    except _AliasFound:
        _refuse_aliases(text, base)  # a second, rare pass to name the alias and its line
        raise


def _check_depth(text: str, base: int) -> None:
    """Refuse lists and mappings nested deeper than MAX_DEPTH (the parser's events use no recursion)."""
    depth = 0
    events = yaml.parse(text, Loader=_PlainLoader)
    try:
        for event in events:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(event.start_mark.line + 1 + base, _TOO_DEEP)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.5+ (PyYAML 6.0.3+) stops its scanner, which reads ahead of the events,
        # at 1,000 open brackets: the same document, the same message as with older versions.
        if "maximum nesting depth" in str(exc.problem) and exc.problem_mark:
            raise YamlError(exc.problem_mark.line + 1 + base, _TOO_DEEP) from None
        raise


def syntax_problem(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """The line where a syntax error starts (1-based) and a message with a hint for common cases."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if re.search(r"\btab\b", problem) or "'\\t'" in problem or "\t" in text[: len(text) - len(text.lstrip())]:
        return line, "invalid YAML: tabs are not allowed for indentation; use spaces"
    if exc.context_mark and _UNCLOSED.search(problem) and context in _OPENERS:
        start = exc.context_mark
        opener = lines[start.line][start.column: start.column + 1] if start.line < len(lines) else ""
        closer = {"[": "]", "{": "}"}.get(opener, opener)
        return start.line + 1, f"invalid YAML: this {opener!r} is never closed: add {closer!r} or quote the value"
    if "mapping values are not allowed" in problem and ": " in text.partition(": ")[2] + " ":
        return line, "invalid YAML: quote values that contain ': ', e.g. title: \"Trip: Part 1\""
    if exc.context_mark and "simple key" in context:
        line = exc.context_mark.line + 1  # the key's own line, not the next one
    return line, f"invalid YAML: {problem or context}"


def _refuse_aliases(text: str, base: int) -> None:
    """Fail at the first alias, before anything could be expanded."""
    for event in yaml.parse(text, Loader=_PlainLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(event.start_mark.line + 1 + base,
                            f"YAML aliases (*{event.anchor}) are not supported here; write the value out")


def _convert(node: yaml.Node, seen: set[int], base: int):
    line = node.start_mark.line + 1 + base
    if id(node) in seen:
        raise _AliasFound(line, "YAML aliases are not supported here; write the value out")
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(line, f"YAML tag {node.tag!r} is not allowed")
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, seen, base)
    if isinstance(node, yaml.SequenceNode):
        items = LinedList(_convert(item, seen, base) for item in node.value)
        items.line, items.lines = line, [item.start_mark.line + 1 + base for item in node.value]
        return items
    return _convert_scalar(node, line)


def _convert_mapping(node: yaml.MappingNode, seen: set[int], base: int) -> LinedDict:
    result = LinedDict()
    result.line, result.lines = node.start_mark.line + 1 + base, {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + base
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlError(key_line, "YAML merge keys (<<) are not supported")
        key = _convert(key_node, seen, base)
        if not isinstance(key, (str, int)):
            raise YamlError(key_line, "a key must be plain text")
        key = str(key)
        if key in result:
            raise YamlError(key_line, f"duplicate key '{key}' (first on line {result.lines[key]})")
        result[key] = _convert(value_node, seen, base)
        result.lines[key] = key_line
    return result


def _convert_scalar(node: yaml.ScalarNode, line: int):
    text = node.value
    if node.style:  # None (Python parser) or '' (libyaml) for plain scalars
        return text  # quoted or block scalars are always text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if len(text) > MAX_NUMBER_DIGITS:
        return text
    if _INT.match(text):
        # Leading zeros (`0000`, `-0043`) mean a year: keep the digits for the date parser.
        return text if text.lstrip("+-").startswith("0") and len(text.lstrip("+-")) > 1 else int(text)
    if _FLOAT.match(text):
        return float(text)
    return text
