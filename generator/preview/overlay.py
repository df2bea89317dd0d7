"""What the live preview adds to every HTML page it serves: the livereload client and, while the
last build failed, an overlay naming the file, line and problem.

Pure functions of the page's bytes, so the built site itself never carries any of it.
"""

from __future__ import annotations

import html

# The client script comes from our own server (livereload ships it); the port is the page's own,
# so the preview also works behind a forwarded port.
LIVERELOAD_SNIPPET = (
    "<script>(function () {"
    "var port = location.port || (location.protocol === 'https:' ? 443 : 80);"
    "var script = document.createElement('script');"
    "script.src = '/livereload.js?port=' + port;"
    "document.head.appendChild(script);"
    "})();</script>"
)

OVERLAY_ID = "briefing-build-error"

_OVERLAY = (
    '<div id="{id}" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:2147483647;'
    "max-height:70vh;overflow:auto;margin:0;padding:1rem 1.25rem;box-sizing:border-box;"
    "background:#3b0d0c;color:#fff;border-bottom:4px solid #e5484d;text-align:left;"
    'font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace">'
    '<button type="button" onclick="this.parentNode.remove()" aria-label="Hide this message" '
    'style="float:right;font:inherit;color:inherit;background:none;border:1px solid;cursor:pointer">'
    "hide</button>"
    "<strong>The last save did not build.</strong> This is the last good version of the site; "
    "fix the problem and save, and this page reloads by itself."
    '<pre style="margin:.75rem 0 0;white-space:pre-wrap;font:inherit">{text}</pre></div>'
)

# Served for a missing page when the site has no 404.html yet (its first build failed).
FALLBACK_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>Not found · Briefing preview</title>\n</head>\n<body>\n"
    "<p>There is no page here (yet): the site has not been built.</p>\n</body>\n</html>\n"
).encode()


def error_overlay(error_text: str) -> str:
    """The overlay for a failed build: ``error_text`` (one 'path:line: message' per line), escaped."""
    return _OVERLAY.format(id=OVERLAY_ID, text=html.escape(error_text))


def decorate_page(page: bytes, error_text: str | None = None) -> bytes:
    """``page`` with the livereload client in its head and, if given, the error overlay in its body."""
    page = _insert_before(page, b"</head>", LIVERELOAD_SNIPPET.encode(), last=False)
    if error_text:
        page = _insert_before(page, b"</body>", error_overlay(error_text).encode(), last=True)
    return page


def _insert_before(page: bytes, tag: bytes, snippet: bytes, *, last: bool) -> bytes:
    """Put ``snippet`` before the first (or last) ``tag``, matched case-insensitively; else append."""
    lowered = page.lower()
    at = lowered.rfind(tag) if last else lowered.find(tag)
    if at < 0:
        return page + snippet
    return page[:at] + snippet + page[at:]
