"""YAML loading with the C loader where present, keeping each key's line for error messages."""

from __future__ import annotations

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A key path like ("events", 2, "date") → its 1-based line in the text.
LineMap = dict[tuple, int]


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; ``line`` is 1-based."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def load_yaml(text: str, first_line: int = 1) -> tuple[object, LineMap]:
    """Parse one YAML document; return the data and the line of every key and list item."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise YamlSyntaxError(error.problem or str(error), line) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), first_line) from None
    finally:
        loader.dispose()
    lines: LineMap = {}
    if node is not None:
        _record_lines(node, (), lines, first_line)
    return data, lines


def _record_lines(node: yaml.Node, path: tuple, lines: LineMap, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, key_node.value)
            lines[key] = key_node.start_mark.line + offset
            _record_lines(value_node, key, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = (*path, i)
            lines[key] = item.start_mark.line + offset
            _record_lines(item, key, lines, offset)


def line_of(lines: LineMap, *path) -> int | None:
    """The line of ``path`` or of its nearest recorded ancestor."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
