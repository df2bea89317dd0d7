"""The Jinja filters and tests the theme uses beside the language ones (``i18n.py``): vague dates,
JSON inside <script>."""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.model.dates import PartialDate


def is_vague(value: PartialDate) -> bool:
    """Approximate, uncertain, open-ended or unknown: what the timeline marks."""
    return value.approximate or value.uncertain or value.is_open or not value.is_known


def json_for_script(value: object) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
