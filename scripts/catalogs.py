"""Keep the theme's message catalogs in step with its strings.

Extracts every message of the default theme (templates through Jinja's i18n extension, and the
date words in generator/render/i18n.py) into templates/locales/messages.pot, then updates each
templates/locales/<language>.po: new messages are added untranslated, gone ones dropped.

    python scripts/catalogs.py            # extract and update
    python scripts/catalogs.py --check    # exit 1 if a catalog misses a message or a translation
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
LOCALES = REPO / "templates" / "locales"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
SOURCES = [
    (REPO / "templates", [("**.html", "jinja2"), ("**.xml", "jinja2")]),
    (REPO / "generator" / "render", [("i18n.py", "python")]),
]


def extract() -> Catalog:
    """Every message the theme and the date formatter use, with where each is used."""
    template = Catalog(project="Briefing", fuzzy=False)
    for folder, methods in SOURCES:
        options = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}
        for filename, line, message, comments, _context in extract_from_dir(
            str(folder), methods, options_map=options, keywords=KEYWORDS
        ):
            where = (f"{folder.relative_to(REPO)}/{filename}", line)
            template.add(message, locations=[where], auto_comments=comments)
    return template


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    """Messages of ``template`` that ``catalog`` lacks or leaves untranslated."""
    gaps = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found else None
        values = strings if isinstance(strings, tuple) else (strings,)
        if found is None or not all(values) or found.fuzzy:
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report gaps")
    args = parser.parse_args(argv)
    template = extract()
    status = 0
    if not args.check:
        with (LOCALES / "messages.pot").open("wb") as out:
            write_po(out, template, omit_header=False, sort_output=True, width=100)
    for path in sorted(LOCALES.glob("*.po")):
        catalog = read_po(io.BytesIO(path.read_bytes()), locale=path.stem)
        if not args.check:
            catalog.update(template, no_fuzzy_matching=True)
            with path.open("wb") as out:
                write_po(out, catalog, sort_output=True, width=100, ignore_obsolete=True)
        gaps = missing(catalog, template)
        if gaps:
            status = 1
            print(f"{path.relative_to(REPO)}: {len(gaps)} untranslated: {', '.join(gaps[:5])}…")
    return status


if __name__ == "__main__":
    sys.exit(main())
