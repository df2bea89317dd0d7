"""A brief's images and attachments: found, checked, measured and listed for copying.

A brief names a file beside it (a brief that is a folder, ``content/briefs/<slug>/index.md``,
keeps its files there; they are published at ``briefs/<slug>/``) or one of the site's
``static/`` files as ``/static/NAME`` (published at ``static/NAME``, linked page-relative so a
site works under a sub-path). A reference to a file that is not there is an error naming the
brief and line. Images get their width and height (read from the file's header),
``loading="lazy"``, and, when the Markdown image has a title, a ``<figure>`` with that title as
its caption. An image without alt text is a warning.

This runs on every load, after the parse cache, since it depends on files other than the
brief; its results are kept per brief by the files' stat signatures.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import struct
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from generator.errors import InputError, Problem
from generator.files import STATIC_LIMIT, digest_parts, read_input, stat_sig
from generator.load.markdown import sanitize_html
from generator.model import Body, Brief, SiteConfig
from generator.model.urls import relative_url

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"}
IMG_TAG = re.compile(r"<img\b[^>]*>")
LONE_IMAGE = re.compile(r"<p>(<img\b[^>]*>)</p>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')

_resolved: dict[str, tuple[tuple, Brief, tuple[Problem, ...], tuple[Problem, ...]]] = {}


def resolve_media(
    config: SiteConfig, brief: Brief, path: str
) -> tuple[Brief, tuple[Problem, ...], tuple[Problem, ...]]:
    """The brief with its images measured and links rewritten, its errors and its warnings."""
    if not brief.media:
        return brief, (), ()
    folder = Path(path).parent if Path(path).name == "index.md" else None
    targets = [(_target(config, brief, folder, ref), ref, line) for ref, line in brief.media]
    key = (brief.fingerprint, tuple(stat_sig(t[0]) if t else None for t, _, _ in targets))
    kept = _resolved.get(path)
    if kept is not None and kept[0] == key:
        return kept[1:]
    errors: list[Problem] = []
    warnings: list[Problem] = []
    assets: dict[str, str] = {}
    images: dict[str, tuple[str, tuple[int, int] | None]] = {}  # reference → (link, size)
    for target, ref, line in targets:
        is_image = Path(_clean(ref)).suffix.lower() in IMAGE_SUFFIXES
        if target is None:
            if _names_a_file(ref):
                errors.append(_unplaceable(path, ref, line, folder))
            continue
        source, output = target
        try:
            data = read_input(source, config.root, STATIC_LIMIT)
        except InputError:
            where = "static/" if ref.startswith("/") else "beside the brief"
            errors.append(
                Problem(path, f"'{ref}' is not there", line, f"put the file {where}, or fix the name")
            )
            continue
        if output.startswith("briefs/"):
            assets[output] = str(source)
        if is_image:
            images[ref] = image_size(data)
    if errors:
        result = (brief, tuple(errors), ())
    else:
        links = {
            ref: relative_url(brief.url, target[1])
            for target, ref, _ in targets
            if target and ref.startswith("/static/")
        }
        body = _rewrite(brief, images, links, warnings, path, dict(brief.media))
        signature = digest_parts([brief.fingerprint, repr(key[1]), repr(sorted(images.items()))])
        asset_list = tuple(sorted((out, src, repr(stat_sig(src))) for out, src in assets.items()))
        result = (
            replace(brief, body=Body(body), fingerprint=signature, assets=asset_list),
            (),
            tuple(warnings),
        )
    _resolved[path] = (key, *result)
    return result


def _clean(ref: str) -> str:
    return unquote(ref.split("#", 1)[0].split("?", 1)[0])


def _names_a_file(ref: str) -> bool:
    """True for an image, a /static/ file, or a file name beside the brief (not a page link)."""
    name = _clean(ref)
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES or name.startswith("/static/"):
        return True
    local = not name.startswith(("/", "../")) and "/../" not in name
    return local and bool(suffix) and suffix not in (".html", ".htm", ".md")


def _target(config: SiteConfig, brief: Brief, folder: Path | None, ref: str) -> tuple[Path, str] | None:
    """(source file, output path) of a reference, or None when it is not a file we publish."""
    name = _clean(ref)
    if name.startswith("/static/"):
        rest = name[len("/static/") :]
        if not rest or ".." in rest.split("/"):
            return None
        return config.static_dir / rest, "static/" + rest
    if name.startswith("/") or name.startswith("../") or "/../" in name or not Path(name).suffix:
        return None  # a page of the site, checked by 'briefing check'
    if Path(name).suffix.lower() in (".html", ".htm", ".md"):
        return None
    name = posixpath.normpath(name)  # 'img/./a.png' → 'img/a.png': one output path per file
    if folder is None or name.startswith("../"):
        return None
    return folder / name, f"{brief.url}{name}"


def _unplaceable(path: str, ref: str, line: int, folder: Path | None) -> Problem:
    if folder is None:
        hint = (
            "make the brief a folder (content/briefs/<slug>/index.md) with the file beside it, "
            "or put it in static/ and write /static/NAME"
        )
    else:
        hint = "name a file in the brief's folder, or /static/NAME for a file in static/"
    return Problem(path, f"'{ref}' names no file the site publishes", line, hint)


def _rewrite(brief: Brief, images: dict, links: dict, warnings: list, path: str, lines: dict) -> str:
    """The body with each image sized, lazy and captioned, and /static/ links made page-relative."""

    def image_tag(match: re.Match, caption: bool) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group(0)))
        src = html.unescape(attributes.get("src", ""))
        if src in links:
            attributes["src"] = html.escape(links[src])
        if src in images:
            size = images[src]
            if size:
                attributes["width"], attributes["height"] = map(str, size)
            attributes["loading"] = "lazy"
            if not attributes.get("alt", "").strip():
                warnings.append(
                    Problem(
                        path,
                        f"image '{src}' has no alt text",
                        lines.get(src),
                        "describe it: ![what it shows](file)",
                    )
                )
                attributes["alt"] = ""
        title = attributes.pop("title", "") if caption and src in images else ""
        tag = "<img " + " ".join(f'{k}="{v}"' for k, v in attributes.items()) + ">"
        return f"<figure>{tag}<figcaption>{title}</figcaption></figure>" if title else tag

    body = LONE_IMAGE.sub(
        lambda m: image_tag(m, True) if "title=" in m.group(1) else "<p>" + image_tag(m, False) + "</p>",
        brief.body_html,
    )
    body = IMG_TAG.sub(lambda m: image_tag(m, False) if "loading=" not in m.group(0) else m.group(0), body)
    for ref, link in links.items():
        if ref.startswith("/static/"):
            body = body.replace(f'href="{html.escape(ref)}"', f'href="{html.escape(link)}"')
    return sanitize_html(body)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, GIF, JPEG, WebP or SVG header; None if it cannot tell."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    head = data[:4096].decode("utf-8", "replace")
    if "<svg" in head:
        return _svg_size(head)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


SVG_TAG = re.compile(r"<svg\b[^>]*>", re.S)
SVG_LENGTH = re.compile(r"^\s*([\d.]+)\s*(px)?\s*$")


def _svg_size(head: str) -> tuple[int, int] | None:
    tag = SVG_TAG.search(head)
    if not tag:
        return None
    attributes = dict(re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', tag.group(0)))
    width, height = (SVG_LENGTH.match(attributes.get(k, "")) for k in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            return None
    return None


def folder_files(config: SiteConfig) -> list[str]:
    """Every file in the briefs' own folders but the briefs: an image a brief shows is an input
    of its page."""
    try:  # scandir knows which entries are folders without a stat of each brief
        with os.scandir(config.briefs_dir) as entries:
            folders = sorted(Path(entry.path) for entry in entries if entry.is_dir())
    except OSError:
        return []
    return [
        str(file)
        for folder in folders
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "index.md")
    ]


def brief_assets(config: SiteConfig, site) -> list[tuple[str, bytes]]:
    """The files published briefs keep beside them: (output path, bytes)."""
    return [
        (out, read_input(source, config.root, STATIC_LIMIT))
        for brief in site.briefs
        for out, source, _ in brief.assets
    ]
