"""Static SVG drawn at build time: the co-mention graph on an entity page.

The entity sits in the middle; the entities named with it most sit on an ellipse around it,
joined by lines as thick as the number of briefs they share. Colours come from the theme's CSS
classes, so the drawing follows light and dark mode. The page lists the same data as text.
"""

from __future__ import annotations

import math
from html import escape

from generator.model import Entity

CENTRE = (400, 220)
RADII = (175, 150)  # of the ellipse the others sit on
LINE_CHARS = 17  # a label wraps onto two lines of about this many characters
LINE_HEIGHT = 17
CHAR_WIDTH = 8.8  # a generous average at the 15px the theme sets, to size the drawing to its labels
MARGIN = 8


def label_lines(name: str) -> list[str]:
    """The name on at most two short lines, the second cut with an ellipsis when too long."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [line if len(line) <= LINE_CHARS + 2 else line[: LINE_CHARS - 1].rstrip() + "…" for line in lines]


def _label(x: float, y: float, anchor: str, lines: list[str], below: bool | None) -> tuple[str, tuple]:
    """A <text> of one or two lines, and the box it takes (estimated); ``below`` puts it under
    (True) or over (False) the point, None beside it."""
    if below is None:
        top = y + 5 - (len(lines) - 1) * LINE_HEIGHT / 2
    elif below:
        top = y + 12
    else:
        top = y - (len(lines) - 1) * LINE_HEIGHT
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    width = max(map(len, lines)) * CHAR_WIDTH
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    box = (left, top - 13, left + width, top + (len(lines) - 1) * LINE_HEIGHT + 4)
    return f'<text text-anchor="{anchor}">{spans}</text>', box


def co_mention_svg(
    entity: Entity, co_mentions: list[tuple[Entity, int]], title_id: str, title: str = ""
) -> str:
    """An inline <svg> (a string of safe markup) for the entity and its co-mentioned entities;
    ``title`` is its accessible name, in the page's language (English by default)."""
    if not co_mentions:
        return ""
    most = max(n for _, n in co_mentions)
    cx, cy = CENTRE
    lines, nodes = [], []
    boxes = [(cx - 16, cy - 16, cx + 16, cy + 16)]
    count = len(co_mentions)
    for i, (other, shared) in enumerate(co_mentions):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + RADII[0] * cos, cy + RADII[1] * sin
        width = 1.5 + 6 * shared / most
        lines.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke-width="{width:.1f}"/>'
        )
        radius = 6 + 6 * shared / most
        text = label_lines(other.name)
        text[-1] += f" ({shared})"
        if abs(cos) < 0.3:  # top or bottom: centred above or below
            label, box = _label(x, y + (radius if sin > 0 else -radius), "middle", text, below=sin > 0)
        else:
            side = 1 if cos > 0 else -1
            label, box = _label(x + side * (radius + 6), y, "start" if side > 0 else "end", text, below=None)
        boxes += [box, (x - radius, y - radius, x + radius, y + radius)]
        nodes.append(
            f'<g class="node node-{escape(other.type)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f"{label}</g>"
        )
    label, box = _label(cx, cy + 16, "middle", label_lines(entity.name), below=True)
    boxes.append(box)
    centre = (
        f'<g class="node node-centre node-{escape(entity.type)}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="16"/>'
        f"{label}</g>"
    )
    # The drawing is cropped to what it holds, so it is as large as it can be on a narrow screen.
    left, top = min(b[0] for b in boxes) - MARGIN, min(b[1] for b in boxes) - MARGIN
    width, height = max(b[2] for b in boxes) + MARGIN - left, max(b[3] for b in boxes) + MARGIN - top
    title = title or f"{entity.name} and the {count} entities named with it most often"
    return (
        f'<svg class="co-mention-graph" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<g class="edges">{"".join(lines)}</g>{"".join(nodes)}{centre}</svg>'
    )
