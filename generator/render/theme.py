"""The theme: where templates and assets come from, and the Jinja environment over them.

Templates come from the site's own ``templates/`` first and the default theme second, so a
site overrides the theme file by file. Autoescape is on for every template.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2

from generator import __version__
from generator.errors import TemplateError
from generator.files import check_inside
from generator.model import ENTITY_TYPE_TITLES, SiteConfig
from generator.render.filters import is_vague, json_for_script
from generator.render.i18n import add_filters

THEME_ASSETS = "assets/"  # where the theme's CSS, scripts and icon are published


def default_theme_dir() -> Path:
    """The default theme: shipped in the package as ``generator/theme``, or ``templates/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "theme", package.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise TemplateError(f"the default theme is missing from {package} (reinstall briefing)")


def make_environment(site_templates: Path) -> jinja2.Environment:
    """Site templates override the theme; undefined names fail loudly; output is escaped."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(str(site_templates)), jinja2.FileSystemLoader(str(default_theme_dir()))]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)  # until a Renderer installs the site's language
    env.filters["tojson_script"] = json_for_script
    add_filters(env)
    env.tests["vague"] = is_vague
    env.globals["entity_type_titles"] = ENTITY_TYPE_TITLES
    env.globals["generator_version"] = __version__
    return env


def static_files(config: SiteConfig) -> Iterator[tuple[str, Path]]:
    """Theme assets (overridable in the site's templates/static/) under assets/; the site's own
    static/ under static/, so neither can shadow the other (a brief shows /static/NAME).

    A link in the site's folders that leads out of the site is an error, never followed."""
    assets: dict[str, Path] = {}
    for folder, prefix in (
        (default_theme_dir() / "static", THEME_ASSETS),
        (config.templates_dir / "static", THEME_ASSETS),
        (config.static_dir, "static/"),
    ):
        inside_site = folder != default_theme_dir() / "static"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if inside_site and path.is_symlink():
                check_inside(path, config.root)
            if path.is_file():
                assets[prefix + path.relative_to(folder).as_posix()] = path
    yield from sorted(assets.items())


def template_files(config: SiteConfig) -> list[Path]:
    """Every template file a build may read, for change detection."""
    files = []
    for folder in (config.templates_dir, default_theme_dir()):
        if folder.is_dir():
            files += [
                p for p in folder.rglob("*") if p.is_file() and "static" not in p.relative_to(folder).parts
            ]
    return sorted(files)
