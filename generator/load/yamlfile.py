"""YAML for content: the C loader where present, each key's line kept for error messages.

Content YAML is data an analyst types, so what YAML allows but no analyst means is refused
before anything is built from it: aliases (``&a`` / ``*a``, the way to an exponential "billion
laughs" document or a recursive one), a key given twice (else the second silently wins) and
tags that are not plain data.
"""

from __future__ import annotations

import re
from datetime import date

import yaml

from generator.errors import YamlSyntaxError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32

# A key path like ("events", 2, "date") → its 1-based line in the text.
LineMap = dict[tuple, int]

PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary")
}
TIMESTAMP = next(
    regexp for tag, regexp in yaml.resolver.Resolver.yaml_implicit_resolvers["2"] if tag.endswith("timestamp")
)

# What no text field may hold: C0 controls but tab and newlines, DEL, non-characters (XML refuses them).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
DAY = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")


def decode_text(raw: bytes) -> str:
    """UTF-8 text, without the byte-order mark some editors put first."""
    return raw.decode("utf-8-sig")


def load_yaml(text: str, first_line: int = 1) -> tuple[object, LineMap]:
    """Parse one YAML document; return the data and the line of every key and list item."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        lines: LineMap = {}
        if node is not None:
            _check(node, (), lines, first_line, set())
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise YamlSyntaxError(error.problem or str(error), line) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), first_line) from None
    finally:
        loader.dispose()
    return data, lines


def _check(node: yaml.Node, path: tuple, lines: LineMap, offset: int, seen: set[int]) -> None:
    """Record every key's line, refusing aliases, repeated keys and tags that are not plain data."""
    line = node.start_mark.line + offset
    if id(node) in seen:
        raise YamlSyntaxError("YAML aliases (*name) are not allowed in content; write the value out", line)
    seen.add(id(node))
    if len(path) > MAX_DEPTH:
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep; flatten it", line)
    if node.tag not in PLAIN_TAGS:
        raise YamlSyntaxError(f"the tag {node.tag} is not allowed in content; remove it", line)
    if isinstance(node, yaml.ScalarNode):
        if CONTROL.search(node.value):
            code = ord(CONTROL.search(node.value).group())
            raise YamlSyntaxError(f"{_field(path)} holds the control character U+{code:04X}; remove it", line)
        if node.tag.endswith("timestamp") and path[-1:] != ("publish_at",):  # a moment, not a day
            _check_day(node.value, _field(path), line)
    elif isinstance(node, yaml.MappingNode):
        first: dict[object, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError("a key must be plain text", key_node.start_mark.line + offset)
            key_line = key_node.start_mark.line + offset
            if key_node.value in first:
                raise YamlSyntaxError(
                    f"key '{key_node.value}' is given twice (first on line {first[key_node.value]}); keep one",
                    key_line,
                )
            first[key_node.value] = key_line
            key = (*path, key_node.value)
            lines[key] = key_line
            _check(value_node, key, lines, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = (*path, i)
            lines[key] = item.start_mark.line + offset
            _check(item, key, lines, offset, seen)


def _field(path: tuple) -> str:
    names = [str(part) for part in path if isinstance(part, str)]
    return f"'{names[-1]}'" if names else "a value"


def _check_day(value: str, field: str, line: int) -> None:
    """A YAML date must be a real day: no time of day, no 13th month."""
    if not TIMESTAMP.match(value):
        raise YamlSyntaxError(f"{field}: {value!r} is not a date; write it as YYYY-MM-DD", line)
    if not DAY.match(value):
        raise YamlSyntaxError(
            f"{field}: {value!r} has a time of day; write the day only, as YYYY-MM-DD", line
        )
    try:
        date(*map(int, value.split("-")))
    except ValueError as error:
        raise YamlSyntaxError(
            f"{field}: {value} is not a real day ({error}); write it as YYYY-MM-DD", line
        ) from None


def line_of(lines: LineMap, *path) -> int | None:
    """The line of ``path`` or of its nearest recorded ancestor."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
