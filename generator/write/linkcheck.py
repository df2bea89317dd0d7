"""Check a built site's internal links and #anchors, by parsing the real HTML written."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link '{self.link}' ({self.reason})"


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            self.links.append(values[attribute])


def scan(path: Path) -> _PageScan:
    parser = _PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_links(root: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal link of every HTML page under ``root`` must reach a file, and its #anchor an id.

    ``base_path`` is the sub-path the site is served under; root-absolute links must start with it.
    """
    pages = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.html"))}
    scans = {rel: scan(path) for rel, path in pages.items()}
    broken = []
    for rel, page in scans.items():
        for link in page.links:
            reason = _check(rel, link, root, scans, base_path)
            if reason:
                broken.append(BrokenLink(rel, link, reason))
    return broken


def _check(page: str, link: str, root: Path, scans: dict[str, _PageScan], base_path: str) -> str:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return ""  # external: not ours to check offline
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return f"root-absolute link outside the site's base path {base_path}"
        target = path[len(base_path) :]
    elif path == "":
        target = page
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.startswith(".."):
            return "leaves the site"
        if path.endswith("/") or path in (".", "./"):
            target = target.rstrip("/") + "/" if target != "." else ""
    if target == "" or target.endswith("/"):
        target += "index.html"
    if not (root / target).is_file():
        return f"no file {target}"
    if parts.fragment:
        ids = scans[target].ids if target in scans else set()
        if unquote(parts.fragment) not in ids:
            return f"no id '{parts.fragment}' in {target}"
    return ""
