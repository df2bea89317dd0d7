"""YAML text for drafts and the registry: PyYAML's safe representation, C-accelerated if built.

``CSafeDumper`` is ``safe_dump``'s dumper with libyaml's emitter: every value is quoted as YAML
requires, and it is many times faster than the pure-Python emitter.
"""

from __future__ import annotations

import yaml

SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: object, flow_lists: bool = False) -> str:
    """``data`` as block YAML (lists of plain values in flow style when ``flow_lists``)."""
    return yaml.dump(
        data,
        Dumper=SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=None if flow_lists else False,
    )
