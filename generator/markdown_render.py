"""Brief bodies: Markdown → safe HTML, with one reused converter per process.

Raw HTML in a brief is shown as text, never passed through, and links or images whose URL is
not http(s), mailto or relative are dropped: content never puts script into the site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["extra", "sane_lists"]
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and urlsplit(value.strip()).scheme.lower() not in SAFE_SCHEMES:
                    del element.attrib[attribute]


class SafeMarkdown(Extension):
    """Escape raw HTML and drop unsafe URLs."""

    def extendMarkdown(self, md):  # noqa: N802 - the Markdown API's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "drop_unsafe_urls", 0)


_converter: tuple[tuple, markdown.Markdown] | None = None


def render_markdown(text: str) -> str:
    """Convert a brief body to HTML, reusing one converter while the settings stay the same."""
    global _converter
    settings = tuple(EXTENSIONS)
    if _converter is None or _converter[0] != settings:
        _converter = (
            settings,
            markdown.Markdown(extensions=[*settings, SafeMarkdown()], output_format="html"),
        )
    return _converter[1].reset().convert(text)
